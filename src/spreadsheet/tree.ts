import { CST as Cst, Composer, LineCounter, Lexer, Parser, YAMLParseError, isMap, isScalar, isSeq, visit, type CST, type Document, type Node as YamlNode } from 'yaml';
import { MAX_UNIT_NAME_CHARS, longestNameRun, quotedStart, unitCellBeyondLimit, unitCellBeyondLimitWords, type Cell } from './cells.js';
import { columnOf, normalizedName, type ColumnSpec, type Columns, type SourceRecord } from './columns.js';
import { excelSerialDayOf } from './deadline-text.js';
import { labelZh, type ImportProblem, type ImportResult } from './import-problems.js';
import { textOfFile, type FileContent } from './text-file.js';

/*
 * YAML and JSON files read as trees whose nodes know their line, and mappings read as records.
 */

/** A YAML or JSON value with the line it starts on. */
export type TreeNode =
  | { readonly kind: 'map'; readonly line: number; readonly entries: readonly TreeEntry[] }
  | { readonly kind: 'seq'; readonly line: number; readonly items: readonly TreeNode[] }
  | { readonly kind: 'scalar'; readonly line: number; readonly value: Cell };

export interface TreeEntry {
  readonly key: string;
  readonly line: number;
  readonly value: TreeNode;
}

/**
 * A syntax error's reason, English and Chinese: a key written twice in one mapping (DUPLICATE_KEY) names the key, a second
 * document (MULTIPLE_DOCS, after `---`) says a file holds one plan; anything else is a layout typo at the line (breaker51-10
 * M2: a repeated 完成时限 was told as wrong indentation, colons, quotes or brackets).
 */
function syntaxProblem(error: YAMLParseError, text: string, format: 'yaml' | 'json'): { reason: string; reasonZh: string } {
  const kind = format.toUpperCase();
  if (error.code === 'DUPLICATE_KEY') {
    const written = /^(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|([^:\n]*[^:\s]))/u.exec(text.slice(error.pos[0], error.pos[0] + 200));
    const key = (written?.[1] ?? written?.[2] ?? written?.[3] ?? '').trim();
    return {
      reason: `The ${kind} file gives ${key ? `"${key}"` : 'a field'} twice in one entry: keep one.`,
      reasonZh: `同一项中${key ? `“${key}”` : '同一字段'}写了两次：只能保留一个，请删去多余的一行。`,
    };
  }
  if (error.code === 'MULTIPLE_DOCS') {
    return {
      reason: `The ${kind} file holds a second document from this line (after "---"): an import file holds one; split it or remove the rest.`,
      reasonZh: `一个导入文件只能有一份内容：此行（“---”之后）开始了第二份，请分成两个文件分别导入，或删去多余的部分。`,
    };
  }
  return {
    // A JSON file is parsed as the YAML it also is, but the parser's words (「Unexpected flow-map-start」, 「YAML stream」) are not the
    // JSON writer's: it is told as the Chinese tells it (breaker53-10 M1).
    reason: format === 'json' ? 'The JSON file cannot be read at this line: check its brackets, commas, colons and quotes.' : `The ${kind} file cannot be read: ${error.message.slice(0, 200).split('\n')[0]}`,
    reasonZh: `${kind} 文件在此行有格式错误（缩进、冒号、引号或括号不对），无法读取。`,
  };
}

const secondJsonValue = {
  reason: 'The JSON file holds a second value from this line (two objects one after the other, as a JSON-lines export writes): an import file holds one; split it or remove the rest.',
  reasonZh: '一个导入文件只能有一份内容：此行开始了第二份（上一份在此之前已结束），请分成两个文件分别导入，或删去多余的部分。',
};

/**
 * Where a second top-level JSON value begins (a character offset into `text`) when the first is an object or a list that closes
 * and more than white space follows it, else null. One pass over the text, strings (with their escapes) skipped; used only for
 * a file the parser has already refused.
 */
export function secondJsonValueAt(text: string): number | null {
  let at = 0;
  while (at < text.length && /[\s\uFEFF]/u.test(text[at]!)) at++;
  if (text[at] !== '{' && text[at] !== '[') return null;
  let depth = 0;
  for (; at < text.length; at++) {
    const char = text[at]!;
    if (char === '"') {
      for (at++; at < text.length && text[at] !== '"'; at++) if (text[at] === '\\') at++;
    } else if (char === '{' || char === '[') depth++;
    else if (char === '}' || char === ']') {
      depth--;
      if (depth === 0) break;
    }
  }
  if (depth !== 0) return null;
  for (at++; at < text.length && /[\s,]/u.test(text[at]!); at++);
  return at < text.length && (text[at] === '{' || text[at] === '[') ? at : null;
}

