import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { realPlaceOf } from '../event-store/store-place.js';
import { resolve } from 'node:path';
import { say, type Bilingual } from '../shared/domain-error.js';
import { unreadableLabel, unreadableReasonZh } from '../shared/readable-text.js';
import { pathSettingProblems } from './setting-files.js';
import { proxiesNotUnderstood } from '../http/trusted-proxies.js';

/**
 * GRAPHQL_MAX_COST when not set: about 20,000 fields resolved from memory, 0.2–0.3 s of the event
 * loop at 10–15 µs a field (a page of 200 findings with their parts costs about 5,000; the
 * dashboard with a row per unit and per evaluation about 4,500).
 */
export const DEFAULT_MAX_COST = 20_000;

/**
 * Every setting the app reads, validated once at start: a bad value stops the process with a
 * message that names the variable.
 */
export interface AppSettings {
  NODE_ENV: 'development' | 'production' | 'test';
  PORT: number;
  EVENT_STORE: 'sqlite' | 'eventstoredb';
  SQLITE_PATH: string;
  EVENTSTORE_CONNECTION_STRING: string | undefined;
  /**
   * Where the server keeps what it last saw of its store (id, head position), to refuse a store
   * that was lost, replaced or rolled back. Default: beside the SQLite file (`<SQLITE_PATH>.witness.json`),
   * or `./data/eventstoredb.witness.json`. Best on another volume than the store.
   */
  STORE_WITNESS_PATH: string;
  /** Start on a store the witness does not recognise (missing, empty, shorter, another id), once. */
  ACCEPT_STORE_RESET: boolean;
  /**
   * Take the server's clock as right, once, when the store's newest records were stamped by a clock
   * that was ahead and the clock was then put right (breaker9q P4): the acceptance is kept in the store
   * witness and the clock check judges only records after it. Also `--accept-clock-ahead-records`.
   */
  ACCEPT_CLOCK_AHEAD_RECORDS: boolean;
  /**
   * The name of this copy of the store (e.g. `正式`, `staging`, `培训`), 1–64 readable characters;
   * null when unset. Signed head statements name the copy that signed them, and a statement of
   * another copy proves nothing here: named, the copy is this name; unnamed, the SQLite file's
   * absolute path, which every container of one image shares (/app/data/rectify.db, breaker9e P3).
   */
  STORE_COPY_NAME: string | null;
  /** Seed the demo evaluation, findings and units into an empty store at start. */
  DEMO_DATA: boolean;
  /** A part due within this many days shows a yellow light. */
  DUE_SOON_DAYS: number;
  /** GraphQL operations nested deeper than this are refused before they run. */
  GRAPHQL_MAX_DEPTH: number;
  /** GraphQL operations estimated to cost more than this are refused (1 per field per item it may return: src/shared/graphql/query-cost.ts). */
  GRAPHQL_MAX_COST: number;
  /** Lexical tokens one GraphQL document may hold (graphql-js `parse`'s `maxTokens`); see GRAPHQL_MAX_TOKENS in the README. */
  GRAPHQL_MAX_TOKENS: number;
  /** Schema introspection and the Apollo explorer page; off in production unless asked for. */
  GRAPHQL_INTROSPECTION: boolean;
  /** HTTP request bodies larger than this many bytes are refused with 413 before they are parsed. */
  REQUEST_MAX_BYTES: number;
  /** GraphQL requests per minute per signed-in account (or per IP address without one); 0 turns the limit off. `signIn` is not counted here. */
  RATE_LIMIT_PER_MINUTE: number;
  /** Failed `signIn` attempts per minute at one login name, from any address; 0 turns the limit off (src/access/sessions/sign-in-attempts.ts). */
  SIGN_IN_FAILURES_PER_LOGIN_NAME_PER_MINUTE: number;
  /** `signIn` attempts per minute from one client address that did not sign in (a successful one is not counted); 0 turns the limit off. */
  SIGN_IN_FAILURES_PER_ADDRESS_PER_MINUTE: number;
  /** Sign-ins (successful) a minute at one login name, from every address together; 0: no limit (breaker12e P4). */
  SIGN_INS_PER_LOGIN_NAME_PER_MINUTE: number;
  /** Sign-ins (successful) a minute at one login name from one client address; 0: no limit (breaker12f P3). */
  SIGN_INS_PER_LOGIN_NAME_AND_ADDRESS_PER_MINUTE: number;
  /** Queries a minute per client that the web app sends only to reload open pages after a push (breaker12e P7); 0: no limit. */
  RATE_LIMIT_LIVE_RELOADS_PER_MINUTE: number;
  /**
   * The reverse proxies whose `X-Forwarded-For` names the client (Express's `trust proxy` with a
   * list): addresses, CIDR subnets, or `loopback`, `linklocal`, `uniquelocal`. Empty: none — the
   * client is the socket's peer, so behind a proxy every client has the proxy's address.
   */
  TRUST_PROXY: readonly string[];
  /**
   * Every WebSocket connection is pinged this often (ms); one that has not answered by the next ping
   * is ended, freeing its account's places and subscriptions (src/shared/graphql/websocket-keep-alive.ts).
   */
  WEBSOCKET_KEEP_ALIVE_MS: number;
  /**
   * PEM file of the Ed25519 private key that signs ledger checkpoints; it must exist when set.
   * Unset: ledger-signing-key.pem beside the SQLite file (in ./data for EventStoreDB), generated
   * with a warning when missing (see src/ledger/ledger-signing-key.ts).
   */
  LEDGER_SIGNING_KEY_FILE: string | undefined;
  /**
   * Fingerprints (16 hex digits, as `keyFingerprint` prints them) of keys that signed this office's
   * checkpoints before the current one (key rotation). Verification refuses a checkpoint signed by
   * any other key than these and the current signing key. Empty: the current key only.
   */
  LEDGER_TRUSTED_KEYS: readonly string[];
  /** A ledger checkpoint is taken this often (minutes) when events were appended since the last; 0: on demand only. */
  LEDGER_CHECKPOINT_MINUTES: number;
  /** The least severe log lines written (Nest's levels, most severe first: fatal, error, warn, log, debug, verbose). */
  LOG_LEVEL: LogLevelName;
  /**
   * A bearer token that lets a scraper read `/metrics` (at least 32 characters); ADMIN users'
   * access tokens read it too. Unset: only ADMIN tokens.
   */
  METRICS_TOKEN: string | undefined;
  /** On SIGTERM, how long in-flight requests may take to finish before the process stops anyway (ms). */
  SHUTDOWN_GRACE_MS: number;
  /** A browser session (signIn) lasts this many hours; then the user signs in again. */
  SESSION_HOURS: number;
  /**
   * Keep a snapshot of the read models (with the log position they reflect and the code version)
   * so that a restart replays only the tail of the log. Off: every start rebuilds from the whole log.
   */
  READ_MODEL_SNAPSHOTS: boolean;
  /**
   * The snapshot file. Default: beside the SQLite file (`<SQLITE_PATH>.read-models.snapshot`), or
   * `./data/eventstoredb.read-models.snapshot`. An in-memory SQLite store (`:memory:`) keeps none.
   */
  READ_MODEL_SNAPSHOT_PATH: string | null;
  /** A snapshot is written once this many events were projected since the last one; 0: not by count. */
  READ_MODEL_SNAPSHOT_EVERY_EVENTS: number;
  /** A snapshot is written this often (minutes) when events were projected since the last; 0: not by time. */
  READ_MODEL_SNAPSHOT_MINUTES: number;
}

