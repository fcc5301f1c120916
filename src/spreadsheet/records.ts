import { namesInCell, unitRolesInCell, unitSpacesReadByDirectory, type Cell, type NamesOneUnit } from './cells.js';
import { isPersonColumn, type Columns, type SourceRecord } from './columns.js';
import { slicer } from '../shared/event-loop-turns.js';
import { readDeadline } from './deadline-text.js';
import { labelZh, type ImportProblem, type ImportResult, type ReadingNotes } from './import-problems.js';
import { unitsWithoutPeople, type SheetOptions, type Table } from './sheet.js';
import { readSpreadsheetOffThread, readTreeOffThread } from './sheet-off-thread.js';
import type { FileContent } from './text-file.js';
import { recordZh, recordsOfList } from './tree.js';

/**
 * The records of a flat list in any format: a spreadsheet's rows (laid out as offices do, see
 * sheet.ts), or a YAML/JSON list of mappings under one of `listKeys` (where an unknown key is a
 * problem, so no field is ever dropped there either).
 */
export async function readRecords<Key extends string>(
  content: FileContent,
  format: 'xlsx' | 'csv' | 'yaml' | 'json',
  columns: Columns<Key>,
  listKeys: readonly string[],
  what: string,
  options: SheetOptions = {},
): Promise<ImportResult<'table', Table<Key>>> {
  if (format === 'csv' || format === 'xlsx') return readSpreadsheetOffThread(content, format, columns, options);
  const read = await readTreeOffThread(content, format);
  if (!read.ok) return read;
  const records = recordsOfList(read.tree, listKeys, columns, what);
  if (!records.ok) return records;
  const missing = (Object.keys(columns) as Key[]).filter((key) => columns[key].required);
  const problems = records.records.flatMap((record) =>
    missing
      .filter((key) => !(key in record.cells))
      .map((key) => ({ row: record.row, reason: `Missing field ${columns[key].label} in this ${what}.`, reasonZh: `这条${recordZh(what)}缺少字段“${labelZh(columns[key].label)}”。` })),
  );
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, table: { sheet: null, sheets: [], headerRow: 0, title: null, records: records.records, unusedColumns: [], notices: [] } };
}

/**
 * A refused reading's table read beside its problems (`ImportResult`: problems of some rows or columns, every other row read),
 * or null when nothing was read (rows hidden, struck or holding an error value are left out of it): for a feature to check every row too and refuse once with all (issue 10).
 */
export function tableBesideProblems<Key extends string>(read: ImportResult<'table', Table<Key>>): { readonly table: Table<Key>; readonly problems: readonly ImportProblem[] } | null {
  // No row left to check (every row refused as read): the refusal as read, never 「文件中没有列出任何问题」 beside it.
  return read.ok || read.table === undefined || read.table.records.length === 0 ? null : { table: read.table, problems: read.problems };
}

/**
 * Columns of the table that name units, dates or measures and that this import does not use: a
 * problem each, since dropping them would lose responsibility silently. `why` says what the
 * import records instead, e.g. "a findings list records no deadlines; import it as a ledger",
 * `deadlineHeader` the header its deadlines are read under (整改时限, 完成时限), `deadlinesReadFrom` the file's own header
 * they are read from, when it has one (a second column of deadlines is refused as such).
 * `isUnitName` (the units directory, former names and collective names included) judges a column
 * by its cells as well as its header: one whose cells name units is never dropped, whatever it is
 * headed (责任主体, 落实主体: breaker10d P28). So is one whose cells are deadlines (`isDeadlineColumn`:
 * 2026年6月底前, 立行立改, 每季度 under 节点 or 要求, breaker10m P4): refused naming the column, one of its cells and
 * the header to give it, never dropped with the file read as a list with no deadlines.
 */
