import { Severities, type Severity } from '../domain/finding.events.js';
import { documentTitleKey } from '../../shared/document-title.js';
import type { DueDateLimit } from '../../assignments/domain/assignment.commands.js';
import { beyondOverrideReach, overrideReach } from '../../assignments/domain/assignment.decider.js';
import type { AssignmentRole } from '../../assignments/domain/assignment.events.js';
import { markAgainstColumnReason, marksAgainstColumn, textOf, namesInCell, unitRolesInCell, unitRolesNotice, type Cell } from '../../spreadsheet/cells.js';
import { COOPERATING_UNIT_ALIASES, DUE_DATE_ALIASES, GOAL_COLUMN_ALIASES, isNamed, MEASURES_IN_RECTIFICATION_WORDS, type SourceRecord } from '../../spreadsheet/columns.js';
import { readDay, readDeadline } from '../../spreadsheet/deadline-text.js';
import { deadlineCell, partDueOf, sameDueTerms, type DueTerms, type PartDue } from '../../shared/deadline.js';
import { foldedNotices, labelZh, missingColumn, missingColumnBeside, problemAt, sortedProblems, type ImportFormat, type ImportProblem, type ImportResult } from '../../spreadsheet/import-problems.js';
import { collectiveNotice, otherNameNotice, lookupOn, mergedNameNotice, nearReadingNotice, renamedNameNotice, unitNameProblem, unitIdsOf, unitNamesOf, type NamingContext, type RegisteredLater, type ResolvedUnit, type UnitLookup } from '../../organization/units/unit-lookup.js';
import { deadlineIn, droppedColumnProblems, isDeadlineColumn, readingNotesOf, readRecords, recordsWithUnitSpacesRead, remarkNamingUnitProblem, sheetsNamedAfterUnitsProblems, tableBesideProblems, withColumnReadAs } from '../../spreadsheet/records.js';
import { type FileContent } from '../../spreadsheet/text-file.js';
import { isSummarySheet, sectionOfText, type Table } from '../../spreadsheet/sheet.js';
import { say } from '../../shared/domain-error.js';
import { countDistinct, fileBeyondLimitsProblem, FINDINGS_EXPORT_WORDS, FINDINGS_FILE_WORDS } from '../../spreadsheet/file-limits.js';
import { slicer } from '../../shared/event-loop-turns.js';
import { FINISHED_ON_COLUMN_ALIASES, PROGRESS_COLUMN_ALIASES, groupsOf, remarkDeadlineProblem, rowRemarkProblem } from '../../spreadsheet/row-remarks.js';
import { numbersByValue, wordsByValue } from '../../shared/numbers-by-value.js';
import { unreadableLabel, unreadableReasonZh, unreadableText } from '../../shared/readable-text.js';

/*
 * An evaluation's list of findings (问题清单, one finding a row), or a rectification ledger
 * (整改台账): the same problems with their responsible units, deadlines (整改时限) and measures
 * (整改措施). A file with a deadline column is a ledger: every finding is recorded *and* assigned
 * to its units. Checked as a whole, like a plan: every problem with its row, or every finding.
 */

export const findingColumns = {
  // Without a 问题 column, 问题描述 (or 具体表现) names each finding (breaker10 F4).
  title: { label: '问题 (title)', aliases: ['问题', '标题', '问题名称', '存在问题', '主要问题', '问题表述', '反馈问题', '巡察反馈问题', '巡视反馈问题', '督查反馈问题', '督查发现问题', '发现问题', 'title', 'finding'], required: true, names: true, orInstead: ['description'] },
  // Required in a findings list; a ledger may do without (see `LEDGER_DEFAULTS`).
  description: { label: '具体表现 (description)', aliases: ['具体表现', '问题描述', '描述', '问题表现', 'description'], required: false, names: true },
  // The headers published 台账 give these columns (breaker10m P17: 问题分类, 所属领域, 领域… and 问题等级, 严重性, 风险等级… were
  // listed as not imported, every problem recorded 未分类 / 一般, with a notice saying the file had no such column).
  category: {
    label: '类别 (category)',
    aliases: ['类别', '问题类别', '分类', '问题分类', '问题类型', '类型', '所属类别', '所属领域', '领域', '问题领域', '评估指标', '指标类别', 'category'],
    required: false,
  },
  severity: {
    label: '严重程度 (severity)',
    aliases: ['严重程度', '问题严重程度', '严重性', '严重等级', '严重级别', '问题等级', '问题级别', '风险等级', 'severity'],
    required: false,
  },
  units: {
    label: '涉及单位 / 责任单位 (units)',
    aliases: [
      '涉及单位', '责任单位', '责任部门', '责任科室', '责任处室', '相关单位', '整改责任单位',
      // Headers without 单位 that published 整改台账 use for the same units (breaker10d P28).
      '责任主体', '整改主体', '落实主体', '实施主体', '整改责任主体', '责任方', '责任分工', '职责分工', '任务分工', '分工',
      'units concerned', 'concerned units', 'responsible units', 'units',
    ],
    several: true,
    required: false,
    units: 'others',
  },
  // Units concerned in a findings list; in a ledger, responsible units that never lead (breaker10i P9): a ledger with only these names no lead.
  cooperatingUnits: { label: '配合单位 (cooperating units)', aliases: COOPERATING_UNIT_ALIASES, several: true, required: false, units: 'others' },
  leadUnit: { label: '牵头单位 (lead unit)', aliases: ['牵头单位', '牵头部门', '牵头科室', '牵头处室', '牵头责任单位', '主责单位', '主责部门', 'lead unit'], required: false, units: 'lead' },
  dueDate: {
    label: '整改时限 (due date)',
    // The headers offices give it (计划完成, 完成节点, 预计完成时间 …: breaker10m P4), shared with plans.
    aliases: DUE_DATE_ALIASES,
    days: true,
    required: false,
  },
  measures: {
    label: '整改措施 (measures)',
    aliases: ['整改措施', '整改举措', '具体措施', '工作措施', '措施', '工作举措', '具体举措', '主要举措', '举措', 'measures', '整改任务及措施', '整改任务和措施', '整改任务与措施', ...MEASURES_IN_RECTIFICATION_WORDS.aliases],
    // 整改任务 / 整改内容: in a 整改台账 or 整改任务分解方案 the work each problem's rectification takes — its measures, when no column
    // is headed by a measures word (breaker10q P5: listed as not imported, every problem's measures lost; in a plan 整改任务 is the item).
    fallbackAliases: [...MEASURES_IN_RECTIFICATION_WORDS.fallbackAliases, '整改任务', '整改内容'],
    required: false,
  },
  // Rectify's own 整改台账 export writes each row's 状态: its 待交办 and 已撤销 rows are read (breaker11e P13), nothing else of it.
  status: { label: '状态 (status)', aliases: ['状态', 'status'], required: false },
  // Read only for what a remark says about its row (已完成, 已取消, 移至…: breaker10e P11); still listed as not imported.
  remarks: { label: '备注 (remarks)', aliases: ['备注', '备注说明', '附注', 'remarks', 'remark', 'note', 'notes'], required: false },
  // 整改完成情况 / 是否整改 and 实际完成时间: read only for what they say about the row, like 备注 (breaker10i P10); listed as not imported.
  // In Rectify's own export 整改情况 is the app's record: not read.
  progress: { label: '整改情况 (progress)', aliases: PROGRESS_COLUMN_ALIASES, several: true, required: false },
  finishedOn: { label: '实际完成时间 (finished on)', aliases: FINISHED_ON_COLUMN_ALIASES, several: true, required: false },
  identifiedOn: {
    label: '发现日期 (identified on)',
    aliases: ['发现日期', '发现时间', '问题发现日期', '问题发现时间', '反馈日期', 'identified on', 'identifiedon'],
    days: true,
    required: false,
  },
  // In a ledger, the day each finding's parts were assigned (breaker8e P4: a 台账 kept with its 交办日期 was refused whole).
  assignedOn: {
    label: '交办日期 (assigned on)',
    aliases: ['交办日期', '交办时间', '交办日', '分办日期', '分办时间', '派发日期', '下发日期', 'assigned on', 'assignedon'],
    days: true,
    required: false,
  },
} as const;

type FindingKey = keyof typeof findingColumns;

/**
 * The one scale of severity words, file and app alike: 一般 (LOW), 较重 (MEDIUM), 严重 (HIGH), as
 * Chinese evaluation reports grade problems; the web app labels the grades with the same words
 * (web/src/labels.ts SEVERITY_LABEL). Other words offices use land on the grade they mean: 轻微 and
 * 一般问题 on 一般; 较严重 and 中 on 较重; 重大 and 高 on 严重 (breakers' G3, breaker10 F25).
 */
export const SEVERITY_WORDS: Readonly<Record<string, Severity>> = {
  一般: 'LOW',
  轻微: 'LOW',
  较轻: 'LOW',
  低: 'LOW',
  较重: 'MEDIUM',
  较严重: 'MEDIUM',
  比较严重: 'MEDIUM',
  中: 'MEDIUM',
  严重: 'HIGH',
  重大: 'HIGH',
  特别严重: 'HIGH',
  高: 'HIGH',
};

export function severityOf(text: string): Severity | undefined {
  const word = text.normalize('NFKC').replace(/\s+/g, '');
  const upper = word.toUpperCase();
  // 一般问题 / 严重问题: the word with 问题 after it.
  return Severities.find((severity) => severity === upper) ?? SEVERITY_WORDS[word] ?? SEVERITY_WORDS[word.replace(/问题$/, '')];
}

/** One unit's part of a ledger finding: the unit, its role and its due date (`YYYY-MM-DD`). */
export interface ImportedPart {
  readonly unit: ResolvedUnit;
  readonly role: AssignmentRole;
  readonly dueDate: string;
  /** How the due date is read (立行立改, 常态化 …); BY_DATE for a plain day. */
  readonly terms: DueTerms;
  /** The row that names the unit. */
  readonly row: number;
  /**
   * The collective name (各区县政府, 市直各部门) the unit was read from, as written; absent for a unit named on its own. A recorded
   * finding sent again reads such a name as it stood when the finding was recorded (newcomer56-10 S1).
   */
  readonly collective?: string;
}

/**
 * A row (or one unit's part, `unit`) due before its finding was identified: `identified` is the day the finding was identified, from
 * its 发现日期 cell or, `dayOfTheImport`, the import's own (问题认定日期, --identified-on, else today) — the day `earlyDueProblems` says
 * to set to the real one.
 */
export interface EarlyDue {
  readonly row: number;
  readonly sheet?: string;
  readonly day: string;
  readonly identified: string;
  readonly unit?: string;
  readonly dayOfTheImport?: true;
}

/**
 * Each early due day (`EarlyDue`) as its row's problem. The first of those due before the import's identification day
 * (`dayOfTheImport`) also says how many there are and the likely cause — a 台账 entered late with 问题认定日期 left at today — with
 * both ways on (newcomer45-10 M4: only the first such row was named, and the fix was in the field's help only).
 */
