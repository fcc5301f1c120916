import { replayLog, replayLogInto } from '../../event-sourcing/replay-log.js';
import { ProjectedStreams } from '../../event-sourcing/projected-streams.js';
import { UnitsReadModel } from '../../organization/units/units.read-model.js';
import { RectificationLedger } from '../ledger/rectification-ledger.js';
import { ledgerTable } from '../../exports/export-table.js';
import { tableToCsv } from '../../exports/export-files.js';
import type { ImportDependencies } from '../../imports/import-run.js';
import { importContext, storeWithEvaluation } from '../testing/evaluation-for-import.js';
import { FindingTitlesIndex } from '../finding-titles/finding-titles.index.js';
import { describeFindingsImportZh, importFindingsFile as importWithTitles } from './import-findings.js';

const importFindingsFile = async (dependencies: ImportDependencies, ...rest: Parameters<typeof importWithTitles> extends [unknown, ...infer R] ? R : never) =>
  importWithTitles({ ...dependencies, titles: await replayLog(dependencies.store, dependencies.schemas, new FindingTitlesIndex()) }, ...rest);

const EVALUATION = 'evaluation-2026';
const LEDGER =
  '问题,整改措施,牵头单位,整改时限\n' +
  '门户网站存在错链,逐页排查,青川市教育局,2027-03-31\n' +
  '政策解读不及时,建立解读机制,青川市财政局,长期坚持\n' +
  '依申请公开答复不规范,规范答复文书,青川市民政局,持续推进（每月报送）\n';

async function exported(dependencies: ImportDependencies, asOf: string) {
  const streams = new ProjectedStreams(dependencies.store, dependencies.schemas);
  const ledger = new RectificationLedger(streams);
  const units = new UnitsReadModel();
  await replayLogInto(dependencies.store, dependencies.schemas, [ledger, units]);
  return ledgerTable({ findings: ledger.listFindings({}), evaluations: ledger.listEvaluations(), unitName: units.namesAt({ asOf, knownAt: null } as never), asOf, knownAt: null, dueSoonDays: 7 });
}

/* newcomer43-10 #6 + W: a 台账 imported on 2026-12-06 gave its 长期坚持 part 2026-12-31 (25 days away) and showed it as 常态化（每季度报送）. */
describe('a standing part of a 台账 imported late in the year', () => {
  it('is kept up as long as the dated rows may run (2027-12-31), shows the office\'s words, is not overdue at the year\'s end, and its export reads back the same', async () => {
    const dependencies = await storeWithEvaluation(EVALUATION, '2026年度政务公开第三方评估');
    const outcome = await importFindingsFile(dependencies, EVALUATION, { name: '整改台账.csv', content: new TextEncoder().encode(LEDGER) }, importContext('first', '2026-12-06T09:00:00+08:00'), { identifiedOn: '2026-12-06' });
    expect(outcome.findings.map((finding) => finding.parts.map(({ dueDate, deadline }) => [dueDate, deadline]))).toEqual([
      [['2027-03-31', null]],
      [['2027-12-31', '长期坚持（每季度报送）']],
      [['2027-12-31', '持续推进（每月报送）']],
    ]);
    // After 2026-12-31 the standing parts are neither red nor due: the cell says the office's words, no day.
    const table = await exported(dependencies, '2027-01-05');
    const deadlineColumn = table.columns.findIndex((column) => column.header === '整改时限');
    expect(table.rows.map((row) => [row.cells[deadlineColumn], row.light])).toEqual([
      ['2027-03-31', 'GREEN'],
      ['长期坚持（每季度报送）', 'GREEN'],
      ['持续推进（每月报送）', 'GREEN'],
    ]);
    // The export imported back is the same: the words read back to the same terms.
    const before = (await dependencies.store.readAll()).length;
    const again = await importFindingsFile(dependencies, EVALUATION, { name: 'export.csv', content: new Uint8Array(tableToCsv(table)) }, importContext('again', '2027-01-05T09:00:00+08:00'), {});
    expect(describeFindingsImportZh('export.csv', again)).toContain('中的问题此前均已导入（3 个），内容相同，未写入任何内容。');
    expect((await dependencies.store.readAll()).length).toBe(before);
    dependencies.store.close();
  });
});
