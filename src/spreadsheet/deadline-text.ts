import { BRACKETED, bracketedRemarks } from '../shared/brackets.js';
import { isCalendarDate } from '../shared/calendar-date.js';
import { monthEnd, type Deadline, type RecurrencePeriod } from '../shared/deadline.js';
import { calendarDateOf, textOf, type Cell } from './cells.js';

/*
 * Deadlines as offices write them in task lists and ledgers (完成时限 / 整改时限), read into a
 * Deadline (src/shared/deadline.ts). Pure: the same text and year always give the same answer.
 * The vocabulary, documented in README.md ("Deadline words"):
 *   2026-06-30, 2026/6/30, 2026年6月30日, ２０２６年６月３０日, 二〇二六年六月三十日,
 *   2026年6月30日（星期二） (remarks in brackets are ignored), …前 / …之前 / …前完成;
 *   2026年6月, 2026年6月底(前) → the month's last day;  2026年底(前), 2026年内 → 12-31;
 *   2026年6月上旬 / 中旬 / 下旬 → the 10th / 20th / last day;  2026年3月—6月 (至, ～) → the span's end;
 *   明年 / 次年 / 翌年 … → the year after the context's, 今年 / 当年 → that year;
 *   2026年上半年 → 06-30, 下半年 → 12-31;  2026年第三季度 / 三季度 / Q3 → the quarter's last day;
 *   6月30日, 6月底前, 年底前, 上半年, 第三季度 → the same, in the year given (the plan's);
 *   立行立改 / 即知即改 / 立即整改 → at once;  持续推进 / 长期坚持 / 常态化 / 长期 → standing;
 *   每月 / 每季度 / 每半年 / 每年 → recurring;  X前完成并持续落实 (…并长期坚持) → by X, then standing;
 *   立行立改，长期坚持 (立行立改并长期坚持, 即知即改、持续推进) → at once, then standing;
 *   a standing deadline followed by its reporting period — 常态化（每月报送）, 长期坚持，每半年报送,
 *   2026-06-30前完成并持续落实（每月报送） — reports every such period (the export writes these words).
 */

export type DeadlineReading =
  | {
      readonly ok: true;
      readonly deadline: Deadline;
      /** The text gave no year and its day in `context.year` was before `context.notBefore`: it was read in this year, the next. */
      readonly yearAfter?: number;
      /**
       * What the import tells of the row, the day read being one of two the words may mean (`beforePeriodNotice`: 2026年下半年前,
       * 9月前, 三季度前 — before the period ends, or before it begins): `按 2026-12-31 计` and how to write the other. Absent otherwise.
       */
      readonly notice?: Unreadable;
    }
  | { readonly ok: false; readonly reason: string; readonly reasonZh: string };

/** Why a date cannot be read, in both languages. */
type Unreadable = { readonly reason: string; readonly reasonZh: string };

export interface DeadlineContext {
  /**
   * The year a date without one belongs to (the plan's year, a 台账's identification year); without
   * it 6月30日 is refused. 明年 / 次年 / 翌年 are the year after it, 今年 / 当年 / 本年 the year itself.
   */
  readonly year?: number;
  /**
   * `YYYY-MM-DD`: a date written without a year (6月底前, 明年 aside) that falls before this day is
   * read in the next year — a 整改台账 drawn up in October that says 6月底前 means next June
   * (breaker10d P32); the reading says so (`yearAfter`). Absent: always `year`.
   */
  readonly notBefore?: string;
  /**
   * `YYYY-MM-DD`: the day the parts are assigned, in a file that is not Rectify's own export. 立行立改（YYYY-MM-DD） is the export's
   * form, naming the day the part fell due (its assignment); naming another day it is another deadline, refused (import10b's
   * "Left": 立行立改（2026-09-30） assigned in February was read as due at once). Absent: any day reads (Rectify's export, or unknown).
   */
  readonly assignedOn?: string;
}

const CHINESE_DIGITS: Readonly<Record<string, number>> = {
  〇: 0, 零: 0, Ｏ: 0, O: 0, o: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};

/** 二〇二六 → 2026 (digit by digit, as years are written). */
const chineseYear = (text: string): string => [...text].map((char) => CHINESE_DIGITS[char] ?? char).join('');

/** 三十一 → 31, 十二 → 12, 十 → 10, 六 → 6 (months and days). */
function chineseNumber(text: string): string {
  const match = /^([一二三四五六七八九]?)十([一二三四五六七八九]?)$/.exec(text);
  if (match) return String((match[1] ? CHINESE_DIGITS[match[1]]! : 1) * 10 + (match[2] ? CHINESE_DIGITS[match[2]]! : 0));
  return CHINESE_DIGITS[text] === undefined ? text : String(CHINESE_DIGITS[text]);
}

/** A remark in any bracket of the shared table (（星期二）, 〔暂定〕), after NFKC. */
const BRACKETED_REMARK = new RegExp(BRACKETED, 'gu');

/**
 * The text in one spelling: full-width digits and brackets as ASCII (NFKC), Chinese numerals as
 * digits, remarks in brackets (（星期二）, (暂定)) and spaces removed.
 */
