import { createHash, randomUUID } from 'node:crypto';
import type { OfficeDayDefaults } from './office-day-defaults.js';

const NAMESPACE = Buffer.from('6f1f3c1e8b0a4f5c9d2e7a1b3c4d5e6f', 'hex');

/** A name-based (version 5) UUID: the same name always gives the same id. */
export function deterministicId(...parts: string[]): string {
  const hash = createHash('sha1').update(NAMESPACE).update(parts.join('\u001f')).digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const newId = (): string => randomUUID();

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string): boolean => UUID.test(value);

/**
 * JSON with object keys in a fixed order (sorted by UTF-16 code units, undefined fields left out),
 * so that equal values always print the same. Numbers and strings print as JSON.stringify does.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object' || value instanceof Date) return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    let text = '[';
    for (let index = 0; index < value.length; index += 1) text += (index > 0 ? ',' : '') + canonicalJson(value[index]);
    return `${text}]`;
  }
  // A plain loop: this runs for every event appended (the ledger's leaf data), so it avoids the
  // intermediate arrays of entries/filter/map.
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let text = '{';
  for (const key of keys) {
    const field = record[key];
    if (field === undefined) continue;
    text += `${text.length > 1 ? ',' : ''}${JSON.stringify(key)}:${canonicalJson(field)}`;
  }
  return `${text}}`;
}

/**
 * The request without its null fields, at any depth (list entries are kept as they are): in
 * GraphQL an optional input field sent as null and one left out ask the same, so they must digest
 * the same, or a client that writes `note: null` on its retry gets a false CONFLICT.
 */
function withoutNullFields(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  if (Array.isArray(value)) return value.map(withoutNullFields);
  const kept: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) if (field !== null) kept[key] = withoutNullFields(field);
  return kept;
}

/**
 * The request without the fields that hold their declared default: `rename: false` asks what
 * leaving `rename` out asks, `notes: ''` what no notes ask, so they must digest the same. These
 * are constant defaults (see `CommandContextFactory.create`); a default that is the request's
 * office day (`registeredOn`: today) is told apart by `requestDigests`.
 */
export function withoutDefaults(request: Readonly<Record<string, unknown>>, defaults: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(request)) {
    if (key in defaults && canonicalJson(value ?? null) === canonicalJson(defaults[key])) continue;
    kept[key] = value;
  }
  return kept;
}

/**
 * SHA-256 (hex) of what a request asks, whatever order its fields came in, with a null field the
 * same as one left out. A request recorded before this rule digests differently only if it held a
 * null: its retry then answers CONFLICT, never a second append.
 */
export const requestDigest = (request: unknown): string => createHash('sha256').update(canonicalJson(withoutNullFields(request))).digest('hex');

/**
 * How a request whose fields default to its office day digests on days other than its own, so
 * that a retry on a later day is recognised (see `sameDigest`).
 */
export interface OtherDayDigests {
  /** `YYYY-MM-DD → SHA-256 hex`: the request as it reads on that office day (its fields holding that day digested as left out). */
  readonly byDay: Readonly<Record<string, string>>;
  /** The request as it reads on any day none of its fields holds (every day field digested as given or as filled from another). */
  readonly otherwise: string;
  /** The request's digest before office days were told apart (every field as sent): how such requests were recorded until then. */
  readonly asSent: string;
}

export interface RequestDigests {
  /**
   * What the request index records: `requestDigest`, or for a request with office-day defaults
   * `<hex>@<YYYY-MM-DD>` — the request as it reads on its own office day, and that day.
   */
  readonly digest: string;
  readonly otherDays?: OtherDayDigests;
}

/**
 * The digests of a request (without its idempotency key and constant defaults) whose fields in
 * `dayDefaults` default to an office day. Each such field takes its value as sent, else the value
 * of its `orField` when that was sent, else the office day; a field whose value is the day the
 * request is read on digests as left out. So on its office day `today`, `registeredOn: today` and
 * no `registeredOn` digest alike, and a retry read on the first request's day (`otherDays`)
 * digests as the first did, whichever day it is sent.
 */
export function requestDigests(request: Readonly<Record<string, unknown>>, dayDefaults: OfficeDayDefaults | undefined, today: string): RequestDigests {
  const fields = Object.entries(dayDefaults ?? {});
  if (fields.length === 0) return { digest: requestDigest(request) };
  const given = (field: string): string | undefined => {
    const value = request[field];
    return typeof value === 'string' ? value : undefined;
  };
  const readOn = (day: string): string => {
    const read: Record<string, unknown> = { ...request };
    for (const [field, { orField }] of fields) {
      const value = given(field) ?? (orField ? given(orField) : undefined) ?? day;
      if (value === day) delete read[field];
      else read[field] = value;
    }
    return requestDigest(read);
  };
  const days = new Set([today, ...fields.map(([field]) => given(field)).filter((day) => day !== undefined)]);
  const byDay = Object.fromEntries([...days].map((day) => [day, readOn(day)]));
  return { digest: `${byDay[today]!}@${today}`, otherDays: { byDay, otherwise: readOn(''), asSent: requestDigest(request) } };
}

/**
 * Whether a recorded digest is this request's: equal, or — for a request with office-day
 * defaults — its digest as read on the recorded request's day (`<hex>@<day>`), or as sent for a
 * request recorded before days were told apart (plain hex).
 */
export function sameDigest(recorded: string | null, request: { readonly digest: string | null; readonly otherDays?: OtherDayDigests }): boolean {
  if (recorded === request.digest) return true;
  const days = request.otherDays;
  if (!days || recorded === null) return false;
  const at = recorded.indexOf('@');
  if (at < 0) return recorded === days.asSent;
  return recorded.slice(0, at) === (days.byDay[recorded.slice(at + 1)] ?? days.otherwise);
}
