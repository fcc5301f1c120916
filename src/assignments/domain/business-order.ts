import { assignmentEventSchemas, type FactDateCorrected, type InspectionCorrected, type InspectionLogged, type NewDueDate, type RecordRetracted, type ReportDateCorrected } from './assignment.events.js';

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
  /**
   * The instant it was recorded and who recorded it, when known (a timeline entry's; an event being decided has none
   * yet, and a decider's entries may carry no actor).
   */
  readonly metadata?: { readonly recordedAt: string; readonly actorId?: string; readonly actorRole?: string };
  /**
   * Set only on a fact a correction changed (see `withCorrectionsApplied`): the instant the office
   * recorded the fact as it now reads — an inspection corrected to PASSED verified the part when the
   * correction was entered, not when the failure it undid was.
   */
  readonly correctedAt?: string;
}

/**
 * Every correction of a parent's stream: each names the fact it corrects, which every fold reads corrected. A finding's
 * 发现日期 correction (FindingIdentifiedOnCorrected, breaker9r P2 part 2) corrects its FindingRecorded.
 */
const CORRECTIONS = new Set(['ReportDateCorrected', 'InspectionCorrected', 'FactDateCorrected', 'FindingIdentifiedOnCorrected', 'RecordRetracted']);

export const isCorrection = (entry: { readonly type: string }): boolean => CORRECTIONS.has(entry.type);

/**
 * Whether an entry of a parent's stream can change what the parent was on office days before its own `occurredOn`: a
 * correction (it moves, re-marks or retracts the fact it names, whatever day that is) or a hand-over undone (its successor's
 * facts meanwhile become its predecessor's) — exactly what `withCorrectionsApplied` applies to other entries. Any other entry
 * is a fact of its own day on: folded by day, it changes nothing before it. Caches of past days key on this (time-travel-cache.ts).
 */
export const changesEarlierDays = (entry: { readonly type: string }): boolean => CORRECTIONS.has(entry.type) || entry.type === 'PartHandOverUndone';

/**
 * The entries (in the order recorded) with every correction applied to the fact it corrects — the
 * report or inspection then counts on its corrected day and with its corrected outcome, any other
 * redated fact (`FactDateCorrected`: the last of its type, unit and day before the correction) on
 * its corrected day (a reopening with the new due date its correction gave, h8b), a finding's recording on its corrected 发现日期 (`FindingIdentifiedOnCorrected`) — and the
 * corrections themselves left out (a history still lists them). `correctedBy` maps the index in
 * `known` of each corrected fact to the corrections applied to it, in order. A report-date
 * correction names the unit holding the part now: a report of a unit that handed the part over to
 * it is its part's report.
 */
