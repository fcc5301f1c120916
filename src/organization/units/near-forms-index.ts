import { nearForms, type NameForms } from './near-unit-names.js';

/** The distinct characters of a form's words (code points), in their order. */
const charactersOf = (words: string): string[] => [...new Set(words)];

/**
 * Names indexed for `nearForms`, so that a file of thousands of units is not compared with every earlier row and every registered
 * unit (breaker54-10 S4: a 单位名录 dry run of 10 000 rows took 101 s on the server's thread, 20 000 rows 205 s — each row against
 * each). Two forms are near only when the shorter one's characters are all the longer one's (the same words; an abbreviation keeps
 * its characters in order; the conjunction-free 规范简称 drops some) and they name the same numbers, so a name is looked up by
 * characters: as the shorter, among the names holding its rarest character; as the longer, among the names whose rarest character
 * it holds. Every candidate is then asked `nearForms` itself: the answer is the plain filter's, in the order the names were added.
 * `rarity(character)`: how many names hold it (smaller is rarer); by default, how many names added so far do.
 */
export class NearFormsIndex<T> {
  private readonly entries: { readonly forms: NameForms; readonly value: T }[] = [];
  /** By numbers and character: the entries with a form of those numbers holding that character. */
  private readonly holding = new Map<string, number[]>();
  /** By numbers and character: the entries with a form of those numbers whose rarest character it is ('' for empty words). */
  private readonly keyed = new Map<string, number[]>();

  constructor(private readonly rarity?: (character: string) => number) {}

  /** How many names hold `character` (`rarity`, or the names added so far). */
  private weight(numbers: string, character: string): number {
    return this.rarity ? this.rarity(character) : (this.holding.get(`${numbers}\u0000${character}`)?.length ?? 0);
  }

  private static push(map: Map<string, number[]>, key: string, id: number): void {
    const list = map.get(key);
    if (list === undefined) map.set(key, [id]);
    else if (list.at(-1) !== id) list.push(id);
  }

  /** Adds a name's forms (`nameForms`) with what `near` gives back for it. O(its length). */
  add(forms: NameForms, value: T): void {
    const id = this.entries.length;
    this.entries.push({ forms, value });
    for (const form of forms) {
      const characters = charactersOf(form.words);
      for (const character of characters) NearFormsIndex.push(this.holding, `${form.numbers}\u0000${character}`, id);
      let rarest = '';
      let rarestWeight = Infinity;
      for (const character of characters) {
        const weight = this.weight(form.numbers, character);
        if (weight < rarestWeight) [rarest, rarestWeight] = [character, weight];
      }
      NearFormsIndex.push(this.keyed, `${form.numbers}\u0000${rarest}`, id);
    }
  }

  /** The values of the names added whose forms are near `forms` (`nearForms`), in the order they were added. */
  near(forms: NameForms): T[] {
    const candidates = new Set<number>();
    const take = (ids: readonly number[] | undefined) => {
      for (const id of ids ?? []) candidates.add(id);
    };
    for (const form of forms) {
      const characters = charactersOf(form.words);
      // As the longer name: the names whose rarest character this one holds (the same words too); '' for empty words.
      take(this.keyed.get(`${form.numbers}\u0000`));
      for (const character of characters) take(this.keyed.get(`${form.numbers}\u0000${character}`));
      // As the shorter name: the names holding its character held by fewest.
      let fewest: readonly number[] | undefined;
      for (const character of characters) {
        const holding = this.holding.get(`${form.numbers}\u0000${character}`) ?? [];
        if (fewest === undefined || holding.length < fewest.length) fewest = holding;
      }
      take(fewest);
    }
    return [...candidates].sort((a, b) => a - b).flatMap((id) => (nearForms(forms, this.entries[id]!.forms) ? [this.entries[id]!.value] : []));
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
