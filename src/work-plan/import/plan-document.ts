import { slicer } from '../../shared/event-loop-turns.js';
import { CLOSING_BRACKETS, OPENING_BRACKETS } from '../../shared/brackets.js';
import { isCalendarDate } from '../../shared/calendar-date.js';
import { chineseNumeralValue, numbersByValue, wordsByValue } from '../../shared/numbers-by-value.js';
import { unreadableLabel, unreadableReasonZh } from '../../shared/readable-text.js';
import { calendarDateOf, markAgainstColumnReason, marksAgainstColumn, textOf, namesByLevel, namesInCell, unitRolesInCell, unitRolesNotice, type Cell, type NamesOneUnit } from '../../spreadsheet/cells.js';
import { countDistinct, fileBeyondLimitsProblem, MAX_FILE_ITEMS, PLAN_FILE_WORDS } from '../../spreadsheet/file-limits.js';
import { daysNamedIn, deadlineTextOf, readDeadline } from '../../spreadsheet/deadline-text.js';
import { droppedColumnProblems, notImportedColumns, readingNotesOf, recordsWithUnitSpacesRead, remarkNamingUnitProblem, sheetsNamedAfterUnitsProblems, sheetsOfOtherYearsProblems, tableBesideProblems } from '../../spreadsheet/records.js';
import { FINISHED_ON_COLUMN_ALIASES, PROGRESS_COLUMN_ALIASES, groupsOf, remarkDeadlineProblem, rowRemarkProblem, withoutChangeMark, type LabelledCell } from '../../spreadsheet/row-remarks.js';
import { sortedProblems, type ImportFormat, type ImportProblem, type ImportResult } from '../../spreadsheet/import-problems.js';
import { say, type Bilingual } from '../../shared/domain-error.js';
import { chineseNamesOf, entryGivenOnce, recordOfMap, type TreeEntry, type TreeNode } from '../../spreadsheet/tree.js';
import { COOPERATING_UNIT_ALIASES, DUE_DATE_ALIASES, GOAL_COLUMN_ALIASES, isNamed, MEASURES_IN_RECTIFICATION_WORDS, type Columns, type SourceRecord } from '../../spreadsheet/columns.js';
import { readSpreadsheetOffThread, readTreeOffThread } from '../../spreadsheet/sheet-off-thread.js';
import { isAttachmentLabel, isSummarySheet, sectionOfText, withoutAttachmentLabel, type Table } from '../../spreadsheet/sheet.js';
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
  /** 工作措施 / 整改措施 as the file writes them; '' when none. */
  readonly measures: string;
  /** The lead unit's name (牵头单位) as the file writes it, or its unit code. */
  readonly leadUnit: string;
  readonly responsibleUnits: readonly string[];
  /** `YYYY-MM-DD` when written in a recognised way, otherwise the text as the file has it. */
  readonly dueDate: string;
  /** The 完成时限 cell was refused as it was read (a year.month number whose month cannot be told, 2027.1): validation says no more of it. */
  readonly dueDateRefused?: true;
  /** The XLSX sheet of the row, when the plan was read over several sheets. */
  readonly sheet?: string;
  /** The lead is the first name of a one-column 责任单位 (no 牵头单位 column): 「A与B」 there is A leading, B responsible. */
  readonly leadFirstOfUnits?: true;
  /**
   * The lead is written per level — 牵头单位 over 市级 | 区县, or 「市级：A；区县：各区县政府」 in the cell: every level's units lead, each its
   * own level's work, a collective name (各区县政府) included (session 35, import10e).
   */
  readonly leadByLevel?: true;
  /** The 完成时限 cell shows a month and day without a year (`m"月"d"日"`): `dueDate` is its stored date until the plan's year reads it (breaker10r P25). */
  readonly dueDateShown?: DayWithoutYear;
  /**
   * Rows continuing the item (its 序号 and 事项 merged down over them, or left blank in CSV), each
   * naming more responsible units with a due date of their own (blank: the item's) — breaker10 F19.
   */
  readonly continuations?: readonly PlanItemContinuation[];
}

/** A row that continues the item above: more units, due on the row's own date. */
export interface PlanItemContinuation {
  readonly row: number;
  readonly responsibleUnits: readonly string[];
  /** As `PlanItemRow.dueDate`; '' for the item's. */
  readonly dueDate: string;
  /** As `PlanItemRow.dueDateRefused`. */
  readonly dueDateRefused?: true;
  /** The 牵头单位 cell of the row: blank, or the item's lead repeated by a merged cell. */
  readonly leadUnit: string;
  /** The 牵头单位 cell is the item's, merged down over this row: the lead leads the row's work too (breaker10q P7). */
  readonly leadMergedDown?: true;
  /** As `PlanItemRow.dueDateShown`. */
  readonly dueDateShown?: DayWithoutYear;
}

/** An XLSX date cell shown as month and day only (`SourceRecord.withoutYear`): 6月30日, its stored day 2025-06-30, cell E3. */
export interface DayWithoutYear {
  readonly text: string;
  readonly stored: string;
  readonly cell: string;
}

export interface PlanDocumentCategory {
  readonly code: string;
  readonly title: string;
  readonly items: readonly PlanItemRow[];
}

export interface PlanDocument {
  readonly title: string;
  readonly year: number;
  /** The last year of a plan over several years (its title's （2026—2028年）, a span given as its year): after `year`; absent for a year's plan. */
  readonly lastYear?: number;
  readonly categories: readonly PlanDocumentCategory[];
  /**
   * The title as the sheet's title row or the file's name wrote it, when `title` is it without a version remark
   * (`青川市2026年政务公开工作要点-修改` → `青川市2026年政务公开工作要点`): a refusal says which plan the file was read as. Absent otherwise.
   */
  readonly writtenTitle?: string;
  /**
   * Item fields the table has no column for (内容, 措施 — Rectify's own export, or an office's version
   * without 具体内容; `responsibleUnitIds` when it has 牵头单位 but neither 责任单位 nor 配合单位): a new version read from it keeps each item's as it stands, never empties it
   * (breaker10e P3, breaker10s P2); for YAML/JSON, a key no item has. Absent when every field is given.
   */
  readonly absentFields?: readonly AbsentField[];
  /**
   * Rectify's own export: one row per part, each with that part's own due date (an extension
   * granted to one unit is on its row only), so an item's first row dates its lead's part, not the
   * item (breaker10f P7). Absent otherwise: a plain file's first row dates the item.
   */
  readonly datesPerPart?: true;
  /**
   * Rectify's own export, the reading its title row names (`…进展（截至 2026-11-10，含事后补录的记录）`): the
   * office day shown (`asOf`) and, for a record-time reading, the instant (`knownAt`, ISO UTC) — a
   * new version read from it is refused when the plan changed after that (breaker10g P22). Absent
   * for any other file, and for an export without a title row (CSVs downloaded before 2026-12-01).
   */
  readonly exportedAs?: ExportReading;
  /**
   * Rectify's own export whose every row is one unit's part (its 责任单位 cells all name that unit): a unit's own download,
   * title row or not, unless the plan has no other unit (breaker10h P11, judged against the plan on import).
   */
  readonly rowsOfOneUnit?: true;
  /** A flat task list (no 类别 column, no section rows, no 大项 sheet name): its one category is 「一 未分类」, no 大项 of the office's (breaker10r P11). */
  readonly uncategorised?: true;
}

/** The reading an exported file shows: the office day and, with a record-time cut, the instant (ISO UTC). */
export interface ExportReading {
  readonly asOf: string;
  readonly knownAt: string | null;
  /** A reading of everything entered: the instant (ISO UTC, to the millisecond) of the latest record it shows (breaker10h P1). */
  readonly recordedThrough?: string;
}

/** An item field a file may leave out altogether. */
export type AbsentField = 'description' | 'measures' | 'responsibleUnitIds' | 'leadUnitIds' | 'dueDate';

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
  /** The last year of a plan over several years (`--year 2026-2028`, `lastYear`): after `year`, at most ten years on. */
  readonly lastYear?: number;
  /** The plans imported so far: a file naming one by its title and saying no period is read with that plan's (`knownPeriodOf`). */
  readonly knownPlans?: readonly KnownPlanPeriod[];
  /** The XLSX sheet to read (`--sheet`); the first visible one when absent. */
  readonly sheet?: string;
  /**
   * A version of an imported plan may leave out the 完成时限 column: read without it, each item's due date left '' and `dueDate`
   * in `absentFields` — the import keeps each item's as it stands, and refuses a new plan or a new item without one (issue 10:
   * a missing column is no change to its field). Absent: the column is required, as for any new plan.
   */
  readonly dueDatesMayBeAbsent?: boolean;
  /**
   * Whether a text names a unit of the directory (or a collective name): a column whose cells do is
   * used or refused whatever its header (`droppedColumnProblems`). Absent: headers alone decide.
   */
  readonly isUnitName?: (name: string) => boolean;
  /** The ids of the one unit of the directory a text names; empty for none or a collective name (`sheetsNamedAfterUnitsProblems`). */
  readonly unitIdsOf?: (name: string) => readonly string[];
  /** Whether the directory knows a text as one unit's name: its unit cells' spaces are read by it (`recordsWithUnitSpacesRead`). Absent: by the look. */
  readonly namesOneUnit?: NamesOneUnit;
}

// ---------------------------------------------------------------------------------------------
// columns and keys

/**
 * The item's fields, as spreadsheet columns and as YAML/JSON keys: the header dictionary of a
 * plan (README, "Header dictionary"). 牵头单位, 配合单位, 协办单位 and 参与单位 all name units; a
 * file with only 责任单位 (or 责任科室) lists the lead unit first.
 */
export const planItemColumns = {
  code: {
    label: '编号 (item code)',
    aliases: ['编号', '事项编号', '小项编号', '任务编号', 'item code', 'code'],
    fallbackAliases: ['序号', 'no', 'no.'],
    required: true,
    asShown: true,
  },
  title: {
    label: '事项 (item)',
    // 整改任务 / 整改事项: the task column of a 整改任务分解方案 (newcomer36 S4: refused 「缺少“事项”列」).
    aliases: ['事项', '工作事项', '工作任务', '主要任务', '重点任务', '具体任务', '任务', '任务名称', '小项', '具体事项', '任务事项', '具体工作', '整改任务', '整改事项', '整改项目', 'item', 'title', 'item title', 'task'],
    required: true,
    names: true,
    leftOfTwoIs: 'categoryTitle',
  },
  description: {
    label: '内容 (description)',
    aliases: ['内容', '工作内容', '具体内容', '主要内容', '具体要求', '工作要求', '任务要求', 'description', 'requirements'],
    required: false,
    lines: true,
  },
  measures: {
    label: '措施 (measures)',
    aliases: ['工作措施', '整改措施', '具体措施', '主要措施', '推进措施', '措施', '工作举措', '整改举措', '具体举措', '主要举措', '推进举措', '举措', 'measures', ...MEASURES_IN_RECTIFICATION_WORDS.aliases],
    fallbackAliases: MEASURES_IN_RECTIFICATION_WORDS.fallbackAliases,
    required: false,
    lines: true,
  },
  leadUnit: {
    label: '牵头单位 (lead unit)',
    // 牵头责任单位 / 主办单位: the lead, as 任务分工 tables head it (breaker10i P9).
    aliases: ['牵头单位', '牵头部门', '牵头科室', '牵头处室', '主责单位', '主责部门', '牵头责任单位', '牵头责任部门', '牵头负责单位', '主办单位', '主办部门', 'lead unit', 'lead'],
    required: true,
    // 责任单位 lists the lead first; 配合单位 / 协同单位 never lead: a file with only those is refused (breaker10i P9).
    orInstead: ['responsibleUnits'],
    neverInstead: ['cooperatingUnits'],
    units: 'lead',
  },
  responsibleUnits: {
    label: '责任单位 (responsible units)',
    aliases: [
      '责任单位', '责任部门', '责任科室', '责任处室',
      // Headers without 单位 that published 任务分工 tables use for the same units (breaker10d P28).
      '责任主体', '落实主体', '整改主体', '实施主体', '工作主体', '责任方', '责任分工', '职责分工', '任务分工', '分工',
      'responsible units', 'responsible unit', 'responsible',
    ],
    several: true,
    required: false,
    units: 'others',
  },
  // Responsible units that never lead; read into responsibleUnits after the lead is known (`withCooperatingUnits`).
  cooperatingUnits: { label: '配合单位 (cooperating units)', aliases: COOPERATING_UNIT_ALIASES, several: true, required: false, units: 'others' },
  dueDate: {
    label: '完成时限 (due date)',
    // The headers offices give it (计划完成, 完成节点, 预计完成时间 …: breaker10m P4), shared with the 整改台账.
    aliases: DUE_DATE_ALIASES,
    days: true,
    required: true,
    // A plan whose deadlines stand under 工作目标 only, every cell a deadline (issue 10).
    orDeadlinesUnder: GOAL_COLUMN_ALIASES,
  },
} as const satisfies Columns<string>;

/**
 * A spreadsheet row is an item with its category alongside, in columns, or under a section row
 * (一、…) when the sheet has no category column.
 */
export const planColumns = {
  categoryCode: {
    label: '类别编号 (category code)',
    aliases: ['类别编号', '类别代码', '大项编号', 'category code'],
    required: false,
    asShown: true,
  },
  categoryTitle: { label: '类别 (category)', aliases: ['类别', '类别名称', '大项', '任务类别', 'category', 'category title'], required: false },
  ...planItemColumns,
  // Read only for what a remark says about its row (已完成, 已取消, 移至…: breaker10e P11); still listed as not imported.
  remarks: { label: '备注 (remarks)', aliases: ['备注', '备注说明', '附注', 'remarks', 'remark', 'note', 'notes'], required: false },
  // Read only in Rectify's own export, for its 已撤销 rows (breaker11f P9's rows, breaker10e P3); still listed as not imported.
  status: { label: '状态 (status)', aliases: ['状态', 'status'], required: false },
  // 完成情况 / 是否完成 and 实际完成时间: read only for what they say about the row, like 备注 (breaker10i P10); listed as not imported.
  progress: { label: '完成情况 (progress)', aliases: PROGRESS_COLUMN_ALIASES, several: true, required: false },
  finishedOn: { label: '实际完成时间 (finished on)', aliases: FINISHED_ON_COLUMN_ALIASES, several: true, required: false },
} as const satisfies Columns<string>;

