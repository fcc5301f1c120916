import { BRACKET_PAIRS, CLOSING_BRACKETS, OPENING_BRACKETS, trailingBracket } from '../shared/brackets.js';
import { isCalendarDate } from '../shared/calendar-date.js';

/** One value as a file holds it, before it is read as text, a date or a list of units. */
export type Cell = string | number | boolean | Date | null;

/** Text with surrounding spaces removed, full-width ones and a stray BOM included. */
export function textOf(cell: Cell): string {
  if (cell === null) return '';
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : cell.toISOString().slice(0, 10);
  return String(cell).trim();
}

/** Excel counts days from 1899-12-30; serials in this range are the years 1954–2119. */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const isExcelSerial = (value: number): boolean => value >= 20_000 && value < 80_000;

const pad = (value: string | number, length = 2): string => String(value).padStart(length, '0');

const lastDayOf = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** Ways offices write a day: 2026-06-30, 2026/6/30, 2026.6.30, 20260630, 2026年6月30日(前), with an optional time. */
const DAY_PATTERNS: readonly RegExp[] = [
  /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/,
  /^(\d{4})(\d{2})(\d{2})$/,
  /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]\s*(?:前|之前)?$/,
];
/** …and the end of a month or year: 2026年6月底(前), 2026年底(前). */
const MONTH_END = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(?:底|末)\s*(?:前|之前)?$/;
const YEAR_END = /^(\d{4})\s*年\s*(?:底|末)\s*(?:前|之前)?$/;

/**
 * A due date as `YYYY-MM-DD` when the cell is written in a way we recognise. The result may still
 * be a day that does not exist (2026-02-30): validation says so with the row. Text that is not a
 * date at all is returned trimmed, as the file has it, for the same reason.
 */
export function calendarDateOf(cell: Cell): string {
  if (cell instanceof Date) return textOf(cell);
  if (typeof cell === 'number' && isExcelSerial(cell)) {
    return new Date(EXCEL_EPOCH_MS + Math.floor(cell) * 86_400_000).toISOString().slice(0, 10);
  }
  const text = withoutInvisible(textOf(cell));
  for (const pattern of DAY_PATTERNS) {
    const match = pattern.exec(text);
    if (match) return `${match[1]}-${pad(match[2]!)}-${pad(match[3]!)}`;
  }
  const monthEnd = MONTH_END.exec(text);
  if (monthEnd) {
    const [year, month] = [Number(monthEnd[1]), Number(monthEnd[2])];
    return month >= 1 && month <= 12 ? `${year}-${pad(month)}-${pad(lastDayOf(year, month))}` : text;
  }
  const yearEnd = YEAR_END.exec(text);
  if (yearEnd) return `${yearEnd[1]}-12-31`;
  return text;
}

/** Why a due date read by `calendarDateOf` is not usable, or undefined when it is. */
export function dateProblemOf(date: string, what: string): string | undefined {
  if (date === '') return `missing ${what}`;
  if (isCalendarDate(date)) return undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(date)) return `${what} ${date} does not exist`;
  return `${what} "${date}" is not a date (write it as 2026-06-30, 2026/6/30 or 2026年6月30日)`;
}

/**
 * Characters that take no room on screen (zero-width space U+200B and joiners, word joiner U+2060,
 * BOM U+FEFF, soft hyphen …: Unicode's Default_Ignorable_Code_Point). Pasted from a web page or
 * WeChat into a unit or date cell, they make a name that looks right match nothing (breaker10c
 * P19); a name or a date never needs one.
 */
const INVISIBLE = /\p{Default_Ignorable_Code_Point}/gu;

/** The text without characters that take no room on screen (`INVISIBLE`): what a unit name or a date cell says. */
export const withoutInvisible = (text: string): string => text.replace(INVISIBLE, '');

/**
 * The most characters one unit's name may have: the 单位名录 import refuses a longer name, so no registered unit's name is
 * longer. A unit cell's text between separators longer than this is no name (a paste accident, breaker53-10 S4) and is
 * refused before any name is matched.
 */
export const MAX_UNIT_NAME_CHARS = 100;

/** What ends one name in a unit cell for `longestNameRun`: the separators of `namesInCell`, white space, and brackets. */
const NAME_RUN_ENDS = /[、，,；;/／|｜\s（）()【】〔〕［\][\]]+/u;

/**
 * The longest run of `text` between separators, white space and brackets (`NAME_RUN_ENDS`), in characters (UTF-16 units, as the
 * units import counts): no name of the directory is longer than `MAX_UNIT_NAME_CHARS`, so a longer run names no unit. Pure; O(length),
 * no regular expression that backtracks.
 */
export function longestNameRun(text: string): number {
  let longest = 0;
  for (const run of text.split(NAME_RUN_ENDS)) if (run.length > longest) longest = run.length;
  return longest;
}

/**
 * The most unit names one unit cell (or one YAML/JSON item's unit field) may hold, and the most characters in all. An item's 牵头单位
 * or 责任单位 names a handful of units; a task of the whole city lists its departments and districts, some tens, of about 10
 * characters each. A cell over either is a paste accident or a made file, and is refused before any name is matched: each name is
 * matched against the directory on the server's thread, and 40 000 names of 99 characters in one cell held /health 17–30 s
 * (breaker54-10 S1).
 */
export const MAX_UNITS_IN_CELL = 300;
/** The most characters one unit cell may hold in all (`MAX_UNITS_IN_CELL`'s reason): 300 names of 10 characters. */
export const MAX_UNIT_CELL_CHARS = 3_000;

/** What separates two names in a unit cell for counting them (`unitCellSize`): the separators of `namesInCell` and line breaks. */
const NAME_SEPARATORS = /[、，,；;/／|｜\r\n]+/u;

/**
 * How many names a unit cell's text holds (pieces between separators, not empty) and how many characters, when over
 * `MAX_UNITS_IN_CELL` or `MAX_UNIT_CELL_CHARS`; null within both. Pure; O(length).
 */
export function unitCellBeyondLimit(text: string): { readonly names: number; readonly chars: number } | null {
  if (text.length <= MAX_UNIT_CELL_CHARS && text.length <= MAX_UNITS_IN_CELL) return null;
  let names = 0;
  for (const piece of text.split(NAME_SEPARATORS)) if (piece.trim() !== '') names += 1;
  return names > MAX_UNITS_IN_CELL || text.length > MAX_UNIT_CELL_CHARS ? { names, chars: text.length } : null;
}

/**
 * What a refusal of a unit cell over the limits (`unitCellBeyondLimit`) says after naming the cell or field: how many names and
 * characters, the limits, and what to do — 「写了 40001 个单位名称、共 4000006 个字，超过一格允许的 300 个单位、3000 个字…」.
 */
