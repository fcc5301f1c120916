import Database from 'better-sqlite3';
import { completeStopCopyFound, movedWalNote, ownWalOf, stopCopiesNote, vouchedHeadOf, type OwnWal } from './moved-wal-note.js';
import { Logger } from '@nestjs/common';
import { walkChainOffThread, type AlteredRow } from './sqlite-chain-walk.js';
import { accessSync, closeSync, constants, copyFileSync, existsSync, fsyncSync, openSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { say, type Bilingual } from '../shared/domain-error.js';
import { formatPosition, type EventStore, type Position, type StoreIdentity } from './event-store.port.js';
import { openEventStore } from './open-event-store.js';
import { SqliteEventStore } from './sqlite-event-store.js';
import { quickCheckOffThread } from './sqlite-quick-check.js';
import { isStoreDamage, isStoreReadFault } from './store-damage.js';
import { diskFullOf } from './disk-full.js';
import { walEmptiedNote } from './wal-emptied-mark.js';
import { walBreakOnDisk } from './wal-file-mark.js';
import { SqliteStoreInspection, notAnEventStore, otherCopyWalNote, rescuedCopyNote, walBesideNote, walBytes, type OtherWritersRows } from './sqlite-store-inspection.js';
import type { KeyObject } from 'node:crypto';
import {
  StoreRefusedError,
  WitnessNotWrittenError,
  judgeSigningKey,
  DAMAGED_WAL_COPY,
  WAL_DAMAGE_SAID,
  judgeStore,
  judgeUnwitnessed,
  keptCopyUnwritable,
  RESTORE,
  parseWitnessedPosition,
  readWitness,
  overwriteWitness,
  signWitness,
  writeWitness,
  type ObservedStore,
  type SigningKeyOnRecord,
  type OtherCopyAcceptance,
  type StoreWitness,
  type UnvouchedRows,
  type WitnessedCheckpoint,
} from './store-witness.js';
import { keyFingerprint, publicKeyText } from '../ledger/domain/checkpoint.js';
import { keyAtHandStanding, unshownKeyWords, type KeyStanding } from '../ledger/domain/key-at-hand-standing.js';
import { mergedFormerKeys, type FormerKey } from '../ledger/domain/former-keys.js';
import { loadSigningKey, readSigningKey, signingKeyPath } from '../ledger/ledger-signing-key.js';
import { copiesJudging, foreignWitnessBeside, foreignWitnessRefusal, otherStoreSeenHere, otherStoreHereRefusal, otherFilesSeenAt, writtenUnderAnotherName, judgeWitnessGone, judgeEmptyAtWitnessedPlace, judgeCopyMissing, judgedOnKeptCopy, judgeNewStore, keptCopyFor, readKeyFolderWitnessesLeniently, retireCopiesCoveredByReset, keyFolderWitnessFolder, keyFolderWitnessPath, newerWitness, readKeyFolderWitnesses, retireLegacyCopy, type KeptWitness } from './key-folder-witness.js';
import { findOtherCopyWrites, otherCopyRefusal } from './other-copy-writes.js';
import { resetOffers } from './reset-offers.js';
import { rowSealKeyOf } from '../ledger/ledger-mac.js';
import { formerKeySealing, judgeFirstSealing, judgeRotationSealing, judgeUnsignedWitness, type FormerKeySealing, type NamedEvent } from './row-seal-judgement.js';
import { InvalidSettingsError, type AppSettings } from '../config/app-settings.js';
import { isEventStoreDb } from './eventstoredb-store-kind.js';
import { isPlace, realPlaceOf, servedPathOf } from './store-place.js';
import { judgeSharedWitness } from './shared-witness.js';
import { readServedPathWitness, servedPathWitnessPath } from './served-path-witness.js';
import { judgeOtherNames } from './store-file-names.js';
import { LiveServerRegistration, liveServersFolderOf, judgeCompanionsGoneUnderLiveServers, judgeLiveServers, judgeReplacedUnderLiveServers, judgeToolBesideLiveServers, liveServersOn, storeLockedRefusal, type ServerFacts } from './live-servers.js';
import { officeInstantZh } from '../shared/calendar-date.js';
import { clearStoreResetMarks, markStoreResetUsed, storeResetLeftSet, storeResetMarkedAt, storeResetMarks } from './store-reset-setting.js';
import {
  clockAheadAcceptance,
  clockAheadAcceptanceWords,
  clockBehindBy,
  clockBehindMessage,
  judgeClockAheadSettingLeftSet,
  latestInstant,
  newestOf,
  recordedAfterAcceptance,
  seenAtNoEarlierThan,
  type ClockAheadAcceptance,
} from './clock-behind.js';
import { datedAfterRealDay, datedAheadHeading, datedAheadLines, realDayOf } from './clock-ahead-office-days.js';
import { allEventSchemas } from '../event-sourcing/all-event-schemas.js';
import { judgeStrayWal, setStrayWalAside, type StrayWalSetAside, type WitnessedStoreFile } from './stray-wal.js';
import { keptWriters, newWriterId } from './writer-id.js';

/** How many records dated after the real day an accepting start lists in its log (ledger:verify lists all). */
const DATED_AHEAD_LISTED = 50;

/** How often, at most, the witness file is made durable (fsync) while events are appended (ms). */
const WITNESS_INTERVAL_MS = 1000;

/**
 * Rows of another process's append the server's witness checks in one turn of the event loop before it follows the log
 * past them (`WitnessKeeper.followStore`): the rest in the next turns. A 4,999-item `plan:import` (~20,000 rows) was
 * checked in one turn, 4.8 s of the event loop at load 24 on 2 cores (breaker56-10 S3: /health held 5.5–10.6 s); 500 rows
 * a turn still took 0.59 s at load 27 (1.2 ms a row), so 100 rows hold a turn about 0.1 s there, ~10 ms on a quiet server.
 */
export const FOLLOW_CHECK_ROWS = 100;

/**
 * The witness file's inode, size and modification time (ns) as one string, to tell a write by another process since
 * (its durable write renames a new file in place; its in-place write changes the time); null when it cannot be read.
 */
function witnessFileStamp(path: string): string | null {
  try {
    const { ino, size, mtimeNs } = statSync(path, { bigint: true });
    return `${ino}:${size}:${mtimeNs}`;
  } catch {
    return null;
  }
}

/**
 * Keeps the witness file up to date with the head this server appended: written (without fsync)
 * at every append, before the append is answered, so that a server killed at any moment — and a
 * `-wal` file then lost — leaves a witness ahead of the store, refused at the next start as
 * `STORE_SHORTER`; made durable (fsync) at most once a second, so that only a power cut within
 * that second can leave it behind. A witness that cannot be written (its disk full) is kept as
 * `failure()`, which StoreHealth turns into refused writes until `retry()` succeeds.
 */
export class WitnessKeeper {
  /** The newest head written without fsync, or not written at all, since the last durable write. */
  private pending: { position: Position; eventId: string | null } | null = null;
  private readonly timer: NodeJS.Timeout;
  /** Why the last write of the witness failed, until one succeeds. */
  private failed: WitnessNotWrittenError | null = null;
  private readonly logger = new Logger('StoreWitness');

  constructor(
    private readonly path: string,
    private readonly seen: Omit<StoreWitness, 'head' | 'headHash' | 'headEvent' | 'seenAt' | 'createdForFirstRun' | 'checkpoint' | 'signature' | 'sealedRows'> & { readonly createdForFirstRun?: boolean },
    /** The chain hash (hex) of the event at a position, when the store keeps a chain. */
    private readonly hashAt?: (commit: bigint) => string | null,
    /**
     * Where the copy of this witness beside the signing key is kept (see key-folder-witness.ts), or
     * null: written with each durable write once the key is known, its `location` absolute.
     */
    private readonly keptCopyPath: string | null = null,
    /**
     * The log's newest event as the store holds it now (any process's append; see
     * `SqliteEventStore.headEventNow`): a witness write never names a lower head than it.
     */
    private readonly storeHead?: () => { position: Position; eventId: string | null } | null,
    /** Where the copy kept by the path the store is reached by is written (served-path-witness.ts), null where no link lies on that path. */
    private readonly servedPathCopyPath: string | null = null,
    /** The SQLite file and -wal the store writes, as each witness write records them (`StoreWitness.storeFile`, breaker9m P3); absent for EventStoreDB. */
    private readonly storeFile?: () => WitnessedStoreFile | null,
    /**
     * Whether the store's path now names another file than the one this process opened (`SqliteEventStore.pathNamesAnotherFile`):
     * its folder swapped for another copy's, or another file renamed over it. While it does, nothing is read from or written to
     * the witness at `path` — it is that file's — and only the copies outside the data folder are written (breaker48-9b S1).
     */
    private readonly pathNamesAnotherFile?: () => boolean,
    /**
     * Runs a witness write while holding the store's write lock (`SqliteEventStore.underWriteLock`), so that the head it
     * reads is the newest any process committed and witness writes of every process on the file are ordered (s57b,
     * breaker57-9 S1); absent for EventStoreDB (the write runs as it is).
     */
    private readonly underWriteLock?: (work: () => void) => void,
  ) {
    this.timer = setInterval(() => {
      this.flush();
      this.followStore();
    }, WITNESS_INTERVAL_MS);
    this.timer.unref();
    this.keyCopy = seen.keyCopy ?? null;
    this.writers = keptWriters(seen.writers ?? [], []);
  }

  /** The highest head this server has seen or appended (commit part); the witness never goes below it. */
  private highest: bigint | null = null;
  /**
   * The head last written (null before the first write), to write the witness again when only what it
   * says besides the head changes (a checkpoint, sealed rows, the signing key), and whether that head
   * was this server's own: a head another server appended is written again as theirs (breaker9i P1).
   */
  private written: { head: Position | null; eventId: string | null; own: boolean } | null = null;

  /**
   * Writes the witness again at the head last written, as whose it was: never raising the highest head
   * this server saw to another server's, above its own appends still being answered (breaker9i P1: a
   * checkpoint taken while the other server wrote put both servers into LOG_SHORTENED).
   */
  private writeAgain(): void {
    const written = this.written;
    if (written) this.write(written.head, written.eventId, true, written.own);
  }
  /** The fingerprint of the key that signs checkpoints (see `StoreWitness.signingKey`), once known. */
  private signingKey: string | undefined;
  /** That key itself, once the ledger has loaded it: the witness is signed with it from then on (`StoreWitness.signature`). */
  private signingPrivateKey: KeyObject | null = null;
  /** The newest checkpoint witnessed (see `StoreWitness.checkpoint`); it only ever moves forward. */
  private checkpoint: WitnessedCheckpoint | null = null;
  /** Whether the store's rows are sealed (see `StoreWitness.sealedRows`); once true, for good. */
  private sealedRows = false;

  /** The store's rows are sealed with the office's key: the witness says so from now on (at once, when it was written at this start already). */
  noteRowsSealed(): void {
    if (this.sealedRows) return;
    this.sealedRows = true;
    this.attempt(() => this.writeAgain());
  }

  /** The writer ids the witness lists (`StoreWitness.writers`): those it was given, those the file listed since, and this process's. */
  private writers: string[] = [];
  /** This process's writer id, once `recordWriter` gave it. */
  private writerId: string | null = null;

  /**
   * breaker42-9 F1, F5: this process appends under `writerId` (`EventMetadata.writerId`): listed in the witness from its
   * next write on, which must be on disk (durably, with the copy beside the key) before the first append stamped with it.
   */
  recordWriter(writerId: string): void {
    this.writerId = writerId;
    this.writers = keptWriters(this.writers, [], writerId);
  }

  /** newcomer50-9 S2: the former keys of the office (`StoreWitness.formerKeys`): the start's, those declared since, another server's. */
  private formerKeys: FormerKey[] | null = null;

  /** The office's former signing keys as this process knows them now (`StoreWitness.formerKeys`), for the ledger's checks. */
  formerKeysNow(): readonly FormerKey[] {
    return this.formerKeys ?? this.seen.formerKeys ?? [];
  }

  /**
   * newcomer50-9 S2: former signing keys a start declared (`formerKeysDeclared`): kept by the witness from now on, written at once
   * (when it was written at this start already), so that a later start without LEDGER_TRUSTED_KEYS still trusts their checkpoints.
   */
  rememberFormerKeys(declared: readonly FormerKey[]): void {
    if (declared.length === 0) return;
    this.formerKeys = mergedFormerKeys(this.formerKeysNow(), declared);
    this.attempt(() => this.writeAgain());
  }

  /** Carries the key the old witness named into the next write (before the ledger has judged the key configured now). */
  keepSigningKeyUnwritten(fingerprint: string): void {
    this.signingKey = fingerprint;
  }

  /**
   * Records the key that signs checkpoints from now on: at once when the witness was written at
   * this start already, else with its first write (after the store is found sound).
   */
  keepSigningKey(fingerprint: string, key?: KeyObject): void {
    this.signingKey = fingerprint;
    if (key) this.signingPrivateKey = key;
    this.writeAgain();
  }

  /** The newest checkpoint known so far (from the old witness, or the store): kept without writing. */
  keepCheckpointUnwritten(checkpoint: WitnessedCheckpoint | null | undefined): void {
    if (checkpoint && (!this.checkpoint || checkpoint.sequence > this.checkpoint.sequence)) this.checkpoint = checkpoint;
  }

  /** The highest checkpoint number given before an accepted reset took newer checkpoints away (see `StoreWitness.checkpointNumbered`); 0 for none. */
  private numbered = 0;

  /**
   * The latest instant the store is known to have been seen at (ms since the epoch; null: none known):
   * no write records an earlier `seenAt` (breaker9r P1, `seenAtNoEarlierThan`). Raised by what the
   * witnesses read at start said (`keepSeenAtAtLeast`), by each write, and by the witness file as each
   * durable write finds it (another server's or a tool's write since).
   */
  private seenFloor: number | null = null;

  /**
   * The store was seen at `at` (ISO-8601; null/undefined/unreadable: nothing known) by a witness this
   * process read: no later write of the witness says an earlier instant. Not called by a start that
   * accepted a clock that was ahead for what it accepted (the witness it read was written by that clock).
   */
  keepSeenAtAtLeast(at: string | null | undefined): void {
    const ms = at ? Date.parse(at) : Number.NaN;
    if (Number.isFinite(ms) && (this.seenFloor === null || ms > this.seenFloor)) this.seenFloor = ms;
  }

  /**
   * Acceptances of a clock that was ahead, and the mark of the start that used the setting, as the
   * witness file said them after this process's first write: another server's start on the same store
   * (breaker9r P4: a server started before another's acceptance kept refusing writes, and its next
   * witness write dropped that acceptance). Null until such a read found the file this store's.
   */
  private learned: { readonly accepted: readonly ClockAheadAcceptance[]; readonly usedAt: string | undefined } | null = null;
  /** When the clock check last looked at the witness file for another server's acceptance (ms). */
  private lastLook = 0;

  /** The acceptances this process knows now (oldest first): its start's, or the longer list another server's start wrote since. */
  clockAheadAcceptedNow(): readonly ClockAheadAcceptance[] {
    return this.learned?.accepted ?? this.seen.clockAheadAccepted ?? [];
  }

  /**
   * For the clock check while it refuses writes (breaker9r P4): reads the witness file, at most once a
   * second, for an acceptance another server's start made since (see `keepWhatFileKnows`).
   */
  lookForAcceptances(): void {
    const now = Date.now();
    if (now - this.lastLook < 1000) return;
    this.lastLook = now;
    this.keepWhatFileKnows();
  }

  /**
   * What the witness file says now, when it is this store's (signature checked) and knows no fewer
   * clock-ahead acceptances than this process (one that knows fewer was written before an acceptance
   * this process carries, by the clock it accepted): its seen instant (breaker9r P1: no write goes back
   * before it); a longer list of acceptances that extends this process's (another server's accepting
   * start: the seen instants known before it were that clock's, and are dropped); and, once this process
   * wrote the witness, the setting's mark as the file has it (another start's, set or cleared). A file
   * that cannot be read is left to the start's checks (it is written over).
   */
  private keepWhatFileKnows(): void {
    try {
      const onDisk = readWitness(this.path);
      if (onDisk?.storeId !== this.seen.storeId) return;
      // Another server's on the same file (or a tool's) recorded since: never dropped by this one's write.
      // breaker49-9 S4: not the writers of a witness written under another copy name that this start accepted the store over
      // (the backup's 正式 witness under a drill's 演练 acceptance): they are that copy's, not this one's.
      const acceptedOverOtherName =
        typeof onDisk.copyName === 'string' && onDisk.copyName !== (this.seen.copyName ?? null) && this.seen.resetAcceptedAt !== undefined && onDisk.resetAcceptedAt !== this.seen.resetAcceptedAt;
      if (onDisk.writers && !acceptedOverOtherName) this.writers = keptWriters(this.writers, onDisk.writers, this.writerId);
      // Another server's start that declared a former key (newcomer50-9 S2): never dropped by this one's write.
      if (onDisk.formerKeys?.length) this.formerKeys = mergedFormerKeys(this.formerKeysNow(), onDisk.formerKeys);
      const mine = this.clockAheadAcceptedNow();
      const theirs = onDisk.clockAheadAccepted ?? [];
      if (theirs.length < mine.length) return;
      if (theirs.length > mine.length && mine.every((acceptance, index) => theirs[index]?.at === acceptance.at)) {
        this.learned = { accepted: theirs, usedAt: onDisk.clockAheadSettingUsedAt };
        this.seenFloor = null;
      } else if (this.written !== null) {
        this.learned = { accepted: mine, usedAt: onDisk.clockAheadSettingUsedAt };
      }
      this.keepSeenAtAtLeast(onDisk.seenAt);
    } catch {
      // Damaged or unreadable: what this process knows stands.
    }
  }

  /** Keeps the numbers given so far (an accepted older store, or the old witness's `checkpointNumbered`) without writing. */
  keepCheckpointNumbering(numbered: number | null | undefined): void {
    if (numbered && numbered > this.numbered) this.numbered = numbered;
  }

  /** The highest checkpoint number the witness saw given (this server's, the store's, the old witness's, or before an accepted reset); 0 for none. */
  newestCheckpointSeen(): number {
    return Math.max(this.checkpoint?.sequence ?? 0, this.numbered);
  }

  /** A checkpoint was taken: the witness says so at once (when it was written at this start already). */
  noteCheckpoint(checkpoint: WitnessedCheckpoint): void {
    if (this.checkpoint && checkpoint.sequence <= this.checkpoint.sequence) return;
    this.checkpoint = { sequence: checkpoint.sequence, treeSize: checkpoint.treeSize };
    // The checkpoint stands whatever happens here; a witness that cannot be written is kept as `failure()`.
    this.attempt(() => this.writeAgain());
  }

  /** That head's full position and event id (null when not known), to write the witness again from. */
  private highestHead: { position: Position; eventId: string | null } | null = null;

  /**
   * A position this server's append reached, written to the witness at once (before the append is
   * answered); the witness only ever moves forward. Returns false when the position is not past the
   * highest this server already saw: the log went backwards under the server (its file overwritten
   * with an older copy), and the witness keeps what it saw. A witness that cannot be written does
   * not fail the append (it is in the log): it is kept as `failure()`.
   */
  noteHead(position: Position, eventId: string | null = null): boolean {
    if (this.highest !== null && position.commit <= this.highest) return false;
    this.highest = position.commit;
    this.highestHead = { position, eventId };
    this.pending = { position, eventId };
    this.attempt(() => this.write(position, eventId, false));
    return true;
  }

  /**
   * Writes the witness now: the head, the id of the event there (null when not known), and its
   * chain hash where one is kept; `durable` (the default) through a temporary file, fsync and
   * rename, otherwise over the file in place (see `overwriteWitness`). `own` (the default): the head is
   * one this server appended or admitted, so the highest it saw is raised to it; false for another
   * server's head, written only so that the witness never goes below it.
   * @throws WitnessNotWrittenError when the file cannot be written.
   */
  write(head: Position | null, headEventId: string | null, durable = true, own = true): void {
    const lock = this.underWriteLock ?? ((work: () => void) => work());
    lock(() => {
      // s57b (breaker57-9 S1): under the store's write lock no process commits, so the log's head read here is the newest
      // any server acknowledged, and no other process's witness write can land between this read and this write — each
      // of theirs is made under the lock too. The witness names the higher of the two: never below another server's
      // acknowledged append (before, a durable write of this server's older head — fsync, up to a second under load — was
      // renamed over the other's newer one, and the witness stayed behind until the write after it).
      if (own && head) this.raiseHighest(head, headEventId);
      const stored = head ? this.storeHead?.() : null;
      const theirs = stored && head && stored.position.commit > head.commit ? stored : null;
      this.beforeWriteForTest?.();
      if (theirs) this.writeOnce(theirs.position, theirs.eventId, durable, false);
      else this.writeOnce(head, headEventId, durable, own);
      // Without the lock (not to be had within WITNESS_LOCK_WAIT_MS, or no SQLite store): another server on the same file
      // may have appended (and answered) past this head and written the witness before this write landed: this write
      // would take it back (breaker9b N4). So the store's head is read after each write and written again when it is
      // higher. Under the lock it never is. Bounded: the server that appended a newer event writes and checks it itself.
      for (let again = 0; again < 3 && head; again += 1) {
        const later = this.storeHead?.();
        const written = this.written?.head;
        if (!later || !written || later.position.commit <= written.commit) return;
        // Not taken as this server's own head: its own appends still in flight are below it, and
        // `noteHead` must not mistake them for the log going backwards.
        this.writeOnce(later.position, later.eventId, durable, false);
      }
    });
  }

  /**
   * Test hook (s57b): called inside `write`, after the log's head was read and before the witness is written — the moment at
   * which another process's append and witness write must not come in between. Never set outside specs.
   */
  beforeWriteForTest: (() => void) | null = null;

  /** Raises the highest head this server appended or admitted (the witness never goes below it) to `head`, when it is higher. */
  private raiseHighest(head: Position, headEventId: string | null): void {
    if (this.highest === null || head.commit > this.highest) {
      this.highest = head.commit;
      this.highestHead = { position: head, eventId: headEventId };
    }
  }

  private writeOnce(head: Position | null, headEventId: string | null, durable: boolean, own = true): void {
    if (own && head) this.raiseHighest(head, headEventId);
    // What the file says now first (another writer's seen instant, another server's acceptance: breaker9r P1, P4). An
    // in-place write reads it too when another process wrote it since (breaker43-9 K2: a tool's writer id, recorded
    // durably just before its append, was dropped by the server's next in-place write).
    // breaker48-9b S1: the store's file went away and another (a drill's, its folder put at the path) is there now. The witness
    // beside it is that file's: read, it would lend this copy the drill's writer ids; written, it would name the drill's rows
    // this copy's (正式, this server's head) — and the next start would take them as production's (STORE_REWRITTEN, not
    // STORE_FROM_OTHER_COPY). Only this copy's own records outside the data folder (beside the key, by the served path) are written.
    const detached = this.pathNamesAnotherFile?.() ?? false;
    if (!detached && (durable || this.fileLength === null || this.fileChangedSinceWritten())) this.keepWhatFileKnows();
    const { createdForFirstRun, clockAheadAccepted: _startAccepted, clockAheadSettingUsedAt: startUsedAt, writers: _startWriters, formerKeys: _startFormerKeys, ...seen } = this.seen;
    const formerKeys = this.formerKeysNow();
    const clockAheadAccepted = this.clockAheadAcceptedNow();
    const clockAheadSettingUsedAt = this.learned ? this.learned.usedAt : startUsedAt;
    const file = this.storeFile?.() ?? null;
    const seenAt = seenAtNoEarlierThan(Date.now(), this.seenFloor);
    this.seenFloor = Date.parse(seenAt);
    const witness: StoreWitness = {
      ...seen,
      ...(this.signingKey ? { signingKey: this.signingKey } : {}),
      ...(formerKeys.length > 0 ? { formerKeys } : {}),
      ...(clockAheadAccepted.length > 0 ? { clockAheadAccepted } : {}),
      ...(clockAheadSettingUsedAt ? { clockAheadSettingUsedAt } : {}),
      // Only while nothing was written: a store with events is no longer waiting for its first run.
      ...(createdForFirstRun && head === null ? { createdForFirstRun } : {}),
      head: head ? head.commit.toString() : null,
      headHash: head && this.hashAt ? this.hashAt(head.commit) : null,
      headEvent: head && headEventId ? { id: headEventId, position: formatPosition(head)! } : null,
      checkpoint: this.checkpoint,
      ...(this.numbered > (this.checkpoint?.sequence ?? 0) ? { checkpointNumbered: this.numbered } : {}),
      ...(this.sealedRows ? { sealedRows: true } : {}),
      ...(this.keyCopy !== null ? { keyCopy: this.keyCopy } : {}),
      ...(file ? { storeFile: file } : {}),
      ...(this.writers.length > 0 ? { writers: this.writers } : {}),
      seenAt,
    };
    if (detached) {
      this.written = { head, eventId: headEventId, own };
      if (durable) {
        this.writeKeptCopy(witness);
        this.durableHead = head?.commit ?? null;
      }
      return;
    }
    const signed = this.signingPrivateKey ? signWitness(witness, this.signingPrivateKey) : witness;
    this.fileLength = durable || this.fileLength === null ? writeWitness(this.path, signed) : this.overwrite(signed, this.fileLength);
    this.written = { head, eventId: headEventId, own };
    this.fileAsWritten = witnessFileStamp(this.path);
    if (durable || this.fileLength === null) {
      this.writeKeptCopy(witness);
      this.durableHead = head?.commit ?? null;
    }
  }

  /** The witness file as this process's last write left it (`witnessFileStamp`); null before one, or when it could not be read. */
  private fileAsWritten: string | null = null;

  /** Whether the witness file is not as this process's last write left it: another process (a tool, another server) wrote it since. One stat. */
  private fileChangedSinceWritten(): boolean {
    return this.fileAsWritten === null || witnessFileStamp(this.path) !== this.fileAsWritten;
  }

  /** Why the last write of the copy beside the key failed (said once, until one succeeds), and since when; null while it is written. */
  private keptCopyFailed: { readonly why: string; readonly since: string } | null = null;

  /**
   * Why the copy beside the signing key cannot be written (its folder read-only — a secrets mount —
   * or full), and since when: StoreHealth lists it in /health `notices` for as long as it lasts
   * (breaker9d P6). Null while it is written, or where none is kept.
   */
  keptCopyFailure(): { readonly path: string; readonly why: string; readonly since: string } | null {
    return this.keptCopyFailed && this.keptCopyPath ? { path: this.keptCopyPath, ...this.keptCopyFailed } : null;
  }
  /** Where a copy beside the key was written for (at this start: this place; before it: as the witness said), null for none yet: `StoreWitness.keyCopy`. */
  private keyCopy: string | boolean | null = null;
  /** Whether the copy under the older file name was looked at (see `retireLegacyCopy`), once per start. */
  private legacyCopyRetired = false;

  /**
   * The copy beside the signing key, signed (only a signed copy is kept: one nobody could check
   * would let anyone move it). A copy that cannot be written does not stop the server — the
   * witness beside the data still guards it — but is warned about once.
   */
  private writeKeptCopy(witness: StoreWitness): void {
    if (!this.signingPrivateKey) return;
    const onDisk = witness.kind === 'sqlite' && witness.location !== ':memory:';
    const location = onDisk ? realPlaceOf(witness.location) : witness.location;
    // The path as the operator reached it, links unresolved (breaker9l P3: a link re-pointed at another
    // copy is judged by it; breaker9m P2: links above the working folder too, see servedPathOf).
    const servedAs = onDisk ? { servedAs: servedPathOf(witness.location) } : {};
    if (this.servedPathCopyPath) this.writeServedPathCopy(signWitness({ ...witness, location, ...servedAs }, this.signingPrivateKey));
    if (!this.keptCopyPath) return;
    try {
      writeWitness(this.keptCopyPath, signWitness({ ...witness, location, ...servedAs }, this.signingPrivateKey));
      if (this.keptCopyFailed) this.logger.log(`The copy of the store witness beside the ledger signing key, ${this.keptCopyPath}, is written again`);
      this.keptCopyFailed = null;
      this.keyCopy = location;
      if (!this.legacyCopyRetired) {
        this.legacyCopyRetired = true;
        retireLegacyCopy(dirname(this.keptCopyPath), witness.storeId, location);
      }
    } catch (error) {
      const why = error instanceof WitnessNotWrittenError ? error.code : String((error as Error).message);
      if (!this.keptCopyFailed) {
        this.keptCopyFailed = { why, since: new Date().toISOString() };
        this.logger.warn(keptCopyUnwritable(this.keptCopyPath, why).en);
      }
    }
  }

  /** Whether writing the served-path copy failed last time (said once in the log until it succeeds). */
  private servedPathCopyFailed = false;

  /**
   * The copy kept by the path the operator reaches the store by, outside the installation's folder
   * (served-path-witness.ts, breaker9m P2). Best effort: a state folder that cannot be written is said
   * once in the log — the witness and its copy beside the key still guard the store.
   */
  private writeServedPathCopy(signed: StoreWitness): void {
    try {
      writeWitness(this.servedPathCopyPath!, signed);
      if (this.servedPathCopyFailed) this.logger.log(`The served-path copy of the store witness, ${this.servedPathCopyPath}, is written again`);
      this.servedPathCopyFailed = false;
    } catch (error) {
      if (!this.servedPathCopyFailed) {
        const why = error instanceof WitnessNotWrittenError ? error.code : String((error as Error).message);
        this.logger.warn(
          `The copy of the store witness kept by the path the store is reached by, ${this.servedPathCopyPath}, cannot be written (${why}): the store is reached through a symbolic link, and until the copy can be written a link re-pointed at an older copy of the installation (app folder, data folder) is not noticed at the next start. Let the server write that folder, or set XDG_STATE_HOME to a writable folder outside the installation.`,
        );
      }
      this.servedPathCopyFailed = true;
    }
  }

  /** The witness file's length in bytes once this server wrote it (in-place writes pad to it). */
  private fileLength: number | null = null;

  /** In place; a witness deleted under the server is written anew (durably). */
  private overwrite(witness: StoreWitness, length: number): number {
    try {
      return overwriteWitness(this.path, witness, length);
    } catch (error) {
      if (error instanceof WitnessNotWrittenError && error.code === 'ENOENT') return writeWitness(this.path, witness);
      throw error;
    }
  }

  /** The head (commit part) the last durable write named — the one the copy beside the key says too; null before one, or for an empty log. */
  private durableHead: bigint | null = null;
  /** Checks the rows after a position, up to another, before the witness follows the store past them (`checkFollowedRows`); null: followed unchecked. */
  private rowsSoundAfter: ((after: bigint, upTo: bigint) => boolean) | null = null;
  /** The store head a check found unsound rows below: not checked again (nor followed) until the log grows past it. */
  private unsoundUpTo: bigint | null = null;
  /** How far the rows past the witnessed head were found sound, slice by slice (`followStore`); null: none checked yet. */
  private checkedUpTo: bigint | null = null;
  /** The next slice of the check is due in a later turn (`followStore`). */
  private continuing = false;
  /** Closed: no slice is taken up again. */
  private stopped = false;

  /**
   * breaker55-9 S1, M3: the rows after `after` must pass `check` (sealed with the office's key, as recorded) before
   * `followStore` vouches for them: the witness never follows the log past a row nobody may have written.
   */
  checkFollowedRows(check: (after: bigint, upTo: bigint) => boolean): void {
    this.rowsSoundAfter = check;
  }

  /**
   * breaker55-9 S1, M3: the log's head as this process reads it now (any process's append: a tool killed between its commit
   * and its own witness write, another server killed before its durable write), written durably into the witness and its
   * copy beside the key when it is past the head the last durable write named — so a restore of a backup from before those
   * appends is refused `STORE_SHORTER`, whoever appended them. Run once a second with the flush, and at `close()`. Nothing
   * before this process first wrote the witness (a start writes it once the store is admitted), nor for a log this store
   * does not follow to its head (rewritten, cut back, a row found altered: `headEventToFollow`), nor past rows that fail
   * `checkFollowedRows`. The rows are checked `rowsAtOnce` a turn (FOLLOW_CHECK_ROWS; the rest in the turns after,
   * breaker56-10 S3: a 20,000-row `plan:import` checked in one held /health 5.5 s), the witness moved once every one
   * passed. A witness that cannot be written is kept as `failure()`.
   */
  followStore(rowsAtOnce: number = FOLLOW_CHECK_ROWS): void {
    if (this.written === null || !this.storeHead) return;
    const stored = this.storeHead();
    if (!stored) return;
    const from = this.durableHead ?? this.written.head?.commit ?? 0n;
    const head = stored.position.commit;
    if (head <= from) return;
    if (this.unsoundUpTo !== null && head <= this.unsoundUpTo) return;
    if (this.rowsSoundAfter) {
      // Where the last turn's slice ended, unless the log is shorter now (cut back meanwhile) or the witness moved past it.
      let after = this.checkedUpTo !== null && this.checkedUpTo > from && this.checkedUpTo <= head ? this.checkedUpTo : from;
      while (after < head) {
        const upTo = Number.isFinite(rowsAtOnce) ? (after + BigInt(Math.max(1, rowsAtOnce)) < head ? after + BigInt(Math.max(1, rowsAtOnce)) : head) : head;
        if (!this.rowsSoundAfter(after, upTo)) {
          this.unsoundUpTo = head;
          this.checkedUpTo = null;
          this.logger.warn(`The store's log holds rows past position ${from} that are not sealed as this office records them: the store witness is not moved to position ${head}`);
          return;
        }
        this.checkedUpTo = after = upTo;
        if (after < head) {
          this.continueLater(rowsAtOnce);
          return;
        }
      }
    }
    this.attempt(() => this.write(stored.position, stored.eventId, true, false));
  }

  /** Takes up `followStore`'s check in a later turn of the event loop (once, however often asked; never after `close`). */
  private continueLater(rowsAtOnce: number): void {
    if (this.continuing || this.stopped) return;
    this.continuing = true;
    setImmediate(() => {
      this.continuing = false;
      if (!this.stopped) this.followStore(rowsAtOnce);
    }).unref();
  }

  /** Makes the newest head durable, when one was written without fsync (or not at all) since the last time. */
  flush(): void {
    const pending = this.pending;
    if (!pending) return;
    this.attempt(() => {
      this.write(pending.position, pending.eventId);
      if (this.pending === pending) this.pending = null;
    });
  }

  /** Why the witness could not be written last time, or null when the last write succeeded. */
  failure(): WitnessNotWrittenError | null {
    return this.failed;
  }

  /** After a failure: tries to write the newest head again now; true once the witness is written. */
  retry(): boolean {
    if (this.failed) this.flush();
    return this.failed === null;
  }

  private attempt(write: () => void): void {
    try {
      write();
      if (this.failed) this.logger.log(`The store witness ${this.path} is written again`);
      this.failed = null;
    } catch (error) {
      if (!(error instanceof WitnessNotWrittenError)) throw error;
      // Said once, when it starts failing; StoreHealth refuses writes meanwhile.
      if (!this.failed) this.logger.warn(error.message);
      this.failed = error;
    }
  }

  /**
   * Makes the witness file say what this server has seen, now: what is pending, or, when the file
   * is gone (deleted under the server), the highest head it saw written again — so that a log cut
   * back together with its witness is still compared with what this server knows.
   */
  writeOut(): void {
    this.flush();
    if (existsSync(this.path) || !this.highestHead) return;
    const { position, eventId } = this.highestHead;
    this.attempt(() => this.write(position, eventId));
  }

  close(): void {
    this.stopped = true;
    clearInterval(this.timer);
    this.flush();
    // breaker55-9 S1, M3: a clean stop vouches for what it read of other processes' appends too (every row checked at once).
    this.followStore(Number.POSITIVE_INFINITY);
  }
}

export interface AdmittedStore {
  readonly store: EventStore;
  readonly identity: StoreIdentity;
  /**
   * True only for an empty store created for a first run: by this start where no store was seen
   * before, or by such a start that stopped before writing anything (the witness says so, and the
   * store is still that one, still empty). The one place the demo may be seeded; never true for a
   * store that replaced lost data.
   */
  readonly createdForFirstRun: boolean;
  /** The refusal the operator overrode with ACCEPT_STORE_RESET, if any. */
  readonly acceptedReset: StoreRefusedError | null;
  /**
   * ISO-8601 instant of the last start that accepted this store as it was (this one, when
   * ACCEPT_STORE_RESET is set), kept in the witness (`StoreWitness.resetAcceptedAt`); null when none did.
   */
  readonly resetAcceptedAt: string | null;
  /**
   * Every acceptance of records stamped by a clock that was ahead, oldest first, this start's last
   * (`StoreWitness.clockAheadAccepted`, breaker9q P4): the clock check judges only records after the
   * latest one's `upTo`. Empty when no start of this store accepted any.
   */
  readonly clockAheadAccepted: readonly ClockAheadAcceptance[];
  /**
   * What ACCEPT_CLOCK_AHEAD_RECORDS did at this start: `accepted`, the acceptance it made (the witness
   * read at this start was written by the clock then ahead: its `seenAt` no longer counts); `nothing`,
   * there was nothing to accept; null when the setting is off.
   */
  readonly clockAheadThisStart: { readonly accepted: ClockAheadAcceptance } | 'nothing' | null;
  /**
   * The latest instant (ISO-8601) the witnesses of this store read at this start saw it at (beside the
   * data, beside the key, by the served path; breaker9r P1): what the clock check judges the clock by
   * besides the log, and what no write of the witness goes back before. Null when none was read, or when
   * this start accepted a clock that was ahead (those instants were that clock's).
   */
  readonly seenBefore: string | null;
  /** The key checkpoints were last signed with, by the witness or else the newest checkpoint (see `judgeSigningKey`). */
  readonly signingKeyOnRecord: SigningKeyOnRecord | undefined;
  /** The keys the office retired, as the witness copies beside the key signed by the key in use remember them (`retiredKeysOf`). */
  readonly retiredKeys: readonly FormerKey[];
  /**
   * breaker51-9 S2: the store accepted at this start (ACCEPT_STORE_RESET) is a backup from before a key rotation, its rows
   * sealed by a former key of the office that its own witness vouches for (`formerKeySealing`): `LedgerKeys` seals them
   * anew with the key in use, as at a rotation. Null (or absent) otherwise.
   */
  readonly rowsSealedByFormerKey?: FormerKeySealing | null;
  readonly witness: WitnessKeeper;
  /** The witness as this start read it (signature checked when it has one); null when there was none or a damaged one was set aside. */
  readonly witnessed: StoreWitness | null;
  /**
   * This server's entry among the servers on the SQLite file (`<SQLITE_PATH>.servers/`, see
   * live-servers.ts), removed at shutdown; null for EventStoreDB and `:memory:`.
   */
  readonly registration: LiveServerRegistration | null;
  /**
   * newcomer46-9 M4: the other files of this store, at other places and there now, whose newest witness copy beside the key
   * carries this start's STORE_COPY_NAME — two copies under one name (a drill that took 正式 from the project's .env): said
   * in /health `notices` (STORE_COPY_NAME_SHARED). Empty without a name, for EventStoreDB and `:memory:`. `behind`: that copy's
   * witness saw no further than what this file holds (its head is here with the same chain hash) — the place an
   * installation was moved from, or a drill that wrote nothing yet (newcomer50-9 M1).
   */
  readonly sameNameElsewhere: readonly SameNameCopy[];
  /** breaker52-9 S4: another file of this store under this start's copy name (or none on both) seen further on (`movedAwayWords`); null when none. */
  readonly movedAway: Bilingual | null;
  /**
   * Resolves once the store's file is known sound (SQLite: `PRAGMA quick_check`, on a thread of its
   * own while the read models are restored) and the witness is written; rejects with StoreRefusedError
   * STORE_DAMAGED otherwise. Nothing may be written to the store, nor the server be ready, before it.
   */
  readonly integrity: Promise<void>;
}

type StoreSettings = Pick<AppSettings, 'EVENT_STORE' | 'SQLITE_PATH' | 'EVENTSTORE_CONNECTION_STRING' | 'STORE_WITNESS_PATH' | 'ACCEPT_STORE_RESET'> &
  Partial<Pick<AppSettings, 'LEDGER_SIGNING_KEY_FILE' | 'LEDGER_TRUSTED_KEYS' | 'STORE_COPY_NAME' | 'ACCEPT_CLOCK_AHEAD_RECORDS'>>;

/**
 * breaker9q P4: with ACCEPT_CLOCK_AHEAD_RECORDS, this start takes the clock as right when it reads
 * before the newest instant the store holds (what the clock check would refuse writes for, records
 * already accepted left out): the acceptance is added to the ones this store's witness kept, and the
 * log says, in Chinese then English, what was accepted and lists the newest records stamped ahead.
 * Without the setting the witness's acceptances are carried on unchanged. `sameStore`: the witness
 * read at this start when it is this store's.
 */
async function acceptClockAhead(
  settings: StoreSettings,
  store: EventStore,
  sameStore: StoreWitness | null,
  seenBefore: string | null,
  head: bigint | null,
  logger: Logger,
): Promise<Pick<AdmittedStore, 'clockAheadAccepted' | 'clockAheadThisStart'>> {
  const before = sameStore?.clockAheadAccepted ?? [];
  if (!settings.ACCEPT_CLOCK_AHEAD_RECORDS) return { clockAheadAccepted: before, clockAheadThisStart: null };
  const now = Date.now();
  const sqlite = store instanceof SqliteEventStore ? store : null;
  const newest = newestOf([
    { at: seenBefore, source: 'witness' },
    { at: sqlite ? recordedAfterAcceptance(sqlite.newestRecord(), before) : null, source: 'log' },
  ]);
  const ahead = sqlite?.recordsStampedAfter(new Date(now).toISOString()) ?? null;
  const accepted = clockAheadAcceptance(now, newest, head, ahead);
  if (!accepted) return { clockAheadAccepted: before, clockAheadThisStart: 'nothing' };
  const words = clockAheadAcceptanceWords(accepted);
  logger.warn(words.zh);
  logger.warn(words.en);
  if (ahead) {
    const listed = ahead.newest.map(({ position, recordedAt }) => `${position} ${recordedAt}`).join(', ');
    const more = ahead.records > ahead.newest.length ? ` (${ahead.records - ahead.newest.length} more before them; ledger:verify and the records' recordedAt show all)` : '';
    logger.warn(`录入时间晚于现在的记录（位置 录入时间）/ Records stamped later than now (position recordedAt), newest first: ${listed}${more}`);
  }
  // breaker9r P2: the records of the span whose office day the fast clock gave them — after the real day — each named with what re-dates it.
  if (sqlite && accepted.from !== null && accepted.upTo !== null) {
    const from = BigInt(accepted.from);
    const rows = (await sqlite.readAll({ after: { commit: from - 1n, prepare: from - 1n }, maxCount: Number(BigInt(accepted.upTo) - from + 1n) }))
      .filter((event) => !event.unreadable)
      .map((event) => ({ position: event.position.commit, streamId: event.streamId, type: event.type, schemaVersion: event.schemaVersion, data: event.data, recordedAt: event.metadata.recordedAt }));
    const found = datedAfterRealDay(rows, realDayOf(accepted), allEventSchemas());
    const heading = datedAheadHeading(found.length, accepted);
    logger.warn(heading.zh);
    logger.warn(heading.en);
    const lines = datedAheadLines(found.slice(0, DATED_AHEAD_LISTED), realDayOf(accepted));
    for (const line of lines) logger.warn(`${line.zh} / ${line.en}`);
    if (found.length > DATED_AHEAD_LISTED) logger.warn(`另有 ${found.length - DATED_AHEAD_LISTED} 条，请运行 npm run ledger:verify 查看全部 / ${found.length - DATED_AHEAD_LISTED} more: npm run ledger:verify lists them all`);
  }
  return { clockAheadAccepted: [...before, accepted], clockAheadThisStart: { accepted } };
}

/**
 * The copies of store witnesses beside the signing key; a damaged one is refused like the witness, or
 * with ACCEPT_STORE_RESET set aside: judged without, and listed in `unreadable` to be moved aside
 * once the accepting start has written its own (newcomer25 S6: left there, it refused the next start).
 */
function readKeptOrAccept(folder: string | null, settings: StoreSettings, logger: Logger): { kept: KeptWitness[]; unreadable: string[] } {
  try {
    return { kept: readKeyFolderWitnesses(folder), unreadable: [] };
  } catch (error) {
    if (!(error instanceof StoreRefusedError) || !settings.ACCEPT_STORE_RESET) throw error;
    logger.warn(`Starting without the copies of store witnesses beside the signing key that cannot be read, as ACCEPT_STORE_RESET asks: ${error.message}`);
    return readKeyFolderWitnessesLeniently(folder);
  }
}

/** The copy kept by the path the store is reached by (served-path-witness.ts); a damaged one is refused like the witness, or set aside with ACCEPT_STORE_RESET. */
function readServedPathCopyOrAccept(settings: StoreSettings, logger: Logger): KeptWitness[] {
  try {
    return readServedPathWitness(settings.SQLITE_PATH);
  } catch (error) {
    if (!(error instanceof StoreRefusedError) || !settings.ACCEPT_STORE_RESET) throw error;
    logger.warn(`Starting without the served-path copy of the store witness, as ACCEPT_STORE_RESET asks: ${error.message}`);
    return [];
  }
}

/** The witness; a damaged one is refused, or with ACCEPT_STORE_RESET set aside (as on a first start) with a warning. */
function readWitnessOrAccept(settings: StoreSettings, logger: Logger): StoreWitness | null {
  try {
    return readWitness(settings.STORE_WITNESS_PATH);
  } catch (error) {
    if (!(error instanceof StoreRefusedError) || !settings.ACCEPT_STORE_RESET) throw error;
    logger.warn(`Starting without the damaged store witness, as ACCEPT_STORE_RESET asks: ${error.message}`);
    return null;
  }
}

/**
 * newcomer53-9 M3, newcomer54-9 M5: the keys this office retired, as the witness copies beside the key (`kept`, every place's)
 * that were signed by the key configured now (`configured`, a fingerprint; null: no key file) remember them — a restore drill
 * of a backup from before a rotation, at a place of its own, is told it predates the rotation wherever the judgement falls.
 */
export function retiredKeysOf(kept: readonly KeptWitness[], configured: string | null | undefined): FormerKey[] {
  if (!configured) return [];
  return kept.filter(({ witness }) => witness.signingKey === configured).flatMap(({ witness }) => witness.formerKeys ?? []);
}
/**
 * The key checkpoints were last signed with: the witness's fingerprint, else the key of the store's
 * newest checkpoint (a witness of an older version, or one whose fingerprint was removed, must not
 * let any key in); undefined when neither names one (a store never checkpointed).
 */
async function signingKeyOnRecordOf(witnessed: StoreWitness | null, found: FoundStore): Promise<SigningKeyOnRecord | undefined> {
  if (witnessed?.signingKey) return { fingerprint: witnessed.signingKey, source: 'witness' };
  const newest = await found.newestCheckpointKey();
  return newest ? { fingerprint: keyFingerprint(newest.publicKey), source: 'checkpoint', sequence: newest.sequence } : undefined;
}

/**
 * A log with positions missing below its head (rows deleted from its middle: a revoked token, a
 * close-out sent back, removed) is refused; null when it has none. `holes`: `SqliteEventStore.missingPositions`.
 * Unlike a log cut short at its end (an older backup put back: `judgeCutAtEnd`), a hole cannot be
 * accepted and gone on from — every row after it chains over the deleted ones, so nothing can be
 * decided on, checkpointed or printed past it (breaker9z P11: the refusal offered --accept-store-reset
 * as a way on, and the store then refused every write and every 台账校验码, for good). The way on is
 * the newest backup (`store:backup` refuses to copy a log with a hole); ACCEPT_STORE_RESET starts it
 * read-only, to read and export what is left.
 */
export function judgeHoles(location: string, holes: ReturnType<SqliteEventStore['missingPositions']>): StoreRefusedError | null {
  if (!holes) return null;
  const ranges = holes.ranges.map(({ first, last }) => (first === last ? `${first}` : `${first}–${last}`));
  const more = holes.missing > holes.ranges.reduce((sum, { first, last }) => sum + last - first + 1, 0) ? ', …' : '';
  return new StoreRefusedError(
    'LOG_HOLE',
    say(
      `The event log in ${location} is missing ${holes.missing} event(s) below its head, at position ${ranges.join(', ')}${more}: rows were deleted from the middle of the log, and what they recorded (a token revoked, a report sent back, a close-out) would be served as if it never happened. Run npm run ledger:verify (it names where the chain breaks) and restore the store from the newest backup (npm run store:backup keeps only unaltered copies). ${resetOffers.readOnlyWithHoles.en}`,
      `${location} 的事件日志在末尾之前缺少 ${holes.missing} 条事件（位置 ${ranges.join('、')}${more ? '等' : ''}）：日志中间的记录被删除，其所记录的事实（令牌吊销、报告退回、销号等）将被当作从未发生。请运行台账校验（npm run ledger:verify，会指出哈希链断开之处），并用最近的备份恢复事件库（npm run store:backup 只保留未被改动的副本）。${resetOffers.readOnlyWithHoles.zh}`,
    ),
    undefined,
    [resetOffers.readOnlyWithHoles],
  );
}

/**
 * A log whose file numbered events past its newest one (`positionsGivenIn`): events deleted from the
 * end of the log, together with the witness's knowledge of them or before anyone witnessed them
 * (breaker9g P9: the newest rows a command-line tool wrote, deleted, and the server started
 * "ready"), is refused like a log shorter than its witness; null when the numbering ends at the head.
 * @param head the newest event's position, null for an empty log.
 * @param given the highest position the file ever gave, null when it never gave one.
 * @param acceptedUpTo the numbering when a start accepted the store as it was (`numberedAtReset`):
 *   positions up to it missing at the end were lost in what the operator accepted, not deleted since.
 * @param unvouched the rows the last start refused past the witnessed head (`StoreWitness.unvouchedRows`): positions up
 *   to its `upTo` missing at the end were never acknowledged, when the log still reaches the row before its `from`.
 */
export function judgeCutAtEnd(location: string, head: bigint | null, given: number | null, acceptedUpTo?: number, unvouched?: UnvouchedRows): StoreRefusedError | null {
  // breaker9z P13: rows the last start found past the witnessed head and refused (`StoreWitness.unvouchedRows`), removed
  // since, were never acknowledged — once the log reaches the row before them.
  const refusedUpTo = unvouched && (head ?? 0n) >= BigInt(unvouched.from) - 1n ? BigInt(unvouched.upTo) : 0n;
  const kept = [BigInt(Math.max(0, acceptedUpTo ?? 0)), refusedUpTo, head ?? 0n].reduce((most, next) => (next > most ? next : most));
  if (given === null || BigInt(given) <= kept) return null;
  const first = kept + 1n;
  const range = BigInt(given) === first ? `${first}` : `${first}–${given}`;
  const ends = head === null ? 'holds no event' : `ends at position ${head}`;
  const endsZh = head === null ? '一条事件都没有' : `止于位置 ${head}`;
  return new StoreRefusedError(
    'STORE_SHORTER',
    say(
      `The event log in ${location} ${ends}, but the file itself numbered events up to position ${given}: the events at position ${range} were deleted from the end of the log, and what they recorded (an account, a report, a close-out) would be served as if it never happened. Run npm run ledger:verify and restore the store from a backup. ${resetOffers.startAsIs.en}`,
      `${location} 的事件日志${endsZh}，而该文件自身的事件编号已到位置 ${given}：位置 ${range} 的事件已从日志末尾删除，其所记录的事实（账号、报告、销号等）将被当作从未发生。请进行台账校验（npm run ledger:verify），并从备份恢复事件库。${resetOffers.startAsIs.zh}`,
    ),
    undefined,
    [resetOffers.startAsIs],
  );
}

/**
 * A store whose newest ledger checkpoint is older than the one the witness saw (checkpoint rows
 * deleted together with SQLite's counter of their numbers, say to hide a rewritten log) is
 * refused; null when it has them all. `latest`: the store's newest checkpoint.
 */
export function judgeCheckpoints(location: string, witnessed: StoreWitness, latest: { sequence: number } | null): StoreRefusedError | null {
  const seen = witnessed.checkpoint;
  if (!seen || (latest?.sequence ?? 0) >= seen.sequence) return null;
  const has = latest ? `its newest is checkpoint ${latest.sequence}` : 'it holds none';
  const hasZh = latest ? `其中最新的是第 ${latest.sequence} 号` : '其中一个都没有';
  return new StoreRefusedError(
    'CHECKPOINTS_MISSING',
    say(
      `The ledger checkpoints of the event store at ${location} end before checkpoint ${seen.sequence} (over ${seen.treeSize} events) that this server took or saw (${witnessed.seenAt}): ${has}. Either the store was restored from a backup older than that checkpoint (the events after it are then missing too), or checkpoint rows were deleted together with the file's numbering of them — what hides a rewritten log from verification. Run npm run ledger:verify and restore the store from a backup. ${resetOffers.startAsIs.en}`,
      `${location} 事件库的台账校验点止于本服务曾签署或看到的第 ${seen.sequence} 号校验点（覆盖 ${seen.treeSize} 条事件，${officeInstantZh(witnessed.seenAt)}）之前：${hasZh}。要么事件库是从早于该校验点的备份恢复的（其后的事件也随之缺失），要么校验点记录连同其编号计数一起被删除——这正是掩盖日志改写的手法。请进行台账校验（npm run ledger:verify），并从备份恢复事件库。${resetOffers.startAsIs.zh}`,
    ),
    undefined,
    [resetOffers.startAsIs],
  );
}

/**
 * Whether SQLite's error says the file at `path` is damaged or no database at all, or that it cannot be read (SQLITE_IOERR_*:
 * breaker9a P4, a -wal emptied whose index still names its frames crashed the start with a bare "disk I/O error") — but not
 * an I/O error of a full disk, which is said as DISK_FULL (`diskFullOf`, where the start's and tools' failures are told).
 */
const isDamage = (error: unknown, path: string) => isStoreDamage(error) || (isStoreReadFault(error) && diskFullOf(error, path) === null);
/** SQLITE_BUSY and its extended codes: another process held the lock past the connection's busy timeout. */
const isBusy = (error: unknown) => String((error as { code?: unknown } | null)?.code).startsWith('SQLITE_BUSY');

/**
 * breaker9p P2: the store's folder cannot be written — mounted read-only by mistake, remounted read-only
 * after a file system error (ext4 errors=remount-ro), a backup volume, its mode taken away: even a
 * read-only connection to a WAL store must create its -shm there, and a start removes dead servers'
 * entries and moves a stray -wal aside there. Refused STORE_FOLDER_READ_ONLY in both languages, naming
 * the folder (the server exits 3), not with SQLite's bare "unable to open database file" or an EROFS
 * from whatever touched the folder first. Null for a SQLite file in memory, a folder not made yet (the
 * start makes it) or a writable one. `whyNot`: the error code the folder answers a write check with (EROFS, EACCES), null when it may be written.
 */
export function readOnlyFolderRefusal(sqlitePath: string, whyNot: (folder: string) => string | null = folderNotWritable): StoreRefusedError | null {
  if (sqlitePath === ':memory:') return null;
  const folder = dirname(realPlaceOf(sqlitePath));
  if (!existsSync(folder)) return null;
  const code = whyNot(folder);
  if (code === null) return null;
  return new StoreRefusedError(
    'STORE_FOLDER_READ_ONLY',
    say(
      `The folder of the event store, ${folder} (SQLITE_PATH=${sqlitePath}), cannot be written (${code}: a volume mounted read-only, remounted so after a disk error, or a folder this user may not write), so the store cannot be opened: nothing was written. The store itself is not damaged — do not restore it. Make that folder (or its volume) writable, then start again.`,
      `事件库所在的文件夹 ${folder}（SQLITE_PATH=${sqlitePath}）不可写（${code}：卷被以只读方式挂载、因磁盘错误被重新挂载为只读，或当前用户无写入权限），因此无法打开事件库：未写入任何内容。事件库本身并未损坏——请勿从备份恢复。请把该文件夹（或其所在的卷）改为可写后再启动。`,
    ),
  );
}

/** Null when this process may write in `folder`; else the code it was refused with (a read-only mount answers EROFS, even to root). */
function folderNotWritable(folder: string): string | null {
  try {
    accessSync(folder, constants.W_OK);
    return null;
  } catch (error) {
    return String((error as { code?: unknown }).code ?? 'EACCES');
  }
}

/** Who owns a file, as `ls -l` says it: the account name from /etc/passwd, else `uid N`. */
export interface FileOwnership {
  readonly owner: string;
  /** Permission bits as `ls` reads them in octal, e.g. `0644`. */
  readonly mode: string;
}

/**
 * breaker9q P1: a file of the store (not its folder) this process may not write — a backup restored as
 * root with `mv` keeps root as its owner, `chmod a-w` — started "ready", failed every write as a disk
 * fault, and the README's ACCEPT_STORE_RESET start died on SQLite's English "attempt to write a readonly
 * database". Every file a start or a tool writes beside the store is checked before anything opens
 * it: the .db, its -wal and -shm when present, the store witness, and the folder of live-server entries
 * (`<SQLITE_PATH>.servers/`, which must be entered as well as written). Refused STORE_FILE_READ_ONLY in
 * both languages (the server exits 3), naming the file, its owner and mode, and this process's user,
 * saying the store is not damaged and how to give the file back (chown). Null when each may be written,
 * or for a store in memory. `whyNot`: the error code a path answers a write check with, null when it may be written.
 */
export function readOnlyStoreFileRefusal(
  sqlitePath: string,
  witnessPath: string | null,
  whyNot: (path: string, folder: boolean) => string | null = pathNotWritable,
  ownershipOf: (path: string) => FileOwnership = ownershipOnDisk,
  user: string = currentUserName(),
): StoreRefusedError | null {
  if (sqlitePath === ':memory:') return null;
  const database = realPlaceOf(sqlitePath);
  const files = [database, `${database}-wal`, `${database}-shm`, ...(witnessPath ? [witnessPath] : [])].map((path) => ({ path, folder: false }));
  const candidates = [...files, { path: liveServersFolderOf(sqlitePath), folder: true }];
  for (const { path, folder } of candidates) {
    if (!existsSync(path)) continue;
    const code = whyNot(path, folder);
    if (code === null) continue;
    const { owner, mode } = ownershipOf(path);
    const what = folder ? say('folder', '文件夹') : say('file', '文件');
    const chown = `chown ${folder ? '-R ' : ''}${user} ${path}`;
    return new StoreRefusedError(
      'STORE_FILE_READ_ONLY',
      say(
        `The event store's ${what.en} ${path} (SQLITE_PATH=${sqlitePath}) belongs to ${owner} (mode ${mode}), and this server's user ${user} may not write it (${code}) — e.g. a backup restored as another user keeps that user as owner — so the store cannot be opened: nothing was written. The store itself is not damaged — do not restore it again. Give the file back to the server's user (${chown}, or chown it as the data folder: chown --reference=${dirname(database)} …) or run the server as its owner, then start again.`,
        `事件库的${what.zh} ${path}（SQLITE_PATH=${sqlitePath}）属于 ${owner}（权限 ${mode}），当前运行服务的用户 ${user} 无法写入（${code}）——例如以其他用户身份恢复的备份仍归该用户所有——因此无法打开事件库：未写入任何内容。事件库本身并未损坏——请勿再次从备份恢复。请把该${what.zh}交还给运行服务的用户（${chown}，或按数据文件夹的所有者设置：chown --reference=${dirname(database)} …），或以该${what.zh}的所有者运行服务，然后再启动。`,
      ),
    );
  }
  return null;
}

/** Null when this process may write `path` (and, for a folder, enter it); else the code it was refused with. */
function pathNotWritable(path: string, folder: boolean): string | null {
  try {
    accessSync(path, folder ? constants.W_OK | constants.X_OK : constants.W_OK);
    return null;
  } catch (error) {
    return String((error as { code?: unknown }).code ?? 'EACCES');
  }
}

/** The owner and mode of `path` as on disk. */
function ownershipOnDisk(path: string): FileOwnership {
  const stats = statSync(path);
  return { owner: accountNameOf(stats.uid) ?? `uid ${stats.uid}`, mode: `0${(stats.mode & 0o777).toString(8).padStart(3, '0')}` };
}

/**
 * The account name of `uid` from /etc/passwd, null when it has none there. Hand-written: Node has no
 * call for another user's name (os.userInfo() knows only this process's), and the refusal must name the
 * owner the operator will type into chown.
 */
function accountNameOf(uid: number): string | null {
  try {
    const line = readFileSync('/etc/passwd', 'utf8')
      .split('\n')
      .find((entry) => entry.split(':')[2] === String(uid));
    return line ? line.split(':')[0]! : null;
  } catch {
    return null;
  }
}

/** This process's user name, `uid N` when the system has none for it. */
function currentUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return `uid ${process.getuid?.() ?? '?'}`;
  }
}

