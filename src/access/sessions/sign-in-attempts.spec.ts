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

const settings: Partial<AppSettings> = { SIGN_IN_FAILURES_PER_LOGIN_NAME_PER_MINUTE: 3, SIGN_IN_FAILURES_PER_ADDRESS_PER_MINUTE: 5 };
const config = { get: (name: keyof AppSettings) => settings[name] } as unknown as ConfigService<AppSettings, true>;

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