/** Nest's log levels, most severe first. */
export const LogLevelNames = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'] as const;
export type LogLevelName = (typeof LogLevelNames)[number];

/**
 * Settings the process cannot start with: each problem names its variable, in English and Chinese. Said as the server's
 * (「配置有误，服务未启动」) unless `who` is 'tool': a command-line tool that stopped on them before writing anything
 * (breaker55-9 M4: `units:import` said the server did not start); `forTool()` gives the tool's words.
 */
export class InvalidSettingsError extends Error {
  readonly messageZh: string;
  constructor(
    readonly problems: readonly Bilingual[],
    readonly who: 'server' | 'tool' = 'server',
  ) {
    const [en, zh] = who === 'tool' ? ['Invalid configuration (this tool did not run; nothing was written):', '配置有误，本工具未运行，未写入任何内容：'] : ['Invalid configuration:', '配置有误，服务未启动：'];
    super(`${en}\n  - ${problems.map((problem) => problem.en).join('\n  - ')}`);
    this.messageZh = `${zh}\n  - ${problems.map((problem) => problem.zh).join('\n  - ')}`;
    this.name = 'InvalidSettingsError';
  }

  /** The same problems in a command-line tool's words (「配置有误，本工具未运行，未写入任何内容」). */
  forTool(): InvalidSettingsError {
    return this.who === 'tool' ? this : new InvalidSettingsError(this.problems, 'tool');
  }
}