/**
 * Throws `readOnlyFolderRefusal` for a SQLite store whose folder cannot be written, then
 * `readOnlyStoreFileRefusal` for a file of it this process may not write — before anything touches them.
 */
function refuseUnwritableStore(settings: Pick<AppSettings, 'EVENT_STORE' | 'SQLITE_PATH'> & Partial<Pick<AppSettings, 'STORE_WITNESS_PATH'>>, options = { filesToo: true }): void {
  if (settings.EVENT_STORE !== 'sqlite') return;
  const refusal = readOnlyFolderRefusal(settings.SQLITE_PATH) ?? (options.filesToo ? readOnlyStoreFileRefusal(settings.SQLITE_PATH, settings.STORE_WITNESS_PATH ?? null) : null);
  if (refusal) throw refusal;
}

/** The refusal, with what it must say of a -wal file beside the SQLite store (`walBesideNote`) and of a copy a server left there (`rescuedCopyNote`), when there are. */
function withWalNote(settings: Pick<AppSettings, 'EVENT_STORE' | 'SQLITE_PATH'> & Partial<Pick<AppSettings, 'STORE_WITNESS_PATH' | 'LEDGER_SIGNING_KEY_FILE'>>, refusal: StoreRefusedError): StoreRefusedError {
  const onDisk = settings.EVENT_STORE === 'sqlite' && settings.SQLITE_PATH !== ':memory:';
  const wal = onDisk ? (refusal.reason === 'STORE_FROM_OTHER_COPY' ? otherCopyWalNote(settings.SQLITE_PATH, refusal.otherCopyRows) : walBesideNote(settings.SQLITE_PATH, { damageSaid: refusal.message.includes(WAL_DAMAGE_SAID) })) : null;
  // And a copy a server left when the file went away under it (breaker9k P4), which may hold what the
  // file lacks — judged against the store and what the witness saw (breaker9m P1: after an accepted reset and new records, never offered).
  const rescued = onDisk ? rescuedCopyNote(settings.SQLITE_PATH, settings.STORE_WITNESS_PATH ? witnessForRescue(settings.STORE_WITNESS_PATH) : null, refusal.reason === 'STORE_FROM_OTHER_COPY') : null;
  // breaker42-9 F7: the -wal a server found emptied under it, said first: it is why the file reads as it does.
  const emptied = onDisk ? walEmptiedNote(settings.SQLITE_PATH) : null;
  // breaker52-9 S8, S7 (3): a -wal moved aside beside the store may hold what the store lacks: said with how to put it back.
  const moved = onDisk && MOVED_WAL_SAID_FOR.includes(refusal.reason) ? movedWalNote(settings.SQLITE_PATH, storeHeadOf(settings.SQLITE_PATH), vouchedHeadOf(witnessesOfPlace(settings))) : null;
  // breaker53-9 S6: the copy a stop wrote beside the signing key or in the temporary folder, when the store's folder was gone.
  const stopCopies =
    onDisk && MOVED_WAL_SAID_FOR.includes(refusal.reason)
      ? stopCopiesNote(settings.SQLITE_PATH, [dirname(resolve(signingKeyPath({ EVENT_STORE: settings.EVENT_STORE, SQLITE_PATH: settings.SQLITE_PATH, LEDGER_SIGNING_KEY_FILE: settings.LEDGER_SIGNING_KEY_FILE } as Parameters<typeof signingKeyPath>[0]))), tmpdir()], vouchedHeadOf(witnessesOfPlace(settings)))
      : null;
  // newcomer54-9 M1: a stop's copy that holds all the store acknowledged is named before "restore a backup" and "start over
  // empty" — read top-down, those came first, and either loses what the copy holds.
  if (stopCopies?.complete && refusal.message.includes(RESTORE.en) && refusal.messageZh.includes(RESTORE.zh)) {
    const rest = [emptied, wal, moved, rescued, onDisk ? loneOldWalNote(settings.SQLITE_PATH) : null, onDisk ? oldWalBesideCopyNote(settings.SQLITE_PATH) : null].filter((note): note is Bilingual => note !== null);
    const first = say(stopCopies.en.trim(), stopCopies.zh);
    const otherwise = say('Only if that copy cannot be used:', '只有该副本无法使用时，才考虑以下做法：');
    return new StoreRefusedError(
      refusal.reason,
      say(
        `${refusal.message.replace(RESTORE.en, `${first.en} ${otherwise.en} ${RESTORE.en}`)}${rest.map((note) => ` ${note.en.trim()}`).join('')}`,
        `${refusal.messageZh.replace(RESTORE.zh, `${first.zh}${otherwise.zh}${RESTORE.zh}`)}${rest.map((note) => note.zh).join('')}`,
      ),
      refusal.otherCopyRows,
      refusal.resetOffers,
    );
  }
  const notes = [emptied, wal, moved, stopCopies, rescued, onDisk ? loneOldWalNote(settings.SQLITE_PATH) : null, onDisk ? oldWalBesideCopyNote(settings.SQLITE_PATH) : null].filter((note): note is Bilingual => note !== null);
  if (notes.length === 0) return refusal;
  return new StoreRefusedError(refusal.reason, say(`${refusal.message}${notes.map((note) => ` ${note.en.trim()}`).join('')}`, `${refusal.messageZh}${notes.map((note) => note.zh).join('')}`), refusal.otherCopyRows, refusal.resetOffers);
}