export function droppedColumnProblems(
  table: Table<string>,
  why: { en: string; zh: string; deadlineHeader?: string; deadlinesReadFrom?: string },
  isUnitName?: (name: string) => boolean,
): ImportProblem[] {
  return table.unusedColumns.flatMap((column) => {
    const deadline = column.appRecord ? undefined : deadlineIn(column.texts ?? []);
    if (deadline !== undefined && why.deadlinesReadFrom !== undefined) {
      const from = why.deadlinesReadFrom;
      return [
        {
          row: null,
          reason: `Column ${column.name} gives deadlines too (such as ${deadline}), but the deadlines are read from column ${from} only, so they would be dropped: give each row one deadline, under ${from}, and remove the other column.`,
          reasonZh: `“${column.name}”列也写有时限（如“${deadline}”），但时限只从“${from}”列读取，该列的时限不会被使用：请每行只在“${from}”列写一个时限，并删去另一列。`,
        },
      ];
    }
    if (deadline !== undefined) {
      const header = why.deadlineHeader ?? '完成时限';
      return [
        {
          row: null,
          reason: `Column ${column.name} gives deadlines (such as ${deadline}) but its header is not one this import reads, so they would be dropped: head it ${header} and import again (or remove the column if it is no deadline): ${why.en}.`,
          reasonZh: `“${column.name}”列写的是时限（如“${deadline}”），但该表头不是本导入读取的列名，其中的时限不会被使用：请把表头改为“${header}”后重新导入（如该列不是时限，请删去该列）；${why.zh}。`,
        },
      ];
    }
    if (column.weighty) {
      return [{ row: null, reason: `Column ${column.name} names units, dates or measures but is not used: ${why.en}.`, reasonZh: `“${column.name}”列写的是单位、时间或措施，但本导入不使用它：${why.zh}。` }];
    }
    // A goal column whose texts set deadlines (目标要求「6月底前完成方案、9月底前上线」, 工作目标「年底前实现全覆盖」): dates and
    // measures as 进度安排 holds them, refused as it is — one rule, not dropped under one header and refused under another (newcomer51-10 M4).
    const milestone = column.appRecord || !GOAL_HEADER.test(column.name) ? undefined : deadlineWithin(column.texts ?? []);
    if (milestone !== undefined) {
      return [
        {
          row: null,
          reason: `Column ${column.name} sets targets with deadlines (such as "${milestone.text}": ${milestone.deadline}) but is not used, so they would be dropped: ${why.en}.`,
          reasonZh: `“${column.name}”列写的是带时限的目标或要求（如“${milestone.text}”中的“${milestone.deadline}”），属于时间或措施，但本导入不使用它：${why.zh}。`,
        },
      ];
    }
    const unit = isUnitName ? unitNameIn(column.texts ?? [], isUnitName) : undefined;
    if (unit === undefined) {
      // 「青川市教育局：李四」, 「市交通运输局 王五」 under 责任人 / 联系人 (or a second 牵头单位及责任人): units with their people, dropped as a
      // column of people with the units given nothing (breaker10o P2, breaker10n P14's kind).
      // Only under a header of people: elsewhere 「青川市财政局：已完成初稿」 is a unit's progress, no person.
      const withPerson = isUnitName && isPersonColumn(column.name) ? unitWithPersonIn(column.texts ?? [], isUnitName) : undefined;
      if (withPerson === undefined) return [];
      return [
        {
          row: null,
          reason:
            `Column ${column.name} names units with their people (such as ${withPerson.written}: ${withPerson.unit}) but its header is not one this import reads, so its units would get no part: ` +
            `if they take part, write them under 配合单位 (a header such as 配合单位及联系人 is read as units, the people left aside); if the column only names contacts, leave the units out of it. ${why.en}.`,
          reasonZh:
            `“${column.name}”列写的是单位及其人员（如“${withPerson.written}”中的“${withPerson.unit}”），但该表头不是本导入读取的列名，其中的单位不会得到任务：` +
            `如这些单位承担任务，请把它们写在“配合单位”列（表头写作“配合单位及联系人”的列按单位读取，人员不导入）；如该列只写联系人，请删去其中的单位名称。${why.zh}。`,
        },
      ];
    }
    return [
      {
        row: null,
        reason: `Column ${column.name} names units (such as ${unit}) but its header is not one this import reads, so it is not used: if they are units that take part, head the column 配合单位 (or another unit header this import reads); if the column is no units (its ${unit} only equals a unit's code or name), delete it. Then import again. ${why.en}.`,
        reasonZh: `“${column.name}”列写的是单位（如“${unit}”），但该表头不是本导入读取的列名，其中的单位不会得到任务：如这些单位承担任务，请把表头改为“配合单位”（或本导入读取的其他单位列名）；如该列写的不是单位（“${unit}”只是恰与某单位的编码或名称相同），请删去该列。然后重新导入。${why.zh}。`,
      },
    ];
  });
}

