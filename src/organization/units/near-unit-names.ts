import { bracketedRemarks, trailingBracket } from '../../shared/brackets.js';
import { chineseNumeralValue } from '../../shared/numbers-by-value.js';

/*
 * Two names offices write for one unit (breaker10k P6): with a space or a line break inside (青川市 教育局), without the city
 * (市教育局 for 青川市教育局), abbreviated as offices abbreviate (市发改委 for 市发展和改革委员会, 市人社局 for 市人力资源和社会保障局,
 * 市住建局 for 市住房和城乡建设局), or with the second name the unit carries in brackets (市发改委（市粮食局）: 加挂牌子). A 单位名录
 * import that registered each as a new unit split one unit's work between two; it asks instead, naming the match.
 *
 * Numbered units are never near (session 24, from the closing note of session 23): 第1测试局 / 第12测试局, 第一中学 / 第十一中学,
 * 一中 / 二十一中, 第二人民医院 / 第十二人民医院 are other units, however few characters apart. A name's numbers are read by value
 * (`unitNameByValue`: 第一 is 第1, 廿一 is 21), so 第一中学 / 第1中学 are one unit, and two names that name other numbers are
 * two units.
 */

/**
 * Characters that follow a number in a numbered unit's name (一中, 三小, 二院, 四医院, 中铁二局, 一分局, 三大队, 五组): a single
 * Chinese numeral before one of them is a number. Elsewhere a single numeral is a word of the name (统一战线, 十堰市, 六安市,
 * 四川省, 一站式, 一卡通) and is compared as written.
 */
const NUMBERED_BEFORE = new Set('中小高职幼院医所队局处科室股厂校区号组团师营连分监支大馆场'.split(''));
/** A run of Chinese numerals in a unit name (廿 20 and 卅 30 as offices write them in school and road names). */
const CHINESE_NUMERAL_RUN = /[〇○零一二两三四五六七八九十百千廿卅]+/gu;

/**
 * A unit name's words with its numbers written as digits by value: 第一中学 → 第1中学, 第十二人民医院 → 第12人民医院,
 * 二十一中 → 21中, 第廿一中学 → 第21中学, 第01测试局 → 第1测试局. A run of two or more numerals that is a numeral
 * (`chineseNumeralValue`) is a number; a single numeral only after 第 or before a character that numbers units
 * (`NUMBERED_BEFORE`); other runs (八一, 十堰, 统一) stay as written. Pure; O(length).
 */
export function unitNameByValue(words: string): string {
  return words
    .replace(CHINESE_NUMERAL_RUN, (run, at: number, whole: string) => {
      const written = run.replace(/廿/gu, '二十').replace(/卅/gu, '三十');
      const single = run.length === 1;
      if (single && !(whole[at - 1] === '第' || NUMBERED_BEFORE.has(whole[at + 1] ?? ''))) return run;
      if (single && /[〇○零]/u.test(run)) return run;
      return chineseNumeralValue(written) ?? run;
    })
    .replace(/\d+/gu, (digits) => digits.replace(/^0+(?=\d)/u, ''));
}

/** The numbers a name's words by value (`unitNameByValue`) name, in order, as one string: two names with others are two units. */
const numbersOf = (byValue: string): string => (byValue.match(/\d+/gu) ?? []).join('|');

/** A name's words: NFKC, no white space or line break, lower case, without the second name in brackets at its end. */
export function nameWords(name: string): string {
  let plain = name.normalize('NFKC').replace(/\s+/gu, '').toLowerCase();
  for (let bracket = trailingBracket(plain); bracket && bracket.at > 0; bracket = trailingBracket(plain)) plain = plain.slice(0, bracket.at);
  return plain;
}

/** The names a cell gives one unit: its name, and a second name in brackets at its end (市发改委（市粮食局） → 市粮食局). */
export const namesGiven = (name: string): string[] => [nameWords(name), ...bracketedRemarks(name.normalize('NFKC').replace(/\s+/gu, '')).filter((inside) => inside.length >= 3).map(nameWords)];

