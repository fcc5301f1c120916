import { createHash, timingSafeEqual } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import type { Position } from '../event-store/event-store.port.js';
import { StringTable } from '../shared/interned-strings.js';
import { temporaryPathFor } from '../shared/temporary-path.js';

/*
 * A snapshot of every read model, so that a restart replays only the tail of the log. The file:
 *   "RECTIFY-READ-MODELS\n" · header length (uint32, big-endian, bytes) · header (JSON, UTF-8) · MAC (32 bytes) · payload
 * The payload is the read models' states in registration order, cut into pieces (see
 * `encodeSnapshot`): a sequence of segments, each a uint32 (big-endian) byte length and one V8
 * serialisation (`v8.serialize`) of its own — a piece's marker, or its value. Each piece is a
 * serialisation of its own, so an object held in two pieces comes back as two equal objects: a
 * state keeps a mutable object in one place (`objectsSharedAcrossPieces` finds any other), or its
 * read model is written in one piece (`Projection.sharesObjects`). One serializer for every piece
 * kept them shared, but its table of every object written so far is rehashed after each garbage
 * collection, and grows by copying: at hundreds of MB a piece that should take 2 ms held the event
 * loop for hundreds (breaker12i P4). The header says which code wrote it, for which store, at which
 * log position, and the payload's length. The MAC is an HMAC-SHA-256 over
 * everything else in the file (magic, length, header, payload), keyed from the ledger signing key
 * (LedgerKeys.mac), which lives outside the data folder: a checksum anyone can recompute would let
 * whoever can write ./data forge any read-model fact (an ADMIN token) with no trace in the ledger.
 */

const MAGIC = Buffer.from('RECTIFY-READ-MODELS\n', 'ascii');
/**
 * Bumped when the file layout itself changes (2: the CRC-32 gave way to a keyed MAC; 3: the payload
 * is written in pieces, large Maps, Sets and arrays of a state's fields a slice of entries at a time;
 * 4: plain objects inside a state split into their fields too, down to FIELD_DEPTH; 5: each piece a
 * serialisation of its own, length-prefixed; 6: a Map of few entries holding objects written a value
 * at a time, each value split as a field is).
 */
const FORMAT = 6;
/** Bytes of the MAC (HMAC-SHA-256) after the header. */
const MAC_BYTES = 32;

/** A MAC fed a part at a time (node:crypto's Hmac), so hundreds of MB are taken in slices between pauses. */
export interface SnapshotMac {
  update(part: Buffer): unknown;
  digest(): Buffer;
}

/** Starts the MAC over the file's other parts, fed in order (see LedgerKeys.macOf). */
export type SnapshotAuthenticator = () => SnapshotMac;

/** What a snapshot says about itself. Positions are decimal strings (bigint parts). */
export interface SnapshotHeader {
  readonly format: number;
  /** `codeVersion()` of the process that wrote it. */
  readonly codeVersion: string;
  /** The store's id (`store_identity`): a snapshot of another store is never used. */
  readonly storeId: string;
  /** The last event the read models reflect. */
  readonly position: { readonly commit: string; readonly prepare: string };
  /** SQLite: the ledger chain hash (hex) of the event at `position`; null when the store keeps none. */
  readonly chainHash: string | null;
  /** The id of the event at `position` (both stores): another event there means another history. */
  readonly eventId: string;
  /** Registered read models, in order (class names): another set of read models is another version. */
  readonly readModels: readonly string[];
  /** ISO-8601 instant it was written. */
  readonly writtenAt: string;
  readonly payloadBytes: number;
  /** The fingerprint of the ledger key its MAC is keyed from: another key's snapshot is not this server's. */
  readonly keyFingerprint: string;
}

export interface Snapshot {
  readonly header: SnapshotHeader;
  /** One state per read model, as `readModels` lists them. */
  readonly states: unknown[];
}

export const headerPosition = (position: Position): SnapshotHeader['position'] => ({
  commit: position.commit.toString(),
  prepare: position.prepare.toString(),
});

