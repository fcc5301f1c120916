import { session } from './session';
import { gql } from './api';
import type { FieldSpec } from './components/ActionForm.vue';
import { officeToday } from './state';
import { continueRows, type RowsPage } from './page-rows';
import { overrideReasonField, type DueDateLimitView } from './due-date-limit';
export { assignmentChoices, chosenUnits } from './assignment-choices';
export { inspectionCorrectionWords } from '../../src/assignments/read-model/inspection-correction-words.js';

/** A finding (整改问题) or a work-plan item (工作事项): both have unit parts with one lifecycle. */
export type ParentKind = 'finding' | 'item';
export type PartAction =
  | 'urge'
  | 'sendBack'
  | 'decideExtension'
  | 'report'
  | 'requestExtension'
  | 'withdrawExtension'
  | 'inspect'
  | 'reopen'
  | 'assign'
  | 'correctInspection'
  | 'correctReport'
  | 'correctRecord'
  | 'retractRecord';

/** The mutation (and its input type) that carries out each action on each kind of parent. */
const MUTATIONS: Record<ParentKind, Partial<Record<PartAction, [string, string]>>> = {
  finding: {
    urge: ['urgeUnit', 'UrgeUnitInput'],
    sendBack: ['sendBackReport', 'SendBackReportInput'],
    decideExtension: ['decideExtension', 'DecideExtensionInput'],
    report: ['reportRectification', 'ReportRectificationInput'],
    requestExtension: ['requestExtension', 'RequestExtensionInput'],
    withdrawExtension: ['withdrawExtensionRequest', 'WithdrawExtensionRequestInput'],
    inspect: ['logInspection', 'LogInspectionInput'],
    reopen: ['reopenFinding', 'ReopenFindingInput'],
    assign: ['assignFinding', 'AssignFindingInput'],
    correctInspection: ['correctInspection', 'CorrectInspectionInput'],
    correctReport: ['correctReportDate', 'CorrectReportDateInput'],
    correctRecord: ['correctRecordDate', 'CorrectRecordDateInput'],
    retractRecord: ['retractRecord', 'RetractRecordInput'],
  },
  item: {
    urge: ['urgeWorkPlanItemUnit', 'UrgeWorkPlanItemUnitInput'],
    sendBack: ['sendBackWorkPlanItemReport', 'SendBackWorkPlanItemReportInput'],
    decideExtension: ['decideWorkPlanItemExtension', 'DecideWorkPlanItemExtensionInput'],
    report: ['reportWorkPlanItem', 'ReportWorkPlanItemInput'],
    requestExtension: ['requestWorkPlanItemExtension', 'RequestWorkPlanItemExtensionInput'],
    withdrawExtension: ['withdrawWorkPlanItemExtensionRequest', 'WithdrawWorkPlanItemExtensionRequestInput'],
    inspect: ['logWorkPlanItemInspection', 'LogWorkPlanItemInspectionInput'],
    reopen: ['reopenWorkPlanItem', 'ReopenWorkPlanItemInput'],
    correctInspection: ['correctWorkPlanItemInspection', 'CorrectWorkPlanItemInspectionInput'],
    correctReport: ['correctWorkPlanItemReportDate', 'CorrectWorkPlanItemReportDateInput'],
    correctRecord: ['correctWorkPlanItemRecordDate', 'CorrectWorkPlanItemRecordDateInput'],
    retractRecord: ['retractWorkPlanItemRecord', 'RetractWorkPlanItemRecordInput'],
  },
};

/**
 * The input field that carries the office day a fact happened (business time; omitted = today, China
 * time; never in the future). Offices enter things late: the form asks for the day it happened.
 */
export const BUSINESS_DAY_FIELD: Record<PartAction, string> = {
  report: 'reportedOn',
  requestExtension: 'requestedOn',
  withdrawExtension: 'withdrawnOn',
  decideExtension: 'decidedOn',
  urge: 'urgedOn',
  sendBack: 'sentBackOn',
  inspect: 'inspectedOn',
  reopen: 'reopenedOn',
  assign: 'assignedOn',
  correctInspection: 'inspectedOn',
  correctReport: 'reportedOn',
  correctRecord: 'on',
  retractRecord: 'on',
};

