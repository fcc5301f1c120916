import type { CallHandler } from '@nestjs/common';
import type { ConfigService } from '@nestjs/config';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host.js';
import { lastValueFrom, throwError, of } from 'rxjs';
import type { AppSettings } from '../../config/app-settings.js';
import { ConcurrencyError } from '../../event-store/event-store.port.js';
import { DomainError, say } from '../../shared/domain-error.js';
import { wrongCredentials } from '../domain/user.decider.js';
import { SignInAttemptsInterceptor } from './sign-in-attempts.js';
import { UntrustedForwarding } from '../../http/untrusted-forwarding.js';
import type { Clock } from '../../shared/clock.js';
import type { RecordedEvent } from '../../event-sourcing/recorded-event.js';
import type { UserEvent } from '../domain/user.events.js';
import { UsersReadModel } from '../users/users.read-model.js';

/*
 * What counts as a failed sign-in at a login name (SIGN_IN_FAILURES_PER_LOGIN_NAME_PER_MINUTE):
 * only a refused credential. breaker12e P1: 40 right passwords of one shared account at once lost
 * their race for the account's stream (CONFLICT), each counted as a failure, and after ten the
 * login name was refused to the whole office for up to a minute.
 */

const settings: Partial<AppSettings> = {
  SIGN_IN_FAILURES_PER_LOGIN_NAME_PER_MINUTE: 3,
  SIGN_IN_FAILURES_PER_ADDRESS_PER_MINUTE: 5,
  SIGN_INS_PER_LOGIN_NAME_PER_MINUTE: 0,
  SIGN_INS_PER_LOGIN_NAME_AND_ADDRESS_PER_MINUTE: 0,
};
const configOf = (values: Partial<AppSettings>) => ({ get: (name: keyof AppSettings) => values[name] }) as unknown as ConfigService<AppSettings, true>;
const now = new Date('2026-12-01T01:00:00.000Z');
const clock: Clock = { now: () => now };
const LOGIN_NAMES = ['supervisor', 'inspector', 'unit-fgw', 'unit-czj'];

let position = 0;
const recorded = (event: UserEvent, recordedAt = now.toISOString()): RecordedEvent =>
  ({
    ...event,
    id: `e-${position}`,
    streamId: `user-${event.data.userId}`,
    revision: position,
    position: { commit: BigInt(position), prepare: BigInt(position++) },
    schemaVersion: 2,
    metadata: { actorId: 'admin', actorRole: 'ADMIN', actorUnitId: null, commandId: `c-${position}`, correlationId: 'x', causationId: 'x', recordedAt },
  }) as unknown as RecordedEvent;

/** The accounts of the demo's login names, as the users read model knows them from the log. */
function accounts(): UsersReadModel {
  const users = new UsersReadModel();
  for (const loginName of LOGIN_NAMES) {
    users.apply(recorded({ type: 'UserRegistered', data: { userId: `u-${loginName}`, name: loginName, role: 'UNIT', unitId: 'unit-fgw' } }));
    users.apply(recorded({ type: 'InitialPasswordSet', data: { userId: `u-${loginName}`, loginName, passwordHash: '$argon2id$x', changeRequired: false } }));
  }
  return users;
}

/** A sign-in the handler recorded: the account's SessionStarted from `address`, `daysAgo` days before now. */
const sessionStarted = (users: UsersReadModel, loginName: string, address: string, daysAgo = 0) =>
  users.apply(
    recorded(
      { type: 'SessionStarted', data: { userId: `u-${loginName}`, sessionId: `s-${position}`, tokenSha256: `t-${position}`, expiresAt: now.toISOString(), address, addressKnown: false, device: null, deviceKnown: false } },
      new Date(now.getTime() - daysAgo * 24 * 60 * 60 * 1000).toISOString(),
    ),
  );

/** An interceptor over its own accounts (a process of its own). */
function limits(values: Partial<AppSettings> = settings, users = accounts()) {
  return { interceptor: new SignInAttemptsInterceptor(configOf(values), users, clock, new UntrustedForwarding(clock)), accounts: users };
}

const signInFrom = (address: string, loginName: string) => {
  const context = new ExecutionContextHost([undefined, { input: { loginName, password: 'x' } }, { req: { ip: address, headers: {} } }, undefined]);
  context.setType('graphql');
  return context;
};

/**
 * One sign-in through the interceptor, answered by `outcome`: its result, or the error it was refused
 * with. A sign-in (`signedIn`) is recorded as the handler would: its session, from that address.
 */