export function normalizedDeadlineText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[〇零一二三四五六七八九OoＯ]{4}(?=年)/g, chineseYear)
    .replace(/[一二三四五六七八九十]{1,3}(?=[月日号])/g, chineseNumber)
    .replace(BRACKETED_REMARK, '')
    // Spaces, and characters that take no room on screen (U+200B pasted from a web page: breaker10c P19).
    .replace(/[\s\p{Default_Ignorable_Code_Point}]+/gu, '')
    // A month written with a dot, as 分工 tables do — 2026.6, 2026.10底前 — is 2026年6月 (breaker10q P4); 2026.6.30 stays a day.
    // Anywhere in the text: a span 2027.3—2027.6 is 2027年3月—2027年6月, read as its end (issue 10); 2027.1月底前 is 2027年1月底前.
    .replace(/(?<![\d.])(\d{4})\.(\d{1,2})(?![\d.])月?/gu, '$1年$2月')
    // A month and day with a dot and no year — 6.30前 (breaker48-10 M2) — is 6月30日: two digits of day, or one before 前/日/止. 6.3 alone
    // stays unread (a CSV saved from a number cell 6.30 writes it so).
    .replace(/(?<![\d.])(1[0-2]|0?[1-9])\.(3[01]|[12]\d|0[1-9]|[1-9](?=[日号前之以止]))(?![\d.])[日号]?/gu, '$1月$2日')
    // A sentence's full stop or comma after the deadline (2026年6月30日。) closes the cell, it says nothing (breaker48-10 M2).
    .replace(/[。，,；;！!]+$/u, '');
}

const QUARTER_NUMBER: Readonly<Record<string, number>> = { 一: 1, 二: 2, 三: 3, 四: 4, '1': 1, '2': 2, '3': 3, '4': 4 };

const AT_ONCE = /^(?:立行立改|即知即改|立即整改|立即落实|立查立改|马上就改)$/;
const STANDING = /^(?:持续推进|长期坚持|常态化(?:推进|开展)?|长期|持续|持续开展|持续落实|长期推进|常态化落实)$/;
const RECURRING: Readonly<Record<string, RecurrencePeriod>> = {
  每月: 'MONTH',
  每个月: 'MONTH',
  按月: 'MONTH',
  每季度: 'QUARTER',
  每季: 'QUARTER',
  按季度: 'QUARTER',
  每半年: 'HALF_YEAR',
  每年: 'YEAR',
  每年度: 'YEAR',
};
/**
 * A recurring word with its period's end said (每季度末, 每月底前, 每半年末, 每年年底前, 每年12月底前, 每年12月31日前 — each due at the end of the
 * period, as 每季度 is): that period, or undefined (breaker43-10 F8: refused). A day inside the period (每月10日前) is `MID_PERIOD`.
 */
function recurringAtPeriodEnd(text: string): RecurrencePeriod | undefined {
  const match = AT_PERIOD_END.exec(text);
  if (!match) return undefined;
  const period = RECURRING[match[1]!];
  if (match[2] !== undefined && period !== 'YEAR') return undefined;
  return period;
}
const AT_PERIOD_END = /^(每个?月|按月|每季度?|按季度|每半年|每年度?)(?:的)?(?:(12月(?:底|末|31日|三十一日))|月底|月末|季末|季度末|年底|年末|末|底)(?:前|之前|以前)?(?:报送|上报|开展|完成)?$/u;
/** A recurring word with a day inside its period (每月10日前, 每季度首月15日前, 每年6月底前): the model keeps only the period's end. */
const MID_PERIOD = /^(每个?月|每季度?|每半年|每年度?)(?:的)?(.*?(?:\d|[一二三四五六七八九十]).*?[日号月]?(?:底|末|中旬|上旬|下旬)?)(?:前|之前|以前)?(?:报送|上报|开展|完成)?$/u;
/** "…并持续落实", "…，长期坚持": a date, then a standing task. */
const THEN_STANDING = /^(.+?)(?:完成)?[,，;；、]?(?:并|后)?(?:持续落实|持续推进|长期坚持|常态化(?:推进|开展)?|长期保持)$/;
/** What may follow a date without changing it: 前, 之前, 以前, 前完成, 完成. */
const BY_SUFFIX = /(?:之前|以前|前|为止|止)?(?:完成整改|完成|办结|整改到位|整改完成)?$/;