/**
 * A date field for the day something happened (办理日期, 实际日期, 撤销日期 …): the server refuses a day after today's China office
 * day, so the picker greys those out and a typed one is refused in the form (breaker49-8 M3). Every such field is made here.
 */
export const happenedOn = (name: string, label: string, more: Partial<FieldSpec> = {}): FieldSpec => ({ name, label, type: 'date', ...more, notFuture: true });

/** The business-day field of a form: the day it happened, today unless changed. */
export const businessDay = (action: PartAction, label = '办理日期（发生的那一天）'): FieldSpec => happenedOn(BUSINESS_DAY_FIELD[action], label, { initial: officeToday });

export const canDo = (kind: ParentKind, action: PartAction): boolean => Boolean(MUTATIONS[kind][action]);

/**
 * Carries out `action` on the parent (finding or item) with `input` (the form's values, named as the
 * API's input fields); throws ApiError, whose field messages are keyed by those same names.
 */
export async function perform(kind: ParentKind, action: PartAction, parentId: string, input: Record<string, unknown>, idempotencyKey: string): Promise<void> {
  const [name, inputType] = MUTATIONS[kind][action]!;
  const parentField = kind === 'finding' ? 'findingId' : 'itemId';
  await gql(`mutation($input: ${inputType}!) { ${name}(input: $input) { id } }`, { input: { ...input, [parentField]: parentId, idempotencyKey } });
}

/**
 * 撤销此记录, asked before confirming (breaker52-8 M1, newcomer52-8 M3): what the server would answer a retraction of `record` of
 * `unitId`'s part reading `on` (the `ofTheDay`-th that day) now — null when it would be accepted, else its refusal in Chinese
 * (a later record to retract first, or the record changed meanwhile). Appends nothing (retractionCheck /
 * workPlanItemRetractionCheck); throws ApiError when the server cannot be asked.
 */
export async function retractionRefusal(kind: ParentKind, parentId: string, choice: { unitId: string; record: string; on: string; ofTheDay?: number }): Promise<string | null> {
  const [name, inputType, parentField] = kind === 'finding' ? ['retractionCheck', 'RetractionCheckInput', 'findingId'] : ['workPlanItemRetractionCheck', 'WorkPlanItemRetractionCheckInput', 'itemId'];
  const answer = await gql<Record<string, { messageZh: string } | null>>(`query($input: ${inputType}!) { ${name}(input: $input) { messageZh } }`, { input: { ...choice, [parentField]: parentId } });
  return answer[name]?.messageZh ?? null;
}

/** What anyone who reads a parent may read of each of its parts, on findings and items alike. */
const PART_SUMMARY = `unitId unit { name } role roleChanges { role changedOn } status dueDate originalDueDate dueDateApproval { reason limit approvedOn } daysLeft reportedDaysLate trafficLight verifiedOn verifiedAt assignedAt assignedOn`;
/**
 * What a unit user may read of its own part only (the API refuses it other units' with FORBIDDEN):
 * reports, inspections, returns, and what was said to the unit — 催办 and extension requests with
 * their reasons and decisions (breaker11i P4).
 */
const PART_DETAILS = `reports { summary reportedOn reportedAt reportedBy enteredBy enteredByName reportedOnAsEntered evidence { title link documentRef } }
  inspections { inspectionId outcome inspectedOn place notes loggedAt inspectorId corrections { reason correctedOn correctedAt correctedByName previousOutcome outcome previousInspectedOn inspectedOn } }
  returns { cause reason returnedOn returnedAt returnedOnAsEntered goesWithReopeningOf newDueDate dueDatesIfMoved { from dueDate } }
  urges { message urgedOn urgedAt urgedBy }
  extensionRequests { requestId requestedDueDate reason status requestedOn requestedAt enteredByName decidedOn decidedAt decisionReason grantedDueDate withdrawnOn withdrawnAt withdrawalReason decidable decidableUntil }
  recordsAfterWithdrawal recordsSetAside joinedRecords`;

/**
 * The parts of a finding (`assignments`) or an item (`parts`) as the signed-in role may read them:
 * everything for supervisors and inspectors; for a unit user every part's progress, and the
 * details of its own part only, asked for apart (`ownPart: …(unitId:)`) so that nothing it may
 * not read is ever requested. `withOwnDetails` puts the answer back together. `page`: arguments
 * of the list (an item's `offset: 40, limit: 40`).
 */
