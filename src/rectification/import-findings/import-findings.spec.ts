import ExcelJS from 'exceljs';
import { executeCommand } from '../../event-sourcing/execute-command.js';
import { replayLog } from '../../event-sourcing/replay-log.js';
import { commandContext, type Actor } from '../../shared/command-context.js';
import { DomainError } from '../../shared/domain-error.js';
import { deterministicId } from '../../shared/ids.js';
import type { ImportDependencies } from '../../imports/import-run.js';
import { findingDecider } from '../domain/finding.decider.js';
import { findingStream } from '../domain/finding.events.js';
import { evaluationDecider } from '../domain/evaluation.decider.js';
import { evaluationStream } from '../domain/evaluation.events.js';
import { importContext, importOperator, storeWithEvaluation } from '../testing/evaluation-for-import.js';
import { FindingTitlesIndex } from '../finding-titles/finding-titles.index.js';
import { describeFindingsImportZh, importFindingsFile as importWithTitles, partsAssignedBy } from './import-findings.js';
import { importUnitsFile } from '../../organization/import-units/import-units.js';
import { UnitsReadModel } from '../../organization/units/units.read-model.js';

/** The import as the server runs it: with the evaluation's findings as recorded so far. */
const importFindingsFile = async (dependencies: ImportDependencies, ...rest: Parameters<typeof importWithTitles> extends [unknown, ...infer R] ? R : never) =>
  importWithTitles({ ...dependencies, titles: await replayLog(dependencies.store, dependencies.schemas, new FindingTitlesIndex()) }, ...rest);

/*
 * Breaker10 F1: a 整改台账 opened and saved again (the same cells, other bytes), or re-sent as CSV
 * with Windows line endings, is the ledger imported before: nothing is recorded twice.
 */

const contextOf = importContext;
const EVALUATION = 'evaluation-2025';

/** A 整改台账 as offices lay it out: title row, 填报 row, section rows, 序号; `savedBy` changes the bytes only. */
async function ledger(savedBy: string, unitsOfRow2 = '青川市财政局、青川市教育局'): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.lastModifiedBy = savedBy;
  const sheet = workbook.addWorksheet('整改台账');
  sheet.addRow(['青川市2025年度政务公开第三方评估问题整改台账']);
  sheet.addRow(['填报单位：青川市政务公开办公室', '', '填报时间：2026年10月8日']);
  sheet.addRow(['序号', '存在问题', '整改措施', '责任单位', '完成时限']);
  sheet.addRow(['一、主动公开']);
  sheet.addRow([1, '财政预决算公开不完整', '补齐部门预决算', unitsOfRow2, '2026年12月底前']);
  sheet.addRow([2, '政策解读形式单一', '增加图解', '青川市民政局', '立行立改']);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

const withEvaluation = () => storeWithEvaluation(EVALUATION, '2025年度政务公开第三方评估');

describe('a 整改台账 imported again with other bytes (breaker10 F1)', () => {
  it('records nothing twice: the same problems are the findings recorded before', async () => {
    const dependencies = await withEvaluation();
    const first = await importFindingsFile(dependencies, EVALUATION, { name: '整改台账.xlsx', content: await ledger('张伟') }, contextOf('first'), { identifiedOn: '2026-10-08' });
    expect(first.findings.map((finding) => [finding.title, finding.recordedNow, finding.parts.length])).toEqual([
      ['财政预决算公开不完整', true, 2],
      ['政策解读形式单一', true, 1],
    ]);
    const count = (await dependencies.store.readAll()).length;

    const resaved = await importFindingsFile(dependencies, EVALUATION, { name: '整改台账（另存）.xlsx', content: await ledger('李娜') }, contextOf('resaved'), { identifiedOn: '2026-10-08' });
    expect(resaved.findings.map((finding) => [finding.findingId, finding.recordedNow])).toEqual(first.findings.map((finding) => [finding.findingId, false]));
    const csv = '序号,存在问题,整改措施,责任单位,完成时限\r\n1,财政预决算公开不完整,补齐部门预决算,"青川市财政局、青川市教育局",2026年12月底前\r\n2,政策解读形式单一,增加图解,青川市民政局,立行立改\r\n';
    const asCsv = await importFindingsFile(dependencies, EVALUATION, { name: '整改台账.csv', content: new TextEncoder().encode(csv) }, contextOf('csv'), { identifiedOn: '2026-10-08' });
    expect(asCsv.findings.every((finding) => !finding.recordedNow)).toBe(true);
    expect((await dependencies.store.readAll()).length).toBe(count);
  });

  // breaker43-10 F2: the same 台账 with another --identified-on / --assigned-on was 「此前均已导入」, the days silently dropped.
  it('says a day given otherwise than recorded — identification and assignment — with how each is corrected; nothing is written', async () => {
    const dependencies = await withEvaluation();
    const file = { name: '整改台账.xlsx', content: await ledger('张伟') };
    await importFindingsFile(dependencies, EVALUATION, file, contextOf('first'), { identifiedOn: '2026-10-08' });
    const count = (await dependencies.store.readAll()).length;
    const again = await importFindingsFile(dependencies, EVALUATION, file, contextOf('again'), { identifiedOn: '2026-10-07', assignedOn: '2026-10-09' });
    expect(again.findings.every((finding) => !finding.recordedNow)).toBe(true);
    const notices = again.notes.notices?.map((notice) => notice.reasonZh) ?? [];
    expect(notices).toContainEqual(
      '本文件有 2 个问题此前已登记，发现日期为 2026-10-08（如第 5 行“财政预决算公开不完整”）；本次导入给出的发现日期为 2026-10-07，重新导入不会改变已登记的日期。如 2026-10-08 有误，请督办人员在该问题页面上点「更正发现日期」按实际日期更正。',
    );
    expect(notices).toContainEqual(expect.stringMatching(/^本文件有 2 个问题此前已登记，交办日期为 2026-10-08（.*本次导入给出的交办日期为 2026-10-09，重新导入不会改变已登记的日期。.*「更正记录日期」/));
    // The days it was recorded with, given again, are no difference.
    const same = await importFindingsFile(dependencies, EVALUATION, file, contextOf('same'), { identifiedOn: '2026-10-08' });
    expect((same.notes.notices ?? []).map((notice) => notice.reasonZh).filter((words) => words.includes('重新导入不会改变'))).toEqual([]);
    expect((await dependencies.store.readAll()).length).toBe(count);
  });

  it('refuses, naming the row, a file that gives a finding recorded before units it never had; nothing is written', async () => {
    const dependencies = await withEvaluation();
    await importFindingsFile(dependencies, EVALUATION, { name: '整改台账.xlsx', content: await ledger('张伟') }, contextOf('first'), { identifiedOn: '2026-10-08' });
    const count = (await dependencies.store.readAll()).length;
    const refusal = await importFindingsFile(
      dependencies,
      EVALUATION,
      { name: '整改台账（改）.xlsx', content: await ledger('李娜', '青川市财政局、青川市教育局、青川市民政局') },
      contextOf('changed'),
      { identifiedOn: '2026-10-08' },
    ).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(DomainError);
    expect((refusal as DomainError).code).toBe('CONFLICT');
    expect((refusal as DomainError).details).toMatchObject({
      problems: [{ row: 5, reasonZh: '问题“财政预决算公开不完整”此前已导入；本文件为其列出了原来没有的单位（青川市民政局）。导入不会改动已登记的问题：如需增加单位，请在该问题页面交办。' }],
    });
    expect((await dependencies.store.readAll()).length).toBe(count);
  });
  /*
   * newcomer56-10 S1: the same 台账 sent again, after more 区县 were registered, was refused for the units its 各区县政府 now stands
   * for. A recorded finding reads a collective name as it stood when it was recorded: a unit registered since — on the same office
   * day too — is left out and told; a unit the name stood for then, which the finding does not have, is still refused, naming the
   * cell's collective name and how to keep the finding's units.
   */
  describe('a collective name (各区县政府) in a 台账 sent again after units were registered (newcomer56-10 S1)', () => {
    const COUNTIES = '青川市财政局、各区县政府';
    const registerCounty = async (dependencies: ImportDependencies, code: string, name: string, at: string): Promise<ImportDependencies> => {
      await importUnitsFile(dependencies, { name: `${code}.csv`, content: new TextEncoder().encode(`编码,名称,类型\n${code},${name},区县\n`) }, importContext(`unit-${code}`, at));
      return { ...dependencies, units: await replayLog(dependencies.store, dependencies.schemas, new UnitsReadModel()) };
    };

    it('reads the same file as the same: the county registered since is not added, and said; nothing is written', async () => {
      let dependencies = await registerCounty(await withEvaluation(), 'DONGHU', '青川市东湖区人民政府', '2026-10-08T08:00:00+08:00');
      const file = { name: '整改台账.xlsx', content: await ledger('张伟', COUNTIES) };
      await importFindingsFile(dependencies, EVALUATION, file, contextOf('first'), { identifiedOn: '2026-10-09' });
      dependencies = await registerCounty(dependencies, 'XISHAN', '西山县人民政府', '2026-10-09T11:00:00+08:00');
      const count = (await dependencies.store.readAll()).length;
      const again = await importFindingsFile(dependencies, EVALUATION, file, contextOf('again', '2026-10-09T15:00:00+08:00'), { identifiedOn: '2026-10-09' });
      expect(again.findings.map((finding) => [finding.recordedNow, finding.assignedNow])).toEqual([[false, false], [false, false]]);
      expect(again.findings[0]!.parts.map((part) => part.unitName)).toEqual(['青川市财政局', '青川市东湖区人民政府']);
      expect((again.notes.notices ?? []).map((notice) => [notice.row, notice.reasonZh])).toContainEqual([
        5,
        '“各区县政府”现指 2 个单位，其中 1 个（西山县人民政府）是问题“财政预决算公开不完整”导入（2026-10-09）之后登记（或调整类型、上级单位）的，未加入该问题：再次导入的文件按该名称当时所指的单位读取。如需交办这些单位，请在该问题页面交办。',
      ]);
      expect((await dependencies.store.readAll()).length).toBe(count);
    });

    it('still refuses a county the name stood for when the finding was recorded, naming the name and the cell to change', async () => {
      let dependencies = await registerCounty(await withEvaluation(), 'DONGHU', '青川市东湖区人民政府', '2026-10-08T08:00:00+08:00');
      dependencies = await registerCounty(dependencies, 'XISHAN', '西山县人民政府', '2026-10-08T08:30:00+08:00');
      await importFindingsFile(dependencies, EVALUATION, { name: '整改台账.xlsx', content: await ledger('张伟', '青川市财政局、青川市东湖区人民政府') }, contextOf('first'), { identifiedOn: '2026-10-09' });
      const refusal = await importFindingsFile(dependencies, EVALUATION, { name: '整改台账.xlsx', content: await ledger('张伟', COUNTIES) }, contextOf('grouped'), { identifiedOn: '2026-10-09' }).catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(DomainError);
      expect((refusal as DomainError).details).toMatchObject({
        problems: [
          {
            row: 5,
            reasonZh:
              '问题“财政预决算公开不完整”此前已导入；本文件为其列出了原来没有的单位（西山县人民政府），来自“各区县政府”（现指 2 个单位）；如该问题的单位不变，请在该单元格中把“各区县政府”改写为该问题原有的单位名称后重新导入。导入不会改动已登记的问题：如需增加单位，请在该问题页面交办。',
          },
        ],
      });
    });
  });
});