export function withCorrectionsApplied<Entry extends DatedEntry>(known: readonly Entry[]): {
  events: Entry[];
  correctedBy: Map<number, Entry[]>;
  undone: Set<number>;
  ownDueDates: Map<number, NewDueDate>;
  /**
   * By index in `known`: the office's part-only reopening (its index) that each PartsReopened the server wrote for it
   * (`foundClosed`, h54b) belongs to — what it is retracted and moved with, and whose author it is listed by (h56a).
   */
  foundClosedCauses: Map<number, number>;
} {
  const correctedBy = new Map<number, Entry[]>();
  /**
   * By index: a return (send-back, reopening, failed inspection) whose day a correction moved, with the new due date it gave
   * itself — as typed, or as 更正督查记录 restated it — apart from any a date correction attached (breaker49-8 S4, M1).
   */
  const ownDueDates = new Map<number, NewDueDate>();
  /** By index: the office's part-only reopening each PartsReopened the server wrote for it (`foundClosed`) answers (h54b). */
  const causeOf = new Map<number, number>();
  if (!known.some(changesEarlierDays)) {
    known.forEach((entry, position) => {
      if (entry.type === 'PartsReopened' && (entry.data as { foundClosed?: true }).foundClosed) {
        const cause = lastBefore(known, position, (event) => event.type === 'PartsReopened' && event.data.unitIds !== undefined && !event.data.foundClosed && event.occurredOn === entry.occurredOn);
        if (cause >= 0) causeOf.set(position, cause);
      }
    });
    return { events: [...known], correctedBy, undone: new Set(), ownDueDates, foundClosedCauses: causeOf };
  }
  const events = [...known];
  // Hand-overs undone since (see `undoneHandOvers`), each with its undoing: left out of the fold, their successor's facts meanwhile its predecessor's.
  const undone = new Set<number>();
  /** By index: the unit a fact was recorded under, when `undoneHandOvers` gave it back to the predecessor. */
  const recordedUnder = new Map<number, string>();
  const ofUnit = (event: Entry, index: number, unitId: string) => (event.data as { unitId?: string }).unitId === unitId || recordedUnder.get(index) === unitId;
  const joined = new Set<number>();
  const applied = (target: number, correction: Entry) => correctedBy.set(target, [...(correctedBy.get(target) ?? []), correction]);
  /** By index: a fact the pass at the index it maps to had taken as before it, placed there now that the pass reads failed (`checkedByTheInspection`). */
  const movedBefore = new Map<number, number>();
  // The units whose reports are those of the part each unit holds now: its own, and those of a part handed over
  // to it when it had none (a part joining one it had keeps its own record: the joined part's reports stay behind).
  const heldFrom = new Map<string, Set<string>>();
  const holders = (unitId: string) => heldFrom.get(unitId) ?? new Set([unitId]);
  const holding = new Set<string>();
  /** A hand-over that no longer stands (undone, or a split retracted): the part is its unit's again, the successor's no more. */
  const givenBack = (unitId: string, successorUnitId: string) => {
    heldFrom.delete(successorUnitId);
    holding.delete(successorUnitId);
    holding.add(unitId);
  };
  /** The server's PartsReopened written for the reopening at `cause`, each with the parent's reopened event written just before it. */
  const writtenFor = (cause: number, position: number): number[] =>
    [...causeOf].filter(([written, of]) => of === cause && written < position && !undone.has(written)).flatMap(([written]) => (isParentReopened(events[written - 1] ?? events[written]!, events[written]!.occurredOn) ? [written - 1, written] : [written]));
  events.forEach((correction, position) => {
    if (correction.type === 'PartsReopened' && (correction.data as { foundClosed?: true }).foundClosed) {
      // Its cause: the last part-only reopening of its day (as corrected so far), not itself one the server wrote.
      const cause = lastBefore(events, position, (event, index) => !undone.has(index) && event.type === 'PartsReopened' && event.data.unitIds !== undefined && !event.data.foundClosed && event.occurredOn === correction.occurredOn);
      if (cause >= 0) causeOf.set(position, cause);
    } else if (correction.type === 'UnitAssigned') {
      const { unitId } = correction.data as { unitId: string };
      holding.add(unitId);
      heldFrom.delete(unitId);
    } else if (correction.type === 'UnitUnassigned') {
      holding.delete((correction.data as { unitId: string }).unitId);
    } else if (correction.type === 'PartHandedOver') {
      const { unitId, successorUnitId } = correction.data as { unitId: string; successorUnitId: string };
      if (holding.has(successorUnitId)) joined.add(position);
      if (!holding.has(successorUnitId)) heldFrom.set(successorUnitId, new Set([...holders(successorUnitId), ...holders(unitId)]));
      holding.delete(unitId);
      holding.add(successorUnitId);
    } else if (correction.type === 'PartHandOverUndone') {
      // The part is its unit's again, as before it passed — or, a join undone, beside the part it had joined (breaker8l P13).
      const { unitId, successorUnitId } = correction.data as { unitId: string; successorUnitId: string };
      holding.add(unitId);
      if (!undoJoin(events, position, joined, undone)) {
        givenBack(unitId, successorUnitId);
        undoHandOver(events, position, joined, undone, recordedUnder);
      }
    } else if (correction.type === 'ReportDateCorrected') {
      const { unitId, reportedOn, previousReportedOn } = correction.data as ReportDateCorrected['data'];
      const held = holders(unitId);
      // The part's last report, as the correction read it: of a unit whose report is that part's, on the day it corrects.
      const target = lastBefore(events, position, (event, index) => event.type === 'RectificationReported' && [...held].some((holder) => ofUnit(event, index, holder)) && event.data.reportedOn === previousReportedOn);
      if (target >= 0) {
        events[target] = { ...events[target]!, occurredOn: reportedOn, data: withDayAsEntered(events[target]!.data, reportedOn) };
        applied(target, correction);
      }
    } else if (correction.type === 'FactDateCorrected') {
      const { unitId, factType, previousOn, on, ofTheDay, newDueDate, dueDateOverride, ownDueDateOnly } = correction.data as FactDateCorrected['data'];
      // A reopening is the parent's: one of that day that returned the part of `unitId` (`reopenedPartOf`).
      const matches = (event: Entry, index: number) => event.type === factType && (factType === 'PartsReopened' ? reopenedPartOf(event, unitId) : ofUnit(event, index, unitId)) && event.occurredOn === previousOn;
      // The record named by its place among that day's (breaker8s P8), else the last entered.
      const target = ofTheDay === undefined ? lastBefore(events, position, matches) : nthBefore(events, position, matches, ofTheDay);
      if (target >= 0) {
        const dayField = assignmentEventSchemas[factType].occurredOn!;
        const current = events[target]!.data as NewDueDate & { outcome?: string };
        let data: object =
          factType === 'RectificationReported' ? withDayAsEntered(current, on) : factType === 'ReportSentBack' || factType === 'PartsReopened' ? withReturnDayAsEntered(current, dayField, on) : factType === 'InspectionLogged' ? withInspectionDayAsEntered(current, on) : { ...current, [dayField]: on };
        if (isReturn(factType, current)) {
          if (!ownDueDates.has(target)) ownDueDates.set(target, withoutUndefined({ newDueDate: current.newDueDate, dueDateOverride: current.dueDateOverride }));
          // A return moved past the due date it left the part with gives a new one with its correction (h8b, breaker48-8 S2,
          // breaker49-8 S5, M1): due then from the corrected day. One moved where it needs none gives again only the date it
          // gave itself (`ownDueDateOnly`, breaker49-8 S4): one an earlier date correction attached goes with that day.
          const given = newDueDate !== undefined ? withoutUndefined({ newDueDate, dueDateOverride }) : ownDueDateOnly ? ownDueDates.get(target)! : undefined;
          if (given) {
            const { newDueDate: _replaced, dueDateOverride: _overridden, ...rest } = data as NewDueDate;
            data = { ...rest, ...given };
          }
          // A date given with the day unchanged is the return's paper's, typed late (breaker50-8 M1, S4): its own from then on.
          if (newDueDate !== undefined && previousOn === on) ownDueDates.set(target, given!);
        }
        events[target] = { ...events[target]!, occurredOn: on, data };
        applied(target, correction);
        // The parent's own reopened event, written just before it (breaker46-8 S1), moves with it: its history reads one day.
        const parentReopened = factType === 'PartsReopened' ? events[target - 1] : undefined;
        if (parentReopened && isParentReopened(parentReopened, previousOn)) {
          events[target - 1] = { ...parentReopened, occurredOn: on, data: { ...parentReopened.data, reopenedOn: on } };
          applied(target - 1, correction);
        }
        // What the server wrote for it (`foundClosed`: the parent's reopening, the other parts returned) moves with it (h54b,
        // breaker54-8 S8), with the due date it now gives; each fold judges again whether it still found the parent closed.
        if (factType === 'PartsReopened') {
          const { newDueDate: given, dueDateOverride: overridden } = data as NewDueDate;
          for (const written of writtenFor(target, position)) {
            const entry = events[written]!;
            // No day as entered of its own (breaker54-8 M1): no entry of the office ever reopened those parts on another day.
            const { newDueDate: _given, dueDateOverride: _overridden, returnedOnAsEntered: _entered, ...rest } = entry.data as NewDueDate & { reopenedOn: string; returnedOnAsEntered?: string };
            const moved = entry.type === 'PartsReopened' ? { ...rest, reopenedOn: on, ...withoutUndefined({ newDueDate: given, dueDateOverride: overridden }) } : { ...entry.data, reopenedOn: on };
            events[written] = { ...entry, occurredOn: on, data: moved };
            applied(written, correction);
          }
        }
      }
    } else if (correction.type === 'RecordRetracted') {
      // 撤销误录 (newcomer51-8 S1): the record is left out of every fold, as if never entered — with it, a reopening's parent event.
      const target = retractedRecord(events, position, correction.data as RecordRetracted['data'], ofUnit, undone);
      if (target >= 0) {
        undone.add(target);
        applied(target, correction);
        const parentReopened = events[target]!.type === 'PartsReopened' ? events[target - 1] : undefined;
        if (parentReopened && isParentReopened(parentReopened, events[target]!.occurredOn) && !undone.has(target - 1)) {
          undone.add(target - 1);
          applied(target - 1, correction);
        }
        // A split never made (breaker55-8 S4; a split never joins a part: `HandOverPart.partOnly`) left the part with its unit; a
        // removal never made (S6) left the part on the parent.
        const retractedStep = events[target]!;
        if (retractedStep.type === 'PartHandedOver') {
          const { unitId, successorUnitId } = retractedStep.data as { unitId: string; successorUnitId: string };
          givenBack(unitId, successorUnitId);
        } else if (retractedStep.type === 'UnitUnassigned') {
          holding.add((retractedStep.data as { unitId: string }).unitId);
        }
        // A part never given had no role to change (newcomer54-8 S1): the plan's role changes of the unit after its 交办 go with it —
        // the step-down a replacement of a wrong lead (替换原牵头单位) wrote, so the lead's 交办 can be retracted after it.
        if (events[target]!.type === 'UnitAssigned') {
          const { unitId } = events[target]!.data as { unitId: string };
          events.forEach((event, index) => {
            if (index > target && index < position && !undone.has(index) && event.type === 'PartRoleChanged' && (event.data as { unitId?: string }).unitId === unitId) {
              undone.add(index);
              applied(index, correction);
            }
          });
        }
        // A reopening never entered found nothing closed: what the server wrote for it goes with it (h54b, breaker54-8 S1).
        if (events[target]!.type === 'PartsReopened') {
          for (const written of writtenFor(target, position)) {
            undone.add(written);
            applied(written, correction);
          }
        }
        // An extension request never made was never withdrawn (breaker53-8 S2): the unit's withdrawal of it goes with it.
        if (events[target]!.type === 'ExtensionRequested') {
          const { requestId } = events[target]!.data as { requestId: string };
          events.forEach((event, index) => {
            if (index < position && !undone.has(index) && event.type === 'ExtensionRequestWithdrawn' && (event.data as { requestId?: string }).requestId === requestId) {
              undone.add(index);
              applied(index, correction);
            }
          });
        }
      }
    } else if (correction.type === 'FindingIdentifiedOnCorrected') {
      // The finding's recording (the first entry of its stream) on the corrected 发现日期.
      const { identifiedOn } = correction.data as { identifiedOn: string };
      const target = lastBefore(events, position, (event) => event.type === 'FindingRecorded');
      if (target >= 0) {
        events[target] = { ...events[target]!, occurredOn: identifiedOn, data: { ...events[target]!.data, identifiedOn } };
        applied(target, correction);
      }
    } else if (correction.type === 'InspectionCorrected') {
      const { inspectionId, inspectedOn, outcome, previousOutcome, previousInspectedOn, reason, correctedOn, newDueDate, dueDateOverride } = correction.data as InspectionCorrected['data'];
      const target = lastBefore(events, position, (event) => event.type === 'InspectionLogged' && event.data.inspectionId === inspectionId);
      if (target >= 0) {
        const { correctedAt: correctedBefore, ...inspection } = events[target]!;
        const { newDueDate: given, dueDateOverride: overridden, ...data } = inspection.data as InspectionLogged['data'];
        // What the inspector wrote stays as written (newcomer46-8 M2): the correction is listed beside it, its reason what
        // failed when it changed the outcome (`whatFailed`).
        const note: InspectionCorrectionNote = {
          reason,
          correctedOn,
          correctedAt: correction.metadata?.recordedAt ?? '',
          correctedBy: correction.metadata?.actorId ?? '',
          correctedByRole: correction.metadata?.actorRole ?? '',
          previousOutcome,
          outcome,
          previousInspectedOn,
          inspectedOn,
        };
        const corrections = [...correctionsOf(data), note];
        // The return a failure gave stands only while the inspection stays FAILED: a correction to PASSED undoes
        // its new due date, and a correction back to FAILED is a new return with only the date it gives (as the
        // part's view now has it). A correction of a failure's day without a date keeps the date the failure gave itself
        // (`ownDueDates`: as typed, or as 更正督查记录 restated it on its own day): one an earlier correction attached for
        // its wrong day goes, as with 更正记录日期 (breaker50-8 S2; breaker8 B1 kept every date).
        const stillFailed = outcome === 'FAILED' && previousOutcome === 'FAILED';
        const movedDay = inspectedOn !== previousInspectedOn;
        if (stillFailed && !ownDueDates.has(target)) ownDueDates.set(target, withoutUndefined({ newDueDate: given, dueDateOverride: overridden }));
        const kept: NewDueDate = stillFailed ? (movedDay ? ownDueDates.get(target)! : { newDueDate: given, dueDateOverride: overridden }) : {};
        const returnedUntil = withoutUndefined(newDueDate === undefined ? kept : { newDueDate, dueDateOverride });
        // Verified by a correction, the part was known verified from the correction's instant on.
        const correctedAt = outcome !== previousOutcome ? (outcome === 'PASSED' ? correction.metadata?.recordedAt : undefined) : correctedBefore;
        events[target] = { ...inspection, occurredOn: inspectedOn, data: { ...data, inspectedOn, outcome, corrections, ...returnedUntil }, ...withoutUndefined({ correctedAt }) } as Entry;
        // 更正督查记录 restates the inspection: a new outcome, or a failure's new due date given on its own day (breaker50-8 M1,
        // S4: the paper's date, typed late), is the inspection's own from then on; a date given with a new day is that day's.
        if ((ownDueDates.has(target) || outcome === 'FAILED') && (outcome !== previousOutcome || (newDueDate !== undefined && !movedDay))) ownDueDates.set(target, returnedUntil);
        applied(target, correction);
        if (previousOutcome === 'PASSED' && outcome === 'FAILED') checkedByTheInspection(events, target, position, movedBefore);
      }
    }
  });
  const kept = (index: number) => !isCorrection(events[index]!) && !undone.has(index);
  return { events: inPlacesChecked(events.length, movedBefore).filter(kept).map((index) => events[index]!), correctedBy, undone, ownDueDates, foundClosedCauses: causeOf };
}

