import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppModule } from '../../src/app.module.js';
import { Clock } from '../../src/shared/clock.js';

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

export const SUPERVISOR = { 'x-actor-id': 'zhang.wei', 'x-actor-role': 'SUPERVISOR', 'x-actor-unit': 'OPENNESS' };

export interface GraphqlResponse<Data = Record<string, any>> {
  data?: Data | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

export interface TestApp {
  app: INestApplication;
  url: string;
  clock: TestClock;
  graphql<Data = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GraphqlResponse<Data>>;
  /** The log's head position as /health reports it: unchanged means nothing was appended. */
  logPosition(): Promise<string | null>;
  close(): Promise<void>;
}

/** The real application over HTTP on a real SQLite file. */
export async function startTestApp(
  options: { sqlitePath?: string; demoData?: boolean; now?: string } = {},
): Promise<TestApp> {
  const clock = new TestClock(new Date(options.now ?? '2026-04-01T09:00:00+08:00'));
  const moduleRef = await Test.createTestingModule({
    imports: [
      AppModule.forRoot({
        NODE_ENV: 'test',
        EVENT_STORE: 'sqlite',
        SQLITE_PATH: options.sqlitePath ?? freshDatabasePath(),
        DEMO_DATA: String(options.demoData ?? false),
      }),
    ],
  })
    .overrideProvider(Clock)
    .useValue(clock)
    .compile();
  const app = moduleRef.createNestApplication({ logger: ['error', 'warn'] });
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return {
    app,
    url,
    clock,
    async graphql(query, variables = {}, headers = {}) {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as GraphqlResponse<any>;
    },
    async logPosition() {
      const response = await fetch(`${url}/health`);
      return ((await response.json()) as { logPosition: string | null }).logPosition;
    },
    close: () => app.close(),
  };
}

export const errorCode = (response: GraphqlResponse) => response.errors?.[0]?.extensions?.code;
