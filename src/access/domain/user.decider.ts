import type { Actor } from '../../shared/command-context.js';
import { unreachable, type Decider } from '../../shared/decider.js';
import { officeClock, officeDate } from '../../shared/calendar-date.js';
import { DomainError, ROLE_ZH, badInput, conflict, forbidden, notFound, say, valueChangedMeanwhile, type Bilingual } from '../../shared/domain-error.js';
import { isBlank, requireRole, requireText } from '../../shared/guards.js';
import type { FailureRunAt, UserEvent, UserRole } from './user.events.js';
import { CredentialRefused } from './credential-refused.js';
import { mixedScripts, normalizeLoginName } from './login-name.js';

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
  /** The unit's merge into another by the office day of the registration (handler: mergedUnitOf); null while it stands. */
  readonly unitMerged: UnitMergedAway | null;
  /** The account's first token, issued in the same decision so that one retry key covers both. */
  readonly firstToken: { readonly tokenId: string; readonly tokenSha256: string; readonly expiresAt: string } | null;
  /**
   * A login name and an initial password given with the account (the 用户管理 page): set in the
   * same decision, so an account is never left half made when its login name is taken.
   */
  readonly initialPassword: Omit<SetInitialPassword, 'type' | 'actor'> | null;
  /**
   * An active account of the same name, role and unit, looked up by the handler (account-identity.ts);
   * null when there is none or a second one is asked for on purpose (`again`). Its office day of
   * registration (YYYY-MM-DD) and unit name say which account it is.
   */
  readonly sameAccount: { readonly userId: string; readonly name: string; readonly registeredOn: string; readonly unitName: string | null } | null;
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

/** An administrator gives a deactivated account back its use; `now` (UTC instant) dates it. */
export interface ReactivateUser {
  readonly type: 'ReactivateUser';
  readonly actor: Actor;
  readonly reason: string;
  readonly now: string;
}

/**
 * An administrator sets what the account should say: its name, role and unit (null: none), all
 * three, as they are to be; what differs from now is recorded (UserRenamed, UserRoleChanged).
 */
export interface ChangeUserAccount {
  readonly type: 'ChangeUserAccount';
  readonly actor: Actor;
  readonly name: string;
  readonly role: UserRole;
  readonly unitId: string | null;
  /** Looked up by the handler in the units directory. */
  readonly unitExists: boolean;
  /** The unit's merge into another by the office day of the change (handler: mergedUnitOf); null while it stands. */
  readonly unitMerged: UnitMergedAway | null;
  readonly reason: string;
  readonly now: string;
  /**
   * The account as the administrator's form showed it (the web app sends it; optional for scripts): changed meanwhile by
   * another administrator — renamed, given another role or unit — the change is refused CONFLICT naming who made it and when,
   * so the second form never silently puts back what the first changed (newcomer50-9 S4's kind). Absent: not checked.
   */
  readonly expected?: { readonly name?: string; readonly role: UserRole; readonly unitId: string | null };
  /**
   * Names of the units a changed-meanwhile refusal may name, by id (the handler: the account's unit on record, the form's, the
   * one asked for — from the units directory); a unit missing here is said as 另一单位.
   */
  readonly unitNames?: Readonly<Record<string, string>>;
}

/** A unit merged into another (机构改革): its name, the successor that carries its work, the office day of the merge. */
export interface UnitMergedAway {
  readonly unitName: string;
  readonly successorName: string;
  /** `YYYY-MM-DD`, China office day. */
  readonly mergedOn: string;
}

/**
 * A merged unit takes no new work (its parts passed to the successor): an account put in it would
 * be reminded of nothing and its clerk told nothing (newcomer22 S8). Asked of administrators (the
 * web and the API), not of the operator's tools, which make the account of a clerk who enters the
 * merged unit's papers dated before the merge.
 * @throws DomainError CONFLICT (reason UNIT_MERGED, field unitId) naming the successor to put the account in.
 */
