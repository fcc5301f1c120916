import { SetMetadata } from '@nestjs/common';
import type { ActorRole } from '../../event-store/event-store.port.js';
import type { Actor } from '../../shared/command-context.js';
import { DomainError, ROLE_ZH, say, type Bilingual } from '../../shared/domain-error.js';

export const ACCESS_POLICY = 'rectify:access-policy';

export type AccessPolicy = { readonly public: true } | { readonly public: false; readonly roles: readonly ActorRole[] };

/** Who may call an operation. An operation without a policy is refused to everyone. */
export const AllowRoles = (...roles: ActorRole[]) => SetMetadata(ACCESS_POLICY, { public: false, roles } satisfies AccessPolicy);

/** The few operations anyone may call, signed in or not. */
export const Public = () => SetMetadata(ACCESS_POLICY, { public: true } satisfies AccessPolicy);

export const ALLOWED_BEFORE_PASSWORD_CHANGE = 'rectify:allowed-before-password-change';

/**
 * The few operations a session signed in with an administrator's initial password may call
 * (`me`, `changePassword`, `signOut`); everything else waits until the user chose their own.
 */
export const AllowedBeforePasswordChange = () => SetMetadata(ALLOWED_BEFORE_PASSWORD_CHANGE, true);

/** Every signed-in role. */
export const ANY_SIGNED_IN: ActorRole[] = ['SUPERVISOR', 'INSPECTOR', 'UNIT', 'ADMIN'];

/** Those who read the rectification work: everything, except what unit-scoping hides from units. */
export const WORKFLOW_READERS: ActorRole[] = ['SUPERVISOR', 'INSPECTOR', 'UNIT'];

/** A unit user sees its own unit's details only; others see every unit's. */
export function mayReadUnitDetails(actor: Actor, unitId: string): boolean {
  return actor.role !== 'UNIT' || actor.unitId === unitId;
}

export function requireUnitDetailsAccess(actor: Actor, unitId: string, what: Bilingual): void {
  if (!mayReadUnitDetails(actor, unitId)) {
    throw new DomainError('FORBIDDEN', say(`A unit user may read only its own unit's ${what.en}.`, `${ROLE_ZH.UNIT}只能查看本单位的${what.zh}。`));
  }
}