/** The Chinese of the units settings are counted in. */
const UNITS_ZH: Record<string, string> = { levels: '层', tokens: '个词法单元', bytes: '字节', requests: '次请求', minutes: '分钟', milliseconds: '毫秒', hours: '小时', events: '个事件', days: '天', '': '' };

function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[], fallback: T, problems: Bilingual[]): T {
  if (value === undefined || value === '') return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  problems.push(say(`${name} must be one of ${allowed.join(', ')} (got "${value}")`, `${name} 必须是 ${allowed.join('、')} 之一（现为“${value}”）`));
  return fallback;
}

function wholeNumber(name: string, value: string | undefined, fallback: number, [min, max]: [number, number], unit: string, problems: Bilingual[]): number {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (Number.isInteger(parsed) && parsed >= min && parsed <= max) return parsed;
  problems.push(
    say(`${name} must be a whole number${unit ? ` of ${unit}` : ''} from ${min} to ${max} (got "${value}")`, `${name} 必须是 ${min} 至 ${max} 之间的整数${UNITS_ZH[unit] ? `（单位：${UNITS_ZH[unit]}）` : ''}（现为“${value}”）`),
  );
  return fallback;
}

function flag(name: string, value: string | undefined, fallback: boolean, problems: Bilingual[]): boolean {
  if (value === undefined || value === '') return fallback;
  if (['true', '1', 'yes'].includes(value.toLowerCase())) return true;
  if (['false', '0', 'no'].includes(value.toLowerCase())) return false;
  problems.push(say(`${name} must be true or false (got "${value}")`, `${name} 必须是 true 或 false（现为“${value}”）`));
  return fallback;
}

/**
 * The store witness's default place: beside the SQLite file — the real file, where SQLITE_PATH is a
 * symbolic link (breaker9j P1: a server reaching the store through a link looked for a witness
 * beside the link, found none and was told to accept a reset). A witness an older version kept
 * beside the link, where the real file has none, is still that one. The path as typed otherwise
 * (no link: unchanged, relative paths stay relative in messages).
 */
function witnessBeside(sqlitePath: string): string {
  if (sqlitePath === ':memory:') return `${sqlitePath}.witness.json`;
  const real = realPlaceOf(sqlitePath);
  const typed = `${sqlitePath}.witness.json`;
  if (real === resolve(sqlitePath)) return typed;
  return existsSync(`${real}.witness.json`) || !existsSync(typed) ? `${real}.witness.json` : typed;
}

