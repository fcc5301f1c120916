import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CLIENT_ROUTES } from './web-app.js';

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