/** A date of the vocabulary (no standing or recurring words), as `YYYY-MM-DD`, or a reason. */
function dayOf(text: string, context: DeadlineContext): { day: string } | Unreadable | null {
  const bare = text.replace(BY_SUFFIX, '');
  const asDay = calendarDateOf(bare);
  if (/^\d{4}-\d{2}-\d{2}$/.test(asDay)) {
    return isCalendarDate(asDay) ? { day: asDay } : { reason: `${asDay} does not exist`, reasonZh: `日期 ${asDay} 不存在` };
  }
  const match = /^(?:(\d{4})年|(明年|次年|翌年|下一年|下年|今年|当年|本年))?(.*)$/.exec(bare);
  const relative = match?.[2];
  const yearText = match?.[1] ?? (relative !== undefined && context.year !== undefined ? String(context.year + (NEXT_YEAR.test(relative) ? 1 : 0)) : undefined);
  const rest = (match?.[3] ?? '').replace(/^度/, '');
  if (relative !== undefined && context.year === undefined) {
    return { reason: `"${text}" counts from a year that is unknown (write the year, e.g. 2027年3月底前)`, reasonZh: `“${text}”相对的年度不知道（请写明年份，如 2027年3月底前）` };
  }
  const year = yearText ? Number(yearText) : context.year;
  const needYear = (): Unreadable => ({
    reason: `"${text}" gives no year, and the year is unknown (give the plan's year)`,
    reasonZh: `“${text}”没有写年份，计划的年度也不知道（请填写计划年度）`,
  });

  let day: string | null = null;
  let m: RegExpExecArray | null;
  if ((m = /^(\d{1,2})月(\d{1,2})[日号]$/.exec(rest))) {
    if (year === undefined) return needYear();
    const [month, date] = [Number(m[1]), Number(m[2])];
    day = `${year}-${String(month).padStart(2, '0')}-${String(date).padStart(2, '0')}`;
    if (!isCalendarDate(day)) return yearText === undefined ? noSuchDayInTheYear(text, year, month, date) : { reason: `${day} does not exist`, reasonZh: `日期 ${day} 不存在` };
    return { day };
  }
  if ((m = /^(\d{1,2})月(底|末|份|上旬|中旬|下旬)?$/.exec(rest)) && rest !== '') {
    if (year === undefined) return needYear();
    const month = Number(m[1]);
    if (month < 1 || month > 12) return { reason: `month ${month} does not exist`, reasonZh: `没有 ${month} 月` };
    // 上旬 ends on the 10th, 中旬 on the 20th, 下旬 with the month.
    const tenDays = m[2] === '上旬' ? '10' : m[2] === '中旬' ? '20' : null;
    day = tenDays ? `${year}-${String(month).padStart(2, '0')}-${tenDays}` : monthEnd(year, month);
  } else if (/^(?:年?底|年?末|年?内|全年|年?度内|本年度|当年)$/.test(rest) || (rest === '' && yearText)) {
    if (year === undefined) return needYear();
    day = `${year}-12-31`;
  } else if ((m = /^(上|下)半年(?:底|末)?$/.exec(rest))) {
    if (year === undefined) return needYear();
    day = m[1] === '上' ? `${year}-06-30` : `${year}-12-31`;
  } else if ((m = /^(?:第)?([一二三四1-4])季度(?:底|末)?$/.exec(rest)) || (m = /^Q([1-4])$/i.exec(rest))) {
    if (year === undefined) return needYear();
    day = monthEnd(year, QUARTER_NUMBER[m[1]!]! * 3);
  }
  return day === null ? null : { day };
}

/**
 * The refusal of a month and day written without a year (read in `year`, the plan's or the 台账's) that `year` does not have
 * (breaker48-10 M1: 「2月29日」 in 2026 was refused as 「日期 2026-02-29 不存在」, a date the file never wrote): 2月29日 in a year
 * that is no leap year, said so with the days it could mean; a day no year has (2月30日, 4月31日, 13月1日), said so. Pure.
 */