export function partsSelection(field: 'assignments' | 'parts', page = ''): string {
  const unitId = session.user?.role === 'UNIT' ? session.user.unitId : null;
  const list = page ? `${field}(${page})` : field;
  if (!unitId) return `${list} { ${PART_SUMMARY} ${PART_TERMS} ${PART_DETAILS} }`;
  return `${list} { ${PART_SUMMARY} ${PART_TERMS} } ownPart: ${field}(unitId: ${JSON.stringify(unitId)}) { unitId ${PART_DETAILS} }`;
}

/** The parts with the unit's own details merged in (see `partsSelection`); other units' details are null. */
export function withOwnDetails<Parent extends { ownPart?: Partial<Part>[] }>(parent: Parent, field: 'assignments' | 'parts'): Parent {
  if (!parent.ownPart) return parent;
  const parts = (parent as unknown as Record<string, Part[]>)[field]!;
  const details = (unitId: string) => parent.ownPart!.find((own) => own.unitId === unitId) ?? { reports: null, inspections: null, returns: null, urges: null, extensionRequests: null, recordsAfterWithdrawal: null, recordsSetAside: null, joinedRecords: null };
  return { ...parent, [field]: parts.map((part) => ({ ...part, ...details(part.unitId) })) };
}

/** How a part's due date reads: 立行立改, 常态化（每季度报送）… beside the date, and a standing part's next report. */
const PART_TERMS = 'deadline deadlineKind nextReportDue';

/** The deadline terms of a part (see PART_TERMS); `deadline` is null for a plain day. */
export interface PartTerms {
  deadline: string | null;
  deadlineKind: string;
  nextReportDue: string | null;
}


/** The circulars that cite a finding or an item, as CitingCirculars.vue lists them. */
export const CITING_CIRCULARS = 'circulars { id kind title reason issuedOn documentNumber withdrawal { withdrawnOn withdrawnAt reason } corrections { previousIssuedOn previousDocumentNumber } unit { name } }';

/** What the timeline shows of a history line (HistoryEntry). */
const HISTORY_LINE = 'revision eventType occurredOn recordedAt actorId actorName actorRole actorUnitId actorUnitName unitId unitName successorUnitName details closeOutUndone retracted { reason retractedOn retractedAt retractedBy retractedByName }';

/**
 * Timeline lines read per request: a 各单位 item or finding gathers thousands of lines (a 1,550-line
 * history was 830 KB, 2.4–2.8 s, every user held meanwhile: breaker12h P6), so the page reads them a
 * page at a time (`historyPage`), 更多 the next.
 */
export const HISTORY_PAGE = 50;

/** The selection of `first` timeline lines (after the line `after` names, else from the start), with the count and where the next page begins. */
export const historyPageSelection = (first: number, after: string | null = null): string =>
  `historyPage(first: ${first}${after === null ? '' : `, after: ${JSON.stringify(after)}`}) { totalCount pageInfo { hasNextPage endCursor } nodes { ${HISTORY_LINE} } }`;

/**
 * A timeline from the page its parent's query answered (`first`) and the pages after it (`fetchPage`),
 * until `wanted` lines are read: a reload after 更多 keeps every line that was shown.
 */
export async function timelineFrom(first: RowsPage<HistoryEntry>, wanted: number, fetchPage: (first: number, after: string | null) => Promise<RowsPage<HistoryEntry>>): Promise<TimelinePage> {
  const { fetched, page } = await continueRows(first, wanted, fetchPage);
  return { lines: fetched, totalCount: page.totalCount, hasMore: page.pageInfo.hasNextPage, endCursor: page.pageInfo.endCursor };
}

/** A finding's or an item's timeline as the page holds it: the lines read so far, how many there are, and where the next page begins. */
export interface TimelinePage {
  lines: HistoryEntry[];
  totalCount: number;
  hasMore: boolean;
  endCursor: string | null;
}

/** A supervisor's correction of an inspection (更正督查记录) as the API gives it; printed by `inspectionCorrectionWords`. */
export interface InspectionCorrection {
  reason: string;
  correctedOn: string;
  correctedAt: string;
  correctedByName: string;
  previousOutcome: 'PASSED' | 'FAILED';
  outcome: 'PASSED' | 'FAILED';
  previousInspectedOn: string;
  inspectedOn: string;
}

