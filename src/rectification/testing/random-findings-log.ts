import fc from 'fast-check';
import type { RecordedEvent } from '../../event-sourcing/recorded-event.js';

/*
 * Random logs of findings with the whole assignment lifecycle — assignments, reports, send-backs,
 * inspections passed and failed, extensions, reschedules, hand-overs, unassignments, reopenings,
 * and corrections of report days, inspections and inspection days — recorded out of business order as offices do,
 * with unit registrations and renames between them. They need not be logs the deciders would
 * accept: read models must fold whatever the log holds, and the specs compare two read models of
 * the same log. Dates stay within a few weeks so lights, overdue and due-soon all occur.
 */

export const UNIT_IDS = ['fgw', 'czj', 'zjj', 'jyj', 'mzj'] as const;
const UNIT_NAMES: Record<string, string[]> = {
  fgw: ['市发展和改革委员会', '市发改委'],
  czj: ['市财政局', '青川市财政局'],
  zjj: ['市住房和城乡建设局'],
  jyj: ['市教育局', '市教育体育局'],
  mzj: ['市民政局'],
};
const DAYS = ['2026-05-01', '2026-05-05', '2026-05-09', '2026-05-10', '2026-05-12', '2026-05-15', '2026-05-20', '2026-06-01', '2026-06-30'];
const CATEGORIES = ['主动公开', '依申请公开', '平台建设'];

type Step =
  | { kind: 'evaluation'; evaluation: number }
  | { kind: 'finding'; evaluation: number; category: number; identifiedOn: number }
  | { kind: 'unit'; unit: number; rename: boolean }
  | { kind: 'part'; finding: number; unit: number; action: number; day: number; other: number; flag: boolean };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('evaluation' as const), evaluation: fc.nat(1) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('finding' as const), evaluation: fc.nat(1), category: fc.nat(2), identifiedOn: fc.nat(3) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('unit' as const), unit: fc.nat(4), rename: fc.boolean() }) },
  {
    weight: 14,
    arbitrary: fc.record({
      kind: fc.constant('part' as const),
      finding: fc.nat(3),
      unit: fc.oneof(fc.nat(2), fc.nat(4)),
      action: fc.oneof(fc.nat(14), fc.constantFrom(0, 2, 5)),
      day: fc.nat(DAYS.length - 1),
      other: fc.nat(4),
      flag: fc.boolean(),
    }),
  },
);

/** A random log: 0–`maxSteps` steps, each an event (steps about a finding not yet recorded append nothing). */
export const randomFindingsLog = (maxSteps = 60): fc.Arbitrary<RecordedEvent[]> => fc.array(step, { minLength: 4, maxLength: maxSteps, size: 'max' }).map(logOf);