/**
 * YAML, and JSON read as the YAML it also is, so that both report problems by line. The nesting is
 * bounded while the text is parsed (`MAX_TREE_DEPTH`), so a file of `[` × 600 000 is refused after
 * a few dozen brackets; so is the width: past `MAX_TREE_VALUES` values in the file, or
 * `MAX_MAPPING_KEYS` keys in one mapping, the file is refused naming the line where the count was
 * passed (breaker50-10 S2). At most `MAX_SYNTAX_PROBLEMS` syntax errors are reported. This is CPU
 * work (tens of µs a value): a server reads the file with `readTreeOffThread` (sheet-off-thread.ts).
 */
export function readTree(content: FileContent, format: 'yaml' | 'json'): ImportResult<'tree', TreeNode> {
  const text = textOfFile(content);
  if (!text.ok) return text;
  const lineCounter = new LineCounter();
  let document: Document.Parsed;
  try {
    document = boundedDocument(text.text, lineCounter);
  } catch (error) {
    if (error instanceof TooWide) return { ok: false, problems: [{ row: error.line, ...tooWide(format, error.keys) }] };
    if (!(error instanceof TooDeep)) throw error;
    return { ok: false, problems: [{ row: error.line, ...tooDeep(format) }] };
  }
  if (document.errors.length > 0) {
    // Two JSON values one after the other (a JSON-lines export): one sentence at the second's line, as YAML's second document is
    // told — the parser's view of it was 14 identical layout lines and English quoting YAML tokens (breaker53-10 M1).
    const second = format === 'json' ? secondJsonValueAt(text.text) : null;
    if (second !== null) return { ok: false, problems: [{ row: lineCounter.linePos(second).line, ...secondJsonValue }] };
    // A line's message is cut short, and only the first few lines are named, each once: the file is to be mended, not listed.
    const seen = new Set<string>();
    const problems: ImportProblem[] = [];
    for (const error of document.errors) {
      const problem = { row: lineCounter.linePos(error.pos[0]).line, ...(error.message.slice(0, 200).toLowerCase().includes('call stack') ? tooDeep(format) : syntaxProblem(error, text.text, format)) };
      const key = `${problem.row}\u0000${problem.reasonZh}`;
      if (seen.has(key)) continue;
      seen.add(key);
      problems.push(problem);
      if (problems.length === MAX_SYNTAX_PROBLEMS) break;
    }
    return { ok: false, problems };
  }
  // An alias repeats a node: a few hundred bytes of nested aliases expand past any memory
  // ("billion laughs"). A plan has no use for them.
  let alias: YamlNode | null = null;
  visit(document, {
    Alias(_key, node) {
      alias = node;
      return visit.BREAK;
    },
  });
  if (alias) {
    const row = lineCounter.linePos((alias as YamlNode).range?.[0] ?? 0).line;
    return {
      ok: false,
      problems: [{ row, reason: `YAML aliases (*name) are not accepted in an import file: write the values out.`, reasonZh: '导入文件中不能使用 YAML 别名（*名称）：请把取值完整写出。' }],
    };
  }
  const lineOf = (offset: number | undefined): number => lineCounter.linePos(offset ?? 0).line;
  try {
    return { ok: true, tree: treeOf(document.contents, lineOf, 1, 0) };
  } catch (error) {
    if (!(error instanceof TooDeep)) throw error;
    return { ok: false, problems: [{ row: error.line, ...tooDeep(format) }] };
  }
}

const tooDeep = (format: string) => ({
  reason: `The ${format.toUpperCase()} file nests deeper than ${MAX_TREE_DEPTH} levels; a plan needs 5.`,
  reasonZh: `${format.toUpperCase()} 文件嵌套超过 ${MAX_TREE_DEPTH} 层；方案只需要 5 层。`,
});

/** Plans nest plan → categories → items → units: nothing legitimate goes near this. */
const MAX_TREE_DEPTH = 32;

/**
 * How many values (keys and scalars) a file may hold: a plan item or a finding takes about ten,
 * so this is some 10 000 items — a plan has a few thousand at most. Without it a 4.8 MB JSON of
 * 2 400 000 zeros took 126 s and 3 GB of the server (breaker50-10 S2).
 */
