import { TestApp, errorCode, startTestApp } from '../support/test-app.js';
import { reorganisationStory } from '../support/reorganisation-story.js';

/**
 * breaker8i P1, P6, P8: the directory of merges stays a line, never a circle, whatever order the 机构改革 files are typed in.
 * - P1: A→B and B→A on one day, or B→A typed first with a later day, or a circle of three, were all accepted; every open
 *   part of those units then sat with a unit that takes no work (reports and 交办 refused for good, no undo of a merge).
 * - P6: a merge of C dated before B's merge into C, typed after it, was accepted (date order refuses B→C naming C's successor).
 * - P8: a merge sent again with another day was answered ok and changed nothing.
 * HTTP GraphQL on a real SQLite file.
 */
let keySequence = 0;
const key = (name: string) => `${name}-${(keySequence += 1)}`;

describe('a unit is never merged into a unit whose merges lead back to it, and a merge keeps its day (breaker8i P1, P6, P8)', () => {
  let app: TestApp;
  let evaluationId: string;

  const story = reorganisationStory(() => app, key, { evaluationId: () => evaluationId, unitName: (code) => `青川县环${code}局` });
  const { registered, registerEvaluation, newFinding, holders, report, reorganise } = story;
  const merge = (from: string, to: string, on: string) => reorganise('mergeUnit', from, to, on);
  const refusedZh = async (pending: ReturnType<typeof merge>) => {
    const response = await pending;
    expect(errorCode(response)).toBe('CONFLICT');
    return response.errors![0]!.extensions!.messageZh;
  };

  beforeAll(async () => {
    app = await startTestApp({ now: '2026-11-30T10:00:00+08:00' });
    evaluationId = await registerEvaluation('2015年度政务公开第三方评估（合并不成环）');
  });

  afterAll(async () => {
    await app?.close();
  });

  it('A→B then B→A on the same day: the second is refused, and both units’ parts stay workable with B', async () => {
    await registered(['QA1', 'QB1']);
    const first = await newFinding('政府信息公开年报逾期发布', 'QA1');
    const second = await newFinding('依申请公开渠道未开通', 'QB1');
    expect((await merge('QA1', 'QB1', '2016-07-01')).data!.mergeUnit.findingIds).toEqual([first]);
    expect(await refusedZh(merge('QB1', 'QA1', '2016-07-01'))).toBe(
      '青川县环QB1局不能并入青川县环QA1局：青川县环QA1局已于 2016-07-01 并入青川县环QB1局，合并后青川县环QB1局将成为自己的承继单位。请核对两次合并的方向。',
    );
    expect(await holders(first)).toEqual(['QB1 ASSIGNED QA1']);
    expect(await holders(second)).toEqual(['QB1 ASSIGNED']);
    expect((await report(first, 'QB1', '2016-09-01')).errors).toBeUndefined();
    expect((await report(second, 'QB1', '2016-09-01')).errors).toBeUndefined();
  });

  it('B→A dated 08-01 typed first, then A→B dated 07-01: refused; A keeps its part and reports', async () => {
    await registered(['QA2', 'QB2']);
    const finding = await newFinding('重点领域信息公开不全', 'QA2');
    expect((await merge('QB2', 'QA2', '2016-08-01')).data!.mergeUnit.findingIds).toEqual([]);
    expect(await refusedZh(merge('QA2', 'QB2', '2016-07-01'))).toMatch(/^青川县环QA2局不能并入青川县环QB2局：青川县环QB2局已于 2016-08-01 并入青川县环QA2局/);
    expect(await holders(finding)).toEqual(['QA2 ASSIGNED']);
    expect((await report(finding, 'QA2', '2016-09-05')).errors).toBeUndefined();
  });

  it('a circle of three typed backwards (C→A 09-01, B→C 08-01, A→B 07-01): the merge closing it is refused', async () => {
    await registered(['QA3', 'QB3', 'QC3']);
    expect((await merge('QC3', 'QA3', '2016-09-01')).errors).toBeUndefined();
    expect((await merge('QB3', 'QC3', '2016-08-01')).errors).toBeUndefined();
    expect(await refusedZh(merge('QA3', 'QB3', '2016-07-01'))).toMatch(/其工作最终回到青川县环QA3局，合并后青川县环QA3局将成为自己的承继单位/);
  });

  it('a merge of C dated before B’s merge into C, typed after it, is refused naming that merge (date order refuses B→C); the part stays with C', async () => {
    await registered(['QB4', 'QC4', 'QD4']);
    const finding = await newFinding('政策解读材料缺失', 'QB4');
    expect((await merge('QB4', 'QC4', '2016-08-01')).data!.mergeUnit.findingIds).toEqual([finding]);
    expect(await refusedZh(merge('QC4', 'QD4', '2016-06-01'))).toBe(
      '青川县环QC4局不能于 2016-06-01 并入青川县环QD4局：青川县环QB4局已于 2016-08-01 并入青川县环QC4局，晚于该合并日期；单位合并后不再有其他单位并入。',
    );
    expect(await holders(finding)).toEqual(['QC4 ASSIGNED QB4']);
    // Dated on or after B's merge it is taken, and passes the part on.
    expect((await merge('QC4', 'QD4', '2016-08-01')).data!.mergeUnit.findingIds).toEqual([finding]);
    expect(await holders(finding)).toEqual(['QD4 ASSIGNED QB4 QC4']);
  });

  it('a merge sent again with another day is refused naming the recorded day; the same day again is a retry', async () => {
    await registered(['QA5', 'QB5']);
    expect((await merge('QA5', 'QB5', '2016-07-01')).errors).toBeUndefined();
    expect(await refusedZh(merge('QA5', 'QB5', '2016-08-01'))).toBe('青川县环QA5局已于 2016-07-01 并入青川县环QB5局；合并日期不能这样更正（再次合并并填写 2016-08-01），请使用“更正合并日期”（correctUnitMergeDate），填写原合并日期 2016-07-01、正确日期 2016-08-01 和理由。');
    expect((await merge('QA5', 'QB5', '2016-07-01')).errors).toBeUndefined();
  });

  describe('nor into one whose work comes back to it by a hand-over, and a unit merged away hands nothing over (breaker8j P1, P9)', () => {
    const handOver = (from: string, to: string, on: string) => reorganise('handOverUnitParts', from, to, on, '职能调整');

    it('B hands its work to A on 08-01, then A→B dated 07-01 is typed: refused naming the hand-over; both parts stay with A, which reports', async () => {
      await registered(['QA6', 'QB6']);
      const first = await newFinding('政府网站信息更新不及时', 'QA6');
      const second = await newFinding('政务新媒体长期未更新', 'QB6');
      expect((await handOver('QB6', 'QA6', '2016-08-01')).data!.handOverUnitParts.findingIds).toEqual([second]);
      expect(await refusedZh(merge('QA6', 'QB6', '2016-07-01'))).toBe(
        '青川县环QA6局不能于 2016-07-01 并入青川县环QB6局：青川县环QB6局于 2016-08-01 把任务移交青川县环QA6局，晚于该合并日期，其任务将回到已合并的青川县环QA6局，而单位合并后不再承担任务。请核对合并日期和移交日期。',
      );
      expect(await holders(first)).toEqual(['QA6 ASSIGNED']);
      expect(await holders(second)).toEqual(['QA6 ASSIGNED QB6']);
      expect((await report(first, 'QA6', '2016-09-01')).errors).toBeUndefined();
      expect((await report(second, 'QA6', '2016-09-01')).errors).toBeUndefined();
      // In date order the hand-over into A, merged by then, is the one refused: one ledger whichever is typed first.
      await registered(['QA7', 'QB7']);
      expect((await merge('QA7', 'QB7', '2016-07-01')).errors).toBeUndefined();
      expect(errorCode(await handOver('QB7', 'QA7', '2016-08-01'))).toBe('CONFLICT');
    });

    it('a circle of three through a hand-over (B→C merged 09-01, C hands to A 10-01, then A→B 07-01): the merge closing it is refused', async () => {
      await registered(['QA8', 'QB8', 'QC8']);
      const finding = await newFinding('重大决策预公开不到位', 'QA8');
      expect((await merge('QB8', 'QC8', '2016-09-01')).errors).toBeUndefined();
      expect((await handOver('QC8', 'QA8', '2016-10-01')).errors).toBeUndefined();
      expect(await refusedZh(merge('QA8', 'QB8', '2016-07-01'))).toMatch(/青川县环QB8局于 2016-09-01 并入青川县环QC8局，青川县环QC8局于 2016-10-01 把任务移交青川县环QA8局，晚于该合并日期/);
      expect(await holders(finding)).toEqual(['QA8 ASSIGNED']);
    });

    it('a unit merged on 07-01 cannot hand its work over on 09-01 (as it is not renamed); on its merge day it can', async () => {
      await registered(['QA9', 'QB9', 'QC9']);
      const finding = await newFinding('政策解读与文件不同步', 'QA9');
      expect((await merge('QA9', 'QB9', '2016-07-01')).errors).toBeUndefined();
      expect(await refusedZh(handOver('QA9', 'QC9', '2016-09-01'))).toBe('青川县环QA9局已于 2016-07-01 并入青川县环QB9局（早于 2016-09-01），合并后不能再移交任务，其任务已由承继单位承担。');
      expect(await holders(finding)).toEqual(['QB9 ASSIGNED QA9']);
      // On its merge day it still can (a unit split on the day: some duties to C, the rest merged into B).
      await registered(['QA10', 'QB10', 'QC10']);
      expect((await merge('QA10', 'QB10', '2016-07-01')).errors).toBeUndefined();
      expect((await handOver('QA10', 'QC10', '2016-07-01')).errors).toBeUndefined();
    });
  });
});