describe('a 台账 re-sent renumbered or retyped (breaker10b N21)', () => {
  const csv = (lines: string[]) => new TextEncoder().encode(`存在问题,整改措施,责任单位,整改时限\n${lines.join('\n')}\n`);

  it('records a problem once whatever list number its cell carries, and only the new one when one is inserted', async () => {
    const dependencies = await withEvaluation();
    const first = await importFindingsFile(
      dependencies,
      EVALUATION,
      { name: 'v1.csv', content: csv(['1.NT栏目长期未更新,全面排查,青川市财政局,2026年12月底前', '2、NT目录不全,补齐目录,青川市教育局,2026年12月底前']) },
      contextOf('v1'),
      { identifiedOn: '2026-10-08' },
    );
    expect(first.findings.map((finding) => finding.title)).toEqual(['NT栏目长期未更新', 'NT目录不全']);
    const second = await importFindingsFile(
      dependencies,
      EVALUATION,
      {
        name: 'v2.csv',
        content: csv(['1.NT新发现问题,立即整改,青川市民政局,2026年12月底前', '（2）NT栏目长期未更新,全面排查,青川市财政局,2026年12月底前', '3.NT目录不全,补齐目录,青川市教育局,2026年12月底前']),
      },
      contextOf('v2'),
      { identifiedOn: '2026-10-08' },
    );
    expect(second.findings.map((finding) => [finding.title, finding.recordedNow])).toEqual([
      ['NT新发现问题', true],
      ['NT栏目长期未更新', false],
      ['NT目录不全', false],
    ]);
    expect(second.findings.slice(1).map((finding) => finding.findingId)).toEqual(first.findings.map((finding) => finding.findingId));
    expect((await dependencies.store.readAll()).filter((event) => event.type === 'FindingRecorded')).toHaveLength(3);
  });

  it('takes half- and full-width punctuation, spaces and a trailing 。 as the same problem', async () => {
    const dependencies = await withEvaluation();
    await importFindingsFile(
      dependencies,
      EVALUATION,
      { name: 'norm-v1.csv', content: csv(['NM政府信息公开(专栏)更新不及时,更新,青川市财政局,2026年12月底前', '"NM政策解读,不到位",增加解读,青川市教育局,2026年12月底前']) },
      contextOf('n1'),
      { identifiedOn: '2026-10-08' },
    );
    const count = (await dependencies.store.readAll()).length;
    const again = await importFindingsFile(
      dependencies,
      EVALUATION,
      { name: 'norm-v2.csv', content: csv(['NM政府信息公开（专栏）更新不及时。,更新,青川市财政局,2026年12月底前', 'NM政策解读，不到位 ,增加解读,青川市教育局,2026年12月底前']) },
      contextOf('n2'),
      { identifiedOn: '2026-10-08' },
    );
    expect(again.findings.map((finding) => finding.recordedNow)).toEqual([false, false]);
    expect((await dependencies.store.readAll()).length).toBe(count);
  });

  it('refuses one file listing a problem twice under two numbers', async () => {
    const dependencies = await withEvaluation();
    const refusal = await importFindingsFile(
      dependencies,
      EVALUATION,
      { name: 'twice.csv', content: csv(['1.TW目录不全,补齐,青川市财政局,2026年12月底前', '2.TW目录不全。,补齐,青川市教育局,2026年12月底前']) },
      contextOf('twice'),
      { identifiedOn: '2026-10-08', dryRun: true },
    ).catch((error: unknown) => error);
    expect((refusal as DomainError).details).toMatchObject({ problems: [{ row: 3, reasonZh: expect.stringMatching(/^问题“TW目录不全。”重复列出：第 2 行已有。如是几个单位共同整改的同一问题，请把这些行移到一起/) }] });
  });
});

describe('a 台账 re-sent with other dates, measures or fewer units (breaker10b N3)', () => {
  const csv = (lines: string[]) => new TextEncoder().encode(`存在问题,整改措施,牵头单位,责任单位,整改时限\n${lines.join('\n')}\n`);

  // breaker57-10 M3: a standing part (长期坚持) re-sent with a day was told as "recorded 2026-12-31", a date the clerk never wrote.
  it('given a standing part, when the 台账 is re-sent with a day for it, then the notice names the recorded deadline as the 台账 wrote it (长期坚持)', async () => {
    const dependencies = await withEvaluation();
    await importFindingsFile(dependencies, EVALUATION, { name: 'v1.csv', content: csv(['年度报告格式不规范,按模板重新编制,青川市财政局,,长期坚持']) }, contextOf('m3-v1'), { identifiedOn: '2026-10-08' });
    const again = await importFindingsFile(dependencies, EVALUATION, { name: 'v2.csv', content: csv(['年度报告格式不规范,按模板重新编制,青川市财政局,,2026年11月底前']) }, contextOf('m3-v2'), { identifiedOn: '2026-10-08' });
    const told = again.notes.notices?.filter((notice) => notice.row === 2).map((notice) => notice.reasonZh) ?? [];
    expect(told).toEqual([expect.stringMatching(/^问题“年度报告格式不规范”此前已登记，导入未作修改：文件中青川市财政局的完成时限为 2026-11-30，已登记的为 长期坚持（每.+报送）（如需延期，请在该问题页面办理）。$/)]);
  });

  it('changes nothing recorded, names every difference in a notice, and answers the parts as recorded', async () => {
    const dependencies = await withEvaluation();
    await importFindingsFile(
      dependencies,
      EVALUATION,
      { name: 'v1.csv', content: csv(['UP栏目长期未更新,全面排查栏目并更新,青川市财政局,青川市教育局,2026年12月底前']) },
      contextOf('v1'),
      { identifiedOn: '2026-10-08' },
    );
    const count = (await dependencies.store.readAll()).length;
    const again = await importFindingsFile(
      dependencies,
      EVALUATION,
      { name: 'v2.csv', content: csv(['UP栏目长期未更新,全面排查栏目并更新，每周巡查,青川市财政局,,2026年11月15日前']) },
      contextOf('v2'),
      { identifiedOn: '2026-10-08' },
    );
    expect((await dependencies.store.readAll()).length).toBe(count);
    expect(again.findings[0]).toMatchObject({ recordedNow: false });
    expect(again.findings[0]!.parts.map((part) => [part.unitName, part.dueDate])).toEqual([
      ['青川市财政局', '2026-12-31'],
      ['青川市教育局', '2026-12-31'],
    ]);
    expect(again.notes.notices?.filter((notice) => notice.row !== null && notice.row > 1).map((notice) => [notice.row, notice.reasonZh])).toEqual([
      [2, '问题“UP栏目长期未更新”此前已登记，导入未作修改：文件中青川市财政局的完成时限为 2026-11-15，已登记的为 2026-12-31（如需延期，请在该问题页面办理）。'],
      [2, '问题“UP栏目长期未更新”此前已登记，导入未作修改：已登记的青川市教育局整改任务不在本文件中（如需调整交办，请在该问题页面办理）。'],
      [2, '问题“UP栏目长期未更新”此前已登记，导入未作修改：文件中的整改措施与已登记的不同（已登记：“全面排查栏目并更新”）。'],
    ]);
  });

  it('names each unit’s own row in a 台账 of a row per unit (newcomer51-10 M5: both notices named the first row)', async () => {
    const dependencies = await withEvaluation();
    const rows = (due: string) => csv([`RW门户网站存在错链,修复链接,青川市财政局,,${due}`, `RW门户网站存在错链,修复链接,,青川市教育局,${due}`]);
    await importFindingsFile(dependencies, EVALUATION, { name: 'rw1.csv', content: rows('2026年12月底前') }, contextOf('rw1'), { identifiedOn: '2026-10-08' });
    const again = await importFindingsFile(dependencies, EVALUATION, { name: 'rw2.csv', content: rows('2027年6月30日') }, contextOf('rw2'), { identifiedOn: '2026-10-08', dryRun: true });
    expect(again.notes.notices?.filter((notice) => notice.reasonZh.includes('完成时限为')).map((notice) => [notice.row, notice.reasonZh.replace(/^.*文件中/u, '')])).toEqual([
      [2, '青川市财政局的完成时限为 2027-06-30，已登记的为 2026-12-31（如需延期，请在该问题页面办理）。'],
      [3, '青川市教育局的完成时限为 2027-06-30，已登记的为 2026-12-31（如需延期，请在该问题页面办理）。'],
    ]);
  });
});