function refuseMergedUnit(merged: UnitMergedAway | null): void {
  if (!merged) return;
  const { unitName, successorName, mergedOn } = merged;
  throw conflict(
    `${unitName} was merged into ${successorName} on ${mergedOn} and takes no new work: put the account in ${successorName}.`,
    `${unitName}已于 ${mergedOn} 并入${successorName}，不再承担新的工作：请把账号设在${successorName}。`,
    { reason: 'UNIT_MERGED', field: 'unitId' },
  );
}

/** An administrator (or the demo) sets a login name and a first password, hashed by the handler. */
export interface SetInitialPassword {
  readonly type: 'SetInitialPassword';
  readonly actor: Actor;
  readonly loginName: string;
  readonly passwordHash: string;
  readonly changeRequired: boolean;
  /** Looked up by the handler: the account that already has this login name, if another one. */
  readonly loginNameTakenBy: string | null;
  /**
   * Looked up by the handler (`UsersReadModel.loginNameLookingLike`): another account whose login
   * name looks the same without being it (one `loginNameSkeleton`: аdmin beside admin, 財务科 beside
   * 财务科), with that login name as it was given; null when there is none.
   */
  readonly loginNameLooksLike: { readonly userId: string; readonly loginName: string } | null;
  /**
   * The account's password as the administrator's form showed it (the web app sends it; optional for scripts, unchecked when
   * absent): `passwordSet` false — 设置密码, the account had none —, or true with the `loginName` shown — 重设密码. Another now — a
   * colleague set a login name and password meanwhile, or another login name — is CONFLICT (field `expectedLoginName`) naming who
   * set it and when, nothing changed: the login name and password the first administrator handed over keep working
   * (breaker52-9 S1). Two resets that keep one login name are not told apart (the form shows no password).
   */
  readonly expected?: { readonly passwordSet: boolean; readonly loginName?: string };
}

/**
 * A sign-in attempt; the handler has checked the password against the stored hash. `address`: the
 * client address it comes from (null: not known); `addressKnown`: looked up by the handler in the
 * users read model — the account signed in from that address lately (`signedInLately`). `device`:
 * the browser it comes from (`deviceRunAt` of its device cookie; null: none), `deviceKnown` likewise.
 * Wrong passwords are counted, and lock, on that browser if known, else at that address if known,
 * else at every place not known (`FailureRunAt`).
 */
export interface SignIn {
  readonly type: 'SignIn';
  readonly actor: Actor;
  readonly passwordMatches: boolean;
  readonly session: { readonly sessionId: string; readonly tokenSha256: string; readonly expiresAt: string };
  readonly address: string | null;
  readonly addressKnown: boolean;
  readonly device: string | null;
  readonly deviceKnown: boolean;
  readonly now: string;
}

export interface ChangePassword {
  readonly type: 'ChangePassword';
  readonly actor: Actor;
  readonly currentPasswordMatches: boolean;
  /** The new password is the current one (checked against the hash by the handler). */
  readonly newPasswordIsCurrent: boolean;
  readonly passwordHash: string;
  /** The session the change is made in, which stays open; null with an API token. */
  readonly sessionId: string | null;
}

/**
 * The user ends the session `sessionId`. `sessionOpen`: looked up by the handler in the users read
 * model (the session is this account's, neither signed out nor ended by a password change) — the
 * account's state does not keep its sessions (breaker12e P3: an office account's thousands of them).
 */
export interface SignOut {
  readonly type: 'SignOut';
  readonly actor: Actor;
  readonly sessionId: string;
  readonly sessionOpen: boolean;
}

/** An administrator lifts a lock before it runs out; `now` (UTC instant) says whether one is on. */
export interface UnlockAccount {
  readonly type: 'UnlockAccount';
  readonly actor: Actor;
  readonly now: string;
}

export type UserCommand = RegisterUser | IssueAccessToken | DeactivateUser | ReactivateUser | ChangeUserAccount | SetInitialPassword | UnlockAccount | SignIn | ChangePassword | SignOut;

