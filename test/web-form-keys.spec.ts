import { ApiError } from '../web/src/api.js';
import { useForm } from '../web/src/forms.js';

/*
 * breaker9e P1: after a 502 the form kept its idempotency key (breaker9d P2), the person corrected
 * the form and pressed again, the server answered CONFLICT for the key reused with other content,
 * and the form made a new key: the next press recorded a second evaluation. That refusal
 * (`reason: REQUEST_KEY_REUSED`) says the key's first request was handled: the key is kept, so
 * pressing again is refused again, never recorded under a new key. (The browser spec
 * record-finding.browser.ts walks the same through a real 502.)
 */
describe('the idempotency key a form sends', () => {
  const refusal = (code: string, reason?: string) =>
    new ApiError([{ message: 'refused', extensions: { code, messageZh: '已拒绝', ...(reason ? { reason } : {}) } }], 200);
  const press = async (form: ReturnType<typeof useForm>, answer: () => unknown) => {
    const sent: string[] = [];
    await form.run(async (key) => {
      sent.push(key);
      return answer();
    });
    return sent[0]!;
  };

  it('is kept after a refusal that says its first request was handled with other content (REQUEST_KEY_REUSED), however often pressed', async () => {
    const form = useForm();
    const unsettled = await press(form, () => Promise.reject(new ApiError([{ message: 'HTTP 502', extensions: { code: 'NO_ANSWER', messageZh: '无答复' } }], 502, false)));
    const edited = await press(form, () => Promise.reject(refusal('CONFLICT', 'REQUEST_KEY_REUSED')));
    const again = await press(form, () => Promise.reject(refusal('CONFLICT', 'REQUEST_KEY_REUSED')));
    expect([edited, again]).toEqual([unsettled, unsettled]);
    expect(form.state.message).toBe('已拒绝');
  });

  it('is renewed after any other refusal, and after a success', async () => {
    const form = useForm();
    const first = await press(form, () => Promise.reject(refusal('CONFLICT')));
    const second = await press(form, () => Promise.reject(refusal('BAD_USER_INPUT')));
    const third = await press(form, () => Promise.resolve('ok'));
    const fourth = await press(form, () => Promise.resolve('ok'));
    expect(new Set([first, second, third, fourth]).size).toBe(4);
  });
});
