import type { ConfigService } from '@nestjs/config';
import { randomUUID } from 'node:crypto';
import { CommandExecutor } from '../../event-sourcing/command-executor.js';
import { allEventSchemas } from '../../event-sourcing/all-event-schemas.js';
import type { ProjectionEngine } from '../../event-sourcing/projection-engine.js';
import type { RecordedEvent } from '../../event-sourcing/recorded-event.js';
import { WriteGate } from '../../event-sourcing/write-gate.js';
import type { EventToAppend } from '../../event-store/event-store.port.js';
import { SqliteEventStore } from '../../event-store/sqlite-event-store.js';
import type { AppSettings } from '../../config/app-settings.js';
import type { Clock } from '../../shared/clock.js';
import type { PasswordHasher } from '../authentication/password-hasher.js';
import { userStream, type UserEvent } from '../domain/user.events.js';
import { UsersReadModel } from '../users/users.read-model.js';
import { SignInCommand, SignInHandler } from './sign-in.handler.js';
import { UnrecordedSessions } from './unrecorded-sessions.js';
import { countingReads } from '../../event-sourcing/testing/counting-reads.js';

/*
 * breaker12e P3 (blocker): an office account shared by 20 people has ~5,000 sessions after a year.
 * Every sign-in read, checked and folded the account's whole history twice — the fold copying every
 * open session per session (quadratic) — 7–10 s with the server held, a wrong password included.
 * Now the account's state keeps no sessions and its fold is kept between commands: a sign-in reads
 * only what was appended since the last command on the account. Counted in rows read, not timed.
 */

const SESSIONS = 10_000;
const schemas = allEventSchemas();
const userId = 'u-office';
const now = new Date('2026-12-01T01:00:00.000Z');

/** Events as version 1 wrote them (before sign-ins kept their address): read through the upcasters. */
type StoredV1 = { readonly type: UserEvent['type']; readonly data: object };

const toAppend = (event: StoredV1): EventToAppend => ({
  id: randomUUID(),
  type: event.type,
  schemaVersion: 1,
  data: event.data as Record<string, unknown>,
  metadata: { actorId: userId, actorRole: 'UNIT', actorUnitId: 'unit-fgw', commandId: randomUUID(), correlationId: randomUUID(), causationId: randomUUID(), recordedAt: now.toISOString() },
});

describe('signing in to an account with 10,000 sessions (breaker12e P3)', () => {
  let sqlite: SqliteEventStore;
  let handler: SignInHandler;
  let rowsRead: () => number;
  let passwordRight: boolean;
  let revision: number;
  let hashesChecked = 0;

  /** What another server on the same file (or a tool) appends to the account's stream. */
  const appendElsewhere = async (events: StoredV1[]) => {
    revision = (await sqlite.appendToStream(userStream(userId), events.map(toAppend), { expectedRevision: 'any' })).nextRevision;
  };

  beforeAll(async () => {
    sqlite = new SqliteEventStore(':memory:');
    const history: StoredV1[] = [
      { type: 'UserRegistered', data: { userId, name: '发改委共用账号', role: 'UNIT', unitId: 'unit-fgw' } },
      { type: 'InitialPasswordSet', data: { userId, loginName: 'unit-fgw', passwordHash: '$argon2id$office', changeRequired: false } },
    ];
    revision = (await sqlite.appendToStream(userStream(userId), history.map(toAppend), { expectedRevision: 'no_stream' })).nextRevision;
    for (let done = 0; done < SESSIONS; done += 1000) {
      await appendElsewhere(
        Array.from({ length: 1000 }, (_, index) => ({
          type: 'SessionStarted' as const,
          data: { userId, sessionId: `s-${done + index}`, tokenSha256: `t-${done + index}`, expiresAt: '2026-12-01T13:00:00.000Z' },
        })),
      );
    }
    const users = new UsersReadModel();
    for (const event of await sqlite.readStream(userStream(userId))) users.apply(event as unknown as RecordedEvent);
    const counted = countingReads(sqlite);
    rowsRead = counted.rowsRead;
    const projections = { waitFor: () => Promise.resolve() } as unknown as ProjectionEngine;
    const executor = new CommandExecutor(counted.store, schemas, projections, new WriteGate());
    // Answers a turn of the event loop later, as argon2 off the loop does: sign-ins sent at once overlap.
    const hasher = {
      matches: () => new Promise<boolean>((resolve) => setImmediate(() => { hashesChecked += 1; resolve(passwordRight); })),
      matchesNothing: () => Promise.resolve(false),
    } as unknown as PasswordHasher;
    const clock: Clock = { now: () => now };
    const config = { get: () => 12 } as unknown as ConfigService<AppSettings, true>;
    handler = new SignInHandler(executor, users, hasher, clock, new UnrecordedSessions(), config);
  });
  afterAll(() => sqlite.close());

  it('reads the account once, then only what was appended since', async () => {
    passwordRight = true;
    const first = rowsRead();
    await handler.execute(new SignInCommand('unit-fgw', 'right'));
    // The first sign-in of this process reads the account once (was: twice, each copying every session per session).
    expect(rowsRead() - first).toBeLessThanOrEqual(SESSIONS + 2 + 2);
    for (let signIn = 0; signIn < 5; signIn += 1) {
      const before = rowsRead();
      await handler.execute(new SignInCommand('unit-fgw', 'right'));
      expect(rowsRead() - before).toBeLessThanOrEqual(4);
    }
  });

  // breaker12e P1: 40 clerks of one office signing in to its shared account at once got 8 CONFLICTs
  // (记录已被他人同时修改), each counted as a failed sign-in at the login name.
  it('signs in 40 people of one office at once, none refused, one password check each', async () => {
    passwordRight = true;
    const checkedBefore = hashesChecked;
    const outcomes = await Promise.allSettled(Array.from({ length: 40 }, () => handler.execute(new SignInCommand('unit-fgw', 'right'))));
    expect(outcomes.filter((outcome) => outcome.status === 'rejected')).toEqual([]);
    expect(hashesChecked - checkedBefore).toBe(40);
    const sessions = new Set(outcomes.map((outcome) => (outcome as PromiseFulfilledResult<{ token: string }>).value.token));
    expect(sessions.size).toBe(40);
  });

  it('decides on what others appended meanwhile: four wrong passwords elsewhere, the fifth here locks', async () => {
    await appendElsewhere([1, 2, 3, 4].map((failedAttempts) => ({ type: 'SignInFailed' as const, data: { userId, failedAttempts } })));
    passwordRight = false;
    const before = rowsRead();
    await expect(handler.execute(new SignInCommand('unit-fgw', 'wrong'))).rejects.toMatchObject({ code: 'UNAUTHENTICATED', details: { reason: 'ACCOUNT_LOCKED' } });
    expect(rowsRead() - before).toBeLessThanOrEqual(4 * 2 + 4);
    const last = (await sqlite.readStream(userStream(userId), { fromRevision: revision + 1 })).map((event) => event.type);
    expect(last).toEqual(['SignInFailed', 'AccountLocked']);
  });
});