/** Failed sign-ins in a row that lock an account (issue 11; OWASP Authentication Cheat Sheet: lock after a few failures). */
export const MAX_FAILED_SIGN_INS = 5;
/** How long a lock lasts, in minutes (issue 11). */
export const LOCK_MINUTES = 15;

export interface Credentials {
  readonly loginName: string;
  readonly passwordHash: string;
  readonly changeRequired: boolean;
}

export type UserState =
  | { readonly status: 'unregistered' }
  | {
      readonly status: 'active' | 'deactivated';
      readonly userId: string;
      readonly name: string;
      readonly role: UserRole;
      readonly unitId: string | null;
      readonly credentials: Credentials | null;
      /** The run of wrong passwords at the addresses the account has not signed in from lately (`FailureRunAt` null). */
      readonly strangers: FailureRun;
      /**
       * The runs at addresses it had signed in from lately, by address: only those with a failure or a
       * lock (a sign-in there, an unlock or a reset ends them). Only a right password makes an address
       * known, so a stranger cannot make this grow.
       */
      readonly atKnownAddresses: Readonly<Record<string, FailureRun>>;
      // No sessions here (breaker12e P3): a shared office account signs in thousands of times a year,
      // and a state that grew with them made every sign-in copy them all. Which sessions are open is
      // the users read model's (authentication asks it on every request); SignOut is told.
    };

/** Wrong passwords in a row at one place (`FailureRunAt`), and the lock they led to. */
export interface FailureRun {
  readonly failedAttempts: number;
  /** UTC instant; a sign-in from there before it is refused. */
  readonly lockedUntil: string | null;
}

const NO_FAILURES: FailureRun = { failedAttempts: 0, lockedUntil: null };

type RegisteredUser = Exclude<UserState, { status: 'unregistered' }>;

/** The run counted at `at`. */
export const failureRunAt = (user: RegisteredUser, at: FailureRunAt): FailureRun => (at === null ? user.strangers : (user.atKnownAddresses[at] ?? NO_FAILURES));

/** `user` with the run at `at` replaced (`NO_FAILURES`: a known address's run is dropped). O(known addresses with a run). */
function withRunAt(user: RegisteredUser, at: FailureRunAt, run: FailureRun): RegisteredUser {
  if (at === null) return { ...user, strangers: run };
  const { [at]: _ended, ...others } = user.atKnownAddresses;
  return { ...user, atKnownAddresses: run.failedAttempts === 0 && run.lockedUntil === null ? others : { ...others, [at]: run } };
}

/** The latest end of a lock on the account anywhere (UTC instant), or null. */
export const latestLockEnd = (user: RegisteredUser): string | null =>
  [user.strangers, ...Object.values(user.atKnownAddresses)].reduce<string | null>((latest, run) => (run.lockedUntil !== null && (latest === null || run.lockedUntil > latest) ? run.lockedUntil : latest), null);

/** Where a sign-in from `device` at `address` counts (`FailureRunAt`): a known browser, else a known address, else with strangers. */
const runOf = ({
  address,
  addressKnown,
  device,
  deviceKnown,
}: {
  readonly address: string | null;
  readonly addressKnown: boolean;
  readonly device: string | null;
  readonly deviceKnown: boolean;
}): FailureRunAt => (deviceKnown && device !== null ? device : addressKnown && address !== null ? address : null);

/** Why a sign-in was refused, for the client to branch on (`extensions.reason`). */
export type SignInRefusal = 'WRONG_CREDENTIALS' | 'ACCOUNT_LOCKED';

/** The same answer for an unknown login name and a wrong password: names are not revealed. */
export const wrongCredentials = (accountId: string | null = null) =>
  new CredentialRefused(say('The login name or password is wrong.', '登录名或密码错误。'), accountId, { reason: 'WRONG_CREDENTIALS' satisfies SignInRefusal });

