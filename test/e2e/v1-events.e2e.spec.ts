import { EVENT_STORE, type EventStore, type EventToAppend } from '../../src/event-store/event-store.port.js';
import { ProjectionEngine } from '../../src/event-sourcing/projection-engine.js';
import { deterministicId } from '../../src/shared/ids.js';
import { unitStream } from '../../src/organization/domain/unit.events.js';
import { evaluationStream } from '../../src/rectification/domain/evaluation.events.js';
import { findingStream } from '../../src/rectification/domain/finding.events.js';
import { freshDatabasePath, startTestApp, type TestApp } from '../support/test-app.js';
import { PROCESS_TEST_CEILING_MS } from '../support/server-process.js';

/*
 * Issue 8: events are versioned and old events load forever — upcast, never rewritten. A log
 * written before business time (v1: no assignedOn, reportedOn, identifiedOn, registeredOn …, no
 * measures) is appended as that version wrote it, then read by this version: every fact takes the
 * office day (China time) of the instant it was recorded, views and history answer from it, a new
 * command decides on it, and a restart that rebuilds the read models from the log (no snapshot)
 * answers the same. Asserted through HTTP GraphQL on a real SQLite file.
 */


/** Recorded at 09:00 China time on the office day `day`: its v1 fact is upcast to that day. */
const at = (day: string) => new Date(`${day}T09:00:00+08:00`).toISOString();
/** 23:30 UTC is the next office day in China: the upcast day is China's, not UTC's. */
const lateEveningUtc = (utcDay: string) => `${utcDay}T23:30:00.000Z`;

/** Ids as an older Rectify made them (UUIDs), fixed so the spec reads its own streams. */
const UNIT_A = '0b1c2d3e-0000-4000-8000-00000000000a';
const UNIT_B = '0b1c2d3e-0000-4000-8000-00000000000b';
const EVALUATION = '0b1c2d3e-0000-4000-8000-0000000000e1';
const FINDING = '0b1c2d3e-0000-4000-8000-0000000000f1';

/** One v1 event as an older Rectify appended it: its type, data without the later fields, and when. */
interface OldEvent {
  readonly type: string;
  readonly data: Record<string, unknown>;
  readonly recordedAt: string;
  readonly schemaVersion?: number;
}

const unitRegistered = (unitId: string, code: string, name: string): OldEvent => ({
  type: 'UnitRegistered',
  data: { unitId, code, name, kind: 'DEPARTMENT', parentUnitId: null },
  recordedAt: at('2025-03-01'),
});

