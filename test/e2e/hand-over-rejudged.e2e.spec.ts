import { TestApp, errorCode, startTestApp } from '../support/test-app.js';

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
  const units: Record<'HBJ' | 'FJ' | 'TJJ' | 'TJZX', string> = { HBJ: '', FJ: '', TJJ: '', TJZX: '' };
  let evaluationId: string;
  const findings: Record<'reopenedBefore' | 'reopenedAfter' | 'corrected', string> = { reopenedBefore: '', reopenedAfter: '', corrected: '' };

  const call = (name: string, input: Record<string, unknown>, headers?: Record<string, string>) =>
    app.graphql(`mutation($input: ${name[0]!.toUpperCase()}${name.slice(1)}Input!) { ${name}(input: $input) { __typename } }`, { input: { idempotencyKey: key(name), ...input } }, headers);
  const mutate = async (name: string, input: Record<string, unknown>, headers?: Record<string, string>) => {
    const response = await call(name, input, headers);
    if (response.errors) throw new Error(`${name} refused: ${JSON.stringify(response.errors)}`);
  };
  const reportAs = async (code: 'HBJ' | 'FJ', findingId: string, reportedOn: string) =>
    call('reportRectification', { findingId, unitId: units[code], summary: '已整改', evidence: [{ title: '公开页面', link: 'https://www.example.gov.cn/x' }], reportedOn }, await app.as('UNIT', units[code]));
  const parts = async (findingId: string, asOf?: string): Promise<Part[]> => {
    const response = await app.graphql(`query($id: ID!, $asOf: String) { finding(id: $id, asOf: $asOf) { assignments { unitId status heldBefore } } }`, { id: findingId, ...(asOf ? { asOf } : {}) });
    expect(response.errors).toBeUndefined();
    return response.data!.finding.assignments;
  };
  const codeOf = (unitId: string) => Object.entries(units).find(([, id]) => id === unitId)![0];
  const holderOn = async (findingId: string, asOf?: string) => (await parts(findingId, asOf)).map((part) => `${codeOf(part.unitId)} ${part.status}`);

  beforeAll(async () => {
    app = await startTestApp({ now: '2026-11-30T10:00:00+08:00' });
    const admin = await app.as('ADMIN');
    for (const [code, name] of [['HBJ', '青川县环境保护局'], ['FJ', '青川县生态环境分局'], ['TJJ', '青川县统计局'], ['TJZX', '青川县统计调查中心']] as const) {
      const response = await app.graphql(`mutation($input: RegisterUnitInput!) { registerUnit(input: $input) { id } }`, {
        input: { idempotencyKey: `unit-${code}`, code, name, kind: 'DEPARTMENT', registeredOn: '2016-01-04' },
      }, admin);
      expect(response.errors).toBeUndefined();
      units[code] = response.data!.registerUnit.id;
    }
    const evaluation = await app.graphql(`mutation($input: RegisterEvaluationInput!) { registerEvaluation(input: $input) { id } }`, {
      input: { idempotencyKey: key('evaluation'), title: '2015年度政务公开第三方评估', evaluator: '某研究院', commissionedBy: '国务院办公厅', periodStart: '2015-01-01', periodEnd: '2015-12-31', receivedOn: '2016-04-15' },
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

  describe('the other direction: a part open on the hand-over day passed, then a verification dated by that day is entered', () => {
    const statisticsFinding = async (title: string) => {
      const recorded = await app.graphql(`mutation($input: RecordFindingInput!) { recordFinding(input: $input) { id } }`, {
        input: { idempotencyKey: key('finding'), evaluationId, title, description: title, category: '主动公开', severity: 'MEDIUM', identifiedOn: '2016-04-15' },
      });
      const id = recorded.data!.recordFinding.id as string;
      await mutate('assignFinding', { findingId: id, assignedOn: '2016-04-26', units: [{ unitId: units.TJJ, role: 'LEAD', dueDate: '2016-06-30' }] });
      await mutate('reportRectification', { findingId: id, unitId: units.TJJ, summary: '已公开统计公报', evidence: [{ title: '统计公报', link: 'https://www.example.gov.cn/tj' }], reportedOn: '2016-06-10' }, await app.as('UNIT', units.TJJ));
      return id;
    };
    let failedThenCorrected: string;
    let inspectedLate: string;

    beforeAll(async () => {
      failedThenCorrected = await statisticsFinding('统计公报公开不及时');
      await mutate('logInspection', { findingId: failedThenCorrected, unitId: units.TJJ, outcome: 'FAILED', notes: '公报未更新', inspectedOn: '2016-06-20', place: '现场', newDueDate: '2016-07-31' }, await app.as('INSPECTOR'));
      inspectedLate = await statisticsFinding('统计数据解读缺失');
      // 统计局's duties pass to 统计调查中心 on 07-01: both parts are open that day, both pass.
      const handOver = await app.graphql(
        `mutation($input: HandOverUnitPartsInput!) { handOverUnitParts(input: $input) { findingIds } }`,
        { input: { idempotencyKey: key('hand-over'), unitId: units.TJJ, successorUnitId: units.TJZX, reason: '统计调查职能划转', handedOverOn: '2016-07-01' } },
        await app.as('ADMIN'),
      );
      expect(handOver.errors).toBeUndefined();
      expect([...handOver.data!.handOverUnitParts.findingIds].sort()).toEqual([failedThenCorrected, inspectedLate].sort());
      expect(await holderOn(failedThenCorrected)).toEqual(['TJZX RETURNED']);
    });

    it('keeps a part whose failed inspection of 06-20 is corrected to a pass with the unit that did the work: now, as of any day after, and in the scorecard', async () => {
      const [inspection] = (await app.graphql(`query($id: ID!) { finding(id: $id) { assignments { inspections { inspectionId } } } }`, { id: failedThenCorrected })).data!.finding.assignments[0].inspections;
      app.clock.set('2026-11-30T11:00:00+08:00');
      await mutate('correctInspection', { findingId: failedThenCorrected, unitId: units.TJZX, inspectionId: inspection.inspectionId, outcome: 'PASSED', reason: '误录为未通过', expectedInspectedOn: '2016-06-20', expectedOutcome: 'FAILED' });
      expect(await holderOn(failedThenCorrected)).toEqual(['TJJ VERIFIED']);
      expect((await parts(failedThenCorrected))[0]!.heldBefore).toEqual([]);
      expect(await holderOn(failedThenCorrected, '2016-07-05')).toEqual(['TJJ VERIFIED']);
      expect(await holderOn(failedThenCorrected, '2016-06-25')).toEqual(['TJJ VERIFIED']);
      // Known before the correction, the part had passed to 统计调查中心 on 07-01.
      const known = await app.graphql(`query($id: ID!) { finding(id: $id, asOf: "2016-07-05", knownAt: "2026-11-30T10:30:00+08:00") { assignments { unitId status } } }`, { id: failedThenCorrected });
      expect(known.data!.finding.assignments.map((part: Part) => `${codeOf(part.unitId)} ${part.status}`)).toEqual(['TJZX RETURNED']);

      const board = (await app.graphql(`{ unitScorecard(asOf: "2016-07-05") { unitId parts onTime } }`)).data!.unitScorecard;
      expect(board.find((row: { unitId: string }) => row.unitId === units.TJJ)).toMatchObject({ parts: 1, onTime: 1 });
      expect(board.find((row: { unitId: string }) => row.unitId === units.TJZX)).toMatchObject({ parts: 1 });
    });

    it('keeps a part reported 06-10 and passed at an inspection of 06-25, entered after the hand-over, with the unit that did the work', async () => {
      await mutate('logInspection', { findingId: inspectedLate, unitId: units.TJZX, outcome: 'PASSED', notes: '核实', inspectedOn: '2016-06-25', place: '现场' }, await app.as('INSPECTOR'));
      expect(await holderOn(inspectedLate)).toEqual(['TJJ VERIFIED']);
      expect(await holderOn(inspectedLate, '2016-07-02')).toEqual(['TJJ VERIFIED']);
      const workload = (await app.graphql(`query($unitId: ID!) { unitWorkload(unitId: $unitId) { openParts { findingId } } }`, { unitId: units.TJZX })).data!.unitWorkload;
      expect(workload.openParts.map((part: { findingId: string }) => part.findingId)).not.toContain(inspectedLate);
    });
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
});