type PlanColumn = keyof typeof planColumns;

/** The one category of a plan whose file has none (a flat 重点任务清单). */
const UNCATEGORISED = { code: '一', title: '未分类' } as const;

/**
 * Said of a flat task list (no 类别 column, no section rows, no 大项 sheet name): its items are in one category. A new version of a
 * plan that has 大项 keeps them instead and says so in its place (`withStandingCategories`, breaker10r P11).
 */
export const FLAT_LIST_NOTICE: ImportProblem = {
  row: null,
  reason: `No 类别 column and no section rows (一、…): every item is in one category, ${UNCATEGORISED.code} ${UNCATEGORISED.title}.`,
  reasonZh: `文件没有“类别”列，也没有分节行（一、……）：全部事项归入一个类别“${UNCATEGORISED.code} ${UNCATEGORISED.title}”。`,
};

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
/** What each of PLAN_KEYS and CATEGORY_KEYS gives, for a field written twice: 「中文 (English)」 as a column's label, `labelZh` keeping the Chinese. */
const PLAN_KEY_LABELS = { title: '标题 (title)', year: '年度 (year)', categories: '类别列表 (categories)' } as const;
const CATEGORY_KEY_LABELS = { code: '类别编号 (category code)', title: '类别名称 (category title)', items: '事项列表 (items)' } as const;

// ---------------------------------------------------------------------------------------------
// reading

/** A document as far as it could be read, and what is wrong with the file's structure. */
export interface PlanDraft {
  /** Null when the file could not be read as a plan at all. */
  readonly document: PlanDocument | null;
  readonly problems: readonly ImportProblem[];
  /** The XLSX sheet read, for every message to name it. */
  readonly sheet?: string | null;
  /** The XLSX sheets read, when more than one was: each problem then names its own sheet (P7), and a refusal hints at --sheet. */
  readonly sheets?: readonly string[];
  /** Columns of the sheet the plan does not use (备注 …), and rows skipped on purpose (footnotes). */
  readonly notImported?: readonly string[];
  readonly notices?: readonly ImportProblem[];
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

/** Columns only Rectify's own work-plan export has (src/exports/export-table.ts WORK_PLAN_COLUMNS), with 状态: together they say the file is that export. */
const EXPORT_SIGNATURE = '红黄绿灯';
/** The export's columns that record progress in the app, not what a plan import records. */
const EXPORT_PROGRESS_COLUMNS: readonly string[] = ['状态', '报告日期', '进展情况', '督查结果', '退回情况', '红黄绿灯', '销号日期'];

/**
 * The progress columns of Rectify's own work-plan export a table holds, in the export's order (`EXPORT_PROGRESS_COLUMNS`): the columns
 * no plan reads, and 状态 (`hasStatus`), 进展情况 and 销号日期, read from the export as the app's record only.
 */
function exportProgressColumns(table: Table<PlanColumn>, hasStatus: boolean): string[] {
  const present = new Set([...table.unusedColumns.map((column) => column.name), ...(table.headers?.progress ?? []), ...(table.headers?.finishedOn ?? []), ...(hasStatus ? ['状态'] : [])]);
  return EXPORT_PROGRESS_COLUMNS.filter((name) => present.has(name));
}

/**
 * Rectify's own 工作方案进展 export read as the plan it shows (breaker10e P3): its 序号 numbers rows,
 * not items; 工作事项 is `code title` and 类别 `code title`; each part is a row (the item's rows
 * continue it, each naming its unit under 责任单位, the lead's own row too); its progress columns
 * (状态, 报告日期 …) are the app's record and are not imported, said once. Its title row
 * (`…进展（截至 …）`) names the plan without the 进展 words. Any other table is returned as it is.
 */
function fromOwnExport(table: Table<PlanColumn>): { table: Table<PlanColumn>; exportNotice: ImportProblem[]; unitRows?: ImportProblem; reading?: ExportReading; oneUnit?: true; period?: string } {
  const names = new Set(table.unusedColumns.map((column) => column.name));
  const hasStatus = table.records.some((record) => 'status' in record.cells);
  // The title row alone does not say so: an office's own table is often titled `…进展（截至11月30日）` (breaker10j P10); the rows
  // must agree, at least half of them `code title` (a row the clerk added to the export may lack the code).
  const coded = table.records.filter((record) => codedTitle(textOf(record.cells.title ?? null)) !== null).length;
  const titled = EXPORT_TITLE.test(table.title ?? '') && coded > 0 && coded * 2 >= table.records.length;
  if (!(names.has(EXPORT_SIGNATURE) && hasStatus) && !titled && !hasExportShape(table.records)) return { table, exportNotice: [] };
  // A unit's own download (`…进展（青川市财政局的任务，截至 …）`) holds its rows only: never a version of the plan (breaker10f P8).
  // Downloads from before the title said so: every row one unit's part, under items other units lead.
  const partUnits = new Set(table.records.map((record) => textOf(record.cells.responsibleUnits ?? null)));
  const [onlyUnit] = partUnits;
  const othersLead = table.records.some((record) => !namesInCell(record.cells.leadUnit ?? null).includes(onlyUnit ?? ''));
  const unitName = EXPORT_TITLE.exec(table.title ?? '')?.groups?.['unit'] ?? (partUnits.size === 1 && onlyUnit && othersLead ? onlyUnit : undefined);
  const unitRows = unitName === undefined ? undefined : unitDownloadProblem(unitName);
  // 进展情况 is read as a progress column in an office's file; in the export it is the app's record, like the others.
  const order = (name: string) => EXPORT_PROGRESS_COLUMNS.indexOf(name);
  const progress = [
    ...(hasStatus ? ['状态'] : []),
    ...[...table.unusedColumns.map((column) => column.name), ...(table.headers?.progress ?? []), ...(table.headers?.finishedOn ?? [])].filter((name) => name !== '状态' && order(name) >= 0).sort((a, b) => order(a) - order(b)),
  ];
  // A withdrawn item's rows (已撤销（day：reason）) are the record of it, not an item of the plan: not imported, said per row.
  const withdrawnNotices: ImportProblem[] = [];
  const kept = table.records.filter((record) => {
    const status = textOf(record.cells.status ?? null);
    if (!status.startsWith('已撤销')) return true;
    withdrawnNotices.push({
      row: record.row,
      reason: `Row of a withdrawn item (${status}): not imported.`,
      reasonZh: `该行是已撤销的事项（${status}）：不导入。`,
      ...(record.sheet === undefined ? {} : { sheet: record.sheet }),
    });
    return false;
  });
  // `code title`, as the export writes it; a category whose code is its title (a plain file's 类别 cell, `一 决策公开`)
  // is written `一 决策公开 一 决策公开`: both halves, never code 一 and title `决策公开 一 决策公开` (breaker10g P2).
  const split = (text: string): [string, string] => {
    const half = (text.length - 1) / 2;
    if (Number.isInteger(half) && half > 0 && text[half] === ' ' && text.slice(0, half) === text.slice(half + 1)) return [text.slice(0, half), text.slice(0, half)];
    const at = text.indexOf(' ');
    return at > 0 ? [text.slice(0, at), text.slice(at + 1).trim()] : ['', text];
  };
  const records = kept.map((record) => {
    const { code: _rowNumber, title, categoryTitle, responsibleUnits, leadUnit, dueDate, status: _status, progress: _progress, finishedOn: _finishedOn, ...rest } = record.cells;
    // 2026-03-31（每季度）: a recurring part at the period it has reached — 每季度, as the plan has it.
    const due = textOf(dueDate ?? null).replace(/^\d{4}-\d{2}-\d{2}\s*[（(](每月|每季度|每半年|每年)[）)]$/u, '$1');
    const [itemCode, itemTitle] = split(textOf(title ?? null));
    const [categoryCode, category] = split(textOf(categoryTitle ?? null));
    // The lead's own row names the lead under 责任单位: it leads, named once.
    const leads = namesInCell(leadUnit ?? null);
    const others = namesInCell(responsibleUnits ?? null).filter((name) => !leads.includes(name));
    return {
      ...record,
      cells: { ...rest, leadUnit: leadUnit ?? null, code: itemCode, title: itemTitle, categoryCode, categoryTitle: category, responsibleUnits: others.join('、'), ...(dueDate === undefined ? {} : { dueDate: due === textOf(dueDate) ? dueDate : due }) },
    };
  });
  const exportNotice: ImportProblem[] = [
    progress.length > 0
      ? {
          row: null,
          reason: `This file is Rectify's own work-plan export: its progress columns (${progress.join(', ')}) are the app's record and are not imported; 序号 numbers its rows, each item's code is the one before its title.`,
          reasonZh: `本文件是本系统导出的工作方案进展表：${progress.join('、')}等进展列是系统中的记录，不导入；“序号”是行号，事项编号取“工作事项”中标题前的编号。`,
        }
      : {
          row: null,
          reason: `This file is Rectify's own work-plan export (its ${EXPORT_TITLE.test(table.title ?? '') ? 'title row' : 'rows: 序号 numbering rows, one part a row, 工作事项 as code and title'} say so), its progress columns deleted: read as that export; 序号 numbers its rows, each item's code is the one before its title.`,
          reasonZh: `本文件是本系统导出的工作方案进展表（${EXPORT_TITLE.test(table.title ?? '') ? '见第一行的标题' : '“序号”为行号、每个单位一行、“工作事项”为编号加标题'}），进展列已删去：按该导出表读取；“序号”是行号，事项编号取“工作事项”中标题前的编号。`,
        },
    ...withdrawnNotices,
  ];
  return {
    table: {
      ...table,
      title: table.title?.replace(EXPORT_TITLE, '') ?? null,
      records,
      unusedColumns: table.unusedColumns.map((column) => (progress.includes(column.name) ? { ...column, weighty: false, appRecord: true as const } : column)),
    },
    exportNotice,
    ...(unitRows ? { unitRows } : {}),
    ...readingOfTitle(table.title),
    // The period its title says (2026—2028: a plan over several years whose title does not name its years) is the plan's.
    ...(EXPORT_TITLE.exec(table.title ?? '')?.groups?.['period'] ? { period: EXPORT_TITLE.exec(table.title ?? '')!.groups!['period']! } : {}),
    ...(partUnits.size === 1 && onlyUnit ? { oneUnit: true as const } : {}),
  };
}

/**
 * Whether rows are laid out as Rectify's own work-plan export, whatever columns and rows were deleted (breaker10i P1: a clerk who
 * deletes the progress columns — 状态, 红黄绿灯 … — before editing, as a tidy-up, left an old export or a unit's download
 * read as a plain file, and taken as a new version; breaker10j P1: one part row deleted too, or 序号 renumbered, did the same):
 * each 工作事项 cell is `code title` (`codedTitle`), each row names one unit under 责任单位, and an item's rows include its
 * lead's own (责任单位 = 牵头单位) — the export writes every part as a row, the lead's too; an office's own file does not.
 * 序号, when there, holds row numbers (positive whole numbers, or nothing), in any order and with gaps: rows deleted, sorted
 * in Excel, or renumbered by item. An item whose lead's row was deleted is still the export's as long as another item has its own.
 */
function hasExportShape(records: readonly SourceRecord<PlanColumn>[]): boolean {
  if (records.length === 0) return false;
  if (!records.every((record) => /^(?:[1-9]\d*)?$/u.test(textOf(record.cells.code ?? null).normalize('NFKC').trim()))) return false;
  const leadsOwnRow = new Map<string, boolean>();
  for (const record of records) {
    const item = textOf(record.cells.title ?? null);
    const units = namesInCell(record.cells.responsibleUnits ?? null);
    if (codedTitle(item) === null || units.length !== 1) return false;
    leadsOwnRow.set(item, (leadsOwnRow.get(item) ?? false) || namesInCell(record.cells.leadUnit ?? null).includes(units[0]!));
  }
  return [...leadsOwnRow.values()].some(Boolean);
}

/**
 * A 工作事项 cell as the export writes it, `code title` (`2 完善政策解读机制`, `1.2 推进…`, `一.3 …`): the code and the
 * title; null when the cell does not start with an item code and one space. A code is at most 12 characters of digits,
 * letters, Chinese numerals and `.-．`, with a digit or numeral in it — never a word (`2026年 开展…` is a title).
 */
export function codedTitle(cell: string): { readonly code: string; readonly title: string } | null {
  const match = /^([0-9０-９A-Za-zＡ-Ｚａ-ｚ一二三四五六七八九十百〇零]+(?:[.．\-－][0-9０-９A-Za-zＡ-Ｚａ-ｚ一二三四五六七八九十百〇零]+)*) (\S.*)$/u.exec(cell);
  if (!match || match[1]!.length > 12 || !/[0-9０-９一二三四五六七八九十百〇零]/u.test(match[1]!)) return null;
  return { code: match[1]!, title: match[2]!.trim() };
}

/** A unit's own download of the work plan offered as the plan: refused, naming the unit (breaker10f P8, breaker10h P11). */
export function unitDownloadProblem(unitName: string): ImportProblem {
  return {
    row: null,
    reason: `This file is ${unitName}'s own download of the work plan: it holds that unit's rows only, not the plan. Imported as the plan (or a new version of it) it would drop every other unit's items and parts. Import the whole plan's export (downloaded by the supervising office), or the plan's own file.`,
    reasonZh: `本文件是${unitName}下载的本单位任务进展表，只含该单位的行，不是整份工作方案：按方案（或新版本）导入会撤销其他单位的事项和任务。请导入督办人员下载的整份方案进展表，或方案原文件。`,
  };
}

/**
 * The reading an export's title names: `…进展（截至 2026-11-10，含事后补录的记录）` → 2026-11-10;
 * `…（截至 2016-06-13，按北京时间 2026-11-30 18:31:00 前已录入的记录）` → also 2026-11-30T10:31:00.000Z;
 * `…（截至 2026-12-01，含事后补录的记录，已录入至北京时间 2026-12-01 09:14:05.123）` → also 2026-12-01T01:14:05.123Z,
 * the latest record it shows: what was entered after is not in it, whatever its day (breaker10h P1).
 */
function readingOfTitle(title: string | null): { reading?: ExportReading } {
  const words = EXPORT_TITLE.exec(title ?? '')?.[0] ?? '';
  const asOf = /截至\s*(\d{4}-\d{2}-\d{2})/u.exec(words)?.[1];
  if (asOf === undefined) return {};
  const instantAfter = (label: string): string | null => {
    const clock = new RegExp(`${label}\\s*(\\d{4}-\\d{2}-\\d{2})\\s+(\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,3})?)`, 'u').exec(words);
    const instant = clock ? Date.parse(`${clock[1]}T${clock[2]}+08:00`) : Number.NaN;
    return Number.isNaN(instant) ? null : new Date(instant).toISOString();
  };
  const recordedThrough = instantAfter('录入至北京时间');
  return { reading: { asOf, knownAt: instantAfter('按北京时间'), ...(recordedThrough === null ? {} : { recordedThrough }) } };
}

/**
 * The export's title words after the plan's title: `进展（截至 …）`, a unit's download `进展（青川市财政局的任务，截至 …）` (the
 * unit's name captured), a plan over several years whose title does not name them `进展（2026—2028年，截至 …）` (its period captured).
 */
const EXPORT_TITLE = /进展[（(](?:(?<period>(?:19|20|21)\d{2}—(?:19|20|21)\d{2})年[，,])?(?:(?<unit>[^，,（）()]+?)的任务[，,])?截至[^）)]*[）)]$/u;