export function earlyDueProblems(days: readonly EarlyDue[]): ImportProblem[] {
  const byImport = days.filter((each) => each.dayOfTheImport);
  const earliest = byImport.map((each) => each.day).sort()[0];
  return days.map((early) => {
    const whose = early.unit === undefined ? { en: 'The due date (整改时限)', zh: '整改时限' } : { en: `The due date (整改时限) of ${early.unit}`, zh: `${early.unit}的整改时限` };
    const advised = early === byImport[0];
    const count = byImport.length > 1 ? { en: ` ${byImport.length} due dates of the file are before that day.`, zh: `本文件共 ${byImport.length} 处整改时限早于该日期：` } : { en: '', zh: '' };
    return {
      row: early.row,
      ...(early.sheet === undefined ? {} : { sheet: early.sheet }),
      reason: `${whose.en} ${early.day} is before the day the finding was identified (${early.identified}).${advised ? `${count.en} A ledger entered late gives the day its findings were identified (问题认定日期, --identified-on; on or before ${earliest}); else correct the due dates.` : ''}`,
      reasonZh: `${whose.zh}（${early.day}）早于问题发现日期（${early.identified}）。${advised ? `${count.zh}如是补录以往的整改台账，请在“问题认定日期”中填写问题实际认定的日期（不晚于 ${earliest}）后重新导入；如发现日期无误，请更正整改时限。` : ''}`,
    };
  });
}

/** What RecordFinding needs, besides the evaluation: the units resolved to ids. */
export interface ImportedFinding {
  /** The finding's first row. */
  readonly row: number;
  /** The XLSX sheet of that row, when the file was read over several sheets. */
  readonly sheet?: string;
  readonly title: string;
  readonly description: string;
  readonly category: string;
  readonly severity: Severity;
  /** 整改措施, one line per distinct text of the finding's rows; '' when the file gives none. */
  readonly measures: string;
  readonly concernedUnits: readonly ResolvedUnit[];
  /** In a ledger: the parts to assign, the LEAD (or joint LEADs) first. Empty in a findings list. */
  readonly parts: readonly ImportedPart[];
  /** The 发现日期 cell of its first row (`YYYY-MM-DD`), for a file entered late; absent when blank or no such column. */
  readonly identifiedOn?: string;
  /**
   * In a ledger, the 交办日期 of its rows (`YYYY-MM-DD`, one day for all its parts: they are
   * assigned in one decision); absent when blank or no such column.
   */
  readonly assignedOn?: string;
  /**
   * In Rectify's own 台账 export (`FindingsFileReading.exported`): the 状态 of its first row as exported (整改中, 已销号,
   * 已核验, 已撤销（…）): the app's record of a finding the export holds, never a new problem's state (breaker10j P4).
   */
  readonly exportedStatus?: string;
}

export interface FindingsImportOptions {
  readonly format: ImportFormat;
  /** The XLSX sheet to read; the first visible one when absent. */
  readonly sheet?: string;
  readonly lookupUnit: UnitLookup;
  /** The import's office day (`YYYY-MM-DD`): when 立行立改 is due. Without it 立行立改 is refused. */
  readonly today?: string;
  /**
   * The day (`YYYY-MM-DD`) a ledger's parts are assigned, when the import gives one for the whole
   * file; absent, each finding's 发现日期. Unit names are read as of that day (`lookupOn`): a unit
   * merged later is still itself then. Without either, `lookupUnit` as given.
   */
  readonly assignedOn?: string;
  /** The year of deadlines written without one (6月30日, 年底前); without it they are refused. */
  readonly year?: number;
  /**
   * `YYYY-MM-DD`, the day the file's findings were identified (a row's 发现日期 comes first): a
   * deadline without a year that would fall before it is the next such day, said in a notice
   * (breaker10d P32: a 台账 drawn up in October that says 6月底前 means next June).
   */
  readonly identifiedOn?: string;
  /**
   * `YYYY-MM-DD`, the day a standing part (常态化, 每季度) is kept up until and inspected by: the
   * approved rectification plan's inspection deadline, else the latest day a finding's part may be due before one is
   * (`findingDueDateLimit`); absent, the last day of the year after `year` — never the end of `year` itself, weeks away for
   * a 台账 imported in December (newcomer43-10 #6).
   */
  readonly standingUntil?: string;
  /**
   * The approved rectification plan's inspection deadline, when there is one: a part due after it
   * is refused naming its row, with every other problem of the file (assigning would refuse it too).
   */
  readonly dueDateLimit?: DueDateLimit | null;
  /**
   * A supervisor's 特批理由 for due dates past `dueDateLimit`: each such row is read, and listed in
   * a notice naming the override (breaker10e P4); one past the override's reach (`overrideReach`:
   * a year typed 2206 for 2026) is refused all the same.
   */
  readonly dueDateOverrideReason?: string;
  /**
   * The title of the evaluation the file is imported under: Rectify's own export names each row's
   * evaluation (评估), and a file of another evaluation's problems is refused (breaker10e P12).
   */
  readonly evaluationTitle?: string;
  /**
   * The titles of the other registered evaluations: a 评估 column (any file's, not only Rectify's export) naming one of
   * them (`evaluationNameKey`) says its problems are that evaluation's, and the file is refused (breaker10g P21).
   */
  readonly otherEvaluationTitles?: readonly string[];
}

/**
 * An evaluation's title as a 评估 cell names it: the key that makes two titles one report when it is registered
 * (`documentTitleKey`: NFKC, spaces, numbers by value, 《》“” quotes, 年度 as 年, a version remark such as （终稿）)
 * — `《青川市2025年度…报告》` names `青川市2025年度…报告`, so a 评估 cell names the evaluation it would be refused as.
 */
export const evaluationNameKey = documentTitleKey;

/** The 状态 words of Rectify's own 整改台账 export (src/exports/export-table.ts) that the import reads. */
const WITHDRAWN_STATUS = '已撤销';
const UNASSIGNED_STATUS = '待交办';
/** The XLSX 台账 export's title row (src/exports/export-table.ts): `<evaluation>整改台账（截至 …）`, a unit's `<evaluation>整改台账（<unit>的任务，截至 …）`; the evaluation captured. */
const LEDGER_EXPORT_TITLE = /^(.+?)整改台账[（(](?:[^，,（）()]+?的任务[，,])?截至[^）)]*[）)]$/u;
/** A column only Rectify's export has, beside 状态: together they say the file is that export. */
const EXPORT_SIGNATURE = '红黄绿灯';
/** The export's columns that record progress in the app (LEDGER_COLUMNS), not what an import records. */
/** Headers of a column naming the evaluation a 台账's problems come from, as offices write them (breaker10g P21, breaker10h P5). */
const EVALUATION_HEADERS: readonly string[] = ['评估', '所属评估', '评估报告', '评估名称', '评估项目', '问题来源', '来源'];
const EXPORT_PROGRESS_COLUMNS: readonly string[] = ['评估', '报告日期', '整改情况', '督查结果', '退回情况', '红黄绿灯', '销号日期'];

/** Limits of RecordFindingInput, checked here so that no finding of the list fails later. */
const MAX_TITLE = 200;
const MAX_DESCRIPTION = 5000;
const MAX_CATEGORY = 50;
const MAX_MEASURES = 5000;

/** What a ledger without a 具体表现, 类别 or 严重程度 column records, said in the result's notices. */
const LEDGER_DEFAULTS = {
  description: say('No 具体表现 column: each finding is described by its 问题 text', '没有“具体表现”列：每个问题以其“问题”文字作为描述'),
  category: say('No 类别 column: each finding is in the category of its section row (一、…), or 未分类', '没有“类别”列：每个问题归入其所在的分节行（一、…），否则为“未分类”'),
  severity: say('No 严重程度 column: every finding is recorded as 一般 (LOW)', '没有“严重程度”列：所有问题按“一般”记录'),
} as const;
const UNCATEGORISED = '未分类';

/**
 * A column under a header this import does not read whose every filled cell is a severity word (一般, 较重, 严重, 高 …:
 * `severityOf`): refused naming the column and a cell, never dropped with each problem recorded 一般 (breaker10m P17: 问题性质
 * and the like; the headers offices usually give it are read as 严重程度). Judged by its cells, as a column of units is
 * (`droppedColumnProblems`). A column whose cells are not all severity words (问题性质: 共性问题) stays not imported.
 */
function severityColumnProblems(table: { readonly unusedColumns: readonly { readonly name: string; readonly weighty: boolean; readonly texts?: readonly string[] }[] }): ImportProblem[] {
  return table.unusedColumns.flatMap((column) => {
    const filled = (column.texts ?? []).map((text) => text.trim()).filter((text) => text !== '');
    if (column.weighty || filled.length === 0 || !filled.every((text) => severityOf(text) !== undefined)) return [];
    return [
      {
        row: null,
        reason: `Column ${column.name} gives each problem's severity (such as ${filled[0]}) but its header is not one this import reads, so every problem would be recorded as 一般 (LOW): head it 严重程度 and import again.`,
        reasonZh: `“${column.name}”列写的是问题的严重程度（如“${filled[0]}”），但该表头不是本导入读取的列名，导入后所有问题都会按“一般”记录：请把表头改为“严重程度”后重新导入。`,
      },
    ];
  });
}

/**
 * The rows of an export of several evaluations (总览's 整改台账: a 评估 column naming each row's) that belong to the evaluation
 * imported under: its own rows and rows with the 评估 cell blank (added below by the office), with a notice naming the rows
 * left out and whose they are. Null when nothing is left out (one evaluation's export, no 评估 column, nothing picked), or when
 * no row is the picked evaluation's (then the file is another evaluation's: refused as such).
 */
function rowsOfPickedEvaluation<Key extends string>(table: Table<Key>, evaluationTitle: string | undefined): { table: Table<Key>; notice: ImportProblem } | null {
  if (evaluationTitle === undefined) return null;
  const pickedKey = evaluationNameKey(evaluationTitle);
  const evaluationOf = (record: SourceRecord<Key>) => textOf(record.others?.find((other) => other.label === '评估')?.cell ?? null);
  const others = table.records.filter((record) => evaluationOf(record) !== '' && evaluationNameKey(evaluationOf(record)) !== pickedKey);
  if (others.length === 0 || others.length === table.records.length) return null;
  const titles = [...new Set(others.map(evaluationOf))];
  const rows = others.map((record) => record.row);
  const listed = rows.length <= 10 ? rows.join('、') : `${rows.slice(0, 10).join('、')} 等`;
  return {
    table: { ...table, records: table.records.filter((record) => !others.includes(record)) },
    notice: problemAt(
      null,
      say(
        `This 整改台账 export holds several evaluations' problems: the rows of "${evaluationTitle}" (and rows with no 评估) are read; ${rows.length} rows of ${titles.map((title) => `"${title}"`).join(', ')} are left out (rows ${rows.join(', ')}): import them under that evaluation.`,
        `本文件是本系统导出的多个评估的整改台账：只读取评估“${evaluationTitle}”的行（及未填“评估”的新增行）；评估${titles.map((title) => `“${title}”`).join('、')}的 ${rows.length} 行未导入（第 ${listed} 行），如需导入请在该评估下导入。`,
      ),
    ),
  };
}

