/*
 * Numbers as offices write them, read by value: 3处 and 三处, 2025年 and 二〇二五年, ２０２５ and
 * 2025, 十二月 and 12月, 5万元 and 五万元 name one number each. Used wherever two texts are compared
 * as "the same words" (finding titles, plan titles, item titles), so that a number retyped in
 * another script is not another problem or another plan (breaker10e P2, P14).
 *
 * Hand-written, not a library (plans, session 15): the npm readers tried (nzh 1.0.14,
 * chinese-numbers-converter 2.3.1, @lazy-cjk/zh2num 1.0.2, chinese-parseint 1.2.1) all read
 * 十三五 (the 13th five-year plan) as a number (35 or 45); nzh reads 二〇二五 as 225 and 两百 as 0;
 * chinese-numbers-converter reads 陆续 as 6续 and 漏洞 as 漏0 and ships an assertion library as a
 * runtime dependency. A title key must never invent a number, so the reader is strict: a run that
 * is not a well-formed numeral is left as written. Tested against nzh's encoder as an oracle
 * (numbers-by-value.spec.ts).
 */

const DIGIT: Readonly<Record<string, number>> = {
  〇: 0, '○': 0, 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
const SMALL_UNIT: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000 };

/**
 * A run of Chinese numeral characters (and a letter O typed for 〇 inside one: 二O二五). A run of
 * one 〇/○ alone is a circle, not a number, and is left as written.
 */
const CHINESE_RUN = /[〇○零一二两三四五六七八九十百千万亿](?:[〇○零一二两三四五六七八九十百千万亿Oo]*[〇○零一二两三四五六七八九十百千万亿])?/gu;
/** Digits with a Chinese magnitude: 5万, 1.5万, 3亿. */
const DIGITS_WITH_MAGNITUDE = /(\d+(?:\.\d+)?)(万|亿)(?![\d〇○零一二两三四五六七八九十百千])/gu;

/** 三千零五 → 3005, 十三 → 13, 二百五 → 250 (said so); null when not a numeral below 10 000 (十三五, 三三十). */
function section(text: string): number | null {
  if (text === '') return null;
  let value = 0;
  let lastUnit = 10_000;
  let pending: number | null = null;
  let afterZero = false;
  for (const char of text) {
    const digit = DIGIT[char];
    if (digit !== undefined) {
      if (pending !== null) return null;
      if (digit === 0) {
        if (afterZero) return null;
        afterZero = true;
        continue;
      }
      pending = digit;
      continue;
    }
    const unit = SMALL_UNIT[char];
    if (unit === undefined || unit >= lastUnit) return null;
    // 十三 is 13; 一百十 is 110 (a 十 without its 一 only first, or after a hundred).
    if (pending === null && !(unit === 10 && !afterZero)) return null;
    value += (pending ?? 1) * unit;
    pending = null;
    afterZero = false;
    lastUnit = unit;
  }
  if (pending === null) return afterZero ? null : value;
  // 二百五 is 250, 三千五 is 3500: a last digit right after a unit counts in the next unit down.
  return value + (afterZero || lastUnit === 10_000 ? pending : pending * (lastUnit / 10));
}

/**
 * A numeral with 万 and 亿 (一万零三百 → 10300, 三亿 → 300000000, 三万五 → 35000 as said); null
 * when not well formed (一万三百: after a magnitude the rest is a full group, or follows 零).
 */
function withMagnitudes(text: string, magnitude: '亿' | '万' = '亿'): number | null {
  const below = (part: string): number | null => (magnitude === '亿' ? withMagnitudes(part, '万') : section(part));
  const parts = text.split(magnitude);
  if (parts.length === 1) return below(text);
  if (parts.length > 2 || parts[0] === '') return null;
  const [high, low] = parts as [string, string];
  const scale = magnitude === '亿' ? 1e8 : 1e4;
  const highValue = below(high);
  if (highValue === null) return null;
  if (low === '') return highValue * scale;
  const single = DIGIT[low];
  let lowValue: number | null;
  if (/^[零〇○]/u.test(low)) lowValue = below(low.slice(1));
  else if (low.length === 1 && single !== undefined) lowValue = single * (scale / 10);
  else {
    lowValue = below(low);
    if (lowValue !== null && lowValue < scale / 10) lowValue = null;
  }
  return lowValue === null ? null : highValue * scale + lowValue;
}