export interface Part extends PartTerms {
  unitId: string;
  unit: { name: string };
  role: string;
  /** 承担方式调整 since its 交办 (牵头 ↔ 责任), in the order made: what a retraction of its 交办 takes with it; absent from an older server. */
  roleChanges?: { role: string; changedOn: string }[];
  status: string;
  dueDate: string;
  originalDueDate: string;
  /** The supervisor's 特批 behind `dueDate` when it is past the parent's limit: why, the limit, the day approved; null within it. */
  dueDateApproval: { reason: string; limit: string; approvedOn: string } | null;
  daysLeft: number;
  /** Days the standing report came after its due date (0 on time); null while the unit has to act. */
  reportedDaysLate: number | null;
  trafficLight: string | null;
  /** The office day of the pass that verified it; null while not verified. */
  verifiedOn: string | null;
  verifiedAt: string | null;
  assignedAt: string;
  /** The office day the unit was assigned (交办日期). */
  assignedOn: string;
  reports: { summary: string; reportedOn: string; reportedAt: string; reportedBy: string; enteredBy?: string | null; enteredByName?: string | null; reportedOnAsEntered?: string | null; evidence: { title: string; link: string | null; documentRef: string | null }[] }[] | null;
  /** `notes`: what the inspector wrote, as written; `corrections`: the supervisor's corrections beside it (who, when, why). */
  inspections: { inspectionId: string; outcome: string; inspectedOn: string; place: string; notes: string; loggedAt: string; inspectorId: string; corrections: InspectionCorrection[] }[] | null;
  /** `newDueDate`: the due date the part was given as it came back (重新整改时限); null when it kept its own. */
  /**
   * `goesWithReopeningOf`: on a 重新打开 the server wrote with the office's reopening of the day that found the parent closed by
   * date, the unit whose part that reopening returned (where it is retracted or corrected; '' when not listed); null otherwise.
   */
  returns: { cause: string; reason: string; returnedOn: string; returnedAt: string; returnedOnAsEntered?: string | null; goesWithReopeningOf?: string | null; newDueDate: string | null; dueDatesIfMoved?: { from: string; dueDate: string }[] }[] | null;
  /** 催办 and extension requests: null on another unit's part for a unit user (its own only, like reports). */
  urges: { message: string; urgedOn: string; urgedAt: string; urgedBy: string }[] | null;
  extensionRequests: {
    requestId: string;
    requestedDueDate: string;
    reason: string;
    status: string;
    requestedOn: string;
    requestedAt: string;
    /** 代录: who entered the unit's paper request on its behalf; null when the unit asked itself. */
    enteredByName?: string | null;
    decidedOn: string | null;
    decidedAt: string | null;
    decisionReason: string | null;
    grantedDueDate: string | null;
    /** 撤回: the office day the unit withdrew it, when recorded, and why; null unless WITHDRAWN. */
    withdrawnOn: string | null;
    withdrawnAt: string | null;
    withdrawalReason: string | null;
    /**
     * Whether the server takes a 审批延期 of it now (newcomer53-8 S1): PENDING, or LAPSED with a decision dated no later than
     * `decidableUntil` (the day of the pass that lapsed it; null for a PENDING one).
     */
    decidable?: boolean;
    decidableUntil?: string | null;
  }[] | null;
  /**
   * A withdrawn finding's or work-plan item's part: its unit's records dated on or after the withdrawal, one line each
   * (「2026-11-10 报送整改报告」) — not part of the part as shown, counted nowhere (breaker11j P3);
   * null otherwise, and on another unit's part for a unit user. Absent where not asked.
   */
  recordsAfterWithdrawal?: string[] | null;
  /**
   * A work-plan item's part, the item listed again after a withdrawal: its unit's records dated while the item was out of
   * the plan, one line each with the span and why — counted nowhere (withdraw2 Left 6); null otherwise. Absent where not asked.
   */
  recordsSetAside?: string[] | null;
  /**
   * 机构改革: the records set aside when other units' parts joined this one — each unit's reports (one awaiting inspection
   * marked 并入时待督查), inspections, extension requests, and where its work went (newcomer51-10 S1); null when none joined.
   */
  joinedRecords?: string[] | null;
}