/** `exported`: the file is Rectify's own 整改台账 export (its 状态 and 红黄绿灯 columns), its rows the app's record of findings. */
/**
 * A reading of a 问题清单 or 台账: its findings, or every problem. `sheets`: the XLSX sheets read when there were several — each
 * problem and finding then names its own (`sheet`), and a refusal names them all and hints at --sheet, never the first for every row.
 */
/** A finding's own facts a ledger may leave without a column (`LEDGER_DEFAULTS`): recorded by default then, so never compared with a finding recorded before. */
export type DefaultedFindingFact = keyof typeof LEDGER_DEFAULTS;

export type FindingsFileReading = ImportResult<'findings', readonly ImportedFinding[]> & {
  readonly ledger?: boolean;
  readonly exported?: true;
  readonly sheets?: readonly string[];
  /** A ledger's facts the file has no column for (具体表现, 类别, 严重程度): each finding's is the default; absent when it has every column. */
  readonly absentColumns?: readonly DefaultedFindingFact[];
};

/** Where a table was read, for a reading's result: its sheets when several (`sheets`), else its one sheet (`sheet`), else nothing. */
const whereRead = (table: { readonly sheet: string | null; readonly sheets: readonly string[] }): { sheet?: string; sheets?: readonly string[] } =>
  table.sheets.length > 1 ? { sheets: table.sheets } : table.sheet === null ? {} : { sheet: table.sheet };

/**
 * Every finding of the file, or every problem: missing fields, unknown severities and units, a
 * finding listed twice; in a ledger also a row without units or deadline, several lead units, a
 * deadline that is not a day (standing and recurring deadlines are not yet importable here).
 * In a ledger, rows that leave 问题 blank or repeat the row above's (merged cells: one finding
 * over several unit rows) add their units to that finding, each with its row's deadline.
 */
/** The problems a findings table's rows name: one per distinct title (or 具体表现 where a row has no title); an export's rows of one problem's units are one. Pure, O(rows). */
function findingCount(records: readonly SourceRecord<FindingKey>[]): number {
  return countDistinct(records, (record) => textOf(record.cells.title ?? record.cells.description ?? null).trim());
}

