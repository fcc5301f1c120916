import { randomUUID } from 'node:crypto';
import { CommandExecutor } from '../../src/event-sourcing/command-executor.js';
import type { ClaimedValue } from '../../src/event-sourcing/execute-command.js';
import type { ProjectionEngine } from '../../src/event-sourcing/projection-engine.js';
import { WriteGate } from '../../src/event-sourcing/write-gate.js';
import type { Position } from '../../src/event-store/event-store.port.js';
import { SqliteEventStore } from '../../src/event-store/sqlite-event-store.js';
import { commandContext, type Actor } from '../../src/shared/command-context.js';
import type { Decider } from '../../src/shared/decider.js';
import { badForm, badInput } from '../../src/shared/domain-error.js';
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

/*
 * breaker56-10 S3: a 机构改革 merge of ~6,000 parts holds every ordinary write while it runs (WriteGate.exclusive), and
 * reports refused for bad evidence waited the whole 36 s of it before being told. A refusal of the command's own input
 * (`badForm`), the same on any records, is now given at once; anything else still waits its turn and is decided then.
 */
describe('while a reorganisation holds the writes (breaker56-10 S3)', () => {
  type Report = { type: 'Report'; evidence: string[]; reportedOn: string };
  type Reported = { type: 'Reported'; data: { evidence: string[] } };
  const report: Decider<Report, { assignedOn: string }, Reported> = {
    initialState: () => ({ assignedOn: '2026-11-01' }),
    evolve: (state) => state,
    decide: (command, state) => {
      if (command.reportedOn < state.assignedOn) throw badInput('Reported before the part was assigned.', '报告日期早于交办日期。', { field: 'reportedOn' });
      if (command.evidence.length === 0) throw badForm('At least one piece of evidence is required.', '请至少提供一项佐证材料。', { field: 'evidence' });
      return [{ type: 'Reported', data: { evidence: command.evidence } }];
    },
  };
  const reportSchemas = new EventSchemaRegistry().register({ Reported: { version: 1 } });
  let store: SqliteEventStore;
  let gate: WriteGate;
  let executor: CommandExecutor;
  /** Lets every promise callback already due run (no time passes). */
  const settle = async () => {
    for (let turn = 0; turn < 20; turn += 1) await new Promise((resolve) => setImmediate(resolve));
  };

  beforeEach(() => {
    store = new SqliteEventStore(':memory:');
    gate = new WriteGate();
    executor = new CommandExecutor(store, reportSchemas, { waitFor: async () => undefined } as unknown as ProjectionEngine, gate);
  });
  afterEach(() => store.close());

  it('refuses bad evidence at once, while input bad only on the records and good input wait for the merge and are decided after it', async () => {
    const log: string[] = [];
    let endMerge!: () => void;
    const merge = gate.exclusive(async () => {
      log.push('merge starts');
      await new Promise<void>((resolve) => (endMerge = resolve));
      log.push('merge ends');
    });
    await settle();
    expect(gate.holdsOrdinaryWrites).toBe(true);
    const noted = (name: string, sent: Promise<unknown>) =>
      sent.then(
        () => log.push(`${name} recorded`),
        (error: { code?: string }) => log.push(`${name} refused ${error.code}`),
      );
    const badEvidence = noted('bad evidence', executor.execute('item-1', report, { type: 'Report', evidence: [], reportedOn: '2026-11-20' }, context()));
    const beforeAssigned = noted('dated before its 交办', executor.execute('item-2', report, { type: 'Report', evidence: [], reportedOn: '2026-10-20' }, context()));
    const good = noted('good report', executor.execute('item-3', report, { type: 'Report', evidence: ['整改佐证.pdf'], reportedOn: '2026-11-20' }, context()));
    await badEvidence;
    await settle();
    expect(log).toEqual(['merge starts', 'bad evidence refused BAD_USER_INPUT']);
    endMerge();
    await Promise.all([merge, beforeAssigned, good]);
    expect(log).toEqual(['merge starts', 'bad evidence refused BAD_USER_INPUT', 'merge ends', 'dated before its 交办 refused BAD_USER_INPUT', 'good report recorded']);
    expect(gate.holdsOrdinaryWrites).toBe(false);
    expect(await store.readStream('item-1')).toEqual([]);
    expect((await store.readStream('item-3')).length).toBe(1);
  });
});
