import { createHash, createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { appendFileSync, copyFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ledgerMac } from '../../src/ledger/ledger-keys.js';
import { Logger } from '@nestjs/common';
import { jest } from '@jest/globals';
import { ProjectionEngine } from '../../src/event-sourcing/projection-engine.js';
import { ReadModelSnapshots } from '../../src/event-sourcing/read-model-snapshots.js';
import { PastDayRefolds } from '../../src/scorecard/past-day-refolds.js';
import { DashboardReadModel } from '../../src/rectification/dashboard/dashboard.read-model.js';
import { ProjectedStreams } from '../../src/event-sourcing/projected-streams.js';
import { WrittenWhole, objectsSharedAcrossPieces, readSnapshotFile } from '../../src/event-sourcing/snapshot-file.js';
import { EVENT_STORE, type EventStore } from '../../src/event-store/event-store.port.js';
import type { Projection } from '../../src/event-sourcing/recorded-event.js';
import { evaluationInput, REGISTER_EVALUATION } from '../support/fixtures.js';
import { killHard, startServer, type ServerProcess, PROCESS_TEST_CEILING_MS } from '../support/server-process.js';
import { testSigningKeyFile } from '../support/signing-key.js';
import { freshDatabasePath, startTestApp, type TestApp } from '../support/test-app.js';

/*
 * Issue 12: a restart loads the latest read-model snapshot and replays only the tail of the log; a
 * snapshot of other code, of another store, ahead of the store, or damaged is discarded and the
 * read models are rebuilt from the whole log. Nothing here is timed: replays are counted.
 */

/** Each test starts several apps: a ceiling for a loaded machine, never a timing. */

const snapshotPath = (sqlitePath: string) => `${sqlitePath}.read-models.snapshot`;

const engineOf = (app: TestApp) => app.app.get(ProjectionEngine);

/**
 * A value as comparable plain data: Maps and Sets as tagged entry lists (v8.deserialize makes them in
 * Node's own realm, which Jest's equality cannot walk), bigints as text.
 */
const comparable = (value: unknown): unknown => {
  if (typeof value === 'bigint') return `${value}n`;
  if (value === null || typeof value !== 'object') return value;
  const kind = Object.prototype.toString.call(value);
  if (kind === '[object Map]') return { map: [...(value as Map<unknown, unknown>)].map(([key, entry]) => [comparable(key), comparable(entry)]) };
  if (kind === '[object Set]') return { set: [...(value as Set<unknown>)].map(comparable) };
  if (kind === '[object Array]') return (value as unknown[]).map(comparable);
  return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, comparable(entry)]));
};

/** Every read model's whole state (own fields, or what its snapshot() gives), in registration order. */
const statesOf = (app: TestApp) =>
  engineOf(app).readModels.map((model: Projection) => ({ name: model.constructor.name, state: comparable(model.snapshot ? model.snapshot() : { ...model }) }));

/** The demo's supervisor API token: reading with it appends nothing (no account is made for the test). */
const SUPERVISOR = { authorization: 'Bearer rct_demo_supervisor_qingchuan' };

/** What users see of the read models, over GraphQL. */
const VIEWS = `{
  units { id code name kind }
  dashboard(asOf: "2026-04-01") { percentClosed findings { total open closed } parts { assigned verified reported overdue }
    perUnit { unitId unitName assigned verified } perCategory { key findings closed } openParts { findingId unitId trafficLight dueDate } }
  workPlans { id title year progress { items completedItems parts verifiedParts percentComplete } }
  unitScorecard(asOf: "2026-04-01") { unitId rank onTimeRate }
}`;

const views = async (app: TestApp) => {
  const response = await app.graphql(VIEWS, {}, SUPERVISOR);
  expect(response.errors).toBeUndefined();
  return response.data;
};

/** The same store opened with snapshots off: every read model rebuilt from the whole log. */
async function rebuiltFromLog(sqlitePath: string) {
  const app = await startTestApp({ sqlitePath, settings: { READ_MODEL_SNAPSHOTS: 'false' } });
  try {
    await refoldedAfterStart(app);
    return { states: statesOf(app), views: await views(app), replayed: engineOf(app).replayedAtStart };
  } finally {
    await app.close();
  }
}

/**
 * Once the refold of the parents out of business order that a start leaves to the background (PastDayRefolds, perf12c) is
 * done: a start from a snapshot and a rebuild from the log are compared after it, each having refolded the same parents.
 */