/** The streams of a campaign recorded as it happened in March 2025, by a version before business time. */
const OLD_STREAMS: Record<string, OldEvent[]> = {
  [unitStream(UNIT_A)]: [unitRegistered(UNIT_A, 'V1A', '青川市旧版财政局')],
  [unitStream(UNIT_B)]: [unitRegistered(UNIT_B, 'V1B', '青川市旧版教育局')],
  [evaluationStream(EVALUATION)]: [
    {
      type: 'EvaluationRegistered',
      data: { evaluationId: EVALUATION, title: '2024年度政务公开第三方评估', evaluator: '某研究院', commissionedBy: '省政府办公厅', periodStart: '2024-01-01', periodEnd: '2024-12-31', receivedOn: '2025-03-01' },
      recordedAt: at('2025-03-01'),
    },
  ],
  [findingStream(FINDING)]: [
    {
      type: 'FindingRecorded',
      data: { findingId: FINDING, evaluationId: EVALUATION, title: '预决算信息公开不完整', description: '部分单位未公开部门预算说明', category: '主动公开', severity: 'HIGH', concernedUnitIds: [UNIT_A, UNIT_B] },
      recordedAt: at('2025-03-02'),
    },
    { type: 'UnitAssigned', data: { unitId: UNIT_A, role: 'LEAD', dueDate: '2025-03-31' }, recordedAt: at('2025-03-03') },
    { type: 'UnitAssigned', data: { unitId: UNIT_B, role: 'RESPONSIBLE', dueDate: '2025-03-18' }, recordedAt: at('2025-03-03') },
    { type: 'UnitUrged', data: { unitId: UNIT_B, message: '请抓紧整改' }, recordedAt: at('2025-03-17') },
    // Recorded on the evening of 19 March UTC: 20 March in China.
    { type: 'RectificationReported', data: { unitId: UNIT_B, summary: '已公开部门预算说明', evidence: [{ title: '预算公开专栏', link: 'https://www.qingchuan.gov.cn/yjs', documentRef: null }] }, recordedAt: lateEveningUtc('2025-03-19') },
    { type: 'RectificationReported', data: { unitId: UNIT_A, summary: '已补充公开', evidence: [{ title: '财政局公告', link: null, documentRef: '青财〔2025〕3号' }] }, recordedAt: at('2025-03-21') },
    {
      type: 'InspectionLogged',
      data: { unitId: UNIT_B, inspectionId: 'inspection-v1-b', outcome: 'PASSED', notes: '已核实', inspectedOn: '2025-03-24', place: '教育局' },
      recordedAt: at('2025-03-24'),
    },
    {
      type: 'InspectionLogged',
      data: { unitId: UNIT_A, inspectionId: 'inspection-v1-a', outcome: 'PASSED', notes: '已核实', inspectedOn: '2025-03-25', place: '财政局' },
      recordedAt: at('2025-03-25'),
    },
    { type: 'FindingClosedOut', data: { findingId: FINDING, closedOn: '2025-03-25' }, recordedAt: at('2025-03-25') },
  ],
};

/** Appends the old streams through the store port, each event at the schema version an older Rectify wrote (1). */
async function appendOldLog(app: TestApp): Promise<void> {
  const store = app.app.get<EventStore>(EVENT_STORE);
  let last = null;
  for (const [streamId, events] of Object.entries(OLD_STREAMS)) {
    const toAppend: EventToAppend[] = events.map((event, index) => ({
      id: deterministicId('event', 'v1-log', streamId, String(index)),
      type: event.type,
      schemaVersion: event.schemaVersion ?? 1,
      data: event.data,
      metadata: { actorId: 'system', actorRole: 'SYSTEM', actorUnitId: null, commandId: `v1-${streamId}-${index}`, correlationId: 'v1-log', causationId: 'v1-log', recordedAt: event.recordedAt },
    }));
    last = (await store.appendToStream(streamId, toAppend, { expectedRevision: 'no_stream' })).position;
  }
  await app.app.get(ProjectionEngine).waitFor(last!);
}

const FINDING_QUERY = `query($id: ID!, $asOf: String) { finding(id: $id, asOf: $asOf) {
  identifiedOn measures status closedOn
  assignments { unitId status assignedOn dueDate trafficLight urges { urgedOn } reports { reportedOn } inspections { inspectedOn outcome } }
  history { eventType occurredOn } } }`;

/** What the old campaign reads as, now and on two past days, in the finding, the dashboard and the units. */
async function reading(app: TestApp) {
  const finding = async (asOf?: string) => (await app.graphql(FINDING_QUERY, { id: FINDING, ...(asOf ? { asOf } : {}) })).data!.finding;
  const units = (await app.graphql(`{ units { id registeredOn } }`)).data!.units.filter((unit: { id: string }) => unit.id === UNIT_A || unit.id === UNIT_B);
  const board = (asOf: string) => app.graphql(`query($asOf: String) { dashboard(asOf: $asOf) { parts { assigned reported verified overdue } } }`, { asOf });
  return {
    now: await finding(),
    onMarch19: await finding('2025-03-19'),
    onMarch22: await finding('2025-03-22'),
    units,
    boardOnMarch22: (await board('2025-03-22')).data!.dashboard.parts,
  };
}

