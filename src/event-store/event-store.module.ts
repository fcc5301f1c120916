import { Global, Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { AppSettings, envFileSetting } from '../config/app-settings.js';
import { meteredEventStore } from '../observability/metered-event-store.js';
import { Metrics } from '../observability/metrics.js';
import { EVENT_STORE, type EventStore } from './event-store.port.js';
import { guardedEventStore } from './guarded-event-store.js';
import { admitStore, type AdmittedStore } from './store-admission.js';
import { dirname, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { stopCopyWords, stoppingWhileAlone } from './stop-copy.js';
import { StoreHealth, acceptClockAheadNotice, acceptStoreResetNotice, runningInContainer, sameNameNotice, unnamedCopyNotice, type StoreNotice } from './store-health.js';
import { inBothLanguages, say } from '../shared/domain-error.js';
import { Clock, SystemClock } from '../shared/clock.js';
import { clockBehindBy, newestOf, recordedAfterAcceptance } from './clock-behind.js';
import { SqliteEventStore } from './sqlite-event-store.js';
import { keyFolderWitnessFolder } from './key-folder-witness.js';
import { otherCopyAtPath, otherCopyBrief, otherCopyWords } from './other-copy-writes.js';
import { realPlaceOf } from './store-place.js';

/**
 * What the clock check of StoreHealth reads (breaker9p P1): the wall clock, and the newest instant the
 * store holds — the log's newest recording instant (SQLite) and when the store was last seen written
 * (the witness read at this start; EventStoreDB too). Null under a clock other than the system's (tests
 * move theirs by hand, back and forth, and stamp records with it).
 */
function recordTimeOf(admitted: AdmittedStore, clock: Clock) {
  if (!(clock instanceof SystemClock)) return null;
  const store = admitted.store;
  // breaker9q P4: records an operator accepted as stamped by a clock that was ahead are not judged again,
  // nor the witnesses this start read when it accepted them (written by that clock too: `seenBefore` is null then).
  // breaker9r P1: the latest instant any witness of the store saw it at, not only the one judged.
  const seenAt = admitted.seenBefore;
  // breaker9r P4: an acceptance another server's start made since counts here too (the witness is looked at while writes are refused).
  const newest = () => {
    const accepted = admitted.witness.clockAheadAcceptedNow();
    const acceptedSince = accepted.length > admitted.clockAheadAccepted.length;
    return newestOf([
      { at: acceptedSince ? null : seenAt, source: 'witness' },
      { at: store instanceof SqliteEventStore ? recordedAfterAcceptance(store.newestRecord(), accepted) : null, source: 'log' },
    ]);
  };
  return {
    now: () => clock.now().getTime(),
    newestRecorded: () => {
      const found = newest();
      if (clockBehindBy(clock.now().getTime(), found) === null) return found;
      admitted.witness.lookForAcceptances();
      return newest();
    },
  };
}

/** The store this start admitted, with how it was admitted (see `admitStore`). */
export const ADMITTED_STORE = Symbol('AdmittedStore');

@Global()
@Module({
  providers: [
    {
      provide: ADMITTED_STORE,
      inject: [ConfigService],
      useFactory: (config: ConfigService<AppSettings, true>): Promise<AdmittedStore> =>
        admitStore({
          EVENT_STORE: config.get('EVENT_STORE', { infer: true }),
          SQLITE_PATH: config.get('SQLITE_PATH', { infer: true }),
          EVENTSTORE_CONNECTION_STRING: config.get('EVENTSTORE_CONNECTION_STRING', { infer: true }),
          STORE_WITNESS_PATH: config.get('STORE_WITNESS_PATH', { infer: true }),
          ACCEPT_STORE_RESET: config.get('ACCEPT_STORE_RESET', { infer: true }),
          ACCEPT_CLOCK_AHEAD_RECORDS: config.get('ACCEPT_CLOCK_AHEAD_RECORDS', { infer: true }),
          LEDGER_SIGNING_KEY_FILE: config.get('LEDGER_SIGNING_KEY_FILE', { infer: true }),
          LEDGER_TRUSTED_KEYS: config.get('LEDGER_TRUSTED_KEYS', { infer: true }),
          STORE_COPY_NAME: config.get('STORE_COPY_NAME', { infer: true }),
        }),
    },
    {
      provide: StoreHealth,
      inject: [ADMITTED_STORE, ConfigService, Clock],
      useFactory: (admitted: AdmittedStore, config: ConfigService<AppSettings, true>, clock: Clock) => {
        const accepted = admitted.acceptedReset && say(admitted.acceptedReset.message, admitted.acceptedReset.messageZh);
        const since = new Date().toISOString();
        const sqlitePath = config.get('SQLITE_PATH', { infer: true });
        const onDisk = config.get('EVENT_STORE', { infer: true }) === 'sqlite' && sqlitePath !== ':memory:' ? resolve(sqlitePath) : null;
        const notices = [
          acceptStoreResetNotice(config.get('ACCEPT_STORE_RESET', { infer: true }), accepted, since),
          acceptClockAheadNotice(admitted.clockAheadThisStart, since),
          // Production deployments only (the image sets NODE_ENV=production): a development or test run in a container has no copies to tell apart.
          unnamedCopyNotice(onDisk, config.get('STORE_COPY_NAME', { infer: true }), config.get('NODE_ENV', { infer: true }) === 'production' && runningInContainer(), since),
          // breaker51-9 M1: a name given on the command line (two drills both 演练) is not said to come from .env.
          sameNameNotice(config.get('STORE_COPY_NAME', { infer: true }) ?? null, admitted.sameNameElsewhere, since, envFileSetting('STORE_COPY_NAME') === config.get('STORE_COPY_NAME', { infer: true }), admitted.movedAway ?? null),
        ].filter((notice): notice is StoreNotice => notice !== null);
        for (const notice of notices) new Logger('EventStore').warn(inBothLanguages(notice.message));
        // breaker41-9 P1 c: a file renamed over the store under this server is judged for another copy's records.
        const copy = onDisk ? { copyName: config.get('STORE_COPY_NAME', { infer: true }), place: realPlaceOf(sqlitePath) } : null;
        const witnessPath = config.get('STORE_WITNESS_PATH', { infer: true });
        const keyFolder = keyFolderWitnessFolder({ EVENT_STORE: 'sqlite', SQLITE_PATH: sqlitePath, LEDGER_SIGNING_KEY_FILE: config.get('LEDGER_SIGNING_KEY_FILE', { infer: true }) });
        const judgeNewFile = copy
          ? (path: string) => {
              const found = otherCopyAtPath(path, copy, witnessPath, keyFolder);
              if (!found) return null;
              const words = otherCopyWords(path, found, copy);
              const logger = new Logger('EventStore');
              logger.error(`事件库文件 ${path} 被另一个副本的文件替换：${words.zh}`);
              logger.error(`The event store file ${path} was replaced by another copy's file: ${words.en}`);
              return otherCopyBrief(found, copy);
            }
          : null;
        return new StoreHealth(admitted.store, admitted.witness, notices, admitted.registration, recordTimeOf(admitted, clock), judgeNewFile);
      },
    },
    {
      provide: EVENT_STORE,
      inject: [ADMITTED_STORE, StoreHealth, Metrics],
      useFactory: (admitted: AdmittedStore, health: StoreHealth, metrics: Metrics): EventStore => {
        new Logger('EventStore').log(`Using the ${admitted.store.kind} event store`);
        return meteredEventStore(guardedEventStore(admitted.store, health, admitted.witness), metrics);
      },
    },
  ],
  exports: [EVENT_STORE, ADMITTED_STORE, StoreHealth],
})
export class EventStoreModule implements OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ADMITTED_STORE) private readonly admitted: AdmittedStore,
    private readonly config: ConfigService<AppSettings, true>,
  ) {}

  async onApplicationShutdown() {
    // This server no longer serves the store: its entry among the servers on the file goes first.
    this.admitted.registration?.close();
    const sqlite = this.admitted.store instanceof SqliteEventStore ? this.admitted.store : null;
    const alone = sqlite?.detachedFromPath() && (sqlite.heldCopyShortOfRoom() ?? sqlite.heldCopyToRetry());
    if (sqlite && alone) {
      // breaker52-9 S5: a stop while this server alone holds what it acknowledged says so, and writes the copy elsewhere if it must.
      const keyFile = this.config.get('LEDGER_SIGNING_KEY_FILE', { infer: true });
      sqlite.keepAtStopIn([...new Set([...(keyFile ? [dirname(resolve(keyFile))] : []), tmpdir()])]);
      logBoth(this.logger, 'error', stoppingWhileAlone(sqlite.path, sqlite.acknowledgedPosition(), alone.why));
    }
    await this.store.close();
    const stop = sqlite?.stopCopy();
    if (sqlite && stop) logBoth(this.logger, stop.copy ? 'warn' : 'error', stopCopyWords(sqlite.path, stop));
  }

  private readonly logger = new Logger('EventStore');
}

/** Both languages of `words` in the log, Chinese first, at `level`. */
function logBoth(logger: Logger, level: 'warn' | 'error', words: { readonly en: string; readonly zh: string }): void {
  logger[level](words.zh);
  logger[level](words.en);
}
