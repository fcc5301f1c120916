import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHmac } from 'node:crypto';
import v8 from 'node:v8';
import {
  MAC_SLICE_BYTES,
  WrittenWhole,
  decodeSnapshotStates,
  encodeSnapshot,
  isAuthentic,
  judgeCodeAt,
  objectsSharedAcrossPieces,
  readSnapshotFile,
  writeSnapshotFile,
  type SnapshotAuthenticator,
  type SnapshotBytes,
} from './snapshot-file.js';
import { StringTable } from '../shared/interned-strings.js';
import { addOnDay, countBefore, emptyDayCounts, type DayCounts } from '../assignments/read-model/part-tallies.js';

/*
 * A snapshot is serialised a piece at a time (issue 12: the event loop is given back between pieces
 * while a million events' read models are written), each piece a serialisation of its own (breaker12i
 * P4: one serializer for them all cost each piece more the more was written before it), yet it must
 * come back as the read models were: every entry of every container; an object shared between pieces
 * comes back shared only from a state written whole, so a state that shares a mutable object across
 * pieces is found by `objectsSharedAcrossPieces`.
 */

/** The payload as the file holds it: its chunks one after another. */
const payloadOf = (bytes: SnapshotBytes) => Buffer.concat(bytes.payload);

const authenticate: SnapshotAuthenticator = () => createHmac('sha256', 'test key');

const HEADER = {
  codeVersion: 'test',
  storeId: 'store-1',
  position: { commit: '7', prepare: '7' },
  chainHash: null,
  eventId: 'event-7',
  readModels: ['Ledger', 'Tallies', 'Units'],
  writtenAt: '2026-11-30T00:00:00.000Z',
  keyFingerprint: 'test',
};

/** Read models' states as they look: plain objects of Maps, Sets and arrays, sharing some objects. */
function states() {
  const sharedUnit = { unitId: 'u1', name: '市财政局' };
  const findings = new Map<string, { id: string; unit: typeof sharedUnit; parts: Map<string, number> }>();
  for (let index = 0; index < 10; index += 1) findings.set(`f${index}`, { id: `f${index}`, unit: sharedUnit, parts: new Map([['u1', index]]) });
  const ledger = { findings, order: Array.from({ length: 10 }, (_, index) => `f${index}`), closed: new Set(['f1', 'f3', 'f5', 'f7', 'f9']), latest: '2026-11-30', small: new Map([['a', 1]]) };
  const tallies = { byUnit: new Map([['u1', sharedUnit]]), total: 10, days: new Int32Array([1, 2, 3]) };
  // A read model's snapshot() may return something other than a plain object: kept whole.
  const units = [sharedUnit, { unitId: 'u2', name: '市教育局' }];
  return { ledger, tallies, units, sharedUnit };
}

const decode = async (pieceSize: number, pause?: () => Promise<void> | void) => {
  const { ledger, tallies, units } = states();
  const bytes = await encodeSnapshot(HEADER, [ledger, tallies, units], authenticate, pause, pieceSize);
  const header = { ...HEADER, format: 6, payloadBytes: payloadOf(bytes).length };
  return { bytes, decoded: decodeSnapshotStates('test', header, payloadOf(bytes)) as [ReturnType<typeof states>['ledger'], ReturnType<typeof states>['tallies'], ReturnType<typeof states>['units']] };
};

