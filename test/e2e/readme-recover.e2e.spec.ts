import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, readFileSync, statSync, writeSync, closeSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../src/event-store/sqlite-event-store.js';
import { PROCESS_TEST_CEILING_MS } from '../support/server-process.js';

/*
 * breaker41-9 S4: the README's rescue for a damaged store said `sqlite3 rectify.db .recover`, which fails with the
 * sqlite3 of Debian 12 (3.40.1: "sql error: SQL logic error (1)", nothing recovered). `.dump` into a new file works
 * there — once its closing `ROLLBACK; -- due to errors` becomes a COMMIT. The README's block is run here as written,
 * in the data folder of a store damaged in the middle of its events, with the sqlite3 shell installed on this machine.
 */

const shell = ['/usr/bin/sqlite3', '/usr/local/bin/sqlite3'].find((path) => existsSync(path));
if (!shell) process.stderr.write('readme-recover: no sqlite3 shell installed (apt-get install sqlite3): the README block is not run\n');

/** The bash block after `marker` in README.md, inside a list item: its indentation taken off. */
function indentedReadmeBlock(readme: string, marker: string): string {
  const at = readme.indexOf(marker);
  if (at === -1) throw new Error(`README.md has no ${marker} comment: the block it marks is what this test runs`);
  const fence = /^( *)```bash\n/m.exec(readme.slice(at));
  if (!fence) throw new Error(`no \`\`\`bash block after ${marker} in README.md`);
  const indent = fence[1]!;
  const start = at + fence.index + fence[0].length;
  const end = readme.indexOf(`\n${indent}\`\`\``, start);
  return readme
    .slice(start, end + 1)
    .split('\n')
    .map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line))
    .join('\n');
}

const bash = (script: string, cwd: string) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile('bash', ['-c', `set -euo pipefail\n${script}`], { cwd, env: { PATH: process.env.PATH, LANG: 'C.UTF-8' } }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });

/** A store of `count` events written through the event store (chained, as a server writes them), its -wal checkpointed into the file. */
async function storeOf(path: string, count: number): Promise<string> {
  const store = new SqliteEventStore(path, { writerThread: false });
  const { storeId } = await store.identify();
  for (let index = 0; index < count; index += 1) {
    const id = randomUUID();
    const now = new Date().toISOString();
    await store.appendToStream(`note-${id}`, [
      {
        id,
        type: 'TrainingNoteWritten',
        schemaVersion: 1,
        data: { text: '整改'.repeat(400) },
        metadata: { actorId: 'clerk', actorRole: 'ADMIN', actorUnitId: null, commandId: id, correlationId: id, causationId: id, recordedAt: now },
      },
    ], { expectedRevision: 'no_stream' });
  }
  await store.close();
  return storeId;
}

describe('README: recovering what SQLite can read of a damaged store (breaker41-9 S4)', () => {
  (shell ? it : it.skip)('runs the README block as written: the readable events in a new, sound file, the store id kept', async () => {
    const readme = readFileSync(join(process.cwd(), 'README.md'), 'utf8');
    const block = indentedReadmeBlock(readme, '<!-- readme-recover:');
    expect(block).not.toContain('.recover');
    const folder = mkdtempSync(join(tmpdir(), 'rectify-recover-'));
    const path = join(folder, 'rectify.db');
    const storeId = await storeOf(path, 300);
    // A page in the middle of the file written over: the damage a failing disk leaves.
    const size = statSync(path).size;
    const page = 4096;
    const fd = openSync(path, 'r+');
    writeSync(fd, Buffer.alloc(page, 0xff), 0, page, Math.floor(size / page / 2) * page);
    closeSync(fd);
    const damaged = new Database(path, { readonly: true });
    expect(damaged.pragma('quick_check', { simple: true })).not.toBe('ok');
    damaged.close();

    // What the README said before fails with this machine's sqlite3 (3.40.1 on Debian 12).
    const recoverSaid = await bash(`${shell} rectify.db .recover > /dev/null`, folder);
    process.stderr.write(`readme-recover: sqlite3 ${(await bash(`${shell} --version`, folder)).stdout.trim()}: .recover exit ${recoverSaid.code} ${recoverSaid.stderr.trim()}\n`);

    const run = await bash(block, folder);
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toBe('ok');
    const recovered = Number(lines[1]);
    expect(recovered).toBeGreaterThan(0);
    expect(recovered).toBeLessThan(300);
    const db = new Database(join(folder, 'rectify-recovered.db'), { readonly: true });
    try {
      expect((db.prepare('SELECT store_id AS id FROM store_identity').get() as { id: string }).id).toBe(storeId);
      expect((db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n).toBe(recovered);
    } finally {
      db.close();
    }
  }, PROCESS_TEST_CEILING_MS);
});
