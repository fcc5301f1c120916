import type { Columns, SourceRecord } from './columns.js';
import type { ImportResult } from './import-problems.js';
import { readSpreadsheet } from './sheet.js';
import type { FileContent } from './text-file.js';
import { readTree, recordsOfList } from './tree.js';

/** The records of a flat list in any format: a spreadsheet's rows, or a YAML/JSON list of mappings. */
export async function readRecords<Key extends string>(
  content: FileContent,
  format: 'xlsx' | 'csv' | 'yaml' | 'json',
  columns: Columns<Key>,
  listKeys: readonly string[],
  what: string,
): Promise<ImportResult<'records', SourceRecord<Key>[]>> {
  if (format === 'csv' || format === 'xlsx') return readSpreadsheet(content, format, columns);
  const read = readTree(content, format);
  if (!read.ok) return read;
  const records = recordsOfList(read.tree, listKeys, columns, what);
  if (!records.ok) return records;
  const missing = (Object.keys(columns) as Key[]).filter((key) => columns[key].required);
  const problems = records.records.flatMap((record) =>
    missing
      .filter((key) => !(key in record.cells))
      .map((key) => ({ row: record.row, reason: `Missing field ${columns[key].label} in this ${what}.` })),
  );
  return problems.length > 0 ? { ok: false, problems } : records;
}
