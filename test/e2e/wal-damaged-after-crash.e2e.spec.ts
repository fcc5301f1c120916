import Database from 'better-sqlite3';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { toolOnStore } from '../support/cli-tool.js';
import { join } from 'node:path';
import { freshDatabasePath } from '../support/test-app.js';
import { graphqlAt, killHard, PROCESS_TEST_CEILING_MS, refusedStart, startServer } from '../support/server-process.js';

/*
 * breaker45-9 S1: the server killed (-9) after acknowledged writes, then one byte of its -wal damaged (a bad block, a copy
 * gone wrong). SQLite stops reading at that frame, so the store reads shorter than its witness: the refusal blamed a .db
 * restored from a backup, and its one way on (--accept-store-reset) checkpointed and deleted the -wal, keeping no copy —
 * 177 acknowledged events gone, though all but one byte of them were in the file. Now the refusal names the damaged frame
 * and an accepting start keeps a copy of the -wal first, from which every acknowledged event can still be read.
 */

const SUPERVISOR = { authorization: 'Bearer rct_demo_supervisor_qingchuan' };
const URGE = 'mutation($input: UrgeUnitInput!) { urgeUnit(input: $input) { __typename } }';
const FINDING = '86b5338d-09e7-55e6-85a4-74983abf55af';
const UNIT = '53f88dd5-a3b4-510c-8bee-bbe3bdeb669e';

const headOf = (path: string) => {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT max(position) AS head FROM events').get() as { head: number }).head;
  } finally {
    db.close();
  }
};

describe('a -wal damaged in one frame after a crash', () => {
  it('is refused as damaged (not as a restored .db), and the start that accepts the store keeps a copy of it from which every acknowledged event reads', async () => {
    const sqlitePath = freshDatabasePath();
    const env = { DEMO_DATA: 'true', READ_MODEL_SNAPSHOTS: 'false', LEDGER_CHECKPOINT_MINUTES: '0' };
    const server = await startServer(sqlitePath, { env });
    for (let round = 1; round <= 20; round++) {
      const answer = await graphqlAt(server.port, URGE, { input: { idempotencyKey: `wal-damage-${round}`, findingId: FINDING, unitId: UNIT, message: `催办第${round}次` } }, SUPERVISOR);
      expect(answer.errors).toBeUndefined();
    }
    const acknowledged = headOf(sqlitePath);
    await killHard(server.child);

    // The crashed .db kept as it is (the accepting start checkpoints into it), then one byte of a frame 60 % into the -wal flipped.
    const kept = join(sqlitePath, '..', 'as-crashed');
    mkdirSync(kept);
    copyFileSync(sqlitePath, join(kept, 'rectify.db'));
    const wal = readFileSync(`${sqlitePath}-wal`);
    const pageSize = wal.readUInt32BE(8);
    const frames = Math.floor((wal.length - 32) / (24 + pageSize));
    const frame = Math.floor(frames * 0.6);
    const at = 32 + frame * (24 + pageSize) + 24 + 100;
    wal[at]! ^= 0xff;
    writeFileSync(`${sqlitePath}-wal`, wal);

    const refused = await refusedStart(sqlitePath, { env });
    expect(refused.code).toBe(3);
    expect(refused.output).toContain('STORE_SHORTER');
    expect(refused.output).toContain(`because its -wal file is damaged — the .db was not rolled back to an older copy`);
    expect(refused.output).toContain(`from frame ${frame + 1} of its ${frames} frames on its checksums fail`);
    expect(refused.output).toContain(`从第 ${frame + 1} 帧起（共 ${frames} 帧）校验和不符`);
    expect(refused.output).toContain('-wal.damaged-<');
    expect(refused.output).not.toContain('If only the .db was restored from a backup');
    // The refused start changed nothing.
    expect(readFileSync(`${sqlitePath}-wal`).equals(wal)).toBe(true);

    // breaker46-9 M1: ledger:verify said the events past the break "were removed", no word of the -wal; now it names the
    // damaged -wal as the start does. M2: store:backup --copy-refused-store said only "Copied as asked": it says what its copy lacks.
    const verified = await toolOnStore('ledger-verify', [], sqlitePath);
    expect(verified.code).toBe(1);
    expect(verified.stdout).toContain('这些事件并没有被删除：事件库读出的内容较短，原因是其 -wal 文件损坏');
    expect(verified.stdout).toContain(`from frame ${frame + 1} of its ${frames} frames on its checksums fail`);
    expect(verified.stdout).not.toContain('已被删除');
    const backedUp = await toolOnStore('backup-store', [join(mkdtempSync(join(tmpdir(), 'rectify-refused-copy-')), 'copy'), '--copy-refused-store'], sqlitePath);
    expect(backedUp.code).toBe(0);
    expect(backedUp.stderr).toContain(`It lacks everything past frame ${frame + 1} of the damaged -wal`);
    expect(backedUp.stderr).toContain(`该副本缺少损坏的 -wal 第 ${frame + 1} 帧之后的全部内容`);
    expect(readFileSync(`${sqlitePath}-wal`).equals(wal)).toBe(true);

    const accepting = await startServer(sqlitePath, { env: { ...env, ACCEPT_STORE_RESET: 'true' } });
    const reply = await graphqlAt(accepting.port, URGE, { input: { idempotencyKey: 'wal-damage-after', findingId: FINDING, unitId: UNIT, message: '接受后的新催办' } }, SUPERVISOR);
    expect(reply.errors).toBeUndefined();
    expect(accepting.output()).toMatch(/A copy of it was kept as \S+rectify\.db-wal\.damaged-\S+ before the store was opened/);
    await new Promise<void>((resolve) => {
      accepting.child.once('exit', () => resolve());
      accepting.child.kill('SIGTERM');
    });

    // The copy is the damaged -wal byte for byte; with the byte put back, it and the crashed .db hold every acknowledged event.
    const copies = readdirSync(join(sqlitePath, '..')).filter((name) => name.startsWith('rectify.db-wal.damaged-'));
    expect(copies).toHaveLength(1);
    const copy = readFileSync(join(sqlitePath, '..', copies[0]!));
    expect(copy.equals(wal)).toBe(true);
    copy[at]! ^= 0xff;
    writeFileSync(join(kept, 'rectify.db-wal'), copy);
    expect(headOf(join(kept, 'rectify.db'))).toBe(acknowledged);
  }, PROCESS_TEST_CEILING_MS);
});
