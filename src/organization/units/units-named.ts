import { wordsByValue } from '../../shared/numbers-by-value.js';

/** The units a text names, as one comparable string (sorted unit ids, `|`-joined; '' for none). */
export type UnitsNamed = (text: string) => string;

/** Texts `unitsNamedIn`'s answer remembers (then starts again): an import's titles and their near ones. */
const REMEMBERED_TEXTS = 50_000;

/** The shortest name variant looked for in a text: two characters (财政, 东湖) name no unit for sure. */
const MIN_VARIANT = 3;

/**
 * The ways a text names a unit: its names, current and former, and each without the city or
 * county before it (青川市财政局 → 财政局, as 市财政局 in a title), and a government by its place
 * (青川市东湖区人民政府 → 东湖区人民政府, 东湖区政府, 东湖区). In `wordsByValue` form.
 */
function variantsOf(name: string): string[] {
  const words = wordsByValue(name);
  const variants = new Set([words]);
  // Without its city: not when what is left is a generic word (青川市人民政府 → 人民政府 names no one unit).
  const local = /^[^市县区]{1,6}?[市州盟](.{3,})$/u.exec(words)?.[1]?.replace(/^(?:人民)?政府.*$/u, '') || undefined;
  for (const each of [words, local]) {
    if (each === undefined) continue;
    variants.add(each);
    // 市财政局: the short name offices write for the city's own bureau.
    if (each === local) variants.add(`${/[市州盟]/u.exec(words.slice(0, words.length - local.length))?.[0] ?? ''}${local}`);
    const place = /^(.{2,}?[县区市旗])人民政府$/u.exec(each)?.[1];
    if (place) variants.add(place).add(`${place}政府`);
  }
  return [...variants].filter((variant) => variant.length >= MIN_VARIANT);
}

/**
 * What units a text names, by the directory (`units`: each unit's id and names): a text names a
 * unit when one of its name variants (`variantsOf`) is in the text, the variant is that unit's
 * alone and no other unit's name holds it. Two finding titles that name different units are two problems however few characters
 * apart (breaker10e P10: 青川市财政局政府信息公开目录不全 / 青川市教育局…). Build once per
 * directory state (O(variants × names)); each call is O(variants × text length), a text asked again O(1).
 */
export function unitsNamedIn(units: Iterable<{ readonly id: string; readonly name: string; readonly formerNames?: readonly string[] }>): UnitsNamed {
  const owners = new Map<string, Set<string>>();
  const fullNames: (readonly [string, string])[] = [];
  for (const unit of units) {
    for (const name of [unit.name, ...(unit.formerNames ?? [])]) {
      fullNames.push([wordsByValue(name), unit.id]);
      for (const variant of variantsOf(name)) {
        const set = owners.get(variant) ?? new Set<string>();
        owners.set(variant, set.add(unit.id));
      }
    }
  }
  // A variant is one unit's alone, and in no other unit's name (青川市 is in 青川市财政局, 财政局 in 东湖区财政局).
  const variants = [...owners]
    .filter(([variant, ids]) => ids.size === 1 && !fullNames.some(([name, unitId]) => !ids.has(unitId) && name.includes(variant)))
    .map(([variant, ids]) => [variant, [...ids][0]!] as const);
  // A text asked again (an imported row's title checked against each near title) is answered from memory.
  const answered = new Map<string, string>();
  return (text: string) => {
    const known = answered.get(text);
    if (known !== undefined) return known;
    const words = wordsByValue(text);
    const named = new Set<string>();
    for (const [variant, unitId] of variants) if (words.includes(variant)) named.add(unitId);
    const answer = [...named].sort().join('|');
    if (answered.size >= REMEMBERED_TEXTS) answered.clear();
    answered.set(text, answer);
    return answer;
  };
}

let lastBuilt: { readonly signature: string; readonly named: UnitsNamed } | null = null;

/**
 * `unitsNamedIn` for the directory as it is now, built again only when a unit's names changed
 * (the last directory is kept: one per process). O(units) when unchanged.
 */
export function unitsNamedNow(directory: { list(): readonly { readonly id: string; readonly name: string; readonly formerNames?: readonly string[] }[] }): UnitsNamed {
  const units = directory.list();
  const signature = units.map((unit) => `${unit.id}\u0000${unit.name}\u0000${(unit.formerNames ?? []).join('\u0000')}`).join('\u0001');
  if (lastBuilt?.signature !== signature) lastBuilt = { signature, named: unitsNamedIn(units) };
  return lastBuilt.named;
}
