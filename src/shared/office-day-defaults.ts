/*
 * Request fields that, left out, are an office day: the day of the request itself (today, China
 * time), or first another field's value when that one was given (an import's `approvedOn` left
 * out is its `assignedOn`, else today). A request key's digest treats such a field sent with the
 * day it would take as left out (see `requestDigests` in ids.ts): `registeredOn` = today sent
 * explicitly is the same request as one without it, on the day it was first sent and on any later
 * day its retry comes.
 *
 * Keyed by command type, which is the mutation's name in PascalCase (`registerUnit` →
 * `RegisterUnit`); `office-day-defaults.spec.ts` checks every mutation input field described as
 * defaulting to today is listed here.
 */

/** One field's default: the office day, or `orField`'s value when that was given. */
export interface OfficeDayDefault {
  readonly orField?: string;
}

export type OfficeDayDefaults = Readonly<Record<string, OfficeDayDefault>>;

const today: OfficeDayDefault = {};
/** The business day of each step of the one assignment lifecycle, for findings and work-plan items alike. */
const partSteps = (finding: string, item: string | null, field: string): [string, OfficeDayDefaults][] => [
  [finding, { [field]: today }],
  ...(item ? ([[item, { [field]: today }]] as [string, OfficeDayDefaults][]) : []),
];

export const OFFICE_DAY_DEFAULTS: Readonly<Record<string, OfficeDayDefaults>> = Object.fromEntries([
  ['RegisterUnit', { registeredOn: today }],
  ['ImportUnits', { registeredOn: today, renamedOn: today, kindAndParentChangedOn: today }],
  ['RenameUnit', { renamedOn: today }],
  ['MergeUnit', { mergedOn: today }],
  ['HandOverUnitParts', { handedOverOn: today }],
  ['RecordFinding', { identifiedOn: today }],
  ['FormRectificationTeam', { formedOn: today }],
  ['ImportFindings', { identifiedOn: { orField: 'assignedOn' }, assignedOn: { orField: 'identifiedOn' } }],
  ['ImportWorkPlan', { approvedOn: { orField: 'assignedOn' }, assignedOn: { orField: 'approvedOn' } }],
  ['AddWorkPlanItem', { assignedOn: today }],
  ['AddWorkPlanItemUnit', { assignedOn: today }],
  ['RemoveWorkPlanItemUnit', { unassignedOn: today }],
  ['RescheduleWorkPlanItem', { rescheduledOn: today }],
  ['WithdrawWorkPlanItem', { withdrawnOn: today }],
  ['WithdrawFinding', { withdrawnOn: today }],
  ['WithdrawCircular', { withdrawnOn: today }],
  ...partSteps('AssignFinding', null, 'assignedOn'),
  ...partSteps('RequestExtension', 'RequestWorkPlanItemExtension', 'requestedOn'),
  ...partSteps('WithdrawExtensionRequest', 'WithdrawWorkPlanItemExtensionRequest', 'withdrawnOn'),
  ...partSteps('DecideExtension', 'DecideWorkPlanItemExtension', 'decidedOn'),
  ...partSteps('UrgeUnit', 'UrgeWorkPlanItemUnit', 'urgedOn'),
  ...partSteps('ReportRectification', 'ReportWorkPlanItem', 'reportedOn'),
  ...partSteps('SendBackReport', 'SendBackWorkPlanItemReport', 'sentBackOn'),
  ...partSteps('LogInspection', 'LogWorkPlanItemInspection', 'inspectedOn'),
  ...partSteps('ReopenFinding', 'ReopenWorkPlanItem', 'reopenedOn'),
]);
