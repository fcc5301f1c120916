import { EVENT_FALLBACK, EVENT_LABEL, OUTCOME_LABEL, REDATED_WORD, ROLE_LABEL } from './labels.js';
import { inspectionCorrectionWords, type InspectionCorrectionFacts } from '../../src/assignments/read-model/inspection-correction-words.js';

/**
 * One timeline line in the words an office reads (breaker11b G6): the event's name in Chinese
 * (EVENT_FALLBACK for a type the app does not know, never its code), the unit it concerns (a
 * hand-over names both), what changed (原 → 新: a due date, a report or inspection day, an outcome,
 * a role) and the text that came with it (summary, reason, message, notes, title). Pure: the Jest
 * suite reads it too (test/timeline-words.spec.ts). `nameOf` turns a unit id into its name ('' when unknown).
 */
export function timelineLine(eventType: string, unitId: string | null, details: Record<string, unknown>, nameOf: (unitId: string | null | undefined) => string): string {
  const label = lineLabel(eventType, details);
  // The parts a reopening or a re-dating concerns, when not every part (unitIds): named (newcomer48-10 M1: 「调整各单位时限」 for one unit's row).
  const reopenedUnits = (eventType === 'PartsReopened' || eventType === 'PartsRescheduled') && Array.isArray(details.unitIds) ? details.unitIds.map((id) => nameOf(String(id)) || '（未知单位）') : [];
  const movedTo = UNDONE.has(eventType) && typeof details.reason === 'string' ? MOVED_TO.exec(details.reason) : null;
  const parts = [label];
  if (reopenedUnits.length > 0) parts.push(`（${reopenedUnits.join('、')}）`);
  if (movedTo) parts.push(`（${typeof details.withdrawnOn === 'string' ? `${details.withdrawnOn} → ` : ''}${movedTo[1]}）`);
  // A reopening is the parent's, not one unit's: its retraction names no unit, as the 重新打开 line names none (breaker52-8 M2: the
  // retraction read 「撤销误录（青川市财政局）」, the card it was pressed on).
  const concerned = eventType === 'RecordRetracted' && details.factType === 'PartsReopened' ? '' : nameOf(unitId);
  const successor = typeof details.successorUnitId === 'string' ? nameOf(details.successorUnitId) : '';
  if (concerned && successor) parts.push(`（${concerned} → ${successor}）`);
  else if (concerned) parts.push(`（${concerned}）`);
  // 代录: the office entered the unit's paper report; the line names who typed it (`enteredByName`, set from the entry's actor).
  if (eventType === 'RectificationReported' && typeof details.enteredBy === 'string') parts.push(`（${typeof details.enteredByName === 'string' ? details.enteredByName : '督办人员'} 代录，依据纸质报告）`);
  // Which request it is: the date asked (newcomer26 S1: a taken-back request and the new one read alike).
  if (eventType === 'ExtensionRequested' && typeof details.requestedDueDate === 'string') parts.push(`（申请延至 ${details.requestedDueDate}）`);
  if (eventType === 'ExtensionRequested' && typeof details.enteredBy === 'string') parts.push(`（${typeof details.enteredByName === 'string' ? details.enteredByName : '督办人员'} 代录，依据纸质申请）`);
  // 撤销误录 (newcomer51-8 S1): which record it took back — its kind and its day.
  if (eventType === 'RecordRetracted' && typeof details.factType === 'string') parts.push(`（撤销 ${String(details.on)} 的${REDATED_WORD[details.factType] ?? '记录'}）`);
  const changes = CHANGES.flatMap(([before, after, words]) => {
    const [from, to] = [details[before], details[after]];
    if (typeof from !== 'string' || typeof to !== 'string' || from === to) return [];
    return [`${words?.[from] ?? from} → ${words?.[to] ?? to}`];
  });
  if (changes.length) parts.push(`（${changes.join('；')}）`);
  // An inspection whose outcome a correction changed: what the inspector wrote went with the outcome first entered, so it is
  // said as 督查情况（原录） after the outcome now, as the card says it — not 「整改不到位 — 通过」 (newcomer51-8 M1).
  const notesAsEntered = eventType === 'InspectionLogged' && typeof details.notes === 'string' && details.notes.trim() !== '' && outcomeWrittenWith(details) !== details.outcome ? details.notes : null;
  const text = movedTo ? String(details.reason).slice(movedTo[0].length) : notesAsEntered !== null ? undefined : (details.summary ?? details.reason ?? details.message ?? details.notes ?? details.title);
  // A text that itself begins with the line's words (撤销不成立：… written by the server) is not said twice (breaker11g P7).
  if (typeof text === 'string' && text.trim() !== '') parts.push(`：${text.startsWith(`${label}：`) ? text.slice(label.length + 1) : text}`);
  if (typeof details.outcome === 'string' && details.previousOutcome === undefined) parts.push(` — ${OUTCOME_LABEL[details.outcome] ?? details.outcome}`);
  if (notesAsEntered !== null) parts.push(`（督查情况（原录）：${notesAsEntered}）`);
  // An inspection corrected since, as a past day's history reads it (corrected): what the inspector wrote, the outcome it counts
  // with, and each correction beside it — never the correction's reason as the inspector's words (newcomer46-8 M2).
  if (eventType === 'InspectionLogged' && Array.isArray(details.corrections)) {
    for (const correction of details.corrections as InspectionCorrectionFacts[]) parts.push(`（${inspectionCorrectionWords(correction, '')}）`);
  }
  // A part sent back, failed on site or reopened with a new due date says it (newcomer23 S1: the card's 「（原 …）」 was unexplained).
  // A grant decided after a return gave a later date (breaker8r P4, granted and overtaken) cuts nothing: the later date stands.
  const overtaken = eventType === 'ExtensionGranted' && typeof details.previousDueDate === 'string' && typeof details.newDueDate === 'string' && details.newDueDate <= details.previousDueDate;
  // A grant moves the time limit; nothing was returned, so it is not 重新整改 (newcomer40 P6): 「（延至 D）」 as the card says 新时限.
  if (overtaken) parts.push(`（批准延至 ${details.newDueDate}；当时已有更晚的时限 ${details.previousDueDate}，仍以 ${details.previousDueDate} 为准）`);
  else if (eventType === 'ExtensionGranted' && typeof details.newDueDate === 'string') parts.push(`（延至 ${details.newDueDate}${typeof details.previousDueDate === 'string' ? `，原时限 ${details.previousDueDate}` : ''}）`);
  else if (typeof details.newDueDate === 'string' && details.newDueDate !== '') parts.push(`（重新整改时限 ${details.newDueDate}）`);
  // A date correction that took away the due date an earlier correction gave says so (breaker50-8 M5: the part's due date changed
  // with no word why): the return keeps only the date it gave itself.
  else if (details.ownDueDateOnly === true) parts.push('（此前更正给出的重新整改时限随之取消，恢复该记录本身的时限）');
  return parts.join('');
}