export async function importFindings(content: FileContent, options: FindingsImportOptions): Promise<FindingsFileReading> {
  const read = await readRecords(content, options.format, findingColumns, ['findings', '问题清单', '整改台账'], 'finding', { sheet: options.sheet });
  // Rows refused as read (an unexplained mark, an error value) are checked with the others: one refusal says all (issue 10).
  const beside = tableBesideProblems(read);
  if (!read.ok && !beside) return { ok: false, problems: sortedProblems(read.problems), ...((read.sheets ?? []).length > 1 ? { sheets: read.sheets } : read.sheet ? { sheet: read.sheet } : {}) };
  const readingProblems = beside?.problems ?? [];
  const readAs = read.ok ? read.table : beside!.table;
  // More rows or problems than any 台账 has (a repeated paste, the wrong file) are refused at once, before any row is checked: a
  // 20 000-row 台账 took 189 s and kept 600 MB (breaker52-10 S4). Problems are counted by title — the export writes a row per unit.
  // Rectify's own export of an evaluation holding more than a file may (two imports of 5 000 + 38, breaker57-10 M1) is no wrong file:
  // said as what it is, with the way on (its new rows as a file of their own).
  const ownExport = readAs.records.some((record) => 'status' in record.cells) && readAs.unusedColumns.some((column) => column.name === EXPORT_SIGNATURE);
  const tooMany = fileBeyondLimitsProblem(readAs.records.length, findingCount(readAs.records), ownExport ? FINDINGS_EXPORT_WORDS : FINDINGS_FILE_WORDS);
  if (tooMany) return { ok: false, problems: [tooMany], ...whereRead(readAs) };
  // A goal column (整改目标) whose every cell is a deadline, in a file with no deadline column, is the 台账's deadlines
  // (breaker10m P4: read as a 问题清单, nothing assigned); one of goals in words stays not imported.
  const goalDeadlines = readAs.records.some((record) => 'dueDate' in record.cells)
    ? undefined
    : readAs.unusedColumns.find((column) => !column.appRecord && isNamed(column.name, GOAL_COLUMN_ALIASES) && isDeadlineColumn(column.texts ?? []));
  const goalTable = goalDeadlines ? withColumnReadAs<FindingKey>(readAs, goalDeadlines.name, 'dueDate') : readAs;
  // A file with no column of units kept one unit per sheet (sheets named 青川市财政局, 青川市教育局): each sheet's unit (breaker10n P5).
  const bySheet = sheetNamesAsUnits(goalTable, options.lookupUnit);
  if (bySheet.problem) return { ok: false, problems: [...readingProblems, bySheet.problem], ...whereRead(goalTable) };
  // Rectify's own 整改台账 export (状态 and 红黄绿灯 beside the 台账's columns): its progress columns are the app's record, not the import's.
  const exported = bySheet.table.records.some((record) => 'status' in record.cells) && bySheet.table.unusedColumns.some((column) => column.name === EXPORT_SIGNATURE);
  // 总览's export holds every evaluation's rows: imported under one, its rows (and rows added below with no 评估) are read, the others'
  // left out and named (newcomer37 S26: the whole file was refused, whichever evaluation was picked).
  const picked = exported ? rowsOfPickedEvaluation(bySheet.table, options.evaluationTitle) : null;
  const pickedTable = picked?.table ?? bySheet.table;
  // 「A01 A02（牵头）」: a space between units the directory knows read as 、 (breaker54-10 S2), before any reader of roles.
  const table = { ...pickedTable, records: await recordsWithUnitSpacesRead(pickedTable.records, ['units', 'leadUnit', 'cooperatingUnits'], options.lookupUnit.namesOneUnit) };
  const isSpreadsheet = options.format === 'csv' || options.format === 'xlsx';
  const ledger = table.records.some((record) => 'dueDate' in record.cells);
  const has = (key: FindingKey) => table.records.some((record) => key in record.cells);
  // The columns read for what they say about their row (完成情况, 实际完成时间), by the names the file gives them.
  const progressHeaders = [...(table.headers?.progress ?? []), ...(table.headers?.finishedOn ?? [])];
  const order = (name: string) => EXPORT_PROGRESS_COLUMNS.indexOf(name);
  const progressColumns = exported
    ? [...table.unusedColumns.map((column) => column.name), ...progressHeaders].filter((name) => order(name) >= 0).sort((a, b) => order(a) - order(b))
    : [];
  const readTable = exported ? { ...table, unusedColumns: table.unusedColumns.map((column) => (progressColumns.includes(column.name) ? { ...column, weighty: false, appRecord: true as const } : column)) } : table;
  // Another evaluation's export (last year's 台账) would record all its problems again under this one (breaker10e P12).
  // A 评估 column of any file that names another registered evaluation (the wrong item picked in 所属评估, breaker10g P21).
  const pickedKey = options.evaluationTitle === undefined ? null : evaluationNameKey(options.evaluationTitle);
  const registeredOthers = new Map((options.otherEvaluationTitles ?? []).map((title) => [evaluationNameKey(title), title] as const));
  // The XLSX export's title row names its evaluation (`…评估报告整改台账（截至 …）`): with the 评估 column deleted, it still says whose
  // problems these are, when it names another registered evaluation (breaker10j P4).
  const titledFor = LEDGER_EXPORT_TITLE.exec(table.title ?? '')?.[1]?.trim();
  const titledOther = titledFor !== undefined && pickedKey !== null && evaluationNameKey(titledFor) !== pickedKey && registeredOthers.has(evaluationNameKey(titledFor)) ? [registeredOthers.get(evaluationNameKey(titledFor))!] : [];
  const otherEvaluations = picked?.notice
    ? []
    : exported && options.evaluationTitle !== undefined
      ? [...new Set([...(table.unusedColumns.find((column) => column.name === '评估')?.texts ?? []).filter((text) => wordsByValue(text) !== wordsByValue(options.evaluationTitle!)), ...titledOther])]
      : titledOther;
  // The column may be headed as offices head it: 所属评估 (the 导入 page's own label), 评估报告, 评估名称, 问题来源, 来源 (breaker10h P5).
  const evaluationColumns = table.unusedColumns.filter((column) => EVALUATION_HEADERS.includes(column.name.replace(/\s+/gu, '')));
  const evaluationHeader = evaluationColumns[0]?.name ?? '评估';
  const namedOthers = exported || pickedKey === null
    ? []
    : [...new Set(evaluationColumns.flatMap((column) => column.texts ?? []).map((text) => evaluationNameKey(text)).filter((key) => key !== pickedKey && registeredOthers.has(key)))].map((key) => registeredOthers.get(key)!);
  if (namedOthers.length > 0) {
    const named = namedOthers.map((title) => `“${title}”`).join('、');
    return {
      ok: false,
      problems: [
        ...readingProblems,
        {
          row: null,
          reason: `The file's ${evaluationHeader} column names the registered evaluation ${namedOthers.map((title) => `"${title}"`).join(', ')}, not "${options.evaluationTitle}" it is imported under: import it under that evaluation. If its problems are this evaluation's, remove the ${evaluationHeader} column (or write this evaluation in it) and import again.`,
          reasonZh: `本文件“${evaluationHeader}”列写的是已登记的评估${named}，不是本次导入的评估“${options.evaluationTitle}”：请在“所属评估”中选择该评估后导入；如确是本评估发现的问题，请删去“${evaluationHeader}”列（或改写为本评估）后导入。`,
        },
      ],
      ...(table.sheet === null ? {} : { sheet: table.sheet }),
    };
  }
  if (otherEvaluations.length > 0) {
    const named = otherEvaluations.map((title) => `“${title}”`).join('、');
    return {
      ok: false,
      problems: [
        ...readingProblems,
        {
          row: null,
          reason: `This file is Rectify's own 整改台账 export of the evaluation ${otherEvaluations.map((title) => `"${title}"`).join(', ')}, not of "${options.evaluationTitle}" it is imported under: those problems are recorded there, with their progress, and are not recorded again. A problem this evaluation found again is recorded on its own (登记问题), or in the office's own 台账 of this evaluation.`,
          reasonZh: `本文件是本系统导出的整改台账，其中的问题属于评估${named}，不是本次导入的评估“${options.evaluationTitle}”：这些问题及其整改进展已在原评估中登记，请在原评估下查看，不重复登记。本评估再次发现的问题，请逐条登记（登记问题），或用本评估自己的整改台账导入。`,
        },
      ],
      ...(table.sheet === null ? {} : { sheet: table.sheet }),
    };
  }
  const isUnitName = (name: string) => unitNamesOf(options.lookupUnit, name).ok;
  const problems: ImportProblem[] = [
    ...readingProblems,
    ...droppedColumnProblems(readTable, {
      en: 'a findings list records each problem, the units it concerns and its measures; a rectification ledger (整改台账) also has a 整改时限 column',
      zh: '问题清单记录问题、涉及单位和整改措施；整改台账还需有“整改时限”列',
      deadlineHeader: '整改时限',
      ...(table.headers?.dueDate?.[0] === undefined ? {} : { deadlinesReadFrom: table.headers.dueDate[0] }),
    }, isUnitName),
    ...severityColumnProblems(readTable),
    // A sheet named after a unit (a 问题清单 or 台账 kept one sheet per unit) whose rows do not name it: refused, never problems
    // with no unit (breaker10n P5).
    ...sheetsNamedAfterUnitsProblems(
      table.records,
      (name) => unitIdsOf(options.lookupUnit, name),
      (record) => [record.cells.units, record.cells.leadUnit, record.cells.cooperatingUnits].flatMap((cell) => namesInCell(cell ?? null)),
      ledger ? '牵头单位或责任单位' : '责任单位（涉及单位）',
    ),
  ];
  const notices: ImportProblem[] = bySheet.notice ? [bySheet.notice] : [];
  if (picked?.notice) notices.push(picked.notice);
  if (goalDeadlines) {
    notices.push(
      problemAt(
        table.headerRow,
        say(
          `Column ${goalDeadlines.name} gives a deadline on every row (such as ${deadlineIn(goalDeadlines.texts ?? [])}) and the file has no other: read as the 整改时限.`,
          `“${goalDeadlines.name}”列每行写的都是时限（如“${deadlineIn(goalDeadlines.texts ?? [])}”），文件中没有其他时限列：按“整改时限”读取。`,
        ),
      ),
    );
  }
  if (exported) {
    notices.push(
      problemAt(
        table.headerRow,
        say(
          `This is Rectify's own 整改台账 export: its progress columns (状态, ${progressColumns.join(', ')}) are the app's record and are not imported; findings recorded before are left as they are, new rows are recorded.`,
          `本文件是本系统导出的整改台账：状态、${progressColumns.join('、')}等进展列是系统中的记录，不导入；已登记的问题保持原样，新增的行照常登记。`,
        ),
      ),
    );
  }
  const missingColumns: ImportProblem[] = [];
  for (const key of ['description', 'category', 'severity'] as const) {
    if (!isSpreadsheet || has(key) || table.records.length === 0) continue;
    // Over several sheets each has its own header row: the notice is the file's, never 「第 2 行」 of no sheet (breaker42-10 F7).
    if (ledger) notices.push(problemAt(table.sheets.length > 1 ? null : table.headerRow, LEDGER_DEFAULTS[key]));
    else missingColumns.push(missingColumn(table.headerRow, findingColumns[key].label, findingColumns[key].aliases, table.unusedColumns.map((column) => column.name)));
  }
  // A ledger with no column of units at all is refused for the column, never row by row as if each row left its cell blank (breaker10d P30).
  if (ledger && isSpreadsheet && table.records.length > 0 && !has('units') && !has('leadUnit')) {
    // 配合单位 / 协同单位 alone: units that take part, none that leads (breaker10i P9).
    missingColumns.push(
      has('cooperatingUnits')
        ? missingColumnBeside(table.headerRow, findingColumns.leadUnit.label, [labelZh(findingColumns.cooperatingUnits.label)], ['责任单位 (responsible units)'])
        : missingColumn(table.headerRow, findingColumns.units.label, findingColumns.units.aliases, table.unusedColumns.map((column) => column.name)),
    );
  }
  // A findings list without its columns is refused as a whole, as a sheet without a required column is.
  if (missingColumns.length > 0) return { ok: false, problems: [...problems, ...missingColumns], ...whereRead(table) };
  if (!ledger && table.records.some((record) => textOf(record.cells.assignedOn ?? null) !== '')) {
    problems.push({
      row: null,
      reason: 'Column 交办日期 (assigned on) dates the assignment of the findings, which needs a deadline: add a 整改时限 column (a rectification ledger), or remove it.',
      reasonZh: '“交办日期”列是交办问题的日期，交办需要整改时限：请增加“整改时限”列（作为整改台账导入），或删去该列。',
    });
  }
  if (!ledger && has('leadUnit')) {
    problems.push({
      row: null,
      reason: 'Column 牵头单位 (lead unit) assigns the findings, which needs a deadline: add a 整改时限 column (a rectification ledger), or remove it.',
      reasonZh: '“牵头单位”列用于交办问题，交办需要整改时限：请增加“整改时限”列（作为整改台账导入），或删去该列。',
    });
  }

  const drafts: FindingDraft[] = [];
  // Thousands of rows are checked on the main thread: in slices, so other requests are answered meanwhile (breaker12d P3) — row by
  // row, not finding by finding: one finding continued over hundreds of rows (问题 blank, a merged cell) held /health 7–14 s (breaker55-10 S1).
  const pause = slicer();
  for (const record of table.records) {
    await pause();
    const cells = record.cells;
    // A row the export marks 已撤销 is a withdrawn finding's: the app keeps it, the import never brings it back.
    if (textOf(cells.status ?? null).startsWith(WITHDRAWN_STATUS)) {
      notices.push({
        row: record.row,
        reason: `Row of a withdrawn finding (${textOf(cells.status ?? null)}): not imported.`,
        reasonZh: `该行是已撤销的问题（${textOf(cells.status ?? null)}）：不导入。`,
        ...(record.sheet === undefined ? {} : { sheet: record.sheet }),
      });
      continue;
    }
    // A row a remark marks done, cancelled or moved is no open problem to record (breaker10e P7, P11).
    const labelled = (key: 'progress' | 'finishedOn') =>
      exported || cells[key] === undefined ? [] : [{ label: (table.headers?.[key] ?? []).join('、') || labelZh(findingColumns[key].label), cell: cells[key]! }];
    // 状态 of an office's 台账 (not Rectify's export, whose 状态 is the app's record) and every column nothing reads (当前状态, 核查结果 …),
    // the category, the section rows above and the sheet's name: status words anywhere the office writes them (breaker10k P1, P9, P10).
    const others = exported ? [] : [...(textOf(cells.status ?? null) === '' ? [] : [{ label: (table.headers?.status ?? []).join('、') || '状态', cell: cells.status! }]), ...(record.others ?? [])];
    const remarked = rowRemarkProblem(
      record.row,
      {
        deadline: cells.dueDate,
        remarks: cells.remarks,
        title: cells.title,
        category: cells.category,
        progress: labelled('progress'),
        finishedOn: labelled('finishedOn'),
        others,
        groups: groupsOf(record, table.sheet),
      },
      '整改时限',
      record.sheet,
      '问题',
    );
    if (remarked) problems.push(remarked);
    // A 备注 naming a unit of the directory gives it no part: refused, never dropped (breaker10m P5).
    const remarkUnit = remarkNamingUnitProblem(record.row, textOf(cells.remarks ?? null), isUnitName, ledger ? '牵头单位或责任单位' : '责任单位（涉及单位）', record.sheet);
    if (remarkUnit) problems.push(remarkUnit);
    // A remark giving a new deadline (经批准延期至2026年12月31日) is refused, never dropped with the parts due on the old day (breaker50-10 S8).
    const remarkDeadline = remarkDeadlineProblem(
      record.row,
      { deadline: cells.dueDate, ...(cells.remarks === undefined ? {} : { remarks: { label: (table.headers?.remarks ?? []).join('、') || '备注', cell: cells.remarks } }), others: record.others ?? [] },
      '整改时限',
      record.sheet,
    );
    if (remarkDeadline) problems.push(remarkDeadline);
    const title = titleOf(record);
    const previous = drafts.at(-1);
    // A finding never continues onto another sheet (a ledger kept one unit per sheet).
    const continues =
      ledger && previous !== undefined && previous.rows[0]!.sheet === record.sheet && (title === '' ? namesInCell(cells.units ?? null).length + namesInCell(cells.cooperatingUnits ?? null).length + namesInCell(cells.leadUnit ?? null).length > 0 : title === previous.title);
    if (continues) previous.rows.push(record);
    else drafts.push({ title, rows: [record] });
  }

  const firstRowOfTitle = new Map<string, SourceRecord<FindingKey>>();
  const findings: ImportedFinding[] = [];
  /**
   * Rows whose 整改时限 is before the finding was identified: said only beside the file's other problems, so that the clerk fixes the
   * file once (issue 10: a row's unknown unit hid its own date, refused only on the next try); alone, the part's decision refuses it.
   */
  const earlyDue: EarlyDue[] = [];
  for (const draft of withoutSummaryCopies(drafts, notices, problems)) {
    await pause();
    const found = problems.length;
    const [first] = draft.rows as [SourceRecord<FindingKey>];
    const { row } = first;
    const { title } = draft;
    const field = (key: 'description' | 'category' | 'severity'): string => {
      const values = draft.rows.map((each) => textOf(each.cells[key] ?? null));
      const other = draft.rows.find((each, index) => index > 0 && values[index] !== '' && values[index] !== values[0]);
      if (other) {
        problems.push({
          row: other.row,
          reason: `This row continues finding "${title}" (row ${row}) but gives another ${findingColumns[key].label}: "${textOf(other.cells[key] ?? null)}".`,
          reasonZh: `本行续写第 ${row} 行的问题“${title}”，但${findingColumns[key].label.split(' ')[0]}不同：“${textOf(other.cells[key] ?? null)}”。`,
        });
      }
      if (!isSpreadsheet && !(key in first.cells)) {
        problems.push({ row, reason: `Missing field ${findingColumns[key].label} in this finding.`, reasonZh: `这条问题缺少字段“${labelZh(findingColumns[key].label)}”。` });
      }
      return values[0]!;
    };

    if (title === '') problems.push({ row, reason: 'Missing title (问题).', reasonZh: '缺少问题名称。' });
    else if (title.length > MAX_TITLE) problems.push({ row, reason: `The title is longer than ${MAX_TITLE} characters.`, reasonZh: `问题名称超过 ${MAX_TITLE} 个字。` });
    else if (firstRowOfTitle.has(findingTitleKey(title))) {
      const earlier = firstRowOfTitle.get(findingTitleKey(title))!;
      // On another sheet, the row is named with its sheet (breaker10c P8).
      const elsewhere = earlier.sheet !== undefined && earlier.sheet !== first.sheet;
      // A 台账 kept one unit per sheet, or sorted by unit, lists a problem two units share on each one's rows (breaker10q P9: refused
      // with no advice): say how the file says one problem of several units, and how it tells two problems apart.
      problems.push({
        row,
        reason:
          `Finding "${title}" is listed twice: already on row ${earlier.row}${elsewhere ? ` of sheet "${earlier.sheet}"` : ''}.` +
          (ledger
            ? ' If it is one problem several units rectify, put its rows together, under its first row (问题 may be left blank on the rows below it), joint lead units named together in the first row\'s 牵头单位; if they are two problems, word their titles apart.'
            : ' If they are two problems, word their titles apart; if one, remove this row.'),
        reasonZh:
          `问题“${title}”重复列出：${elsewhere ? `工作表“${earlier.sheet}”` : ''}第 ${earlier.row} 行已有。` +
          (ledger
            ? '如是几个单位共同整改的同一问题，请把这些行移到一起、放在该问题第一行之下（下方各行的“问题”可留空），联合牵头的单位在第一行的牵头单位中一并写明；如是不同的问题，请改写问题名称以示区别。'
            : '如是不同的问题，请改写问题名称以示区别；如是同一问题，请删去本行。'),
      });
    } else firstRowOfTitle.set(findingTitleKey(title), first);

    const withDefault = (key: 'description' | 'category' | 'severity', fallback: string): string => {
      if (ledger && !(key in first.cells)) return fallback;
      return field(key);
    };
    const given = (key: FindingKey) => isSpreadsheet || key in first.cells;
    const descriptionHeader = (table.headers?.description ?? [])[0];
    // A 台账 row whose 具体表现 cell is blank reads as a 台账 without the column does: the 问题 text, told (newcomer53-10 M4: one blank
    // cell refused a file that would import without the column). A findings list (评估问题清单) still asks for it.
    const written = withDefault('description', title);
    const blankInLedger = ledger && title !== '' && written === '' && 'description' in first.cells;
    const description = blankInLedger ? title : written;
    if (blankInLedger) {
      const header = descriptionHeader ?? '具体表现';
      notices.push({
        row,
        reason: `The "${header}" cell (the finding's description) is empty: recorded as the problem's title "${title}", as a 台账 without that column is.`,
        reasonZh: `“${header}”为空：按问题名称“${title}”记录具体表现（与没有该列的台账相同）。如需另写，请填写后重新导入。`,
      });
    }
    if (description === '' && given('description')) {
      // Named by the file's own header (问题描述, 问题表现 …), not only the import's word (newcomer52-10 M5: 「缺少具体表现」 in a file
      // with no such column).
      const header = descriptionHeader;
      problems.push(
        header === undefined || header === '具体表现'
          ? { row, reason: 'Missing description (具体表现).', reasonZh: '缺少具体表现。' }
          : {
              row,
              reason: `The "${header}" cell (the finding's description, 具体表现) is empty: fill it in — it may repeat the problem's title.`,
              reasonZh: `“${header}”为空：请填写该问题的具体表现（可与问题名称相同）。`,
            },
      );
    }
    else if (description.length > MAX_DESCRIPTION) {
      problems.push({ row, reason: `The description is longer than ${MAX_DESCRIPTION} characters.`, reasonZh: `具体表现超过 ${MAX_DESCRIPTION} 个字。` });
    }
    const category = withDefault('category', first.sections?.[0]?.title ?? (first.sheet === undefined ? undefined : sectionOfText(first.sheet)?.title) ?? UNCATEGORISED);
    if (category === '' && given('category')) problems.push({ row, reason: 'Missing category (类别).', reasonZh: '缺少类别。' });
    else if (category.length > MAX_CATEGORY) problems.push({ row, reason: `The category is longer than ${MAX_CATEGORY} characters.`, reasonZh: `类别超过 ${MAX_CATEGORY} 个字。` });

    const severityText = withDefault('severity', 'LOW');
    const severity = severityOf(severityText);
    if (!severity && given('severity')) {
      problems.push({
        row,
        ...(severityText === ''
          ? { reason: 'Missing severity (严重程度).', reasonZh: '缺少严重程度。' }
          : {
              reason: `Unknown severity "${severityText}": use LOW, MEDIUM or HIGH (一般, 较重 or 严重).`,
              reasonZh: `严重程度“${severityText}”无法识别：请填写一般、较重或严重。`,
            }),
      });
    }

    const measures = [...new Set(draft.rows.map((each) => textOf(each.cells.measures ?? null)).filter((text) => text !== ''))].join('\n');
    const unreadable = unreadableLabel(title) ?? unreadableText(description) ?? unreadableLabel(category) ?? unreadableText(measures);
    if (unreadable) problems.push({ row, reason: `The text of finding "${title}" ${unreadable}.`, reasonZh: `问题“${title}”的文字${unreadableReasonZh(unreadable)}。` });
    if (measures.length > MAX_MEASURES) {
      problems.push({ row, reason: `The measures (整改措施) are longer than ${MAX_MEASURES} characters.`, reasonZh: `整改措施超过 ${MAX_MEASURES} 个字。` });
    }

    const identifiedOn = identifiedOnOf(first, problems);
    const assignedOn = ledger ? assignedOnOf(draft.rows, problems) : undefined;
    // Names mean the units of the day the work was given (a unit merged later is still itself then).
    const lookupUnit = lookupOn(options.lookupUnit, assignedOn ?? options.assignedOn ?? identifiedOn);
    // A 待交办 row of the export names no unit yet: the finding is recorded unassigned.
    const unassigned = ledger && draft.rows.every((each) => textOf(each.cells.status ?? null) === UNASSIGNED_STATUS && namesInCell(each.cells.units ?? null).length + namesInCell(each.cells.cooperatingUnits ?? null).length + namesInCell(each.cells.leadUnit ?? null).length === 0);
    const units = unassigned
      ? []
      : ledger
        ? await partsOf(draft.rows, pause, { ...options, lookupUnit, ...(identifiedOn ? { identifiedOn } : {}), ...(assignedOn ? { today: assignedOn } : {}), ...(exported ? { exported: true as const } : {}) }, problems, notices)
        : concernedUnitsOf(first, lookupUnit, problems, notices);
    const identified = identifiedOn ?? options.identifiedOn;
    if (ledger && identified !== undefined) {
      for (const each of draft.rows) {
        const cell = each.cells.dueDate ?? null;
        const reading = textOf(cell) === '' ? null : readDeadline(cell, { year: options.year, notBefore: identified });
        const day = reading?.ok && 'dueDate' in reading.deadline ? reading.deadline.dueDate : null;
        if (day === null || day >= identified) continue;
        earlyDue.push({ row: each.row, day, identified, ...(each.sheet === undefined ? {} : { sheet: each.sheet }), ...(identifiedOn === undefined ? { dayOfTheImport: true as const } : {}) });
      }
    }
    // Read over several sheets, each problem names the finding's sheet.
    if (first.sheet !== undefined) for (let index = found; index < problems.length; index += 1) problems[index] = { ...problems[index]!, sheet: first.sheet };
    if (problems.length === found && severity) {
      findings.push({
        row,
        ...(first.sheet === undefined ? {} : { sheet: first.sheet }),
        title,
        description,
        category,
        severity,
        measures,
        concernedUnits: ledger ? (units as ImportedPart[]).map((part) => part.unit) : (units as ResolvedUnit[]),
        parts: ledger ? (units as ImportedPart[]) : [],
        ...(identifiedOn ? { identifiedOn } : {}),
        ...(assignedOn ? { assignedOn } : {}),
        ...(exported ? { exportedStatus: textOf(first.cells.status ?? null) } : {}),
      });
    }
  }
  if (table.records.length === 0) problems.push({ row: null, reason: 'The file lists no findings.', reasonZh: '文件中没有列出任何问题。' });
  if (problems.length > 0) return { ok: false, problems: sortedProblems([...problems, ...earlyDueProblems(earlyDue)]), ...whereRead(table) };
  // 状态 is read only for the export's 待交办 and 已撤销 rows: it is still a column not imported.
  // 备注, read for what it says of its row only, is listed last, where offices put it.
  // The export's progress columns in its order; an office's 完成情况 / 实际完成时间 after the columns nothing reads.
  const notes = readingNotesOf(readTable, [
    ...(has('status') ? ['状态'] : []),
    ...progressColumns,
    ...readTable.unusedColumns.filter((column) => !column.weighty && !progressColumns.includes(column.name)).map((column) => column.name),
    ...(exported ? [] : progressHeaders),
    ...(has('remarks') ? ['备注'] : []),
  ]);
  // One notice in the same words of many rows (各区县政府 on each) is said once, naming its rows (newcomer45-10 M5).
  const allNotices = foldedNotices([...notices, ...(notes.notices ?? [])]);
  const absentColumns = ledger ? (['description', 'category', 'severity'] as const).filter((key) => !has(key)) : [];
  return { ok: true, findings, ledger, ...(exported ? { exported: true as const } : {}), ...(absentColumns.length === 0 ? {} : { absentColumns }), ...notes, ...(allNotices.length === 0 ? {} : { notices: allNotices }), ...(table.sheets.length > 1 ? { sheets: table.sheets } : {}) };
}

