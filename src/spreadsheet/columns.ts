import type { Cell } from './cells.js';

/*
 * Columns as importers declare them, and the loose matching of a file's column names and keys
 * against them: letter case, spaces, _ and -, and remarks in brackets such as 完成时限（必填）
 * do not matter.
 */

export interface ColumnSpec {
  /** How problems name the column, e.g. `牵头单位 (lead unit)`. */
  readonly label: string;
  readonly aliases: readonly string[];
  readonly required: boolean;
  /**
   * A required column of deadlines missing from the header stands in a column headed by one of these names (工作目标, 整改目标)
   * whose every filled cell reads as a deadline (`deadlineIn`): read as this column, told (issue 10: a plan whose deadlines
   * stood under 工作目标 only was refused for its missing 完成时限). Declarations only: the sheet is read off the main thread.
   */
  readonly orDeadlinesUnder?: readonly string[];
  /**
   * Names that mean this column only when no column of `aliases` is there: 序号 is the item code
   * of a list without an 编号 column.
   */
  readonly fallbackAliases?: readonly string[];
  /**
   * The key the left one of two columns of this key is read as, when no column of that key is there: a 任务分解 headed
   * 重点任务 | 具体事项 (or 工作任务 | 具体任务) names the task a row belongs to, then the row's own item — the broader on the left
   * is the category (session 24: the left was read as every item's title and the right dropped, or the header refused).
   */
  readonly leftOfTwoIs?: string;
  /**
   * Several columns may say it; their cells are joined, one per line: 牵头单位 | 配合单位 | 协办单位
   * all name units, and a list cell reads one name per line.
   */
  readonly several?: boolean;
  /** A required column that may be missing when one of these is there (牵头单位, when 责任单位 lists the lead first). */
  readonly orInstead?: readonly string[];
  /**
   * Columns that never stand in for this required one, though a reader might think so: a file with
   * only 配合单位 has no lead (breaker10i P9). When this column is missing and one of these is there,
   * the refusal names it.
   */
  readonly neverInstead?: readonly string[];
  /**
   * The cell that names a record (事项, 问题). A row whose first cell numbers a section (一 / 一、 /
   * （一）) and that has nothing but a text in such a column is a section row written in the table's
   * own columns; a row whose first cell is a whole section title (一、平台建设) and whose naming cells
   * are empty is a section row too, whatever else it holds.
   */
  readonly names?: boolean;
  /**
   * The column names units, in this role: `'lead'` (牵头单位) or `'others'` (责任单位, 配合单位, a 台账's one unit column). A symbol
   * the sheet's legend makes the lead's mark (注：*为牵头单位, 责任单位（★为牵头单位）) is read in its cells (import P4): dropped
   * under `'lead'`, read as the mark （牵头） under `'others'` (the lead of a one-column cell; against the column where a 牵头单位
   * column names another lead), and a symbol no legend explains is refused naming the unit.
   */
  readonly units?: 'lead' | 'others';
  /**
   * A text written line by line, a line per row under a merged record (具体要求, 工作措施): a row
   * holding only such a line — even one numbered 二、… — continues the record above, never a
   * section row.
   */
  readonly lines?: boolean;
  /**
   * The column holds days (完成时限, 整改时限, 发现日期, 交办日期): a bare five-digit number in it is read as Excel's day serial
   * (46203 → 2026-06-30, `excelSerialDayOf`), and the table tells so naming the cells (issue 10: read silently).
   */
  readonly days?: boolean;
  /**
   * The column holds identifiers (编码, 编号, 序号, 类别编号): an XLSX number cell is read as its number format shows it — `000`
   * shows 1 as 001, `0.00` shows 1.1 as 1.10 — never as the bare number (breaker46-10 S2, M3: codes 001, 002, 010 registered as
   * 1, 2, 10, and a text 010 beside a number shown 010 made a second code).
   */
  readonly asShown?: boolean;
}

export type Columns<Key extends string> = Readonly<Record<Key, ColumnSpec>>;

/**
 * Headers of the cooperating units (配合单位, 协办单位, 协同单位, 参与单位 …): responsible units that
 * never lead. A file whose only unit column is one of these names no lead, and is refused so
 * (breaker10i P9), never led by the first unit it names. Shared by plans and ledgers.
 */
export const COOPERATING_UNIT_ALIASES: readonly string[] = [
  '配合单位', '配合部门', '配合科室', '配合处室', '配合主体', '协办单位', '协办部门', '协同单位', '协同部门', '协作单位', '协作部门', '参与单位', '参与部门', '参加单位',
  'cooperating units', 'supporting units',
];