/**
 * The index in `events` (before `position`, as earlier corrections left them, none retracted already) of the record a retraction
 * (`RecordRetracted`, newcomer51-8 S1) names: of its type, of its unit (a reopening: one that returned the unit's part), reading
 * its day, the `ofTheDay`-th of those in the order entered, else the last; -1 when none reads so.
 */
export function retractedRecord<Entry extends DatedEntry>(
  events: readonly Entry[],
  position: number,
  { factType, unitId, on, ofTheDay }: Pick<RecordRetracted['data'], 'factType' | 'unitId' | 'on' | 'ofTheDay'>,
  ofUnit: (event: Entry, index: number, unitId: string) => boolean,
  undone: ReadonlySet<number>,
): number {
  const matches = (event: Entry, index: number) =>
    !undone.has(index) && event.type === factType && (factType === 'PartsReopened' ? reopenedPartOf(event, unitId) : ofUnit(event, index, unitId)) && event.occurredOn === on;
  return ofTheDay === undefined ? lastBefore(events, position, matches) : nthBefore(events, position, matches, ofTheDay);
}

/**
 * breaker49-8 S7 — which report an inspection checks when both fall on one office day: by business day first; within the
 * day, a report the inspection was recorded as checking comes before it, whatever a later correction makes of its outcome.
 * A pass takes as before it the part's reports and returns dated on or before its day entered after it (a re-report handed
 * in at it, the return found in the files later: breaker8u P9, N4; `beforeItsVerification` in the decider and the part
 * view). Corrected to 不通过 (InspectionCorrected at `position` of the inspection at `inspection`), the failure checked the
 * same papers: those facts of its unit entered between the two, dated on or before its corrected day, are placed just
 * before it (`movedBefore`, index → the inspection's index), in date order — so a fold as recorded and one by day both read
 * them before the failure: the part returned, due the date the failure gave, the re-report checked. A report of the day
 * entered after the correction is the re-report the failure called for: after it. Corrected back to 通过, the papers stay
 * before the pass, where the pass had them.
 */