export interface HistoryEntry {
  revision: number;
  eventType: string;
  /** The office day it happened (business time). */
  occurredOn: string;
  recordedAt: string;
  actorId: string;
  /** Who did it, as people read it: 李娜（市发改委）, 演示数据, 系统. */
  actorName: string;
  actorRole: string;
  actorUnitId: string | null;
  /** The units named as they were on the entry's office day (机构改革: the old name before a rename). */
  actorUnitName?: string | null;
  unitId: string | null;
  unitName?: string | null;
  successorUnitName?: string | null;
  details: string;
  /** A close-out (销号 / 事项完成) that does not stand as listed: why, in the server's words (null: it stands, on its closing pass's day). */
  closeOutUndone?: string | null;
  /** A record retracted as entered by mistake (撤销误录): the retraction; null otherwise. */
  retracted?: { reason: string; retractedOn: string; retractedAt: string; retractedBy: string; retractedByName?: string } | null;
}

/** An instant shown as China time, e.g. 2026-11-29 14:05 (the office's clock, whatever the browser's). */
export const chinaTime = (instant: string | null | undefined): string => {
  if (!instant) return '';
  const shifted = new Date(new Date(instant).getTime() + 8 * 3600_000).toISOString();
  return `${shifted.slice(0, 10)} ${shifted.slice(11, 16)}`;
};

/**
 * The entry instant beside a fact's business day, only when it was entered on a later day (a late
 * entry: 录入时间 2026-06-20 09:12 for a report of 6月13日); '' when entered the day it happened, or
 * before the day it reads now (a record a correction moved later was not entered late).
 */
export const lateEntry = (day: string | null | undefined, recordedAt: string | null | undefined): string =>
  day && recordedAt && chinaTime(recordedAt).slice(0, 10) > day ? chinaTime(recordedAt) : '';

/**
 * Facts in the order they happened: by business day, then by entry instant (a fact entered late
 * about an earlier day comes before what followed it that day).
 */
export function byBusinessDay<Fact>(facts: readonly Fact[], day: (fact: Fact) => string, recordedAt: (fact: Fact) => string): Fact[] {
  return [...facts].sort((a, b) => (day(a) < day(b) ? -1 : day(a) > day(b) ? 1 : recordedAt(a) < recordedAt(b) ? -1 : recordedAt(a) > recordedAt(b) ? 1 : 0));
}

/**
 * The new due date of a part going back to its unit (a failed inspection, a send-back), `dueDate`
 * being the part's due date now and `dayField` the form's field for the day it goes back. The API
 * requires one when the due date has passed on that day (the unit would be overdue at once) and
 * otherwise keeps the due date when none is given: the label says which, and the form asks for it
 * beside the field before sending (breaker11b G2).
 */
export const returnedDueDate = (dueDate: string, dayField: string, shownWhen?: FieldSpec['shownWhen']): FieldSpec => ({
  name: 'newDueDate',
  label: `重新整改的时限（原时限 ${dueDate} 已过则必填；未过可不填，沿用原时限）`,
  type: 'date',
  notBefore: dayField,
  requiredWhen: (values) => typeof values[dayField] === 'string' && (values[dayField] as string) > dueDate,
  ...(shownWhen ? { shownWhen } : {}),
});

/**
 * The on-site check (现场督查) form, the same on the 待督查 page and on a finding's or item's page
 * (newcomer12 Q5): the outcome is chosen by the inspector — nothing is preselected, so one tap on the
 * button can never verify a part — and the place is asked for; a failure needs notes, and a new due
 * date when the part's has passed on the inspection day (breaker11b G2). `dueDate` is the part's due
 * date now (YYYY-MM-DD, China office day).
 */
/**
 * The on-site check's fields. `limit`: the parent's due-date limit (`dueDateLimit`; undefined/null: not known) for the reason a
 * supervisor gives for a new due date past it — shown only when a failure's new due date needs it (overrideReasonField) — or
 * false for a role that may not give one (an inspector: only a supervisor overrides — newcomer37 S12, the field was offered and refused).
 */
