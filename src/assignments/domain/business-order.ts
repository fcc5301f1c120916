import type { InspectionCorrected, ReportDateCorrected } from './assignment.events.js';

/*
 * Business order: the facts of a parent of parts (finding, work-plan item) as they happened — by
 * office day, and within one day in the order recorded — with every correction applied to the
 * fact it corrects. The decider judges a dated command on the parts folded this way up to the
 * command's day, and every view at a time cut folds them the same way (read-model/timeline.ts):
 * one story for what is accepted and what is shown.
 */

/** A fact with the office day it happened (`occurredOn`, `YYYY-MM-DD`): an event of a parent's stream, or a timeline entry. */
export interface DatedEntry {
  readonly type: string;
  readonly data: object;
  readonly occurredOn: string;
}

const CORRECTIONS = new Set(['ReportDateCorrected', 'InspectionCorrected']);

export const isCorrection = (entry: { readonly type: string }): boolean => CORRECTIONS.has(entry.type);

/**
 * The entries (in the order recorded) with every correction applied to the fact it corrects — the
 * report or inspection then counts on its corrected day and with its corrected outcome — and the
 * corrections themselves left out (a history still lists them). `correctedBy` maps the index in
 * `known` of each corrected fact to the corrections applied to it, in order. A report-date
 * correction names the unit holding the part now: a report of a unit that handed the part over to
 * it is its part's report.
 */
export function withCorrectionsApplied<Entry extends DatedEntry>(known: readonly Entry[]): { events: Entry[]; correctedBy: Map<number, Entry[]> } {
  const correctedBy = new Map<number, Entry[]>();
  if (!known.some(isCorrection)) return { events: [...known], correctedBy };
  const events = [...known];
  const applied = (target: number, correction: Entry) => correctedBy.set(target, [...(correctedBy.get(target) ?? []), correction]);
  // The units whose parts each unit holds now (its own, and those handed over to it).
  const heldFrom = new Map<string, Set<string>>();
  const holders = (unitId: string) => heldFrom.get(unitId) ?? new Set([unitId]);
  events.forEach((correction, position) => {
    if (correction.type === 'PartHandedOver') {
      const { unitId, successorUnitId } = correction.data as { unitId: string; successorUnitId: string };
      heldFrom.set(successorUnitId, new Set([...holders(successorUnitId), ...holders(unitId)]));
    } else if (correction.type === 'ReportDateCorrected') {
      const { unitId, reportedOn } = correction.data as ReportDateCorrected['data'];
      const held = holders(unitId);
      const target = lastBefore(events, position, (event) => event.type === 'RectificationReported' && held.has(event.data.unitId as string));
      if (target >= 0) {
        events[target] = { ...events[target]!, occurredOn: reportedOn, data: { ...events[target]!.data, reportedOn } };
        applied(target, correction);
      }
    } else if (correction.type === 'InspectionCorrected') {
      const { inspectionId, inspectedOn, outcome, previousOutcome, reason, newDueDate, dueDateOverride } = correction.data as InspectionCorrected['data'];
      const target = lastBefore(events, position, (event) => event.type === 'InspectionLogged' && event.data.inspectionId === inspectionId);
      if (target >= 0) {
        const data = events[target]!.data as Record<string, unknown>;
        const notes = outcome === previousOutcome ? data.notes : reason;
        // A correction to FAILED that gave the part a new due date returns it until then, as the inspection would have.
        const returnedUntil = newDueDate === undefined ? {} : { newDueDate, ...(dueDateOverride ? { dueDateOverride } : {}) };
        events[target] = { ...events[target]!, occurredOn: inspectedOn, data: { ...data, inspectedOn, outcome, notes, ...returnedUntil } };
        applied(target, correction);
      }
    }
  });
  return { events: events.filter((event) => !isCorrection(event)), correctedBy };
}

function lastBefore<Entry extends DatedEntry>(events: readonly Entry[], position: number, matches: (event: Entry & { data: Record<string, unknown> }) => boolean): number {
  for (let index = position - 1; index >= 0; index -= 1) if (matches(events[index] as Entry & { data: Record<string, unknown> })) return index;
  return -1;
}

/** By office day, and within one day in the order given (the order recorded): a stable sort. */
export const byOfficeDay = <Entry extends DatedEntry>(entries: readonly Entry[]): Entry[] =>
  [...entries].sort((a, b) => (a.occurredOn < b.occurredOn ? -1 : a.occurredOn > b.occurredOn ? 1 : 0));