describe('a 台账 re-sent whose deadline is 立行立改 where a day is recorded, or the other way (newcomer46-10 S3)', () => {
  const csv = (lines: string[]) => new TextEncoder().encode(`存在问题,整改措施,牵头单位,责任单位,整改时限\n${lines.join('\n')}\n`);
  const resent = async (first: string, second: string) => {
    const dependencies = await withEvaluation();
    await importFindingsFile(dependencies, EVALUATION, { name: 'ledger.csv', content: csv([`LX留言答复不及时,督办,青川市财政局,,${first}`]) }, contextOf('v1'), { identifiedOn: '2026-10-08' });
    const count = (await dependencies.store.readAll()).length;
    const again = await importFindingsFile(dependencies, EVALUATION, { name: 'ledger-again.csv', content: csv([`LX留言答复不及时,督办,青川市财政局,,${second}`]) }, contextOf('v2'), { identifiedOn: '2026-10-08', dryRun: true });
    expect((await dependencies.store.readAll()).length).toBe(count);
    return (again.notes.notices ?? []).map((notice) => notice.reasonZh).filter((words) => words.includes('完成时限'));
  };

  it('names the difference: 立行立改 in the file, a day recorded — and a day in the file, 立行立改 recorded', async () => {
    expect(await resent('2026年12月31日前', '立行立改')).toEqual([expect.stringMatching(/^问题“LX留言答复不及时”此前已登记，导入未作修改：文件中青川市财政局的完成时限为 立行立改（\d{4}-\d{2}-\d{2}），已登记的为 2026-12-31（如需延期，请在该问题页面办理）。$/u)]);
    expect(await resent('立行立改', '2026年12月31日前')).toEqual([expect.stringMatching(/^问题“LX留言答复不及时”此前已登记，导入未作修改：文件中青川市财政局的完成时限为 2026-12-31，已登记的为 立行立改（\d{4}-\d{2}-\d{2}）/u)]);
  });

  it('says nothing of 立行立改 sent again on another day: the same deadline', async () => {
    expect(await resent('立行立改', '立行立改')).toEqual([]);
  });
});

describe('findings typed in on the findings page, then the evaluation\'s list imported (breaker11d P10, breaker10c P3)', () => {
  const csv = (lines: string[]) => new TextEncoder().encode(`存在问题,整改措施,责任单位,整改时限\n${lines.join('\n')}\n`);
  /** 登记问题: a finding with the id the form gives it (from its request), not the one an import derives. */
  async function typedIn(dependencies: ImportDependencies, title: string, key: string): Promise<string> {
    const findingId = `typed-${key}`;
    await executeCommand(
      dependencies.store,
      dependencies.schemas,
      findingStream(findingId),
      findingDecider,
      {
        type: 'RecordFinding',
        today: '2026-10-09',
        data: { findingId, evaluationId: EVALUATION, title, description: title, category: '政务新媒体', severity: 'HIGH', concernedUnitIds: [], identifiedOn: '2026-10-08', measures: '' },
        evaluationExists: true,
        evaluationReceivedOn: '2026-10-08',
        unknownUnitIds: [],
      },
      contextOf(key),
    );
    return findingId;
  }

  it('does not record again a finding entered by hand: the row is that finding, and a notice says so', async () => {
    const dependencies = await withEvaluation();
    const findingId = await typedIn(dependencies, '政务新媒体账号长期未更新', 'form-1');
    const count = (await dependencies.store.readAll()).length;
    const outcome = await importFindingsFile(
      dependencies,
      EVALUATION,
      { name: 'list.csv', content: csv(['1. 政务新媒体账号长期未更新。,关停整合,青川市财政局,2026年12月底前', 'NM目录不全,补齐目录,青川市教育局,2026年12月底前']) },
      contextOf('list'),
      { identifiedOn: '2026-10-08' },
    );
    expect(outcome.findings.map((finding) => [finding.findingId === findingId, finding.recordedNow])).toEqual([
      [true, false],
      [false, true],
    ]);
    expect(outcome.notes.notices).toContainEqual(expect.objectContaining({ row: 2, reasonZh: '问题“政务新媒体账号长期未更新。”此前已在问题清单中登记（“政务新媒体账号长期未更新”），未重复登记，按本文件交办。' }));
    // The new problem is recorded; the one typed in (待交办) takes the 台账's unit and date.
    expect(outcome.findings[0]!.parts).toEqual([expect.objectContaining({ unitName: '青川市财政局', role: 'LEAD', dueDate: '2026-12-31' })]);
    const appended = (await dependencies.store.readAll()).slice(count);
    expect(appended.filter((event) => event.type === 'FindingRecorded')).toHaveLength(1);
    expect(appended.filter((event) => event.type === 'UnitAssigned').map((event) => event.streamId)).toEqual([findingStream(findingId), expect.not.stringContaining(findingId)]);
    // Sent again, it changes nothing.
    const again = await importFindingsFile(
      dependencies,
      EVALUATION,
      { name: 'list.csv', content: csv(['1. 政务新媒体账号长期未更新。,关停整合,青川市财政局,2026年12月底前', 'NM目录不全,补齐目录,青川市教育局,2026年12月底前']) },
      contextOf('list-again'),
      { identifiedOn: '2026-10-08' },
    );
    expect(again.findings.every((finding) => !finding.recordedNow)).toBe(true);
    expect((await dependencies.store.readAll()).length).toBe(count + appended.length);
  });

  it('does not record again a problem whose numbers the file writes in another script: 3处/三处, 2025年/二〇二五年 (breaker10e P2)', async () => {
    const dependencies = await withEvaluation();
    const links = await typedIn(dependencies, '网站首页错链3处未及时修复', 'form-p2a');
    const report = await typedIn(dependencies, '2025年政府信息公开年报未按时发布', 'form-p2b');
    const count = (await dependencies.store.readAll()).length;
    const outcome = await importFindingsFile(
      dependencies,
      EVALUATION,
      { name: 'p2.csv', content: csv(['网站首页错链三处未及时修复,修复错链,青川市财政局,2026年12月底前', '二〇二五年政府信息公开年报未按时发布,补发年报,青川市教育局,二〇二六年十二月三十一日']) },
      contextOf('p2'),
      { identifiedOn: '2026-10-08' },
    );
    expect(outcome.findings.map((finding) => [finding.findingId, finding.recordedNow])).toEqual([
      [links, false],
      [report, false],
    ]);
    const appended = (await dependencies.store.readAll()).slice(count);
    expect(appended.filter((event) => event.type === 'FindingRecorded')).toEqual([]);
  });

  it('finds a finding imported before numbers were read by value under the id it was given then', async () => {
    const dependencies = await withEvaluation();
    const title = '网站首页错链三处未及时修复';
    const before = deterministicId('imported-finding', EVALUATION, 'title-key', title);
    await executeCommand(
      dependencies.store,
      dependencies.schemas,
      findingStream(before),
      findingDecider,
      {
        type: 'RecordFinding',
        today: '2026-10-09',
        data: { findingId: before, evaluationId: EVALUATION, title, description: title, category: '网站', severity: 'LOW', concernedUnitIds: [], identifiedOn: '2026-10-08', measures: '' },
        evaluationExists: true,
        evaluationReceivedOn: '2026-10-08',
        unknownUnitIds: [],
      },
      contextOf('imported-before'),
    );
    const outcome = await importFindingsFile(dependencies, EVALUATION, { name: 'again.csv', content: csv([`${title},修复错链,青川市财政局,2026年12月底前`]) }, contextOf('again'), { identifiedOn: '2026-10-08' });
    expect(outcome.findings.map((finding) => [finding.findingId, finding.recordedNow])).toEqual([[before, false]]);
    // Found as an import's own finding, not as one typed in on the findings page.
    expect((outcome.notes.notices ?? []).map((notice) => notice.reasonZh)).not.toContainEqual(expect.stringContaining('在问题清单中登记'));
  });

  it('refuses, naming both, a row whose title is one character from a recorded finding; nothing is written', async () => {
    const dependencies = await withEvaluation();
    await importFindingsFile(dependencies, EVALUATION, { name: 'v1.csv', content: csv(['LM网站栏目更新不及时,全面排查,青川市财政局,2026年11月30日']) }, contextOf('v1'), { identifiedOn: '2026-10-08' });
    await typedIn(dependencies, '政务新媒体账号长期未更新', 'form-2');
    const count = (await dependencies.store.readAll()).length;
    for (const dryRun of [true, false]) {
      const refusal = await importFindingsFile(
        dependencies,
        EVALUATION,
        { name: 'v2.csv', content: csv(['LM网站栏目更新不够及时,全面排查,青川市财政局,2026年11月30日', '政务新媒体帐号长期未更新,关停整合,青川市教育局,2026年12月底前', '年报未公布,补发,青川市民政局,2026年12月底前']) },
        contextOf(`v2-${dryRun}`),
        { identifiedOn: '2026-10-08', dryRun },
      ).catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(DomainError);
      expect((refusal as DomainError).code).toBe('CONFLICT');
      const problems = ((refusal as DomainError).details as { problems: { row: number; reasonZh: string }[] }).problems;
      expect(problems.map((problem) => problem.row)).toEqual([2, 3]);
      expect(problems[0]!.reasonZh).toMatch(/^问题“LM网站栏目更新不够及时”与已登记的问题“LM网站栏目更新不及时”只差 1 个字。/);
      expect(problems[1]!.reasonZh).toContain('已登记的问题“政务新媒体账号长期未更新”');
    }
    expect((await dependencies.store.readAll()).length).toBe(count);
  });
});

