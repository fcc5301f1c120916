import { nearForms, type NameForms } from './near-unit-names.js';

/** The characters (UTF-16 code units, as `nearForms` measures and matches names) a form's words hold, distinct, in their order. */
const charactersOf = (words: string): string[] => [...new Set(words.split(''))];

/** Joining characters the conjunction-free 规范简称 drops (`nearForms`'s `withoutConjunctions`). */
const withoutConjunctions = (words: string): string => words.replace(/[和与及、]/gu, '');

/**
 * Names no longer than this are indexed by their ordered pairs of characters (at most 496 of them); a longer one (no real unit's
 * name) is kept in one list every lookup of a name long enough to be near it goes through.
 */
const PAIRED_LENGTH = 32;

/** How many forms of one numbers are compared with each name of those numbers before they are indexed by pairs. */
const FEW = 32;

/** A name's ordered pairs of characters, each character with each one after it (青川 in 青川市), distinct, as numbers. O(length²). */
function pairsOf(words: string): number[] {
  const pairs = new Set<number>();
  for (let first = 0; first < words.length; first += 1) {
    const high = words.charCodeAt(first) * 0x10000;
    for (let second = first + 1; second < words.length; second += 1) pairs.add(high + words.charCodeAt(second));
  }
  return [...pairs];
}

/** The lists of one kind of key, by a form's numbers (the index never compares forms of other numbers). */
class ByNumbers<K> {
  private readonly maps = new Map<string, Map<K, number[]>>();

  /** The map of `numbers`' forms (created on `create`). */
  of(numbers: string, create: true): Map<K, number[]>;
  of(numbers: string, create?: false): Map<K, number[]> | undefined;
  of(numbers: string, create = false): Map<K, number[]> | undefined {
    let map = this.maps.get(numbers);
    if (map === undefined && create) this.maps.set(numbers, (map = new Map()));
    return map;
  }

  /** Adds `slot` under `key` (once). Returns the list's length. */
  push(numbers: string, key: K, slot: number): number {
    const map = this.of(numbers, true);
    const list = map.get(key);
    if (list === undefined) {
      map.set(key, [slot]);
      return 1;
    }
    if (list.at(-1) !== slot) list.push(slot);
    return list.length;
  }

  get(numbers: string, key: K): readonly number[] | undefined {
    return this.maps.get(numbers)?.get(key);
  }
}

/**
 * Names indexed for `nearForms`, so that a name is compared with the few names that can be near it, never with every earlier row
 * and every registered unit (breaker54-10 S4), nor with every name sharing its commonest character (breaker55-10 S2: 20 000
 * 「青川市南马镇李赵村民委员会」 built from 40 characters took 280 s to preview, each name a candidate of a tenth of the others).
 *
 * What `nearForms` takes as near, for two forms of the same numbers (the index keys everything by the numbers): the same words
 * (looked up exactly); the shorter the longer without its 和/与/及/、 (looked up exactly by those words); or the shorter, of 4
 * characters or more and 2 or more fewer, keeping the longer's characters in their order. Names of numbers few others share (up
 * to `FEW`: 第12社区) are looked through in one list. Otherwise every ordered pair of the shorter's characters is a pair of the
 * longer's, so a name is looked up by pairs: as the shorter, among the names holding the
 * pair of its that fewest hold; as the longer, among the names whose rarest pair (at the time they were added) it holds. Every
 * candidate is then asked `nearForms` itself: the answer is the plain filter's, in the order the names were added. `comparisons`
 * counts those calls.
 *
 * `rarity(character)`: how many names hold it (smaller is rarer), breaking ties between pairs held by as many names so far.
 */
export class NearFormsIndex<T> {
  private readonly entries: { readonly forms: NameForms; readonly value: T }[] = [];
  /** Each indexed form's entry. */
  private readonly entryOf: number[] = [];
  /** Each indexed form's words' length (UTF-16 code units, as `nearForms` counts). */
  private readonly lengthOf: number[] = [];
  /** By numbers and words: the forms with those words. */
  private readonly byWords = new ByNumbers<string>();
  /** By numbers and words without their conjunctions: the forms of 4 characters or more with those words so. */
  private readonly byConjunctionFree = new ByNumbers<string>();
  /** By numbers and ordered pair: the forms (of 4 to `PAIRED_LENGTH` characters) holding that pair. */
  private readonly holding = new ByNumbers<number>();
  /** By numbers and ordered pair: the forms (of 4 to `PAIRED_LENGTH` characters) whose rarest pair it was when they were added. */
  private readonly keyed = new ByNumbers<number>();
  /** Each indexed form's words. */
  private readonly wordsOf: string[] = [];
  /** By numbers: the forms of 4 to `PAIRED_LENGTH` characters, and whether they are indexed by pairs (more than `FEW` of them). */
  private readonly byNumbers = new Map<string, { readonly slots: number[]; paired: boolean }>();
  /** By numbers: the forms of more than `PAIRED_LENGTH` characters. */
  private readonly unpaired = new ByNumbers<''>();
  /** How many candidates `near` has asked `nearForms` about. */
  comparisons = 0;

