import { randomUUID } from 'node:crypto';
import { CommandExecutor } from '../../src/event-sourcing/command-executor.js';
import type { ClaimedValue } from '../../src/event-sourcing/execute-command.js';
import type { ProjectionEngine } from '../../src/event-sourcing/projection-engine.js';
import { WriteGate } from '../../src/event-sourcing/write-gate.js';
import { SqliteEventStore } from '../../src/event-store/sqlite-event-store.js';
import { commandContext, type Actor } from '../../src/shared/command-context.js';
import type { Decider } from '../../src/shared/decider.js';
import { DomainError, say } from '../../src/shared/domain-error.js';
import { EventSchemaRegistry } from '../../src/shared/event-schemas.js';

/*
 * breaker11m P1: a finding X withdrawn gives its title up; a re-recording of the title meets X's
 * claim, catches up, judges X withdrawn and takes the claim over from X. An undo of X racing it
 * claims a title X already holds (nothing to take), so when it lands between the re-recording's
 * judgement and its append, both were accepted: two live records of one problem. The take-over now
 * carries X's stream revision the judgement was made on, and the store refuses it once X's stream
 * has moved; judged again, the re-recording meets X live and is refused in the rule's own words.
 *
 * The race is played at its worst moment, deterministically: `build` (run after the catch-up)
 * judges, then lets the undo land, then returns its command.
 */

type Command =
  | { type: 'Record'; title: string; liveHolder: string | null }
  | { type: 'Withdraw' }
  | { type: 'Undo'; liveHolder: string | null };
type Event = { type: 'Recorded'; data: { title: string } } | { type: 'Withdrawn'; data: Record<string, never> } | { type: 'WithdrawalUndone'; data: Record<string, never> };
type State = { title: string | null; live: boolean };

const finding: Decider<Command, State, Event> = {
  initialState: () => ({ title: null, live: false }),
  evolve: (state, event) =>
    event.type === 'Recorded' ? { title: event.data.title, live: true } : { ...state, live: event.type === 'WithdrawalUndone' },
  decide: (command, state) => {
    switch (command.type) {
      case 'Record':
        if (command.liveHolder) throw new DomainError('CONFLICT', say(`Recorded as ${command.liveHolder}.`, `同一问题不重复登记（${command.liveHolder}）。`));
        return [{ type: 'Recorded', data: { title: command.title } }];
      case 'Withdraw':
        return [{ type: 'Withdrawn', data: {} }];
      case 'Undo':
        if (command.liveHolder) throw new DomainError('CONFLICT', say(`Held by ${command.liveHolder}.`, `该评估已另行登记同名问题（${command.liveHolder}）。`));
        return [{ type: 'WithdrawalUndone', data: {} }];
    }
  },
};
const schemas = new EventSchemaRegistry().register({ Recorded: { version: 1 }, Withdrawn: { version: 1 }, WithdrawalUndone: { version: 1 } });
const actor: Actor = { id: 'user-zhangwei', role: 'SUPERVISOR', unitId: null };
const context = () => commandContext({ actor, commandType: 'RecordFinding', idempotencyKey: randomUUID(), now: new Date('2026-11-25T01:00:00Z') });
const TITLE = '政府信息公开年度报告未按时发布';
const claim: ClaimedValue = { scope: 'finding-title:evaluation-1', value: TITLE, field: 'title', label: TITLE };

describe('a claimed value taken over from a holder that gave it up (breaker11m P1)', () => {
  let store: SqliteEventStore;
  let executor: CommandExecutor;
  /** Whether a stream's finding is live, as caught-up read models would answer (here: read from the store). */
  const live = async (streamId: string) =>
    (await store.readStream(streamId)).reduce<State>((state, stored) => finding.evolve(state, stored as unknown as Event), finding.initialState()).live;
  const liveHolder = async (...streams: string[]) => {
    for (const streamId of streams) if (await live(streamId)) return streamId;
    return null;
  };

  beforeEach(async () => {
    store = new SqliteEventStore(':memory:');
    const projections = { waitFor: () => Promise.resolve() } as unknown as ProjectionEngine;
    executor = new CommandExecutor(store, schemas, projections, new WriteGate());
    await executor.executeClaiming('finding-x', finding, () => ({ type: 'Record' as const, title: TITLE, liveHolder: null }), [claim], context());
    await executor.execute('finding-x', finding, { type: 'Withdraw' }, context());
  });
  afterEach(() => store.close());

  it('refuses the take-over when the holder came back between the judgement and the append: one live record', async () => {
    let judged = 0;
    const recording = executor.executeClaiming(
      'finding-y',
      finding,
      async () => {
        const holder = await liveHolder('finding-x');
        judged += 1;
        // The undo of X lands right after the re-recording judged X withdrawn (its first judgement after the catch-up).
        if (judged === 2) await executor.executeClaiming('finding-x', finding, async () => ({ type: 'Undo' as const, liveHolder: await liveHolder('finding-y') }), [claim], context());
        return { type: 'Record' as const, title: TITLE, liveHolder: holder };
      },
      [claim],
      context(),
    );
    await expect(recording).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('finding-x') });
    expect([await live('finding-x'), await live('finding-y')]).toEqual([true, false]);
    expect(await store.readStream('finding-y')).toHaveLength(0);
  });

  it('lets one of two undos of same-titled withdrawn findings through when they race (p1race2): the other is refused naming it', async () => {
    // Y recorded with X's title (taking it over from withdrawn X), then withdrawn too: Y holds the title, neither is live.
    await executor.executeClaiming('finding-y', finding, async () => ({ type: 'Record' as const, title: TITLE, liveHolder: await liveHolder('finding-x') }), [claim], context());
    await executor.execute('finding-y', finding, { type: 'Withdraw' }, context());
    let judged = 0;
    const undoX = executor.executeClaiming(
      'finding-x',
      finding,
      async () => {
        const holder = await liveHolder('finding-y');
        judged += 1;
        // Y's undo (Y holds the claim: nothing to take) lands right after X's undo judged Y withdrawn.
        if (judged === 2) await executor.executeClaiming('finding-y', finding, async () => ({ type: 'Undo' as const, liveHolder: await liveHolder('finding-x') }), [claim], context());
        return { type: 'Undo' as const, liveHolder: holder };
      },
      [claim],
      context(),
    );
    await expect(undoX).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('finding-y') });
    expect([await live('finding-x'), await live('finding-y')]).toEqual([false, true]);
  });

  it('still takes the value over from a holder that stayed withdrawn, also when it moved meanwhile without coming back', async () => {
    let judged = 0;
    await executor.executeClaiming(
      'finding-y',
      finding,
      async () => {
        judged += 1;
        // Another record on X (a withdrawal moved) lands between the judgement and the append: judged again, and taken.
        if (judged === 2) await executor.execute('finding-x', finding, { type: 'Withdraw' }, context());
        return { type: 'Record' as const, title: TITLE, liveHolder: await liveHolder('finding-x') };
      },
      [claim],
      context(),
    );
    expect([await live('finding-x'), await live('finding-y')]).toEqual([false, true]);
    const undo = executor.executeClaiming('finding-x', finding, async () => ({ type: 'Undo' as const, liveHolder: await liveHolder('finding-y') }), [claim], context());
    await expect(undo).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('finding-y') });
  });
});