/** A header of targets (工作目标, 目标要求, 阶段目标, 整改目标): its texts may set deadlines within them. */
const GOAL_HEADER = /目标/u;

/** A deadline inside a text: 6月底前, 2026年9月30日前, 年底前, 第三季度末前, 2026-06-30. */
const DEADLINE_WITHIN = /(?:\d{4}年)?(?:\d{1,2}|[一二三四五六七八九十]{1,3})月(?:\d{1,2}日|底|末|中旬|上旬|下旬)?(?:前|之前)|(?:年底|年末)(?:前|之前)|第?[一二三四1-4]季度末?(?:前|之前)|\d{4}-\d{1,2}-\d{1,2}|\d{4}年\d{1,2}月\d{1,2}日/u;

/**
 * The first of a column's filled texts that holds a deadline within its words (`DEADLINE_WITHIN`: a milestone, 「6月底前完成方案」),
 * with that deadline as written; undefined when none does. O(texts).
 */
export function deadlineWithin(texts: readonly string[]): { readonly text: string; readonly deadline: string } | undefined {
  for (const raw of texts) {
    const text = raw.trim();
    const found = DEADLINE_WITHIN.exec(text.normalize('NFKC'));
    if (found) return { text: text.length > 30 ? `${text.slice(0, 30)}…` : text, deadline: found[0] };
  }
  return undefined;
}

/** A year alone (2025年, 2025年度): an 年度 column, not a deadline, though a deadline cell may say it (its 12-31). */
const YEAR_ONLY = /^\d{4}年度?$/u;

/**
 * The first of a column's texts when every filled one reads as a deadline of the vocabulary (src/spreadsheet/deadline-text.ts:
 * a day, a month, 年底前, 第三季度, 立行立改, 常态化, 每季度 …) and not every one is a year alone; else undefined. Read in
 * any year (a text without one is a deadline all the same). O(texts).
 */
export function deadlineIn(texts: readonly string[]): string | undefined {
  const filled = texts.map((text) => text.trim()).filter((text) => text !== '');
  if (filled.length === 0 || !filled.every((text) => readDeadline(text, { year: 2000 }).ok)) return undefined;
  if (filled.every((text) => YEAR_ONLY.test(text.normalize('NFKC').replace(/\s+/gu, '')))) return undefined;
  return filled[0];
}

/** Every filled text of the column reads as a deadline (`deadlineIn`). */
export const isDeadlineColumn = (texts: readonly string[]): boolean => deadlineIn(texts) !== undefined;

/** Words a unit's name ends with, where a 备注's sentence may name one (新增青川市教育局为责任单位). */
const UNIT_ENDING = /(?:局|委员会|委|办公室|办|人民政府|政府|中心|院|厅|室|科|处|所|站|队|馆|会)/gu;

/**
 * The first unit a 备注 (remarks) cell names, or undefined: the cell's names as a unit cell lists them (「青川市财政局、…」,
 * 「配合单位：青川市住房和城乡建设局」), else a unit's name inside its sentence (「新增青川市教育局为责任单位」 → 市教育局) — the
 * shortest stretch of 4 to 24 characters (else 3) ending in a unit's last word that `isUnitName` takes (breaker10m P5: 备注 naming
 * units was dropped). O(length).
 */
export function unitNamedInRemark(remark: string, isUnitName: (name: string) => boolean): string | undefined {
  const whole = unitNameIn([remark], isUnitName);
  if (whole !== undefined) return whole;
  const text = remark.normalize('NFKC').replace(/\s+/gu, '');
  for (const ending of text.matchAll(UNIT_ENDING)) {
    const end = ending.index! + ending[0].length;
    // The shortest stretch of four or more characters that names a unit (市教育局 of 新增青川市教育局为…): a longer one may take
    // the sentence's words before it for a city (新增青川市教育局 reads as near 青川市教育局); three only when no longer one does.
    for (let start = end - 4; start >= Math.max(0, end - 24); start -= 1) {
      const name = text.slice(start, end);
      if (/^[\u4e00-\u9fff]/u.test(name) && isUnitName(name)) return name;
    }
    const three = end >= 3 ? text.slice(end - 3, end) : '';
    if (/^[\u4e00-\u9fff]/u.test(three) && isUnitName(three)) return three;
  }
  return undefined;
}

