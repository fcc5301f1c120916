import { createHash } from 'node:crypto';
import { hashRaw } from '@node-rs/argon2';
import { ARGON2ID } from '../authentication/password-hasher.js';
import { DomainError, say } from '../../shared/domain-error.js';

/** The input fields of the mutations that take a password. */
const PASSWORD_FIELDS = ['password', 'currentPassword', 'newPassword', 'initialPassword'] as const;

/**
 * The mutation input with its passwords replaced by one fingerprint, for the request digest kept in
 * the request index and the events' metadata. The passwords count in the request (breaker11h P2: a
 * different password sent again under the key of a 502'd request was answered "saved" while the
 * account kept the first; now it is CONFLICT REQUEST_KEY_REUSED), but never as a fast hash, which
 * would reveal them: the fingerprint is argon2id with the stored passwords' own parameters, salted
 * by the caller and the key, so guessing it costs what guessing a stored password hash costs.
 *
 * `input`: the mutation input (idempotencyKey plus fields); `actorId`: the caller's user id.
 * Resolves to the input with every password field undefined and `passwordFingerprint` (64 hex
 * characters, absent when the input holds no password). ~50 ms of CPU, off the event loop.
 * Requests recorded before passwords counted digest without it: their retry is CONFLICT, never a
 * second change.
 */
export async function withoutPasswords<Input extends { idempotencyKey: string }>(input: Input, actorId: string) {
  const passwords = Object.fromEntries(
    PASSWORD_FIELDS.flatMap((field) => {
      const value = (input as Record<string, unknown>)[field];
      return typeof value === 'string' ? [[field, value]] : [];
    }),
  );
  const salt = createHash('sha256').update(`rectify request passwords\u0000${actorId}\u0000${input.idempotencyKey}`).digest().subarray(0, 16);
  const passwordFingerprint =
    Object.keys(passwords).length === 0 ? undefined : (await hashRaw(JSON.stringify(passwords), { ...ARGON2ID, salt, outputLen: 32 })).toString('hex');
  return {
    ...input,
    password: undefined,
    currentPassword: undefined,
    newPassword: undefined,
    initialPassword: undefined,
    passwordFingerprint,
  };
}

/**
 * CONFLICT REQUEST_KEY_REUSED said of a password (breaker11h P2): the key's first request was
 * handled with the password then typed, and this one, with another password (or other content), was
 * not. `account`: an administrator's registerUser / setInitialPassword — the account keeps the first
 * password; `own`: a user's changePassword — the first new password is the one in force.
 */
export const passwordKeyReused = (kind: 'account' | 'own') =>
  new DomainError(
    'CONFLICT',
    kind === 'account'
      ? say(
          'This idempotency key was already used for a request with another password or content, and that one was handled: the account has the password then sent. To give it this one, set the initial password again (a new request).',
          '此前用同一次提交发出的请求已经办理（例如未收到答复的那一次），账号用的是那次填写的密码；这次的密码或内容与那次不同，没有办理。如需改用这次的密码，请重新设置初始密码。',
        )
      : say(
          'This idempotency key was already used for a password change with another password, and that one was handled: the new password then sent is in force. To use this one, change it again with that password as the current one.',
          '此前用同一次提交发出的修改密码已经办理（例如未收到答复的那一次），现在生效的是那次填写的新密码，这次的没有生效。如需改用这次的新密码，请以那次的新密码作为当前密码再修改一次；想不起来时请联系管理员重设。',
        ),
    { reason: 'REQUEST_KEY_REUSED' },
  );

/** Runs a password mutation, saying a reused key in a password's words (`passwordKeyReused`). */
export async function sayingPasswordKeyReuse<Result>(kind: 'account' | 'own', run: () => Promise<Result>): Promise<Result> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof DomainError && error.details?.['reason'] === 'REQUEST_KEY_REUSED') throw passwordKeyReused(kind);
    throw error;
  }
}