export const positionOf = (header: SnapshotHeader): Position => ({ commit: BigInt(header.position.commit), prepare: BigInt(header.position.prepare) });

/**
 * A snapshot file's bytes in the order they are written: the head (magic, header length, header)
 * and the payload in chunks of about PAYLOAD_CHUNK_BYTES, never copied into one buffer (that copy
 * doubled the memory a snapshot takes while it is written, and held the event loop while it ran).
 */
export interface SnapshotBytes {
  readonly head: Buffer;
  /** The payload's chunks, in order. */
  readonly payload: readonly Buffer[];
  /** The file's length in bytes. */
  readonly length: number;
  /**
   * The piece that took longest to serialise (ms of wall clock, garbage collection and the machine's
   * load included) and where it lies: the read model, its field names, `<key>` for a Map's value,
   * `[i…j]` for a slice of a container's entries (`DashboardReadModel.parts.byParent[512…767]`); null
   * when there was none. What the snapshot's log line names, so a slow capture says which state to split.
   */
  readonly slowestPiece: { readonly path: string; readonly ms: number } | null;
}

/** The payload's segments are gathered into chunks of about this many bytes (the MAC takes one between pauses). */
const PAYLOAD_CHUNK_BYTES = 1 << 20;

/**
 * A read model's state to be written in one piece — one serialisation — because it holds one
 * mutable object in several places, which come back shared only from one serialisation (see
 * `Projection.sharesObjects`). Decoded as the state itself.
 */
export class WrittenWhole {
  constructor(readonly state: unknown) {}
}

/**
 * How many entries of a large Map, Set or array one `writeValue` writes: a piece of the
 * serialisation, after which the caller may give the event loop back (a million events' read
 * models are hundreds of MB, seconds of serialising in one call). Entries differ in size by orders
 * of magnitude (a finding with its parts is 4 KB, a set member a few bytes), so by default the count
 * adapts, piece after piece, to keep each piece near PIECE_MS: a number fixes it (tests).
 */
export type EntriesPerPiece = number | 'adaptive';

/** The time (ms of wall clock) an adaptive piece aims at. */
export const PIECE_MS = 2;
const FIRST_PIECE_ENTRIES = 16;
const MOST_PIECE_ENTRIES = 65_536;

/** The entry count of the next piece: a fixed one, or one that adapts to how long the last piece took. */
function pieceSizer(entriesPerPiece: EntriesPerPiece, clock: () => number) {
  if (entriesPerPiece !== 'adaptive') return { size: () => entriesPerPiece, restart: () => undefined, time: <T>(write: () => T): T => write() };
  let size = FIRST_PIECE_ENTRIES;
  return {
    size: () => size,
    /** Another container: its entries may be of another size altogether. */
    restart: () => void (size = FIRST_PIECE_ENTRIES),
    time<T>(write: () => T): T {
      const started = clock();
      const written = write();
      const took = clock() - started;
      if (took < PIECE_MS / 2) size = Math.min(size * 2, MOST_PIECE_ENTRIES);
      else if (took > PIECE_MS * 2) size = Math.max(1, Math.floor(size / 2));
      return written;
    },
  };
}

/** Called between pieces of a serialisation: what it returns is awaited (to give the event loop back), or not. */
export type Pause = () => Promise<void> | void;

/** How a state or one of its fields is written: whole, or as a plain object's fields, or a container's entries in pieces. */
const enum Piece {
  Whole = 0,
  Fields = 1,
  MapEntries = 2,
  SetEntries = 3,
  ArrayEntries = 4,
  /** A Map of few entries holding objects: its keys, then each value written as a field is (see `splitsByValue`). */
  MapValues = 5,
}

/** The prototype chain's depth below `null`: 1 for Object.prototype (of any realm), 2 for a Map, Set, Array itself, 3+ for a subclass. */
const prototypeDepth = (value: object): number => {
  let depth = 0;
  for (let prototype = Object.getPrototypeOf(value) as object | null; prototype !== null; prototype = Object.getPrototypeOf(prototype) as object | null) depth += 1;
  return depth;
};

