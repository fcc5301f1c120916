import ExcelJS from 'exceljs';
import { replayLog } from '../../event-sourcing/replay-log.js';
import type { ImportDependencies } from '../../imports/import-run.js';
import { inToolWords } from '../../cli/tool-words.js';
import { DomainError } from '../../shared/domain-error.js';
import { problemsOf, sheetsReadOf } from '../../spreadsheet/import-refusal.js';
import { importContext, storeWithEvaluation } from '../testing/evaluation-for-import.js';
import { FindingTitlesIndex } from '../finding-titles/finding-titles.index.js';
import { importFindingsFile } from './import-findings.js';

/*
 * issue 10 (left by P7): a 整改台账 laid out one 大项 per sheet and refused was named by its first sheet for every row — 「（工作表
 * “一、主动公开”）未导入…第 3 行」 for a row of the second — with no word of reading one sheet alone: the findings import did not pass
 * the sheets it read, as the plan import does. Every problem names its sheet, the refusal names them all and hints at --sheet.
 */

const EVALUATION = 'evaluation-2025';

/** A 台账 over two sheets; `second` are the second sheet's rows (序号, 存在问题, 责任单位, 整改时限). */
async function ledger(second: (string | number)[][]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const header = ['序号', '存在问题', '责任单位', '整改时限'];
  const first = workbook.addWorksheet('一、主动公开');
  first.addRow(header);
  first.addRow([1, '财政预决算公开不完整', '青川市财政局', '2026年12月底前']);
  const other = workbook.addWorksheet('二、依申请公开');
  other.addRow(header);
  for (const row of second) other.addRow(row);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

const run = async (dependencies: ImportDependencies, content: Uint8Array, key: string) =>
  importFindingsFile({ ...dependencies, titles: await replayLog(dependencies.store, dependencies.schemas, new FindingTitlesIndex()) }, EVALUATION, { name: '整改台账.xlsx', content }, importContext(key), { identifiedOn: '2026-10-08' }).then(
    () => null,
    (error: unknown) => error,
  );

describe('a 整改台账 read over several sheets, refused', () => {
  it('given a row of the second sheet naming an unknown unit, when imported, then the refusal names that sheet\'s row, lists the sheets read and hints at --sheet; nothing is written', async () => {
    const dependencies = await storeWithEvaluation(EVALUATION, '2025年度政务公开第三方评估');
    const before = (await dependencies.store.readAll()).length;
    const error = await run(dependencies, await ledger([[1, '依申请公开答复不规范', '青川市未登记局', '2026年11月底前']]), 'unknown-unit');
    expect(error).toBeInstanceOf(DomainError);
    expect(sheetsReadOf(error)).toEqual(['一、主动公开', '二、依申请公开']);
    expect(problemsOf(error)!.map((problem) => `${problem.sheet} ${problem.row}`)).toEqual(['二、依申请公开 2']);
    const messageZh = (error as DomainError).messageZh;
    expect(messageZh).toContain('未导入（1 个问题，在工作表“二、依申请公开”第 2 行），未写入任何内容。问题：工作表“二、依申请公开”第 2 行：');
    expect(messageZh).not.toContain('（工作表“一、主动公开”）');
    expect(messageZh).toContain('本文件读取了 2 个工作表（“一、主动公开”“二、依申请公开”），各问题已注明所在工作表；如只需导入其中一个工作表，请在“工作表（Excel 文件）”中填写其名称。');
    expect(inToolWords(messageZh)).toContain('请用 --sheet 给出其名称');
    expect((await dependencies.store.readAll()).length).toBe(before);
    await dependencies.store.close();
  });

  it('given a finding recorded before and the file giving it a unit it does not have, when imported again, then the refusal names the row\'s sheet and hints at --sheet', async () => {
    const dependencies = await storeWithEvaluation(EVALUATION, '2025年度政务公开第三方评估');
    expect(await run(dependencies, await ledger([[1, '依申请公开答复不规范', '青川市教育局', '2026年11月底前']]), 'first')).toBeNull();
    const before = (await dependencies.store.readAll()).length;
    const error = await run(dependencies, await ledger([[1, '依申请公开答复不规范', '青川市教育局、青川市民政局', '2026年11月底前']]), 'again');
    expect(error).toMatchObject({ code: 'CONFLICT' });
    expect(sheetsReadOf(error)).toEqual(['一、主动公开', '二、依申请公开']);
    expect(problemsOf(error)!.map((problem) => `${problem.sheet} ${problem.row}`)).toEqual(['二、依申请公开 2']);
    expect((error as DomainError).messageZh).toContain('如只需导入其中一个工作表');
    expect((await dependencies.store.readAll()).length).toBe(before);
    await dependencies.store.close();
  });

  // breaker42-10 F7: refusals decided after reading named the first sheet having that row number, or no sheet at all.
  it('given a row of the second sheet due before the day its problem was identified, when imported, then the refusal names that sheet\'s row and hints at --sheet; nothing is written', async () => {
    const dependencies = await storeWithEvaluation(EVALUATION, '2025年度政务公开第三方评估');
    const before = (await dependencies.store.readAll()).length;
    const error = await run(dependencies, await ledger([[1, '依申请公开答复不规范', '青川市民政局', '2026-09-30']]), 'before-identified');
    expect(error).toBeInstanceOf(DomainError);
    expect(sheetsReadOf(error)).toEqual(['一、主动公开', '二、依申请公开']);
    expect(problemsOf(error)!.map((problem) => `${problem.sheet} ${problem.row}`)).toEqual(['二、依申请公开 2']);
    const messageZh = (error as DomainError).messageZh;
    expect(messageZh).toContain('工作表“二、依申请公开”第 2 行：');
    expect(messageZh).toContain('早于问题发现日期（2026-10-08）');
    expect(messageZh).toContain('如只需导入其中一个工作表');
    expect((await dependencies.store.readAll()).length).toBe(before);
    await dependencies.store.close();
  });

  it('given a title on the second sheet a character apart from a row of the first sheet, when imported, then the refusal names each row with its own sheet; nothing is written', async () => {
    const dependencies = await storeWithEvaluation(EVALUATION, '2025年度政务公开第三方评估');
    const before = (await dependencies.store.readAll()).length;
    const error = await run(
      dependencies,
      await ledger([
        [1, '依申请公开答复不规范', '青川市教育局', '2026年11月底前'],
        [2, '财政预决算公开不够完整', '青川市财政局', '2026年12月底前'],
      ]),
      'near-duplicate',
    );
    expect(error).toMatchObject({ code: 'CONFLICT' });
    expect(problemsOf(error)!.map((problem) => `${problem.sheet} ${problem.row}`)).toEqual(['二、依申请公开 3']);
    const messageZh = (error as DomainError).messageZh;
    expect(messageZh).toContain('工作表“二、依申请公开”第 3 行：问题“财政预决算公开不够完整”与工作表“一、主动公开”第 2 行的问题“财政预决算公开不完整”只差');
    expect(messageZh).not.toContain('本文件第');
    expect(messageZh).toContain('如只需导入其中一个工作表');
    expect((await dependencies.store.readAll()).length).toBe(before);
    await dependencies.store.close();
  });

  it('given a 台账 over two sheets without 类别 and 严重程度 columns, when imported, then the notices about them name no row of no sheet', async () => {
    const dependencies = await storeWithEvaluation(EVALUATION, '2025年度政务公开第三方评估');
    const result = await importFindingsFile(
      { ...dependencies, titles: await replayLog(dependencies.store, dependencies.schemas, new FindingTitlesIndex()) },
      EVALUATION,
      { name: '整改台账.xlsx', content: await ledger([[1, '依申请公开答复不规范', '青川市教育局', '2026年11月底前']]) },
      importContext('notices'),
      { identifiedOn: '2026-10-08' },
    );
    const columnNotices = (result.notes.notices ?? []).filter((notice) => /没有“(类别|严重程度)”列/u.test(notice.reasonZh));
    expect(columnNotices).toHaveLength(2);
    expect(columnNotices.map((notice) => notice.row)).toEqual([null, null]);
    // breaker57-10 M2: the answer names every sheet read, and each finding's row with its sheet (two rows "2" were told apart by nothing).
    expect(result.notes.sheets).toEqual(['一、主动公开', '二、依申请公开']);
    expect(result.findings.map((finding) => [finding.sheet, finding.row])).toEqual([
      ['一、主动公开', 2],
      ['二、依申请公开', 2],
    ]);
    await dependencies.store.close();
  });
});