export function inspectionFields(dueDate: string, limit: DueDateLimitView | null | undefined | false = undefined): FieldSpec[] {
  const failed = (values: Record<string, unknown>) => values.outcome === 'FAILED';
  const fields: FieldSpec[] = [
    { name: 'outcome', label: '督查结果', type: 'radio', required: true, options: [{ value: 'PASSED', label: '通过' }, { value: 'FAILED', label: '不通过（退回整改）' }] },
    businessDay('inspect', '督查日期'),
    { name: 'place', label: '督查地点', type: 'text', required: true, placeholder: '如：市发改委政务公开专栏' },
    { name: 'notes', label: '督查情况（不通过时必填）', type: 'textarea', requiredWhen: failed },
    returnedDueDate(dueDate, 'inspectedOn', failed),
  ];
  return limit === false ? fields : [...fields, overrideReasonField(limit, (values) => (failed(values) ? values.newDueDate : null))];
}

/** How many of `parts` other than `part` are not verified yet (0: a pass of `part` closes its finding or completes its item). */
export const othersUnverified = (parts: readonly { unitId: string; status: string }[], part: { unitId: string }): number =>
  parts.filter((other) => other.unitId !== part.unitId && other.status !== 'VERIFIED').length;

/** The latest office day the parts of `parts` other than `part` were verified on (null: none verified): a pass's close-out day is the latest of all. */
export const othersVerifiedLast = (parts: readonly { unitId: string; verifiedOn: string | null }[], part: { unitId: string }): string | null =>
  parts.reduce<string | null>((last, other) => (other.unitId !== part.unitId && other.verifiedOn && (!last || other.verifiedOn > last) ? other.verifiedOn : last), null);

/** Moving a withdrawal entered on the wrong day to the day it was made (breaker8f P1), findings and items alike. */
export const CORRECT_WITHDRAWAL_FIELDS: FieldSpec[] = [
  happenedOn('withdrawnOn', '实际撤销日期', { required: true }),
  { name: 'reason', label: '更正理由', type: 'textarea', required: true },
];
/** Taking back a withdrawal entered by mistake (the wrong row, or not to be withdrawn). */
export const UNDO_WITHDRAWAL_FIELDS: FieldSpec[] = [{ name: 'reason', label: '更正理由（如：误撤销了另一条问题）', type: 'textarea', required: true }];

/**
 * Reopening a closed finding or completed item, or the verified parts of an open one: why, and optionally the parts' new due date;
 * the override reason only when that date is past `limit` (the parent's `dueDateLimit`).
 */
export const reopenFields = (limit: DueDateLimitView | null | undefined): FieldSpec[] => [
  { name: 'reason', label: '重新打开的理由', type: 'textarea', required: true },
  businessDay('reopen', '重新打开的日期'),
  { name: 'newDueDate', label: '重新整改的时限（任务的原时限在重新打开之日已过则必填；未过可不填，沿用原时限）', type: 'date', notBefore: 'reopenedOn' },
  overrideReasonField(limit, (values) => values.newDueDate),
];

/** The record kinds whose date correction may give a new due date, with the kind of return each is (`Part.returns[].cause`). */
const RETURNS_REDATED: Record<string, { cause: string; words: string }> = { REOPENING: { cause: 'REOPENED', words: '重新打开' }, SEND_BACK: { cause: 'SENT_BACK', words: '退办' }, INSPECTION: { cause: 'INSPECTION_FAILED', words: '督查未通过' } };

type PartReturn = NonNullable<Part['returns']>[number];
type RedatedPart = Pick<Part, 'unitId' | 'dueDate' | 'returns' | 'inspections'> & { unit?: { name: string } | null };

/** The due date the server judges a return moved to office day `day` by (`PartReturn.dueDatesIfMoved`: the last step from on or before it). */
const dueDateIfMovedTo = (returned: PartReturn, day: string): string | undefined => {
  const steps = returned.dueDatesIfMoved ?? [];
  return (steps.findLast((step) => step.from <= day) ?? steps[0])?.dueDate;
};

/**
 * The return a `record` choice of 更正记录日期 names (`REOPENING|day`, `SEND_BACK|day|n`, `INSPECTION|day|n`, as
 * `redatableRecords` offers them), with every part it returned: a reopening returns the parts that have it (one entry, so one
 * instant), any other return the card's part only. Undefined for another record, or an inspection that passed.
 */
