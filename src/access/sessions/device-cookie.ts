import { createHash, randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { parse, serialize } from 'cookie';
import { deviceRunAt } from '../domain/user.events.js';
import type { HttpRequest } from '../../http/rate-limit.guard.js';

/** The cookie that names a browser people signed in on (OWASP Authentication Cheat Sheet: device cookies). */
export const DEVICE_COOKIE = 'rectify_device';
/** How long a browser keeps its device cookie: as long as it stays known (users.read-model's KNOWN_DEVICE_DAYS; browsers cap cookies at 400 days). */
const DEVICE_COOKIE_SECONDS = 400 * 24 * 60 * 60;
/** 256 random bits, base64url: what `newDeviceToken` makes, and all a request's cookie is taken as. */
const DEVICE_TOKEN = /^[A-Za-z0-9_-]{43}$/;

/**
 * The browser a sign-in comes from (breaker12g P2): the device cookie it sent, or a new one to set
 * if it signs in. `device`: where its wrong passwords count (user.events' `deviceRunAt` of the
 * token's SHA-256; the token itself is never recorded). A cookie of another shape is ignored.
 */
export interface Browser {
  readonly token: string;
  readonly device: string;
  /** The request sent no (valid) device cookie: `token` is new. */
  readonly fresh: boolean;
}

export function browserOf(req: HttpRequest | undefined): Browser {
  const header = req?.headers?.cookie;
  const sent = typeof header === 'string' ? parse(header)[DEVICE_COOKIE] : undefined;
  const token = sent !== undefined && DEVICE_TOKEN.test(sent) ? sent : randomBytes(32).toString('base64url');
  return { token, device: deviceRunAt(createHash('sha256').update(token).digest('hex')), fresh: token !== sent };
}

/** The device place of the cookie the request sent, or null when it sent none (the sign-in limits: a browser known for the name). */
export function sentDevice(req: HttpRequest | undefined): string | null {
  const browser = browserOf(req);
  return browser.fresh ? null : browser.device;
}

/**
 * Gives the browser its device cookie after a sign-in (again, so its 400 days start over): HttpOnly,
 * SameSite=Strict, Secure when the request came over HTTPS (an intranet's plain HTTP keeps it too).
 */
export function keepDeviceCookie(req: HttpRequest | undefined, res: ServerResponse | undefined, browser: Browser): void {
  if (!res || res.headersSent) return;
  const cookie = serialize(DEVICE_COOKIE, browser.token, { httpOnly: true, sameSite: 'strict', path: '/', maxAge: DEVICE_COOKIE_SECONDS, secure: (req as { secure?: boolean } | undefined)?.secure === true });
  const already = res.getHeader('Set-Cookie');
  res.setHeader('Set-Cookie', [...(Array.isArray(already) ? already : already === undefined ? [] : [String(already)]), cookie]);
}
