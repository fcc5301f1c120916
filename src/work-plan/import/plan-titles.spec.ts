import ExcelJS from 'exceljs';
import { planTitleKey } from './plan-document.js';
import { unitLookupFrom } from '../../organization/units/unit-lookup.js';
import { sheetTitleOf } from '../../spreadsheet/sheet.js';
import { importWorkPlan } from './work-plan-import.js';

/*
 * A plan's title as published files carry it (breaker10b N2, N22): an attachment label (附件1), the
 * issuing office or a remark above the real title is never the title, a file downloaded as
 * 附件1.xlsx gives no title, and a version remark in the title names the version, not the plan.
 */

const directory = unitLookupFrom([
  { id: 'unit-czj', code: 'CZJ', name: '青川市财政局' },
  { id: 'unit-jyj', code: 'JYJ', name: '青川市教育局' },
]);

const HEADER = '序号,工作任务,牵头单位,责任单位,完成时限';
const ROWS = '1,推进决策公开,青川市财政局,青川市教育局,2026-12-31\n2,推进执行公开,青川市财政局,,2026-11-30\n';
const csvWith = (above: string[]) => [...above, HEADER].join('\n') + '\n' + ROWS;
const read = (csv: string, fileName = 'plan.csv') => importWorkPlan(csv, { format: 'csv', fileName, lookupUnit: directory });

