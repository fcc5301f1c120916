import ExcelJS from 'exceljs';
import { unitLookupFrom } from '../organization/units/unit-lookup.js';
import { importFindings } from '../rectification/import-findings/findings-file.js';
import { importWorkPlan } from '../work-plan/import/work-plan-import.js';
import { groupLabelMeaning, otherColumnMeaning, remarkMeaning } from './row-remarks.js';
import { isDonePhrase, openStatusOf } from './status-words.js';

/*
 * How offices word a row's status, as published 整改台账 and 任务清单 write it (breaker10l P1, P2, P3): done without 已 (完成, 办结,
 * 闭环, 已处理, 验收合格, 整改到位) is done; in progress with 已 (已启动整改, 已部分整改) is in progress; done once and back (已整改，但问题
 * 反弹) is open. Matched as phrases, not substrings.
 */

describe('the status vocabulary, phrase by phrase', () => {
  // [the 状态 cell as offices write it, what it says of the row: DONE / VOID / MOVED / SUSPENDED, or null for open work].
  it.each([
    // Done, with or without 已 (P1).
    ['完成', 'DONE'], ['已完成', 'DONE'], ['全部完成', 'DONE'], ['办结', 'DONE'], ['已办结', 'DONE'], ['闭环', 'DONE'], ['已闭环', 'DONE'],
    ['已处理', 'DONE'], ['处理完毕', 'DONE'], ['验收合格', 'DONE'], ['已验收', 'DONE'], ['通过验收', 'DONE'], ['已通过验收', 'DONE'],
    ['整改到位', 'DONE'], ['已整改到位', 'DONE'], ['整改完成', 'DONE'], ['整改完毕', 'DONE'], ['完成整改', 'DONE'], ['已整改', 'DONE'],
    ['销号', 'DONE'], ['已销号', 'DONE'], ['完成整改并销号', 'DONE'], ['整改到位，已销号', 'DONE'], ['落实到位', 'DONE'], ['已结项', 'DONE'],
    ['已于6月完成', 'DONE'], ['目前已整改到位', 'DONE'], ['该问题已按要求整改', 'DONE'], ['已上线运行', 'DONE'], ['核验通过', 'DONE'], ['√', 'DONE'],
    // In progress, though the words hold 已 or 整改 (P1).
    ['已启动整改', null], ['已部分整改', null], ['部分整改', null], ['部分完成', null], ['整改中', null], ['正在整改', null], ['推进中', null],
    ['已完成60%', null], ['已制定整改方案', null], ['初步完成', null], ['持续推进', null], ['已启动', null], ['阶段性完成', null],
    // Not started.
    ['未整改', null], ['尚未整改', null], ['未启动', null], ['未完成', null], ['待整改', null], ['暂未开展', null],
    // Done once, open now (P3).
    ['已整改，但问题反弹', null], ['2025年已整改，今年复查仍存在', null], ['曾整改', null], ['上轮评估已整改', null], ['验收不合格', null],
    ['整改不到位', null], ['已整改，督查未通过，退回重新整改', null], ['原已整改，近期又出现', null],
    // Done, with words that say the fix holds.
    ['已整改到位，未发现反弹', 'DONE'], ['已完成整改，防止问题反弹', 'DONE'],
    // Withdrawn, merged, put off.
    ['已撤销', 'VOID'], ['取消', 'VOID'], ['不再整改', 'VOID'], ['已并入第3项', 'MOVED'], ['已合并', 'MOVED'], ['暂缓', 'SUSPENDED'],
  ])('状态 %s says %s', (said, meaning) => {
    expect(otherColumnMeaning('状态', said)?.meaning ?? null).toBe(meaning);
  });

  it.each([
    ['已启动整改', 'IN_PROGRESS'], ['已部分整改', 'IN_PROGRESS'], ['已完成60%', 'IN_PROGRESS'], ['整改中', 'IN_PROGRESS'], ['未整改', 'NOT_STARTED'], ['尚未启动', 'NOT_STARTED'],
    ['已整改，但问题反弹', 'REOPENED'], ['验收不合格', 'REOPENED'],
  ])('%s is open work: %s', (said, status) => {
    expect(openStatusOf(said)?.status).toBe(status);
  });

  it.each(['完成', '已完成', '已整改到位', '待督查', '已整改完毕，待督查', '完成率100%'])('%s is not open work', (said) => {
    expect(openStatusOf(said)).toBeNull();
  });

  it('reads done phrases as a whole, never a done word inside other words', () => {
    expect(['已启动整改', '整改', '整改措施', '完成时限', '完成情况说明', '闭环管理', '处理', '验收'].filter(isDonePhrase)).toEqual([]);
  });

  it('reads bare done words under a header naming a state, never under one of aims or explanations', () => {
    for (const header of ['状态', '当前状态', '整改状态', '办结情况', '核查结果', '目前进展']) expect(otherColumnMeaning(header, '闭环')?.meaning).toBe('DONE');
    for (const header of ['整改目标', '完成情况说明', '工作要求']) expect(otherColumnMeaning(header, '闭环')).toBeNull();
  });

  it('reads a 备注 the same way', () => {
    expect(remarkMeaning('已处理')?.meaning).toBe('DONE');
    expect(remarkMeaning('验收合格')?.meaning).toBe('DONE');
    expect(remarkMeaning('已启动整改，预计年底完成')).toBeNull();
    expect(remarkMeaning('上轮评估已整改，本轮复查又发现')).toBeNull();
  });

  it.each([
    ['一、已完成整改的问题（共1个）', 'DONE'], ['已销号(1项)', 'DONE'], ['二、已整改问题（3项）', 'DONE'], ['已办结（共2条）', 'DONE'], ['取消事项(2)', 'VOID'],
    ['二、暂缓事项，共1项', 'SUSPENDED'], ['一、正在整改的问题（共5个）', null], ['未整改问题(3项)', null], ['一、决策公开（共5项）', null],
  ])('a section row or sheet named %s says %s (P2: a count after the label)', (label, meaning) => {
    expect(groupLabelMeaning(label)?.meaning ?? null).toBe(meaning);
  });
});