export const accountLocked = (userId: string, lockedUntil: string) =>
  new CredentialRefused(
    say(
      `Too many failed sign-ins: this account is locked until ${lockedUntil}. Try again later, or ask an administrator to set a new password.`,
      `登录失败次数过多，账号已锁定至北京时间 ${officeClock(lockedUntil)}。请稍后再试，或请管理员解锁（忘记密码时请管理员重设密码）。`,
    ),
    userId,
    { reason: 'ACCOUNT_LOCKED' satisfies SignInRefusal, lockedUntil },
  );

const MINUTE_MS = 60_000;

export const userDecider: Decider<UserCommand, UserState, UserEvent> = {
  initialState: () => ({ status: 'unregistered' }),

  evolve(state, event) {
    if (event.type === 'UserRegistered') {
      const { userId, name, role, unitId } = event.data;
      return { status: 'active', userId, name, role, unitId, credentials: null, strangers: NO_FAILURES, atKnownAddresses: {} };
    }
    if (state.status === 'unregistered') return state;
    switch (event.type) {
      case 'AccessTokenIssued':
        return state;
      case 'UserDeactivated':
        return { ...state, status: 'deactivated' };
      case 'UserReactivated':
        // The sessions from before the deactivation stay ended (the users read model ends them).
        return { ...state, status: 'active' };
      case 'UserRenamed':
        return { ...state, name: event.data.name };
      case 'UserRoleChanged':
        return { ...state, role: event.data.role, unitId: event.data.unitId };
      case 'InitialPasswordSet': {
        const { loginName, passwordHash, changeRequired } = event.data;
        return { ...state, credentials: { loginName, passwordHash, changeRequired }, strangers: NO_FAILURES, atKnownAddresses: {} };
      }
      case 'PasswordChanged': {
        const credentials = state.credentials && { ...state.credentials, passwordHash: event.data.passwordHash, changeRequired: false };
        return { ...state, credentials };
      }
      case 'SignInFailed':
        return withRunAt(state, event.data.at, { ...failureRunAt(state, event.data.at), failedAttempts: event.data.failedAttempts });
      case 'AccountLocked':
        return withRunAt(state, event.data.at, { failedAttempts: 0, lockedUntil: event.data.lockedUntil });
      case 'AccountUnlocked':
        return { ...state, strangers: NO_FAILURES, atKnownAddresses: {} };
      // O(1) whatever the account's history: a sign-in only ends the run of wrong passwords where it came from.
      case 'SessionStarted': {
        const at = runOf(event.data);
        return failureRunAt(state, at).failedAttempts === 0 ? state : withRunAt(state, at, { ...failureRunAt(state, at), failedAttempts: 0 });
      }
      case 'SessionEnded':
        return state;
      default:
        return unreachable(event);
    }
  },

  decide(command, state) {
    switch (command.type) {
      case 'RegisterUser': {
        requireAccountManager(command.actor);
        if (state.status !== 'unregistered') throw conflict(`User ${state.userId} (${state.name}) already exists.`, `用户 ${state.name} 已存在。`);
        requireText(command.name, say("The user's name", '用户姓名'));
        if (command.role === 'UNIT' && !command.unitId) throw badInput('A UNIT user must belong to a unit.', `${ROLE_ZH.UNIT}账号必须属于一个单位。`, { field: 'unitId' });
        if (command.unitId && !command.unitExists) throw notFound('Unit', command.unitId);
        // The operator's tools (SYSTEM) may still make one: a clerk entering the merged unit's papers dated before the merge.
        if (command.actor.role !== 'SYSTEM') refuseMergedUnit(command.unitMerged);
        if (command.sameAccount) throw sameAccountExists(command.role, command.sameAccount);
        const { userId, name, role, unitId, firstToken, initialPassword } = command;
        const registered: UserEvent = { type: 'UserRegistered', data: { userId, name: name.trim(), role, unitId } };
        const events: UserEvent[] = [registered];
        if (firstToken) events.push({ type: 'AccessTokenIssued', data: { userId, ...firstToken } });
        if (initialPassword) {
          requireFreeLoginName(initialPassword, userId, null);
          const { loginName, passwordHash, changeRequired } = initialPassword;
          events.push({ type: 'InitialPasswordSet', data: { userId, loginName, passwordHash, changeRequired } });
        }
        return events;
      }
      case 'IssueAccessToken': {
        requireAccountManager(command.actor);
        const user = requireRegistered(state, 'to issue a token for');
        if (user.status === 'deactivated') throw conflict(`User ${user.name} is deactivated; no new tokens can be issued.`, `用户 ${user.name} 已停用，不能再发放令牌。`);
        if (command.expiresAt <= command.now) throw badInput('A token must expire in the future.', '令牌的到期时间必须在将来。');
        const { tokenId, tokenSha256, expiresAt } = command;
        return [{ type: 'AccessTokenIssued', data: { userId: user.userId, tokenId, tokenSha256, expiresAt } }];
      }
      case 'DeactivateUser': {
        requireAccountManager(command.actor);
        const user = requireRegistered(state, 'to deactivate');
        if (user.status === 'deactivated') throw conflict(`User ${user.name} is already deactivated.`, `用户 ${user.name} 已经停用。`);
        if (isBlank(command.reason)) throw badInput('Say why the user is deactivated.', '请说明停用该用户的原因。', { field: 'reason' });
        // Else the last administrator could lock everyone out of account management.
        if (command.actor.id === user.userId) throw forbidden('You cannot deactivate your own account; ask another administrator.', '不能停用自己的账号，请让另一位管理员操作。');
        return [{ type: 'UserDeactivated', data: { userId: user.userId, reason: command.reason.trim() } }];
      }
      case 'ReactivateUser': {
        requireAccountManager(command.actor);
        const user = requireRegistered(state, 'to reactivate');
        if (user.status === 'active') throw conflict(`User ${user.name} is not deactivated.`, `用户 ${user.name} 没有停用，无需启用。`);
        if (isBlank(command.reason)) throw badInput('Say why the account is used again.', '请说明重新启用该账号的原因。', { field: 'reason' });
        return [{ type: 'UserReactivated', data: { userId: user.userId, reason: command.reason.trim(), reactivatedOn: officeDate(command.now) } }];
      }
      case 'ChangeUserAccount': {
        requireAccountManager(command.actor);
        const user = requireRegistered(state, 'to change');
        requireText(command.name, say("The user's name", '用户姓名'));
        if (command.role === 'UNIT' && !command.unitId) throw badInput('A UNIT user must belong to a unit.', `${ROLE_ZH.UNIT}账号必须属于一个单位。`, { field: 'unitId' });
        if (command.unitId && !command.unitExists) throw notFound('Unit', command.unitId);
        // An account already in a merged unit may be renamed or moved out; it is never moved in.
        if (command.unitId !== user.unitId && command.actor.role !== 'SYSTEM') refuseMergedUnit(command.unitMerged);
        if (command.expected !== undefined) {
          const { expected } = command;
          // The account in a few words, both languages: its name, role and unit by name (newcomer52-9 M2: 「所属单位不同」 named
          // neither unit) — 「李娜，单位经办人，青川市财政局」.
          const shown = (account: { name?: string; role: UserRole; unitId: string | null }): Bilingual => {
            const name = account.name ?? user.name;
            const unit = account.unitId === null ? null : (command.unitNames?.[account.unitId] ?? null);
            const unitEn = account.unitId === null ? '' : `, ${unit ?? 'a unit not yet in the directory'}`;
            const unitZh = account.unitId === null ? '' : `，${unit ?? '另一单位'}`;
            return { en: `${name}, ${account.role}${unitEn}`, zh: `${name}，${ROLE_ZH[account.role]}${unitZh}` };
          };
          if ((expected.name !== undefined && expected.name !== user.name) || expected.role !== user.role || expected.unitId !== user.unitId) {
            throw valueChangedMeanwhile(say(`The account of ${user.name}`, `用户 ${user.name} 的账号`), shown(user), shown(expected), { types: ['UserRenamed', 'UserRoleChanged'], field: 'expectedRole' });
          }
        }
        const name = command.name.trim();
        const renamed = name !== user.name;
        const roleChanged = command.role !== user.role || command.unitId !== user.unitId;
        if (!renamed && !roleChanged) {
          throw badInput(`Nothing to change: ${user.name} already has this name, role and unit.`, `没有要修改的内容：${user.name} 的姓名、角色和所属单位已是如此。`);
        }
        if (isBlank(command.reason)) throw badInput('Say why the account is changed.', '请说明修改的原因。', { field: 'reason' });
        // Else the last administrator could lock everyone out of account management.
        if (roleChanged && command.actor.id === user.userId && command.role !== user.role) {
          throw forbidden('You cannot change your own role; ask another administrator.', '不能修改自己的角色，请让另一位管理员操作。');
        }
        const reason = command.reason.trim();
        const day = officeDate(command.now);
        const events: UserEvent[] = [];
        if (renamed) events.push({ type: 'UserRenamed', data: { userId: user.userId, name, reason, renamedOn: day } });
        if (roleChanged) events.push({ type: 'UserRoleChanged', data: { userId: user.userId, role: command.role, unitId: command.unitId, reason, changedOn: day } });
        return events;
      }
      case 'SetInitialPassword': {
        requireAccountManager(command.actor);
        const user = requireRegistered(state, 'to set a password for');
        if (user.status === 'deactivated') throw conflict(`User ${user.name} is deactivated; reactivate the account first.`, `用户 ${user.name} 已停用，请先启用该账号再设置密码。`);
        if (command.expected !== undefined) refusePasswordSetMeanwhile(user, command.expected);
        requireFreeLoginName(command, user.userId, user.credentials?.loginName ?? null);
        const { loginName, passwordHash, changeRequired } = command;
        return [{ type: 'InitialPasswordSet', data: { userId: user.userId, loginName, passwordHash, changeRequired } }];
      }
      case 'UnlockAccount': {
        requireAccountManager(command.actor);
        const user = requireRegistered(state, 'to unlock');
        if (user.status === 'deactivated') throw conflict(`User ${user.name} is deactivated; there is nothing to unlock.`, `用户 ${user.name} 已停用，无需解锁。`);
        const lockEnd = latestLockEnd(user);
        if (lockEnd === null || lockEnd <= command.now) {
          throw conflict(`The account of ${user.name} is not locked.`, `用户 ${user.name} 的账号没有被锁定，无需解锁。`);
        }
        return [{ type: 'AccountUnlocked', data: { userId: user.userId, unlockedOn: officeDate(command.now) } }];
      }
      case 'SignIn': {
        const user = requireRegistered(state, 'to sign in');
        if (!user.credentials) throw wrongCredentials(user.userId);
        const at = runOf(command);
        const run = failureRunAt(user, at);
        if (run.lockedUntil !== null && run.lockedUntil > command.now) throw accountLocked(user.userId, run.lockedUntil);
        if (!command.passwordMatches) {
          // A run that led to a lock now over starts again from zero (AccountLocked set it so).
          const failedAttempts = run.failedAttempts + 1;
          const failed: UserEvent = { type: 'SignInFailed', data: { userId: user.userId, failedAttempts, at } };
          if (failedAttempts < MAX_FAILED_SIGN_INS) return [failed];
          const lockedUntil = new Date(Date.parse(command.now) + LOCK_MINUTES * MINUTE_MS).toISOString();
          return [failed, { type: 'AccountLocked', data: { userId: user.userId, lockedUntil, failedAttempts, at } }];
        }
        if (user.status === 'deactivated') throw new CredentialRefused(say('This account has been deactivated.', '此账号已停用。'), user.userId);
        return [{ type: 'SessionStarted', data: { userId: user.userId, ...command.session, address: command.address, addressKnown: command.address !== null && command.addressKnown, device: command.device, deviceKnown: command.device !== null && command.deviceKnown } }];
      }
      case 'ChangePassword': {
        const user = requireOwnAccount(state, command.actor);
        if (!user.credentials) throw conflict('No password has been set for this account; ask an administrator.', '此账号尚未设置密码，请联系管理员。');
        if (!command.currentPasswordMatches) {
          throw badInput('The current password is wrong.', '当前密码不正确。', { field: 'currentPassword' });
        }
        if (command.newPasswordIsCurrent) {
          throw badInput('The new password must differ from the current one.', '新密码不能与当前密码相同。', { field: 'newPassword' });
        }
        return [{ type: 'PasswordChanged', data: { userId: user.userId, passwordHash: command.passwordHash, keptSessionId: command.sessionId } }];
      }
      case 'SignOut': {
        const user = requireOwnAccount(state, command.actor);
        // Signing out twice is no error: the session is over either way.
        if (!command.sessionOpen) return [];
        return [{ type: 'SessionEnded', data: { userId: user.userId, sessionId: command.sessionId } }];
      }
      default:
        return unreachable(command);
    }
  },
};