export function unitCellBeyondLimitWords(beyond: { readonly names: number; readonly chars: number }): { readonly en: string; readonly zh: string } {
  return {
    en:
      `names ${beyond.names} units in ${beyond.chars} characters, more than the ${MAX_UNITS_IN_CELL} units and ${MAX_UNIT_CELL_CHARS} characters one cell may hold ` +
      '(an item names a handful of units): check that nothing else was pasted into it, keep only the units of this item, and import again.',
    zh:
      `写了 ${beyond.names} 个单位名称、共 ${beyond.chars} 个字，超过一格允许的 ${MAX_UNITS_IN_CELL} 个单位、${MAX_UNIT_CELL_CHARS} 个字` +
      '（一项工作的单位通常只有几个）：请核对该格是否误粘贴了其他内容，只保留本项的单位名称后重新导入。',
  };
}

/** The start of an over-long text for a refusal to quote (`MAX_UNIT_NAME_CHARS` is never quoted whole): its first 20 characters and …. */
export const quotedStart = (text: string): string => (text.length <= 20 ? text : `${text.slice(0, 20)}…`);

/**
 * Names (of units, say) in one cell, separated by 、 ， , ; ； / ／ or line breaks (「A、B」, 「A/B」:
 * joint lead units), without invisible characters (`withoutInvisible`).
 */
export function namesInCell(cell: Cell): string[] {
  const text = withoutLevelLabels(withRoleMarkLinesJoined(withoutInvisible(textOf(cell))));
  return splitOutsideBrackets(text)
    .flatMap(splitBeforeCollective)
    .flatMap(namesAtSpaces)
    .map((name) => name.trim())
    .filter((name) => name !== '');
}

/**
 * A piece of a cell that is a unit's whole name by its look: four or more Chinese characters ending as units' names end (局, 委, 办,
 * 院, 府, 厅, 部, 中心, 会, 所, 站, 队, 馆, 处, 室, 科, 公司, 集团, 学校), and beginning with a place (青川市…, 市…, 中共青川市委…,
 * …县…, …区…). 青川市 or 办公室 alone is no whole name, nor 招生考试办公室: a section of the unit named before it (breaker53-10 M4).
 */
const WHOLE_UNIT_NAME = /^(?=(?:中共)?\p{Script=Han}{0,6}?[省市州县区旗])\p{Script=Han}{3,}(?:局|委|办|院|府|厅|部|中心|会|所|站|队|馆|处|室|科|公司|集团|学校)$/u;
/**
 * White space within a line: the ASCII space and tab, the full-width space U+3000, and the spaces a cell pasted from a web page or
 * Word carries — the no-break space U+00A0, U+2000–U+200A, U+202F, U+205F (breaker54-10 M1: 「青川市甲务局\u00a0青川市乙务局」 was
 * read as one name and refused 「可能指…请写全称」). A line break is a separator of its own.
 */
export const LINE_SPACE = '[^\\S\\r\\n]';
/** Spaces between two Chinese characters, or after a closing bracket and before one (`LINE_SPACE`). */
const SPACE_BETWEEN_NAMES = new RegExp(`(?<=[\\p{Script=Han}${CLOSING_BRACKETS}）］｝﹞])${LINE_SPACE}+(?=\\p{Script=Han})`, 'u');

/**
 * The one rule for a space in a unit cell, for plans, 台账 and the units import alike (breaker53-10 S2): written between whole
 * names of units (`WHOLE_UNIT_NAME`, each piece's role mark or former-name bracket aside: 「青川市甲务局 青川市乙务局（牵头）」), the
 * space separates them as 、 does — a role mark after the second is the second's only, and only 与/和/及 bind a mark to both
 * (「A与B（牵头）」); before that, the space read as one name made both units lead. Any other space is inside one name
 * (「中共青川市委 宣传部」, 「青川市教育局 招生考试办公室」) and stays, for the lookup to take off. Returns the pieces, or `[piece]`. Pure.
 */
export function namesAtSpaces(piece: string): string[] {
  const parts = piece.trim().split(new RegExp(SPACE_BETWEEN_NAMES.source, 'gu'));
  if (parts.length < 2) return [piece];
  return parts.every((part) => WHOLE_UNIT_NAME.test(bareName(part).normalize('NFKC'))) ? parts : [piece];
}

/** A piece of a unit cell without its role marks (（牵头）, 配合 …) and a bracket after it (a former name, a remark): the name to judge. */
const bareName = (part: string): string => {
  let name = part.trim();
  for (let role = roleMarkAfter(name); role && role.name !== ''; role = roleMarkAfter(name)) name = role.name;
  const bracket = trailingBracket(name);
  return bracket && bracket.at > 0 ? name.slice(0, bracket.at).trim() : name;
};

/** A name of two whole units' names joined by 与/和/及 (「青川市甲务局与青川市乙务局」), whose role mark after it is both units' (`unitRolesInCell`). */
const joinedPair = (name: string): string[] | null => {
  const sides = name.replace(/\s+/gu, '').split(/以及|会同|与|和|及/u);
  return sides.length > 1 && sides.every((side) => WHOLE_UNIT_NAME.test(side.normalize('NFKC'))) ? sides : null;
};

/**
 * The notice for a one-column unit cell whose lead mark could be read more than one way (breaker53-10 S2): names separated by a
 * space (read as 、: the mark only the next unit's) or joined by 与/和/及 (the mark both units'). It says who leads and who is
 * responsible, as the import read it, and how to write it otherwise. Null for any other cell. Used by 台账 and plans alike. `written`:
 * the cell as the file wrote it, when `cell` is it with spaces the directory read as 、 (`unitSpacesReadByDirectory`): quoted, and
 * told as a space read so (breaker54-10 S2). Pure.
 */
export function unitRolesNotice(cell: Cell, written?: string): { reason: string; reasonZh: string } | null {
  const roles = unitRolesInCell(cell);
  if (!roles || !roles.leadMarked) return null;
  const spaced = written !== undefined || namesSplitAtSpaces(cell);
  const paired = roles.lead.some((name) => joinedPair(name) !== null);
  if (!spaced && !paired) return null;
  const quoted = (written ?? textOf(cell)).replace(/\s*(?:\r\n|\r|\n)\s*/gu, ' ').trim();
  const leads = roles.lead.flatMap((name) => joinedPair(name) ?? [name.trim()]);
  const others = roles.others.map((name) => name.trim());
  const how = [
    ...(spaced ? [{ en: 'a space between two units\' names separates them as 、 does, so a mark after a name is that unit\'s only', zh: '单位名称之间的空格按“、”读取，标注只属于紧挨其前的单位' }] : []),
    ...(paired ? [{ en: 'units joined by 与/和/及 share the mark after them', zh: '用“与”“和”“及”连接的单位共用其后的标注' }] : []),
  ];
  return {
    reason: `"${quoted}" is read as: ${leads.join(', ')} lead${others.length > 0 ? `; ${others.join(', ')} responsible` : ''} (${how.map((each) => each.en).join('; ')}). If that is not the division of work, rewrite the cell (「A与B（牵头）」 makes both lead, 「A、B（牵头）」 only B) and import again.`,
    reasonZh: `“${quoted}”读作：${leads.join('、')}${leads.length > 1 ? '均' : ''}牵头${others.length > 0 ? `，${others.join('、')}为责任单位` : ''}（${how.map((each) => each.zh).join('；')}）。如分工不是这样，请改写该格（“A与B（牵头）”表示两者均牵头，“A、B（牵头）”表示仅 B 牵头）后重新导入。`,
  };
}

