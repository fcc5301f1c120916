import type { Actor } from '../../shared/command-context.js';
import { fold } from '../../shared/decider.js';
import { admin, clerkOf, inspector, supervisor, system } from '../../shared/testing/actors.js';
import { EventSchemaRegistry } from '../../shared/event-schemas.js';
import { given as givenDecider } from '../../shared/testing/decider-testing.js';
import { workPlanDecider, type CorrectPlanApproval, type CorrectPlanImportDate, type ImportWorkPlan, type WorkPlanState } from './work-plan.decider.js';
import {
  workPlanIdFor,
  workPlanItemIdFor,
  workPlanItemStream,
  workPlanStream,
  workPlanEventSchemas,
  type WorkPlanEvent,
  type WorkPlanImported,
} from './work-plan.events.js';

// ---------------------------------------------------------------------------------------------
// given / when / then

const stateAfter = (events: readonly WorkPlanEvent[]): WorkPlanState => fold(workPlanDecider, events);

const given = (events: readonly WorkPlanEvent[]) => givenDecider(workPlanDecider, events);

// ---------------------------------------------------------------------------------------------
// fixtures: 青川市 2026, two categories of the breakdown

const TITLE = '青川市2026年政务公开工作要点分解方案';
const PLAN = workPlanIdFor(2026, TITLE);
const SHA = 'a'.repeat(64);
const OTHER_SHA = 'b'.repeat(64);

const item = (code: string, title: string) => ({ itemId: workPlanItemIdFor(PLAN, code), code, title });

const data: WorkPlanImported['data'] = {
  planId: PLAN,
  title: TITLE,
  year: 2026,
  categories: [
    { code: '一', title: '推进五公开', items: [item('1', '公开重大决策草案'), item('2', '公开财政预决算')] },
    { code: '二', title: '回应社会关切', items: [item('3', '做好政策解读')] },
  ],
  source: { fileName: 'work-plan-2026.xlsx', sha256: SHA },
  approvedOn: '2026-02-20',
};
const imported: WorkPlanImported = { type: 'WorkPlanImported', data };
const TODAY = '2026-03-01';

const importPlan = (
  overrides: Partial<WorkPlanImported['data']> = {},
  actor: Actor = supervisor,
  partsAssignedOn = '2026-02-25',
): ImportWorkPlan => ({ type: 'ImportWorkPlan', actor, today: TODAY, partsAssignedOn, data: { ...data, ...overrides } });

// ---------------------------------------------------------------------------------------------

describe('ids and streams', () => {
  it('derives the same plan id from the same year and title', () => {
    expect(workPlanIdFor(2026, TITLE)).toBe(PLAN);
    expect(workPlanIdFor(2027, TITLE)).not.toBe(PLAN);
    expect(workPlanItemIdFor(PLAN, '1')).not.toBe(workPlanItemIdFor(PLAN, '2'));
  });

  it('names the plan and item streams', () => {
    expect(workPlanStream(PLAN)).toBe(`work-plan-${PLAN}`);
    expect(workPlanItemStream('item-1')).toBe('work-plan-item-item-1');
  });
});