/**
 * SetInitialPassword's check of the form's `expected` password (see there): the account has a password when the form showed
 * none, none when it showed one, or another login name than it showed.
 * @throws ChangedMeanwhile CONFLICT on `expectedLoginName`, worded by the write path with who set the login name and when:
 *   「用户 刘洋 的登录名和密码刚由张伟改为 登录名 liuyang（北京时间 …；表单显示的是 未设置密码）：请确认后再调整，本次未作修改。」
 */
function refusePasswordSetMeanwhile(user: RegisteredUser, expected: NonNullable<SetInitialPassword['expected']>): void {
  const now = user.credentials?.loginName ?? null;
  const changed = expected.passwordSet ? now === null || (expected.loginName !== undefined && expected.loginName !== now) : now !== null;
  if (!changed) return;
  const shown = (passwordSet: boolean, loginName: string | null | undefined): Bilingual =>
    !passwordSet ? say('no password set', '未设置密码') : loginName ? say(`login name ${loginName}`, `登录名 ${loginName}`) : say('a password set', '已设置密码');
  throw valueChangedMeanwhile(say(`The login name and password of ${user.name}`, `用户 ${user.name} 的登录名和密码`), shown(now !== null, now), shown(expected.passwordSet, expected.loginName), {
    types: ['InitialPasswordSet'],
    field: 'expectedLoginName',
  });
}

