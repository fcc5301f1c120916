import { INestApplication } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Test, type TestingModuleBuilder } from '@nestjs/testing';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommandBus } from '@nestjs/cqrs';
import { RegisterUserCommand } from '../../src/access/register-user/register-user.handler.js';
import type { UserRole } from '../../src/access/domain/user.events.js';
import { AppModule } from '../../src/app.module.js';
import type { AppSettings } from '../../src/config/app-settings.js';
import { configureHttp } from '../../src/http/configure-http.js';
import { commandContext } from '../../src/shared/command-context.js';
import { Clock } from '../../src/shared/clock.js';
import { GraphqlWebSocketServer } from '../../src/shared/graphql/graphql-websocket.server.js';
import { testSigningKeyFile } from './signing-key.js';

export const freshDatabasePath = () => join(mkdtempSync(join(tmpdir(), 'rectify-e2e-')), 'rectify.db');


/** A clock the test moves by hand. */
export class TestClock extends Clock {
  constructor(private current: Date) {
    super();
  }
  now() {
    return new Date(this.current);
  }
  set(iso: string) {
    this.current = new Date(iso);
  }
}

export interface GraphqlResponse<Data = Record<string, any>> {
  data?: Data | null;
  errors?: {
    message: string;
    path?: (string | number)[];
    extensions?: { code?: string; messageZh?: string; fieldErrors?: { field: string; message: string; messageZh: string }[]; [key: string]: unknown };
  }[];
}

const CHINESE = /[\u4e00-\u9fff]/;

/**
 * Every refusal the API gives carries a Chinese message (issue 11): each response the e2e suites
 * see is checked here, so a refusal without one fails whichever spec met it.
 */
export function expectChineseOnEveryError<Response extends GraphqlResponse>(response: Response): Response {
  const missing = (response.errors ?? []).filter((error) => typeof error.extensions?.messageZh !== 'string' || !CHINESE.test(error.extensions.messageZh));
  if (missing.length > 0) throw new Error(`Errors without a Chinese message (extensions.messageZh): ${JSON.stringify(missing)}`);
  return response;
}

export interface TestApp {
  app: INestApplication;
  url: string;
  clock: TestClock;
  /** Sends a GraphQL request; without `headers`, as a supervisor (pass `{}` to send no token). */
  graphql<Data = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GraphqlResponse<Data>>;
  /**
   * Subscribes over graphql-ws with `headers` as connection parameters, runs `trigger` once the
   * subscription is open, and answers the first thing the server sends: a push, or the errors it
   * refused the subscription with.
   */
  firstPush(
    query: string,
    variables: Record<string, unknown>,
    headers: Record<string, string>,
    trigger?: () => Promise<unknown>,
  ): Promise<GraphqlResponse>;
  /**
   * Waits until more than `before` subscriptions have started on the server since it did (the
   * newest already listening, so an event appended next reaches it), or `also` settles first — a subscription the
   * server refused never starts. graphql-ws acknowledges no subscription: this replaces guessing
   * how long setting one up takes. Ceiling 30 s, for a loaded machine.
   */
  subscriptionsOpened(before: number, also?: Promise<unknown>): Promise<void>;
  /** How many subscriptions have started on the server so far (see `subscriptionsOpened`). */
  subscriptionsStarted(): number;
  /** Headers of a signed-in user of that role (created on first use, then reused). */
  as(role: UserRole, unitId?: string): Promise<Record<string, string>>;
  /** The user id behind `as(role, unitId)`. */
  userId(role: UserRole, unitId?: string): Promise<string>;
  /** The log's head position as /health reports it: unchanged means nothing was appended. */
  logPosition(): Promise<string | null>;
  close(): Promise<void>;
}

