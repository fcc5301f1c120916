import type { CallHandler } from '@nestjs/common';
import type { ConfigService } from '@nestjs/config';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host.js';
import { lastValueFrom, throwError, of } from 'rxjs';
import type { AppSettings } from '../../config/app-settings.js';
import { ConcurrencyError } from '../../event-store/event-store.port.js';
import { DomainError, say } from '../../shared/domain-error.js';
import { wrongCredentials } from '../domain/user.decider.js';
import { SignInAttemptsInterceptor } from './sign-in-attempts.js';

/*
 * What counts as a failed sign-in at a login name (SIGN_IN_FAILURES_PER_LOGIN_NAME_PER_MINUTE):
 * only a refused credential. breaker12e P1: 40 right passwords of one shared account at once lost
 * their race for the account's stream (CONFLICT), each counted as a failure, and after ten the
 * login name was refused to the whole office for up to a minute.
 */

const settings: Partial<AppSettings> = { SIGN_IN_FAILURES_PER_LOGIN_NAME_PER_MINUTE: 3, SIGN_IN_FAILURES_PER_ADDRESS_PER_MINUTE: 5, SIGN_INS_PER_LOGIN_NAME_PER_MINUTE: 0 };
const configOf = (values: Partial<AppSettings>) => ({ get: (name: keyof AppSettings) => values[name] }) as unknown as ConfigService<AppSettings, true>;
const config = configOf(settings);

const signInFrom = (address: string, loginName: string) => {
  const context = new ExecutionContextHost([undefined, { input: { loginName, password: 'x' } }, { req: { ip: address, headers: {} } }, undefined]);
  context.setType('graphql');
  return context;
};

/** One sign-in through the interceptor, answered by `outcome`: its result, or the error it was refused with. */
async function attempt(interceptor: SignInAttemptsInterceptor, address: string, loginName: string, outcome: () => unknown): Promise<unknown> {
  const next: CallHandler = {
    handle: () => {
      try {
        return of(outcome());
      } catch (error) {
        return throwError(() => error);
      }
    },
  };
  try {
    return await lastValueFrom(await interceptor.intercept(signInFrom(address, loginName), next));
  } catch (error) {
    return error;
  }
}

describe('what counts as a failed sign-in', () => {
  it('does not count a conflict, a store error or bad input against the login name or the address', async () => {
    const interceptor = new SignInAttemptsInterceptor(config);
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
    const interceptor = new SignInAttemptsInterceptor(config);
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
    const interceptor = new SignInAttemptsInterceptor(config);
    const office = '10.1.1.1';
    expect(await attempt(interceptor, office, 'supervisor', signedIn)).toBe('signed in');
    for (let guess = 0; guess < 5; guess += 1) expect(await attempt(interceptor, office, `nobody-${guess}`, wrongPassword)).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await attempt(interceptor, office, 'nobody-5', wrongPassword)).toMatchObject({ code: 'TOO_MANY_REQUESTS', details: { reason: 'SIGN_IN_FAILURES_FROM_ADDRESS' } });
    expect(await attempt(interceptor, office, 'supervisor', signedIn)).toBe('signed in');
    expect(await attempt(interceptor, office, ' SUPERVISOR', signedIn)).toBe('signed in');
    expect(await attempt(interceptor, office, 'inspector', signedIn)).toMatchObject({ code: 'TOO_MANY_REQUESTS', details: { reason: 'SIGN_IN_FAILURES_FROM_ADDRESS' } });
  });

  it("counts wrong passwords typed elsewhere apart from the name's own office", async () => {
    const interceptor = new SignInAttemptsInterceptor(config);
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

/* breaker12e P4: a script with an account's password signed in 7.5 times a second, none refused, each an event in the ledger. */
describe('successful sign-ins', () => {
  it('are bounded per login name, from any address, in Chinese, before the password is checked', async () => {
    const interceptor = new SignInAttemptsInterceptor(configOf({ ...settings, SIGN_INS_PER_LOGIN_NAME_PER_MINUTE: 4 }));
    for (let each = 0; each < 4; each += 1) expect(await attempt(interceptor, `10.2.0.${each}`, 'unit-fgw', signedIn)).toBe('signed in');
    let checked = false;
    const refused = await attempt(interceptor, '10.2.0.9', 'UNIT-FGW', () => (checked = true));
    expect(refused).toMatchObject({ code: 'TOO_MANY_REQUESTS', details: { reason: 'SIGN_INS_FOR_LOGIN_NAME' } });
    expect((refused as DomainError).messageZh).toMatch(/^此登录名登录过于频繁：每分钟最多 4 次，请 \d+ 秒后再试。$/);
    expect(checked).toBe(false);
    expect(await attempt(interceptor, '10.2.0.9', 'unit-czj', signedIn)).toBe('signed in');
  });
});