describe('a 台账 imported before its 整改实施方案 is recorded (breaker10c P16)', () => {
  const csv = (lines: string[]) => new TextEncoder().encode(`存在问题,整改措施,责任单位,整改时限\n${lines.join('\n')}\n`);

  it('refuses, naming each row, a due date after the end of the year after identification (a year typed 2062 or 2206 for 2026)', async () => {
    const dependencies = await withEvaluation();
    const count = (await dependencies.store.readAll()).length;
    const refusal = await importFindingsFile(
      dependencies,
      EVALUATION,
      { name: 'ly.csv', content: csv(['LY问题一,整改,青川市财政局,2062年6月30日', 'LY问题二,整改,青川市教育局,2206年6月30日', 'LY问题三,整改,青川市民政局,2027-12-31']) },
      contextOf('ly'),
      { identifiedOn: '2026-10-08', dryRun: true },
    ).catch((error: unknown) => error);
    expect((refusal as DomainError).code).toBe('BAD_USER_INPUT');
    const problems = ((refusal as DomainError).details as { problems: { row: number; reasonZh: string }[] }).problems;
    expect(problems.map((problem) => problem.row)).toEqual([2, 3]);
    expect(problems[0]!.reasonZh).toBe('整改时限 2062-06-30 晚于问题发现次年年底（登记整改实施方案前的上限，登记后以其督查时限为准）（2027-12-31）；如确需延后，请督办人员在上方“超出整改期限的特批理由”中填写理由后重新导入。');
    expect((await dependencies.store.readAll()).length).toBe(count);
  });

  it('imports a row past the limit with a supervisor’s override, recorded with its reason on the part (breaker10d P26)', async () => {
    const dependencies = await withEvaluation();
    const supervisor: Actor = { id: 'zhang.wei', role: 'SUPERVISOR', unitId: null };
    const context = commandContext({ actor: supervisor, commandType: 'ImportFindings', idempotencyKey: 'ov', now: new Date('2026-10-09T09:00:00+08:00') });
    const file = { name: 'ov.csv', content: csv(['OV政务大厅无障碍设施缺失,改造大厅,青川市财政局,2028年6月底前', 'OV其他问题,整改,青川市教育局,2026-12-31']) };
    const outcome = await importFindingsFile(dependencies, EVALUATION, file, context, { identifiedOn: '2026-10-08', overrideReason: '改造工程需两年' });
    expect(outcome.findings.map((finding) => [finding.title, finding.parts.map((part) => part.dueDate)])).toEqual([
      ['OV政务大厅无障碍设施缺失', ['2028-06-30']],
      ['OV其他问题', ['2026-12-31']],
    ]);
    const assigned = (await dependencies.store.readAll()).filter((event) => event.type === 'UnitAssigned').map((event) => (event.data as { dueDateOverride?: unknown }).dueDateOverride);
    expect(assigned).toEqual([{ reason: '改造工程需两年', limit: '2027-12-31' }, undefined]);
  });
});

describe('one 特批理由 for a whole 台账 (breaker10e P4)', () => {
  const csv = (lines: string[]) => new TextEncoder().encode(`存在问题,整改措施,责任单位,整改时限\n${lines.join('\n')}\n`);
  const supervisor: Actor = { id: 'zhang.wei', role: 'SUPERVISOR', unitId: null };
  const as = (key: string) => commandContext({ actor: supervisor, commandType: 'ImportFindings', idempotencyKey: key, now: new Date('2026-10-09T09:00:00+08:00') });
  const file = (lines: string[]) => ({ name: 'p4.csv', content: csv(lines) });

  it('never approves a year typed wrong (2206 for 2026): refused naming the row, the override or not', async () => {
    const dependencies = await withEvaluation();
    const count = (await dependencies.store.readAll()).length;
    const refusal = await importFindingsFile(
      dependencies,
      EVALUATION,
      file(['P4大厅改造,改造,青川市财政局,2028年6月底前', 'P4年份笔误,整改,青川市教育局,2206年6月30日']),
      as('p4-typo'),
      { identifiedOn: '2026-10-08', overrideReason: '改造工程需两年' },
    ).catch((error: unknown) => error);
    expect((refusal as DomainError).code).toBe('BAD_USER_INPUT');
    const problems = ((refusal as DomainError).details as { problems: { row: number; reasonZh: string }[] }).problems;
    expect(problems.map((problem) => [problem.row, problem.reasonZh])).toEqual([
      [3, '整改时限 2206-06-30 晚于特批可延后的最远日期（问题发现次年年底（登记整改实施方案前的上限，登记后以其督查时限为准）2027-12-31 后 5 年，即 2032-12-31）：请核对年份是否写错。'],
    ]);
    expect((await dependencies.store.readAll()).length).toBe(count);
  });

  it('lists every row the override approves, in the preview as in the import', async () => {
    const dependencies = await withEvaluation();
    const lines = ['P4大厅改造,改造,青川市财政局,2028年6月底前', 'P4机房迁移,迁移,青川市教育局,2029-03-31', 'P4其他问题,整改,青川市民政局,2026-12-31'];
    for (const dryRun of [true, false]) {
      const outcome = await importFindingsFile(dependencies, EVALUATION, file(lines), as(`p4-${dryRun}`), { identifiedOn: '2026-10-08', overrideReason: '改造工程需两年', dryRun });
      expect((outcome.notes.notices ?? []).filter((notice) => notice.reasonZh.includes('特批')).map((notice) => [notice.row, notice.reasonZh])).toEqual([
        [2, '整改时限 2028-06-30 晚于问题发现次年年底（登记整改实施方案前的上限，登记后以其督查时限为准）（2027-12-31），按特批理由“改造工程需两年”登记。'],
        [3, '整改时限 2029-03-31 晚于问题发现次年年底（登记整改实施方案前的上限，登记后以其督查时限为准）（2027-12-31），按特批理由“改造工程需两年”登记。'],
      ]);
    }
  });
});

describe('Rectify\'s own 台账 export imported under another evaluation (breaker10e P12)', () => {
  const exported = (evaluation: string) =>
    new TextEncoder().encode(
      '\uFEFF序号,评估,问题,类别,整改措施,牵头单位,责任单位,整改时限,状态,报告日期,整改情况,督查结果,退回情况,红黄绿灯,销号日期\n' +
        `1,${evaluation},EX年报未按时发布,年度报告,补发年报,青川市财政局,青川市财政局,2026-12-31,已销号,2026-05-10,已补发,通过,,,2026-05-20\n` +
        `2,${evaluation},EX解读栏目空白,政策解读,补充解读,青川市教育局,青川市教育局,2026-12-31,整改中,,,,,绿,\n`,
    );

  it('refuses a file whose 评估 column names another evaluation, naming both, and records nothing', async () => {
    const dependencies = await withEvaluation();
    const count = (await dependencies.store.readAll()).length;
    const refusal = await importFindingsFile(dependencies, EVALUATION, { name: '整改台账.csv', content: exported('2024年度政务公开第三方评估') }, contextOf('last-year'), { identifiedOn: '2026-10-08' }).catch((error: unknown) => error);
    expect((refusal as DomainError).code).toBe('BAD_USER_INPUT');
    expect(((refusal as DomainError).details as { problems: { reasonZh: string }[] }).problems.map((problem) => problem.reasonZh)).toEqual([
      '本文件是本系统导出的整改台账，其中的问题属于评估“2024年度政务公开第三方评估”，不是本次导入的评估“2025年度政务公开第三方评估”：这些问题及其整改进展已在原评估中登记，请在原评估下查看，不重复登记。本评估再次发现的问题，请逐条登记（登记问题），或用本评估自己的整改台账导入。',
    ]);
    expect((await dependencies.store.readAll()).length).toBe(count);
    // The evaluation's own export, its title retyped with other digits, is read as before: a row under way that no evaluation
    // holds is recorded; one whose 状态 says its work is over (已销号) is never recorded as a new open problem (breaker10j P4).
    const own = await importFindingsFile(dependencies, EVALUATION, { name: '整改台账.csv', content: exported('二〇二五年度政务公开第三方评估') }, contextOf('own'), { identifiedOn: '2026-10-08' }).catch((error: unknown) => error);
    expect(((own as DomainError).details as { problems: { row: number; reasonZh: string }[] }).problems.map((problem) => [problem.row, problem.reasonZh.split('：')[0]])).toEqual([
      [2, '本文件是本系统导出的整改台账；该行的状态为“已销号”，但本评估没有问题“EX年报未按时发布”'],
    ]);
    const underWay = new TextDecoder().decode(exported('二〇二五年度政务公开第三方评估')).split('\n').filter((line) => !line.includes('已销号')).join('\n');
    const ownUnderWay = await importFindingsFile(dependencies, EVALUATION, { name: '整改台账.csv', content: new TextEncoder().encode(underWay) }, contextOf('own-under-way'), { identifiedOn: '2026-10-08' });
    expect(ownUnderWay.findings.map((finding) => [finding.title, finding.recordedNow])).toEqual([['EX解读栏目空白', true]]);
  });
});