/**
 * A list number at the start of a cell — 1. 1、 1） （1） (1) 一、 （一） ① — which numbers the
 * problem in its list, not the problem: a ledger without a 序号 column numbers them in the cell,
 * and renumbers them when one is inserted (breaker10b N21). `1.5万份` keeps its number.
 */
const LIST_NUMBER = /^\s*(?:\d{1,3}\s*[.．、)）](?!\d)|[（(]\s*(?:\d{1,3}|[一二三四五六七八九十]{1,3})\s*[)）]\s*[、.．]?|[一二三四五六七八九十]{1,3}\s*[、.．]|[\u2460-\u2473])\s*/u;

/** The text without its list number (see `LIST_NUMBER`); unchanged when nothing would remain. */
export const withoutListNumber = (text: string): string => {
  const plain = text.replace(LIST_NUMBER, '');
  return plain.trim() === '' ? text : plain.trim();
};

/**
 * What made two titles the same problem before session 15: the words with their numbers as
 * written (三处 was not 3处). Kept only to find findings imported under it (`importedFindingId`).
 */
export const findingTitleKeyAsWritten = (title: string): string =>
  withoutListNumber(title)
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[。.,，;；:：!！?？、]+$/u, '');

/**
 * What makes two titles the same problem: the words, whatever list number starts them,
 * half- or full-width forms (NFKC: （专栏） is (专栏), ， is ,), spaces and trailing punctuation
 * (breaker10b N21), and numbers by value whatever their script (`numbersByValue`: 三处 is 3处,
 * 二〇二五年 is 2025年 — breaker10e P2). A re-sent ledger retyped in WPS records nothing again.
 */
export const findingTitleKey = (title: string): string => numbersByValue(findingTitleKeyAsWritten(title));

/** A finding's title: its 问题 cell, or, in a file with no 问题 column, its 问题描述 (具体表现), without its list number. */
const titleOf = (record: SourceRecord<FindingKey>): string =>
  withoutListNumber(textOf((record.cells.title === undefined ? record.cells.description : record.cells.title) ?? null));

