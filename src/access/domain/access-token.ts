import { createHash, randomBytes } from 'node:crypto';

const PREFIX = 'rct_';
const DAY_MS = 86_400_000;

/** A new opaque bearer token: 256 random bits, recognisable by its prefix. */
export const newAccessToken = (): string => PREFIX + randomBytes(32).toString('base64url');

export const tokenSha256 = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

export const looksLikeAccessToken = (value: string): boolean => value.startsWith(PREFIX) && value.length <= 200;

export const DEFAULT_TOKEN_DAYS = 90;

/** A token and what the log records of it (its hash, never the token). */
export function mintAccessToken(tokenId: string, now: Date, validForDays: number, token = newAccessToken()) {
  const expiresAt = new Date(now.getTime() + validForDays * DAY_MS).toISOString();
  return { token, record: { tokenId, tokenSha256: tokenSha256(token), expiresAt } };
}