function requireAccountManager(actor: Actor): void {
  requireRole(actor, ACCOUNT_MANAGERS, say('manage user accounts', '管理用户账号'));
}

/**
 * CONFLICT (`reason` SAME_ACCOUNT, `field` name, `heldBy` the account): an active account of this
 * name, role and unit exists — most likely the same request sent again under a new key, whose token
 * was shown only the first time.
 */
function sameAccountExists(role: UserRole, existing: NonNullable<RegisterUser['sameAccount']>): DomainError {
  const unit = existing.unitName ? ` of ${existing.unitName}` : '';
  const unitZh = existing.unitName ? `（${existing.unitName}）` : '';
  return conflict(
    `An active ${role} account named ${existing.name}${unit} already exists (registered ${existing.registeredOn}): nothing was written. Was the same request sent twice? Its token was shown only the first time; if it was lost, issue a new one for that account (issueAccessToken) and deactivate it if need be. If this is another person of the same name, tell the two apart in the name (e.g. 王伟（二科）), or send again: true.`,
    `已有同名的有效${ROLE_ZH[role] ?? role}账号“${existing.name}”${unitZh}（登记于 ${existing.registeredOn}）：未写入任何内容。是否同一请求提交了两次？令牌只在第一次显示；若已遗失，请为该账号重新签发令牌，必要时停用该账号。若确是另一位同名人员，请在姓名中加以区分（如“王伟（二科）”）后再创建。`,
    { reason: 'SAME_ACCOUNT', field: 'name', heldBy: existing.userId },
  );
}