/**
 * The problems of a workbook laid out one sheet per unit (breaker10o P18, breaker10n P5): a sheet named after a unit of the
 * directory (青川市财政局) says whose rows they are, which no import reads from a sheet's name — a plan made the unit a
 * category and took its lead from another column, a 问题清单 recorded its problems with no unit, silently. Each such sheet
 * whose rows do not all name its unit (`unitsOf`: a plan row's lead, a finding's units) is refused, naming the sheet, the
 * rows and the column to write the unit in (`column`, Chinese). `unitIdsOf`: the ids of the one unit a name gives (its short
 * name 财政局 too), empty for no unit or a collective name. Only sheets of a workbook read over several sheets (`record.sheet`)
 * are judged. Empty when `unitIdsOf` is absent or no sheet is named after a unit.
 */
export function sheetsNamedAfterUnitsProblems<Record extends { readonly row: number; readonly sheet?: string }>(
  records: readonly Record[],
  unitIdsOf: ((name: string) => readonly string[]) | undefined,
  unitsOf: (record: Record) => readonly string[],
  column: string,
): ImportProblem[] {
  if (!unitIdsOf) return [];
  const rowsBySheet = new Map<string, number[]>();
  const sheetUnits = new Map<string, readonly string[]>();
  for (const record of records) {
    if (record.sheet === undefined) continue;
    const name = record.sheet.trim();
    if (!sheetUnits.has(name)) sheetUnits.set(name, unitIdsOf(name));
    const ids = sheetUnits.get(name)!;
    if (ids.length === 0 || unitsOf(record).some((unit) => unitIdsOf(unit).some((id) => ids.includes(id)))) continue;
    rowsBySheet.set(record.sheet, [...(rowsBySheet.get(record.sheet) ?? []), record.row]);
  }
  return [...rowsBySheet].map(([sheet, rows]) => {
    const shown = rows.length > 5 ? [...rows.slice(0, 5), '…'] : rows;
    return {
      row: null,
      sheet,
      reason: `Sheet "${sheet}" is named after the unit ${sheet.trim()}, but row${rows.length > 1 ? 's' : ''} ${shown.join(', ')} of it do${rows.length > 1 ? '' : 'es'} not name that unit in ${column}: an import takes no unit from a sheet's name (a workbook kept one sheet per unit would give it nothing). Write the unit in ${column} on those rows (or rename the sheet), then import again.`,
      reasonZh: `工作表“${sheet}”以单位“${sheet.trim()}”命名，但其中第 ${shown.join('、')} 行的“${column}”没有写该单位：导入不按工作表名称确定单位（按单位分表的工作簿，该单位会得不到任务）。请在这些行的“${column}”中写明该单位（或将工作表改名）后重新导入。`,
    };
  });
}

/** The years a sheet's name or title names: 2025年, 2025年度, ２０２５年, a name that is a year alone (2025). */
function yearsNamedIn(text: string): number[] {
  const plain = text.normalize('NFKC').trim();
  if (/^(?:19|20|21)\d{2}$/u.test(plain)) return [Number(plain)];
  return [...plain.matchAll(/((?:19|20|21)\d{2})\s*年/gu)].map((match) => Number(match[1]));
}

/**
 * The problems of a workbook read over several sheets one of which is another year's (breaker46-10 S1: a 2026 plan with last
 * year's sheet 2025年 kept beside it took the 2025 tasks as a category of its own): each sheet whose name or title row
 * (`table.sheetTitles`) names a year outside `period` (first…last year of the plan) is refused, naming the sheet and the way
 * on — import the sheet of the plan's year alone (the import page's 工作表（Excel 文件）, `--sheet`), or correct the year. A year
 * `ownTitle` (the plan's title) names too is no other year (整改 of a 2025 evaluation in 2026 names 2025 on every sheet).
 * Empty for CSV, a sheet read alone, or sheets of the plan's years.
 */