/** Whether a cell has a space read as a separator between units' names (`namesAtSpaces`), for an import to tell how it read the cell. */
export const namesSplitAtSpaces = (cell: Cell): boolean =>
  splitOutsideBrackets(withoutLevelLabels(withRoleMarkLinesJoined(withoutInvisible(textOf(cell))))).some((piece) => namesAtSpaces(piece).length > 1);

/**
 * Whether the units directory knows a text as one unit's name (`UnitLookup.namesOneUnit`): its full name, a former name, its code,
 * or its name without its place (乙务局, 市乙务局 for 青川市乙务局).
 */
export type NamesOneUnit = (name: string) => boolean;

/** The most pieces at spaces one piece of a unit cell is read by the directory from: more is a sentence, left to the lookup. */
const MOST_PIECES_AT_SPACES = 24;
/** The most pieces at spaces one unit's name is joined from (「青川市教育局 招生考试办公室」: 2, 「中共青川市委 组织部 干部科」: 3). */
const MOST_PIECES_IN_ONE_NAME = 4;
/** A label before a piece's names (牵头单位：, 市级：, 配合：): no part of the name the directory is asked about. */
const LABEL_BEFORE_NAME = /^[^：:、，,;；]{1,8}[：:]\s*/u;
const WITHIN_LINE_SPACE = new RegExp(`^${LINE_SPACE}$`, 'u');
const ANY_LINE_SPACE = new RegExp(LINE_SPACE, 'u');
const ANY_BRACKET = new RegExp(`[${OPENING_BRACKETS}${CLOSING_BRACKETS}（）［］｛｝﹝﹞]`, 'u');

/**
 * A piece of a unit cell cut at its spaces outside brackets (`LINE_SPACE`), each piece with the space written after it ('' for the
 * last). Not at a space after an opening bracket or before any bracket: 「青川市甲务局 （牵头）」 is one piece with its mark.
 */
function piecesAtSpaces(piece: string): { readonly text: string; readonly space: string }[] {
  const pieces: { text: string; space: string }[] = [];
  const open: string[] = [];
  let start = 0;
  for (let index = 0; index < piece.length; index += 1) {
    const character = piece[index]!;
    const closing = BRACKET_CLOSE_OF.get(character);
    if (closing !== undefined && closing !== character) open.push(closing);
    else if (open.length > 0 && character === open[open.length - 1]) open.pop();
    else if (open.length === 0 && WITHIN_LINE_SPACE.test(character)) {
      let end = index;
      while (end < piece.length && WITHIN_LINE_SPACE.test(piece[end]!)) end += 1;
      const before = piece[index - 1];
      const after = piece[end];
      if (before !== undefined && after !== undefined && !BRACKET_CLOSE_OF.has(before) && !ANY_BRACKET.test(after)) {
        pieces.push({ text: piece.slice(start, index), space: piece.slice(index, end) });
        start = end;
      }
      index = end - 1;
    }
  }
  pieces.push({ text: piece.slice(start), space: '' });
  return pieces;
}

/**
 * The pieces at spaces of one name (`piecesAtSpaces`) grouped into units' names by the directory: the fewest groups each naming one
 * unit it knows (`NamesOneUnit`, joined without the spaces, role marks and a label before it aside), the longer group first where
 * two groupings are as few — so a section typed after its unit (「青川市教育局 招生考试办公室」, the directory's 青川市教育局招生考试办公室)
 * stays with it. Null when the pieces cannot be so grouped, or make one name.
 */
function unitGroupsAtSpaces(pieces: readonly { readonly text: string; readonly space: string }[], namesOneUnit: NamesOneUnit): number[] | null {
  const count = pieces.length;
  const known = (from: number, to: number): boolean => {
    const joined = pieces.slice(from, to).map((piece) => piece.text.trim()).join('').replace(LABEL_BEFORE_NAME, '');
    const name = bareName(joined);
    return name !== '' && !/^\d+(?:\.\d+)*$/u.test(name.normalize('NFKC')) && namesOneUnit(name);
  };
  if (count > MOST_PIECES_IN_ONE_NAME && known(0, count)) return null;
  // fewest[i]: the fewest groups of pieces i… (Infinity: none); next[i]: where the first of them ends.
  const fewest = new Array<number>(count + 1).fill(Number.POSITIVE_INFINITY);
  const next = new Array<number>(count + 1).fill(count);
  fewest[count] = 0;
  for (let from = count - 1; from >= 0; from -= 1) {
    for (let to = Math.min(count, from + MOST_PIECES_IN_ONE_NAME); to > from; to -= 1) {
      if (fewest[to]! + 1 < fewest[from]! && known(from, to)) {
        fewest[from] = fewest[to]! + 1;
        next[from] = to;
      }
    }
  }
  if (!Number.isFinite(fewest[0]!) || fewest[0]! < 2) return null;
  const ends: number[] = [];
  for (let at = 0; at < count; at = next[at]!) ends.push(next[at]!);
  return ends;
}

/**
 * The directory's rule for a space in a unit cell, for plans, 台账 and the units import alike (breaker54-10 S2, S3): a space
 * (`LINE_SPACE`: U+00A0 and the other spaces pasted from the web or Word too) separates two names where the pieces on both sides each
 * name a unit the directory knows (`NamesOneUnit`: full name, former name, code, or the name without its place) and the whole does
 * not; a piece that is a section of the unit before it (招生考试办公室 after 青川市教育局) stays with it; a role mark belongs to the piece
 * it follows only. Returns the cell's text with each such space written as 、 — 「A01 A02（牵头）」 → 「A01、A02（牵头）」, read as that is
 * (only A02 leads) — or null when the directory reads no space so (`namesAtSpaces` then reads the cell by the look of its names).
 * Invisible characters are taken out of the text returned. Pure, given `namesOneUnit`; at most `MOST_PIECES_AT_SPACES` pieces of
 * a name are read (more is a sentence), each group of pieces asked once.
 */
