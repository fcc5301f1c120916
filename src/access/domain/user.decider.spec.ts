import { admin, supervisor } from '../../shared/testing/actors.js';
import { given as givenDecider } from '../../shared/testing/decider-testing.js';
import { userDecider, type UserCommand } from './user.decider.js';
import type { UserEvent } from './user.events.js';

const registered: UserEvent = { type: 'UserRegistered', data: { userId: 'u-1', name: '李娜', role: 'UNIT', unitId: 'unit-fgw' } };
const deactivated: UserEvent = { type: 'UserDeactivated', data: { userId: 'u-1', reason: '调离岗位' } };

const register = (overrides: Partial<Extract<UserCommand, { type: 'RegisterUser' }>> = {}): UserCommand => ({
  type: 'RegisterUser', actor: admin, userId: 'u-1', name: '李娜', role: 'UNIT', unitId: 'unit-fgw', unitExists: true, firstToken: null, ...overrides,
});
const issue = (overrides: Partial<Extract<UserCommand, { type: 'IssueAccessToken' }>> = {}): UserCommand => ({
  type: 'IssueAccessToken', actor: admin, tokenId: 't-1', tokenSha256: 'abc', expiresAt: '2026-12-31T00:00:00.000Z', now: '2026-04-01T00:00:00.000Z', ...overrides,
});
const deactivate = (reason = '调离岗位', actor = admin): UserCommand => ({ type: 'DeactivateUser', actor, reason });

const given = (events: UserEvent[]) => givenDecider(userDecider, events);

describe('no user yet', () => {
  it('registers a unit user bound to an existing unit', () => given([]).when(register()).then([registered]));
  it('issues the first token in the same decision', () =>
    given([]).when(register({ firstToken: { tokenId: 't-0', tokenSha256: 'f00', expiresAt: '2026-12-31T00:00:00.000Z' } })).then([
      registered,
      { type: 'AccessTokenIssued', data: { userId: 'u-1', tokenId: 't-0', tokenSha256: 'f00', expiresAt: '2026-12-31T00:00:00.000Z' } },
    ]));
  it('registers a supervisor without a unit', () =>
    given([]).when(register({ role: 'SUPERVISOR', unitId: null })).then([{ type: 'UserRegistered', data: { userId: 'u-1', name: '李娜', role: 'SUPERVISOR', unitId: null } }]));
  it('is for administrators and the command line only', () => given([]).when(register({ actor: supervisor })).thenRefused('FORBIDDEN'));
  it('refuses a unit user without a unit', () => given([]).when(register({ unitId: null })).thenRefused('BAD_USER_INPUT'));
  it('refuses an unknown unit', () => given([]).when(register({ unitExists: false })).thenRefused('NOT_FOUND'));
  // Staff of the supervising office belong to it; only a UNIT user is limited to its unit's parts.
  it('registers a supervisor of the openness office with that unit', () =>
    given([]).when(register({ role: 'SUPERVISOR', unitId: 'unit-openness' })).then([
      { type: 'UserRegistered', data: { userId: 'u-1', name: '李娜', role: 'SUPERVISOR', unitId: 'unit-openness' } },
    ]));
  it('refuses an empty name', () => given([]).when(register({ name: '  ' })).thenRefused('BAD_USER_INPUT'));
  it('cannot issue a token to nobody', () => given([]).when(issue()).thenRefused('NOT_FOUND'));
});

describe('an active user', () => {
  it('cannot be registered twice', () => given([registered]).when(register()).thenRefused('CONFLICT'));
  it('gets tokens, recorded only as hashes', () =>
    given([registered]).when(issue()).then([{ type: 'AccessTokenIssued', data: { userId: 'u-1', tokenId: 't-1', tokenSha256: 'abc', expiresAt: '2026-12-31T00:00:00.000Z' } }]));
  it('refuses a token that is already expired', () => given([registered]).when(issue({ expiresAt: '2026-03-01T00:00:00.000Z' })).thenRefused('BAD_USER_INPUT'));
  it('is deactivated with a reason', () => given([registered]).when(deactivate()).then([deactivated]));
  it('needs a reason to be deactivated', () => given([registered]).when(deactivate(' ')).thenRefused('BAD_USER_INPUT'));
  it('cannot be deactivated by themselves: the last administrator would lock everyone out', () => {
    const ownAccount: UserEvent = { type: 'UserRegistered', data: { userId: admin.id, name: '系统管理员', role: 'ADMIN', unitId: null } };
    given([ownAccount]).when(deactivate('离职', admin)).thenRefused('FORBIDDEN', /your own account/);
  });
});

describe('a deactivated user', () => {
  it('gets no new token', () => given([registered, deactivated]).when(issue()).thenRefused('CONFLICT'));
  it('cannot be deactivated twice', () => given([registered, deactivated]).when(deactivate()).thenRefused('CONFLICT'));
});