/**
 * The outcome an inspection's notes were written with: the one first entered — kept beside the corrected one as
 * `outcomeAsEntered` (`timelineRows`), or the first correction's `previousOutcome` in a corrected inspection's own data (a past
 * day's history) — else its outcome. Pure.
 */
function outcomeWrittenWith(details: Record<string, unknown>): unknown {
  if (typeof details.outcomeAsEntered === 'string') return details.outcomeAsEntered;
  const first = Array.isArray(details.corrections) ? (details.corrections[0] as InspectionCorrectionFacts | undefined) : undefined;
  return first?.previousOutcome ?? details.outcome;
}

/** The words a timeline line begins with (更正报告日期, 恢复问题（撤销有误）, 撤销事项…): what the entry is, before whom and what it concerns. */
export function lineLabel(eventType: string, details: Record<string, unknown>): string {
  const redated = eventType === 'FactDateCorrected' && typeof details.factType === 'string' ? REDATED_WORD[details.factType] : undefined;
  // An inspection corrected in its day only is not a corrected 结果 (outcome).
  const dayOnly = eventType === 'InspectionCorrected' && typeof details.outcome === 'string' && details.outcome === details.previousOutcome;
  // A reopening of some parts only (a parent not closed: PartsReopened.unitIds, breaker11f P11) names them, not 各单位 (breaker11g P2).
  const someParts = eventType === 'PartsReopened' && Array.isArray(details.unitIds) && details.unitIds.length > 0;
  // A withdrawal moved to its real day (breaker8f P1) is written as its undoing with the reason 撤销日期更正为 D：…: said as the correction it is.
  const reason = UNDONE.has(eventType) && typeof details.reason === 'string' ? details.reason : null;
  const movedTo = reason !== null && MOVED_TO.test(reason);
  // Taken back by the supervisor (撤销有误), not by a pass dated before it, whose text begins 撤销不成立： (breaker11h P5),
  // nor for a moment while an earlier withdrawal stands again (the server's words: MOMENTARY).
  const takenBack = reason !== null && !movedTo && !reason.startsWith(`${LATE_PASS_UNDONE}：`) && !MOMENTARY.test(reason) && details.byVerification !== true;
  // A return given the new due date its paper gives, its day and outcome kept (breaker50-8 M1, S4): no date was corrected.
  const dueDateOnly = (eventType === 'FactDateCorrected' ? details.previousOn === details.on : dayOnly && details.previousInspectedOn === details.inspectedOn) && typeof details.newDueDate === 'string';
  if ((redated || dayOnly) && dueDateOnly) return `补填${redated ?? '督查'}的重新整改时限`;
  if (redated) return `更正${redated}日期`;
  if (dayOnly) return '更正督查日期';
  if (someParts) return '重新打开';
  if (eventType === 'PartsRescheduled' && Array.isArray(details.unitIds) && details.unitIds.length > 0) return '调整单位时限';
  if (movedTo) return '更正撤销日期';
  if (takenBack) return `${eventType.startsWith('Finding') ? '恢复问题' : '恢复事项'}（撤销有误）`;
  return EVENT_LABEL[eventType] ?? EVENT_FALLBACK;
}