export function unitSpacesReadByDirectory(cell: Cell, namesOneUnit: NamesOneUnit): string | null {
  const text = withRoleMarkLinesJoined(withoutInvisible(textOf(cell)));
  if (!ANY_LINE_SPACE.test(text)) return null;
  let changed = false;
  const read = piecesOutsideBrackets(text).map((piece) => {
    if (piece.separator) return piece.text;
    const leading = /^\s*/u.exec(piece.text)![0];
    const trailing = /\s*$/u.exec(piece.text)![0];
    const body = piece.text.trim();
    const atSpaces = piecesAtSpaces(body);
    if (atSpaces.length < 2 || atSpaces.length > MOST_PIECES_AT_SPACES) return piece.text;
    const ends = unitGroupsAtSpaces(atSpaces, namesOneUnit);
    if (!ends) return piece.text;
    changed = true;
    let from = 0;
    const names = ends.map((to) => {
      const group = atSpaces.slice(from, to);
      from = to;
      return group.map((each, index) => each.text + (index < group.length - 1 ? each.space : '')).join('');
    });
    return leading + names.join('、') + trailing;
  });
  return changed ? read.join('') : null;
}

/**
 * A joining word (及, 以及, 和, 与, 会同) before a collective name, or after one (breaker48-10 M4: 「青川市财政局及各区县政府」,
 * 「各区县政府和市直各部门」 were refused as one unknown unit): a separator, as 、 is — each side read on its own. A unit's own 和
 * (发展和改革委员会) is never before 各, so never cut; nor 市直各部门和单位, one collective name.
 */
const JOINED_COLLECTIVE = /\s*(?:以及|会同|及|和|与)\s*(?=(?:市直|市级)?各\p{Script=Han}{2})|(?<=^\s*(?:市直|市级)?各\p{Script=Han}*?(?:政府|部门|单位|科室|处室|股室|机构))\s*(?:以及|会同|及|和|与)\s*(?!(?:单位|部门)$)/gu;

/** One name of a cell cut at a joining word beside a collective name (`JOINED_COLLECTIVE`); the name itself otherwise. */
const splitBeforeCollective = (name: string): string[] => name.split(JOINED_COLLECTIVE);

/**
 * A level written before the units of that level in one unit cell: 「市级：」, 「区县：」, 「县级：」, 「市直：」, 「市直部门：」, 「乡镇级：」,
 * 「省级：」 — at the cell's start or after a separator, and before a role label too (「市级牵头单位：」 is 「牵头单位：」).
 */
const LEVEL_LABEL = /(^|[、，,;；/／\r\n]\s*)(?:市级|市直|市直部门|市直单位|县级|区级|区县级|县区级|区县|县区|县市区级?|乡镇级?|乡镇街道|镇街|省级)\s*(?:[:：]\s*|(?=(?:牵头|主责|配合|协办|参与|责任)(?:单位|部门|科室|处室)?\s*[:：]))/gu;

/**
 * The cell without its level labels (`LEVEL_LABEL`): 「市级：市政府办；区县：各区县政府」 names 市政府办 and 各区县政府, the units of each
 * level in the cell's column — in a 牵头单位 cell each leads its own level's work (session 35, import10e: read as units named
 * 「市级：市政府办」 and refused as unknown). The separators stay, so the names split as before.
 */
export function withoutLevelLabels(text: string): string {
  return text.replace(LEVEL_LABEL, '$1');
}

/** Whether a unit cell names its units by level (`LEVEL_LABEL`: 「市级：A；区县：B」), for the import to tell how it read it. */
export const namesByLevel = (cell: Cell): boolean => withoutLevelLabels(withoutInvisible(textOf(cell))) !== withoutInvisible(textOf(cell));

/** Opening brackets (as NFKC reads them, and as written: （［｛﹝) and the closing bracket of each. */
const BRACKET_CLOSE_OF = new Map<string, string>([
  ...BRACKET_PAIRS.map(([open, close]) => [open, close] as [string, string]),
  ['（', '）'],
  ['［', '］'],
  ['｛', '｝'],
  ['﹝', '﹞'],
]);
const NAME_SEPARATOR = /[、，,;；/／\r\n]/u;

/**
 * The cell's names split at 、 ， , ; ； / and line breaks outside brackets only (breaker10r P5: 「澜州市财政局（含国库科、预算科）」 was cut
 * into 「澜州市财政局（含国库科」 and 「预算科）」, 「各县（市、区）人民政府」 into 「各县（市」 …): the bracket stays with its unit, for the lookup to
 * read (a role mark, another unit, sub-units). A bracket left open splits everywhere, as before.
 */
function splitOutsideBrackets(text: string): string[] {
  const pieces = piecesOutsideBrackets(text);
  return pieces.filter((piece) => !piece.separator).map((piece) => piece.text);
}

/**
 * The text cut at the separators outside brackets (`splitOutsideBrackets`), the separators kept as pieces of their own: joined, the
 * pieces are the text again. A bracket left open cuts at every separator.
 */
function piecesOutsideBrackets(text: string): { readonly text: string; readonly separator: boolean }[] {
  const pieces: { text: string; separator: boolean }[] = [];
  const open: string[] = [];
  let start = 0;
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index]!;
    const closing = BRACKET_CLOSE_OF.get(character);
    if (closing !== undefined && closing !== character) open.push(closing);
    else if (open.length > 0 && character === open[open.length - 1]) open.pop();
    else if (open.length === 0 && NAME_SEPARATOR.test(character)) {
      pieces.push({ text: text.slice(start, index), separator: false }, { text: character, separator: true });
      start = index + 1;
    }
  }
  if (open.length > 0) return text.split(/([、，,;；/／\r\n]+)/u).map((piece, index) => ({ text: piece, separator: index % 2 === 1 }));
  pieces.push({ text: text.slice(start), separator: false });
  return pieces;
}

/**
 * Symbols offices put before or after a unit's name to mark the lead, a legend under the table saying so (注：*为牵头单位, ★为牵头单位):
 * 「青川市发展和改革委员会*」, 「★青川市财政局」 (import P4). As NFKC reads them (＊ is *). Not #: Excel's error values start with it (#N/A).
 */
const LEAD_SYMBOLS = '*★☆▲△●◆◇■□※✱✳';
const LEAD_SYMBOL = `[${LEAD_SYMBOLS}]`;
/**
 * A legend making a symbol the lead's mark, anywhere in a footnote or a header's bracket: *为牵头单位, 标★的为牵头单位, 带“*”号的单位为牵头单位,
 * 标注*者为牵头单位, ★表示牵头单位, （★牵头）. Group 1: the symbol.
 */
