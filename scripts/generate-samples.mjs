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
 */
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { parse } from 'yaml';

const samples = join(dirname(fileURLToPath(import.meta.url)), '..', 'samples');
const plan = parse(await readFile(join(samples, 'work-plan-2026.yaml'), 'utf8'));

const HEADERS = ['类别编号', '类别', '编号', '事项', '内容', '牵头单位', '责任单位', '完成时限'];

const rows = plan.categories.flatMap((category) =>
  category.items.map((item) => ({ category, item })),
);

// --- CSV (RFC 4180: quote a field holding a comma, a quote or a line break; double inner quotes)

const csvField = (value) => {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};
const csvLine = (fields) => fields.map(csvField).join(',');

const csv = [
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
await writeFile(join(samples, 'work-plan-2026.csv'), `\uFEFF${csv}\r\n`, 'utf8');

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

console.info(`Wrote ${rows.length} items in ${plan.categories.length} categories to work-plan-2026.csv and work-plan-2026.xlsx.`);

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
