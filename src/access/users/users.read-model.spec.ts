import type { RecordedEvent } from '../../event-sourcing/recorded-event.js';
import type { UserEvent } from '../domain/user.events.js';
import { KNOWN_ADDRESSES_PER_ACCOUNT, KNOWN_SIGN_IN_DAYS, UsersReadModel } from './users.read-model.js';
import v8 from 'node:v8';

/*
 * breaker12e P3/P4: the read model appended to a copy of the user's open sessions per sign-in
 * (quadratic at replay) and kept every session ever started, in memory and in its snapshot, for
 * good. Sessions are now kept by id, and forgotten a day after they expired.
 */

const userId = 'u-office';
const HOUR = 60 * 60 * 1000;
const start = Date.parse('2026-01-05T00:30:00.000Z');
let position = 0;

const recorded = (event: UserEvent, recordedAt: string): RecordedEvent =>
  ({
    ...event,
    id: `e-${position}`,
    streamId: `user-${event.data.userId}`,
    revision: position,
    position: { commit: BigInt(position), prepare: BigInt(position++) },
    schemaVersion: 1,
    metadata: { actorId: userId, actorRole: 'UNIT', actorUnitId: null, commandId: `c-${position}`, correlationId: 'x', causationId: 'x', recordedAt },
  }) as unknown as RecordedEvent;

/** A sign-in at `at` (ms since the epoch), valid 12 h, from `address`. */
const signedIn = (index: number, at: number, address: string | null = null): RecordedEvent =>
  recorded(
    { type: 'SessionStarted', data: { userId, sessionId: `s-${index}`, tokenSha256: `t-${index}`, expiresAt: new Date(at + 12 * HOUR).toISOString(), address, addressKnown: false, device: null, deviceKnown: false } },
    new Date(at).toISOString(),
  );

describe('the sessions the users read model keeps', () => {
  let users: UsersReadModel;
  beforeEach(() => {
    users = new UsersReadModel();
    users.apply(recorded({ type: 'UserRegistered', data: { userId, name: '发改委共用账号', role: 'UNIT', unitId: 'unit-fgw' } }, new Date(start).toISOString()));
  });

  it('forgets a session a day after it expired: a year of an office account (20 sign-ins a day) keeps about two days of them', () => {
    for (let day = 0; day < 365; day += 1) for (let each = 0; each < 20; each += 1) users.apply(signedIn(day * 20 + each, start + day * 24 * HOUR + each * 60_000));
    expect(users.keptSessionCount(userId)).toBeLessThanOrEqual(3 * 20);
    expect(users.sessionBySha256('t-0')).toBeUndefined();
    expect(users.openSession('s-0')).toBeUndefined();
    // Yesterday's sessions, expired hours ago, are still known, so their tokens are refused as expired.
    expect(users.sessionBySha256(`t-${364 * 20 - 1}`)).toMatchObject({ sessionId: `s-${364 * 20 - 1}`, ended: false });
    expect(users.openSession(`s-${365 * 20 - 1}`)).toMatchObject({ userId });
  });

  it('ends every open session but the kept one at a password change, and a signed-out one stays ended', () => {
    for (let index = 0; index < 1000; index += 1) users.apply(signedIn(index, start + index * 1000));
    users.apply(recorded({ type: 'SessionEnded', data: { userId, sessionId: 's-3' } }, new Date(start + 2000 * 1000).toISOString()));
    expect(users.openSession('s-3')).toBeUndefined();
    expect(users.sessionBySha256('t-3')).toMatchObject({ ended: true });
    users.apply(recorded({ type: 'PasswordChanged', data: { userId, passwordHash: '$argon2id$new', keptSessionId: 's-7' } }, new Date(start + 3000 * 1000).toISOString()));
    expect(users.openSession('s-7')).toMatchObject({ sessionId: 's-7' });
    for (const index of [0, 6, 8, 999]) expect(users.sessionBySha256(`t-${index}`)).toMatchObject({ ended: true });
  });
});

/*
 * breaker12f P2: which addresses a login name signs in from was kept in the sign-in limiter's memory,
 * so after every restart nobody was known and 60 strangers' failures a minute from the office's NAT
 * again refused every colleague. It is now kept from the log's sign-ins (each records its address).
 */
