import { replayLog, replayLogInto } from '../../event-sourcing/replay-log.js';
import { ProjectedStreams } from '../../event-sourcing/projected-streams.js';
import { UnitsReadModel } from '../../organization/units/units.read-model.js';
import { RectificationLedger } from '../ledger/rectification-ledger.js';
import { ledgerTable } from '../../exports/export-table.js';
import { tableToCsv, tableToXlsx } from '../../exports/export-files.js';
import type { ImportDependencies } from '../../imports/import-run.js';
import { importContext, storeWithEvaluation } from '../testing/evaluation-for-import.js';
import { FindingTitlesIndex } from '../finding-titles/finding-titles.index.js';
import { describeFindingsImportZh, importFindingsFile as importWithTitles } from './import-findings.js';

const importFindingsFile = async (dependencies: ImportDependencies, ...rest: Parameters<typeof importWithTitles> extends [unknown, ...infer R] ? R : never) =>
  importWithTitles({ ...dependencies, titles: await replayLog(dependencies.store, dependencies.schemas, new FindingTitlesIndex()) }, ...rest);

const EVALUATION = 'evaluation-2025';
const LEDGER = '问题,具体表现,类别,严重程度,整改措施,牵头单位,责任单位,整改时限\n门户网站存在错链,3处链接失效,网站建设,较重,逐页排查,青川市教育局,青川市财政局,2026-12-31\n年报发布滞后,未按期发布,年度报告,严重,按期发布,青川市民政局,,立行立改\n';

async function exported(dependencies: ImportDependencies) {
  const streams = new ProjectedStreams(dependencies.store, dependencies.schemas);
  const ledger = new RectificationLedger(streams);
  const units = new UnitsReadModel();
  await replayLogInto(dependencies.store, dependencies.schemas, [ledger, units]);
  return ledgerTable({ findings: ledger.listFindings({}), evaluations: ledger.listEvaluations(), unitName: units.namesAt({ asOf: '2026-10-20', knownAt: null } as never), asOf: '2026-10-20', knownAt: null, dueSoonDays: 7 });
}

/* newcomer43-10 #5: the 整改台账 export lacked 具体表现 / 严重程度; imported back it said 「没有“严重程度”列：所有问题按“一般”记录」 of findings recorded 较重. */
describe('the 整改台账 export imported back', () => {
  it.each(['csv', 'xlsx'] as const)('as %s: 「此前均已导入（2 个），内容相同」, no notice of a missing column; an edited 严重程度 is said', async (format) => {
    const dependencies = await storeWithEvaluation(EVALUATION, '2025年度政务公开第三方评估');
    await importFindingsFile(dependencies, EVALUATION, { name: '整改台账.csv', content: new TextEncoder().encode(LEDGER) }, importContext('first'), { identifiedOn: '2026-10-08' });
    const table = await exported(dependencies);
    expect(table.columns.map((column) => column.header).slice(2, 6)).toEqual(['问题', '具体表现', '类别', '严重程度']);
    const before = (await dependencies.store.readAll()).length;
    const content = new Uint8Array(format === 'csv' ? tableToCsv(table) : await tableToXlsx(table, '整改台账'));
    // Its first line is the title naming its day and reading, as the XLSX's (newcomer51-8 M7); read back all the same.
    if (format === 'csv') expect(new TextDecoder().decode(content).replace(/^\uFEFF/, '').split('\r\n')[0]).toBe('整改台账（截至 2026-10-20，含事后补录的记录）');
    const again = await importFindingsFile(dependencies, EVALUATION, { name: `export.${format}`, content }, importContext(`again-${format}`), {});
    const said = describeFindingsImportZh(`export.${format}`, again);
    expect(said).toContain('中的问题此前均已导入（2 个），内容相同，未写入任何内容。');
    expect(said).not.toMatch(/没有“具体表现”列|没有“严重程度”列|按“一般”记录|没有“类别”列/);
    expect((await dependencies.store.readAll()).length).toBe(before);
    if (format === 'csv') {
      const edited = new TextDecoder().decode(content).replaceAll(',网站建设,较重,', ',网站建设,严重,');
      const changed = await importFindingsFile(dependencies, EVALUATION, { name: 'edited.csv', content: new TextEncoder().encode(edited) }, importContext('edited'), {});
      expect(changed.notes.notices?.map((notice) => notice.reasonZh)).toContainEqual('问题“门户网站存在错链”此前已登记，导入未作修改：文件中的严重程度为“严重”，已登记的为“较重”。');
      expect(describeFindingsImportZh('edited.csv', changed)).not.toContain('内容相同');
    }
    dependencies.store.close();
  });
});