export const MAX_TREE_VALUES = 100_000;

/**
 * How many keys one mapping may have: a record has a dozen or two fields. Composing a mapping
 * checks each key against those before it, so 400 000 keys held the server for many minutes
 * (breaker50-10 S2).
 */
export const MAX_MAPPING_KEYS = 200;

const tooWide = (format: string, keys: boolean) =>
  keys
    ? {
        reason: `The ${format.toUpperCase()} file has a mapping with more than ${MAX_MAPPING_KEYS} keys; a plan's or a list's record has a dozen or two. Check that this is the right file.`,
        reasonZh: `${format.toUpperCase()} 文件中有一组键值对的字段超过 ${MAX_MAPPING_KEYS} 个，而方案或清单的一条记录只有十几个字段：请检查是否选错了文件。`,
      }
    : {
        reason: `The ${format.toUpperCase()} file holds more than ${MAX_TREE_VALUES} values (keys and values); a plan of a few thousand items holds some tens of thousands. Check that this is the right file, or split it.`,
        reasonZh: `${format.toUpperCase()} 文件中的数据项（字段名和取值）超过 ${MAX_TREE_VALUES} 个，而几千个事项的方案也只有几万个：请检查是否选错了文件（如其他系统导出的数据），或拆成几个文件后导入。`,
      };

/** How many syntax errors of one file are named. */
const MAX_SYNTAX_PROBLEMS = 20;

/**
 * How deep the parser's stack of open collections may grow: the document, and each collection one
 * level (with room for the parser's own entries), so that past it the tree is surely deeper than
 * MAX_TREE_DEPTH.
 */
const MAX_PARSE_DEPTH = MAX_TREE_DEPTH + 4;

class TooDeep extends Error {
  constructor(readonly line: number) {
    super('tree too deep');
  }
}

/** Past MAX_TREE_VALUES values (`keys` false) or MAX_MAPPING_KEYS keys in one mapping (`keys` true), at `line`. */
class TooWide extends Error {
  constructor(
    readonly line: number,
    readonly keys: boolean,
  ) {
    super('tree too wide');
  }
}

/** Whether a lexeme begins a scalar (plain, quoted or block): one value of the file. */
const isScalarLexeme = (lexeme: string): boolean =>
  lexeme === Cst.SCALAR || lexeme.startsWith('"') || lexeme.startsWith("'") || lexeme.startsWith('|') || lexeme.startsWith('>');

/**
 * The file's one document, parsed as `yaml.parseDocument` does, but token by token with the
 * parser's open collections counted as it goes: past MAX_PARSE_DEPTH it throws `TooDeep` naming
 * the line. Without the bound the whole file was parsed first and its depth checked after (breaker49-10
 * S10: a 1.2 MB JSON of `[` × 600 000 took 26 s and 0.9 GB on the server's own thread; three at once
 * ended the server, out of memory).
 */
function boundedDocument(text: string, lineCounter: LineCounter): Document.Parsed {
  const parser = new Parser(lineCounter.addNewLine);
  function* tokens(): Generator<CST.Token> {
    lineCounter.addNewLine(0);
    let values = 0;
    for (const lexeme of new Lexer().lex(text)) {
      yield* parser.next(lexeme);
      if (parser.stack.length > MAX_PARSE_DEPTH) throw new TooDeep(lineCounter.linePos(parser.offset).line);
      if (isScalarLexeme(lexeme) && ++values > MAX_TREE_VALUES) throw new TooWide(lineCounter.linePos(parser.offset).line, false);
      // Items are added to the collection on top of the stack, so looking at the top after each lexeme sees every mapping grow.
      const top = parser.stack.at(-1);
      if ((top?.type === 'block-map' || (top?.type === 'flow-collection' && top.start.source === '{')) && top.items.length > MAX_MAPPING_KEYS) throw new TooWide(lineCounter.linePos(parser.offset).line, true);
    }
    yield* parser.end();
  }
  const composer = new Composer({ uniqueKeys: true });
  let document: Document.Parsed | null = null;
  for (const composed of composer.compose(tokens(), true, text.length)) {
    if (document) {
      document.errors.push(new YAMLParseError(composed.range.slice(0, 2) as [number, number], 'MULTIPLE_DOCS', 'Source contains multiple documents'));
      break;
    }
    document = composed;
  }
  // compose(…, forceDoc) always ends with a document, an empty one for an empty text.
  return document!;
}

