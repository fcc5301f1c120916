import type { HandOverPart, UnitNames } from '../assignments/domain/assignment.commands.js';
import { assignmentsOn, partsOf, type AssignmentsState } from '../assignments/domain/assignment.decider.js';
import type { AssignmentEvent } from '../assignments/domain/assignment.events.js';
import { unitDecider, type CorrectUnitMergeDate } from '../organization/domain/unit.decider.js';
import type { UnitEvent } from '../organization/domain/unit.events.js';
import { findingDecider, type FindingState } from '../rectification/domain/finding.decider.js';
import type { FindingStreamEvent } from '../rectification/domain/finding.events.js';
import { fold } from '../shared/decider.js';
import { admin, supervisor } from '../shared/testing/actors.js';
import { given } from '../shared/testing/decider-testing.js';

/*
 * breaker8p P6: a merge typed with a wrong day (05-01 for 07-01) is corrected — the directory's UnitMergeDateCorrected, and in
 * each parent the merge's steps undone and the part passed again on the corrected day — as if typed with the right day.
 */

const PRICE = 'unit-price';
const REFORM = 'unit-reform';
const TODAY = '2026-12-03';
const REASON = '合并日期录错，以机构改革文件为准';

describe('the directory: correctUnitMergeDate (UnitMergeDateCorrected)', () => {
  const registered: UnitEvent = { type: 'UnitRegistered', data: { unitId: PRICE, code: 'WJJ', name: '青川市物价局', kind: 'DEPARTMENT', parentUnitId: null, registeredOn: '2016-01-01' } };
  const merged: UnitEvent = { type: 'UnitMerged', data: { unitId: PRICE, successorUnitId: REFORM, reason: '机构改革', mergedOn: '2016-05-01' } };
  const correct = (overrides: Partial<CorrectUnitMergeDate> = {}): CorrectUnitMergeDate => ({
    type: 'CorrectUnitMergeDate',
    actor: admin,
    today: TODAY,
    previousMergedOn: '2016-05-01',
    mergedOn: '2016-07-01',
    reason: REASON,
    successor: { mergedInto: null, name: '青川市发改委', registeredOn: '2016-01-01' },
    nameOf: (unitId) => ({ [PRICE]: '青川市物价局', [REFORM]: '青川市发改委' })[unitId],
    ...overrides,
  });

  it('given the merge of 05-01, when an administrator corrects it to 07-01, then UnitMergeDateCorrected keeps both days and the reason; the unit reads merged on 07-01', () => {
    const corrected: UnitEvent = { type: 'UnitMergeDateCorrected', data: { unitId: PRICE, successorUnitId: REFORM, previousMergedOn: '2016-05-01', mergedOn: '2016-07-01', reason: REASON, correctedOn: TODAY } };
    given(unitDecider, [registered, merged]).when(correct()).then([corrected]);
    expect(fold(unitDecider, [registered, merged, corrected])).toMatchObject({ mergedInto: REFORM, mergedOn: '2016-07-01' });
  });

  it('refuses, writing nothing: not an administrator; not merged; the form read another day (corrected meanwhile); the same day; no reason; a future day; before a registration', () => {
    given(unitDecider, [registered, merged]).when(correct({ actor: supervisor })).thenRefused('FORBIDDEN');
    given(unitDecider, [registered]).when(correct()).thenRefused('CONFLICT', /not been merged/, /未并入其他单位/);
    given(unitDecider, [registered, merged]).when(correct({ previousMergedOn: '2016-04-30' })).thenRefused('CONFLICT', /is 2016-05-01 now, not 2016-04-30 as the form showed/, /现为 2016-05-01，不是表单显示的 2016-04-30：其间已被修改/);
    given(unitDecider, [registered, merged])
      .when(correct({ previousMergedOn: '2016-04-30' }))
      .thenChangedMeanwhile({ field: 'previousMergedOn', types: ['UnitMergeDateCorrected', 'UnitMerged'], zh: /^青川市物价局并入青川市发改委的日期刚由张伟改为 2016-05-01（北京时间 2026-12-07 06:28；表单显示的是 2016-04-30）：请确认后再调整，本次未作修改。$/ });
    given(unitDecider, [registered, merged]).when(correct({ mergedOn: '2016-05-01' })).thenRefused('BAD_USER_INPUT', /already merged as of/);
    given(unitDecider, [registered, merged]).when(correct({ reason: ' ' })).thenRefused('BAD_USER_INPUT');
    given(unitDecider, [registered, merged]).when(correct({ mergedOn: '2027-01-01' })).thenRefused('BAD_USER_INPUT');
    given(unitDecider, [registered, merged]).when(correct({ mergedOn: '2015-12-31' })).thenRefused('BAD_USER_INPUT');
  });

  it('refuses a day after which the successor no longer stood (merged away itself), as a merge of that day', () => {
    given(unitDecider, [registered, merged])
      .when(correct({ successor: { mergedInto: 'unit-last', name: '青川市发改委', registeredOn: '2016-01-01', mergedOn: '2016-06-01', carriedOnBy: 'unit-last' } }))
      .thenRefused('CONFLICT', /was itself merged/);
  });
});

