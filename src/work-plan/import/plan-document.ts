import { isCalendarDate } from '../../shared/calendar-date.js';
import { calendarDateOf, textOf, namesInCell, type Cell } from '../../spreadsheet/cells.js';
import { sortedProblems, type ImportFormat, type ImportProblem, type ImportResult } from '../../spreadsheet/import-problems.js';
import { entryOf, readTree, recordOfMap, type TreeEntry, type TreeNode } from '../../spreadsheet/tree.js';
import { isNamed, type Columns, type SourceRecord } from '../../spreadsheet/columns.js';
import { readSpreadsheet } from '../../spreadsheet/sheet.js';
import { type FileContent } from '../../spreadsheet/text-file.js';

/*
 * A work plan (分解方案) as a file gives it, in one shape whatever the format: categories (大项) of
 * items (小项), unit names as written. Nothing is checked here but the file's structure; see
 * plan-validation.ts for the rules.
 */

export interface PlanItemRow {
  /** Where the item is in its file: the spreadsheet row, or the YAML/JSON line. */
  readonly row: number;
  readonly code: string;
  readonly title: string;
  readonly description: string;
  /** The lead unit's name (牵头单位) as the file writes it, or its unit code. */
  readonly leadUnit: string;
  readonly responsibleUnits: readonly string[];
  /** `YYYY-MM-DD` when written in a recognised way, otherwise the text as the file has it. */
  readonly dueDate: string;
}

export interface PlanDocumentCategory {
  readonly code: string;
  readonly title: string;
  readonly items: readonly PlanItemRow[];
}

export interface PlanDocument {
  readonly title: string;
  readonly year: number;
  readonly categories: readonly PlanDocumentCategory[];
}

/**
 * CSV and XLSX have no place for the plan's title and year, so the caller passes them (the CLI's
 * `--title` and `--year`). Missing ones default, for every format: the title to the file name
 * without its extension, the year to the year of the first item's due date. In YAML and JSON the
 * document's own `title` and `year` come first.
 */
export interface PlanReadOptions {
  readonly format: ImportFormat;
  readonly fileName?: string;
  readonly title?: string;
  readonly year?: number;
}

// ---------------------------------------------------------------------------------------------
// columns and keys

/** The item's fields, as spreadsheet columns and as YAML/JSON keys. */
export const planItemColumns = {
  code: { label: '编号 (item code)', aliases: ['编号', '事项编号', '小项编号', 'item code', 'code'], required: true },
  title: { label: '事项 (item)', aliases: ['事项', '工作事项', '工作任务', '小项', 'item', 'title', 'item title'], required: true },
  description: {
    label: '内容 (description)',
    aliases: ['内容', '工作内容', '具体内容', '工作要求', 'description'],
    required: false,
  },
  leadUnit: { label: '牵头单位 (lead unit)', aliases: ['牵头单位', 'lead unit', 'lead'], required: true },
  responsibleUnits: {
    label: '责任单位 (responsible units)',
    aliases: ['责任单位', 'responsible units', 'responsible unit', 'responsible'],
    required: false,
  },
  dueDate: {
    label: '完成时限 (due date)',
    aliases: ['完成时限', '完成时间', '截止日期', '截止时间', 'due date', 'deadline'],
    required: true,
  },
} as const satisfies Columns<string>;

/** A spreadsheet row is an item with its category alongside. */
export const planColumns = {
  categoryCode: {
    label: '类别编号 (category code)',
    aliases: ['类别编号', '类别代码', '大项编号', 'category code'],
    required: true,
  },
  categoryTitle: { label: '类别 (category)', aliases: ['类别', '类别名称', '大项', 'category', 'category title'], required: true },
  ...planItemColumns,
} as const satisfies Columns<string>;

type PlanColumn = keyof typeof planColumns;

const PLAN_KEYS = {
  title: ['title', '标题', '名称', '方案名称'],
  year: ['year', '年度', '年份'],
  categories: ['categories', '类别', '大项'],
} as const;
const CATEGORY_KEYS = {
  code: ['code', '编号', '类别编号'],
  title: ['title', '类别', '名称', '类别名称'],
  items: ['items', '事项', '小项'],
} as const;