const LEAD_LEGEND = new RegExp(
  `(?:标注?有?|带有?|加注?|打|注有?)?\\s*[“"'‘「『]?\\s*(${LEAD_SYMBOL})\\s*[”"'’」』]?\\s*(?:号|符号)?\\s*(?:的|者)?\\s*(?:单位|部门)?\\s*(?:为|是|表示|系|即|代表|指)?\\s*(?:牵头|主责)(?:单位|部门)?`,
  'u',
);

/**
 * A legend making a symbol the mark of a unit that takes part, never leads: *为配合单位, 标★的为协办单位, ★表示参与单位, *为非牵头单位,
 * 带*的单位不为牵头单位，仅配合 (breaker42-10 F3: refused as a mark the sheet does not explain). Group 1: the symbol.
 */
const OTHER_LEGEND = new RegExp(
  `(?:标注?有?|带有?|加注?|打|注有?)?\\s*[“"'‘「『]?\\s*(${LEAD_SYMBOL})\\s*[”"'’」』]?\\s*(?:号|符号)?\\s*(?:的|者)?\\s*(?:单位|部门)?\\s*(?:为|是|表示|系|即|代表|指)?\\s*(?:配合|协办|参与|协助|非牵头|不为牵头|不是牵头|不牵头|非主责)`,
  'gu',
);

/** What a symbol before or after a unit's name means by the sheet's legend: the lead (牵头单位) or a unit taking part (配合单位). */
export type SymbolMeaning = 'lead' | 'others';

/**
 * The symbols a text — a footnote (注：*为牵头单位), a header (责任单位（★为牵头单位）), a note above the header, a title's bracket
 * (…工作要点（*为牵头单位）) — explains, each with what it makes of a unit it marks (`LEAD_LEGEND`: the lead; `OTHER_LEGEND`: a unit
 * taking part, 注：*为配合单位), as NFKC reads them (`*` for ＊). Empty when it explains none. Pure.
 */
export function symbolLegendOf(text: string): Readonly<Record<string, SymbolMeaning>> {
  const normalized = text.normalize('NFKC');
  const meanings: Record<string, SymbolMeaning> = {};
  for (const match of normalized.matchAll(OTHER_LEGEND)) meanings[match[1]!] = 'others';
  for (const match of normalized.matchAll(new RegExp(LEAD_LEGEND.source, 'gu'))) meanings[match[1]!] ??= 'lead';
  return meanings;
}

/**
 * The symbol a text makes the lead's mark (`symbolLegendOf`), as NFKC reads it (`*` for ＊); null when it makes none.
 */
export function leadSymbolOf(text: string): string | null {
  return Object.entries(symbolLegendOf(text)).find(([, meaning]) => meaning === 'lead')?.[0] ?? null;
}

/**
 * A text without its brackets that are a mark legend (「青川市2026年政务公开工作要点（*为牵头单位）」 → 「青川市2026年政务公开工作要点」):
 * the legend is read as the sheet's legend, never part of a title (breaker42-10 F2). Any other text as written. Pure.
 */
export function withoutLegendBrackets(text: string): string {
  return text.replace(/\s*[（(【\[〔]([^（()）【】\[\]〔〕]*)[）)】\]〕]\s*/gu, (bracket, inside: string) => (Object.keys(symbolLegendOf(inside)).length > 0 ? '' : bracket)).trim();
}

/**
 * A unit's name marked by a symbol before or after it (`LEAD_SYMBOLS`): the name without it and the symbol (NFKC); null for any other
 * name. A role mark after the name (「青川市教育局*（配合）」, 「★青川市教育局（配合）」) is `role`, as written, with what it says
 * (`roleMeaning`): the symbol is read on the name before it, and a symbol and a mark saying two roles are refused by the reader
 * (breaker42-10 F3: 「青川市教育局*」 refused as an unknown unit; issue 10: 「★…（配合）」 read as lead, silently).
 */
export function symbolMarkOf(name: string): { readonly name: string; readonly symbol: string; readonly role?: string; readonly roleMeaning?: SymbolMeaning } | null {
  const normalized = name.normalize('NFKC');
  const role = ROLE_BRACKET.exec(normalized);
  const base = role ? normalized.slice(0, role.index) : normalized;
  const match = SYMBOL_MARKED.exec(base);
  if (!match) return null;
  const bare = (match[2] ?? match[3])!;
  if (ANY_LEAD_SYMBOL.test(bare)) return null;
  const found = { name: bare, symbol: (match[1] ?? match[4])! };
  if (!role) return found;
  // The mark as written (（配合）, not the (配合) NFKC makes of it) when NFKC kept the length, as it does for brackets and Chinese.
  const written = (normalized.length === name.length ? name : normalized).slice(role.index).trim();
  return { ...found, role: written, roleMeaning: LEAD_MARK.test(role[0]) ? 'lead' : 'others' };
}
const SYMBOL_MARKED = new RegExp(`^\\s*(${LEAD_SYMBOL})+\\s*(\\S.*?)\\s*$|^\\s*(.*?\\S)\\s*(${LEAD_SYMBOL})+\\s*$`, 'u');
const ANY_LEAD_SYMBOL = new RegExp(LEAD_SYMBOL, 'u');

/** A unit found marked by a symbol (`symbolMarkOf`). */
export type SymbolMarked = NonNullable<ReturnType<typeof symbolMarkOf>>;

/**
 * A unit cell with each name a symbol marks (`symbolMarkOf`) rewritten as `rewrite(found)` says — e.g. the name with the lead mark
 * every import reads (「青川市发展和改革委员会（牵头）」: `unitRolesInCell`, `marksAgainstColumn`), or the name alone — the separators
 * and the other names as written. `marked`: the names found so, without their symbols, with theirs. Pure.
 */
export function withSymbolMarksRead(cell: Cell, rewrite: (found: SymbolMarked) => string): { readonly cell: Cell; readonly marked: readonly SymbolMarked[] } {
  const text = withRoleMarkLinesJoined(textOf(cell));
  const marked: SymbolMarked[] = [];
  const pieces = piecesOutsideBrackets(text).map((piece) => {
    if (piece.separator) return piece.text;
    const found = symbolMarkOf(piece.text);
    if (!found) return piece.text;
    marked.push(found);
    return rewrite(found);
  });
  return marked.length === 0 ? { cell, marked } : { cell: pieces.join(''), marked };
}

/**
 * The words of a bracket after a unit's name that take the unit off the row (breaker10r P26): 取消, 删除, 撤销 / 已撤销, 退出, 移出,
 * 调出, 剔除, 不再参与 / 不再牵头 / 不再承担 / 不再配合, 暂不参与, 停止参与 — with 已 / 现已 / 该单位 before them and 该项 / 任务 after, or not.
 */
