import type { Actor } from '../../shared/command-context.js';
import { unreachable, type Decider } from '../../shared/decider.js';
import { DomainError, badInput, conflict, notFound } from '../../shared/domain-error.js';
import { isBlank, requireRole, requireText } from '../../shared/guards.js';
import type { UserEvent, UserRole } from './user.events.js';

/** Who manages accounts: administrators, and the operator's command-line tools. */
const ACCOUNT_MANAGERS: Actor['role'][] = ['ADMIN', 'SYSTEM'];

export interface RegisterUser {
  readonly type: 'RegisterUser';
  readonly actor: Actor;
  readonly userId: string;
  readonly name: string;
  readonly role: UserRole;
  readonly unitId: string | null;
  /** Looked up by the handler in the units directory. */
  readonly unitExists: boolean;
  /** The account's first token, issued in the same decision so that one retry key covers both. */
  readonly firstToken: { readonly tokenId: string; readonly tokenSha256: string; readonly expiresAt: string } | null;
}

export interface IssueAccessToken {
  readonly type: 'IssueAccessToken';
  readonly actor: Actor;
  readonly tokenId: string;
  readonly tokenSha256: string;
  readonly expiresAt: string;
  readonly now: string;
}

export interface DeactivateUser {
  readonly type: 'DeactivateUser';
  readonly actor: Actor;
  readonly reason: string;
}

export type UserCommand = RegisterUser | IssueAccessToken | DeactivateUser;

export type UserState =
  | { readonly status: 'unregistered' }
  | { readonly status: 'active' | 'deactivated'; readonly userId: string; readonly name: string; readonly role: UserRole };

export const userDecider: Decider<UserCommand, UserState, UserEvent> = {
  initialState: () => ({ status: 'unregistered' }),

  evolve(state, event) {
    switch (event.type) {
      case 'UserRegistered':
        return { status: 'active', userId: event.data.userId, name: event.data.name, role: event.data.role };
      case 'AccessTokenIssued':
        return state;
      case 'UserDeactivated':
        return state.status === 'unregistered' ? state : { ...state, status: 'deactivated' };
      default:
        return unreachable(event);
    }
  },

  decide(command, state) {
    requireRole(command.actor, ACCOUNT_MANAGERS, 'manage user accounts');
    switch (command.type) {
      case 'RegisterUser': {
        if (state.status !== 'unregistered') throw conflict(`User ${state.userId} (${state.name}) already exists.`);
        requireText(command.name, "The user's name");
        if (command.role === 'UNIT' && !command.unitId) throw badInput('A UNIT user must belong to a unit.');
        if (command.unitId && !command.unitExists) throw notFound('Unit', command.unitId);
        const { userId, name, role, unitId, firstToken } = command;
        const registered: UserEvent = { type: 'UserRegistered', data: { userId, name: name.trim(), role, unitId } };
        return firstToken ? [registered, { type: 'AccessTokenIssued', data: { userId, ...firstToken } }] : [registered];
      }
      case 'IssueAccessToken': {
        if (state.status === 'unregistered') throw notFound('User', 'to issue a token for');
        if (state.status === 'deactivated') throw conflict(`User ${state.name} is deactivated; no new tokens can be issued.`);
        if (command.expiresAt <= command.now) throw badInput('A token must expire in the future.');
        const { tokenId, tokenSha256, expiresAt } = command;
        return [{ type: 'AccessTokenIssued', data: { userId: state.userId, tokenId, tokenSha256, expiresAt } }];
      }
      case 'DeactivateUser': {
        if (state.status === 'unregistered') throw notFound('User', 'to deactivate');
        if (state.status === 'deactivated') throw conflict(`User ${state.name} is already deactivated.`);
        if (isBlank(command.reason)) throw badInput('Say why the user is deactivated.');
        // Else the last administrator could lock everyone out of account management.
        if (command.actor.id === state.userId) throw new DomainError('FORBIDDEN', 'You cannot deactivate your own account; ask another administrator.');
        return [{ type: 'UserDeactivated', data: { userId: state.userId, reason: command.reason.trim() } }];
      }
      default:
        return unreachable(command);
    }
  },
};
