import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppSettings } from '../config/app-settings.js';
import { ADMITTED_STORE } from '../event-store/event-store.module.js';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port.js';
import type { AdmittedStore } from '../event-store/store-admission.js';
import { StoreHealth, type StoreProblem, type StoreProblemCause } from '../event-store/store-health.js';
import { isEventStoreDb } from '../event-store/eventstoredb-store-kind.js';
import { SqliteEventStore } from '../event-store/sqlite-event-store.js';
import { walkChainOffThread } from '../event-store/sqlite-chain-walk.js';
import { Clock } from '../shared/clock.js';
import { GENESIS_CHAIN_HASH } from './domain/event-chain.js';
import type { LedgerVerificationResult, MismatchKind } from './domain/ledger-verification.js';
import { checkpointAlteration, keyFingerprint, type PrintedLedgerCode } from './domain/checkpoint.js';
import { formerKeysDeclared, signerTrusted } from './domain/former-keys.js';
import { officeInstantZh } from '../shared/calendar-date.js';
import { codesNotCompared } from './domain/printed-code-answers.js';
import { say, type Bilingual } from '../shared/domain-error.js';
import { HeadStatements } from './head-statements.js';
import { LedgerKeys } from './ledger-keys.js';
import { LedgerAlteredError, proveEvent, takeCheckpoint, verifyLedger, type EventInclusionProof } from './ledger-operations.js';
import type { LedgerBackend, StoredCheckpoint } from './ledger.port.js';
import { witnessExpectations } from './witnessed-head.js';

/** Problems after which the file the server holds open is not the store at its path: there is nothing there to verify. */
const STORE_GONE: readonly StoreProblemCause[] = ['STORE_FILE_MISSING', 'STORE_FILE_REPLACED'];

/** The answer of a verification that could check nothing: not ok, the finding saying why. */
function notVerified(kind: MismatchKind, message: Bilingual, codes: readonly PrintedLedgerCode[]): LedgerVerificationResult {
  return {
    ok: false,
    eventsChecked: 0,
    checkpointsChecked: 0,
    headChainHash: GENESIS_CHAIN_HASH.toString('hex'),
    headPosition: null,
    signingKeys: [],
    printedCodesChecked: 0,
    printedCodesOfNoEvents: [],
    // newcomer46-9 S1: each code given is still answered — not compared, and why.
    printedCodeAnswers: codesNotCompared(codes, say('the event store could not be read (see the finding).', '未能读取事件库（见上述问题）。')),
    headLedgerCode: null,
    firstMismatch: { kind, eventNumber: 1, position: null, eventId: null, checkpointTreeSize: null, message: message.en, messageZh: message.zh },
  };
}

/** Asked for while the store file was deleted or replaced under the server: the store's own problem message. */
const storeGoneFinding = (problem: StoreProblem, codes: readonly PrintedLedgerCode[]) =>
  notVerified(problem.cause === 'STORE_FILE_MISSING' ? 'STORE_FILE_MISSING' : 'STORE_REPLACED', say(`Nothing was verified: ${problem.message.en}`, `未能校验台账：${problem.message.zh}`), codes);

/** The store failed while it was read (SQLite's error code). */
const unreadableStoreFinding = (code: string, codes: readonly PrintedLedgerCode[]) =>
  notVerified(
    'UNREADABLE',
    say(
      `The event store could not be read to the end (${code}): the ledger is not verified. Run npm run ledger:verify on the server's machine to see where, and restore the store from a backup if it is damaged.`,
      '读取事件库时出错，台账未能完成校验。请在服务器上运行台账校验命令查明位置；如事件库已损坏，请从备份恢复。',
    ),
    codes,
  );

/** How often EventStoreDB's chaining pass runs: the most an event waits before it is chained. */
const CHAIN_INTERVAL_MS = 10_000;

