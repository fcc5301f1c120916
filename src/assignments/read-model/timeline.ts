import type { RecordedEvent } from '../../event-sourcing/recorded-event.js';
import { inCut, type TimeCut } from '../../shared/time-cut.js';

/*
 * Time travel without replaying the log: each parent of parts (a finding, a work-plan item) keeps
 * its own events — its dated timeline, each entry with the office day it happened (`occurredOn`)
 * and the instant it was recorded — and a view at a time cut is folded from that timeline alone.
 * Its cost is in proportion to the parents shown, never to the log.
 */

/** The entry is inside the cut: it happened by `cut.asOf` and was recorded by `cut.knownAt`. */
export const entryInCut = (cut: TimeCut, event: RecordedEvent): boolean => inCut(cut, event.occurredOn, event.metadata.recordedAt);

/** The entry was recorded by `cut.knownAt`, whatever day it names (for definitions, which have no business day). */
export const knownInCut = (cut: TimeCut, event: RecordedEvent): boolean =>
  cut.knownAt === null || event.metadata.recordedAt <= cut.knownAt;

/**
 * The timeline's entries inside the cut, in business order: by the day they happened, and within
 * one day in the order recorded (the lifecycle's rules keep each part's facts in that order).
 */
export function timelineAt(timeline: readonly RecordedEvent[], cut: TimeCut): RecordedEvent[] {
  return timeline
    .filter((event) => entryInCut(cut, event))
    .sort((a, b) => (a.occurredOn < b.occurredOn ? -1 : a.occurredOn > b.occurredOn ? 1 : a.revision - b.revision));
}