/**
 * The most items one plan file may hold (`MAX_FILE_ITEMS`, src/spreadsheet/file-limits.ts). A 工作方案 or 任务分解方案 has tens to a
 * few hundred items; checking and deciding tens of thousands of rows held the server's other requests for seconds (breaker51-10 S7).
 * Items are counted, not rows: the plan's own export writes a row per unit (breaker52-10 M2: a 5 000-item plan's 10 000-row export
 * was refused as 「10000 行事项」). (It was `MAX_PLAN_ROWS`.)
 */
export const MAX_PLAN_ITEMS = MAX_FILE_ITEMS;

/**
 * The items a plan table's records name: one per distinct category (code, title, section rows, sheet) and item (code, title); a row of
 * an item's further unit (the export's layout, or an office's row per unit) is the same item. Pure, O(rows).
 */
function planItemCount(records: readonly SourceRecord<PlanColumn>[]): number {
  return countDistinct(records, (record) => {
    const item = `${textOf(record.cells.code ?? null)}\u0000${textOf(record.cells.title ?? null)}`;
    if (item === '\u0000') return '';
    const sections = (record.sections ?? []).map((section) => JSON.stringify(section)).join('\u0001');
    return `${record.sheet ?? ''}\u0000${sections}\u0000${textOf(record.cells.categoryCode ?? null)}\u0000${textOf(record.cells.categoryTitle ?? null)}\u0000${item}`;
  });
}

/** Reads as much as it can, so that validation can still report the rows' own problems. */
export async function readPlanDraft(content: FileContent, options: PlanReadOptions): Promise<PlanDraft> {
  if (options.format === 'csv' || options.format === 'xlsx') {
    const columns = options.dueDatesMayBeAbsent ? { ...planColumns, dueDate: { ...planColumns.dueDate, required: false } } : planColumns;
    const read = await readSpreadsheetOffThread(content, options.format, columns, { sheet: options.sheet });
    // Rows refused as read (an unexplained mark, an error value) are checked with the others: one refusal says all (issue 10).
    const beside = tableBesideProblems(read);
    if (!read.ok && !beside) return { document: null, problems: read.problems, ...((read.sheets ?? []).length > 1 ? { sheets: read.sheets } : read.sheet ? { sheet: read.sheet } : {}) };
    const readTable = read.ok ? read.table : beside!.table;
    // Rows first (a file of 100 000 rows is not even read as the export), then items: each said at once, before any row is checked.
    const tooManyRows = fileBeyondLimitsProblem(readTable.records.length, 0, PLAN_FILE_WORDS);
    if (tooManyRows) return { document: null, problems: [tooManyRows], ...(read.sheet ? { sheet: read.sheet } : {}) };
    const readingProblems = beside?.problems ?? [];
    const { table, exportNotice, unitRows, reading, oneUnit, period } = fromOwnExport(readTable);
    const tooMany = fileBeyondLimitsProblem(table.records.length, planItemCount(table.records), PLAN_FILE_WORDS);
    if (tooMany) return { document: null, problems: [tooMany], ...(read.sheet ? { sheet: read.sheet } : {}) };
    if (unitRows) return { document: null, problems: [...readingProblems, unitRows], ...(read.sheet ? { sheet: read.sheet } : {}) };
    const dropped = droppedColumnProblems(table, {
      en: 'a plan item has a lead unit, responsible units, one due date, a description (具体要求) and measures (工作措施); rename the column to one of these or remove it',
      zh: '工作事项只有牵头单位、责任单位、完成时限、具体要求和工作措施；请把该列改名为其中之一，或删去该列',
      deadlineHeader: '完成时限',
      ...(table.headers?.dueDate?.[0] === undefined ? {} : { deadlinesReadFrom: table.headers.dueDate[0] }),
    }, options.isUnitName);
    // A flat task list (重点任务清单, 任务分工: no 类别 column, no section rows) is one category, said in a notice (breaker10 F6).
    const categorised = (record: SourceRecord<PlanColumn>) => record.cells.categoryTitle !== undefined || (record.sections ?? []).length > 0 || record.sheet !== undefined;
    const flat = table.records.length > 0 && !table.records.some(categorised);
    // One 大项 sheet read alone (picked, or the others hidden) keeps the 大项 its name gives: 二、政策解读 (breaker10c P15, P22).
    const bySheetName = flat && table.sheet !== null ? sectionOfText(table.sheet) : null;
    const uncategorised = { level: 1 as const, ...(bySheetName ?? UNCATEGORISED), row: table.headerRow };
    const records = flat ? table.records.map((record) => ({ ...record, sections: [uncategorised] })) : table.records;
    const flatNotice: ImportProblem[] = bySheetName
      ? [
          {
            row: null,
            reason: `No 类别 column and no section rows: every item is in the category the sheet's name gives, ${bySheetName.code} ${bySheetName.title}.`,
            reasonZh: `文件没有“类别”列，也没有分节行：全部事项归入工作表名称所示的大项“${bySheetName.code}、${bySheetName.title}”。`,
          },
        ]
      : flat
      ? [FLAT_LIST_NOTICE]
      : [];
    const once = withoutRepeatedRows(records);
    const labels = {
      progress: (table.headers?.progress ?? []).join('、') || '完成情况',
      finishedOn: (table.headers?.finishedOn ?? []).join('、') || '实际完成时间',
      status: (table.headers?.status ?? []).join('、') || '状态',
      remarks: (table.headers?.remarks ?? []).join('、') || '备注',
    };
    // 「A01 A02（牵头）」: a space between units the directory knows read as 、 (breaker54-10 S2), before any reader of roles.
    const laidOut = fromLayout(await recordsWithUnitSpacesRead(once.records, PLAN_UNIT_KEYS, options.namesOneUnit));
    // A sheet named after a unit (one sheet per lead unit) whose rows another unit leads: refused, never the unit a category (breaker10o P18).
    const unitSheets = sheetsNamedAfterUnitsProblems(laidOut, options.unitIdsOf, (record) => namesInCell(record.cells.leadUnit ?? null), '牵头单位');
    const draft = await draftFrom(
      laidOut,
      { title: null, year: period === undefined ? null : { value: period, row: null } },
      { ...options, sheetTitle: table.title, labels, tableSheet: table.sheet, exported: exportNotice.length > 0 },
      [...readingProblems, ...dropped, ...once.problems, ...unitSheets],
    );
    const { notices: numbering = [], ...draftedRead } = draft;
    // Sheets of another year than the plan's, read into it silently before (breaker46-10 S1).
    const otherYears = draftedRead.document && draftedRead.document.year > 0 ? sheetsOfOtherYearsProblems(table, { first: draftedRead.document.year, last: draftedRead.document.lastYear ?? draftedRead.document.year }, draftedRead.document.writtenTitle ?? draftedRead.document.title) : [];
    const drafted = otherYears.length === 0 ? draftedRead : { ...draftedRead, problems: [...draftedRead.problems, ...otherYears] };
    // 备注 is read for what it says about its row only: the result still lists it as not imported, last, where offices put it.
    const remarksColumn = records.some((record) => 'remarks' in record.cells) ? ['备注'] : [];
    // 状态 likewise (read only in Rectify's own export, whose notice names it).
    const statusColumn = exportNotice.length === 0 && readTable.records.some((record) => 'status' in record.cells) ? ['状态'] : [];
    // 完成情况 and 实际完成时间 likewise (the export's 进展情况 is in its notice).
    const progressColumns = exportNotice.length === 0 ? [...(table.headers?.progress ?? []), ...(table.headers?.finishedOn ?? [])] : [];
    // Rectify's own export lists every progress column its notice names, in the export's order — 状态, 进展情况 and 销号日期 too, read
    // as the app's record only (newcomer45-10 M6: they were left out, while the 整改台账 export's list had them).
    const exportColumns = exportNotice.length === 0 ? [] : exportProgressColumns(table, readTable.records.some((record) => 'status' in record.cells));
    const notes = readingNotesOf(table, [...new Set([...exportColumns, ...statusColumn, ...notImportedColumns(table), ...progressColumns, ...remarksColumn])]);
    const notices = [...exportNotice, ...flatNotice, ...(notes.notices ?? []), ...once.notices, ...numbering];
    // A file with no 内容 (or no 措施) column — Rectify's own export, or any office's version without 具体内容 — says nothing
    // about them: a new version read from it keeps each item's, never empties it (breaker10e P3, breaker10s P2). Only a
    // present but empty cell clears.
    const absent = absentFieldsOf(table.records, options.dueDatesMayBeAbsent === true);
    const document =
      drafted.document && exportNotice.length > 0 ? { ...drafted.document, datesPerPart: true as const, ...absent, ...(reading ? { exportedAs: reading } : {}), ...(oneUnit ? { rowsOfOneUnit: oneUnit } : {}) }
        : drafted.document ? { ...drafted.document, ...absent } : drafted.document;
    // A flat list's items are in no 大项 of the file's own: a new version of the plan keeps theirs (breaker10r P11).
    const flatDocument = document && flat && !bySheetName ? { ...document, uncategorised: true as const } : document;
    return { ...drafted, document: flatDocument, ...notes, ...(notices.length > 0 ? { notices } : {}), ...(table.sheets.length > 1 ? { sheets: table.sheets } : {}) };
  }
  const read = await readTreeOffThread(content, options.format);
  if (!read.ok) return { document: null, problems: read.problems };
  return await draftOfTree(read.tree, options);
}


/** A task's words as two sheets of one workbook are compared: full-width forms, spaces and how numbers are written do not count. */
const taskWords = (cell: Cell | undefined): string => wordsByValue(textOf(cell ?? null));

/** A record's category of its own: a 类别 cell or a section row above it. */
const hasOwnCategory = (record: SourceRecord<PlanColumn>): boolean =>
  textOf(record.cells.categoryTitle ?? null) !== '' || textOf(record.cells.categoryCode ?? null) !== '' || (record.sections ?? []).length > 0;

/** Where a row is, for a message naming two sheets: 工作表“汇总”第 3 行. */
const rowOnSheet = (record: SourceRecord<PlanColumn>): { en: string; zh: string } => ({
  en: `row ${record.row} of sheet "${record.sheet}"`,
  zh: `工作表“${record.sheet}”第 ${record.row} 行`,
});

/** What two rows of one task say differently: 牵头单位, 责任单位, 完成时限, each with both texts. */
function differencesOf(a: SourceRecord<PlanColumn>, b: SourceRecord<PlanColumn>): { en: string[]; zh: string[] } {
  const names = (cell: Cell | undefined) => namesInCell(cell ?? null).map((name) => name.normalize('NFKC')).sort().join('、');
  const fields = [
    { key: 'leadUnit', en: 'lead unit', zh: '牵头单位', read: names },
    { key: 'responsibleUnits', en: 'responsible units', zh: '责任单位', read: names },
    { key: 'cooperatingUnits', en: 'cooperating units', zh: '配合单位', read: names },
    { key: 'dueDate', en: 'due date', zh: '完成时限', read: (cell: Cell | undefined) => calendarDateOf(cell ?? null) },
  ] as const;
  const differing = fields.filter((field) => field.read(a.cells[field.key]) !== field.read(b.cells[field.key]));
  const shown = (record: SourceRecord<PlanColumn>, key: (typeof fields)[number]['key']) => textOf(record.cells[key] ?? null).replace(/\s*\n\s*/g, '、') || '空';
  return {
    en: differing.map((field) => `${field.en} "${shown(a, field.key)}" / "${shown(b, field.key)}"`),
    zh: differing.map((field) => `${field.zh}不同（${a.sheet}：${shown(a, field.key)}；${b.sheet}：${shown(b, field.key)}）`),
  };
}

