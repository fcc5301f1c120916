import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import v8 from 'node:v8';
import { performance } from 'node:perf_hooks';
import type { AppSettings } from '../config/app-settings.js';
import { comparePositions, formatPosition, type Position } from '../event-store/event-store.port.js';
import { ADMITTED_STORE } from '../event-store/event-store.module.js';
import type { AdmittedStore } from '../event-store/store-admission.js';
import { SqliteEventStore } from '../event-store/sqlite-event-store.js';
import { EventSchemaRegistry } from '../shared/event-schemas.js';
import { StringTable } from '../shared/interned-strings.js';
import { LedgerKeys } from '../ledger/ledger-keys.js';
import { inBothLanguages, say, type Bilingual } from '../shared/domain-error.js';
import type { Projection } from './recorded-event.js';
import {
  UnreadableSnapshotError,
  WrittenWhole,
  codeVersion,
  decodeSnapshotStates,
  judgeLoadedCode,
  encodeSnapshot,
  headerPosition,
  isAuthentic,
  positionOf,
  readSnapshotFile,
  writeSnapshotFile,
  type Pause,
  type SnapshotAuthenticator,
  type SnapshotBytes,
  type SnapshotHeader,
} from './snapshot-file.js';

/** Where a restored snapshot left the read models: the last event they reflect. */
export interface RestoredSnapshot {
  readonly position: Position;
  readonly eventId: string;
  readonly writtenAt: string;
}

/** Built-in kinds v8.serialize restores as they were, by tag: a Map made in another realm (vm, Jest) counts too. */
const PLAIN_KINDS = new Set(['[object Map]', '[object Set]', '[object Date]', '[object Array]']);

/** A plain object, or a Map, Set, Date or array itself (not a subclass), or a primitive. */
const isPlainData = (value: unknown): boolean => {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return true;
  if (typeof value === 'function') return false;
  const prototype = Object.getPrototypeOf(value) as object | null;
  if (prototype === null) return true;
  const parent = Object.getPrototypeOf(prototype) as object | null;
  if (parent === null) return true; // Object.prototype of some realm
  return Object.getPrototypeOf(parent) === null && PLAIN_KINDS.has(Object.prototype.toString.call(value));
};

/**
 * A read model's state as plain data: what its `snapshot()` returns, else its own fields, which
 * must then be plain data (Map, Set, array, plain object, Date, primitives) — a class instance
 * would come back without its methods, so it is refused here rather than restored wrong.
 */
function stateOf(projection: Projection): unknown {
  if (projection.snapshot) return projection.snapshot();
  const fields = { ...projection } as Record<string, unknown>;
  for (const [name, value] of Object.entries(fields)) {
    if (!isPlainData(value)) {
      throw new Error(
        `${projection.constructor.name}.${name} is not plain data (${(value as object).constructor?.name ?? typeof value}): give the read model snapshot() and restore()`,
      );
    }
  }
  return fields;
}

function restoreState(projection: Projection, state: unknown): void {
  if (projection.restore) projection.restore(state);
  else Object.assign(projection, state);
}

const readModelName = (projection: Projection) => projection.constructor.name;

/**
 * Read-model snapshots for this server's store (see snapshot-file.ts for the file). A snapshot is
 * used only when its MAC holds under this office's ledger key (it was written by a server holding
 * the key, and not changed since: see LedgerKeys), by this very code (`codeVersion`), for the same read models, of
 * this store (its id), at a position the store still has with the same event there (SQLite: the
 * ledger chain hash); any other is discarded with a log line and the read models are rebuilt from
 * the log. Never trusted blindly: a stale read model would answer wrong without anyone noticing.
 */
/**
 * What /health says while read-model snapshots are not being kept although they are on (the next
 * start then replays the whole log, minutes at a million events): `READ_MODEL_SNAPSHOTS_OFF` — the
 * code's files changed while the process was starting, so it can tell no snapshot of its own
 * (breaker12 P9: touching dist during a start said so in one log line only);
 * `READ_MODEL_SNAPSHOT_NOT_WRITTEN` — the last snapshot could not be taken or written (a full disk,
 * an unwritable folder), until one is.
 */
export type SnapshotNoticeCause = 'READ_MODEL_SNAPSHOTS_OFF' | 'READ_MODEL_SNAPSHOT_NOT_WRITTEN';

export interface SnapshotNotice {
  readonly cause: SnapshotNoticeCause;
  readonly message: Bilingual;
  /** ISO-8601 instant it began: the start, or the first failed write since the last one written. */
  readonly since: string;
}

@Injectable()
export class ReadModelSnapshots {
  private readonly logger = new Logger('ReadModelSnapshots');
  /** The snapshot file; null when snapshots are off (READ_MODEL_SNAPSHOTS=false, in-memory store). */
  readonly path: string | null;
  /** Write once this many events were projected since the last snapshot (0: not by count). */
  readonly everyEvents: number;
  /** Write this often (ms) when events were projected since the last snapshot (0: not by time). */
  readonly intervalMs: number;
  /**
   * The code version of the code this process loaded, judged at its start (breaker8d P6): every
   * snapshot it writes is stamped with it, whenever it is written. Null when the code's files
   * changed on disk since the process started: then no snapshot is used or written.
   */
  readonly loadedCodeVersion: string | null;
  /** Snapshots off for this process (its code changed while it started), or null. */
  private readonly off: SnapshotNotice | null = null;

