import unhomoglyph from 'unhomoglyph';
import * as OpenCC from 'opencc-js/t2cn';

/**
 * A login name as sign-in compares it: NFKC (full-width letters, Kangxi radicals and other
 * compatibility forms read as the ordinary character), surrounding white space dropped, lower case.
 * Two names with one key are one login name (`admin`, `Admin`, `ａｄｍｉｎ`, `admin `).
 */
export const normalizeLoginName = (loginName: string): string => loginName.normalize('NFKC').trim().toLowerCase();

/** OpenCC's 繁→简 (OpenCC standard traditional to mainland simplified), built at its first use (~30 ms). */
let toSimplified: ((text: string) => string) | null = null;

/** Rounds of the confusables step at most (it is repeated until nothing changes; two suffice for every entry of the table). */
const CONFUSABLE_ROUNDS = 4;

/**
 * What a login name *looks like* (breaker9z P3, breaker9y P3): two login names with one skeleton
 * are told apart by nobody reading them — Cyrillic а for Latin a (`аdmin`), і and о (`unіt-fgw`,
 * `inspectоr`), ɑ, 0 for O and 1 for l, an accent (`admín`), 財 for 财 (`財务科`), ー or — or － for
 * 一 (`李ー`, `李－`). Only for comparing: the name an account signs in with is its exact login
 * name (`normalizeLoginName`), and the skeleton is never shown.
 *
 * Made in this order, each step for a reason:
 * 1. `normalizeLoginName` (NFKC, trim, lower case) — two spellings of one login name must share a
 *    skeleton, and NFKC turns full-width letters and Kangxi radicals into the characters the tables
 *    of the next steps are written for.
 * 2. 繁→简 with opencc-js (OpenCC's t→cn dictionaries) — before the confusables step, which maps a
 *    few ideographs to non-ideographs (一 → ー) that OpenCC would then not know; on NFKC text,
 *    as OpenCC's dictionaries hold unified ideographs, not radicals or compatibility ideographs.
 * 3. NFD and every combining mark (Unicode category Mn) dropped — `admín` reads as `admin`; the
 *    confusables table maps base characters, and UTS #39's skeleton also works on NFD.
 * 4. unhomoglyph (the Unicode Consortium's confusables.txt, UTS #39 §4, nodeca's kept copy) and
 *    lower case again, repeated until nothing changes — the table's prototypes are sometimes
 *    capitals (0 → O, while o stays o), which step 1's lower case must meet.
 * 5. The hyphen prototype `-` folded into the long-dash prototype `ー` — NFKC makes U+FF0D
 *    (full-width －) a hyphen while confusables.txt makes it ー: both are right, so the two classes
 *    are one here (`李－` beside `李一`, `unit-fgw` beside `unit一fgw`).
 *
 * Not covered (neither table knows them): small capitals such as ᴀ (U+1D00). Pure: the same name
 * gives the same skeleton in every process and at every replay, so it is computed when events are
 * projected and never recorded.
 */
export function loginNameSkeleton(loginName: string): string {
  const simplified = (toSimplified ??= OpenCC.Converter({ from: 't', to: 'cn' }));
  let text = simplified(normalizeLoginName(loginName)).normalize('NFD').replace(/\p{Mn}/gu, '');
  for (let round = 0; round < CONFUSABLE_ROUNDS; round += 1) {
    const next = unhomoglyph(text).toLowerCase();
    if (next === text) break;
    text = next;
  }
  return text.replaceAll('-', 'ー');
}

/** Scripts a login name is checked for, with the words a refusal names them by; a letter of any other script is 其他文字. */
const SCRIPTS: readonly (readonly [name: string, zh: string])[] = [
  ['Latin', '拉丁字母'],
  ['Han', '汉字'],
  ['Cyrillic', '西里尔字母'],
  ['Greek', '希腊字母'],
  ['Armenian', '亚美尼亚字母'],
  ['Georgian', '格鲁吉亚字母'],
  ['Cherokee', '切罗基字母'],
  ['Coptic', '科普特字母'],
  ['Hebrew', '希伯来字母'],
  ['Arabic', '阿拉伯字母'],
  ['Thai', '泰文'],
  ['Hiragana', '平假名'],
  ['Katakana', '片假名'],
  ['Bopomofo', '注音符号'],
  ['Hangul', '韩文'],
];
const SCRIPT_PATTERNS = SCRIPTS.map(([name]) => [name, new RegExp(`\\p{Script=${name}}`, 'u')] as const);
/** Digits, punctuation, marks: of every script (`-`, `0`, `ー`, a combining accent). */
const ANY_SCRIPT = /[\p{Script=Common}\p{Script=Inherited}]/u;

/**
 * The sets of scripts one login name may mix: UTS #39 §5.2's "Highly Restrictive" level — one
 * script, or Latin with Han and Japanese kana, with Han and Bopomofo, or with Han and Hangul (汉字
 * with pinyin letters: 李na, 王2). Any other mix (Latin with Cyrillic or Greek above all) is what a
 * look-alike is made of (breaker9z P3): `аdmin` is one even while no `admin` exists yet.
 */
const ALLOWED_MIXES: readonly ReadonlySet<string>[] = [
  new Set(['Latin', 'Han', 'Hiragana', 'Katakana']),
  new Set(['Latin', 'Han', 'Bopomofo']),
  new Set(['Latin', 'Han', 'Hangul']),
];

/**
 * The scripts of a login name's letters when they mix beyond `ALLOWED_MIXES`, each with its Chinese
 * name, in the order they first appear; null when the name keeps to one script or an allowed mix.
 * Characters of every script (Unicode Script Common or Inherited: digits, `-._@`, ー, accents) count
 * for none. A letter of a script not in `SCRIPTS` is `Other` (其他文字). Pure.
 */
export function mixedScripts(loginName: string): readonly { readonly script: string; readonly zh: string }[] | null {
  const found = new Map<string, string>();
  for (const character of loginName.normalize('NFKC')) {
    if (ANY_SCRIPT.test(character)) continue;
    const known = SCRIPT_PATTERNS.find(([, pattern]) => pattern.test(character));
    const script = known ? known[0] : 'Other';
    if (!found.has(script)) found.set(script, known ? SCRIPTS.find(([name]) => name === script)![1] : '其他文字');
  }
  if (found.size <= 1 || ALLOWED_MIXES.some((allowed) => [...found.keys()].every((script) => allowed.has(script)))) return null;
  return [...found].map(([script, zh]) => ({ script, zh }));
}