const lookupUnit = unitLookupFrom([
  { id: 'unit-czj', code: 'CZJ', name: '青川市财政局' },
  { id: 'unit-jyj', code: 'JYJ', name: '青川市教育局' },
  { id: 'unit-zwb', code: 'ZWB', name: '青川市政务服务管理局' },
]);

async function workbook(sheets: readonly { name: string; rows: readonly (readonly string[])[] }[]): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  for (const { name, rows } of sheets) {
    const sheet = book.addWorksheet(name);
    for (const row of rows) sheet.addRow([...row]);
  }
  return new Uint8Array(await book.xlsx.writeBuffer());
}

const refused = (result: { ok: boolean; problems?: readonly { row: number | null; reasonZh: string; sheet?: string }[] }) =>
  result.ok ? 'imported' : result.problems!.map((problem) => [problem.row, problem.reasonZh.replace(/：.*$/u, ''), ...(problem.sheet === undefined ? [] : [problem.sheet])]);

describe('a 台账 as an office publishes it, its 状态 worded as offices word it', () => {
  const title = ['青川市2025年度政务公开第三方评估反馈问题整改台账'];
  const filler = ['填报单位：青川市政务公开办公室', '', '', '', '填报时间：2026年3月10日'];
  const header = ['序号', '问题', '责任单位', '整改措施', '整改时限', '状态'];

  it('refuses every row whose 状态 says done without 已, and imports the rows in progress (P1)', async () => {
    const rows: [string, string | null][] = [
      ['完成', 'DONE'], ['办结', 'DONE'], ['闭环', 'DONE'], ['已处理', 'DONE'], ['验收合格', 'DONE'], ['整改到位', 'DONE'], ['已整改到位', 'DONE'],
      ['已启动整改', null], ['已部分整改', null], ['整改中', null], ['已整改，但问题反弹', null],
    ];
    const content = await workbook([
      {
        name: '整改台账',
        rows: [title, filler, header, ...rows.map(([said], index) => [String(index + 1), `政务公开专栏第${index + 1}处栏目更新不及时`, '青川市教育局', '明确专人维护', '2026年6月30日', said])],
      },
    ]);
    const result = await importFindings(content, { format: 'xlsx', lookupUnit, today: '2026-03-10', year: 2026 });
    expect(refused(result)).toEqual(rows.flatMap(([said, meaning], index) => (meaning === 'DONE' ? [[index + 4, `状态“${said}”注明该项已完成（“${said}”）`]] : [])));
    const open = await importFindings(
      await workbook([{ name: '整改台账', rows: [title, filler, header, ...rows.filter(([, meaning]) => meaning === null).map(([said], index) => [String(index + 1), `网站第${index + 1}个栏目空白`, '青川市教育局', '补齐内容', '2026年6月30日', said])] }]),
      { format: 'xlsx', lookupUnit, today: '2026-03-10', year: 2026 },
    );
    expect(open.ok ? open.findings.map((finding) => finding.parts.map((part) => [part.unit.unitId, part.dueDate])) : open.problems).toEqual([
      [['unit-jyj', '2026-06-30']], [['unit-jyj', '2026-06-30']], [['unit-jyj', '2026-06-30']], [['unit-jyj', '2026-06-30']],
    ]);
  });

  it('refuses the rows under a section row counting its problems, and reads the section as the category elsewhere (P2)', async () => {
    const content = await workbook([
      {
        name: '整改台账',
        rows: [
          title, filler, ['序号', '问题', '责任单位', '整改措施', '整改时限'],
          ['一、正在整改的问题（共2个）'],
          ['1', '依申请公开答复超期', '青川市政务服务管理局', '建立答复时限提醒', '2026年6月30日'],
          ['2', '政策解读材料与政策文件未同步发布', '青川市财政局', '同步发布解读', '2026年9月30日'],
          ['二、已完成整改的问题（共1个）'],
          ['3', '门户网站存在错链', '青川市教育局', '修复链接', '2026年3月31日'],
        ],
      },
    ]);
    const result = await importFindings(content, { format: 'xlsx', lookupUnit, today: '2026-03-10', year: 2026 });
    expect(refused(result)).toEqual([[8, '分节行“二、已完成整改的问题”注明该项已完成（“二、已完成整改的问题”）']]);
  });

  it('refuses the rows of a sheet named 已销号(1项), and records those of 未销号(2项) under their section (P2)', async () => {
    const head = ['序号', '问题', '责任单位', '整改措施', '整改时限'];
    const content = await workbook([
      { name: '未销号(2项)', rows: [title, head, ['1', '依申请公开答复超期', '青川市政务服务管理局', '建立答复时限提醒', '2026年6月30日'], ['2', '政策解读材料与政策文件未同步发布', '青川市财政局', '同步发布解读', '2026年9月30日']] },
      { name: '已销号(1项)', rows: [title, head, ['1', '门户网站存在错链', '青川市教育局', '修复链接', '2026年3月31日']] },
    ]);
    const result = await importFindings(content, { format: 'xlsx', lookupUnit, today: '2026-03-10', year: 2026 });
    expect(refused(result)).toEqual([[3, '工作表名称“已销号(1项)”注明该项已完成（“已销号(1项)”）', '已销号(1项)']]);
  });

  it('records a section row\'s category without its count', async () => {
    const content = await workbook([
      { name: '整改台账', rows: [title, ['序号', '问题', '责任单位', '整改时限'], ['一、政策解读（共1个）'], ['1', '政策解读材料与政策文件未同步发布', '青川市财政局', '2026年9月30日']] },
    ]);
    const result = await importFindings(content, { format: 'xlsx', lookupUnit, today: '2026-03-10', year: 2026 });
    expect(result.ok ? result.findings.map((finding) => finding.category) : result.problems).toEqual(['政策解读']);
  });
});