function checkedByTheInspection<Entry extends DatedEntry>(events: readonly Entry[], inspection: number, position: number, movedBefore: Map<number, number>): void {
  const { unitId, inspectedOn } = events[inspection]!.data as InspectionLogged['data'];
  for (let index = inspection + 1; index < position; index += 1) {
    const event = events[index]!;
    if (movedBefore.has(index) || event.occurredOn > inspectedOn || (event.data as { unitId?: string }).unitId !== unitId) continue;
    if (event.type === 'RectificationReported' || isReturn(event.type, event.data as { outcome?: string })) movedBefore.set(index, inspection);
  }
}

/**
 * The indexes 0…`length`−1 in the order a fold reads them: each as recorded, except those `movedBefore` places just before
 * the index each maps to (by their day, then as recorded: `byOfficeDay` keeps them there).
 */
function inPlacesChecked(length: number, movedBefore: ReadonlyMap<number, number>): number[] {
  const indexes = Array.from({ length }, (_, index) => index);
  if (movedBefore.size === 0) return indexes;
  const placedBefore = new Map<number, number[]>();
  for (const [moved, anchor] of movedBefore) placedBefore.set(anchor, [...(placedBefore.get(anchor) ?? []), moved]);
  return indexes.flatMap((index) => (movedBefore.has(index) ? [] : [...(placedBefore.get(index) ?? []).sort((a, b) => a - b), index]));
}