function treeOf(resolved: unknown, lineOf: (offset: number | undefined) => number, line: number, depth: number): TreeNode {
  if (depth > MAX_TREE_DEPTH) throw new TooDeep(line);
  if (isMap(resolved)) {
    const entries = resolved.items.map((pair): TreeEntry => {
      const keyLine = isScalar(pair.key) || isMap(pair.key) || isSeq(pair.key) ? lineOf(pair.key.range?.[0]) : line;
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      return { key, line: keyLine, value: treeOf(pair.value, lineOf, keyLine, depth + 1) };
    });
    return { kind: 'map', line: lineOf(resolved.range?.[0]), entries };
  }
  if (isSeq(resolved)) {
    return {
      kind: 'seq',
      line: lineOf(resolved.range?.[0]),
      items: resolved.items.map((item) => treeOf(item, lineOf, lineOf(resolved.range?.[0]), depth + 1)),
    };
  }
  if (isScalar(resolved)) {
    const { value, source } = resolved as typeof resolved & { source?: string };
    const cell: Cell =
      value === null || value === undefined
        ? null
        : typeof value === 'number' && typeof source === 'string' && source.trim() !== String(value)
          ? // An unquoted number keeps the digits written: `code: 1.10` is item 1.10, not 1.1 (breaker10o P11: it collided
            // with item 1.1); 007, 1e3 and 0x1F likewise read as a CSV cell holding that text would.
            source.trim()
          : typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date
            ? value
            : String(value);
    return { kind: 'scalar', line: lineOf((resolved as YamlNode).range?.[0]), value: cell };
  }
  return { kind: 'scalar', line, value: null };
}

/** The entry whose key is one of `aliases`. */
export function entryOf(node: TreeNode & { kind: 'map' }, aliases: readonly string[]): TreeEntry | undefined {
  const wanted = aliases.map(normalizedName);
  return node.entries.find((entry) => wanted.includes(normalizedName(entry.key)));
}

/**
 * The one rule for a field written twice under two of its names in one mapping (完成时限 and dueDate in an item, 年度 and year in
 * a plan, title and 类别 in a category): refused naming both keys, at the second one's line — whichever came first silently won
 * (breaker10q P10 for items; breaker53-10 S1 for the plan's title and year and a category's title). `what` is the English word of
 * the record (`item`, `plan`, `category` …, see `recordZh`); `label` the field's label (its Chinese after `labelZh`).
 */
export function givenTwiceProblem(row: number, what: string, first: string, second: string, label: string): ImportProblem {
  return {
    row,
    reason: `Fields "${first}" and "${second}" of ${what === 'plan' ? 'the plan' : what} both give ${label}: give it once.`,
    reasonZh: `${recordZh(what)}中的字段“${first}”和“${second}”都是${labelZh(label)}：只能写一个。`,
  };
}

/**
 * The entry whose key is one of `aliases`, as `entryOf`; a second entry under another of them is pushed to `problems` by
 * `givenTwiceProblem` (the same rule as an item's fields), so a plan's `年度: 2027` beside `year: 2026` is refused, never
 * decided by the order of the lines (breaker53-10 S1).
 */
export function entryGivenOnce(node: TreeNode & { kind: 'map' }, aliases: readonly string[], label: string, what: string, problems: ImportProblem[]): TreeEntry | undefined {
  const wanted = aliases.map(normalizedName);
  const [first, ...more] = node.entries.filter((entry) => wanted.includes(normalizedName(entry.key)));
  for (const entry of more) problems.push(givenTwiceProblem(entry.line, what, first!.key, entry.key, label));
  return first;
}

const kindInWords = (node: TreeNode): string => (node.kind === 'map' ? 'a mapping' : node.kind === 'seq' ? 'a list' : 'a value');
const kindInWordsZh = (node: TreeNode): string => (node.kind === 'map' ? '键值对' : node.kind === 'seq' ? '列表' : '单个值');

/** What a record is called in Chinese, by the English word the importer passes (`what`). */
const RECORD_ZH: Readonly<Record<string, string>> = { finding: '问题', unit: '单位', item: '事项', plan: '方案', category: '类别' };
export const recordZh = (what: string): string => RECORD_ZH[what] ?? '记录';

/** The Chinese names a field may have (its aliases written in Chinese), for a message listing them. */
export const chineseNamesOf = (aliases: Iterable<readonly string[]>): string =>
  [...aliases].map((names) => names.find((name) => /\p{Script=Han}/u.test(name)) ?? names[0]).join('、');

