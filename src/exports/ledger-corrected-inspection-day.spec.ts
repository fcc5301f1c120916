import { fold } from '../shared/decider.js';
import { inspector, supervisor, clerkOf } from '../shared/testing/actors.js';
import { EVERY_FACT } from '../shared/time-cut.js';
import type { AssignmentCommand } from '../assignments/domain/assignment.commands.js';
import { decideAssignment, evolveAssignments, factDayOfEvent, initialAssignmentsState, type AssignmentsState } from '../assignments/domain/assignment.decider.js';
import type { AssignmentEvent } from '../assignments/domain/assignment.events.js';
import { applyAssignmentEvent, type PartView } from '../assignments/read-model/part-view.js';
import { timelineAt, type TimelineEntry } from '../assignments/read-model/timeline.js';
import type { FindingView } from '../rectification/ledger/rectification-ledger.js';
import { ledgerTable } from './export-table.js';

/*
 * newcomer55-8 M2: F5's pass typed 2019-06-26 and corrected (更正记录日期) to 2019-06-28 read in the 台账 「通过（2019-06-28）」 and
 * 销号日期 2019-06-28 with no note, while a corrected report day reads 「…（原录 …）」 (the XLSX's note 「报告日期经更正，原录 …」).
 * Now the inspection keeps the day it was entered as — live and at a cut — and the 台账 says it on 督查结果 and 销号日期.
 */

const UNIT = 'unit-civil';
const TODAY = '2026-12-07';
const DIRECTORY = { nameOf: (unitId: string) => ({ [UNIT]: '青川市民政局' })[unitId] };
const context = { parentClosed: false };
const assigned: AssignmentEvent = { type: 'UnitAssigned', data: { unitId: UNIT, role: 'LEAD', dueDate: '2019-06-30', assignedOn: '2019-03-25' } };
const commands: AssignmentCommand[] = [
  { type: 'ReportRectification', actor: clerkOf(UNIT), today: TODAY, unitNames: DIRECTORY, unitId: UNIT, summary: '已更新救助政策栏目', evidence: [{ title: '栏目页面', link: null, documentRef: '民〔2019〕8号' }], reportedOn: '2019-06-10' },
  { type: 'LogInspection', actor: inspector, today: TODAY, unitNames: DIRECTORY, unitId: UNIT, inspectionId: 'inspection-1', outcome: 'PASSED', notes: '', inspectedOn: '2019-06-26', place: '市民政局' },
  { type: 'CorrectFactDate', actor: supervisor, today: TODAY, unitNames: DIRECTORY, unitId: UNIT, factType: 'InspectionLogged', previousOn: '2019-06-26', on: '2019-06-28', reason: '督查记录表落款日期为6月28日' },
];

const stateOf = (events: readonly AssignmentEvent[]): AssignmentsState => fold({ initialState: initialAssignmentsState, evolve: evolveAssignments }, events);
const events = commands.reduce<AssignmentEvent[]>((done, command) => [...done, ...decideAssignment(command, stateOf(done), context)], [assigned]);
const timeline = events.map((event, index) => ({
  ...event,
  id: `event-${index}`,
  revision: index + 1,
  occurredOn: factDayOfEvent(event),
  metadata: { recordedAt: `2026-12-07T10:${String(index).padStart(2, '0')}:00.000Z`, actorId: 'user', actorRole: 'SUPERVISOR', actorUnitId: null },
})) as TimelineEntry<AssignmentEvent>[];
const partAfter = (entries: readonly TimelineEntry<AssignmentEvent>[]): PartView => {
  const parts = new Map<string, PartView>();
  for (const entry of entries) applyAssignmentEvent(parts, entry);
  return parts.get(UNIT)!;
};

describe('a pass whose day was corrected (更正记录日期) in the 整改台账', () => {
  it.each([
    ['live (as entered)', () => partAfter(timeline)],
    ['at a cut (in business order)', () => partAfter(timelineAt(timeline, EVERY_FACT) as TimelineEntry<AssignmentEvent>[])],
  ])('%s: 督查结果 「通过（2019-06-28，原录 2019-06-26）」, 销号日期 「2019-06-28（原录 2019-06-26）」', async (_fold, part) => {
    const folded = part();
    expect(folded.inspections.map(({ inspectedOn, inspectedOnAsEntered }) => ({ inspectedOn, inspectedOnAsEntered }))).toEqual([{ inspectedOn: '2019-06-28', inspectedOnAsEntered: '2019-06-26' }]);
    const finding = { findingId: 'f5', evaluationId: 'e1', title: '社会救助政策公开栏目内容陈旧', category: '主动公开', measures: '', status: 'CLOSED', closedOn: '2019-06-28', parts: new Map([[UNIT, folded]]) } as unknown as FindingView;
    const { rows, columns } = await ledgerTable({ findings: [finding], evaluations: [], unitName: () => '青川市民政局', asOf: '2019-12-31', dueSoonDays: 7 }, async () => undefined);
    const cell = (header: string) => rows[0]!.cells[columns.findIndex((column) => column.header === header)];
    expect(cell('督查结果')).toBe('通过（2019-06-28，原录 2019-06-26）');
    expect(cell('销号日期')).toBe('2019-06-28（原录 2019-06-26）');
  });
});