function noSuchDayInTheYear(text: string, year: number, month: number, date: number): Unreadable {
  const written = `${month}月${date}日`;
  if (month >= 1 && month <= 12 && isCalendarDate(`2000-${String(month).padStart(2, '0')}-${String(date).padStart(2, '0')}`)) {
    return {
      reason: `"${text}" gives no year, so it is read in ${year}, which has no ${written} (${year} is no leap year): write the date with its year, e.g. ${year}年2月28日 or ${year}年3月1日`,
      reasonZh: `“${text}”没有写年份，按所属年度 ${year} 年读，但 ${year} 年没有${written}（${year} 年不是闰年）：请写明年份和日期，如“${year}年2月28日”或“${year}年3月1日”`,
    };
  }
  const lastDay = month >= 1 && month <= 12 ? monthEnd(year, month) : null;
  return {
    reason: `"${text}": no year has ${written}${lastDay ? ` (the month's last day in ${year} is ${lastDay})` : ''}: write an existing date, e.g. ${lastDay ?? `${year}-12-31`}`,
    reasonZh: `“${text}”：任何年份都没有${written}${lastDay ? `（${year} 年${month}月的最后一天是 ${lastDay}）` : ''}：请写一个存在的日期，如“${lastDay ?? `${year}-12-31`}”`,
  };
}

/** 明年, 次年, 翌年, 下一年, 下年: the year after the context's. */
const NEXT_YEAR = /^(?:明年|次年|翌年|下一年|下年)$/;

/** A span, 2026年3月—6月 or 3月至6月: due at its end (the end takes the start's year when it has none). */
const SPAN = /^(.+?)(?:—|–|－|~|～|至|到|-{1,2})(.+)$/;

/** `2026-02-30 does not exist`, or `"2026年2月30日": 2026-02-30 does not exist` when written otherwise. */
const quoted = (original: string, { reason, reasonZh }: Unreadable): Unreadable =>
  reason.startsWith(`${original} `) || reason.startsWith(`"${original}"`) ? { reason, reasonZh } : { reason: `"${original}": ${reason}`, reasonZh: `“${original}”：${reasonZh}` };

/**
 * What a deadline cell means. Excel dates and serial numbers are days; text is read with the
 * vocabulary above. A refusal's reason names the text and shows how to write it.
 */
export function readDeadline(cell: Cell, context: DeadlineContext = {}): DeadlineReading {
  // A number that reads as a year and a month (2026.6 typed into a cell Excel keeps as a number) is that month; 2026.10 is stored
  // as 2026.1, so that one is refused naming both readings (breaker10q P4, import P3), never taken as January.
  const yearMonth = typeof cell === 'number' ? yearMonthOfNumber(cell) : null;
  if (yearMonth && !yearMonth.ok) return yearMonth;
  if (yearMonth) return readDeadline(yearMonth.text, context);
  if (cell instanceof Date || typeof cell === 'number') {
    const day = calendarDateOf(cell);
    if (isCalendarDate(day)) return { ok: true, deadline: { kind: 'BY_DATE', dueDate: day } };
    return { ok: false, reason: `"${textOf(cell)}" is not a date`, reasonZh: `“${textOf(cell)}”不是日期` };
  }
  const original = textOf(cell);
  if (original === '') return { ok: false, reason: 'no deadline given', reasonZh: '没有填写时限' };
  // 2027.1 as text is what a CSV saved from Excel writes of a General cell's 2027.10: refused as the number cell is (issue 10).
  const dotMonth = ambiguousDotMonthOf(original);
  if (dotMonth) return dotMonth;
  // 6月30日前（2026年）: the bracket gives the day's year, no second deadline (breaker48-10 M2: refused as 2026-12-31 beside it).
  const yearAfter = /^(.*?\S)\s*[（(]\s*(\d{4})\s*年?度?\s*[）)]\s*$/u.exec(original.normalize('NFKC'));
  if (yearAfter && !/\d{4}/u.test(yearAfter[1]!)) return readDeadline(`${yearAfter[2]}年${yearAfter[1]}`, context);
  const text = normalizedDeadlineText(original);
  const reading = withReportPeriod(original, context) ?? readDeadlineText(original, text, context);
  const unkept = UNKEPT_PERIOD.exec(original.normalize('NFKC').replace(/[\s\p{Default_Ignorable_Code_Point}]+/gu, ''));
  if (unkept) {
    return {
      ok: false,
      reason: `"${original}": a report ${unkept[0]} cannot be kept — standing tasks report 每月, 每季度, 每半年 or 每年 (write e.g. 长期坚持（每月报送）)`,
      reasonZh: `“${original}”中的报送周期“${unkept[0]}”无法记录：报送周期只能是每月、每季度、每半年或每年（如写作“长期坚持（每月报送）”）`,
    };
  }
  const inBracket = reading.ok ? otherDeadlineInBracket(original, reading.deadline, context) : null;
  if (inBracket) return inBracket;
  // 「2026年6月底前（长期坚持）」: a day, then kept up — the bracket is no remark (breaker10q P14: read as the day alone).
  if (reading.ok && reading.deadline.kind === 'BY_DATE' && bracketedRemarks(original).some((inside) => STANDING.test(inside.replace(/[\s\p{Default_Ignorable_Code_Point}]+/gu, '')))) {
    return { ok: true, deadline: { kind: 'BY_DATE_THEN_STANDING', dueDate: reading.deadline.dueDate } };
  }
  const { year, notBefore } = context;
  // 2月29日 in a 台账 of a year with none, drawn up after February: next year's, as any day before `notBefore` is — when that year has one.
  if (!reading.ok && year !== undefined && notBefore !== undefined && !namesItsYear(text)) {
    const later = readDeadlineText(original, text, { year: year + 1 });
    if (later.ok && 'dueDate' in later.deadline && `${year}${later.deadline.dueDate.slice(4)}` < notBefore) return withBeforePeriodNotice(original, text, { ...later, yearAfter: year + 1 });
  }
  const day = reading.ok && 'dueDate' in reading.deadline ? reading.deadline.dueDate : null;
  // A day without a year that would fall before `notBefore` is the next such day (breaker10d P32).
  if (day !== null && year !== undefined && notBefore !== undefined && day < notBefore && !namesItsYear(text)) {
    const later = readDeadlineText(original, text, { year: year + 1 });
    if (later.ok) return withBeforePeriodNotice(original, text, { ...later, yearAfter: year + 1 });
  }
  return withBeforePeriodNotice(original, text, reading);
}

/**
 * A period followed by 前 with no 底 / 末 between (2026年下半年前, 9月前, 三季度前, 2026年前), not after 每 (每月10日前 is a day of each
 * month): the text's period and its first month, captured (`year` when it names one, `month`, `half`, `quarter`).
 */
const BEFORE_PERIOD = /(?<!每)(?:(?<year>\d{4})年)?(?:(?<month>\d{1,2})月份?|(?<half>[上下])半年|第?(?<quarter>[一二三四1-4])季度|(?<=\d{4}年))(?:之前|以前|前)/u;

/**
 * The reading with a notice when its words name a period followed by 前 (`BEFORE_PERIOD`): "before the second half" may mean
 * before it ends (12-31, as read: the period's end, as 下半年 alone reads) or before it begins (06-30). Read as the end, it is
 * said, with the other reading's words (breaker46-10 M1: 2026年下半年前 taken as 12-31, 9月前 as 09-30, 三季度前 as 09-30 without a
 * word): 「“2026年下半年前”按 2026-12-31（下半年结束）计；如指下半年开始之前，请写作“2026年6月底前”」. Any other reading as it is.
 */
function withBeforePeriodNotice(original: string, text: string, reading: DeadlineReading): DeadlineReading {
  if (!reading.ok || !('dueDate' in reading.deadline)) return reading;
  const match = BEFORE_PERIOD.exec(text);
  if (!match?.groups) return reading;
  const { month, half, quarter } = match.groups;
  const due = reading.deadline.dueDate;
  const year = Number(due.slice(0, 4));
  const firstMonth = month !== undefined ? Number(month) : half !== undefined ? (half === '上' ? 1 : 7) : quarter !== undefined ? QUARTER_NUMBER[quarter]! * 3 - 2 : 1;
  const period = month !== undefined ? `${Number(month)}月` : half !== undefined ? `${half}半年` : quarter !== undefined ? `${'一二三四'[QUARTER_NUMBER[quarter]! - 1]}季度` : `${year}年`;
  const otherDay = firstMonth === 1 ? `${year - 1}年12月底前` : `${year}年${firstMonth - 1}月底前`;
  return {
    ...reading,
    notice: {
      reason: `"${original}" is read as ${due} (the end of ${period}); if it means before ${period} begins, write ${otherDay}`,
      reasonZh: `“${original}”按 ${due}（${period}结束）计；如指${period}开始之前，请写作“${otherDay}”`,
    },
  };
}

/**
 * A number in a deadline cell read as year.month — what Excel keeps of 2027.6 or 2027.10 typed into a cell of General format, a
 * number whose trailing 0 is gone (import P3: the plan path read 2027.10, stored 2027.1, as 2027-01-31 unsaid):
 *   - `{ ok: true, text: '2027年6月' }` when only one month reads: 2027.6, 2027.06, 2027.12, 2027.01;
 *   - `{ ok: false, reason, reasonZh }` when the month cannot be told — 2027.1 is 2027.1 or 2027.10 typed — or no month reads
 *     (2027.13, 2027.123): the refusal asks for the month in words (2027年10月) or a date;
 *   - null for any other number: a whole number (an Excel day), one outside the years 1900–2199.
 * Pure; the value as the cell stores it (a JavaScript number), no rounding assumed beyond its shortest decimal spelling.
 */
export function yearMonthOfNumber(value: number): ({ readonly ok: true; readonly text: string }) | ({ readonly ok: false } & Unreadable) | null {
  if (!Number.isFinite(value) || Number.isInteger(value) || value < 1900 || value >= 2200) return null;
  const shown = String(value);
  const [yearText, fraction = ''] = shown.split('.');
  const year = Number(yearText);
  // 2027.1: typed 2027.1 (January) or 2027.10 (October) — the cell cannot tell.
  if (fraction === '1') {
    return {
      ok: false,
      reason: `"${shown}" is a number in the cell: read as year.month it may be ${year}.1 (January) or ${year}.10 (October: Excel drops the trailing 0 of ${year}.10). Write the month in words, e.g. ${year}年10月 (or ${year}年1月), or a date such as ${year}-10-31`,
      reasonZh: `单元格中的“${shown}”是数字：按“年.月”读，可能是 ${year}年1月，也可能是输入的 ${year}.10 即 ${year}年10月（Excel 会去掉 ${year}.10 末尾的 0）。请写明月份，如“${year}年10月”（或“${year}年1月”），或写具体日期，如“${year}-10-31”`,
    };
  }
  const month = /^\d{1,2}$/u.test(fraction) ? Number(fraction) : NaN;
  if (month >= 1 && month <= 12) return { ok: true, text: `${year}年${month}月` };
  return {
    ok: false,
    reason: `"${shown}" is a number in the cell that reads as no year.month (no month ${fraction}). Write the deadline as text, e.g. ${year}年10月 or ${year}-10-31`,
    reasonZh: `单元格中的“${shown}”是数字，按“年.月”读不出月份（没有“${fraction}”月）：请把时限写作文字，如“${year}年10月”或“${year}-10-31”`,
  };
}

/**
 * A deadline whose whole text is `YYYY.1` (2027.1, ２０２７．１, spaces aside; not 2027.1.31, 2027.10 or 2027.01): `{ ok: false }` with a
 * reason naming the text and both readings — typed 2027.1 (January), or 2027.10 (October) in a General cell of Excel, which a CSV saved
 * from it writes as 2027.1 — asking for the month in words (2027年10月, 2027年1月) or a date, as `yearMonthOfNumber` refuses the number
 * cell; null for any other text. Only a text that may have been a number cell is unsure: one with more in it — 2027.1底前, 2027.1前,
 * 2027.1—2027.3, 2027.1（暂定） — was typed as written, never through a number, and reads as January (issue 10: the rule decided for
 * 2027.1; 2027.6 stays June). Pure.
 */
export function ambiguousDotMonthOf(text: string): ({ readonly ok: false } & Unreadable) | null {
  const match = /^(\d{4})\.1$/u.exec(text.normalize('NFKC').replace(/[\s\p{Default_Ignorable_Code_Point}]+/gu, ''));
  if (!match) return null;
  const year = match[1]!;
  return {
    ok: false,
    reason: `"${text}" read as year.month may be ${year}.1 (January) or ${year}.10 (October: a CSV saved from Excel writes a General cell's ${year}.10 as ${year}.1). Write the month in words, e.g. ${year}年10月 (or ${year}年1月), or a date such as ${year}-10-31`,
    reasonZh: `“${text}”按“年.月”读，可能是 ${year}年1月，也可能是 ${year}年10月（Excel 另存为 CSV 时，会把常规格式单元格中的 ${year}.10 写成 ${year}.1）。请写明月份，如“${year}年10月”（或“${year}年1月”），或写具体日期，如“${year}-10-31”`,
  };
}

/**
 * A deadline cell as the text an import keeps of it before reading it (`readDeadline` reads that text the same as the cell): an Excel
 * date or day number as `YYYY-MM-DD`, a year.month number as the month in words (`yearMonthOfNumber`: 2027.6 → 2027年6月), any other
 * cell as `calendarDateOf` gives it. A year.month number whose month cannot be told (2027.1) is `{ ok: false }` with the refusal's words:
 * as text it would read as January, never said.
 */
export function deadlineTextOf(cell: Cell): ({ readonly ok: true; readonly text: string }) | ({ readonly ok: false } & Unreadable) {
  const yearMonth = typeof cell === 'number' ? yearMonthOfNumber(cell) : null;
  if (yearMonth) return yearMonth;
  return { ok: true, text: calendarDateOf(cell) };
}

/** A bracket saying the deadline was moved: 已延期至…, 延期至…, 调整为…, 调整至…, 顺延至…, 推迟到…, 改为…. */
const MOVED_TO = /^(?:已经?|经批准|现)?(?:延期|延长|调整|顺延|推迟|变更|改)(?:时限|期限|时间)?(?:为|至|到)/u;

/**
 * The days a text names anywhere in it (breaker10r P1): 2026年9月底, 9月30日, 9.30, 2026-09-30, 2026年10月, 第四季度, 下半年,
 * 年底 — each as `YYYY-MM-DD`, a day without its year in `context.year`; the words around them (延后至, 因工作调整顺延至, 前全面完成,
 * 完成验收) do not matter. Exported for the change marks of a plan's titles (（调整时限至12月）, breaker10r P18).
 */
export function daysNamedIn(text: string, context: DeadlineContext): { readonly written: string; readonly day: string }[] {
  const normalized = normalizedDeadlineText(text.replace(/[()（）〔〕【】[\]]/gu, ' '));
  const days: { written: string; day: string }[] = [];
  for (const match of normalized.matchAll(DAY_TOKEN)) {
    const written = match[0];
    const spelled = written
      .replace(/^(\d{4})\.(\d{1,2})\.(\d{1,2})$/u, '$1年$2月$3日')
      .replace(/^(\d{4})\.(\d{1,2})$/u, '$1年$2月')
      .replace(/^(\d{1,2})\.(\d{1,2})$/u, '$1月$2日');
    const read = dayOf(spelled, context);
    if (read && 'day' in read) days.push({ written, day: read.day });
  }
  return days;
}

/** A day, month or period within a text (`daysNamedIn`); longest forms first. */
const DAY_TOKEN = new RegExp(
  [
    '\\d{4}[-/]\\d{1,2}[-/]\\d{1,2}',
    '\\d{4}\\.\\d{1,2}\\.\\d{1,2}',
    '(?:\\d{4}年)?\\d{1,2}月(?:\\d{1,2}[日号]|底|末|份|上旬|中旬|下旬)?',
    '(?:\\d{4}年)?(?:[上下]半年|第?[一二三四1-4]季度)',
    '\\d{4}年(?:底|末|内)?',
    '\\d{4}\\.\\d{1,2}',
    '(?<![\\d.])\\d{1,2}\\.\\d{1,2}(?![\\d.])',
    '年底|年末',
  ].join('|'),
  'gu',
);

/** Words in a bracket that move a deadline, anywhere in it: 延后至, 因工作调整顺延至, 申请延期到, 展期至, 现为, 最迟不超过, 可放宽至. */
const MOVED_ANYWHERE = /延后|延期|延长|顺延|推迟|展期|延至|放宽|调整|变更|改为|改至|改到|现为|不超过|最迟|最晚/u;

/**
 * The refusal of a deadline cell whose bracket gives another deadline than the cell's own reading (breaker10m P7:
 * 「2027年1月31日（已延期至2027年6月30日）」 was read as 2027-01-31, red from February though due in June; 「长期坚持（2027年6月30日前完成）」
 * as standing, the date dropped): a bracket saying the deadline moved (延期至, 调整为 …), or naming a day or period other than the
 * one read — anywhere in it, in any words (breaker10r P1: 延后至9月底, 因工作调整顺延至2026年9月底, 现为9月底, 9月底前全面完成,
 * 2027年6月30日前完成验收 were read as the old day), whatever the cell reads as: 立行立改（9月底前…）, 每季度（9月30日前）,
 * 2026年6月底前完成并持续落实（已延期至…）. Null when no bracket does (（星期二）, （每季度报送）, a bracket repeating the same day), and for
 * 立行立改（2026-03-01） (Rectify's own export names the day it fell due).
 */
function otherDeadlineInBracket(original: string, read: Deadline, context: DeadlineContext): DeadlineReading | null {
  const readDay = 'dueDate' in read ? read.dueDate : null;
  const within = readDay === null ? context : { ...context, year: Number(readDay.slice(0, 4)) };
  for (const inside of bracketedRemarks(original)) {
    const words = inside.replace(/[\s\p{Default_Ignorable_Code_Point}]+/gu, '');
    // 立行立改（2026-03-01） is Rectify's own export naming the day it fell due: no other deadline.
    // So is 立行立改并持续落实（2026-03-01）.
    // Written so by an office with a day other than the assignment's (`assignedOn`), it is another deadline: refused below.
    if ((read.kind === 'AT_ONCE' || read.kind === 'AT_ONCE_THEN_STANDING') && /^\d{4}-\d{2}-\d{2}$/.test(words.normalize('NFKC')) && (context.assignedOn === undefined || words.normalize('NFKC') === context.assignedOn)) continue;
    const moved = MOVED_TO.test(words);
    const rest = words.replace(MOVED_TO, '');
    const normalized = normalizedDeadlineText(rest);
    const dated = /\d/.test(normalized) ? readDeadlineText(rest, normalized, within) : null;
    const whole = dated?.ok && 'dueDate' in dated.deadline && dated.deadline.kind === 'BY_DATE' ? dated.deadline.dueDate : null;
    const named = daysNamedIn(words, within);
    const movedAnywhere = MOVED_ANYWHERE.test(words) && named.length > 0;
    const differing = named.find((each) => each.day !== readDay);
    if (!moved && !movedAnywhere && (whole === null || whole === readDay) && !differing) continue;
    // 调整至第四季度: the words as written when the bracket's rest is no day of its own.
    const day = whole ?? (moved ? null : (differing?.day ?? named[0]?.day ?? null));
    const other = day ?? rest;
    const standing = read.kind === 'STANDING' && day !== null;
    return {
      ok: false,
      reason: `"${original}" gives another deadline in its bracket (${other}): write only the deadline in force${standing ? ` (by a day, then kept up: ${day}前完成并持续落实)` : ''}; an extension granted later is recorded in Rectify, on the item's page`,
      reasonZh: `“${original}”的括号中写有另一个时限（${other}）：请只写现行的时限${standing ? `（如到期完成后持续落实，请写作“${day}前完成并持续落实”）` : ''}；导入后批准的延期请在系统中办理`,
    };
  }
  return null;
}

/**
 * A standing deadline with its reporting period after it — 常态化（每月报送）, 长期坚持，每半年报送,
 * 2026-06-30前完成并持续落实（每月报送）, 立行立改，长期坚持（每季度报送） — read with that period
 * (breaker10f P17: the bracket was a remark, dropped, and 常态化 alone reports quarterly, so the
 * export's own words came back quarterly). Null when the text has no such tail, or what comes before
 * it is no standing deadline (2026-06-30（每季度） is read as before).
 */
function withReportPeriod(original: string, context: DeadlineContext): DeadlineReading | null {
  const compact = original.normalize('NFKC').replace(/[\s\p{Default_Ignorable_Code_Point}]+/gu, '');
  const tail = REPORT_PERIOD_TAIL.exec(compact);
  if (!tail) return null;
  const reportEvery = RECURRING[tail[2]!]!;
  const head = readDeadlineText(original, normalizedDeadlineText(tail[1]!), context);
  if (!head.ok) return null;
  const { deadline } = head;
  switch (deadline.kind) {
    case 'STANDING':
    case 'BY_DATE_THEN_STANDING':
    case 'AT_ONCE_THEN_STANDING':
      return { ok: true, deadline: { ...deadline, reportEvery } };
    default:
      return null;
  }
}

/**
 * A reporting period Rectify cannot keep — 每两个月, 每周, 每旬, 每十天, 隔月 — in a cell it would otherwise read: standing
 * parts report monthly, quarterly, half-yearly or yearly, and such a cell read without it reported quarterly without
 * a word (breaker10g P7). Refused naming the period.
 */
const UNKEPT_PERIOD = /每(?:[两二三四五六2-6]|1[0-2])个?月|每(?:周|星期|旬|半个?月|十天|10天|双月)|隔月|按周|按旬/u;

/** `<standing words>` + `（每月报送）` / `，每半年报送` / `(每年上报)`: the head and the period word. */
const REPORT_PERIOD_TAIL = /^(.+?)[,，;；、]?[(\[【]?(每个月|每月|按月|每季度|每季|按季度|每半年|每年度|每年)(?:报送|上报|报告)?(?:一次|1次)?[)\]】]?$/;

/** `readDeadline` of a text, normalised (`text`) and as written (`original`, for the refusal). */
function readDeadlineText(original: string, text: string, context: DeadlineContext): DeadlineReading {
  if (AT_ONCE.test(text)) return { ok: true, deadline: { kind: 'AT_ONCE' } };
  // The office's words are kept to be shown (长期坚持, 持续推进 — not 常态化 for all: newcomer43-10 W).
  if (STANDING.test(text)) return { ok: true, deadline: { kind: 'STANDING', words: text } };
  const period = RECURRING[text.replace(/(?:报送|上报|开展|一次|1次)+$/, '')] ?? recurringAtPeriodEnd(text);
  if (period) return { ok: true, deadline: { kind: 'RECURRING', period } };
  const midPeriod = MID_PERIOD.exec(text);
  if (midPeriod) {
    const every = midPeriod[1]!;
    return {
      ok: false,
      reason: `"${original}": a recurring task is due at the end of each period (每月, 每季度, 每半年, 每年: by the month's, quarter's, half-year's or year's last day); a day inside the period ("${midPeriod[2]}") cannot be kept — write ${every} (due at each period's end), or the day of each part as an item of its own`,
      reasonZh: `“${original}”：定期任务按每期期末计（每月、每季度、每半年、每年，于期末前报送），无法记录期中的“${midPeriod[2]}”——请写作“${every}”（按每期期末计），或把每一期分别列为事项并写明日期`,
    };
  }

  const then = THEN_STANDING.exec(text);
  // 立行立改，长期坚持: fixed at once and kept fixed (breaker10f P18).
  if (then && AT_ONCE.test(then[1]!)) return { ok: true, deadline: { kind: 'AT_ONCE_THEN_STANDING' } };
  if (then) {
    const first = dayOf(then[1]!, context);
    if (first && 'day' in first) return { ok: true, deadline: { kind: 'BY_DATE_THEN_STANDING', dueDate: first.day } };
    if (first) return { ok: false, ...quoted(original, first) };
  }
  const single = dayOf(text, context) ?? spanEndOf(text, context);
  if (single && 'day' in single) return { ok: true, deadline: { kind: 'BY_DATE', dueDate: single.day } };
  if (single) return { ok: false, ...quoted(original, single) };
  // 46203 as text (a CSV saved from a sheet whose date cell lost its format) is the day an XLSX General cell of it reads as.
  const serial = excelSerialDayOf(text);
  if (serial) return { ok: true, deadline: { kind: 'BY_DATE', dueDate: serial } };
  return {
    ok: false,
    reason: `"${original}" is not a deadline we can read (write e.g. 2026-06-30, 2026年6月底前, 2026年第三季度, 立行立改, 长期坚持 or 每季度)`,
    reasonZh: `“${original}”不是可识别的时限`,
  };
}

/**
 * The day a bare number Excel reads as a date names (46203 → 2026-06-30; serials 20000–79999, the years 1954–2119), or null. Such a
 * number in a deadline is a date cell that lost its format (pasted as values, a system's export): an XLSX General cell of it always
 * read as the day (`calendarDateOf`), and the CSV saved from it, 46203, now reads the same (breaker43-10 F8: refused). A 完成时限
 * or 发现日期 column holds no other five-digit number; the dry run and the answer show the day read.
 */
export function excelSerialDayOf(text: string): string | null {
  if (!/^\d{5}(?:\.0+)?$/.test(text)) return null;
  const day = calendarDateOf(Number(text));
  return isCalendarDate(day) ? day : null;
}

/** The end of a span (2026年3月—6月 → 2026-06-30), or null when the text is no span of two readable ends. */
function spanEndOf(text: string, context: DeadlineContext): { day: string } | Unreadable | null {
  const span = SPAN.exec(text);
  if (!span) return null;
  // 2026—2028年: whole years, the first written without 年 (a multi-year plan's 完成时限, breaker10m P6).
  const from = /^\d{4}$/.test(span[1]!) && /^\d{4}年/.test(span[2]!) ? `${span[1]}年` : span[1]!;
  const start = /^(\d{4})年/.exec(from);
  const end = start && !/^\d{4}年/.test(span[2]!) ? `${start[1]}年${span[2]}` : span[2]!;
  return dayOf(from, context) === null ? null : dayOf(end, context);
}

/** Whether a text names its year (2026年, 2026-06-30, 明年 …) rather than taking the context's. */
const namesItsYear = (text: string): boolean => /\d{4}|明年|次年|翌年|下一?年|今年|当年|本年/.test(text);

/**
 * A cell that names one calendar day — an Excel date, 2026-03-20, 2026/3/20, 2026年3月20日,
 * 二〇二六年三月二十日, ２０２６年３月２０日（星期五） — as `YYYY-MM-DD`, or null: a month, a period or
 * a deadline word is not a day (a 发现日期 column, unlike a deadline, names the day itself).
 */
export function readDay(cell: Cell): string | null {
  if (cell instanceof Date || typeof cell === 'number') {
    const day = calendarDateOf(cell);
    return isCalendarDate(day) ? day : null;
  }
  const match = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})[日号]?$/.exec(normalizedDeadlineText(textOf(cell)));
  if (!match) return excelSerialDayOf(normalizedDeadlineText(textOf(cell)));
  const day = `${match[1]}-${match[2]!.padStart(2, '0')}-${match[3]!.padStart(2, '0')}`;
  return isCalendarDate(day) ? day : null;
}
