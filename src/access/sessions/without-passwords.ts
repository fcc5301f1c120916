/**
 * The mutation input without its passwords, for the request digest kept in event metadata: a fast
 * hash of a known request would reveal them. Used by every mutation that takes a password.
 */
export const withoutPasswords = <Input extends { idempotencyKey: string }>(input: Input) => ({
  ...input,
  password: undefined,
  currentPassword: undefined,
  newPassword: undefined,
  initialPassword: undefined,
});