  constructor(
    @Inject(ADMITTED_STORE) private readonly admitted: AdmittedStore,
    private readonly schemas: EventSchemaRegistry,
    private readonly keys: LedgerKeys,
    config: ConfigService<AppSettings, true>,
  ) {
    this.path = config.get('READ_MODEL_SNAPSHOT_PATH', { infer: true });
    this.everyEvents = config.get('READ_MODEL_SNAPSHOT_EVERY_EVENTS', { infer: true });
    this.intervalMs = config.get('READ_MODEL_SNAPSHOT_MINUTES', { infer: true }) * 60_000;
    this.loadedCodeVersion = this.path === null ? null : codeVersion(this.schemas.versions());
    const { changed } = this.path === null ? { changed: null } : judgeLoadedCode();
    if (changed !== null) {
      this.off = {
        cause: 'READ_MODEL_SNAPSHOTS_OFF',
        since: new Date(performance.timeOrigin).toISOString(),
        message: say(
          `${changed} changed after this process started (a build while it was starting?): which code it runs cannot be told from the files, ` +
            'so it neither uses nor writes a read-model snapshot (the next start rebuilds the read models from the log, and writes one). Restart it once the build is done.',
          `服务器启动期间其程序文件（${changed}）被改动（启动时正在构建？），无法确认本进程运行的是哪个版本，因此不使用也不写入读模型快照：下次启动将从事件日志重建读模型（事件多时需数分钟）。请在构建完成后重启服务器。`,
        ),
      };
      this.logger.warn(inBothLanguages(this.off.message));
    }
  }

  /** The last capture or write failed (since the first such failure after the last snapshot written), or null. */
  private notWritten: SnapshotNotice | null = null;

  /** What /health lists in `notices` about snapshots (see SnapshotNoticeCause). */
  notices(): readonly SnapshotNotice[] {
    return [this.off, this.notWritten].filter((notice): notice is SnapshotNotice => notice !== null);
  }

  /** A snapshot could not be taken or written: said in /health until one is (`noteWritten`). */
  noteNotWritten(error: unknown): void {
    const reason = String(error).slice(0, 300);
    const begins = this.notWritten === null;
    this.notWritten = {
      cause: 'READ_MODEL_SNAPSHOT_NOT_WRITTEN',
      since: this.notWritten?.since ?? new Date().toISOString(),
      message: say(
        `The read-model snapshot ${this.path} could not be written (${reason}): the next start replays the whole log until one is. An operator must look at the disk.`,
        `读模型快照 ${this.path} 写入失败（${reason}）：在写成之前，下次启动须重放全部事件日志。请管理员检查服务器磁盘。`,
      ),
    };
    // Said once as it begins, in both languages (each failed write is logged on its own as well).
    if (begins) this.logger.warn(inBothLanguages(this.notWritten.message));
  }

  /** A snapshot was written: the failure notice, if any, ends. */
  noteWritten(): void {
    this.notWritten = null;
  }

  /** Whether this process stamps snapshots (its code was judged at start; see `loadedCodeVersion`). */
  get writesSnapshots(): boolean {
    return this.loadedCodeVersion !== null;
  }

  /**
   * Loads the latest snapshot into the (fresh) read models if it is valid for this code and store
   * (`head`: the store's head now). Returns where it leaves them, or null when they start empty —
   * no snapshot, or one discarded (the reason is logged; a damaged file is a warning). Awaits the
   * store's integrity check (`AdmittedStore.integrity`), run meanwhile: throws its StoreRefusedError.
   */
  async restore(projections: readonly Projection[], head: Position | null): Promise<RestoredSnapshot | null> {
    // The store's integrity check runs on its own thread meanwhile; a damaged store refuses the
    // start (STORE_DAMAGED) whatever the snapshot held, and nothing is replayed or written before it passes.
    const [restoring] = await Promise.allSettled([this.restoreLatest(projections, head), this.admitted.integrity]);
    await this.admitted.integrity;
    // Rows are read only once they are sealed, or checked for their seals (LedgerKeys.rowsSealed).
    await this.keys.rowsSealed;
    if (restoring.status === 'rejected') throw restoring.reason;
    return restoring.value;
  }

