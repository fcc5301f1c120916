import { USERS_WORDS, type StoreProblemCause } from '../../src/event-store/store-health.js';

/** What a GraphQL answer carries of its first error. */
interface Answer {
  readonly errors?: readonly { readonly message: string; readonly extensions?: Record<string, unknown> }[];
}

/** A write only an ADMIN makes, new each call: a unit registered (what `operatorText` sends). */
export const REGISTER_UNIT = `mutation($input: RegisterUnitInput!) { registerUnit(input: $input) { id } }`;
let units = 0;
export const unitToRegister = () => {
  units += 1;
  const code = `ops-${process.pid}-${units}`;
  return { input: { idempotencyKey: `register-${code}`, code, name: `运维核对单位${units}`, kind: 'DEPARTMENT', registeredOn: '2026-01-01' } };
};

/**
 * Asserts that office staff were told the short words of `cause` (issue 9: supervisors, clerks and inspectors read what
 * happened and whom to tell — USERS_WORDS — never the operator's paths, positions and commands), with STORE_UNAVAILABLE.
 */
export function expectUsersWords(answer: Answer, cause: StoreProblemCause, words: { readonly en: string; readonly zh: string } = USERS_WORDS[cause]): void {
  expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'STORE_UNAVAILABLE', cause, messageZh: words.zh });
  expect(answer.errors![0]!.message).toBe(words.en);
}

/**
 * The whole text of the store's refusal as the ADMIN reads it (paths, positions, what to run): an ADMIN's own write
 * (`REGISTER_UNIT`), refused with STORE_UNAVAILABLE and `cause` — asserted.
 * @param server what sends GraphQL (a TestApp; for a server process, `{ graphql: (q, v, h) => graphqlAt(port, q, v, h) }`).
 * @param admin the ADMIN's headers, signed in before the store went wrong (a store refusing writes makes no account).
 */
export async function operatorText(
  server: { graphql(query: string, variables: Record<string, unknown>, headers: Record<string, string>): Promise<Answer> },
  admin: Record<string, string>,
  cause: StoreProblemCause,
): Promise<{ en: string; zh: string }> {
  const refused = await server.graphql(REGISTER_UNIT, unitToRegister(), admin);
  expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'STORE_UNAVAILABLE', cause });
  return { en: refused.errors![0]!.message, zh: String(refused.errors![0]!.extensions!.messageZh) };
}
