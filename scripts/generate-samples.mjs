#!/usr/bin/env node
/**
 * Writes samples/work-plan-2026.csv and samples/work-plan-2026.xlsx from
 * samples/work-plan-2026.yaml, the source of truth, so the three always hold the same plan.
 *
 *   node scripts/generate-samples.mjs
 *
 * The CSV is UTF-8 with a BOM (so that Excel opens the Chinese text correctly), fields quoted
 * where needed, responsible units separated by 、. The XLSX is what an office would keep: a
 * header row, category cells merged over their items, due dates as real date cells and
 * responsible units one per line in a wrapped cell.
 *
 * It also writes samples/work-plan-2026-v2.csv, the plan's second version for the README's "Plan
 * revision" (newcomer18 S2): item 7 moved from 2026-04-30 to 2026-09-30 and an item 36 added, nothing else.
 *
 * It also writes samples/rectification-ledger-2025.xlsx, a 整改台账 laid out as offices publish
 * one: a title row and a 填报单位 row above a two-row header (责任单位 over 牵头单位 | 配合单位),
 * a 序号 column, a finding merged over one row per unit when the units have different deadlines,
 * deadline words (2026年6月底前, 第三季度, 立行立改), 整改措施 and a 备注 column, and a footnote.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { parse } from 'yaml';

const samples = join(dirname(fileURLToPath(import.meta.url)), '..', 'samples');
const plan = parse(await readFile(join(samples, 'work-plan-2026.yaml'), 'utf8'));

const HEADERS = ['类别编号', '类别', '编号', '事项', '内容', '牵头单位', '责任单位', '完成时限'];

const rowsOf = (categories) => categories.flatMap((category) => category.items.map((item) => ({ category, item })));
const rows = rowsOf(plan.categories);

// --- CSV (RFC 4180: quote a field holding a comma, a quote or a line break; double inner quotes)

const csvField = (value) => {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};
const csvLine = (fields) => fields.map(csvField).join(',');

const csvOf = (rows) => [
  csvLine(HEADERS),
  ...rows.map(({ category, item }) =>
    csvLine([
      category.code,
      category.title,
      item.code,
      item.title,
      item.description,
      item.leadUnit,
      item.responsibleUnits.join('、'),
      item.dueDate,
    ]),
  ),
].join('\r\n');
await writeFile(join(samples, 'work-plan-2026.csv'), `\uFEFF${csvOf(rows)}\r\n`, 'utf8');

// --- The second version (README "Plan revision"): item 7 re-dated, item 36 added to the third category.

const VERSION_2_ADDED = {
  code: '36',
  title: '开展政务公开工作年中评估',
  description: '对各单位上半年政务公开工作落实情况开展评估，评估结果在门户网站公开，发现的问题列入整改台账并限期整改。',
  leadUnit: '青川市政务公开办公室',
  responsibleUnits: ['青川市人民政府办公室'],
  dueDate: '2026-09-30',
};
const version2 = plan.categories.map((category, index) => ({
  ...category,
  items: [
    ...category.items.map((item) => (item.code === '7' ? { ...item, dueDate: '2026-09-30' } : item)),
    ...(index === plan.categories.length - 1 ? [VERSION_2_ADDED] : []),
  ],
}));
await writeFile(join(samples, 'work-plan-2026-v2.csv'), `\uFEFF${csvOf(rowsOf(version2))}\r\n`, 'utf8');

// --- XLSX

const FIXED_DATE = new Date(Date.UTC(2026, 0, 5, 9, 0, 0));
const workbook = new ExcelJS.Workbook();
workbook.creator = '青川市政务公开办公室';
workbook.created = FIXED_DATE;
workbook.modified = FIXED_DATE;

const sheet = workbook.addWorksheet('分解方案', { views: [{ state: 'frozen', ySplit: 1 }] });
sheet.columns = [
  { key: 'categoryCode', width: 10 },
  { key: 'categoryTitle', width: 24 },
  { key: 'code', width: 8 },
  { key: 'title', width: 28 },
  { key: 'description', width: 60 },
  { key: 'leadUnit', width: 26 },
  { key: 'responsibleUnits', width: 28 },
  { key: 'dueDate', width: 14 },
];
const header = sheet.addRow(HEADERS);
header.font = { bold: true };
header.alignment = { vertical: 'middle', horizontal: 'center' };

for (const category of plan.categories) {
  const first = sheet.rowCount + 1;
  for (const item of category.items) {
    const [year, month, day] = item.dueDate.split('-').map(Number);
    sheet.addRow({
      categoryCode: category.code,
      categoryTitle: category.title,
      // Item codes are numbers in an office's sheet; the importer reads them back as text.
      code: Number(item.code),
      title: item.title,
      description: item.description,
      leadUnit: item.leadUnit,
      responsibleUnits: item.responsibleUnits.join('\n'),
      dueDate: new Date(Date.UTC(year, month - 1, day)),
    });
  }
  const last = sheet.rowCount;
  sheet.mergeCells(first, 1, last, 1);
  sheet.mergeCells(first, 2, last, 2);
}
sheet.getColumn('dueDate').numFmt = 'yyyy-mm-dd';
sheet.eachRow((row, number) => {
  if (number === 1) return;
  row.alignment = { vertical: 'middle', wrapText: true };
});

await writeFile(join(samples, 'work-plan-2026.xlsx'), withZipTimestamps(await workbook.xlsx.writeBuffer(), FIXED_DATE));

// --- the rectification ledger (整改台账) of the 2025 evaluation

const ledger = new ExcelJS.Workbook();
ledger.creator = '青川市政务公开办公室';
ledger.created = FIXED_DATE;
ledger.modified = FIXED_DATE;
const ledgerSheet = ledger.addWorksheet('整改台账');
ledgerSheet.columns = [8, 26, 40, 12, 10, 24, 28, 40, 16, 12].map((width) => ({ width }));
const LEDGER_TITLE = '青川市2025年度政务公开第三方评估发现问题整改台账';
ledgerSheet.addRow([LEDGER_TITLE]);
ledgerSheet.mergeCells('A1:J1');
ledgerSheet.addRow(['填报单位：青川市政务公开办公室', '', '', '', '', '', '', '', '填报时间：2026年3月']);
ledgerSheet.addRow(['序号', '问题', '具体表现', '类别', '严重程度', '责任单位', '责任单位', '整改措施', '整改时限', '备注']);
ledgerSheet.addRow(['序号', '问题', '具体表现', '类别', '严重程度', '牵头单位', '配合单位', '整改措施', '整改时限', '备注']);
ledgerSheet.mergeCells('F3:G3');
for (const column of ['A', 'B', 'C', 'D', 'E', 'H', 'I', 'J']) ledgerSheet.mergeCells(`${column}3:${column}4`);
const LEDGER = [
  ['门户网站存在失效链接', '抽查发现市教育局、市民政局网站共7处链接失效，部分栏目跳转至已关闭的旧网站。', '网站建设', '一般',
    [['青川市教育局', '青川市民政局', '2026年6月底前']], '逐页排查失效链接并修复；建立每月链接巡检制度。', ''],
  ['依申请公开答复超期', '抽查20件依申请公开答复，3件超过法定期限答复，1件未告知救济途径。', '依申请公开', '较重',
    [['青川市人民政府办公室', '', '立行立改'], ['', '青川市住房和城乡建设局', '2026年第三季度']],
    '逐件核查超期答复原因；完善答复模板，载明救济途径。', '住建局涉及旧城改造申请'],
  ['财政预决算公开不完整', '部分部门预算未公开“三公”经费说明，决算未公开政府采购情况。', '重点领域信息公开', '严重',
    [['青川市财政局', '青川市教育局、青川市卫生和计划生育委员会', '２０２６年９月３０日']], '制定预决算公开目录，逐项补齐说明。', ''],
];
let serial = 0;
for (const [title, description, category, severity, unitRows, measures, remark] of LEDGER) {
  serial += 1;
  const first = ledgerSheet.rowCount + 1;
  for (const [lead, others, due] of unitRows) {
    ledgerSheet.addRow([serial, title, description, category, severity, lead, others.replaceAll('、', '\n'), measures, due, remark]);
  }
  const last = ledgerSheet.rowCount;
  if (last > first) for (const column of ['A', 'B', 'C', 'D', 'E', 'H', 'J']) ledgerSheet.mergeCells(`${column}${first}:${column}${last}`);
}
ledgerSheet.addRow(['注：整改时限为完成整改并报送整改材料的时间。']);
ledgerSheet.eachRow((row, number) => {
  row.alignment = { vertical: 'middle', wrapText: true };
  if (number <= 4) row.font = { bold: number !== 2 };
});
await writeFile(join(samples, 'rectification-ledger-2025.xlsx'), withZipTimestamps(await ledger.xlsx.writeBuffer(), FIXED_DATE));

console.info(`Wrote ${rows.length} items in ${plan.categories.length} categories to work-plan-2026.csv and work-plan-2026.xlsx, its second version to work-plan-2026-v2.csv (item 7 re-dated, item 36 added), and ${LEDGER.length} findings to rectification-ledger-2025.xlsx.`);

/**
 * The same bytes on every run, so that regenerating changes nothing (the importer recognises a
 * file by its sha256): every entry of the zip gets the same DOS date and time, in the central
 * directory and in its local header. CRCs cover only the entries' data and stay valid.
 */
function withZipTimestamps(zipBytes, date) {
  const zip = Buffer.from(zipBytes);
  const time = (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | (date.getUTCSeconds() >> 1);
  const day = ((date.getUTCFullYear() - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate();
  const endOfDirectory = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (endOfDirectory < 0) throw new Error('Not a zip file');
  let entry = zip.readUInt32LE(endOfDirectory + 16);
  for (let count = zip.readUInt16LE(endOfDirectory + 10); count > 0; count -= 1) {
    if (zip.readUInt32LE(entry) !== 0x02014b50) throw new Error('Unexpected zip central directory');
    zip.writeUInt16LE(time, entry + 12);
    zip.writeUInt16LE(day, entry + 14);
    const localHeader = zip.readUInt32LE(entry + 42);
    zip.writeUInt16LE(time, localHeader + 10);
    zip.writeUInt16LE(day, localHeader + 12);
    entry += 46 + zip.readUInt16LE(entry + 28) + zip.readUInt16LE(entry + 30) + zip.readUInt16LE(entry + 32);
  }
  return zip;
}
