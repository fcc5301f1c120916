import { ProjectionEngine } from '../../src/event-sourcing/projection-engine.js';
import type { Position } from '../../src/event-store/event-store.port.js';
import { ImportSlices } from '../../src/work-plan/import-work-plan/import-slices.js';
import { largePlanCsv } from '../support/large-plan.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/*
 * breaker56-10 S3, newcomer56-10 M1: a big plan's import held every other write 40–60 s (one transaction of 25,000 events,
 * then its projection), and readers saw the plan half there (536 of 600 items) while it went in. The import is appended in
 * slices (ImportSlices), the plan's outline in the last: other writes go in between two slices, and no reader sees the plan
 * before all of it is in. Held between two slices here by a deferred — no sleeps.
 */

/** What a spec holds the import with: each `between` projected as the server's, then held while `hold` is set. */
class HeldSlices extends ImportSlices {
  override readonly eventsPerSlice = 40;
  /** Resolves `reached` at the next slice's end, then waits for `release`. */
  hold: { reached: () => void; release: Promise<void> } | null = null;
  /** Throws at the next slice's end: the import stops there, as a process killed between two slices. */
  failNext = false;
  slicesEnded = 0;

  override async between(position: Position): Promise<void> {
    await super.between(position);
    this.slicesEnded += 1;
    if (this.failNext) {
      this.failNext = false;
      throw new Error('killed between two slices (spec)');
    }
    const hold = this.hold;
    if (!hold) return;
    this.hold = null;
    hold.reached();
    await hold.release;
  }

  /** Holds the import at its next slice's end: `reached` resolves there, `release()` lets it go on. */
  holdNext(): { reached: Promise<void>; release: () => void } {
    let reached!: () => void;
    let release!: () => void;
    const reachedPromise = new Promise<void>((resolve) => (reached = resolve));
    const releasePromise = new Promise<void>((resolve) => (release = resolve));
    this.hold = { reached, release: releasePromise };
    return { reached: reachedPromise, release };
  }
}

const ITEMS = 60;
const IMPORT = `mutation($input: ImportWorkPlanInput!) { importWorkPlan(input: $input) { planId itemCount itemsDefined alreadyImported } }`;
const PLANS = `{ workPlans { id title progress { items parts } } }`;

