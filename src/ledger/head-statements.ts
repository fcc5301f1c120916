import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppSettings } from '../config/app-settings.js';
import { ADMITTED_STORE } from '../event-store/event-store.module.js';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port.js';
import type { AdmittedStore } from '../event-store/store-admission.js';
import { StoreHealth } from '../event-store/store-health.js';
import { SqliteEventStore } from '../event-store/sqlite-event-store.js';
import { say } from '../shared/domain-error.js';
import { copyOfStore, judgeHeadStatement, PROVES_ROLLBACK, signHeadStatement, type HeadStatementJudgement, type SignedHeadStatement } from './domain/head-statement.js';
import type { HeadSeen } from './domain/ledger-verification.js';
import { LedgerKeys } from './ledger-keys.js';
import { officeInstantZh } from '../shared/calendar-date.js';

/**
 * The server's side of signed head statements (domain/head-statement.ts, breaker9c P8): it signs
 * the head it serves for any client that asks, and judges the statements clients hand back. One
 * that proves the log lost what the server once signed for stops writes (StoreHealth
 * `LOG_ROLLED_BACK`) and is compared by every ledger verification from then on (`headsSeen`), until
 * the process ends — the clients hand it back after a restart too.
 *
 * SQLite only: EventStoreDB chains its events after the append (LedgerService's chaining pass), so
 * a statement there could not be checked by reading one row; no statement is given for it.
 */
@Injectable()
export class HeadStatements {
  private readonly logger = new Logger('Ledger');
  /** The statement of the newest head signed, reused while the head stays there. */
  private latest: { position: bigint; statement: SignedHeadStatement } | null = null;
  /** The heads statements proved the log once reached, for verification (one per position). */
  private readonly proven = new Map<string, HeadSeen>();
  /** The copy of the store this server serves (`copyOfStore`: by STORE_COPY_NAME, else the SQLite file's real path): its statements name it. */
  private readonly copy: string;
  /** The other copies whose statements a client handed back, logged once each. */
  private readonly otherCopiesSeen = new Set<string>();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ADMITTED_STORE) private readonly admitted: AdmittedStore,
    private readonly keys: LedgerKeys,
    private readonly health: StoreHealth,
    private readonly config: ConfigService<AppSettings, true>,
  ) {
    this.copy = copyOfStore(config.get('STORE_COPY_NAME', { infer: true }), realPlaceOf(config.get('SQLITE_PATH', { infer: true })));
  }

  /**
   * A statement, signed with the ledger key, of the head the store holds now; null for an empty log,
   * an EventStoreDB store, or while the store has a problem (writes refused): a log the server cannot
   * vouch for is not signed for.
   */
  current(): SignedHeadStatement | null {
    if (!(this.store instanceof SqliteEventStore) || this.health.problems().length > 0) return null;
    const head = this.store.headEventNow();
    if (!head) return null;
    const position = head.position.commit;
    if (this.latest?.position === position) return this.latest.statement;
    const chainHash = this.store.chainHashAt(position);
    if (!chainHash) return null;
    // The machine's time, not the injected Clock: `signedAt` is compared with the witness's
    // `resetAcceptedAt`, which the store admission writes before the application (and its Clock) exists.
    const signedAt = new Date().toISOString();
    // Under the accepted reset in force (breaker9p P4): a later acceptance covers this statement, whatever the clock said.
    const statement = signHeadStatement(
      { storeId: this.admitted.identity.storeId, copy: this.copy, acceptedReset: this.admitted.resetAcceptedAt ?? null, position: position.toString(), chainHash, signedAt },
      this.keys.signingKey,
    );
    this.latest = { position, statement };
    return statement;
  }

  /**
   * Judges statements a client hands back (see `judgeHeadStatement`). One that proves the log was
   * rolled back or rewritten stops writes and is logged as an error naming it; one lost in an
   * accepted reset is logged as a warning.
   */
  present(statements: readonly SignedHeadStatement[]): HeadStatementJudgement[] {
    if (!(this.store instanceof SqliteEventStore)) return [];
    const store = this.store;
    const log = {
      storeId: this.admitted.identity.storeId,
      copy: this.copy,
      head: store.headEventNow()?.position.commit ?? null,
      chainHashAt: (commit: bigint) => store.chainHashAt(commit),
      trustedKeys: [this.keys.fingerprint, ...this.config.get('LEDGER_TRUSTED_KEYS', { infer: true })],
      resetAcceptedAt: this.admitted.resetAcceptedAt,
    };
    return statements.map((statement) => {
      const judged = judgeHeadStatement(statement, log);
      if (judged.head && PROVES_ROLLBACK.includes(judged.finding)) {
        if (!this.proven.has(judged.head.position)) this.logger.error(`A client handed back a ledger head statement this server signed: ${judged.message.en}`);
        this.proven.set(judged.head.position, {
          position: judged.head.position,
          chainHash: judged.head.chainHash,
          seenBy: say(
            `a ledger head statement this server signed on ${judged.head.signedAt}, handed back by a client`,
            `本服务于${officeInstantZh(judged.head.signedAt)}签署、由客户端交回的台账现状凭证`,
          ),
        });
        this.health.logRolledBack(judged.message);
      } else if (judged.finding === 'OTHER_COPY' && judged.head?.copy && !this.otherCopiesSeen.has(judged.head.copy)) {
        this.otherCopiesSeen.add(judged.head.copy);
        this.logger.log(`A client handed back a ledger head statement of another copy of this store (copy ${judged.head.copy}; this one is ${this.copy}): nothing is concluded from it`);
      } else if (judged.finding === 'LOST_IN_ACCEPTED_RESET') {
        this.logger.warn(`A client handed back a ledger head statement of a log longer than the one accepted: ${judged.message.en}`);
      }
      return judged;
    });
  }

  /** The heads statements proved the log once reached, for LedgerService.verify. */
  headsSeen(): HeadSeen[] {
    return [...this.proven.values()];
  }
}

export { realPlaceOf } from '../event-store/store-place.js';
import { realPlaceOf } from '../event-store/store-place.js';
