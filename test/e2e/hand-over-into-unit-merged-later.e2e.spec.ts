import { TestApp, startTestApp } from '../support/test-app.js';
import { reorganisationStory } from '../support/reorganisation-story.js';

/**
 * breaker8k P1 (perf2's walk crash): the 机构改革 entered first (S merged into X on 09-01), then the earlier 职能调整 A→S of 08-01,
 * or A's merge into S of 08-01, on a finding where S held a part: INTERNAL_SERVER_ERROR (TypeError in factLostInJoin ←
 * passPartOnItsDay) — A's part had already joined X's (S's part passed on after the day) and the merges loop looked for it at S.
 * Now the reorganisation is answered: A's part with X (through S), the views of today and of a cut agree. HTTP GraphQL on a real
 * SQLite file.
 */
let keySequence = 0;
const key = (name: string) => `${name}-${(keySequence += 1)}`;

describe('a reorganisation into a unit merged away later, typed after that merge, is answered, never a server error (breaker8k P1)', () => {
  let app: TestApp;
  let evaluationId: string;

  const story = reorganisationStory(() => app, key, { evaluationId: () => evaluationId, unitName: (code) => `青川县崩${code}局` });
  const { registered, registerEvaluation, newFinding, holders, reorganise } = story;

  beforeAll(async () => {
    app = await startTestApp({ now: '2026-11-30T10:00:00+08:00' });
    evaluationId = await registerEvaluation('2015年度政务公开第三方评估（合并后补录的移交）');
  });

  afterAll(async () => {
    await app?.close();
  });

  for (const operation of ['handOverUnitParts', 'mergeUnit'] as const) {
    it(`${operation} A→S dated 08-01, typed after S's merge into X of 09-01`, async () => {
      const [a, s, x] = operation === 'mergeUnit' ? ['KA2', 'KS2', 'KX2'] : ['KA1', 'KS1', 'KX1'];
      await registered([a, s, x]);
      const finding = await newFinding(operation === 'mergeUnit' ? '政务服务事项清单未公开' : '行政许可结果未公开', [[a, 'LEAD'], [s, 'RESPONSIBLE']]);
      expect((await reorganise('mergeUnit', s, x, '2016-09-01')).errors).toBeUndefined();
      const late = await reorganise(operation, a, s, '2016-08-01');
      expect(late.errors?.[0]?.extensions?.code).not.toBe('INTERNAL_SERVER_ERROR');
      expect(late.errors).toBeUndefined();
      const now = await holders(finding);
      expect(now.map((part) => part.split(' ')[0])).toEqual([x]);
      expect(await holders(finding, '2026-11-30')).toEqual(now);
    });
  }
});