/**
 * Whether a fact of `factType` with `data` returned a part to its unit — a send-back, a reopening, a failed inspection: the
 * records whose date correction may give the part a new due date (`FactDateCorrected.newDueDate`).
 */
export const isReturn = (factType: string, data: { readonly outcome?: string }): boolean =>
  factType === 'ReportSentBack' || factType === 'PartsReopened' || (factType === 'InspectionLogged' && data.outcome === 'FAILED');

/**
 * One correction of an inspection (InspectionCorrected) as the views show it beside what the inspector wrote — the inspection's
 * `notes` are never replaced (newcomer46-8 M2: a compliance record keeps the inspector's words; the correction is its own
 * record, with who, when and why). `correctedOn` is the office day of the correction (`YYYY-MM-DD`), `correctedAt` the instant
 * it was recorded (ISO; '' in a decider's fold, which records no instant), `correctedBy` / `correctedByRole` the supervisor's
 * account id and role ('' where the fold has no actor). `previous…` are the inspection as it read before this correction.
 */
export interface InspectionCorrectionNote {
  readonly reason: string;
  readonly correctedOn: string;
  readonly correctedAt: string;
  readonly correctedBy: string;
  readonly correctedByRole: string;
  readonly previousOutcome: InspectionLogged['data']['outcome'];
  readonly outcome: InspectionLogged['data']['outcome'];
  readonly previousInspectedOn: string;
  readonly inspectedOn: string;
}