async function attempt(interceptor: ReturnType<typeof limits>, address: string, loginName: string, outcome: () => unknown): Promise<unknown> {
  const next: CallHandler = {
    handle: () => {
      try {
        const result = outcome();
        if (result === 'signed in') sessionStarted(interceptor.accounts, loginName.trim().toLowerCase(), address);
        return of(result);
      } catch (error) {
        return throwError(() => error);
      }
    },
  };
  try {
    return await lastValueFrom(await interceptor.interceptor.intercept(signInFrom(address, loginName), next));
  } catch (error) {
    return error;
  }
}

describe('what counts as a failed sign-in', () => {
  it('does not count a conflict, a store error or bad input against the login name or the address', async () => {
    const interceptor = limits();
    const failures = [
      () => new ConcurrencyError('user-u-1', 6, 7),
      () => new DomainError('CONFLICT', say('changed by someone else', '记录已被他人同时修改：请刷新后重试。')),
      () => new Error('disk I/O error'),
      () => new DomainError('BAD_USER_INPUT', say('bad input', '输入有误')),
    ];
    for (let round = 0; round < 5; round += 1) {
      for (const failure of failures) {
        const error = await attempt(interceptor, '10.0.0.1', 'unit-fgw', () => {
          throw failure();
        });
        expect(error).not.toMatchObject({ code: 'TOO_MANY_REQUESTS' });
      }
    }
    expect(await attempt(interceptor, '10.0.0.1', 'unit-fgw', () => 'signed in')).toBe('signed in');
  });

  it('counts wrong passwords at the login name, from any address', async () => {
    const interceptor = limits();
    for (const address of ['10.0.0.1', '10.0.0.2', '10.0.0.3']) {
      expect(await attempt(interceptor, address, 'unit-fgw', () => {
        throw wrongCredentials('u-1');
      })).toMatchObject({ code: 'UNAUTHENTICATED' });
    }
    expect(await attempt(interceptor, '10.0.0.4', 'unit-fgw', () => 'signed in')).toMatchObject({ code: 'TOO_MANY_REQUESTS', details: { reason: 'SIGN_IN_FAILURES_FOR_LOGIN_NAME' } });
  });
});

const signedIn = () => 'signed in';
const wrongPassword = () => {
  throw wrongCredentials('u-1');
};

/*
 * breaker12e P2: 60 failed sign-ins a minute from an office's shared address (its proxy or NAT), at
 * names no account has, refused every staff member's right password; ten wrong passwords a minute at
 * a unit's login name, from anywhere, kept that unit's whole office out.
 */
describe("failures others cause do not keep the office's own staff out", () => {
  it("lets a name that signed in from the address before through when the address's failures are used up, and holds a name new there", async () => {
    const interceptor = limits();
    const office = '10.1.1.1';
    expect(await attempt(interceptor, office, 'supervisor', signedIn)).toBe('signed in');
    for (let guess = 0; guess < 5; guess += 1) expect(await attempt(interceptor, office, `nobody-${guess}`, wrongPassword)).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await attempt(interceptor, office, 'nobody-5', wrongPassword)).toMatchObject({ code: 'TOO_MANY_REQUESTS', details: { reason: 'SIGN_IN_FAILURES_FROM_ADDRESS' } });
    expect(await attempt(interceptor, office, 'supervisor', signedIn)).toBe('signed in');
    expect(await attempt(interceptor, office, ' SUPERVISOR', signedIn)).toBe('signed in');
    expect(await attempt(interceptor, office, 'inspector', signedIn)).toMatchObject({ code: 'TOO_MANY_REQUESTS', details: { reason: 'SIGN_IN_FAILURES_FROM_ADDRESS' } });
  });

  it("counts wrong passwords typed elsewhere apart from the name's own office", async () => {
    const interceptor = limits();
    const office = '10.1.1.2';
    expect(await attempt(interceptor, office, 'unit-fgw', signedIn)).toBe('signed in');
    for (let guess = 0; guess < 3; guess += 1) expect(await attempt(interceptor, `198.51.100.${guess}`, 'unit-fgw', wrongPassword)).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await attempt(interceptor, '198.51.100.9', 'unit-fgw', signedIn)).toMatchObject({ code: 'TOO_MANY_REQUESTS', details: { reason: 'SIGN_IN_FAILURES_FOR_LOGIN_NAME' } });
    expect(await attempt(interceptor, office, 'unit-fgw', signedIn)).toBe('signed in');
    // Guessing from the office's own address is bounded all the same.
    for (let guess = 0; guess < 3; guess += 1) await attempt(interceptor, office, 'unit-fgw', wrongPassword);
    expect(await attempt(interceptor, office, 'unit-fgw', signedIn)).toMatchObject({ code: 'TOO_MANY_REQUESTS', details: { reason: 'SIGN_IN_FAILURES_FOR_LOGIN_NAME' } });
  });
});