describe('a log written before business time (v1 events) loads, projects and decides through upcasters', () => {
  let app: TestApp;
  const sqlitePath = freshDatabasePath();

  afterAll(async () => {
    await app?.close();
  });

  it(
    'dates each v1 fact on the China office day it was recorded, in every view and the history, decides on it, and answers the same after a rebuild',
    async () => {
      app = await startTestApp({ sqlitePath, now: '2026-04-01T09:00:00+08:00', settings: { READ_MODEL_SNAPSHOTS: 'false' } });
      await appendOldLog(app);
      const first = await reading(app);

      expect(first.units).toEqual(expect.arrayContaining([{ id: UNIT_A, registeredOn: '2025-03-01' }, { id: UNIT_B, registeredOn: '2025-03-01' }]));
      expect(first.now).toMatchObject({ identifiedOn: '2025-03-02', measures: '', status: 'CLOSED', closedOn: '2025-03-25' });
      const partOf = (finding: { assignments: { unitId: string }[] }, unitId: string) => finding.assignments.find((part) => part.unitId === unitId);
      expect(partOf(first.now, UNIT_B)).toMatchObject({ status: 'VERIFIED', assignedOn: '2025-03-03', urges: [{ urgedOn: '2025-03-17' }], reports: [{ reportedOn: '2025-03-20' }] });
      expect(partOf(first.now, UNIT_A)).toMatchObject({ status: 'VERIFIED', assignedOn: '2025-03-03', reports: [{ reportedOn: '2025-03-21' }], inspections: [{ inspectedOn: '2025-03-25', outcome: 'PASSED' }] });
      expect(first.now.history.map((entry: { eventType: string; occurredOn: string }) => `${entry.occurredOn} ${entry.eventType}`)).toEqual([
        '2025-03-02 FindingRecorded',
        '2025-03-03 UnitAssigned',
        '2025-03-03 UnitAssigned',
        '2025-03-17 UnitUrged',
        '2025-03-20 RectificationReported',
        '2025-03-21 RectificationReported',
        '2025-03-24 InspectionLogged',
        '2025-03-25 InspectionLogged',
        '2025-03-25 FindingClosedOut',
      ]);
      // On 19 March 教育局's part was overdue (due 18 March, reported on the 20th China time); on the 22nd both awaited inspection.
      expect(first.onMarch19).toMatchObject({ status: 'OPEN', closedOn: null });
      expect(partOf(first.onMarch19, UNIT_B)).toMatchObject({ status: 'ASSIGNED', trafficLight: 'RED', reports: [] });
      expect(partOf(first.onMarch22, UNIT_A)).toMatchObject({ status: 'REPORTED' });
      expect(partOf(first.onMarch22, UNIT_B)).toMatchObject({ status: 'REPORTED' });
      expect(first.boardOnMarch22).toMatchObject({ reported: 2, verified: 0, overdue: 0 });

      // The command path folds the v1 stream too: the closed finding is reopened, dated after its close-out.
      const reopened = await app.graphql(`mutation($input: ReopenFindingInput!) { reopenFinding(input: $input) { status } }`, {
        input: { idempotencyKey: 'v1-reopen', findingId: FINDING, reason: '复查发现预算说明不完整', reopenedOn: '2025-04-10', newDueDate: '2026-04-30' },
      });
      expect(reopened.errors).toBeUndefined();
      expect(reopened.data!.reopenFinding.status).toBe('OPEN');
      const early = await app.graphql(`mutation($input: ReopenFindingInput!) { reopenFinding(input: $input) { status } }`, {
        input: { idempotencyKey: 'v1-reopen-again', findingId: FINDING, reason: 'x', reopenedOn: '2025-03-20' },
      });
      expect(early.errors?.[0]?.extensions?.code).toBe('CONFLICT');
      const afterReopening = await reading(app);

      // A restart rebuilds every read model from the log (snapshots off): the same answers.
      await app.close();
      app = await startTestApp({ sqlitePath, now: '2026-04-01T09:00:00+08:00', settings: { READ_MODEL_SNAPSHOTS: 'false' } });
      expect(await reading(app)).toEqual(afterReopening);
      expect(afterReopening.onMarch22).toEqual(first.onMarch22);
    },
    PROCESS_TEST_CEILING_MS,
  );
});