/**
 * A workbook's rows once: a row on one sheet that repeats another sheet's row (the same task, lead,
 * units and date — a 汇总 sheet and one sheet per 大项 list every task twice) is read once, from the
 * sheet that is not a summary (its name gives the category), with a notice naming both (breaker10b N4).
 *
 * A 汇总 row is only ever a copy: one whose task a 大项 sheet lists with another lead, units or
 * date (the office updated one sheet and not the other) is a problem naming both rows and what
 * differs, never a second task (breaker10c P1); one no other sheet lists, and that has no
 * category of its own, is a problem too — it would be a task in no 大项.
 */
function withoutRepeatedRows(records: readonly SourceRecord<PlanColumn>[]): { records: SourceRecord<PlanColumn>[]; notices: ImportProblem[]; problems: ImportProblem[] } {
  if (!records.some((record) => record.sheet !== undefined)) return { records: [...records], notices: [], problems: [] };
  const keyOf = (record: SourceRecord<PlanColumn>): string | null => {
    const title = taskWords(record.cells.title);
    if (title === '') return null;
    const names = (cell: Cell | undefined) => namesInCell(cell ?? null).map((name) => name.normalize('NFKC')).sort().join('、');
    return [title, names(record.cells.leadUnit), names(record.cells.responsibleUnits), names(record.cells.cooperatingUnits), textOf(record.cells.dueDate ?? null)].join('|');
  };
  // A sheet listing every task of the others, and only those, is their summary whatever its name (任务总表, 全部任务清单: breaker10r P16).
  const byContent = summariesByContent(records, keyOf);
  const isSummary = (sheet: string | undefined): boolean => sheet !== undefined && (isSummarySheet(sheet) || byContent.has(sheet));
  const firstOf = new Map<string, SourceRecord<PlanColumn>>();
  const dropped = new Set<SourceRecord<PlanColumn>>();
  /** Rows of a 大项 sheet a 汇总 row was found identical to. */
  const matched = new Set<SourceRecord<PlanColumn>>();
  const notices: ImportProblem[] = [];
  for (const record of records) {
    const key = keyOf(record);
    if (key === null) continue;
    const first = firstOf.get(key);
    if (!first) {
      firstOf.set(key, record);
      continue;
    }
    if (first.sheet === record.sheet) continue;
    // One task listed under two 大项 sheets (一、决策公开 and 二、执行公开 both 加强宣传解读), neither a summary: two items (breaker10r P19).
    if (!isSummary(first.sheet) && !isSummary(record.sheet) && sectionOfText(first.sheet ?? '') !== null && sectionOfText(record.sheet ?? '') !== null) continue;
    // The summary's copy goes; the sheet of its own keeps the row.
    const [kept, gone] = isSummary(first.sheet) && !isSummary(record.sheet) ? [record, first] : [first, record];
    dropped.add(gone);
    matched.add(kept);
    firstOf.set(key, kept);
    notices.push({
      row: null,
      reason: `Row ${gone.row} of sheet "${gone.sheet}" is the same task as row ${kept.row} of sheet "${kept.sheet}": read once, from "${kept.sheet}".`,
      reasonZh: `工作表“${gone.sheet}”第 ${gone.row} 行与工作表“${kept.sheet}”第 ${kept.row} 行是同一事项：只导入一次（按“${kept.sheet}”）。`,
    });
  }

  const problems: ImportProblem[] = [];
  const onOwnSheets = records.filter((record) => !isSummary(record.sheet) && record.sheet !== undefined);
  if (onOwnSheets.length > 0) {
    for (const record of records) {
      if (dropped.has(record) || !isSummary(record.sheet) || taskWords(record.cells.title) === '') continue;
      const sameTask = onOwnSheets.filter((other) => !matched.has(other) && taskWords(other.cells.title) === taskWords(record.cells.title));
      const where = rowOnSheet(record);
      if (sameTask.length > 0) {
        for (const other of sameTask) {
          const differences = differencesOf(record, other);
          const there = rowOnSheet(other);
          problems.push({
            row: record.row,
            sheet: record.sheet!,
            reason: `${where.en} and ${there.en} are the same task "${textOf(record.cells.title ?? null)}" but differ: ${differences.en.join('; ')}. Make the two sheets agree, then import again.`,
            reasonZh: `${where.zh}与${there.zh}是同一事项“${textOf(record.cells.title ?? null)}”，但${differences.zh.join('，')}：请先使两个工作表一致，再导入。`,
          });
        }
      } else if (!hasOwnCategory(record)) {
        problems.push({
          row: record.row,
          sheet: record.sheet!,
          reason: `The task "${textOf(record.cells.title ?? null)}" on ${where.en} is on no 大项 sheet, so it has no category: add it to its 大项's sheet, or import the summary sheet alone (sheet).`,
          reasonZh: `${where.zh}的事项“${textOf(record.cells.title ?? null)}”不在任何大项工作表中，无法确定其大项：请把它补到所属大项的工作表中，或只导入“${record.sheet}”工作表。`,
        });
      }
    }
  }
  for (const sheet of byContent) {
    notices.unshift({
      row: null,
      reason: `Sheet "${sheet}" lists every task of the other sheets and no other: read as their summary, each task under the 大项 of its own sheet.`,
      reasonZh: `工作表“${sheet}”列出了其他各工作表的全部事项（没有其他事项）：视为汇总表，各事项按其所在大项的工作表导入。`,
    });
  }
  return { records: records.filter((record) => !dropped.has(record)), notices, problems };
}

/**
 * Sheets not named as summaries (`isSummarySheet`) whose tasks (`keyOf`: title, units, date) are exactly those of all the other
 * sheets, at least two of them, each listing fewer: the workbook's summary (任务总表 beside 一、决策公开 and 二、平台建设), breaker10r P16.
 */
function summariesByContent(records: readonly SourceRecord<PlanColumn>[], keyOf: (record: SourceRecord<PlanColumn>) => string | null): Set<string> {
  const keysBySheet = new Map<string, Set<string>>();
  for (const record of records) {
    const key = keyOf(record);
    if (record.sheet === undefined || key === null) continue;
    const keys = keysBySheet.get(record.sheet) ?? new Set<string>();
    keys.add(key);
    keysBySheet.set(record.sheet, keys);
  }
  const found = new Set<string>();
  if (keysBySheet.size < 3) return found;
  for (const [sheet, keys] of keysBySheet) {
    if (isSummarySheet(sheet)) continue;
    const others = [...keysBySheet].filter(([name]) => name !== sheet && !isSummarySheet(name)).map(([, otherKeys]) => otherKeys);
    const union = new Set(others.flatMap((otherKeys) => [...otherKeys]));
    if (others.length >= 2 && union.size === keys.size && [...keys].every((key) => union.has(key)) && others.every((otherKeys) => otherKeys.size < keys.size)) found.add(sheet);
  }
  return found;
}

/**
 * Puts categories numbered 一, 二, 三 (or 1, 2, 3) in the order of their numbers, whatever order the file's rows
 * name them in (newcomer25 S7: a 大项 column with rows of 二 before 一 listed 二, 三, 一). Categories not all
 * numbered keep the file's order. Mutates `categories` (a Map keeps insertion order).
 */
function inNumberOrder<Category>(categories: Map<string, Category>): void {
  const valueOf = (code: string) => (/^\d+$/.test(code) ? Number(code) : /^[一二三四五六七八九十百]+$/.test(code) ? Number(chineseNumeralValue(code) ?? NaN) : NaN);
  const entries = [...categories];
  if (entries.some(([code]) => Number.isNaN(valueOf(code)))) return;
  const sorted = [...entries].sort(([a], [b]) => valueOf(a) - valueOf(b));
  if (sorted.every(([code], index) => code === entries[index]![0])) return;
  categories.clear();
  for (const [code, category] of sorted) categories.set(code, category);
}

/**
 * The rows of a sheet as plan records: the category from its columns, or else from the section
 * row above (一、稳增长), or else, in a plan laid out one 大项 per sheet, from the sheet's name
 * (“一、决策公开” or “决策公开”); a blank category (a merged cell in CSV) is the one above; with no
 * 牵头单位 column the first responsible unit leads.
 */
function fromLayout(records: readonly SourceRecord<PlanColumn>[]): SourceRecord<PlanColumn>[] {
  let previous: { code: Cell; title: Cell } = { code: null, title: null };
  return records.map((record) => {
    const cells = { ...record.cells };
    let leadFirstOfUnits = false;
    let rolesRead: { reason: string; reasonZh: string } | null = null;
    const section = record.sections?.[0];
    if (textOf(cells.categoryTitle ?? null) === '' && textOf(cells.categoryCode ?? null) === '') {
      const bySheet =
        record.sheet === undefined ? undefined : isSummarySheet(record.sheet) ? UNCATEGORISED : (sectionOfText(record.sheet) ?? { code: record.sheet, title: record.sheet });
      if (section) Object.assign(cells, { categoryCode: section.code, categoryTitle: section.title });
      else if (bySheet && cells.categoryTitle === undefined) Object.assign(cells, { categoryCode: bySheet.code, categoryTitle: bySheet.title });
      else if (cells.categoryTitle !== undefined) Object.assign(cells, { categoryCode: previous.code, categoryTitle: previous.title });
    } else if (textOf(cells.categoryCode ?? null) === '') {
      // 「一、平台建设」 in a 大项 column numbers its category as a section row does (newcomer25 S7: the whole text became the code, 「一、平台建设.1」).
      const numbered = sectionOfText(textOf(cells.categoryTitle ?? null));
      if (numbered) Object.assign(cells, { categoryCode: numbered.code, categoryTitle: numbered.title });
      else cells.categoryCode = cells.categoryTitle ?? null;
    }
    previous = { code: cells.categoryCode ?? null, title: cells.categoryTitle ?? null };
    const againstColumn =
      cells.leadUnit === undefined
        ? []
        : [
            ...marksAgainstColumn(cells.leadUnit, 'lead', record.leadSymbols).map((found) => markAgainstColumnReason(found, 'lead', '牵头单位')),
            ...marksAgainstColumn(cells.responsibleUnits ?? null, 'others', record.leadSymbols).map((found) => markAgainstColumnReason(found, 'others', '责任单位')),
            ...marksAgainstColumn(cells.cooperatingUnits ?? null, 'others', record.leadSymbols).map((found) => markAgainstColumnReason(found, 'others', '配合单位')),
          ];
    if (cells.leadUnit === undefined) {
      // 牵头单位：A；配合单位：B (or A（牵头），B) says who leads; else the first unit named does (breaker10c P6).
      const roles = unitRolesInCell(cells.responsibleUnits ?? null);
      // 「A B（牵头）」 (a space: only B leads) or 「A与B（牵头）」 (both lead): the clerk told who leads (breaker53-10 S2).
      rolesRead = unitRolesNotice(cells.responsibleUnits ?? null, record.spacedUnits?.responsibleUnits);
      // Every unit marked （配合）: none leads, and the row is refused for its missing lead (breaker10m P2).
      const [lead, ...others] = roles?.noLead
        ? [undefined, ...roles.others]
        : roles && roles.lead.length > 0
          ? [roles.lead.join('、'), ...roles.others]
          : roles
            ? [...roles.lead, ...roles.others]
            : namesInCell(cells.responsibleUnits ?? null);
      cells.leadUnit = lead ?? null;
      cells.responsibleUnits = others.join('\n');
      // 「牵头单位：A与B」 (or 「A与B」 the first unmarked after 「C（配合）」) is one name in the one column too: A leads, B is responsible,
      // as unlabelled (task 10.5, breaker10n P16: both led); 「牵头单位：A、B」 names two leads.
      // A mark after 「A与B」 (「A与B（牵头）」) is the pair's: both lead (breaker10o P3).
      leadFirstOfUnits = !(roles && (roles.noLead || roles.lead.length > 1 || roles.leadMarked));
    }
    const read = { row: record.row, cells: withCooperatingUnits(cells), ...(record.sheet === undefined ? {} : { sheet: record.sheet }), ...(record.sections === undefined ? {} : { sections: record.sections }), ...(record.others === undefined ? {} : { others: record.others }), ...(record.mergedDown === undefined ? {} : { mergedDown: record.mergedDown }), ...(record.byLevel === undefined ? {} : { byLevel: record.byLevel }), ...(record.withoutYear === undefined ? {} : { withoutYear: record.withoutYear }) };
    if (leadFirstOfUnits) LEAD_FIRST_OF_UNITS.add(read);
    if (againstColumn.length > 0) MARKS_AGAINST_COLUMN.set(read, againstColumn);
    if (rolesRead) ROLES_READ.set(read, rolesRead);
    return read;
  });
}

/** A plan's unit columns, whose spaces the directory reads (`recordsWithUnitSpacesRead`). */
const PLAN_UNIT_KEYS: readonly PlanColumn[] = ['leadUnit', 'responsibleUnits', 'cooperatingUnits'];

/**
 * The records `fromLayout` gave a lead from the first name of a one-column 责任单位 (no 牵头单位 column, no 牵头 label): written
 * 「A与B」 there, only A leads and B is responsible, as 「A、B」 reads (lead's decision, session 27; `PlanItemRow.leadFirstOfUnits`).
 */
const LEAD_FIRST_OF_UNITS = new WeakSet<object>();

/** The records whose one unit cell `fromLayout` read with a notice of who leads (`unitRolesNotice`): `draftFrom` tells it. */
const ROLES_READ = new WeakMap<object, { reason: string; reasonZh: string }>();

/** The records `fromLayout` found with a role mark against its column (「…（配合）」 under 牵头单位): `draftFrom` refuses them (breaker10n P17). */
const MARKS_AGAINST_COLUMN = new WeakMap<object, readonly { reason: string; reasonZh: string }[]>();

/**
 * The row's cells with its cooperating units (配合单位, 协同单位 …) after its responsible units, once
 * the lead is known: they are responsible units, never the lead (breaker10i P9).
 */