/** The undoings of a withdrawal: by a pass dated before it, by mistake, or moved to its real day. */
const UNDONE = new Set(['FindingWithdrawalUndone', 'WorkPlanItemWithdrawalUndone']);
/** How the server begins the text of an undoing by a pass dated before the withdrawal (part-facts.ts `withdrawalUndoneReason`). */
const LATE_PASS_UNDONE = '撤销不成立';
const WITHDRAWALS = new Set(['FindingWithdrawn', 'WorkPlanItemWithdrawn']);
const MOVED_TO = /^撤销日期更正为 (\d{4}-\d{2}-\d{2})：/u;
/** How the server words a withdrawal taken back for a moment while an earlier one stands again (work-plan-item / finding decider `withdrawalsBack`). */
const MOMENTARY = /^\d{4}-\d{2}-\d{2} 的撤销依日期重新成立/u;

/** The before/after pairs an event may carry, with the words for their values when they are codes. */
const CHANGES: [string, string, Record<string, string>?][] = [
  ['previousDueDate', 'dueDate'],
  ['previousReportedOn', 'reportedOn'],
  ['previousInspectedOn', 'inspectedOn'],
  ['previousOn', 'on'],
  ['previousIdentifiedOn', 'identifiedOn'],
  ['previousOutcome', 'outcome', OUTCOME_LABEL],
  ['previousRole', 'role', ROLE_LABEL],
];

/** A timeline entry as `timelineRows` reads it: the event with its data parsed and the instant it was entered (ISO, UTC). */
export interface TimelineFact {
  readonly revision: number;
  readonly eventType: string;
  /** The office day the server dates it on (`YYYY-MM-DD`): for an undoing of a withdrawal, the withdrawal's day. */
  readonly occurredOn: string;
  readonly recordedAt: string;
  readonly unitId: string | null;
  readonly details: Record<string, unknown>;
  /**
   * A close-out's standing as the server judged it (`HistoryEntry.closeOutUndone`): null, it stands — on the day, by the
   * person and at the instant of the pass that closed the parent, its data naming the day first recorded when a correction
   * moved it (`closedOnAsEntered`); a string, why it does not (「…改记于 D」, 「…重记，同 D 销号」: the same closing, listed once on D). Absent
   * (a line the server did not judge): the page reads the close-outs from the order recorded, as before.
   */
  readonly closeOutUndone?: string | null;
  /** A record retracted as entered by mistake (`HistoryEntry.retracted`, 撤销误录): why, when and by whom; null or absent otherwise. */
  readonly retracted?: { readonly reason: string; readonly retractedOn: string; readonly retractedAt: string; readonly retractedBy: string; readonly retractedByName?: string } | null;
  /** Who entered the line, as the page names the account (a retraction's row names who retracted). */
  readonly actorName?: string | null;
}

/** One row of the timeline: a fact on the office day it reads now, with what it says now and its note ('' when none). */
export interface TimelineRow<Fact extends TimelineFact = TimelineFact> {
  readonly fact: Fact;
  /** 办理日期 now (`YYYY-MM-DD`): a corrected record's corrected day; an undoing or correction of the record, the day it was made. */
  readonly day: string;
  /** The fact's data as it reads now (a corrected inspection: its corrected outcome). */
  readonly details: Record<string, unknown>;
  /** Beside the line, plain words: 原录 D (the day, or outcome, first entered), 撤销不成立, 撤销有误，已于 D 撤回, set aside by a withdrawal… */
  readonly note: string;  /** Entered on an office day after the one it reads now (补录); never for what was done the day it was entered. */
  readonly late: boolean;
}