// ---------------------------------------------------------------------------------------------
// reading

/** A document as far as it could be read, and what is wrong with the file's structure. */
export interface PlanDraft {
  /** Null when the file could not be read as a plan at all. */
  readonly document: PlanDocument | null;
  readonly problems: readonly ImportProblem[];
}

/** A plan file read into a PlanDocument, or every problem with its structure. */
export async function readPlanDocument(
  content: FileContent,
  options: PlanReadOptions,
): Promise<ImportResult<'document', PlanDocument>> {
  const { document, problems } = await readPlanDraft(content, options);
  if (!document || problems.length > 0) return { ok: false, problems: sortedProblems(problems) };
  return { ok: true, document };
}

/** Reads as much as it can, so that validation can still report the rows' own problems. */
export async function readPlanDraft(content: FileContent, options: PlanReadOptions): Promise<PlanDraft> {
  if (options.format === 'csv' || options.format === 'xlsx') {
    const read = await readSpreadsheet(content, options.format, planColumns);
    if (!read.ok) return { document: null, problems: read.problems };
    return draftFrom(read.records, { title: null, year: null }, options, []);
  }
  const read = readTree(content, options.format);
  if (!read.ok) return { document: null, problems: read.problems };
  return draftOfTree(read.tree, options);
}

interface Located<Value> {
  readonly value: Value;
  readonly row: number | null;
}

function draftOfTree(tree: TreeNode, options: PlanReadOptions): PlanDraft {
  if (tree.kind !== 'map') {
    return { document: null, problems: [{ row: tree.line, reason: 'Expected a plan with title, year and categories.' }] };
  }
  const problems: ImportProblem[] = [];
  reportUnknownKeys(tree.entries, PLAN_KEYS, 'the plan', problems);
  const title = entryOf(tree, PLAN_KEYS.title);
  const year = entryOf(tree, PLAN_KEYS.year);
  const categories = entryOf(tree, PLAN_KEYS.categories);
  if (!categories || categories.value.kind !== 'seq') {
    problems.push({ row: categories?.line ?? tree.line, reason: 'The plan needs a list of categories.' });
    return { document: null, problems };
  }

  const records: SourceRecord<PlanColumn>[] = [];
  for (const category of categories.value.items) {
    if (category.kind !== 'map') {
      problems.push({ row: category.line, reason: 'Each category must be a mapping with code, title and items.' });
      continue;
    }
    reportUnknownKeys(category.entries, CATEGORY_KEYS, 'a category', problems);
    const categoryCells = {
      categoryCode: scalarOf(entryOf(category, CATEGORY_KEYS.code), problems),
      categoryTitle: scalarOf(entryOf(category, CATEGORY_KEYS.title), problems),
    };
    const items = entryOf(category, CATEGORY_KEYS.items);
    if (!items || items.value.kind !== 'seq' || items.value.items.length === 0) {
      problems.push({ row: items?.line ?? category.line, reason: `Category ${textOf(categoryCells.categoryCode)} needs a list of items.` });
      continue;
    }
    for (const item of items.value.items) {
      const { record, problems: found } = recordOfMap(item, planItemColumns, 'item');
      problems.push(...found);
      if (record) records.push({ row: record.row, cells: { ...categoryCells, ...record.cells } });
    }
  }
  const located = (entry: TreeEntry | undefined): Located<Cell> | null =>
    entry ? { value: scalarOf(entry, problems), row: entry.line } : null;
  return draftFrom(records, { title: located(title), year: located(year) }, options, problems);
}

function reportUnknownKeys(
  entries: readonly TreeEntry[],
  keys: Readonly<Record<string, readonly string[]>>,
  where: string,
  problems: ImportProblem[],
): void {
  const known = Object.values(keys).flat();
  for (const entry of entries) {
    if (!isNamed(entry.key, known)) {
      problems.push({ row: entry.line, reason: `Unknown field "${entry.key}" in ${where}; expected ${Object.keys(keys).join(', ')}.` });
    }
  }
}