describe('empty', () => {
  it('imports the plan outline', () => {
    given([]).when(importPlan()).then([imported]);
  });

  it.each([system, admin])('$role may import', (actor) => {
    given([]).when(importPlan({}, actor)).then([imported]);
  });

  it.each([inspector, clerkOf('unit-finance')])('$role may not import', (actor) => {
    given([]).when(importPlan({}, actor)).thenRefused('FORBIDDEN');
  });

  it('refuses a plan id not derived from year and title', () => {
    given([]).when(importPlan({ planId: workPlanIdFor(2025, TITLE) })).thenRefused('BAD_USER_INPUT', /workPlanIdFor/);
  });

  it('refuses an item id not derived from the plan and the item code', () => {
    const categories = [{ code: '一', title: '推进五公开', items: [{ ...item('1', '公开重大决策草案'), itemId: 'x' }] }];
    given([]).when(importPlan({ categories })).thenRefused('BAD_USER_INPUT', /workPlanItemIdFor/);
  });

  describe('business time: the plan is approved on a past or present day, its items assigned on or after it', () => {
    it('takes a plan approved years ago, entered today, its items assigned the same day', () => {
      const past = { ...data, approvedOn: '2016-04-25' };
      given([]).when(importPlan({ approvedOn: '2016-04-25' }, supervisor, '2016-04-25')).then([{ type: 'WorkPlanImported', data: past }]);
    });

    it('refuses an approval day in the future', () => {
      given([])
        .when(importPlan({ approvedOn: '2026-03-02' }, supervisor, '2026-03-02'))
        .thenRefused('BAD_USER_INPUT', /^The day the plan was approved \(2026-03-02\) is in the future: today is 2026-03-01\.$/, /方案批准日期（2026-03-02）是将来的日期/);
    });

    it('refuses items assigned before the plan was approved, naming both days in English and Chinese', () => {
      given([])
        .when(importPlan({}, supervisor, '2026-02-19'))
        .thenRefused(
          'BAD_USER_INPUT',
          /^The assignment date of its items \(2026-02-19\) is before the day the plan was approved \(2026-02-20\)\.$/,
          /^事项交办日期（2026-02-19）早于方案批准日期（2026-02-20），日期顺序不对。$/,
        );
    });

    it('refuses items assigned in the future', () => {
      given([]).when(importPlan({}, supervisor, '2026-03-05')).thenRefused('BAD_USER_INPUT', /\(2026-03-05\) is in the future/);
    });

    it('refuses an approval day that is not a date', () => {
      given([]).when(importPlan({ approvedOn: '2026-02-30' })).thenRefused('BAD_USER_INPUT', /not a valid date/);
    });
  });

  it.each<[string, Partial<WorkPlanImported['data']>]>([
    ['a blank title', { title: ' ', planId: workPlanIdFor(2026, ' ') }],
    ['a year that is not a year', { year: 26, planId: workPlanIdFor(26, TITLE) }],
    ['a fractional year', { year: 2026.5, planId: workPlanIdFor(2026.5, TITLE) }],
    ['no categories', { categories: [] }],
    ['a category without items', { categories: [{ code: '一', title: '推进五公开', items: [] }] }],
    ['a category without a title', { categories: [{ code: '一', title: '', items: [item('1', '公开重大决策草案')] }] }],
    [
      'a category twice',
      {
        categories: [
          { code: '一', title: '推进五公开', items: [item('1', '公开重大决策草案')] },
          { code: '一', title: '推进五公开', items: [item('2', '公开财政预决算')] },
        ],
      },
    ],
    [
      'an item code twice',
      {
        categories: [
          { code: '一', title: '推进五公开', items: [item('1', '公开重大决策草案')] },
          { code: '二', title: '回应社会关切', items: [item('1', '做好政策解读')] },
        ],
      },
    ],
    ['an item without a title', { categories: [{ code: '一', title: '推进五公开', items: [item('1', '')] }] }],
    ['a malformed sha256', { source: { fileName: 'plan.csv', sha256: 'abc' } }],
    ['a blank file name', { source: { fileName: '', sha256: SHA } }],
  ])('refuses %s', (_what, overrides) => {
    given([]).when(importPlan(overrides)).thenRefused('BAD_USER_INPUT');
  });
});

