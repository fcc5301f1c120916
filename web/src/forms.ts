import { reactive } from 'vue';
import { ApiError, gql, newIdempotencyKey } from './api';
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
  /** After REQUEST_KEY_REUSED: the stream the handled request wrote to (`extensions.handledStreamId`), '' when not said. */
  handledStreamId: string;
  /** One key per submission until the server answers it definitely: a double click, or a retry after a network error or a proxy's error page, sends the same key. */
  idempotencyKey: string;
  /**
   * The request the form started on (`resumed`) was handled, the server says (`requestHandled`):
   * its entry is gone and the key is new, so what is typed next is a new request (breaker11h P4).
   */
  resumedHandled: boolean;
}

/** Whether the server handled the caller's request sent under `key`; null when it cannot be asked now (offline, an error page). */
async function askHandled(key: string): Promise<boolean | null> {
  try {
    const data = await gql<{ requestHandled: boolean }>('query RequestHandled($key: String!) { requestHandled(idempotencyKey: $key) }', { key });
    return data.requestHandled;
  } catch {
    return null;
  }
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
 *
 * A resumed request is asked about first (`requestHandled`): when the server handled it — the page
 * the person refreshed shows the record — the entry is dropped, the form gets a new key and
 * `state.resumedHandled` is set, so the next record typed in the form (the next finding of a paper
 * report, a new report after a send-back, the next round's inspection) is not sent under the key of
 * the one recorded and refused or "answered" with its result (breaker11h P4). Unanswered (offline),
 * or not handled, the form resumes as before: the same key goes out again.
 *
 * `labelOf` names a field of the form by its label (督查结果) for a refusal that names it otherwise (ApiError.fieldsNamedBy).
 */
export function useForm(pending?: PendingPlace, labelOf: (field: string) => string | null = () => null) {
  const storage = pending ? sessionStorage : null;
  const resumed: PendingRequest | null = storage && pending ? readPending(storage, pending.slot) : null;
  const state = reactive<FormState>({
    busy: false,
    message: '',
    fields: {},
    whole: '',
    reason: '',
    handledStreamId: '',
    idempotencyKey: resumed?.key ?? newIdempotencyKey(),
    resumedHandled: false,
  });
  if (storage && pending && resumed) {
    void askHandled(resumed.key).then((handled) => {
      // Sent again meanwhile (the answer to that press settles the entry), or not handled: nothing to do.
      if (handled !== true || state.busy || state.idempotencyKey !== resumed.key) return;
      settlePending(storage, pending.slot, resumed, 'answered');
      state.idempotencyKey = newIdempotencyKey();
      state.reason = '';
      state.resumedHandled = true;
    });
  }

  /**
   * After CONFLICT REQUEST_KEY_REUSED, the person says the form's content is a new request, not an
   * edit of the one handled (the next finding typed after a lost answer): the waiting entry goes
   * and the form takes a new key, so the next press records it.
   */
  function startAnew(): void {
    if (storage && pending) storage.removeItem(pending.slot);
    state.idempotencyKey = newIdempotencyKey();
    state.reason = '';
    state.handledStreamId = '';
    state.message = '';
    state.fields = {};
    state.whole = '';
  }

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
    state.handledStreamId = '';
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
        state.fields = error.fieldsNamedBy(labelOf);
        state.whole = error.messageZh;
        state.reason = error.reason ?? '';
        state.handledStreamId = typeof error.extensions.handledStreamId === 'string' ? error.extensions.handledStreamId : '';
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

  return { state, run, fieldError, resumed, waiting, startAnew };
}

/**
 * For a date picker's `disabled-date`: true for a day after today's China office day. The picker
 * hands over local midnight of the day shown, so the day is read in local time, not as UTC.
 */
export const isAfterOfficeToday = (date: Date): boolean => {
  const day = `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
  return day > officeToday();
};
