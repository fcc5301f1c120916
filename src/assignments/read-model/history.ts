import type { ActorRole } from '../../event-store/event-store.port.js';
import type { RetractionNote, TimelineEntry } from './timeline.js';
import { withoutCredentials } from '../../event-sourcing/credential-fields.js';

/**
 * One line of an item's history: what happened, who did it, in which role and unit, on which
 * office day it happened (`occurredOn`, business time) and when it was recorded (`recordedAt`).
 */
export interface HistoryEntry {
  /** The event's id: what `proveEvent` takes to prove it is in a ledger checkpoint. */
  readonly eventId: string;
  readonly revision: number;
  readonly eventType: string;
  readonly occurredOn: string;
  readonly recordedAt: string;
  readonly actorId: string;
  readonly actorRole: ActorRole;
  readonly actorUnitId: string | null;
  /** The unit whose part the event concerns, when it concerns one. */
  readonly unitId: string | null;
  readonly details: Record<string, unknown>;
  /**
   * For a close-out (FindingClosedOut / WorkPlanItemCompleted) its view does not count: why, in Chinese (「2026-12-06
   * 更正督查结果后销号不成立」, 「因 2016-07-11 重新打开，此完成不成立」, 「… 重记，同 2026-11-05 销号」: see `historyAt`); for a reopening
   * a correction wrote that reopened no standing closing, likewise (「2026-12-07 更正督查结果后重新打开不成立」), or one dated on a day the
   * parent was open (「… 尚未销号…，此重新打开只退回当日已核验的任务」), and for what the server wrote with a part-only reopening found closed
   * once its cause no longer stands (the parent's and the parts' line, h56a); null for every other entry.
   */
  readonly closeOutUndone: string | null;
  /** For a record retracted as entered by mistake (撤销误录, newcomer51-8 S1): the retraction's reason, day, instant and who; null otherwise. */
  readonly retracted: RetractionNote | null;
}

/**
 * Whether an event of a parent's stream is listed as no history line: the parts' PartsReopened the server wrote for a part-only
 * reopening found closed that returns no part (`foundClosed` with `unitIds: []`, h56a — 「各单位重新整改」 naming no unit: the
 * parent's reopening line says it). What `historyLines` leaves out and the ledgers count apart (`hiddenHistoryLines`), so that a
 * history's `totalCount` is the number of lines a client pages through. Pure.
 */
export const listedAsNoLine = (event: { readonly type: string; readonly data: object }): boolean =>
  event.type === 'PartsReopened' && (event.data as { foundClosed?: boolean }).foundClosed === true && (event.data as { unitIds?: readonly string[] }).unitIds?.length === 0;

/** A history line, made when asked from the timeline entry it lists (nothing else is kept). */
export function historyEntry(event: TimelineEntry): HistoryEntry {
  const data = event.data as Record<string, unknown>;
  return {
    eventId: event.id,
    revision: event.revision,
    eventType: event.type,
    occurredOn: event.occurredOn,
    recordedAt: event.metadata.recordedAt,
    actorId: event.metadata.actorId,
    actorRole: event.metadata.actorRole,
    actorUnitId: event.metadata.actorUnitId,
    unitId: typeof data.unitId === 'string' ? data.unitId : null,
    // What a history shows of the data: never a credential (breaker9z S2's kind), should a history ever list an account's events.
    details: withoutCredentials(event.type, data).data,
    closeOutUndone: event.closeOutUndone ?? null,
    retracted: event.retracted ?? null,
  };
}