async function xlsxWith(above: (string | null)[]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Sheet1');
  for (const text of above) sheet.addRow(text === null ? [] : [text]);
  sheet.addRow(HEADER.split(','));
  for (const line of ROWS.trim().split('\n')) sheet.addRow(line.split(',').map((cell) => cell || null));
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

describe('the title row of a published attachment', () => {
  it.each([
    ['附件1'],
    ['附件'],
    ['附件 2'],
    ['附表3'],
    ['青川市人民政府办公室'],
    ['（此件公开发布）'],
  ])('skips %s above the title: the plan is titled by the title row', async (label) => {
    const result = await read(csvWith([label, '青川市2026年政务公开工作要点任务分工方案']));
    expect(result).toMatchObject({ ok: true, plan: { title: '青川市2026年政务公开工作要点任务分工方案', year: 2026 } });
  });

  it('reads 附件, a blank row, the title and a 填报单位 row above the header of an XLSX', async () => {
    const bytes = await xlsxWith(['附件', null, '青川市2026年政府网站与政务新媒体检查整改任务清单', '填报单位：青川市政务公开办公室']);
    const result = await importWorkPlan(bytes, { format: 'xlsx', fileName: '附件.xlsx', lookupUnit: directory });
    expect(result).toMatchObject({ ok: true, plan: { title: '青川市2026年政府网站与政务新媒体检查整改任务清单' } });
  });

  it('drops the label of a title written after it: 附件1：青川市…方案', async () => {
    const result = await read(csvWith(['附件1：青川市2026年政务公开工作要点任务分工方案']));
    expect(result).toMatchObject({ ok: true, plan: { title: '青川市2026年政务公开工作要点任务分工方案' } });
  });

  it('refuses a plan whose only title is an attachment label, asking for the title', async () => {
    for (const [csv, fileName] of [
      [csvWith(['附件1']), '附件1.csv'],
      [csvWith([]), '附件1.csv'],
      [csvWith([]), 'Sheet1.csv'],
    ] as const) {
      const result = await read(csv, fileName);
      expect(result.ok).toBe(false);
      expect(!result.ok && result.problems.map((problem) => problem.reasonZh)).toEqual(
        expect.arrayContaining([expect.stringMatching(/不是方案的标题：请填写方案标题|方案没有标题，请填写方案标题/)]),
      );
    }
  });

  it('takes the title from a file name without its attachment label', async () => {
    const result = await read(csvWith([]), '附件1-青川市2026年任务清单.csv');
    expect(result).toMatchObject({ ok: true, plan: { title: '青川市2026年任务清单' } });
  });

  it('picks the title among several single-text rows: the one that reads as a document title', () => {
    expect(sheetTitleOf([['附件1'], ['青川市人民政府办公室'], ['青川市2026年政务公开工作要点'], ['填报时间：2026年3月']])).toBe('青川市2026年政务公开工作要点');
    expect(sheetTitleOf([['附件2'], ['（此件公开发布）']])).toBeNull();
    expect(sheetTitleOf([['青川市人民政府办公室'], ['2026年重点工作推进安排']])).toBe('2026年重点工作推进安排');
  });
});

describe('a version remark in the title (breaker10b N22)', () => {
  it.each(['（2026年7月调整）', '（修订稿）', '(调整版)', '【修订版】', '（V2）', '_v2', '（2026.11）', '（最新）', '〔调整稿〕', '「修订版」', '〖2026年7月调整〗'])('reads 青川市2026年政务信息化重点任务清单%s as that plan, saying so', async (remark) => {
    const result = await read(csvWith([`青川市2026年政务信息化重点任务清单${remark}`]));
    expect(result).toMatchObject({ ok: true, plan: { title: '青川市2026年政务信息化重点任务清单', year: 2026 } });
    expect(result.ok && result.notices?.map((notice) => notice.reasonZh)).toEqual(expect.arrayContaining([expect.stringContaining('是版本说明')]));
  });

  // breaker10q P24 (BC-draft-title.xlsx): a consultation draft was read as the plan with a version notice, and assigned.
  it.each(['（征求意见稿）', '（送审稿）', '（草案）', '【讨论稿】'])('refuses 青川市2026年政务信息化重点任务清单%s as a draft, not the approved plan', async (remark) => {
    const result = await read(csvWith([`青川市2026年政务信息化重点任务清单${remark}`]));
    expect(result.ok ? result : result.problems.map((problem) => problem.reasonZh)).toEqual([
      `标题中的“${remark}”表示这是未经批准的稿本，而导入的方案会交办各单位：请导入批准印发的正式稿；如本稿已按原样批准，请删去标题中的“${remark}”（或填写方案标题）后重新导入。`,
    ]);
  });

  // issue 10 P6: the plan's title with a bare version word after a dash, underscore or space was read as another plan.
  it.each(['-修改', ' - 修改', '—修改', '_修改', '修改', '修改后', '-调整', ' 调整', '-更新', '_改', '（修订）', '(调整稿)', 'v2', '修改版', '修正版'])('reads 青川市2026年政务信息化重点任务清单%s as that plan, saying so, with the title as written kept for the answer (issue 10 P6)', async (remark) => {
    const result = await read(csvWith([`青川市2026年政务信息化重点任务清单${remark}`]));
    expect(result).toMatchObject({ ok: true, plan: { title: '青川市2026年政务信息化重点任务清单', writtenTitle: `青川市2026年政务信息化重点任务清单${remark}`, year: 2026 } });
    expect(result.ok && result.notices?.map((notice) => notice.reasonZh)).toEqual(expect.arrayContaining([expect.stringContaining('是版本说明：按方案“青川市2026年政务信息化重点任务清单”读取')]));
    expect(planTitleKey(`青川市2026年政务信息化重点任务清单${remark}`)).toBe(planTitleKey('青川市2026年政务信息化重点任务清单'));
  });

  it.each(['青川市2026年产业结构调整任务清单', '青川市2026年规章清理调整', '青川市2026年政务信息化重点任务清单（第二批）'])('keeps %s, whose 调整 or bracket is its name, as written', async (title) => {
    const result = await read(csvWith([title]));
    expect(result).toMatchObject({ ok: true, plan: { title } });
    expect(result.ok && result.plan.writtenTitle).toBeUndefined();
  });

  it.each(['（试行）', '（2026年）', '【东湖区】'])('keeps a bracket that is part of the name: %s', async (bracket) => {
    const result = await read(csvWith([`青川市2026年政务公开工作要点${bracket}`]));
    expect(result).toMatchObject({ ok: true, plan: { title: `青川市2026年政务公开工作要点${bracket}` } });
  });
});

describe('a title typed in', () => {
  it('is taken as typed, version remark and all', async () => {
    const result = await importWorkPlan(csvWith([]), { format: 'csv', fileName: 'plan.csv', title: '青川市2026年政务公开工作要点（调整）', lookupUnit: directory });
    expect(result).toMatchObject({ ok: true, plan: { title: '青川市2026年政务公开工作要点（调整）' } });
  });
});

describe('a plan named by the notice that issued it, or with its designation in brackets (breaker10j P7)', () => {
  it.each(['关于印发《青川市2026年复测方案甲》的通知', '关于下发《青川市2026年复测方案甲》的函', '青川市2026年度复测方案（甲）', '青川市2026年复测方案(甲)', '《青川市2026年复测方案甲》'])(
    'keys %s as 青川市2026年复测方案甲, so it is that plan, not a second one',
    (title) => {
      expect(planTitleKey(title)).toBe(planTitleKey('青川市2026年复测方案甲'));
    },
  );

  it.each([
    '关于印发青川市2026年复测方案甲的通知', '附件：青川市2026年复测方案甲', '附件1-青川市2026年复测方案甲', '青川市2026年复测方案甲.xlsx', '青川市2026年复测方案甲 - 副本',
    '青川市2026年复测方案甲(1)', '青川市二0二六年复测方案甲', '青川市2026年复测方案甲。', '青川市2026年复测方案甲 - 副本 (2).xlsx',
  ])('keys %s as 青川市2026年复测方案甲: the forms a revised file comes back in (breaker10k P7)', (title) => {
    expect(planTitleKey(title)).toBe(planTitleKey('青川市2026年复测方案甲'));
  });

  it.each([
    '关于调整青川市2026年复测方案甲的通知', '关于修订青川市2026年复测方案甲的通知', '关于修改青川市2026年复测方案甲的函', '青川市2026年复测方案甲调整表',
    '青川市2026年复测方案甲（调整表）', '青川市2026年复测方案甲修订对照表',
  ])('keys %s as 青川市2026年复测方案甲: the office’s adjustment of it, not a second plan (breaker10t P12)', (title) => {
    expect(planTitleKey(title)).toBe(planTitleKey('青川市2026年复测方案甲'));
  });

  it.each(['青川市2026年复测方案甲调整事项表', '青川市2026年复测方案甲（调整事项表）', '青川市2026年复测方案甲 调整事项清单'])(
    'keys %s as 青川市2026年复测方案甲: an adjustment listing the changed items is a version of the plan (newcomer49-10 S4)',
    (title) => {
      expect(planTitleKey(title)).toBe(planTitleKey('青川市2026年复测方案甲'));
    },
  );

  it.each(['青川市2026年复测方案甲（试行）', '关于印发《青川市2026年复测方案乙》的通知', '关于青川市2026年复测方案甲的通知', '青川市2026年复测方案甲（一）', '青川市2026年复测方案甲（二期）'])('keeps %s apart from 青川市2026年复测方案甲', (title) => {
    expect(planTitleKey(title)).not.toBe(planTitleKey('青川市2026年复测方案甲'));
  });
});
