import { ProjectedStreams } from '../../src/event-sourcing/projected-streams.js';
import { ProjectionEngine } from '../../src/event-sourcing/projection-engine.js';
import { replayLog } from '../../src/event-sourcing/replay-log.js';
import { StreamsInMemory } from '../../src/event-sourcing/testing/streams-in-memory.js';
import { EVENT_STORE, type EventStore } from '../../src/event-store/event-store.port.js';
import { historyEntry } from '../../src/assignments/read-model/history.js';
import { findingAt, RectificationLedger } from '../../src/rectification/ledger/rectification-ledger.js';
import { EventSchemaRegistry } from '../../src/shared/event-schemas.js';
import type { TimeCut } from '../../src/shared/time-cut.js';
import { datedDefinition, itemAt, WorkPlanLedger } from '../../src/work-plan/breakdown/work-plan-ledger.js';
import { evaluationInput, REGISTER_EVALUATION } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { PROCESS_TEST_CEILING_MS } from '../support/server-process.js';

/*
 * Issue 12 (memory): a finding's or work-plan item's history and dated timeline are read from the
 * log per stream when asked, instead of kept in the heap. What the log gives must be exactly what the
 * read models kept in memory before — every event of the stream as the engine projected it, upcast
 * and dated — so every history, and every view as of a day or as known at an instant (corrections
 * included), answers as it did. The demo's story has reports, send-backs, failed and corrected
 * inspections, extensions and a work plan.
 */