describe('a work plan whose 状态 is worded as offices word it (P1)', () => {
  it('refuses the tasks done without 已 and imports those started', async () => {
    const content = await workbook([
      {
        name: '任务分解',
        rows: [
          ['青川市2026年政务公开工作要点任务分解表'],
          ['序号', '工作任务', '牵头单位', '完成时限', '状态'],
          ['一、决策公开'],
          ['1', '推进重大决策预公开', '青川市财政局', '2026年12月31日', '已启动整改'],
          ['2', '完善政策解读机制', '青川市教育局', '2026年6月30日', '办结'],
          ['3', '规范依申请公开答复', '青川市政务服务管理局', '2026年9月30日', '已部分整改'],
          ['4', '加强政务新媒体管理', '青川市教育局', '2026年6月30日', '验收合格'],
        ],
      },
    ]);
    const result = await importWorkPlan(content, { format: 'xlsx', title: '青川市2026年政务公开工作要点', lookupUnit });
    expect(refused(result)).toEqual([
      [5, '状态“办结”注明该项已完成（“办结”）'],
      [7, '状态“验收合格”注明该项已完成（“验收合格”）'],
    ]);
  });
});

/*
 * breaker10r P23 (moderate): done phrasings in 整改情况 imported the problem as open (DN1-done-words.csv): 「完成（2026.3）」 (完成 with the month
 * it was done in a bracket), 「已补充公开」, 「已删除错误信息」, 「已替换失效链接」. Now done, as the other done phrasings; work still going
 * on is not.
 */
describe('done said with what was fixed, or with the day it was done (breaker10r P23)', () => {
  it.each(['完成（2026.3）', '已整改（2026年3月）', '已补充公开', '已重新发布', '已删除错误信息', '已替换失效链接', '已更正错误数据', '已公开', '问题已消除'])('%s is done', (said) => {
    expect(isDonePhrase(said) || remarkMeaning(said)?.meaning === 'DONE').toBe(true);
  });

  it.each(['已删除部分错误信息，正在核查其余', '完成（60%）', '正在删除错误信息', '已启动整改（2026.3）', '删除错误信息'])('%s is not done', (said) => {
    expect(remarkMeaning(said)?.meaning === 'DONE').toBe(false);
  });
});