describe('a big plan imported in slices (breaker56-10 S3, newcomer56-10 M1)', () => {
  let app: TestApp;
  let slices: HeldSlices;
  let supervisor: Record<string, string>;
  let unitIds: Record<string, string>;
  const plan = largePlanCsv(ITEMS, '2026-04-01', 'FGW', ['CZJ', 'JYJ', 'HBJ']);

  beforeAll(async () => {
    app = await startTestApp({
      demoData: true,
      override: (module) =>
        module
          .overrideProvider(ImportSlices)
          .useFactory({ factory: (projections: ProjectionEngine) => (slices = new HeldSlices(projections)), inject: [ProjectionEngine] }),
    });
    supervisor = await app.as('SUPERVISOR');
    const units = await app.graphql<{ units: { id: string; code: string }[] }>('{ units { id code } }');
    unitIds = Object.fromEntries(units.data!.units.map((unit) => [unit.code, unit.id]));
  });
  afterAll(() => app.close());

  const upload = async (): Promise<string> => {
    const sent = await fetch(`${app.url}/imports/files?name=plan.csv`, { method: 'POST', headers: supervisor, body: plan.csv });
    expect(sent.status).toBe(201);
    return ((await sent.json()) as { fileId: string }).fileId;
  };
  const importPlan = async (key: string, title: string, fileId: string) =>
    app.graphql(IMPORT, { input: { idempotencyKey: key, fileName: 'plan.csv', fileId, title, year: plan.year, approvedOn: plan.approvedOn, assignedOn: plan.approvedOn, separatePlan: true } }, supervisor);
  const listed = async (title: string) => (await app.graphql<{ workPlans: { id: string; title: string; progress: { items: number; parts: number } }[] }>(PLANS)).data!.workPlans.find((each) => each.title === title);
  const fgwItemsOf = async (title: string) => {
    const workload = await app.graphql<{ unitWorkload: { workPlanParts: { planTitle: string }[] } }>(`query($unitId: ID!) { unitWorkload(unitId: $unitId) { workPlanParts { planTitle } } }`, { unitId: unitIds.FGW });
    return workload.data!.unitWorkload.workPlanParts.filter((part) => part.planTitle === title).length;
  };
  const openPart = async () => {
    const open = await app.graphql<{ findings: { nodes: { id: string; assignments: { unitId: string; status: string }[] }[] } }>('{ findings(first: 50, status: OPEN) { nodes { id assignments { unitId status } } } }');
    return open.data!.findings.nodes.flatMap((finding) => finding.assignments.filter((part) => part.status === 'ASSIGNED').map((part) => ({ findingId: finding.id, unitId: part.unitId })))[0]!;
  };

  it('is not seen at all while held between two slices; another write is answered meanwhile; then it is seen whole', async () => {
    const title = '青川市重点任务分片导入清单';
    const fileId = await upload();
    const ended = slices.slicesEnded;
    const held = slices.holdNext();
    const importing = importPlan('sliced-plan', title, fileId);
    await held.reached;

    // Part of its items are recorded and projected: no reader sees any of them, nor the plan.
    expect(slices.slicesEnded - ended).toBe(1);
    expect(await listed(title)).toBeUndefined();
    expect(await fgwItemsOf(title)).toBe(0);

    // Another supervisor's urging (催办) goes in between two slices: answered while the import is held.
    const part = await openPart();
    const urged = await app.graphql('mutation($input: UrgeUnitInput!) { urgeUnit(input: $input) { id } }', { input: { idempotencyKey: 'urge-between-slices', ...part, message: '请本周内报送整改材料' } }, await app.as('SUPERVISOR'));
    expect(urged.errors).toBeUndefined();

    held.release();
    const imported = await importing;
    expect(imported.errors).toBeUndefined();
    expect(imported.data!.importWorkPlan).toMatchObject({ itemCount: ITEMS, itemsDefined: ITEMS });
    expect(slices.slicesEnded - ended).toBeGreaterThan(3);
    expect(await listed(title)).toMatchObject({ progress: { items: ITEMS, parts: ITEMS * 4 } });
    expect(await fgwItemsOf(title)).toBe(ITEMS);

    // The same request again appends nothing: no slice, the same plan, its items defined by the first run.
    const before = slices.slicesEnded;
    const again = await importPlan('sliced-plan', title, fileId);
    expect(again.errors).toBeUndefined();
    expect(again.data!.importWorkPlan).toMatchObject({ planId: imported.data!.importWorkPlan.planId, itemCount: ITEMS });
    expect(slices.slicesEnded).toBe(before);
    expect(await listed(title)).toMatchObject({ progress: { items: ITEMS, parts: ITEMS * 4 } });
  });

  it('stopped between two slices, it is seen nowhere; the same request sent again completes it, each item once', async () => {
    const title = '青川市重点任务中断续导清单';
    const fileId = await upload();
    slices.failNext = true;
    const stopped = await importPlan('stopped-plan', title, fileId);
    expect(stopped.errors).toBeDefined();
    expect(await listed(title)).toBeUndefined();
    expect(await fgwItemsOf(title)).toBe(0);

    const resumed = await importPlan('stopped-plan', title, fileId);
    expect(resumed.errors).toBeUndefined();
    expect(resumed.data!.importWorkPlan).toMatchObject({ itemCount: ITEMS });
    expect(await listed(title)).toMatchObject({ progress: { items: ITEMS, parts: ITEMS * 4 } });
    expect(await fgwItemsOf(title)).toBe(ITEMS);
  });
});
