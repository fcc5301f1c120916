import Database from 'better-sqlite3';
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidSettingsError, validateSettings } from './app-settings.js';

describe('settings', () => {
  it('default to the embedded store, port 3000 and demo data outside production', () => {
    expect(validateSettings({})).toEqual({
      NODE_ENV: 'development',
      PORT: 3000,
      EVENT_STORE: 'sqlite',
      SQLITE_PATH: './data/rectify.db',
      EVENTSTORE_CONNECTION_STRING: undefined,
      STORE_WITNESS_PATH: './data/rectify.db.witness.json',
      ACCEPT_STORE_RESET: false,
      ACCEPT_CLOCK_AHEAD_RECORDS: false,
      STORE_COPY_NAME: null,
      DEMO_DATA: true,
      DUE_SOON_DAYS: 7,
      GRAPHQL_MAX_DEPTH: 10,
      GRAPHQL_MAX_COST: 20000,
      GRAPHQL_MAX_TOKENS: 3000,
      GRAPHQL_INTROSPECTION: true,
      REQUEST_MAX_BYTES: 102400,
      RATE_LIMIT_PER_MINUTE: 300,
      SIGN_IN_FAILURES_PER_LOGIN_NAME_PER_MINUTE: 10,
      SIGN_IN_FAILURES_PER_ADDRESS_PER_MINUTE: 60,
      SIGN_INS_PER_LOGIN_NAME_PER_MINUTE: 600,
      SIGN_INS_PER_LOGIN_NAME_AND_ADDRESS_PER_MINUTE: 60,
      RATE_LIMIT_LIVE_RELOADS_PER_MINUTE: 600,
      TRUST_PROXY: [],
      WEBSOCKET_KEEP_ALIVE_MS: 12000,
      LEDGER_SIGNING_KEY_FILE: undefined,
      LEDGER_TRUSTED_KEYS: [],
      LEDGER_CHECKPOINT_MINUTES: 60,
      LOG_LEVEL: 'log',
      METRICS_TOKEN: undefined,
      SHUTDOWN_GRACE_MS: 10000,
      SESSION_HOURS: 12,
      READ_MODEL_SNAPSHOTS: true,
      READ_MODEL_SNAPSHOT_PATH: './data/rectify.db.read-models.snapshot',
      READ_MODEL_SNAPSHOT_EVERY_EVENTS: 100000,
      READ_MODEL_SNAPSHOT_MINUTES: 10,
    });
    expect(validateSettings({ NODE_ENV: 'production' }).DEMO_DATA).toBe(false);
  });

  it('take the reverse proxies to trust as addresses, subnets or named ranges, and refuse anything else naming TRUST_PROXY (breaker12d P1)', () => {
    expect(validateSettings({ TRUST_PROXY: ' 10.0.0.5, 172.16.0.0/12 loopback,::1 ' }).TRUST_PROXY).toEqual(['10.0.0.5', '172.16.0.0/12', 'loopback', '::1']);
    expect(() => validateSettings({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY must list proxy addresses or subnets .*not understood: true/);
    try {
      validateSettings({ TRUST_PROXY: '10.0.0.5,nginx,10.0.0.0/33' });
    } catch (error) {
      expect((error as InvalidSettingsError).messageZh).toContain('TRUST_PROXY 必须列出反向代理的地址或网段（例如 10.0.0.5、10.0.0.0/8、::1），或 loopback、linklocal、uniquelocal，以逗号分隔（无法识别：nginx、10.0.0.0/33）');
    }
    expect.assertions(3);
  });

  it('take a readable name for this copy of the store, and refuse an unreadable or overlong one naming STORE_COPY_NAME in both languages (breaker9e P3)', () => {
    expect(validateSettings({ STORE_COPY_NAME: ' 测试环境 ' }).STORE_COPY_NAME).toBe('测试环境');
    expect(validateSettings({ STORE_COPY_NAME: '' }).STORE_COPY_NAME).toBeNull();
    for (const name of ['正\u202E式', '正\u200B式', '长'.repeat(65)]) {
      expect(() => validateSettings({ STORE_COPY_NAME: name })).toThrow(InvalidSettingsError);
      try {
        validateSettings({ STORE_COPY_NAME: name });
      } catch (error) {
        expect((error as InvalidSettingsError).message).toContain('STORE_COPY_NAME must be a name of 1 to 64 readable characters');
        expect((error as InvalidSettingsError).messageZh).toContain('STORE_COPY_NAME 必须是 1 至 64 个可读字符的名称');
      }
    }
  });

  it('keep read-model snapshots beside the store, none when turned off or in memory', () => {
    expect(validateSettings({ SQLITE_PATH: '/var/lib/rectify/a.db' }).READ_MODEL_SNAPSHOT_PATH).toBe('/var/lib/rectify/a.db.read-models.snapshot');
    expect(validateSettings({ READ_MODEL_SNAPSHOTS: 'false' }).READ_MODEL_SNAPSHOT_PATH).toBeNull();
    expect(validateSettings({ SQLITE_PATH: ':memory:' }).READ_MODEL_SNAPSHOT_PATH).toBeNull();
    expect(validateSettings({ EVENT_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: 'esdb://localhost:2113?tls=false' }).READ_MODEL_SNAPSHOT_PATH).toBe(
      './data/eventstoredb.read-models.snapshot',
    );
    expect(validateSettings({ READ_MODEL_SNAPSHOT_PATH: '/snapshots/rectify.snapshot', READ_MODEL_SNAPSHOT_EVERY_EVENTS: '0', READ_MODEL_SNAPSHOT_MINUTES: '0' })).toMatchObject({
      READ_MODEL_SNAPSHOT_PATH: '/snapshots/rectify.snapshot',
      READ_MODEL_SNAPSHOT_EVERY_EVENTS: 0,
      READ_MODEL_SNAPSHOT_MINUTES: 0,
    });
    expect(() => validateSettings({ READ_MODEL_SNAPSHOT_EVERY_EVENTS: 'often', READ_MODEL_SNAPSHOT_MINUTES: '-1' })).toThrow(
      /READ_MODEL_SNAPSHOT_EVERY_EVENTS must be a whole number of events[\s\S]*READ_MODEL_SNAPSHOT_MINUTES must be a whole number of minutes/,
    );
  });

  // breaker9b N0: READ_MODEL_SNAPSHOT_PATH set to the database started ready and wrote the snapshot over every event at shutdown.
  it('refuse two settings naming one file, which would write over each other, in English and Chinese', () => {
    const refusalOf = (env: Record<string, string>) => {
      try {
        validateSettings(env);
      } catch (error) {
        return error as InvalidSettingsError;
      }
      throw new Error(`accepted ${JSON.stringify(env)}`);
    };
    const snapshotOnDatabase = refusalOf({ READ_MODEL_SNAPSHOT_PATH: './data/rectify.db' });
    expect(snapshotOnDatabase.message).toContain(`READ_MODEL_SNAPSHOT_PATH and SQLITE_PATH name the same file (${join(process.cwd(), 'data/rectify.db')})`);
    expect(snapshotOnDatabase.messageZh).toContain('READ_MODEL_SNAPSHOT_PATH 与 SQLITE_PATH 指向同一个文件');
    expect(refusalOf({ SQLITE_PATH: '/srv/r/a.db', STORE_WITNESS_PATH: '/srv/r/../r/a.db' }).message).toContain('STORE_WITNESS_PATH and SQLITE_PATH name the same file (/srv/r/a.db)');
    expect(refusalOf({ SQLITE_PATH: '/srv/r/a.db', STORE_WITNESS_PATH: '/srv/r/a.db-wal' }).message).toContain('STORE_WITNESS_PATH and SQLITE_PATH (its -wal file) name the same file');
    expect(refusalOf({ LEDGER_SIGNING_KEY_FILE: 'data/rectify.db' }).message).toContain('LEDGER_SIGNING_KEY_FILE and SQLITE_PATH name the same file');
    expect(refusalOf({ READ_MODEL_SNAPSHOT_PATH: 'keys/ledger-signing-key.pem' }).message).toContain('LEDGER_SIGNING_KEY_FILE and READ_MODEL_SNAPSHOT_PATH name the same file');
    expect(validateSettings({ SQLITE_PATH: '/srv/r/a.db', STORE_WITNESS_PATH: '/srv/w/a.db', READ_MODEL_SNAPSHOT_PATH: '/srv/s/a.db' }).SQLITE_PATH).toBe('/srv/r/a.db');
    expect(validateSettings({ SQLITE_PATH: ':memory:' }).SQLITE_PATH).toBe(':memory:');
  });

  // breaker9b N11: a folder as SQLITE_PATH or STORE_WITNESS_PATH stopped the start with a raw English error; as the
  // snapshot path it started with a warning and could never write one. N0: a witness path on the database, taken with
  // the advised ACCEPT_STORE_RESET, was written over it; a snapshot path on another file was "ignored", then replaced.
  describe('refuse a path setting naming something its owner must not open, naming the variable, what is there and what it usually names', () => {
    const folder = mkdtempSync(join(tmpdir(), 'rectify-settings-'));
    const database = join(folder, 'rectify.db');
    const witness = join(folder, 'rectify.db.witness.json');
    const snapshot = join(folder, 'rectify.db.read-models.snapshot');
    const key = join(folder, 'key.pem');
    beforeAll(() => {
      const db = new Database(database);
      db.exec('create table events (position integer primary key)');
      db.close();
      writeFileSync(witness, JSON.stringify({ storeId: 's', head: null }));
      writeFileSync(snapshot, 'RECTIFY-READ-MODELS\n\0\0\0\0');
      writeFileSync(key, generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }));
      mkdirSync(join(folder, 'sub'));
      writeFileSync(join(folder, 'plain.txt'), 'notes');
      writeFileSync(join(folder, 'package.json'), '{ "name": "office-notes" }');
    });
    const refusalOf = (env: Record<string, string>) => {
      try {
        validateSettings(env);
      } catch (error) {
        return error as InvalidSettingsError;
      }
      throw new Error(`accepted ${JSON.stringify(env)}`);
    };
    const own = { SQLITE_PATH: database, LEDGER_SIGNING_KEY_FILE: key };

    it('a folder, for each path setting', () => {
      const store = refusalOf({ ...own, SQLITE_PATH: join(folder, 'sub'), STORE_WITNESS_PATH: witness, READ_MODEL_SNAPSHOT_PATH: snapshot });
      expect(store.message).toContain(`SQLITE_PATH=${join(folder, 'sub')} is a folder; it must name a file in it (e.g. ./data/rectify.db)`);
      expect(store.messageZh).toContain(`SQLITE_PATH=${join(folder, 'sub')} 是一个文件夹；该项必须指向一个文件（例如 ./data/rectify.db）`);
      expect(refusalOf({ ...own, STORE_WITNESS_PATH: folder }).message).toContain(`STORE_WITNESS_PATH=${folder} is a folder; it must name a file in it (e.g. ${database}.witness.json)`);
      expect(refusalOf({ ...own, READ_MODEL_SNAPSHOT_PATH: folder }).message).toContain(`READ_MODEL_SNAPSHOT_PATH=${folder} is a folder`);
      expect(refusalOf({ ...own, LEDGER_SIGNING_KEY_FILE: folder }).message).toContain(`LEDGER_SIGNING_KEY_FILE=${folder} is a folder`);
    });

    it('a path under a file', () => {
      const refusal = refusalOf({ ...own, STORE_WITNESS_PATH: join(folder, 'plain.txt', 'w.json') });
      expect(refusal.message).toContain(`STORE_WITNESS_PATH=${join(folder, 'plain.txt', 'w.json')} cannot be created: ${join(folder, 'plain.txt')} is a file, not a folder`);
      expect(refusal.messageZh).toContain('是文件而不是文件夹');
    });

    it('a file of another kind, never to be written over', () => {
      const witnessOnDatabase = refusalOf({ ...own, SQLITE_PATH: join(folder, 'other.db'), STORE_WITNESS_PATH: database });
      expect(witnessOnDatabase.message).toContain(`STORE_WITNESS_PATH=${database} names a SQLite database (an event store?), not the file this setting is for: it is neither read nor written over`);
      expect(witnessOnDatabase.messageZh).toContain(`STORE_WITNESS_PATH=${database} 指向的是一个 SQLite 数据库（事件库？）`);
      expect(witnessOnDatabase.message).not.toMatch(/accept-store-reset|ACCEPT_STORE_RESET/);
      const otherKey = join(folder, 'other-key.pem');
      writeFileSync(otherKey, readFileSync(key));
      expect(refusalOf({ ...own, READ_MODEL_SNAPSHOT_PATH: otherKey }).message).toContain(`READ_MODEL_SNAPSHOT_PATH=${otherKey} names a PEM key (the ledger signing key?)`);
      expect(refusalOf({ ...own, READ_MODEL_SNAPSHOT_PATH: join(folder, 'plain.txt') }).message).toContain('names a file Rectify did not write');
      expect(refusalOf({ ...own, SQLITE_PATH: witness, STORE_WITNESS_PATH: join(folder, 'w2.json') }).message).toContain(`SQLITE_PATH=${witness} names a store witness`);
      expect(refusalOf({ ...own, LEDGER_SIGNING_KEY_FILE: snapshot, READ_MODEL_SNAPSHOT_PATH: join(folder, 's2') }).message).toContain(`LEDGER_SIGNING_KEY_FILE=${snapshot} names a read-model snapshot`);
      expect(refusalOf({ ...own, STORE_WITNESS_PATH: join(folder, 'package.json') }).message).toContain('names a JSON file that is not a store witness');
    });

    it('each file of its own kind, an empty one, or none yet', () => {
      expect(validateSettings({ ...own, STORE_WITNESS_PATH: witness, READ_MODEL_SNAPSHOT_PATH: snapshot }).SQLITE_PATH).toBe(database);
      writeFileSync(join(folder, 'empty.json'), '');
      writeFileSync(join(folder, 'cut.json'), '{"storeId": "s", "he');
      expect(validateSettings({ ...own, STORE_WITNESS_PATH: join(folder, 'empty.json') }).STORE_WITNESS_PATH).toBe(join(folder, 'empty.json'));
      expect(validateSettings({ ...own, STORE_WITNESS_PATH: join(folder, 'cut.json') }).STORE_WITNESS_PATH).toBe(join(folder, 'cut.json'));
      expect(validateSettings({ ...own, STORE_WITNESS_PATH: join(folder, 'new', 'w.json') }).STORE_WITNESS_PATH).toBe(join(folder, 'new', 'w.json'));
    });
  });

  it('take the ledger signing key file and the checkpoint interval, 0 for on demand only', () => {
    expect(validateSettings({ LEDGER_SIGNING_KEY_FILE: ' /etc/rectify/ledger.pem ', LEDGER_CHECKPOINT_MINUTES: '0' })).toMatchObject({
      LEDGER_SIGNING_KEY_FILE: '/etc/rectify/ledger.pem',
      LEDGER_CHECKPOINT_MINUTES: 0,
    });
    expect(() => validateSettings({ LEDGER_CHECKPOINT_MINUTES: 'hourly' })).toThrow(
      'LEDGER_CHECKPOINT_MINUTES must be a whole number of minutes from 0 to 10080 (got "hourly")',
    );
  });

  it('turn introspection off in production unless asked for, and take the GraphQL and HTTP limits', () => {
    expect(validateSettings({ NODE_ENV: 'production' }).GRAPHQL_INTROSPECTION).toBe(false);
    expect(validateSettings({ NODE_ENV: 'production', GRAPHQL_INTROSPECTION: 'true' }).GRAPHQL_INTROSPECTION).toBe(true);
    expect(validateSettings({ GRAPHQL_INTROSPECTION: 'no' }).GRAPHQL_INTROSPECTION).toBe(false);
    expect(
      validateSettings({ GRAPHQL_MAX_DEPTH: '15', GRAPHQL_MAX_COST: '5000', REQUEST_MAX_BYTES: '1048576', RATE_LIMIT_PER_MINUTE: '0' }),
    ).toMatchObject({ GRAPHQL_MAX_DEPTH: 15, GRAPHQL_MAX_COST: 5000, REQUEST_MAX_BYTES: 1048576, RATE_LIMIT_PER_MINUTE: 0 });
  });

  it('refuse limits that are not whole numbers in range, naming each', () => {
    expect(() =>
      validateSettings({
        GRAPHQL_MAX_DEPTH: '1',
        GRAPHQL_MAX_COST: 'lots',
        GRAPHQL_INTROSPECTION: 'sometimes',
        REQUEST_MAX_BYTES: '100kb',
        RATE_LIMIT_PER_MINUTE: '-5',
      }),
    ).toThrow(
      new RegExp(
        [
          'GRAPHQL_MAX_DEPTH must be a whole number of levels from 2 to 100 \\(got "1"\\)',
          'GRAPHQL_MAX_COST must be a whole number from 10 to 1000000 \\(got "lots"\\)',
          'GRAPHQL_INTROSPECTION must be true or false \\(got "sometimes"\\)',
          'REQUEST_MAX_BYTES must be a whole number of bytes from 1024 to 52428800 \\(got "100kb"\\)',
          'RATE_LIMIT_PER_MINUTE must be a whole number of requests from 0 to 1000000 \\(got "-5"\\)',
        ].join('[\\s\\S]*'),
      ),
    );
  });

  it('take the log level, a metrics token long enough to be a secret, and the shutdown grace period', () => {
    expect(validateSettings({ LOG_LEVEL: 'debug', METRICS_TOKEN: 'a'.repeat(32), SHUTDOWN_GRACE_MS: '0' })).toMatchObject({
      LOG_LEVEL: 'debug',
      METRICS_TOKEN: 'a'.repeat(32),
      SHUTDOWN_GRACE_MS: 0,
    });
    expect(() => validateSettings({ LOG_LEVEL: 'info', METRICS_TOKEN: 'short', SHUTDOWN_GRACE_MS: '-1' })).toThrow(
      /LOG_LEVEL must be one of fatal, error, warn, log, debug, verbose \(got "info"\)[\s\S]*METRICS_TOKEN must be 32 to 200 printable characters[\s\S]*SHUTDOWN_GRACE_MS must be a whole number of milliseconds/,
    );
  });

  it('are all listed in .env.example with their defaults', () => {
    const example = Object.fromEntries(
      readFileSync(join(process.cwd(), '.env.example'), 'utf8')
        .split('\n')
        .map((line) => /^#?\s*([A-Z][A-Z0-9_]*)=(.*)$/.exec(line.trim()))
        .filter((match): match is RegExpExecArray => match !== null)
        .map(([, name, value]) => [name!, value!]),
    );
    const defaults = validateSettings({});
    expect(Object.keys(example).sort()).toEqual(Object.keys(defaults).sort());
    // A commented-out line documents a default that depends on others (or has none): it is not set.
    const setInExample = readFileSync(join(process.cwd(), '.env.example'), 'utf8')
      .split('\n')
      .filter((line) => /^[A-Z]/.test(line))
      .map((line) => line.split('=', 1)[0]!);
    const fromExample = validateSettings(Object.fromEntries(setInExample.map((name) => [name, example[name]])));
    expect(fromExample).toEqual(defaults);
  });

  it('select EventStoreDB with its connection string', () => {
    const settings = validateSettings({ EVENT_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: 'esdb://localhost:2113?tls=false' });
    expect(settings.EVENT_STORE).toBe('eventstoredb');
  });

  it('fail fast, naming every bad variable', () => {
    expect(() => validateSettings({ PORT: 'eighty', EVENT_STORE: 'postgres', DEMO_DATA: 'maybe', DUE_SOON_DAYS: '-1' })).toThrow(
      /PORT must be a whole number[\s\S]*EVENT_STORE must be one of sqlite, eventstoredb[\s\S]*DEMO_DATA must be true or false[\s\S]*DUE_SOON_DAYS must be a whole number/,
    );
    expect(() => validateSettings({ EVENT_STORE: 'eventstoredb' })).toThrow(/EVENTSTORE_CONNECTION_STRING is required/);
    expect(() => validateSettings({ EVENT_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: 'http://x' })).toThrow(
      /must start with esdb:\/\//,
    );
  });

  // breaker9: a start stopped by its configuration said so in English only.
  it('say every bad variable in Chinese too, naming it and what it must be', () => {
    const refusal = (() => {
      try {
        validateSettings({ PORT: 'eighty', EVENT_STORE: 'postgres', DEMO_DATA: 'maybe', GRAPHQL_MAX_DEPTH: '1', LEDGER_TRUSTED_KEYS: 'k' });
      } catch (error) {
        return error as InvalidSettingsError;
      }
      throw new Error('accepted');
    })();
    expect(refusal.messageZh.split('\n')).toEqual([
      '配置有误，服务未启动：',
      '  - PORT 必须是 0 至 65535 之间的整数（现为“eighty”）',
      '  - EVENT_STORE 必须是 sqlite、eventstoredb 之一（现为“postgres”）',
      '  - DEMO_DATA 必须是 true 或 false（现为“maybe”）',
      '  - GRAPHQL_MAX_DEPTH 必须是 2 至 100 之间的整数（单位：层）（现为“1”）',
      '  - LEDGER_TRUSTED_KEYS 必须列出 16 位十六进制的密钥指纹，以逗号分隔（即 ledgerCheckpoints { keyFingerprint } 显示的指纹）',
    ]);
  });
});
