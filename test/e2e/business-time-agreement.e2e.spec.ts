import fc from 'fast-check';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Issue 8: every view "now" answers exactly what it answers with `knownAt` far in the future and
 * with `asOf` today — dashboard, workPlan, unitScorecard, finding, workPlanItem and unitWorkload,
 * with their parts, lights, reminders and histories. The present is read from read models kept up
 * to date as events arrive; a cut is folded from each parent's dated timeline in business order:
 * two paths that must tell one story. A random walk of the office's work on a 2016 campaign
 * entered in 2026 — late entries out of business order, failures, send-backs, extensions,
 * reopenings, corrections, hand-overs and renames, on findings and work-plan items alike — goes
 * through the real API (refused commands simply write nothing), and after each batch the three
 * readings of every view are compared.
 */
let keySequence = 0;
const key = (name: string) => `${name}-${(keySequence += 1)}`;

const DAYS = ['2016-04-26', '2016-05-10', '2016-05-31', '2016-06-15', '2016-07-01', '2016-08-01', '2016-09-30', '2016-12-31', '2017-03-01'];
const UNITS = [
  ['HBJ', '市环境保护局'],
  ['STJ', '市生态环境局'],
  ['CZJ', '市财政局'],
  ['SJJ', '市审计局'],
] as const;
const PLAN_CSV =
  '类别编号,类别,编号,事项,内容,牵头单位,责任单位,完成时限\n' +
  '一,推进五公开,1,公开环评审批信息,,市财政局,市环境保护局,2016-06-30\n' +
  '一,推进五公开,2,公开审计结果,,市审计局,,2016-09-30\n';
const PLAN_TITLE = '青川市2016年政务公开工作要点';

const ACTIONS = ['assign', 'report', 'inspect', 'sendBack', 'urge', 'requestExtension', 'decideExtension', 'reopen', 'correctReportDate', 'correctInspection', 'correctRecordDate', 'handOver', 'rename'] as const;
/**
 * breaker8f's walk (reports/s15/breaker8f-walk.e2e.spec.ts): merges, withdrawals and withdrawals as a
 * duplicate besides, walked only with AGREEMENT_MORE=1 (CI's seeds walk the actions above, unchanged).
 * Its seeds 7001, 7002, 7006, 7007 passed on eff183d; 7004 found breaker8f P11.
 */
const MORE_ACTIONS = ['merge', 'withdraw', 'withdrawDuplicate'] as const;
/**
 * breaker11r P2's walk: a finding or item withdrawn on any day — before records its units had entered (made before the
 * office knew of it, counted nowhere) — then taken back (撤销有误) or moved (更正撤销日期), an item withdrawn and listed
 * again by a version of the plan (恢复列入方案) or left out by one, and the units' 撤回延期申请: so a unit's record, a
 * withdrawal of its request above all, falls inside days its parent was withdrawn. Walked by `SPAN_WALKS` (CI) and,
 * besides the other actions, by any walk with AGREEMENT_SPANS=1.
 */
const SPAN_ACTIONS = ['withdrawRequest', 'withdrawOnAnyDay', 'correctWithdrawal', 'planVersion'] as const;
/**
 * Two papers of one office day typed in the order the step's flag picks (breaker8u P1, P11): an extension granted and a
 * return (failed inspection or send-back) of the part on one day, and the parent's withdrawal (撤销) and a pass of one day.
 * Walked by `SAME_DAY_WALKS` (CI) and, besides the other actions, by any walk with AGREEMENT_SAME_DAY=1.
 */
const SAME_DAY_ACTIONS = ['grantAndReturn', 'withdrawAndPass'] as const;
interface Step {
  readonly action: (typeof ACTIONS)[number] | (typeof MORE_ACTIONS)[number] | (typeof SPAN_ACTIONS)[number] | (typeof SAME_DAY_ACTIONS)[number];
  /** 0–2: a finding; 3–4: a work-plan item. */
  readonly parent: number;
  readonly unit: number;
  readonly day: number;
  readonly other: number;
  readonly flag: boolean;
}
/** A step of a walk of `ACTIONS`, and of `MORE_ACTIONS` too when `more`, of `SPAN_ACTIONS` (as often as the others) when `spans`, of `SAME_DAY_ACTIONS` when `sameDay`. */
const stepOf = (more: boolean, spans = false, sameDay = false): fc.Arbitrary<Step> => fc.record({
  action: fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom('assign', 'report', 'inspect') },
    { weight: 4, arbitrary: fc.constantFrom(...ACTIONS, ...(more ? MORE_ACTIONS : [])) },
    ...(spans ? [{ weight: 3, arbitrary: fc.constantFrom(...SPAN_ACTIONS) }] : []),
    ...(sameDay ? [{ weight: 3, arbitrary: fc.constantFrom(...SAME_DAY_ACTIONS) }] : []),
  ) as fc.Arbitrary<Step['action']>,
  parent: fc.nat(4),
  unit: fc.nat(UNITS.length - 1),
  day: fc.nat(DAYS.length - 1),
  other: fc.nat(DAYS.length - 1),
  flag: fc.boolean(),
});