/**
 * One record from a mapping of field → value. A list of plain values (responsible units, say)
 * becomes one cell with a value per line. Unknown keys are problems: in YAML and JSON a misspelt
 * key would otherwise silently drop a field.
 */
export function recordOfMap<Key extends string>(
  node: TreeNode,
  columns: Columns<Key>,
  what: string,
  ignoredKeys: readonly string[] = [],
): { record: SourceRecord<Key> | null; problems: ImportProblem[] } {
  if (node.kind !== 'map') {
    return {
      record: null,
      problems: [{ row: node.line, reason: `Each ${what} must be a mapping of fields, not ${kindInWords(node)}.`, reasonZh: `每条${recordZh(what)}都应是由字段组成的键值对，而不是${kindInWordsZh(node)}。` }],
    };
  }
  const problems: ImportProblem[] = [];
  const cells: Partial<Record<Key, Cell>> = {};
  const ignored = ignoredKeys.map(normalizedName);
  // As in a sheet's header: a fallback name (序号, 整改要求) means its field only when no field of the record is named by its aliases.
  const named = new Set(node.entries.map((entry) => columnOf(columns, entry.key)));
  /** The key each field was first given under: a second key for one field is refused, or joined for a field of several (breaker10q P10). */
  const givenAs = new Map<Key, string>();
  /** The line each field was (last) given on, for a unit field's refusal. */
  const lineOf = new Map<Key, number>();
  for (const entry of node.entries) {
    if (ignored.includes(normalizedName(entry.key))) continue;
    const fallback = columnOf(columns, entry.key, true);
    const key = columnOf(columns, entry.key) ?? (fallback !== undefined && !named.has(fallback) ? fallback : undefined);
    // 序号 beside code, 整改要求 beside 整改措施: a fallback name of a field the record names by another — refused naming both and
    // what the fallback is (breaker54-10 M3: 「字段“序号”无法识别」 and a list of fields without it, though 序号 alone is the code).
    const other = key === undefined && fallback !== undefined ? node.entries.find((each) => columnOf(columns, each.key) === fallback) : undefined;
    if (other && fallback !== undefined) {
      const label = columns[fallback].label;
      problems.push({
        row: entry.line,
        reason: `Field "${entry.key}" of ${what} is read as ${label} only where "${other.key}" is not given, and it is: give one of them.`,
        reasonZh: `${recordZh(what)}中的字段“${entry.key}”只在没有“${other.key}”时读作${labelZh(label)}，这里两个都写了：请只写其中一个。`,
      });
      continue;
    }
    if (key === undefined) {
      const known = Object.keys(columns).join(', ');
      problems.push({
        row: entry.line,
        reason: `Unknown field "${entry.key}" in ${what}; expected ${known} (or their Chinese column names).`,
        reasonZh: `${recordZh(what)}中的字段“${entry.key}”无法识别；可用的字段：${chineseNamesOf(Object.values<ColumnSpec>(columns).map((column) => column.aliases))}。`,
      });
      continue;
    }
    const value = entry.value;
    const first = givenAs.get(key);
    // One field written under two names (完成时限 and dueDate, 牵头单位 and leadUnit): as a sheet's header does, refused naming both —
    // the last one silently won, a lead or a deadline dropped (breaker10q P10); a field of several (配合单位 and cooperatingUnits) joins them.
    if (first !== undefined && !columns[key].several) {
      problems.push(givenTwiceProblem(entry.line, what, first, entry.key, columns[key].label));
      continue;
    }
    // A bare five-digit number in a field of days (dueDate: 46300): a spreadsheet's cell of it is Excel's day serial, told (sheet.ts);
    // a YAML or JSON file has no such serials, so it is a typo or another system's internal value — refused asking for the date,
    // never read as a day unsaid (breaker50-10 M9: item due 2026-10-05 without a word). The value is still read, so that the row's
    // other checks do not also call the field missing.
    const serialDay = columns[key].days && value.kind === 'scalar' && (typeof value.value === 'number' || typeof value.value === 'string') ? excelSerialDayOf(String(value.value).trim()) : null;
    if (serialDay !== null && value.kind === 'scalar') {
      const written = String(value.value).trim();
      problems.push({
        row: entry.line,
        reason: `Field "${entry.key}" of ${what} is the number ${written}, not a date: a YAML or JSON file has no Excel day numbers (as one, ${written} would be ${serialDay}). Write the date, e.g. ${serialDay}, and import again.`,
        reasonZh: `${recordZh(what)}中的字段“${entry.key}”是数字 ${written}，不是日期：YAML、JSON 文件中没有 Excel 的日期序号（按序号读是 ${serialDay}）。请写明日期（如 ${serialDay}）后重新导入。`,
      });
    }
    givenAs.set(key, first ?? entry.key);
    lineOf.set(key, entry.line);
    const joined = (text: string): Cell => (first === undefined || cells[key] == null || String(cells[key]) === '' ? text : `${String(cells[key])}\n${text}`);
    if (value.kind === 'scalar') {
      cells[key] = first === undefined ? value.value : joined(String(value.value ?? ''));
    } else if (value.kind === 'seq' && value.items.every((item) => item.kind === 'scalar')) {
      cells[key] = joined(value.items.map((item) => (item.kind === 'scalar' ? String(item.value ?? '') : '')).join('\n'));
    } else {
      problems.push({ row: entry.line, reason: `Field "${entry.key}" must be text, not ${kindInWords(value)}.`, reasonZh: `字段“${entry.key}”应是文字，而不是${kindInWordsZh(value)}。` });
    }
  }
  // A unit field of more names or characters than an item has (15 000 names in one `responsibleUnits`, a name longer than any unit's)
  // is refused here, before any rule reads it: each name was matched against the directory on the server's thread (breaker54-10 S1).
  let unitsRefused = false;
  for (const [key, cell] of Object.entries(cells) as [Key, Cell][]) {
    if (columns[key].units === undefined || cell == null) continue;
    const refused = unitFieldProblem(String(cell), givenAs.get(key) ?? columns[key].label, what, lineOf.get(key) ?? node.line);
    if (refused) {
      problems.push(refused);
      unitsRefused = true;
    }
  }
  return { record: unitsRefused ? null : { row: node.line, cells }, problems };
}

