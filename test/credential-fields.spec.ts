import { eventPayloadShapes } from '../src/event-sourcing/event-payload-shapes.generated.js';
import { CREDENTIAL_FIELDS } from '../src/event-sourcing/credential-fields.js';

/*
 * breaker9z S2's whole kind: no credential held in an event leaves the server. Every field of every
 * event type whose name speaks of a password, a token, a secret, a key or a cookie is either a
 * credential listed in CREDENTIAL_FIELDS (withheld from proofs: redactCredentials) or named below as
 * not one, with the reason — so a new event type with such a field cannot slip out unseen.
 */
const SOUNDS_SECRET = /password|passwd|secret|token|credential|salt|private|cookie|apikey|signingkey/i;

/** Fields whose names sound secret but hold none. */
const NOT_CREDENTIALS: Readonly<Record<string, string>> = {
  tokenId: "an access token's public id, as the list of tokens shows it",
};

/** Every property name of a JSON Schema, nested objects and arrays included, as top-level field → names under it. */
function fieldsOf(shape: unknown, into = new Set<string>()): Set<string> {
  if (!shape || typeof shape !== 'object') return into;
  const node = shape as { properties?: Record<string, unknown>; items?: unknown; anyOf?: unknown[]; oneOf?: unknown[]; allOf?: unknown[] };
  for (const [name, inner] of Object.entries(node.properties ?? {})) {
    into.add(name);
    fieldsOf(inner, into);
  }
  for (const inner of [node.items, ...(node.anyOf ?? []), ...(node.oneOf ?? []), ...(node.allOf ?? [])]) fieldsOf(inner, into);
  return into;
}

describe('credentials in events', () => {
  it.each(Object.entries(eventPayloadShapes.payloads))('%s: every field that sounds secret is a listed credential or named as none', (type, shape) => {
    const secretSounding = [...fieldsOf(shape)].filter((name) => SOUNDS_SECRET.test(name) && !(name in NOT_CREDENTIALS));
    const topLevel = Object.keys((shape as { properties?: object }).properties ?? {});
    // A credential withheld is a top-level field of the event's data (redactCredentials replaces `data.<field>`).
    for (const name of secretSounding) expect({ type, name, topLevel: topLevel.includes(name) }).toEqual({ type, name, topLevel: true });
    expect([...(CREDENTIAL_FIELDS[type] ?? [])].sort()).toEqual(expect.arrayContaining(secretSounding.sort()));
  });

  it('lists only fields the event types have', () => {
    for (const [type, fields] of Object.entries(CREDENTIAL_FIELDS)) {
      const properties = Object.keys((eventPayloadShapes.payloads[type] as { properties?: object } | undefined)?.properties ?? {});
      for (const field of fields) expect({ type, field, known: properties.includes(field) }).toEqual({ type, field, known: true });
    }
  });
});
