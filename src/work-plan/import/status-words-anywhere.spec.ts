import ExcelJS from 'exceljs';
import { unitLookupFrom } from '../../organization/units/unit-lookup.js';
import { importFindings } from '../../rectification/import-findings/findings-file.js';
import { groupLabelMeaning, otherColumnMeaning } from '../../spreadsheet/row-remarks.js';
import { importWorkPlan } from './work-plan-import.js';

/*
 * A status word anywhere the office writes it (breaker10k P1, P2, P9, P10, P11) — a column nothing reads (状态, 当前状态, 核查结果,
 * 是否取消 …), words before or after a title without brackets (已整改：…, …：已整改), a sheet's name (已销号), a section row or
 * 类别 cell (二、已整改问题, 二、取消事项), a footnote (注：第2项问题已整改完毕) — is read by the one vocabulary of row remarks
 * (src/spreadsheet/row-remarks.ts) in both imports: the row is refused naming where it was said, never recorded as an open
 * problem or kept as a live task. Words that say nothing of the row (正在整改, 整改目标 全部整改到位, 重点领域…) import as before.
 */
const lookupUnit = unitLookupFrom([
  { id: 'unit-czj', code: 'CZJ', name: '青川市财政局' },
  { id: 'unit-jyj', code: 'JYJ', name: '青川市教育局' },
]);
const ledgerOptions = { format: 'csv', lookupUnit, today: '2026-03-10', year: 2026 } as const;
const refusals = (result: { ok: boolean; problems?: readonly { row: number | null; reasonZh: string; sheet?: string }[] }, length: number) =>
  result.ok ? result : result.problems!.map((problem) => [problem.row, problem.reasonZh.slice(0, length), ...(problem.sheet === undefined ? [] : [problem.sheet])]);

async function workbook(sheets: readonly { name: string; rows: readonly (readonly string[])[] }[]): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  for (const { name, rows } of sheets) {
    const sheet = book.addWorksheet(name);
    for (const row of rows) sheet.addRow([...row]);
  }
  return new Uint8Array(await book.xlsx.writeBuffer());
}

describe('the one vocabulary, read on labels and unknown columns', () => {
  it.each([
    ['已销号', 'DONE'], ['已完成', 'DONE'], ['已整改问题', 'DONE'], ['二、已整改问题', 'DONE'], ['（二）已销号', 'DONE'], ['已完成整改的问题', 'DONE'],
    ['已完成事项', 'DONE'], ['二、已完成事项', 'DONE'], ['取消事项', 'VOID'], ['二、取消事项', 'VOID'], ['已取消', 'VOID'], ['删除', 'VOID'], ['暂缓事项', 'SUSPENDED'],
  ])('a group label %s says %s of its rows', (label, meaning) => {
    expect(groupLabelMeaning(label)?.meaning).toBe(meaning);
  });

  it.each(['Sheet2', '一、决策公开', '附表', '未整改问题', '一、整改中', '正在整改的问题', '未完成', '取消行政审批事项目录', '已完成整改事项未及时公开', '主动公开'])(
    'a group label %s says nothing',
    (label) => {
      expect(groupLabelMeaning(label)).toBeNull();
    },
  );

  it.each([
    ['状态', '已销号', 'DONE'], ['当前状态', '已销号', 'DONE'], ['状态', '已核验', 'DONE'], ['办结情况', '已办结', 'DONE'], ['核查结果', '已整改到位，同意销号', 'DONE'],
    ['整改完成率', '100%', 'DONE'], ['是否取消', '是', 'VOID'], ['执行情况', '不再执行', 'VOID'], ['当前状态', '已取消', 'VOID'], ['是否暂缓', '是', 'SUSPENDED'],
  ])('an unknown column %s saying %s says %s', (label, text, meaning) => {
    expect(otherColumnMeaning(label, text)?.meaning).toBe(meaning);
  });

  it.each([['状态', '整改中'], ['整改目标', '全部整改到位'], ['完成情况说明', '完成'], ['工作要求', '已建成的平台要及时更新'], ['整改完成率', '60%'], ['是否取消', '否'], ['联系人', '张伟']])(
    'an unknown column %s saying %s says nothing',
    (label, text) => {
      expect(otherColumnMeaning(label, text)).toBeNull();
    },
  );
});