describe('imported', () => {
  it('knows its title, year and source', () => {
    expect(stateAfter([imported])).toEqual({
      status: 'imported',
      planId: PLAN,
      title: TITLE,
      year: 2026,
      source: { fileName: 'work-plan-2026.xlsx', sha256: SHA },
      approvedOn: '2026-02-20',
      categories: imported.data.categories,
    });
  });

  it('keeps the day it was approved through a revision', () => {
    const { approvedOn: _kept, ...outline } = data;
    const revised: WorkPlanEvent = { type: 'WorkPlanRevised', data: { ...outline, source: { fileName: 'v2.xlsx', sha256: OTHER_SHA }, revisedOn: '2026-05-01', reason: 'Revised by v2.xlsx' } };
    expect(stateAfter([imported, revised])).toMatchObject({ approvedOn: '2026-02-20', source: { sha256: OTHER_SHA } });
  });

  it('importing the same file again changes nothing, whatever days the import names', () => {
    given([imported]).when(importPlan({ approvedOn: '2026-02-21' }, supervisor, '2026-02-28')).then([]);
  });

  it('importing the same file again changes nothing', () => {
    given([imported]).when(importPlan()).then([]);
  });

  it('the same file under another name is still the same document', () => {
    given([imported])
      .when(importPlan({ source: { fileName: 'copy of plan.xlsx', sha256: SHA } }))
      .then([]);
  });

  it('refuses a different document for the same plan, naming both files', () => {
    given([imported])
      .when(importPlan({ source: { fileName: 'work-plan-2026-v2.xlsx', sha256: OTHER_SHA } }))
      .thenRefused('CONFLICT', /already imported from work-plan-2026\.xlsx.*work-plan-2026-v2\.xlsx.*different document/);
  });

  it('who may import is checked before anything else', () => {
    given([imported]).when(importPlan({}, clerkOf('unit-finance'))).thenRefused('FORBIDDEN');
  });
});

describe('WorkPlanImported written before it carried the approval day (v1)', () => {
  const schemas = new EventSchemaRegistry().register(workPlanEventSchemas);
  const { approvedOn: _absent, ...v1 } = data;
  const recordedAt = '2026-02-27T17:30:00.000Z';

  it('reads with the office day it was imported on as the day the plan was approved', () => {
    expect(schemas.upcast({ type: 'WorkPlanImported', schemaVersion: 1, data: v1, metadata: { recordedAt } })).toEqual({
      type: 'WorkPlanImported',
      data: { ...v1, approvedOn: '2026-02-28' },
    });
    expect(schemas.currentVersion('WorkPlanImported')).toBe(2);
  });

  it('happened on the day the plan was approved', () => {
    expect(schemas.occurredOn('WorkPlanImported', data, recordedAt)).toBe('2026-02-20');
  });
});

describe('revised', () => {
  const revise = (overrides: Partial<WorkPlanImported['data']> = {}) => ({
    type: 'RevisePlan' as const,
    actor: supervisor,
    data: { ...data, ...overrides, revisedOn: '2026-05-06', reason: '市政府常务会议决定增加' },
  });
  const withItem4 = [data.categories[0]!, { ...data.categories[1]!, items: [...data.categories[1]!.items, item('4', '回应网民留言')] }];

  it('an item added on its own changes the outline and keeps the file the plan came from', () => {
    given([imported]).when(revise({ categories: withItem4 })).then([{ type: 'WorkPlanRevised', data: revise({ categories: withItem4 }).data }]);
  });

  it('the same outline from the same file changes nothing', () => {
    given([imported]).when(revise()).then([]);
  });

  describe('given a new version of its file applied as of 2026-09-01 (breaker8c P15)', () => {
    const version = (fileName: string, revisedOn: string, categories: WorkPlanImported['data']['categories'] = withItem4) => ({
      type: 'RevisePlan' as const,
      actor: supervisor,
      data: { ...data, categories, source: { fileName, sha256: fileName.length.toString(16).padStart(64, '0') }, revisedOn, reason: `依据 ${fileName} 修订方案` },
    });
    const september: WorkPlanEvent = { type: 'WorkPlanRevised', data: version('plan-v3.csv', '2026-09-01').data };

    it('refuses an older version entered after it, naming the later one and what to do instead', () => {
      given([imported, september])
        .when(version('plan-v2-july.csv', '2026-07-01', data.categories))
        .thenRefused('CONFLICT', /already revised by plan-v3\.csv as of 2026-09-01; a version as of 2026-07-01 comes before it/, /已按 plan-v3\.csv 调整（调整日期 2026-09-01）；本次文件的调整日期 2026-07-01 在其之前，不能再整体按新版本调整.*日期填 2026-07-01。$/);
      given([imported, september]).when(version('plan-v2-july.csv', '2026-07-01', data.categories)).thenRefusedAt('assignedOn');
    });

    it('applies a version of the same day or later', () => {
      given([imported, september]).when(version('plan-v4.csv', '2026-09-01', data.categories)).then([{ type: 'WorkPlanRevised', data: version('plan-v4.csv', '2026-09-01', data.categories).data }]);
      given([imported, september]).when(version('plan-v4.csv', '2026-10-01', data.categories)).then([{ type: 'WorkPlanRevised', data: version('plan-v4.csv', '2026-10-01', data.categories).data }]);
    });

    it('still takes an item added on its own on an earlier day: that is no version of the file', () => {
      const withItem5 = [data.categories[0]!, { ...withItem4[1]!, items: [...withItem4[1]!.items, item('5', '政策解读')] }];
      const added = { type: 'RevisePlan' as const, actor: supervisor, data: { ...september.data, categories: withItem5, revisedOn: '2026-05-06', reason: '补录5月新增事项' } };
      given([imported, september]).when(added).then([{ type: 'WorkPlanRevised', data: added.data }]);
    });
  });
});

