/*
 * What text an office may send: the rules shared by GraphQL inputs and imported files, so that
 * one check holds at every edge.
 */

/** Control characters other than tab and line breaks: never part of an office's text. */
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
/** Characters that take no room on screen: text of only these looks empty. */
const INVISIBLE = /[\s\u200B-\u200D\u2060\uFEFF\u00AD]/gu;
/** Half of a UTF-16 surrogate pair without the other half: no character at all, unprintable, unstorable as UTF-8. */
const LONE_SURROGATE = /\p{Cs}/u;
/**
 * Bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): they reorder
 * what is displayed after them, so a name can read differently from what is stored ("Trojan
 * Source", CVE-2021-42574). Chinese office text never needs them.
 */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/;

/** Why `text` is not readable (English, for the input's message), or null when it is. */
export function unreadableText(text: string): string | null {
  if (LONE_SURROGATE.test(text)) return 'has a broken character (a lone UTF-16 surrogate)';
  if (BIDI_CONTROLS.test(text)) return 'has a character that reverses or isolates the writing direction (U+202A–U+202E, U+2066–U+2069)';
  if (CONTROL_CHARACTERS.test(text)) return 'has control characters';
  if (text !== '' && text.replace(INVISIBLE, '') === '') return 'has only invisible characters';
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