  private async restoreLatest(projections: readonly Projection[], head: Position | null): Promise<RestoredSnapshot | null> {
    if (this.path === null) return null;
    let file: ReturnType<typeof readSnapshotFile>;
    try {
      file = readSnapshotFile(this.path);
    } catch (error) {
      this.logger.warn(`${String(error)}: ignored, the read models are rebuilt from the log`);
      return null;
    }
    if (!file) return null;
    // Before anything the file says is believed: a snapshot someone else wrote or edited could
    // hold any read-model fact (an ADMIN token, a finding shown closed) with no trace in the log.
    if (!isAuthentic(file, this.authenticate)) {
      const key = typeof file.header.keyFingerprint === 'string' ? file.header.keyFingerprint : 'none';
      this.logger.warn(
        `Snapshot ${this.path} discarded: its MAC does not hold under this office's ledger key ${this.keys.fingerprint} (it says key ${key}): it was edited, forged, or written under another signing key. ` +
          'Nothing in it is used; the read models are rebuilt from the log (run npm run ledger:verify if nobody replaced the key).',
      );
      return null;
    }
    const refusal = await this.refusal(file.header, projections, head);
    if (refusal) {
      this.logger.log(`Snapshot ${this.path} discarded: ${refusal}; the read models are rebuilt from the log`);
      return null;
    }
    let states: unknown[];
    // This restore's own table: dropped once the states hold their strings, so it keeps nothing alive after.
    const strings = new StringTable();
    const decodeStarted = performance.now();
    try {
      states = decodeSnapshotStates(this.path, file.header, file.payload, strings);
    } catch (error) {
      if (!(error instanceof UnreadableSnapshotError)) throw error;
      this.logger.warn(`${error.message}: ignored, the read models are rebuilt from the log`);
      return null;
    }
    const { looked, shared, kept } = strings.stats;
    this.logger.log(
      `Snapshot ${this.path} decoded in ${Math.round(performance.now() - decodeStarted)} ms; its ${looked} short strings are held as ${kept} (${shared} occurrences share a string held before)`,
    );
    // A read model's own restore() may fail half-way: put every one back as it was (empty) then.
    const empty = v8.deserialize(v8.serialize(projections.map(stateOf))) as unknown[];
    try {
      projections.forEach((projection, index) => restoreState(projection, states[index]));
    } catch (error) {
      projections.forEach((projection, index) => restoreState(projection, empty[index]));
      this.logger.warn(`Snapshot ${this.path} could not be restored (${String(error)}); the read models are rebuilt from the log`);
      return null;
    }
    return { position: positionOf(file.header), eventId: file.header.eventId, writtenAt: file.header.writtenAt };
  }

  /** Why this snapshot cannot stand for the read models of this code and store; null when it can. */
  private async refusal(header: SnapshotHeader, projections: readonly Projection[], head: Position | null): Promise<string | null> {
    if (this.loadedCodeVersion === null) return 'the code this process runs changed on disk since it started, so it cannot tell whether the snapshot is its own';
    if (header.codeVersion !== this.loadedCodeVersion) return 'it was written by another version of Rectify';
    const names = projections.map(readModelName);
    if (header.readModels.length !== names.length || header.readModels.some((name, index) => name !== names[index])) {
      return `it holds other read models (${header.readModels.join(', ')})`;
    }
    if (header.storeId !== this.admitted.identity.storeId) return `it belongs to another store (${header.storeId}, this one is ${this.admitted.identity.storeId})`;
    const position = positionOf(header);
    if (head === null || comparePositions(position, head) > 0) {
      return `it reflects position ${formatPosition(position)}, past the store's head ${formatPosition(head) ?? '(empty log)'} (a store restored from an older backup?)`;
    }
    if (typeof header.eventId !== 'string' || (await this.admitted.store.eventIdAt(position)) !== header.eventId) {
      return `the store holds another event at position ${formatPosition(position)} than the snapshot's ${String(header.eventId)} (another history)`;
    }
    if (header.chainHash !== null) {
      const now = this.chainHashAt(position);
      if (now !== null && now !== header.chainHash) return `the store holds another event at position ${formatPosition(position)} (another history)`;
    }
    return null;
  }

  /**
   * The snapshot file's bytes for the read models as they stand at `position`, the event `eventId`
   * last applied, serialised a piece at a time with `pause` between pieces (see `encodeSnapshot`):
   * the caller applies no event until it resolves.
   */
  capture(projections: readonly Projection[], position: Position, eventId: string, pause?: Pause): Promise<SnapshotBytes> {
    if (this.loadedCodeVersion === null) throw new Error('no read-model snapshot is captured by a process whose code changed on disk since it started');
    return encodeSnapshot(
      {
        codeVersion: this.loadedCodeVersion,
        storeId: this.admitted.identity.storeId,
        position: headerPosition(position),
        chainHash: this.chainHashAt(position),
        eventId,
        readModels: projections.map(readModelName),
        writtenAt: new Date().toISOString(),
        keyFingerprint: this.keys.fingerprint,
      },
      projections.map((projection) => (projection.sharesObjects ? new WrittenWhole(stateOf(projection)) : stateOf(projection))),
      this.authenticate,
      pause,
    );
  }

  /** Writes captured bytes atomically (temporary file, fsync, rename); the disk work is off the event loop. */
  async write(bytes: SnapshotBytes): Promise<void> {
    if (this.path !== null) await writeSnapshotFile(this.path, bytes);
  }

  private readonly authenticate: SnapshotAuthenticator = () => this.keys.macOf('read-model snapshot');

  private chainHashAt(position: Position): string | null {
    const store = this.admitted.store;
    if (!(store instanceof SqliteEventStore)) return null;
    try {
      return store.chainHashAt(position.commit);
    } catch {
      return null;
    }
  }
}
