/**
 * Requests a form sent whose answer never came (a proxy's 502, a dropped connection) or whose key the
 * server says was already handled (CONFLICT `REQUEST_KEY_REUSED`): kept in this tab's sessionStorage
 * under the form and the record it acts on — not in the form's component — so closing the dialog,
 * opening it again or refreshing the page sends the same key again, and the request is recorded once
 * (breaker11g P1: after a 502 the dialog was closed and reopened, a new key was made and the edited
 * evaluation, urging or circular was recorded a second time).
 *
 * An entry lives until the server gives a definite answer to that key: the request's result (the
 * first one, when it had been recorded), or a refusal that settles it and is not REQUEST_KEY_REUSED
 * (see `renewsKey`). Passwords are never kept (the form leaves them out of `values`).
 * Pure apart from the storage handed in (sessionStorage in the browser, a map in the server's Jest).
 */
import { renewsKey } from './form-keys.js';

const PREFIX = 'rectify.pending:';

/** One request sent under `key` with no definite answer yet. */
export interface PendingRequest {
  /** The idempotency key it was sent with (a UUID). */
  key: string;
  /** The form's name as the person knows it (its submit button: 登记评估报告, 催办). */
  label: string;
  /** The form's values as typed when it was last sent (field name → value; passwords left out). */
  values: Record<string, unknown>;
}

/** The part of the Web Storage interface used here (sessionStorage in the browser). */
export interface KeyStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/**
 * The storage key of a form acting on one record: the user, the page path (a finding's or item's page
 * names its record) and the form's own name on that page (`draftName`, naming the part or the
 * account when a page has one form per part or account), apart by NUL.
 */
export const pendingSlot = (userId: string, path: string, form: string): string => `${PREFIX}${userId}\u0000${path}\u0000${form}`;

/** The request waiting on `slot`, or null (none, or unreadable: then removed). */
export function readPending(storage: KeyStore, slot: string): PendingRequest | null {
  const saved = storage.getItem(slot);
  if (saved === null) return null;
  try {
    const request = JSON.parse(saved) as PendingRequest;
    if (typeof request.key === 'string' && request.key !== '' && typeof request.values === 'object' && request.values !== null) return request;
  } catch {
    // fall through: an entry no longer readable is forgotten
  }
  storage.removeItem(slot);
  return null;
}

/**
 * How an answer to a form's request leaves its slot:
 * - `answered`: the server's result, or a refusal that settles the request (nothing recorded): the
 *   entry is removed and the next press gets a new key;
 * - `unanswered`: no answer that proves anything (no connection, a 502/504 page, a body cut off, an
 *   internal error): the request may have been recorded; the entry is written with the values just
 *   sent, so the same key goes out again from wherever the form is opened next;
 * - `handledBefore`: CONFLICT REQUEST_KEY_REUSED — the key's first request was handled and this one,
 *   edited since, was not: the entry keeps the values it holds (those first sent, the ones handled),
 *   written with this press's values only when there was none.
 */
export type AnswerKind = 'answered' | 'unanswered' | 'handledBefore';

/** Which `AnswerKind` an error thrown by a form's submit is (anything not from the API proves nothing). */
export function answerKindOf(error: unknown): AnswerKind {
  if (error === null || typeof error !== 'object' || !('settled' in error)) return 'unanswered';
  const refusal = error as { settled: boolean; reason?: string };
  if (renewsKey(refusal)) return 'answered';
  return refusal.settled ? 'handledBefore' : 'unanswered';
}

/**
 * Records in `storage` what an answer means for the request sent on `slot` under `sent.key` (see
 * `AnswerKind`). A full storage keeps nothing (the form still holds its key while it stays open).
 */
export function settlePending(storage: KeyStore, slot: string, sent: PendingRequest, kind: AnswerKind): void {
  try {
    if (kind === 'answered') {
      storage.removeItem(slot);
      return;
    }
    const held = readPending(storage, slot);
    if (kind === 'handledBefore' && held?.key === sent.key) return;
    storage.setItem(slot, JSON.stringify(sent));
  } catch {
    // sessionStorage full or refused (private mode): the open form keeps its key all the same
  }
}
