/*
 * The brackets offices put a remark in, one table for every import and title rule (breaker10i P3):
 * a finding's （已整改）, a plan's 〔调整稿〕, a report's 「终稿」 are the same remark in another
 * bracket. 〔〕 is the bracket of every 文号 (青政办〔2026〕12号) and common in official titles;
 * 〖〗「」『』 come from WPS and from Hong Kong / Taiwan style documents. Texts are compared after
 * NFKC, which already reads full-width （）［］｛｝ as ()[]{} and small ﹝﹞ as 〔〕.
 * Not brackets here: 《》 and 〈〉 (book titles: 宣传解读《政府信息公开条例》 names a document, it is no
 * remark about the row) and quotation marks “”.
 */

/** Opening and closing characters of each bracket pair, after NFKC. */
export const BRACKET_PAIRS: readonly (readonly [open: string, close: string])[] = [
  ['(', ')'],
  ['[', ']'],
  ['{', '}'],
  ['【', '】'],
  ['〔', '〕'],
  ['〖', '〗'],
  ['〘', '〙'],
  ['「', '」'],
  ['『', '』'],
];

const escaped = (character: string): string => character.replace(/[\\^$.*+?()[\]{}|/-]/gu, '\\$&');
/** Every opening bracket, as a character class body (for `[${OPENING_BRACKETS}]`). */
export const OPENING_BRACKETS = BRACKET_PAIRS.map(([open]) => escaped(open)).join('');
/** Every closing bracket, as a character class body. */
export const CLOSING_BRACKETS = BRACKET_PAIRS.map(([, close]) => escaped(close)).join('');
/** One bracketed remark of any pair, its inside in the first defined group: `(?:\(([^()]*)\)|…)`. */
export const BRACKETED = `(?:${BRACKET_PAIRS.map(([open, close]) => `${escaped(open)}([^${escaped(open)}${escaped(close)}]*)${escaped(close)}`).join('|')})`;

const TRAILING = new RegExp(`${BRACKETED}\\s*$`, 'u');
const ANY = new RegExp(BRACKETED, 'gu');
const WHOLE = new RegExp(`^${BRACKETED}$`, 'u');

const insideOf = (match: RegExpExecArray | RegExpMatchArray): string => match.slice(1).find((group) => group !== undefined) ?? '';

/**
 * The bracketed remark at the very end of `text` (NFKC first), trailing spaces allowed: what is inside it,
 * where the bracket starts and the bracket as written; null when the text does not end in one.
 * `加强政务新媒体管理〔取消〕` → { inside: '取消', at: 9, bracket: '〔取消〕' }. Pure.
 */
export function trailingBracket(text: string): { readonly inside: string; readonly at: number; readonly bracket: string } | null {
  const match = TRAILING.exec(text.normalize('NFKC'));
  return match ? { inside: insideOf(match), at: match.index, bracket: match[0].trimEnd() } : null;
}

const LEADING = new RegExp(`^\\s*${BRACKETED}`, 'u');

/**
 * The bracketed remark at the very start of `text` (NFKC first), leading spaces allowed: what is inside it, where the
 * words after it start, and the bracket as written; null when the text does not start with one.
 * `【已整改】网民留言回应不及时` → { inside: '已整改', end: 5, bracket: '【已整改】' } (breaker10j P3). Pure.
 */
export function leadingBracket(text: string): { readonly inside: string; readonly end: number; readonly bracket: string } | null {
  const match = LEADING.exec(text.normalize('NFKC'));
  return match ? { inside: insideOf(match), end: match[0].length, bracket: match[0].trimStart() } : null;
}

/** What is inside every bracketed remark of `text` (NFKC), in order: `2026年12月底前〔已完成〕（星期二）` → ['已完成', '星期二']. */
export const bracketedRemarks = (text: string): string[] => [...text.normalize('NFKC').matchAll(ANY)].map(insideOf);

/** `text` (NFKC) without its bracketed remarks, wherever they stand. */
export const withoutBracketedRemarks = (text: string): string => text.normalize('NFKC').replace(ANY, '');

/** Whether the whole of `text` (NFKC, trimmed) is one bracketed remark: （此件公开发布）, 〔内部〕. */
export const isBracketedRemark = (text: string): boolean => WHOLE.test(text.normalize('NFKC').trim());
