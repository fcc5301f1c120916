import { setImmediate as nextTurn } from 'node:timers/promises';

/** The longest a slice of a long loop on the main thread runs before it gives the event loop back (ms of wall clock). */
export const SLICE_MS = 4;

/**
 * For a long loop on the main thread (an export's rows, thousands of them): `await pause()` between
 * two pieces of work gives the event loop back once `sliceMs` milliseconds have passed since it last
 * did, so other requests are answered between slices instead of waiting for the whole loop; before
 * that it resolves at once. `clock`: milliseconds from any origin (tests give one they move).
 */
export function slicer(sliceMs = SLICE_MS, clock: () => number = () => performance.now()): () => Promise<void> {
  let sliceStarted = clock();
  return async () => {
    if (clock() - sliceStarted < sliceMs) return;
    await nextTurn();
    sliceStarted = clock();
  };
}