/**
 * The value of one run of Chinese numerals, as digits, or null when it is not a numeral: digit
 * by digit when it has no unit (二〇二五 → 2025, 三 → 3), else by its units (三十一 → 31,
 * 一百零五 → 105, 两千 → 2000, 十 → 10). A run starting with 百, 千, 万 or 亿 (百姓, 千方百计,
 * 万一) or one a numeral cannot be (十三五) is null.
 */
export function chineseNumeralValue(run: string): string | null {
  const text = run.replace(/[Oo]/g, '〇');
  if (!/[十百千万亿]/.test(text)) {
    if (text === '○') return null;
    // Two or three digits side by side with no zero are a rough count (三五个 three to five, 七八家, 两三次), not 35 or 78
    // (breaker10f P1); a year or code digit by digit has four, or a zero (二〇二五, 一二〇).
    if (text.length > 1 && text.length < 4 && !/[〇○零]/u.test(text)) return null;
    return [...text].map((char) => DIGIT[char] ?? '').join('');
  }
  if (/^[百千万亿]/.test(text)) return null;
  const value = withMagnitudes(text);
  return value === null || !Number.isSafeInteger(value) ? null : String(value);
}

/**
 * Measure words and units a count stands before (三处, 两个, 十家, 一次, 六月, 三季度, 五万): a numeral of
 * one character is a number only before one of these or after 第 (第一, 第三) — elsewhere 一 and 十
 * are words (十分, 一直, 一些, 进一步, 统一, 不一), and reading them as 10 and 1 set titles apart that
 * are one problem retyped (breaker10f P11).
 */
const MEASURE_WORDS = new Set('个家处项次条件名人位年月日号天周季届批类种份本篇期轮级所座台套部页张元角万亿千百倍户村例起栏支场笔间层岁%'.split(''));
const countsHere = (text: string, at: number): boolean => MEASURE_WORDS.has(text[at + 1] ?? '') || /[第前后近头末]$/u.test(text.slice(0, at)) || /^[\d.]/u.test(text[at + 1] ?? '');

/**
 * The text with every number written as ASCII digits by value: NFKC first (full-width digits),
 * then digits with a Chinese magnitude (5万 → 50000, 1.5万 → 15000) and runs of Chinese numerals
 * (`chineseNumeralValue`); 百分之三十 and 30% both read 30%. A run that is no numeral (十三五,
 * 百姓) is left as written. Pure; O(length). Not for display: a key to compare texts by.
 */
export function numbersByValue(text: string): string {
  return text
    .normalize('NFKC')
    .replace(CHINESE_RUN, (run, at: number, whole: string) => (run.length === 1 && !countsHere(whole, at) ? run : (chineseNumeralValue(run) ?? run)))
    .replace(/百分之(\d+(?:\.\d+)?)/gu, '$1%')
    .replace(DIGITS_WITH_MAGNITUDE, (_all, digits: string, magnitude: string) => {
      const [whole, fraction = ''] = digits.split('.');
      const places = magnitude === '亿' ? 8 : 4;
      if (fraction.length > places) return _all;
      return `${whole}${fraction.padEnd(places, '0')}`.replace(/^0+(?=\d)/, '');
    });
}

/**
 * A text's words as two copies of one file, or a file and what was recorded from it, are compared:
 * full-width forms (NFKC), white space and invisible characters do not count, and numbers count by
 * value (`numbersByValue`: 开展三次培训 is 开展3次培训). Not for display.
 */
export const wordsByValue = (text: string): string => numbersByValue(text.normalize('NFKC').replace(/[\s\p{Default_Ignorable_Code_Point}]+/gu, ''));

/**
 * Punctuation two copies of one text may write otherwise, after NFKC: quotes of any style ("" “” ‘’ 「」 『』), brackets of
 * any style (（） () 【】 〔〕 [] 《》), the sentence marks 、，。；：！？ and their half-width forms, · and …. A comma or point
 * between two digits (1,000; 1.5) is part of a number and stays.
 */
const PUNCTUATION_RETYPED = /[\p{Ps}\p{Pe}\p{Pi}\p{Pf}"'、。;:!?·…]|(?<!\d)[.,]|[.,](?!\d)/gu;

/**
 * A text's words with its punctuation not counting (`wordsByValue`, then `PUNCTUATION_RETYPED` dropped): what a plan
 * item's title is compared by across two versions of one plan. A file opened and saved in WPS turns "" into “”, a clerk
 * retypes ， as , — the same item, never another one (breaker10m P15). Not for display; a title's words and numbers
 * still count (推进价格信息公开 and 推进规划信息公开 differ).
 */
export const wordsWithoutPunctuation = (text: string): string => wordsByValue(text).replace(PUNCTUATION_RETYPED, '');