describe('a finding whose part the merge passed on the wrong day', () => {
  const FINDING = 'finding-s14';
  const directory = (mergedOn: string): UnitNames => ({
    nameOf: (unitId) => ({ [PRICE]: '物价局', [REFORM]: '发改局' })[unitId],
    mergerOf: (unitId) => (unitId === PRICE ? { successorUnitId: REFORM, mergedOn } : undefined),
    handOversOf: () => [],
  });
  const recorded: FindingStreamEvent = {
    type: 'FindingRecorded',
    data: { findingId: FINDING, evaluationId: 'evaluation-2015', title: '价格收费目录未更新', description: '价格收费目录未更新', category: '主动公开', severity: 'MEDIUM', concernedUnitIds: [PRICE], identifiedOn: '2016-04-10', measures: '' },
  };
  const assigned: AssignmentEvent = { type: 'UnitAssigned', data: { unitId: PRICE, role: 'LEAD', dueDate: '2016-05-31', assignedOn: '2016-04-20' } };
  const passedOn = (on: string): AssignmentEvent => ({ type: 'PartHandedOver', data: { unitId: PRICE, successorUnitId: REFORM, reason: '机构改革', handedOverOn: on } });
  const redate = (mergedOn: string, redatedFrom: string): HandOverPart => ({
    type: 'HandOverPart',
    actor: admin,
    today: TODAY,
    unitId: PRICE,
    successorUnitId: REFORM,
    reason: REASON,
    handedOverOn: mergedOn,
    redatedFrom,
    merging: true,
    unitNames: directory(mergedOn),
  });
  const partsAfter = (events: readonly FindingStreamEvent[]): AssignmentsState => (fold(findingDecider, events) as Extract<FindingState, { assignments: unknown }>).assignments;
  const read = (parts: AssignmentsState) => partsOf(parts).map((part) => [part.unitId, part.status, part.dueDate, part.heldBefore, part.heldSince]);
  const DAYS = ['2016-05-01', '2016-05-31', '2016-06-20', '2016-07-01', '2016-08-18', TODAY];

  it.each([
    ['later (05-01 → 07-01)', '2016-05-01', '2016-07-01'],
    ['earlier (07-01 → 05-01)', '2016-07-01', '2016-05-01'],
  ])('given the part passed on the recorded day, when the merge is corrected %s, then the step comes off and the part passes on the corrected day — as typed with it, on every day', (_how, recordedOn, correctedOn) => {
    const history = [recorded, assigned, passedOn(recordedOn)];
    const events = findingDecider.decide(redate(correctedOn, recordedOn), fold(findingDecider, history));
    expect(events.map((event) => [event.type, (event.data as { handedOverOn?: string }).handedOverOn])).toEqual([
      ['PartHandOverUndone', recordedOn],
      ['PartHandedOver', correctedOn],
    ]);
    const after = partsAfter([...history, ...events]);
    const typedRight = partsAfter([recorded, assigned, passedOn(correctedOn)]);
    for (const day of DAYS) expect([day, read(assignmentsOn(after, day))]).toEqual([day, read(assignmentsOn(typedRight, day))]);
  });

  it('refuses, naming the record, when the successor has a record on the part (made while the wrong day stood)', () => {
    const urged: AssignmentEvent = { type: 'UnitUrged', data: { unitId: REFORM, message: '请尽快', urgedOn: '2016-06-10' } };
    given(findingDecider, [recorded, assigned, passedOn('2016-05-01'), urged])
      .when(redate('2016-07-01', '2016-05-01'))
      .thenRefused('CONFLICT', /has a record on it dated 2016-06-10/, /发改局已有该任务 2016-06-10 的记录/);
  });

  it('refuses moving it earlier past a record of the merged unit (it took no work from its merge day)', () => {
    const reported: AssignmentEvent = { type: 'RectificationReported', data: { unitId: PRICE, summary: '已整改', evidence: [{ title: '材料', link: null, documentRef: '价发〔2016〕1号' }], reportedOn: '2016-06-10' } };
    given(findingDecider, [recorded, assigned, reported, passedOn('2016-07-01')])
      .when(redate('2016-05-01', '2016-07-01'))
      .thenRefused('CONFLICT', /has a report on its part dated 2016-06-10/, /物价局的合并日期不能更正为 2016-05-01：该单位的任务有 2016-06-10 的整改报告记录/);
  });

  it.each<[string, AssignmentEvent]>([
    ['report', { type: 'RectificationReported', data: { unitId: PRICE, summary: '已整改', evidence: [{ title: '材料', link: null, documentRef: '价发〔2016〕1号' }], reportedOn: '2016-06-10' } }],
    ['urging', { type: 'UnitUrged', data: { unitId: PRICE, message: '请尽快', urgedOn: '2016-06-10' } }],
  ])('moves it earlier onto the day of the merged unit’s %s: its paper of its last working day, taken typed on that day either side of the merge (breaker8u P2; it was refused)', (_what, paper) => {
    const history = [recorded, assigned, paper, passedOn('2016-07-01')];
    const events = findingDecider.decide(redate('2016-06-10', '2016-07-01'), fold(findingDecider, history));
    expect(events.map((event) => [event.type, (event.data as { handedOverOn?: string }).handedOverOn])).toEqual([
      ['PartHandOverUndone', '2016-07-01'],
      ['PartHandedOver', '2016-06-10'],
    ]);
    const typedRight = partsAfter([recorded, assigned, paper, passedOn('2016-06-10')]);
    for (const day of DAYS) expect([day, read(assignmentsOn(partsAfter([...history, ...events]), day))]).toEqual([day, read(assignmentsOn(typedRight, day))]);
    // A day later than the paper is still refused as before, naming it.
    given(findingDecider, history).when(redate('2016-06-09', '2016-07-01')).thenRefused('CONFLICT', /dated 2016-06-10/, /该单位的任务有 2016-06-10 的/);
  });

  it('given the merged unit\'s pass of 06-14 corrected to a failure (a correction entered today), when the merge of 06-17 is moved to 06-19: accepted — the correction is no record of today (breaker8s P10)', () => {
    const reported: AssignmentEvent = { type: 'RectificationReported', data: { unitId: PRICE, summary: '已整改', evidence: [{ title: '材料', link: null, documentRef: '价发〔2016〕1号' }], reportedOn: '2016-05-10' } };
    const passed: AssignmentEvent = { type: 'InspectionLogged', data: { unitId: PRICE, inspectionId: 'inspection-1', outcome: 'PASSED', notes: '', inspectedOn: '2016-05-14', place: '物价局' } };
    const corrected: AssignmentEvent = {
      type: 'InspectionCorrected',
      data: { unitId: PRICE, inspectionId: 'inspection-1', previousInspectedOn: '2016-05-14', inspectedOn: '2016-05-14', previousOutcome: 'PASSED', outcome: 'FAILED', reason: '复核不合格', correctedOn: TODAY, newDueDate: '2016-07-31' },
    };
    const events = findingDecider.decide(redate('2016-06-19', '2016-06-17'), fold(findingDecider, [recorded, assigned, reported, passed, corrected, passedOn('2016-06-17')]));
    expect(events.map((event) => [event.type, (event.data as { handedOverOn?: string }).handedOverOn])).toEqual([
      ['PartHandOverUndone', '2016-06-17'],
      ['PartHandedOver', '2016-06-19'],
    ]);
  });
});
