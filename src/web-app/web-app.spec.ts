import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CLIENT_ROUTES, EXPLORER_MARK, withExplorerMark } from './web-app.js';

/** The first segment of every path the web app's router knows (web/src/router.ts), but its catch-all. */
function routerSegments(): string[] {
  const router = readFileSync(fileURLToPath(new URL('../../web/src/router.ts', import.meta.url)), 'utf8');
  return [...router.matchAll(/path: '\/([^'/:]*)/g)].map((match) => match[1]!).filter((segment) => !segment.startsWith(':'));
}

describe('the server answers a reload of every page of the web app with the app', () => {
  it('knows the first segment of every route of the router (a reload of /users is the app, not a 404)', () => {
    const segments = routerSegments();
    expect(segments).toContain('users');
    expect(segments.filter((segment) => !CLIENT_ROUTES.has(segment))).toEqual([]);
  });
});

describe('the app page says whether the API explorer is served (newcomer48-9 M1)', () => {
  const built = Buffer.from('<!doctype html><html><head><title>整改台账</title></head><body></body></html>');
  it('marks the page in its head while /graphiql is served, so the administrator’s menu offers it', () => {
    expect(withExplorerMark(built, true)!.toString()).toBe(`<!doctype html><html><head><title>整改台账</title>${EXPLORER_MARK}</head><body></body></html>`);
  });
  it('leaves the page as built when it is not (production), and a missing build missing', () => {
    expect(withExplorerMark(built, false)).toBe(built);
    expect(withExplorerMark(null, true)).toBeNull();
  });
});
