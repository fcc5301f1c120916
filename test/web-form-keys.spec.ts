import { renewsKey } from '../web/src/form-keys.js';

/*
 * breaker9e P1: after a 502 the form kept its idempotency key (breaker9d P2), the person corrected
 * the form and pressed again, the server answered CONFLICT for the key reused with other content,
 * and the form made a new key: the next press recorded a second evaluation. That refusal
 * (`reason: REQUEST_KEY_REUSED`) says the key's first request was handled: `useForm` (forms.ts)
 * keeps the key, so pressing again is refused again, never recorded under a new key. (The browser
 * spec record-finding.browser.ts walks the same through a real 502.)
 */
describe('whether a form makes a new idempotency key after a refusal', () => {
  it('keeps it after CONFLICT REQUEST_KEY_REUSED: the key’s first request was handled, the edited one was not', () => {
    expect(renewsKey({ settled: true, reason: 'REQUEST_KEY_REUSED' })).toBe(false);
  });

  it('keeps it when the answer settles nothing (a 502 page, a body cut off, an internal error)', () => {
    expect(renewsKey({ settled: false })).toBe(false);
  });

  it('makes a new one after any other refusal of the server', () => {
    expect([renewsKey({ settled: true }), renewsKey({ settled: true, reason: 'NOT_YET_RECORDED' })]).toEqual([true, true]);
  });
});