/**
 * What `verifyLedger` finds that says the log or its checkpoints are not as written (breaker45-9 S2): LOG_ALTERED. Not a
 * printed code that does not match (it may be miscopied), nor what is compared with records kept apart from the log (the
 * witness, head statements: judged at start and by the write checks).
 */
const LOG_ALTERATIONS: readonly MismatchKind[] = ['UNREADABLE', 'CONTENT_CHANGED', 'NOT_HASHED', 'NOT_SEALED', 'CHAIN_BROKEN', 'CHECKPOINT_SIGNATURE', 'CHECKPOINT_MISMATCH'];

/**
 * The ledger in the running server: the signing key (loaded, or generated, at start), a checkpoint
 * every LEDGER_CHECKPOINT_MINUTES when events were appended since the last one, and what the ADMIN
 * operations ask for. With EventStoreDB, also the chaining pass every CHAIN_INTERVAL_MS.
 */
@Injectable()
export class LedgerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Ledger');
  private readonly timers: NodeJS.Timeout[] = [];

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ADMITTED_STORE) private readonly admitted: AdmittedStore,
    private readonly health: StoreHealth,
    private readonly config: ConfigService<AppSettings, true>,
    private readonly clock: Clock,
    private readonly keys: LedgerKeys,
    private readonly headStatements: HeadStatements,
  ) {}

  async onApplicationBootstrap() {
    // The stored checkpoints checked at start: an edited row is LOG_ALTERED before the first request (breaker9a P3).
    const stored = await this.checkpoints().catch((error: unknown) => {
      this.logger.error(`Checkpoints not checked at start: ${error instanceof Error ? error.message : String(error)}`);
      return [];
    });
    this.judgeCheckpointSigners(stored);
    const minutes = this.config.get('LEDGER_CHECKPOINT_MINUTES', { infer: true });
    this.logger.log(`Checkpoints are signed by key ${this.keys.fingerprint}${minutes > 0 ? `, every ${minutes} min when the log grew` : ', on demand only'}`);
    if (minutes > 0) this.every(minutes * 60_000, () => this.checkpointIfAppended());
    const backend = this.backend();
    if (backend.catchUp) {
      this.every(CHAIN_INTERVAL_MS, () => backend.catchUp!().catch((error: unknown) => this.logger.error(`Chaining pass failed: ${error instanceof Error ? error.message : String(error)}`)));
    }
  }

  /**
   * newcomer50-9 S2: the keys the store's checkpoints are signed by, judged once at start. A key listed in LEDGER_TRUSTED_KEYS
   * (the rotation the SIGNING_KEY_CHANGED refusal asks to declare) that signed some of them is remembered in the store witness
   * (`formerKeys`) for those checkpoints: later starts and checks trust them without the variable. A checkpoint signed by a
   * key trusted neither way — which `ledger:verify` and 台账校验码's 核对 would call another's — is said in the log and in /health
   * `notices` (`CHECKPOINT_KEY_NOT_TRUSTED`), naming the checkpoint and the way on.
   */
  private judgeCheckpointSigners(stored: readonly StoredCheckpoint[]): void {
    const signed = stored.map((checkpoint) => ({ checkpoint, signer: keyFingerprint(checkpoint.publicKey), treeSize: checkpoint.treeSize }));
    const listed = this.config.get('LEDGER_TRUSTED_KEYS', { infer: true });
    const declared = formerKeysDeclared(signed, listed, this.keys.fingerprint, this.admitted.witness.formerKeysNow(), this.clock.now().toISOString());
    if (declared.length > 0) {
      this.admitted.witness.rememberFormerKeys(declared);
      for (const key of declared) {
        this.logger.warn(
          `Key ${key.fingerprint} (LEDGER_TRUSTED_KEYS) is remembered as a former key of this office in the store witness, trusted for the checkpoints it signed (up to ${key.upToEvents} events): later starts and ledger checks trust them without the variable.`,
        );
      }
    }
    const trusted = [this.keys.fingerprint, ...listed];
    const former = this.admitted.witness.formerKeysNow();
    const untrusted = signed.filter(({ signer, treeSize }) => !signerTrusted(signer, treeSize, trusted, former));
    if (untrusted.length === 0) return;
    const first = untrusted[untrusted.length - 1]!;
    const signers = [...new Set(untrusted.map(({ signer }) => signer))];
    const message = say(
      `${untrusted.length} of the store's ledger checkpoints (the first #${first.checkpoint.sequence}, ${first.treeSize} events, taken ${first.checkpoint.takenAt}) are signed by key ${signers.join(', ')}, not by a key this office signs with (${this.keys.fingerprint}) nor a former key it declared: npm run ledger:verify and the 台账校验码 page's check call them another's (CHECKPOINT_FOREIGN_KEY). If it is the office's own former key (the key file lost or replaced), start the server once with LEDGER_TRUSTED_KEYS=${signers.join(',')}: it is then remembered for those checkpoints; if not, the log may have been rewritten and re-signed — run npm run ledger:verify.`,
      `事件库中有 ${untrusted.length} 个台账校验点（最早的是第 ${first.checkpoint.sequence} 号，${first.treeSize} 条事件，${officeInstantZh(first.checkpoint.takenAt)}生成）由密钥 ${signers.join('、')} 签署，既不是本单位现用的签名密钥（${this.keys.fingerprint}），也不是已登记的旧密钥：台账校验（npm run ledger:verify）和“台账校验码”页的核对会判其为他人签署（CHECKPOINT_FOREIGN_KEY）。如确是本单位此前使用的密钥（密钥文件丢失或更换），请设置 LEDGER_TRUSTED_KEYS=${signers.join(',')} 启动服务一次，此后即记住这些校验点；如不是，台账可能被改写后重新签名，请运行 npm run ledger:verify。`,
    );
    this.logger.warn(message.zh);
    this.logger.warn(message.en);
    this.health.addNotice({ cause: 'CHECKPOINT_KEY_NOT_TRUSTED', since: new Date().toISOString(), message });
  }

  onApplicationShutdown() {
    for (const timer of this.timers) clearInterval(timer);
  }

  private every(ms: number, task: () => Promise<unknown>) {
    let running = false;
    const timer = setInterval(() => {
      if (running) return;
      running = true;
      void task().finally(() => (running = false));
    }, ms);
    timer.unref();
    this.timers.push(timer);
  }

  /** The periodic checkpoint: logs what it took, and never throws into the timer. */
  async checkpointIfAppended(): Promise<StoredCheckpoint | null> {
    try {
      const { checkpoint, taken } = await this.takeCheckpoint();
      if (taken) this.logger.log(`Checkpoint ${checkpoint.sequence} taken over ${checkpoint.treeSize} events`);
      return taken ? checkpoint : null;
    } catch (error) {
      this.logger.error(`Checkpoint failed: ${error instanceof Error ? error.message : String(error)}`);
      return null;
    }
  }

  /** The row-seal key a SQLite store's rows carry (EventStoreDB rows have no seal: null). */
  private sealKey(): Buffer | null {
    return this.store instanceof SqliteEventStore ? this.keys.rowSealKey() : null;
  }

  /**
   * Signs the head now. Refused (`StoreUnavailableError`, STORE_UNAVAILABLE) while the store cannot
   * keep a write — its file deleted or replaced under the server, the disk full: a signature over
   * a file that is not the store's any more would vouch for the wrong log. Refused (CONFLICT) when a
   * row since the latest checkpoint does not carry the office's seal (`requireSealedAfter`, breaker9x P4). Refused
   * STORE_UNAVAILABLE / LOG_ALTERED when any row of the log is not as Rectify chained it (`walkWholeChain`).
   */
  takeCheckpoint() {
    // A write like an append: refused while the store is unhealthy, a full disk named as such.
    return this.health.guardWrite(async () => {
      await this.walkWholeChain();
      // Numbered past the newest checkpoint the witness saw, should the file have lost them.
      const trustedKeys = [this.keys.fingerprint, ...this.config.get('LEDGER_TRUSTED_KEYS', { infer: true })];
      const taken = await takeCheckpoint(this.backend(), this.keys.signingKey, this.clock.now(), this.admitted.witness.newestCheckpointSeen() + 1, this.sealKey(), trustedKeys, this.admitted.witness.formerKeysNow());
      // Kept outside the store too: checkpoints deleted with their numbering are then still missed.
      this.admitted.witness.noteCheckpoint(taken.checkpoint);
      return taken;
    });
  }

  /**
   * breaker9y P7, P1: before a checkpoint is signed, the whole SQLite log is walked along its chain on a thread of its own
   * (`walkChainOffThread`: every position present, each chain hash following the one before, content matching its leaf
   * hash, each seal holding) — rows under the latest checkpoint, or under a read-model snapshot, reordered, edited or
   * deleted were signed over before. An altered row is LOG_ALTERED: writes refused from then on, and this checkpoint
   * refused with it (`StoreUnavailableError`). O(log): 3–5 s of the other core at 100k events, once per checkpoint.
   */
  private async walkWholeChain(): Promise<void> {
    if (!(this.store instanceof SqliteEventStore) || this.store.path === ':memory:') return;
    const { altered } = await walkChainOffThread(this.store.path, this.sealKey());
    if (!altered) return;
    this.store.noteAltered(altered);
    throw this.health.logAltered(altered);
  }

  /**
   * Verifies the ledger, also against the heads clients' signed statements proved it reached
   * (HeadStatements), and against the store witness (STORE_WITNESS_PATH), written out first
   * with the head this server last appended so that it is as recent as the server knows (written
   * again when it was deleted under the server), and
   * against the keys the office signs with (this server's key and LEDGER_TRUSTED_KEYS), in slices that
   * give the event loop back, one at a time (asked for while one runs: its answer). While the
   * store file is deleted or replaced under the server, answers not ok with `STORE_FILE_MISSING` /
   * `STORE_REPLACED` and checks nothing: the file held open is not the store a restart would read.
   * `printedCodes`: 台账校验码 the asker holds (breaker9y P10), each compared with the root recomputed
   * from the events' content (`LedgerExpectations.printedCodes`).
   */
  verify(printedCodes: readonly PrintedLedgerCode[] = []): Promise<LedgerVerificationResult> {
    // Asked again for the same codes (another ADMIN, an alias) while one runs, its answer is shared.
    const asked = [...new Set(printedCodes.map((printed) => printed.code))].sort().join(' ');
    const running = this.verifying.get(asked);
    if (running) return running;
    const verification = this.verifyNow(printedCodes).finally(() => this.verifying.delete(asked));
    this.verifying.set(asked, verification);
    return verification;
  }

  /** The verifications running now (`verify`), by the printed codes they compare. */
  private readonly verifying = new Map<string, Promise<LedgerVerificationResult>>();

  private verifyNow(printedCodes: readonly PrintedLedgerCode[]): Promise<LedgerVerificationResult> {
    const gone = this.health.problems().find((problem) => STORE_GONE.includes(problem.cause));
    if (gone) return Promise.resolve(storeGoneFinding(gone, printedCodes));
    this.admitted.witness.writeOut();
    const witness = witnessExpectations(this.config.get('STORE_WITNESS_PATH', { infer: true }), this.admitted.identity.storeId);
    const trustedKeys = [this.keys.fingerprint, ...this.config.get('LEDGER_TRUSTED_KEYS', { infer: true })];
    // Rows are sealed from this server's start on (LedgerKeys.rowsSealed): each seal must hold (SQLite).
    const sealKey = this.sealKey();
    // Heads a client's signed statement proved the log once reached (breaker9c P8) count like the witness's.
    const headsSeen = [...(witness.expectations.headsSeen ?? []), ...this.headStatements.headsSeen()];
    const formerKeys = this.admitted.witness.formerKeysNow();
    return verifyLedger(this.backend(), { ...witness.expectations, headsSeen, trustedKeys, formerKeys, sealKey, printedCodes }).then(
      (result) => {
        // breaker45-9 S2: the log found not as written is LOG_ALTERED, whichever ADMIN action found it.
        const found = result.firstMismatch;
        if (found && LOG_ALTERATIONS.includes(found.kind)) this.alterationFound(say(found.message, found.messageZh));
        return result;
      },
      (error: unknown) => {
        const code = (error as { code?: unknown } | null)?.code;
        // A store that fails while it is read (damaged pages, an I/O error) is a finding, not a crash.
        if (typeof code !== 'string' || !code.startsWith('SQLITE_')) throw error;
        this.logger.error(`Ledger verification could not read the store: ${String(error)}`);
        return unreadableStoreFinding(code, printedCodes);
      },
    );
  }

  /** An inclusion proof (`proveEvent`); refused over a log not as written, which makes the store LOG_ALTERED (breaker45-9 S2). */
  async prove(eventId: string, checkpoint: number, refuseStream?: (streamId: string) => void): Promise<EventInclusionProof> {
    try {
      return await proveEvent(this.backend(), eventId, checkpoint, this.sealKey(), refuseStream);
    } catch (error) {
      if (error instanceof LedgerAlteredError) this.alterationFound(say(error.message, error.messageZh));
      throw error;
    }
  }

  /**
   * breaker45-9 S2: a chain walk of this server's (`verifyLedger`, `proveEvent`) found the log or its checkpoints not as
   * written — the server is then as the README's LOG_ALTERED says, as after a checkpoint refused over it or a start that
   * found it: `/health` degraded, writes refused naming `what`, said in the log once (Chinese then English).
   */
  private alterationFound(what: Bilingual): void {
    const known = this.health.problems().some((problem) => problem.cause === 'LOG_ALTERED');
    // Said as a row's problem, which the LOG_ALTERED text ends itself.
    const refusal = this.health.rowAltered({ message: what.en.replace(/\.\s*$/, ''), messageZh: what.zh.replace(/。\s*$/, '') });
    if (known) return;
    this.logger.error(refusal.messageZh);
    this.logger.error(refusal.message);
  }

  /**
   * The stored checkpoints, newest first. Each is checked against its signature as it is read (and at start): one that is not
   * what the office signed — its row edited in the store file — makes the store LOG_ALTERED (`/health` degraded, writes and
   * checkpoints refused, said in the log once, Chinese then English), as an edited event row does (breaker9a P3: it was served
   * as genuine, `/health` ready, while every new checkpoint was refused). The list still answers: the API shows each as signed.
   */
  async checkpoints(): Promise<StoredCheckpoint[]> {
    const stored = [...(await this.backend().checkpoints())].reverse();
    for (const checkpoint of stored) {
      const alteration = checkpointAlteration(checkpoint);
      if (!alteration || this.alteredCheckpoints.has(checkpoint.sequence)) continue;
      this.alteredCheckpoints.add(checkpoint.sequence);
      this.logger.error(alteration.zh);
      this.logger.error(alteration.en);
      this.health.rowAltered({ message: alteration.en, messageZh: alteration.zh });
    }
    return stored;
  }

  /** Checkpoints found altered in this process (`checkpoints`): each said in the log once. */
  private readonly alteredCheckpoints = new Set<number>();

  private backend(): LedgerBackend {
    if (this.store instanceof SqliteEventStore || isEventStoreDb(this.store)) return this.store.ledger();
    throw new Error(`No ledger for the ${this.store.kind} event store`);
  }
}