/**
 * The refusal of a YAML/JSON record's unit field (`key` as written, on `line`) holding more names or characters than one item's
 * units (`unitCellBeyondLimit`), or a run longer than any unit's name (`MAX_UNIT_NAME_CHARS`); null within them. O(length).
 */
function unitFieldProblem(text: string, key: string, what: string, line: number): ImportProblem | null {
  const beyond = unitCellBeyondLimit(text);
  if (beyond) {
    const said = unitCellBeyondLimitWords(beyond);
    return { row: line, reason: `Field "${key}" of ${what} ${said.en}`, reasonZh: `${recordZh(what)}中的字段“${key}”${said.zh}` };
  }
  const run = longestNameRun(text);
  if (run <= MAX_UNIT_NAME_CHARS) return null;
  return {
    row: line,
    reason: `Field "${key}" of ${what} holds ${text.length} characters, with ${run} in a row without a separator ("${quotedStart(text)}"): no unit's name is longer than ${MAX_UNIT_NAME_CHARS} characters. Write only the units' names, separated by 、, and import again.`,
    reasonZh: `${recordZh(what)}中的字段“${key}”写了 ${text.length} 个字，其中连续 ${run} 个字没有分隔（“${quotedStart(text)}”），不像单位名称：单位名称最多 ${MAX_UNIT_NAME_CHARS} 个字。请只写单位名称（多个单位用“、”分隔）后重新导入。`,
  };
}

/** The records of a YAML or JSON list: the document itself, or the list under one of `listKeys`. */
export function recordsOfList<Key extends string>(
  tree: TreeNode,
  listKeys: readonly string[],
  columns: Columns<Key>,
  what: string,
): ImportResult<'records', SourceRecord<Key>[]> {
  const list = tree.kind === 'map' ? entryOf(tree, listKeys)?.value : tree;
  if (!list || list.kind !== 'seq') {
    return {
      ok: false,
      problems: [
        {
          row: tree.line,
          reason: `Expected a list of ${what}s, at the top or under "${listKeys[0]}".`,
          reasonZh: `文件应是${recordZh(what)}的列表，写在最外层或“${listKeys.find((key) => /\p{Script=Han}/u.test(key)) ?? listKeys[0]}”之下。`,
        },
      ],
    };
  }
  const problems: ImportProblem[] = [];
  const records: SourceRecord<Key>[] = [];
  for (const item of list.items) {
    const { record, problems: found } = recordOfMap(item, columns, what);
    problems.push(...found);
    if (record) records.push(record);
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, records };
}

