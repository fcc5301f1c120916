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
