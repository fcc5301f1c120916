/*
 * What text an office may send: the rules shared by GraphQL inputs and imported files, so that
 * one check holds at every edge.
 */

/** Control characters other than tab and line breaks: never part of an office's text. */
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
/**
 * Characters that take no room on screen: white space, every Default_Ignorable_Code_Point of
 * Unicode (UAX #44: zero-width space and joiners, U+034F, U+3164 HANGUL FILLER, U+FFA0, variation
 * selectors, the byte-order mark, soft hyphen …) and the blank braille pattern U+2800. Text of
 * only these looks empty.
 */
const INVISIBLE = /[\s\p{Default_Ignorable_Code_Point}\u2800]/gu;
/**
 * What a name or title may not hold anywhere: the same invisible characters (a name with a
 * zero-width space in it looks like another name and is not equal to it), the line and
 * paragraph separators U+2028/U+2029, which break a one-line label, and the characters whose
 * glyph is blank though Unicode does not call them ignorable (breaker9x P1: 「青川市财政局⠀」 with
 * U+2800 registered beside 青川市财政局, two units alike in every list): U+2800 BRAILLE PATTERN
 * BLANK, U+16FE4 KHITAN SMALL SCRIPT FILLER, U+1D159 MUSICAL SYMBOL NULL NOTEHEAD.
 */
const INVISIBLE_IN_LABEL = /[\p{Default_Ignorable_Code_Point}\u2028\u2029\u2800\u{16FE4}\u{1D159}]/u;
/** Half of a UTF-16 surrogate pair without the other half: no character at all, unprintable, unstorable as UTF-8. */
const LONE_SURROGATE = /\p{Cs}/u;
/**
 * Bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): they reorder
 * what is displayed after them, so a name can read differently from what is stored ("Trojan
 * Source", CVE-2021-42574). Chinese office text never needs them.
 */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/;
/** Invisible marks that set the writing direction (LRM U+200E, RLM U+200F, ALM U+061C): no use in Chinese office text. */
const DIRECTION_MARKS = /[\u200E\u200F\u061C]/;
/**
 * Noncharacters (U+FDD0–U+FDEF and the last two code points of every plane, U+FFFE/U+FFFF …):
 * Unicode reserves them for a program's internal use, never for text interchange (Unicode §23.7).
 */
const NONCHARACTER = /\p{Noncharacter_Code_Point}/u;
/**
 * A character someone can read: a letter, digit, punctuation mark or symbol. Text without one —
 * only combining accents (U+0301 …), private-use characters (which show as nothing or a box
 * without the font that defines them) or invisible ones — renders as nothing readable.
 */
const READABLE_CHARACTER = /[\p{L}\p{N}\p{P}\p{S}]/u;
/**
 * What a name or title may not hold, visible as it may be: every format character (\p{Cf}: the
 * interlinear annotation marks U+FFF9–U+FFFB hide text between them, Arabic number signs …),
 * the object replacement U+FFFC (a placeholder for something that did not survive copying) and
 * the replacement character U+FFFD (text decoded with the wrong encoding).
 */
const UNFIT_IN_LABEL = /[\p{Cf}\uFFFC\uFFFD]/u;
/**
 * A private-use character (U+E000–U+F8FF and planes 15–16): what it looks like depends on the font
 * of each machine (an office's own 造字 font, or a box, or nothing), so a name holding one reads
 * differently on every screen — `第\uE000项` is 第项 on one and 第1项 on another. Prose may keep
 * one; a name, title or code, which people compare by eye, may not (rare characters have standard
 * code points: GB 18030-2022, Unicode's CJK extensions).
 */
const PRIVATE_USE = /\p{Co}/u;
/**
 * A code point Unicode has not assigned (in the Unicode version of this Node's ICU; noncharacters are refused before):
 * no font draws it, so one screen shows a box, another nothing — 「青川市财政局\u1CBC」 registered beside 青川市财政局
 * (breaker9y P2). Refused in a name, title or code like a private-use character.
 */
const UNASSIGNED = /\p{Cn}/u;
/**
 * A combining mark (accent, enclosing circle …) with no letter or digit before it to sit on: at the
 * start of a name, or after a space or punctuation, it is drawn over the text before it (the
 * quote mark of a list, the previous name), so the name reads as something it is not.
 */
const MARK_WITHOUT_BASE = /(?:^|[^\p{L}\p{N}\p{M}])(\p{M})/u;
/**
 * More combining marks on one character than any script needs (Vietnamese stacks two; "Zalgo"
 * text stacks dozens, drawn over the lines above and below).
 */
const MAX_MARKS_ON_ONE_CHARACTER = 3;
const STACKED_MARKS = new RegExp(`\\p{M}{${MAX_MARKS_ON_ONE_CHARACTER + 1},}`, 'u');

/** Why `text` is not readable (English, for the input's message), or null when it is. */
export function unreadableText(text: string): string | null {
  if (LONE_SURROGATE.test(text)) return 'has a broken character (a lone UTF-16 surrogate)';
  if (BIDI_CONTROLS.test(text)) return 'has a character that reverses or isolates the writing direction (U+202A–U+202E, U+2066–U+2069)';
  if (DIRECTION_MARKS.test(text)) return 'has an invisible writing-direction mark (U+200E, U+200F or U+061C)';
  if (CONTROL_CHARACTERS.test(text)) return 'has control characters';
  const noncharacter = NONCHARACTER.exec(text);
  if (noncharacter) return `has a noncharacter (${codePointOf(noncharacter[0])}), reserved by Unicode for programs, never text`;
  if (text !== '' && text.replace(INVISIBLE, '') === '') return 'has only invisible characters';
  if (text !== '' && !READABLE_CHARACTER.test(text)) return 'has no readable character (only accents, private-use or invisible characters)';
  return null;
}

