import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../src/event-store/sqlite-event-store.js';

/** breaker57-9 M2: store:from-wal misused is told what it was given, in Chinese first, with no English inside the Chinese line. */
const fromWal = (args: string[]) =>
  new Promise<{ code: number; stderr: string }>((resolve) => {
    execFile(process.execPath, [join(process.cwd(), 'dist/cli/store-from-wal.js'), ...args], { env: { ...process.env, INIT_CWD: process.cwd() } }, (error, _stdout, stderr) =>
      resolve({ code: error ? Number((error as { code?: unknown }).code ?? 1) : 0, stderr }),
    );
  });

/** The first (Chinese) line holds no English sentence (a run of three English words). */
const chineseLineOf = (stderr: string) => stderr.split('\n')[0]!;

describe('store:from-wal misused (breaker57-9 M2)', () => {
  let folder: string;
  let store: SqliteEventStore;
  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'rectify-from-wal-misused-'));
    store = new SqliteEventStore(join(folder, 'rectify.db'));
    await store.identify();
    await store.appendToStream('unit-a', [{ id: randomUUID(), type: 'Noted', schemaVersion: 1, data: {}, metadata: { recordedAt: '2026-12-07T01:00:00.000Z' } as never }], { expectedRevision: 'no_stream' });
  });
  afterAll(async () => {
    await store.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('on the -wal of a store in use (its .db beside it): nothing to rebuild, not "put the .db back"', async () => {
    const refused = await fromWal([join(folder, 'rectify.db-wal')]);
    expect(refused.code).toBe(1);
    expect(chineseLineOf(refused.stderr)).toContain('该 -wal 是这个事件库自己的');
    expect(chineseLineOf(refused.stderr)).toContain('无须重建');
    expect(refused.stderr).not.toContain('放回其旁');
    expect(chineseLineOf(refused.stderr)).not.toMatch(/[A-Za-z]+ [A-Za-z]+ [A-Za-z]+/);
  });

  it('given the .db: says it is the store file, not a -wal', async () => {
    const refused = await fromWal([join(folder, 'rectify.db'), join(folder, 'x.db')]);
    expect(refused.code).toBe(1);
    expect(chineseLineOf(refused.stderr)).toContain('是事件库文件（.db），不是 -wal 文件');
    expect(chineseLineOf(refused.stderr)).not.toMatch(/[A-Za-z]+ [A-Za-z]+ [A-Za-z]+/);
    expect(existsSync(join(folder, 'x.db'))).toBe(false);
  });

  it('an output file that exists: said in Chinese, nothing written', async () => {
    const apart = join(folder, 'apart');
    mkdirSync(apart);
    copyFileSync(join(folder, 'rectify.db-wal'), join(apart, 'rectify.db-wal'));
    writeFileSync(join(apart, 'taken.db'), 'earlier');
    const refused = await fromWal([join(apart, 'rectify.db-wal'), join(apart, 'taken.db')]);
    expect(refused.code).toBe(1);
    expect(chineseLineOf(refused.stderr)).toContain('已存在：未写出任何内容');
    expect(chineseLineOf(refused.stderr)).not.toMatch(/[A-Za-z]+ [A-Za-z]+ [A-Za-z]+/);
  });
});