function scalarOf(entry: TreeEntry | undefined, problems: ImportProblem[]): Cell {
  if (!entry) return null;
  if (entry.value.kind === 'scalar') return entry.value.value;
  problems.push({ row: entry.line, reason: `Field "${entry.key}" must be a single value.` });
  return null;
}

/** Groups rows into categories by code, in the order they first appear, and settles title and year. */
function draftFrom(
  records: readonly SourceRecord<PlanColumn>[],
  fields: { title: Located<Cell> | null; year: Located<Cell> | null },
  options: PlanReadOptions,
  earlierProblems: readonly ImportProblem[],
): PlanDraft {
  const problems = [...earlierProblems];
  const categories = new Map<string, { title: string; firstRow: number; items: PlanItemRow[] }>();
  for (const { row, cells } of records) {
    const code = textOf(cells.categoryCode ?? null);
    const title = textOf(cells.categoryTitle ?? null);
    let category = categories.get(code);
    if (!category) {
      category = { title, firstRow: row, items: [] };
      categories.set(code, category);
    } else if (title !== '' && category.title !== '' && title !== category.title) {
      problems.push({
        row,
        reason: `Category ${code} is titled "${title}" here but "${category.title}" on row ${category.firstRow}.`,
      });
    } else if (category.title === '') {
      category.title = title;
    }
    category.items.push({
      row,
      code: textOf(cells.code ?? null),
      title: textOf(cells.title ?? null),
      description: textOf(cells.description ?? null),
      leadUnit: textOf(cells.leadUnit ?? null),
      responsibleUnits: namesInCell(cells.responsibleUnits ?? null),
      dueDate: calendarDateOf(cells.dueDate ?? null),
    });
  }

  const items = [...categories.values()].flatMap((category) => category.items);
  const title = planTitleOf(fields.title, options, problems);
  const year = planYearOf(fields.year, options, items, problems);
  if (items.length === 0) problems.push({ row: null, reason: 'The plan has no items.' });
  return {
    document: {
      title,
      year,
      categories: [...categories].map(([code, category]) => ({ code, title: category.title, items: category.items })),
    },
    problems,
  };
}

function planTitleOf(field: Located<Cell> | null, options: PlanReadOptions, problems: ImportProblem[]): string {
  const fromFileName = options.fileName?.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '').trim();
  const title = textOf(field?.value ?? null) || options.title?.trim() || fromFileName || '';
  if (title === '') problems.push({ row: field?.row ?? null, reason: 'The plan has no title; give one (--title).' });
  if (title.length > 200) problems.push({ row: field?.row ?? null, reason: 'The plan title is longer than 200 characters.' });
  return title;
}

const YEAR = /^(\d{4})\s*(?:年度?)?$/;
const isPlanYear = (year: number): boolean => Number.isInteger(year) && year >= 2000 && year <= 2100;

function planYearOf(
  field: Located<Cell> | null,
  options: PlanReadOptions,
  items: readonly PlanItemRow[],
  problems: ImportProblem[],
): number {
  if (field && textOf(field.value) !== '') {
    const match = YEAR.exec(textOf(field.value));
    const year = match ? Number(match[1]) : NaN;
    if (isPlanYear(year)) return year;
    problems.push({ row: field.row, reason: `The plan year "${textOf(field.value)}" is not a year such as 2026.` });
    return 0;
  }
  if (options.year !== undefined) {
    if (isPlanYear(options.year)) return options.year;
    problems.push({ row: null, reason: `The plan year ${options.year} is not a year such as 2026.` });
    return 0;
  }
  const firstDueDate = items.find((item) => isCalendarDate(item.dueDate))?.dueDate;
  if (firstDueDate) return Number(firstDueDate.slice(0, 4));
  problems.push({ row: null, reason: 'The plan year is unknown; give one (--year).' });
  return 0;
}
