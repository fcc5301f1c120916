/*
 * Folding a parent's parts without copying them per fact (breaker12i P1, P3). The parts of a
 * parent (finding, work-plan item) are one record keyed by unit: an immutable fold copies it for
 * every fact, so a 各单位 item of 300 units folded 3,000 facts as ~900,000 copied entries (~0.35 ms a
 * fact, ~1 s a fold, every user held). Inside a fold that owns its intermediate states — no one
 * else holds them (`foldInPlace`) — the record the fold itself copied once is changed in place.
 * Outside such a fold every change copies, as before: a kept state never changes.
 */

/** The record a running fold copied itself and no state outside it holds; null: none yet. */
interface FoldScope {
  owned: object | null;
}

let scope: FoldScope | null = null;

/**
 * Work done by the parts folds, for tests that assert complexity by counting (never by clock):
 * `steps`, facts folded into parts (each `evolveParts` call); `partsCopied`, entries of a parts
 * record copied to change one part. Monotonic counters of this process; read a difference.
 */
export const partsFoldWork = { steps: 0, partsCopied: 0 };

/**
 * Runs `fold` as a fold that owns every state it makes from `start` on (they are dropped or
 * returned, never kept halfway by anyone): the parts record it copies first is changed in place
 * afterwards (`partsWith`). Nested folds own their own copies; the caller's is left alone.
 * `adopted`: a parts record the caller made in an earlier fold and gives up — no state anyone
 * still reads holds it — so this fold changes it in place from the start instead of copying it
 * (a run of states each dropped once the next is made: `assignmentsRun`).
 */
export function foldInPlace<Result>(fold: () => Result, adopted: object | null = null): Result {
  const outer = scope;
  scope = { owned: adopted };
  try {
    return fold();
  } finally {
    scope = outer;
  }
}

/**
 * `parts` with `unitId`'s part set to `part`: a copy — or, inside `foldInPlace`, `parts` itself
 * when the running fold made it (then changed in place: O(1) instead of O(parts)). Key order as a
 * spread gives it: an existing key keeps its place, a new one comes last.
 */
export function partsWith<Part>(parts: Readonly<Record<string, Part>>, unitId: string, part: Part): Readonly<Record<string, Part>> {
  if (scope !== null && scope.owned === parts) {
    (parts as Record<string, Part>)[unitId] = part;
    return parts;
  }
  const copy = { ...parts, [unitId]: part };
  partsFoldWork.partsCopied += Object.keys(copy).length;
  if (scope !== null) scope.owned = copy;
  return copy;
}

/** Counts one fact folded into parts (`partsFoldWork.steps`). */
export function countFoldStep(): void {
  partsFoldWork.steps += 1;
}
