import { TestApp, errorCode, startTestApp } from '../support/test-app.js';
import { namedMutations } from '../support/named-mutations.js';

/**
 * breaker8b N1: a hand-over (机构改革 without a merge) is judged again when a fact entered after it
 * changes whether a part was open on the hand-over day. The office types the reorganisation in
 * first and finds the reopening in the paper file afterwards: 青川县环境保护局 hands its work to
 * 青川县生态环境分局 on 2016-07-10, when all its parts stood verified (nothing passes); a reopening
 * dated 07-05, or an inspection of 06-20 corrected to a failure, leaves a part open on 07-10 — it is
 * the successor's from that day, as it would have been had the facts been entered in order; a
 * reopening dated 07-15 passes it on that day. Asserted through HTTP GraphQL on a real SQLite file.
 */
let keySequence = 0;
const key = (name: string) => `${name}-${(keySequence += 1)}`;

interface Part {
  unitId: string;
  status: string;
  heldBefore: string[];
}

describe('a hand-over judged again when a later-entered reopening or correction reopens a part of its day', () => {
  let app: TestApp;
  const units: Record<'HBJ' | 'FJ', string> = { HBJ: '', FJ: '' };
  let evaluationId: string;
  const findings: Record<'reopenedBefore' | 'reopenedAfter' | 'corrected', string> = { reopenedBefore: '', reopenedAfter: '', corrected: '' };

  const { call, mutate } = namedMutations(() => app, key);
  const reportAs = async (code: 'HBJ' | 'FJ', findingId: string, reportedOn: string) =>
    call('reportRectification', { findingId, unitId: units[code], summary: '已整改', evidence: [{ title: '公开页面', link: 'https://www.example.gov.cn/x' }], reportedOn }, await app.as('UNIT', units[code]));
  const parts = async (findingId: string, asOf?: string): Promise<Part[]> => {
    const response = await app.graphql(`query($id: ID!, $asOf: String) { finding(id: $id, asOf: $asOf) { assignments { unitId status heldBefore } } }`, { id: findingId, ...(asOf ? { asOf } : {}) });
    expect(response.errors).toBeUndefined();
    return response.data!.finding.assignments;
  };
  const holderOn = async (findingId: string, asOf?: string) => (await parts(findingId, asOf)).map((part) => `${part.unitId === units.HBJ ? 'HBJ' : 'FJ'} ${part.status}`);

  beforeAll(async () => {
    app = await startTestApp({ now: '2026-11-30T10:00:00+08:00' });
    const admin = await app.as('ADMIN');
    for (const [code, name] of [['HBJ', '青川县环境保护局'], ['FJ', '青川县生态环境分局']] as const) {
      const response = await app.graphql(`mutation($input: RegisterUnitInput!) { registerUnit(input: $input) { id } }`, {
        input: { idempotencyKey: `unit-${code}`, code, name, kind: 'DEPARTMENT', registeredOn: '2016-01-04' },
      }, admin);
      expect(response.errors).toBeUndefined();
      units[code] = response.data!.registerUnit.id;
    }
    const evaluation = await app.graphql(`mutation($input: RegisterEvaluationInput!) { registerEvaluation(input: $input) { id } }`, {
      input: { idempotencyKey: key('evaluation'), title: `2015年度政务公开第三方评估（第${keySequence}份）`, evaluator: '某研究院', commissionedBy: '国务院办公厅', periodStart: '2015-01-01', periodEnd: '2015-12-31', receivedOn: '2016-04-15' },
    });
    evaluationId = evaluation.data!.registerEvaluation.id;
    // Three findings of 环保局, each reported 06-10 and verified 06-20: closed before the reorganisation.
    for (const name of Object.keys(findings) as (keyof typeof findings)[]) {
      const recorded = await app.graphql(`mutation($input: RecordFindingInput!) { recordFinding(input: $input) { id } }`, {
        input: { idempotencyKey: key('finding'), evaluationId, title: `环评信息公开（${name}）`, description: '环评信息未公开', category: '主动公开', severity: 'HIGH', identifiedOn: '2016-04-15' },
      });
      findings[name] = recorded.data!.recordFinding.id;
      await mutate('assignFinding', { findingId: findings[name], assignedOn: '2016-04-26', units: [{ unitId: units.HBJ, role: 'LEAD', dueDate: '2016-06-30' }] });
      expect((await reportAs('HBJ', findings[name], '2016-06-10')).errors).toBeUndefined();
      await mutate('logInspection', { findingId: findings[name], unitId: units.HBJ, outcome: 'PASSED', notes: '核实', inspectedOn: '2016-06-20', place: '现场' }, await app.as('INSPECTOR'));
    }
    // The reorganisation, typed in first: nothing of 环保局 is open on 07-10, nothing passes.
    const handOver = await app.graphql(
      `mutation($input: HandOverUnitPartsInput!) { handOverUnitParts(input: $input) { findingIds } }`,
      { input: { idempotencyKey: key('hand-over'), unitId: units.HBJ, successorUnitId: units.FJ, reason: '环评职能划转', handedOverOn: '2016-07-10' } },
      admin,
    );
    expect(handOver.errors).toBeUndefined();
    expect(handOver.data!.handOverUnitParts.findingIds).toEqual([]);
  });

  afterAll(async () => {
    await app?.close();
  });

  it('passes a part reopened on a day before the hand-over on the hand-over day: the successor reports it, the predecessor is told it passed', async () => {
    const finding = findings.reopenedBefore;
    await mutate('reopenFinding', { findingId: finding, reopenedOn: '2016-07-05', newDueDate: '2016-07-20', reason: '复查发现环评信息仍未公开' });
    expect(await holderOn(finding)).toEqual(['FJ RETURNED']);
    expect((await parts(finding))[0]!.heldBefore).toEqual([units.HBJ]);
    expect(await holderOn(finding, '2016-07-06')).toEqual(['HBJ RETURNED']);
    expect(await holderOn(finding, '2016-07-10')).toEqual(['FJ RETURNED']);

    const predecessor = await reportAs('HBJ', finding, '2016-07-15');
    expect(errorCode(predecessor)).toBe('CONFLICT');
    expect(predecessor.errors![0]!.extensions!.messageZh).toBe('青川县环境保护局的任务已于 2016-07-10 移交青川县生态环境分局，此后由青川县生态环境分局办理。');
    expect((await reportAs('FJ', finding, '2016-07-15')).errors).toBeUndefined();
    expect(await holderOn(finding)).toEqual(['FJ REPORTED']);
    expect(await holderOn(finding, '2016-07-16')).toEqual(['FJ REPORTED']);
    expect(await holderOn(finding, '2026-11-30')).toEqual(await holderOn(finding));
  });

  it('passes a part reopened after the hand-over day on the day it was reopened', async () => {
    const finding = findings.reopenedAfter;
    await mutate('reopenFinding', { findingId: finding, reopenedOn: '2016-07-15', newDueDate: '2016-07-31', reason: '复查发现问题反弹' });
    expect(await holderOn(finding)).toEqual(['FJ RETURNED']);
    expect(await holderOn(finding, '2016-07-14')).toEqual(['HBJ VERIFIED']);
    expect(await holderOn(finding, '2016-07-15')).toEqual(['FJ RETURNED']);
    expect((await reportAs('FJ', finding, '2016-07-20')).errors).toBeUndefined();
  });

  it('passes a part whose verifying inspection of 06-20 is corrected to a failure: open on the hand-over day, it passed then', async () => {
    const finding = findings.corrected;
    const [inspection] = (await app.graphql(`query($id: ID!) { finding(id: $id) { assignments { inspections { inspectionId } } } }`, { id: finding })).data!.finding.assignments[0].inspections;
    await mutate('correctInspection', { findingId: finding, unitId: units.HBJ, inspectionId: inspection.inspectionId, outcome: 'FAILED', newDueDate: '2016-07-31', reason: '误录为通过', expectedInspectedOn: '2016-06-20', expectedOutcome: 'PASSED' });
    expect(await holderOn(finding)).toEqual(['FJ RETURNED']);
    expect(await holderOn(finding, '2016-07-09')).toEqual(['HBJ RETURNED']);
    expect(await holderOn(finding, '2016-07-10')).toEqual(['FJ RETURNED']);
    const history = (await app.graphql(`query($id: ID!) { finding(id: $id) { history { eventType occurredOn } } }`, { id: finding })).data!.finding.history;
    expect(history.filter((entry: { eventType: string }) => entry.eventType === 'PartHandedOver')).toEqual([{ eventType: 'PartHandedOver', occurredOn: '2016-07-10' }]);
  });

  it('passes a work-plan item part added on a day before the hand-over, open on its day, to the successor then (breaker8c P11)', async () => {
    const lead = await app.graphql(`mutation($input: RegisterUnitInput!) { registerUnit(input: $input) { id } }`, {
      input: { idempotencyKey: 'unit-ZF', code: 'ZF', name: '青川县人民政府办公室', kind: 'DEPARTMENT', registeredOn: '2016-01-04' },
    }, await app.as('ADMIN'));
    const csv = '类别编号,类别,编号,事项,内容,牵头单位,责任单位,完成时限\n一,重点领域,1,环境信息公开,,青川县人民政府办公室,,2016-09-30\n';
    const imported = await app.graphql(`mutation($input: ImportWorkPlanInput!) { importWorkPlan(input: $input) { planId } }`, {
      input: { idempotencyKey: key('plan'), fileName: 'plan-2016.csv', title: '青川县2016年政务公开工作要点', year: 2016, contentBase64: Buffer.from(csv).toString('base64'), approvedOn: '2016-04-25', assignedOn: '2016-04-26' },
    });
    expect(imported.errors).toBeUndefined();
    const plan = await app.graphql(`query($id: ID!) { workPlan(id: $id) { categories { items { id } } } }`, { id: imported.data!.importWorkPlan.planId });
    const itemId = plan.data!.workPlan.categories[0].items[0].id as string;
    await mutate('addWorkPlanItemUnit', { itemId, unitId: units.HBJ, reason: '增加环保局', assignedOn: '2016-05-10' });
    const holders = async (asOf?: string) => {
      const response = await app.graphql(`query($id: ID!, $asOf: String) { workPlanItem(id: $id, asOf: $asOf) { parts { unitId status heldBefore } } }`, { id: itemId, ...(asOf ? { asOf } : {}) });
      expect(response.errors).toBeUndefined();
      return (response.data!.workPlanItem.parts as Part[]).filter((part) => part.unitId !== lead.data!.registerUnit.id);
    };
    expect(await holders()).toEqual([{ unitId: units.FJ, status: 'ASSIGNED', heldBefore: [units.HBJ] }]);
    expect(await holders('2016-07-09')).toEqual([{ unitId: units.HBJ, status: 'ASSIGNED', heldBefore: [] }]);
    const report = (code: 'HBJ' | 'FJ') =>
      app.as('UNIT', units[code]).then((headers) =>
        call('reportWorkPlanItem', { itemId, unitId: units[code], summary: '已公开', evidence: [{ title: '公开页面', link: 'https://www.example.gov.cn/x' }], reportedOn: '2016-07-15' }, headers),
      );
    expect(errorCode(await report('HBJ'))).toBe('CONFLICT');
    expect((await report('FJ')).errors).toBeUndefined();

    // breaker8c P12: a unit reads the reports of a part it held on any day, whatever the day viewed; another unit does not.
    /** The reports of the part `holder` holds on the day viewed, read with `headers`. */
    const reportsAs = async (headers: Record<string, string>, holder: string, asOf?: string) => {
      const response = await app.graphql(`query($id: ID!, $asOf: String, $holder: ID) { workPlanItem(id: $id, asOf: $asOf) { parts(unitId: $holder) { reports { reportedOn } } } }`, { id: itemId, holder, ...(asOf ? { asOf } : {}) }, headers);
      const [part] = (response.data?.workPlanItem?.parts ?? []) as { reports: { reportedOn: string }[] | null }[];
      return { code: errorCode(response), reports: part?.reports?.map((one) => one.reportedOn) ?? null };
    };
    const [hbj, fj, zf] = await Promise.all([app.as('UNIT', units.HBJ), app.as('UNIT', units.FJ), app.as('UNIT', lead.data!.registerUnit.id)]);
    expect(await reportsAs(fj, units.HBJ, '2016-07-09')).toEqual({ code: undefined, reports: [] });
    expect(await reportsAs(hbj, units.FJ)).toEqual({ code: undefined, reports: ['2016-07-15'] });
    expect(await reportsAs(fj, units.FJ)).toEqual({ code: undefined, reports: ['2016-07-15'] });
    expect((await reportsAs(zf, units.FJ)).code).toBe('FORBIDDEN');
  });

  it('lets the successor read the reports its predecessor made on a part, as of a day before the hand-over, and the predecessor read them now (breaker8c P12)', async () => {
    const finding = findings.reopenedBefore;
    const reportsAs = async (code: 'HBJ' | 'FJ', asOf?: string) => {
      const response = await app.graphql(`query($id: ID!, $asOf: String) { finding(id: $id, asOf: $asOf) { assignments { unitId reports { reportedOn } } } }`, { id: finding, ...(asOf ? { asOf } : {}) }, await app.as('UNIT', units[code]));
      expect(response.errors).toBeUndefined();
      return (response.data!.finding.assignments as { reports: { reportedOn: string }[] }[])[0]!.reports.map((one) => one.reportedOn);
    };
    expect(await reportsAs('FJ', '2016-07-06')).toEqual(['2016-06-10']);
    expect(await reportsAs('HBJ', '2016-07-06')).toEqual(['2016-06-10']);
    expect(await reportsAs('HBJ')).toEqual(['2016-06-10', '2016-07-15']);
    expect(await reportsAs('FJ')).toEqual(['2016-06-10', '2016-07-15']);
    // The history likewise: the successor reads its predecessor's entries on the part, the predecessor the successor's.
    const reportedOnBy = async (code: 'HBJ' | 'FJ') => {
      const response = await app.graphql(`query($id: ID!) { finding(id: $id) { history { eventType occurredOn } } }`, { id: finding }, await app.as('UNIT', units[code]));
      expect(response.errors).toBeUndefined();
      return (response.data!.finding.history as { eventType: string; occurredOn: string }[]).filter((entry) => entry.eventType === 'RectificationReported').map((entry) => entry.occurredOn);
    };
    expect(await reportedOnBy('FJ')).toEqual(['2016-06-10', '2016-07-15']);
    expect(await reportedOnBy('HBJ')).toEqual(['2016-06-10', '2016-07-15']);
  });
});