/** The corrections a fold applied to an inspection's data (`withCorrectionsApplied`), in order; none for one never corrected. */
export const correctionsOf = (data: object): readonly InspectionCorrectionNote[] => (data as { corrections?: readonly InspectionCorrectionNote[] }).corrections ?? [];

/**
 * Why a failed inspection returned the part, as its return reads (退回原因): the reason of the last correction that changed its
 * outcome — a pass corrected to a failure failed for the supervisor's reason, not for what the inspector wrote of a pass — else
 * what the inspector wrote (`notes`). `data`: an inspection's data as a fold has it (`withCorrectionsApplied`) or an InspectionView.
 */
export const whatFailed = (data: { readonly notes: string }): string =>
  correctionsOf(data).findLast((correction) => correction.outcome !== correction.previousOutcome)?.reason ?? data.notes;

/**
 * A hand-over undone since it was recorded (PartHandOverUndone at `position`: a pass dated on or
 * before its day typed after it, an earlier reorganisation typed later) never moved the part: folded
 * by day it is left out with its undoing, and the facts its successor recorded on the part between
 * the two are its predecessor's — the part was the predecessor's all along (breaker8f P10: folded
 * by day, a hand-over to the same successor dated earlier would otherwise make the undone one a
 * join). Done only where the undoing gave the part back as recorded: the successor held no part of
 * its own when it came (not a join), and between the two no other hand-over moved a part from or to
 * the successor. A fact of the successor dated before the hand-over's day is not moved: it held the
 * part then, as an earlier holder (breaker8g P9). Folded as recorded, the same events leave the parts alike.
 */
