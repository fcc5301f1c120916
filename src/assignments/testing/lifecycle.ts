import { clerkOf, inspector, supervisor } from '../../shared/testing/actors.js';
import type { DecideExtension, LogInspection, ReportRectification, RequestExtension, SendBackReport, UrgeUnit } from '../domain/assignment.commands.js';
import type { AssignmentEvent, AssignmentRole, Evidence } from '../domain/assignment.events.js';

/** What a parent's spec tells about its story; the lifecycle's events and commands follow from it. */
export interface LifecycleStory {
  /** Every part's due date, unless assigned with another. */
  readonly dueDate: string;
  /** The office day commands are decided on. */
  readonly today: string;
  /** The office day units are assigned on (on or before `reportedOn`). */
  readonly assignedOn: string;
  readonly inspectedOn: string;
  /** The day units report on (on or before `inspectedOn`). */
  readonly reportedOn: string;
  /** What a unit reports, with this evidence. */
  readonly summary: (unitId: string) => string;
  readonly evidence: readonly Evidence[];
  /** The inspector's notes when a check fails. */
  readonly failureNotes: string;
  /** The new due date a failed check gives the part (the story's checks come after `dueDate`). */
  readonly returnedUntil: string;
  /** The one extension the story asks for (request id `extension-1`). */
  readonly extension: {
    readonly unitId: string;
    readonly today: string;
    readonly requestedOn: string;
    readonly requestedDueDate: string;
    readonly reason: string;
  };
}

/**
 * The events and commands of the one assignment lifecycle, told for a parent of parts (a finding,
 * a work-plan item): each parent's spec drives the same lifecycle, so it builds them the same way.
 */
export function lifecycleOf(story: LifecycleStory) {
  const notesFor = (outcome: 'PASSED' | 'FAILED') => (outcome === 'FAILED' ? story.failureNotes : '');
  const newDueDateFor = (outcome: 'PASSED' | 'FAILED') => (outcome === 'FAILED' ? { newDueDate: story.returnedUntil } : {});
  const evidence = [...story.evidence];
  return {
    assigned: (unitId: string, role: AssignmentRole = 'RESPONSIBLE', dueDate = story.dueDate): AssignmentEvent => ({
      type: 'UnitAssigned',
      data: { unitId, role, dueDate, assignedOn: story.assignedOn },
    }),
    /** Reported on `reportedOn`, or on `on` (a report answering a return comes after it). */
    reported: (unitId: string, on = story.reportedOn): AssignmentEvent => ({
      type: 'RectificationReported',
      data: { unitId, summary: story.summary(unitId), evidence, reportedOn: on },
    }),
    inspected: (unitId: string, outcome: 'PASSED' | 'FAILED', inspectionId: string): AssignmentEvent => ({
      type: 'InspectionLogged',
      data: {
        unitId,
        inspectionId,
        outcome,
        notes: notesFor(outcome),
        inspectedOn: story.inspectedOn,
        place: 'on site',
        ...newDueDateFor(outcome),
      },
    }),
    sentBack: (unitId: string): AssignmentEvent => ({
      type: 'ReportSentBack',
      data: { unitId, reason: 'The link leads to an empty page.', sentBackOn: story.reportedOn },
    }),

    report: (unitId: string, on = story.reportedOn): ReportRectification => ({
      type: 'ReportRectification',
      actor: clerkOf(unitId),
      today: story.today,
      reportedOn: on,
      unitId,
      summary: story.summary(unitId),
      evidence,
    }),
    inspect: (unitId: string, outcome: 'PASSED' | 'FAILED', inspectionId: string): LogInspection => ({
      type: 'LogInspection',
      actor: inspector,
      today: story.today,
      unitId,
      inspectionId,
      outcome,
      notes: notesFor(outcome),
      inspectedOn: story.inspectedOn,
      place: 'on site',
      ...newDueDateFor(outcome),
    }),
    requestExtension: (overrides: Partial<RequestExtension> = {}): RequestExtension => ({
      type: 'RequestExtension',
      actor: clerkOf(story.extension.unitId),
      requestId: 'extension-1',
      ...story.extension,
      ...overrides,
    }),
    decideExtension: (overrides: Partial<DecideExtension> = {}): DecideExtension => ({
      type: 'DecideExtension',
      actor: supervisor,
      today: story.today,
      decidedOn: story.extension.requestedOn,
      unitId: story.extension.unitId,
      requestId: 'extension-1',
      approve: true,
      ...overrides,
    }),
    urge: (unitId: string): UrgeUnit => ({
      type: 'UrgeUnit',
      actor: supervisor,
      today: story.today,
      urgedOn: story.assignedOn,
      unitId,
      message: 'Report by Friday.',
    }),
    /** Sent back on the day of the report, before the due date: the part keeps its due date. */
    sendBack: (unitId: string): SendBackReport => ({
      type: 'SendBackReport',
      actor: supervisor,
      today: story.reportedOn,
      sentBackOn: story.reportedOn,
      unitId,
      reason: 'The link leads to an empty page.',
    }),
  };
}