/**
 * The walks taken: CI walks several seeds, each a fresh office — the default seed and those that
 * found faults before (1 and 42: breaker8e P1; 9: a late 交办 joining a part taken over later; 8402:
 * breaker8g P15, a second 交办 on the hand-over's day into a part passed on later) —
 * each for AGREEMENT_RUNS batches (10 by default), and `MORE_WALKS`. AGREEMENT_SEED walks one seed (15
 * batches by default), AGREEMENT_SEEDS a comma-separated list (10 each).
 */
const CHOSEN = process.env.AGREEMENT_SEED ?? process.env.AGREEMENT_SEEDS;
const RUNS = process.env.AGREEMENT_RUNS === undefined ? undefined : Number(process.env.AGREEMENT_RUNS);
/**
 * Walks CI takes with `MORE_ACTIONS` besides (merges, withdrawals), each `seed:batches` (the batches
 * it takes to reach the fault it found before): 8832:15, breaker8i P9 (a pass dated before a join,
 * entered once the joined part had moved on again, closed the finding; its 11th–15th batch); 8825:15,
 * breaker8i P4 (a hand-over dated on the successor's pass day, entered after its reopening, dropped the
 * reopening); 8833:15, breaker8i P10 (a late hand-over into a unit that held a carried-join part that day);
 * 8830:15, breaker8i P5 (a merged unit's paper 交办 before its successor's own); 8842:15, breaker8i P12 (a
 * unit's second 交办 redated after its first part had joined another part that joined a third later);
 * 8864:12, breaker8j P2 (two parts passed into one successor on different days by hand-overs a later decision
 * applied from the directory: the live part kept the later one's record; its 12th batch); 8872:9 and 8877:7,
 * breaker8j P5 and P7 (a unit's report on one record missing live when another of its records had joined
 * another unit's part); 8874:12, breaker8j P6 (a reorganisation dated before a later-dated withdrawal passed nothing);
 * 8912:15, breaker8k P6 (a withdrawal undone by a late pass left the directory's hand-overs typed while withdrawn unapplied);
 * 8946:8 and 8919:13, breaker8k P7 (a hand-over undone into a unit holding a record handed to it since: heldBefore apart).
 */
const MORE_WALKS = '8832:15,8825:15,8833:15,8830:15,8842:15,8864:12,8872:9,8877:7,8874:12,8912:15,8946:8,8919:13';
/**
 * Walks CI takes with `SPAN_ACTIONS` besides (breaker11r P2), in place of the default seed's walk of `ACTIONS` alone (the
 * other four still walk them), so CI walks as many batches as before. Seed 35 reaches a 撤回延期申请 dated while its item
 * was withdrawn, typed before the withdrawal, and a second one of the same request dated earlier, typed later: the request's
 * page read the later day folded by day and the earlier one as typed (its 4th batch, before part-view's rule: the earlier
 * day stands). Seed 30 also reaches a request withdrawn inside days a later version ended; seeds 21–34 pass. 14 and 16
 * find a withdrawal dated on a day the item stood completed, typed after a later reopening, taken (reported to withdraw).
 * Each walk prints which of these shapes it met ('request withdrawn while its parent is withdrawn', '… inside days a
 * version ended').
 */
const SPAN_WALKS = '35:10';
/** Walks CI takes with `SAME_DAY_ACTIONS` (and merges and withdrawals) besides: one office day's grant and return, withdrawal and pass, in either order. */
const SAME_DAY_WALKS = '808:10';
/** Each walk: its seed, whether it walks `MORE_ACTIONS` too (all do with AGREEMENT_MORE=1), its batches, whether `SPAN_ACTIONS` (all with AGREEMENT_SPANS=1), whether `SAME_DAY_ACTIONS` (all with AGREEMENT_SAME_DAY=1). */
const walks = (list: string, more: boolean, batches: number, spans = false, sameDay = false) =>
  list.split(',').map((entry) => {
    const [seed, runs] = entry.trim().split(':');
    return [Number(seed), more || process.env.AGREEMENT_MORE === '1', RUNS ?? Number(runs ?? batches), spans || process.env.AGREEMENT_SPANS === '1', sameDay || process.env.AGREEMENT_SAME_DAY === '1'] as const;
  });
