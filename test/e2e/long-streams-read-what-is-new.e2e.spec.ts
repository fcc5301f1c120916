import { EVENT_STORE, type EventStore } from '../../src/event-store/event-store.port.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/*
 * breaker12f P4: every command on a 各单位 work-plan item (or a finding of many units) read and folded
 * the item's whole stream — at 1,456 events one 催办 held every user 0.4–0.8 s, growing with the year.
 * The item's and the finding's folds are now kept between commands (FoldedStreams): a command reads
 * only what was recorded on the stream since the last one. Counted in rows read, never timed.
 */

const URGINGS = 25;

describe("Commands on a long item's or finding's stream read only what is new", () => {
  let app: TestApp;
  let rowsRead: (streamId: string) => number;

  beforeAll(async () => {
    app = await startTestApp({ demoData: true, now: '2026-04-01T09:00:00+08:00' });
    const store = app.app.get<EventStore>(EVENT_STORE);
    const rows = new Map<string, number>();
    // The adapter's own method, counted (the store the app holds is a proxy that calls the adapter's).
    const readStream = (Object.getPrototypeOf(store) as EventStore).readStream;
    store.readStream = async function (this: EventStore, streamId, options) {
      const read = await readStream.call(this, streamId, options);
      rows.set(streamId, (rows.get(streamId) ?? 0) + read.length);
      return read;
    };
    rowsRead = (streamId) => rows.get(streamId) ?? 0;
  });

  afterAll(() => app.close());

  /** Urges `unitId` `times` times in other words each (the same words the same day are recorded once); the rows of `stream` read by the last. */
  async function urge(mutation: string, ref: Record<string, string>, unitId: string, stream: string, times: number): Promise<number> {
    let before = 0;
    for (let each = 0; each < times; each += 1) {
      before = rowsRead(stream);
      const answer = await app.graphql(`mutation($input: ${mutation[0]!.toUpperCase()}${mutation.slice(1)}Input!) { ${mutation}(input: $input) { id } }`, {
        input: { idempotencyKey: `${mutation}-${stream}-${each}`, ...ref, unitId, message: `第${each + 1}次催办：请尽快报送整改进展`, urgedOn: '2026-04-01' },
      });
      expect(answer.errors).toBeUndefined();
    }
    return rowsRead(stream) - before;
  }

  it('urges a work-plan item’s unit again and again, each reading a row or two, not the item’s history', async () => {
    const plans = await app.graphql(`{ workPlans { id } }`);
    const items = await app.graphql(`query($planId: ID!) { workPlanItems(planId: $planId, first: 1) { nodes { id parts { unitId } } } }`, { planId: plans.data!.workPlans[0].id });
    expect(items.errors).toBeUndefined();
    const item = items.data!.workPlanItems.nodes[0] as { id: string; parts: { unitId: string }[] };
    expect(await urge('urgeWorkPlanItemUnit', { itemId: item.id }, item.parts[0]!.unitId, `work-plan-item-${item.id}`, URGINGS)).toBeLessThanOrEqual(2);
  });

  it('urges a finding’s unit again and again, each reading a row or two, not the finding’s history', async () => {
    const findings = await app.graphql(`{ findings(first: 20) { nodes { id assignments { unitId status } } } }`);
    expect(findings.errors).toBeUndefined();
    const finding = (findings.data!.findings.nodes as { id: string; assignments: { unitId: string; status: string }[] }[]).find((each) =>
      each.assignments.some((part) => part.status !== 'VERIFIED'),
    )!;
    const part = finding.assignments.find((each) => each.status !== 'VERIFIED')!;
    expect(await urge('urgeUnit', { findingId: finding.id }, part.unitId, `finding-${finding.id}`, URGINGS)).toBeLessThanOrEqual(2);
  });
});
