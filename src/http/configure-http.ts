import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { AppSettings } from '../config/app-settings.js';
import { serveWebApp } from '../web-app/web-app.js';
import { InFlightRequests } from '../observability/in-flight-requests.js';
import { COMMAND_LINE_TOOLS, tooLarge } from '../imports/uploads/uploaded-files.js';
import { MAX_IMPORT_FILE_BYTES } from '../shared/graphql/file-upload.js';
import { inRequestScope } from '../shared/request-scope.js';
import { AuthenticationService } from '../access/authentication/authentication.service.js';
import { callerOf } from './rate-limit.guard.js';
import { trustedProxies } from './trusted-proxies.js';
import { UntrustedForwarding } from './untrusted-forwarding.js';

type Middleware = (request: IncomingMessage, response: ServerResponse, next: (error?: unknown) => void) => void;
/** Express's own raw-body parser (body-parser); express ships no types of its own. */
const { raw } = createRequire(import.meta.url)('express') as { raw: (options: { type: () => boolean; limit: number }) => Middleware };

/** Where import files are sent before the mutation that imports them. */
export const UPLOAD_PATH = '/imports/files';

/**
 * The HTTP setup `main.ts` and the end-to-end tests share; call it before `listen`.
 *
 * Request bodies larger than `REQUEST_MAX_BYTES` are refused with 413 before they are parsed
 * (the declared Content-Length is checked first; a body without one is cut off at the limit).
 * Nest sees these parsers already in place and does not add its own. Requests in flight are counted
 * from their arrival (see InFlightRequests). A request's `req.ip` — the address the rate limits key
 * anonymous callers and sign-in failures by — is the socket's peer, or, when that peer is a proxy
 * listed in `TRUST_PROXY`, the client address the proxy put in `X-Forwarded-For` (Express's
 * `trust proxy`, breaker12d P1).
 */
export function configureHttp(app: INestApplication, settings: Pick<AppSettings, 'REQUEST_MAX_BYTES' | 'TRUST_PROXY'>): void {
  const express = app as NestExpressApplication;
  express.set('trust proxy', trustedProxies(settings.TRUST_PROXY));
  // X-Forwarded-For from a peer TRUST_PROXY does not list: said in the log and on /health (breaker12g P5).
  const forwarding = app.get(UntrustedForwarding);
  forwarding.use(trustedProxies(settings.TRUST_PROXY));
  express.use((request: IncomingMessage, _response: ServerResponse, next: () => void) => {
    forwarding.untrusted(request);
    next();
  });
  // First, so that a request whose body is still arriving counts as in flight for a graceful shutdown.
  express.use(app.get(InFlightRequests).middleware);
  // An import file is sent as it is, up to the size an import takes, to its own path only.
  express.use(UPLOAD_PATH, raw({ type: () => true, limit: MAX_IMPORT_FILE_BYTES }));
  express.useBodyParser('json', { limit: settings.REQUEST_MAX_BYTES });
  express.useBodyParser('urlencoded', { limit: settings.REQUEST_MAX_BYTES, extended: true });
  express.use(bodyParserErrors(settings.REQUEST_MAX_BYTES));
  // After the body parsers (which call on from the socket's events, outside any scope set before them).
  express.use(requestScope(app.get(AuthenticationService)));
  serveWebApp(app);
  keepIdleConnectionsOpen(app.getHttpServer() as Server);
}

/**
 * Each request's scope (request-scope.ts): its caller as the rate limit counts it (the account its
 * credential signs in, else its IP address; worked out when first asked, so a static file costs no
 * lookup), and a signal aborted when its connection closes before the answer is sent — a client that
 * gave up, timed out or was closed by a proxy — so long work queued for it (time-travel folds) is
 * dropped (breaker12b P7).
 */
const requestScope =
  (authentication: AuthenticationService): Middleware =>
  (request, response, next) => {
    const controller = new AbortController();
    response.once('close', () => {
      if (!response.writableFinished) controller.abort();
    });
    let caller: string | undefined;
    const scope = {
      get caller(): string {
        return (caller ??= callerOf(request, authentication));
      },
      signal: controller.signal,
    };
    inRequestScope(scope, () => next());
  };

/** How long an idle keep-alive connection stays open, in ms (Node's default is 5 s). */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;

/**
 * Node closes an idle keep-alive connection after 5 s by default. When its event loop was busy past
 * that (a long import, a fold at a past day) the closing timer fires late — after a client, seeing
 * the connection still open, has sent its next request on it — and that request fails with
 * ECONNRESET. Idle connections are kept for 65 s, longer than any such pause and than the 60 s a
 * reverse proxy such as nginx keeps its own upstream connections; headers must arrive within a
 * little more than that (Node requires headersTimeout > keepAliveTimeout).
 */
function keepIdleConnectionsOpen(server: Server): void {
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  server.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1_000;
}

interface BodyParserError {
  status: number;
  type: string;
}

const isBodyParserError = (error: unknown): error is BodyParserError =>
  typeof error === 'object' &&
  error !== null &&
  typeof (error as BodyParserError).type === 'string' &&
  (error as BodyParserError).type.startsWith('entity.') &&
  typeof (error as BodyParserError).status === 'number';

/**
 * A refused or malformed body is answered in the GraphQL error shape, without Express's HTML
 * error page (which shows a stack trace outside production).
 */
const bodyParserErrors =
  (maxBytes: number) =>
  (error: unknown, request: IncomingMessage, response: ServerResponse, next: (error: unknown) => void): void => {
    if (!isBodyParserError(error) || error.status >= 500) return next(error);
    const upload = (request.url ?? '').startsWith(UPLOAD_PATH);
    const [code, message, messageZh] =
      error.type === 'entity.too.large'
        ? upload
          ? ['PAYLOAD_TOO_LARGE', tooLarge(null).message, tooLarge(null).messageZh]
          : [
              'PAYLOAD_TOO_LARGE',
              `The request body is larger than the ${maxBytes} bytes allowed. To import a larger file (up to ${MAX_IMPORT_FILE_BYTES} bytes, 5 MB), send its bytes to POST ${UPLOAD_PATH} and give the fileId it answers to the import mutation instead of contentBase64; or use ${COMMAND_LINE_TOOLS.en}.`,
              `请求内容超过了允许的 ${maxBytes} 字节。导入较大的文件（最多 ${MAX_IMPORT_FILE_BYTES} 字节，5 MB）时，请先把文件发送到 POST ${UPLOAD_PATH}，再在导入操作中用返回的 fileId 代替 contentBase64；或使用${COMMAND_LINE_TOOLS.zh}。`,
            ]
        : error.type === 'entity.parse.failed'
          ? ['BAD_REQUEST', 'The request body is not valid JSON.', '请求内容不是有效的 JSON。']
          : ['BAD_REQUEST', 'The request body could not be read.', '无法读取请求内容。'];
    response.statusCode = error.status;
    response.setHeader('content-type', 'application/json; charset=utf-8');
    response.end(JSON.stringify({ errors: [{ message, extensions: { code, messageZh } }] }));
  };