function withCooperatingUnits(cells: Partial<Record<PlanColumn, Cell>>): Partial<Record<PlanColumn, Cell>> {
  const { cooperatingUnits, ...rest } = cells;
  if (cooperatingUnits === undefined) return cells;
  const names = [...namesInCell(rest.responsibleUnits ?? null), ...namesInCell(cooperatingUnits)];
  return { ...rest, responsibleUnits: names.join('\n') };
}

interface Located<Value> {
  readonly value: Value;
  readonly row: number | null;
}

async function draftOfTree(tree: TreeNode, options: PlanReadOptions): Promise<PlanDraft> {
  if (tree.kind !== 'map') {
    return { document: null, problems: [{ row: tree.line, reason: 'Expected a plan with title, year and categories.', reasonZh: '文件应是一份方案，包含标题、年度和类别。' }] };
  }
  const problems: ImportProblem[] = [];
  reportUnknownKeys(tree.entries, PLAN_KEYS, say('the plan', '方案'), problems);
  // Each field once, under whichever of its names: 年度 beside year, or 标题 beside title, refused naming both (breaker53-10 S1).
  const title = entryGivenOnce(tree, PLAN_KEYS.title, PLAN_KEY_LABELS.title, 'plan', problems);
  const problemsBeforeYear = problems.length;
  const givenYear = entryGivenOnce(tree, PLAN_KEYS.year, PLAN_KEY_LABELS.year, 'plan', problems);
  // Two years (`年份: 2025` beside `year: 2026`): neither read, so the refusal is their duplicate alone — not first a 2025 plan's
  // approval day and deadlines the other key contradicts (breaker54-10 M4).
  const year = problems.length === problemsBeforeYear ? givenYear : undefined;
  const categories = entryGivenOnce(tree, PLAN_KEYS.categories, PLAN_KEY_LABELS.categories, 'plan', problems);
  if (!categories || categories.value.kind !== 'seq') {
    problems.push({ row: categories?.line ?? tree.line, reason: 'The plan needs a list of categories.', reasonZh: '方案需要一个类别列表。' });
    return { document: null, problems };
  }

  const records: SourceRecord<PlanColumn>[] = [];
  for (const category of categories.value.items) {
    if (category.kind !== 'map') {
      problems.push({ row: category.line, reason: 'Each category must be a mapping with code, title and items.', reasonZh: '每个类别都应包含编号、名称和事项。' });
      continue;
    }
    reportUnknownKeys(category.entries, CATEGORY_KEYS, say('a category', '类别'), problems);
    const categoryCells = {
      categoryCode: scalarOf(entryGivenOnce(category, CATEGORY_KEYS.code, CATEGORY_KEY_LABELS.code, 'category', problems), problems),
      categoryTitle: scalarOf(entryGivenOnce(category, CATEGORY_KEYS.title, CATEGORY_KEY_LABELS.title, 'category', problems), problems),
    };
    const items = entryGivenOnce(category, CATEGORY_KEYS.items, CATEGORY_KEY_LABELS.items, 'category', problems);
    if (!items || items.value.kind !== 'seq' || items.value.items.length === 0) {
      const code = textOf(categoryCells.categoryCode);
      problems.push({ row: items?.line ?? category.line, reason: `Category ${code} needs a list of items.`, reasonZh: `类别 ${code} 需要一个事项列表。` });
      continue;
    }
    for (const item of items.value.items) {
      const { record, problems: found } = recordOfMap(item, planItemColumns, 'item');
      problems.push(...found);
      if (record) records.push({ row: record.row, cells: { ...categoryCells, ...record.cells } });
    }
  }
  // Every item refused as read (a unit field of 15 000 names, breaker54-10 S1): those problems, not 「方案中没有任何事项」 before them.
  if (records.length === 0 && problems.length > 0) return { document: null, problems };
  // A YAML or JSON plan's records are its items, one each.
  const tooMany = fileBeyondLimitsProblem(records.length, records.length, PLAN_FILE_WORDS);
  if (tooMany) return { document: null, problems: [tooMany] };
  const located = (entry: TreeEntry | undefined): Located<Cell> | null =>
    entry ? { value: scalarOf(entry, problems), row: entry.line } : null;
  // The items are read as a sheet's rows are (role marks, 「A与B」, a mark against its field, 配合单位 after 责任单位):
  // read apart, a YAML or JSON plan took 「青川市财政局（配合）」 as an unknown unit or in the wrong role (breaker10o P11).
  const draft = await draftFrom(fromLayout(await recordsWithUnitSpacesRead(records, PLAN_UNIT_KEYS, options.namesOneUnit)), { title: located(title), year: located(year) }, options, problems);
  // A key no item has says nothing about its field, as a column a table lacks (breaker10s P2: a version without `description:` wiped every item's).
  return draft.document ? { ...draft, document: { ...draft.document, ...absentFieldsOf(records) } } : draft;
}

/**
 * The item fields `records` (a table's rows, or a YAML/JSON plan's items) say nothing about, as `PlanDocument.absentFields`: 具体内容
 * (`description`) or 工作措施 (`measures`) when no record has that column or key — only a present but empty cell clears — and the
 * responsible units when records name 牵头单位 but none has 责任单位 or 配合单位 (breaker10e P3, breaker10s P2). `{}` when none.
 */
function absentFieldsOf(records: readonly SourceRecord<PlanColumn>[], dueMayBeAbsent = false): { readonly absentFields?: readonly AbsentField[] } {
  const hasColumn = (key: PlanColumn) => records.some((record) => key in record.cells);
  const unitsAbsent = hasColumn('leadUnit') && !hasColumn('responsibleUnits') && !hasColumn('cooperatingUnits') ? (['responsibleUnitIds'] as const) : [];
  // No 牵头单位 column and no unit marked as lead (（牵头）, 牵头单位：A, a legend's ★): the file says nothing of who leads — its first
  // 责任单位 leads a new plan, but a version keeps each item's lead (breaker42-10 F5: every lead removed, the first unit made lead).
  const leadMarked = records.some((record) => record.leadSymbols !== undefined || record.byLevel !== undefined || ((roles) => roles !== null && (roles.noLead || roles.lead.length > 0 || roles.leadMarked))(unitRolesInCell(record.cells.responsibleUnits ?? null)));
  const leadsAbsent = !hasColumn('leadUnit') && hasColumn('responsibleUnits') && !leadMarked ? (['leadUnitIds'] as const) : [];
  // No 完成时限 column (read so only for a version, `dueDatesMayBeAbsent`): each item keeps its due date (issue 10).
  const dueAbsent = dueMayBeAbsent && records.length > 0 && !hasColumn('dueDate') ? (['dueDate'] as const) : [];
  const absentFields = [...(['description', 'measures'] as const).filter((key) => !hasColumn(key)), ...unitsAbsent, ...leadsAbsent, ...dueAbsent];
  return absentFields.length > 0 ? { absentFields } : {};
}

function reportUnknownKeys(
  entries: readonly TreeEntry[],
  keys: Readonly<Record<string, readonly string[]>>,
  where: Bilingual,
  problems: ImportProblem[],
): void {
  const known = Object.values(keys).flat();
  for (const entry of entries) {
    if (!isNamed(entry.key, known)) {
      problems.push({
        row: entry.line,
        reason: `Unknown field "${entry.key}" in ${where.en}; expected ${Object.keys(keys).join(', ')}.`,
        reasonZh: `${where.zh}中的字段“${entry.key}”无法识别；可用的字段：${chineseNamesOf(Object.values(keys))}。`,
      });
    }
  }
}

function scalarOf(entry: TreeEntry | undefined, problems: ImportProblem[]): Cell {
  if (!entry) return null;
  if (entry.value.kind === 'scalar') return entry.value.value;
  problems.push({ row: entry.line, reason: `Field "${entry.key}" must be a single value.`, reasonZh: `字段“${entry.key}”只能是单个值。` });
  return null;
}

/**
 * Groups rows into categories by code, in the order they first appear, and settles title and year.
 * Item codes lose their list punctuation (`itemCodeOf`); numbering restarted per category is
 * qualified by the category (一.1), with a notice.
 */
