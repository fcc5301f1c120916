import { createPrivateKey, generateKeyPairSync, randomUUID } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventToAppend } from './event-store.port.js';
import { SqliteEventStore } from './sqlite-event-store.js';
import { WitnessKeeper, openToolStore } from './store-admission.js';
import { judgeStore, readWitness } from './store-witness.js';
import { rowSealKeyOf } from '../ledger/ledger-mac.js';

const event = (): EventToAppend => ({
  id: randomUUID(),
  type: 'ProbeRecorded',
  schemaVersion: 1,
  data: { probe: true },
  metadata: { actorId: 'system', actorRole: 'SYSTEM', actorUnitId: null, commandId: randomUUID(), correlationId: randomUUID(), causationId: randomUUID(), recordedAt: new Date().toISOString() },
});

const installation = () => {
  const folder = mkdtempSync(join(tmpdir(), 'rectify-witness-follows-'));
  const sqlitePath = join(folder, 'data', 'rectify.db');
  mkdirSync(join(folder, 'data'), { recursive: true });
  mkdirSync(join(folder, 'keys'), { recursive: true });
  writeFileSync(join(folder, 'keys', 'ledger-signing-key.pem'), generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
  return {
    folder,
    settings: {
      EVENT_STORE: 'sqlite' as const,
      SQLITE_PATH: sqlitePath,
      STORE_WITNESS_PATH: `${sqlitePath}.witness.json`,
      LEDGER_SIGNING_KEY_FILE: join(folder, 'keys', 'ledger-signing-key.pem'),
      EVENTSTORE_CONNECTION_STRING: undefined,
    },
  };
};

const keptCopyOf = (folder: string) => {
  const copies = readdirSync(join(folder, 'keys', 'store-witnesses')).filter((name) => name.endsWith('.witness.json'));
  expect(copies).toHaveLength(1);
  return join(folder, 'keys', 'store-witnesses', copies[0]!);
};
const headOf = (path: string) => readWitness(path)!.head;

/*
 * breaker55-9 S1 (serious): `units:import` killed (kill -9) just after its commit — the log at 9243, both witnesses (beside the
 * data and the key folder's copy) at 6243. Its retry found every row stored, answered "all in already, nothing written" and
 * wrote no witness; the running server served 9243 and never witnessed it, nor did its clean stop. The backup from before
 * the import then started `ready`: 3000 acknowledged units gone, ledger:verify intact. Whatever reads a sound log past the
 * witnessed head now witnesses the head it read, so the older backup is STORE_SHORTER.
 */
describe('Appends committed by a process killed before its witness write are witnessed by the next process that reads them', () => {
  let folder: string;
  let settings: ReturnType<typeof installation>['settings'];
  let beforeImport: bigint;
  let afterImport: bigint;

  /** The check a server's admission sets on the rows it follows (`checkFollowedRows`): sealed with the office's key, each vouched for. */
  const sealedRowsCheck = (opened: SqliteEventStore) => {
    const sealKey = rowSealKeyOf(createPrivateKey(readFileSync(settings.LEDGER_SIGNING_KEY_FILE)));
    return (after: bigint, upTo?: bigint) => opened.hasSealedRows() && opened.firstUnvouchedRowAfter(after, sealKey, upTo) === null;
  };

  /** A tool run whose witness writes never landed: both witnesses put back as they were before its append, as a kill -9 leaves them. */
  const killedAfterCommit = async (meanwhile: () => Promise<void> = async () => undefined) => {
    ({ folder, settings } = installation());
    const first = await openToolStore(settings, { newStore: true });
    const before = await first.appendToStream('probe-1', [event(), event()], { expectedRevision: 'no_stream' });
    await first.close();
    beforeImport = before.position.commit;
    await meanwhile();
    const kept = keptCopyOf(folder);
    copyFileSync(settings.STORE_WITNESS_PATH, join(folder, 'witness-before'));
    copyFileSync(kept, join(folder, 'kept-before'));
    const killed = await openToolStore(settings);
    const after = await killed.appendToStream('probe-2', [event(), event(), event()], { expectedRevision: 'no_stream' });
    await killed.close();
    afterImport = after.position.commit;
    copyFileSync(join(folder, 'witness-before'), settings.STORE_WITNESS_PATH);
    copyFileSync(join(folder, 'kept-before'), kept);
    expect([headOf(settings.STORE_WITNESS_PATH), headOf(kept)]).toEqual([String(beforeImport), String(beforeImport)]);
  };
  /** A server's keeper on the store, its witness written (signed) at `beforeImport` as its start wrote it. */
  const serverOn = async (opened: SqliteEventStore, keptCopy: string | null) => {
    const before = readWitness(settings.STORE_WITNESS_PATH)!;
    const identity = await opened.identify();
    const keeper = new WitnessKeeper(
      settings.STORE_WITNESS_PATH,
      { storeId: identity.storeId, kind: 'sqlite', location: settings.SQLITE_PATH },
      (commit) => opened.chainHashAt(commit),
      keptCopy,
      () => opened.headEventToFollow(),
    );
    keeper.keepSigningKey(before.signingKey!, createPrivateKey(readFileSync(settings.LEDGER_SIGNING_KEY_FILE)));
    keeper.noteRowsSealed();
    keeper.write({ commit: beforeImport, prepare: beforeImport }, before.headEvent?.id ?? null);
    return keeper;
  };
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it("a tool's retry that finds the rows stored and appends nothing: both witnesses at the log's head, so the older backup is STORE_SHORTER", async () => {
    await killedAfterCommit();
    const retry = await openToolStore(settings);
    await retry.close();
    const witness = readWitness(settings.STORE_WITNESS_PATH)!;
    expect([witness.head, headOf(keptCopyOf(folder))]).toEqual([String(afterImport), String(afterImport)]);
    // Its chain hash with it: the head is vouched for as that very event.
    const store = new SqliteEventStore(settings.SQLITE_PATH, { writerThread: false });
    try {
      expect(witness.headHash).toBe(store.chainHashAt(afterImport));
    } finally {
      await store.close();
    }
    // The backup taken before the import, restored: refused, naming what it lacks.
    expect(judgeStore(witness, { existed: true, identity: { storeId: witness.storeId, createdAt: '2026-12-01T00:00:00.000Z' } as never, head: beforeImport, location: settings.SQLITE_PATH })?.reason).toBe('STORE_SHORTER');
  });

  it("a server running on the store (its keeper): its once-a-second follow vouches for another process's appends, beside the key too", async () => {
    let store = null as SqliteEventStore | null;
    let server = null as WitnessKeeper | null;
    try {
      // The server is up (its witness written at its start) before the tool's run commits and is killed.
      await killedAfterCommit(async () => {
        store = new SqliteEventStore(settings.SQLITE_PATH);
        server = await serverOn(store, keptCopyOf(folder));
        // The check the server's admission sets: the tool's rows are sealed with the office's key, so they pass it.
        server.checkFollowedRows(sealedRowsCheck(store));
      });
      server!.followStore();
      expect([headOf(settings.STORE_WITNESS_PATH), headOf(keptCopyOf(folder))]).toEqual([String(afterImport), String(afterImport)]);
    } finally {
      server?.close();
      await store?.close();
    }
  });

  it('a server\'s clean stop vouches for them too', async () => {
    let store = null as SqliteEventStore | null;
    let server = null as WitnessKeeper | null;
    try {
      await killedAfterCommit(async () => {
        store = new SqliteEventStore(settings.SQLITE_PATH);
        server = await serverOn(store, keptCopyOf(folder));
      });
      server!.close();
      expect([headOf(settings.STORE_WITNESS_PATH), headOf(keptCopyOf(folder))]).toEqual([String(afterImport), String(afterImport)]);
    } finally {
      await store?.close();
    }
  });

  it('a server does not follow the log over rows that fail its check (not sealed as recorded): the witness keeps what it vouched for', async () => {
    let store = null as SqliteEventStore | null;
    let server = null as WitnessKeeper | null;
    const checked: bigint[] = [];
    try {
      await killedAfterCommit(async () => {
        store = new SqliteEventStore(settings.SQLITE_PATH);
        server = await serverOn(store, keptCopyOf(folder));
        server.checkFollowedRows((after) => {
          checked.push(after);
          return false;
        });
      });
      server!.followStore();
      server!.close();
      expect(checked).toEqual([beforeImport]);
      expect([headOf(settings.STORE_WITNESS_PATH), headOf(keptCopyOf(folder))]).toEqual([String(beforeImport), String(beforeImport)]);
    } finally {
      server?.close();
      await store?.close();
    }
  });
  it('checks a long append a slice a turn before it follows the log: the witness moves once every row passed (breaker56-10 S3)', async () => {
    // A 4,999-item plan:import (~20,000 rows) was checked in one turn of the server's event loop: /health held 5.5–10.6 s.
    let store = null as SqliteEventStore | null;
    let server = null as WitnessKeeper | null;
    const slices: [bigint, bigint][] = [];
    try {
      await killedAfterCommit(async () => {
        store = new SqliteEventStore(settings.SQLITE_PATH);
        server = await serverOn(store, keptCopyOf(folder));
        const vouched = sealedRowsCheck(store);
        server.checkFollowedRows((after, upTo) => {
          slices.push([after, upTo]);
          return vouched(after, upTo);
        });
      });
      expect(afterImport - beforeImport).toBe(3n);
      server!.followStore(1);
      // One row checked in this turn; the witness still at what it vouched for.
      expect(slices).toEqual([[beforeImport, beforeImport + 1n]]);
      expect(headOf(settings.STORE_WITNESS_PATH)).toBe(String(beforeImport));
      for (let turn = 0; turn < 10 && slices.length < 3; turn += 1) await new Promise((resolve) => setImmediate(resolve));
      expect(slices).toEqual([
        [beforeImport, beforeImport + 1n],
        [beforeImport + 1n, beforeImport + 2n],
        [beforeImport + 2n, afterImport],
      ]);
      expect([headOf(settings.STORE_WITNESS_PATH), headOf(keptCopyOf(folder))]).toEqual([String(afterImport), String(afterImport)]);
    } finally {
      server?.close();
      await store?.close();
    }
  });
});
