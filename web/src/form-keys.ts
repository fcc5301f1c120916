/**
 * Whether a form makes a new idempotency key after a refusal: only when the refusal settles the
 * request (`ApiError.settled`: the server's word, nothing recorded) and does not say that the key's
 * first request was handled — CONFLICT `REQUEST_KEY_REUSED`: an earlier press whose answer was lost
 * (a 502, a dropped connection) was handled, and this one, edited since, was not. The key is then
 * kept, so pressing again is refused again rather than recording the edit as a second record under
 * a new key (breaker9e P1). Pure (no Vue, no fetch), so the server's Jest checks it.
 */
export const renewsKey = (refusal: { readonly settled: boolean; readonly reason?: string | undefined }): boolean =>
  refusal.settled && refusal.reason !== 'REQUEST_KEY_REUSED';