describe('总览’s 台账 export of several evaluations imported under one of them (newcomer37 S26)', () => {
  const HEADER = '序号,评估,问题,类别,整改措施,牵头单位,责任单位,整改时限,状态,报告日期,整改情况,督查结果,退回情况,红黄绿灯,销号日期';
  const content = new TextEncoder().encode(
    `\uFEFF${HEADER}\n` +
      '1,2024年度政务公开第三方评估,EZ年报未按时发布,年度报告,补发年报,青川市财政局,青川市财政局,2026-12-31,已销号,2026-05-10,已补发,通过,,,2026-05-20\n' +
      '2,2025年度政务公开第三方评估,EZ解读栏目空白,政策解读,补充解读,青川市教育局,青川市教育局,2026-12-31,整改中,,,,,绿,\n' +
      '3,2024年度政务公开第三方评估,EZ专栏更新不及时,平台建设,定期更新,青川市教育局,青川市教育局,2026-12-31,整改中,,,,,绿,\n' +
      ',,EZ依申请公开答复不规范,依申请公开,规范答复文书,青川市财政局,青川市财政局,2026-12-31,,,,,,,\n',
  );

  it('reads the picked evaluation’s rows and the rows added below, names the rows of the other left out, and records those only', async () => {
    const dependencies = await withEvaluation();
    for (const dryRun of [true, false]) {
      const outcome = await importFindingsFile(dependencies, EVALUATION, { name: '整改台账.csv', content }, contextOf(`s26-${dryRun}`), { identifiedOn: '2026-10-08', dryRun });
      expect(outcome.findings.map((finding) => finding.title)).toEqual(['EZ解读栏目空白', 'EZ依申请公开答复不规范']);
      expect((outcome.notes.notices ?? []).map((notice) => notice.reasonZh)).toContain(
        '本文件是本系统导出的多个评估的整改台账：只读取评估“2025年度政务公开第三方评估”的行（及未填“评估”的新增行）；评估“2024年度政务公开第三方评估”的 2 行未导入（第 2、4 行），如需导入请在该评估下导入。',
      );
    }
  });
});

describe('Rectify\'s own 台账 export with its 评估 column deleted, imported under another evaluation (breaker10j P4)', () => {
  const FIRST = '2025年度政务公开第三方评估';
  const SECOND = '青川市2026年度政务服务第三方评估报告';
  const HEADER = '序号,问题,类别,整改措施,牵头单位,责任单位,整改时限,状态,报告日期,整改情况,督查结果,退回情况,红黄绿灯,销号日期';
  const ROWS = [
    '1,EY年报未按时发布,年度报告,补发年报,青川市财政局,青川市财政局,2026-12-31,已销号,2026-11-10,已补发,通过,,,2026-11-20',
    '2,EY解读栏目空白,政策解读,补充解读,青川市教育局,青川市教育局,2026-12-31,整改中,,,,,绿灯,',
  ];
  const registered = { listEvaluations: () => [{ evaluationId: EVALUATION, title: FIRST }, { evaluationId: 'evaluation-second', title: SECOND }] };
  /** The first evaluation with its two findings recorded from the office's 台账, and a second evaluation registered. */
  async function twoEvaluations() {
    const dependencies = await withEvaluation();
    const office = '问题,类别,整改措施,牵头单位,整改时限\nEY年报未按时发布,年度报告,补发年报,青川市财政局,2026-12-31\nEY解读栏目空白,政策解读,补充解读,青川市教育局,2026-12-31\n';
    await importFindingsFile(dependencies, EVALUATION, { name: '台账.csv', content: new TextEncoder().encode(office) }, contextOf('ey-first'), { identifiedOn: '2026-10-08' });
    await executeCommand(dependencies.store, dependencies.schemas, evaluationStream('evaluation-second'), evaluationDecider, {
      type: 'RegisterEvaluation',
      now: '2026-10-08T09:00:00+08:00',
      data: { evaluationId: 'evaluation-second', title: SECOND, evaluator: '研究院', commissionedBy: '省政府办公厅', periodStart: '2026-01-01', periodEnd: '2026-12-31', receivedOn: '2026-10-08' },
    }, contextOf('evaluation-second'));
    return dependencies;
  }
  const importUnderSecond = async (dependencies: ImportDependencies, file: { name: string; content: Uint8Array }, key: string, dryRun: boolean) =>
    importWithTitles({ ...dependencies, titles: await replayLog(dependencies.store, dependencies.schemas, new FindingTitlesIndex()), evaluations: registered }, 'evaluation-second', file, contextOf(key), { identifiedOn: '2026-10-09', dryRun });

  it('refuses every row another evaluation holds, naming it, and records nothing — the 已销号 one never as a new open problem', async () => {
    const dependencies = await twoEvaluations();
    const count = (await dependencies.store.readAll()).length;
    for (const dryRun of [true, false]) {
      const refusal = await importUnderSecond(dependencies, { name: '整改台账.csv', content: new TextEncoder().encode(`\uFEFF${HEADER}\n${ROWS.join('\n')}\n`) }, `ey-noeval-${dryRun}`, dryRun).catch((error: unknown) => error);
      expect(refusal).toMatchObject({ code: 'CONFLICT' });
      expect(((refusal as DomainError).details as { problems: { row: number; reasonZh: string }[] }).problems.map((problem) => [problem.row, problem.reasonZh.split('：')[0]])).toEqual([
        [2, `本文件是本系统导出的整改台账；问题“EY年报未按时发布”（已销号）已在评估“${FIRST}”中登记，整改进展在该评估下`],
        [3, `本文件是本系统导出的整改台账；问题“EY解读栏目空白”（整改中）已在评估“${FIRST}”中登记，整改进展在该评估下`],
      ]);
    }
    // A row the clerk added to the export (状态 blank) is a new problem of this evaluation.
    const added = await importUnderSecond(dependencies, { name: '整改台账.csv', content: new TextEncoder().encode(`${HEADER}\n3,EY政务服务事项清单未更新,政务服务,更新清单,青川市民政局,青川市民政局,2026-12-31,,,,,,,\n`) }, 'ey-added', true);
    expect(added.findings.map((finding) => [finding.title, finding.recordedNow])).toEqual([['EY政务服务事项清单未更新', true]]);
    expect((await dependencies.store.readAll()).length).toBe(count);
  });

  it.each([
    ['the office’s', `${FIRST}整改台账（截至 2026-12-01，含事后补录的记录）`],
    ['a unit’s (newcomer22 S3)', `${FIRST}整改台账（青川市财政局的任务，截至 2026-12-01，含事后补录的记录）`],
  ])('refuses %s XLSX export whose title row names the other evaluation, its 评估 and progress columns deleted', async (_whose, title) => {
    const dependencies = await twoEvaluations();
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('整改台账');
    sheet.addRow([title]);
    sheet.addRow(['序号', '问题', '类别', '整改措施', '牵头单位', '责任单位', '整改时限']);
    for (const row of ROWS) sheet.addRow(row.split(',').slice(0, 7).map((cell, at) => (at === 0 ? Number(cell) : cell)));
    const content = new Uint8Array(await workbook.xlsx.writeBuffer());
    const refusal = await importUnderSecond(dependencies, { name: '整改台账.xlsx', content }, 'ey-xlsx', true).catch((error: unknown) => error);
    expect(refusal).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(((refusal as DomainError).details as { problems: { reasonZh: string }[] }).problems.map((problem) => problem.reasonZh)).toEqual([
      expect.stringMatching(new RegExp(`^本文件是本系统导出的整改台账，其中的问题属于评估“${FIRST}”，不是本次导入的评估“${SECOND}”：这些问题及其整改进展已在原评估中登记`)),
    ]);
  });
});