describe('a 台账 saying a problem is done anywhere', () => {
  it.each([
    ['状态', '已销号'], ['当前状态', '已销号'], ['销号情况', '已销号'], ['办结情况', '已办结'], ['目前进展', '已整改'], ['核查结果', '已整改到位，同意销号'],
    ['整改结果', '已整改到位'], ['整改完成率', '100%'], ['状态', '已办结'], ['状态', '已核验'], ['整改进度', '已完成'],
  ])('refuses the row whose column %s says %s (P1)', async (header, said) => {
    const csv = `序号,问题,涉及单位,整改措施,整改时限,${header}\n1,部分政务服务事项办事指南要素缺失,青川市教育局,补齐要素,2026-12-31,${said}\n2,政务公开专栏栏目设置不规范,青川市教育局,调整栏目,2026-12-31,\n`;
    const zh = `${header}“${said}”注明该项已完成`;
    expect(refusals(await importFindings(csv, ledgerOptions), zh.length)).toEqual([[2, zh]]);
  });

  it.each(['【撤销】', '（撤销）', '(撤销)', '评估单位已撤回', '评估单位撤回', '来函撤回', '不再整改', '无需整改', '不需整改', '撤销'])(
    'refuses the row whose 状态 says %s: withdrawn, bracketed or in a phrase (breaker11n P4)',
    async (said) => {
      const csv = `序号,问题,类别,牵头单位,整改时限,状态\n1,部分政务服务事项办事指南要素缺失,政务服务,青川市教育局,2026-12-31,${said}\n2,政务公开专栏栏目设置不规范,政务服务,青川市教育局,2026-12-31,整改中\n`;
      const zh = `状态“${said}”注明该项已取消`;
      expect(refusals(await importFindings(csv, ledgerOptions), zh.length)).toEqual([[2, zh]]);
    },
  );

  it('refuses the row whose 销号日期 gives a day (P1: was refused as an unread date column)', async () => {
    const csv = '问题,涉及单位,整改措施,整改时限,销号日期\n政务公开专栏附件无法下载,青川市教育局,修复链接,2026-12-31,2026-10-20\n';
    const zh = '“销号日期”列写明该项已于“2026-10-20”完成：导入不记录完成情况';
    expect(refusals(await importFindings(csv, ledgerOptions), zh.length)).toEqual([[2, zh]]);
  });

  it('records rows whose 状态 says the work goes on, and an aim column saying 全部整改到位', async () => {
    const csv = '问题,涉及单位,整改措施,整改时限,状态,整改目标\n部分政务服务事项办事指南要素缺失,青川市教育局,补齐要素,2026-12-31,整改中,全部整改到位\n政务公开专栏栏目设置不规范,青川市教育局,调整栏目,2026-12-31,,\n';
    const result = await importFindings(csv, ledgerOptions);
    expect(result.ok ? [result.findings.length, result.notImported] : result.problems).toEqual([2, ['状态', '整改目标']]);
  });

  it.each(['已整改：网民留言回应不及时', '已整改 网民留言回应不及时', '已整改—网民留言回应不及时', '已销号。网民留言回应不及时', '已整改\n网民留言回应不及时', '网民留言回应不及时：已整改'])(
    'refuses the title %j: a status said before or after it without brackets (P2)',
    async (title) => {
      const csv = `问题,牵头单位,整改时限,整改措施\n"${title}",青川市教育局,2026-12-31,建立留言办理台账\n`;
      expect(refusals(await importFindings(csv, ledgerOptions), 3)).toEqual([[2, '问题“']]);
    },
  );

  it.each(['重点领域信息公开不全面', '取消行政审批事项目录未及时更新', '已完成整改事项未及时公开', '暂缓执行决定未公开'])('records the title %s, whose first words are its own', async (title) => {
    const csv = `问题,牵头单位,整改时限\n${title},青川市教育局,2026-12-31\n`;
    const result = await importFindings(csv, ledgerOptions);
    expect(result.ok ? result.findings.map((finding) => finding.title) : result.problems).toEqual([title]);
  });

  it.each([
    ['二、已整改问题', '分节行“二、已整改问题”注明该项已完成'],
    ['二、已销号', '分节行“二、已销号”注明该项已完成'],
    ['（二）已整改问题', '分节行“（二）已整改问题”注明该项已完成'],
    ['二、主动公开（已全部整改）', '分节行“二、主动公开（已全部整改）”注明该项已完成'],
  ])('refuses the rows under the section row %s (P10)', async (section, zh) => {
    const csv = `序号,问题,涉及单位,整改措施,整改时限\n一、未整改问题,,,,\n1,政务公开专栏导航混乱,青川市教育局,调整导航,2026-12-31\n${section},,,,\n2,政务公开专栏附件无法下载,青川市教育局,修复链接,2026-10-31\n`;
    expect(refusals(await importFindings(csv, ledgerOptions), zh.length)).toEqual([[5, zh]]);
  });

  it('refuses the row whose 类别 says 主动公开（已整改） (P10)', async () => {
    const csv = '问题,涉及单位,整改措施,整改时限,类别\n政务公开专栏附件无法下载,青川市教育局,修复链接,2026-12-31,主动公开（已整改）\n';
    const zh = '类别“主动公开（已整改）”注明该项已完成（“已整改”）';
    expect(refusals(await importFindings(csv, ledgerOptions), zh.length)).toEqual([[2, zh]]);
  });

  it.each([['整改台账', '已销号'], ['未完成', '已完成'], ['2026年台账', '已整改问题']])('refuses the rows of a sheet named %s | %s (P9)', async (open, done) => {
    const header = ['序号', '问题', '类别', '牵头单位', '整改时限', '整改措施'];
    const content = await workbook([
      { name: open, rows: [header, ['1', '政务公开专栏导航混乱', '政务服务', '青川市教育局', '2026-12-31', '调整导航']] },
      { name: done, rows: [header, ['1', '政务公开专栏附件无法下载', '政务服务', '青川市教育局', '2026-10-31', '修复链接']] },
    ]);
    const zh = `工作表名称“${done}”注明该项已完成`;
    expect(refusals(await importFindings(content, { ...ledgerOptions, format: 'xlsx' }), zh.length)).toEqual([[2, zh, done]]);
  });

  it('reads a workbook of sheets named Sheet1 | Sheet2 as before', async () => {
    const header = ['问题', '牵头单位', '整改时限'];
    const content = await workbook([
      { name: 'Sheet1', rows: [header, ['政务公开专栏导航混乱', '青川市教育局', '2026-12-31']] },
      { name: 'Sheet2', rows: [header, ['政务公开专栏附件无法下载', '青川市教育局', '2026-10-31']] },
    ]);
    const result = await importFindings(content, { ...ledgerOptions, format: 'xlsx' });
    expect(result.ok ? result.findings.length : result.problems).toBe(2);
  });

  it.each(['注：第2项问题已整改完毕。', '备注：序号2已销号。'])('refuses the file whose footnote %s finishes a row (P11), and skips a plain one', async (footnote) => {
    const csv = (note: string) => `序号,问题,涉及单位,整改措施,整改时限\n1,政务公开专栏导航混乱,青川市教育局,调整导航,2026-12-31\n2,政务公开专栏附件无法下载,青川市教育局,修复链接,2026-12-31\n${note},,,,\n`;
    const zh = `注释行“${footnote}”注明有事项已完成`;
    expect(refusals(await importFindings(csv(footnote), ledgerOptions), zh.length)).toEqual([[4, zh]]);
    const plain = await importFindings(csv('注：完成时限以交办通知为准。'), ledgerOptions);
    expect(plain.ok ? plain.findings.length : plain.problems).toBe(2);
  });
});