/** The 发现日期 of a finding's first row as a day, undefined when blank (or not a day: the problem noted). */
function identifiedOnOf(record: SourceRecord<FindingKey>, problems: ImportProblem[]): string | undefined {
  const cell = record.cells.identifiedOn ?? null;
  if (textOf(cell) === '') return undefined;
  const day = readDay(cell);
  if (day) return day;
  problems.push({
    row: record.row,
    reason: `The day identified (发现日期) "${textOf(cell)}" is not a day: write it as 2026-03-20 or 2026年3月20日.`,
    reasonZh: `发现日期“${textOf(cell)}”不是具体日期：请写作 2026-03-20 或 2026年3月20日。`,
  });
  return undefined;
}

/**
 * The 交办日期 of a ledger finding's rows as one day, undefined when every cell is blank. A cell
 * that is not a day, or a row giving another day than the finding's first dated row, is a problem
 * naming its row: the finding's parts are assigned in one decision, on one day (a unit given its
 * part later is assigned on the finding's page, 交办).
 */
function assignedOnOf(rows: readonly SourceRecord<FindingKey>[], problems: ImportProblem[]): string | undefined {
  let found: { day: string; row: number } | undefined;
  for (const { row, cells } of rows) {
    const cell = cells.assignedOn ?? null;
    if (textOf(cell) === '') continue;
    const day = readDay(cell);
    if (!day) {
      problems.push({
        row,
        reason: `The assignment day (交办日期) "${textOf(cell)}" is not a day: write it as 2026-03-20 or 2026年3月20日.`,
        reasonZh: `交办日期“${textOf(cell)}”不是具体日期：请写作 2026-03-20 或 2026年3月20日。`,
      });
    } else if (found === undefined) {
      found = { day, row };
    } else if (found.day !== day) {
      problems.push({
        row,
        reason: `This row gives the finding another assignment day (交办日期 ${day}) than row ${found.row} (${found.day}): a finding's units are assigned together, on one day; import it with one day and assign the unit given its part later on the finding's page (交办).`,
        reasonZh: `本行的交办日期（${day}）与第 ${found.row} 行（${found.day}）不同：一个问题的各单位一并交办，只有一个交办日期；请按同一日期导入，后来交办的单位在问题页面另行交办。`,
      });
    }
  }
  return found?.day;
}

/**
 * A 问题清单 or 台账 with no column of units (涉及单位 / 责任单位, 牵头单位, 配合单位) laid out one unit per sheet — sheets named
 * 青川市财政局, 青川市教育局 (or 一、青川市财政局) — gives each sheet's problems its unit (breaker10n P5: recorded with no unit,
 * silently): every record is read as if its 责任单位 cell named its sheet, so a list's problems concern that unit and a 台账's
 * are assigned to it as the lead, with a notice naming the sheets. Sheets some of which name units and some not, or a sheet
 * name that could be several units (or is near one's without being its name), are refused naming the sheets. A file whose
 * sheets name no unit (Sheet1, 一、网站建设), or that has a unit column, is returned as it is.
 */
function sheetNamesAsUnits(
  table: Table<FindingKey>,
  lookupUnit: UnitLookup,
): { readonly table: Table<FindingKey>; readonly notice?: ImportProblem; readonly problem?: ImportProblem } {
  const sheetOf = (record: SourceRecord<FindingKey>) => record.sheet ?? table.sheet ?? undefined;
  const hasUnits = table.records.some((record) => 'units' in record.cells || 'leadUnit' in record.cells || 'cooperatingUnits' in record.cells);
  if (hasUnits || table.records.length === 0 || table.records.some((record) => sheetOf(record) === undefined)) return { table };
  const sheets = [...new Set(table.records.map((record) => sheetOf(record)!))];
  const unitNameOf = (sheet: string) => sectionOfText(sheet)?.title ?? sheet.trim();
  const read = sheets.map((sheet) => ({ sheet, named: unitNamesOf(lookupUnit, unitNameOf(sheet)) }));
  const units = read.filter(({ named }) => named.ok);
  const unsure = read.filter(({ named }) => !named.ok && !named.unknown);
  if (units.length === 0 && unsure.length === 0) return { table };
  const quoted = (names: readonly string[]) => names.map((name) => `“${name}”`).join('');
  const others = read.filter(({ named }) => !named.ok).map(({ sheet }) => sheet);
  if (unsure.length > 0 || others.length > 0) {
    const why = unsure.map(({ sheet, named }) => (named.ok ? null : { sheet, reason: named.reason, reasonZh: named.reasonZh }))[0];
    const unitSheets = units.map(({ sheet }) => sheet);
    return {
      table,
      problem: {
        row: null,
        reason:
          `The file has no column of units (责任单位) and its sheets are named after units${unitSheets.length > 0 ? ` (${unitSheets.map((name) => `"${name}"`).join(', ')})` : ''}, ` +
          `but ${others.map((name) => `"${name}"`).join(', ')} ${others.length > 1 ? 'are' : 'is'} not the name of one unit of the directory${why ? ` (${why.reason})` : ''}: ` +
          `add a 责任单位 column naming each problem's units, or name every sheet after its unit, and import again.`,
        reasonZh:
          `文件没有“责任单位”列，工作表以单位命名${unitSheets.length > 0 ? `（${quoted(unitSheets)}）` : ''}，但工作表${quoted(others)}不是单位名录中某一个单位的名称${why ? `（${why.reasonZh}）` : ''}：` +
          `请增加“责任单位”列写明每个问题的单位，或把每个工作表命名为其单位，然后重新导入。`,
      },
    };
  }
  const ledger = table.records.some((record) => 'dueDate' in record.cells);
  const readAs = (sheet: string) => {
    const named = read.find((each) => each.sheet === sheet)!.named;
    return named.ok && named.readAs ? named.readAs : unitNameOf(sheet);
  };
  const list = sheets.map((sheet) => `“${sheet}”${readAs(sheet) === sheet ? '' : `（${readAs(sheet)}）`}`).join('、');
  const listEn = sheets.map((sheet) => `"${sheet}"${readAs(sheet) === sheet ? '' : ` (${readAs(sheet)})`}`).join(', ');
  return {
    table: {
      ...table,
      headers: { ...(table.headers ?? {}), units: [] },
      records: table.records.map((record) => ({ ...record, cells: { ...record.cells, units: unitNameOf(sheetOf(record)!) } })),
    },
    notice: {
      row: null,
      reason: ledger
        ? `The file has no column of units: each sheet's problems are assigned to the unit the sheet is named after, as lead: ${listEn}.`
        : `The file has no column of units: each sheet's problems concern the unit the sheet is named after: ${listEn}.`,
      reasonZh: ledger ? `文件没有“责任单位”列：各工作表的问题按工作表名称所指的单位交办（牵头）：${list}。` : `文件没有“责任单位”列：各工作表的问题按工作表名称所指的单位记为涉及单位：${list}。`,
    },
  };
}

/** A finding as the file gives it: its title and its rows (several in a ledger laid out unit by unit). */
interface FindingDraft {
  readonly title: string;
  readonly rows: SourceRecord<FindingKey>[];
}

/** The unit columns of a 台账 as a refusal of a name in them says them (newcomer46-10 M1), as the marks against a column are said. */
const LEAD_COLUMN = { en: 'lead unit (牵头单位)', zh: '牵头单位' } as const;
const UNITS_COLUMN = { en: 'responsible unit (责任单位)', zh: '责任单位' } as const;
const COOPERATING_COLUMN = { en: 'cooperating unit (配合单位)', zh: '配合单位' } as const;

/** The merged units' notices already told, by the list they were told in. */
const mergedNamesTold = new WeakMap<ImportProblem[], Set<string>>();

/** The units a name stands for, or none with the problem noted. */
function unitsNamed(
  name: string,
  row: number,
  lookupUnit: UnitLookup,
  problems: ImportProblem[],
  context?: NamingContext,
  /** Where a name of a merged unit (breaker10d P29) or one read as a near unit's (`nearReadingNotice`) is told, once per name. */
  notices?: ImportProblem[],
  /** The column the name is in, as a refusal names it (newcomer46-10 M1: 「第 6 行：单位“…”不在单位名录中」 said no column); absent: 单位. */
  column: { readonly en: string; readonly zh: string } = { en: 'unit', zh: '单位' },
): { units: readonly ResolvedUnit[]; collective: boolean; joined?: true; ownDeadline?: string; registeredLater?: readonly RegisteredLater[] } | null {
  const named = unitNamesOf(lookupUnit, name, context);
  if (named.ok) {
    const merged = notices ? (otherNameNotice(lookupUnit, name) ?? mergedNameNotice(lookupUnit, name) ?? renamedNameNotice(lookupUnit, name) ?? nearReadingNotice(name, named)) : null;
    if (merged) {
      // Told once per name: a set beside the notices, not a scan of them per row (breaker12d P3's kind).
      const told = mergedNamesTold.get(notices!) ?? new Set<string>();
      mergedNamesTold.set(notices!, told);
      if (!told.has(merged.reasonZh)) {
        told.add(merged.reasonZh);
        notices!.push({ row, ...merged });
      }
    }
    return {
      units: named.units,
      collective: named.collective ?? false,
      ...(named.joined ? { joined: true as const } : {}),
      ...(named.ownDeadline === undefined ? {} : { ownDeadline: named.ownDeadline }),
      // A collective's units registered after the day, told by its notice (breaker43-10 F4).
      ...(named.registeredLater === undefined ? {} : { registeredLater: named.registeredLater }),
    };
  }
  problems.push({ row, ...unitNameProblem(named, name, column.en, column.zh) });
  return null;
}

/**
 * A ledger kept as a 汇总 sheet plus one sheet per unit lists each problem twice (breaker10c P8): a
 * 汇总 finding whose rows say what a unit sheet's finding of the same problem says (units, dates,
 * measures) is read once, from the unit's sheet, with a notice; one that says otherwise is a
 * problem naming both sheets. Problems on no other sheet are read from the 汇总.
 */
