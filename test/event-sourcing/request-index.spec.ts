import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../src/event-store/sqlite-event-store.js';
import { executeCommand } from '../../src/event-sourcing/execute-command.js';
import { commandContext, type Actor } from '../../src/shared/command-context.js';
import type { Decider } from '../../src/shared/decider.js';
import { DomainError, say } from '../../src/shared/domain-error.js';
import { EventSchemaRegistry } from '../../src/shared/event-schemas.js';

/*
 * Fault 1 and 2 of issue 9: an idempotency key names one request of one caller, whatever record
 * it touches, in one process or in several on one SQLite file.
 */

type Urge = { type: 'UrgeUnit'; message: string };
type Urged = { type: 'UnitUrged'; data: { message: string } };
/** Urges at most three times per record, so a retry can be told from a new decision. */
const urging: Decider<Urge, number, Urged> = {
  initialState: () => 0,
  evolve: (count) => count + 1,
  decide: (command, count) => {
    if (count >= 3) throw new DomainError('CONFLICT', say('urged three times already', '已催办三次'));
    return [{ type: 'UnitUrged', data: { message: command.message } }];
  },
};
const schemas = new EventSchemaRegistry().register({ UnitUrged: { version: 1 }, RecordNoted: { version: 1 } });
const supervisor: Actor = { id: 'user-zhangwei', role: 'SUPERVISOR', unitId: null };
const freshPath = () => join(mkdtempSync(join(tmpdir(), 'rectify-requests-')), 'events.db');

const urge = (store: SqliteEventStore, findingId: string, message: string, idempotencyKey: string, actor = supervisor, commandType = 'UrgeUnit') =>
  executeCommand(store, schemas, `finding-${findingId}`, urging, { type: 'UrgeUnit', message }, commandContext({
    actor,
    commandType,
    idempotencyKey,
    now: new Date('2026-05-12T01:00:00Z'),
    request: { idempotencyKey, findingId, message },
  }));

describe('One index of requests', () => {
  let store: SqliteEventStore;
  beforeEach(() => {
    store = new SqliteEventStore(freshPath());
  });
  afterEach(() => store.close());

  it('refuses a key reused on another record with other content (CONFLICT), appending nothing', async () => {
    await urge(store, 'A', '请于5月15日前重新报送', 'K');
    const head = await store.headPosition();
    await expect(urge(store, 'B', '请尽快整改', 'K')).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await store.headPosition()).toEqual(head);
    expect(await store.readStream('finding-B')).toEqual([]);
  });

  it('refuses a key reused for another kind of command', async () => {
    await urge(store, 'A', '请于5月15日前重新报送', 'K');
    await expect(urge(store, 'A', '请于5月15日前重新报送', 'K', supervisor, 'SendBackReport')).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('answers a retry with its first result, even once the record would refuse it anew', async () => {
    const first = await urge(store, 'A', '第一次督促', 'K1');
    await urge(store, 'A', '第二次督促', 'K2');
    await urge(store, 'A', '第三次督促', 'K3');
    const retry = await urge(store, 'A', '第一次督促', 'K1');
    expect(retry).toMatchObject({ retried: true, events: [], position: first.position });
    expect(await store.readStream('finding-A')).toHaveLength(3);
  });

  it('scopes a key to its caller: another caller may use the same key', async () => {
    await urge(store, 'A', '请于5月15日前重新报送', 'K');
    const inspector: Actor = { id: 'user-lina', role: 'INSPECTOR', unitId: null };
    expect(await urge(store, 'B', '请尽快整改', 'K', inspector)).toMatchObject({ retried: false });
  });

  it('spends a key on a request that decided nothing: reused for another request it is CONFLICT, retried it answers nothing again', async () => {
    const quiet: Decider<Urge, number, Urged> = { ...urging, decide: () => [] };
    const nothing = (message: string) =>
      executeCommand(store, schemas, 'finding-A', quiet, { type: 'UrgeUnit', message }, commandContext({
        actor: supervisor,
        commandType: 'UrgeUnit',
        idempotencyKey: 'K',
        now: new Date('2026-05-12T01:00:00Z'),
        request: { idempotencyKey: 'K', findingId: 'A', message },
      }));
    expect(await nothing('已整改，无需督促')).toMatchObject({ retried: false, events: [], position: null });
    await expect(urge(store, 'B', '请尽快整改', 'K')).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await store.readStream('finding-B')).toEqual([]);
    expect(await nothing('已整改，无需督促')).toMatchObject({ retried: true, events: [], position: null });
    // The first answer was "nothing"; a retry says so again even when the record would now act.
    expect(await urge(store, 'A', '已整改，无需督促', 'K')).toMatchObject({ retried: true, events: [] });
    expect(await store.headPosition()).toBeNull();
  });

  it('refuses the reuse through a second store instance on the same file', async () => {
    const second = new SqliteEventStore(store.path);
    await urge(store, 'A', '请于5月15日前重新报送', 'K');
    await expect(urge(second, 'B', '请尽快整改', 'K')).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await urge(second, 'A', '请于5月15日前重新报送', 'K')).toMatchObject({ retried: true });
    await second.close();
  });

  it('gives a key to exactly one of two server processes racing it with different content', async () => {
    const rounds = 30;
    const path = store.path;
    const children = (['A', 'B'] as const).map((side) => raceFromAnotherProcess(path, side, rounds));
    await Promise.all(children.map((child) => child.ready));
    for (const child of children) child.go();
    const [a, b] = await Promise.all(children.map((child) => child.results));
    for (let round = 0; round < rounds; round += 1) {
      const outcomes = [a![round], b![round]];
      expect(outcomes.sort()).toEqual(['CONFLICT', 'ok']);
      const winner = a![round] === 'ok' ? 'A' : 'B';
      const loser = winner === 'A' ? 'B' : 'A';
      const recorded = await store.readStream(`finding-${winner}-${round}`);
      expect(recorded.map((event) => event.data)).toEqual([{ message: `${winner}-${round}` }]);
      expect(await store.readStream(`finding-${loser}-${round}`)).toEqual([]);
      expect((await store.findRequest(commandContext({ actor: supervisor, commandType: 'UrgeUnit', idempotencyKey: `K${round}`, now: new Date() }).requestKey))?.streamId).toBe(`finding-${winner}-${round}`);
    }
  }, 120_000);
});

