// Pure (no DOM, no imports): the Jest suite reads it too (test/web-day-text.spec.ts).

/** Chinese numerals as people write digits in dates: 二〇二六年十一月二十九日. */
const CHINESE_DIGITS: Record<string, number> = { 〇: 0, 零: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 十一 → 11, 二十九 → 29, 三十 → 30, 二〇二六 → 2026 (digit by digit); null when it is no such number. */
function chineseNumber(text: string): number | null {
  if ([...text].every((character) => character in CHINESE_DIGITS)) return Number([...text].map((character) => CHINESE_DIGITS[character]).join(''));
  const tens = /^([一二三]?)十([一二三四五六七八九]?)$/.exec(text);
  if (!tens) return null;
  return (tens[1] ? CHINESE_DIGITS[tens[1]]! : 1) * 10 + (tens[2] ? CHINESE_DIGITS[tens[2]]! : 0);
}

/**
 * A typed date as the office writes it, in the form YYYY-M-D: full-width digits and separators
 * (２０２６－１１－２９, what a Chinese IME in full-width mode types) made ASCII by NFKC; 年/月/日,
 * slashes and dots as separators; Chinese numerals (二〇二六年十一月二十九日); spaces and weekday remarks (（星期日）) dropped.
 */
export function normaliseDayText(text: string): string {
  // A weekday remark beside the day (2026-11-29（星期日）) says nothing the day does not.
  let out = text.normalize('NFKC').replace(/\s+/g, '').replace(/\(?(?:星期|周|礼拜)[一二三四五六日天]\)?/g, '');
  out = out.replace(/[〇零一二三四五六七八九十]+/g, (numerals) => String(chineseNumber(numerals) ?? numerals));
  return out
    .replace(/[年月/.。、]/g, '-')
    .replace(/[日号]$/, '')
    .replace(/[－—–‐]/g, '-');
}

/**
 * What a date field makes of text typed into it: the day (YYYY-MM-DD), or why it is none —
 * `format` (no year-month-day at all: 明天, 2026-11) or `noSuchDay` (2026-02-30, 2026-13-01) —
 * with the text as typed, for the refusal to quote. Empty text is `{ empty: true }`.
 */
export type TypedDay = { empty: true } | { day: string } | { typed: string; problem: 'format' | 'noSuchDay' };

export function readTypedDay(text: string): TypedDay {
  const typed = text.trim();
  if (typed === '') return { empty: true };
  const normal = normaliseDayText(typed);
  const match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(normal) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(normal);
  if (!match) return { typed, problem: 'format' };
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return { typed, problem: 'noSuchDay' };
  return { day: `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` };
}

/** The Chinese refusal beside a date field for what `readTypedDay` could not read, quoting the text typed. */
export function typedDayRefusal(result: { typed: string; problem: 'format' | 'noSuchDay' }): string {
  if (result.problem === 'noSuchDay') return `日期无效：${result.typed} 这一天不存在，请重新选择。`;
  // A month and day without the year (11-20, 11月20日): said so, never read as some year (breaker11i P6).
  if (/^\d{1,2}-\d{1,2}$/.test(normaliseDayText(result.typed.trim()))) return `“${result.typed}”没有年份：请写明年月日，如 2026-06-30，或在日历中选择。`;
  return `无法识别“${result.typed}”：请按 2026-06-30 的格式填写，或在日历中选择。`;
}

/**
 * Whether the day a lenient picker made of typed text stands: only when it is the day the text
 * reads as (`readTypedDay`). The picker's own parser rolls 2026-02-30 over to 2026-03-02 and reads
 * 11-20 as 2001-11-20 (breaker11i P6); those are left to the field's own reading, which refuses them.
 * `typed` null: the day was picked from the calendar, which always stands.
 */
export function pickerDayStands(typed: string | null, day: string): boolean {
  if (typed === null) return true;
  const read = readTypedDay(typed);
  return 'day' in read && read.day === day;
}

/** True for text that is a day on the calendar written YYYY-MM-DD (2026-02-30, 2026-13-01, 2026-6-1: false; never throws). */
export function isDayText(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const read = readTypedDay(text);
  return 'day' in read && read.day === text;
}
