import type { Actor } from '../../shared/command-context.js';
import { unreachable, type Decider } from '../../shared/decider.js';
import { badInput, conflict, forbidden, notFound, say } from '../../shared/domain-error.js';
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
    requireRole(command.actor, ACCOUNT_MANAGERS, say('manage user accounts', '管理用户账号'));
    switch (command.type) {
      case 'RegisterUser': {
        if (state.status !== 'unregistered') throw conflict(`User ${state.userId} (${state.name}) already exists.`, `用户 ${state.name}（${state.userId}）已存在。`);
        requireText(command.name, say("The user's name", '用户姓名'));
        if (command.role === 'UNIT' && !command.unitId) throw badInput('A UNIT user must belong to a unit.', '责任单位用户必须属于一个单位。', { field: 'unitId' });
        if (command.unitId && !command.unitExists) throw notFound('Unit', command.unitId);
        const { userId, name, role, unitId, firstToken } = command;
        const registered: UserEvent = { type: 'UserRegistered', data: { userId, name: name.trim(), role, unitId } };
        return firstToken ? [registered, { type: 'AccessTokenIssued', data: { userId, ...firstToken } }] : [registered];
      }
      case 'IssueAccessToken': {
        if (state.status === 'unregistered') throw notFound('User', 'to issue a token for');
        if (state.status === 'deactivated') throw conflict(`User ${state.name} is deactivated; no new tokens can be issued.`, `用户 ${state.name} 已停用，不能再发放令牌。`);
        if (command.expiresAt <= command.now) throw badInput('A token must expire in the future.', '令牌的到期时间必须在将来。');
        const { tokenId, tokenSha256, expiresAt } = command;
        return [{ type: 'AccessTokenIssued', data: { userId: state.userId, tokenId, tokenSha256, expiresAt } }];
      }
      case 'DeactivateUser': {
        if (state.status === 'unregistered') throw notFound('User', 'to deactivate');
        if (state.status === 'deactivated') throw conflict(`User ${state.name} is already deactivated.`, `用户 ${state.name} 已经停用。`);
        if (isBlank(command.reason)) throw badInput('Say why the user is deactivated.', '请说明停用该用户的原因。', { field: 'reason' });
        // Else the last administrator could lock everyone out of account management.
        if (command.actor.id === state.userId) throw forbidden('You cannot deactivate your own account; ask another administrator.', '不能停用自己的账号，请让另一位管理员操作。');
        return [{ type: 'UserDeactivated', data: { userId: state.userId, reason: command.reason.trim() } }];
      }
      default:
        return unreachable(command);
    }
  },
};
