import { replayLog } from '../../event-sourcing/replay-log.js';
import { DomainError } from '../../shared/domain-error.js';
import type { ImportDependencies } from '../../imports/import-run.js';
import { importContext, storeWithEvaluation } from '../testing/evaluation-for-import.js';
import { FindingTitlesIndex } from '../finding-titles/finding-titles.index.js';
import { importFindingsFile as importWithTitles } from './import-findings.js';

/*
 * breaker10r P27 (L1-ledger.xlsx, then L1c-ledger-retyped.xlsx): the office's next copy of its 台账 writes 「答复文书不规范」 as
 * 「依申请公开答复文书不规范」 — the same row, units, deadline and measures. A title holding a recorded one whole, for the same units,
 * is that problem retyped: refused naming the recorded title, as a title a few characters apart is — never a second finding with
 * a second part for each unit. The office's 是另一个问题 (distinctTitles) records it; other units make it another problem.
 */
const importFindingsFile = async (dependencies: ImportDependencies, ...rest: Parameters<typeof importWithTitles> extends [unknown, ...infer R] ? R : never) =>
  importWithTitles({ ...dependencies, titles: await replayLog(dependencies.store, dependencies.schemas, new FindingTitlesIndex()) }, ...rest);
const EVALUATION = 'evaluation-2025';
const csv = (lines: string[]) => new TextEncoder().encode(`存在问题,整改措施,牵头单位,责任单位,整改时限\n${lines.join('\n')}\n`);
const FIRST = '答复文书不规范,统一答复文书格式,青川市财政局,青川市教育局、青川市民政局,2026年12月31日';

describe('a 台账 re-sent with a problem\'s title lengthened (breaker10r P27)', () => {
  const setUp = async () => {
    const dependencies = await storeWithEvaluation(EVALUATION, '2025年度政务公开第三方评估');
    await importFindingsFile(dependencies, EVALUATION, { name: 'L1.csv', content: csv([FIRST, 'PK网站栏目更新不及时,定期巡查,青川市教育局,,2026年12月15日']) }, importContext('v1'), { identifiedOn: '2026-10-08', assignedOn: '2026-10-09' });
    return dependencies;
  };

  it('refuses the row naming the recorded title; nothing is written (the dry run alike)', async () => {
    const dependencies = await setUp();
    const count = (await dependencies.store.readAll()).length;
    const retyped = csv([FIRST.replace('答复文书不规范', '依申请公开答复文书不规范')]);
    for (const dryRun of [true, false]) {
      const refusal = await importFindingsFile(dependencies, EVALUATION, { name: 'L1c.csv', content: retyped }, importContext(`v2-${dryRun}`), { identifiedOn: '2026-10-08', assignedOn: '2026-10-09', dryRun }).catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(DomainError);
      expect((refusal as DomainError).details).toMatchObject({
        problems: [{ row: 2, distinctTitle: '依申请公开答复文书不规范', reasonZh: expect.stringMatching(/^问题“依申请公开答复文书不规范”包含已登记的问题“答复文书不规范”，只是多了几个字，责任单位也相同。/u) }],
      });
    }
    expect((await dependencies.store.readAll()).length).toBe(count);
  });

  it('records it when the office confirms it is another problem, or when it names other units', async () => {
    const dependencies = await setUp();
    const retyped = csv([FIRST.replace('答复文书不规范', '依申请公开答复文书不规范')]);
    const confirmed = await importFindingsFile(dependencies, EVALUATION, { name: 'L1c.csv', content: retyped }, importContext('confirmed'), { identifiedOn: '2026-10-08', assignedOn: '2026-10-09', distinctTitles: ['依申请公开答复文书不规范'] });
    expect(confirmed.findings.map((finding) => [finding.title, finding.recordedNow])).toEqual([['依申请公开答复文书不规范', true]]);
    const otherUnits = await importFindingsFile(dependencies, EVALUATION, { name: 'other.csv', content: csv(['政务服务网站栏目更新不及时,定期巡查,青川市民政局,,2026年12月15日'.replace('政务服务网站栏目更新不及时', '市民政局PK网站栏目更新不及时')]) }, importContext('other'), { identifiedOn: '2026-10-08', assignedOn: '2026-10-09' });
    expect(otherUnits.findings.map((finding) => finding.recordedNow)).toEqual([true]);
  });
});
