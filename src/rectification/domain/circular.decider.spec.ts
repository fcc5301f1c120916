import { evolveAssignments, initialAssignmentsState } from '../../assignments/domain/assignment.decider.js';
import type { AssignmentEvent } from '../../assignments/domain/assignment.events.js';
import { heldOnlyFrom } from '../issue-circular/issue-circular.handler.js';
import type { Actor } from '../../shared/command-context.js';
import { fold } from '../../shared/decider.js';
import { admin, clerkOf, inspector, supervisor } from '../../shared/testing/actors.js';
import { given as givenDecider } from '../../shared/testing/decider-testing.js';
import { circularDecider, type CorrectCircular, type IssueCircular, type WithdrawCircular } from './circular.decider.js';
import { EventSchemaRegistry } from '../../shared/event-schemas.js';
import { circularEventSchemas } from './circular.events.js';
import type { CircularEvent, CircularIssued } from './circular.events.js';

// ---------------------------------------------------------------------------------------------
// given / when / then

const given = (events: readonly CircularEvent[]) => givenDecider(circularDecider, events);

// ---------------------------------------------------------------------------------------------
// fixtures: 市交通运输局 is criticised for a finding it left unfixed

const TODAY = '2026-07-15';

const criticised: CircularIssued = {
  type: 'CircularIssued',
  data: {
    circularId: 'circular-7',
    unitId: 'unit-transport',
    kind: 'CRITICISM',
    title: '关于市交通运输局整改工作不力的通报',
    reason: '逾期未完成整改且两次催办未予回应。',
    references: [
      { kind: 'FINDING', id: 'finding-portal' },
      { kind: 'WORK_PLAN_ITEM', id: 'item-2-7' },
    ],
    issuedOn: '2026-07-14',
    documentNumber: null,
  },
};

const issue = (overrides: Partial<IssueCircular> = {}): IssueCircular => ({
  type: 'IssueCircular',
  actor: supervisor,
  ...criticised.data,
  today: TODAY,
  unitExists: true,
  unknownReferences: [],
  ...overrides,
});
const issuedWith = (data: Partial<CircularIssued['data']>): CircularIssued => ({
  ...criticised,
  data: { ...criticised.data, ...data },
});

// ---------------------------------------------------------------------------------------------

