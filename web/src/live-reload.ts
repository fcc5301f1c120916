/**
 * The requests a tab sends only because the server pushed a change — its open views loading again
 * (state.ts's rounds of reloads) — told apart from what the person asks for (breaker12e P7): four
 * open tabs of one unit account, while the city recorded one change a second, spent the account's
 * RATE_LIMIT_PER_MINUTE on reloads alone, and then what the office *did* was refused. Queries sent
 * while a round runs carry LIVE_RELOAD_HEADER; the server counts them in a window of their own
 * (RATE_LIMIT_LIVE_RELOADS_PER_MINUTE), never in the one people act with. A mutation is never marked.
 */

/** The request header that marks a live reload (value `1`). */
export const LIVE_RELOAD_HEADER = 'x-rectify-live-reload';

let roundsRunning = 0;

/** Runs a round of reloads (it may answer a promise: the round lasts until it settles); the queries sent meanwhile are marked. */
export async function asLiveReload<T>(round: () => T | Promise<T>): Promise<T> {
  roundsRunning += 1;
  try {
    return await round();
  } finally {
    roundsRunning -= 1;
  }
}

/** The headers that mark `query` as a live reload: a query (not a mutation) sent while a round runs; none otherwise. */
export const liveReloadHeaders = (query: string): Record<string, string> =>
  roundsRunning > 0 && !/^\s*(mutation|subscription)\b/.test(query) ? { [LIVE_RELOAD_HEADER]: '1' } : {};