const WALKS: (readonly [number, boolean, number, boolean, boolean])[] =
  CHOSEN !== undefined
    ? walks(CHOSEN, false, CHOSEN.includes(',') ? 10 : 15)
    : [...walks('1,42,9,8402', false, 10), ...walks(SPAN_WALKS, false, 10, true), ...walks(MORE_WALKS, true, 15), ...walks(SAME_DAY_WALKS, true, 10, false, true)];

describe.each(WALKS)('every view now = knownAt far in the future = asOf today (issue 8, walk seed %i, merges and withdrawals walked: %s, %i batches, withdrawn spans walked: %s, same-day pairs walked: %s)', (seed, more, batches, spans, sameDay) => {
  const step = stepOf(more, spans, sameDay);
  let app: TestApp;
  const unitIds: string[] = [];
  const findingIds: string[] = [];
  const itemIds: string[] = [];
  let planId: string;
  let evaluationId: string;

  /** The kinds of fact the walk got recorded: the property means something only if many did. */
  const accepted = new Map<string, number>();
  const mutate = async (name: string, input: Record<string, unknown>, headers?: Record<string, string>) => {
    const response = await app.graphql(`mutation($input: ${name[0]!.toUpperCase()}${name.slice(1)}Input!) { ${name}(input: $input) { __typename } }`, { input: { idempotencyKey: key(name), ...input } }, headers);
    if (response.errors === undefined) accepted.set(name, (accepted.get(name) ?? 0) + 1);
    // A refusal is a walk's ordinary outcome; a crash never is (bad input must be refused, not fail the server).
    const crash = response.errors?.find((error) => (error.extensions as { code?: string } | undefined)?.code === 'INTERNAL_SERVER_ERROR');
    if (crash) throw new Error(`${name} crashed the server on ${JSON.stringify(input)}: ${crash.message}`);
    return response.errors === undefined;
  };
  const setUp = async (name: string, input: Record<string, unknown>, select: string, headers?: Record<string, string>) => {
    const response = await app.graphql(`mutation($input: ${name[0]!.toUpperCase()}${name.slice(1)}Input!) { ${name}(input: $input) { ${select} } }`, { input: { idempotencyKey: key(name), ...input } }, headers);
    if (response.errors) throw new Error(`${name} refused: ${JSON.stringify(response.errors)}`);
    return response.data![name];
  };

  beforeAll(async () => {
    // Three readings of every view after each batch: far more requests a minute than an office sends.
    app = await startTestApp({ now: '2026-11-29T10:00:00+08:00', settings: { RATE_LIMIT_PER_MINUTE: '0' } });
    const admin = await app.as('ADMIN');
    for (const [code, name] of UNITS) unitIds.push((await setUp('registerUnit', { code, name, kind: 'DEPARTMENT', registeredOn: '2016-01-01' }, 'id', admin)).id);
    evaluationId = (await setUp('registerEvaluation', { title: '2015年度政务公开第三方评估', evaluator: '某研究院', commissionedBy: '国务院办公厅', periodStart: '2015-01-01', periodEnd: '2015-12-31', receivedOn: '2016-04-15' }, 'id')).id;
    for (const title of ['环境信息公开不及时', '预算公开不细', '依申请公开答复超期']) {
      findingIds.push((await setUp('recordFinding', { evaluationId, title, description: title, category: '主动公开', severity: 'HIGH', identifiedOn: '2016-04-15' }, 'id')).id);
    }
    planId = (await setUp('importWorkPlan', { fileName: 'plan-2016.csv', title: PLAN_TITLE, year: 2016, contentBase64: Buffer.from(PLAN_CSV).toString('base64'), approvedOn: '2016-04-25', assignedOn: '2016-04-26' }, 'planId')).planId;
    const plan = await app.graphql(`query($id: ID!) { workPlan(id: $id) { categories { items { id } } } }`, { id: planId });
    itemIds.push(...plan.data!.workPlan.categories[0].items.map((item: { id: string }) => item.id));
  });

  afterAll(async () => {
    await app.close();
  });

  interface PartNow {
    unitId: string;
    status: string;
    /** Who held the part before its holder now (机构改革), earliest first. */
    heldBefore: string[];
    lastDay: string;
    assignedOn: string;
    dueDate: string;
    inspectionId?: string;
    requestId?: string;
    /** The request still awaiting its decision, which its unit may take back (撤回延期申请). */
    pendingId?: string;
    /** Every dated record correctRecordDate can move: its kind and the day it reads now. */
    records: { record: string; on: string }[];
  }
  /** The parent's parts as they stand: who holds each, its status, the day of its latest fact, the ids a command names. */
  const partsNow = async (parent: number): Promise<PartNow[]> => {
    const fields = 'unitId status heldBefore assignedOn dueDate reports { reportedOn } inspections { inspectionId inspectedOn } returns { cause returnedOn } urges { urgedOn } extensionRequests { requestId status requestedOn decidedOn }';
    const response = await (parent < 3
      ? app.graphql(`query($id: ID!) { finding(id: $id) { parts: assignments { ${fields} } } }`, { id: findingIds[parent] })
      : app.graphql(`query($id: ID!) { workPlanItem(id: $id) { parts { ${fields} } } }`, { id: itemIds[parent - 3] }));
    type Part = { unitId: string; status: string; heldBefore: string[]; assignedOn: string; dueDate: string; reports: { reportedOn: string }[]; inspections: { inspectionId: string; inspectedOn: string }[]; returns: { cause: string; returnedOn: string }[]; urges: { urgedOn: string }[]; extensionRequests: { requestId: string; status: string; requestedOn: string; decidedOn: string | null }[] };
    const parts = ((response.data?.finding ?? response.data?.workPlanItem)?.parts ?? []) as Part[];
    return parts.map((part) => ({
      unitId: part.unitId,
      status: part.status,
      heldBefore: part.heldBefore,
      assignedOn: part.assignedOn,
      dueDate: part.dueDate,
      lastDay: [part.assignedOn, ...part.reports.map((r) => r.reportedOn), ...part.inspections.map((i) => i.inspectedOn), ...part.returns.map((r) => r.returnedOn), ...part.extensionRequests.flatMap((r) => [r.requestedOn, r.decidedOn ?? ''])].sort().at(-1)!,
      inspectionId: part.inspections.at(-1)?.inspectionId,
      // Pending now, or lapsed now: a decision dated before the verification, entered late, still decides it.
      requestId: part.extensionRequests.find((request) => request.status === 'PENDING' || request.status === 'LAPSED')?.requestId,
      pendingId: part.extensionRequests.find((request) => request.status === 'PENDING')?.requestId,
      records: [
        { record: 'ASSIGNMENT', on: part.assignedOn },
        ...part.reports.map((report) => ({ record: 'REPORT', on: report.reportedOn })),
        ...part.returns.filter((returned) => returned.cause === 'SENT_BACK').map((returned) => ({ record: 'SEND_BACK', on: returned.returnedOn })),
        ...part.urges.map((urge) => ({ record: 'URGING', on: urge.urgedOn })),
        ...part.extensionRequests.flatMap((request) => [{ record: 'EXTENSION_REQUEST', on: request.requestedOn }, ...(request.decidedOn ? [{ record: 'EXTENSION_DECISION', on: request.decidedOn }] : [])]),
      ],
    }));
  };
  /** A day on or after `from`, `steps` of the walk's days later (a fact after the part's last one, as offices mostly enter them). */
  const dayFrom = (from: string, steps: number) => {
    const first = DAYS.findIndex((day) => day >= from);
    return DAYS[Math.min(DAYS.length - 1, (first < 0 ? DAYS.length - 1 : first) + steps)]!;
  };

  /**
   * One step of the office's work, through the API as its users send it. The step is steered by the
   * part as it stands (a report for a part awaiting its unit, an inspection for one reported, …),
   * dated on or after the part's latest fact — on another part or parent, that is as often before
   * facts already entered (late entry). Some steps are still refused (a due date passed, …): a
   * refusal writes nothing.
   */
  async function perform(s: Step): Promise<void> {
    const onItem = s.parent >= 3;
    const ref = onItem ? { itemId: itemIds[s.parent - 3] } : { findingId: findingIds[s.parent] };
    const name = (finding: string, item: string) => (onItem ? item : finding);
    app.clock.set(new Date(app.clock.now().getTime() + 60_000).toISOString());
    const parts = await partsNow(s.parent);
    const part = parts[s.unit % Math.max(parts.length, 1)];
    const free = unitIds.filter((id) => !parts.some((held) => held.unitId === id));
    if (!part || (s.action === 'assign' && !onItem && free.length > 0)) {
      if (onItem || free.length === 0) return;
      const unitId = free[s.unit % free.length]!;
      await mutate('assignFinding', { ...ref, assignedOn: DAYS[s.day % 4], units: [{ unitId, role: parts.length === 0 ? 'LEAD' : 'RESPONSIBLE', dueDate: DAYS[Math.max(s.day % 4, s.other)] }] });
      return;
    }
    const { unitId } = part;
    const day = dayFrom(part.lastDay, s.day % 3);
    const later = dayFrom(day, 1 + (s.other % 3));
    // Urgings, requests and decisions also come late, dated before facts already entered (a paper file found later): judged on their own day.
    const anyDay = s.flag ? day : DAYS[s.other]!;
    const late = async (recorded: Promise<boolean>, on = anyDay) => {
      if ((await recorded) && on < part.lastDay) accepted.set('dated before facts entered earlier', (accepted.get('dated before facts entered earlier') ?? 0) + 1);
    };
    const unitUser = await app.as('UNIT', unitId);
    switch (s.action) {
      case 'rename':
        await mutate('renameUnit', { unitId, name: `${UNITS[unitIds.indexOf(unitId)]?.[1] ?? '单位'}（${s.day}${s.other}）`, reason: '机构改革', renamedOn: day }, await app.as('ADMIN'));
        return;
      case 'handOver':
        await mutate('handOverUnitParts', { unitId, successorUnitId: unitIds[(unitIds.indexOf(unitId) + 1 + (s.other % 3)) % unitIds.length], reason: '职能调整', handedOverOn: day }, await app.as('ADMIN'));
        return;
      case 'merge':
        if (s.other % 3 === 0) await mutate('mergeUnit', { unitId, successorUnitId: unitIds[(unitIds.indexOf(unitId) + 1 + (s.other % 3)) % unitIds.length], reason: '机构改革', mergedOn: day }, await app.as('ADMIN'));
        return;
      case 'withdraw':
        if (!onItem && s.flag) await mutate('withdrawFinding', { ...ref, reason: '评估机构来函撤销', withdrawnOn: DAYS[Math.max(DAYS.indexOf(day), s.other)] });
        return;
      case 'withdrawDuplicate':
        if (!onItem && s.flag) await mutate('withdrawFinding', { ...ref, reason: '重复登记', withdrawnOn: day, duplicateOf: findingIds[(s.parent + 1) % 3] });
        return;
      case 'withdrawRequest': {
        // 撤回延期申请: the unit takes its pending request back (asked first, in time, when none is pending), entered late or
        // not — on a day its finding or item was withdrawn too.
        let requestId = part.pendingId;
        if (!requestId) {
          const inTime = DAYS.filter((one) => one >= part.assignedOn && one <= part.dueDate);
          const requestedOn = inTime[s.other % Math.max(inTime.length, 1)] ?? day;
          const asked = await mutate(name('requestExtension', 'requestWorkPlanItemExtension'), { ...ref, unitId, requestedDueDate: dayFrom(part.dueDate > requestedOn ? part.dueDate : requestedOn, 1), reason: '需要时间', requestedOn }, unitUser);
          requestId = asked ? (await partsNow(s.parent)).find((one) => one.unitId === unitId)?.pendingId : undefined;
        }
        if (requestId) await late(mutate(name('withdrawExtensionRequest', 'withdrawWorkPlanItemExtensionRequest'), { ...ref, unitId, requestId, reason: '时限填错', withdrawnOn: s.flag ? dayFrom(part.lastDay, s.day % 3) : anyDay }, unitUser));
        return;
      }
      case 'withdrawOnAnyDay': {
        // On any day of the walk — mostly on or before the part's latest record, so records its units had entered fall after it
        // (they stay, counted nowhere).
        const before = DAYS.filter((one) => one > part.assignedOn && one <= part.lastDay);
        const withdrawnOn = s.flag && before.length > 0 ? before[s.other % before.length]! : DAYS[s.other]!;
        await late(mutate(name('withdrawFinding', 'withdrawWorkPlanItem'), { ...ref, reason: '评估机构来函撤销', withdrawnOn }), withdrawnOn);
        return;
      }
      case 'grantAndReturn': {
        // An extension granted and a return of the part on one office day, typed in either order (breaker8u P1): the unit asks in
        // time first when nothing is pending; the grant and the return (a failure or a send-back, by `other`) share `day`.
        if (part.status !== 'REPORTED') return;
        let requestId = part.pendingId;
        if (!requestId) {
          const inTime = DAYS.filter((one) => one >= part.assignedOn && one <= part.dueDate && one <= day);
          const requestedOn = inTime[s.other % Math.max(inTime.length, 1)] ?? day;
          const asked = await mutate(name('requestExtension', 'requestWorkPlanItemExtension'), { ...ref, unitId, requestedDueDate: dayFrom(part.dueDate > requestedOn ? part.dueDate : requestedOn, 2), reason: '需要时间', requestedOn }, unitUser);
          requestId = asked ? (await partsNow(s.parent)).find((one) => one.unitId === unitId)?.pendingId : undefined;
        }
        if (!requestId) return;
        const grant = () => mutate(name('decideExtension', 'decideWorkPlanItemExtension'), { ...ref, unitId, requestId, approve: true, decidedOn: day, overrideReason: '同意延期' });
        const returned = async () =>
          s.other % 2 === 0
            ? mutate(name('sendBackReport', 'sendBackWorkPlanItemReport'), { ...ref, unitId, reason: '材料不全', sentBackOn: day, newDueDate: later, overrideReason: '退办' })
            : mutate(name('logInspection', 'logWorkPlanItemInspection'), { ...ref, unitId, outcome: 'FAILED', notes: '目录不全', inspectedOn: day, place: '现场', newDueDate: later, overrideReason: '督查后重新整改' }, await app.as('INSPECTOR'));
        const taken = s.flag ? [await grant(), await returned()] : [await returned(), await grant()];
        if (taken.every(Boolean)) accepted.set('grant and return of one day', (accepted.get('grant and return of one day') ?? 0) + 1);
        return;
      }
      case 'withdrawAndPass': {
        // The parent's withdrawal and a pass of one office day, typed in either order (breaker8u P11): the pass stands.
        if (part.status !== 'REPORTED') return;
        const withdraw = () => mutate(name('withdrawFinding', 'withdrawWorkPlanItem'), { ...ref, reason: '评估机构来函撤销', withdrawnOn: day });
        const pass = async () => mutate(name('logInspection', 'logWorkPlanItemInspection'), { ...ref, unitId, outcome: 'PASSED', notes: '核实', inspectedOn: day, place: '现场' }, await app.as('INSPECTOR'));
        const [first, second] = s.flag ? [await withdraw(), await pass()] : [await pass(), await withdraw()];
        if (first || second) accepted.set('withdrawal and pass of one day', (accepted.get('withdrawal and pass of one day') ?? 0) + 1);
        return;
      }
      case 'correctWithdrawal':
        // 撤销有误 (taken back), or 更正撤销日期 (moved to another day of the walk).
        if (s.flag) await mutate(name('undoFindingWithdrawal', 'undoWorkPlanItemWithdrawal'), { ...ref, reason: '撤销有误' });
        else await mutate(name('correctFindingWithdrawal', 'correctWorkPlanItemWithdrawal'), { ...ref, reason: '撤销日期录错', withdrawnOn: DAYS[s.other] });
        return;
      case 'planVersion': {
        // A version of the plan of a day of the walk: every item (one withdrawn is listed again, 恢复列入方案), or one left out.
        const [header, ...rows] = PLAN_CSV.trimEnd().split('\n');
        const csv = [header, ...rows.filter((_, index) => s.flag || index !== s.unit % rows.length)].join('\n') + '\n';
        await mutate('importWorkPlan', { fileName: `plan-2016-${s.day}.csv`, title: PLAN_TITLE, year: 2016, contentBase64: Buffer.from(csv).toString('base64'), revise: true, withdrawMissing: true, assignedOn: DAYS[s.day] });
        return;
      }
      case 'urge':
        await late(mutate(name('urgeUnit', 'urgeWorkPlanItemUnit'), { ...ref, unitId, message: '请抓紧', urgedOn: anyDay }));
        return;
      case 'requestExtension': {
        // Mostly asked for in time: a day of the walk from the assignment to the due date now in force, entered late or not.
        const inTime = DAYS.filter((one) => one >= part.assignedOn && one <= part.dueDate);
        const requestedOn = s.flag || inTime.length === 0 ? anyDay : inTime[s.other % inTime.length]!;
        await late(mutate(name('requestExtension', 'requestWorkPlanItemExtension'), { ...ref, unitId, requestedDueDate: dayFrom(part.dueDate > requestedOn ? part.dueDate : requestedOn, 1 + (s.other % 3)), reason: '需要时间', requestedOn }, unitUser), requestedOn);
        return;
      }
      case 'decideExtension':
        if (part.requestId) await late(mutate(name('decideExtension', 'decideWorkPlanItemExtension'), { ...ref, unitId, requestId: part.requestId, approve: s.other % 2 === 0, reason: '不同意', decidedOn: anyDay, overrideReason: '同意延期' }));
        return;
      case 'correctReportDate':
        await mutate(name('correctReportDate', 'correctWorkPlanItemReportDate'), { ...ref, unitId, reportedOn: DAYS[s.day]!, reason: '日期录错' });
        return;
      case 'correctRecordDate': {
        // Any dated record of the part, moved to any day of the walk: accepted only when the part's order holds (breaker8c P1).
        const record = part.records[s.other % part.records.length]!;
        // Mostly a neighbouring day of the walk (a typo by a day or so), sometimes any.
        const at = Math.max(0, DAYS.findIndex((one) => one >= record.on));
        const on = s.flag ? DAYS[s.day]! : DAYS[Math.min(DAYS.length - 1, Math.max(0, at + (s.day % 2 === 0 ? 1 : -1)))]!;
        await mutate(name('correctRecordDate', 'correctWorkPlanItemRecordDate'), { ...ref, unitId, record: record.record, previousOn: record.on, on, reason: '日期录错' });
        return;
      }
      case 'correctInspection':
        if (part.inspectionId) {
          await mutate(name('correctInspection', 'correctWorkPlanItemInspection'), {
            ...ref, unitId, inspectionId: part.inspectionId, reason: '结论录错', ...(s.other % 2 === 0 ? { inspectedOn: DAYS[s.day] } : {}), ...(s.other % 3 === 0 ? {} : { outcome: s.flag ? 'PASSED' : 'FAILED', newDueDate: later, overrideReason: '更正' }),
          });
        }
        return;
    }
    // The rest follows the part's own state: its unit reports, the office returns or inspects, a verified part may be reopened.
    switch (part.status) {
      case 'ASSIGNED':
      case 'RETURNED':
        await mutate(name('reportRectification', 'reportWorkPlanItem'), { ...ref, unitId, summary: '已整改', evidence: [{ title: '公开页面', link: 'https://www.example.gov.cn/p' }], reportedOn: day }, unitUser);
        return;
      case 'REPORTED':
        if (s.action === 'sendBack') await mutate(name('sendBackReport', 'sendBackWorkPlanItemReport'), { ...ref, unitId, reason: '材料不全', sentBackOn: day, newDueDate: later, overrideReason: '退办' });
        else {
          const logged = await mutate(name('logInspection', 'logWorkPlanItemInspection'), { ...ref, unitId, outcome: s.flag ? 'PASSED' : 'FAILED', notes: s.flag ? '核实' : '目录不全', inspectedOn: day, place: '现场', ...(s.flag ? {} : { newDueDate: later, overrideReason: '督查后重新整改' }) }, await app.as('INSPECTOR'));
          // A pass dated before a hand-over entered after it: the part is its predecessor's again (breaker8d P15).
          if (logged && s.flag && part.heldBefore.length > 0 && !(await partsNow(s.parent)).some((held) => held.unitId === unitId)) {
            accepted.set('hand-over undone by a pass dated before it', (accepted.get('hand-over undone by a pass dated before it') ?? 0) + 1);
          }
        }
        return;
      case 'VERIFIED':
        if (s.action === 'reopen' || s.flag) await mutate(name('reopenFinding', 'reopenWorkPlanItem'), { ...ref, reason: '复查未通过', reopenedOn: day, newDueDate: later, overrideReason: '重新整改' });
        return;
    }
  }

  const PART = 'unitId unit { name } role status dueDate originalDueDate assignedOn daysLeft trafficLight deadline deadlineKind nextReportDue heldBefore verifiedOn verifiedAt ' +
    'reports { reportedOn reportedAt summary } inspections { inspectionId outcome inspectedOn notes } returns { cause reason returnedOn newDueDate } ' +
    'urges { message urgedOn } extensionRequests { requestId status requestedOn decidedOn grantedDueDate decisionReason } recordsAfterWithdrawal recordsSetAside';
  const HISTORY = 'history { eventId eventType occurredOn recordedAt actorRole unitId details }';
  const ALERT = 'unitId unitName findingId findingTitle role status dueDate daysLeft trafficLight';

  /** Every view, as the travel arguments ask: one query each (each is within the API's cost limit). */
  async function views(travel: { asOf?: string; knownAt?: string }) {
    const on = '(asOf: $asOf, knownAt: $knownAt)';
    const queries: Record<string, string> = {
      dashboard: `dashboard${on} { asOf findings { total open closed } parts { assigned reported returned verified overdue } meanDaysToRemediate percentClosed
        openParts { ${ALERT} } overdue { ${ALERT} } perUnit { unitId unitName assigned reported returned verified overdue meanDaysToRemediate }
        perCategory { key label findings closed percentClosed } perEvaluation { key findings closed } }`,
      scorecard: `unitScorecard${on} { rank unitId unitName parts due onTime onTimeRate overdue returned meanDaysToRemediate }`,
      plan: `workPlan(id: "${planId}", asOf: $asOf, knownAt: $knownAt) { asOf approvedOn progress { items completedItems percentComplete parts verifiedParts overdueParts trafficLight }
        categories { code progress { items completedItems parts verifiedParts overdueParts trafficLight } items { id status completedOn percentComplete trafficLight parts { unitId unit { name } status dueDate daysLeft trafficLight } } } }`,
      ...Object.fromEntries(findingIds.map((id, index) => [`finding ${index}`, `finding(id: "${id}", asOf: $asOf, knownAt: $knownAt) { status closedOn withdrawnOn assignments { ${PART} } ${HISTORY} }`])),
      ...Object.fromEntries(itemIds.map((id, index) => [`item ${index}`, `workPlanItem(id: "${id}", asOf: $asOf, knownAt: $knownAt) { status withdrawnOn completedOn percentComplete trafficLight parts { ${PART} } ${HISTORY} }`])),
      ...Object.fromEntries(unitIds.map((id, index) => [`workload ${index}`, `unitWorkload(unitId: "${id}", asOf: $asOf, knownAt: $knownAt) { asOf openParts { ${ALERT} }
        workPlanParts { planId itemId itemCode role status dueDate daysLeft trafficLight } reminders { kind message on at parentKind parentId parentTitle planTitle } }`])),
    };
    const answers: Record<string, unknown> = {};
    for (const [view, selection] of Object.entries(queries)) {
      const response = await app.graphql(`query($asOf: String, $knownAt: String) { ${selection} }`, travel);
      expect(response.errors).toBeUndefined();
      answers[view] = response.data;
    }
    return answers;
  }

  /** Every parent's history in the order recorded, one line an entry (units by code): what a failure prints to rebuild its recipe. */
  async function histories(): Promise<string> {
    const code = (id: string) => UNITS[unitIds.indexOf(id)]?.[0] ?? id;
    const lines: string[] = [];
    const parents = [...findingIds.map((id, index) => ({ label: `finding ${index}`, query: `finding(id: "${id}")` })), ...itemIds.map((id, index) => ({ label: `item ${index}`, query: `workPlanItem(id: "${id}")` }))];
    for (const { label, query } of parents) {
      const response = await app.graphql(`query { parent: ${query} { history { eventType occurredOn recordedAt unitId details } } }`);
      const entries = ((response.data?.parent?.history ?? []) as { eventType: string; occurredOn: string; recordedAt: string; unitId: string | null; details: unknown }[])
        .slice()
        .sort((a, b) => a.recordedAt.localeCompare(b.recordedAt));
      lines.push(`${label}:`, ...entries.map((entry) => `  ${entry.recordedAt} ${entry.occurredOn} ${entry.eventType} ${entry.unitId ? code(entry.unitId) : ''} ${JSON.stringify(entry.details)}`.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, (id) => code(id))));
    }
    return lines.join('\n');
  }

  it('holds after every batch of a random walk through the office’s work', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 4, maxLength: 12 }), async (steps) => {
        for (const each of steps) await perform(each);
        const now = await views({});
        // The shape breaker11r P2 was about: a 撤回延期申请 dated while its finding or item was withdrawn, listed apart — on a
        // parent still withdrawn, or on an item listed again since (the days a version ended: where the live view took it).
        for (const [list, shape] of [['recordsAfterWithdrawal', 'request withdrawn while its parent is withdrawn'], ['recordsSetAside', 'request withdrawn inside days a version ended']] as const) {
          const lines = JSON.stringify(now).match(new RegExp(`"${list}":\\[[^\\]]*撤回延期申请（`, 'g'))?.length ?? 0;
          if (lines > 0) accepted.set(shape, lines);
        }
        try {
          expect(await views({ knownAt: '2099-01-01T00:00:00+08:00' })).toEqual(now);
          expect(await views({ asOf: '2026-11-29' })).toEqual(now);
        } catch (failure) {
          console.log(`business-time agreement walk failed; each parent's history as recorded:\n${await histories()}`);
          throw failure;
        }
      }),
      // The walk goes on from where the last run left it (one office, one log): shrinking would not replay it.
      // Fixed seeds (see WALKS), so CI is repeatable.
      { numRuns: batches, endOnFailure: true, seed },
    );
    console.log(`business-time agreement walk (seed ${seed}) recorded: ${JSON.stringify(Object.fromEntries(accepted))}`);
    // Not a walk of refusals: reports, inspections, returns, corrections and hand-overs were recorded. Three a batch, not
    // four (stop 38): seed 8874's 12 batches record 46 — its 16 refusals each a rule's outcome (a merged unit takes no new
    // work ×5, a withdrawn finding takes no more, a date before a hand-over or join, a request still awaiting a decision).
    expect([...accepted.values()].reduce((sum, count) => sum + count, 0)).toBeGreaterThan(3 * batches);
    expect([...accepted.keys()]).toEqual(expect.arrayContaining(['assignFinding', 'reportRectification', 'reportWorkPlanItem', 'logInspection', 'logWorkPlanItemInspection']));
  }, 900_000);
});