/**
 * A login name signs in one account only (compared as `normalizeLoginName` does, by the handler), and
 * no login name may look like another account's (breaker9z P3; UTS #39 confusable detection): a
 * person choosing whom to reset, or reading who did what, would take one for the other. Both
 * refusals name the other account's login name — the administrator asking manages it, nothing secret.
 * Nor may a new login name mix scripts beyond UTS #39's Highly Restrictive level (`mixedScripts`:
 * Latin with Cyrillic or Greek…), of which look-alikes are made even before the name they copy exists;
 * the account's own login name, given again at a reset, is kept as it is.
 * @throws DomainError CONFLICT, field loginName; reason LOGIN_NAME_LOOKS_ALIKE (heldBy: that account)
 *   for a look-alike. BAD_USER_INPUT, field loginName, reason LOGIN_NAME_MIXED_SCRIPTS, naming the scripts.
 */
function requireFreeLoginName(
  { loginName, loginNameTakenBy, loginNameLooksLike }: Pick<SetInitialPassword, 'loginName' | 'loginNameTakenBy' | 'loginNameLooksLike'>,
  userId: string,
  /** The account's login name now (null: none yet). */
  currentLoginName: string | null,
): void {
  if (loginNameTakenBy !== null && loginNameTakenBy !== userId) {
    throw new DomainError('CONFLICT', say(`The login name ${loginName} belongs to another account.`, `登录名“${loginName}”已被其他账号使用。`), { field: 'loginName' });
  }
  if (loginNameLooksLike !== null && loginNameLooksLike.userId !== userId) {
    const other = loginNameLooksLike.loginName;
    throw conflict(
      `The login name ${loginName} looks almost the same as ${other}, another account's login name (look-alike characters: a letter of another script, a full-width or traditional form, an accent, 0 for O, 1 for l…): people would take one for the other. Choose another login name.`,
      `登录名“${loginName}”与已有账号的登录名“${other}”看起来几乎一样（含有形近的字符，如其他文字的字母、全角或繁体字、带声调的字母、数字0与字母O、数字1与字母l），容易被认错：请换一个登录名。`,
      { reason: 'LOGIN_NAME_LOOKS_ALIKE', field: 'loginName', heldBy: loginNameLooksLike.userId },
    );
  }
  const mixed = currentLoginName !== null && normalizeLoginName(currentLoginName) === normalizeLoginName(loginName) ? null : mixedScripts(loginName);
  if (mixed) {
    throw badInput(
      `The login name ${loginName} mixes ${mixed.map(({ script }) => script).join(' and ')} letters: such a name can look exactly like one written in a single script, and people would take one for the other. Use the letters of one script (Chinese characters may go with pinyin letters).`,
      `登录名“${loginName}”混用了${mixed.map(({ zh }) => zh).join('和')}：这样的登录名可以与只用一种文字写成的登录名看起来一模一样，容易被认错。请只用一种文字的字母（汉字可与拼音字母同用）。`,
      { reason: 'LOGIN_NAME_MIXED_SCRIPTS', field: 'loginName' },
    );
  }
}

function requireRegistered(state: UserState, purpose: string): RegisteredUser {
  if (state.status === 'unregistered') throw notFound('User', purpose);
  return state;
}

/** Passwords and sessions are changed by their owner only. */
function requireOwnAccount(state: UserState, actor: Actor): RegisteredUser {
  if (state.status === 'unregistered' || state.userId !== actor.id) {
    throw new DomainError('FORBIDDEN', say('Only the account’s owner may do this.', '只有账号本人可以执行此操作。'));
  }
  return state;
}
