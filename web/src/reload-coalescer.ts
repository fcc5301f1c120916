/**
 * Reloads driven by the server's pushes, taken together (breaker12c P4): the server pushes once per
 * change, and a burst — a unit importing 50 findings, 20 people recording at once — used to reload
 * every open view once per push, all at once, with no end: 20 people on 总览 and 20 new findings were
 * 380 full reloads, and one person's tabs ran into the rate limit. Here:
 * - never two reloads at once: a push while one runs asks for one more after it, however many came;
 * - reloads start at least `gapMs` apart (a single push after a quiet spell reloads at once);
 * - a hidden tab does not reload; it reloads once when shown again, if something changed meanwhile.
 */
export interface ReloadTiming {
  /** Milliseconds from any origin (performance.now). */
  readonly now: () => number;
  /** Runs `run` after `ms` milliseconds (setTimeout). */
  readonly later: (run: () => void, ms: number) => void;
  /** True while the tab is hidden (document.hidden). */
  readonly hidden: () => boolean;
  /** Runs `run` once, the next time the tab is shown (visibilitychange). */
  readonly whenShown: (run: () => void) => void;
}

/** The least time between the starts of two reloads driven by pushes, in ms. */
export const RELOAD_GAP_MS = 1000;

/** The part of the browser's `document` used here (typed here: the specs compile without the DOM library). */
interface VisibleDocument {
  readonly hidden: boolean;
  addEventListener(type: 'visibilitychange', listener: () => void): void;
  removeEventListener(type: 'visibilitychange', listener: () => void): void;
}

const browserTiming = (): ReloadTiming => {
  const page = (globalThis as { document?: VisibleDocument }).document;
  return {
    now: () => performance.now(),
    later: (run, ms) => void setTimeout(run, ms),
    hidden: () => page?.hidden ?? false,
    whenShown: (run) => {
      if (!page) return run();
      const shown = () => {
        if (page.hidden) return;
        page.removeEventListener('visibilitychange', shown);
        run();
      };
      page.addEventListener('visibilitychange', shown);
    },
  };
};

/**
 * `reload` (it may answer a promise: the reload runs until it settles; a failure is the views' own
 * to show) wrapped so that each call asks for a reload, as described above. Returns the function to
 * call on every push.
 */
export function coalescedReloads(reload: () => unknown, gapMs = RELOAD_GAP_MS, timing: ReloadTiming = browserTiming()): () => void {
  let wanted = false;
  let running = false;
  let scheduled = false;
  let waitingToBeShown = false;
  let lastStart = Number.NEGATIVE_INFINITY;
  const pump = (): void => {
    if (!wanted || running || scheduled || waitingToBeShown) return;
    if (timing.hidden()) {
      waitingToBeShown = true;
      timing.whenShown(() => {
        waitingToBeShown = false;
        pump();
      });
      return;
    }
    const wait = lastStart + gapMs - timing.now();
    if (wait > 0) {
      scheduled = true;
      timing.later(() => {
        scheduled = false;
        pump();
      }, wait);
      return;
    }
    wanted = false;
    running = true;
    lastStart = timing.now();
    void Promise.resolve()
      .then(reload)
      .catch(() => undefined)
      .finally(() => {
        running = false;
        pump();
      });
  };
  return () => {
    wanted = true;
    pump();
  };
}