/** 'YYYY-MM-DD HH:MM' of an instant on the China office clock (UTC+8). */
const officeTimeOf = (instant: string): string => new Date(Date.parse(instant) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

/** The China office day (`YYYY-MM-DD`, UTC+8) of an instant: the day an entry was made. */
export const officeDayOf = (instant: string): string => new Date(Date.parse(instant) + 8 * 3600_000).toISOString().slice(0, 10);

const CLOSE_OUTS = new Set(['FindingClosedOut', 'WorkPlanItemCompleted']);
/** The server's words on a close-out of a closing listed on another entry (`CLOSE_OUT_MOVED` in src/assignments/read-model/timeline.ts). */
const CLOSE_OUT_MOVED = '改记于';
/** The server's words on a close-out a correction wrote again for a closing listed on another entry of its day (`CLOSE_OUT_AGAIN`). */
const CLOSE_OUT_AGAIN = '重记，同';
/** The parent's own word for a close-out (newcomer46 M5): a finding is 销号, a work-plan item 完成 — as the server's `closeOutUndone` says. */
const closeOutWord = (closeOut: TimelineFact): string => (closeOut.eventType === 'WorkPlanItemCompleted' ? '完成' : '销号');
const REOPENINGS = new Set(['FindingReopened', 'WorkPlanItemReopened']);
/** The events the server writes beside a change that brings a withdrawal back (not the change itself). */
const CONSEQUENCES = new Set([...WITHDRAWALS, ...UNDONE, 'WorkPlanItemReinstated', 'PartHandOverUndone']);

/** What a withdrawal row went through, as the timeline reads it in the order recorded. */
interface WithdrawalRow {
  readonly revision: number;
  /** Its day now (moved by 更正撤销日期). */
  day: string;
  readonly firstDay: string;
  /** Its reason now: a withdrawal moved onto a plan version's day takes that version's (breaker11p P3). */
  reason: unknown;
  readonly firstReason: unknown;
  standing: boolean;
  /** Why it does not stand, or stands again: the note's words after 原录. */
  story: string;
  /** Undone by a verification or for a moment: a withdrawal the server may write again (one fact, one row). */
  mayComeBack: boolean;
  /** Moved by 更正撤销日期: the withdrawal written on its new day is this one. */
  movingTo: string | null;
  /** Taken back for a moment while an earlier one stands again: written again at once, it reads as it stood. */
  momentary: boolean;
}

/**
 * The timeline as rows an office reads (newcomer24 S2 S5 S6, newcomer23 S4, breaker11p P2): one row per fact, on the
 * office day it reads now, in that order (then by entry instant). A record a correction moved sits on its corrected day
 * with 原录 D (and 原录 结果 when an inspection's outcome changed, the line saying the outcome now); the correction is a
 * row of its own on the day it was made. A withdrawal moved by 更正撤销日期 is one row on its new day (the server writes
 * its undoing and the withdrawal again); its undoing — moved, taken back (撤销有误), or not standing because work
 * dated before it was verified (撤销不成立) — is a row on the day it was made, and the withdrawal says once, in plain
 * words, that it was taken back or does not stand. A withdrawal the server writes again because a correction made it
 * stand again (breaker11o P7/P8), and a plan version's 恢复列入方案 written again with it, are the same facts: their
 * rows say 依日期重新成立 with the day and the change that did it; a withdrawal taken back for a moment meanwhile is no
 * row. A close-out is one row per closing, as the server lists it: on its closing pass's day, by its inspector, with 原录 D when a correction moved it; a close-out that does not stand says why (a line the server did not judge: a close-out recorded again on a corrected day is one row on that day). A unit's record dated while a withdrawal
 * stands (ended by a 恢复列入方案 or not) is marked as counted nowhere. Corrections find their record as the server
 * does: a report or record of the unit with that day (the last before the correction, as earlier corrections left it),
 * an inspection by its id, an undoing the withdrawal of its day. `facts`: one parent's history lines, any order.
 */
export function timelineRows<Fact extends TimelineFact>(facts: readonly Fact[]): TimelineRow<Fact>[] {
  const inOrder = [...facts].sort((a, b) => a.revision - b.revision);
  const dayNow = new Map<number, string>(inOrder.map((entry) => [entry.revision, entry.occurredOn]));
  const shown = new Map<number, Record<string, unknown>>();
  const notes = new Map<number, string>();
  const hidden = new Set<number>();
  const withdrawals: WithdrawalRow[] = [];
  const reinstated: Fact[] = [];
  const setAsideForGood: SetAsideRecord[] = [];
  const firstEntered = new Map<number, { day: string; outcome?: string }>();
  /** Reopenings the server wrote beside a correction (no row), and the close-outs they undid with their note. */
  const correctionReopenings = new Set<number>();
  const closeOutsUndone = new Map<number, string>();
  /** Close-outs the server judged (breaker49-8 S3 S6, newcomer49-8 S1 S2): their day, person and words are the server's. */
  const judged = new Set<number>();
  /** The record `target` reads on `day` now; an inspection with `outcome` (and, failed, the new due date the correction gave its part). */
  const move = (target: Fact | undefined, day: string, outcome?: string, newDueDate?: unknown) => {
    if (!target) return;
    if (!firstEntered.has(target.revision)) firstEntered.set(target.revision, { day: dayNow.get(target.revision)!, outcome: typeof target.details.outcome === 'string' ? target.details.outcome : undefined });
    dayNow.set(target.revision, day);
    if (outcome === undefined) return;
    const { newDueDate: before, ...details } = shown.get(target.revision) ?? target.details;
    const due = outcome === 'PASSED' ? undefined : typeof newDueDate === 'string' && newDueDate !== '' ? newDueDate : before;
    // The outcome its notes were written with stays beside it (newcomer51-8 M1: 督查情况（原录）).
    const asEntered = typeof target.details.outcome === 'string' ? { outcomeAsEntered: target.details.outcome } : {};
    shown.set(target.revision, { ...details, outcome, ...asEntered, ...(due === undefined ? {} : { newDueDate: due }) });
  };
  /** The change a consequence was written beside: the last entry before it, entered at the same instant, that is not one. */
  const causeOf = (index: number): string => {
    const entry = inOrder[index]!;
    const cause = inOrder.slice(0, index).findLast((c) => c.recordedAt === entry.recordedAt && !CONSEQUENCES.has(c.eventType));
    return `${officeDayOf(entry.recordedAt)} ${cause ? `${lineLabel(cause.eventType, cause.details)}后` : ''}`;
  };
  inOrder.forEach((entry, index) => {
    const earlier = inOrder.slice(0, index);
    const d = entry.details;
    const lastOf = (matches: (candidate: Fact) => boolean) => earlier.findLast(matches);
    // The other parts' reopening the server wrote with a part-only one found closed, its cause no longer standing (h56a): said on its row.
    if (entry.eventType === 'PartsReopened' && entry.closeOutUndone) closeOutsUndone.set(entry.revision, entry.closeOutUndone);
    if (CLOSE_OUTS.has(entry.eventType) && entry.closeOutUndone !== undefined) {
      // One row per closing, on its pass's day, by its inspector, as the server lists it: a copy the server says moved is no row.
      judged.add(entry.revision);
      const asEntered = d.closedOnAsEntered ?? d.completedOnAsEntered;
      if (entry.closeOutUndone === null && typeof asEntered === 'string') notes.set(entry.revision, `原录 ${asEntered}`);
      else if (entry.closeOutUndone?.includes(CLOSE_OUT_MOVED) || entry.closeOutUndone?.includes(CLOSE_OUT_AGAIN)) hidden.add(entry.revision);
      else if (entry.closeOutUndone) closeOutsUndone.set(entry.revision, entry.closeOutUndone);
      return;
    }
    if (entry.eventType === 'ReportDateCorrected') {
      move(lastOf((c) => c.eventType === 'RectificationReported' && c.unitId === entry.unitId && dayNow.get(c.revision) === d.previousReportedOn), String(d.reportedOn));
    } else if (entry.eventType === 'FactDateCorrected') {
      // The new due date a return's row reads after this correction: the one it gives, or (`ownDueDateOnly`: moved back where
      // none is needed, breaker49-8 S4) the one the return gave itself as entered — none, or its own.
      const dueDateOfReturn = (target: Fact) => {
        if (typeof d.newDueDate === 'string') shown.set(target.revision, { ...(shown.get(target.revision) ?? target.details), newDueDate: d.newDueDate });
        else if (d.ownDueDateOnly === true) shown.set(target.revision, { ...(shown.get(target.revision) ?? target.details), newDueDate: target.details.newDueDate });
      };
      const types = d.factType === 'ExtensionGranted' || d.factType === 'ExtensionRefused' ? ['ExtensionGranted', 'ExtensionRefused'] : [d.factType];
      // Named by its place among that day's records of its kind, in the order entered (breaker8s P8); else the last.
      const nth = typeof d.ofTheDay === 'number' ? earlier.filter((c) => c.eventType === d.factType && c.unitId === entry.unitId && dayNow.get(c.revision) === d.previousOn)[d.ofTheDay - 1] : undefined;
      if (d.factType === 'PartsReopened') {
        // A reopening is the parent's (breaker46-8 S1): its row and the parent's own reopening written just before it move together.
        const reopening = lastOf((c) => c.eventType === 'PartsReopened' && dayNow.get(c.revision) === d.previousOn);
        const parent = reopening && earlier[earlier.indexOf(reopening) - 1];
        if (parent && parent.eventType.endsWith('Reopened') && dayNow.get(parent.revision) === d.previousOn) move(parent, String(d.on));
        move(reopening, String(d.on));
        // Moved past the parts' due date, the correction gave the new one (h8b): the reopening's row reads it.
        if (reopening) dueDateOfReturn(reopening);
        return;
      }
      const target = typeof d.ofTheDay === 'number' ? nth : lastOf((c) => types.includes(c.eventType) && c.unitId === entry.unitId && dayNow.get(c.revision) === d.previousOn);
      move(target, String(d.on));
      // A send-back or failed inspection moved past the due date in force gave the new one with its correction (breaker48-8 S2,
      // breaker49-8 S5, M1): its row reads it.
      if (target && (d.factType === 'ReportSentBack' || d.factType === 'InspectionLogged')) dueDateOfReturn(target);
    } else if (entry.eventType === 'FindingIdentifiedOnCorrected') {
      // The 登记问题 row reads on the corrected 发现日期, with 原录, as a corrected 交办 does (newcomer36 S13: it stayed on the
      // day typed, below the 交办 and report it preceded).
      move(lastOf((c) => c.eventType === 'FindingRecorded'), String(d.identifiedOn));
    } else if (entry.eventType === 'InspectionCorrected') {
      move(lastOf((c) => c.eventType === 'InspectionLogged' && c.details.inspectionId === d.inspectionId), String(d.inspectedOn), typeof d.outcome === 'string' ? d.outcome : undefined, d.newDueDate);
    } else if (WITHDRAWALS.has(entry.eventType)) {
      const day = String(d.withdrawnOn);
      // The same withdrawal written again: on its corrected day (更正撤销日期), or standing again after a change (breaker11o P7/P8).
      const same = withdrawals.find((w) => w.movingTo === day) ?? withdrawals.findLast((w) => !w.standing && w.mayComeBack && w.day === day && w.reason === d.reason);
      if (same) {
        hidden.add(entry.revision);
        // Moved onto a day whose withdrawal gives another reason (a version leaving the item out): the row reads it, the first one said.
        if (same.movingTo === day && d.reason !== same.reason) {
          same.reason = d.reason;
          shown.set(same.revision, { ...inOrder.find((c) => c.revision === same.revision)!.details, reason: d.reason });
        }
        if (same.momentary) same.story = '';
        else if (same.movingTo === null) same.story = `${same.story}；${causeOf(index)}依日期重新成立`;
        same.movingTo = null;
        same.momentary = false;
        same.standing = true;
        return;
      }
      withdrawals.push({ revision: entry.revision, day, firstDay: day, reason: d.reason, firstReason: d.reason, standing: true, story: '', mayComeBack: false, movingTo: null, momentary: false });
    } else if (UNDONE.has(entry.eventType)) {
      // The unit records the undoing sets aside for good (breaker11o P2's WithdrawalUndone.recordsSetAside): marked (breaker11q P6).
      if (Array.isArray(d.recordsSetAside)) setAsideForGood.push(...(d.recordsSetAside as SetAsideRecord[]));
      const withdrawal = withdrawals.findLast((w) => w.standing && w.day === d.withdrawnOn);
      const reason = typeof d.reason === 'string' ? d.reason : '';
      const moved = MOVED_TO.exec(reason);
      // Its row is the day it was made: the undoing has no office day of its own (the server dates it on the withdrawal's).
      dayNow.set(entry.revision, officeDayOf(entry.recordedAt));
      if (!withdrawal) return;
      if (moved) {
        withdrawal.day = moved[1]!;
        withdrawal.movingTo = moved[1]!;
      } else if (MOMENTARY.test(reason)) {
        // Taken back for a moment while an earlier withdrawal stands again: no row; written again at once, or absorbed by the earlier one.
        hidden.add(entry.revision);
        withdrawal.standing = false;
        withdrawal.mayComeBack = true;
        withdrawal.momentary = true;
        withdrawal.story = `${causeOf(index).trimEnd()}，${reason}`;
      } else {
        withdrawal.standing = false;
        withdrawal.mayComeBack = reason.startsWith(`${LATE_PASS_UNDONE}：`) || d.byVerification === true;
        withdrawal.story = withdrawal.mayComeBack ? `${officeDayOf(entry.recordedAt)} 撤销不成立` : `撤销有误，已于 ${officeDayOf(entry.recordedAt)} 撤回`;
      }
    } else if (entry.eventType === 'WorkPlanItemReinstated') {
      // A version's 恢复列入方案 written again beside a withdrawal standing again is the same fact.
      if (reinstated.some((r) => r.details.reinstatedOn === d.reinstatedOn && r.details.reason === d.reason)) hidden.add(entry.revision);
      else reinstated.push(entry);
    } else if (REOPENINGS.has(entry.eventType) && earlier.some((c) => c.eventType === 'InspectionCorrected' && c.recordedAt === entry.recordedAt && c.details.outcome !== c.details.previousOutcome)) {
      // Written by the server beside a 更正督查结果 that turned the verifying pass into a fail (breaker11s P2) — not beside a pass's day
      // moved before a part-only reopening, whose 重新打开 of the whole finding stands (breaker53-8 S1): nobody
      // reopened anything — the close-out never stood. No row of its own (it would read as a supervisor's 重新打开 dated
      // before the close-out); the close-out says it does not stand, the correction's own row says why.
      hidden.add(entry.revision);
      correctionReopenings.add(entry.revision);
      const closeOut = lastOf((c) => CLOSE_OUTS.has(c.eventType) && !hidden.has(c.revision));
      if (closeOut && !judged.has(closeOut.revision)) closeOutsUndone.set(closeOut.revision, `${officeDayOf(entry.recordedAt)} 更正督查结果后${closeOutWord(closeOut)}不成立`);
    } else if (REOPENINGS.has(entry.eventType)) {
      // A reopening the server says does not stand as one of the whole (h56a: dated on a day the parent was open, 「… 尚未销号…」;
      // or written with a part-only reopening whose cause no longer stands, 「…后重新打开不成立」): said on its row.
      if (entry.closeOutUndone) closeOutsUndone.set(entry.revision, entry.closeOutUndone);
      // A reopening typed after a close-out but dated before it (the paper of 06-21 entered after the close-out of 06-25):
      // by date the finding was open then, so the close-out no longer stands — said on it (breaker8r P1: 「销号 2016-06-25」
      // was the history's last word of a finding open since 06-21).
      const closeOut = lastOf((c) => CLOSE_OUTS.has(c.eventType) && !hidden.has(c.revision));
      if (closeOut && !judged.has(closeOut.revision) && dayNow.get(closeOut.revision)! > entry.occurredOn) closeOutsUndone.set(closeOut.revision, `因 ${entry.occurredOn} 重新打开，此${closeOutWord(closeOut)}不成立`);
    } else if (CLOSE_OUTS.has(entry.eventType)) {
      // A close-out recorded again with no reopening between (one a correction wrote counts): the earlier one, on this day.
      const previous = lastOf((c) => (!hidden.has(c.revision) || correctionReopenings.has(c.revision)) && (CLOSE_OUTS.has(c.eventType) || REOPENINGS.has(c.eventType)));
      if (previous && CLOSE_OUTS.has(previous.eventType)) {
        hidden.add(entry.revision);
        move(previous, entry.occurredOn);
      }
    }
  });
  for (const w of withdrawals) {
    dayNow.set(w.revision, w.day);
    const first = [w.day !== w.firstDay ? ` ${w.firstDay}` : '', w.reason !== w.firstReason ? `${w.day !== w.firstDay ? '，' : ''}理由“${String(w.firstReason)}”` : ''].join('');
    notes.set(w.revision, [first ? `原录${first}` : '', w.story].filter(Boolean).join('；'));
  }
  for (const [revision, first] of firstEntered) {
    const fact = inOrder.find((entry) => entry.revision === revision)!;
    const outcome = (shown.get(revision) ?? fact.details).outcome;
    const day = first.day !== dayNow.get(revision) ? ` ${first.day}` : '';
    const result = first.outcome !== undefined && first.outcome !== outcome ? `${day ? '，' : ''}“${OUTCOME_LABEL[first.outcome] ?? first.outcome}”` : '';
    if (day || result) notes.set(revision, `原录${day}${result}`);
  }
  // A record moved by a correction made after the day viewed (the server lists it on its corrected day): 原录 the day first
  // entered, as when the correction is listed (newcomer49-8 M2).
  for (const entry of inOrder) {
    const asEntered = entry.details.dayAsEntered;
    if (typeof asEntered === 'string' && asEntered !== dayNow.get(entry.revision) && !notes.has(entry.revision)) notes.set(entry.revision, `原录 ${asEntered}`);
  }
  for (const [revision, undone] of closeOutsUndone) notes.set(revision, [notes.get(revision), undone].filter(Boolean).join('；'));
  // 撤销误录 (newcomer51-8 S1): the record stays where it was entered, marked, counted nowhere — with why, who and when.
  for (const entry of inOrder) {
    if (!entry.retracted) continue;
    // Named by the API wherever the record is listed (a day before the retraction lists no retraction line: newcomer52-8 M11).
    const by = entry.retracted.retractedByName ?? inOrder.find((candidate) => candidate.eventType === 'RecordRetracted' && candidate.recordedAt === entry.retracted!.retractedAt)?.actorName ?? '督办人员';
    // A reason that already says so (「录入错误：选错单位」) is not prefixed again (newcomer54-8 M3: 「录入错误：录入错误：…」).
    const reason = entry.retracted.reason.replace(/^\s*录入错误\s*[：:，,、]?\s*/u, '');
    const words = `已撤销（录入错误${reason ? `：${reason}` : ''}，${by}，${officeTimeOf(entry.retracted.retractedAt)}）`;
    notes.set(entry.revision, [notes.get(entry.revision), words].filter(Boolean).join('；'));
  }
  const spans = withdrawnSpans(withdrawals.filter((w) => w.standing), reinstated.filter((r) => !hidden.has(r.revision)));
  const inSpan = (day: string) => spans.some((span) => day >= span.from && (span.until === null || day < span.until));
  // A request the unit took back (撤回延期申请) says so on its own row, with the withdrawal's day now (newcomer26 S1) — unless
  // the withdrawal is dated while the parent was withdrawn: counted nowhere, the request stands as it was (breaker11r P2).
  for (const entry of inOrder) {
    if (entry.eventType !== 'ExtensionRequestWithdrawn' || hidden.has(entry.revision)) continue;
    const request = inOrder.find((candidate) => candidate.eventType === 'ExtensionRequested' && candidate.details.requestId === entry.details.requestId);
    if (!request) continue;
    const day = dayNow.get(entry.revision)!;
    // Decided by the office the same day (entered later from paper): the decision stands (breaker8v P3).
    const decidedThatDay = inOrder.some((candidate) => (candidate.eventType === 'ExtensionGranted' || candidate.eventType === 'ExtensionRefused') && candidate.details.requestId === entry.details.requestId && !hidden.has(candidate.revision) && dayNow.get(candidate.revision) === day);
    const taken = decidedThatDay ? `${day} 的撤回与同日审批并存，以审批为准` : inSpan(day) && !inSpan(dayNow.get(request.revision)!) ? `${day} 的撤回不计入统计` : inSpan(day) ? '' : `已于 ${day} 撤回`;
    if (!taken) continue;
    notes.set(request.revision, [notes.get(request.revision), taken].filter(Boolean).join('；'));
  }
  // A record a late pass set aside for good (the withdrawal it was made after did not stand): kept, counted nowhere (breaker11q P6).
  for (const record of setAsideForGood) {
    const entry = inOrder.find((candidate) => candidate.eventType === record.type && candidate.unitId === record.unitId && dayNow.get(candidate.revision) === record.on && !hidden.has(candidate.revision));
    if (!entry) continue;
    const note = notes.get(entry.revision);
    notes.set(entry.revision, note ? `${note}；${SET_ASIDE_FOR_GOOD}` : SET_ASIDE_FOR_GOOD);
  }
  // A version's 恢复列入方案 after a withdrawal that no longer stands (a late pass, 撤销有误) and none standing before it: nothing came back (breaker11q P6).
  const standingDays = withdrawals.filter((w) => w.standing).map((w) => w.day);
  for (const entry of reinstated) {
    if (hidden.has(entry.revision)) continue;
    const on = String(entry.details.reinstatedOn);
    const outBefore = standingDays.some((day) => day < on);
    const undoneBefore = withdrawals.some((w) => !w.standing && w.day < on);
    if (!outBefore && undoneBefore) notes.set(entry.revision, [notes.get(entry.revision), NEVER_OUT].filter(Boolean).join('；'));
  }
  // A unit's record dated while a withdrawal stands, entered before the office knew of it (breaker11h P8): kept, counted nowhere.
  for (const span of spans) {
    for (const entry of inOrder) {
      const day = dayNow.get(entry.revision)!;
      if (!UNIT_RECORDS.has(entry.eventType) || day < span.from || (span.until !== null && day >= span.until)) continue;
      const aside = span.until === null ? `撤销（${span.from}）后的记录，不计入统计` : `撤销期间（${span.from} 至 ${span.until} 恢复列入方案）的记录，不计入统计`;
      const note = notes.get(entry.revision);
      notes.set(entry.revision, note ? `${note}；${aside}` : aside);
    }
  }
  return inOrder
    .filter((entry) => !hidden.has(entry.revision))
    .map((entry) => {
      const day = dayNow.get(entry.revision)!;
      return { fact: entry, day, details: shown.get(entry.revision) ?? entry.details, note: notes.get(entry.revision) ?? '', late: officeDayOf(entry.recordedAt) > day };
    })
    .sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.fact.recordedAt < b.fact.recordedAt ? -1 : a.fact.recordedAt > b.fact.recordedAt ? 1 : a.fact.revision - b.fact.revision));
}