function logOf(steps: readonly Step[]): RecordedEvent[] {
  const events: RecordedEvent[] = [];
  const revisions = new Map<string, number>();
  const findings: string[] = [];
  const inspections = new Map<string, { id: string; outcome: 'PASSED' | 'FAILED'; day: string }[]>();
  const renamed = new Set<string>();
  let clock = Date.parse('2026-05-01T00:00:00Z');
  const append = (streamId: string, type: string, data: Record<string, unknown>, occurredOn: string) => {
    const revision = revisions.get(streamId) ?? 0;
    revisions.set(streamId, revision + 1);
    clock += 3_600_000;
    events.push({
      id: `event-${events.length}`,
      streamId,
      revision,
      position: { commit: BigInt(events.length + 1), prepare: BigInt(events.length + 1) },
      type,
      schemaVersion: 1,
      data,
      metadata: { recordedAt: new Date(clock).toISOString(), actorId: 'zhang.wei' },
      occurredOn,
    } as unknown as RecordedEvent);
  };

  for (const s of steps) {
    if (s.kind === 'evaluation') {
      append(`evaluation-e${s.evaluation}`, 'EvaluationRegistered', { evaluationId: `e${s.evaluation}`, title: `评估${s.evaluation}`, receivedOn: DAYS[0] }, DAYS[0]!);
    } else if (s.kind === 'finding') {
      const findingId = `f${findings.length}`;
      findings.push(findingId);
      const identifiedOn = DAYS[s.identifiedOn]!;
      append(`finding-${findingId}`, 'FindingRecorded', {
        findingId,
        evaluationId: `e${s.evaluation}`,
        title: `问题${findingId}`,
        description: '',
        category: CATEGORIES[s.category],
        severity: 'HIGH',
        concernedUnitIds: [],
        identifiedOn,
      }, identifiedOn);
    } else if (s.kind === 'unit') {
      const unitId = UNIT_IDS[s.unit]!;
      const [name, newName] = UNIT_NAMES[unitId]!;
      if (s.rename && newName && !renamed.has(unitId)) {
        renamed.add(unitId);
        append(`unit-${unitId}`, 'UnitRenamed', { unitId, previousName: name, name: newName, reason: '机构改革' }, DAYS[0]!);
      } else {
        append(`unit-${unitId}`, 'UnitRegistered', { unitId, code: unitId.toUpperCase(), name, kind: 'DEPARTMENT', parentUnitId: null, registeredOn: DAYS[0] }, DAYS[0]!);
      }
    } else {
      const findingId = findings[s.finding % Math.max(findings.length, 1)];
      if (!findingId) continue;
      const stream = `finding-${findingId}`;
      const unitId = UNIT_IDS[s.unit]!;
      const day = DAYS[s.day]!;
      const later = DAYS[Math.min(DAYS.length - 1, s.day + 1 + s.other)]!;
      const key = `${findingId}/${unitId}`;
      const logged = inspections.get(key) ?? [];
      inspections.set(key, logged);
      switch (s.action) {
        case 0:
        case 1:
          append(stream, 'UnitAssigned', { unitId, role: s.flag ? 'LEAD' : 'RESPONSIBLE', dueDate: later, assignedOn: day }, day);
          break;
        case 2:
        case 3:
          append(stream, 'RectificationReported', { unitId, summary: '已整改', evidence: [], reportedOn: day }, day);
          break;
        case 4:
          append(stream, 'ReportSentBack', { unitId, reason: '证据不足', sentBackOn: day, ...(s.flag ? { newDueDate: later } : {}) }, day);
          break;
        case 5:
        case 6: {
          const outcome = s.flag || s.action === 6 ? 'PASSED' : 'FAILED';
          const inspectionId = `${key}/i${logged.length}`;
          logged.push({ id: inspectionId, outcome, day });
          append(stream, 'InspectionLogged', { unitId, inspectionId, outcome, notes: '', inspectedOn: day, place: '现场', ...(outcome === 'FAILED' && s.other > 1 ? { newDueDate: later } : {}) }, day);
          break;
        }
        case 7:
          append(stream, 'ExtensionRequested', { unitId, requestId: `${key}/x`, requestedDueDate: later, reason: '需要时间', requestedOn: day }, day);
          append(stream, s.flag ? 'ExtensionGranted' : 'ExtensionRefused', { unitId, requestId: `${key}/x`, newDueDate: later, reason: '同意', decidedOn: day }, day);
          break;
        case 8:
          append(stream, 'UnitUrged', { unitId, message: '请抓紧', urgedOn: day }, day);
          break;
        case 9:
          if (s.flag) append(stream, 'FindingReopened', { findingId, reason: '复查未通过', reopenedOn: day }, day);
          append(stream, 'PartsReopened', { reason: '复查未通过', reopenedOn: day, ...(s.other > 1 ? { newDueDate: later } : {}) }, day);
          break;
        case 10:
          // Some re-datings concern one unit's part only (a part kept at its granted extension: breaker10d P31).
          append(stream, 'PartsRescheduled', { previousDueDate: DAYS[s.other + 3], dueDate: later, rescheduledOn: day, ...(s.flag ? { unitIds: [unitId] } : {}) }, day);
          break;
        case 11:
          if (s.flag) append(stream, 'UnitUnassigned', { unitId, reason: '调整', unassignedOn: day }, day);
          else append(stream, 'PartHandedOver', { unitId, successorUnitId: UNIT_IDS[s.other]!, reason: '机构改革' }, day);
          break;
        case 12:
          append(stream, 'ReportDateCorrected', { unitId, previousReportedOn: day, reportedOn: DAYS[s.other]!, reason: '录入错误', correctedOn: day }, day);
          break;
        case 13: {
          const inspection = logged.at(-1);
          if (!inspection) break;
          const outcome = s.flag ? 'PASSED' : 'FAILED';
          append(stream, 'InspectionCorrected', {
            unitId,
            inspectionId: inspection.id,
            inspectedOn: DAYS[s.other]!,
            outcome,
            previousOutcome: inspection.outcome,
            reason: '更正',
            correctedOn: day,
          }, day);
          inspection.outcome = outcome;
          inspection.day = DAYS[s.other]!;
          break;
        }
        case 14: {
          // Any inspection's day corrected (FactDateCorrected), answered since or not (breaker8d P1).
          const inspection = logged[s.other % Math.max(logged.length, 1)];
          if (!inspection) break;
          const on = DAYS[(s.day + s.other) % DAYS.length]!;
          // A failure's correction may give a new due date, or take back one an earlier correction gave (breaker49-8 S5, S4).
          const dueDate = inspection.outcome !== 'FAILED' ? {} : s.flag ? { newDueDate: DAYS[Math.min(DAYS.length - 1, DAYS.indexOf(on) + 1)]! } : s.other % 2 === 1 ? { ownDueDateOnly: true as const } : {};
          append(stream, 'FactDateCorrected', { unitId, factType: 'InspectionLogged', previousOn: inspection.day, on, reason: '督查日期录错', correctedOn: day, ...dueDate }, day);
          inspection.day = on;
          break;
        }
      }
    }
  }
  return events;
}

/** Office days to look at the log from: before, inside and after its dates. */
export const viewDays = fc.constantFrom('2026-04-30', '2026-05-05', '2026-05-10', '2026-05-13', '2026-05-20', '2026-06-02', '2026-07-15');

/** The same lifecycle told of work-plan items: each finding of the log becomes an item. */
export const asWorkPlanItems = (log: readonly RecordedEvent[]): RecordedEvent[] =>
  log
    .filter((event) => event.streamId.startsWith('finding-') && event.type !== 'FindingReopened')
    .map((event) => {
      const itemId = `item-${event.streamId.slice('finding-'.length)}`;
      const streamId = `work-plan-item-${itemId}`;
      if (event.type !== 'FindingRecorded') return { ...event, id: `${event.id}-item`, streamId };
      const data = { itemId, planId: 'plan-2026', categoryCode: '一', code: '1', title: '事项', description: '', dueDate: '2026-12-31' };
      return { ...event, id: `${event.id}-item`, streamId, type: 'WorkPlanItemDefined', data };
    });