/** The refusals that say what a -wal moved aside beside the store holds (`movedWalNote`): those that lack acknowledged events (breaker53-9 S4: a store of another history than the witness saw too). */
const MOVED_WAL_SAID_FOR: readonly string[] = ['STORE_FROM_OTHER_COPY', 'STORE_SHORTER', 'STORE_EMPTY', 'STORE_MISSING', 'STORE_REWRITTEN'];

/** The witnesses of the SQLite store's place a refusal can read: the one beside the data and the copies beside the key for this place (none that cannot be read). */
function witnessesOfPlace(settings: Pick<AppSettings, 'EVENT_STORE' | 'SQLITE_PATH'> & Partial<Pick<AppSettings, 'STORE_WITNESS_PATH' | 'LEDGER_SIGNING_KEY_FILE'>>): StoreWitness[] {
  const data = settings.STORE_WITNESS_PATH ? witnessForRescue(settings.STORE_WITNESS_PATH) : null;
  let kept: StoreWitness[] = [];
  try {
    const place = realPlaceOf(settings.SQLITE_PATH);
    kept = readKeyFolderWitnesses(keyFolderWitnessFolder({ EVENT_STORE: settings.EVENT_STORE, SQLITE_PATH: settings.SQLITE_PATH, LEDGER_SIGNING_KEY_FILE: settings.LEDGER_SIGNING_KEY_FILE } as Parameters<typeof keyFolderWitnessFolder>[0]))
      .map(({ witness }) => witness)
      .filter((witness) => isPlace(witness.location, place));
  } catch {
    // Unreadable copies: the refusal speaks of them elsewhere.
  }
  return [data, ...kept].filter((witness): witness is StoreWitness => witness !== null);
}

/** The last position the SQLite store at `path` holds as it reads now (read only), null when none or it cannot be read. */
function storeHeadOf(path: string): number | null {
  try {
    const db = new Database(path, { readonly: true, fileMustExist: true });
    try {
      const row = db.prepare('SELECT MAX(position) AS last FROM events').get() as { last: number | bigint | null };
      return row.last === null ? null : Number(row.last);
    } finally {
      db.close();
    }
  } catch {
    return null;
  }
}

/**
 * breaker49-9 S6: the -wal a server moved aside when the store file was replaced under it (`<path>.rescued-<instant>.db-old-wal`)
 * lying beside the store without the copy it was named for — the copy put in place as the store (as advised), or one that
 * could not be made (a full disk): newcomer57-9 M3, it said "could not be made" of a copy that was the live store — is said
 * in the refusal, never passed over: it holds what that server committed since its last checkpoint; with when it may go.
 * Null when there is none.
 */
