import { randomUUID } from 'node:crypto';
import { CommandExecutor } from '../../src/event-sourcing/command-executor.js';
import type { ClaimedValue } from '../../src/event-sourcing/execute-command.js';
import type { ProjectionEngine } from '../../src/event-sourcing/projection-engine.js';
import { WriteGate } from '../../src/event-sourcing/write-gate.js';
import type { Position } from '../../src/event-store/event-store.port.js';
import { SqliteEventStore } from '../../src/event-store/sqlite-event-store.js';
import { commandContext, type Actor } from '../../src/shared/command-context.js';
import type { Decider } from '../../src/shared/decider.js';
import { EventSchemaRegistry } from '../../src/shared/event-schemas.js';

/*
 * Issue 12, bench row 2: 64 connections recording findings in one evaluation at once. A title is
 * bound by a near-value rule (是否同一问题), judged on the read models at a position the store checks
 * (`judgedAt`). Judged together, all but one of a burst were refused `scopeMoved` and judged again,
 * round after round — 18 findings a second. Commands of one near scope now run one at a time in the
 * process, each judged once; commands of other scopes still run beside them.
 */

type Command = { type: 'Record'; title: string };
type Event = { type: 'Recorded'; data: { title: string } };
const finding: Decider<Command, { recorded: boolean }, Event> = {
  initialState: () => ({ recorded: false }),
  evolve: () => ({ recorded: true }),
  decide: (command) => [{ type: 'Recorded', data: { title: command.title } }],
};
const schemas = new EventSchemaRegistry().register({ Recorded: { version: 1 } });
const actor: Actor = { id: 'user-zhangwei', role: 'SUPERVISOR', unitId: null };
const context = () => commandContext({ actor, commandType: 'RecordFinding', idempotencyKey: randomUUID(), now: new Date('2026-11-25T01:00:00Z') });
const nearClaim = (scope: string, title: string): ClaimedValue => ({ scope, value: title, field: 'title', label: title, nearRule: true });

describe('commands bound by a near-value rule, one at a time per scope', () => {
  let store: SqliteEventStore;
  let executor: CommandExecutor;

  beforeEach(() => {
    store = new SqliteEventStore(':memory:');
    // Read models that reach whatever position a command waits for, as the projection engine's do.
    const projections = {
      position: null as Position | null,
      async waitFor(position: Position) {
        projections.position = position;
      },
    };
    executor = new CommandExecutor(store, schemas, projections as unknown as ProjectionEngine, new WriteGate());
  });
  afterEach(() => store.close());

  it('judges each of a burst in one evaluation once, and records every one', async () => {
    const titles = Array.from({ length: 24 }, (_, index) => `部分单位信息公开不到位（第${index + 1}项）`);
    let judgements = 0;
    await Promise.all(
      titles.map((title, index) =>
        executor.executeClaiming(
          `finding-${index}`,
          finding,
          async () => {
            judgements += 1;
            // The read models are asked: another request's turn could fall here.
            await new Promise((resolve) => setImmediate(resolve));
            return { type: 'Record' as const, title };
          },
          [nearClaim('finding-title:evaluation-1', title)],
          context(),
        ),
      ),
    );
    expect(judgements).toBe(titles.length);
    const recorded = await Promise.all(titles.map((_, index) => store.readStream(`finding-${index}`)));
    expect(recorded.map((events) => events.length)).toEqual(titles.map(() => 1));
  });

  it('runs a command of another scope beside one that waits', async () => {
    let releaseFirst!: () => void;
    const firstHolds = new Promise<void>((resolve) => (releaseFirst = resolve));
    let otherJudged = false;
    const first = executor.executeClaiming(
      'finding-a',
      finding,
      async () => {
        await firstHolds;
        return { type: 'Record' as const, title: '政策解读不到位' };
      },
      [nearClaim('finding-title:evaluation-1', '政策解读不到位')],
      context(),
    );
    // Another evaluation's finding goes in while the first is still being judged.
    await executor.executeClaiming(
      'finding-b',
      finding,
      () => {
        otherJudged = true;
        return { type: 'Record' as const, title: '依申请公开答复超期' };
      },
      [nearClaim('finding-title:evaluation-2', '依申请公开答复超期')],
      context(),
    );
    expect(otherJudged).toBe(true);
    releaseFirst();
    await first;
    expect((await store.readStream('finding-a')).length).toBe(1);
  });
});
