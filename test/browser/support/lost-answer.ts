import type { BrowserContext } from 'playwright-core';

const BAD_GATEWAY = '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>';

/**
 * A stand-in proxy in front of the app for one mutation: its first request is answered with a proxy's
 * 502 page — after the server got and recorded it (`reachesServer`, a read timeout) or without it
 * ever arriving (the upstream down) — and every later one goes through. Returns the idempotency keys
 * the page sent under that mutation, in order (filled as requests go out).
 */
export async function firstAnswerLost(context: BrowserContext, mutation: string, options: { reachesServer: boolean }): Promise<string[]> {
  const keys: string[] = [];
  let lost = true;
  await context.route('**/graphql', async (route) => {
    const body = route.request().postData() ?? '';
    if (!body.includes(mutation)) return route.continue();
    keys.push((JSON.parse(body) as { variables: { input: { idempotencyKey: string } } }).variables.input.idempotencyKey);
    if (!lost) return route.continue();
    lost = false;
    if (options.reachesServer && (await route.fetch()).status() !== 200) throw new Error(`the server did not take the ${mutation} request`);
    await route.fulfill({ status: 502, contentType: 'text/html', body: BAD_GATEWAY });
  });
  return keys;
}