/**
 * Headers of a deadline column (完成时限 / 整改时限), plans and 整改台账 alike: the words offices head it with (breaker10m P4:
 * a 台账 headed 计划完成, 完成节点, 预计完成 or 计划完成时间 was read as a plain 问题清单 — the deadline dropped, nothing
 * assigned — or refused as an unread date column). 整改完成时间 / 完成时间 are the day the work is to be done by; the day it
 * was done is 实际完成时间 (`FINISHED_ON_COLUMN_ALIASES`). A goal column (整改目标) is a deadline only when its cells are
 * (`GOAL_COLUMN_ALIASES`).
 */
export const DUE_DATE_ALIASES: readonly string[] = [
  '完成时限', '完成时间', '完成期限', '完成日期', '完成节点', '完成时间节点', '完成时限要求',
  '整改时限', '整改期限', '整改时间', '整改完成时限', '整改完成期限', '整改完成时间', '整改时限要求',
  '计划完成', '计划完成时间', '计划完成时限', '计划完成日期', '计划完成期限', '计划完成节点',
  '预计完成', '预计完成时间', '预计完成日期', '要求完成时间', '规定完成时间', '应完成时间', '目标完成时间',
  '时限', '期限', '时限要求', '时间要求', '时间节点', '节点时间', '截止日期', '截止时间', '办结时限', '办结期限',
  '目标时限', '整改目标时限', '整改目标及时限', '整改目标和时限', '目标及时限',
  'due date', 'deadline', 'due by', 'due', 'target date', 'planned completion', 'planned completion date', 'time limit',
];

/**
 * Headers of a goal column (整改目标, 工作目标): most 整改台账 write the goal there in words (链接全部有效) beside their 整改时限,
 * so it is no deadline column by its header; but some write the deadline there (2026年6月底前) and have no other. A ledger
 * without a deadline column reads such a column as its deadlines when every filled cell is one (`isDeadlineColumn`).
 */
export const GOAL_COLUMN_ALIASES: readonly string[] = ['整改目标', '工作目标', '目标', '目标要求', '整改目标要求', '完成目标', '目标任务', 'goal', 'target'];

/** A section row above a record (一、稳增长 is level 1, （一）… level 2), outermost first. */
export interface Section {
  readonly level: 1 | 2;
  readonly code: string;
  readonly title: string;
  readonly row: number;
}

export interface SourceRecord<Key extends string> {
  readonly row: number;
  readonly cells: Readonly<Partial<Record<Key, Cell>>>;
  /** The section rows the record stands under, outermost first; none in YAML, JSON or a flat sheet. */
  readonly sections?: readonly Section[];
  /** The XLSX sheet the row is on, when the table was read over several sheets. */
  readonly sheet?: string;
  /**
   * The row's non-blank cells in columns no key means (`Table.unusedColumns`), with their headers: for an import to read
   * what they say of the row (状态 已销号: breaker10k P1). Absent when there are none.
   */
  readonly others?: readonly { readonly label: string; readonly cell: Cell }[];
  /** The keys whose XLSX cell on this row is filled in by a vertical merge from a row above (a 序号 merged over two rows). */
  readonly mergedDown?: readonly Key[];
  /**
   * The keys read from one unit heading split by level (牵头单位 over 市级 | 区县): the cell joins the levels' units, each level's
   * units that column's (a lead at each level). Absent when none.
   */
  readonly byLevel?: readonly Key[];
  /**
   * The row's XLSX date cells that show a month and day but no year (`m"月"d"日"`), by key: the day as shown, as stored (with the year
   * Excel took from the day it was typed) and the cell (breaker10r P25). The cell itself holds the stored date. Absent when none.
   */
  readonly withoutYear?: Readonly<Partial<Record<Key, { readonly text: string; readonly stored: string; readonly cell: string }>>>;
  /**
   * The units of a non-lead unit cell that a symbol the table's legend explains marks as the lead (「★青川市教育局」, 注：★为牵头单位), by name
   * as read (without the symbol), each with the symbol written: the cell reads 「青川市教育局（牵头）」, and a refusal of that mark quotes
   * the symbol, never a （牵头） the office did not write (issue 10). Absent when none.
   */
  readonly leadSymbols?: Readonly<Record<string, string>>;
  /**
   * The unit cells, by key, in which the directory read a space as 、 (`recordsWithUnitSpacesRead`: 「A01 A02（牵头）」 reads
   * 「A01、A02（牵头）」), as the file wrote them: for the notice of who leads to quote and explain (breaker54-10 S2). Absent when none.
   */
  readonly spacedUnits?: Readonly<Partial<Record<Key, string>>>;
}