describe('not issued yet', () => {
  it('the supervisor issues a circular of criticism', () => {
    given([]).when(issue()).then([criticised]);
  });

  it('the supervisor issues a commendation that cites nothing in particular, dated today', () => {
    const commendation = { kind: 'COMMENDATION', references: [], issuedOn: TODAY } as const;
    given([]).when(issue(commendation)).then([issuedWith(commendation)]);
  });

  it('refuses a circular dated after the unit’s merge day, naming the successor beside 单位; one dated before names the merged unit (breaker11h P7)', () => {
    const merged = { unitName: '青川市环境保护局', unitMerged: { mergedOn: '2026-07-14', successorName: '青川市生态环境局' } };
    given([]).when(issue({ ...merged, issuedOn: '2026-07-15' })).thenRefused(
      'CONFLICT',
      /^青川市环境保护局 was merged into 青川市生态环境局 on 2026-07-14; it takes no new work/,
      /^青川市环境保护局已于 2026-07-14 并入青川市生态环境局，2026-07-15 发布的通报请发给青川市生态环境局；针对并入前的事项、发文日期不晚于 2026-07-14 的通报仍可发给青川市环境保护局。/,
    );
    given([]).when(issue({ ...merged, issuedOn: '2026-07-15' })).thenRefusedAt('issuedOn');
    given([]).when(issue({ ...merged, issuedOn: '2026-07-13' })).then([issuedWith({ issuedOn: '2026-07-13' })]);
  });

  /* breaker8v P10: typed before the merge, a circular of the merge day was kept on the merged unit; typed after, refused. */
  it('takes a circular dated on the unit’s merge day, its last working day, as typed before the merge', () => {
    const merged = { unitName: '青川市环境保护局', unitMerged: { mergedOn: '2026-07-14', successorName: '青川市生态环境局' } };
    given([]).when(issue(merged)).then([issuedWith({})]);
  });

  it('refuses citing a finding or item the unit has no part in, naming them and the unit, beside the references (breaker11b G1)', () => {
    const command = issue({
      unitName: '青川市交通运输局',
      referencesNotConcerning: [
        { en: 'finding 「政府信息公开工作年度报告发布滞后」', zh: '问题「政府信息公开工作年度报告发布滞后」' },
        { en: 'work-plan item 5 「推进服务公开」', zh: '工作事项 5「推进服务公开」' },
      ],
    });
    given([]).when(command).thenRefused(
      'BAD_USER_INPUT',
      /^青川市交通运输局 has no part in finding 「政府信息公开工作年度报告发布滞后」, work-plan item 5 「推进服务公开」/,
      /^青川市交通运输局不承担问题「政府信息公开工作年度报告发布滞后」、工作事项 5「推进服务公开」，通报只能引用该单位自己的问题或工作事项。$/,
    );
    given([]).when(command).thenRefusedAt('references');
    given([]).when(issue({ unitName: '青川市交通运输局', referencesNotConcerning: [] })).then([criticised]);
  });

  it('the same id under two kinds is two references', () => {
    const references = [
      { kind: 'FINDING', id: 'shared-id' },
      { kind: 'WORK_PLAN_ITEM', id: 'shared-id' },
    ] as const;
    given([]).when(issue({ references })).then([issuedWith({ references })]);
  });

  it.each<Actor>([inspector, admin, clerkOf('unit-transport')])('$role may not issue circulars', (actor) => {
    given([]).when(issue({ actor })).thenRefused('FORBIDDEN');
  });

  it('refuses a unit that is not in the directory', () => {
    given([]).when(issue({ unitExists: false })).thenRefused('NOT_FOUND');
  });

  it('refuses a circular the unit already has (same kind, day and title’s words) as CONFLICT, naming it: one circular is issued once', () => {
    given([])
      .when(issue({ unitName: '青川市教育局', sameCircularIssued: { circularId: 'circular-0', title: '关于市教育局整改逾期的通报' } }))
      .thenRefused('CONFLICT', /circular-0/, /^青川市教育局已有 .+ 发布的同名(通报批评|表扬)“关于市教育局整改逾期的通报”，同一份通报只发布一次。/);
  });

  it('refuses references to findings or items that do not exist', () => {
    given([])
      .when(issue({ unknownReferences: [{ kind: 'WORK_PLAN_ITEM', id: 'item-2-7' }] }))
      .thenRefused('NOT_FOUND', /item-2-7/, /^引用的工作事项不存在（1 项），请重新选择。$/);
  });

  it('names twice-cited references by their kind in Chinese, never by id', () => {
    const twice = criticised.data.references[0]!;
    given([]).when(issue({ references: [twice, twice] })).thenRefused('BAD_USER_INPUT', new RegExp(twice.id), /^同一(问题|工作事项)被引用了两次。$/);
  });

  it.each<[string, Partial<IssueCircular>]>([
    ['a blank reason', { reason: '  ' }],
    ['a blank title', { title: '' }],
    ['an issue date that does not exist', { issuedOn: '2026-06-31' }],
    ['an issue date in the future', { issuedOn: '2026-07-16' }],
    ['the same reference twice', { references: [criticised.data.references[0]!, criticised.data.references[0]!] }],
  ])('refuses %s', (_what, overrides) => {
    given([]).when(issue(overrides)).thenRefused('BAD_USER_INPUT');
  });
});

describe('issued', () => {
  it('keeps whom it concerns', () => {
    expect(fold(circularDecider, [criticised])).toEqual({
      status: 'issued',
      circularId: 'circular-7',
      unitId: 'unit-transport',
      kind: 'CRITICISM',
      title: '关于市交通运输局整改工作不力的通报',
      issuedOn: '2026-07-14',
      documentNumber: null,
    });
  });

  it('cannot be issued again', () => {
    given([criticised]).when(issue()).thenRefused('CONFLICT');
  });
});