async function refoldedAfterStart(app: TestApp): Promise<void> {
  await app.app.get(PastDayRefolds).underWay;
  expect(app.app.get(PastDayRefolds).pending).toBe(0);
}

/** Waits, a turn of the event loop at a time, until `condition` holds (a ceiling for a loaded machine, never a timing). */
const until = async (condition: () => boolean | Promise<boolean>, what: string) => {
  const ceiling = Date.now() + 60_000;
  while (!(await condition())) {
    if (Date.now() > ceiling) throw new Error(`not seen within the ceiling: ${what}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
};

const register = async (app: TestApp, title: string) => {
  const response = await app.graphql(REGISTER_EVALUATION, { input: evaluationInput({ title, idempotencyKey: `snap-${title}` }) }, SUPERVISOR);
  expect(response.errors).toBeUndefined();
};

describe('Read-model snapshots', () => {
  let sqlitePath: string;
  /** Events in the log after the first app closed (demo data and its users). */
  let seeded: number;
  /**
   * The store each test starts from, made once: the demo, an inspector's account and one evaluation, its
   * snapshot written when that app stopped, then opened once with snapshots off. Each test gets a copy of its
   * whole folder (database, witness, snapshot) at a path of its own — a copy of a store is served as the
   * store (a training copy, a restore test) — rather than two app starts of its own (19 tests).
   */
  let template: string;
  let templateSeeded: number;

  beforeAll(async () => {
    template = freshDatabasePath();
    const first = await startTestApp({ sqlitePath: template, demoData: true });
    await first.as('INSPECTOR');
    await register(first, '第一份评估');
    await first.close();
    templateSeeded = Number((await rebuiltFromLog(template)).replayed);
  }, PROCESS_TEST_CEILING_MS);

  beforeEach(() => {
    sqlitePath = freshDatabasePath();
    cpSync(dirname(template), dirname(sqlitePath), { recursive: true });
    seeded = templateSeeded;
    expect(existsSync(snapshotPath(sqlitePath))).toBe(true);
  });

  it('restore every read model exactly as a full rebuild leaves it, and replay only the tail of the log', async () => {
    // Events the snapshot does not hold: appended by a server that keeps no snapshot.
    const writer = await startTestApp({ sqlitePath, settings: { READ_MODEL_SNAPSHOTS: 'false' } });
    await register(writer, '第二份评估');
    await writer.as('ADMIN');
    const tail = Number(engineOf(writer).position!.commit) - seeded;
    await writer.close();
    expect(tail).toBeGreaterThan(0);

    const restarted = await startTestApp({ sqlitePath });
    try {
      expect(engineOf(restarted).replayedAtStart).toBe(tail);
      const metrics = await (await fetch(`${restarted.url}/metrics`, { headers: { authorization: 'Bearer rct_demo_admin_qingchuan' } })).text();
      expect(metrics).toMatch(new RegExp(`^rectify_events_replayed_at_start ${tail}$`, 'm'));
      expect(metrics).toMatch(new RegExp(`^rectify_read_model_snapshot_position ${seeded}$`, 'm'));
      const rebuilt = await rebuiltFromLog(sqlitePath);
      expect(rebuilt.replayed).toBe(seeded + tail);
      expect(statesOf(restarted)).toEqual(rebuilt.states);
      expect(await views(restarted)).toEqual(rebuilt.views);
      // And it goes on projecting live events on top of the restored state.
      await register(restarted, '第三份评估');
      expect(((await restarted.graphql('{ evaluations(first: 200) { nodes { title } } }', {}, SUPERVISOR)).data!.evaluations.nodes as { title: string }[]).map((e) => e.title)).toEqual(
        expect.arrayContaining(['第一份评估', '第二份评估', '第三份评估']),
      );
    } finally {
      await restarted.close();
    }
  }, PROCESS_TEST_CEILING_MS);

  it('is written at shutdown, so a restart with nothing new replays nothing', async () => {
    const restarted = await startTestApp({ sqlitePath });
    try {
      expect(engineOf(restarted).replayedAtStart).toBe(0);
      expect(statesOf(restarted)).toEqual((await rebuiltFromLog(sqlitePath)).states);
    } finally {
      await restarted.close();
    }
  }, PROCESS_TEST_CEILING_MS);

  it('written while requests are answered, is whole and loads: a restart replays nothing and equals a full rebuild (breaker12i P4)', async () => {
    // Each piece is a serialisation of its own: no read model, as its events built it, keeps a mutable object in two pieces, unless written whole.
    const rebuilding = await startTestApp({ sqlitePath, settings: { READ_MODEL_SNAPSHOTS: 'false' } });
    try {
      const states = engineOf(rebuilding).readModels.map((model: Projection) => {
        const state = model.snapshot ? model.snapshot() : { ...model };
        return model.sharesObjects ? new WrittenWhole(state) : state;
      });
      expect(objectsSharedAcrossPieces(states)).toEqual([]);
    } finally {
      await rebuilding.close();
    }
    const app = await startTestApp({ sqlitePath });
    try {
      const engine = engineOf(app);
      await register(app, '快照期间的评估');
      // Users keep reading while it is captured and written (lists that leave no day's figures kept, so the state is the log's alone).
      let writing = true;
      const reading = (async () => {
        while (writing) {
          const answer = await app.graphql('{ units { id name } evaluations(first: 200) { totalCount } }', {}, SUPERVISOR);
          expect(answer.errors).toBeUndefined();
        }
      })();
      await engine.writeSnapshot();
      writing = false;
      await reading;
      expect(readSnapshotFile(snapshotPath(sqlitePath))!.header.position.commit).toBe(engine.position!.commit.toString());
    } finally {
      await app.close();
    }
    const restarted = await startTestApp({ sqlitePath });
    try {
      expect(engineOf(restarted).replayedAtStart).toBe(0);
      const rebuilt = await rebuiltFromLog(sqlitePath);
      expect(statesOf(restarted)).toEqual(rebuilt.states);
      expect(await views(restarted)).toEqual(rebuilt.views);
    } finally {
      await restarted.close();
    }
  }, PROCESS_TEST_CEILING_MS);

  it('is written every READ_MODEL_SNAPSHOT_EVERY_EVENTS events while serving', async () => {
    const app = await startTestApp({ sqlitePath, settings: { READ_MODEL_SNAPSHOT_EVERY_EVENTS: '1' } });
    try {
      const before = readFileSync(snapshotPath(sqlitePath));
      await register(app, '第二份评估');
      const head = engineOf(app).position!.commit.toString();
      // Written off the event loop after the event: wait for the file to say the new position.
      const ceiling = Date.now() + 50_000;
      while (!readFileSync(snapshotPath(sqlitePath)).toString('latin1').includes(`"commit":"${head}"`) && Date.now() < ceiling) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(readFileSync(snapshotPath(sqlitePath)).equals(before)).toBe(false);
      expect(readFileSync(snapshotPath(sqlitePath)).toString('latin1')).toContain(`"commit":"${head}"`);
    } finally {
      await app.close();
    }
  }, 120_000);

  it('is captured a piece at a time: queries are answered meanwhile, and events wait, so it holds one position', async () => {
    const app = await startTestApp({ sqlitePath });
    try {
      const engine = engineOf(app);
      const snapshots = app.app.get(ReadModelSnapshots);
      const store = app.app.get<EventStore>(EVENT_STORE);
      // The capture is held at its first pause until the test lets it go on.
      let paused = false;
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      const capture = snapshots.capture.bind(snapshots);
      jest.spyOn(snapshots, 'capture').mockImplementation((projections, position, eventId, pause) =>
        capture(projections, position, eventId, async () => {
          if (!paused) {
            paused = true;
            await held;
          }
          await pause?.();
        }),
      );
      // However long the test holds the capture, an event waiting is not what puts it off here (see the next test).
      engine.snapshotHoldCeilingMs = Number.POSITIVE_INFINITY;
      const at = engine.position!;
      const writing = engine.writeSnapshot();
      await until(() => paused, 'the capture paused');

      // Reads are answered while the capture is held (the event loop is free between pieces).
      const answered = await app.graphql('{ evaluations(first: 200) { totalCount } }', {}, SUPERVISOR);
      expect(answered.errors).toBeUndefined();
      // A mutation's event is appended, but not applied while the capture is held: the snapshot stays one state at one position.
      const mutation = register(app, '第二份评估');
      await until(async () => (await store.headPosition())!.commit > at.commit, 'the mutation appended');
      expect(engine.position).toEqual(at);

      release();
      await writing;
      await mutation;
      expect(engine.position!.commit).toBeGreaterThan(at.commit);
      expect(readSnapshotFile(snapshotPath(sqlitePath))!.header.position).toEqual({ commit: at.commit.toString(), prepare: at.prepare.toString() });
    } finally {
      await app.close();
    }
  }, PROCESS_TEST_CEILING_MS);

  it('captured while a past day is asked, holds the read models as they were when it began: the day’s refold waits for the capture (perf2 s25 Left 3)', async () => {
    const app = await startTestApp({ sqlitePath });
    let release = () => {};
    try {
      const engine = engineOf(app);
      const dashboards = app.app.get(DashboardReadModel);
      const snapshots = app.app.get(ReadModelSnapshots);
      // A finding withdrawn: refolded from its stream before the next answer about a past day.
      // (One with no verified work: withdrawing such work is refused.)
      const { data } = await app.graphql('{ findings(first: 200) { nodes { id assignments { status } } } }', {}, SUPERVISOR);
      const nodes = data!.findings.nodes as { id: string; assignments: { status: string }[] }[];
      const findingId = nodes.find((finding) => finding.assignments.every((part) => part.status !== 'VERIFIED'))!.id;
      const withdrawn = await app.graphql('mutation($input: WithdrawFindingInput!) { withdrawFinding(input: $input) { id } }', {
        input: { idempotencyKey: 'snap-left3-withdraw', findingId, reason: '与另一项重复登记' },
      }, SUPERVISOR);
      expect(withdrawn.errors).toBeUndefined();
      expect(dashboards.findingsToRefold).toBe(1);

      // The capture held after its first piece…
      let paused = false;
      const held = new Promise<void>((resolve) => (release = resolve));
      const capture = snapshots.capture.bind(snapshots);
      jest.spyOn(snapshots, 'capture').mockImplementation((projections, position, eventId, pause) =>
        capture(projections, position, eventId, async () => {
          if (!paused) {
            paused = true;
            await held;
          }
          await pause?.();
        }),
      );
      // (The read models' stream reads watched.)
      let streamRead = false;
      const streams = app.app.get(ProjectedStreams);
      const read = streams.read.bind(streams);
      jest.spyOn(streams, 'read').mockImplementation(async (streamId, options) => {
        const events = await read(streamId, options);
        if (streamId === `finding-${findingId}`) streamRead = true;
        return events;
      });
      const writing = engine.writeSnapshot();
      await until(() => paused, 'the capture paused');
      const whenItBegan = statesOf(app);
      // …while 总览 is asked about a past day: the refold reads the finding's stream, then waits for the capture's end.
      const asked = app.graphql('{ dashboard(asOf: "2026-03-20") { findings { total open closed } } }', {}, SUPERVISOR);
      await until(() => streamRead, 'the refold read the stream');
      await new Promise((resolve) => setImmediate(resolve));
      expect(dashboards.findingsToRefold).toBe(1);
      expect(statesOf(app)).toEqual(whenItBegan);

      release();
      await writing;
      const answer = await asked;
      expect(answer.errors).toBeUndefined();
      expect(dashboards.findingsToRefold).toBe(0);
    } finally {
      // A failed expectation must not leave the capture held: the app's close waits for it.
      release();
      await app.close();
    }
    // The snapshot is the read models as they stood when it began (nothing arrived since, so none is written at shutdown): as a rebuild leaves them.
    const restarted = await startTestApp({ sqlitePath });
    try {
      expect(engineOf(restarted).replayedAtStart).toBe(0);
      // The finding withdrawn above waited for its refold in the snapshot as in the log: refolded in the background by both.
      await refoldedAfterStart(restarted);
      const rebuilt = await rebuiltFromLog(sqlitePath);
      expect(statesOf(restarted)).toEqual(rebuilt.states);
      expect(await views(restarted)).toEqual(rebuilt.views);
    } finally {
      await restarted.close();
    }
  }, PROCESS_TEST_CEILING_MS);

  it('is put off, never finished at once, once an event has waited its ceiling, and written by a later try (breaker12h P9: a capture meeting an import held everyone 22 s)', async () => {
    const app = await startTestApp({ sqlitePath });
    try {
      const engine = engineOf(app);
      const snapshots = app.app.get(ReadModelSnapshots);
      const store = app.app.get<EventStore>(EVENT_STORE);
      const writtenBefore = readSnapshotFile(snapshotPath(sqlitePath))!.header.writtenAt;
      let pauses = 0;
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      const capture = snapshots.capture.bind(snapshots);
      const spy = jest.spyOn(snapshots, 'capture').mockImplementation((projections, position, eventId, pause) =>
        capture(projections, position, eventId, async () => {
          pauses += 1;
          if (pauses === 1) await held;
          await pause?.();
        }),
      );
      // Any wait is past the ceiling: the first pause after an event arrived puts the capture off.
      engine.snapshotHoldCeilingMs = 0;
      const at = engine.position!;
      const writing = engine.writeSnapshot();
      await until(() => pauses === 1, 'the capture paused');
      const mutation = register(app, '第三份评估');
      await until(async () => (await store.headPosition())!.commit > at.commit, 'the mutation appended');
      await until(() => (engine as unknown as { eventsWaitingSince: number | null }).eventsWaitingSince !== null, 'the event waiting for the capture');
      release();
      await writing;
      await mutation;
      // Put off at the first pause after the event arrived (the one the test held): no piece serialised after it, nothing written, the event applied.
      expect(pauses).toBe(1);
      expect(readSnapshotFile(snapshotPath(sqlitePath))!.header.writtenAt).toBe(writtenBefore);
      expect(engine.position!.commit).toBeGreaterThan(at.commit);

      // A later try, with nothing arriving, is written at the position it reached.
      spy.mockRestore();
      engine.snapshotHoldCeilingMs = Number.POSITIVE_INFINITY;
      await engine.writeSnapshot();
      const now = engine.position!;
      expect(readSnapshotFile(snapshotPath(sqlitePath))!.header.position).toEqual({ commit: now.commit.toString(), prepare: now.prepare.toString() });
    } finally {
      await app.close();
    }
  }, PROCESS_TEST_CEILING_MS);

  const officeKey = () => createPrivateKey(readFileSync(testSigningKeyFile()));

  /**
   * Rewrites the snapshot's JSON header and payload, keeping the rest of the file, and gives it the
   * MAC `key` computes (the office's key by default: as a server holding the key would have
   * written it), or leaves the old MAC (`key: null`: an edit by someone without the key).
   */
  const rewriteSnapshot = (edit: { header?: (header: Record<string, unknown>) => void; payload?: (payload: Buffer) => Buffer; key?: KeyObject | null }) => {
    const bytes = readFileSync(snapshotPath(sqlitePath));
    const magic = 'RECTIFY-READ-MODELS\n'.length;
    const length = bytes.readUInt32BE(magic);
    const header = JSON.parse(bytes.subarray(magic + 4, magic + 4 + length).toString('utf8')) as Record<string, unknown>;
    edit.header?.(header);
    const oldMac = bytes.subarray(magic + 4 + length, magic + 4 + length + 32);
    const payload = (edit.payload ?? ((unchanged) => unchanged))(Buffer.from(bytes.subarray(magic + 4 + length + 32)));
    const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
    const newLength = Buffer.alloc(4);
    newLength.writeUInt32BE(headerBytes.length);
    const signed = [bytes.subarray(0, magic), newLength, headerBytes, payload];
    const key = edit.key === undefined ? officeKey() : edit.key;
    writeFileSync(snapshotPath(sqlitePath), Buffer.concat([...signed.slice(0, 3), key ? ledgerMac(key, 'read-model snapshot', signed) : oldMac, payload]));
  };
  /** Rewrites a field of the snapshot's JSON header, keeping the file otherwise intact and its MAC right. */
  const editHeader = (edit: (header: Record<string, unknown>) => void) => rewriteSnapshot({ header: edit });

  const expectFullRebuild = async (settings: Record<string, string> = {}) => {
    const app = await startTestApp({ sqlitePath, settings });
    try {
      const rebuilt = await rebuiltFromLog(sqlitePath);
      expect(engineOf(app).replayedAtStart).toBe(rebuilt.replayed);
      expect(statesOf(app)).toEqual(rebuilt.states);
      expect(await views(app)).toEqual(rebuilt.views);
    } finally {
      await app.close();
    }
  };

  it('from another code version is discarded and the read models rebuilt', async () => {
    editHeader((header) => (header.codeVersion = 'f'.repeat(64)));
    await expectFullRebuild();
  }, PROCESS_TEST_CEILING_MS);

  it('holding other read models is discarded', async () => {
    editHeader((header) => (header.readModels = (header.readModels as string[]).slice(1)));
    await expectFullRebuild();
  }, PROCESS_TEST_CEILING_MS);

  it('that is damaged (flipped byte, truncated) is ignored with a warning and the read models rebuilt', async () => {
    const intact = readFileSync(snapshotPath(sqlitePath));
    const flipped = Buffer.from(intact);
    flipped[flipped.length - 100] = flipped[flipped.length - 100]! ^ 0xff;
    writeFileSync(snapshotPath(sqlitePath), flipped);
    await expectFullRebuild();
    writeFileSync(snapshotPath(sqlitePath), intact.subarray(0, Math.floor(intact.length / 2)));
    await expectFullRebuild();
  }, PROCESS_TEST_CEILING_MS);

  // breaker9b N0: a file at the snapshot path that is no snapshot at all was "ignored", then replaced
  // by the snapshot at shutdown — the database, the signing key, whatever a wrong setting named.
  it('that is no snapshot at all refuses the start, naming READ_MODEL_SNAPSHOT_PATH, and is left as it was', async () => {
    writeFileSync(snapshotPath(sqlitePath), 'notes of the office, not a snapshot');
    await expect(startTestApp({ sqlitePath })).rejects.toThrow(`READ_MODEL_SNAPSHOT_PATH=${snapshotPath(sqlitePath)} names a file Rectify did not write, not the file this setting is for: it is neither read nor written over`);
    expect(readFileSync(snapshotPath(sqlitePath), 'utf8')).toBe('notes of the office, not a snapshot');
  }, PROCESS_TEST_CEILING_MS);

  it('edited or forged without the office ledger key (a checksum anyone can recompute is not enough) is discarded with a warning, never used', async () => {
    const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
    const FORGED = 'rct_snapshot_forged_0001';
    // The admin's token hash replaced in the read-model state by the hash of a token the forger knows.
    const forgeAdminToken = (payload: Buffer) => {
      const at = payload.indexOf(sha256('rct_demo_admin_qingchuan'), 0, 'latin1');
      expect(at).toBeGreaterThan(0);
      payload.write(sha256(FORGED), at, 'latin1');
      return payload;
    };
    const role = async (app: TestApp) => (await app.graphql('{ me { role } }', {}, { authorization: `Bearer ${FORGED}` })).data?.me?.role ?? null;
    const intact = readFileSync(snapshotPath(sqlitePath));
    const warnings = jest.spyOn(Logger.prototype, 'warn');
    try {
      for (const key of [null, generateKeyPairSync('ed25519').privateKey]) {
        writeFileSync(snapshotPath(sqlitePath), intact);
        rewriteSnapshot({ payload: forgeAdminToken, key });
        warnings.mockClear();
        const app = await startTestApp({ sqlitePath });
        try {
          expect(await role(app)).toBeNull();
          expect(engineOf(app).replayedAtStart).toBe(seeded);
          expect(warnings.mock.calls.map(([message]) => String(message))).toContainEqual(expect.stringMatching(/Snapshot .* discarded: its MAC does not hold under this office's ledger key/));
        } finally {
          await app.close();
        }
      }
      // The control: the same forgery with the office's key is what a MAC keeps out.
      writeFileSync(snapshotPath(sqlitePath), intact);
      rewriteSnapshot({ payload: forgeAdminToken });
      const app = await startTestApp({ sqlitePath });
      try {
        expect(await role(app)).toBe('ADMIN');
      } finally {
        await app.close();
      }
    } finally {
      warnings.mockRestore();
    }
  }, PROCESS_TEST_CEILING_MS);

  it('of another store is discarded', async () => {
    editHeader((header) => (header.storeId = '00000000-0000-4000-8000-000000000000'));
    await expectFullRebuild();
  }, PROCESS_TEST_CEILING_MS);

  it('ahead of a store restored from an older backup is discarded', async () => {
    const backup = `${sqlitePath}.backup`;
    copyFileSync(sqlitePath, backup);
    const app = await startTestApp({ sqlitePath });
    await register(app, '第二份评估');
    await app.close();
    // The store goes back to the backup, shorter than the snapshot written at that shutdown.
    rmSync(`${sqlitePath}-wal`, { force: true });
    rmSync(`${sqlitePath}-shm`, { force: true });
    copyFileSync(backup, sqlitePath);
    await expectFullRebuild({ ACCEPT_STORE_RESET: 'true' });
  }, PROCESS_TEST_CEILING_MS);

  it('of the same store id and length but another history is discarded (another event id there, or SQLite chain hash)', async () => {
    const intact = readFileSync(snapshotPath(sqlitePath));
    editHeader((header) => (header.eventId = '00000000-0000-4000-8000-000000000000'));
    await expectFullRebuild();
    writeFileSync(snapshotPath(sqlitePath), intact);
    editHeader((header) => (header.chainHash = '0'.repeat(64)));
    await expectFullRebuild();
  }, PROCESS_TEST_CEILING_MS);
});

/** Waits (with a generous ceiling, not a timing) until the server's output has the line. */
async function waitForLine(server: ServerProcess, line: RegExp) {
  const ceiling = Date.now() + 120_000;
  while (!line.test(server.output()) && Date.now() < ceiling) await new Promise((resolve) => setTimeout(resolve, 100));
}

describe('A restarted server process', () => {
  it('replays only the events after its snapshot, as its log says', async () => {
    const sqlitePath = freshDatabasePath();
    // The built server writes the snapshot (its code version is the built code's), at SIGTERM.
    const seeding = await startServer(sqlitePath, { env: { DEMO_DATA: 'true' } });
    // The demo is seeded once the read models are rebuilt: its events make the snapshot.
    await waitForLine(seeding, /Demo data ready/);
    seeding.child.kill('SIGTERM');
    await new Promise((resolve) => seeding.child.once('exit', resolve));
    expect(seeding.output()).toMatch(/Read-model snapshot written at position/);
    const seeded = Number((await rebuiltFromLog(sqlitePath)).replayed);
    const writer = await startTestApp({ sqlitePath, settings: { READ_MODEL_SNAPSHOTS: 'false' } });
    await register(writer, '第二份评估');
    const tail = Number(engineOf(writer).position!.commit) - seeded;
    await writer.close();

    const server = await startServer(sqlitePath);
    try {
      await waitForLine(server, /Read models (restored|rebuilt)/);
      expect(server.output()).toMatch(new RegExp(`Read models restored from the snapshot at position ${seeded} .*replayed ${tail} events up to position ${seeded + tail}`));
    } finally {
      await killHard(server.child);
    }
  }, 300_000);
});

/**
 * A copy of the built app in a folder of its own (its dist/ copied; node_modules, the web app and
 * the samples linked), so that a test can build "a new version" over it while a server runs it.
 */
function installedCopy() {
  const folder = mkdtempSync(join(tmpdir(), 'rectify-install-'));
  cpSync(join(process.cwd(), 'dist'), join(folder, 'dist'), { recursive: true });
  copyFileSync(join(process.cwd(), 'package.json'), join(folder, 'package.json'));
  for (const linked of ['node_modules', 'samples']) symlinkSync(join(process.cwd(), linked), join(folder, linked));
  cpSync(join(process.cwd(), 'web', 'dist'), join(folder, 'web', 'dist'), { recursive: true });
  return { folder, main: join(folder, 'dist', 'main.js') };
}

const stopped = async (server: ServerProcess) => {
  server.child.kill('SIGTERM');
  if (server.child.exitCode === null && server.child.signalCode === null) await new Promise((resolve) => server.child.once('exit', resolve));
};

// breaker8d P6: the README's upgrade order is "build, then restart". A server that had written no
// snapshot yet stamped the one it wrote at shutdown with the hash of the files on disk by then — the
// new build's — so the new build restored the old code's read models as its own.
describe('A server stopped after a new build was written over its code', () => {
  it("stamps its snapshot with the code it started with, so the new build rebuilds the read models rather than take the old code's", async () => {
    const install = installedCopy();
    const sqlitePath = freshDatabasePath();
    try {
      // Build A serves a new store (no snapshot: none is judged at its start) and writes none while serving.
      const a = await startServer(sqlitePath, { script: install.main, env: { DEMO_DATA: 'true' } });
      await waitForLine(a, /Demo data ready/);
      expect(existsSync(snapshotPath(sqlitePath))).toBe(false);
      // `npm run build` while A runs: build B's code differs.
      appendFileSync(join(install.folder, 'dist', 'event-sourcing', 'projection-engine.js'), '\n// build B\n');
      await stopped(a);
      expect(a.output()).toMatch(/Read-model snapshot written at position/);
      const writtenByA = readSnapshotFile(snapshotPath(sqlitePath))!.header;

      const b = await startServer(sqlitePath, { script: install.main });
      await waitForLine(b, /Read models (restored|rebuilt)/);
      await stopped(b);
      expect(b.output()).toMatch(/Snapshot .* discarded: it was written by another version of Rectify/);
      expect(b.output()).toMatch(new RegExp(`Read models rebuilt from the log: replayed ${writtenByA.position.commit} events`));
      const writtenByB = readSnapshotFile(snapshotPath(sqlitePath))!.header;
      expect(writtenByB.codeVersion).not.toBe(writtenByA.codeVersion);

      // The control: B restarted takes its own snapshot.
      const again = await startServer(sqlitePath, { script: install.main });
      try {
        await waitForLine(again, /Read models (restored|rebuilt)/);
        expect(again.output()).toMatch(/Read models restored from the snapshot at position \d+ .*replayed 0 events/);
      } finally {
        await killHard(again.child);
      }
    } finally {
      rmSync(install.folder, { recursive: true, force: true });
    }
  }, 400_000);
});

// breaker12 P9: touching dist while a server started turned its snapshots off for its whole life
// with one log line: /health said nothing, and the next start replayed the whole log.
describe('/health says when this process keeps no read-model snapshot', () => {
  it(
    'names READ_MODEL_SNAPSHOTS_OFF when the code changed on disk while the server started (a build during the start)',
    async () => {
      const install = installedCopy();
      const sqlitePath = freshDatabasePath();
      try {
        // A file of the build written after the process started: its time is later than the start.
        const touched = join(install.folder, 'dist', 'event-sourcing', 'projection-engine.js');
        const later = new Date(Date.now() + 10 * 60_000);
        utimesSync(touched, later, later);
        const server = await startServer(sqlitePath, { script: install.main });
        try {
          const health = (await (await fetch(`http://127.0.0.1:${server.port}/health`)).json()) as { notices: { cause: string; since: string }[] };
          expect(health.notices.filter(({ cause }) => cause.startsWith('READ_MODEL_'))).toEqual([{ cause: 'READ_MODEL_SNAPSHOTS_OFF', since: expect.any(String), messageZh: expect.stringMatching(/^服务器启动期间程序文件被改动/) }]);
          expect(server.output()).toMatch(/neither uses nor writes a read-model snapshot/);
          // The log says it in Chinese too (breaker12b P6).
          expect(server.output()).toMatch(/因此不使用也不写入读模型快照/);
        } finally {
          await killHard(server.child);
        }
      } finally {
        rmSync(install.folder, { recursive: true, force: true });
      }
    },
    PROCESS_TEST_CEILING_MS,
  );

  it('names READ_MODEL_SNAPSHOT_NOT_WRITTEN while snapshots fail to be written, until one is', async () => {
    const app = await startTestApp({ demoData: true });
    try {
      const snapshots = app.app.get(ReadModelSnapshots);
      const engine = app.app.get(ProjectionEngine);
      // Only the snapshot's notices (a test store may carry others, e.g. about its copy's name).
      const notices = async () =>
        ((await (await fetch(`${app.url}/health`)).json()) as { notices: { cause: string }[] }).notices.map((notice) => notice.cause).filter((cause) => cause.startsWith('READ_MODEL_'));
      expect(await notices()).toEqual([]);
      const write = jest.spyOn(snapshots, 'write').mockRejectedValue(Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' }));
      const logged = jest.spyOn(Logger.prototype, 'warn');
      await engine.writeSnapshot();
      expect(await notices()).toEqual(['READ_MODEL_SNAPSHOT_NOT_WRITTEN']);
      // breaker12b P6: its words in /health (no path: /health is unauthenticated) and, once, in both languages in the log.
      const health = (await (await fetch(`${app.url}/health`)).json()) as { notices: { cause: string; messageZh: string }[] };
      expect(health.notices.find(({ cause }) => cause === 'READ_MODEL_SNAPSHOT_NOT_WRITTEN')!.messageZh).toMatch(/^读模型快照写入失败：在写成之前，下次启动须重放全部事件日志/);
      expect(logged.mock.calls.map(([line]) => String(line)).filter((line) => line.includes('读模型快照'))).toEqual([expect.stringMatching(/读模型快照 .* 写入失败（Error: ENOSPC.*could not be written \(Error: ENOSPC/)]);
      await engine.writeSnapshot();
      expect(logged.mock.calls.map(([line]) => String(line)).filter((line) => line.includes('读模型快照'))).toHaveLength(1);
      logged.mockRestore();
      write.mockRestore();
      await engine.writeSnapshot();
      expect(await notices()).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