describe('imported, when its approval day is corrected', () => {
  const correct = (approvedOn: string, overrides: Partial<CorrectPlanApproval> = {}): CorrectPlanApproval => ({
    type: 'CorrectPlanApproval', actor: supervisor, today: TODAY, approvedOn, reason: '导入时未填写批准日期', earliestAssignedOn: '2026-02-25', earliestDueDate: '2026-02-22', ...overrides,
  });

  it('records the correction with the previous day and the reason, and the plan keeps the corrected day', () => {
    const corrected: WorkPlanEvent = {
      type: 'WorkPlanApprovalCorrected',
      data: { planId: PLAN, previousApprovedOn: '2026-02-20', approvedOn: '2026-02-10', reason: '导入时未填写批准日期', correctedOn: TODAY },
    };
    given([imported]).when(correct('2026-02-10')).then([corrected]);
    expect(stateAfter([imported, corrected])).toMatchObject({ approvedOn: '2026-02-10' });
  });

  it('refuses a day after an item was assigned or due, naming both days', () => {
    given([imported]).when(correct('2026-02-26', { earliestDueDate: null })).thenRefused('BAD_USER_INPUT', /first assignment of its items \(2026-02-25\) is before the corrected approval date \(2026-02-26\)/);
    given([imported]).when(correct('2026-02-23')).thenRefused('BAD_USER_INPUT', /earliest due date of its items \(2026-02-22\) is before the corrected approval date \(2026-02-23\)/, /其事项最早的完成时限（2026-02-22）早于更正后的批准日期（2026-02-23）/);
  });

  it('a correction sent from a form that showed another approval day — corrected meanwhile — is refused CONFLICT naming who set which day when, the first kept (issue 9)', () => {
    const zhang: WorkPlanEvent = { type: 'WorkPlanApprovalCorrected', data: { planId: PLAN, previousApprovedOn: '2026-02-20', approvedOn: '2026-02-10', reason: '按印发文件', correctedOn: TODAY } };
    // Given the approval day corrected 02-20 → 02-10, when a second supervisor's form (still showing 02-20) corrects it to 02-12: refused.
    given([imported, zhang])
      .when(correct('2026-02-12', { expectedApprovedOn: '2026-02-20' }))
      .thenChangedMeanwhile({
        field: 'expectedApprovedOn',
        types: ['WorkPlanApprovalCorrected'],
        reason: '按印发文件',
        zh: `工作方案「${TITLE}」的批准日期刚由张伟改为 2026-02-10（北京时间 2026-12-07 06:28；理由：按印发文件；表单显示的是 2026-02-20）：请确认后再调整，本次未作修改。`,
      });
    given([imported, zhang]).when(correct('2026-02-12', { expectedApprovedOn: '2026-02-20' })).thenRefused('CONFLICT', /is 2026-02-10 now, not 2026-02-20 as the form showed/, /批准日期现为 2026-02-10，不是表单显示的 2026-02-20：其间已被修改/);
    // The form that showed the day in force corrects it; without the expected day (a script) it is not checked.
    expect(given([imported, zhang]).when(correct('2026-02-12', { expectedApprovedOn: '2026-02-10' })).decision()).toHaveLength(1);
    expect(given([imported, zhang]).when(correct('2026-02-12')).decision()).toHaveLength(1);
  });

  it('refuses the same day, a future day, no reason, and anyone but a supervisor', () => {
    given([imported]).when(correct('2026-02-20')).thenRefused('BAD_USER_INPUT');
    given([imported]).when(correct('2026-03-02', { earliestAssignedOn: null, earliestDueDate: null })).thenRefused('BAD_USER_INPUT', /in the future/);
    given([imported]).when(correct('2026-02-10', { reason: ' ' })).thenRefused('BAD_USER_INPUT');
    given([imported]).when(correct('2026-02-10', { actor: admin })).thenRefused('FORBIDDEN');
    given([]).when(correct('2026-02-10')).thenRefused('NOT_FOUND');
  });
});