export function loneOldWalNote(path: string): Bilingual | null {
  const prefix = `${basename(path)}.rescued-`;
  let lone: string[];
  try {
    lone = readdirSync(dirname(path))
      .filter((name) => name.startsWith(prefix) && name.endsWith('.db-old-wal') && !existsSync(join(dirname(path), name.slice(0, -'-old-wal'.length))))
      .map((name) => join(dirname(path), name));
  } catch {
    return null;
  }
  if (lone.length === 0) return null;
  const list = lone.join(', ');
  // newcomer57-9 M3: a copy missing beside its -old-wal was most often made and renamed into place as advised — never told as "could not be made".
  const copies = lone.map((wal) => basename(wal.slice(0, -'-old-wal'.length))).join(', ');
  return say(
    ` Beside the store lies ${list}: the write-ahead log a server moved aside when the store file was replaced under it. The copy of what that server held, made at the same time (${copies}), is not beside it: either it was put in place as the store, as the refusal that made it advised, or it could not be made (a full disk). The -old-wal holds what that server committed since its last checkpoint: keep it with the backups (do not delete it) until the store is known whole — npm run ledger:verify says it is intact and it holds every event that server acknowledged (the copy's events, as the message that made it said: "events 1–N of N"). After that, and the next npm run store:backup, it may be removed.`,
    `事件库旁有 ${list}：这是某台服务在事件库文件被替换时移开的预写日志。那台服务同时生成的所持内容副本（${copies}）不在其旁：要么已按生成它的那条拒绝说明放到事件库位置、成为现在的事件库，要么当时未能生成（磁盘已满）。该 -old-wal 中有那台服务自上次检查点以来提交的内容：在确认事件库完整之前——台账校验（npm run ledger:verify）显示完好，且事件库含有那台服务确认过的全部事件（即生成副本时所说的“事件 1–N，共 N 条”）——请把它与备份一同保留，切勿删除；确认之后并完成下一次 npm run store:backup，即可移除。`,
  );
}

/**
 * breaker52-9 S7: the -wal a server moved aside beside the copy it made (`<path>.rescued-<instant>.db-old-wal` with its
 * `.db`): another server on the same file may have gone on writing into that -wal after the copy was made, so it can hold
 * acknowledged events the copy lacks — the refusal said the copy "can be deleted" and never named it. Said in every start
 * refusal, with how to read the two together. Null when there is none.
 */
export function oldWalBesideCopyNote(path: string): Bilingual | null {
  const prefix = `${basename(path)}.rescued-`;
  let pairs: string[];
  try {
    pairs = readdirSync(dirname(path))
      .filter((name) => name.startsWith(prefix) && name.endsWith('.db-old-wal') && existsSync(join(dirname(path), name.slice(0, -'-old-wal'.length))))
      .map((name) => join(dirname(path), name));
  } catch {
    return null;
  }
  if (pairs.length === 0) return null;
  const [first] = pairs;
  const copy = first!.slice(0, -'-old-wal'.length);
  return say(
    ` Beside the store lies ${pairs.join(', ')}: the write-ahead log a server moved aside with its copy ${copy}. Another server on the same file may have gone on writing into it after the copy was made, so it can hold acknowledged events the copy lacks: keep both (do not delete either, whatever is said of the copy) until the store is known whole. To read them together, copy ${copy} into an empty folder as rectify.db and the -old-wal beside it as rectify.db-wal, and run npm run ledger:verify on it.`,
    `事件库旁有 ${pairs.join('、')}：这是某台服务连同副本 ${copy} 一起移开的预写日志。同一文件上的另一台服务可能在副本生成后仍向其中写入，因此其中可能有副本所缺的已确认事件：在确认事件库完整之前，请两者都保留（无论对副本如何说明，都不要删除）。如需一并读取，请把 ${copy} 复制到一个空文件夹中并命名为 rectify.db，把其旁的 -old-wal 复制为 rectify.db-wal，再对其进行台账校验（npm run ledger:verify）。`,
  );
}

/** The witness beside the data as a rescued copy is compared with it; null when there is none or it cannot be read (its refusal is said elsewhere). */
function witnessForRescue(path: string): StoreWitness | null {
  try {
    return readWitness(path);
  } catch {
    return null;
  }
}