async function draftFrom(
  records: readonly SourceRecord<PlanColumn>[],
  fields: { title: Located<Cell> | null; year: Located<Cell> | null },
  options: PlanReadOptions & {
    readonly sheetTitle?: string | null;
    readonly labels?: { readonly progress: string; readonly finishedOn: string; readonly status: string; readonly remarks?: string };
    /** The one sheet read (a workbook read over several names each record's own). */
    readonly tableSheet?: string | null;
    /** Rectify's own export: its 状态 and other columns are the app's record, not read for status words. */
    readonly exported?: boolean;
  },
  earlierProblems: readonly ImportProblem[],
): Promise<PlanDraft> {
  const labelled = (label: string | undefined, cell: Cell | undefined): LabelledCell[] => (cell === undefined || label === undefined ? [] : [{ label, cell }]);
  const problems = [...earlierProblems];
  const categories = new Map<string, { title: string; firstRow: number; firstSheet?: string; items: PlanItemRow[] }>();
  /** The item of the row above: only it can be continued. */
  let lastItem: PlanItemRow | undefined;
  /** Per category and innermost section, the outline levels of item numbers met so far (1. then ① under it: breaker10q P3). */
  const outlines = new Map<string, { form: NumberForm; code: string }[]>();
  /** Each item's innermost section below its category (（一）, （二） under 一), by row: numbering restarting there (breaker10q P3). */
  const subsectionOf = new Map<string, string>();
  /** Each item's 序号 cell as written (①, （1）), by row. */
  const writtenCodeOf = new Map<string, string>();
  let subItemExample: { row: number; written: string; code: string; sheet?: string } | undefined;
  const leadNotices: ImportProblem[] = [];
  const markNotices: ImportProblem[] = [];
  /** Files often list every unit under 责任单位, the lead too: it leads, named once, with a notice (breaker10 F16). */
  const withoutLead = (row: number, leads: readonly string[], names: readonly string[], sheet: string | undefined): string[] => {
    const repeated = names.filter((name) => leads.includes(name));
    if (repeated.length > 0) {
      leadNotices.push({
        row,
        reason: `${repeated.join(', ')} is the lead unit and is also listed under 责任单位: it leads, with one part.`,
        reasonZh: `“${repeated.join('、')}”是牵头单位，又列在责任单位中：按牵头单位计，只交办一次。`,
        ...(sheet === undefined ? {} : { sheet }),
      });
    }
    return names.filter((name) => !leads.includes(name));
  };
  // Row after row in slices (`slicer`): a file of thousands of rows is read without holding every other request (breaker51-10 S7).
  const pause = slicer();
  for (const record of records) {
    await pause();
    const { row, cells, sheet } = record;
    // 「青川市教育局（配合）」 under 牵头单位, 「…（牵头）」 under 配合单位: refused naming the unit, never read by the column (breaker10n P17).
    for (const against of MARKS_AGAINST_COLUMN.get(record) ?? []) problems.push({ row, ...against, ...(sheet === undefined ? {} : { sheet }) });
    const rolesRead = ROLES_READ.get(record);
    if (rolesRead) leadNotices.push({ row, ...rolesRead, ...(sheet === undefined ? {} : { sheet }) });
    // 「市级：市政府办；区县：各区县政府」 under 牵头单位: the lead at each level, each leading its level's work (session 35, import10e).
    const leadByLevel = namesByLevel(cells.leadUnit ?? null) || (record.byLevel ?? []).includes('leadUnit');
    if (namesByLevel(cells.leadUnit ?? null)) {
      const written = textOf(cells.leadUnit ?? null);
      leadNotices.push({
        row,
        reason: `The lead unit cell "${written}" names units by level: the units of every level lead, each its own level's work.`,
        reasonZh: `牵头单位“${written}”按层级写明：各层级所写的单位都是牵头单位，各自牵头本级的工作。`,
        ...(sheet === undefined ? {} : { sheet }),
      });
    }
    // A row a remark marks done, cancelled or moved is no open task to import (breaker10e P7, P11); so does a 状态 or any other
    // column nothing reads (当前状态 已取消, 是否取消 是), and the sheet's name (已取消, 暂缓事项: breaker10k P1, P9).
    const others = options.exported
      ? []
      : [...(textOf(cells.status ?? null) === '' ? [] : labelled(options.labels?.status ?? '状态', cells.status)), ...(record.others ?? [])];
    const remarked = rowRemarkProblem(
      row,
      {
        deadline: cells.dueDate,
        remarks: cells.remarks,
        title: cells.title,
        category: cells.categoryTitle,
        progress: labelled(options.labels?.progress, cells.progress),
        finishedOn: labelled(options.labels?.finishedOn, cells.finishedOn),
        others,
        groups: groupsOf(record, options.tableSheet),
      },
      '完成时限',
      sheet,
      '事项',
    );
    if (remarked) problems.push(remarked);
    // A 备注 naming a unit of the directory gives it no part: refused, never dropped (breaker10m P5).
    const remarkUnit = remarkNamingUnitProblem(row, textOf(cells.remarks ?? null), options.isUnitName, '牵头单位或配合单位（责任单位）', sheet);
    if (remarkUnit) problems.push(remarkUnit);
    // A remark giving a new deadline (延期至2026年12月31日) is refused, never dropped with the row kept on its old day (breaker50-10 S8).
    const remarkDeadline = remarkDeadlineProblem(
      row,
      { deadline: cells.dueDate, remarks: labelled(options.labels?.remarks ?? '备注', cells.remarks)[0], others: record.others ?? [] },
      '完成时限',
      sheet,
    );
    if (remarkDeadline) problems.push(remarkDeadline);
    const code = textOf(cells.categoryCode ?? null);
    // A change mark after a category's title (二、政务服务（新增）) is the version's, as after an item's (breaker10i P2).
    const categoryMarked = withoutChangeMark(textOf(cells.categoryTitle ?? null));
    const title = categoryMarked?.title ?? textOf(cells.categoryTitle ?? null);
    if (categoryMarked && !categories.has(code)) {
      markNotices.push({
        row,
        reason: `"${categoryMarked.mark}" ${categoryMarked.where} the category's title is read as a revision mark, not part of the title: "${title}".`,
        reasonZh: `类别标题${categoryMarked.where === 'after' ? '后' : '前'}的“${categoryMarked.mark}”视为修订标记，未计入标题（“${title}”）。`,
        ...(sheet === undefined ? {} : { sheet }),
      });
    }
    let category = categories.get(code);
    if (!category) {
      category = { title, firstRow: row, ...(sheet === undefined ? {} : { firstSheet: sheet }), items: [] };
      categories.set(code, category);
    } else if (title !== '' && category.title !== '' && title !== category.title) {
      const there = category.firstSheet === undefined ? { en: `row ${category.firstRow}`, zh: `第 ${category.firstRow} 行` } : { en: `row ${category.firstRow} of sheet "${category.firstSheet}"`, zh: `工作表“${category.firstSheet}”第 ${category.firstRow} 行` };
      problems.push({
        row,
        reason: `Category ${code} is titled "${title}" here but "${category.title}" on ${there.en}.`,
        reasonZh: `类别 ${code} 在此写作“${title}”，但在${there.zh}写作“${category.title}”。`,
        ...(sheet === undefined ? {} : { sheet }),
      });
    } else if (category.title === '') {
      category.title = title;
    }
    const writtenCode = textOf(cells.code ?? null).trim();
    let itemCode = itemCodeOf(writtenCode);
    const sections = record.sections ?? [];
    const subsection = sections.length >= 2 ? sections.at(-1)!.code : '';
    const outlineKey = `${sheet ?? ''}|${code}|${subsection}`;
    const form = numberFormOf(writtenCode);
    // A 序号 merged down from the section row above (A3:A4 over 「一、 | 深化决策公开」 and the first item) is the section's number,
    // not the item's: refused naming the rows, never the item coded 「一」 silently (breaker42-10 F9).
    const section = sections.at(-1);
    if ((record.mergedDown ?? []).includes('code') && section !== undefined && itemCode !== '' && itemCode === itemCodeOf(section.code) && category.items.length === 0) {
      problems.push({
        row,
        reason: `The 序号 cell is merged with the section row ${section.row} above ("${section.code} ${section.title}"): "${writtenCode}" numbers the section, not this item. Unmerge it and give this row its own number.`,
        reasonZh: `序号单元格与上方的分节行（第 ${section.row} 行“${section.code}、${section.title}”）合并为一格：“${writtenCode}”是该分节的序号，不是本行事项的。请取消合并，给本行写上自己的序号后重新导入。`,
        ...(sheet === undefined ? {} : { sheet }),
      });
      continue;
    }
    // A merged 序号 over two rows with different tasks is one number for two tasks: refused saying so (breaker10q P7, L-merged-seq).
    const previousInCategory = category.items.at(-1);
    if (
      (record.mergedDown ?? []).includes('code') &&
      previousInCategory !== undefined &&
      previousInCategory === lastItem &&
      itemCode !== '' &&
      itemCode === itemCodeOf(writtenCodeOf.get(`${previousInCategory.sheet ?? ''}|${previousInCategory.row}`) ?? previousInCategory.code) &&
      withoutChangeMark(textOf(cells.title ?? null))?.title !== previousInCategory.title &&
      textOf(cells.title ?? null) !== '' &&
      textOf(cells.title ?? null) !== previousInCategory.title
    ) {
      problems.push({
        row,
        reason: `The 序号 cell "${writtenCode}" is merged over this row and row ${previousInCategory.row}, which name two tasks ("${textOf(cells.title ?? null)}", "${previousInCategory.title}"): one number, one task. Unmerge it and give this row its own number; or, if both rows are measures of one task, merge the task cells too.`,
        reasonZh: `序号“${writtenCode}”与第 ${previousInCategory.row} 行合并为一格，但两行的工作任务不同（“${textOf(cells.title ?? null)}”“${previousInCategory.title}”）：一个序号只对应一项工作任务。请取消合并，给本行写上自己的序号；如两行是同一任务的两项措施，请把工作任务单元格也合并。`,
        ...(sheet === undefined ? {} : { sheet }),
      });
      continue;
    }
    if (form && /^\d+$/.test(itemCode)) {
      // Outline numbering (1. then ① or （1） under it): a number written otherwise, starting at 1 under an item, numbers the
      // sub-items of that item — 1.1, 1.2 — not items 1, 2 again (breaker10q P3: refused 「事项编号 1 重复」, the cell saying ①).
      const levels = outlines.get(outlineKey) ?? [];
      const at = levels.findIndex((level) => level.form === form);
      const depth = at >= 0 ? at : levels.length === 0 ? 0 : itemCode === '1' ? levels.length : levels.length - 1;
      const kept = levels.slice(0, depth);
      const parent = kept.at(-1);
      if (parent) itemCode = `${parent.code}.${itemCode}`;
      outlines.set(outlineKey, [...kept, { form: at >= 0 || depth === levels.length ? form : levels[depth]!.form, code: itemCode }]);
      if (parent && !subItemExample) subItemExample = { row, written: writtenCode, code: itemCode, ...(sheet === undefined ? {} : { sheet }) };
    }
    // A 调整 version's change mark after the title (（新增）, （时限调整）), or before it (〔新增〕…), says what changed, not what the item is (breaker10h P3, 10j P3).
    const marked = withoutChangeMark(textOf(cells.title ?? null));
    const itemTitle = marked?.title ?? textOf(cells.title ?? null);
    // A mark naming a deadline (（调整时限至12月）, （时限调整为2026年10月底）, （调整至第四季度）) other than the row's 完成时限: one of
    // the two is wrong, and the old day was kept unsaid (breaker10r P18). Refused naming both.
    // The 完成时限 as text for the rules to read: a year.month number (2027.6 in a General cell) as its month; 2027.1 — typed 2027.1
    // or 2027.10, Excel drops the 0 — refused here, as its text would read as January unsaid (import P3).
    const dueCell = deadlineTextOf(cells.dueDate ?? null);
    if (!dueCell.ok) {
      problems.push({ row, reason: `Due date (完成时限) ${dueCell.reason}.`, reasonZh: `完成时限：${dueCell.reasonZh}。`, ...(sheet === undefined ? {} : { sheet }) });
    }
    const dueText = dueCell.ok ? dueCell.text : textOf(cells.dueDate ?? null);
    const dueYear = /(\d{4})/.exec(dueText.normalize('NFKC'))?.[1];
    const within = { year: dueYear === undefined ? 2001 : Number(dueYear) };
    const markDays = marked ? daysNamedIn(marked.mark, within) : [];
    const due = markDays.length > 0 ? readDeadline(dueText, within) : null;
    const dueDay = due?.ok && 'dueDate' in due.deadline ? due.deadline.dueDate : null;
    const otherDay = markDays.find((each) => each.day !== dueDay);
    if (marked && otherDay) {
      problems.push({
        row,
        reason: `"${marked.mark}" in the item's title names a deadline (${otherDay.written}) other than its due date "${textOf(cells.dueDate ?? null) || dueText}": write the deadline in force as the due date and remove the mark from the title.`,
        reasonZh: `事项标题中的“${marked.mark}”写有时限（${otherDay.written}），与完成时限“${textOf(cells.dueDate ?? null) || dueText}”不一致：请把现行的时限写在完成时限中，并删去标题中的该标记。`,
        ...(sheet === undefined ? {} : { sheet }),
      });
    } else if (marked) {
      markNotices.push({
        row,
        reason: `"${marked.mark}" ${marked.where} the item's title is read as a revision mark, not part of the title: "${itemTitle}".`,
        reasonZh: `事项标题${marked.where === 'after' ? '后' : '前'}的“${marked.mark}”视为修订标记，未计入标题（“${itemTitle}”）。`,
        ...(sheet === undefined ? {} : { sheet }),
      });
    }
    const previous = category.items.at(-1);
    // An item over several rows (merged 序号 and 事项, or blank ones in CSV) with units on each: one item (breaker10 F19).
    const moreDescription = textOf(cells.description ?? null);
    const moreMeasures = textOf(cells.measures ?? null);
    const onlyLines =
      itemCode === '' && itemTitle === '' && textOf(cells.leadUnit ?? null) === '' && namesInCell(cells.responsibleUnits ?? null).length === 0 && textOf(cells.dueDate ?? null) === '' && (moreDescription !== '' || moreMeasures !== '');
    const continues =
      previous !== undefined &&
      previous === lastItem &&
      (previous.sheet ?? '') === (sheet ?? '') &&
      ((itemCode !== '' && itemCode === previous.code && itemTitle === previous.title) || (itemCode === '' && itemTitle === '' && namesInCell(cells.responsibleUnits ?? null).length > 0) || onlyLines);
    if (continues && onlyLines) {
      // 具体要求 / 工作措施 one line per row under the item: its text, line by line (breaker10b N26).
      const continued = { ...previous, description: withLine(previous.description, moreDescription), measures: withLine(previous.measures, moreMeasures) };
      category.items[category.items.length - 1] = continued;
      lastItem = continued;
      continue;
    }
    // A refused row's text is not joined into the item's, so the rows after it are compared with the item's first text and
    // only the rows that differ from it are named (breaker47-10 M1: one middle row edited named every row after it).
    const refusedTexts = new Set<'description' | 'measures'>();
    if (continues && options.exported) {
      // Rectify's own export writes an item's 具体内容 and 工作措施 on each of its part rows: one row edited, the others not, is two
      // texts for one item — refused naming both rows, never joined into one (newcomer46-10 S2's round trip).
      for (const [key, zh, en] of [['description', '具体内容', 'description (具体内容)'], ['measures', '工作措施', 'measures (工作措施)']] as const) {
        const written = textOf(cells[key] ?? null);
        if (written === '' || previous[key] === '' || written === previous[key]) continue;
        refusedTexts.add(key);
        problems.push({
          row,
          reason: `This row's ${en} is not the text on row ${previous.row} of the same item (${previous.code} ${previous.title}): Rectify's export writes an item's text on each of its units' rows. Make the item's rows say the same (or leave all but its first row empty).`,
          reasonZh: `${zh}与同一事项（${previous.code} ${previous.title}）第 ${previous.row} 行的不同：本系统导出的进展表中，同一事项每个单位一行，各行写的是该事项同一份${zh}。请把该事项各行的${zh}改成一致（或只保留第一行，其余行清空）。`,
          ...(sheet === undefined ? {} : { sheet }),
        });
      }
    }
    if (continues) {
      const continuation: PlanItemContinuation = {
        row,
        responsibleUnits: namesInCell(cells.responsibleUnits ?? null),
        dueDate: dueText,
        ...(dueCell.ok ? {} : { dueDateRefused: true as const }),
        leadUnit: textOf(cells.leadUnit ?? null),
        ...((record.mergedDown ?? []).includes('leadUnit') ? { leadMergedDown: true as const } : {}),
        ...(record.withoutYear?.dueDate === undefined ? {} : { dueDateShown: record.withoutYear.dueDate }),
      };
      const continued = {
        ...previous,
        description: refusedTexts.has('description') ? previous.description : withLine(previous.description, moreDescription),
        measures: refusedTexts.has('measures') ? previous.measures : withLine(previous.measures, moreMeasures),
        continuations: [...(previous.continuations ?? []), continuation],
      };
      category.items[category.items.length - 1] = continued;
      lastItem = continued;
      continue;
    }
    if (subsection !== '') subsectionOf.set(`${sheet ?? ''}|${row}`, subsection);
    writtenCodeOf.set(`${sheet ?? ''}|${row}`, writtenCode);
    category.items.push({
      row,
      code: itemCode,
      title: itemTitle,
      description: textOf(cells.description ?? null),
      measures: textOf(cells.measures ?? null),
      leadUnit: textOf(cells.leadUnit ?? null),
      responsibleUnits: withoutLead(row, namesInCell(cells.leadUnit ?? null), namesInCell(cells.responsibleUnits ?? null), sheet),
      dueDate: dueText,
      ...(dueCell.ok ? {} : { dueDateRefused: true as const }),
      ...(sheet === undefined ? {} : { sheet }),
      ...(LEAD_FIRST_OF_UNITS.has(record) ? { leadFirstOfUnits: true as const } : {}),
      ...(leadByLevel ? { leadByLevel: true as const } : {}),
      ...(record.withoutYear?.dueDate === undefined ? {} : { dueDateShown: record.withoutYear.dueDate }),
    });
    lastItem = category.items.at(-1);
  }

  inNumberOrder(categories);
  const restarted = numberedPerCategory([...categories].map(([code, category]) => ({ code, items: category.items })));
  if (restarted) {
    for (const [code, category] of categories) category.items = category.items.map((item) => ({ ...item, code: `${code}.${item.code}` }));
  }
  // Numbering that starts again under each （一） of a category (一、（一）1 2 （二）1): each item known by its category, section
  // and number, 一.（一）.1 (breaker10q P3: refused as duplicate codes).
  const subsectionKey = (item: PlanItemRow) => subsectionOf.get(`${item.sheet ?? ''}|${item.row}`) ?? '';
  const bySubsection =
    !restarted &&
    subsectionOf.size > 0 &&
    hasDuplicateCode([...categories.values()].flatMap((category) => category.items)) &&
    numberedPerGroup([...categories].flatMap(([code, category]) => [...groupedBy(category.items, (item) => `${code}|${subsectionKey(item)}`).values()]));
  if (bySubsection) {
    for (const [code, category] of categories) {
      category.items = category.items.map((item) => ({ ...item, code: subsectionKey(item) === '' ? `${code}.${item.code}` : `${code}.（${subsectionKey(item)}）.${item.code}` }));
    }
  }
  const items = [...categories.values()].flatMap((category) => category.items);
  const titleNotices: ImportProblem[] = [];
  const { title, fromFileName, writtenTitle } = planTitleOf(fields.title, options, problems, titleNotices);
  const yearRead = planYearOf(fields.year, options, fromFileName ? '' : title, items, problems);
  const readYear = yearRead.year;
  const readLastYear = readYear > 0 ? planLastYearOf(fields.year, options, title, readYear, problems) : undefined;
  // A file that says no period (no span, no last year given) of a plan imported over several years: that plan's period.
  const known = readYear > 0 && readLastYear === undefined && options.lastYear === undefined ? knownPeriodOf(title, readYear, options.knownPlans ?? [], problems, titleNotices) : null;
  const [year, lastYear] = known ? [known.year, known.lastYear] : [readYear, readLastYear];
  // 完成时限 cells shown as 6月30日 whose hidden year is not the plan's: read in the plan's year, when the plan says its year (breaker10r P25).
  const dayNotices: ImportProblem[] = [];
  if (year > 0 && !yearRead.fromDates) {
    for (const category of categories.values()) category.items = category.items.map((item) => inPlanYear(item, year, lastYear, problems, dayNotices));
  }
  if (items.length === 0) problems.push({ row: null, reason: 'The plan has no items.', reasonZh: '方案中没有任何事项。' });
  return {
    document: {
      title,
      ...(writtenTitle === undefined ? {} : { writtenTitle }),
      year,
      ...(lastYear === undefined ? {} : { lastYear }),
      categories: [...categories].map(([code, category]) => ({ code, title: category.title, items: category.items })),
    },
    problems,
    ...((restarted || bySubsection || subItemExample || leadNotices.length > 0 || titleNotices.length > 0 || markNotices.length > 0 || dayNotices.length > 0) && {
      notices: [
        ...titleNotices,
        ...(subItemExample
          ? [
              {
                row: subItemExample.row,
                reason: `Numbers written otherwise under an item ("${subItemExample.written}" …) number its sub-items: each is an item of its own, known by the number above and its own (${subItemExample.code} …).`,
                reasonZh: `事项下以另一种形式编号的序号（如“${subItemExample.written}”）是该事项的子项：各按一项事项导入，编号为“上级序号.子序号”（如 ${subItemExample.code}）。`,
                ...(subItemExample.sheet === undefined ? {} : { sheet: subItemExample.sheet }),
              },
            ]
          : []),
        ...(bySubsection
          ? [
              {
                row: null,
                reason: 'The item numbers (序号) start again under each section (（一）, （二）…): each item is known by its category, section and number (一.（一）.1, 一.（二）.1 …).',
                reasonZh: '序号在每个小节（（一）、（二）……）内重新编号：各事项按“类别.（小节）.序号”编号（一.（一）.1、一.（二）.1……）。',
              },
            ]
          : []),
        ...(restarted
          ? [
              {
                row: null,
                reason: 'The item numbers (序号) start again in each category: each item is known by its category and number (一.1, 一.2, 二.1 …).',
                reasonZh: '序号在每个类别内重新编号：各事项按“类别.序号”编号（一.1、一.2、二.1……）。',
              },
            ]
          : []),
        ...leadNotices,
        ...markNotices,
        ...dayNotices,
      ],
    }),
  };
}