describe('imported, when the day its import assigned the items is corrected (newcomer36 S14)', () => {
  const ITEMS = [workPlanItemIdFor(PLAN, '1'), workPlanItemIdFor(PLAN, '2'), workPlanItemIdFor(PLAN, '3')];
  const correct = (assignedOn: string, overrides: Partial<CorrectPlanImportDate> = {}): CorrectPlanImportDate => ({
    type: 'CorrectPlanImportDate', actor: supervisor, today: TODAY, previousAssignedOn: '2026-03-01', assignedOn, reason: '导入时交办日期默认为当天', itemIds: ITEMS, ...overrides,
  });

  it('records one correction of the whole import — both days, the items, the reason — and the plan is otherwise as it was', () => {
    given([imported])
      .when(correct('2026-02-25'))
      .then([
        {
          type: 'WorkPlanImportDateCorrected',
          data: { planId: PLAN, previousAssignedOn: '2026-03-01', assignedOn: '2026-02-25', itemIds: ITEMS, reason: '导入时交办日期默认为当天', correctedOn: TODAY },
        },
      ]);
    const after = stateAfter([imported, { type: 'WorkPlanImportDateCorrected', data: { planId: PLAN, previousAssignedOn: '2026-03-01', assignedOn: '2026-02-25', itemIds: ITEMS, reason: 'x', correctedOn: TODAY } }]);
    // Otherwise as it was: it keeps only where the corrected day went (a form still showing it is told, issue 9).
    expect(after).toEqual({ ...stateAfter([imported]), importDateMovedTo: { '2026-03-01': '2026-02-25' } });
  });

  it('a correction sent from a form still showing the day a colleague corrected meanwhile is refused CONFLICT naming where it went, the first correction kept (issue 9)', () => {
    const first = { type: 'WorkPlanImportDateCorrected', data: { planId: PLAN, previousAssignedOn: '2026-03-01', assignedOn: '2026-02-25', itemIds: ITEMS, reason: '张伟：按印发文件', correctedOn: TODAY } } as const;
    // Given the import's day moved 03-01 → 02-25, when a second supervisor's form (still showing 03-01) moves it to 02-20: no part reads 03-01.
    given([imported, first])
      .when(correct('2026-02-20', { itemIds: [] }))
      .thenChangedMeanwhile({
        field: 'previousAssignedOn',
        types: ['WorkPlanImportDateCorrected'],
        reason: '张伟：按印发文件',
        zh: `工作方案「${TITLE}」事项的交办日期刚由张伟改为 2026-02-25（北京时间 2026-12-07 06:28；理由：张伟：按印发文件；表单显示的是 2026-03-01）：请确认后再调整，本次未作修改。`,
      });
    // Followed through a later correction: 03-01 → 02-25 → 02-24 reads 02-24; a day never corrected is NOT_FOUND as before.
    const second = { type: 'WorkPlanImportDateCorrected', data: { ...first.data, previousAssignedOn: '2026-02-25', assignedOn: '2026-02-24' } } as const;
    given([imported, first, second]).when(correct('2026-02-20', { itemIds: [] })).thenRefused('CONFLICT', /is 2026-02-24 now, not 2026-03-01/);
    given([imported, first]).when(correct('2026-02-20', { previousAssignedOn: '2026-02-28', itemIds: [] })).thenRefused('NOT_FOUND');
    // The form showing the day in force corrects it.
    expect(given([imported, first]).when(correct('2026-02-20', { previousAssignedOn: '2026-02-25' })).decision()).toHaveLength(1);
  });

  it('refuses a day before the plan\'s approval as it stands, naming it — and takes it once the approval day is corrected first', () => {
    given([imported]).when(correct('2026-02-15')).thenRefused('BAD_USER_INPUT', /approved.*2026-02-20|2026-02-20/u, /方案批准日期（2026-02-20）/u);
    const approvalCorrected: WorkPlanEvent = { type: 'WorkPlanApprovalCorrected', data: { planId: PLAN, previousApprovedOn: '2026-02-20', approvedOn: '2026-02-10', reason: '导入时未填写批准日期', correctedOn: TODAY } };
    given([imported, approvalCorrected]).when(correct('2026-02-15')).then([
      { type: 'WorkPlanImportDateCorrected', data: { planId: PLAN, previousAssignedOn: '2026-03-01', assignedOn: '2026-02-15', itemIds: ITEMS, reason: '导入时交办日期默认为当天', correctedOn: TODAY } },
    ]);
  });

  it('refuses no item assigned on the day the form read (NOT_FOUND), the same day, a future day, no reason, and anyone but a supervisor', () => {
    given([imported]).when(correct('2026-02-25', { itemIds: [] })).thenRefused('NOT_FOUND', /no item/iu, /没有 2026-03-01 交办的事项/u);
    given([imported]).when(correct('2026-03-01')).thenRefused('BAD_USER_INPUT', /already/u, /交办日期已是 2026-03-01/u);
    given([imported]).when(correct('2026-03-02')).thenRefused('BAD_USER_INPUT', /in the future/u);
    given([imported]).when(correct('2026-02-25', { reason: ' ' })).thenRefused('BAD_USER_INPUT');
    given([imported]).when(correct('2026-02-25', { actor: admin })).thenRefused('FORBIDDEN');
    given([]).when(correct('2026-02-25')).thenRefused('NOT_FOUND');
  });
});