/**
 * How a state's field is split: a Map, Set or array itself (no subclass, any realm) with more
 * entries than one piece holds, else whole. A split container comes back as a new object of its
 * kind with the same entries (the entries keep their identity), so a state must not hold one such
 * container in two places: read models keep one of each.
 */
function containerPiece(value: unknown, entriesPerPiece: number): Piece.MapEntries | Piece.SetEntries | Piece.ArrayEntries | Piece.Whole {
  if (value === null || typeof value !== 'object' || prototypeDepth(value) !== 2) return Piece.Whole;
  const kind = Object.prototype.toString.call(value);
  if (kind === '[object Map]' && (value as Map<unknown, unknown>).size > entriesPerPiece) return Piece.MapEntries;
  if (kind === '[object Set]' && (value as Set<unknown>).size > entriesPerPiece) return Piece.SetEntries;
  if (kind === '[object Array]' && (value as unknown[]).length > entriesPerPiece) return Piece.ArrayEntries;
  return Piece.Whole;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && Object.prototype.toString.call(value) === '[object Object]' && prototypeDepth(value) <= 1;

/** A plain object, or a Map, Set or array itself: what `encodeSnapshot` may split further. */
const isSplittable = (value: unknown): boolean =>
  isPlainObject(value) || (value !== null && typeof value === 'object' && prototypeDepth(value) === 2 && ['[object Map]', '[object Set]', '[object Array]'].includes(Object.prototype.toString.call(value)));

/**
 * Whether a Map (itself, not a subclass) is written a value at a time, each value as a field is: one
 * of few entries (no more than a piece holds, so not sliced) some of whose values are objects or
 * containers. Written whole, such a Map was one piece however large its values: the dashboard's open
 * parts by status (≤ 4 entries, each an index of every open part of that status) took 130 ms at 300k
 * events in one piece (perf2 s25 Left 1).
 */
function splitsByValue(value: unknown, entriesPerPiece: number): value is Map<unknown, unknown> {
  if (value === null || typeof value !== 'object' || prototypeDepth(value) !== 2 || Object.prototype.toString.call(value) !== '[object Map]') return false;
  const map = value as Map<unknown, unknown>;
  if (map.size === 0 || map.size > entriesPerPiece) return false;
  for (const entry of map.values()) if (isSplittable(entry)) return true;
  return false;
}

/**
 * How deep plain objects are split into their fields: a state's (depth 0) and those it holds down to
 * depth FIELD_DEPTH - 1 — a read model's tallies `{ byParent: Map, all: {…}, perUnit: Map }` are a
 * field of its state, and their `byParent` (every item's parts: 77 MB at breaker12h's 442k events)
 * was written whole, 2.7–3.4 s of the event loop (breaker12h P5). A split object comes back as a new
 * object with the same fields, like a split container: a state must not hold one in two places.
 */
const FIELD_DEPTH = 4;

/** Bytes of the payload the MAC takes between two pauses: 289 MB in one call held the event loop 8 s under load (breaker12h P5). */
export const MAC_SLICE_BYTES = 1 << 20;

/**
 * Serialises the states into the file's bytes, with their MAC, a piece at a time: plain objects (a
 * state, and those inside it down to FIELD_DEPTH) field by field, each container among their fields
 * with more entries than a piece holds a piece at a time (`EntriesPerPiece`; `clock` times the
 * pieces; its entries are read one by one, never copied into a list first), and the MAC over the
 * payload a chunk at a time, calling `pause` between pieces. A state given as `WrittenWhole` is one
 * piece. Each piece is a serialisation of its own (see the file's description): the time a piece
 * takes depends on that piece alone, not on how much was written before it.
 * The states must not change until it resolves (the projection engine applies no event meanwhile):
 * the pieces together are one state. A `pause` that throws abandons the capture.
 */
export async function encodeSnapshot(
  header: Omit<SnapshotHeader, 'format' | 'payloadBytes'>,
  states: unknown[],
  authenticate: SnapshotAuthenticator,
  pause: Pause = () => undefined,
  entriesPerPiece: EntriesPerPiece = 'adaptive',
  clock: () => number = () => performance.now(),
): Promise<SnapshotBytes> {
  const sizer = pieceSizer(entriesPerPiece, clock);
  const chunks: Buffer[] = [];
  let gathered: Buffer[] = [];
  let gatheredBytes = 0;
  let payloadBytes = 0;
  let slowestPiece: { path: string; ms: number } | null = null;
  const segment = (value: unknown, path?: () => string) => {
    const started = clock();
    const bytes = v8.serialize(value);
    const took = clock() - started;
    if (path && (slowestPiece === null || took > slowestPiece.ms)) slowestPiece = { path: path(), ms: took };
    const length = Buffer.allocUnsafe(4);
    length.writeUInt32BE(bytes.length);
    payloadBytes += 4 + bytes.length;
    // A large piece (a state written whole) is a chunk as it is: copying it would hold the event loop for nothing.
    if (bytes.length >= PAYLOAD_CHUNK_BYTES) {
      flush();
      chunks.push(length, bytes);
      return;
    }
    gathered.push(length, bytes);
    gatheredBytes += 4 + bytes.length;
    if (gatheredBytes >= PAYLOAD_CHUNK_BYTES) flush();
  };
  const flush = () => {
    if (gathered.length === 0) return;
    chunks.push(Buffer.concat(gathered, gatheredBytes));
    gathered = [];
    gatheredBytes = 0;
  };
  // `path` is what the slowest piece is named by: built only when a piece is the slowest so far.
  const write = async (value: unknown, depth: number, path: string): Promise<void> => {
    if (value instanceof WrittenWhole) {
      segment([Piece.Whole, value.state], () => path);
      await pause();
      return;
    }
    if (depth < FIELD_DEPTH && isPlainObject(value)) {
      const names = Object.keys(value);
      segment([Piece.Fields, names]);
      for (const name of names) await write(value[name], depth + 1, `${path}.${name}`);
      return;
    }
    sizer.restart();
    if (depth > 0 && depth < FIELD_DEPTH && splitsByValue(value, sizer.size())) {
      const keys = [...value.keys()];
      segment([Piece.MapValues, keys]);
      for (const [index, entry] of [...value.values()].entries()) await write(entry, depth + 1, `${path}.<${String(keys[index])}>`);
      return;
    }
    const piece = depth === 0 ? Piece.Whole : containerPiece(value, sizer.size());
    if (piece === Piece.Whole) {
      segment([Piece.Whole, value], () => path);
      await pause();
      return;
    }
    const count = piece === Piece.ArrayEntries ? (value as unknown[]).length : (value as Map<unknown, unknown> | Set<unknown>).size;
    segment([piece, count]);
    // Read one by one: a spread of a million entries into a list held the event loop on its own.
    const entries: Iterator<unknown> =
      piece === Piece.MapEntries ? (value as Map<unknown, unknown>).entries() : piece === Piece.SetEntries ? (value as Set<unknown>).values() : (value as unknown[])[Symbol.iterator]();
    for (let written = 0; written < count; ) {
      const slice: unknown[] = [];
      for (const size = sizer.size(); slice.length < size; ) {
        const next = entries.next();
        if (next.done) break;
        slice.push(next.value);
      }
      if (slice.length === 0) break;
      const from = written;
      sizer.time(() => segment(slice, () => `${path}[${from}…${from + slice.length - 1}]`));
      written += slice.length;
      await pause();
    }
  };
  segment(states.length);
  for (const [index, state] of states.entries()) await write(state, 0, header.readModels[index] ?? String(index));
  flush();
  const headerBytes = Buffer.from(JSON.stringify({ format: FORMAT, ...header, payloadBytes }), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(headerBytes.length);
  const mac = authenticate();
  for (const part of [MAGIC, length, headerBytes]) mac.update(part);
  for (const [index, chunk] of chunks.entries()) {
    for (let start = 0; start < chunk.length; start += MAC_SLICE_BYTES) {
      if (index > 0 || start > 0) await pause();
      mac.update(chunk.subarray(start, start + MAC_SLICE_BYTES));
    }
  }
  const head = Buffer.concat([MAGIC, length, headerBytes, mac.digest()]);
  return { head, payload: chunks, length: head.length + payloadBytes, slowestPiece };
}

/**
 * Objects of `states` that a snapshot would write in two pieces and that are not frozen, so they
 * would come back as two objects where the read model kept one (a change through one would no
 * longer be seen through the other): a path to each (read model index, then field names, `<key>`,
 * `<value>`, `[]`), at most `most`. Pieces are taken at their smallest (one container entry each),
 * as the adaptive sizing may cut anywhere. States given as `WrittenWhole` are one piece. For tests
 * (test/e2e/read-model-snapshots): it holds every object of the states in a Map.
 */
export function objectsSharedAcrossPieces(states: readonly unknown[], most = 20): string[] {
  const pieceOf = new Map<object, number>();
  const found: string[] = [];
  let pieces = 0;
  const visit = (value: unknown, piece: number, path: string) => {
    const pending: [unknown, string][] = [[value, path]];
    while (pending.length > 0 && found.length < most) {
      const [next, at] = pending.pop()!;
      if (next === null || typeof next !== 'object') continue;
      const seen = pieceOf.get(next);
      if (seen === piece) continue;
      if (seen !== undefined) {
        if (!Object.isFrozen(next) && !found.includes(at)) found.push(at);
        continue;
      }
      pieceOf.set(next, piece);
      // By tag, not instanceof: a restored state's Maps are made in Node's own realm (v8.deserialize), not the caller's.
      const kind = Object.prototype.toString.call(next);
      if (kind === '[object Map]') for (const [key, entry] of next as Map<unknown, unknown>) pending.push([key, `${at}.<key>`], [entry, `${at}.<value>`]);
      else if (kind === '[object Set]') for (const entry of next as Set<unknown>) pending.push([entry, `${at}.<value>`]);
      else if (ArrayBuffer.isView(next) || kind === '[object Date]' || kind === '[object ArrayBuffer]') continue;
      else for (const [name, entry] of Object.entries(next)) pending.push([entry, Array.isArray(next) ? `${at}[]` : `${at}.${name}`]);
    }
  };
  /** An object written in pieces comes back as a new object: it too must be held in no other piece. */
  const own = (value: object, path: string) => {
    if (pieceOf.has(value) && !Object.isFrozen(value) && !found.includes(path)) found.push(path);
    pieceOf.set(value, (pieces += 1));
  };
  const split = (value: unknown, depth: number, path: string) => {
    if (depth < FIELD_DEPTH && isPlainObject(value)) {
      own(value, path);
      for (const [name, field] of Object.entries(value)) split(field, depth + 1, `${path}.${name}`);
      return;
    }
    // A small Map of objects is written a value at a time (the adaptive sizing starts each container at FIRST_PIECE_ENTRIES).
    if (depth > 0 && depth < FIELD_DEPTH && splitsByValue(value, FIRST_PIECE_ENTRIES)) {
      own(value, path);
      for (const [key, entry] of value) {
        visit(key, (pieces += 1), `${path}.<key>`);
        split(entry, depth + 1, `${path}.<value>`);
      }
      return;
    }
    const piece = depth === 0 ? Piece.Whole : containerPiece(value, 0);
    if (piece === Piece.Whole) return visit(value, (pieces += 1), path);
    if (piece !== Piece.MapEntries) for (const entry of value as Iterable<unknown>) visit(entry, (pieces += 1), piece === Piece.SetEntries ? `${path}.<value>` : `${path}[]`);
    else {
      for (const [key, entry] of value as Map<unknown, unknown>) {
        visit(key, (pieces += 1), `${path}.<key>`);
        visit(entry, pieces, `${path}.<value>`);
      }
    }
  };
  states.forEach((state, index) => (state instanceof WrittenWhole ? visit(state.state, (pieces += 1), `${index}`) : split(state, 0, `${index}`)));
  return [...new Set(found)];
}

/**
 * The states `encodeSnapshot` wrote, put back together (objects and containers written in pieces made
 * whole again), each piece's strings interned in `strings` as it is deserialised — before a container's
 * entries make their Map or Set — so a string the states hold many times (an id, a status, a day) is
 * held once (see interned-strings.ts).
 */
function decodePayload(payload: Buffer, strings: StringTable): unknown[] {
  let offset = 0;
  const next = (): unknown => {
    if (offset + 4 > payload.length) throw new Error('the payload ends inside a piece');
    const length = payload.readUInt32BE(offset);
    const end = offset + 4 + length;
    if (end > payload.length) throw new Error('the payload ends inside a piece');
    const value = strings.internWithin(v8.deserialize(payload.subarray(offset + 4, end)) as unknown);
    offset = end;
    return value;
  };
  const count = next();
  if (typeof count !== 'number') throw new Error('a payload that does not begin with its count of states');
  const states: unknown[] = [];
  for (let index = 0; index < count; index += 1) states.push(readField(next, 0));
  if (offset !== payload.length) throw new Error(`${payload.length - offset} bytes after the last state`);
  return states;
}

function readField(next: () => unknown, depth: number): unknown {
  const marker = next();
  if (!Array.isArray(marker) || marker.length !== 2) throw new Error('a piece without its marker');
  const [piece, value] = marker as [Piece, unknown];
  if (piece === Piece.Whole) return value;
  if (piece === Piece.Fields && depth < FIELD_DEPTH) {
    const names = value as string[];
    if (!Array.isArray(names)) throw new Error('an object written in pieces without its field names');
    const fields: Record<string, unknown> = {};
    for (const name of names) fields[name] = readField(next, depth + 1);
    return fields;
  }
  if (piece === Piece.MapValues && depth > 0 && depth < FIELD_DEPTH) {
    const keys = value as unknown[];
    if (!Array.isArray(keys)) throw new Error('a Map written a value at a time without its keys');
    const map = new Map<unknown, unknown>();
    for (const key of keys) map.set(key, readField(next, depth + 1));
    return map;
  }
  if (depth === 0) throw new Error(`unknown piece ${String(piece)} for a state`);
  if (piece !== Piece.MapEntries && piece !== Piece.SetEntries && piece !== Piece.ArrayEntries) throw new Error(`unknown piece ${String(piece)} for a field`);
  const count = value as number;
  if (!Number.isInteger(count) || count < 0) throw new Error('a container piece without its count of entries');
  const entries: unknown[] = [];
  while (entries.length < count) {
    const slice = next() as unknown[];
    if (!Array.isArray(slice) || slice.length === 0) throw new Error('a container piece that is no list of entries');
    for (const entry of slice) entries.push(entry);
  }
  if (entries.length !== count) throw new Error(`a container of ${entries.length} entries, expected ${count}`);
  if (piece === Piece.MapEntries) return new Map(entries as [unknown, unknown][]);
  return piece === Piece.SetEntries ? new Set(entries) : entries;
}

/** A snapshot file as read, before anything in it is believed: see `isAuthentic`. */
export interface SnapshotFile {
  readonly header: SnapshotHeader;
  readonly payload: Buffer;
  /** What the MAC covers, in order. */
  readonly signed: readonly Buffer[];
  readonly mac: Buffer;
}

/** Whether the file's MAC is the one `authenticate` computes: it was written with this key, and not changed since. */
export function isAuthentic(file: SnapshotFile, authenticate: SnapshotAuthenticator): boolean {
  const mac = authenticate();
  for (const part of file.signed) mac.update(part);
  const expected = mac.digest();
  return expected.length === file.mac.length && timingSafeEqual(expected, file.mac);
}

/** A file that is not a whole, readable snapshot. */
export class UnreadableSnapshotError extends Error {
  constructor(path: string, why: string) {
    super(`The read-model snapshot ${path} is unreadable (${why})`);
    this.name = 'UnreadableSnapshotError';
  }
}

/** The file's header, MAC and payload's bytes (not yet decoded nor authenticated): null when there is no file. Throws UnreadableSnapshotError. */
export function readSnapshotFile(path: string): SnapshotFile | null {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new UnreadableSnapshotError(path, String(error));
  }
  if (bytes.length < MAGIC.length + 4 || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) throw new UnreadableSnapshotError(path, 'not a snapshot file');
  const headerLength = bytes.readUInt32BE(MAGIC.length);
  const headerEnd = MAGIC.length + 4 + headerLength;
  if (headerEnd + MAC_BYTES > bytes.length) throw new UnreadableSnapshotError(path, 'truncated header');
  let header: SnapshotHeader;
  try {
    header = JSON.parse(bytes.subarray(MAGIC.length + 4, headerEnd).toString('utf8')) as SnapshotHeader;
  } catch (error) {
    throw new UnreadableSnapshotError(path, `header: ${String(error)}`);
  }
  if (header.format !== FORMAT) throw new UnreadableSnapshotError(path, `format ${String(header.format)}, expected ${FORMAT}`);
  if (!/^\d+$/.test(String(header.position?.commit)) || !/^\d+$/.test(String(header.position?.prepare))) {
    throw new UnreadableSnapshotError(path, 'no log position');
  }
  const payload = bytes.subarray(headerEnd + MAC_BYTES);
  return { header, payload, signed: [bytes.subarray(0, headerEnd), payload], mac: bytes.subarray(headerEnd, headerEnd + MAC_BYTES) };
}

/**
 * The states of an authentic snapshot whose header was accepted; throws UnreadableSnapshotError when the
 * payload cannot be decoded. Their short strings are interned in `strings` (by default a table of this
 * restore's own, dropped with it: the states then hold each distinct short string once; its `stats` say
 * how many were shared).
 */
export function decodeSnapshotStates(path: string, header: SnapshotHeader, payload: Buffer, strings: StringTable = new StringTable()): unknown[] {
  if (payload.length !== header.payloadBytes) throw new UnreadableSnapshotError(path, `payload of ${payload.length} bytes, expected ${header.payloadBytes}`);
  let states: unknown;
  try {
    states = decodePayload(payload, strings);
  } catch (error) {
    throw new UnreadableSnapshotError(path, `payload: ${String(error)}`);
  }
  if (!Array.isArray(states) || states.length !== header.readModels.length) throw new UnreadableSnapshotError(path, 'payload does not hold every read model');
  return states;
}

/**
 * Writes the file so that a crash leaves the previous snapshot or the new one, never half of
 * either: a temporary file beside it, fsync, rename, and fsync of the folder (async: the event loop
 * keeps serving while the disk works).
 */
export async function writeSnapshotFile(path: string, bytes: SnapshotBytes): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  // Its own name: servers on one file share the snapshot's folder, and in two containers both are pid 1 (breaker9i P4's kind).
  const temporary = temporaryPathFor(path);
  try {
    const file = await open(temporary, 'w');
    try {
      // A write may write less than asked: go on from where it stopped.
      for (const chunk of [bytes.head, ...bytes.payload]) {
        for (let written = 0; written < chunk.length; ) written += (await file.write(chunk, written)).bytesWritten;
      }
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  const folder = await open(dirname(path), 'r');
  try {
    await folder.sync();
  } finally {
    await folder.close();
  }
}

/**
 * The code a process loaded, judged once at its start (see `judgeLoadedCode`): the hash of its
 * compiled modules, or null when they changed on disk after the process started, so that which code
 * it runs cannot be told from the files (`changed` names one such file).
 */
export type LoadedCode = { readonly hash: string; readonly changed: null } | { readonly hash: null; readonly changed: string };

let loadedCode: LoadedCode | undefined;

/**
 * The code version of the modules under `root` (`.js` files of dist/, or the `.ts` sources when run
 * from src/ by the tests; specs and declarations left out) and of the packages they run on, as this
 * process loaded them: SHA-256 (hex) of every module's path and bytes, of the installed packages'
 * list (`dependencies`: npm's node_modules/.package-lock.json, every package's version; null when
 * there is none), the snapshot format and the Node and V8 versions (its serializer) — unless one of
 * those files' change time (ctime, which no copy tool can set back, or mtime) is after `startedAt`
 * (epoch ms: the process's start, `performance.timeOrigin`): then the files on disk may be a later
 * build or install than the one loaded (breaker8d P6: `npm run build` while a server runs) and no
 * hash can stand for the loaded code.
 */
export function judgeCodeAt(root: string, startedAt: number, dependencies: string | null = null): LoadedCode {
  const hash = createHash('sha256').update(`format ${FORMAT}; node ${process.version}; v8 ${process.versions.v8}\n`);
  const files = codeFiles(root).map((file) => ({ file, name: relative(root, file) }));
  if (dependencies !== null) files.push({ file: dependencies, name: 'installed packages' });
  for (const { file, name } of files) {
    const stat = statSync(file);
    if (Math.max(stat.ctimeMs, stat.mtimeMs) > startedAt) return { hash: null, changed: file };
    hash.update(name).update('\0').update(readFileSync(file)).update('\0');
  }
  return { hash: hash.digest('hex'), changed: null };
}

/**
 * The code this process loaded (see `judgeCodeAt`), judged the first time it is asked — at start,
 * by ReadModelSnapshots — and never again: a snapshot written later (every few minutes, at shutdown)
 * is stamped with the code that built the read models, not with whatever build lies on disk by then
 * (breaker8d P6: a server stopped after `npm run build` stamped its old read models with the new
 * build's hash, so the new build took them as its own).
 */
export function judgeLoadedCode(): LoadedCode {
  // Run from the sources (the tests), each module is compiled from src/ as it is imported, whenever
  // that is, and nothing is built beside a running process: a source edited during a test run is
  // the developer's own, not another build, so only built code (dist/) is judged by its times.
  const fromSources = import.meta.url.endsWith('.ts');
  if (loadedCode === undefined) {
    const root = fileURLToPath(new URL('..', import.meta.url));
    // A dependency's new version (npm ci after a lock change, the same build) can change a projection as surely as Rectify's own code.
    const installed = join(dirname(root), 'node_modules', '.package-lock.json');
    loadedCode = judgeCodeAt(root, fromSources ? Number.POSITIVE_INFINITY : performance.timeOrigin, existsSync(installed) ? installed : null);
  }
  return loadedCode;
}

/**
 * The code version a snapshot must match: the loaded code's hash (`judgeLoadedCode`) with the event
 * schemas' types and versions. Any change to a projection, an upcaster or a schema changes it, so a
 * snapshot is never read by other code: it is discarded and the read models are rebuilt from the
 * log. Null when the loaded code cannot be told (its files changed since the start): such a process
 * neither uses nor writes a snapshot.
 */
export function codeVersion(schemaVersions: readonly (readonly [string, number])[]): string | null {
  const { hash } = judgeLoadedCode();
  if (hash === null) return null;
  return createHash('sha256')
    .update(hash)
    .update(schemaVersions.map(([type, version]) => `${type}@${version}`).join(','))
    .digest('hex');
}

function codeFiles(folder: string): string[] {
  const files: string[] = [];
  for (const name of readdirSync(folder).sort()) {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) files.push(...codeFiles(path));
    else if ((name.endsWith('.js') || name.endsWith('.ts')) && !name.endsWith('.spec.ts') && !name.endsWith('.d.ts')) files.push(path);
  }
  return files;
}