const REMOVED_MARK_WORDS =
  '(?:该单位|此单位|本单位)?(?:已经?|现已|均已)?(?:取消|删除|删去|删|撤销|撤除|撤回|撤出|退出|移出|调出|剔除|去掉|去除|不再(?:参与|牵头|配合|承担|负责|协办|协助|列入|作为(?:牵头|配合|责任)单位)|暂不(?:参与|承担|配合|牵头|协办)|停止参与|暂停参与|无需参与|不参与)(?:该项|此项|本项)?(?:任务|工作)?(?:单位)?';
const REMOVED_MARK_ONLY = new RegExp(`^${REMOVED_MARK_WORDS}$`, 'u');

/**
 * A unit's name whose bracket marks it off the row (`REMOVED_MARK_WORDS`: 「青川市财政局（取消）」, 「…【不再参与】」): the name before the
 * bracket and the bracket as written; null for any other name (breaker10r P26: 「…（取消）」 was given a part, read as a near name).
 */
export function removedMarkOf(name: string): { readonly name: string; readonly mark: string } | null {
  const bracket = trailingBracket(name);
  if (!bracket || bracket.at === 0) return null;
  if (!REMOVED_MARK_ONLY.test(bracket.inside.normalize('NFKC').replace(/\s+/gu, ''))) return null;
  // As written (（取消）, not (取消)) when NFKC kept the length, as it does for brackets and Chinese.
  const written = name.normalize('NFKC').length === name.length ? name : name.normalize('NFKC');
  return { name: written.slice(0, bracket.at).trim(), mark: written.slice(bracket.at).trim() };
}

/** A role label before unit names in a one-column 责任单位 cell: 牵头单位：, 牵头：, 配合单位：, 协办部门： … */
const ROLE_LABEL = /(牵头|主责|配合|协办|参与|责任)(?:单位|部门|科室|处室)?\s*[:：]/g;
/**
 * The words of a role mark after a unit's name that make it lead: （牵头）, （主责）, （主办）, （牵头负责）, （为主）, （负责）, with or
 * without 单位 / 部门 (breaker10o P1: （主办）, （牵头负责）, （为主） were read as part of the name, by nearness, and the role lost).
 */
export const LEAD_MARK_WORDS = '(?:牵头负责|负责牵头|牵头|主责|主办|为主|负责)(?:单位|部门)?';
/** The words of a role mark that make a unit take part, never lead: （配合）, （协办）, （参与）, （协助）, （协助配合） … */
export const OTHER_MARK_WORDS = '(?:协助配合|配合协助|参与配合|配合参与|配合|协办|参与|协助)(?:单位|部门)?';
/**
 * The brackets a role mark is written in: every bracket offices put a remark in (`BRACKET_PAIRS`: （） () 【】 〔〕 〖〗 〘〙 「」 『』
 * [] {}), full- or half-width (breaker10o P1: 「青川市教育局【配合】」 led, 「…【牵头】」 did not, as only （） was read). Not 《》 〈〉:
 * those quote a document's title.
 */
const MARK_OPEN = `[${OPENING_BRACKETS}（［｛﹝]`;
const MARK_CLOSE = `[${CLOSING_BRACKETS}）］｝﹞]`;
/** A lead marked after its name: 青川市民政局（牵头）, …【牵头】, …〔主办〕. */
const LEAD_MARK = new RegExp(`\\s*${MARK_OPEN}\\s*${LEAD_MARK_WORDS}\\s*${MARK_CLOSE}\\s*$`, 'u');
/** A unit marked as taking part, not leading: 青川市教育局（配合）, 【协办】, 〔参与〕, （协助） (breaker10m P2, breaker10o P1). */
const OTHER_MARK = new RegExp(`\\s*${MARK_OPEN}\\s*${OTHER_MARK_WORDS}\\s*${MARK_CLOSE}\\s*$`, 'u');
/** A role mark after a unit's name, either role: （牵头）, （配合）, 【协办】 … */
const ROLE_BRACKET = new RegExp(`\\s*${MARK_OPEN}\\s*(?:${LEAD_MARK_WORDS}|${OTHER_MARK_WORDS})\\s*${MARK_CLOSE}\\s*$`, 'u');

/**
 * A bracketed role mark between two names with nothing between (「青川市丁务局（牵头）青川市戊务局（配合）」): it closes the name before it, as
 * 、 would (breaker52-10 M7: read as one name marked （配合）, the cell was refused as 「未写牵头单位」). After a Chinese character only: a
 * mark opening the cell (「【牵头】青川市丙务局」) stays as written.
 */
const ROLE_BRACKET_BEFORE_NAME = new RegExp(`(?<=\\p{Script=Han})(${MARK_OPEN}\\s*(?:${LEAD_MARK_WORDS}|${OTHER_MARK_WORDS})\\s*${MARK_CLOSE})\\s*(?=\\p{Script=Han})`, 'gu');

/** A role mark alone, bracketed (（牵头）, 【配合】, (主责), 〔牵头单位〕) or bare (牵头, 配合单位). */
const ROLE_MARK_ALONE = `(?:${MARK_OPEN}\\s*(?:${LEAD_MARK_WORDS}|${OTHER_MARK_WORDS})\\s*${MARK_CLOSE}|${LEAD_MARK_WORDS}|${OTHER_MARK_WORDS})`;
/** A line of a cell that is only a role mark (`ROLE_MARK_ALONE`), after another line: the mark of the name above it. */
const ROLE_MARK_LINE = new RegExp(`(?<=[^\\s、，,;；/／])[ \\t\\u3000]*(?:\\r\\n|\\r|\\n)\\s*(${ROLE_MARK_ALONE})[ \\t\\u3000]*(?=[、，,;；/／]|\\r|\\n|$)`, 'gu');
const ROLE_MARK_ONLY = new RegExp(`^\\s*${ROLE_MARK_ALONE}\\s*$`, 'u');

/**
 * The cell's text with each line that is only a role mark joined to the line above it (breaker51-10 S5: offices' narrow 牵头单位
 * columns wrap 「青川市财政局（牵头）」 as 「青川市财政局⏎（牵头）」, and the line 「（牵头）」 was read as a unit — matched by near name to a unit
 * registered with that mark in its name, or refused as the unknown unit 「（配合）」): 「青川市财政局（牵头）」 again, read as every import
 * reads it. Any bracket (`MARK_OPEN`) or none (「青川市财政局⏎牵头」 → 「青川市财政局牵头」). Other line breaks stay. Pure.
 */
export function withRoleMarkLinesJoined(text: string): string {
  return text.replace(ROLE_MARK_LINE, '$1');
}

/** Whether a name is only a role mark (「（牵头）」, 「【配合】」, 「牵头单位」): no unit's name, whatever unit is near it (breaker51-10 S5). */
export const isRoleMarkOnly = (name: string): boolean => ROLE_MARK_ONLY.test(name.normalize('NFKC'));

