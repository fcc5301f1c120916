import { ref } from 'vue';

/** How often the banner asks the server whether it takes writes (ms): often enough that a clerk hears before a long form. */
export const STORE_STATE_INTERVAL_MS = 15_000;

/**
 * Why the server refuses every write now, in the words office staff read (`/health` problems' `messageZh`: the short
 * words of `USERS_WORDS`, no path or position), or '' while it takes writes. Shown on every page (breaker9x S1: a clerk
 * learned it only after typing a whole report). A lock another program holds refuses one write at a time, not all: no banner.
 */
export const storeRefusal = ref('');

interface HealthProblems {
  readonly problems?: readonly { readonly cause: string; readonly messageZh?: string }[];
}

/** The banner's words from a `/health` answer: the first problem that refuses every write, or ''. */
export function refusalOf(health: HealthProblems): string {
  const standing = (health.problems ?? []).find((problem) => problem.cause !== 'STORE_LOCKED' && problem.messageZh);
  return standing?.messageZh ?? '';
}

/** Asks `/health` once and sets `storeRefusal`; an unanswered request changes nothing (the connection banner says so). */
export async function checkStoreState(fetchHealth: () => Promise<Response> = () => fetch('/health', { cache: 'no-store' })): Promise<void> {
  try {
    const response = await fetchHealth();
    storeRefusal.value = refusalOf((await response.json()) as HealthProblems);
  } catch {
    // Offline or restarting: the connection banner tells it; the last reading stands.
  }
}