function withoutSummaryCopies(drafts: readonly FindingDraft[], notices: ImportProblem[], problems: ImportProblem[]): FindingDraft[] {
  const sheetOf = (draft: FindingDraft) => draft.rows[0]!.sheet;
  const own = drafts.filter((draft) => sheetOf(draft) !== undefined && !isSummarySheet(sheetOf(draft)!));
  if (own.length === drafts.length || own.length === 0) return [...drafts];
  const said = (draft: FindingDraft) =>
    draft.rows
      .map((row) => (['leadUnit', 'units', 'cooperatingUnits', 'dueDate', 'measures'] as const).map((key) => textOf(row.cells[key] ?? null).normalize('NFKC').replace(/\s+/g, '')).join('|'))
      .join('\n');
  // The first unit sheet's finding of each title key: found by key, not by comparing each 汇总 row with every unit sheet row (breaker12d P3's kind).
  const ownByKey = new Map<string, FindingDraft>();
  for (const other of own) if (!ownByKey.has(findingTitleKey(other.title))) ownByKey.set(findingTitleKey(other.title), other);
  return drafts.filter((draft) => {
    if (!isSummarySheet(sheetOf(draft) ?? '')) return true;
    const same = draft.title === '' ? undefined : ownByKey.get(findingTitleKey(draft.title));
    if (!same) return true;
    const [summary, kept] = [draft.rows[0]!, same.rows[0]!];
    if (said(draft) === said(same)) {
      notices.push({
        row: null,
        reason: `Row ${summary.row} of sheet "${summary.sheet}" is the same problem as row ${kept.row} of sheet "${kept.sheet}": read once, from "${kept.sheet}".`,
        reasonZh: `工作表“${summary.sheet}”第 ${summary.row} 行与工作表“${kept.sheet}”第 ${kept.row} 行是同一问题：只导入一次（按“${kept.sheet}”）。`,
      });
    } else {
      problems.push({
        row: summary.row,
        sheet: summary.sheet!,
        reason: `Row ${summary.row} of sheet "${summary.sheet}" and row ${kept.row} of sheet "${kept.sheet}" are the same problem "${draft.title}" but differ in units, deadlines or measures: make the two sheets agree, then import again.`,
        reasonZh: `工作表“${summary.sheet}”第 ${summary.row} 行与工作表“${kept.sheet}”第 ${kept.row} 行是同一问题“${draft.title}”，但责任单位、整改时限或整改措施不同：请先使两个工作表一致，再导入。`,
      });
    }
    return false;
  });
}

/** A findings list's units concerned: every unit named, a collective name's members once each. */
function concernedUnitsOf(record: SourceRecord<FindingKey>, lookupUnit: UnitLookup, problems: ImportProblem[], notices: ImportProblem[]): ResolvedUnit[] {
  const concerned: ResolvedUnit[] = [];
  for (const name of [...namesInCell(record.cells.units ?? null), ...namesInCell(record.cells.cooperatingUnits ?? null)]) {
    const named = unitsNamed(name, record.row, lookupUnit, problems, undefined, notices);
    if (named?.collective) notices.push(collectiveNotice(record.row, name, named));
    for (const unit of named?.units ?? []) {
      if (!concerned.some((other) => other.unitId === unit.unitId)) concerned.push(unit);
      else if (!named!.collective) problems.push({ row: record.row, reason: `Unit ${name} is listed twice.`, reasonZh: `单位“${name}”写了两次。` });
    }
  }
  return concerned;
}

/**
 * A ledger finding's parts: the lead unit (the 牵头单位 cell — several names lead jointly, 联合牵头 — or the first unit named) and every
 * other unit as responsible, each due on its row's deadline (a blank deadline on a following row
 * is the one above, as a merged cell reads).
 */
async function partsOf(
  rows: readonly SourceRecord<FindingKey>[],
  pause: () => Promise<void>,
  options: FindingsImportOptions & { readonly exported?: true },
  problems: ImportProblem[],
  notices: ImportProblem[],
): Promise<ImportedPart[]> {
  const parts: ImportedPart[] = [];
  /** Where each unit's part is in `parts`, and the lead units': looked up per name, not scanned — a finding over hundreds of rows naming thousands of units was each-against-each (breaker55-10 S1). */
  const partIndex = new Map<string, number>();
  const leadUnitIds: string[] = [];
  const problemsBefore = problems.length;
  let due: PartDue | null = null;
  /** The finding's lead units as its first 牵头单位 cell names them: several lead jointly (联合牵头). */
  let leadNamesAbove: readonly string[] | null = null;
  /** Units a collective name (各区县政府) stood for: one of them named on its own as well is that part, once. */
  const fromCollective = new Set<string>();
  for (const { row, cells, withoutYear, leadSymbols, spacedUnits } of rows) {
    // One finding's rows are as many as a file's: given back to the event loop between rows (breaker55-10 S1).
    await pause();
    // 「青川市教育局（配合）」 under 牵头单位, 「…（牵头）」 under 配合单位 / 责任单位: refused naming the unit (breaker10n P17) — a ★ read as
    // （牵头） quoted as the ★ written (issue 10).
    const againstColumn =
      'leadUnit' in cells
        ? [
            ...marksAgainstColumn(cells.leadUnit ?? null, 'lead', leadSymbols).map((found) => markAgainstColumnReason(found, 'lead', '牵头单位')),
            ...marksAgainstColumn(cells.units ?? null, 'others', leadSymbols).map((found) => markAgainstColumnReason(found, 'others', '责任单位')),
            ...marksAgainstColumn(cells.cooperatingUnits ?? null, 'others', leadSymbols).map((found) => markAgainstColumnReason(found, 'others', '配合单位')),
          ]
        : marksAgainstColumn(cells.cooperatingUnits ?? null, 'others', leadSymbols).map((found) => markAgainstColumnReason(found, 'others', '配合单位'));
    if (againstColumn.length > 0) {
      problems.push(...againstColumn.map((against) => ({ row, ...against })));
      continue;
    }
    // A one-column 责任单位 that labels its lead (牵头单位：A；配合单位：B, or A（牵头）) says who leads (breaker10c P6).
    const labelled = 'leadUnit' in cells ? null : unitRolesInCell(cells.units ?? null);
    // 「A B（牵头）」 (a space: only B leads) or 「A与B（牵头）」 (both lead): the clerk told who leads (breaker53-10 S2).
    const rolesRead = 'leadUnit' in cells ? null : unitRolesNotice(cells.units ?? null, spacedUnits?.units);
    if (rolesRead) notices.push({ row, ...rolesRead });
    // Every unit marked （配合）: none leads, and the finding is refused for its missing lead (breaker10m P2).
    const roles = labelled && (labelled.lead.length > 0 || labelled.noLead) ? labelled : null;
    const leadNames = roles ? roles.lead : namesInCell(cells.leadUnit ?? null);
    const names = roles ? roles.others : (labelled ? [...labelled.lead, ...labelled.others] : namesInCell(cells.units ?? null));
    // 配合单位 / 协同单位: responsible, never the lead, whatever comes first (breaker10i P9).
    const cooperating = namesInCell(cells.cooperatingUnits ?? null);
    if (leadNames.length === 0 && names.length === 0 && cooperating.length === 0) {
      problems.push({ row, reason: 'No responsible unit (责任单位): a ledger row names the units that rectify it.', reasonZh: '未写责任单位：整改台账的每一行须写明负责整改的单位。' });
      continue;
    }
    // 整改时限 shown as 6月30日 (m"月"d"日"), its year hidden: read as the words it shows, in the file's year (breaker10r P25: read with the
    // year Excel stored when it was typed — 2025 for a 台账 drawn up in December — the part due before it was assigned).
    const shownDay = withoutYear?.dueDate !== undefined && options.year !== undefined && !options.exported ? withoutYear.dueDate : undefined;
    const rowDue = dueDateOf(shownDay?.text ?? cells.dueDate ?? null, row, options, problems, notices);
    if (shownDay && rowDue && 'dueDate' in rowDue && rowDue.dueDate !== shownDay.stored) {
      notices.push({
        row,
        reason: `Cell ${shownDay.cell} holds the date ${shownDay.stored} but shows only "${shownDay.text}": read as in ${options.year}, ${rowDue.dueDate}.`,
        reasonZh: `单元格 ${shownDay.cell} 存的日期是 ${shownDay.stored}，但只显示“${shownDay.text}”：按 ${options.year} 年读作 ${rowDue.dueDate}。`,
      });
    }
    if (rowDue === undefined) continue;
    if (rowDue !== null) due = rowDue;
    if (due === null) {
      problems.push({ row, reason: 'Missing due date (整改时限).', reasonZh: '缺少整改时限。' });
      continue;
    }
    const limit = options.dueDateLimit;
    const overridden = options.dueDateOverrideReason;
    if (rowDue !== null && limit && rowDue.dueDate > limit.latest && overridden !== undefined) {
      if (rowDue.dueDate > overrideReach(limit.latest)) {
        const past = beyondOverrideReach(rowDue.dueDate, limit);
        problems.push({ row, reason: `Due date (整改时限) ${rowDue.dueDate} ${past.en}`, reasonZh: `整改时限 ${rowDue.dueDate} 晚于${past.zh}` });
        continue;
      }
      notices.push({
        row,
        reason: `Due date (整改时限) ${rowDue.dueDate} is after ${limit.setBy.en} (${limit.latest}): assigned by the supervisor's override "${overridden}".`,
        reasonZh: `整改时限 ${rowDue.dueDate} 晚于${limit.setBy.zh}（${limit.latest}），按特批理由“${overridden}”登记。`,
      });
    } else if (rowDue !== null && limit && rowDue.dueDate > limit.latest) {
      problems.push({
        row,
        reason: `Due date (整改时限) ${rowDue.dueDate} is after ${limit.setBy.en} (${limit.latest}); only a supervisor may set it later, with an override and its reason (the import's overrideReason).`,
        reasonZh: `整改时限 ${rowDue.dueDate} 晚于${limit.setBy.zh}（${limit.latest}）；如确需延后，请督办人员在上方“超出整改期限的特批理由”中填写理由后重新导入。`,
      });
      continue;
    }
    // Without a 牵头单位 column the first unit of the finding's first row leads, as ledgers list them.
    // The first unit of a one-column 责任单位 leads; written 「A与B」 (A和B, A及B …) only A does, B is responsible, as 「A、B」 reads
    // (lead's decision, session 27) — in a 牵头单位 cell 「A与B」 lead jointly (breaker10m P1).
    const named = [
      // 「牵头单位：A与B」 in the one column (or 「A与B」 the first unmarked after 「C（配合）」): one name, A leads (task 10.5, breaker10n P16).
      // 「A与B（牵头）」: the mark is the pair's, both lead (breaker10o P3).
      ...leadNames.map((name) => ({ name, lead: true, firstOfUnits: roles !== null && leadNames.length === 1 && !roles.leadMarked, column: roles ? UNITS_COLUMN : LEAD_COLUMN })),
      ...names.map((name, index) => {
        const first = !roles && !('leadUnit' in cells) && parts.length === 0 && index === 0;
        return { name, lead: first, firstOfUnits: first, column: UNITS_COLUMN };
      }),
      ...cooperating.map((name) => ({ name, lead: false, firstOfUnits: false, column: COOPERATING_COLUMN })),
    ];
    const firstLeadRow = leadNamesAbove === null;
    for (const { name, lead, firstOfUnits, column } of named) {
      if (lead && !firstLeadRow && !leadNamesAbove!.includes(name)) {
        problems.push({
          row,
          reason: `Lead unit ${name} is not among the lead units above (${leadNamesAbove!.join('、')}): lead units leading jointly (联合牵头) are named together in the finding's first 牵头单位 cell.`,
          reasonZh: `牵头单位“${name}”不在上方的牵头单位（${leadNamesAbove!.join('、')}）之中：联合牵头的单位须在该问题第一行的牵头单位中一并列明。`,
        });
        continue;
      }
      if (lead && !firstLeadRow) {
        // The lead named again on a row continuing the finding, with a later deadline of its own (breaker10r P10: kept the first row's,
        // silently — the lead red on 1 April with its June measure still open): its part is due on the latest of its rows, told naming
        // both. Not in Rectify's own export, whose every row repeats the leads beside one unit's part and that unit's deadline.
        if (rowDue !== null && !options.exported) {
          for (const index of leadUnitIds.map((id) => partIndex.get(id)!)) {
            const part = parts[index]!;
            if (part.role !== 'LEAD' || rowDue.dueDate <= part.dueDate) continue;
            const named = unitNamesOf(options.lookupUnit, name);
            if (!named.ok || !named.units.some((unit) => unit.unitId === part.unit.unitId)) continue;
            parts[index] = { ...part, dueDate: rowDue.dueDate, terms: rowDue.terms };
            notices.push({
              row,
              reason: `Lead unit ${name} is named again on row ${row} (continuing row ${part.row}) with a later deadline: its part is due on the latest of its rows, ${deadlineCell(rowDue.terms, rowDue.dueDate)} (row ${part.row} said ${deadlineCell(part.terms, part.dueDate)}).`,
              reasonZh: `牵头单位“${name}”在第 ${row} 行（续第 ${part.row} 行）再次列明，时限较晚：其任务按其各行中最晚的时限 ${deadlineCell(rowDue.terms, rowDue.dueDate)} 计（第 ${part.row} 行为 ${deadlineCell(part.terms, part.dueDate)}）。`,
            });
          }
        }
        continue;
      }
      // 各科室 means the sections of the finding's lead unit.
      const found = unitsNamed(name, row, options.lookupUnit, problems, { leadUnitIds }, notices, column);
      if (!found) continue;
      // 各区县政府 in a 台账 is told as a plan tells it: 「“各区县政府”即 N 个单位：…」 (breaker43-10 F8).
      // 各区县政府 as 牵头单位 (or first in a one-column 责任单位): each of its units leads (联合牵头), as naming them one by one
      // does, as a plan reads it (breaker43-10 F8: refused as 「只能是一个单位」).
      if (found.collective) notices.push(collectiveNotice(row, name, found, undefined, lead ? 'lead' : undefined));
      // The unit's own deadline in its bracket (breaker10r P9: 「澜州市财政局（9.30前）」, （立行立改）, （长期坚持） were dropped): its part is due so, told.
      let unitDue: PartDue = due;
      if (found.ownDeadline !== undefined) {
        const own = dueDateOf(found.ownDeadline, row, options, problems, notices);
        if (!own) continue;
        if (options.dueDateLimit && own.dueDate > options.dueDateLimit.latest && options.dueDateOverrideReason === undefined) {
          const limit = options.dueDateLimit;
          problems.push({
            row,
            reason: `${name}: its own deadline ${own.dueDate} is after ${limit.setBy.en} (${limit.latest}); only a supervisor may set it later, with an override and its reason.`,
            reasonZh: `“${name}”括号中的时限 ${own.dueDate} 晚于${limit.setBy.zh}（${limit.latest}）；如确需延后，请督办人员在上方“超出整改期限的特批理由”中填写理由后重新导入。`,
          });
          continue;
        }
        if (own.dueDate !== due.dueDate || !sameDueTerms(own.terms, due.terms)) {
          unitDue = own;
          notices.push({
            row,
            reason: `"${name}": the deadline in its bracket is that unit's own: its part is due ${deadlineCell(own.terms, own.dueDate)} (the row's other units ${deadlineCell(due.terms, due.dueDate)}).`,
            reasonZh: `“${name}”括号中的时限是该单位自己的时限：其任务按 ${deadlineCell(own.terms, own.dueDate)} 计（本行其他单位按 ${deadlineCell(due.terms, due.dueDate)}）。`,
          });
        }
      }
      for (const [index, unit] of found.units.entries()) {
        // 「A与B」 first in a one-column 责任单位: A leads, B is responsible.
        const leading = lead && !(firstOfUnits && found.joined === true && index > 0);
        const alreadyAt = partIndex.get(unit.unitId);
        const already = alreadyAt === undefined ? undefined : parts[alreadyAt]!;
        // 各区县政府 beside a county named on its own (or the lead) means the others as well; a county named after it is one of them.
        if (already && (found.collective || fromCollective.has(unit.unitId))) continue;
        if (found.collective) fromCollective.add(unit.unitId);
        // The lead written again as 责任单位 on its own row (as Rectify's export writes it: a row per part, each 牵头单位 cell
        // naming every joint lead — newcomer28 S4 was refused 「重复列出」 on the second lead's row): one part, leading, due on
        // its own row's deadline when the row gives one.
        if (already && already.role === 'LEAD' && !leading && (already.row === row || leadNames.includes(name))) {
          if (already.row !== row && rowDue !== null) parts[alreadyAt!] = { ...already, dueDate: rowDue.dueDate, terms: rowDue.terms };
          continue;
        }
        if (already) problems.push({ row, reason: `Unit ${name} is listed twice for this finding.`, reasonZh: `单位“${name}”在同一问题中重复列出。` });
        else {
          partIndex.set(unit.unitId, parts.length);
          if (leading) leadUnitIds.push(unit.unitId);
          parts.push({ unit, role: leading ? 'LEAD' : 'RESPONSIBLE', dueDate: unitDue.dueDate, terms: unitDue.terms, row, ...(found.collective ? { collective: name } : {}) });
        }
      }
    }
    // newcomer46-10 S3: a CSV keeps a merged 牵头单位 cell's text in its first row only, so a row continuing the finding with its
    // 牵头单位 blank and a later deadline reads the lead due on its own row's, where the workbook (the cell merged down over both) makes
    // it due on the latest: the lead's deadline is said, with the way to the workbook's reading, as a plan's CSV says a lost merged lead.
    if (options.format === 'csv' && !options.exported && !firstLeadRow && 'leadUnit' in cells && leadNames.length === 0 && rowDue !== null) {
      for (const part of leadUnitIds.map((id) => parts[partIndex.get(id)!]!)) {
        if (part.role !== 'LEAD' || rowDue.dueDate <= part.dueDate) continue;
        const [was, later] = [deadlineCell(part.terms, part.dueDate), deadlineCell(rowDue.terms, rowDue.dueDate)];
        notices.push({
          row,
          reason: `This row continues the finding of row ${part.row} with its 牵头单位 blank: lead unit ${part.unit.name} is due ${was}, not on this row's ${later}. If the lead cell was merged down over these rows in the workbook (a CSV saved from Excel keeps a merged cell's text in its first row only), its part is due on the latest of its rows, ${later}: write the lead unit on this row too, or import the workbook (.xlsx) itself.`,
          reasonZh: `本行续第 ${part.row} 行的问题，牵头单位空白：牵头单位“${part.unit.name}”的任务按 ${was} 计，不含本行的时限 ${later}。如原表中牵头单位是合并单元格（Excel 另存为 CSV 时，合并单元格的内容只留在第一行），其任务应按各行中最晚的时限 ${later} 计：请在本行也填写牵头单位，或改为导入原 Excel 文件（.xlsx）。`,
        });
      }
    }
    if (firstLeadRow && named.some((each) => each.lead)) leadNamesAbove = named.filter((each) => each.lead).map((each) => each.name);
  }
  if (problems.length === problemsBefore && parts.length > 0 && !parts.some((part) => part.role === 'LEAD')) {
    problems.push({ row: rows[0]!.row, reason: 'No lead unit (牵头单位): name the unit that leads the rectification.', reasonZh: '未写牵头单位：请写明牵头整改的单位。' });
  }
  // The lead first, as AssignFinding takes a batch.
  return [...parts.filter((part) => part.role === 'LEAD'), ...parts.filter((part) => part.role !== 'LEAD')];
}