function chosenReturn(part: RedatedPart, parts: readonly RedatedPart[], record: string): { returned: PartReturn; parts: { part: RedatedPart; returned: PartReturn }[] } | undefined {
  const [kind, day, nth] = record.split('|');
  const cause = RETURNS_REDATED[kind ?? '']?.cause;
  if (!cause || !day) return undefined;
  const ofDay = (candidates: readonly PartReturn[]) => candidates.filter((candidate) => candidate.cause === cause && candidate.returnedOn === day).sort((a, b) => (a.returnedAt < b.returnedAt ? -1 : a.returnedAt > b.returnedAt ? 1 : 0));
  let returned: PartReturn | undefined;
  if (kind === 'INSPECTION') {
    // The inspection chosen (the day's n-th, in the order entered, else the last); only a failure returned the part.
    const inspections = (part.inspections ?? []).filter((inspection) => inspection.inspectedOn === day).sort((a, b) => (a.loggedAt < b.loggedAt ? -1 : a.loggedAt > b.loggedAt ? 1 : 0));
    const inspection = nth ? inspections[Number(nth) - 1] : inspections.at(-1);
    returned = inspection?.outcome === 'FAILED' ? ofDay(part.returns ?? []).find((candidate) => candidate.returnedAt === inspection.loggedAt) : undefined;
  } else {
    const candidates = ofDay(part.returns ?? []);
    returned = nth ? candidates[Number(nth) - 1] : candidates.at(-1);
  }
  if (!returned) return undefined;
  if (kind !== 'REOPENING') return { returned, parts: [{ part, returned }] };
  const same = (candidate: PartReturn) => candidate.cause === 'REOPENED' && candidate.returnedAt === returned!.returnedAt && candidate.returnedOn === returned!.returnedOn;
  const others = parts.filter((other) => other.unitId !== part.unitId).flatMap((other) => (other.returns ?? []).filter(same).map((found) => ({ part: other, returned: found })));
  return { returned, parts: [{ part, returned }, ...others] };
}

/**
 * 更正记录日期's `expectedNewDueDate` (breaker53-9 S1): the new due date (重新整改时限) the card showed for the return a `record`
 * choice names — `''` when it showed none — judged on `part` as read when the form was opened; undefined for a record that is no
 * return (nothing sent). The server refuses the correction, naming who changed it, when the return gives another now.
 */
export function shownReturnDueDate(part: RedatedPart, record: string): string | undefined {
  const chosen = chosenReturn(part, [part], record);
  return chosen ? (chosen.returned.newDueDate ?? '') : undefined;
}

/**
 * 更正督查记录's `expectedNewDueDate` (breaker53-9 S1's kind): the 重新整改时限 the card showed for the failure of inspection
 * `inspectionId` — `''` when it showed none —, judged on `part` as read when the form was opened; undefined when that inspection
 * returned nothing there (a pass: nothing sent).
 */
export function shownFailureDueDate(part: RedatedPart, inspectionId: string): string | undefined {
  const inspection = (part.inspections ?? []).find((candidate) => candidate.inspectionId === inspectionId);
  if (inspection?.outcome !== 'FAILED') return undefined;
  const returned = (part.returns ?? []).find((candidate) => candidate.cause === 'INSPECTION_FAILED' && candidate.returnedAt === inspection.loggedAt);
  return returned ? (returned.newDueDate ?? '') : undefined;
}

/**
 * The new due date of 更正督查记录 (`inspection`: the card's last inspection as the form read it — day, outcome, entry instant):
 * as `returnedDueDate`, judged by the due date the server judges (breaker50-8 S2) — a failure moved to another day leaves the
 * part with the date it gave itself, else the one then in force (`dueDatesIfMoved`), not a date an earlier correction gave it
 * for a wrong day (the form called that date 原时限); kept on its own day, or a pass corrected to a failure, the part's now.
 */