describe('an office\'s own 台账 whose 评估 column names another registered evaluation (breaker10g P21)', () => {
  const OTHER = '青川市2026年度营商环境第三方评估报告';
  const file = (evaluation: string) => ({
    name: '台账.csv',
    content: new TextEncoder().encode(`评估,问题,具体表现,牵头单位,整改时限\n${evaluation},PE涉企检查公示不全,x,青川市财政局,2026-12-31\n`),
  });
  const registered = {
    listEvaluations: () => [
      { evaluationId: EVALUATION, title: '2025年度政务公开第三方评估' },
      { evaluationId: 'evaluation-other', title: OTHER },
    ],
  };
  const importUnder = async (dependencies: ImportDependencies, evaluation: string, key: string) =>
    importWithTitles(
      { ...dependencies, titles: await replayLog(dependencies.store, dependencies.schemas, new FindingTitlesIndex()), evaluations: registered },
      EVALUATION,
      file(evaluation),
      contextOf(key),
      { identifiedOn: '2026-10-08', dryRun: true },
    );

  it.each([OTHER, `《${OTHER}》`, '青川市2026年营商环境第三方评估报告', `${OTHER}（终稿）`])('is refused naming that evaluation, and records nothing (评估: %s)', async (written) => {
    const dependencies = await withEvaluation();
    const refusal = await importUnder(dependencies, written, 'other').catch((error: unknown) => error);
    expect((refusal as DomainError).code).toBe('BAD_USER_INPUT');
    expect(((refusal as DomainError).details as { problems: { reasonZh: string }[] }).problems.map((problem) => problem.reasonZh)).toEqual([
      `本文件“评估”列写的是已登记的评估“${OTHER}”，不是本次导入的评估“2025年度政务公开第三方评估”：请在“所属评估”中选择该评估后导入；如确是本评估发现的问题，请删去“评估”列（或改写为本评估）后导入。`,
    ]);
  });

  it.each(['所属评估', '评估报告', '评估名称', '问题来源', '来源', '评估 名称'])('reads the column under the headers offices give it, and names the header in the refusal (breaker10h P5: %s)', async (header) => {
    const dependencies = await withEvaluation();
    const headed = { name: '台账.csv', content: new TextEncoder().encode(`${header},问题,具体表现,牵头单位,整改时限\n${OTHER},PE涉企检查公示不全,x,青川市财政局,2026-12-31\n`) };
    const titles = await replayLog(dependencies.store, dependencies.schemas, new FindingTitlesIndex());
    const refusal = await importWithTitles({ ...dependencies, titles, evaluations: registered }, EVALUATION, headed, contextOf(`headed-${header}`), { identifiedOn: '2026-10-08', dryRun: true }).catch((error: unknown) => error);
    expect((refusal as DomainError).code).toBe('BAD_USER_INPUT');
    expect(((refusal as DomainError).details as { problems: { reasonZh: string }[] }).problems.map((problem) => problem.reasonZh)).toEqual([
      expect.stringMatching(new RegExp(`^本文件“${header}”列写的是已登记的评估“${OTHER}”，不是本次导入的评估“2025年度政务公开第三方评估”`)),
    ]);
  });

  it.each(['《2025年度政务公开第三方评估》', '2025年政务公开第三方评估', '某个未登记的评估'])('reads a 评估 column naming the picked evaluation loosely, or none registered (评估: %s)', async (written) => {
    const dependencies = await withEvaluation();
    const outcome = await importUnder(dependencies, written, 'own');
    expect(outcome.findings.map((finding) => finding.title)).toEqual(['PE涉企检查公示不全']);
  });
});

describe('rows a remark marks done, cancelled or moved (breaker10e P7, P11)', () => {
  it('refuses them naming the remark, and reads other remarks as before', async () => {
    const dependencies = await withEvaluation();
    const file = (lines: string[]) => ({ name: 'remarks.csv', content: new TextEncoder().encode(`存在问题,整改措施,责任单位,整改时限,备注\n${lines.join('\n')}\n`) });
    const refusal = await importFindingsFile(
      dependencies,
      EVALUATION,
      file(['RM栏目未更新,更新,青川市财政局,2026年12月底前（已完成）,', 'RM目录不全,补齐,青川市教育局,2026-12-31,已作废', 'RM解读缺失,补充解读,青川市民政局,2026-12-31,联系人：张伟']),
      contextOf('remarks'),
      { identifiedOn: '2026-10-08' },
    ).catch((error: unknown) => error);
    expect(((refusal as DomainError).details as { problems: { row: number; reasonZh: string }[] }).problems.map((problem) => [problem.row, problem.reasonZh.split('：')[0]])).toEqual([
      [2, '整改时限“2026年12月底前（已完成）”注明该项已完成（“已完成”）'],
      [3, '备注“已作废”注明该项已取消（“已作废”）'],
    ]);
    const outcome = await importFindingsFile(dependencies, EVALUATION, file(['RM解读缺失,补充解读,青川市民政局,2026-12-31,联系人：张伟']), contextOf('remarks-kept'), { identifiedOn: '2026-10-08' });
    expect(outcome.findings.map((finding) => finding.recordedNow)).toEqual([true]);
    expect(outcome.notes.notImported).toEqual(['备注']);
  });
});

describe('a 台账 whose titles carry the office\'s remarks after them (breaker10h P12)', () => {
  const file = (lines: string[]) => ({ name: 'dupt.csv', content: new TextEncoder().encode(`存在问题,整改措施,责任单位,整改时限\n${lines.join('\n')}\n`) });
  const problemsOf = (error: unknown) => ((error as DomainError).details as { problems: { row: number; reasonZh: string }[] }).problems;

  it('asks about a title that is a recorded problem with （重点问题） or （2025年评估） after it, refuses one marked （已整改）, and records nothing', async () => {
    const dependencies = await withEvaluation();
    await importFindingsFile(dependencies, EVALUATION, file(['TR主动公开信息更新不及时,更新,青川市财政局,2026-12-31', 'TR网民留言回应不及时,回应,青川市教育局,2026-12-31', 'TR政策文件缺少配套解读,解读,青川市民政局,2026-12-31']), contextOf('tr-v1'), { identifiedOn: '2026-10-08' });
    const count = (await dependencies.store.readAll()).length;
    for (const dryRun of [true, false]) {
      const near = await importFindingsFile(dependencies, EVALUATION, file(['TR网民留言回应不及时（重点问题）,回应,青川市教育局,2026-12-31', 'TR政策文件缺少配套解读（2025年评估）,解读,青川市民政局,2026-12-31']), contextOf(`tr-near-${dryRun}`), { identifiedOn: '2026-10-08', dryRun }).catch((error: unknown) => error);
      expect(near).toMatchObject({ code: 'CONFLICT' });
      expect(problemsOf(near).map((problem) => [problem.row, problem.reasonZh.split('。')[0]])).toEqual([
        [2, '问题“TR网民留言回应不及时（重点问题）”与已登记的问题“TR网民留言回应不及时”只差 6 个字'],
        [3, '问题“TR政策文件缺少配套解读（2025年评估）”与已登记的问题“TR政策文件缺少配套解读”只差 9 个字'],
      ]);
      const done = await importFindingsFile(dependencies, EVALUATION, file(['TR主动公开信息更新不及时（已整改）,更新,青川市财政局,2026-12-31']), contextOf(`tr-done-${dryRun}`), { identifiedOn: '2026-10-08', dryRun }).catch((error: unknown) => error);
      expect(done).toMatchObject({ code: 'BAD_USER_INPUT' });
      expect(problemsOf(done).map((problem) => [problem.row, problem.reasonZh.split('：')[0]])).toEqual([[2, '问题“TR主动公开信息更新不及时（已整改）”注明该项已完成（“已整改”）']]);
    }
    expect((await dependencies.store.readAll()).length).toBe(count);
  });

  it('reads a remark BEFORE the title as one after it: asks about 【重点】… and [新增]…, refuses 【已整改】…, records nothing (breaker10j P3)', async () => {
    const dependencies = await withEvaluation();
    await importFindingsFile(dependencies, EVALUATION, file(['TL主动公开信息更新不及时,更新,青川市财政局,2026-12-31', 'TL网民留言回应不及时,回应,青川市教育局,2026-12-31', 'TL政策文件缺少配套解读,解读,青川市民政局,2026-12-31']), contextOf('tl-v1'), { identifiedOn: '2026-10-08' });
    const count = (await dependencies.store.readAll()).length;
    for (const dryRun of [true, false]) {
      const near = await importFindingsFile(dependencies, EVALUATION, file(['【重点】TL网民留言回应不及时,回应,青川市教育局,2026-12-31', '[新增]TL政策文件缺少配套解读,解读,青川市民政局,2026-12-31']), contextOf(`tl-near-${dryRun}`), { identifiedOn: '2026-10-08', dryRun }).catch((error: unknown) => error);
      expect(near).toMatchObject({ code: 'CONFLICT' });
      expect(problemsOf(near).map((problem) => problem.row)).toEqual([2, 3]);
      const done = await importFindingsFile(dependencies, EVALUATION, file(['【已整改】TL主动公开信息更新不及时,更新,青川市财政局,2026-12-31', '（已销号）TL新媒体账号长期不更新,更新,青川市财政局,2026-12-31']), contextOf(`tl-done-${dryRun}`), { identifiedOn: '2026-10-08', dryRun }).catch((error: unknown) => error);
      expect(done).toMatchObject({ code: 'BAD_USER_INPUT' });
      expect(problemsOf(done).map((problem) => [problem.row, problem.reasonZh.split('：')[0]])).toEqual([
        [2, '问题“【已整改】TL主动公开信息更新不及时”注明该项已完成（“已整改”）'],
        [3, '问题“（已销号）TL新媒体账号长期不更新”注明该项已完成（“已销号”）'],
      ]);
    }
    expect((await dependencies.store.readAll()).length).toBe(count);
  });

  it('asks about a problem recorded with one framing remark and listed with another — （2025年评估） / （第三方评估）, （重点问题） / （2026年复查） — and about two such rows of one file (breaker10i P7)', async () => {
    const dependencies = await withEvaluation();
    await importFindingsFile(dependencies, EVALUATION, file(['TP政务新媒体账号长期不更新（2025年评估）,更新,青川市财政局,2026-12-31']), contextOf('tp-v1'), { identifiedOn: '2026-10-08' });
    const count = (await dependencies.store.readAll()).length;
    const near = await importFindingsFile(dependencies, EVALUATION, file(['TP政务新媒体账号长期不更新（第三方评估）,更新,青川市财政局,2026-12-31', 'TP依申请公开答复不规范（重点问题）,规范,青川市教育局,2026-12-31', 'TP依申请公开答复不规范（2026年复查）,规范,青川市教育局,2026-12-31']), contextOf('tp-near'), { identifiedOn: '2026-10-08', dryRun: true }).catch((error: unknown) => error);
    expect(near).toMatchObject({ code: 'CONFLICT' });
    expect(problemsOf(near).map((problem) => problem.row)).toEqual([2, 4]);
    expect((await dependencies.store.readAll()).length).toBe(count);
  });
});