/** The city's own words dropped: 青川市教育局 → 市教育局 (a county's or district's name stays: 东湖区 is not 西山区). */
const cityless = (words: string): string => words.replace(/^[\u4e00-\u9fff]{1,4}?市(?=[\u4e00-\u9fff][\u4e00-\u9fff0-9])/u, '市');

/**
 * A district's or county's unit without the city before it: 青川市东湖区人民政府 → 东湖区人民政府, 青川市东湖区教育局 → 东湖区教育局
 * (newcomer31 S1: offices write 东湖区政府, never 市东湖区政府). The district's own name stays (`PLACE`); other names are unchanged.
 */
const cityFree = (words: string): string => words.replace(/^[\u4e00-\u9fff]{1,4}?市(?=[\u4e00-\u9fff]{2}[区县])/u, '');

/** Endings offices shorten: 委员会 → 委, 办公室 → 办, 管理局 → 局, 人民政府 → 政府. */
const SHORT_ENDINGS: readonly (readonly [string, string])[] = [['委员会', '委'], ['办公室', '办'], ['管理局', '局'], ['人民政府', '政府'], ['委员会办公室', '办']];

/** Whether `short` keeps `long`'s characters in their order (市发改委 in 市发展和改革委员会). */
function inOrder(short: string, long: string): boolean {
  let at = 0;
  for (const character of long) if (at < short.length && character === short[at]) at += 1;
  return at === short.length;
}

/** Whether `short` is how offices abbreviate `long`: same first word, same ending (or its short form), its characters in order, the same places. */
function abbreviates(short: string, long: string): boolean {
  if (short.length >= 4 && short === withoutConjunctions(long) && placesOf(short) === placesOf(long)) return true;
  if (short.length < 4 || long.length - short.length < 2 || short[0] !== long[0]) return false;
  const sameEnd = short.at(-1) === long.at(-1) || SHORT_ENDINGS.some(([full, abbreviation]) => long.endsWith(full) && short.endsWith(abbreviation));
  return sameEnd && inOrder(short, long) && !isConjoinedPart(short, long) && placesOf(short) === placesOf(long);
}

/**
 * A name's words without its joining characters (`CONJUNCTIONS`): 市住房和城乡建设局 → 市住房城乡建设局, 市人力资源和社会保障局 →
 * 市人力资源社会保障局 — the standard 规范简称 government documents write (breaker10s P5). Only one character apart, so the
 * length rule of an abbreviation did not take them.
 */
const withoutConjunctions = (words: string): string => words.replace(/[和与及、]/gu, '');

/** A district's or county's name inside a unit's (东湖区, 西山县): two characters and 区 or 县. */
const PLACE = /[\u4e00-\u9fff]{2}[区县]/gu;

/**
 * The districts and counties a name's words name, in order (`PLACE`): a name that adds or drops one is another level of
 * government, never an abbreviation (breaker10m P11: 青川市人民政府 was read as 青川市东湖区人民政府, 青川市东湖区教育局 as 青川市教育局).
 */
const placesOf = (words: string): string => (words.match(PLACE) ?? []).join('|');

/** Words that join two bodies' names into one (发展改革和粮食局, 文化、广电和旅游局, 统计与林业局). */
const CONJUNCTIONS = new Set(['和', '与', '及', '、']);

/**
 * Whether `short` is one of the bodies a joined name joins, not its abbreviation: `long` with a whole side of a 和 taken out —
 * 商务局 of 商务和经济信息化局, 粮食局 of 发展改革和粮食局, 教育局 of 教育和体育局, 林业局 of 统计和林业局. 机构改革 names the
 * merged body so; it is another unit than each part (the part is merged into it or hands its work over), while an abbreviation
 * takes words from both sides (市发改委 of 市发展和改革委员会, 市人社局 of 市人力资源和社会保障局). O(length²).
 */