/*
 * breaker10t P6: the import's day moved past a version already applied (approved 06-05, assigned 06-10, the version of 06-01
 * re-dating item 1): the parts assigned on 06-10 kept the old date, red a month early.
 */
describe('imported and revised on 2026-06-01, when its approval or import day is corrected past that (breaker10t P6)', () => {
  const LATER = '2026-07-01';
  const version: WorkPlanEvent = { type: 'WorkPlanRevised', data: { ...imported.data, source: { fileName: 'd-v2.csv', sha256: OTHER_SHA }, revisedOn: '2026-06-01', reason: 'Revised by d-v2.csv' } };
  const itemAdded: WorkPlanEvent = { type: 'WorkPlanRevised', data: { ...imported.data, revisedOn: '2026-06-01', reason: '领导小组会议增补' } };
  const importDay = (assignedOn: string, approvedOn?: string): CorrectPlanImportDate => ({
    type: 'CorrectPlanImportDate', actor: supervisor, today: LATER, previousAssignedOn: '2026-03-01', assignedOn, reason: '实际6月交办', itemIds: ['i'], ...(approvedOn ? { approvedOn } : {}),
  });
  const approval = (approvedOn: string): CorrectPlanApproval => ({ type: 'CorrectPlanApproval', actor: supervisor, today: LATER, approvedOn, reason: '实际6月印发', earliestAssignedOn: null, earliestDueDate: null });

  it('refuses an import day after the version, naming its day and file; takes one before it, or on it', () => {
    given([imported, version]).when(importDay('2026-06-10', '2026-02-20')).thenRefused('BAD_USER_INPUT', /first change.*revised on 2026-06-01 by d-v2\.csv/u, /更正后的交办日期（2026-06-10）晚于工作方案「.*」的首次调整：该方案已于 2026-06-01 按“d-v2\.csv”调整/u);
    given([imported, version]).when(importDay('2026-05-20')).then([expect.objectContaining({ type: 'WorkPlanImportDateCorrected' })]);
    given([imported, version]).when(importDay('2026-06-01')).then([expect.objectContaining({ type: 'WorkPlanImportDateCorrected' })]);
  });

  it('refuses an approval day after it, and after an item added on its own', () => {
    given([imported, version]).when(approval('2026-06-05')).thenRefused('BAD_USER_INPUT', /2026-06-01/u, /更正后的批准日期（2026-06-05）晚于.*首次调整/u);
    given([imported, itemAdded]).when(importDay('2026-06-10')).thenRefused('BAD_USER_INPUT', /an item was added to it on 2026-06-01/u, /已于 2026-06-01 增补事项/u);
  });
});

