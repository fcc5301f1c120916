import type { ImportProblem } from './import-problems.js';

/*
 * How much one imported file may hold, said at once, before any row is checked (breaker51-10 S7, breaker52-10 S4). A 工作方案 has
 * tens to a few hundred items and a 整改台账 tens to a few hundred problems; a file of tens of thousands is another file (a data
 * export, a log) or one pasted many times over, and checking and recording each of its rows cost the server minutes and memory it
 * keeps (a 20 000-row 台账: 189 s, +600 MB). The limit is on what the file records — items, problems — not on its rows: Rectify's own
 * exports write one row per unit, so a plan of 5 000 items with two units each is 10 000 rows and must still come back (breaker52-10
 * M2). Rows are bounded too, at a multiple of that, for a file whose rows repeat the same few items. Knows no feature: the importer
 * says what it records and how it counts.
 */

/** The most items (a plan's 事项) or problems (a 台账's 问题) one file may record. */
export const MAX_FILE_ITEMS = 5_000;
/** The most rows one file may hold: an export's rows, one per unit, four units an item on average at the most items. */
export const MAX_FILE_ROWS = 20_000;

/** What a file records, as its refusal names it: `{ zh: '事项', measure: '项', document: '方案', usual: '工作方案通常为几十到几百项', en: 'items', … }`. */
export interface FileLimitWords {
  /** The records in Chinese, after the count: 项事项, 个问题. */
  readonly countedZh: string;
  /** The limit's measure word: 项, 个. */
  readonly measureZh: string;
  /** The file's kind: 方案, 整改台账. */
  readonly documentZh: string;
  /** What such a file usually holds: 工作方案通常为几十到几百项. */
  readonly usualZh: string;
  /** The records in English: items, problems. */
  readonly countedEn: string;
  /** The file's kind in English: a plan, a rectification ledger. */
  readonly documentEn: string;
  /** What such a file usually holds in English: a plan has tens to a few hundred items. */
  readonly usualEn: string;
  /**
   * For Rectify's own export (breaker57-10 M1): what to do instead of checking for a wrong file — an evaluation may hold more
   * problems than one file may, by several imports. Absent: the file is taken for a wrong file or a repeated paste.
   */
  readonly ownExport?: { readonly zh: string; readonly en: string };
}

/** The words of a plan file's limits: 「该文件有 N 项事项，超过一个方案允许的 5000 项（工作方案通常为几十到几百项）…」. */
export const PLAN_FILE_WORDS: FileLimitWords = {
  countedZh: '项事项',
  measureZh: '项',
  documentZh: '方案',
  usualZh: '工作方案通常为几十到几百项',
  countedEn: 'items',
  documentEn: 'a plan',
  usualEn: 'a plan has tens to a few hundred items',
};

/** The words of a 台账 (findings) file's limits: 「该文件有 N 个问题，超过一个整改台账允许的 5000 个（整改台账通常为几十到几百个问题）…」. */
export const FINDINGS_FILE_WORDS: FileLimitWords = {
  countedZh: '个问题',
  measureZh: '个',
  documentZh: '整改台账',
  usualZh: '整改台账通常为几十到几百个问题',
  countedEn: 'problems',
  documentEn: 'a rectification ledger',
  usualEn: 'a ledger has tens to a few hundred problems',
};

/** The words of Rectify's own 台账 export over the limits (an evaluation given more problems by several imports): said as its export. */
export const FINDINGS_EXPORT_WORDS: FileLimitWords = {
  ...FINDINGS_FILE_WORDS,
  documentZh: '整改台账文件',
  documentEn: 'a rectification ledger file',
  ownExport: {
    zh: '本文件是本系统导出的整改台账，其中的问题都已登记，无需导回；如需在该评估下补充新的问题，请把新增的行另存为一个文件导入（每个文件至多 5000 个问题）。',
    en: "this file is Rectify's own 整改台账 export, whose problems are all recorded already and need not come back; to add new problems to the evaluation, save the new rows as a file of their own and import it (at most 5000 problems a file).",
  },
};