export const normalizedName = (name: string): string =>
  name
    .replace(/[（(][^）)]*[）)]/g, '')
    .replace(/[\s_\-*＊:：]/g, '')
    .toLowerCase();

/**
 * A header naming both roles of one unit column — 牵头（配合）单位, 牵头单位/配合单位, 牵头单位及配合单位, 牵头单位、配合单位, 主办/协办单位 — read as
 * 责任单位: the first unit named leads, the others take part (breaker10r P3: 牵头（配合）单位 was read as 牵头单位, every unit a joint lead;
 * the others were refused 「缺少“牵头单位”列」), as 责任单位（牵头/配合） reads.
 */
const BOTH_ROLES_HEADER =
  /^(?:牵头|主办|主责)(?:单位|部门|科室)?(?:[（(](?:配合|协办|协同|参与|协助)(?:单位|部门|科室)?[）)]|(?:[/／、,，]|及|和|与|或)(?:配合|协办|协同|参与|协助))(?:单位|部门|科室)?$/u;

/** The header as the column dictionary reads it: one naming both roles (`BOTH_ROLES_HEADER`) is 责任单位. */
const headerAsRead = (name: string): string => (BOTH_ROLES_HEADER.test(name.normalize('NFKC').replace(/\s+/gu, '')) ? '责任单位' : name);

/** The key a column name or field name means, or undefined; `fallback` also tries `fallbackAliases`. */
export function columnOf<Key extends string>(columns: Columns<Key>, name: string, fallback = false): Key | undefined {
  const wanted = normalizedName(headerAsRead(name));
  if (wanted === '') return undefined;
  const names = (key: Key) => [key, ...columns[key].aliases, ...(fallback ? (columns[key].fallbackAliases ?? []) : [])];
  return (Object.keys(columns) as Key[]).find((key) => names(key).some((alias) => normalizedName(alias) === wanted));
}

/**
 * How 整改台账 and 整改方案 published by offices head their measures column besides 整改措施 (breaker10n P15: a 台账 headed
 * 整改要求 or 整改措施及要求 lost every row's measures — listed as not imported, or refused as a column of work no import
 * reads). `aliases` always mean the measures; `fallbackAliases` (整改要求, 整改方案, 整改思路: also the name of a whole
 * document) only when the file has no column named as measures, so a file with both keeps 整改措施 and lists the other.
 */
export const MEASURES_IN_RECTIFICATION_WORDS = {
  aliases: ['整改措施及要求', '整改措施和要求', '整改措施与要求', '整改举措及要求', '整改举措和要求'],
  fallbackAliases: ['整改要求', '整改方案', '整改思路', '整改措施要求'],
} as const;

/**
 * Column names that carry responsibility, time or work: units (责任主体, 责任方, 分工 too), dates and
 * schedules (进度安排), measures (举措). An import never drops such a column silently; it uses it or
 * refuses the file naming it. A column headed otherwise whose cells name units is judged by its
 * cells (`droppedColumnProblems`).
 */
const WEIGHTY_COLUMN = /单位|科室|处室|部门|牵头|配合|协办|主体|责任方|分工|时限|时间|日期|期限|截止|进度|安排|措施|举措|\bunits?\b|department|date|deadline|\bdue\b|measure/i;

/**
 * A column of people, not units: 牵头领导, 责任领导, 分管领导, 责任人, 联系人 (most 分解方案 name the leader over each task).
 * Listed as not imported, never refused as naming units (breaker10i P9) — unless its cells name directory units, which
 * `droppedColumnProblems` still refuses.
 */
const PERSON_COLUMN = /(?:领导|负责人|责任人|联系人|经办人|联络员|姓名)(?:及?(?:电话|联系方式))?$/u;

export const isWeightyColumn = (name: string): boolean => WEIGHTY_COLUMN.test(name) && !PERSON_COLUMN.test(name);

/** A header of people (`PERSON_COLUMN`: 责任人, 联系人, 牵头单位及责任人 …): its cells may name each person's unit before them. */
export const isPersonColumn = (name: string): boolean => PERSON_COLUMN.test(name.replace(/\s+/gu, ''));

export const isBlankCell = (cell: Cell): boolean => cell === null || (typeof cell === 'string' && cell.trim() === '');

/** The key is one of the names, loosely matched. */
export const isNamed = (key: string, names: readonly string[]): boolean =>
  names.some((name) => normalizedName(name) === normalizedName(key));