describe('imported, when its import day and its approval day are corrected in one request (newcomer36 S14)', () => {
  it('takes the approval day the request gives (its CorrectPlanApproval comes first in the same batch)', () => {
    given([imported])
      .when({ type: 'CorrectPlanImportDate', actor: supervisor, today: TODAY, previousAssignedOn: '2026-03-01', assignedOn: '2026-02-15', reason: '导入时日期有误', itemIds: ['i'], approvedOn: '2026-02-10' })
      .then([{ type: 'WorkPlanImportDateCorrected', data: { planId: PLAN, previousAssignedOn: '2026-03-01', assignedOn: '2026-02-15', itemIds: ['i'], reason: '导入时日期有误', correctedOn: TODAY } }]);
  });
});

describe('the content digest of a version\'s file (newcomer43-10 #3)', () => {
  const DIGEST_1 = 'c'.repeat(64);
  const DIGEST_2 = 'd'.repeat(64);
  const revised = (sha256: string, contentDigest: string | undefined, revisedOn: string): WorkPlanEvent => ({
    type: 'WorkPlanRevised',
    data: { ...data, source: { fileName: `v-${revisedOn}.csv`, sha256, ...(contentDigest === undefined ? {} : { contentDigest }) }, revisedOn, reason: 'Revised' },
  });

  it('given events recorded before the digest (none on the source), then they load and the earlier file is known by its bytes only', () => {
    const state = stateAfter([imported, revised(OTHER_SHA, undefined, '2026-06-15')]);
    expect(state).toMatchObject({ status: 'imported', earlierSources: { [SHA]: { fileName: 'work-plan-2026.xlsx', on: '2026-02-20' } } });
    expect(state.status === 'imported' && state.earlierSources?.[SHA]).not.toHaveProperty('contentDigest');
  });

  it('given v1 superseded by v2, then v1\'s digest is kept with its file; brought back by a third file saying the same, v1 is no longer an earlier version', () => {
    const v1 = { ...imported, data: { ...data, source: { ...data.source, contentDigest: DIGEST_1 } } };
    const afterV2 = stateAfter([v1, revised(OTHER_SHA, DIGEST_2, '2026-06-15')]);
    expect(afterV2).toMatchObject({ earlierSources: { [SHA]: { contentDigest: DIGEST_1 } } });
    const back = stateAfter([v1, revised(OTHER_SHA, DIGEST_2, '2026-06-15'), revised('e'.repeat(64), DIGEST_1, '2026-07-01')]);
    expect(back.status === 'imported' && Object.values(back.earlierSources ?? {}).map((source) => source.contentDigest)).toEqual([DIGEST_2]);
  });

  it('refuses a digest that is not 64 lower-case hex digits, naming it', () => {
    expect(() => workPlanDecider.decide(importPlan({ source: { ...data.source, contentDigest: 'ABC' } }), workPlanDecider.initialState())).toThrow(expect.objectContaining({ messageZh: '来源文件的内容摘要应为 64 位小写十六进制数字。' }));
  });
});