describe('a circular’s day against what it is about (breaker8 minors)', () => {
  const registration = { day: '2016-01-04', what: { en: 'the registration of 青川市测试甲局', zh: '青川市测试甲局的登记日期' } };
  const identified = { day: '2016-04-15', what: { en: 'the identification of finding 「未开通网上申请渠道」', zh: '问题「未开通网上申请渠道」的发现日期' } };

  it('given a unit registered on 2016-01-04: a circular dated 2015-06-01 is refused, naming the unit and both days', () => {
    given([])
      .when(issue({ issuedOn: '2015-06-01', unitRegistration: registration }))
      .thenRefused('BAD_USER_INPUT', /^The issue date \(2015-06-01\) is before the registration of 青川市测试甲局 \(2016-01-04\)\.$/, /^发文日期（2015-06-01）早于青川市测试甲局的登记日期（2016-01-04），日期顺序不对。$/);
  });

  it('says a unit the 发文日期 does not allow beside 发文日期 (web4 fault 3: shown at the top of the dialog), issuing or correcting', () => {
    given([]).when(issue({ issuedOn: '2015-06-01', unitRegistration: registration })).thenRefusedAt('issuedOn');
    given([]).when(issue({ issuedOn: '2016-03-01', unitRegistration: registration, referencesBegan: [identified] })).thenRefusedAt('issuedOn');
  });

  it('given a cited finding identified on 2016-04-15: a circular of 2016-03-01 citing it is refused, naming the finding by its title', () => {
    given([])
      .when(issue({ issuedOn: '2016-03-01', unitRegistration: registration, referencesBegan: [identified] }))
      .thenRefused('BAD_USER_INPUT', /before the identification of finding 「未开通网上申请渠道」 \(2016-04-15\)/, /^发文日期（2016-03-01）早于问题「未开通网上申请渠道」的发现日期（2016-04-15），日期顺序不对。$/);
  });

  it('a circular before 1949-10-01 is a typing error of the year', () => {
    given([]).when(issue({ issuedOn: '1910-01-01' })).thenRefused('BAD_USER_INPUT', /before 1949-10-01/, /早于系统可接受的最早日期 1949-10-01/);
  });

  it('given both facts before its day, it is issued', () => {
    given([]).when(issue({ issuedOn: '2016-05-01', unitRegistration: registration, referencesBegan: [identified] })).then([issuedWith({ issuedOn: '2016-05-01' })]);
  });

  it('refuses citing a finding withdrawn on or before its day, naming it, the day and the reason; one withdrawn later was a ground then (breaker11e P9)', () => {
    const referencesWithdrawn = [{ name: { en: 'finding 「未开通网上申请渠道」', zh: '问题「未开通网上申请渠道」' }, withdrawnOn: '2016-05-01', reason: '评估机构撤回' }];
    given([])
      .when(issue({ issuedOn: '2016-05-01', referencesWithdrawn }))
      .thenRefused('CONFLICT', /withdrawn on 2016-05-01/, /^问题「未开通网上申请渠道」已于 2016-05-01 撤销（评估机构撤回），不计入任何统计，不能作为 2016-05-01 发布的通报的依据。$/);
    given([]).when(issue({ issuedOn: '2016-04-30', referencesWithdrawn })).then([issuedWith({ issuedOn: '2016-04-30' })]);
  });

  it('never cites a finding withdrawn as a repeat of another (重复登记), whatever the days: it names the original (breaker11l P6)', () => {
    const referencesWithdrawn = [
      { name: { en: 'finding 「网上申请渠道未开通」', zh: '问题「网上申请渠道未开通」' }, withdrawnOn: '2016-05-20', reason: '重复登记', repeats: { en: 'finding 「未开通网上申请渠道」', zh: '问题「未开通网上申请渠道」' } },
    ];
    given([])
      .when(issue({ issuedOn: '2016-05-10', referencesWithdrawn }))
      .thenRefused('CONFLICT', /as a repeat of finding 「未开通网上申请渠道」/, /^问题「网上申请渠道未开通」已于 2016-05-20 作为问题「未开通网上申请渠道」的重复登记撤销，在任何一天都不计入统计，不能作为通报的依据；请引用问题「未开通网上申请渠道」。$/);
  });
});