function undoHandOver<Entry extends DatedEntry>(events: Entry[], position: number, joined: ReadonlySet<number>, undone: Set<number>, recordedUnder: Map<number, string>): void {
  const { unitId, successorUnitId, handedOverOn } = events[position]!.data as { unitId: string; successorUnitId: string; handedOverOn: string };
  const handedOver = lastBefore(
    events,
    position,
    (event, index) => !undone.has(index) && event.type === 'PartHandedOver' && event.data.unitId === unitId && event.data.successorUnitId === successorUnitId && event.data.handedOverOn === handedOverOn,
  );
  if (handedOver < 0 || joined.has(handedOver)) return;
  const between = events.map((event, index) => ({ event, index })).slice(handedOver + 1, position).filter(({ index }) => !undone.has(index));
  const moves = ({ event }: { event: Entry }) => {
    if (event.type !== 'PartHandedOver' && event.type !== 'PartHandOverUndone') return false;
    const data = event.data as { unitId: string; successorUnitId: string };
    return data.unitId === successorUnitId || data.successorUnitId === successorUnitId;
  };
  if (between.some(moves)) return;
  undone.add(handedOver).add(position);
  for (const { event, index } of between) {
    // A fact dated before the hand-over's day was the successor's own as an earlier holder of the part (it held it before and got it
    // back: a late inspection of its days entered meanwhile), not work done as successor: it stays its own (breaker8g P9).
    if (isCorrection(event) || event.occurredOn < handedOverOn) continue;
    const data = event.data as { unitId?: string; unitIds?: readonly string[] };
    if (data.unitId === successorUnitId) {
      recordedUnder.set(index, successorUnitId);
      events[index] = { ...event, data: { ...data, unitId } };
    } else if (data.unitIds?.includes(successorUnitId)) {
      events[index] = { ...event, data: { ...data, unitIds: data.unitIds.map((one) => (one === successorUnitId ? unitId : one)) } };
    }
  }
}

/**
 * A join undone since it was recorded (PartHandOverUndone at `position` of a PartHandedOver that met a part its successor held:
 * a withdrawal dated before the join, typed after it — breaker8l P13): the join never happened, so folded by day it is left out
 * with its undoing, as folded as recorded the undoing gives the joining part back and the joined one reads as before. Whether
 * it was one: true when the undone hand-over was a join (then both are left out).
 */
function undoJoin<Entry extends DatedEntry>(events: Entry[], position: number, joined: ReadonlySet<number>, undone: Set<number>): boolean {
  const { unitId, successorUnitId, handedOverOn } = events[position]!.data as { unitId: string; successorUnitId: string; handedOverOn: string };
  const handedOver = lastBefore(
    events,
    position,
    (event, index) => !undone.has(index) && event.type === 'PartHandedOver' && event.data.unitId === unitId && event.data.successorUnitId === successorUnitId && event.data.handedOverOn === handedOverOn,
  );
  if (handedOver < 0 || !joined.has(handedOver)) return false;
  undone.add(handedOver).add(position);
  return true;
}

