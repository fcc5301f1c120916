import { EVENT_FALLBACK, EVENT_LABEL, OUTCOME_LABEL, REDATED_WORD, ROLE_LABEL } from './labels.js';

/**
 * One timeline line in the words an office reads (breaker11b G6): the event's name in Chinese
 * (EVENT_FALLBACK for a type the app does not know, never its code), the unit it concerns (a
 * hand-over names both), what changed (原 → 新: a due date, a report or inspection day, an outcome,
 * a role) and the text that came with it (summary, reason, message, notes, title). Pure: the Jest
 * suite reads it too (test/timeline-words.spec.ts). `nameOf` turns a unit id into its name ('' when unknown).
 */
export function timelineLine(eventType: string, unitId: string | null, details: Record<string, unknown>, nameOf: (unitId: string | null | undefined) => string): string {
  const redated = eventType === 'FactDateCorrected' && typeof details.factType === 'string' ? REDATED_WORD[details.factType] : undefined;
  // An inspection corrected in its day only is not a corrected 结果 (outcome).
  const dayOnly = eventType === 'InspectionCorrected' && typeof details.outcome === 'string' && details.outcome === details.previousOutcome;
  // A reopening of some parts only (a parent not closed: PartsReopened.unitIds, breaker11f P11) names them, not 各单位 (breaker11g P2).
  const reopenedUnits = eventType === 'PartsReopened' && Array.isArray(details.unitIds) ? details.unitIds.map((id) => nameOf(String(id)) || '（未知单位）') : [];
  // A withdrawal moved to its real day (breaker8f P1) is written as its undoing with the reason 撤销日期更正为 D：…: said as the correction it is.
  const movedTo = UNDONE.has(eventType) && typeof details.reason === 'string' ? MOVED_TO.exec(details.reason) : null;
  // Taken back by the supervisor (撤销有误), not by a pass dated before it, whose text begins 撤销不成立： (breaker11h P5).
  const takenBack = UNDONE.has(eventType) && !movedTo && typeof details.reason === 'string' && !details.reason.startsWith(`${LATE_PASS_UNDONE}：`);
  const label = redated
    ? `更正${redated}日期`
    : dayOnly
      ? '更正督查日期'
      : reopenedUnits.length > 0
        ? '重新打开'
        : movedTo
          ? '更正撤销日期'
          : takenBack
            ? `${eventType.startsWith('Finding') ? '恢复问题' : '恢复事项'}（撤销有误）`
            : (EVENT_LABEL[eventType] ?? EVENT_FALLBACK);
  const parts = [label];
  if (reopenedUnits.length > 0) parts.push(`（${reopenedUnits.join('、')}）`);
  if (movedTo) parts.push(`（${typeof details.withdrawnOn === 'string' ? `${details.withdrawnOn} → ` : ''}${movedTo[1]}）`);
  const concerned = nameOf(unitId);
  const successor = typeof details.successorUnitId === 'string' ? nameOf(details.successorUnitId) : '';
  if (concerned && successor) parts.push(`（${concerned} → ${successor}）`);
  else if (concerned) parts.push(`（${concerned}）`);
  const changes = CHANGES.flatMap(([before, after, words]) => {
    const [from, to] = [details[before], details[after]];
    if (typeof from !== 'string' || typeof to !== 'string' || from === to) return [];
    return [`${words?.[from] ?? from} → ${words?.[to] ?? to}`];
  });
  if (changes.length) parts.push(`（${changes.join('；')}）`);
  const text = movedTo ? String(details.reason).slice(movedTo[0].length) : (details.summary ?? details.reason ?? details.message ?? details.notes ?? details.title);
  // A text that itself begins with the line's words (撤销不成立：… written by the server) is not said twice (breaker11g P7).
  if (typeof text === 'string' && text.trim() !== '') parts.push(`：${text.startsWith(`${label}：`) ? text.slice(label.length + 1) : text}`);
  if (typeof details.outcome === 'string' && details.previousOutcome === undefined) parts.push(` — ${OUTCOME_LABEL[details.outcome] ?? details.outcome}`);
  // A part sent back, failed on site or reopened with a new due date says it (newcomer23 S1: the card's 「（原 …）」 was unexplained).
  if (typeof details.newDueDate === 'string' && details.newDueDate !== '') parts.push(`（重新整改时限 ${details.newDueDate}）`);
  return parts.join('');
}

/** The undoings of a withdrawal: by a pass dated before it, by mistake, or moved to its real day. */
const UNDONE = new Set(['FindingWithdrawalUndone', 'WorkPlanItemWithdrawalUndone']);
/** How the server begins the text of an undoing by a pass dated before the withdrawal (part-facts.ts `withdrawalUndoneReason`). */
const LATE_PASS_UNDONE = '撤销不成立';
const WITHDRAWALS = new Set(['FindingWithdrawn', 'WorkPlanItemWithdrawn']);
const MOVED_TO = /^撤销日期更正为 (\d{4}-\d{2}-\d{2})：/u;

/** The before/after pairs an event may carry, with the words for their values when they are codes. */
const CHANGES: [string, string, Record<string, string>?][] = [
  ['previousDueDate', 'dueDate'],
  ['previousReportedOn', 'reportedOn'],
  ['previousInspectedOn', 'inspectedOn'],
  ['previousOn', 'on'],
  ['previousOutcome', 'outcome', OUTCOME_LABEL],
  ['previousRole', 'role', ROLE_LABEL],
];

/** A timeline entry as `correctionNotes` reads it: the event with its data parsed. */
export interface TimelineFact {
  readonly revision: number;
  readonly eventType: string;
  readonly occurredOn: string;
  readonly unitId: string | null;
  readonly details: Record<string, unknown>;
}