/** What SQLite's integrity checks say of an index whose entries no longer match its table's rows: the rows themselves are sound. */
const INDEX_ONLY_PROBLEM = /(?:missing from index|wrong # of entries in index|non-unique entry in index) \S+$/;

/**
 * Whether every problem named is an index out of step with its table (`row 235 missing from index
 * sqlite_autoindex_events_1`, `wrong # of entries in index …`): SQLite rebuilds such an index from
 * the rows with REINDEX, and nothing the rows hold is lost (breaker9l P1: a backup copied in place over
 * the live file under its -wal left the event-id index two rows short; the refusal offered only a
 * backup, which would have lost every event acknowledged after it).
 */
export function onlyIndexesDamaged(problems: readonly string[]): boolean {
  return problems.length > 0 && problems.every((problem) => INDEX_ONLY_PROBLEM.test(problem.trim()));
}

/** STORE_DAMAGED for the SQLite file, naming SQLite's first problems (and the -wal beside it, if any); an index-only fault with the REINDEX that repairs it. */
function damagedStore(settings: Pick<AppSettings, 'EVENT_STORE' | 'SQLITE_PATH'> & Partial<Pick<AppSettings, 'STORE_WITNESS_PATH'>>, problems: readonly string[]): StoreRefusedError {
  const path = settings.SQLITE_PATH;
  const advice = onlyIndexesDamaged(problems)
    ? say(
        ` Every problem SQLite names is in an index, which it rebuilds from the rows themselves (nothing the rows hold is lost): stop every server on the file, keep a copy of its folder (cp -a), run sqlite3 ${path} 'REINDEX; PRAGMA integrity_check;' (it prints ok) and start again — before restoring a backup, which loses what was written after it. The server does not start on a damaged store.`,
        `SQLite 指出的问题都在索引中，索引可由记录本身重建（记录中的内容不会丢失）：请停止使用该文件的所有服务，先复制保留其所在文件夹（cp -a），再运行 sqlite3 ${path} 'REINDEX; PRAGMA integrity_check;'（应输出 ok），然后再启动——请先于从备份恢复考虑这一做法，从备份恢复会丢失备份之后写入的内容。服务不会在损坏的事件库上启动。`,
      )
    : say(' Restore it from a backup; the server does not start on a damaged store.', '请从备份恢复；服务不会在损坏的事件库上启动。');
  return withWalNote(
    settings,
    new StoreRefusedError(
      'STORE_DAMAGED',
      say(
        `The event store file ${path} is damaged (${problems.slice(0, 3).join('; ')}).${advice.en}`,
        `事件库文件 ${path} 已损坏（${problems.slice(0, 3).join('；')}）。${advice.zh}`,
      ),
    ),
  );
}

/** The witness at `path` as read, null when there is none or it cannot be read (the start's own reading says why). */
function witnessIfReadable(path: string): StoreWitness | null {
  try {
    return readWitness(path);
  } catch {
    return null;
  }
}

/**
 * Decides whether this server may start on the store, then opens it: an existing SQLite file is
 * judged through a read-only connection first, so that a refused start leaves it and its -wal
 * untouched (breaker9c P1) — with `PRAGMA quick_check` before it is opened read-write when a -wal
 * lies beside it or the start is refused (a file SQLite reads as damaged is refused STORE_DAMAGED,
 * saying what the -wal may hold), else on its own thread while the start goes on; then the store's identity, head and (SQLite) the chain hash at the witnessed head against
 * the witness of what was last seen; a store with events and no witness at all is refused too, as is a
 * SQLite log with positions missing below its head (`judgeHoles`). Throws
 * `StoreRefusedError` with the reason and the way to accept the store when it is not recognised.
 */
export async function admitStore(settings: StoreSettings, logger = new Logger('EventStore')): Promise<AdmittedStore> {
  refuseUnwritableStore(settings);
  // breaker49-9 S7: another file's witness (a drill given production's by .env) is never judged by, nor taken over, nor its
  // reset mark touched — whatever ACCEPT_STORE_RESET says.
  if (settings.EVENT_STORE === 'sqlite') {
    const shared = judgeSharedWitness(witnessIfReadable(settings.STORE_WITNESS_PATH), { sqlitePath: settings.SQLITE_PATH, witnessPath: settings.STORE_WITNESS_PATH, copyName: settings.STORE_COPY_NAME ?? null });
    if (shared) throw shared;
  }
  // breaker9x P5: ACCEPT_STORE_RESET is honoured by one start (store-reset-setting.ts).
  const marks = storeResetMarks(
    settings.STORE_WITNESS_PATH,
    keyFolderWitnessFolder({ EVENT_STORE: settings.EVENT_STORE, SQLITE_PATH: settings.SQLITE_PATH, LEDGER_SIGNING_KEY_FILE: settings.LEDGER_SIGNING_KEY_FILE }),
    settings.EVENT_STORE === 'sqlite' ? settings.SQLITE_PATH : (settings.EVENTSTORE_CONNECTION_STRING ?? 'eventstoredb'),
  );
  if (!settings.ACCEPT_STORE_RESET || settings.SQLITE_PATH === ':memory:') {
    clearStoreResetMarks(marks);
    return withStrayWalNote((noted) => admitStoreNoting(settings, logger, noted));
  }
  const usedAt = storeResetMarkedAt(marks);
  if (usedAt === null) {
    const admitted = await withStrayWalNote((noted) => admitStoreNoting(settings, logger, noted));
    const unmarked = markStoreResetUsed(marks);
    if (unmarked.length > 0) logger.warn(`ACCEPT_STORE_RESET was honoured at this start, but the mark that makes the next start with it still set refuse a store it does not recognise could not be written at ${unmarked.join(', ')}: remove the setting now.`);
    return admitted;
  }
  // Left set since a start that used it: judged as without it.
  try {
    return await withStrayWalNote((noted) => admitStoreNoting({ ...settings, ACCEPT_STORE_RESET: false }, logger, noted));
  } catch (error) {
    throw error instanceof StoreRefusedError ? storeResetLeftSet(error, usedAt) : error;
  }
}

/**
 * breaker45-9 S1: copies a -wal that is damaged from a frame on (`walBreakOnDisk`) to `<file>-wal.damaged-<UTC instant>`
 * beside it (flushed to disk) before anything opens the store read-write, and says so in the log: SQLite reads the frames
 * before the break only, its checkpoint writes those into the file and a clean stop deletes the -wal, so the committed
 * frames past the break — acknowledged events — would be gone. Returns the copy's path, null when the -wal is whole or
 * absent. A copy that cannot be made stops the start (the store is not opened read-write over frames kept nowhere else).
 */
export function keepDamagedWal(path: string, logger: Pick<Logger, 'warn'>): string | null {
  const damage = walBreakOnDisk(path);
  if (!damage) return null;
  const copy = `${path}${DAMAGED_WAL_COPY}${new Date().toISOString().replace(/[:.]/g, '-')}`;
  copyFileSync(`${path}-wal`, copy, constants.COPYFILE_EXCL);
  const descriptor = openSync(copy, 'r');
  try {
    fsyncSync(descriptor);
  } finally {
    closeSync(descriptor);
  }
  logger.warn(
    `The -wal beside ${path} is damaged from frame ${damage.brokenFrame} of its ${damage.frames} frames on (its checksums fail there): SQLite reads only the ${damage.readFrames} frames before, and the ${damage.unreadFrames} frames from there on (${damage.unreadCommits} committed write(s)) would be lost when the store is checkpointed. A copy of it was kept as ${copy} before the store was opened: keep it with a copy of the data folder, and get help recovering the events past the break (README, Reliability, "When the server refuses to start", a damaged -wal).`,
  );
  return copy;
}

/** What `setAsideStrayWal` moved at this start, added to any refusal of it (`withStrayWalNote`). */
interface StrayWalNoted {
  setAside: StrayWalSetAside | null;
}

/** Runs a start's judgement; a refusal thrown after a stray -wal was moved aside says where it went and why (breaker9m P3). */
async function withStrayWalNote<Result>(run: (noted: StrayWalNoted) => Promise<Result>): Promise<Result> {
  const noted: StrayWalNoted = { setAside: null };
  try {
    return await run(noted);
  } catch (error) {
    const note = noted.setAside?.note;
    if (!note || !(error instanceof StoreRefusedError) || error.constructor !== StoreRefusedError) throw error;
    throw new StoreRefusedError(error.reason, say(`${error.message}${note.en}`, `${error.messageZh}${note.zh}`), error.otherCopyRows, error.resetOffers);
  }
}

/**
 * breaker9m P3: a -wal (and -shm) beside the SQLite file that belongs to another file — judged by what
 * the witnesses of this place recorded of the file and -wal they saw (`judgeStrayWal`) — is moved
 * aside before anything opens the store, so that SQLite does not apply it to this file; said in the
 * log, in Chinese and then in English. Left alone while a live server holds the file (its -wal is
 * that server's). Null when nothing was moved.
 * @throws the file system's error when the -wal cannot be moved (the start stops; nothing was opened).
 */
function setAsideStrayWal(sqlitePath: string, dataFolderWitness: StoreWitness | null, kept: readonly KeptWitness[], logger: Pick<Logger, 'warn'>): StrayWalSetAside | null {
  if (!existsSync(sqlitePath) || liveServersOn(sqlitePath).length > 0) return null;
  const place = realPlaceOf(sqlitePath);
  // The witness beside the data speaks of this store wherever it was copied to (a folder copied whole: file and -wal both new, kept together); a copy beside the key, of its own place only.
  const witnesses = [dataFolderWitness, ...kept.map(({ witness }) => witness).filter((witness) => isPlace(witness.location, place))];
  const stray = judgeStrayWal(sqlitePath, witnesses.filter((witness): witness is StoreWitness => witness?.kind === 'sqlite').map((witness) => witness.storeFile));
  if (!stray) return null;
  // newcomer53-9 S1, breaker53-9 S5: a -wal that, read with this file, is the store's log up to the head the witness vouches
  // for (its chain hash there) is the store's own, whatever file it was first written beside: a .db put back as a copy (another
  // inode), a backup's .db under the -wal the refusal advised to put back. Judged by inode or marks first, it was moved aside
  // again at every start, the same refusal for ever.
  const own = ownWalOf(stray.file, vouchedHeadOf(witnesses));
  if (own) {
    const note = ownWalTakenNote(stray.file, own);
    logger.warn(note.zh);
    logger.warn(note.en);
    return null;
  }
  const setAside = setStrayWalAside(stray, new Date());
  logger.warn(setAside.note.zh);
  logger.warn(setAside.note.en.trim());
  return setAside;
}

/** What the log says when a -wal judged stray by inode or marks is taken as the store's own (`ownWalOf`): what it holds, and how to go back to the file alone if a restore meant to. */
function ownWalTakenNote(file: string, own: OwnWal): Bilingual {
  return say(
    `The -wal beside ${file} was written beside another file than the one there now (a copy put back, a backup restored under it), but read with it it is one sound chained log, positions 1–${own.last}, reaching position ${own.vouchedHead} with the chain hash the store witness saw there: it is this store's own log, and this start uses it — nothing acknowledged is lost. If you restored ${file} to go back to an earlier state on purpose, stop the server, move ${file}-wal and ${file}-shm aside (kept), and start once with --accept-store-reset.`,
    `${file} 旁的 -wal 文件是在另一个文件旁写成的（例如放回了复制的文件，或在其下恢复了备份），但与该文件一起读取时是完整的链接日志（位置 1–${own.last}），并在位置 ${own.vouchedHead} 与事件库见证文件所见的哈希链校验值相符：它就是本事件库的日志，本次启动采用它——已确认的记录没有丢失。若恢复 ${file} 是为了有意回到较早的状态，请停止服务，把 ${file}-wal 与 ${file}-shm 移开保留，然后以 --accept-store-reset 启动一次。`,
  );
}

async function admitStoreNoting(settings: StoreSettings, logger: Logger, noted: StrayWalNoted): Promise<AdmittedStore> {
  const dataFolderWitness = readWitnessOrAccept(settings, logger);
  const keySettings = { EVENT_STORE: settings.EVENT_STORE, SQLITE_PATH: settings.SQLITE_PATH, LEDGER_SIGNING_KEY_FILE: settings.LEDGER_SIGNING_KEY_FILE };
  const keptFolder = keyFolderWitnessFolder(keySettings);
  // The witness and its copy beside the key are two lines of defence: never one file (breaker9c P9).
  if (keptFolder !== null && resolve(settings.STORE_WITNESS_PATH).startsWith(`${keptFolder}${sep}`)) {
    throw new InvalidSettingsError([
      say(
        `STORE_WITNESS_PATH: ${settings.STORE_WITNESS_PATH} is in ${keptFolder}, where the server keeps the copies of store witnesses beside the ledger signing key: the witness and its copy would be one file, and a data folder restored from an older backup would go unnoticed. Point it at a file of its own (by default beside the SQLite file, or on another volume).`,
        `STORE_WITNESS_PATH：${settings.STORE_WITNESS_PATH} 位于 ${keptFolder} 中，服务在该处存放与台账签名密钥放在一起的事件库见证副本：见证文件与其副本将成为同一个文件，数据文件夹被旧备份恢复时将无从察觉。请将其设为单独的文件（默认在 SQLite 文件旁，或放在另一个卷上）。`,
      ),
    ]);
  }
  const { kept, unreadable: unreadableCopies } = readKeptOrAccept(keptFolder, settings, logger);
  const sqlite = settings.EVENT_STORE === 'sqlite';
  const location = sqlite ? settings.SQLITE_PATH : new URL(settings.EVENTSTORE_CONNECTION_STRING!.replace(/^esdb(\+discover)?:/, 'http:')).host;
  const existed = !sqlite || settings.SQLITE_PATH === ':memory:' || existsSync(settings.SQLITE_PATH);
  // Of this store's copies beside the key, the one of this place (breaker9c P2: other copies of the
  // store, a training copy sharing the key folder, keep theirs and are not judged by it).
  // By its real path (breaker9j P1): a copy reached through a symbolic link is the same place.
  const place = sqlite && settings.SQLITE_PATH !== ':memory:' ? realPlaceOf(settings.SQLITE_PATH) : location;
  // A server still running on the file this path named before it was replaced holds its -wal: nothing
  // opens the path until it stops, whatever ACCEPT_STORE_RESET says (breaker9l P5).
  if (sqlite && settings.SQLITE_PATH !== ':memory:') {
    // One file under two names (a hard-link "snapshot"): a second server on it would keep a -wal of its own over it (breaker9m P5).
    const otherName = judgeOtherNames(settings.SQLITE_PATH, witnessedPlaces(dataFolderWitness, kept), (path) => liveServersOn(path));
    if (otherName) throw otherName;
    const replaced = judgeReplacedUnderLiveServers(settings.SQLITE_PATH) ?? judgeCompanionsGoneUnderLiveServers(settings.SQLITE_PATH);
    if (replaced) throw replaced;
    // Before anything opens the file (breaker9m P3: a backup moved over a crashed file had that file's -wal applied to it).
    noted.setAside = setAsideStrayWal(settings.SQLITE_PATH, dataFolderWitness, kept, logger);
  }
  const missing = existed ? null : judgeAbsent(settings, dataFolderWitness, kept);
  if (missing && !settings.ACCEPT_STORE_RESET) throw withWalNote(settings, missing);

  const walNote = (refusal: StoreRefusedError) => withWalNote(settings, refusal);
  const damaged = (problems: readonly string[]) => damagedStore(settings, problems);
  // A write lock held by another process (SQLITE_BUSY): said in both languages, naming the live servers on the file (breaker9j P2, P6).
  const asRefusal = (error: unknown) =>
    isDamage(error, settings.SQLITE_PATH) ? damaged([(error as Error).message]) : isBusy(error) && sqlite && settings.SQLITE_PATH !== ':memory:' ? storeLockedRefusal(settings.SQLITE_PATH, liveServersOn(settings.SQLITE_PATH)) : error;
  /** `PRAGMA quick_check` of the file on its own read-only connection: SQLite's problems, or STORE_DAMAGED for a file it cannot read. */
  const quickCheck = () => quickCheckOffThread(settings.SQLITE_PATH).catch((error: unknown) => Promise.reject(asRefusal(error)));
  // An existing SQLite file is judged through a read-only connection before anything opens it
  // read-write (breaker9c P1): a refused start then leaves the file and its -wal as it found them —
  // closing a read-write connection, SQLite's last, checkpoints the -wal into the file and deletes it.
  const inspectFirst = sqlite && existed && settings.SQLITE_PATH !== ':memory:';
  let inspection: SqliteStoreInspection | null = null;
  let store: EventStore | null = null;
  try {
    if (inspectFirst) inspection = new SqliteStoreInspection(settings.SQLITE_PATH);
    else store = await openEventStore(settings);
  } catch (error) {
    throw asRefusal(error);
  }
  // Before anything else is judged or written (breaker9s P3): another application's database is never taken as a store.
  const [foreign, misshapen] = (() => {
    try {
      return [inspection?.foreignTables() ?? [], inspection?.misshapenTables() ?? []] as const;
    } catch (error) {
      inspection?.close();
      throw asRefusal(error);
    }
  })();
  if (foreign.length > 0 || misshapen.length > 0) {
    inspection!.close();
    throw notAnEventStore(settings.SQLITE_PATH, foreign, misshapen);
  }
  // Until the file is known sound, the read-only connection stays open: while it is, a read-write
  // connection closed on a refusal cannot checkpoint the -wal into the file either.
  const release = () => inspection?.close();
  try {
    // The office's key as configured: its fingerprint, null when there is no key file (one is generated later, see LedgerKeys).
    const keyPath = signingKeyPath(keySettings);
    const configuredKey = existsSync(keyPath) ? readSigningKey(keyPath) : null;
    const configuredFingerprint = configuredKey ? keyFingerprint(publicKeyText(configuredKey)) : null;
    // What the other servers on the file must agree with (breaker9i P3, breaker9g P6): judged before
    // anything else about the key, so that a start from another folder is told where the office's
    // key is, never the rotation advice; whatever ACCEPT_STORE_RESET and LEDGER_TRUSTED_KEYS say.
    const serverFacts: ServerFacts | null =
      sqlite && settings.SQLITE_PATH !== ':memory:' ? { copyName: settings.STORE_COPY_NAME ?? null, keyFile: resolve(keyPath), keyFingerprint: configuredFingerprint } : null;
    const servedPathCopies = sqlite ? readServedPathCopyOrAccept(settings, logger) : [];
    if (serverFacts && existed) {
      const differs = judgeLiveServers(settings.SQLITE_PATH, liveServersOn(settings.SQLITE_PATH), serverFacts);
      if (differs) throw differs;
    }
    const judged = await judgeFound(inspection ? inspectionSource(inspection) : storeSource(store!), {
      settings,
      location,
      place,
      keptFolder,
      existed,
      dataFolderWitness,
      kept,
      configuredKey: configuredFingerprint,
      servedPathCopies,
    });
    const refusal = missing ?? judged.refusal;
    // The configured key judged against the one the store was signed with (null: the same, or none on record).
    // newcomer53-9 M3: the keys the office retired, as the witnesses beside the key signed by the key in use remember them.
    const retired = retiredKeysOf(kept, configuredFingerprint);
    const keyChangedRefusal = () => judgeSigningKey(judged.signingKeyOnRecord, configuredFingerprint, settings.LEDGER_TRUSTED_KEYS ?? [], resolve(keyPath), retired);
    // A changed key is not a store to accept: it is refused whatever ACCEPT_STORE_RESET says (LEDGER_TRUSTED_KEYS declares a rotation).
    if (refusal && (!settings.ACCEPT_STORE_RESET || refusal.reason === 'SIGNING_KEY_CHANGED')) {
      // A file SQLite reads as damaged is said to be damaged, not shorter (breaker9c P1: a stale -wal over a restored .db).
      if (inspection) {
        const problems = await quickCheck();
        if (problems.length > 0) throw damaged(problems.map((problem) => `PRAGMA quick_check: ${problem}`));
      }
      throw walNote(refusal);
    }
    if (refusal) logger.warn(`Starting on a store that was not recognised, as ACCEPT_STORE_RESET asks: ${refusal.message}`);
    // One acceptance covers all the restore lost: its checkpoints are said too, not only the first refusal.
    if (refusal && judged.checkpointsLost && judged.checkpointsLost !== refusal) logger.warn(`Accepted with it, as ACCEPT_STORE_RESET asks: ${judged.checkpointsLost.message}`);
    const { witnessed, signingKeyOnRecord } = judged;
    // newcomer27 S6: ACCEPT_CLOCK_AHEAD_RECORDS is honoured by one start; left set, the next is refused before anything is opened read-write.
    const leftSet = judgeClockAheadSettingLeftSet(settings.ACCEPT_CLOCK_AHEAD_RECORDS, [dataFolderWitness, witnessed].filter((seen): seen is StoreWitness => seen !== null));
    if (leftSet) throw leftSet;
    // A -wal left by a crash (or put beside the file by a restore) is checked with the file before a
    // read-write connection could checkpoint it into the file; a cleanly stopped store has none, and
    // is checked on its own thread while the start goes on (it reads every page: seconds for a large log).
    if (inspection && walBytes(settings.SQLITE_PATH) > 0) {
      const problems = await quickCheck();
      if (problems.length > 0) throw damaged(problems.map((problem) => `PRAGMA quick_check: ${problem}`));
    }
    if (inspection) {
      // The office's key is judged before the store is opened read-write too (LedgerKeys judges it again as it loads it).
      const keyChanged = keyChangedRefusal();
      if (keyChanged) throw keyChanged;
      // breaker45-9 S1: the first read-write connection checkpoints only what SQLite reads of a damaged -wal, and a clean stop
      // deletes it: the frames past the break (acknowledged events) are copied aside first, at every start.
      if (settings.EVENT_STORE === 'sqlite' && settings.SQLITE_PATH !== ':memory:') keepDamagedWal(settings.SQLITE_PATH, logger);
      try {
        store = await openEventStore(settings);
      } catch (error) {
        throw asRefusal(error);
      }
    }
    const opened = store!;
    const checking = inspection && store instanceof SqliteEventStore && walBytes(settings.SQLITE_PATH) === 0 ? quickCheck() : null;
    // Settled below; until then a failure must not end the process as an unhandled rejection.
    checking?.catch(() => undefined);
    if (opened instanceof SqliteEventStore && !inspection) {
      // A new file: checked before anything is written to it.
      let problems: string[];
      try {
        problems = opened.quickCheck();
      } catch (error) {
        throw asRefusal(error);
      }
      if (problems.length > 0) throw damaged(problems.map((problem) => `PRAGMA quick_check: ${problem}`));
    }
    // Read through the store itself (an older file gets its id here): the store keeps the head as seen.
    const identity = await opened.identify();
    const head = await opened.headPosition();
    const hashAt = opened instanceof SqliteEventStore ? (commit: bigint) => opened.chainHashAt(commit) : undefined;
    // breaker9y P7: the whole chain walked, on a thread of its own while the read models are restored — rows under a
    // read-model snapshot reordered or edited while Rectify was stopped are LOG_ALTERED, not served as the log.
    const walked = opened instanceof SqliteEventStore && settings.SQLITE_PATH !== ':memory:' && head !== null ? walkAtStart(opened, settings.SQLITE_PATH, logger) : null;
    const otherCopies = kept.filter(({ witness }) => witness.storeId === identity.storeId && witness.kind === 'sqlite' && !isPlace(witness.location, place) && existsSync(witness.location));
    if (otherCopies.length > 0) logger.log(`Store ${identity.storeId} at ${place} is a copy of a store also kept at ${otherCopies.map(({ witness }) => witness.location).join(', ')}: each copy is judged by its own witnesses`);
    // breaker52-9 S4: the place an installation moved away from, started again after the new place wrote on — said loudly, naming the place ahead.
    const movedAway = movedAwayWords(place, head?.commit ?? null, settings.STORE_COPY_NAME ?? null, otherCopies.map(({ witness }) => witness));
    if (movedAway) {
      logger.error(movedAway.zh);
      logger.error(movedAway.en);
    }
    // An empty store no witness has seen is a first run's whether this start created it or an
    // earlier one that was refused before its witness could be written (breaker9b N8: a full witness
    // volume left an empty store the demo then never came to). A store accepted in place of lost
    // data is never one: the accepting start writes a witness without the mark.
    const createdForFirstRun =
      !refusal &&
      head === null &&
      (!witnessed || (witnessed.createdForFirstRun === true && witnessed.storeId === identity.storeId && witnessed.head === null));
    // With ACCEPT_STORE_RESET, this start accepts the store as it is, whatever it lost before now —
    // also what only a client's signed head statement would show (src/ledger/head-statements.ts).
    const resetAcceptedAt = settings.ACCEPT_STORE_RESET ? new Date().toISOString() : witnessed?.storeId === identity.storeId ? (witnessed.resetAcceptedAt ?? null) : null;
    // What the accepted store's file had numbered: only that much is excused from the cut-at-end check from now on (breaker9h P2).
    const numberedAtReset = settings.ACCEPT_STORE_RESET
      ? opened instanceof SqliteEventStore
        ? (opened.positionsGiven() ?? 0)
        : undefined
      : witnessed?.storeId === identity.storeId
        ? witnessed.numberedAtReset
        : undefined;
    // breaker9q P4: the records a clock that was ahead stamped, accepted as such when the operator says so.
    // breaker9r P1: the latest instant any witness of this store read at this start saw it at (beside the
    // data, beside the key, by the served path): the clock check judges by it, and no write of the witness
    // goes back before it — unless this start accepts a clock that was ahead, which takes those instants in.
    const sameStoreWitnesses = [dataFolderWitness, witnessed, ...copiesJudging([...kept, ...servedPathCopies], identity.storeId, place, sqlite && settings.SQLITE_PATH !== ':memory:' ? servedPathOf(settings.SQLITE_PATH) : undefined, settings.STORE_COPY_NAME, dataFolderWitness).map(({ witness }) => witness)].filter(
      (seen): seen is StoreWitness => seen?.storeId === identity.storeId,
    );
    const seenBefore = latestInstant(sameStoreWitnesses.map((seen) => seen.seenAt));
    // breaker51-9 (former keys): a start of an older release writes this copy's witnesses without `formerKeys`; the office's
    // former keys are read back from any other copy of this store beside the key that the office's key signed (a drill's,
    // a place moved from) — a witness someone else signed declares nothing.
    const formerKeys = formerKeysOf([
      ...sameStoreWitnesses,
      ...kept.filter(({ witness }) => witness.storeId === identity.storeId && configuredFingerprint !== null && witness.signingKey === configuredFingerprint).map(({ witness }) => witness),
    ]);
    const formerKeysBack = (formerKeys.formerKeys ?? []).filter((key) => !sameStoreWitnesses.some((seen) => seen.formerKeys?.some((known) => known.fingerprint === key.fingerprint)));
    if (formerKeysBack.length > 0) {
      logger.warn(
        `Former keys of this office remembered again from another copy of the store witness beside the key (a start of an older release had written this copy's witness without them): ${formerKeysBack.map((key) => `${key.fingerprint} (up to ${key.upToEvents} events)`).join(', ')}.`,
      );
    }
    // breaker51-9 S2: a backup from before a key rotation, accepted: its rows, sealed by the office's former key, are sealed anew.
    const rowsSealedByFormerKey = formerKeySealing(
      settings.ACCEPT_STORE_RESET === true && refusal !== null,
      dataFolderWitness,
      witnessed,
      identity.storeId,
      signingKeyOnRecord,
      configuredFingerprint,
      { formerKeys: formerKeys.formerKeys ?? [], trustedKeys: settings.LEDGER_TRUSTED_KEYS ?? [] },
      hashAt,
    );
    if (rowsSealedByFormerKey) {
      logger.warn(
        `The store accepted was sealed by key ${rowsSealedByFormerKey.fingerprint}, a former key of this office (its own witness, signed by that key, vouches for positions 1–${rowsSealedByFormerKey.vouchedUpTo}): its rows are sealed anew with the key in use, as a key rotation seals them.`,
      );
    }
    const { clockAheadAccepted, clockAheadThisStart } = await acceptClockAhead(settings, opened, witnessed?.storeId === identity.storeId ? witnessed : null, seenBefore, head?.commit ?? null, logger);
    const seenBeforeCounts = clockAheadThisStart && clockAheadThisStart !== 'nothing' ? null : seenBefore;
    // breaker9z P13: rows appended past the head the witness vouched for, while no server watched, are checked with the
    // office's key before the witness moves to them: a forged row (its hashes computed by hand, no seal) is LOG_ALTERED at
    // once, and the witness stays at the last row before it — removing the forged row is then no loss to accept.
    const unvouched = firstUnvouchedRow(opened, witnessed?.storeId === identity.storeId ? witnessed : null, head, configuredKey, configuredFingerprint);
    if (unvouched && opened instanceof SqliteEventStore) {
      opened.noteAltered(unvouched);
      logger.warn(
        `The event at position ${unvouched.position} (${unvouched.type}), appended after position ${unvouched.position - 1} while no server watched, cannot be trusted: ${unvouched.problem.en}. The store witness stays at position ${unvouched.position - 1}.`,
      );
    }
    // breaker9a P5: the rows the last start refused there, removed since as its refusal asked: the file's numbering is set back
    // to the head before anything is appended, so the next event takes the first removed position instead of leaving a hole.
    const removed = !unvouched && witnessed?.storeId === identity.storeId ? witnessed.unvouchedRows : undefined;
    if (removed && opened instanceof SqliteEventStore && (head?.commit ?? 0n) === BigInt(removed.from) - 1n && opened.numberAfterHead(Number(removed.upTo))) {
      logger.warn(`The rows refused at positions ${removed.from}–${removed.upTo} (appended while no server watched, not sealed by this office) were removed: the next event is numbered ${removed.from}.`);
    }
    const vouchedHead = unvouched ? { commit: BigInt(unvouched.position - 1), prepare: BigInt(unvouched.position - 1) } : head;
    const witness = new WitnessKeeper(
      settings.STORE_WITNESS_PATH,
      {
        storeId: identity.storeId,
        kind: opened.kind,
        location,
        copyName: settings.STORE_COPY_NAME ?? null,
        createdForFirstRun,
        ...(resetAcceptedAt ? { resetAcceptedAt } : {}),
        ...(clockAheadAccepted.length > 0 ? { clockAheadAccepted } : {}),
        ...otherCopyAcceptedBy(witnessed?.storeId === identity.storeId ? witnessed : null, settings.ACCEPT_STORE_RESET && resetAcceptedAt ? refusal : null, resetAcceptedAt),
        // newcomer50-9 S2: the office's former keys, as any witness of this store read at this start remembers them (a backup's
        // witness put back, older than the rotation, does not make the office's own checkpoints foreign again).
        ...formerKeys,
        // This start honoured the setting (see judgeClockAheadSettingLeftSet); a start without it writes no mark.
        ...(clockAheadThisStart ? { clockAheadSettingUsedAt: clockAheadThisStart === 'nothing' ? new Date().toISOString() : clockAheadThisStart.accepted.at } : {}),
        ...(resetAcceptedAt && numberedAtReset !== undefined ? { numberedAtReset } : {}),
        // Carried on: the copy is still expected beside the key (refused when missing, unless accepted), for the place it names.
        ...(dataFolderWitness?.storeId === identity.storeId && dataFolderWitness.keyCopy ? { keyCopy: dataFolderWitness.keyCopy } : {}),
        ...(unvouched && head ? { unvouchedRows: { from: String(unvouched.position), upTo: head.commit.toString() } } : {}),
        // The writers this store's witnesses read at this start knew (breaker42-9 F1, F5): their rows past the head stay this copy's.
        // breaker49-9 S4: a start that accepts the store keeps only the writers of this copy's witnesses — a drill's (演练) merged
        // into production's record made the drill's file, put here later, pass for production's own history.
        // newcomer50-9 S3: where the release before writer ids rewrote this copy's witnesses without them (a rollback and back),
        // the writers of the rows they vouch for are read back from those rows — else this copy's own rows were later judged
        // another copy's (「位置 1–240 由副本“演练”写入」 of production's own backup, put back after a rollback).
        writers: keptWriters(
          writersLostInRollback(opened, witnessed?.storeId === identity.storeId ? witnessed : null, settings.STORE_COPY_NAME ?? null),
          sameStoreWitnesses
            .filter((seen) => !(settings.ACCEPT_STORE_RESET && typeof seen.copyName === 'string' && seen.copyName !== (settings.STORE_COPY_NAME ?? null)))
            .flatMap((seen) => seen.writers ?? []),
        ),
        // breaker46-9 S1 (V=a): the other files of this store there while this copy runs (a drill sees production's).
        ...(sqlite && settings.SQLITE_PATH !== ':memory:' ? { otherFilesSeen: otherFilesSeenAt(kept, dataFolderWitness, identity.storeId, place) } : {}),
      },
      hashAt,
      keptFolder === null ? null : keyFolderWitnessPath(keptFolder, identity.storeId, place),
      opened instanceof SqliteEventStore ? () => opened.headEventToFollow() : undefined,
      sqlite ? servedPathWitnessPath(settings.SQLITE_PATH) : null,
      opened instanceof SqliteEventStore ? () => opened.storeFileNow() : undefined,
      opened instanceof SqliteEventStore ? () => opened.pathNamesAnotherFile() : undefined,
      opened instanceof SqliteEventStore ? (work) => opened.underWriteLock(work) : undefined,
    );
    // The key is the ledger's business (judged when it is loaded, see LedgerService); until then the
    // witness keeps the one it knew, whatever store it saw: the key is the office's, not the store's.
    if (signingKeyOnRecord) witness.keepSigningKeyUnwritten(signingKeyOnRecord.fingerprint);
    witness.keepSeenAtAtLeast(seenBeforeCounts);
    // The key the witness will be signed with, once judged (the one on record, none on record, or a
    // declared rotation): given now, so the first write of this start is signed too — a sealed
    // store's witness is never unsigned (breaker9d P5: an unsigned witness of a sealed store is
    // refused as rewritten). A key still to be generated signs from LedgerKeys on.
    if (configuredKey && !keyChangedRefusal()) witness.keepSigningKey(configuredFingerprint!, configuredKey);
    // breaker55-9 S1, M3: the witness follows other processes' appends (a tool killed before its witness write, a peer
    // killed before its durable write) only over rows sealed with the office's key, as recorded.
    if (opened instanceof SqliteEventStore && configuredKey) {
      const sealKey = rowSealKeyOf(configuredKey);
      witness.checkFollowedRows((after, upTo) => !opened.hasSealedRows() || opened.firstUnvouchedRowAfter(after, sealKey, upTo) === null);
    }
    // The witness keeps the newest checkpoint seen, the store's or the witness's (when it is this store's).
    const storedCheckpoint = opened instanceof SqliteEventStore ? opened.ledger().latestCheckpoint() : null;
    if (witnessed?.storeId === identity.storeId) {
      // An accepted store is taken as it is, checkpoints included (breaker9c P7: every later start was
      // refused CHECKPOINTS_MISSING for the restore the operator had accepted); the numbers given
      // before are kept, so none is given twice.
      if (!refusal) witness.keepCheckpointUnwritten(witnessed.checkpoint);
      witness.keepCheckpointNumbering(Math.max(witnessed.checkpoint?.sequence ?? 0, witnessed.checkpointNumbered ?? 0));
    }
    if (storedCheckpoint) witness.keepCheckpointUnwritten({ sequence: storedCheckpoint.sequence, treeSize: storedCheckpoint.treeSize });
    const headEventId = vouchedHead ? await opened.eventIdAt(vouchedHead) : null;
    // Registered before the witness is written; judged again once registered: of two servers starting
    // at one moment, the later to read sees the other's entry (each writes its own before it reads).
    const registration = serverFacts ? new LiveServerRegistration(settings.SQLITE_PATH, serverFacts) : null;
    const raced = registration?.disagreement();
    if (raced) {
      registration!.close();
      witness.close();
      throw raced;
    }
    // breaker42-9 F1, F5: this process's writer id, in the witness (durably, beside the key too) before anything is appended under it.
    const writerId = newWriterId();
    witness.recordWriter(writerId);
    const recognised = () => {
      witness.write(vouchedHead, headEventId);
      if (opened instanceof SqliteEventStore || isEventStoreDb(opened)) opened.writeAs(writerId);
      logger.log(`Store ${identity.storeId} (${opened.kind}, ${location}) admitted at position ${formatPosition(head) ?? 'none'}`);
      if (settings.ACCEPT_STORE_RESET && resetAcceptedAt) {
        // Every other witness the next start would judge by must agree with what was accepted (newcomer25 S6).
        // A copy this start wrote (this place's beside the key, the served path's) now names the acceptance; any other is moved aside.
        const agrees = (path: string) => {
          try {
            return readWitness(path)?.resetAcceptedAt === resetAcceptedAt;
          } catch {
            return false;
          }
        };
        const judging = copiesJudging([...kept, ...servedPathCopies], identity.storeId, place, sqlite && settings.SQLITE_PATH !== ':memory:' ? servedPathOf(settings.SQLITE_PATH) : undefined, settings.STORE_COPY_NAME, dataFolderWitness);
        const { moved, failed } = retireCopiesCoveredByReset([...judging.map(({ path }) => path).filter((path) => !agrees(path)), ...unreadableCopies], resetAcceptedAt);
        for (const { from, to } of moved) {
          const said = say(
            `The copy of the store witness ${from}, which saw store ${identity.storeId} before the reset accepted now (ACCEPT_STORE_RESET), was moved aside to ${to}, kept: the next start is judged by the store as accepted.`,
            `事件库见证副本 ${from} 记载的是本次接受现状（ACCEPT_STORE_RESET）之前的事件库，已移至 ${to} 留存：此后的启动以本次接受的事件库为准。`,
          );
          logger.warn(said.zh);
          logger.warn(said.en);
        }
        for (const { path, why } of failed) logger.warn(`The copy of the store witness ${path} could not be moved aside (${why}): the next start may be refused by it again; move it out of ${dirname(path)} by hand.`);
      }
    };
    if (!checking) {
      release();
      recognised();
    }
    const integrity = checking
      ? checking
          .then((problems) => {
            if (problems.length > 0) throw damaged(problems.map((problem) => `PRAGMA quick_check: ${problem}`));
            release();
            recognised();
          })
          .catch(async (error: unknown) => {
            registration?.close();
            witness.close();
            // The read-write connection first, while the read-only one still keeps it from checkpointing the -wal.
            await opened.close();
            release();
            throw error;
          })
      : Promise.resolve();
    const integrityAndWalk = walked ? Promise.all([integrity, walked]).then(() => undefined) : integrity;
    integrityAndWalk.catch(() => undefined);
    return {
      store: opened,
      identity,
      createdForFirstRun,
      acceptedReset: refusal,
      resetAcceptedAt,
      clockAheadAccepted,
      clockAheadThisStart,
      seenBefore: seenBeforeCounts,
      signingKeyOnRecord,
      retiredKeys: retired,
      rowsSealedByFormerKey,
      witness,
      witnessed,
      integrity: integrityAndWalk,
      registration,
      sameNameElsewhere: settings.STORE_COPY_NAME
        ? otherCopies.filter(({ witness }) => witness.copyName === settings.STORE_COPY_NAME).map(({ witness }) => ({ location: witness.location, seenAt: witness.seenAt, behind: heldHere(opened, witness) }))
        : [],
      movedAway,
    };
  } catch (error) {
    await store?.close();
    release();
    // A damaged page met while reading the head or the identity is the same refusal as the check's.
    throw asRefusal(error);
  }
}

/**
 * breaker9z P13: the first row past the head the store witness of this store vouched for (`witnessed.head`) that does
 * not hold under the office's row-seal key — its chain, content and seal (`SqliteEventStore.firstUnvouchedRowAfter`);
 * null when every such row holds, or when nothing can be judged: not a SQLite store, no witness of this store or no head
 * in it, nothing past it, a store whose witness does not say its rows are sealed (an older version's: its rows carry
 * none), or a key at hand that is not the one on record (a key rotation is `judgeRotationSealing`'s). O(rows past the
 * witnessed head): none at a start after a clean stop, a tool's few otherwise.
 */
function firstUnvouchedRow(
  store: EventStore,
  witnessed: StoreWitness | null,
  head: Position | null,
  configuredKey: KeyObject | null,
  configuredFingerprint: string | null,
): AlteredRow | null {
  if (!(store instanceof SqliteEventStore) || !witnessed || witnessed.head === null || !head || !configuredKey) return null;
  if (witnessed.sealedRows !== true || witnessed.signingKey !== configuredFingerprint) return null;
  const after = BigInt(witnessed.head);
  return head.commit > after ? store.firstUnvouchedRowAfter(after, rowSealKeyOf(configuredKey)) : null;
}

/**
 * breaker9y P7: the start's walk of the whole ledger chain, on a thread of its own (`walkChainOffThread`). First the
 * positions and the stored chain (`hashes`: rows deleted, moved or inserted, hashes rewritten), awaited with the store's
 * integrity check, so that the server starts degraded with LOG_ALTERED — writes refused, no checkpoint signed, said on
 * /health and the start banner — rather than ready. Then each row's content against its leaf hash (`content`: a row
 * edited in place, its hashes left), in the background (at 100k events 3–13 s of the other core, by the load): found,
 * it is LOG_ALTERED from then on (a stream read of that row, and the walk before any checkpoint, refuse it meanwhile).
 * The seals are checked as rows are read, once the key is loaded. An altered row is noted on the store (`noteAltered`).
 * Never rejects (a file SQLite cannot read is `PRAGMA quick_check`'s to refuse).
 */
async function walkAtStart(store: SqliteEventStore, path: string, logger: Pick<Logger, 'log' | 'warn'>): Promise<void> {
  const failed = (error: unknown) => logger.warn(`The ledger chain could not be walked at start (${error instanceof Error ? error.message : String(error)}): rows are still checked as they are read`);
  const started = performance.now();
  try {
    const { rowsChecked, altered } = await walkChainOffThread(path, null, 'hashes');
    if (altered) {
      store.noteAltered(altered);
      return;
    }
    logger.log(`Ledger chain walked at start: ${rowsChecked} events in ${Math.round(performance.now() - started)} ms, each following the one before; their content is checked next, in the background`);
  } catch (error) {
    failed(error);
    return;
  }
  void walkChainOffThread(path, null, 'content', { background: true }).then(({ altered }) => {
    if (altered) store.noteAltered(altered);
    else logger.log(`Ledger content checked in the background: every event matches its ledger hash (${Math.round(performance.now() - started)} ms since the walk began)`);
  }, failed);
}

/**
 * The paths at which this installation's witnesses saw a SQLite store: the data folder's witness's
 * `location` and the key folder's copies' `location` and `servedAs` (see `judgeOtherNames`).
 */
function witnessedPlaces(dataFolderWitness: StoreWitness | null, kept: readonly KeptWitness[]): string[] {
  const witnesses = [...(dataFolderWitness ? [dataFolderWitness] : []), ...kept.map(({ witness }) => witness)].filter((witness) => witness.kind === 'sqlite' && witness.location !== ':memory:');
  return witnesses.flatMap((witness) => [witness.location, ...(witness.servedAs ? [witness.servedAs] : [])]);
}

/**
 * breaker54-9 M4: STORE_WITNESS_MISSING (`witnessGone`) is not said of a store that is the complete copy a server's stop (or
 * its run, once the file went away) wrote, put in place as STORE_MISSING advised (`completeStopCopyFound`): the copy reaches
 * this place's copy beside the key at its head with its chain hash and was written after it, and the store ends where the
 * copy does — what the witness gone with the data folder could have vouched for beyond the copy beside the key, the server
 * never acknowledged. It needed --accept-store-reset, and ledger:verify then warned for ever that records may be missing.
 * @returns `witnessGone`, or null when the store is such a copy.
 */
function unlessCompleteStopCopy(witnessGone: StoreRefusedError | null, settings: StoreSettings, kept: readonly KeptWitness[], place: string, head: bigint | null, chainHashAt: ((commit: bigint) => string | null) | undefined): StoreRefusedError | null {
  if (!witnessGone || head === null || !chainHashAt) return witnessGone;
  const mark = chainHashAt(head);
  const here = kept.filter(({ witness }) => witness.kind === 'sqlite' && isPlace(witness.location, place) && witness.head !== null);
  const vouched = vouchedHeadOf(here.map(({ witness }) => witness));
  if (!mark || !vouched) return witnessGone;
  const vouching = here.find(({ witness }) => Number(witness.head) === vouched.head && witness.storeId === vouched.storeId);
  const keyFolder = dirname(resolve(signingKeyPath({ EVENT_STORE: settings.EVENT_STORE, SQLITE_PATH: settings.SQLITE_PATH, LEDGER_SIGNING_KEY_FILE: settings.LEDGER_SIGNING_KEY_FILE })));
  const copy = completeStopCopyFound(settings.SQLITE_PATH, [dirname(resolve(settings.SQLITE_PATH)), keyFolder, tmpdir()], vouched, { head: Number(head), mark }, vouching ? Date.parse(vouching.witness.seenAt) - STOP_COPY_SLACK_MS : Number.POSITIVE_INFINITY);
  return copy ? null : witnessGone;
}

/** How much earlier than the vouching copy's `seenAt` a stop copy may be written (ms): the stop writes the copy and the witness's last durable write in either order. */
const STOP_COPY_SLACK_MS = 10_000;

/** What a store file that does not exist was: nothing (null), or the refusal. See `admitStore`. */
function judgeAbsent(settings: StoreSettings, dataFolderWitness: StoreWitness | null, kept: readonly KeptWitness[]): StoreRefusedError | null {
  // Judged on its witness, else on the copy beside the key of a store that was at this path (the
  // data folder deleted, witness and all), else refused when the key vouches for a store this path
  // most likely meant (breaker9b N6: a mistyped SQLITE_PATH started an empty ledger).
  const keptHere = kept.find(({ witness }) => witness.kind === 'sqlite' && witness.head !== null && isPlace(witness.location, realPlaceOf(settings.SQLITE_PATH)));
  const judged = judgeStore(dataFolderWitness ?? keptHere?.witness ?? null, { existed: false, location: settings.SQLITE_PATH, identity: { storeId: 'none', createdAt: 'never' }, head: null });
  if (judged && !dataFolderWitness && keptHere) return judgedOnKeptCopy(judged, keptHere, null, settings.STORE_WITNESS_PATH);
  if (judged || dataFolderWitness) return judged;
  const keyPath = signingKeyPath({ EVENT_STORE: settings.EVENT_STORE, SQLITE_PATH: settings.SQLITE_PATH, LEDGER_SIGNING_KEY_FILE: settings.LEDGER_SIGNING_KEY_FILE });
  return judgeNewStore(settings.SQLITE_PATH, kept, resolve(keyPath));
}

/** What the start judges a store by, read from the read-only inspection of an existing file or from the opened store. */
interface FoundStore {
  identity(): Promise<StoreIdentity>;
  headPosition(): Promise<Position | null>;
  eventIdAt(position: Position): Promise<string | null>;
  /** The chain hash (hex) at a position, where the store keeps a chain. */
  readonly chainHashAt?: (commit: bigint) => string | null;
  /** Positions missing below the head, where the store can tell (SQLite). */
  readonly missingPositions?: () => ReturnType<SqliteEventStore['missingPositions']>;
  /** The highest position the file ever gave (see `positionsGivenIn`), where the store can tell (SQLite). */
  readonly positionsGiven?: () => number | null;
  /** The store's newest ledger checkpoint; undefined where the checkpoints are not judged at start (EventStoreDB). */
  readonly latestCheckpoint?: () => { sequence: number; treeSize: number; publicKey: string } | null;
  /** The newest checkpoint's key, for the key on record (every adapter). */
  newestCheckpointKey(): Promise<{ publicKey: string; sequence: number } | null>;
  /** Whether any row carries a seal; undefined where the store keeps no seals (EventStoreDB). */
  readonly anyRowSealed?: () => boolean;
  /** The newest events' positions and types, newest first, named in refusals. */
  readonly newestEvents?: (count: number) => NamedEvent[];
  /** The rows past a position by writers not among those given (`rowsByOtherWritersIn`), where the store can tell (SQLite). */
  readonly rowsByOtherWriters?: (after: bigint, known: readonly string[], unstampedUnknown?: boolean) => OtherWritersRows | null;
}

const inspectionSource = (inspection: SqliteStoreInspection): FoundStore => ({
  // A file without an id yet (an older version's): none to compare; the opened store gives it one.
  identity: () => Promise.resolve(inspection.identity() ?? { storeId: 'none', createdAt: 'never' }),
  headPosition: () => {
    const head = inspection.headEvent()?.position;
    return Promise.resolve(head === undefined ? null : { commit: head, prepare: head });
  },
  eventIdAt: (position) => Promise.resolve(inspection.eventIdAt(position.commit)),
  chainHashAt: (commit) => inspection.chainHashAt(commit),
  missingPositions: () => inspection.missingPositions(),
  positionsGiven: () => inspection.positionsGiven(),
  latestCheckpoint: () => inspection.ledger().latestCheckpoint(),
  newestCheckpointKey: () => Promise.resolve(inspection.ledger().latestCheckpoint()),
  anyRowSealed: () => inspection.anyRowSealed(),
  newestEvents: (count) => inspection.newestEvents(count),
  rowsByOtherWriters: (after, known, unstamped) => inspection.rowsByOtherWriters(after, known, unstamped),
});

const storeSource = (store: EventStore): FoundStore => {
  const sqliteStore = store instanceof SqliteEventStore ? store : null;
  return {
    identity: () => store.identify(),
    headPosition: () => store.headPosition(),
    eventIdAt: (position) => store.eventIdAt(position),
    ...(sqliteStore
      ? {
          chainHashAt: (commit: bigint) => sqliteStore.chainHashAt(commit),
          missingPositions: () => sqliteStore.missingPositions(),
          positionsGiven: () => sqliteStore.positionsGiven(),
          latestCheckpoint: () => sqliteStore.ledger().latestCheckpoint(),
          anyRowSealed: () => sqliteStore.hasSealedRows(),
          rowsByOtherWriters: (after: bigint, known: readonly string[], unstamped?: boolean) => sqliteStore.rowsByOtherWriters(after, known, unstamped),
        }
      : {}),
    newestCheckpointKey: async () => (sqliteStore ? sqliteStore.ledger().latestCheckpoint() : isEventStoreDb(store) ? await store.ledger().latestCheckpoint() : null),
  };
};

/**
 * Judges the store found against the witness of what was last seen (the data folder's, or its copy
 * beside the key when that saw more): its identity, head, the event and chain hash at the witnessed
 * head, positions missing below the head and the checkpoints (SQLite), a store with events and no
 * witness. Returns the refusal (null when recognised), the witness judged on, and the key on record.
 */
async function judgeFound(
  found: FoundStore,
  context: {
    settings: StoreSettings;
    location: string;
    place: string;
    keptFolder: string | null;
    existed: boolean;
    dataFolderWitness: StoreWitness | null;
    kept: readonly KeptWitness[];
    /** The fingerprint of the key file the server signs with (null: none there, one is to be generated); undefined where the key is not judged here (a tool: `sealToolAppends` judges it). */
    configuredKey?: string | null;
    /** The copy kept by the path the store is reached by (served-path-witness.ts): judged through `keptCopyFor`'s `servedAs` only. */
    servedPathCopies?: readonly KeptWitness[];
    /**
     * A tool that only reads (ledger:export): a witness copy missing beside the key is not a refusal but
     * `copyNotCompared` (breaker9r P6: a store:backup copy read on another machine, whose key folder
     * holds no copy of the store, was refused; reading it starts nothing on it).
     */
    readOnly?: boolean;
  },
): Promise<{
  refusal: StoreRefusedError | null;
  checkpointsLost: StoreRefusedError | null;
  witnessed: StoreWitness | null;
  signingKeyOnRecord: SigningKeyOnRecord | undefined;
  /** With `readOnly`: the STORE_WITNESS_COPY_MISSING a start would be refused with, for the reading tool to say; null otherwise. */
  copyNotCompared: StoreRefusedError | null;
}> {
  const { settings, location, place, keptFolder, existed, dataFolderWitness: besideAsRead, kept, configuredKey } = context;
  // The file's own numbering before the head: each is read in a statement of its own while a server
  // or a tool may be appending, and an append in between only makes the head read after it larger —
  // never a numbering past the head, which is the mark of events deleted from the end (breaker9h P3:
  // read the other way round, a tool run beside a writing server was refused STORE_SHORTER).
  const given = found.positionsGiven?.() ?? null;
  const identity = await found.identity();
  const head = await found.headPosition();
  // newcomer54-9 M13: the witness beside the store is another store's, naming another place (copied here by mistake), while
  // this office's copy beside the key saw this very store here: judged as this store's witness gone, said as what it is.
  const foreignBeside = settings.EVENT_STORE === 'sqlite' && settings.SQLITE_PATH !== ':memory:' ? foreignWitnessBeside(besideAsRead, kept, identity.storeId, place, settings.STORE_COPY_NAME ?? null) : null;
  const dataFolderWitness = foreignBeside ? null : besideAsRead;
  // Of the witness beside the data and its copy beside the key, the one that saw more (breaker9b
  // N5: a data folder restored whole, witness included, started silently older).
  const { witness: witnessed, fromKeyFolder } = newerWitness(dataFolderWitness, keptCopyFor([...kept, ...(context.servedPathCopies ?? [])], identity.storeId, place, settings.EVENT_STORE === 'sqlite' && settings.SQLITE_PATH !== ':memory:' ? servedPathOf(settings.SQLITE_PATH) : undefined, settings.STORE_COPY_NAME, dataFolderWitness));
  /** What the store holds at a witness's head (its chain hash, whether the event there carries none, its event id): what `judgeStore` compares. */
  const heldAt = async (witness: StoreWitness | null) => {
    const hashAtWitnessedHead = found.chainHashAt && witness?.head ? found.chainHashAt(BigInt(witness.head)) : undefined;
    const unhashedAtWitnessedHead = hashAtWitnessedHead === null && (await found.eventIdAt({ commit: BigInt(witness!.head!), prepare: BigInt(witness!.head!) })) !== null;
    const witnessedHeadEvent = witness?.headEvent ? parseWitnessedPosition(witness.headEvent.position) : null;
    const eventIdAtWitnessedHead = witnessedHeadEvent ? await found.eventIdAt(witnessedHeadEvent) : undefined;
    return { hashAtWitnessedHead, unhashedAtWitnessedHead, eventIdAtWitnessedHead };
  };
  const walBreak = settings.EVENT_STORE === 'sqlite' && settings.SQLITE_PATH !== ':memory:' ? walBreakOnDisk(settings.SQLITE_PATH) : null;
  const observed = async (witness: StoreWitness | null): Promise<ObservedStore> => ({ existed, location, identity, head: head?.commit ?? null, ...(await heldAt(witness)), walBreak });
  const observedAtWitnessed = await observed(witnessed);
  // breaker46-9 S1: this place's own newest record (the witness beside the store naming this place, this place's copy beside
  // the key) is held by the file too when another witness saw more — one of a place whose file is gone, or the served path's:
  // a store that lacks what this place last saw is refused for it, however far that other witness saw (it was a drill under
  // this copy's name, its folder deleted, whose file was copied over this one), and no witness is rewritten to its head.
  const ownHere = [
    ...(dataFolderWitness && dataFolderWitness.storeId === identity.storeId && dataFolderWitness.kind === 'sqlite' && isPlace(dataFolderWitness.location, place) ? [{ witness: dataFolderWitness, path: settings.STORE_WITNESS_PATH, kept: null }] : []),
    ...kept
      .filter(({ witness }) => witness.storeId === identity.storeId && witness.kind === 'sqlite' && isPlace(witness.location, place) && !writtenUnderAnotherName(witness, settings.STORE_COPY_NAME ?? null, dataFolderWitness))
      .map((copy) => ({ ...copy, kept: copy })),
  ].reduce<{ witness: StoreWitness; kept: KeptWitness | null } | null>((best, each) => (best && newerWitness(best.witness, { path: '', witness: each.witness }).fromKeyFolder === null ? best : each), null);
  const judgeOwnHere = async (): Promise<StoreRefusedError | null> => {
    if (!ownHere || ownHere.witness === witnessed || !witnessed || witnessed.storeId !== identity.storeId) return null;
    const refusal = judgeStore(ownHere.witness, await observed(ownHere.witness));
    return refusal && ownHere.kept ? judgedOnKeptCopy(refusal, ownHere.kept, dataFolderWitness, settings.STORE_WITNESS_PATH) : refusal;
  };
  const checkpointsLost = found.latestCheckpoint && witnessed?.storeId === identity.storeId ? judgeCheckpoints(location, witnessed, found.latestCheckpoint()) : null;
  const signingKeyOnRecord = await signingKeyOnRecordOf(witnessed, found);
  const trustedKeys = settings.LEDGER_TRUSTED_KEYS ?? [];
  const keyPath = () => resolve(signingKeyPath({ EVENT_STORE: settings.EVENT_STORE, SQLITE_PATH: settings.SQLITE_PATH, LEDGER_SIGNING_KEY_FILE: settings.LEDGER_SIGNING_KEY_FILE }));
  // What the rows' seals say (SQLite keeps them; breaker9d P5, P8): asked only where the store keeps seals.
  const seals = found.anyRowSealed ? { anyRowSealed: found.anyRowSealed(), newest: found.newestEvents?.(3) ?? [] } : null;
  const sameStore = witnessed?.storeId === identity.storeId ? witnessed : null;
  const copyMissing = judgeCopyMissing(dataFolderWitness, identity.storeId, kept, keptFolder, settings.STORE_WITNESS_PATH, place);
  /**
   * Another copy's records: `early`, what is judged before the store is compared with the witness — rows by another copy's
   * writers (breaker42-9 F1, F4, F5), or only the witness beside an intact file being that copy's (F3) — else after every
   * other judgement, as before.
   */
  const judgeOtherCopy = (early: boolean) => {
    if (settings.EVENT_STORE !== 'sqlite' || settings.SQLITE_PATH === ':memory:') return null;
    const copy = { copyName: settings.STORE_COPY_NAME ?? null, place };
    const other = findOtherCopyWrites(
      { storeId: identity.storeId, head: head?.commit ?? null, ...(found.chainHashAt ? { chainHashAt: found.chainHashAt } : {}), ...(found.rowsByOtherWriters ? { rowsByOtherWriters: found.rowsByOtherWriters } : {}) },
      copy,
      dataFolderWitness ? { witness: dataFolderWitness, path: settings.STORE_WITNESS_PATH } : null,
      kept,
    );
    if (!other) return null;
    // Rows without a writer id (breaker43-9 K1) are judged late: a store whose acknowledged rows were replaced is first of all
    // rewritten (STORE_REWRITTEN) — an older release's rows past it may be this copy's own rollback, a rewrite never is.
    const first =
      (other.how === 'unknown-writers' && other.rows.writers.some((writer) => writer.writerId !== null)) || (other.how === 'other-copy-witness' && other.fileIsOwn === true);
    return early === first ? otherCopyRefusal(location, other, copy) : null;
  };
  const ownHereRefusal = await judgeOwnHere();
  // breaker54-9 S1: the copy beside the key of this very place saw another store, with events, that no start here accepted away.
  const otherStoreHere =
    // breaker55-9 M2: judged too where no witness of the found store is left at all (its witness removed): the copy of this
    // place saw another store, so the start says STORE_REPLACED, as ledger:verify does, not STORE_UNWITNESSED with its reset.
    context.readOnly || settings.EVENT_STORE !== 'sqlite' || settings.SQLITE_PATH === ':memory:' || (witnessed !== null && witnessed.storeId !== identity.storeId) ? null : otherStoreSeenHere(kept, { storeId: identity.storeId, place }, witnessed, settings.STORE_COPY_NAME ?? null);
  const otherStoreHereJudged = otherStoreHere ? judgeStore(otherStoreHere.witness, await observed(otherStoreHere.witness)) : null;
  const otherStoreHereRefused = otherStoreHere && otherStoreHereJudged ? otherStoreHereRefusal(otherStoreHereJudged, otherStoreHere, { storeId: identity.storeId, location }) : null;
  const judged =
    // breaker55-9 M2: a store with events and no witness where the key's copy of this place saw another store: replaced.
    (witnessed === null && head ? otherStoreHereRefused : null) ??
    judgeUnwitnessed(witnessed, { location, witnessPath: settings.STORE_WITNESS_PATH }, head?.commit ?? null) ??
    // breaker53-9 S3: an empty file where the data folder was deleted whole, while the key's copy of this place vouches for events.
    (settings.EVENT_STORE === 'sqlite' && settings.SQLITE_PATH !== ':memory:'
      ? judgeEmptyAtWitnessedPlace({ location, place, identity, head: head?.commit ?? null }, witnessed, kept, settings.STORE_WITNESS_PATH, settings.STORE_COPY_NAME ?? null)
      : null) ??
    otherStoreHereRefused ??
    // breaker41-9 P1, breaker42-9 F1, F3, F5: a training, staging or drill copy of this store (its rows, or only its witness) put
    // in its place — judged before the witness beside the store is taken for this server's own record (F3: another copy's
    // witness read as this server's said "history rewritten, restore from a backup" of an intact store).
    judgeOtherCopy(true) ??
    // breaker45-9 S1: a store shorter because its own -wal stops checksumming is said so (`walBreak`), not taken for a .db rolled back.
    (ownHereRefusal ?? judgeStore(witnessed, observedAtWitnessed)) ??
    // breaker49-9 S1: the witness beside the data gone, its copy beside the key here: not judged on that copy alone (≤ 1 s stale).
    (context.readOnly || settings.EVENT_STORE !== 'sqlite' || settings.SQLITE_PATH === ':memory:'
      ? null
      : unlessCompleteStopCopy(judgeWitnessGone(dataFolderWitness, kept, { storeId: identity.storeId, location, place, head: head?.commit ?? null, witnessPath: settings.STORE_WITNESS_PATH, copyName: settings.STORE_COPY_NAME ?? null }), settings, kept, place, head?.commit ?? null, found.chainHashAt)) ??
    // The key before the copy beside it: another key keeps its copies in its own folder, so a changed
    // key is what is wrong, and what the refusal must say (lead's 8d0a4ba, judged here for every refusal).
    (configuredKey !== undefined ? judgeSigningKey(signingKeyOnRecord, configuredKey, trustedKeys, keyPath(), retiredKeysOf(kept, configuredKey)) : null) ??
    (seals ? judgeUnsignedWitness(sameStore, { location, anyRowSealed: seals.anyRowSealed, witnessPath: fromKeyFolder?.path ?? settings.STORE_WITNESS_PATH }) : null) ??
    (context.readOnly ? null : copyMissing) ??
    (found.missingPositions ? judgeHoles(location, found.missingPositions()) : null) ??
    // An accepted reset took the store as it was, its numbering then included (`numberedAtReset`;
    // a witness of an older version that does not say: the whole numbering).
    (found.positionsGiven && !(sameStore?.resetAcceptedAt && sameStore.numberedAtReset === undefined)
      ? judgeCutAtEnd(location, head?.commit ?? null, given, sameStore?.resetAcceptedAt ? sameStore.numberedAtReset : undefined, sameStore?.unvouchedRows)
      : null) ??
    checkpointsLost ??
    (seals ? judgeFirstSealing(sameStore, { location, head: head?.commit ?? null, anyRowSealed: seals.anyRowSealed, newest: seals.newest }) : null) ??
    (seals && configuredKey !== undefined ? judgeRotationSealing(signingKeyOnRecord, configuredKey, trustedKeys, sameStore, { location, head: head?.commit ?? null, newest: seals.newest }) : null) ??
    // breaker41-9 P1: a training, staging or drill copy of this store put in its place — its records are not this copy's.
    judgeOtherCopy(false);
  // Another copy's records are judged on each copy's own witnesses (the refusal names them), not on the one that saw more.
  const told = judged && foreignBeside ? foreignWitnessRefusal(judged, foreignBeside.beside, foreignBeside.here, settings.STORE_WITNESS_PATH, { storeId: identity.storeId, location }) : judged;
  const refusal = told && told === judged && judged !== ownHereRefusal && judged !== otherStoreHereRefused && fromKeyFolder && judged.reason !== 'STORE_FROM_OTHER_COPY' && judged.reason !== 'STORE_WITNESS_MISSING' ? judgedOnKeptCopy(judged, fromKeyFolder, dataFolderWitness, settings.STORE_WITNESS_PATH) : told;
  return { refusal, checkpointsLost: checkpointsLost === judged ? refusal : checkpointsLost, witnessed, signingKeyOnRecord, copyNotCompared: context.readOnly ? copyMissing : null };
}

type ToolStoreSettings = Pick<AppSettings, 'EVENT_STORE' | 'SQLITE_PATH' | 'EVENTSTORE_CONNECTION_STRING' | 'STORE_WITNESS_PATH' | 'LEDGER_SIGNING_KEY_FILE'> &
  Partial<Pick<AppSettings, 'STORE_COPY_NAME' | 'LEDGER_TRUSTED_KEYS'>>;

/**
 * A tool appends to a sealed store as the server would (breaker9b N1): with the row-seal key of the
 * office's signing key, read where the server reads it. An empty store (`fresh`: one the tool creates,
 * or one holding no event and never numbering one — created by a run or a server start that stopped
 * before its first event) is sealed from its first event, with the key the server would use:
 * the witness's key when it names one, else the key file, generated where the server would generate it
 * when there is none (newcomer28 S1: an empty file left behind was taken as an older version's
 * unsealed store, and every row the tools then wrote was refused as possibly forged). The server never
 * seals a log it did not see sealed unless told to (breaker9d P5, `judgeFirstSealing`).
 * A store of an older version, never sealed, is left as it is. Returns the key the tool seals
 * with, null when it seals nothing. Writes nothing but a generated key (and only for a fresh store).
 * @throws InvalidSettingsError when the store is sealed (or fresh, its witness naming a key) and the
 *   key is not at hand, or is not the key the store witness names: rows written without it would be
 *   refused as not Rectify's.
 */
function sealToolAppends(store: SqliteEventStore, settings: ToolStoreSettings, fresh: boolean): KeyObject | null {
  let witnessed: StoreWitness | null = null;
  try {
    witnessed = readWitness(settings.STORE_WITNESS_PATH);
  } catch {
    // A damaged witness is the server's to refuse; the rows say whether the store is sealed.
  }
  if (fresh && !witnessed?.signingKey) {
    // A tool's terminal: Chinese first, then the English (breaker9e P2).
    const key = loadSigningKey(settings, (message, messageZh) => console.error(`${messageZh}\n${message}`));
    store.sealRows(rowSealKeyOf(key), false);
    return key;
  }
  if (!fresh && witnessed?.sealedRows !== true && !store.hasSealedRows()) return null;
  const path = signingKeyPath(settings);
  const key = existsSync(path) ? readSigningKey(path) : null;
  const fingerprint = key ? keyFingerprint(publicKeyText(key)) : null;
  if (!key || (witnessed?.signingKey && witnessed.signingKey !== fingerprint)) {
    const found = fingerprint ? `holds key ${fingerprint}, not key ${witnessed!.signingKey} the server signs with` : 'does not exist';
    const foundZh = fingerprint ? `中是密钥 ${fingerprint}，不是服务签名所用的密钥 ${witnessed!.signingKey}` : '不存在';
    throw new InvalidSettingsError([
      say(
        `LEDGER_SIGNING_KEY_FILE: ${path} ${found}. The events of ${settings.SQLITE_PATH} are sealed with the office's ledger key, and a row appended without it would be refused as not written by Rectify. Run the tool where the server's key is, or set LEDGER_SIGNING_KEY_FILE to it.`,
        `LEDGER_SIGNING_KEY_FILE：${path} ${foundZh}。${settings.SQLITE_PATH} 中的事件以本单位台账密钥加封，不用该密钥写入的记录会被视为并非 Rectify 写入而拒绝。请在存放服务密钥的机器上运行本工具，或将 LEDGER_SIGNING_KEY_FILE 设为该密钥。`,
      ),
    ]);
  }
  store.sealRows(rowSealKeyOf(key), false);
  return key;
}

/**
 * What a reading tool says when the witness of the store it reads names a copy beside the signing key
 * and the key folder holds none of this store (`judgeCopyMissing`; breaker9r P6: a store:backup copy
 * read on an auditor's machine): the rows are read and checked against the hash chain all the same,
 * but nothing confirms the copy is not older than the office's store. Chinese and English, naming the folder.
 */
function copyNotComparedNote(missing: StoreRefusedError, folder: string | null): Bilingual {
  const where = folder ?? 'keys/store-witnesses';
  return say(
    `Witness copy not compared: ${where} holds no copy of this store's witness beside the signing key (a backup or a copy read on another machine, or a key folder without its store-witnesses), which a server start on this store would be refused for (${missing.reason}). The rows were read as the file holds them, each checked against the ledger's hash chain; nothing confirms that this copy is not older than the office's store. Compare it where the office's key and its store-witnesses are (npm run ledger:verify there).`,
    `未与见证副本比对：${where} 中没有该事件库见证文件存放在签名密钥旁的副本（在另一台机器上读取的备份或副本，或密钥文件夹中缺少 store-witnesses），服务若在该事件库上启动会因此被拒绝（${missing.reason}）。已按文件中现有的记录读取，每条都已按台账哈希链核对；但无法确认该副本不比本单位的事件库旧。请在存放本单位密钥及其 store-witnesses 的机器上比对（在那里运行 npm run ledger:verify）。`,
  );
}

/**
 * How the key file a tool found stands to the store it opened (`keyAtHandStanding`, newcomer57-9 S1): the office's when the
 * witness names it, LEDGER_TRUSTED_KEYS lists it, a witness copy beside it saw this store, it signed one of the store's
 * checkpoints or its seal holds on one of its rows; else another key (the witness names another) or one nothing relates
 * to this store (another install's own key).
 */
function toolKeyStanding(store: SqliteEventStore, settings: ToolStoreSettings, witnessed: StoreWitness | null, key: KeyObject): KeyStanding {
  const ledger = store.ledger();
  const storeId = ledger.storeId();
  const { kept } = storeId === null ? { kept: [] } : readKeyFolderWitnessesLeniently(keyFolderWitnessFolder(settings));
  return keyAtHandStanding(keyFingerprint(publicKeyText(key)), {
    witnessKey: witnessed && (storeId === null || witnessed.storeId === storeId) ? (witnessed.signingKey ?? null) : null,
    trustedKeys: settings.LEDGER_TRUSTED_KEYS ?? [],
    keptCopyKeys: kept.flatMap(({ witness }) => (witness.storeId === storeId && witness.signature && witness.signingKey ? [witness.signingKey] : [])),
    checkpointSigners: () => ledger.checkpointSigners(),
    sealsSomeRow: () => ledger.sealedBy(rowSealKeyOf(key)),
    noRowSealed: !store.hasSealedRows(),
  });
}

/**
 * A tool that only reads (ledger:export) checks each row's seal as the server's reads do (breaker9q
 * P3: a row edited with its leaf and chain hashes computed again passes the chain, not its seal),
 * when the store is sealed and the office's key is at hand — the key file, unless the witness names
 * another key. Without it (a copy read on another machine) the seals cannot be checked; the chain is
 * checked all the same (`ChainFollower`). Writes nothing.
 * @returns null when the seals are checked (or no row is sealed: nothing to check); otherwise the
 *   note the tool prints, as `ledger:verify` does (rely2 s25 Left 2: the export said nothing), naming
 *   the key file and the key it holds, if any, and the key the witness names.
 */
function checkSealsOfToolReads(store: SqliteEventStore, settings: ToolStoreSettings): Bilingual | null {
  let witnessed: StoreWitness | null = null;
  try {
    witnessed = readWitness(settings.STORE_WITNESS_PATH);
  } catch {
    // A damaged witness was judged before the store was opened; the rows say whether it is sealed.
  }
  if (witnessed?.sealedRows !== true && !store.hasSealedRows()) return null;
  const path = signingKeyPath(settings);
  const key = existsSync(path) ? readSigningKey(path) : null;
  const fingerprint = key ? keyFingerprint(publicKeyText(key)) : null;
  // newcomer57-9 S1: a key file nothing relates to this store (another install's own key) checks no seal: every row read as forged.
  const standing = key ? toolKeyStanding(store, settings, witnessed, key) : null;
  if (key && standing?.shown) {
    store.sealRows(rowSealKeyOf(key), false);
    return null;
  }
  const unshown = standing?.by === 'unshown' ? unshownKeyWords(path, fingerprint!) : null;
  if (unshown) {
    return say(
      `Row seals not checked: the office's signing key is not at ${path}. ${unshown.en} Every row was checked against the ledger's hash chain, but nothing confirms that every row was written by Rectify (a row edited with its hashes computed again passes the chain, not its seal). Run the tool where the server's key is, or set LEDGER_SIGNING_KEY_FILE to it; npm run ledger:verify there checks every seal.`,
      `未校验记录封印：${path} 中没有本单位的签名密钥。${unshown.zh}每条记录都已按台账哈希链核对，但无法确认每条记录均由 Rectify 写入（改动记录后重算哈希可通过哈希链核对，却通不过封印）。请在存放服务密钥的机器上运行本工具，或将 LEDGER_SIGNING_KEY_FILE 设为该密钥；在那里运行 npm run ledger:verify 可校验全部封印。`,
    );
  }
  const holds = fingerprint ? say(` (it holds key ${fingerprint}, not key ${witnessed!.signingKey!} the store witness names)`, `（其中是密钥 ${fingerprint}，不是事件库见证文件所记的密钥 ${witnessed!.signingKey!}）`) : say(' (there is no such file)', '（该文件不存在）');
  return say(
    `Row seals not checked: the office's signing key is not at ${path}${holds.en}. Every row was checked against the ledger's hash chain, but nothing confirms that every row was written by Rectify (a row edited with its hashes computed again passes the chain, not its seal). Run the tool where the server's key is, or set LEDGER_SIGNING_KEY_FILE to it; npm run ledger:verify there checks every seal.`,
    `未校验记录封印：${path} 中没有本单位的签名密钥${holds.zh}。每条记录都已按台账哈希链核对，但无法确认每条记录均由 Rectify 写入（改动记录后重算哈希可通过哈希链核对，却通不过封印）。请在存放服务密钥的机器上运行本工具，或将 LEDGER_SIGNING_KEY_FILE 设为该密钥；在那里运行 npm run ledger:verify 可校验全部封印。`,
  );
}

/**
 * A store path in a folder that does not exist yet, beside the refused store's folder, for the
 * refusal's advice (newcomer15 S1: the advice named `./data/try/rectify.db` — the very store it
 * refused — so following it looped): `data/try/rectify.db` → `./data/try2/rectify.db`, then
 * `try3`…; relative to the working folder when inside it, else absolute.
 */
export function freshFolderExample(sqlitePath: string, exists: (path: string) => boolean = existsSync): string {
  const file = resolve(sqlitePath);
  const folder = dirname(file);
  const stem = basename(folder).replace(/\d+$/, '') || 'try';
  let candidate = join(dirname(folder), `${stem}2`);
  for (let n = 3; exists(candidate) && n < 1000; n += 1) candidate = join(dirname(folder), `${stem}${n}`);
  const path = join(candidate, basename(file));
  const inWorkingFolder = relative(process.cwd(), path);
  return inWorkingFolder.startsWith('..') || isAbsolute(inWorkingFolder) ? path : `./${inWorkingFolder}`;
}

/**
 * The server's judgement of the store, made by a command-line tool before it opens the store
 * (breaker9c P6: a tool created a new store at a mistyped SQLITE_PATH, reported "15 units
 * registered", and the server then started on it; P1 and breaker9d P4: a read-write connection's
 * close checkpoints a stale -wal into a restored file and deletes it): a missing file is judged as
 * the server judges it (STORE_MISSING, STORE_NOT_FOUND …), an existing one through a read-only
 * connection (STORE_SHORTER, STORE_REWRITTEN …) and, as at the server's start, with `PRAGMA
 * quick_check` when a -wal lies beside it or the store is refused (a file SQLite reads as damaged is
 * STORE_DAMAGED). A tool never accepts a reset: ACCEPT_STORE_RESET is the server's, at one start.
 * Resolves to a `release` that closes the read-only connection: call it once the tool's own
 * connection is open (while it is open, a failed read-write connection closed cannot checkpoint the
 * -wal into the file either).
 * @throws StoreRefusedError the server's refusal, saying that the tool wrote nothing.
 */
export function judgeToolStore(settings: ToolStoreSettings, options: { readOnly?: boolean } = {}): Promise<() => void> {
  return judgeToolStoreFile(settings, options).then(({ release }) => release);
}

/**
 * `judgeToolStore`, also telling whether the SQLite file found holds no event and never numbered one
 * (`unusedFile`: an empty file — left by a run that stopped before its first append, or by an older
 * version's dry run — which is judged, when no witness saw it, as a store still to be created; see `openToolStore`).
 */
async function judgeToolStoreFile(settings: ToolStoreSettings, options: { readOnly?: boolean; readingTool?: boolean } = {}): Promise<ToolStoreJudged> {
  if (settings.EVENT_STORE !== 'sqlite' || settings.SQLITE_PATH === ':memory:') return { release: () => undefined, unusedFile: false, copyNotCompared: null };
  // A tool that only reads (ledger:export, a dry run) may read files it cannot write, e.g. a backup kept read-only.
  refuseUnwritableStore(settings, { filesToo: !options.readOnly });
  return withStrayWalNote((noted) => judgeSqliteToolStore(settings, noted, options.readingTool === true));
}

/** What `judgeToolStoreFile` found. */
interface ToolStoreJudged {
  /** Closes the read-only connection of the judgement (see `judgeToolStore`). */
  readonly release: () => void;
  /** The file holds no event and never numbered one. */
  readonly unusedFile: boolean;
  /**
   * For a tool that only reads (`readingTool`): the note to print when the witness could not be
   * compared with its copy beside the key, which a start would be refused for (breaker9r P6); else null.
   */
  readonly copyNotCompared: Bilingual | null;
}

/** What a tool does when it moved a stray -wal aside (breaker9m P3): says so on stderr, Chinese first (stdout carries the tool's answer). */
const toolWarnings = { warn: (text: string) => void process.stderr.write(`${text.trim()}\n`) };

/** `judgeToolStore` for a SQLite file, noting a stray -wal it moved aside. */
async function judgeSqliteToolStore(settings: ToolStoreSettings, noted: StrayWalNoted, readingTool: boolean): Promise<ToolStoreJudged> {
  const storeSettings = { ...settings, ACCEPT_STORE_RESET: false };
  // The refusal's way out is the server's (a tool never accepts a store): said so, with what a tool user can do (newcomer13 R4).
  const example = freshFolderExample(settings.SQLITE_PATH);
  const toolWayOut = (reason: StoreRefusedError['reason']) =>
    reason === 'STORE_DAMAGED'
      ? say('', '')
      : say(
          ` A command-line tool never accepts a store itself: the acceptance is the server's, at one start. To try the tools on a new, empty store, make it a folder of its own first and say the store is new (e.g. mkdir -p ${dirname(example)}, then SQLITE_PATH=${example} with --new-store): a folder that does not exist yet is taken for a mistyped one while the key vouches for another store.`,
          `命令行工具不会自行接受事件库：接受与否由服务在启动时决定。若要在新的空事件库上试用工具，请先为它建一个单独的文件夹，并注明新建（例如先 mkdir -p ${dirname(example)}，再以 SQLITE_PATH=${example}，并加 --new-store 运行）：签名密钥担保着另一个事件库时，尚不存在的文件夹会被当作写错的路径。`,
        );
  const nothingWritten = (refusal: StoreRefusedError) =>
    new StoreRefusedError(
      refusal.reason,
      say(
        `Nothing was written: the server refuses this store too. ${refusal.message}${toolWayOut(refusal.reason).en}`,
        `未写入任何内容：服务同样会拒绝这个事件库。${refusal.messageZh}${toolWayOut(refusal.reason).zh}`,
      ),
    );
  const damagedRefusal = (error: unknown) => (isDamage(error, settings.SQLITE_PATH) ? nothingWritten(damagedStore(settings, [(error as Error).message])) : error);
  // breaker49-9 S7 for the tools (units:import, plan:import, store:backup …): a drill's SQLITE_PATH given production's witness by
  // .env is refused as the server's start is — before the tool judges by it, moves a stray -wal by it, or writes it.
  const shared = judgeSharedWitness(witnessIfReadable(settings.STORE_WITNESS_PATH), { sqlitePath: settings.SQLITE_PATH, witnessPath: settings.STORE_WITNESS_PATH, copyName: settings.STORE_COPY_NAME ?? null });
  if (shared) {
    throw new StoreRefusedError(
      shared.reason,
      say(
        `${shared.message} A command-line tool is refused as the server is: give it that STORE_WITNESS_PATH on its command line too, and run it again.`,
        `${shared.messageZh}命令行工具与服务一样被拒绝：请在其命令行上同样给出该 STORE_WITNESS_PATH，然后重新运行。`,
      ),
    );
  }
  // As a server's start: one file under two names (breaker9m P5), or replaced under a live server (breaker9l P5: two accounts created by user:create went out with the detached server's -wal).
  const witnessedNow = (() => {
    try {
      return witnessedPlaces(readWitness(settings.STORE_WITNESS_PATH), readKeyFolderWitnesses(keyFolderWitnessFolder(settings)));
    } catch {
      // A damaged witness is refused below, as the server refuses it.
      return [];
    }
  })();
  const replaced =
    judgeOtherNames(settings.SQLITE_PATH, witnessedNow, (path) => liveServersOn(path)) ??
    judgeReplacedUnderLiveServers(settings.SQLITE_PATH) ??
    judgeCompanionsGoneUnderLiveServers(settings.SQLITE_PATH);
  if (replaced) throw replaced;
  // A live server's key, when the tool's differs (run from another folder), is what is wrong — said
  // before anything the witnesses of that other folder would say (breaker9k P3).
  const toolKeyFile = resolve(signingKeyPath(settings));
  const toolKey = existsSync(toolKeyFile) ? keyFingerprint(publicKeyText(readSigningKey(toolKeyFile))) : null;
  const keyDiffers = existsSync(settings.SQLITE_PATH) ? judgeToolBesideLiveServers(settings.SQLITE_PATH, liveServersOn(settings.SQLITE_PATH), { keyFile: toolKeyFile, keyFingerprint: toolKey }) : null;
  if (keyDiffers) throw keyDiffers;
  const dataFolderWitness = readWitness(settings.STORE_WITNESS_PATH);
  const kept = readKeyFolderWitnesses(keyFolderWitnessFolder(settings));
  // As a server's start, before anything opens the file (breaker9m P3).
  noted.setAside = setAsideStrayWal(settings.SQLITE_PATH, dataFolderWitness, kept, toolWarnings);
  if (!existsSync(settings.SQLITE_PATH)) {
    const refusal = judgeAbsent(storeSettings, dataFolderWitness, kept);
    if (refusal) throw nothingWritten(withWalNote(settings, refusal));
    return { release: () => undefined, unusedFile: false, copyNotCompared: null };
  }
  let inspection: SqliteStoreInspection;
  try {
    inspection = new SqliteStoreInspection(settings.SQLITE_PATH);
  } catch (error) {
    throw damagedRefusal(error);
  }
  const release = () => inspection.close();
  try {
    const foreign = inspection.foreignTables();
    const misshapen = inspection.misshapenTables();
    if (foreign.length > 0 || misshapen.length > 0) throw nothingWritten(notAnEventStore(settings.SQLITE_PATH, foreign, misshapen));
    const unusedFile = inspection.headEvent() === null && inspection.positionsGiven() === null;
    // newcomer28 S1: an unused file no witness saw is a store still to be created (see `openToolStore`),
    // judged as a missing one is — a new store where the key vouches for one the path most likely meant is refused.
    const found = await judgeFound(inspectionSource(inspection), {
      settings: storeSettings,
      location: settings.SQLITE_PATH,
      place: realPlaceOf(settings.SQLITE_PATH),
      keptFolder: keyFolderWitnessFolder(settings),
      existed: true,
      dataFolderWitness,
      kept,
      servedPathCopies: readServedPathWitness(settings.SQLITE_PATH),
      readOnly: readingTool,
    });
    const refusal = (unusedFile && !dataFolderWitness ? judgeAbsent(storeSettings, dataFolderWitness, kept) : null) ?? found.refusal;
    // What the server's start checks before its read-write connection (admitStore), checked here too.
    if (refusal || walBytes(settings.SQLITE_PATH) > 0) {
      const problems = await quickCheckOffThread(settings.SQLITE_PATH);
      if (problems.length > 0) throw nothingWritten(damagedStore(settings, problems.map((problem) => `PRAGMA quick_check: ${problem}`)));
    }
    if (refusal) throw nothingWritten(withWalNote(settings, refusal));
    return { release, unusedFile, copyNotCompared: found.copyNotCompared ? copyNotComparedNote(found.copyNotCompared, keyFolderWitnessFolder(settings)) : null };
  } catch (error) {
    release();
    throw damagedRefusal(error);
  }
}

/**
 * breaker9c P6 rest: a writing tool run where no store is — another folder than the installation's,
 * a SQLITE_PATH unset or mistyped into a folder of its own — created a store and a signing key there,
 * and answered "15 units registered" into a store no server reads. A tool starts a new store only
 * when told (`--new-store`); refused before anything is created, the store file and the key included.
 */
function noStoreToWriteTo(settings: ToolStoreSettings, unusedFile = false): StoreRefusedError {
  const path = resolve(settings.SQLITE_PATH);
  if (unusedFile) {
    // newcomer28 S1: an empty file left behind is not the office's store, nor one to write into unsealed.
    return new StoreRefusedError(
      'STORE_NOT_FOUND',
      say(
        `${path} (SQLITE_PATH=${settings.SQLITE_PATH}, read from the folder ${process.cwd()}) is an empty event store file that no store witness has seen — left by a run that stopped before it wrote anything, or by a dry run of an older version —, not a store in use: nothing was written. A command-line tool never starts a new store unless asked: run it in the installation's folder (where the server runs) or set SQLITE_PATH to the server's store; to start a new, empty store there, run it again with --new-store.`,
        `${path}（SQLITE_PATH=${settings.SQLITE_PATH}，按文件夹 ${process.cwd()} 解析）是一个空的事件库文件，没有任何见证文件记载过它——多半是某次运行在写入之前中断，或旧版本试导入时留下的——并不是正在使用的事件库：未写入任何内容。命令行工具不会擅自新建事件库：请在安装文件夹（服务运行的文件夹）中运行，或将 SQLITE_PATH 设为服务使用的事件库；若确要在该处新建一个空事件库，请加 --new-store 重新运行。`,
      ),
    );
  }
  return new StoreRefusedError(
    'STORE_NOT_FOUND',
    say(
      `There is no event store at ${path} (SQLITE_PATH=${settings.SQLITE_PATH}, read from the folder ${process.cwd()}): nothing was written, and no store or signing key was created. A command-line tool never starts a new store unless asked: run it in the installation's folder (where the server runs) or set SQLITE_PATH to the server's store; to start a new, empty store there, run it again with --new-store.`,
      `${path} 处没有事件库（SQLITE_PATH=${settings.SQLITE_PATH}，按文件夹 ${process.cwd()} 解析）：未写入任何内容，也未创建事件库或签名密钥。命令行工具不会擅自新建事件库：请在安装文件夹（服务运行的文件夹）中运行，或将 SQLITE_PATH 设为服务使用的事件库；若确要在该处新建一个空事件库，请加 --new-store 重新运行。`,
    ),
  );
}

/**
 * The store as a command-line tool opens it, once the server's judgement allows it (`judgeToolStore`).
 * `readOnly` (a tool that only reads, `ledger:export`): an existing SQLite file opened read-only,
 * never written nor its -wal checkpointed (breaker9d P4); a missing one is refused.
 * A store still to be created — no SQLite file where no witness is, or an *unused* file no witness saw
 * (no event, none ever numbered: left by a run that stopped before its first append, or by an older
 * version's dry run; newcomer28 S1) — is created only with `newStore` (`--new-store`), else refused
 * STORE_NOT_FOUND before anything is written (`noStoreToWriteTo`). It is created complete or not at
 * all: its identity, the signing key (generated where the server would generate it), its rows sealed
 * from the first event, and its witness — signed, saying the rows are sealed, marked as created for a
 * first run — written at once, before the tool does anything else, so a run that then appends nothing
 * (a refused file, a failed account) leaves a store the next run and the server take as the server's
 * own new store. An interrupted creation leaves an unused file at most, which is created again the same way.
 * `dryRun` (`--dry-run`): nothing is written, no file created — the store is read through a read-only
 * connection (what SQLite keeps beside a store it reads, an empty -wal and -shm, aside), its key and
 * clock judged as for a real run; a store still to be created is an empty one in memory (with
 * `newStore`; refused as the real run would be without it), so the dry run of a new store creates no
 * store, witness or key.
 * Otherwise read-write, its appends sealed as the server's (`sealToolAppends`) and witnessed
 * (`witnessedToolStore`): each append moves the witness before it is answered, and `close()` makes it durable.
 * `notChecked` (a reading tool): called before the store is returned with each note to print of what could
 * not be checked: the rows' seals, when the store is sealed and the office's key is not at hand
 * (`checkSealsOfToolReads`); the witness against its copy beside the key, when the key folder holds none
 * (a store:backup copy read on another machine, breaker9r P6: refused before, as a start is —
 * STORE_WITNESS_COPY_MISSING —, though a read starts nothing on the copy).
 * @throws StoreRefusedError the server's refusal; STORE_NOT_FOUND for a read of a file that does not
 *   exist, or a store to be created without `newStore`.
 * @throws InvalidSettingsError the office's key is not at hand for a sealed store (see `sealToolAppends`).
 */
export async function openToolStore(
  settings: ToolStoreSettings,
  options: { readOnly?: boolean; newStore?: boolean; dryRun?: boolean; notChecked?: (note: Bilingual) => void } = {},
): Promise<EventStore> {
  const readsOnly = options.readOnly === true || options.dryRun === true;
  const { release, unusedFile, copyNotCompared } = await judgeToolStoreFile(settings, { readOnly: readsOnly, readingTool: options.readOnly === true });
  const sqliteFile = settings.EVENT_STORE === 'sqlite' && settings.SQLITE_PATH !== ':memory:';
  if (options.readOnly && sqliteFile && !existsSync(settings.SQLITE_PATH)) {
    release();
    throw new StoreRefusedError('STORE_NOT_FOUND', say(`${settings.SQLITE_PATH} does not exist (SQLITE_PATH): there is nothing to read.`, `${settings.SQLITE_PATH} 不存在（SQLITE_PATH）：没有可读取的内容。`));
  }
  const toCreate = sqliteFile && !existsSync(settings.STORE_WITNESS_PATH) && (!existsSync(settings.SQLITE_PATH) || unusedFile);
  if (toCreate && !options.newStore && !options.readOnly) {
    release();
    throw noStoreToWriteTo(settings, unusedFile);
  }
  if (toCreate && options.dryRun) {
    // The dry run of a new store: judged against an empty store that exists nowhere.
    release();
    return new SqliteEventStore(':memory:', { writerThread: false });
  }
  // An empty store: sealed from its first event, whoever created it (a server stopped before it sealed anything, too).
  const fresh = toCreate || unusedFile;
  let store: EventStore;
  let sealingKey: KeyObject | null = null;
  try {
    store = await openEventStore(settings, { readOnly: readsOnly });
    if (store instanceof SqliteEventStore && !options.readOnly) {
      try {
        // As the server's writes (breaker9p P1): nothing is recorded by a clock that reads before the newest record.
        const clockBehind = toolClockBehind(store, settings);
        if (clockBehind) throw clockBehind;
        // A dry run judges the key as the real run would, and checks the seals of what it reads with it; it generates none.
        sealingKey = sealToolAppends(store, settings, fresh && !options.dryRun);
      } catch (error) {
        await store.close();
        throw error;
      }
    }
    if (store instanceof SqliteEventStore && options.readOnly) {
      const unchecked = checkSealsOfToolReads(store, settings);
      if (unchecked) options.notChecked?.(unchecked);
      if (copyNotCompared) options.notChecked?.(copyNotCompared);
    }
  } catch (error) {
    throw isDamage(error, settings.SQLITE_PATH) ? damagedStore(settings, [(error as Error).message]) : error;
  } finally {
    // After the tool's connection: while the read-only one is open, a failed one closed cannot checkpoint the -wal.
    release();
  }
  if (readsOnly || !(store instanceof SqliteEventStore)) return store;
  const witnessed = witnessedToolStore(store, settings, sealingKey);
  try {
    // Complete before anything else: identity, key and the witness of the empty, sealed store.
    if (toCreate) await witnessed.witnessCreation();
    // breaker55-9 S1: what an earlier run committed but was killed before witnessing, vouched for before this run answers.
    else await witnessed.witnessStoredHead();
  } catch (error) {
    await witnessed.close().catch(() => undefined);
    throw error;
  }
  return witnessed;
}

/**
 * breaker52-9 S4: a start at `place` (this store's head `head`, copy name `copyName`) while another file of this store,
 * at another place and there now, under the same copy name (none on both, or the same), was seen by its witness beside the
 * key further on (`others`: those witnesses) — most often the place an installation was moved away from, started again (an
 * old service unit, a script) after the new place wrote on, about to serve its older head as if the records made since were
 * never made (or a drill or training copy under this copy's name that wrote more). What to say of it, naming the place
 * ahead and how far; null when no other place is ahead. Not a refusal: copies of one store under one name (or none) that
 * go their own ways are not refused by each other. Pure.
 */
export function movedAwayWords(place: string, head: bigint | null, copyName: string | null, others: readonly StoreWitness[]): Bilingual | null {
  const here = head ?? 0n;
  const ahead = others
    .filter((other) => (other.copyName ?? null) === copyName && other.head !== null && BigInt(other.head) > here)
    .sort((a, b) => (BigInt(b.head!) > BigInt(a.head!) ? 1 : -1))[0];
  if (!ahead) return null;
  const there = BigInt(ahead.head!);
  const range = there === here + 1n ? `${there}` : `${here + 1n}–${there}`;
  const named = copyName === null ? say('(neither runs under a STORE_COPY_NAME)', '（两处都未设置 STORE_COPY_NAME）') : say(`(both under STORE_COPY_NAME=${copyName})`, `（两处都以 STORE_COPY_NAME=${copyName} 运行）`);
  return say(
    `This store was also served at ${ahead.location} ${named.en}, and there it recorded up to position ${there} (its witness beside the ledger key, ${ahead.seenAt}); ${place} holds it only up to position ${here}: what was recorded there after position ${here} (positions ${range}) is not here. If the installation was moved to ${ahead.location}, this is the old place: stop this server and start the one at ${ahead.location} — do not move that folder aside, and do not enter anything here (keep this folder as one more backup, or move it out of the way). If ${ahead.location} is a restore drill or training copy started under this copy's name, give it a name of its own (STORE_COPY_NAME) before it starts again.`,
    `本事件库也曾在 ${ahead.location} 运行${named.zh}，那里已记录到位置 ${there}（与台账密钥存放在一起的见证副本，${officeInstantZh(ahead.seenAt)}）；${place} 只到位置 ${here}：那里在位置 ${here} 之后记录的内容（位置 ${range}）不在此处。如系整套搬迁到 ${ahead.location}，这里是旧位置：请停止本服务，启动 ${ahead.location} 的服务——切勿把那里的文件夹移走，也请勿在此处录入（本文件夹可留作一份备份，或移出原处）。如 ${ahead.location} 是沿用本副本名称启动的恢复演练或培训副本，请在其再次启动前为它另设名称（STORE_COPY_NAME）。`,
  );
}

/** Another file of this store, at another place and there now, whose witness carries this start's STORE_COPY_NAME (`AdmittedStore.sameNameElsewhere`). */
export interface SameNameCopy {
  /** The other file's place, as its witness names it (absolute path). */
  readonly location: string;
  /** The UTC instant (ISO-8601) its witness was last written. */
  readonly seenAt: string;
  /** Its witness saw no further than this file holds: its head (or an empty log) is here, with the same chain hash (`heldHere`). */
  readonly behind: boolean;
}

/**
 * Whether everything `witness` saw is held by this store's file: its head is the same event here (same chain hash), or it saw
 * an empty log. False when the witness has no chain hash (written by a release before them: nothing tells) or the file
 * holds another event there or does not reach it.
 */
function heldHere(opened: EventStore, witness: StoreWitness): boolean {
  if (witness.head === null) return true;
  if (!(opened instanceof SqliteEventStore) || typeof witness.headHash !== 'string') return false;
  return opened.chainHashAt(BigInt(witness.head)) === witness.headHash;
}

/**
 * newcomer50-9 S3: the writer ids of the rows this copy's witness vouches for (its head held by the file with the same chain hash)
 * when that witness lists none — written by the release before writer ids (a rollback to it and back, which dropped `writers`):
 * those rows are this copy's, so their writers are. Empty otherwise (nothing read). Oldest first.
 */
function writersLostInRollback(opened: EventStore, witnessed: StoreWitness | null, copyName: string | null): string[] {
  if (!(opened instanceof SqliteEventStore) || !witnessed || witnessed.writers !== undefined) return [];
  if (typeof witnessed.copyName === 'string' && witnessed.copyName !== copyName) return [];
  if (witnessed.head === null || typeof witnessed.headHash !== 'string' || opened.chainHashAt(BigInt(witnessed.head)) !== witnessed.headHash) return [];
  return opened.writersUpTo(BigInt(witnessed.head));
}

/** The witness's `formerKeys` (newcomer50-9 S2): those `witnesses` of this store remember, together; nothing when none does. */
function formerKeysOf(witnesses: readonly StoreWitness[]): { formerKeys?: readonly FormerKey[] } {
  const merged = mergedFormerKeys(...witnesses.map((seen) => seen.formerKeys));
  return merged.length > 0 ? { formerKeys: merged } : {};
}

/**
 * The witness's `otherCopyAccepted`: the acceptances the witness of this store carried, and this start's when it accepts a
 * STORE_FROM_OTHER_COPY refusal naming the other copy's positions (`accepted`, with ACCEPT_STORE_RESET at `at`). Empty
 * (no field) when there are none.
 */
function otherCopyAcceptedBy(witnessed: StoreWitness | null, accepted: StoreRefusedError | null, at: string | null): { otherCopyAccepted?: readonly OtherCopyAcceptance[] } {
  const rows = accepted?.reason === 'STORE_FROM_OTHER_COPY' ? accepted.otherCopyRows : undefined;
  const all = [...(witnessed?.otherCopyAccepted ?? []), ...(rows && at ? [{ at, from: rows.first.toString(), upTo: rows.last.toString() }] : [])];
  return all.length > 0 ? { otherCopyAccepted: all } : {};
}

/**
 * CLOCK_BEHIND_LOG for a writing tool whose clock reads before the newest instant the store holds
 * (its newest record's recording instant, or when the witness last saw it written; breaker9p P1),
 * beyond CLOCK_TOLERANCE_MS; null otherwise. Nothing is written: the tool stops before its first append.
 */
function toolClockBehind(store: SqliteEventStore, settings: ToolStoreSettings): StoreRefusedError | null {
  let witness: StoreWitness | null = null;
  try {
    witness = readWitness(settings.STORE_WITNESS_PATH);
  } catch {
    // Judged readable before the store was opened; damaged since: the log alone decides.
  }
  const now = Date.now();
  // Records a start accepted as stamped by a clock that was ahead are not judged again (breaker9q P4).
  const newest = newestOf([
    { at: witness?.seenAt, source: 'witness' },
    { at: recordedAfterAcceptance(store.newestRecord(), witness?.clockAheadAccepted), source: 'log' },
  ]);
  if (clockBehindBy(now, newest) === null) return null;
  const message = clockBehindMessage(now, newest!);
  return new StoreRefusedError('CLOCK_BEHIND_LOG', say(`Nothing was written. ${message.en}`, `未写入任何内容。${message.zh}`));
}

/**
 * The tool's store with its appends witnessed as the server's are (breaker9g P9: a tool's appends
 * never moved the witness, so its newest rows could be deleted, or lost with the `-wal` after a
 * crash, and the server started "ready" without them): each append that wrote events moves the
 * witness to its head before it is answered (in place, no fsync, as the server's), and `close()`
 * writes it durably, with its signed copy beside the key when the tool holds the key the witness
 * names. The witness keeps what the server's said (store id, checkpoints, the key, sealed rows, an
 * accepted reset, where the copy beside the key is), re-reads the store's head after each write
 * (a server appending to the same file meanwhile is never taken back), and only ever moves
 * forward. A run that appended nothing leaves the witness as it was — but a store the run created
 * has its witness from the start (`witnessCreation`, newcomer28 S1).
 */
function witnessedToolStore(store: SqliteEventStore, settings: ToolStoreSettings, sealingKey: KeyObject | null): SqliteEventStore & ToolStoreCreation {
  let keeper: Promise<WitnessKeeper> | null = null;
  let creating = false;
  const keeperNow = () => (keeper ??= toolWitnessKeeper(store, settings, sealingKey, creating));
  // The witness of the store this run creates, before its first append (see `openToolStore`).
  const witnessCreation = async () => {
    creating = true;
    (await keeperNow()).write(null, null);
  };
  // breaker42-9 F1, F5: the run's writer id, in the witness (durably, with its copy beside the key) before its first append.
  let writing: Promise<void> | null = null;
  const recordWriter = () =>
    (writing ??= (async () => {
      const witness = await keeperNow();
      const head = store.headEventToFollow();
      // A log the store does not follow to its head (a row found altered, the log rewritten or cut back under the run) is
      // not witnessed further, and nothing is appended to it: a row without a writer id would be taken for another copy's
      // at the next start (breaker43-9 K1), and the append would be refused in its transaction anyway.
      if (!head && store.headEventNow()) throw store.notFollowedError() ?? new Error(`The event log in ${settings.SQLITE_PATH} is not followed to its head`);
      const writerId = newWriterId();
      witness.recordWriter(writerId);
      witness.write(head?.position ?? null, head?.eventId ?? null);
      store.writeAs(writerId);
    })());
  const appendToStream: EventStore['appendToStream'] = async (streamId, events, appendOptions) => {
    await recordWriter();
    const result = await store.appendToStream(streamId, events, appendOptions);
    if (!result.alreadyRecorded) (await keeperNow()).noteHead(result.position, events.at(-1)?.id ?? null);
    return result;
  };
  // A batch (an import's rows) is one append to several streams: witnessed at its last part that appended.
  const appendToStreams: EventStore['appendToStreams'] = async (appends) => {
    await recordWriter();
    const results = await store.appendToStreams(appends);
    const index = results.findLastIndex((result) => !result.alreadyRecorded);
    if (index >= 0) (await keeperNow()).noteHead(results[index]!.position, appends[index]!.events.at(-1)?.id ?? null);
    return results;
  };
  // breaker55-9 S1: a run that finds the log past what its witnesses say (an earlier run killed between its commit and its
  // witness write — whose retry then finds its rows stored and appends nothing) vouches for that head, durably, beside the
  // data and beside the key, before it answers anything. Only over rows sealed with the key it holds (a sealed store's
  // witness is only ever written signed), only for this store's witness, only for a log the store follows to its head.
  const witnessStoredHead = async () => {
    const head = store.headEventToFollow();
    if (!head) return;
    const identity = await store.identify();
    const keptFolder = keyFolderWitnessFolder(settings);
    const keptPath = keptFolder === null ? null : keyFolderWitnessPath(keptFolder, identity.storeId, realPlaceOf(settings.SQLITE_PATH));
    const headOf = (path: string): bigint | null | undefined => {
      try {
        const seen = readWitness(path);
        if (seen?.storeId !== identity.storeId) return undefined;
        return seen.head === null ? 0n : BigInt(seen.head);
      } catch {
        return undefined;
      }
    };
    const beside = headOf(settings.STORE_WITNESS_PATH);
    if (beside === undefined || beside === null) return;
    const kept = keptPath !== null && existsSync(keptPath) ? headOf(keptPath) : null;
    const vouched = typeof kept === 'bigint' && kept < beside ? kept : beside;
    if (head.position.commit <= vouched) return;
    if (!sealingKey && store.hasSealedRows()) return;
    if (sealingKey && store.firstUnvouchedRowAfter(vouched, rowSealKeyOf(sealingKey))) return;
    (await keeperNow()).write(head.position, head.eventId, true, false);
  };
  const close = async () => {
    try {
      // Durable now (a temporary file, fsync, rename), with its copy beside the key.
      if (keeper) {
        const witness = await keeper;
        witness.close();
        const failure = witness.failure();
        if (failure) throw failure;
      }
    } finally {
      await store.close();
    }
  };
  return new Proxy(store as SqliteEventStore & ToolStoreCreation, {
    get(target, property) {
      if (property === 'appendToStream') return appendToStream;
      if (property === 'appendToStreams') return appendToStreams;
      if (property === 'close') return close;
      if (property === 'witnessCreation') return witnessCreation;
      if (property === 'witnessStoredHead') return witnessStoredHead;
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** The witness keeper of a tool's run, carrying on what the witness beside the data says of this store (see `witnessedToolStore`). */
/** What a tool's store adds for a store the run creates: its witness written before anything else (`openToolStore`). */
interface ToolStoreCreation {
  /**
   * Gives the new store its identity and writes its first witness, durably (head none, signed with the
   * sealing key, rows sealed, created for a first run), with its copy beside the key.
   * @throws WitnessNotWrittenError when the witness cannot be written.
   */
  witnessCreation(): Promise<void>;
  /**
   * breaker55-9 S1: writes the log's head into the witness and its copy beside the key, durably, when the log is past what
   * either says (this store's, followed to its head, its rows sealed with the run's key); nothing otherwise.
   * @throws WitnessNotWrittenError when the witness cannot be written.
   */
  witnessStoredHead(): Promise<void>;
}

async function toolWitnessKeeper(store: SqliteEventStore, settings: ToolStoreSettings, sealingKey: KeyObject | null, createdForFirstRun = false): Promise<WitnessKeeper> {
  const identity = await store.identify();
  let witnessed: StoreWitness | null = null;
  try {
    witnessed = readWitness(settings.STORE_WITNESS_PATH);
  } catch {
    // Judged readable by `judgeToolStore` before the tool opened the store; damaged since: written anew.
  }
  const same = witnessed?.storeId === identity.storeId ? witnessed : null;
  const keptFolder = keyFolderWitnessFolder(settings);
  const witness = new WitnessKeeper(
    settings.STORE_WITNESS_PATH,
    {
      storeId: identity.storeId,
      kind: store.kind,
      location: settings.SQLITE_PATH,
      ...(same?.resetAcceptedAt ? { resetAcceptedAt: same.resetAcceptedAt } : {}),
      ...(same?.resetAcceptedAt && same.numberedAtReset !== undefined ? { numberedAtReset: same.numberedAtReset } : {}),
      ...(same?.clockAheadAccepted ? { clockAheadAccepted: same.clockAheadAccepted } : {}),
      ...(same?.otherCopyAccepted ? { otherCopyAccepted: same.otherCopyAccepted } : {}),
      ...(same?.formerKeys ? { formerKeys: same.formerKeys } : {}),
      ...(same?.clockAheadSettingUsedAt ? { clockAheadSettingUsedAt: same.clockAheadSettingUsedAt } : {}),
      ...(same?.keyCopy ? { keyCopy: same.keyCopy } : {}),
      // The server's copy name carried on: a tool's write of the witness never drops it (breaker9a P7).
      ...(same?.copyName !== undefined ? { copyName: same.copyName } : {}),
      // Nor the writers it knew (breaker42-9 F1, F5).
      ...(same?.writers ? { writers: same.writers } : {}),
      // Nor the other files of the store the server saw while it ran (breaker46-9 S1).
      ...(same?.otherFilesSeen ? { otherFilesSeen: same.otherFilesSeen } : {}),
      // A store this run created is a first run's, as one a server creates (the demo may go into it while it stays empty).
      ...(createdForFirstRun ? { createdForFirstRun } : {}),
    },
    (commit) => store.chainHashAt(commit),
    keptFolder === null ? null : keyFolderWitnessPath(keptFolder, identity.storeId, realPlaceOf(settings.SQLITE_PATH)),
    () => store.headEventToFollow(),
    servedPathWitnessPath(settings.SQLITE_PATH),
    () => store.storeFileNow(),
    () => store.pathNamesAnotherFile(),
    (work) => store.underWriteLock(work),
  );
  if (same?.signingKey) witness.keepSigningKeyUnwritten(same.signingKey);
  // breaker9r P1: a tool's write never takes the seen instant back either.
  witness.keepSeenAtAtLeast(same?.seenAt);
  // Signed with the key the store is sealed with, else with the key file when it is the one the
  // witness names: a tool never puts another key on record (the server judges a changed key).
  const keyPath = signingKeyPath(settings);
  const key = sealingKey ?? (same?.signingKey && existsSync(keyPath) ? readSigningKey(keyPath) : null);
  const fingerprint = key ? keyFingerprint(publicKeyText(key)) : null;
  if (key && fingerprint && (sealingKey || fingerprint === same?.signingKey)) witness.keepSigningKey(fingerprint, key);
  if (same) {
    witness.keepCheckpointUnwritten(same.checkpoint);
    witness.keepCheckpointNumbering(Math.max(same.checkpoint?.sequence ?? 0, same.checkpointNumbered ?? 0));
  }
  const stored = store.ledger().latestCheckpoint();
  if (stored) witness.keepCheckpointUnwritten({ sequence: stored.sequence, treeSize: stored.treeSize });
  // Before the first write (nothing is written yet): the witness of a sealed store says so.
  if (sealingKey || same?.sealedRows || store.hasSealedRows()) witness.noteRowsSealed();
  return witness;
}
