import { reactive } from 'vue';
import { ApiError, newIdempotencyKey } from './api';
import { answerKindOf, readPending, settlePending, type PendingRequest } from './pending-requests';
import { officeToday } from './state';

/**
 * What a form shows after a refusal: the Chinese message beside each field the API names
 * (`fields`), or at the top of the form when it names none (`message`).
 */
export interface FormState {
  busy: boolean;
  message: string;
  fields: Record<string, string>;
  /** The refusal as a whole (it names its fields), for a form that does not show a field it names. */
  whole: string;
  /** The last refusal's `extensions.reason` (REQUEST_KEY_REUSED…), '' when none. */
  reason: string;
  /** One key per submission until the server answers it definitely: a double click, or a retry after a network error or a proxy's error page, sends the same key. */
  idempotencyKey: string;
}

/**
 * Where a form keeps its unanswered request beyond its own life (see pending-requests.ts): the
 * storage slot of the form and its record, its name, and its values as typed now (no passwords).
 */
export interface PendingPlace {
  slot: string;
  label: string;
  values: () => Record<string, unknown>;
}

/**
 * A form's state and its `run`. With `pending`, the form starts on the key of a request it sent
 * earlier (in this tab, maybe from a dialog since closed or a page since refreshed) that got no
 * definite answer, and keeps each unanswered request there (breaker11g P1); `resumed` is that
 * request (its values as then typed) or null.
 */
export function useForm(pending?: PendingPlace) {
  const storage = pending ? sessionStorage : null;
  const resumed: PendingRequest | null = storage && pending ? readPending(storage, pending.slot) : null;
  const state = reactive<FormState>({ busy: false, message: '', fields: {}, whole: '', reason: '', idempotencyKey: resumed?.key ?? newIdempotencyKey() });

  /**
   * Runs `submit` with the form's idempotency key. The key lives until a definite answer: on success
   * a new key is made for the next submission, on a refusal the server gave (`ApiError.settled`:
   * nothing was recorded) the messages are shown and a new key made; on anything else — no
   * connection, a proxy's 502/504 page, an answer cut off, an internal error — the request may have
   * been recorded, so the key is kept and a retry records once (breaker9d P2); and on CONFLICT
   * `REQUEST_KEY_REUSED` (that earlier request was handled, the form edited since) the key is kept too.
   */
  async function run<T>(submit: (idempotencyKey: string) => Promise<T>): Promise<T | undefined> {
    if (state.busy) return undefined;
    state.busy = true;
    state.message = '';
    state.fields = {};
    state.reason = '';
    const sent: PendingRequest = { key: state.idempotencyKey, label: pending?.label ?? '', values: pending?.values() ?? {} };
    try {
      const result = await submit(state.idempotencyKey);
      if (storage && pending) settlePending(storage, pending.slot, sent, 'answered');
      state.idempotencyKey = newIdempotencyKey();
      return result;
    } catch (error) {
      const kind = answerKindOf(error);
      if (storage && pending) settlePending(storage, pending.slot, sent, kind);
      if (error instanceof ApiError) {
        state.fields = error.fields;
        state.whole = error.messageZh;
        state.reason = error.reason ?? '';
        state.message = Object.keys(error.fields).length > 0 ? '' : error.messageZh;
      } else {
        state.message = '无法连接服务器，请检查网络后重试。';
      }
      if (kind === 'answered') state.idempotencyKey = newIdempotencyKey();
      return undefined;
    } finally {
      state.busy = false;
    }
  }

  /** The message for a field, looking also at nested paths (`evidence.0.link` for `evidence`). */
  const fieldError = (name: string): string =>
    state.fields[name] ?? Object.entries(state.fields).find(([field]) => field.startsWith(`${name}.`))?.[1] ?? '';

  /** The request still waiting on this form's slot (the values first handled, after REQUEST_KEY_REUSED), or null. */
  const waiting = (): PendingRequest | null => (storage && pending ? readPending(storage, pending.slot) : null);

  return { state, run, fieldError, resumed, waiting };
}

/**
 * For a date picker's `disabled-date`: true for a day after today's China office day. The picker
 * hands over local midnight of the day shown, so the day is read in local time, not as UTC.
 */
export const isAfterOfficeToday = (date: Date): boolean => {
  const day = `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
  return day > officeToday();
};