describe('a circular citing work its unit took over by a 机构改革 (breaker8r P13)', () => {
  const referencesHeldFrom = [{ name: { en: 'finding 「排污许可信息未公开」', zh: '问题「排污许可信息未公开」' }, heldSince: '2016-06-12', heldBy: '青川市环境保护局' }];

  it('given the part taken over on 2016-06-12: a circular of 2016-06-05 citing it is refused, naming the unit that held it then; one of 06-12 is issued', () => {
    given([])
      .when(issue({ issuedOn: '2016-06-05', unitName: '青川市生态环境局', referencesHeldFrom }))
      .thenRefused('BAD_USER_INPUT', /took it over only on 2016-06-12/, /^2016-06-05 问题「排污许可信息未公开」由青川市环境保护局承担：青川市生态环境局自 2016-06-12 起才承担该项工作，此前发布的通报不能引用它。$/);
    given([]).when(issue({ issuedOn: '2016-06-12', unitName: '青川市生态环境局', referencesHeldFrom })).then([issuedWith({ issuedOn: '2016-06-12' })]);
  });

  it('the look-up names a part taken over by a hand-over, not one of the unit’s own 交办 nor one it passed on', () => {
    const assigned = (unitId: string, assignedOn: string): AssignmentEvent => ({ type: 'UnitAssigned', data: { unitId, role: 'LEAD', dueDate: '2016-06-30', assignedOn } });
    const handedOver: AssignmentEvent = { type: 'PartHandedOver', data: { unitId: 'hbj', successorUnitId: 'sthj', reason: '机构改革', handedOverOn: '2016-06-12' } };
    const state = [assigned('hbj', '2016-04-26'), handedOver].reduce(evolveAssignments, initialAssignmentsState());
    expect(heldOnlyFrom(state, 'sthj')).toEqual({ heldFrom: { heldSince: '2016-06-12', heldBy: 'hbj' } });
    expect(heldOnlyFrom(state, 'hbj')).toEqual({});
    expect(heldOnlyFrom([assigned('sthj', '2016-04-26')].reduce(evolveAssignments, initialAssignmentsState()), 'sthj')).toEqual({});
  });
});