export function validateSettings(env: Record<string, unknown>): AppSettings {
  const text = (name: string) => (typeof env[name] === 'string' ? (env[name] as string).trim() : env[name] === undefined ? undefined : String(env[name]));
  const problems: Bilingual[] = [];

  const NODE_ENV = oneOf('NODE_ENV', text('NODE_ENV'), ['development', 'production', 'test'] as const, 'development', problems);

  const portText = text('PORT');
  const PORT = portText === undefined || portText === '' ? 3000 : Number(portText);
  if (!Number.isInteger(PORT) || PORT < 0 || PORT > 65535) {
    problems.push(say(`PORT must be a whole number from 0 to 65535 (got "${portText}")`, `PORT 必须是 0 至 65535 之间的整数（现为“${portText}”）`));
  }

  const EVENT_STORE = oneOf('EVENT_STORE', text('EVENT_STORE'), ['sqlite', 'eventstoredb'] as const, 'sqlite', problems);
  const SQLITE_PATH = text('SQLITE_PATH') || './data/rectify.db';
  const EVENTSTORE_CONNECTION_STRING = text('EVENTSTORE_CONNECTION_STRING') || undefined;
  if (EVENT_STORE === 'eventstoredb') {
    if (!EVENTSTORE_CONNECTION_STRING) {
      problems.push(
        say('EVENTSTORE_CONNECTION_STRING is required when EVENT_STORE=eventstoredb (e.g. esdb://localhost:2113?tls=false)', 'EVENT_STORE=eventstoredb 时必须设置 EVENTSTORE_CONNECTION_STRING（例如 esdb://localhost:2113?tls=false）'),
      );
    } else if (!/^esdb(\+discover)?:\/\//.test(EVENTSTORE_CONNECTION_STRING)) {
      problems.push(
        say(
          `EVENTSTORE_CONNECTION_STRING must start with esdb:// or esdb+discover:// (got "${EVENTSTORE_CONNECTION_STRING}")`,
          `EVENTSTORE_CONNECTION_STRING 必须以 esdb:// 或 esdb+discover:// 开头（现为“${EVENTSTORE_CONNECTION_STRING}”）`,
        ),
      );
    }
  }
  const STORE_WITNESS_PATH =
    text('STORE_WITNESS_PATH') || (EVENT_STORE === 'sqlite' ? witnessBeside(SQLITE_PATH) : './data/eventstoredb.witness.json');
  const ACCEPT_STORE_RESET = flag('ACCEPT_STORE_RESET', text('ACCEPT_STORE_RESET'), false, problems);
  const ACCEPT_CLOCK_AHEAD_RECORDS = flag('ACCEPT_CLOCK_AHEAD_RECORDS', text('ACCEPT_CLOCK_AHEAD_RECORDS'), false, problems);
  const STORE_COPY_NAME = text('STORE_COPY_NAME') || null;
  const copyNameUnreadable = STORE_COPY_NAME === null ? null : unreadableLabel(STORE_COPY_NAME);
  if (STORE_COPY_NAME !== null && (copyNameUnreadable || [...STORE_COPY_NAME].length > 64)) {
    problems.push(
      say(
        `STORE_COPY_NAME must be a name of 1 to 64 readable characters, e.g. 正式 or staging (got "${STORE_COPY_NAME}": ${copyNameUnreadable ?? 'longer than 64 characters'})`,
        `STORE_COPY_NAME 必须是 1 至 64 个可读字符的名称，例如“正式”或“测试环境”（现为“${STORE_COPY_NAME}”：${copyNameUnreadable ? unreadableReasonZh(copyNameUnreadable) : '超过 64 个字符'}）`,
      ),
    );
  }
  const DEMO_DATA = flag('DEMO_DATA', text('DEMO_DATA'), NODE_ENV !== 'production', problems);

  const dueSoonText = text('DUE_SOON_DAYS');
  const DUE_SOON_DAYS = dueSoonText === undefined || dueSoonText === '' ? 7 : Number(dueSoonText);
  if (!Number.isInteger(DUE_SOON_DAYS) || DUE_SOON_DAYS < 0 || DUE_SOON_DAYS > 90) {
    problems.push(say(`DUE_SOON_DAYS must be a whole number of days from 0 to 90 (got "${dueSoonText}")`, `DUE_SOON_DAYS 必须是 0 至 90 之间的整数（单位：天）（现为“${dueSoonText}”）`));
  }

  const GRAPHQL_MAX_DEPTH = wholeNumber('GRAPHQL_MAX_DEPTH', text('GRAPHQL_MAX_DEPTH'), 10, [2, 100], 'levels', problems);
  const GRAPHQL_MAX_COST = wholeNumber('GRAPHQL_MAX_COST', text('GRAPHQL_MAX_COST'), DEFAULT_MAX_COST, [10, 1_000_000], '', problems);
  const GRAPHQL_MAX_TOKENS = wholeNumber('GRAPHQL_MAX_TOKENS', text('GRAPHQL_MAX_TOKENS'), 3000, [100, 1_000_000], 'tokens', problems);
  const GRAPHQL_INTROSPECTION = flag('GRAPHQL_INTROSPECTION', text('GRAPHQL_INTROSPECTION'), NODE_ENV !== 'production', problems);
  const REQUEST_MAX_BYTES = wholeNumber('REQUEST_MAX_BYTES', text('REQUEST_MAX_BYTES'), 100 * 1024, [1024, 50 * 1024 * 1024], 'bytes', problems);
  const RATE_LIMIT_PER_MINUTE = wholeNumber('RATE_LIMIT_PER_MINUTE', text('RATE_LIMIT_PER_MINUTE'), 300, [0, 1_000_000], 'requests', problems);
  const RATE_LIMIT_LIVE_RELOADS_PER_MINUTE = wholeNumber('RATE_LIMIT_LIVE_RELOADS_PER_MINUTE', text('RATE_LIMIT_LIVE_RELOADS_PER_MINUTE'), 600, [0, 1_000_000], 'requests', problems);
  const SIGN_IN_FAILURES_PER_LOGIN_NAME_PER_MINUTE = wholeNumber(
    'SIGN_IN_FAILURES_PER_LOGIN_NAME_PER_MINUTE',
    text('SIGN_IN_FAILURES_PER_LOGIN_NAME_PER_MINUTE'),
    10,
    [0, 1_000_000],
    'requests',
    problems,
  );
  const SIGN_IN_FAILURES_PER_ADDRESS_PER_MINUTE = wholeNumber(
    'SIGN_IN_FAILURES_PER_ADDRESS_PER_MINUTE',
    text('SIGN_IN_FAILURES_PER_ADDRESS_PER_MINUTE'),
    60,
    [0, 1_000_000],
    'requests',
    problems,
  );
  const SIGN_INS_PER_LOGIN_NAME_PER_MINUTE = wholeNumber(
    'SIGN_INS_PER_LOGIN_NAME_PER_MINUTE',
    text('SIGN_INS_PER_LOGIN_NAME_PER_MINUTE'),
    600,
    [0, 1_000_000],
    'requests',
    problems,
  );
  const SIGN_INS_PER_LOGIN_NAME_AND_ADDRESS_PER_MINUTE = wholeNumber(
    'SIGN_INS_PER_LOGIN_NAME_AND_ADDRESS_PER_MINUTE',
    text('SIGN_INS_PER_LOGIN_NAME_AND_ADDRESS_PER_MINUTE'),
    60,
    [0, 1_000_000],
    'requests',
    problems,
  );
  const WEBSOCKET_KEEP_ALIVE_MS = wholeNumber('WEBSOCKET_KEEP_ALIVE_MS', text('WEBSOCKET_KEEP_ALIVE_MS'), 12_000, [100, 600_000], 'milliseconds', problems);
  const TRUST_PROXY = (text('TRUST_PROXY') ?? '').split(/[\s,]+/).filter((each) => each !== '');
  const untrustable = proxiesNotUnderstood(TRUST_PROXY);
  if (untrustable.length > 0) {
    problems.push(
      say(
        `TRUST_PROXY must list proxy addresses or subnets (e.g. 10.0.0.5, 10.0.0.0/8, ::1) or loopback, linklocal, uniquelocal, separated by commas (not understood: ${untrustable.join(', ')})`,
        `TRUST_PROXY 必须列出反向代理的地址或网段（例如 10.0.0.5、10.0.0.0/8、::1），或 loopback、linklocal、uniquelocal，以逗号分隔（无法识别：${untrustable.join('、')}）`,
      ),
    );
  }

  const LEDGER_SIGNING_KEY_FILE = text('LEDGER_SIGNING_KEY_FILE') || undefined;
  const LEDGER_TRUSTED_KEYS = (text('LEDGER_TRUSTED_KEYS') ?? '').split(/[\s,]+/).filter((each) => each !== '').map((each) => each.toLowerCase());
  if (LEDGER_TRUSTED_KEYS.some((each) => !/^[0-9a-f]{16}$/.test(each))) {
    problems.push(
      say(
        'LEDGER_TRUSTED_KEYS must list key fingerprints of 16 hex digits, separated by commas (as ledgerCheckpoints { keyFingerprint } shows them)',
        'LEDGER_TRUSTED_KEYS 必须列出 16 位十六进制的密钥指纹，以逗号分隔（即 ledgerCheckpoints { keyFingerprint } 显示的指纹）',
      ),
    );
  }
  const LEDGER_CHECKPOINT_MINUTES = wholeNumber('LEDGER_CHECKPOINT_MINUTES', text('LEDGER_CHECKPOINT_MINUTES'), 60, [0, 7 * 24 * 60], 'minutes', problems);
  const LOG_LEVEL = oneOf('LOG_LEVEL', text('LOG_LEVEL'), LogLevelNames, 'log', problems);
  const METRICS_TOKEN = text('METRICS_TOKEN') || undefined;
  if (METRICS_TOKEN !== undefined && !/^[\x21-\x7e]{32,200}$/.test(METRICS_TOKEN)) {
    problems.push(
      say('METRICS_TOKEN must be 32 to 200 printable characters without spaces (e.g. the output of `openssl rand -hex 32`)', 'METRICS_TOKEN 必须是 32 至 200 个不含空格的可打印字符（例如 `openssl rand -hex 32` 的输出）'),
    );
  }
  const SHUTDOWN_GRACE_MS = wholeNumber('SHUTDOWN_GRACE_MS', text('SHUTDOWN_GRACE_MS'), 10_000, [0, 600_000], 'milliseconds', problems);

  const SESSION_HOURS = wholeNumber('SESSION_HOURS', text('SESSION_HOURS'), 12, [1, 24 * 30], 'hours', problems);

  const READ_MODEL_SNAPSHOTS = flag('READ_MODEL_SNAPSHOTS', text('READ_MODEL_SNAPSHOTS'), true, problems);
  const READ_MODEL_SNAPSHOT_PATH = !READ_MODEL_SNAPSHOTS
    ? null
    : text('READ_MODEL_SNAPSHOT_PATH') ||
      (EVENT_STORE === 'eventstoredb' ? './data/eventstoredb.read-models.snapshot' : SQLITE_PATH === ':memory:' ? null : `${SQLITE_PATH}.read-models.snapshot`);
  const READ_MODEL_SNAPSHOT_EVERY_EVENTS = wholeNumber(
    'READ_MODEL_SNAPSHOT_EVERY_EVENTS',
    text('READ_MODEL_SNAPSHOT_EVERY_EVENTS'),
    100_000,
    [0, 100_000_000],
    'events',
    problems,
  );
  const READ_MODEL_SNAPSHOT_MINUTES = wholeNumber('READ_MODEL_SNAPSHOT_MINUTES', text('READ_MODEL_SNAPSHOT_MINUTES'), 10, [0, 7 * 24 * 60], 'minutes', problems);

  const sqliteOnDisk = EVENT_STORE === 'sqlite' && SQLITE_PATH !== ':memory:';
  const namedTwice = filesNamedTwice([
    ...(sqliteOnDisk
      ? [
          { setting: 'SQLITE_PATH', path: SQLITE_PATH },
          { setting: 'SQLITE_PATH (its -wal file)', path: `${SQLITE_PATH}-wal` },
          { setting: 'SQLITE_PATH (its -shm file)', path: `${SQLITE_PATH}-shm` },
        ]
      : []),
    { setting: 'STORE_WITNESS_PATH', path: STORE_WITNESS_PATH },
    ...(READ_MODEL_SNAPSHOT_PATH === null ? [] : [{ setting: 'READ_MODEL_SNAPSHOT_PATH', path: READ_MODEL_SNAPSHOT_PATH }]),
    { setting: 'LEDGER_SIGNING_KEY_FILE', path: LEDGER_SIGNING_KEY_FILE ?? DEFAULT_SIGNING_KEY_PATH },
  ]);
  problems.push(...namedTwice);
  // What each path names on disk, once no two of them name one file (that refusal says it all).
  if (namedTwice.length === 0) {
    const usualStore = sqliteOnDisk ? SQLITE_PATH : './data/rectify.db';
    problems.push(
      ...pathSettingProblems([
        // A file of no known kind may be a damaged database: the store's own check names it (STORE_DAMAGED).
        ...(sqliteOnDisk ? [{ setting: 'SQLITE_PATH', path: SQLITE_PATH, accepts: ['sqlite', 'other'] as const, usual: './data/rectify.db' }] : []),
        { setting: 'STORE_WITNESS_PATH', path: STORE_WITNESS_PATH, accepts: ['witness'] as const, usual: `${usualStore}.witness.json` },
        ...(READ_MODEL_SNAPSHOT_PATH === null
          ? []
          : [{ setting: 'READ_MODEL_SNAPSHOT_PATH', path: READ_MODEL_SNAPSHOT_PATH, accepts: ['snapshot'] as const, usual: `${usualStore}.read-models.snapshot` }]),
        // A key file of no known kind is refused by readSigningKey, which says what a key file is.
        { setting: 'LEDGER_SIGNING_KEY_FILE', path: LEDGER_SIGNING_KEY_FILE ?? DEFAULT_SIGNING_KEY_PATH, accepts: ['pem', 'other'] as const, usual: DEFAULT_SIGNING_KEY_PATH },
      ]),
    );
  }

  if (problems.length > 0) throw new InvalidSettingsError(problems);
  return {
    NODE_ENV,
    PORT,
    EVENT_STORE,
    SQLITE_PATH,
    EVENTSTORE_CONNECTION_STRING,
    STORE_WITNESS_PATH,
    ACCEPT_STORE_RESET,
    ACCEPT_CLOCK_AHEAD_RECORDS,
    STORE_COPY_NAME,
    DEMO_DATA,
    DUE_SOON_DAYS,
    GRAPHQL_MAX_DEPTH,
    GRAPHQL_MAX_COST,
    GRAPHQL_MAX_TOKENS,
    GRAPHQL_INTROSPECTION,
    REQUEST_MAX_BYTES,
    RATE_LIMIT_PER_MINUTE,
    SIGN_IN_FAILURES_PER_LOGIN_NAME_PER_MINUTE,
    SIGN_IN_FAILURES_PER_ADDRESS_PER_MINUTE,
    SIGN_INS_PER_LOGIN_NAME_PER_MINUTE,
    SIGN_INS_PER_LOGIN_NAME_AND_ADDRESS_PER_MINUTE,
    RATE_LIMIT_LIVE_RELOADS_PER_MINUTE,
    TRUST_PROXY,
    WEBSOCKET_KEEP_ALIVE_MS,
    LEDGER_SIGNING_KEY_FILE,
    LEDGER_TRUSTED_KEYS,
    LEDGER_CHECKPOINT_MINUTES,
    LOG_LEVEL,
    METRICS_TOKEN,
    SHUTDOWN_GRACE_MS,
    SESSION_HOURS,
    READ_MODEL_SNAPSHOTS,
    READ_MODEL_SNAPSHOT_PATH,
    READ_MODEL_SNAPSHOT_EVERY_EVENTS,
    READ_MODEL_SNAPSHOT_MINUTES,
  };
}