describe('histories and timelines read from the log', () => {
  let app: TestApp;
  let inMemory: StreamsInMemory;
  let ledger: RectificationLedger;
  let plans: WorkPlanLedger;
  let streams: ProjectedStreams;
  let store: EventStore;

  beforeAll(async () => {
    app = await startTestApp({ demoData: true });
    store = app.app.get<EventStore>(EVENT_STORE);
    // The old in-heap timelines: every event of each stream, in the order the engine projected it.
    inMemory = await replayLog(store, app.app.get(EventSchemaRegistry), new StreamsInMemory());
    ledger = app.app.get(RectificationLedger);
    plans = app.app.get(WorkPlanLedger);
    streams = app.app.get(ProjectedStreams);
    // Corrections move a report and an inspection to other days: time travel must follow them.
    const [finding, part] = ledger
      .listFindings()
      .flatMap((each) => [...each.parts.values()].map((p) => [each, p] as const))
      .find(([, p]) => p.reports.length === 1 && p.inspections.length === 1 && p.inspections[0]!.outcome === 'PASSED')!;
    const reportedOn = part.reports[0]!.reportedOn;
    const corrected = await app.graphql(`mutation($input: CorrectReportDateInput!) { correctReportDate(input: $input) { id } }`, {
      input: { idempotencyKey: 'timeline-report', findingId: finding.findingId, unitId: part.unitId, reportedOn: part.assignedOn, reason: '报送日期登记有误' },
    });
    expect(corrected.errors).toBeUndefined();
    const inspected = await app.graphql(`mutation($input: CorrectInspectionInput!) { correctInspection(input: $input) { id } }`, {
      input: { idempotencyKey: 'timeline-inspection', findingId: finding.findingId, unitId: part.unitId, inspectionId: part.inspections[0]!.inspectionId, inspectedOn: reportedOn, reason: '督查日期登记有误' },
    });
    expect(inspected.errors).toBeUndefined();
    inMemory = await replayLog(store, app.app.get(EventSchemaRegistry), new StreamsInMemory());
  }, PROCESS_TEST_CEILING_MS);

  afterAll(() => app?.close());

  const findingIds = () => ledger.listFindings().map((finding) => finding.findingId);
  const itemIds = () => plans.listItems().map((item) => item.itemId);
  /** Business days and instants across the demo's story, and one cut of each axis before it began. */
  const cuts = (): TimeCut[] => {
    const days = ['2025-01-01', '2026-03-20', '2026-04-10', '2026-05-15', '2026-07-01', '2026-12-31'];
    const instants = [null, '2026-03-20T00:00:00.000Z', '2026-04-15T00:00:00.000Z', '2026-06-01T00:00:00.000Z'];
    return days.flatMap((asOf) => instants.map((knownAt) => ({ asOf, knownAt, axes: [] })));
  };

  it('gives every finding’s and item’s history exactly the events the engine projected for its stream', async () => {
    expect(findingIds().length).toBeGreaterThan(0);
    expect(itemIds().length).toBeGreaterThan(0);
    for (const id of findingIds()) {
      const history = (await ledger.timeline(id)).map(historyEntry);
      expect(history.length).toBeGreaterThan(1);
      expect(history).toEqual((await inMemory.read(`finding-${id}`)).map(historyEntry));
    }
    // An item's definition is dated by the day the plan took it in (breaker8b N4): its plan's approval, for the imported ones.
    for (const id of itemIds()) {
      const plan = plans.plan(plans.item(id)!.planId)!;
      const projected = datedDefinition(await inMemory.read(`work-plan-item-${id}`), { recordedAt: plan.importedAt, approvedOn: plan.approvedOn });
      expect(projected[0]!.occurredOn).toBe(plan.approvedOn);
      expect((await plans.timeline(id)).map(historyEntry)).toEqual(projected.map(historyEntry));
    }
  }, PROCESS_TEST_CEILING_MS);

  it('folds every finding and item at any cut, corrections included, exactly as from the timelines kept in memory', async () => {
    const story = await Promise.all(findingIds().map((id) => inMemory.read(`finding-${id}`)));
    expect(story.flat().some((event) => event.type === 'InspectionCorrected' || event.type === 'ReportDateCorrected')).toBe(true);
    for (const cut of cuts()) {
      for (const id of findingIds()) expect(await ledger.findingAt(id, cut)).toEqual(findingAt(await inMemory.read(`finding-${id}`), cut));
      for (const id of itemIds()) expect(await plans.itemAt(id, cut)).toEqual(itemAt(await inMemory.read(`work-plan-item-${id}`), cut));
    }
  }, PROCESS_TEST_CEILING_MS);

  it('answers the history over GraphQL from the log', async () => {
    const id = findingIds()[0]!;
    const query = `query ($id: ID!) { finding(id: $id) { history { eventId eventType occurredOn recordedAt } } }`;
    const before = await app.graphql(query, { id });
    expect(before.errors).toBeUndefined();
    expect((before.data!.finding.history as { eventId: string }[]).map((entry) => entry.eventId)).toEqual((await inMemory.read(`finding-${id}`)).map((event) => event.id));
  }, PROCESS_TEST_CEILING_MS);

  it('leaves out of a stream read what the read models have not projected yet', async () => {
    const id = findingIds()[0]!;
    const projected = await streams.read(`finding-${id}`);
    const capped = new ProjectedStreams(store, app.app.get(EventSchemaRegistry), () => projected[1]!.position);
    expect((await capped.read(`finding-${id}`)).map((event) => event.id)).toEqual(projected.slice(0, 2).map((event) => event.id));
    // Nothing projected yet: nothing read.
    const none = new ProjectedStreams(store, app.app.get(EventSchemaRegistry), () => ({ commit: -1n, prepare: -1n }));
    expect(await none.read(`finding-${id}`)).toEqual([]);
    // And the server's reader follows the engine: a new evaluation's stream is read once projected.
    const registered = await app.graphql(REGISTER_EVALUATION, { input: evaluationInput({ title: '流读取评估', idempotencyKey: 'stream-read-1' }) });
    expect(registered.errors).toBeUndefined();
    const evaluationId = registered.data!.registerEvaluation.id as string;
    expect((await streams.read(`evaluation-${evaluationId}`)).map((event) => event.type)).toEqual(['EvaluationRegistered']);
    expect(app.app.get(ProjectionEngine).position).not.toBeNull();
  }, PROCESS_TEST_CEILING_MS);
});