/**
 * The text with one more cell's lines, unless the cell is blank or its lines are already there in a run (a merged cell repeats
 * it; Rectify's own export repeats an item's 具体内容 and 工作措施 on each of its part rows — a text of several lines, once:
 * newcomer46-10 S2, it read three times over an item of three units).
 */
const withLine = (text: string, line: string): string => {
  if (line === '') return text;
  if (text === '') return line;
  const lines = text.split('\n');
  const more = line.split('\n');
  for (let start = 0; start + more.length <= lines.length; start += 1) if (more.every((each, at) => lines[start + at] === each)) return text;
  return `${text}\n${line}`;
};

/**
 * An item code as the plan knows it, whatever list punctuation the 序号 cell carries: `1.`, `1、`,
 * `（1）`, `(1)` and a full-width `１` are all item 1 (breaker10 F3, F29); `1.2` and `3-1` stay.
 */
export function itemCodeOf(text: string): string {
  const plain = text.normalize('NFKC').trim();
  const bracketed = /^\((.+)\)$/.exec(plain);
  return (bracketed ? bracketed[1]! : plain).replace(/[.、,:;)\s]+$/u, '').trim();
}

/**
 * True when 序号 starts again in each category (一、1 2 二、1 2): every category numbers its items
 * from 1, none twice. Then items are known by category and number. A file whose numbers run on
 * (一、1 2 二、3 1) has a real duplicate, refused as such.
 */
function numberedPerCategory(categories: readonly { readonly code: string; readonly items: readonly PlanItemRow[] }[]): boolean {
  if (categories.length < 2) return false;
  return categories.every((category) => {
    const codes = category.items.map((item) => item.code);
    return codes[0] === '1' && new Set(codes).size === codes.length;
  });
}

/** Whether two items share a code. */
const hasDuplicateCode = (items: readonly PlanItemRow[]): boolean => new Set(items.map((item) => item.code)).size < items.length;

/** Each group (a category's section) numbers its items from 1, none twice. */
const numberedPerGroup = (groups: readonly (readonly PlanItemRow[])[]): boolean =>
  groups.length >= 2 && groups.every((items) => items[0]?.code === '1' && !hasDuplicateCode(items));

function groupedBy<Item>(items: readonly Item[], keyOf: (item: Item) => string): Map<string, Item[]> {
  const groups = new Map<string, Item[]>();
  for (const item of items) groups.set(keyOf(item), [...(groups.get(keyOf(item)) ?? []), item]);
  return groups;
}

/**
 * How a single number is written in a 序号 cell, for outline levels: 1 1. 1、 (plain), （1） (1) ⑴ (bracketed), 1） 1) (closing
 * bracket), ① (circled). Null for anything else (3-1, 1.2, 一, 甲).
 */
export type NumberForm = 'plain' | 'bracketed' | 'closing' | 'circled';
export function numberFormOf(written: string): NumberForm | null {
  const text = written.trim();
  if (/^[\u2460-\u2473\u24EA\u24F5-\u24FE\u2776-\u2793\u3251-\u325F\u32B1-\u32BF]$/u.test(text)) return 'circled';
  if (/^[\u2474-\u2487]$/u.test(text)) return 'bracketed';
  if (/^[\u2488-\u249B]$/u.test(text)) return 'plain';
  const plain = text.normalize('NFKC');
  if (/^\(\s*\d+\s*\)[.、,]?$/u.test(plain)) return 'bracketed';
  if (/^\d+\s*\)$/u.test(plain)) return 'closing';
  if (/^\d+\s*[.、,]?$/u.test(plain)) return 'plain';
  return null;
}

/**
 * A title that names no plan: an attachment's label (附件1 — from the first row, or from a file
 * downloaded as 附件1.xlsx), a default sheet or workbook name. Two plans so titled would be taken
 * for versions of one another (breaker10b N2).
 */
const isPlaceholderTitle = (title: string): boolean =>
  isAttachmentLabel(title) || /^(?:sheet|工作表|工作簿|book)\s*\d*$/i.test(title) || /^新建\s*(?:microsoft\s*)?(?:excel\s*)?工作表/i.test(title);

/**
 * A version remark at the end of a title — （修订稿）, （2026年7月调整）, （调整版）, （征求意见稿） —
 * says which version the file is, not which plan: the plan is the title without it, so a revised
 * file revises the plan it revises (breaker10b N22).
 */
const VERSION_REMARK = new RegExp(
  `\\s*[（［${OPENING_BRACKETS}]\\s*([^（）［］${OPENING_BRACKETS}${CLOSING_BRACKETS}]*(?:调整|修订|修改|更新|修正|稿|版|最新)[^（）［］${OPENING_BRACKETS}${CLOSING_BRACKETS}]*|[Vv]\\s*\\d+(?:\\.\\d+)*|\\d{4}\\s*[.\\-/年]\\s*\\d{1,2}(?:\\s*[.\\-/月]\\s*\\d{1,2}\\s*日?|\\s*月)?)\\s*[）］${CLOSING_BRACKETS}]\\s*$`,
  'u',
);
/**
 * A version word at the end of a title without brackets: …分解表 修订版, …清单定稿 (breaker10c P7), …方案_v2, …方案修订,
 * …方案最新版 (breaker10g P3; with 【修订版】, （V2）, （2026.11）, （最新） in brackets above), …方案调整表 (breaker10t P12),
 * …任务分工调整事项表 (newcomer49-10 S4: read as another plan), …方案修改, …方案修改后, and after a dash, underscore or space …方案-修改, …方案 调整, …方案_改 (issue 10 P6: read as a new plan).
 * 调整 / 更新 / 修正 / 改 alone need that separator: …结构调整 is a plan's name.
 */
const VERSION_WORD =
  /[\s_\-—–]*((?:修订|调整|修改|更新|修正)(?:后)?(?:版|稿|表|对照表|一览表|清单)|调整事项(?:表|清单|一览表)|(?:修订|修改|调整)后|修订|修改|(?<=[\s_\-—–])(?:调整|更新|修正|改)|征求意见稿|送审稿|定稿|终稿|最新版?|[Vv]\s*\d+(?:\.\d+)*|第[一二三四五六七八九十0-9０-９]+版)$/u;

/**
 * A plan title as it is compared with the titles of imported plans: retyped in WPS or pasted from
 * Word, one title comes back with full-width digits (２０２６), spaces around the year, 年度 for
 * 年 or book-title marks, and is still the same plan (breaker10c P7); so with its year or numbers
 * in Chinese numerals (二〇二六年, 二○二六年: breaker10e P14), and so with a version remark at its
 * end — （2026年7月调整）, (修订稿), 修订版 — typed as printed on the revised document (breaker10f
 * P6: a title typed so made a second plan with every item again). NFKC, without white space,
 * invisible characters, 《》“”"" quotes or a trailing version remark, with 年度 read as 年 and
 * numbers by value (`numbersByValue`).
 */
