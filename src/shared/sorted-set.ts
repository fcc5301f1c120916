/*
 * Sets of sequence numbers kept as ascending arrays under a key (a unit's findings or items by the
 * order they were recorded): compact in the heap and in a snapshot, listed in order without a sort.
 */

/** The index of the first element of `sorted` (ascending: numbers, or texts by code unit) not below `value`: O(log n). */
export function lowerBound<Value extends number | string>(sorted: readonly Value[], value: Value): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Adds `seq` to the ascending set under `key` (nothing when it is there already). */
export function addToSortedSet(bySeq: Map<string, number[]>, key: string, seq: number): void {
  let seqs = bySeq.get(key);
  if (!seqs) bySeq.set(key, (seqs = []));
  const at = lowerBound(seqs, seq);
  if (seqs[at] !== seq) seqs.splice(at, 0, seq);
}

/** Removes `seq` from the ascending set under `key`; an emptied set leaves the map. */
export function removeFromSortedSet(bySeq: Map<string, number[]>, key: string, seq: number): void {
  const seqs = bySeq.get(key);
  if (!seqs) return;
  const at = lowerBound(seqs, seq);
  if (seqs[at] === seq) seqs.splice(at, 1);
  if (seqs.length === 0) bySeq.delete(key);
}