  constructor(private readonly rarity?: (character: string) => number) {}

  /** Adds a name's forms (`nameForms`) with what `near` gives back for it. O(its length²). */
  add(forms: NameForms, value: T): void {
    const entry = this.entries.length;
    this.entries.push({ forms, value });
    for (const { words, numbers } of forms) {
      const slot = this.entryOf.length;
      this.entryOf.push(entry);
      this.lengthOf.push(words.length);
      this.wordsOf.push(words);
      this.byWords.push(numbers, words, slot);
      if (words.length < 4) continue;
      this.byConjunctionFree.push(numbers, withoutConjunctions(words), slot);
      if (words.length > PAIRED_LENGTH) {
        this.unpaired.push(numbers, '', slot);
        continue;
      }
      // Few forms of these numbers (第12社区 names a number few other names do): kept in one list, paired once they are many.
      let bucket = this.byNumbers.get(numbers);
      if (bucket === undefined) this.byNumbers.set(numbers, (bucket = { slots: [], paired: false }));
      bucket.slots.push(slot);
      if (bucket.paired) this.pair(numbers, slot);
      else if (bucket.slots.length > FEW) {
        bucket.paired = true;
        for (const each of bucket.slots) this.pair(numbers, each);
      }
    }
  }

  /** Indexes a form (of 4 to `PAIRED_LENGTH` characters) by its pairs: under each (`holding`), and under its rarest (`keyed`). */
  private pair(numbers: string, slot: number): void {
    let rarest = 0;
    let [rarestHolders, rarestCharacters] = [Infinity, Infinity];
    for (const pair of pairsOf(this.wordsOf[slot]!)) {
      const holders = this.holding.push(numbers, pair, slot);
      if (holders > rarestHolders) continue;
      const characters = this.rarity ? Math.min(this.rarity(String.fromCharCode(Math.floor(pair / 0x10000))), this.rarity(String.fromCharCode(pair % 0x10000))) : 0;
      if (holders < rarestHolders || characters < rarestCharacters) [rarest, rarestHolders, rarestCharacters] = [pair, holders, characters];
    }
    this.keyed.push(numbers, rarest, slot);
  }

  /** The values of the names added whose forms are near `forms` (`nearForms`), in the order they were added. */
  near(forms: NameForms): T[] {
    const candidates = new Set<number>();
    const take = (slots: readonly number[] | undefined, shortest = 0, longest = Infinity) => {
      if (slots === undefined) return;
      for (const slot of slots) {
        const length = this.lengthOf[slot]!;
        if (length >= shortest && length <= longest) candidates.add(this.entryOf[slot]!);
      }
    };
    for (const { words, numbers } of forms) {
      take(this.byWords.get(numbers, words));
      if (words.length < 4) continue;
      // The same words but for conjunctions, either way round.
      take(this.byConjunctionFree.get(numbers, words));
      take(this.byWords.get(numbers, withoutConjunctions(words)));
      // As either, a name too long to be indexed by pairs.
      const unpaired = this.unpaired.get(numbers, '');
      take(unpaired, words.length + 2);
      take(unpaired, 4, words.length - 2);
      const bucket = this.byNumbers.get(numbers);
      if (bucket === undefined) continue;
      if (!bucket.paired) {
        take(bucket.slots, words.length + 2);
        take(bucket.slots, 4, words.length - 2);
        continue;
      }
      const pairs = pairsOf(words);
      const holding = this.holding.of(numbers);
      const keyed = this.keyed.of(numbers);
      // As the shorter name: the names holding its pair held by fewest, 2 or more characters longer.
      if (holding !== undefined && words.length <= PAIRED_LENGTH) {
        let fewest: readonly number[] = [];
        let fewestCount = Infinity;
        for (const pair of pairs) {
          const list = holding.get(pair);
          if ((list?.length ?? 0) < fewestCount) [fewest, fewestCount] = [list ?? [], list?.length ?? 0];
          if (fewestCount === 0) break;
        }
        take(fewest, words.length + 2);
      }
      // As the longer name: the names whose rarest pair this one holds, 2 or more characters shorter.
      if (keyed !== undefined) for (const pair of pairs) take(keyed.get(pair), 4, words.length - 2);
    }
    this.comparisons += candidates.size;
    return [...candidates].sort((a, b) => a - b).flatMap((entry) => (nearForms(forms, this.entries[entry]!.forms) ? [this.entries[entry]!.value] : []));
  }
}

/**
 * How many of `names` (each a name's `nameForms`) hold each character, as `NearFormsIndex`'s `rarity`: 市 and 局 are in nearly
 * every name, 赪 in one. A character none holds counts 0. O(the names' length).
 */
export function charactersRarity(names: Iterable<NameForms>): (character: string) => number {
  const counts = new Map<string, number>();
  for (const forms of names) {
    const characters = new Set(forms.flatMap((form) => charactersOf(form.words)));
    for (const character of characters) counts.set(character, (counts.get(character) ?? 0) + 1);
  }
  return (character) => counts.get(character) ?? 0;
}