/**
 * The number of distinct keys among `records` (`keyOf` gives a record's key; an empty key continues the record before it and is not
 * counted) — the items of a plan file whose export writes an item's units on rows of their own, the problems of a 台账. Pure, O(rows).
 */
export function countDistinct<R>(records: readonly R[], keyOf: (record: R) => string): number {
  const keys = new Set<string>();
  for (const record of records) {
    const key = keyOf(record);
    if (key !== '') keys.add(key);
  }
  return keys.size;
}

/**
 * The refusal of a file of more than `MAX_FILE_ROWS` rows (`rows`) or more than `MAX_FILE_ITEMS` records (`items`: items, problems —
 * counted by the importer), saying how many of which and that no such file has so many, in `words`; null within both. Rows are
 * said as 行, records with their own measure (项, 个): never 「6000 行事项，超过…5000 项」 of a plan of 3 000 items (breaker52-10 M2).
 */
export function fileBeyondLimitsProblem(rows: number, items: number, words: FileLimitWords): ImportProblem | null {
  const check = words.ownExport?.zh ?? '请核对是否选错了文件，或文件中的行是否重复粘贴了多遍。';
  const checkEn = words.ownExport?.en ?? "check that it is the right file, and that its rows are not repeated.";
  if (items > MAX_FILE_ITEMS) {
    return {
      row: null,
      reason: `The file has ${items} ${words.countedEn}, more than the ${MAX_FILE_ITEMS} ${words.documentEn} may have (${words.usualEn}): ${checkEn}`,
      reasonZh: `该文件有 ${items} ${words.countedZh}，超过一个${words.documentZh}允许的 ${MAX_FILE_ITEMS} ${words.measureZh}（${words.usualZh}）：${check}`,
    };
  }
  if (rows > MAX_FILE_ROWS) {
    return {
      row: null,
      reason: `The file has ${rows} rows, more than the ${MAX_FILE_ROWS} a file of ${words.documentEn} may have (${words.usualEn}; its export writes a row per unit): ${checkEn}`,
      reasonZh: `该文件有 ${rows} 行，超过一个${words.documentZh}文件允许的 ${MAX_FILE_ROWS} 行（${words.usualZh}，导出表每个单位一行）：${check}`,
    };
  }
  return null;
}

/**
 * The most characters of cell text one spreadsheet may hold, summed over its cells: what a 5 MB file (the upload limit) could carry as
 * CSV. An XLSX packs far more — 465 KB of repeated text inflated to 99 MB of cells (breaker52-10 S3) — and handing that to the server's
 * thread, then checking it, held every other request 5–8 s. No plan, 台账 or directory has a tenth of it.
 */
export const MAX_FILE_TEXT_CHARS = 5_000_000;

/** A cell of a sheet as a limit names it: its sheet (null in a CSV), its address (`D7`) and how many characters it holds. */
export interface CellSize {
  readonly sheet: string | null;
  readonly cell: string;
  readonly chars: number;
}

/**
 * The refusal of a file whose cells hold more than `limit` characters in all (`total`), naming the longest cell (`longest`) so the
 * office can see what was pasted; null within it. Said before any row is read into a plan or 台账.
 */
export function fileTextBeyondLimitProblem(total: number, longest: CellSize | null, limit = MAX_FILE_TEXT_CHARS): ImportProblem | null {
  if (total <= limit) return null;
  const where = longest === null ? null : `${longest.sheet === null ? '' : longest.sheet}${longest.cell}`;
  const whereZh = longest === null ? '' : `（最长的是${longest.sheet === null ? '' : `工作表“${longest.sheet}”的`} ${longest.cell} 单元格，${longest.chars} 个字）`;
  return {
    row: null,
    reason: `The file's cells hold more than ${limit} characters of text in all${where === null ? '' : ` (the longest, ${where}, holds ${longest!.chars})`}; no plan, ledger or directory has that much: check that it is the right file, and that no cell has long text pasted into it many times over.`,
    reasonZh: `该文件单元格中的文字合计超过 ${limit} 个字${whereZh}，真实的方案、台账或单位名录不会有这么多文字：请核对是否选错了文件，或单元格中是否重复粘贴了大段文字。`,
  };
}
