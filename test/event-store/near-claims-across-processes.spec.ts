import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ClaimTakenError } from '../../src/event-store/event-store.port.js';
import { SqliteEventStore } from '../../src/event-store/sqlite-event-store.js';

/*
 * breaker9x P2: the near-value rules (是否同一问题: a title a character or two from a recorded one;
 * 是否同一单位: 市审计局 beside 青川市审计局) were judged on the read models only, so two requests at
 * once — two server processes on one SQLite file, or two in one process — each judged without the
 * other and both recorded (10 of 10 pairs across two servers). A claim now carries the position its
 * rule was judged at (`UniqueClaim.judgedAt`), and the store refuses the append, in the write
 * transaction under SQLite's write lock, when another stream took a value of the same scope after it
 * (`ClaimTakenError` with `scopeMoved`): of two racing appends judged on the same read models, the
 * second to commit is sent back to be judged again, whichever process it is in.
 *
 * Two processes race here on one file, each appending its own value of one scope per round, both
 * judged at the position before either (the worst case: neither saw the other). The processes are
 * the compiled store (dist/): build first.
 */

const freshPath = () => join(mkdtempSync(join(tmpdir(), 'rectify-near-claims-')), 'events.db');
const ROUNDS = 20;

describe('a near-value rule judged before another value of its scope went in (breaker9x P2)', () => {
  it('lets one of two appends judged at the same position through, in one process and on one connection batch', async () => {
    const store = new SqliteEventStore(freshPath());
    try {
      await store.appendToStream('setup', [event('setup-0', 'Setup')], { expectedRevision: 'no_stream' });
      const judgedAt = (await store.headPosition())!;
      const claim = (value: string) => ({ scope: 'finding-title:ev-1', value, judgedAt });
      // Sent together: one group commit writes both, the second checked after the first in the same transaction.
      const outcomes = await Promise.allSettled([
        store.appendToStream('finding-a', [event('a-0', 'Recorded')], { expectedRevision: 'no_stream', claims: [claim('政务微博账号长期停止更新')] }),
        store.appendToStream('finding-b', [event('b-0', 'Recorded')], { expectedRevision: 'no_stream', claims: [claim('政务微信账号长期停止更新')] }),
      ]);
      expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
      const refused = outcomes.find((outcome) => outcome.status === 'rejected') as PromiseRejectedResult;
      expect(refused.reason).toBeInstanceOf(ClaimTakenError);
      expect(refused.reason).toMatchObject({ scopeMoved: true, scope: 'finding-title:ev-1' });
      // Judged again past the first (as the executor does once its read models have it): taken.
      const again = refused.reason.holder === 'finding-a' ? 'b' : 'a';
      const head = (await store.headPosition())!;
      await expect(
        store.appendToStream(`finding-${again}`, [event(`${again}-0`, 'Recorded')], { expectedRevision: 'no_stream', claims: [{ scope: 'finding-title:ev-1', value: `again-${again}`, judgedAt: head }] }),
      ).resolves.toMatchObject({ nextRevision: 0 });
      // Another scope, and a claim without a judgement (an import, a tool), are not held up.
      await expect(store.appendToStream('finding-c', [event('c-0', 'Recorded')], { expectedRevision: 'no_stream', claims: [{ scope: 'finding-title:ev-2', value: 'x', judgedAt }] })).resolves.toBeDefined();
      await expect(store.appendToStream('finding-d', [event('d-0', 'Recorded')], { expectedRevision: 'no_stream', claims: [{ scope: 'finding-title:ev-1', value: 'y' }] })).resolves.toBeDefined();
    } finally {
      await store.close();
    }
  });

  it('lets exactly one of two server processes through per round when both judged before either appended', async () => {
    const path = freshPath();
    const store = new SqliteEventStore(path);
    try {
      await store.appendToStream('setup', [event('setup-0', 'Setup')], { expectedRevision: 'no_stream' });
      const judgedAt = Number((await store.headPosition())!.commit);
      const children = (['A', 'B'] as const).map((side) => raceFromAnotherProcess(path, side, judgedAt));
      await Promise.all(children.map((child) => child.ready));
      for (const child of children) child.go();
      const [a, b] = await Promise.all(children.map((child) => child.results));
      const reader = new Database(path, { readonly: true });
      try {
        for (let round = 0; round < ROUNDS; round += 1) {
          const outcomes = [a![round]!, b![round]!];
          expect(outcomes.map((outcome) => outcome.split(':')[0]).sort()).toEqual(['moved', 'ok']);
          const winner = a![round] === 'ok' ? 'A' : 'B';
          const loser = winner === 'A' ? 'B' : 'A';
          // The refusal names the value that came in between and its holder.
          expect((winner === 'A' ? b : a)![round]).toBe(`moved:finding-${winner}-${round}`);
          const streams = reader.prepare<[string], { stream_id: string }>('SELECT DISTINCT stream_id FROM events WHERE stream_id LIKE ?').all(`finding-%-${round}`);
          expect(streams.map((row) => row.stream_id)).toEqual([`finding-${winner}-${round}`]);
          expect(reader.prepare('SELECT value, stream_id FROM unique_claims WHERE scope = ?').all(`finding-title:ev-${round}`)).toEqual([
            { value: `${winner}-title-${round}`, stream_id: `finding-${winner}-${round}` },
          ]);
          expect(loser).not.toBe(winner);
        }
      } finally {
        reader.close();
      }
    } finally {
      await store.close();
    }
  }, 180_000);
});

