import { TestApp, errorCode, startTestApp } from '../support/test-app.js';
import { reorganisationStory } from '../support/reorganisation-story.js';

/**
 * breaker8h P3: a 机构改革 into a unit B dated before B's own merge into C, entered after that merge
 * (the files of a reorganisation typed in late). On its day B existed and took the work; its merge
 * passes it on to C on the merge's day — the ledger date order gives. Before, the hand-over (or a
 * merge A→B) typed after B's merge was refused ("merged … takes no new work"), and the refusal invited
 * the wrong fix (hand A over to C, which then reads as the holder from July). A reorganisation into B
 * dated after B's merge stays refused, naming C. HTTP GraphQL on a real SQLite file.
 */
let keySequence = 0;
const key = (name: string) => `${name}-${(keySequence += 1)}`;

describe('a reorganisation into a unit dated before that unit’s merge is taken in either typing order, and the merge passes the part on (breaker8h P3)', () => {
  let app: TestApp;
  let evaluationId: string;

  const story = reorganisationStory(() => app, key, { evaluationId: () => evaluationId });
  const { call, unit, admin, registered, registerEvaluation, newFinding, holders, report, reorganise } = story;
  const handOver = (from: string, to: string, on: string) => reorganise('handOverUnitParts', from, to, on, '职能调整');
  const merge = (from: string, to: string, on: string) => reorganise('mergeUnit', from, to, on);

  /** A held the part until 07-01, B until its merge on 09-01, C since; B's report of 08-15 was its own work then. */
  const passedOnThroughTheMerge = async (finding: string, [a, b, c]: string[]) => {
    expect(await holders(finding, '2016-06-30')).toEqual([`${a} ASSIGNED`]);
    expect(await holders(finding, '2016-08-01')).toEqual([`${b} ASSIGNED ${a}`]);
    expect(await holders(finding, '2016-09-01')).toEqual([`${c} ASSIGNED ${a} ${b}`]);
    expect((await report(finding, b!, '2016-08-15')).errors).toBeUndefined();
    expect(await holders(finding)).toEqual([`${c} REPORTED ${a} ${b}`]);
    expect(await holders(finding, '2026-11-30')).toEqual(await holders(finding));
    // After its merge B takes no work; the inspection of its report is C's part's.
    expect(errorCode(await report(finding, b!, '2016-09-05'))).toBe('CONFLICT');
    const inspected = await call('logInspection', { findingId: finding, unitId: unit[c!], outcome: 'PASSED', notes: '现场核实', inspectedOn: '2016-09-10', place: '现场' });
    expect(inspected.errors).toBeUndefined();
    expect(await holders(finding)).toEqual([`${c} VERIFIED ${a} ${b}`]);
  };

  beforeAll(async () => {
    app = await startTestApp({ now: '2026-11-30T10:00:00+08:00' });
    evaluationId = await registerEvaluation('2015年度政务公开第三方评估（机构改革补录）');
  });

  afterAll(async () => {
    await app?.close();
  });

  it('in date order: the hand-over A→B of 07-01, then B merged into C on 09-01', async () => {
    await registered(['PA1', 'PB1', 'PC1']);
    const finding = await newFinding('环评审批结果未按期公开', 'PA1');
    expect((await handOver('PA1', 'PB1', '2016-07-01')).data!.handOverUnitParts.findingIds).toEqual([finding]);
    expect((await merge('PB1', 'PC1', '2016-09-01')).data!.mergeUnit.findingIds).toEqual([finding]);
    await passedOnThroughTheMerge(finding, ['PA1', 'PB1', 'PC1']);
  });

  it('the merge B→C typed first, then the hand-over A→B dated before it: the same ledger', async () => {
    await registered(['PA2', 'PB2', 'PC2']);
    const finding = await newFinding('棚户区改造信息公开不全', 'PA2');
    expect((await merge('PB2', 'PC2', '2016-09-01')).data!.mergeUnit.findingIds).toEqual([]);
    const handedOver = await handOver('PA2', 'PB2', '2016-07-01');
    expect(handedOver.errors).toBeUndefined();
    expect(handedOver.data!.handOverUnitParts.findingIds).toEqual([finding]);
    await passedOnThroughTheMerge(finding, ['PA2', 'PB2', 'PC2']);
  });

  it('the merge B→C typed first, then A merged into B dated before it: the same ledger', async () => {
    await registered(['PA3', 'PB3', 'PC3']);
    const finding = await newFinding('扶贫资金分配结果未公开', 'PA3');
    expect((await merge('PB3', 'PC3', '2016-09-01')).data!.mergeUnit.findingIds).toEqual([]);
    const merged = await merge('PA3', 'PB3', '2016-07-01');
    expect(merged.errors).toBeUndefined();
    expect(merged.data!.mergeUnit.findingIds).toEqual([finding]);
    await passedOnThroughTheMerge(finding, ['PA3', 'PB3', 'PC3']);
  });

  it('a reorganisation refused for one part names the finding it is about (breaker8g P3: it named none)', async () => {
    await registered(['PA5', 'PB5']);
    // PB5 holds a part of its own (a join): PA5's report dated after the day is still refused (into a unit holding none, it goes with the part: breaker8r P10).
    const finding = await newFinding('重大决策预公开不到位', [['PA5', 'LEAD'], ['PB5', 'RESPONSIBLE']]);
    expect((await report(finding, 'PA5', '2016-07-10')).errors).toBeUndefined();
    const merged = await merge('PA5', 'PB5', '2016-07-01');
    expect(errorCode(merged)).toBe('CONFLICT');
    expect(merged.errors![0]!.extensions!.messageZh).toMatch(/^问题「重大决策预公开不到位」：青川县第PA5局的任务不能在 2016-07-01 移交或并入：青川县第PA5局的整改报告的日期（2016-07-10）在其之后/);
    expect(merged.errors![0]!.extensions!.findingId).toBe(finding);
    expect(merged.errors![0]!.message).toMatch(/^Finding 「重大决策预公开不到位」: /);
  });

  it('a reorganisation into B dated after B’s merge stays refused, naming where B’s work went by name (breaker8h P11)', async () => {
    await registered(['PA4', 'PB4', 'PC4']);
    await newFinding('政策解读材料未同步发布', 'PA4');
    expect((await merge('PB4', 'PC4', '2016-09-01')).errors).toBeUndefined();
    const handedOver = await handOver('PA4', 'PB4', '2016-09-02');
    expect(errorCode(handedOver)).toBe('CONFLICT');
    expect(handedOver.errors![0]!.extensions!.messageZh).toBe('承继单位青川县第PB4局已于 2016-09-01 并入青川县第PC4局（早于 2016-09-02），不再承担新的工作；请移交给青川县第PC4局。');
    // Named by name, with the unit to merge into instead (breaker8h P11: codes and ids before).
    const merged = await merge('PA4', 'PB4', '2016-09-02');
    expect(errorCode(merged)).toBe('CONFLICT');
    expect(merged.errors![0]!.extensions!.messageZh).toBe('承继单位青川县第PB4局已于 2016-09-01 并入青川县第PC4局（早于 2016-09-02），请直接并入青川县第PC4局。');
    expect((await merge('PB4', 'PA4', '2016-09-03')).errors![0]!.extensions!.messageZh).toBe('青川县第PB4局已于 2016-09-01 并入青川县第PC4局。');
    const renamed = await call('renameUnit', { unitId: unit.PB4, name: '青川县第PB4局（更名）', reason: '机构改革', renamedOn: '2016-09-05' }, await admin(), 'id');
    expect(renamed.errors![0]!.extensions!.messageZh).toBe('青川县第PB4局已于 2016-09-01 并入青川县第PC4局，不能再更名。');
  });
});