const codePointOf = (character: string) => `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
/** 1-based position in characters (not UTF-16 units) of the match at `index`. */
const positionOf = (text: string, index: number) => [...text.slice(0, index)].length + 1;

/**
 * The Chinese of a reason `unreadableText` / `unreadableLabel` gave (English), most specific first:
 * what the web app shows beside the field or the imported row.
 */
export function unreadableReasonZh(reason: string): string {
  if (/surrogate/.test(reason)) return '含有残缺的字符（不完整的字符编码），请重新输入';
  if (/writing direction\b/.test(reason)) return '不能含改变文字方向的控制字符（U+202A–U+202E、U+2066–U+2069）';
  if (/writing-direction mark/.test(reason)) return '不能含不可见的文字方向标记（U+200E、U+200F、U+061C）';
  const invisible = /invisible character \((U\+[0-9A-F]+)\) at position (\d+)/.exec(reason);
  if (invisible) return `第 ${invisible[2]} 个字符是不可见字符（${invisible[1]}）：名称和标题中不能含不可见字符，请删除后重新输入`;
  const unfit = /placeholder or format character \((U\+[0-9A-F]+)\) at position (\d+)/.exec(reason);
  if (unfit) return `第 ${unfit[2]} 个字符（${unfit[1]}）是占位符或格式控制字符（常见于复制或转码出错的文字）：名称和标题中不能含有，请删除后重新输入`;
  const privateUse = /private-use character \((U\+[0-9A-F]+)\) at position (\d+)/.exec(reason);
  if (privateUse) {
    return `第 ${privateUse[2]} 个字符（${privateUse[1]}）是私用区字符，在不同电脑上显示不同（可能显示为空白、方框或别的字）：名称和标题中不能含有；生僻字请按国家标准编码输入`;
  }
  const unassigned = /has not assigned \((U\+[0-9A-F]+)\) at position (\d+)/.exec(reason);
  if (unassigned) return `第 ${unassigned[2]} 个字符（${unassigned[1]}）是 Unicode 尚未分配的码位，不是任何文字，在不同电脑上显示不同（可能显示为方框或空白）：名称和标题中不能含有，请删除后重新输入`;
  const loose = /combining mark \((U\+[0-9A-F]+)\) at position (\d+)/.exec(reason);
  if (loose) return `第 ${loose[2]} 个字符（${loose[1]}）是附加符号，前面没有可依附的文字，会叠加显示在前面的内容上：名称和标题不能以附加符号开头，也不能在空格或标点之后使用`;
  const stacked = /more than (\d+) combining marks on one character at position (\d+)/.exec(reason);
  if (stacked) return `第 ${stacked[2]} 个字符起叠加了超过 ${stacked[1]} 个附加符号，会遮挡上下行的文字：请删除多余的附加符号`;
  const noncharacter = /noncharacter \((U\+[0-9A-F]+)\)/.exec(reason);
  if (noncharacter) return `含有非字符码位（${noncharacter[1]}），它不是任何文字，请删除后重新输入`;
  if (/no readable character/.test(reason)) return '没有可读的文字：不能只有附加符号、私用区字符或不可见字符';
  return '必须是可读的文字：不能含控制字符，也不能只有不可见字符';
}

/**
 * Why a name, title or code is not readable, or null: the rules of `unreadableText`, and no
 * invisible character anywhere in it (see `INVISIBLE_IN_LABEL`). Long prose (summaries, reasons)
 * keeps the looser rule: text pasted from documents often carries a zero-width space nobody can
 * find to delete, and prose is never compared as a name is.
 */
export function unreadableLabel(text: string): string | null {
  const unreadable = unreadableText(text);
  if (unreadable) return unreadable;
  const invisible = INVISIBLE_IN_LABEL.exec(text);
  if (invisible) return `has an invisible character (${codePointOf(invisible[0])}) at position ${positionOf(text, invisible.index)}`;
  const unfit = UNFIT_IN_LABEL.exec(text);
  if (unfit) return `has a placeholder or format character (${codePointOf(unfit[0])}) at position ${positionOf(text, unfit.index)}`;
  const privateUse = PRIVATE_USE.exec(text);
  if (privateUse) return `has a private-use character (${codePointOf(privateUse[0])}) at position ${positionOf(text, privateUse.index)}, which each machine shows differently`;
  const unassigned = UNASSIGNED.exec(text);
  if (unassigned) return `has a code point Unicode has not assigned (${codePointOf(unassigned[0])}) at position ${positionOf(text, unassigned.index)}, which no font draws the same`;
  const loose = MARK_WITHOUT_BASE.exec(text);
  if (loose) {
    const index = loose.index + loose[0].length - loose[1]!.length;
    return `has a combining mark (${codePointOf(loose[1]!)}) at position ${positionOf(text, index)} with no letter or digit before it`;
  }
  const stacked = STACKED_MARKS.exec(text);
  if (stacked) return `has more than ${MAX_MARKS_ON_ONE_CHARACTER} combining marks on one character at position ${positionOf(text, stacked.index)}`;
  return null;
}

/**
 * Names every JavaScript object already has (`constructor`, `__proto__`, `toString`, …, and
 * `prototype`): as a code they would alias a property of every plain object — a lookup table
 * finding a function, or an assignment reaching the prototype.
 */
const RESERVED_KEYS = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype'].map((key) => key.toLowerCase()));

/** Whether a code is one of those names, in any letter case (unit codes compare case-insensitively). */
export const isReservedKey = (code: string): boolean => RESERVED_KEYS.has(code.toLowerCase());
