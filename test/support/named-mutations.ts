import type { GraphqlResponse, TestApp } from './test-app.js';

/**
 * A spec's mutations by name: `recordFinding` is sent as `recordFinding(input: RecordFindingInput!)`
 * with a fresh idempotency key from `key(name)` (the spec's own sequence, so keys it makes by hand
 * never collide with these) before the fields of `input`.
 * - `call` answers as the server did (errors included), selecting `select` (default `selected`, itself
 *   `__typename` unless given);
 * - `mutate` throws `"<name> refused: <errors>"` on any refusal and returns the mutation's data.
 * `app` is read at each call, since specs start their app in `beforeAll`. Headers: as `TestApp.graphql`
 * (absent: a supervisor).
 */
export function namedMutations(app: () => TestApp, key: (name: string) => string, selected = '__typename') {
  const call = (name: string, input: Record<string, unknown>, headers?: Record<string, string>, select = selected): Promise<GraphqlResponse> =>
    app().graphql(`mutation($input: ${name[0]!.toUpperCase()}${name.slice(1)}Input!) { ${name}(input: $input) { ${select} } }`, { input: { idempotencyKey: key(name), ...input } }, headers);
  const mutate = async (name: string, input: Record<string, unknown>, headers?: Record<string, string>, select = selected) => {
    const response = await call(name, input, headers, select);
    if (response.errors) throw new Error(`${name} refused: ${JSON.stringify(response.errors)}`);
    return response.data![name];
  };
  return { call, mutate };
}