/** A role word closing a name without a bracket, after three Chinese characters at least (「青川市卯务局配合」). */
const BARE_ROLE_WORD_AFTER = new RegExp(`(?<=\\p{Script=Han}{3})\\s*(?:${LEAD_MARK_WORDS}|${OTHER_MARK_WORDS})$`, 'u');
const OTHER_WORDS_ONLY = new RegExp(`^\\s*${OTHER_MARK_WORDS}$`, 'u');

/**
 * The role mark closing a unit's name, the one reader of it for plans, 台账 and the units import (breaker51-10 S2): a bracketed
 * mark in any bracket (`ROLE_BRACKET`: 「青川市庚务局（牵头）」, 「…【牵头】」, 「…(配合)」, 「…（牵头单位）」, 「…（主责）」) or the bare word after
 * three Chinese characters at least (「青川市卯务局配合」). `name`: the name before it, as written; `mark`: the mark as written; `role`:
 * what it says. Null when the name ends in no role mark. Pure.
 */
export function roleMarkAfter(written: string): { readonly name: string; readonly mark: string; readonly role: 'lead' | 'others' } | null {
  const normalized = written.normalize('NFKC');
  const asWritten = normalized.length === written.length ? written : normalized;
  const bracket = ROLE_BRACKET.exec(normalized);
  if (bracket && bracket.index > 0) {
    return { name: asWritten.slice(0, bracket.index).trim(), mark: asWritten.slice(bracket.index).trim(), role: LEAD_MARK.test(bracket[0]) ? 'lead' : 'others' };
  }
  const bare = BARE_ROLE_WORD_AFTER.exec(normalized);
  if (!bare) return null;
  return { name: asWritten.slice(0, bare.index).trim(), mark: bare[0].trim(), role: OTHER_WORDS_ONLY.test(bare[0]) ? 'others' : 'lead' };
}

/**
 * A role written after the units of a clause, as published 任务分工 cells say it (newcomer25 S1):
 * 「青川市财政局牵头，各区县政府配合」, 「市发改委、市统计局负责」, 「市民政局牵头、市财政局参与」. Group 1: the names, group 2: the role.
 */
const ROLE_AFTER = /^(?:由|请|会同)?(.+?)(?:按照?职责分工|根据职责分工|按职责|根据职责|按分工|分别|共同|各自)?(牵头|主责|负责|配合|协办|参与|协助|落实)$/;
/**
 * The words before a role that say each unit does its own share (「A、B按职责分工负责」, 「各区县政府分别负责」): those units carry the
 * work out, never lead (breaker10q P22: 「青川市民政局按职责分工」 refused as an unknown *lead* unit).
 */
const OWN_SHARE = /(?:按照?职责分工|根据职责分工|按职责|根据职责|按分工|分别|各自)(?:负责|落实)$/;
/** Clauses of a 任务分工 cell: what one role word closes (「A牵头，B、C配合」 → 「A牵头」, 「B、C配合」). */
const CLAUSE_SEPARATOR = /[，,;；\r\n]+/;
/**
 * Whether a clause's role word makes its units lead: 牵头 and 主责 do; 负责 does unless another clause of the cell says 牵头 or
 * 主责 — 「市政府办牵头，各区县政府负责」 is the ordinary way a 分工方案 says who leads and who carries it out (newcomer36 S20:
 * 各区县政府 read as a second, collective lead and the row refused for it).
 */
const leadsBy = (role: string, cellNamesALead: boolean) => role === '牵头' || role === '主责' || (role === '负责' && !cellNamesALead);

/**
 * The units of a cell written 「A牵头，B、C配合」 (`ROLE_AFTER`), each clause's role word applying to every
 * unit of that clause (「A牵头、B参与」: split at 、 when each name carries its own word); null when no
 * clause ends with a role word. Unmarked clauses are others, as unlabelled names are.
 */
function unitRolesAfterNames(text: string): { lead: string[]; others: string[] } | null {
  const clauses = text
    .split(CLAUSE_SEPARATOR)
    .map((clause) => clause.trim())
    .filter((clause) => clause !== '');
  const pieces = clauses.flatMap((clause) => {
    const names = namesInCell(clause);
    // 「A牵头、B参与」: every name with its own role word.
    return names.length > 1 && names.every((name) => ROLE_AFTER.test(name)) ? names : [clause];
  });
  if (!pieces.some((piece) => ROLE_AFTER.test(piece))) return null;
  const lead: string[] = [];
  const others: string[] = [];
  const namesALead = pieces.some((piece) => /(?:牵头|主责)$/u.test(piece));
  for (const piece of pieces) {
    const marked = ROLE_AFTER.exec(piece);
    const names = namesInCell(marked ? marked[1]! : piece);
    (marked && leadsBy(marked[2]!, namesALead) && !OWN_SHARE.test(piece) ? lead : others).push(...names);
  }
  return { lead, others };
}

/**
 * The units of a one-column 责任单位 cell that says who leads (breaker10c P6): `牵头单位：A；配合单位：
 * B、C` (labels, any of 牵头/主责 for the lead and 配合/协办/参与/责任 for the others, with or without
 * 单位/部门), `A（牵头），B`, or the role after the names, `A牵头，B、C配合` (newcomer25 S1;
 * 牵头/主责/负责 lead, 配合/协办/参与/协助 the others). A unit marked 「A（配合）」 never leads: with no lead marked or
 * labelled, the first unmarked unit leads — returned first of `others` with `lead` empty, so it reads as the first unit of an unmarked
 * cell (「A与B」: A leads, B responsible; breaker10n P16) — and with none `noLead` says the cell names no lead (breaker10m P2). `leadMarked`:
 * a lead was marked after its name (「A（牵头）」, 「A与B【牵头】」): a mark after 「A与B」 is the pair's, so both lead (breaker10o P3). Null when
 * the cell says no role: then the file's own order decides (the first unit named leads). Names unlabelled before the first
 * label are others.
 */