describe('a work plan saying a task is done or cancelled anywhere', () => {
  const head = '类别,序号,工作任务,牵头单位,配合单位,完成时限';
  const plan = (extraHeader: string, first: string, second: string) =>
    `${head}${extraHeader}\n一、决策公开,1,推进重大决策预公开,青川市财政局,青川市教育局,2026-12-31${first}\n一、决策公开,2,完善政策解读机制,青川市教育局,,2026-12-30${second}\n`;

  it('refuses the rows whose 状态 says 已完成 and 已取消 (P1)', async () => {
    const result = await importWorkPlan(plan(',状态', ',已完成', ',已取消'), { format: 'csv', title: '2026年状态列测试方案', lookupUnit });
    expect(refusals(result, 20)).toEqual([
      [2, '状态“已完成”注明该项已完成（“已完成”）'.slice(0, 20)],
      [3, '状态“已取消”注明该项已取消（“已取消”）'.slice(0, 20)],
    ]);
  });

  it.each([
    ['当前状态', '已取消', '已取消'], ['办结情况', '已办结', '已完成'], ['目前进展', '已完成', '已完成'], ['是否取消', '是', '已取消'], ['执行情况', '不再执行', '已取消'],
  ])('refuses the row whose %s says %s (P1)', async (header, said, meaning) => {
    const result = await importWorkPlan(plan(`,${header}`, ',', `,${said}`), { format: 'csv', title: '2026年其他列测试方案', lookupUnit });
    const zh = `${header}“${said}”注明该项${meaning}`;
    expect(refusals(result, zh.length)).toEqual([[3, zh]]);
  });

  it.each(['（取消）', '【取消】', '(取消)', '（不再列入）', '【删除】', '评估单位已撤回'])('refuses the row whose 状态 says %s (breaker11n P4)', async (said) => {
    const result = await importWorkPlan(plan(',状态', ',', `,${said}`), { format: 'csv', title: '2026年状态括注测试方案', lookupUnit });
    const zh = `状态“${said}”注明该项已取消`;
    expect(refusals(result, zh.length)).toEqual([[3, zh]]);
  });

  it('imports rows whose 状态 says the work goes on, listing the column as not imported', async () => {
    const result = await importWorkPlan(plan(',状态', ',正在推进', ','), { format: 'csv', title: '2026年状态列推进方案', lookupUnit });
    expect(result.ok ? [result.plan.categories[0]!.items.length, result.notImported] : result.problems).toEqual([2, ['状态']]);
  });

  it.each(['已完成：完善政策解读机制', '取消 完善政策解读机制', '已取消\n完善政策解读机制'])('refuses the title %j (P2)', async (title) => {
    const csv = `${head}\n一、决策公开,1,推进重大决策预公开,青川市财政局,青川市教育局,2026-12-31\n一、决策公开,2,"${title}",青川市教育局,,2026-12-30\n`;
    expect(refusals(await importWorkPlan(csv, { format: 'csv', title: '2026年标题前状态测试方案', lookupUnit }), 3)).toEqual([[3, '事项“']]);
  });

  it.each([
    ['二、已完成事项', '已完成'],
    ['二、取消事项', '已取消'],
  ])('refuses the rows under the category %s (P10)', async (category, meaning) => {
    const csv = `${head}\n一、决策公开,1,推进重大决策预公开,青川市财政局,青川市教育局,2026-12-31\n${category},2,完善政策解读机制,青川市教育局,,2026-12-30\n`;
    // The category is 二, titled 已完成事项: its number is the section's, not its words (newcomer25 S7).
    const zh = `类别“${category.replace(/^二、/, '')}”注明该项${meaning}`;
    expect(refusals(await importWorkPlan(csv, { format: 'csv', title: '2026年类别状态测试方案', lookupUnit }), zh.length)).toEqual([[3, zh]]);
  });

  it('refuses the rows under the section row 二、取消事项 (P10)', async () => {
    const csv = '序号,工作任务,牵头单位,完成时限\n一、决策公开,,,\n1,推进重大决策预公开,青川市财政局,2026-12-31\n二、取消事项,,,\n2,完善政策解读机制,青川市教育局,2026-12-30\n';
    const zh = '类别“取消事项”注明该项已取消';
    expect(refusals(await importWorkPlan(csv, { format: 'csv', title: '2026年分节状态测试方案', lookupUnit }), zh.length)).toEqual([[5, zh]]);
  });

  it.each(['已取消', '已完成事项', '暂缓事项', '删除'])('refuses the rows of a sheet named %s (P9)', async (name) => {
    const header = ['类别', '序号', '工作任务', '牵头单位', '完成时限'];
    const content = await workbook([
      { name: '分解方案', rows: [header, ['一、决策公开', '1', '推进重大决策预公开', '青川市财政局', '2026-12-31']] },
      { name, rows: [header, ['一、决策公开', '2', '完善政策解读机制', '青川市教育局', '2026-12-30']] },
    ]);
    const result = await importWorkPlan(content, { format: 'xlsx', title: '2026年工作表状态测试方案', lookupUnit });
    const zh = `工作表名称“${name}”注明该项`;
    expect(refusals(result, zh.length)).toEqual([[2, zh, name]]);
  });

  it('refuses the file whose footnote cancels a task (P11)', async () => {
    const csv = `${head}\n一、决策公开,1,推进重大决策预公开,青川市财政局,青川市教育局,2026-12-31\n一、决策公开,2,完善政策解读机制,青川市教育局,,2026-12-30\n注：第2项已取消，不再考核。,,,,,\n`;
    const zh =
      '注释行“注：第2项已取消，不再考核。”注明有事项已取消（“不再考核”），但导入不按注释行处理各行：请把该说明写到所指行的“备注”列（按备注处理），或从文件中删去所指的行；如与各行无关，请删去该注释行后导入。';
    expect(refusals(await importWorkPlan(csv, { format: 'csv', title: '2026年注释状态测试方案', lookupUnit }), zh.length)).toEqual([[4, zh]]);
  });
});