/**
 * Whether a reopening (`PartsReopened`) returned the part of `unitId`: one of every part (no `unitIds`), or one naming it. What a
 * reopening's day correction (FactDateCorrected of `PartsReopened`, breaker46-8 S1) is found by, with its day.
 */
export const reopenedPartOf = (entry: { readonly data: object }, unitId: string): boolean => {
  const { unitIds } = entry.data as { unitIds?: readonly string[] };
  return unitIds === undefined || unitIds.includes(unitId);
};

/** A parent's own reopened event (FindingReopened, WorkPlanItemReopened: written just before PartsReopened) of office day `day`. */
const isParentReopened = (entry: DatedEntry, day: string): boolean =>
  entry.type !== 'PartsReopened' && entry.type.endsWith('Reopened') && (entry.data as { reopenedOn?: string }).reopenedOn === day;

/**
 * A report's data moved to office day `on` by a date correction, carrying the day it was entered as (`reportedOnAsEntered`,
 * the part view's field of the same name: newcomer49-8 M2); none once moved back to it.
 */
function withDayAsEntered(data: object, on: string): object {
  const { reportedOn, reportedOnAsEntered: entered = reportedOn, ...rest } = data as { reportedOn: string; reportedOnAsEntered?: string };
  return entered === on ? { ...rest, reportedOn: on } : { ...rest, reportedOn: on, reportedOnAsEntered: entered };
}

/** An inspection's data moved to office day `on`, carrying the day it was entered as (`inspectedOnAsEntered`, newcomer55-8 M2); none once back on it. */
function withInspectionDayAsEntered(data: object, on: string): object {
  const { inspectedOn, inspectedOnAsEntered: entered = inspectedOn, ...rest } = data as { inspectedOn: string; inspectedOnAsEntered?: string };
  return entered === on ? { ...rest, inspectedOn: on } : { ...rest, inspectedOn: on, inspectedOnAsEntered: entered };
}

/**
 * A send-back's or reopening's data moved to office day `on` (its day field `dayField`) by a date correction, carrying the day
 * it was entered as (`returnedOnAsEntered`, the part view's return field of that name: newcomer51-8 M4); none once moved back.
 */
function withReturnDayAsEntered(data: object, dayField: string, on: string): object {
  const { returnedOnAsEntered: entered = (data as Record<string, string>)[dayField], ...rest } = data as { returnedOnAsEntered?: string };
  return entered === on ? { ...rest, [dayField]: on } : { ...rest, [dayField]: on, returnedOnAsEntered: entered };
}

const withoutUndefined = <Fields extends object>(fields: Fields): Partial<Fields> =>
  Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Partial<Fields>;

function lastBefore<Entry extends DatedEntry>(events: readonly Entry[], position: number, matches: (event: Entry & { data: Record<string, unknown> }, index: number) => boolean): number {
  for (let index = position - 1; index >= 0; index -= 1) if (matches(events[index] as Entry & { data: Record<string, unknown> }, index)) return index;
  return -1;
}

/** The index of the `nth` (1: the first) entry before `position` that `matches`, in the order recorded; -1 when there are fewer. */
function nthBefore<Entry extends DatedEntry>(events: readonly Entry[], position: number, matches: (event: Entry & { data: Record<string, unknown> }, index: number) => boolean, nth: number): number {
  let seen = 0;
  for (let index = 0; index < position; index += 1) if (matches(events[index] as Entry & { data: Record<string, unknown> }, index) && (seen += 1) === nth) return index;
  return -1;
}

/** By office day, and within one day in the order given (the order recorded): a stable sort. */
export const byOfficeDay = <Entry extends DatedEntry>(entries: readonly Entry[]): Entry[] =>
  [...entries].sort((a, b) => (a.occurredOn < b.occurredOn ? -1 : a.occurredOn > b.occurredOn ? 1 : 0));