/**
 * The row's deadline: null when the cell is blank, undefined when it cannot be used (the problem
 * noted). 立行立改 is due on the day the parts are assigned (`today`). A standing deadline
 * (常态化, 长期坚持) is a standing part kept up until `standingUntil` (else the end of the next year), reported
 * every quarter; a recurring one (每季度, 每月) is the same with reports every such period, since a
 * finding has one part per unit. "X前完成并持续落实" is due by X, then standing.
 */
function dueDateOf(cell: Cell, row: number, options: FindingsImportOptions & { readonly exported?: true }, problems: ImportProblem[], notices: ImportProblem[]): PartDue | null | undefined {
  if (textOf(cell) === '') return null;
  // Not Rectify's own export: 立行立改（YYYY-MM-DD） naming a day other than the assignment's is another deadline (refused).
  const assigned = options.today !== undefined && !options.exported ? { assignedOn: options.today } : {};
  const reading = readDeadline(cell, { year: options.year, ...(options.identifiedOn === undefined ? {} : { notBefore: options.identifiedOn }), ...assigned });
  if (reading.ok && reading.yearAfter !== undefined && 'dueDate' in reading.deadline) {
    notices.push({
      row,
      reason: `Due date (整改时限) "${textOf(cell)}" gives no year; ${options.year} would be before the finding was identified (${options.identifiedOn}): read as ${reading.deadline.dueDate}.`,
      reasonZh: `整改时限“${textOf(cell)}”没有写年份，按 ${options.year} 年则早于问题发现日期（${options.identifiedOn}）：按 ${reading.yearAfter} 年读作 ${reading.deadline.dueDate}。如不是，请写明年份。`,
    });
  }
  // Words that may mean two days (9月前: before September ends, or before it begins) are read as one and said (breaker46-10 M1).
  if (reading.ok && reading.notice) notices.push({ row, reason: `Due date (整改时限) ${reading.notice.reason}.`, reasonZh: `整改时限${reading.notice.reasonZh}。` });
  if (!reading.ok) {
    problems.push({
      row,
      reason: `Due date (整改时限) ${reading.reason}.`,
      reasonZh: `整改时限无法识别：${reading.reasonZh}。可写作 2026-06-30、2026年6月底前、2026年第三季度、立行立改或常态化。`,
    });
    return undefined;
  }
  const due = partDueOf(reading.deadline, {
    assignedOn: options.today,
    // As long as a finding's parts may run before a plan is approved (findingDueDateLimit): the end of the next year.
    keptUpUntil: options.standingUntil ?? (options.year === undefined ? undefined : `${options.year + 1}-12-31`),
  });
  if ('dueDate' in due) return due;
  if (due.missing === 'assignedOn') {
    problems.push({ row, reason: 'Due date (整改时限) 立行立改 needs the day of the import.', reasonZh: '整改时限“立行立改”须知道交办日期。' });
  } else {
    problems.push({ row, reason: `Due date (整改时限) "${textOf(cell)}" has no end date, and the year is unknown.`, reasonZh: `整改时限“${textOf(cell)}”没有具体日期，且年度未知。` });
  }
  return undefined;
}