describe('a read-model snapshot written in pieces', () => {
  it.each([1, 3, 4, 2048])('comes back whole, every entry in its order, at %i entries a piece', async (pieceSize) => {
    const { ledger, tallies, units } = states();
    const { decoded } = await decode(pieceSize);
    const [ledgerBack, talliesBack, unitsBack] = decoded;
    expect(Object.keys(ledgerBack)).toEqual(Object.keys(ledger));
    expect([...ledgerBack.findings.keys()]).toEqual([...ledger.findings.keys()]);
    expect([...ledgerBack.findings.values()].map((finding) => [finding.id, finding.unit.name, [...finding.parts]])).toEqual(
      [...ledger.findings.values()].map((finding) => [finding.id, finding.unit.name, [...finding.parts]]),
    );
    expect(ledgerBack.order).toEqual(ledger.order);
    expect([...ledgerBack.closed]).toEqual([...ledger.closed]);
    expect(ledgerBack.latest).toBe(ledger.latest);
    expect([...ledgerBack.small]).toEqual([['a', 1]]);
    expect(Object.prototype.toString.call(ledgerBack.findings)).toBe('[object Map]');
    expect(Object.prototype.toString.call(ledgerBack.closed)).toBe('[object Set]');
    expect(Array.isArray(ledgerBack.order)).toBe(true);
    expect(talliesBack.total).toBe(tallies.total);
    expect([...talliesBack.days]).toEqual([1, 2, 3]);
    expect(unitsBack.map((unit) => unit.name)).toEqual(units.map((unit) => unit.name));
  });

  it('keeps an object shared inside one piece shared; one shared between pieces comes back as equal copies, and is found beforehand unless frozen', async () => {
    const { decoded } = await decode(3);
    const [ledgerBack, talliesBack, unitsBack] = decoded;
    // Three findings to a piece: within a piece their one unit object stays one.
    const [f0, f1, f2, f3] = ['f0', 'f1', 'f2', 'f3'].map((id) => ledgerBack.findings.get(id)!);
    expect(f0!.unit).toBe(f1!.unit);
    expect(f0!.unit).toBe(f2!.unit);
    // Across pieces and read models: equal, not the same object.
    expect(f3!.unit).not.toBe(f0!.unit);
    expect(f3!.unit).toEqual(f0!.unit);
    expect(talliesBack.byUnit.get('u1')).toEqual(f0!.unit);
    expect(unitsBack[0]).toEqual(f0!.unit);
    // Which is why a mutable object held in two pieces is found before it is ever written so…
    const { ledger, tallies, units, sharedUnit } = states();
    expect(objectsSharedAcrossPieces([ledger, tallies, units])).toEqual(['0.findings.<value>.unit', '1.byUnit.<value>', '2[]']);
    // …and a frozen one (never changed in place, so two copies are as good as one) is not.
    Object.freeze(sharedUnit);
    expect(objectsSharedAcrossPieces([ledger, tallies, units])).toEqual([]);
  });

  it('writes a read model that keeps one mutable object in several places in one piece, so it comes back shared (Projection.sharesObjects)', async () => {
    const token = { sha256: 'ab', revoked: false };
    const users = { tokensBySha256: new Map([['ab', token]]), tokensByUser: new Map([['u1', [token]]]), other: new Map([['x', 1]]) };
    expect(objectsSharedAcrossPieces([users])).toEqual(['0.tokensByUser.<value>[]']);
    expect(objectsSharedAcrossPieces([new WrittenWhole(users)])).toEqual([]);
    const bytes = await encodeSnapshot({ ...HEADER, readModels: ['Users'] }, [new WrittenWhole(users)], authenticate, undefined, 1);
    const [back] = decodeSnapshotStates('test', { ...HEADER, readModels: ['Users'], format: 6, payloadBytes: payloadOf(bytes).length }, payloadOf(bytes)) as [typeof users];
    back.tokensByUser.get('u1')![0]!.revoked = true;
    // Revoked through one list, revoked in the other: as in the live read model.
    expect(back.tokensBySha256.get('ab')!.revoked).toBe(true);
  });

  it('costs each piece what its own entries cost, whatever was written before it: every piece is a serialisation of its own (breaker12i P4)', async () => {
    // A piece's segment is its own V8 serialisation: the same entries give the same bytes wherever they come in the state.
    const findings = new Map(Array.from({ length: 40 }, (_, index) => [`f${index}`, { id: `f${index}`, parts: [{ unitId: 'u1' }] }] as const));
    const bytes = await encodeSnapshot({ ...HEADER, readModels: ['Ledger'] }, [{ findings }], authenticate, undefined, 4);
    const payload = payloadOf(bytes);
    const segments: Buffer[] = [];
    for (let offset = 0; offset < payload.length; ) {
      const length = payload.readUInt32BE(offset);
      segments.push(payload.subarray(offset + 4, offset + 4 + length));
      offset += 4 + length;
    }
    // The count, the state's fields, the Map's marker, then 10 pieces of 4 entries.
    expect(segments).toHaveLength(3 + 10);
    const pieces = segments.slice(3);
    pieces.forEach((piece, index) => expect(piece.equals(v8.serialize([...findings].slice(4 * index, 4 * index + 4)))).toBe(true));
  });

  it('writes a cached day count either before or after a query moved it, never half of each (a query answered between two pieces: breaker12i P4)', async () => {
    // The dashboard's tallies: { parts: { all: { overdue: DayCounts } } } — split into fields down to depth 4.
    const overdue = emptyDayCounts();
    for (const [day, count] of [['2026-03-01', 2], ['2026-04-01', 3], ['2026-05-01', 5]] as const) addOnDay(overdue, day, count);
    expect(countBefore(overdue, '2026-04-15')).toBe(5);
    const state = { parts: { all: { overdue } } };
    let pauses = 0;
    // After every piece, a request asks about another day (what 总览 does while the snapshot is taken).
    const bytes = await encodeSnapshot({ ...HEADER, readModels: ['Dashboard'] }, [state], authenticate, () => {
      pauses += 1;
      countBefore(overdue, pauses % 2 === 0 ? '2026-04-15' : '2026-12-31');
    }, 1);
    const [back] = decodeSnapshotStates('test', { ...HEADER, readModels: ['Dashboard'], format: 6, payloadBytes: payloadOf(bytes).length }, payloadOf(bytes)) as [typeof state];
    const restored: DayCounts = back.parts.all.overdue;
    expect(countBefore(restored, '2026-12-31')).toBe(10);
    expect(countBefore(restored, '2026-04-15')).toBe(5);
    addOnDay(restored, '2026-01-01', 1);
    expect(countBefore(restored, '2026-12-31')).toBe(11);
  });

  it('gives the caller a pause after every piece, and goes on only once an awaited pause resolves', async () => {
    let pauses = 0;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let finished = false;
    const encoding = decode(3, () => {
      pauses += 1;
      return pauses === 2 ? held : undefined;
    }).then((result) => {
      finished = true;
      return result;
    });
    // The second pause holds the encoding until released: nothing after it is written meanwhile.
    for (let turn = 0; turn < 20; turn += 1) await new Promise((resolve) => setImmediate(resolve));
    expect(pauses).toBe(2);
    expect(finished).toBe(false);
    release();
    await encoding;
    // findings: 4 pieces of 3; order: 4; closed: 2; latest, small; tallies' byUnit a value at a time (its one unit's 2 fields), total, days; units whole.
    expect(pauses).toBe(4 + 4 + 2 + 2 + 2 + 2 + 1);
  });

  it('splits plain objects inside a state into their fields, so a read model’s tallies are written a slice of entries at a time (breaker12h P5)', async () => {
    // WorkPlanPartsReadModel's { parts: { byParent, all, perUnit } }: byParent (every item's parts, 77 MB at 442k events) was written whole, 2.7–3.4 s.
    const byParent = new Map(Array.from({ length: 100 }, (_, index) => [`item-${index}`, new Map([[`unit-${index}`, { status: 'ASSIGNED' }]])] as const));
    const perUnit = new Map(Array.from({ length: 50 }, (_, index) => [`unit-${index}`, { parts: index }] as const));
    const state = { parts: { byParent, all: { parts: 100, byDay: { '2026-12-01': 3 } }, perUnit }, itemIds: ['item-0'] };
    const written: number[] = [];
    const bytes = await encodeSnapshot({ ...HEADER, readModels: ['Parts'] }, [state], authenticate, () => void written.push(written.length), 4);
    // byParent 25 pieces of 4, all's two fields (byDay split too), perUnit 13 pieces, itemIds whole.
    expect(written).toHaveLength(25 + 2 + 13 + 1);
    const [back] = decodeSnapshotStates('test', { ...HEADER, readModels: ['Parts'], format: 6, payloadBytes: payloadOf(bytes).length }, payloadOf(bytes)) as [typeof state];
    expect(back).toEqual(state);
    expect([...back.parts.byParent.keys()]).toEqual([...byParent.keys()]);
  });

  it('writes a Map of few large values a value at a time, each split as a field is, and names the slowest piece (perf2 s25 Left 1: the dashboard’s open parts by status, 130 ms in one piece at 300k events)', async () => {
    // DashboardReadModel's openPartsByStatus: ≤ 4 statuses, each an index of every open part of that status.
    const index = (parts: number) => ({ days: Array.from({ length: parts }, (_, day) => `2026-06-${String(day + 1).padStart(2, '0')}`), byDay: new Map(Array.from({ length: parts }, (_, day) => [day, { parts: [day] }] as const)), total: parts });
    const state = { openPartsByStatus: new Map([['ASSIGNED', index(10)], ['REPORTED', index(6)]]), small: new Map([['a', 1]]) };
    let reads = 0;
    // Two readings a piece (before, after: entries a piece fixed, so no other), every piece 1 ms — but the 8th, 100 ms.
    const clock = () => (reads += 1) + (reads > 15 ? 99 : 0);
    const written: number[] = [];
    const bytes = await encodeSnapshot({ ...HEADER, readModels: ['Dashboard'] }, [state], authenticate, () => void written.push(written.length), 4, clock);
    // Each status's index on its own, its fields split, its containers a slice of 4 at a time: days 3 + byDay 3 + total, 2 + 2 + 1; small whole.
    expect(written).toHaveLength(3 + 3 + 1 + 2 + 2 + 1 + 1);
    const [back] = decodeSnapshotStates('test', { ...HEADER, readModels: ['Dashboard'], format: 6, payloadBytes: payloadOf(bytes).length }, payloadOf(bytes)) as [typeof state];
    expect(back).toEqual(state);
    expect([...back.openPartsByStatus.keys()]).toEqual(['ASSIGNED', 'REPORTED']);
    // Segments: the count, the state's fields, the Map's keys, ASSIGNED's fields, days' marker, then its slices — the 8th is days[8…9].
    expect(bytes.slowestPiece).toEqual({ path: 'Dashboard.openPartsByStatus.<ASSIGNED>.days[8…9]', ms: 100 });
    // A Map of few objects shared nowhere else is no sharing; one whose value is held elsewhere too is found.
    expect(objectsSharedAcrossPieces([state])).toEqual([]);
    const shared = index(1);
    expect(objectsSharedAcrossPieces([{ byStatus: new Map([['ASSIGNED', shared]]), all: [shared] }])).toEqual(['0.all[]']);
  });

  it('takes the MAC over a large payload a slice at a time, pausing between slices (breaker12h P5: 289 MB in one call held the event loop 8 s)', async () => {
    const fed: number[] = [0];
    const counting: SnapshotAuthenticator = () => {
      const mac = createHmac('sha256', 'test key');
      return { update: (part: Buffer) => ((fed[fed.length - 1]! += part.length), mac.update(part)), digest: () => mac.digest() };
    };
    const state = { text: 'x'.repeat(3.5 * MAC_SLICE_BYTES) };
    const bytes = await encodeSnapshot({ ...HEADER, readModels: ['Text'] }, [state], counting, () => void fed.push(0));
    expect(Math.max(...fed)).toBeLessThanOrEqual(MAC_SLICE_BYTES + bytes.head.length);
    expect(fed.filter((slice) => slice > 0).length).toBeGreaterThanOrEqual(4);
    // The same MAC as one call over the file's parts would give.
    const folder = mkdtempSync(join(tmpdir(), 'rectify-snapshot-'));
    try {
      const path = join(folder, 'read-models.snapshot');
      await writeSnapshotFile(path, bytes);
      expect(isAuthentic(readSnapshotFile(path)!, authenticate)).toBe(true);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('sizes its pieces by how long the last one took: more entries while they are quick, fewer while they are slow', async () => {
    const findings = new Map(Array.from({ length: 1000 }, (_, index) => [`f${index}`, { id: index }] as const));
    const closed = new Set(Array.from({ length: 1000 }, (_, index) => `f${index}`));
    const piecesWith = async (msPerPiece: number) => {
      let now = 0;
      let reads = 0;
      // Read before and after each piece: every second reading is msPerPiece later.
      const clock = () => (reads++ % 2 === 0 ? now : (now += msPerPiece));
      let pauses = 0;
      const bytes = await encodeSnapshot({ ...HEADER, readModels: ['Ledger'] }, [{ closed, findings }], authenticate, () => void (pauses += 1), 'adaptive', clock);
      const [back] = decodeSnapshotStates('test', { ...HEADER, readModels: ['Ledger'], format: 6, payloadBytes: payloadOf(bytes).length }, payloadOf(bytes)) as [{ closed: typeof closed; findings: typeof findings }];
      expect([...back.findings.keys()]).toEqual([...findings.keys()]);
      expect([...back.closed]).toEqual([...closed]);
      return pauses;
    };
    // Quick pieces double from 16 entries: 16 + 32 + 64 + 128 + 256 + 504, for each container
    // (the second starts again at 16: its entries may be far larger than the first's).
    expect(await piecesWith(0)).toBe(2 * 6);
    // Slow ones halve down to one entry a piece: 16 + 8 + 4 + 2 + 1 × 970.
    expect(await piecesWith(10)).toBe(2 * (4 + 970));
  });

  it('is a file the reader authenticates and decodes', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'rectify-snapshot-'));
    try {
      const path = join(folder, 'read-models.snapshot');
      const { ledger, tallies, units } = states();
      // Another container's server on the same file, also pid ${process.pid} there, mid-write (breaker9i P4's kind): its temporary file is left alone.
      mkdirSync(`${path}.${process.pid}.tmp`);
      await writeSnapshotFile(path, await encodeSnapshot(HEADER, [ledger, tallies, units], authenticate, undefined, 3));
      expect(readdirSync(folder).sort()).toEqual(['read-models.snapshot', `read-models.snapshot.${process.pid}.tmp`]);
      const file = readSnapshotFile(path)!;
      expect(isAuthentic(file, authenticate)).toBe(true);
      const [ledgerBack] = decodeSnapshotStates(path, file.header, file.payload) as [typeof ledger];
      expect([...ledgerBack.findings.keys()]).toEqual([...ledger.findings.keys()]);
      expect(file.header.position).toEqual(HEADER.position);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('a restored snapshot (perf49: strings interned)', () => {
  it('holds one string per distinct id, status and day however many records name it, whole and in pieces alike', async () => {
    // 300 parts of 3 units: every unit id, role, status and day a string of its own in the file, as v8.deserialize makes them.
    const parts = new Map<string, { unitId: string; role: string; status: string; dueOn: string }>();
    for (let index = 0; index < 300; index += 1) {
      parts.set(`part-${index}`, { unitId: `unit-${index % 3}`, role: index % 2 ? 'RESPONSIBLE' : 'ASSISTING', status: 'VERIFIED', dueOn: `2026-05-0${1 + (index % 3)}` });
    }
    const byUnit = new Map([0, 1, 2].map((unit) => [`unit-${unit}`, [...parts.keys()].filter((_, index) => index % 3 === unit)]));
    const bytes = await encodeSnapshot({ ...HEADER, readModels: ['Parts', 'Whole'] }, [{ parts, byUnit }, new WrittenWhole({ parts })], authenticate, undefined, 16);
    const header = { ...HEADER, readModels: ['Parts', 'Whole'], format: 6, payloadBytes: payloadOf(bytes).length };
    const strings = new StringTable();
    const [pieces, whole] = decodeSnapshotStates('test', header, payloadOf(bytes), strings) as [{ parts: typeof parts; byUnit: typeof byUnit }, { parts: typeof parts }];

    expect([...pieces.parts.values()]).toEqual([...parts.values()]);
    expect([...whole.parts.keys()]).toEqual([...parts.keys()]);
    expect([...pieces.byUnit]).toEqual([...byUnit]);
    // 2 × 300 part ids + 300 ids in byUnit + 3 unit keys + 2 × 4 × 300 fields (+ the pieces' markers' field names).
    expect(strings.stats.looked).toBeGreaterThanOrEqual(3303);
    // Each part id, unit id, role, status and day kept once: 300 + 3 + 2 + 1 + 3, and the markers' few names.
    expect(strings.stats.kept).toBeLessThan(330);
    expect(strings.stats.shared).toBe(strings.stats.looked - strings.stats.kept);
  });
});

/*
 * breaker8d P6: the stamp is the code the process loaded, judged at its start. The files' bytes say
 * which code it is only while none changed after the start (a build beside a running server).
 */
describe('the code a process loaded', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'rectify-code-'));
    mkdirSync(join(root, 'feature'));
    writeFileSync(join(root, 'main.js'), 'export const a = 1;');
    writeFileSync(join(root, 'feature', 'projection.js'), 'export const b = 2;');
    writeFileSync(join(root, 'feature', 'notes.md'), 'not code');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  /** An instant after every file's change time: a process started once the files were written. */
  const startedAfterFiles = () => Math.max(...['main.js', 'feature/projection.js'].map((file) => statSync(join(root, file)).ctimeMs)) + 1;

  it('is the hash of the code files, the same however often it is judged, and another for another build', () => {
    const first = judgeCodeAt(root, startedAfterFiles());
    expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(judgeCodeAt(root, startedAfterFiles())).toEqual(first);
    writeFileSync(join(root, 'feature', 'notes.md'), 'other notes, not code');
    expect(judgeCodeAt(root, startedAfterFiles()).hash).toBe(first.hash);
    writeFileSync(join(root, 'feature', 'projection.js'), 'export const b = 3;');
    const rebuilt = judgeCodeAt(root, startedAfterFiles());
    expect(rebuilt.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(rebuilt.hash).not.toBe(first.hash);
  });

  it('is another for another install of the packages the code runs on, with the same build', () => {
    const installed = join(root, 'installed-packages.json');
    writeFileSync(installed, '{"packages":{"node_modules/dayjs":{"version":"1.11.10"}}}');
    const before = judgeCodeAt(root, statSync(installed).ctimeMs + 1, installed);
    expect(before.hash).not.toBe(judgeCodeAt(root, statSync(installed).ctimeMs + 1).hash);
    // File times tick with the kernel's coarse clock (a few ms): written in the same tick as the code files, the
    // install could not be told from them. Written again until its change time is past theirs (a condition, not a wait).
    do writeFileSync(installed, '{"packages":{"node_modules/dayjs":{"version":"1.11.13"}}}');
    while (statSync(installed).ctimeMs <= startedAfterFiles());
    const after = judgeCodeAt(root, statSync(installed).ctimeMs + 1, installed);
    expect(after.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(after.hash).not.toBe(before.hash);
    // Installed while the process was starting: which packages it loaded cannot be told either.
    expect(judgeCodeAt(root, statSync(installed).ctimeMs - 1, installed)).toEqual({ hash: null, changed: installed });
  });

  it('cannot be told when a code file changed after the process started, even with its old times put back', () => {
    const started = startedAfterFiles();
    expect(judgeCodeAt(root, started).changed).toBeNull();
    const file = join(root, 'feature', 'projection.js');
    const { atime, mtime } = statSync(file);
    writeFileSync(file, 'export const b = 4;');
    // A copy that keeps the old modification time (cp -p, tar) still changes the file's ctime.
    utimesSync(file, atime, mtime);
    const changedSince = Math.min(started, statSync(file).ctimeMs - 1);
    expect(judgeCodeAt(root, changedSince)).toEqual({ hash: null, changed: file });
  });
});
