import { TestApp, errorCode, startTestApp } from '../support/test-app.js';
import { reorganisationStory } from '../support/reorganisation-story.js';

/**
 * breaker8g P10: one 机构改革 document hands A's duties to B and merges B into C, both on 2017-03-01.
 * Typed in either order, A's open part ends with C (held before by A, then B): B ceases to exist
 * that day, so what it holds at the day's end passes with it. Before, the hand-over typed first left
 * the part with the merged B (its clerk refused: "merged", C's refused: "not assigned"), and the
 * merge typed first refused the hand-over. The view now is the view of today and of the day itself;
 * the day before, A holds it. HTTP GraphQL on a real SQLite file.
 */
let keySequence = 0;
const key = (name: string) => `${name}-${(keySequence += 1)}`;

describe('a hand-over into a unit merged away the same day passes the part on through the merge, in either typing order (breaker8g P10)', () => {
  let app: TestApp;
  let evaluationId: string;

  const story = reorganisationStory(() => app, key, { evaluationId: () => evaluationId });
  const { registered, registerEvaluation, newFinding, holders, reorganised } = story;
  const handOver = (from: string, to: string) => reorganised('handOverUnitParts', from, to, '2017-03-01', '职能调整');
  const merge = (from: string, to: string) => reorganised('mergeUnit', from, to, '2017-03-01');
  const report = (findingId: string, by: string) => story.report(findingId, by, '2017-03-05');

  const endsWithC = async (finding: string, a: string, b: string, c: string) => {
    expect(await holders(finding)).toEqual([`${c} ASSIGNED ${a} ${b}`]);
    expect(await holders(finding, '2026-11-30')).toEqual(await holders(finding));
    expect(await holders(finding, '2017-03-01')).toEqual(await holders(finding));
    expect(await holders(finding, '2017-02-28')).toEqual([`${a} ASSIGNED`]);
    // The merged unit takes no work; its successor reports.
    expect(errorCode(await report(finding, b))).toBe('CONFLICT');
    expect((await report(finding, c)).errors).toBeUndefined();
  };

  beforeAll(async () => {
    app = await startTestApp({ now: '2026-11-30T10:00:00+08:00' });
    evaluationId = await registerEvaluation('2015年度政务公开第三方评估');
  });

  afterAll(async () => {
    await app?.close();
  });

  it('the hand-over A→B typed first, then B merged into C: the merge passes the part B took over that day', async () => {
    await registered(['A1', 'B1', 'C1']);
    const finding = await newFinding('环评审批信息未公开', 'A1');
    expect((await handOver('A1', 'B1')).findingIds).toEqual([finding]);
    expect((await merge('B1', 'C1')).findingIds).toEqual([finding]);
    await endsWithC(finding, 'A1', 'B1', 'C1');
  });

  it('B merged into C typed first, then the hand-over A→B: accepted, and the part goes on to C', async () => {
    await registered(['A2', 'B2', 'C2']);
    const finding = await newFinding('财政预算公开不细化', 'A2');
    expect((await merge('B2', 'C2')).findingIds).toEqual([]);
    expect((await handOver('A2', 'B2')).findingIds).toEqual([finding]);
    await endsWithC(finding, 'A2', 'B2', 'C2');
  });
});