export const planTitleKey = (title: string): string => {
  const file = asFileNamed(title);
  // 关于印发《青川市2026年复测方案甲》的通知: the plan is named inside the notice's 《》 (breaker10j P7); without 《》 too (breaker10k P7).
  const named = ISSUING_NOTICE.exec(file)?.[1] ?? ISSUING_NOTICE_UNQUOTED.exec(file)?.[1] ?? file;
  const remark = VERSION_REMARK.exec(named) ?? VERSION_WORD.exec(named);
  const plan = remark && remark.index > 0 ? named.slice(0, remark.index) : named;
  return numbersByValue(
    plan
      .normalize('NFKC')
      // Round brackets too, their words kept: 青川市2026年度复测方案（甲） is 青川市2026年复测方案甲 (breaker10j P7); （试行） still tells a plan apart.
      .replace(/[\s\p{Default_Ignorable_Code_Point}《》〈〉“”"'‘’()]+/gu, '')
      .replace(/年度/g, '年'),
    // A span of years, however its dash is typed (2026—2028年, 2026-2028年, 2026年至2028年: breaker10m P6), is the plan's
    // period, not its name: a revised file whose title drops it, or brackets it otherwise (【2026—2028年】), names the same
    // plan (newcomer32 S7: it was read as another plan, whose later rows were refused and whose advice made a second plan).
    // Plans are told apart by their year too (`workPlanTitleClaim`), so 2023—2025 and 2026—2028 stay two plans.
  )
    .replace(/((?:19|20|21)\d{2})年?(?:—|–|－|-|~|～|至|到)+((?:19|20|21)\d{2})年?/gu, '')
    .replace(/[【〔［\[{｛]\s*[】〕］\]}｝]/gu, '');
};

/**
 * The same notice without 《》: 关于印发青川市2026年复测方案甲的通知 (breaker10k P7), and the notice adjusting it, 关于调整 / 修订 /
 * 修改青川市2026年…方案的通知 (breaker10t P12: imported as a second plan duplicating every item) — only with a verb that issues
 * or adjusts a plan (关于X的通知 is another document).
 */
const ISSUING_NOTICE_UNQUOTED = /^关于(?:印发|下发|转发|发布|调整|修订|修改)\s*(.+?)\s*(?:的)?(?:通知|函)$/u;

/**
 * A plan title as the file it came in carries it, the plan's words only (breaker10k P7): an attachment label before it (附件：, 附件1：),
 * the file's extension (.xlsx, .csv, .docx), the marks Windows and WPS put on a copy ( - 副本, 副本, (1)), closing punctuation (。),
 * and a 0 typed for 〇 in a year of Chinese numerals (二0二六). A (1) of a copy is digits alone: （一）, （甲） stay the plan's words.
 */
function asFileNamed(title: string): string {
  let text = title.normalize('NFKC').trim();
  for (let before = ''; before !== text; ) {
    before = text;
    const rest = text
      .replace(/^附\s*[件表]\s*[0-9一二三四五六七八九十]*\s*[:：、.\-—_]\s*/u, '')
      .replace(/\.(?:xlsx|xlsm|xls|csv|et|ett|docx?|wps|pdf|ofd|txt)$/iu, '')
      .replace(/\s*[-—_]?\s*副本$/u, '')
      .replace(/\s*\(\s*\d{1,2}\s*\)$/u, '')
      .replace(/[。.,，;；!！]+$/u, '')
      .trim();
    if (rest !== '') text = rest;
  }
  // 二0二六年 / 二O二六年: a digit zero or a letter O among Chinese numerals is 〇.
  return text.replace(/(?<=[〇○零一二三四五六七八九])[0Oo](?=[〇○零一二三四五六七八九0Oo]*年)/gu, '〇').replace(/(?<=[〇○零一二三四五六七八九])[0Oo](?=[〇○零一二三四五六七八九])/gu, '〇');
}

/** The title of the notice that issued a plan: 关于印发《…》的通知, 关于下发《…》的函 — the plan's own name is inside 《》. */
const ISSUING_NOTICE = /^关于(?:印发|下发|转发|发布|调整|修订|修改)?\s*《(.+)》\s*(?:的)?(?:通知|函|批复|决定)$/u;

/**
 * The plan's title: the YAML/JSON field, else the one given (--title), else the sheet's title row,
 * else the file name (without an attachment label: 附件1-青川市…方案.xlsx). A version remark on a
 * title read off the sheet or the file name is dropped with a notice; a placeholder (附件1, Sheet1) or a missing title is a problem asking for one.
 */
function planTitleOf(
  field: Located<Cell> | null,
  options: PlanReadOptions & { readonly sheetTitle?: string | null },
  problems: ImportProblem[],
  notices: ImportProblem[],
): { title: string; fromFileName: boolean; writtenTitle?: string } {
  const fromFileName = withoutAttachmentLabel(options.fileName?.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '').trim() ?? '');
  const typed = textOf(field?.value ?? null) || options.title?.trim() || '';
  const given = typed || options.sheetTitle?.trim() || '';
  const written = given || fromFileName || '';
  // A title typed in (--title, the YAML field) is taken as typed; one read off the sheet or the file name loses its version remark.
  const remark = typed === '' ? (VERSION_REMARK.exec(written) ?? VERSION_WORD.exec(written)) : null;
  const title = remark && remark.index > 0 ? written.slice(0, remark.index).trim() : written;
  if (remark && remark.index > 0) {
    notices.push({
      row: field?.row ?? null,
      reason: `"${remark[1]}" in the title says which version the file is: the plan is "${title}" (a new version of an imported plan is applied with revise).`,
      reasonZh: `标题中的“${remark[0].trim()}”是版本说明：按方案“${title}”读取（已导入的方案如需按此版本调整，请选择“按新版本调整”）。`,
    });
  }
  // A draft — （征求意见稿）, （送审稿）, （草案）, （讨论稿） — is not the approved plan an import assigns (breaker10q P24: imported
  // as approved, with a version notice).
  const draft = DRAFT_REMARK.exec(written);
  if (draft) {
    problems.push({
      row: field?.row ?? null,
      reason: `"${draft[0].trim()}" in the title says the file is a draft, not the approved plan an import assigns to its units: import the approved version; if this one was approved as it stands, remove "${draft[0].trim()}" from its title (or type the title).`,
      reasonZh: `标题中的“${draft[0].trim()}”表示这是未经批准的稿本，而导入的方案会交办各单位：请导入批准印发的正式稿；如本稿已按原样批准，请删去标题中的“${draft[0].trim()}”（或填写方案标题）后重新导入。`,
    });
  }
  if (title === '') problems.push({ row: field?.row ?? null, reason: 'The plan has no title; give one (--title).', reasonZh: '方案没有标题，请填写方案标题。' });
  else if (isPlaceholderTitle(title)) {
    problems.push({
      row: field?.row ?? null,
      reason: `"${title}" is an attachment label or a default name, not the plan's title: give the title (--title), or put it in the file's first rows.`,
      reasonZh: `“${title}”是附件编号或默认名称，不是方案的标题：请填写方案标题，或在表格上方写明标题。`,
    });
  }
  if (title.length > 200) problems.push({ row: field?.row ?? null, reason: 'The plan title is longer than 200 characters.', reasonZh: '方案标题超过 200 个字。' });
  const unreadable = title === '' ? null : unreadableLabel(title);
  if (unreadable) problems.push({ row: field?.row ?? null, reason: `The plan title ${unreadable}.`, reasonZh: `方案标题${unreadableReasonZh(unreadable)}。` });
  return { title, fromFileName: given === '', ...(remark && remark.index > 0 ? { writtenTitle: written } : {}) };
}

/** A draft's mark at the end of a title: （征求意见稿）, 送审稿, （草案）, 【讨论稿】, （初稿）. */
const DRAFT_REMARK = /[\s_\-—]*[（(【〔［\[]?\s*(?:征求意见稿|送审稿|草案|讨论稿|初稿|草稿|意见稿)\s*[）)】〕］\]]?\s*$/u;

const YEAR = /^(\d{4})\s*(?:年度?)?$/;

/**
 * The period of the imported plan a file names by its title when the file says none (issue 10: a new version of a 2026—2028
 * plan imported under a title without the span was read as a year's plan, its later items refused): the plan of that title
 * and year as it stands; else the one plan over several years of that title whose period holds the year, told. Several such
 * plans: a problem asking for the period (截止年度, --year 2026-2028). Null when none is known (a new plan).
 */
function knownPeriodOf(
  title: string,
  year: number,
  knownPlans: readonly KnownPlanPeriod[],
  problems: ImportProblem[],
  notices: ImportProblem[],
): { year: number; lastYear?: number } | null {
  const key = planTitleKey(title);
  const sameTitle = knownPlans.filter((plan) => planTitleKey(plan.title) === key);
  const sameYear = sameTitle.find((plan) => plan.year === year);
  if (sameYear) return sameYear.lastYear !== undefined && sameYear.lastYear > year ? { year, lastYear: sameYear.lastYear } : null;
  const holding = sameTitle.filter((plan) => plan.lastYear !== undefined && plan.year < year && year <= plan.lastYear);
  if (holding.length === 0) return null;
  const spans = holding.map((plan) => `${plan.year}—${plan.lastYear}`);
  if (holding.length > 1) {
    problems.push({
      row: null,
      reason: `Plans "${title}" were imported for ${spans.join(' and ')}, and the file says no period: give it (lastYear, --year ${spans[0]!.replace('—', '-')}).`,
      reasonZh: `已导入的方案“${title}”有 ${spans.join('、')} 年多个期限，本文件没有写明期限：请填写年度和截止年度（如 ${spans[0]}）。`,
    });
    return null;
  }
  const [plan] = holding as [KnownPlanPeriod];
  notices.push({
    row: null,
    reason: `Read as the plan "${plan.title}" imported for ${spans[0]}: its items may be due until ${plan.lastYear}-12-31.`,
    reasonZh: `按已导入的方案“${plan.title}”（${spans[0]} 年）读取：事项时限可到 ${plan.lastYear} 年 12 月 31 日。`,
  });
  return { year: plan.year, lastYear: plan.lastYear! };
}

/** A plan already imported, as a file naming it by title is read against (its period). */
export interface KnownPlanPeriod {
  readonly title: string;
  readonly year: number;
  readonly lastYear?: number;
}

/** 2026—2028年, 2026-2028年, 2026年至2028年, 二〇二六—二〇二八年: the years of a plan over several years (breaker10m P6). */
const YEAR_SPAN = /((?:19|20|21)\d{2})\s*年?度?\s*(?:—|–|－|-|~|～|至|到)+\s*((?:19|20|21)\d{2})\s*年/u;

/** The first and last year a text's span of years names (at most ten years on), or null. */
export function yearSpanIn(text: string): { readonly first: number; readonly last: number } | null {
  const match = YEAR_SPAN.exec(numbersByValue(text.normalize('NFKC')));
  if (!match) return null;
  const [first, last] = [Number(match[1]), Number(match[2])];
  return last > first && last - first <= 10 ? { first, last } : null;
}

/**
 * The last year of a plan over several years, or undefined for a year's plan: a span given as the year (YAML/JSON
 * `year: 2026—2028`), else `options.lastYear` (`--year 2026-2028`), else the span of years in the title when it starts in
 * the plan's year (三年行动计划（2026—2028年）). A `lastYear` not after the year, or more than ten years on, is a problem.
 */
function planLastYearOf(field: Located<Cell> | null, options: PlanReadOptions, title: string, year: number, problems: ImportProblem[]): number | undefined {
  const given = field && textOf(field.value) !== '' ? yearSpanIn(`${textOf(field.value)}年`) : null;
  if (given) return given.last;
  if (options.lastYear !== undefined && options.lastYear !== null) {
    if (Number.isInteger(options.lastYear) && options.lastYear > year && options.lastYear - year <= 10) return options.lastYear;
    if (options.lastYear === year) return undefined;
    problems.push({
      row: null,
      reason: `The plan's last year ${options.lastYear} is not a year after ${year} (at most ten years on).`,
      reasonZh: `方案的截止年度 ${options.lastYear} 应晚于起始年度 ${year}（最多十年）。`,
    });
    return undefined;
  }
  const inTitle = yearSpanIn(title);
  return inTitle && inTitle.first === year ? inTitle.last : undefined;
}
const isPlanYear = (year: number): boolean => Number.isInteger(year) && year >= 2000 && year <= 2100;

/**
 * The item (and its continuation rows) with each 完成时限 shown as month and day only (`dueDateShown`: 6月30日, stored 2025-06-30) read
 * in the plan's year (breaker10r P25: a plan typed in December 2025 for 2026, every 6月30日 stored as 2025, was read as due last year):
 * a stored year inside the plan's period (`year`…`lastYear`) stands, as shown; outside it, a one-year plan reads the shown day in its
 * year, told naming the cell; a plan over several years cannot tell which of its years is meant, so the row is refused asking for the
 * year. Only for a plan whose year is said (title, --year, the file's year): a plan whose year comes from its dates keeps the stored
 * days (the year they give is the plan's; reading the shown text there left such plans without a year — reverted before).
 */
function inPlanYear(item: PlanItemRow, year: number, lastYear: number | undefined, problems: ImportProblem[], notices: ImportProblem[]): PlanItemRow {
  const where = item.sheet === undefined ? {} : { sheet: item.sheet };
  const read = (row: number, dueDate: string, shown: DayWithoutYear | undefined): string => {
    if (shown === undefined || dueDate !== shown.stored) return dueDate;
    const stored = Number(shown.stored.slice(0, 4));
    if (stored >= year && stored <= (lastYear ?? year)) return dueDate;
    if (lastYear !== undefined) {
      problems.push({
        row,
        reason: `Cell ${shown.cell} shows only "${shown.text}" (it holds ${shown.stored}, outside the plan's years ${year}–${lastYear}): write the year in the due date (e.g. ${year + 1}年${shown.text}).`,
        reasonZh: `单元格 ${shown.cell} 只显示“${shown.text}”（存的日期是 ${shown.stored}，不在方案期限 ${year}—${lastYear} 年内），无法确定是哪一年：请在完成时限中写明年份（如 ${year + 1}年${shown.text}）。`,
        ...where,
      });
      return dueDate;
    }
    const inYear = `${year}${shown.stored.slice(4)}`;
    notices.push({
      row,
      reason: `Cell ${shown.cell} holds the date ${shown.stored} but shows only "${shown.text}": read in the plan's year, ${inYear}.`,
      reasonZh: `单元格 ${shown.cell} 存的日期是 ${shown.stored}，但只显示“${shown.text}”：按方案年度读作 ${inYear}。`,
      ...where,
    });
    return inYear;
  };
  const continuations = item.continuations?.map((continuation) => ({ ...continuation, dueDate: read(continuation.row, continuation.dueDate, continuation.dueDateShown) }));
  return { ...item, dueDate: read(item.row, item.dueDate, item.dueDateShown), ...(continuations === undefined ? {} : { continuations }) };
}

/** The plan's year (`fromDates`: taken from its first item's due date, the plan saying none itself), or 0 with a problem. */
function planYearOf(
  field: Located<Cell> | null,
  options: PlanReadOptions,
  title: string,
  items: readonly PlanItemRow[],
  problems: ImportProblem[],
): { readonly year: number; readonly fromDates?: true } {
  const year = planYearSaid(field, options, title, problems);
  if (year !== null) return { year };
  const firstDueDate = items
    .map((item) => readDeadline(item.dueDate))
    .map((reading) => (reading.ok && 'dueDate' in reading.deadline ? reading.deadline.dueDate : ''))
    .find(isCalendarDate);
  if (firstDueDate) return { year: Number(firstDueDate.slice(0, 4)), fromDates: true };
  problems.push({ row: null, reason: 'The plan year is unknown; give one (--year).', reasonZh: '无法确定方案年度：请在“年度”中填写方案年度（如 2026）。' });
  return { year: 0 };
}

/** The year the plan says — the file's own year field, `options.year`, or its title — 0 for one said wrongly (with a problem), null for none. */
function planYearSaid(
  field: Located<Cell> | null,
  options: PlanReadOptions,
  title: string,
  problems: ImportProblem[],
): number | null {
  if (field && textOf(field.value) !== '') {
    // 2026—2028: a plan over several years, from its first (breaker10m P6).
    const span = yearSpanIn(`${textOf(field.value)}年`);
    if (span) return span.first;
    // 二〇二六, ２０２６年度: the year by value (breaker10e P14).
    const match = YEAR.exec(numbersByValue(textOf(field.value)).trim());
    const year = match ? Number(match[1]) : NaN;
    if (isPlanYear(year)) return year;
    problems.push({
      row: field.row,
      reason: `The plan year "${textOf(field.value)}" is not a year such as 2026.`,
      reasonZh: `方案年度“${textOf(field.value)}”不是有效的年份，请写作 2026 这样的四位数字。`,
    });
    return 0;
  }
  // A year sent as null is a year not given (a form's empty field), not a year called "null".
  if (options.year !== undefined && options.year !== null) {
    if (isPlanYear(options.year)) return options.year;
    problems.push({
      row: null,
      reason: `The plan year ${options.year} is not a year such as 2026.`,
      reasonZh: `方案年度 ${options.year} 不是有效的年份，请写作 2026 这样的四位数字（2000 至 2100 年）。`,
    });
    return 0;
  }
  // A plan over several years (三年行动计划（2026—2028年）) is of its first year, never its last (breaker10m P6: read as 2028).
  const spanInTitle = yearSpanIn(title);
  if (spanInTitle) return spanInTitle.first;
  // A year typed in full-width digits (２０２６年) or Chinese numerals (二〇二六年: breaker10e P14) is the same year.
  const inTitle = /((?:19|20|21)\d{2})\s*年/.exec(numbersByValue(title));
  if (inTitle) return Number(inTitle[1]);
  return null;
}