const CLOSE_OUTS = new Set(['FindingClosedOut', 'WorkPlanItemCompleted']);
const REOPENINGS = new Set(['FindingReopened', 'WorkPlanItemReopened']);

/**
 * What the timeline says beside an entry a later correction changed (breaker8c P6), by revision:
 * 已更正为 2016-06-12 (and the outcome, when it changed) beside the report, inspection or other
 * record as first entered, and beside a close-out (销号) recorded again on its corrected day, so
 * the page does not read as a finding closed twice; beside a unit's record dated on or after the
 * withdrawal that stands, 撤销（D）后的记录，不计入统计. Corrections find their record as the server
 * does: a report or record of the unit with that day (the last one before the correction, as
 * earlier corrections left it), an inspection by its id.
 */
export function correctionNotes(entries: readonly TimelineFact[]): Map<number, string> {
  const notes = new Map<number, string>();
  const inOrder = [...entries].sort((a, b) => a.revision - b.revision);
  const dayNow = new Map<number, string>(inOrder.map((entry) => [entry.revision, entry.occurredOn]));
  const mark = (target: TimelineFact | undefined, day: string, outcome?: string) => {
    if (!target) return;
    dayNow.set(target.revision, day);
    notes.set(target.revision, `已更正为 ${day}${outcome ? `（${OUTCOME_LABEL[outcome] ?? outcome}）` : ''}`);
  };
  inOrder.forEach((entry, index) => {
    const earlier = inOrder.slice(0, index);
    const d = entry.details;
    const lastOf = (matches: (candidate: TimelineFact) => boolean) => earlier.findLast(matches);
    if (entry.eventType === 'ReportDateCorrected') {
      mark(lastOf((c) => c.eventType === 'RectificationReported' && c.unitId === entry.unitId && dayNow.get(c.revision) === d.previousReportedOn), String(d.reportedOn));
    } else if (entry.eventType === 'FactDateCorrected') {
      const types = d.factType === 'ExtensionGranted' || d.factType === 'ExtensionRefused' ? ['ExtensionGranted', 'ExtensionRefused'] : [d.factType];
      mark(lastOf((c) => types.includes(c.eventType) && c.unitId === entry.unitId && dayNow.get(c.revision) === d.previousOn), String(d.on));
    } else if (entry.eventType === 'InspectionCorrected') {
      const changed = d.outcome !== d.previousOutcome ? String(d.outcome) : undefined;
      mark(lastOf((c) => c.eventType === 'InspectionLogged' && c.details.inspectionId === d.inspectionId), String(d.inspectedOn), changed);
    } else if (UNDONE.has(entry.eventType)) {
      // The withdrawal an undoing cancels (the one of its day) is marked: moved (更正撤销日期), taken back, or not standing (breaker11h P5, 8g P14).
      const withdrawal = lastOf((c) => WITHDRAWALS.has(c.eventType) && c.details.withdrawnOn === d.withdrawnOn);
      const reason = typeof d.reason === 'string' ? d.reason : '';
      const moved = MOVED_TO.exec(reason);
      if (withdrawal) notes.set(withdrawal.revision, moved ? `已更正为 ${moved[1]}` : reason.startsWith(`${LATE_PASS_UNDONE}：`) ? '撤销不成立' : '已撤回（撤销有误）');
    } else if (CLOSE_OUTS.has(entry.eventType)) {
      // A close-out recorded again with no reopening between: the earlier one was corrected to this day.
      const previous = lastOf((c) => CLOSE_OUTS.has(c.eventType) || REOPENINGS.has(c.eventType));
      if (previous && CLOSE_OUTS.has(previous.eventType)) notes.set(previous.revision, `已更正为 ${entry.occurredOn}`);
    }
  });
  // A unit's record dated on or after the withdrawal that stands, entered before the office knew of it (breaker11h P8): kept, counted nowhere.
  const withdrawals = inOrder.filter((entry) => WITHDRAWALS.has(entry.eventType));
  const standing = withdrawals.at(-1);
  const undone = standing && inOrder.some((entry) => entry.revision > standing.revision && UNDONE.has(entry.eventType) && entry.details.withdrawnOn === standing.details.withdrawnOn);
  const withdrawnOn = standing && !undone && typeof standing.details.withdrawnOn === 'string' ? standing.details.withdrawnOn : null;
  if (withdrawnOn) {
    for (const entry of inOrder) {
      if (!UNIT_RECORDS.has(entry.eventType) || (dayNow.get(entry.revision) ?? entry.occurredOn) < withdrawnOn) continue;
      const after = `撤销（${withdrawnOn}）后的记录，不计入统计`;
      const note = notes.get(entry.revision);
      notes.set(entry.revision, note ? `${note}；${after}` : after);
    }
  }
  return notes;
}

/** A unit's own records on its part: the kinds a withdrawal may precede (breaker11h P8). */
const UNIT_RECORDS = new Set(['RectificationReported', 'InspectionLogged', 'ExtensionRequested', 'ExtensionGranted', 'ExtensionRefused', 'ExtensionRequestWithdrawn', 'ReportSentBack', 'UnitUrged']);

/** What a unit user's timeline holds (newcomer13 R10: it showed only the unit's own 交办, with no word saying so). */
export const UNIT_TIMELINE_SCOPE = '时间线只列出问题（事项）本身和本单位任务的记录（含移交前后承担本单位任务的单位）；其他单位的交办、报告、督查、催办和延期申请记录不向本单位显示，其进度见上方“各单位任务”。';
