import { reactive, watch } from 'vue';
import { ApiError, gql, storedToken, storeToken } from './api';

export type Role = 'ADMIN' | 'SUPERVISOR' | 'INSPECTOR' | 'UNIT';

/** Who is signed in in this tab (the `me` query of the API). */
export interface CurrentUser {
  id: string;
  name: string;
  role: Role;
  unitId: string | null;
  unitName: string | null;
  /** The unit was merged into another by today (机构改革): its work is the successor's (newcomer22 S8). */
  unitMerge: { successorName: string; mergedOn: string } | null;
  loginName: string | null;
  mustChangePassword: boolean;
}

const USER_FIELDS = 'id name role unitId unitName unitMerge { successorName mergedOn } loginName mustChangePassword';

/**
 * The reason is kept in this tab's sessionStorage too: the sign-in page reloaded (or the reload that
 * follows the live connection learning first that the session ended) still says why, not a generic guess.
 */
const ENDED_BECAUSE_KEY = 'rectify.sessionEndedBecause';
function readEndedBecause(): string {
  try {
    return sessionStorage.getItem(ENDED_BECAUSE_KEY) ?? '';
  } catch {
    return '';
  }
}

/**
 * `endedBecause`: why the session this tab held is over, in the server's words (此账号已停用。,
 * 此次登录已结束，请重新登录。 after an administrator set a new password, …), for the sign-in page to
 * say; '' when there was none or it is not known.
 */
export const session = reactive<{ user: CurrentUser | null; checked: boolean; endedBecause: string }>({ user: null, checked: false, endedBecause: readEndedBecause() });

watch(
  () => session.endedBecause,
  (reason) => {
    try {
      if (reason) sessionStorage.setItem(ENDED_BECAUSE_KEY, reason);
      else sessionStorage.removeItem(ENDED_BECAUSE_KEY);
    } catch {
      // Storage refused (private mode, quota): the reason lasts until the next reload only.
    }
  },
  { flush: 'sync' },
);

/**
 * Restores the tab's session from its stored token (after a reload); signed out if the token is
 * over — with the server's reason in `session.endedBecause` when it refused the token.
 */
export async function restoreSession(): Promise<CurrentUser | null> {
  if (!session.checked) {
    session.checked = true;
    if (storedToken()) {
      try {
        session.user = (await gql<{ me: CurrentUser }>(`{ me { ${USER_FIELDS} } }`)).me;
      } catch (error) {
        if (error instanceof ApiError && error.code === 'UNAUTHENTICATED') session.endedBecause = error.messageZh;
        storeToken(null);
        session.user = null;
      }
    }
  }
  return session.user;
}

/** Signs in with a login name and password; throws ApiError (WRONG_CREDENTIALS, ACCOUNT_LOCKED…). */
export async function signIn(loginName: string, password: string): Promise<CurrentUser> {
  const { signIn } = await gql<{ signIn: { token: string; user: CurrentUser } }>(
    `mutation($input: SignInInput!) { signIn(input: $input) { token user { ${USER_FIELDS} } } }`,
    { input: { loginName, password } },
  );
  storeToken(signIn.token);
  session.user = signIn.user;
  session.endedBecause = '';
  session.checked = true;
  return signIn.user;
}

export async function changePassword(currentPassword: string, newPassword: string, idempotencyKey: string): Promise<void> {
  const { changePassword } = await gql<{ changePassword: CurrentUser }>(
    `mutation($input: ChangePasswordInput!) { changePassword(input: $input) { ${USER_FIELDS} } }`,
    { input: { currentPassword, newPassword, idempotencyKey } },
  );
  session.user = changePassword;
}

/** Ends the session on the server (best effort) and forgets the token in this tab. */
export async function signOut(): Promise<void> {
  try {
    if (storedToken()) await gql(`mutation { signOut }`);
  } catch {
    // Already over on the server: forgetting it here is all that is left to do.
  }
  forgetSession();
}

export function forgetSession(): void {
  storeToken(null);
  session.user = null;
}

/**
 * Who the header says is signed in: the name, then the unit (or, without one, the role) in
 * brackets — unless the name already says it: 李娜（市发改委） carries its unit, 系统管理员 is its
 * role, so neither is repeated.
 */
export function signedInAs(user: Pick<CurrentUser, 'name' | 'role' | 'unitName'>, roleLabel: string): string {
  const where = user.unitName || roleLabel;
  const saysItAlready = /[（(].*[）)]/.test(user.name) || !where || user.name.includes(where) || where.includes(user.name);
  return saysItAlready ? user.name : `${user.name}（${where}）`;
}

/** The page each role starts on. */
export const homeOf = (role: Role): string =>
  ({ SUPERVISOR: '/overview', ADMIN: '/users', UNIT: '/workload', INSPECTOR: '/inspections' })[role];

/** The page a sign-in returns to (`?next=`): a path of this app only, never another site (`//host`). */
export const nextPage = (next: unknown): string | null => (typeof next === 'string' && next.startsWith('/') && !next.startsWith('//') ? next : null);