/**
 * Where the ledger signing key is kept without LEDGER_SIGNING_KEY_FILE: in `./keys` of the working
 * folder (the folder the server or tool is started in, like every relative path in the settings —
 * whatever SQLITE_PATH says), beside `./data` and not inside it, so that losing, replacing or
 * restoring the data directory (or a backup of it) neither loses the key nor hands a copy of it
 * along with the data it signs.
 */
export const DEFAULT_SIGNING_KEY_PATH = './keys/ledger-signing-key.pem';

/**
 * One refusal per pair of settings that name the same file (paths resolved against the working
 * folder). Each of these files is written whole by its owner — the snapshot at shutdown, the
 * witness on every append, a generated key at first start — so two settings on one file mean one
 * owner writes over the other's data: a snapshot path set to the database wiped every event
 * (breaker9b N0).
 */
function filesNamedTwice(files: Array<{ setting: string; path: string }>): Bilingual[] {
  const problems: Bilingual[] = [];
  files.forEach((file, index) => {
    const earlier = files.slice(0, index).find((other) => resolve(other.path) === resolve(file.path));
    if (earlier === undefined) return;
    problems.push(
      say(
        `${file.setting} and ${earlier.setting} name the same file (${resolve(file.path)}): each would write over the other's data. Give each its own file.`,
        `${file.setting} 与 ${earlier.setting} 指向同一个文件（${resolve(file.path)}）：两者会互相覆盖对方的数据。请为每一项各设一个文件。`,
      ),
    );
  });
  return problems;
}

/**
 * Reads `.env` from the working folder into `process.env` when the file exists. Variables already
 * set in the environment win over the file. The server and the command-line tools call this before
 * `validateSettings`, so both see the same settings; tests never read it.
 */
export function loadEnvFile(path = '.env'): void {
  if (existsSync(path)) process.loadEnvFile(path);
}

/**
 * What the project's `.env` (in the working folder) sets `name` to, undefined when it sets nothing or there is no readable
 * file: tells a setting inherited from the file from one given on the command line (breaker51-9 M1).
 */
export function envFileSetting(name: string, path = '.env'): string | undefined {
  try {
    return existsSync(path) ? parseEnv(readFileSync(path, 'utf8'))[name] : undefined;
  } catch {
    return undefined;
  }
}