describe('the addresses an account signs in from', () => {
  const DAY = 24 * HOUR;
  const fromLog = (events: RecordedEvent[]) => {
    const users = new UsersReadModel();
    users.apply(recorded({ type: 'UserRegistered', data: { userId, name: '发改委共用账号', role: 'UNIT', unitId: 'unit-fgw' } }, new Date(start).toISOString()));
    for (const event of events) users.apply(event);
    return users;
  };

  it('knows an address for 30 days after the last sign-in from it, rebuilt from the log and from a snapshot', () => {
    const events = [signedIn(1, start, '10.1.1.1'), signedIn(2, start + 5 * DAY, '10.1.1.1'), signedIn(3, start + 6 * DAY, null)];
    const replayed = fromLog(events);
    const restored = Object.assign(new UsersReadModel(), v8.deserialize(v8.serialize({ ...replayed })));
    for (const users of [replayed, restored]) {
      expect(users.signedInLately(userId, '10.1.1.1', new Date(start + (5 + KNOWN_SIGN_IN_DAYS) * DAY - 1))).toBe(true);
      expect(users.signedInLately(userId, '10.1.1.1', new Date(start + (5 + KNOWN_SIGN_IN_DAYS) * DAY + 1))).toBe(false);
      expect(users.signedInLately(userId, '10.9.9.9', new Date(start + 6 * DAY))).toBe(false);
      expect(users.signedInLately(userId, null, new Date(start + 6 * DAY))).toBe(false);
      expect(users.signedInLately(undefined, '10.1.1.1', new Date(start + 6 * DAY))).toBe(false);
    }
  });

  it('keeps the latest addresses only', () => {
    const count = KNOWN_ADDRESSES_PER_ACCOUNT + 10;
    const users = fromLog(Array.from({ length: count }, (_, index) => signedIn(index, start + index * 1000, `10.2.0.${index}`)));
    const now = new Date(start + count * 1000);
    expect(users.signedInLately(userId, '10.2.0.0', now)).toBe(false);
    expect(users.signedInLately(userId, `10.2.0.${count - KNOWN_ADDRESSES_PER_ACCOUNT}`, now)).toBe(true);
  });
});

describe('login names that look alike (breaker9z P3): the skeleton is computed on projection, never recorded', () => {
  const at = new Date(start).toISOString();
  const account = (id: string, loginName: string): RecordedEvent[] => [
    recorded({ type: 'UserRegistered', data: { userId: id, name: `账号${id}`, role: 'SUPERVISOR', unitId: null } }, at),
    recorded({ type: 'InitialPasswordSet', data: { userId: id, loginName, passwordHash: '$argon2id$x', changeRequired: true } }, at),
  ];
  let users: UsersReadModel;
  beforeEach(() => {
    users = new UsersReadModel();
    // Events as every store already holds them: InitialPasswordSet v1, nothing added.
    for (const event of [...account('u-admin', 'admin'), ...account('u-cwk', '财务科')]) users.apply(event);
  });

  it('finds the account whose login name a new one looks like, with its login name as given', () => {
    expect(users.loginNameLookingLike('аdmin', 'u-new')).toEqual({ userId: 'u-admin', loginName: 'admin' });
    expect(users.loginNameLookingLike('財務科', 'u-new')).toEqual({ userId: 'u-cwk', loginName: '财务科' });
    expect(users.loginNameLookingLike('admins', 'u-new')).toBeNull();
  });

  it('leaves the very same login name to userIdByLoginName, and an account’s own name to itself', () => {
    expect(users.loginNameLookingLike('ADMIN', 'u-new')).toBeNull();
    expect(users.userIdByLoginName('ADMIN')).toBe('u-admin');
    expect(users.loginNameLookingLike('аdmin', 'u-admin')).toBeNull();
  });

  it('frees the look of a login name an account gave up, and takes the new one', () => {
    users.apply(recorded({ type: 'InitialPasswordSet', data: { userId: 'u-admin', loginName: 'root', passwordHash: '$argon2id$y', changeRequired: true } }, at));
    expect(users.loginNameLookingLike('аdmin', 'u-new')).toBeNull();
    expect(users.loginNameLookingLike('rооt', 'u-new')).toEqual({ userId: 'u-admin', loginName: 'root' });
  });

  it('keeps look-alikes a store already held before they were refused, and finds each', () => {
    for (const event of account('u-cyrillic', 'аdmin')) users.apply(event);
    expect(users.loginNameLookingLike('ɑdmin', 'u-new')).toEqual({ userId: 'u-admin', loginName: 'admin' });
    expect(users.loginNameLookingLike('ɑdmin', 'u-admin')).toEqual({ userId: 'u-cyrillic', loginName: 'аdmin' });
    expect(users.userIdByLoginName('аdmin')).toBe('u-cyrillic');
  });
});