function isConjoinedPart(short: string, long: string): boolean {
  const sameWords = (candidate: string) =>
    candidate === short || SHORT_ENDINGS.some(([full, abbreviation]) => candidate.endsWith(full) && `${candidate.slice(0, -full.length)}${abbreviation}` === short);
  for (let at = 0; at < long.length; at += 1) {
    if (!CONJUNCTIONS.has(long[at]!)) continue;
    for (let start = 0; start < at; start += 1) if (sameWords(long.slice(0, start) + long.slice(at + 1))) return true;
    for (let end = at + 2; end <= long.length; end += 1) if (sameWords(long.slice(0, at) + long.slice(end))) return true;
  }
  return false;
}

/** One form of a name (`nameForms`): its words without the city's, numbers by value, and the numbers they name (`1|12`). */
export interface NameForm {
  readonly words: string;
  readonly numbers: string;
}

/** A name's forms compared (`nameForms`): each name it gives, without the city's words, numbers by value. */
export type NameForms = readonly NameForm[];

/**
 * The forms `nearForms` compares, computed once per name: a directory is compared with every row of a file. A district's or
 * county's unit has two: with the city's word 市 (市东湖区人民政府) and without the city at all (东湖区人民政府, `cityFree`).
 */
export const nameForms = (name: string): NameForms =>
  [...new Set(namesGiven(name).flatMap((given) => (cityFree(given) === given ? [cityless(given)] : [cityless(given), cityFree(given)])).map(unitNameByValue))].map((words) => ({
    words,
    numbers: numbersOf(words),
  }));

/**
 * Whether two names' forms (`nameForms`) are one unit written two ways: the same words, or one abbreviating the other — and
 * never when they name other numbers (第1测试局 / 第12测试局, 一中 / 二十一中: other units).
 */
export function nearForms(a: NameForms, b: NameForms): boolean {
  for (const x of a) {
    for (const y of b) {
      if (x.numbers !== y.numbers) continue;
      if (x.words === y.words) return true;
      const [short, long] = x.words.length <= y.words.length ? [x.words, y.words] : [y.words, x.words];
      if (abbreviates(short, long)) return true;
    }
  }
  return false;
}

/**
 * Whether a file's name (`written`'s forms) is a unit's name (`registered`'s forms) as offices shorten it — the same words, or
 * an abbreviation (市发改委 of 青川市发展和改革委员会, 市卫计委 of a former 卫生和计划生育委员会) — rather than a longer name the
 * unit's abbreviates (青川市教育体育局 beside 青川市教育局: words the unit's name lacks, so another body or the unit renamed;
 * newcomer25 S8). `nearForms` is the symmetric question; this one has a direction.
 */
export function shortensForms(written: NameForms, registered: NameForms): boolean {
  for (const x of written) {
    for (const y of registered) {
      if (x.numbers !== y.numbers) continue;
      if (x.words === y.words || (x.words.length < y.words.length && abbreviates(x.words, y.words))) return true;
    }
  }
  return false;
}

/**
 * The characters a file's name (`written`'s forms) has beyond a unit's name that abbreviates it (`registered`'s forms), in order:
 * 体育 for 青川市教育体育局 beside 青川市教育局. '' when no form of the unit's abbreviates a form of the file's. O(length).
 */
export function wordsBeyond(written: NameForms, registered: NameForms): string {
  for (const x of written) {
    for (const y of registered) {
      if (x.numbers !== y.numbers || y.words.length >= x.words.length || !abbreviates(y.words, x.words)) continue;
      let at = 0;
      let beyond = '';
      for (const character of x.words) {
        if (at < y.words.length && character === y.words[at]) at += 1;
        else beyond += character;
      }
      return beyond;
    }
  }
  return '';
}

/**
 * Whether two unit names are near: one unit written two ways (see the file comment). The same words are near; so are names equal
 * without the city, and a name that abbreviates the other. Names of two counties, or of a unit and its own section
 * (市公安局 and 市公安局交通警察支队), or numbered units with other numbers (市第一中学 and 市第十一中学), are not.
 */
export const nearUnitNames = (a: string, b: string): boolean => nearForms(nameForms(a), nameForms(b));