/** The real application over HTTP on a real SQLite file. */
export async function startTestApp(
  options: {
    sqlitePath?: string;
    /** The port to listen on (127.0.0.1); a free one when left out. A restart on the same store and port is the same server to a browser. */
    port?: number;
    demoData?: boolean;
    now?: string;
    /** More settings, as environment variables would give them (e.g. `NODE_ENV: 'production'`). */
    settings?: Record<string, string>;
    /** Replaces providers before the app starts (e.g. one that fails, to see how failures are answered). */
    override?: (module: TestingModuleBuilder) => TestingModuleBuilder;
  } = {},
): Promise<TestApp> {
  const clock = new TestClock(new Date(options.now ?? '2026-04-01T09:00:00+08:00'));
  const environment = new Set(Object.keys(process.env));
  const testingModule = Test.createTestingModule({
    imports: [
      AppModule.forRoot({
        NODE_ENV: 'test',
        EVENT_STORE: 'sqlite',
        SQLITE_PATH: options.sqlitePath ?? freshDatabasePath(),
        DEMO_DATA: String(options.demoData ?? false),
        LEDGER_SIGNING_KEY_FILE: testSigningKeyFile(),
        // Specs and browser pages sign the demo accounts in and out far more often than people do:
        // the sign-in limits are off unless a spec sets them (sign-in-limits.e2e.spec.ts).
        SIGN_IN_FAILURES_PER_LOGIN_NAME_PER_MINUTE: '0',
        SIGN_IN_FAILURES_PER_ADDRESS_PER_MINUTE: '0',
        SIGN_INS_PER_LOGIN_NAME_PER_MINUTE: '0',
        SIGN_INS_PER_LOGIN_NAME_AND_ADDRESS_PER_MINUTE: '0',
        ...options.settings,
      }),
    ],
  })
    .overrideProvider(Clock)
    .useValue(clock);
  let moduleRef;
  try {
    moduleRef = await (options.override?.(testingModule) ?? testingModule).compile();
  } finally {
    // ConfigModule copies the settings into process.env; undo it so the next app gets only its own
    // (also when the app refused to start).
    for (const name of Object.keys(process.env)) if (!environment.has(name)) delete process.env[name];
  }
  const app = moduleRef.createNestApplication({ logger: ['error', 'warn'] });
  const config = app.get(ConfigService<AppSettings, true>);
  configureHttp(app, { REQUEST_MAX_BYTES: config.get('REQUEST_MAX_BYTES', { infer: true }), TRUST_PROXY: config.get('TRUST_PROXY', { infer: true }) });
  await app.listen(options.port ?? 0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const subscriptionsStarted = () => app.get(GraphqlWebSocketServer).subscriptionsStarted;
  const subscriptionsOpened = async (before: number, also?: Promise<unknown>) => {
    let settled = false;
    void also?.then(
      () => (settled = true),
      () => (settled = true),
    );
    for (const ceiling = Date.now() + 30_000; !settled && subscriptionsStarted() <= before; ) {
      if (Date.now() > ceiling) throw new Error(`No subscription started within 30 s (${before} had started before)`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };
  const accounts = new Map<string, Promise<{ userId: string; token: string }>>();
  const account = (role: UserRole, unitId?: string) => {
    const key = `${role}:${unitId ?? ''}`;
    if (!accounts.has(key)) {
      const context = commandContext({
        actor: { id: 'test-setup', role: 'SYSTEM', unitId: null },
        commandType: 'RegisterUser',
        // Unique per app instance: a restarted app on the same file needs tokens of its own.
        idempotencyKey: `${key}:${randomUUID()}`,
        now: clock.now(),
      });
      accounts.set(
        key,
        app
          .get(CommandBus)
          // `again`: each app instance makes its own account on purpose, also a restarted app or a second app on the file.
          .execute(new RegisterUserCommand({ name: `${role} ${unitId ?? ''}`.trim(), role, unitId, validForDays: 3650, again: true }, context))
          .then(({ userId, token }) => ({ userId, token: token! })),
      );
    }
    return accounts.get(key)!;
  };
  return {
    app,
    url,
    clock,
    as: async (role, unitId) => ({ authorization: `Bearer ${(await account(role, unitId)).token}` }),
    userId: async (role, unitId) => (await account(role, unitId)).userId,
    subscriptionsOpened,
    subscriptionsStarted,
    async firstPush(query, variables, headers, trigger) {
      const before = subscriptionsStarted();
      const client = createClient({ url: `${url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: headers, lazy: false, retryAttempts: 0 });
      try {
        const first = new Promise<GraphqlResponse>((resolve, reject) => {
          // A generous ceiling, not a timing: a loaded machine (the full suite beside other work) can take seconds to push.
          setTimeout(() => reject(new Error(`Nothing was pushed within 30 s for: ${query}`)), 30_000).unref();
          const unsubscribe = client.subscribe({ query, variables }, {
            next: (value) => {
              unsubscribe();
              try {
                resolve(expectChineseOnEveryError(value as GraphqlResponse));
              } catch (missing) {
                reject(missing as Error);
              }
            },
            error: (error) =>
              Array.isArray(error)
                ? resolve(expectChineseOnEveryError({ errors: error }))
                : // The socket itself failed (closed, refused): no GraphQL error to check.
                  resolve({ errors: [{ message: String(error) }] }),
            complete: () => undefined,
          });
        });
        await subscriptionsOpened(before, first);
        await trigger?.();
        return await first;
      } finally {
        await client.dispose();
      }
    },
    async graphql(query, variables = {}, headers) {
      const request = {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(headers ?? (await account('SUPERVISOR').then(({ token }) => ({ authorization: `Bearer ${token}` })))) },
        body: JSON.stringify({ query, variables }),
      };
      // After a long in-process step the server may close an idle keep-alive socket just as fetch reuses it
      // (read ECONNRESET, seen under load): the request never reached the app, so it is sent once more.
      const response = await fetch(`${url}/graphql`, request).catch((error: Error & { cause?: { code?: string } }) => {
        if (error.cause?.code !== 'ECONNRESET') throw error;
        return fetch(`${url}/graphql`, request);
      });
      return expectChineseOnEveryError((await response.json()) as GraphqlResponse<any>);
    },
    async logPosition() {
      const response = await fetch(`${url}/health`);
      return ((await response.json()) as { logPosition: string | null }).logPosition;
    },
    close: () => app.close(),
  };
}

export const errorCode = (response: GraphqlResponse) => response.errors?.[0]?.extensions?.code;

/**
 * The app started in this test's process on the store at `sqlitePath` (the clock at the real now), `write` run on it,
 * then stopped as a server process stops (its witnesses, and its writer id beside the data and the key, recorded as a
 * server records them). For the writes a process test only needs made — a store seeded before the start, the tool or
 * the copy it is about; a server process's start costs about 5 s of CPU and `user:create` about 2 s, this well under 1.
 * `settings` as in `startTestApp` (a copy's STORE_COPY_NAME, another LEDGER_SIGNING_KEY_FILE). Resolves with what
 * `write` resolved with.
 */
export async function writtenInProcess<Result>(sqlitePath: string, write: (app: TestApp) => Promise<Result>, settings: Record<string, string> = {}): Promise<Result> {
  const app = await startTestApp({ sqlitePath, now: new Date().toISOString(), settings });
  try {
    return await write(app);
  } finally {
    await app.close();
  }
}

/**
 * A folder laid out as an installation run from it — its store at ./data/rectify.db, the office's key at
 * ./keys/ledger-signing-key.pem (a copy of the test key), where a tool run in the folder (`toolInFolder`) finds them and a
 * server given `settings` uses them — with `write` run on the store through the app in this test's process
 * (`writtenInProcess`): a store a tool's `--new-store` would have made, for the tests whose process under test comes after.
 * Resolves with the store's path, the settings that name the key (for a later `writtenInProcess` or server) and what
 * `write` resolved with.
 */
export async function installationWrittenInProcess<Result>(
  folder: string,
  write: (app: TestApp) => Promise<Result>,
): Promise<{ sqlitePath: string; settings: { LEDGER_SIGNING_KEY_FILE: string }; written: Result }> {
  const sqlitePath = join(folder, 'data', 'rectify.db');
  const settings = { LEDGER_SIGNING_KEY_FILE: join(folder, 'keys', 'ledger-signing-key.pem') };
  for (const sub of ['data', 'keys']) mkdirSync(join(folder, sub), { recursive: true });
  copyFileSync(testSigningKeyFile(), settings.LEDGER_SIGNING_KEY_FILE);
  return { sqlitePath, settings, written: await writtenInProcess(sqlitePath, write, settings) };
}
