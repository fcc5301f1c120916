import type { ClaimedValue } from '../../event-sourcing/execute-command.js';
import type { UserRole } from '../domain/user.events.js';
import type { UserView } from './users.read-model.js';

/**
 * One rule for both ways an account is made — `registerUser` (GraphQL, 用户管理) and `user:create`
 * (the command line): an active account of one name, role and unit is made once, unless a second one
 * is asked for on purpose (`again: true` / `--again`). A request resent under a new key (a script's
 * retry after a timeout, a command run twice) would otherwise make another account with another
 * live token nobody kept (breaker9d P7, breaker9f P4, breaker9g P4).
 */
export interface AccountIdentity {
  readonly name: string;
  readonly role: UserRole;
  readonly unitId: string | null;
}

/** How a person reads a name: full-width forms and surrounding spaces do not make another person. */
export const sameAccountName = (a: string, b: string) => a.normalize('NFKC').trim() === b.normalize('NFKC').trim();

/** The active account of this name, role and unit, if any (the oldest). */
export function activeAccountLike(accounts: readonly UserView[], account: AccountIdentity): UserView | undefined {
  return accounts.find((user) => user.active && user.role === account.role && user.unitId === account.unitId && sameAccountName(user.name, account.name));
}

/**
 * The account's name, role and unit as the value only one account made without `again` may hold,
 * taken with the account's first event: of two requests at once (the check above is a read, then a
 * write) one gets it. A request that meets it held reads again and is refused as a second request
 * is, or takes it over from an account deactivated or renamed since.
 */
export const accountIdentityClaim = (account: AccountIdentity): ClaimedValue => ({
  scope: `account-identity:${account.role}:${account.unitId ?? '-'}`,
  value: account.name.normalize('NFKC').trim(),
  field: 'name',
  label: account.name,
});