export function unitRolesInCell(cell: Cell): { readonly lead: string[]; readonly others: string[]; readonly noLead?: true; readonly leadMarked?: true } | null {
  const text = withoutLevelLabels(withRoleMarkLinesJoined(withoutInvisible(textOf(cell)))).replace(ROLE_BRACKET_BEFORE_NAME, '$1、');
  const labels = [...text.matchAll(ROLE_LABEL)];
  const names = namesInCell(text);
  const marked = names.some((name) => LEAD_MARK.test(name));
  if (labels.length === 0 && !marked) {
    if (!names.some((name) => OTHER_MARK.test(name) || removedMarkOf(name))) return unitRolesAfterNames(text);
    // 「A（配合）、B」: a unit marked as taking part never leads; the first unmarked one does, and with none the cell names no lead (breaker10m P2).
    // The first unmarked unit is put first and read as the first unit of an unmarked cell: written 「A与B」 only A leads, B is
    // responsible, wherever the group stands (breaker10n P16: after a unit marked （配合） A and B both led).
    // A unit marked off the row (「A（取消）」, breaker10r P26) never leads either; its mark stays, for the import to tell.
    const lead = names.find((name) => !OTHER_MARK.test(name) && !removedMarkOf(name));
    const others = names.filter((name) => name !== lead).map((name) => name.replace(OTHER_MARK, ''));
    return lead === undefined ? { lead: [], others, noLead: true } : { lead: [], others: [lead, ...others] };
  }
  const lead: string[] = [];
  const others: string[] = [];
  const take = (segment: string, leads: boolean) => {
    for (const name of namesInCell(segment)) {
      if (LEAD_MARK.test(name)) lead.push(name.replace(LEAD_MARK, ''));
      else if (OTHER_MARK.test(name)) others.push(name.replace(OTHER_MARK, ''));
      else (leads ? lead : others).push(name);
    }
  };
  take(text.slice(0, labels[0]?.index ?? text.length), false);
  labels.forEach((label, index) => {
    const end = labels[index + 1]?.index ?? text.length;
    take(text.slice(label.index! + label[0].length, end), label[1] === '牵头' || label[1] === '主责');
  });
  // 「A与B（牵头）」: the mark is the pair's, as （配合） after it is — both lead (breaker10o P3), unlike 「牵头单位：A与B」.
  return { lead, others, ...(marked ? { leadMarked: true as const } : {}) };
}

/**
 * A role word after a unit's name without a bracket that makes it take part (「青川市财政局配合」), or lead (「…牵头」, 「…主责」; not 负责,
 * which a unit carrying its share out says as well): read as the unit by the lookup (breaker48-10 M4), so a word against its column
 * must be refused here, as the bracketed mark is. After three Chinese characters at least (a name before it).
 */
const OTHER_WORD_AFTER = new RegExp(`(?<=\\p{Script=Han}{3})\\s*${OTHER_MARK_WORDS}$`, 'u');
const LEAD_WORD_AFTER = /(?<=\p{Script=Han}{3})\s*(?:牵头负责|负责牵头|牵头|主责|主办)(?:单位|部门)?$/u;

/**
 * The units of a 牵头单位 / 配合单位 / 责任单位 column cell whose role mark says the other role (breaker10n P17): under a 牵头单位
 * column 「青川市教育局（配合）」 (any of （配合）（协办）（参与）（协助）, or the word without a bracket: 「青川市教育局配合」, breaker48-10 M4), under
 * the other columns 「青川市教育局（牵头）」 (or 「…牵头」). Such a cell
 * contradicts its column; the imports refuse the row naming the unit (a unit marked （配合） never leads, and the column does not
 * silently outvote the office's own mark). `name`: the unit as written without its mark; `mark`: the mark as written, e.g. 「（配合）」 —
 * for a unit whose lead symbol the sheet read as （牵头） (`leadSymbols`, `SourceRecord.leadSymbols`: 「★青川市教育局」), the symbol, with
 * `symbol: true`.
 */
export function marksAgainstColumn(
  cell: Cell,
  column: 'lead' | 'others',
  leadSymbols: Readonly<Record<string, string>> = {},
): { readonly name: string; readonly mark: string; readonly symbol?: true }[] {
  const against = column === 'lead' ? OTHER_MARK : LEAD_MARK;
  const againstBare = column === 'lead' ? OTHER_WORD_AFTER : LEAD_WORD_AFTER;
  return namesInCell(cell).flatMap((written) => {
    const mark = against.exec(written) ?? againstBare.exec(written);
    if (!mark) return [];
    const name = written.slice(0, mark.index).trim();
    // A symbol read as （牵头） or （配合） (`SourceRecord.leadSymbols`: 「★青川市教育局」, 注：*为配合单位) is quoted as written: ★ (issue 10).
    const symbol = leadSymbols[name];
    return [symbol === undefined ? { name, mark: mark[0].trim() } : { name, mark: symbol, symbol: true as const }];
  });
}

/**
 * The refusal for a mark that contradicts its column (`marksAgainstColumn`): `columnZh` is the column's Chinese name as the file
 * heads it (牵头单位, 配合单位, 责任单位). Names the unit and says what to do; the caller adds the row.
 */
export function markAgainstColumnReason(found: { readonly name: string; readonly mark: string; readonly symbol?: true }, column: 'lead' | 'others', columnZh: string): { reason: string; reasonZh: string } {
  // A symbol the table's legend makes the lead's mark (★, with 注：★为牵头单位): named as written, with what the legend makes of it.
  if (found.symbol && column === 'lead') {
    return {
      reason: `${found.name} is marked "${found.mark}", by the table's note the mark of a unit taking part, under the ${columnZh} column: a unit taking part never leads. Move it to the 配合单位 (or 责任单位) column, or remove the "${found.mark}" if it leads.`,
      reasonZh: `“${found.name}”标有“${found.mark}”（按表中注释为配合单位），却写在“${columnZh}”列：配合单位不能牵头。请把它移到配合单位（或责任单位）列；如确由其牵头，请删去“${found.mark}”。`,
    };
  }
  if (found.symbol) {
    return {
      reason: `${found.name} is marked "${found.mark}", the lead's mark by the table's note, under the ${columnZh} column: a lead unit is written under 牵头单位. Move it to the 牵头单位 column (joint leads are named together there), or remove the "${found.mark}" if it does not lead.`,
      reasonZh: `“${found.name}”标有“${found.mark}”（按表中注释为牵头单位），却写在“${columnZh}”列：牵头单位须写在“牵头单位”列。请把它移到牵头单位列（联合牵头的单位在该列一并列明）；如不由其牵头，请删去“${found.mark}”。`,
    };
  }
  return column === 'lead'
    ? {
        reason: `${found.name} is marked ${found.mark} under the ${columnZh} column: a unit marked as taking part never leads. Move it to the 配合单位 (or 责任单位) column, or remove the mark if it leads.`,
        reasonZh: `“${found.name}”标注为${found.mark}，却写在“${columnZh}”列：标注配合的单位不能牵头。请把它移到配合单位（或责任单位）列；如确由其牵头，请删去标注。`,
      }
    : {
        reason: `${found.name} is marked ${found.mark} under the ${columnZh} column: a lead unit is written under 牵头单位. Move it to the 牵头单位 column (joint leads are named together there), or remove the mark if it does not lead.`,
        reasonZh: `“${found.name}”标注为${found.mark}，却写在“${columnZh}”列：牵头单位须写在“牵头单位”列。请把它移到牵头单位列（联合牵头的单位在该列一并列明）；如不由其牵头，请删去标注。`,
      };
}
