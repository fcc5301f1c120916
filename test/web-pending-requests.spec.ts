import { answerKindOf, pendingSlot, readPending, settlePending, type KeyStore, type PendingRequest } from '../web/src/pending-requests.js';

/*
 * breaker11g P1: after a 502 the form kept its key only while its dialog stayed open; closing it,
 * opening it again or refreshing made a new key, and the edited evaluation, urging or circular was
 * recorded a second time. The unanswered request now waits in the tab's sessionStorage under the
 * form and its record until the server answers that key definitely (a map stands in for the storage).
 */
const memory = (): KeyStore & { entries: Map<string, string> } => {
  const entries = new Map<string, string>();
  return { entries, getItem: (key) => entries.get(key) ?? null, setItem: (key, value) => void entries.set(key, value), removeItem: (key) => void entries.delete(key) };
};
const refusal = (settled: boolean, reason?: string) => Object.assign(new Error('refused'), { settled, reason });
const SLOT = pendingSlot('user-1', '/findings', 'form-register-evaluation');
const first: PendingRequest = { key: 'key-1', label: '登记评估报告', values: { title: '2026年第三季度政务公开第三方评估' } };
const edited: PendingRequest = { ...first, values: { title: '2026年第三季度政务公开工作第三方评估（更正）' } };

describe('a form’s request with no definite answer, kept beyond the dialog', () => {
  it('is kept under its form and record after a 502, so the form opened again sends the same key', () => {
    const storage = memory();
    settlePending(storage, SLOT, first, answerKindOf(refusal(false)));
    expect(readPending(storage, SLOT)).toEqual(first);
    expect(readPending(storage, pendingSlot('user-1', '/findings/other', 'form-register-evaluation'))).toBeNull();
  });

  it('is kept after no connection at all (an error that is not the API’s answer)', () => {
    const storage = memory();
    settlePending(storage, SLOT, first, answerKindOf(new TypeError('Failed to fetch')));
    expect(readPending(storage, SLOT)?.key).toBe('key-1');
  });

  it('keeps the values first handled when the edit is refused as REQUEST_KEY_REUSED', () => {
    const storage = memory();
    settlePending(storage, SLOT, first, 'unanswered');
    settlePending(storage, SLOT, edited, answerKindOf(refusal(true, 'REQUEST_KEY_REUSED')));
    expect(readPending(storage, SLOT)).toEqual(first);
  });

  it('keeps the key after REQUEST_KEY_REUSED even when nothing was waiting (another tab’s press)', () => {
    const storage = memory();
    settlePending(storage, SLOT, edited, answerKindOf(refusal(true, 'REQUEST_KEY_REUSED')));
    expect(readPending(storage, SLOT)?.key).toBe('key-1');
  });

  it('is forgotten once the server answers the key: its result, or a refusal that records nothing', () => {
    for (const answer of ['answered', answerKindOf(refusal(true)), answerKindOf(refusal(true, 'NOT_YET_RECORDED'))] as const) {
      const storage = memory();
      settlePending(storage, SLOT, first, 'unanswered');
      settlePending(storage, SLOT, first, answer);
      expect(readPending(storage, SLOT)).toBeNull();
    }
  });

  it('forgets an entry it cannot read rather than sending a broken key', () => {
    const storage = memory();
    storage.setItem(SLOT, '{not json');
    expect(readPending(storage, SLOT)).toBeNull();
    expect(storage.entries.has(SLOT)).toBe(false);
  });

  it('survives a storage that refuses to write (the open form keeps its key all the same)', () => {
    const storage = { ...memory(), setItem: () => { throw new Error('QuotaExceededError'); } };
    expect(() => settlePending(storage, SLOT, first, 'unanswered')).not.toThrow();
  });
});