export function sheetsOfOtherYearsProblems(table: Pick<Table<string>, 'sheets' | 'sheetTitles'>, period: { readonly first: number; readonly last: number }, ownTitle: string): ImportProblem[] {
  if (table.sheets.length < 2) return [];
  const own = new Set(yearsNamedIn(ownTitle));
  const otherYearOf = (sheet: string): { readonly year: number; readonly where: 'name' | 'title' } | null => {
    for (const [text, where] of [[sheet, 'name'], [table.sheetTitles?.[sheet] ?? '', 'title']] as const) {
      const year = yearsNamedIn(text).find((each) => !own.has(each) && (each < period.first || each > period.last));
      if (year !== undefined) return { year, where };
    }
    return null;
  };
  const others = table.sheets.flatMap((sheet) => {
    const other = otherYearOf(sheet);
    return other === null ? [] : [{ sheet, ...other }];
  });
  if (others.length === 0) return [];
  const fitting = table.sheets.filter((sheet) => !others.some((other) => other.sheet === sheet));
  const years = period.first === period.last ? `${period.first}` : `${period.first}—${period.last}`;
  const pick = fitting.length === 0 ? '' : fitting[0]!;
  return others.map(({ sheet, year, where }) => ({
    row: null,
    sheet,
    reason: `Sheet "${sheet}" is of ${year} (its ${where === 'name' ? 'name' : `title "${table.sheetTitles?.[sheet] ?? ''}"`} says so), not of the plan's ${years}: every sheet of a workbook is imported into the one plan, so its tasks would become this plan's. ${pick === '' ? 'Name the sheet to import' : `To import only this year's sheet, name it ("${pick}")`} in the import page's 工作表（Excel 文件） (CLI: --sheet${pick === '' ? '' : ` ${pick}`}); if the sheet does belong to this plan, correct the year in its name or title. Then import again.`,
    reasonZh: `工作表“${sheet}”是 ${year} 年的（${where === 'name' ? '工作表名称' : `标题“${table.sheetTitles?.[sheet] ?? ''}”`}所示），不是本方案的 ${years} 年：工作簿的各工作表会一并导入同一方案，该表的任务会成为本方案的任务。${pick === '' ? '请指定要导入的工作表' : `如只导入本年度的工作表，请在导入页面的“工作表（Excel 文件）”中填写“${pick}”（命令行 --sheet ${pick}）`}；如该表确属本方案，请改正其名称或标题中的年份。然后重新导入。`,
  }));
}

/**
 * The problem of a row whose 备注 names a unit of the directory (breaker10m P5: 「配合单位：青川市住房和城乡建设局」 in 备注 was
 * dropped, the unit given nothing): a remark assigns no work, so the row is refused naming the unit and where to write it.
 * `unitsColumns` names the row's unit columns in Chinese (牵头单位、配合单位). Null when the remark names no unit.
 */
export function remarkNamingUnitProblem(row: number, remark: string, isUnitName: ((name: string) => boolean) | undefined, unitsColumns: string, sheet?: string): ImportProblem | null {
  if (!isUnitName || remark.trim() === '') return null;
  const unit = unitNamedInRemark(remark, isUnitName);
  if (unit === undefined) return null;
  return {
    row,
    reason: `The remark (备注) "${remark}" names the unit ${unit}, but a remark gives no unit work: write the unit in the ${unitsColumns} column if it takes part, or remove it from the remark.`,
    reasonZh: `备注“${remark}”写有单位“${unit}”，但备注不交办任务：如该单位承担任务，请把它写到${unitsColumns}列中；否则请从备注中删去。`,
    ...(sheet === undefined ? {} : { sheet }),
  };
}

/** The first unit named in the texts (a cell may list several, with 牵头单位： labels), or undefined. */
export function unitNameIn(texts: readonly string[], isUnitName: (name: string) => boolean): string | undefined {
  for (const text of texts) {
    const roles = unitRolesInCell(text);
    const names = roles ? [...roles.lead, ...roles.others] : namesInCell(text);
    // A bare number (1, 2, 010, 1.1) is a row's or item's number, whatever unit code it equals: a 序号 column is numbering, never units
    // (breaker46-10 S2: after a directory coded 1, 2, 10, every 台账 with a 序号 column was refused as naming units).
    const unit = names.find((name) => !/^\d+(?:\.\d+)*$/u.test(name.normalize('NFKC').trim()) && isUnitName(name));
    if (unit !== undefined) return unit;
  }
  return undefined;
}

/**
 * The first unit named with a person after it (`unitsWithoutPeople`: 「青川市教育局：李四」, 「市交通运输局 王五」, 「教育局（李四 138…）」)
 * in the texts, with the cell's name as written; undefined when no name of the texts is a unit once its person is left aside.
 */
function unitWithPersonIn(texts: readonly string[], isUnitName: (name: string) => boolean): { readonly unit: string; readonly written: string } | undefined {
  for (const text of texts) {
    for (const written of namesInCell(text)) {
      const { units, people } = unitsWithoutPeople(written);
      if (people.length > 0 && isUnitName(units)) return { unit: units, written };
    }
  }
  return undefined;
}

/**
 * The table with its unused column `name` read as the column `key` (absent from the table): each record's cell under it
 * (`SourceRecord.others`; blank: null) becomes its `key` cell, the column is no longer unused, and `headers` name it. For a
 * column an import reads by its cells, not its header (a 整改台账's 整改目标 of deadlines). The table as it is when no
 * unused column has that name.
 */
export function withColumnReadAs<Key extends string>(table: Table<Key>, name: string, key: Key): Table<Key> {
  if (!table.unusedColumns.some((column) => column.name === name)) return table;
  return {
    ...table,
    unusedColumns: table.unusedColumns.filter((column) => column.name !== name),
    headers: { ...(table.headers ?? {}), [key]: [name] } as Partial<Record<Key, readonly string[]>>,
    records: table.records.map((record) => {
      const others = (record.others ?? []).filter((other) => other.label !== name);
      const cell = (record.others ?? []).find((other) => other.label === name)?.cell ?? null;
      const { others: _others, ...rest } = record;
      return { ...rest, cells: { ...record.cells, [key]: cell }, ...(others.length === 0 ? {} : { others }) };
    }),
  };
}

/** The other unused columns, by name, for the result to list ("not imported: 备注"). */
export const notImportedColumns = (table: Table<string>): string[] =>
  table.unusedColumns.filter((column) => !column.weighty).map((column) => column.name);

/** The notes of a reading worth telling (the sheet, columns not imported, rows skipped), without empty ones. */
export function readingNotesOf(table: Table<string>, notImported: readonly string[] = notImportedColumns(table)): ReadingNotes {
  // Read over several sheets, the first names the result; a notice lists them all.
  const sheet = table.sheet ?? table.sheets[0] ?? null;
  return {
    ...(sheet === null ? {} : { sheet }),
    ...(notImported.length === 0 ? {} : { notImported }),
    ...(table.notices.length === 0 ? {} : { notices: table.notices }),
    ...((table.hiddenSheets ?? []).length === 0 ? {} : { hiddenSheets: table.hiddenSheets }),
  };
}

/**
 * The records with each unit cell of `keys` read by the directory's rule for a space (`unitSpacesReadByDirectory`, breaker54-10 S2,
 * S3): 「A01 A02（牵头）」 becomes 「A01、A02（牵头）」, so every reader after (roles, marks against a column, the lead of a one-column cell)
 * reads it as the clerk meant — only A02 leads — and the record keeps the cell as written (`SourceRecord.spacedUnits`) for the notice
 * saying who leads. The records as they are without `namesOneUnit`, and each record whose cells read no space so. Pure, given it.
 */
export async function recordsWithUnitSpacesRead<Key extends string>(records: readonly SourceRecord<Key>[], keys: readonly Key[], namesOneUnit: NamesOneUnit | undefined): Promise<SourceRecord<Key>[]> {
  if (!namesOneUnit) return [...records];
  // In slices (`slicer`): 20 000 rows of cells with tens of spaces each are read without holding every other request.
  const pause = slicer();
  const read: SourceRecord<Key>[] = [];
  for (const record of records) {
    await pause();
    read.push(withUnitSpacesRead(record, keys, namesOneUnit));
  }
  return read;
}

/** One record's unit cells read by `unitSpacesReadByDirectory` (`recordsWithUnitSpacesRead`); the record itself when none changes. */
function withUnitSpacesRead<Key extends string>(record: SourceRecord<Key>, keys: readonly Key[], namesOneUnit: NamesOneUnit): SourceRecord<Key> {
  let cells: Partial<Record<Key, Cell>> | undefined;
  let spaced: Partial<Record<Key, string>> | undefined;
  for (const key of keys) {
    const cell = record.cells[key];
    if (cell === undefined || cell === null || typeof cell !== 'string') continue;
    const read = unitSpacesReadByDirectory(cell, namesOneUnit);
    if (read === null) continue;
    cells ??= { ...record.cells };
    spaced ??= { ...(record.spacedUnits ?? {}) };
    cells[key] = read;
    spaced[key] = cell;
  }
  return cells === undefined ? record : { ...record, cells, spacedUnits: spaced! };
}