export function correctedInspectionDueDate(part: RedatedPart, inspection: { inspectedOn: string; outcome: string; loggedAt: string } | undefined, shownWhen?: FieldSpec['shownWhen']): FieldSpec {
  const returned = inspection?.outcome === 'FAILED' ? (part.returns ?? []).find((candidate) => candidate.cause === 'INSPECTION_FAILED' && candidate.returnedAt === inspection.loggedAt) : undefined;
  const dueDateOn = (values: Record<string, unknown>): string => {
    const day = values.inspectedOn;
    const moved = returned && typeof day === 'string' && day !== '' && day !== inspection!.inspectedOn && values.outcome !== 'PASSED';
    return moved ? (dueDateIfMovedTo(returned, day) ?? part.dueDate) : part.dueDate;
  };
  return {
    ...returnedDueDate(part.dueDate, 'inspectedOn', shownWhen),
    labelFor: (values) => returnedDueDate(dueDateOn(values), 'inspectedOn').label,
    requiredWhen: (values) => typeof values.inspectedOn === 'string' && values.inspectedOn > dueDateOn(values),
  };
}

/**
 * The new due date (新的整改时限) a return's date correction gives — a reopening's (h8b), a send-back's (breaker48-8 S2), a
 * failed inspection's (breaker49-8 S5): shown, and required, exactly when the server asks for one (breaker49-8 S1: it judged by
 * the part's due date now, not the one in force on the corrected day) — the corrected day (`on`) is after the due date the
 * return leaves a part with there, as the server reports it for each return (`dueDatesIfMoved`: its own new due date, else the
 * one then in force). A reopening returned every part that has it (`parts`: the parent's): past any one's, it is asked for, and
 * the label names each unit whose due date it replaces (breaker49-8 M2: a reopening's date goes to every part it returned, as
 * one typed that day gives it). Not before the corrected day; hidden otherwise, and then not sent (the server refuses one where
 * none is needed).
 */
export function redatedReturnDueDate(part: RedatedPart, parts: readonly RedatedPart[] = [part]): FieldSpec {
  const judged = (values: Record<string, unknown>) => {
    const chosen = typeof values.on === 'string' && values.on ? chosenReturn(part, parts, String(values.record ?? '')) : undefined;
    if (!chosen) return undefined;
    const day = values.on as string;
    const dueDates = chosen.parts.map(({ part: returnedPart, returned }) => ({ part: returnedPart, dueDate: dueDateIfMovedTo(returned, day) ?? returnedPart.dueDate }));
    return dueDates.some(({ dueDate }) => day > dueDate) ? { kind: String(values.record).split('|')[0]!, dueDates } : undefined;
  };
  // The day kept: the date its paper gives, typed late, is what the correction gives (breaker50-8 M1, S4) — asked for, as it is all that changes.
  const dayKept = (values: Record<string, unknown>): string | undefined => {
    const [kind, day] = String(values.record ?? '').split('|');
    return typeof values.on === 'string' && values.on === day && chosenReturn(part, parts, String(values.record ?? '')) ? RETURNS_REDATED[kind ?? '']?.words : undefined;
  };
  const needed = (values: Record<string, unknown>): boolean => judged(values) !== undefined || dayKept(values) !== undefined;
  const label = (values: Record<string, unknown>): string => {
    const kept = dayKept(values);
    if (kept) return `新的整改时限（日期不变：补填该次${kept}纸质记录上的重新整改时限，此后即为其本身的时限）`;
    const found = judged(values);
    if (!found) return '新的整改时限';
    const words = RETURNS_REDATED[found.kind]!.words;
    if (found.dueDates.length === 1) return `新的整改时限（更正后的${words}日期晚于当时的时限 ${found.dueDates[0]!.dueDate}，须填写，不早于更正后的日期）`;
    // Every part the reopening returned takes it: each unit named with the due date it replaces (breaker49-8 M2).
    const replaced = found.dueDates.map(({ part: returnedPart, dueDate }) => `${returnedPart.unit?.name ?? returnedPart.unitId}原为 ${dueDate}`).join('，');
    return `新的整改时限（更正后的${words}日期晚于当时的时限，须填写，不早于更正后的日期；该次重新打开退回的各单位均改按此时限：${replaced}）`;
  };
  return {
    name: 'newDueDate',
    label: '新的整改时限',
    labelFor: label,
    type: 'date',
    notBefore: 'on',
    shownWhen: needed,
    requiredWhen: needed,
  };
}

export { redatableRecords } from './redatable-records';