describe('a 台账 entered late with its identification day left at today (newcomer45-10 M4)', () => {
  const problemsOf = (error: unknown) => ((error as DomainError).details as { problems: { row: number | null; reasonZh: string }[] }).problems;

  it('names every part due before the day, each with its unit, and says once to give the real 问题认定日期 — nothing recorded', async () => {
    const dependencies = await withEvaluation();
    const count = (await dependencies.store.readAll()).length;
    // The evaluation was received on 2026-10-08, the findings identified that day; the import is a day later, the day left at today.
    const content = new TextEncoder().encode('存在问题,整改措施,责任单位,整改时限\nLT网站栏目更新不及时,更新,"青川市财政局、青川市教育局",2026-10-08\nLT政策解读材料缺失,补齐,青川市民政局,2026-10-08\nLT答复文书不规范,规范,青川市民政局,2026-12-31\n');
    for (const dryRun of [true, false]) {
      const refusal = await importFindingsFile(dependencies, EVALUATION, { name: 'late.csv', content }, contextOf(`late-${dryRun}`), { dryRun }).catch((error: unknown) => error);
      expect(refusal).toMatchObject({ code: 'BAD_USER_INPUT' });
      expect(problemsOf(refusal).map((problem) => `${problem.row} ${problem.reasonZh}`)).toEqual([
        '2 青川市财政局的整改时限（2026-10-08）早于问题发现日期（2026-10-09）。本文件共 3 处整改时限早于该日期：如是补录以往的整改台账，请在“问题认定日期”中填写问题实际认定的日期（不晚于 2026-10-08）后重新导入；如发现日期无误，请更正整改时限。',
        '2 青川市教育局的整改时限（2026-10-08）早于问题发现日期（2026-10-09）。',
        '3 青川市民政局的整改时限（2026-10-08）早于问题发现日期（2026-10-09）。',
      ]);
    }
    expect((await dependencies.store.readAll()).length).toBe(count);
    // With the real day the same file is recorded.
    const outcome = await importFindingsFile(dependencies, EVALUATION, { name: 'late.csv', content }, contextOf('late-real'), { identifiedOn: '2026-10-08' });
    expect(outcome.findings.map((finding) => finding.recordedNow)).toEqual([true, true, true]);
  });
});

describe('near titles: one rule whichever came first, and the office’s word for a problem of its own (breaker11e P11, 10d P25)', () => {
  const csv = (lines: string[]) => new TextEncoder().encode(`存在问题,整改措施,责任单位,整改时限\n${lines.join('\n')}\n`);
  const refusalOf = (error: unknown) => ((error as DomainError).details as { problems: { row: number; reasonZh: string; distinctTitle?: string }[] }).problems;

  it('refuses a row near an earlier row of the same file as it refuses one near a recorded finding, naming the row, with the title to confirm', async () => {
    const dependencies = await withEvaluation();
    const file = { name: 'wx.csv', content: csv(['政务微博更新不及时超过三个月,整改,青川市财政局,2026-12-31', '政务微信更新不及时超过三个月,整改,青川市教育局,2026-12-31']) };
    const refusal = await importFindingsFile(dependencies, EVALUATION, file, contextOf('wx'), { identifiedOn: '2026-10-08' }).catch((error: unknown) => error);
    expect((refusal as DomainError).code).toBe('CONFLICT');
    expect(refusalOf(refusal)).toEqual([
      {
        row: 3,
        reason: expect.stringContaining('row 2 of this file'),
        reasonZh: '问题“政务微信更新不及时超过三个月”与本文件第 2 行的问题“政务微博更新不及时超过三个月”只差 1 个字。如是同一问题，请只写一次；如确是另一个问题，请在导入页面对“政务微信更新不及时超过三个月”勾选“是另一个问题”后重新导入。',
        distinctTitle: '政务微信更新不及时超过三个月',
      },
    ]);
    const outcome = await importFindingsFile(dependencies, EVALUATION, file, contextOf('wx-confirmed'), { identifiedOn: '2026-10-08', distinctTitles: ['政务微信更新不及时超过三个月'] });
    expect(outcome.findings.map((finding) => finding.recordedNow)).toEqual([true, true]);
  });

  it('records one problem per unit when the titles differ only in the unit they name, full or short name (breaker10e P10)', async () => {
    const dependencies = await withEvaluation();
    const outcome = await importFindingsFile(
      dependencies,
      EVALUATION,
      {
        name: 'per-unit.csv',
        content: csv([
          '青川市财政局政府信息公开目录不全,补齐目录,青川市财政局,2026-12-31',
          '青川市教育局政府信息公开目录不全,补齐目录,青川市教育局,2026-12-31',
          '市民政局政府信息公开目录不全,补齐目录,青川市民政局,2026-12-31',
        ]),
      },
      contextOf('per-unit'),
      { identifiedOn: '2026-10-08' },
    );
    expect(outcome.findings.map((finding) => finding.recordedNow)).toEqual([true, true, true]);
    // A later list naming another unit's problem the same way is recorded too; the same unit's, retyped, is still near.
    const refusal = await importFindingsFile(
      dependencies,
      EVALUATION,
      { name: 'later.csv', content: csv(['青川市财政局政府信息公开目录不够全,补齐目录,青川市财政局,2026-12-31']) },
      contextOf('later'),
      { identifiedOn: '2026-10-08', dryRun: true },
    ).catch((error: unknown) => error);
    expect(refusalOf(refusal).map((problem) => problem.distinctTitle)).toEqual(['青川市财政局政府信息公开目录不够全']);
  });

  it('records a row confirmed as another problem though one character from a recorded finding; rows naming other years or quarters need no word', async () => {
    const dependencies = await withEvaluation();
    await importFindingsFile(dependencies, EVALUATION, { name: 'v1.csv', content: csv(['2025年政府信息公开年报未按时发布,补发,青川市财政局,2026-12-31', '政务微博更新不及时超过三个月,整改,青川市教育局,2026-12-31']) }, contextOf('v1'), { identifiedOn: '2026-10-08' });
    const next = { name: 'v2.csv', content: csv(['2024年政府信息公开年报未按时发布,补发,青川市财政局,2026-12-31', '政务微信更新不及时超过三个月,整改,青川市教育局,2026-12-31', '一季度政务公开考核排名靠后,整改,青川市民政局,2026-12-31', '二季度政务公开考核排名靠后,整改,青川市民政局,2026-12-31']) };
    const refusal = await importFindingsFile(dependencies, EVALUATION, next, contextOf('v2'), { identifiedOn: '2026-10-08', dryRun: true }).catch((error: unknown) => error);
    expect(refusalOf(refusal).map((problem) => [problem.row, problem.distinctTitle])).toEqual([[3, '政务微信更新不及时超过三个月']]);
    // Confirmed by its words, whatever punctuation the clerk's copy has.
    const outcome = await importFindingsFile(dependencies, EVALUATION, next, contextOf('v2-confirmed'), { identifiedOn: '2026-10-08', distinctTitles: ['政务微信更新不及时超过三个月。'] });
    expect(outcome.findings.map((finding) => finding.recordedNow)).toEqual([true, true, true, true]);
  });
});

describe('a 台账 kept with its 交办日期 column (breaker8e P4: refused whole as a dates column not used)', () => {
  const csv = (lines: string[]) => new TextEncoder().encode(`存在问题,整改措施,责任单位,整改时限,交办日期\n${lines.join('\n')}\n`);
  const assignedDays = async (dependencies: ImportDependencies) =>
    (await dependencies.store.readAll()).filter((event) => event.type === 'UnitAssigned').map((event) => (event.data as { unitId: string; assignedOn: string }).assignedOn);

  it('assigns each finding’s parts on its 交办日期; a blank cell takes the file’s day', async () => {
    const dependencies = await withEvaluation();
    const file = {
      name: 'jb.csv',
      content: csv(['门户网站栏目长期空白,补齐栏目,青川市财政局,2026-12-31,2026年10月12日', ',,青川市教育局,,2026-10-12', '依申请公开答复超过法定期限,规范答复流程,青川市民政局,立行立改,']),
    };
    const outcome = await importFindingsFile(dependencies, EVALUATION, file, contextOf('jb', '2026-10-20T09:00:00+08:00'), { identifiedOn: '2026-10-08' });
    expect(outcome.findings.map((finding) => [finding.title, finding.parts.map((part) => part.dueDate)])).toEqual([
      ['门户网站栏目长期空白', ['2026-12-31', '2026-12-31']],
      ['依申请公开答复超过法定期限', ['2026-10-08']],
    ]);
    expect(await assignedDays(dependencies)).toEqual(['2026-10-12', '2026-10-12', '2026-10-08']);
  });

  it('refuses, naming each row, a 交办日期 that is not a day and a second day for one finding’s units; nothing is written', async () => {
    const dependencies = await withEvaluation();
    const count = (await dependencies.store.readAll()).length;
    const file = {
      name: 'jb2.csv',
      content: csv(['政务服务事项清单未更新,更新清单,青川市财政局,2026-12-31,10月中旬', '重大决策预公开流于形式,完善预公开,青川市财政局,2026-12-31,2026-10-12', ',,青川市教育局,,2026-10-15']),
    };
    const refusal = await importFindingsFile(dependencies, EVALUATION, file, contextOf('jb2', '2026-10-20T09:00:00+08:00'), { identifiedOn: '2026-10-08' }).catch((error: unknown) => error);
    expect((refusal as DomainError).code).toBe('BAD_USER_INPUT');
    const problems = ((refusal as DomainError).details as { problems: { row: number; reasonZh: string }[] }).problems;
    expect(problems.map((problem) => [problem.row, problem.reasonZh])).toEqual([
      [2, '交办日期“10月中旬”不是具体日期：请写作 2026-03-20 或 2026年3月20日。'],
      [4, '本行的交办日期（2026-10-15）与第 3 行（2026-10-12）不同：一个问题的各单位一并交办，只有一个交办日期；请按同一日期导入，后来交办的单位在问题页面另行交办。'],
    ]);
    expect((await dependencies.store.readAll()).length).toBe(count);
  });

  // newcomer52-10 M8: a unit typed on a row added under the finding was refused naming the finding's first row, not the row typed.
  it('names the row that lists the unit when it is a row added under the finding, and that finding\'s first row', async () => {
    const dependencies = await withEvaluation();
    const header = '序号,存在问题,整改措施,责任单位,完成时限\r\n';
    const first = '1,财政预决算公开不完整,补齐部门预决算,"青川市财政局、青川市教育局",2026年12月底前\r\n';
    const second = '2,政策解读形式单一,增加图解,青川市民政局,立行立改\r\n';
    await importFindingsFile(dependencies, EVALUATION, { name: '整改台账.csv', content: new TextEncoder().encode(header + first + second) }, contextOf('first'), { identifiedOn: '2026-10-08' });
    const added = header + first + ',,,青川市民政局,2026年12月底前\r\n' + second;
    const refusal = await importFindingsFile(dependencies, EVALUATION, { name: '整改台账（加行）.csv', content: new TextEncoder().encode(added) }, contextOf('added'), { identifiedOn: '2026-10-08' }).catch((error: unknown) => error);
    expect((refusal as DomainError).details).toMatchObject({
      problems: [{ row: 3, reasonZh: '本行续写第 2 行的问题“财政预决算公开不完整”，该问题此前已导入；本行为其列出了原来没有的单位（青川市民政局）。导入不会改动已登记的问题：如需增加单位，请在该问题页面交办。' }],
    });
  });
});

