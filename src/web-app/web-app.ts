import type { INestApplication } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { existsSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppSettings } from '../config/app-settings.js';

/** Where `npm run build:web` (run at install) writes the browser app: `web/dist` at the project root. */
export const WEB_APP_DIRECTORY = resolve(dirname(fileURLToPath(import.meta.url)), '../../web/dist');

/**
 * The browser app's own paths (its router's first segments). A browser that opens or reloads one of
 * them gets the app's index.html; every other path stays the API's (404 when unknown), so a typo in
 * `/helth` is not answered with a sign-in page.
 */
export const CLIENT_ROUTES = new Set([
  '', 'sign-in', 'change-password', 'overview', 'work-plan', 'findings', 'items', 'scorecard', 'circulars', 'imports', 'workload', 'inspections', 'extensions', 'users', 'units', 'ledger',
]);

const wantsHtml = (request: IncomingMessage) => /text\/html/.test(request.headers.accept ?? '');

/** The `<meta>` the app's menu reads to offer 接口调试（GraphiQL） (web/src/App.vue): present only while /graphiql is served. */
export const EXPLORER_MARK = '<meta name="rectify-api-explorer" content="/graphiql">';

/**
 * The app's page with `EXPLORER_MARK` in its head when the explorer is on (GRAPHQL_INTROSPECTION), as built otherwise —
 * so an administrator of a production server is not offered a menu item that opens 「页面不存在」 (newcomer48-9 M1).
 * `html`: index.html's bytes, or null when the app is not built (returned as is).
 */
export function withExplorerMark(html: Buffer | null, explorer: boolean): Buffer | null {
  if (!html || !explorer) return html;
  const text = html.toString('utf8');
  return Buffer.from(text.includes('</head>') ? text.replace('</head>', `${EXPLORER_MARK}</head>`) : EXPLORER_MARK + text, 'utf8');
}

/**
 * Serves the built app at `/` from the same server (same origin as /graphql, nothing from a CDN):
 * hashed files under /assets for a year, the pages never cached (a new build is picked up at once);
 * `/graphiql` is the bundled GraphiQL, and a browser opening `GET /graphql` is sent there, both
 * only while introspection is on (GRAPHQL_INTROSPECTION; off in production). Call before `listen`. Without a build, those paths answer 503 with what to run.
 */
export function serveWebApp(app: INestApplication, directory = WEB_APP_DIRECTORY): void {
  const express = app as NestExpressApplication;
  const explorer = app.get(ConfigService<AppSettings, true>).get('GRAPHQL_INTROSPECTION', { infer: true });
  const built = existsSync(join(directory, 'index.html'));
  const page = (name: string) => (built ? readFileSync(join(directory, name)) : null);
  const pages = { app: withExplorerMark(page('index.html'), explorer), graphiql: page('graphiql.html') };
  if (built) express.useStaticAssets(join(directory, 'assets'), { prefix: '/assets/', immutable: true, maxAge: '365d', index: false });
  express.use((request: IncomingMessage, response: ServerResponse, next: () => void) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return next();
    const path = (request.url ?? '/').split('?')[0];
    if (path === '/graphql' && explorer) {
      // A browser opening the endpoint wants an explorer; API calls by GET (no text/html) pass on.
      if (!wantsHtml(request) || (request.url ?? '').includes('query=')) return next();
      response.statusCode = 302;
      response.setHeader('location', '/graphiql');
      return response.end();
    }
    const which = path === '/graphiql' ? (explorer ? 'graphiql' : null) : CLIENT_ROUTES.has(path.split('/')[1] ?? '') && wantsHtml(request) ? 'app' : null;
    if (!which) return next();
    const html = pages[which];
    response.setHeader('cache-control', 'no-cache');
    response.setHeader('content-type', 'text/html; charset=utf-8');
    if (!html) {
      response.statusCode = 503;
      return response.end('<!doctype html><meta charset="utf-8"><title>整改台账</title><p>网页应用尚未构建：请运行 <code>npm run build:web</code>（The web app is not built: run <code>npm run build:web</code>.）</p>');
    }
    response.end(request.method === 'HEAD' ? undefined : html);
  });
}

/**
 * A browser (Accept: text/html) opening an address nobody serves — a typo, an old bookmark, `/login`,
 * `/Overview` — gets a page in Chinese with a link to the app, status 404, instead of the framework's
 * English JSON (newcomer23 S5). Scripts (no text/html) keep the JSON 404.
 * @returns whether it answered.
 */
export function answerUnknownPage(request: IncomingMessage, response: ServerResponse): boolean {
  if (!wantsHtml(request) || (request.method !== 'GET' && request.method !== 'HEAD')) return false;
  response.statusCode = 404;
  response.setHeader('cache-control', 'no-cache');
  response.setHeader('content-type', 'text/html; charset=utf-8');
  response.end(request.method === 'HEAD' ? undefined : UNKNOWN_PAGE);
  return true;
}

/** The page of `answerUnknownPage`: plain HTML, nothing loaded from anywhere (an intranet may reach nothing else). */
const UNKNOWN_PAGE =
  '<!doctype html><html lang="zh-CN"><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>页面不存在 · 整改台账</title>' +
  '<body style="font-family: system-ui, sans-serif; margin: 3em auto; max-width: 32em; padding: 0 1em; color: #1f2329">' +
  '<h1 style="font-size: 1.4em">页面不存在</h1><p>您打开的地址不是整改台账的页面，可能是链接或书签有误（地址区分大小写）。</p>' +
  '<p><a href="/" style="color: #0a56c2">返回整改台账首页</a></p></body></html>';
