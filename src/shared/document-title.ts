import { CLOSING_BRACKETS, OPENING_BRACKETS } from './brackets.js';
import { numbersByValue } from './numbers-by-value.js';

/**
 * A version remark in brackets at the end of a document's title — （终稿）, （反馈稿）, （修订稿）,
 * 【修订版】, 〔终稿〕, 「终稿」, （2026年7月调整） — says which draft of the document a copy is, not which document.
 * Matched after NFKC (full-width （） read as ()), in any bracket of the shared table (breaker10i P3).
 */
const VERSION_REMARK = new RegExp(`[${OPENING_BRACKETS}]([^${OPENING_BRACKETS}${CLOSING_BRACKETS}]*(?:调整|修订|修改|更新|修正|稿|版))[${CLOSING_BRACKETS}]$`, 'u');
/** The same remark before the title (【终稿】…报告, 〔修订版〕…: breaker10j P3). */
const LEADING_VERSION_REMARK = new RegExp(`^[${OPENING_BRACKETS}][^${OPENING_BRACKETS}${CLOSING_BRACKETS}]*(?:调整|修订|修改|更新|修正|稿|版)[${CLOSING_BRACKETS}]`, 'u');
/**
 * What a title pasted from the file it came in carries (breaker10j P3): the file's extension (…报告.pdf, .docx, .wps, .ofd)
 * and an attachment label — （附件）, （附件2） after it, 附件1： before it. The document is the same.
 */
const FILE_EXTENSION = /\.(?:pdf|docx?|wps|ofd|xlsx?|et|txt|rtf|zip|rar)$/iu;
const ATTACHMENT_AFTER = new RegExp(`[${OPENING_BRACKETS}]附件[0-9一二三四五六七八九十]*[${CLOSING_BRACKETS}]$`, 'u');
const ATTACHMENT_BEFORE = /^附件[0-9一二三四五六七八九十]*[:：]/u;
/** A version word at the end of a title without brackets: …报告终稿, …通报 修订版. */
const VERSION_WORD = /[_\-—]*(?:(?:修订|调整|修改|更新)(?:版|稿)|征求意见稿|送审稿|反馈稿|定稿|终稿|第[一二三四五六七八九十0-9]+版)$/u;
/** Quotation and book-title marks, however a title is quoted in a 通知 (《…》, “…”, 「…」, "…"). */
const QUOTES = /[《》〈〉“”‘’「」『』"']/gu;
/** Punctuation closing a title as typed. */
const TRAILING_PUNCTUATION = /[。.,，;；:：!！?？、]+$/u;

/**
 * What makes two titles name one document — an evaluation report (登记评估报告) or a circular
 * (发通报): the words, whatever the script of their numbers (２０２５ / 二〇二五 / 2025:
 * `numbersByValue`), half- or full-width forms (NFKC), white space and invisible characters,
 * closing punctuation, the 《》 / “” it is quoted in, 年 or 年度, a version remark at its end or start
 * (（终稿）, （反馈稿）, 【修订版】, 修订稿, 【终稿】…), a file's extension and attachment label (….pdf, …（附件）, 附件1：…) — breaker11h P3, breaker10g P4/P5, breaker9g P7: a report
 * typed from its cover as “…2025年…” or quoted 《…》 in the office's 通知 is the report registered.
 *
 * `title`: as typed. Returns the key (a string compared for equality only; never shown). Pure.
 * Finding titles keep their own key (`findingTitleKey`: a finding's words, no version remarks).
 * Narrower than a plan title's remark (`planTitleKey` also drops （2026.11）, （V2）, （最新）): a
 * report or circular is often told from the next one only by a month or batch in brackets
 * (…抽查报告（2026年11月）), so dates and numbers in brackets stay part of its words.
 */
export function documentTitleKey(title: string): string {
  let text = title.normalize('NFKC').replace(/[\s\p{Default_Ignorable_Code_Point}]+/gu, '').replace(TRAILING_PUNCTUATION, '');
  // The file's name pasted as the title: its extension and attachment label, then a version remark before it.
  for (let before = ''; before !== text; ) {
    before = text;
    const rest = text.replace(FILE_EXTENSION, '').replace(ATTACHMENT_AFTER, '').replace(ATTACHMENT_BEFORE, '').replace(LEADING_VERSION_REMARK, '');
    if (rest !== '') text = rest.replace(TRAILING_PUNCTUATION, '');
  }
  // Remarks may stack (…（终稿）（修订版）); a title that is only a remark keeps it.
  for (let remark = VERSION_REMARK.exec(text) ?? VERSION_WORD.exec(text); remark && remark.index > 0; remark = VERSION_REMARK.exec(text) ?? VERSION_WORD.exec(text)) {
    text = text.slice(0, remark.index).replace(TRAILING_PUNCTUATION, '');
  }
  const words = text.replace(QUOTES, '').replace(TRAILING_PUNCTUATION, '').replace(/年度/gu, '年');
  return numbersByValue(words === '' ? title.normalize('NFKC').trim() : words);
}
