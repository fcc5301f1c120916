import type { FactoryProvider } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { ProjectionEngine } from '../event-sourcing/projection-engine.js';
import { Metrics } from '../observability/metrics.js';
import { FOLDS_AT_ONCE, foldsInProgress } from './time-travel-fold.js';
import type { RecordedEvent } from '../event-sourcing/recorded-event.js';
import { changesEarlierDays } from '../assignments/domain/business-order.js';
import type { TimeCut } from './time-cut.js';
import { SharedInterest, currentRequest, inRequestScope } from './request-scope.js';

/**
 * Entries kept at most: the last time-travel answers asked (least recently used dropped first).
 * Few, because a day's answers are large: the list of every finding as it stood (without timelines
 * since breaker12 P8), the dashboard with every open part then (measured in the note of P8).
 */
export const TIME_TRAVEL_ANSWERS_KEPT = 8;

/** Streams of the parents of parts, whose events are facts of a business day. */
const PARENT_STREAMS = ['finding-', 'work-plan-item-'];
/** Streams whose every event may change an answer on any day: unit names, evaluation titles, plan outlines. */
const DEFINITION_STREAMS = ['unit-', 'evaluation-', 'work-plan-'];

interface Entry {
  readonly cut: TimeCut;
  /** The answer; a promise while it is being folded. */
  readonly answer: Promise<unknown>;
  /** False once an event that changes it was projected (while it was folded or after). */
  valid: boolean;
  /** The requests waiting for it while it is folded: once all have gone, the fold stops (breaker12b P7). */
  readonly interest: SharedInterest;
  /** The fold has answered: kept whoever still waits. */
  settled: boolean;
}

const startsWithAny = (streamId: string, prefixes: readonly string[]) => prefixes.some((prefix) => streamId.startsWith(prefix));

/**
 * Whether the event can change an answer at `cut`. A name, title or outline (units, evaluations,
 * plans) can change any answer: answers use today's names. Of the events about findings and items,
 * at a record-time cut (`knownAt`) only one recorded by then can (in one process, none arrives
 * after the fact; across processes, a late one is caught here); at a business day with everything
 * recorded, one that happened on or before that day, or one that changes earlier days (`changesEarlierDays`: a correction
 * or retraction moves or removes a fact of another day).
 */
export function changesAnswerAt(cut: TimeCut, event: RecordedEvent): boolean {
  const aboutParent = startsWithAny(event.streamId, PARENT_STREAMS);
  if (!aboutParent && !startsWithAny(event.streamId, DEFINITION_STREAMS)) return false;
  // Answers name units and evaluations as they are called now, whatever the cut.
  if (!aboutParent) return true;
  if (cut.knownAt !== null) return event.metadata.recordedAt <= cut.knownAt;
  // An item's definition counts from when it was recorded, whatever day it names.
  // A correction — a retraction (撤销误录) too, breaker54-8 S7 — or a hand-over undone changes the days of the facts it names.
  return changesEarlierDays(event) || event.type === 'WorkPlanItemDefined' || offEveryDay(event) || event.occurredOn <= cut.asOf;
}

/**
 * A withdrawal as recorded twice (`duplicateOf`) takes its finding off every day, before its own too
 * (breaker8d P5); a withdrawal undone may put one back on them.
 */
const offEveryDay = (event: RecordedEvent): boolean =>
  (event.type === 'FindingWithdrawn' && (event.data as { duplicateOf?: string }).duplicateOf !== undefined) || event.type === 'FindingWithdrawalUndone';

/**
 * Time-travel answers (dashboard, unit workload, scorecard as of a day or as known at an instant)
 * kept until an event that can change them is projected (`changesAnswerAt`): the first look at a
 * cut folds the timelines (a slice at a time, see `foldAtCut`), later looks — and concurrent
 * identical ones, which share the fold in progress — read the kept answer. A past `knownAt` never
 * changes, and a past business day changes only when a fact about it (or a correction) is entered,
 * so offices reviewing last month or last quarter mostly read kept answers. Not a read model of
 * its own: it holds no state worth a snapshot and is emptied on every restart.
 */
export class TimeTravelCache {
  private readonly entries = new Map<string, Entry>();

  /**
   * The kept answer for `key` at `cut`, or `fold()`'s, kept for the next look. A fold in progress is
   * shared by every request that asks for it meanwhile, and runs in their joint scope (the first
   * asker's caller; a signal aborted once all of them have gone), so `foldAtCut` drops it when
   * nobody waits for it any more; an abandoned fold is not kept.
   */
  answer<Answer>(key: string, cut: TimeCut, fold: () => Promise<Answer>): Promise<Answer> {
    const entryKey = `${key}|${cut.asOf}|${cut.knownAt ?? ''}`;
    const kept = this.entries.get(entryKey);
    const asker = currentRequest();
    if (kept?.valid && (kept.settled || !kept.interest.signal.aborted)) {
      kept.interest.add(asker);
      this.entries.delete(entryKey);
      this.entries.set(entryKey, kept);
      return kept.answer as Promise<Answer>;
    }
    const interest = new SharedInterest();
    interest.add(asker);
    const answer = asker ? inRequestScope({ caller: asker.caller, signal: interest.signal }, fold) : fold();
    const entry: Entry = { cut, answer, valid: true, interest, settled: false };
    this.entries.set(entryKey, entry);
    answer.then(() => (entry.settled = true)).catch(() => {
      if (this.entries.get(entryKey) === entry) this.entries.delete(entryKey);
    });
    if (this.entries.size > TIME_TRAVEL_ANSWERS_KEPT) this.entries.delete(this.entries.keys().next().value!);
    return answer;
  }

  /** Answers kept now (folds in progress included). */
  get size(): number {
    return this.entries.size;
  }

  /** Called for every projected event: drops the answers it can change. */
  invalidate(event: RecordedEvent): void {
    for (const [entryKey, entry] of this.entries) {
      if (changesAnswerAt(entry.cut, event)) {
        entry.valid = false;
        this.entries.delete(entryKey);
      }
    }
  }
}

/**
 * One cache per application, emptied of what each projected event changes; /metrics says what it
 * holds (`rectify_time_travel_answers_kept`) and how many folds run and wait (`rectify_time_travel_folds`).
 */
export const timeTravelCacheProvider: FactoryProvider<TimeTravelCache> = {
  provide: TimeTravelCache,
  inject: [ProjectionEngine, Metrics],
  useFactory: (engine: ProjectionEngine, metrics: Metrics) => {
    const cache = new TimeTravelCache();
    engine.events$.subscribe((event) => cache.invalidate(event));
    metrics.registry.registerMetric(
      new Gauge({
        name: 'rectify_time_travel_answers_kept',
        help: `Time-travel answers kept (at most ${TIME_TRAVEL_ANSWERS_KEPT}, least recently used dropped first).`,
        registers: [],
        collect() {
          this.set(cache.size);
        },
      }),
    );
    metrics.registry.registerMetric(
      new Gauge({
        name: 'rectify_time_travel_folds',
        help: `Time-travel folds of every timeline, by state: running (at most ${FOLDS_AT_ONCE} at once) or waiting their turn.`,
        labelNames: ['state'] as const,
        registers: [],
        collect() {
          const { running, waiting } = foldsInProgress();
          this.set({ state: 'running' }, running);
          this.set({ state: 'waiting' }, waiting);
        },
      }),
    );
    return cache;
  },
};