describe('issued by mistake: 撤回通报 and 更正通报 (newcomer26 S9)', () => {
  const withdraw = (overrides: Partial<WithdrawCircular> = {}): WithdrawCircular => ({
    type: 'WithdrawCircular',
    actor: supervisor,
    today: TODAY,
    circularId: 'circular-7',
    reason: '发错单位：应为市教育局。',
    withdrawnOn: TODAY,
    ...overrides,
  });
  const correct = (overrides: Partial<CorrectCircular> = {}): CorrectCircular => ({
    type: 'CorrectCircular',
    actor: supervisor,
    today: TODAY,
    circularId: 'circular-7',
    reason: '发文日期录错。',
    ...overrides,
  });
  const withdrawn: CircularEvent = { type: 'CircularWithdrawn', data: { circularId: 'circular-7', reason: '发错单位：应为市教育局。', withdrawnOn: TODAY } };

  it('corrected from a form still showing the day and 文号 a colleague corrected meanwhile: CONFLICT naming who set what when, nothing corrected (issue 9)', () => {
    const byZhang: CircularEvent = {
      type: 'CircularCorrected',
      data: { circularId: 'circular-7', previousIssuedOn: '2026-07-14', issuedOn: '2026-07-13', previousDocumentNumber: null, documentNumber: '青政公开〔2026〕5号', reason: '按印发文件', correctedOn: TODAY },
    };
    given([criticised, byZhang])
      .when(correct({ issuedOn: '2026-07-10', expected: { issuedOn: '2026-07-14', documentNumber: '' } }))
      .thenChangedMeanwhile({
        field: 'expectedIssuedOn',
        types: ['CircularCorrected'],
        reason: '按印发文件',
        zh: '通报「关于市交通运输局整改工作不力的通报」的发文日期和文号刚由张伟改为 2026-07-13（文号 青政公开〔2026〕5号）（北京时间 2026-12-07 06:28；理由：按印发文件；表单显示的是 2026-07-14（文号 无））：请确认后再调整，本次未作修改。',
      });
    // Only the 文号 changed meanwhile: refused too, on that field.
    given([criticised, byZhang]).when(correct({ documentNumber: '青政公开〔2026〕6号', expected: { issuedOn: '2026-07-13', documentNumber: '' } })).thenRefusedAt('expectedDocumentNumber');
    // The form that showed both as they stand corrects; a script (no expected values) is not checked.
    expect(given([criticised, byZhang]).when(correct({ issuedOn: '2026-07-10', expected: { issuedOn: '2026-07-13', documentNumber: '青政公开〔2026〕5号' } })).decision()).toHaveLength(1);
    expect(given([criticised, byZhang]).when(correct({ issuedOn: '2026-07-10' })).decision()).toHaveLength(1);
  });

  it('a circular is issued with its 文号, trimmed; a blank one is none', () => {
    given([]).when(issue({ documentNumber: ' 青政公开〔2026〕5号 ' })).then([issuedWith({ documentNumber: '青政公开〔2026〕5号' })]);
    given([]).when(issue({ documentNumber: '  ' })).then([criticised]);
  });

  it('the supervisor withdraws it with a reason; it is withdrawn once', () => {
    given([criticised]).when(withdraw()).then([withdrawn]);
    given([criticised, withdrawn]).when(withdraw()).thenRefused('CONFLICT', /withdrawn on 2026-07-15/, /已于 2026-07-15 撤回（发错单位：应为市教育局。），不能再撤回/);
  });

  it.each<[string, Partial<WithdrawCircular>, RegExp]>([
    ['no reason', { reason: ' ' }, /请填写撤回理由/],
    ['a day before it was issued', { withdrawnOn: '2026-07-13' }, /撤回日期（2026-07-13）早于该通报的发文日期（2026-07-14）/],
    ['a day in the future', { withdrawnOn: '2026-07-16' }, /将来/],
  ])('refuses a withdrawal with %s', (_what, overrides, zh) => {
    given([criticised]).when(withdraw(overrides)).thenRefused('BAD_USER_INPUT', /./, zh);
  });

  it('only a supervisor withdraws or corrects; an unknown circular is not found', () => {
    given([criticised]).when(withdraw({ actor: clerkOf('unit-transport') })).thenRefused('FORBIDDEN');
    given([criticised]).when(correct({ actor: inspector, issuedOn: '2026-07-13' })).thenRefused('FORBIDDEN');
    given([]).when(withdraw()).thenRefused('NOT_FOUND');
  });

  it('corrects its 发文日期 and 文号, keeping what it read before', () => {
    given([criticised])
      .when(correct({ issuedOn: '2026-07-10', documentNumber: '青政公开〔2026〕5号' }))
      .then([
        {
          type: 'CircularCorrected',
          data: { circularId: 'circular-7', previousIssuedOn: '2026-07-14', issuedOn: '2026-07-10', previousDocumentNumber: null, documentNumber: '青政公开〔2026〕5号', reason: '发文日期录错。', correctedOn: TODAY },
        },
      ]);
  });

  it('judges a corrected day as issuing on it: not before the unit or what it cites, not in the future', () => {
    const registered = { day: '2026-07-01', what: { en: 'the registration of 市交通运输局', zh: '市交通运输局的登记日期' } };
    given([criticised]).when(correct({ issuedOn: '2026-06-30', unitRegistration: registered })).thenRefused('BAD_USER_INPUT', /before/, /发文日期（2026-06-30）早于市交通运输局的登记日期（2026-07-01）/);
    given([criticised]).when(correct({ issuedOn: '2026-07-16' })).thenRefused('BAD_USER_INPUT', /future/);
  });

  it('refuses a correction that changes nothing, and any correction of a withdrawn circular', () => {
    given([criticised]).when(correct({ issuedOn: '2026-07-14', documentNumber: '' })).thenRefused('BAD_USER_INPUT', /neither/, /没有可更正的内容/);
    given([criticised, withdrawn]).when(correct({ issuedOn: '2026-07-10' })).thenRefused('CONFLICT', /withdrawn/, /已于 2026-07-15 撤回/);
  });

  it('a circular stored as v1, before 文号, loads with none', () => {
    const registry = new EventSchemaRegistry().register(circularEventSchemas);
    const { documentNumber: _none, ...v1 } = criticised.data;
    expect(registry.upcast({ type: 'CircularIssued', schemaVersion: 1, data: v1, metadata: { recordedAt: '2026-07-14T02:00:00.000Z' } }).data).toEqual({ ...v1, documentNumber: null });
  });
});