/** The days out of the plan (or off the 台账): from each standing withdrawal to the first 恢复列入方案 after it (`until` null: none). */
function withdrawnSpans(standing: readonly WithdrawalRow[], reinstated: readonly TimelineFact[]): { from: string; until: string | null }[] {
  const days = reinstated.map((r) => String(r.details.reinstatedOn)).sort();
  return [...standing]
    .sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0))
    .map((w) => ({ from: w.day, until: days.find((day) => day > w.day) ?? null }));
}

/** A record the server set aside for good when a withdrawal was undone (`WorkPlanItemWithdrawalUndone.recordsSetAside`): unit, event type, office day. */
interface SetAsideRecord {
  readonly unitId: string;
  readonly type: string;
  readonly on: string;
}
/** How the item page words such a record (breaker11o P2's server text), so the timeline and the card agree. */
const SET_ASIDE_FOR_GOOD = '该事项的撤销因更早的核验而不成立，此记录随之不再成立，不计入统计';
/** A 恢复列入方案 after a withdrawal that did not stand. */
const NEVER_OUT = '此前的撤销不成立，事项未曾移出方案，此项恢复无实际变化';

/** A unit's own records on its part: the kinds a withdrawal may precede (breaker11h P8). */
const UNIT_RECORDS = new Set(['RectificationReported', 'InspectionLogged', 'ExtensionRequested', 'ExtensionGranted', 'ExtensionRefused', 'ExtensionRequestWithdrawn', 'ReportSentBack', 'UnitUrged']);

/** What a unit user's timeline holds (newcomer13 R10: it showed only the unit's own 交办, with no word saying so). */
export const UNIT_TIMELINE_SCOPE = '时间线只列出问题（事项）本身和本单位任务的记录（含移交前后承担本单位任务的单位）；其他单位的交办、报告、督查、催办和延期申请记录不向本单位显示，其进度见上方“各单位任务”。';
