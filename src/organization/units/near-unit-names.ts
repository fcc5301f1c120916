import { bracketedRemarks, trailingBracket } from '../../shared/brackets.js';

/*
 * Two names offices write for one unit (breaker10k P6): with a space or a line break inside (青川市 教育局), without the city
 * (市教育局 for 青川市教育局), abbreviated as offices abbreviate (市发改委 for 市发展和改革委员会, 市人社局 for 市人力资源和社会保障局,
 * 市住建局 for 市住房和城乡建设局), or with the second name the unit carries in brackets (市发改委（市粮食局）: 加挂牌子). A 单位名录
 * import that registered each as a new unit split one unit's work between two; it asks instead, naming the match.
 */

/** A name's words: NFKC, no white space or line break, lower case, without the second name in brackets at its end. */
export function nameWords(name: string): string {
  let plain = name.normalize('NFKC').replace(/\s+/gu, '').toLowerCase();
  for (let bracket = trailingBracket(plain); bracket && bracket.at > 0; bracket = trailingBracket(plain)) plain = plain.slice(0, bracket.at);
  return plain;
}

/** The names a cell gives one unit: its name, and a second name in brackets at its end (市发改委（市粮食局） → 市粮食局). */
export const namesGiven = (name: string): string[] => [nameWords(name), ...bracketedRemarks(name.normalize('NFKC').replace(/\s+/gu, '')).filter((inside) => inside.length >= 3).map(nameWords)];

/** The city's own words dropped: 青川市教育局 → 市教育局 (a county's or district's name stays: 东湖区 is not 西山区). */
const cityless = (words: string): string => words.replace(/^[\u4e00-\u9fff]{1,4}?市(?=[\u4e00-\u9fff]{2})/u, '市');

/** Endings offices shorten: 委员会 → 委, 办公室 → 办, 管理局 → 局, 人民政府 → 政府. */
const SHORT_ENDINGS: readonly (readonly [string, string])[] = [['委员会', '委'], ['办公室', '办'], ['管理局', '局'], ['人民政府', '政府'], ['委员会办公室', '办']];

/** Whether `short` keeps `long`'s characters in their order (市发改委 in 市发展和改革委员会). */
function inOrder(short: string, long: string): boolean {
  let at = 0;
  for (const character of long) if (at < short.length && character === short[at]) at += 1;
  return at === short.length;
}

/** Whether `short` is how offices abbreviate `long`: same first word, same ending (or its short form), its characters in order. */
function abbreviates(short: string, long: string): boolean {
  if (short.length < 4 || long.length - short.length < 2 || short[0] !== long[0]) return false;
  const sameEnd = short.at(-1) === long.at(-1) || SHORT_ENDINGS.some(([full, abbreviation]) => long.endsWith(full) && short.endsWith(abbreviation));
  return sameEnd && inOrder(short, long);
}

/** A name's forms compared (`nameForms`): each name it gives, without the city's words. */
export type NameForms = readonly string[];

/** The forms `nearForms` compares, computed once per name: a directory is compared with every row of a file. */
export const nameForms = (name: string): NameForms => [...new Set(namesGiven(name).map(cityless))];

/** Whether two names' forms (`nameForms`) are one unit written two ways: the same words, or one abbreviating the other. */
export function nearForms(a: NameForms, b: NameForms): boolean {
  for (const x of a) {
    for (const y of b) {
      if (x === y) return true;
      const [short, long] = x.length <= y.length ? [x, y] : [y, x];
      if (abbreviates(short, long)) return true;
    }
  }
  return false;
}

/**
 * Whether two unit names are near: one unit written two ways (see the file comment). The same words are near; so are names equal
 * without the city, and a name that abbreviates the other. Names of two counties, or of a unit and its own section
 * (市公安局 and 市公安局交通警察支队), are not.
 */
export const nearUnitNames = (a: string, b: string): boolean => nearForms(nameForms(a), nameForms(b));