const event = (id: string, type: string) => ({
  id: `00000000-0000-4000-8000-${Buffer.from(id).toString('hex').padStart(12, '0').slice(-12)}`,
  type,
  schemaVersion: 1,
  data: { id },
  metadata: { actorId: 'user-test', actorRole: 'SUPERVISOR' as const, actorUnitId: null, commandId: id, correlationId: id, causationId: id, recordedAt: '2026-05-12T01:00:00.000Z' },
});

/**
 * A separate Node process on the compiled store: on "go" it appends, for every round, one event to
 * `finding-<side>-<round>` claiming `<side>-title-<round>` in scope `finding-title:ev-<round>`, judged
 * at `judgedAt`, as fast as it can, and reports each outcome: `ok`, `moved:<holder>` or the error.
 */
function raceFromAnotherProcess(path: string, side: 'A' | 'B', judgedAt: number) {
  const dist = (module: string) => JSON.stringify(join(process.cwd(), 'dist', module));
  const script = `
    const { SqliteEventStore } = await import(${dist('event-store/sqlite-event-store.js')});
    const { randomUUID } = await import('node:crypto');
    const store = new SqliteEventStore(${JSON.stringify(path)});
    const metadata = { actorId: 'user-test', actorRole: 'SUPERVISOR', actorUnitId: null, commandId: 'c', correlationId: 'c', causationId: 'c', recordedAt: '2026-05-12T01:00:00.000Z' };
    process.stdout.write('ready\\n');
    process.stdin.once('data', async () => {
      const outcomes = [];
      for (let round = 0; round < ${ROUNDS}; round += 1) {
        const claim = { scope: 'finding-title:ev-' + round, value: ${JSON.stringify(side)} + '-title-' + round, judgedAt: { commit: ${judgedAt}n, prepare: ${judgedAt}n } };
        try {
          await store.appendToStream('finding-' + ${JSON.stringify(side)} + '-' + round, [{ id: randomUUID(), type: 'Recorded', schemaVersion: 1, data: {}, metadata }], { expectedRevision: 'no_stream', claims: [claim] });
          outcomes.push('ok');
        } catch (error) {
          outcomes.push(error.scopeMoved ? 'moved:' + error.holder : String(error));
        }
      }
      process.stdout.write(JSON.stringify(outcomes) + '\\n');
      await store.close();
      process.exit(0);
    });
  `;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['pipe', 'pipe', 'inherit'] });
  let output = '';
  const exited = new Promise<void>((resolve, reject) => child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`racing process ${side} exited with ${code}`)))));
  const ready = new Promise<void>((resolve) => child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()).includes('ready') && resolve()));
  return {
    ready,
    go: () => child.stdin.write('go\n'),
    results: exited.then(() => JSON.parse(output.split('\n')[1]!) as string[]),
  };
}