/**
 * A separate Node process running the compiled write path: on "go" it urges `finding-<side>-<i>`
 * with key `K<i>` for every round, as fast as it can, and reports each outcome.
 */
function raceFromAnotherProcess(path: string, side: 'A' | 'B', rounds: number) {
  const dist = (module: string) => JSON.stringify(join(process.cwd(), 'dist', module));
  const script = `
    const { SqliteEventStore } = await import(${dist('event-store/sqlite-event-store.js')});
    const { executeCommand } = await import(${dist('event-sourcing/execute-command.js')});
    const { commandContext } = await import(${dist('shared/command-context.js')});
    const { EventSchemaRegistry } = await import(${dist('shared/event-schemas.js')});
    const store = new SqliteEventStore(${JSON.stringify(path)});
    const schemas = new EventSchemaRegistry().register({ UnitUrged: { version: 1 } });
    const decider = { initialState: () => 0, evolve: (n) => n + 1, decide: (c) => [{ type: 'UnitUrged', data: { message: c.message } }] };
    const actor = ${JSON.stringify(supervisor)};
    process.stdout.write('ready\\n');
    process.stdin.once('data', async () => {
      const outcomes = [];
      for (let round = 0; round < ${rounds}; round += 1) {
        const findingId = ${JSON.stringify(side)} + '-' + round;
        const idempotencyKey = 'K' + round;
        const context = commandContext({ actor, commandType: 'UrgeUnit', idempotencyKey, now: new Date(), request: { idempotencyKey, findingId, message: findingId } });
        try {
          await executeCommand(store, schemas, 'finding-' + findingId, decider, { message: findingId }, context);
          outcomes.push('ok');
        } catch (error) {
          outcomes.push(error.code ?? String(error));
        }
      }
      process.stdout.write(JSON.stringify(outcomes) + '\\n');
      await store.close();
      process.exit(0);
    });
  `;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['pipe', 'pipe', 'inherit'] });
  let output = '';
  const exited = new Promise<void>((resolve, reject) =>
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`racing process ${side} exited with ${code}`)))),
  );
  const ready = new Promise<void>((resolve) => child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()).includes('ready') && resolve()));
  return {
    ready,
    go: () => child.stdin.write('go\n'),
    results: exited.then(() => JSON.parse(output.split('\n')[1]!) as string[]),
  };
}