/*
 * breaker10m P8: the usual order — the evaluation's report arrives, its 问题清单 is imported (each problem 待交办),
 * and weeks later the office's 整改台账 of the same problems gives them units and deadlines. With two or more such
 * problems the 台账 was refused CONFLICT REQUEST_KEY_REUSED under a fresh key (each assignment was filed under the
 * key of the command that had recorded its finding), though its dry run accepted it; with one, the answer said 0 parts.
 */
describe('a 问题清单 imported first (待交办), then the 整改台账 of the same problems (breaker10m P8)', () => {
  const LIST = '问题,具体表现,类别,严重程度,责任单位\nP8门户网站栏目空白,3个栏目无内容,网站建设,一般,青川市教育局\nP8依申请公开答复不规范,答复书缺少救济渠道,依申请公开,较重,青川市民政局\nP8预算公开不细,未公开到项,财政信息,一般,青川市财政局\n';
  const LEDGER =
    '问题,具体表现,类别,严重程度,牵头单位,配合单位,整改时限,整改措施\n' +
    'P8新增问题解读滞后,解读晚于文件,政策解读,一般,青川市财政局,,2026年12月31日,同步解读\n' +
    'P8门户网站栏目空白,3个栏目无内容,网站建设,一般,青川市教育局,青川市财政局,2026年12月31日,补齐栏目内容\n' +
    'P8依申请公开答复不规范,答复书缺少救济渠道,依申请公开,较重,青川市民政局,,2026年11月30日,规范答复文书\n' +
    'P8预算公开不细,未公开到项,财政信息,一般,青川市财政局,,2026年12月31日,细化到项\n';
  const file = (name: string, text: string) => ({ name, content: new TextEncoder().encode(text) });
  const supervisor: Actor = { id: 'user:zhangwei', role: 'SUPERVISOR', unitId: null };
  /** The same office's requests as the API makes them (a digest of what was asked), or as the command line does (none). */
  const contexts = {
    'the API (a client key and the request digested)': (key: string, fileName: string) =>
      commandContext({ actor: supervisor, commandType: 'ImportFindings', idempotencyKey: key, now: new Date('2026-10-09T09:00:00+08:00'), request: { idempotencyKey: key, evaluationId: EVALUATION, fileName } }),
    'the command line (a key derived from the file)': (key: string) => commandContext({ actor: importOperator, commandType: 'ImportFindings', idempotencyKey: key, now: new Date('2026-10-09T09:00:00+08:00') }),
  };

  it.each(Object.entries(contexts))('through %s: every 待交办 problem takes the file’s parts, as the dry run says, counted in the answer', async (through, contextFor) => {
    const api = through.startsWith('the API');
    const dependencies = await withEvaluation();
    const list = await importFindingsFile(dependencies, EVALUATION, file('问题清单.csv', LIST), contextFor('list-key', '问题清单.csv'), { identifiedOn: '2026-10-08' });
    expect(list.findings.map((finding) => [finding.recordedNow, finding.parts.length])).toEqual([
      [true, 0],
      [true, 0],
      [true, 0],
    ]);
    const count = (await dependencies.store.readAll()).length;
    const ledgerOptions = { identifiedOn: '2026-10-08', assignedOn: '2026-10-09' };

    const preview = await importFindingsFile(dependencies, EVALUATION, file('整改台账.csv', LEDGER), contextFor('ledger-preview', '整改台账.csv'), { ...ledgerOptions, dryRun: true });
    const expected = [
      ['P8新增问题解读滞后', true, false, ['青川市财政局:LEAD:2026-12-31']],
      ['P8门户网站栏目空白', false, true, ['青川市教育局:LEAD:2026-12-31', '青川市财政局:RESPONSIBLE:2026-12-31']],
      ['P8依申请公开答复不规范', false, true, ['青川市民政局:LEAD:2026-11-30']],
      ['P8预算公开不细', false, true, ['青川市财政局:LEAD:2026-12-31']],
    ];
    const rows = (outcome: typeof preview) => outcome.findings.map((finding) => [finding.title, finding.recordedNow, finding.assignedNow, finding.parts.map((part) => `${part.unitName}:${part.role}:${part.dueDate}`)]);
    expect(rows(preview)).toEqual(expected);
    expect(partsAssignedBy(preview)).toEqual({ parts: 5, waiting: 3 });
    expect(describeFindingsImportZh('整改台账.csv', preview)).toContain('将在评估“2025年度政务公开第三方评估”下登记 1 个问题，交办 5 项任务（3 个此前已登记，其中 3 个此前已登记、尚未交办的问题按本文件交办）');
    expect((await dependencies.store.readAll()).length).toBe(count);

    const imported = await importFindingsFile(dependencies, EVALUATION, file('整改台账.csv', LEDGER), contextFor('ledger-key', '整改台账.csv'), ledgerOptions);
    expect(rows(imported)).toEqual(expected);
    expect(partsAssignedBy(imported)).toEqual({ parts: 5, waiting: 3 });
    expect(describeFindingsImportZh('整改台账.csv', imported)).toMatch(/^已导入 整改台账.csv：在评估“2025年度政务公开第三方评估”下登记 1 个问题，交办 5 项任务，3 个此前已登记，其中 3 个此前已登记、尚未交办的问题按本文件交办。/u);
    // Their 整改措施 stay as the list recorded them (an assignment does not carry measures): said, row by row.
    const measuresNotices = [3, 4, 5].map((row, index) => [row, `问题“${expected[index + 1]![0] as string}”此前已登记、尚未交办：按本文件交办，其余未作修改：文件中的整改措施与已登记的不同（已登记：“无”）。`]);
    expect(preview.notes.notices?.map((notice) => [notice.row, notice.reasonZh])).toEqual(measuresNotices);
    expect(imported.notes.notices?.map((notice) => [notice.row, notice.reasonZh])).toEqual(measuresNotices);
    const appended = (await dependencies.store.readAll()).slice(count);
    const assignedTo = (findingId: string) => appended.filter((event) => event.type === 'UnitAssigned' && event.streamId === findingStream(findingId)).length;
    expect(imported.findings.map((finding) => assignedTo(finding.findingId))).toEqual([1, 2, 1, 1]);
    const total = (await dependencies.store.readAll()).length;

    // The same request sent again (its answer lost): nothing new; a client's retry answers what its first run did.
    const resent = await importFindingsFile(dependencies, EVALUATION, file('整改台账.csv', LEDGER), contextFor('ledger-key', '整改台账.csv'), ledgerOptions);
    expect((await dependencies.store.readAll()).length).toBe(total);
    expect(resent.findings.map((finding) => [finding.recordedNow, finding.assignedNow])).toEqual(
      api ? expected.map(([, recordedNow, assignedNow]) => [recordedNow, assignedNow]) : expected.map(() => [false, false]),
    );
    // Another request with the same 台账: the problems have their units now; nothing is assigned twice.
    const again = await importFindingsFile(dependencies, EVALUATION, file('整改台账.csv', LEDGER), contextFor('ledger-again', '整改台账.csv'), ledgerOptions);
    expect(again.findings.map((finding) => [finding.recordedNow, finding.assignedNow])).toEqual(expected.map(() => [false, false]));
    expect(describeFindingsImportZh('整改台账.csv', again)).toMatch(/^整改台账.csv 中的问题此前均已导入（4 个），未写入任何内容。/u);
    expect((await dependencies.store.readAll()).length).toBe(total);
  });
});