/*
 * breaker12f P2: the names known at an address lived in the limiter's memory, so after a restart (a
 * deploy, a crash) nobody was known, and 60 strangers' failures a minute from the office's NAT refused
 * every colleague's right password again. They are now the users read model's, kept from the log.
 */
describe('names known at an address, after a restart', () => {
  it("lets a name that signed in from the address before the restart through when the address's failures are used up", async () => {
    const office = '10.1.1.7';
    const users = accounts();
    sessionStarted(users, 'supervisor', office, 29);
    sessionStarted(users, 'inspector', office, 31);
    const restarted = limits(settings, users);
    for (let guess = 0; guess < 5; guess += 1) expect(await attempt(restarted, office, `nobody-${guess}`, wrongPassword)).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await attempt(restarted, office, 'nobody-5', wrongPassword)).toMatchObject({ code: 'TOO_MANY_REQUESTS', details: { reason: 'SIGN_IN_FAILURES_FROM_ADDRESS' } });
    expect(await attempt(restarted, office, 'supervisor', signedIn)).toBe('signed in');
    // Last signed in from there 31 days ago: new there again.
    expect(await attempt(restarted, office, 'inspector', signedIn)).toMatchObject({ code: 'TOO_MANY_REQUESTS', details: { reason: 'SIGN_IN_FAILURES_FROM_ADDRESS' } });
  });
});

/*
 * breaker12f P3: 60 successful sign-ins a minute per login name, counted from everywhere, let one
 * holder of a shared account's password (a script, a kiosk) keep the whole office from signing in.
 */
describe('successful sign-ins from one address', () => {
  it('are bounded per login name and address, so sign-ins from elsewhere do not keep the office out', async () => {
    const interceptor = limits({ ...settings, SIGN_INS_PER_LOGIN_NAME_AND_ADDRESS_PER_MINUTE: 3, SIGN_INS_PER_LOGIN_NAME_PER_MINUTE: 10 });
    const script = '192.0.2.50';
    for (let each = 0; each < 3; each += 1) expect(await attempt(interceptor, script, 'unit-fgw', signedIn)).toBe('signed in');
    let checked = false;
    const refused = await attempt(interceptor, script, 'unit-fgw', () => (checked = true));
    expect(refused).toMatchObject({ code: 'TOO_MANY_REQUESTS', details: { reason: 'SIGN_INS_FOR_LOGIN_NAME_AT_ADDRESS' } });
    expect((refused as DomainError).messageZh).toMatch(/^此登录名从此地址登录过于频繁：每分钟最多 3 次，请 \d+ 秒后再试。$/);
    expect(checked).toBe(false);
    for (let each = 0; each < 3; each += 1) expect(await attempt(interceptor, '10.1.1.8', 'unit-fgw', signedIn)).toBe('signed in');
  });
});

/* breaker12e P4: a script with an account's password signed in 7.5 times a second, none refused, each an event in the ledger. */
describe('successful sign-ins', () => {
  it('are bounded per login name, from any address, in Chinese, before the password is checked', async () => {
    const interceptor = limits({ ...settings, SIGN_INS_PER_LOGIN_NAME_PER_MINUTE: 4 });
    for (let each = 0; each < 4; each += 1) expect(await attempt(interceptor, `10.2.0.${each}`, 'unit-fgw', signedIn)).toBe('signed in');
    let checked = false;
    const refused = await attempt(interceptor, '10.2.0.9', 'UNIT-FGW', () => (checked = true));
    expect(refused).toMatchObject({ code: 'TOO_MANY_REQUESTS', details: { reason: 'SIGN_INS_FOR_LOGIN_NAME' } });
    expect((refused as DomainError).messageZh).toMatch(/^此登录名登录过于频繁：每分钟最多 4 次，请 \d+ 秒后再试。$/);
    expect(checked).toBe(false);
    expect(await attempt(interceptor, '10.2.0.9', 'unit-czj', signedIn)).toBe('signed in');
  });
});
