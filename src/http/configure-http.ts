import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppSettings } from '../config/app-settings.js';
import { serveWebApp } from '../web-app/web-app.js';
import { InFlightRequests } from '../observability/in-flight-requests.js';

/**
 * The HTTP setup `main.ts` and the end-to-end tests share; call it before `listen`.
 *
 * Request bodies larger than `REQUEST_MAX_BYTES` are refused with 413 before they are parsed
 * (the declared Content-Length is checked first; a body without one is cut off at the limit).
 * Nest sees these parsers already in place and does not add its own. Requests in flight are counted
 * from their arrival (see InFlightRequests).
 */
export function configureHttp(app: INestApplication, settings: Pick<AppSettings, 'REQUEST_MAX_BYTES'>): void {
  const express = app as NestExpressApplication;
  // First, so that a request whose body is still arriving counts as in flight for a graceful shutdown.
  express.use(app.get(InFlightRequests).middleware);
  express.useBodyParser('json', { limit: settings.REQUEST_MAX_BYTES });
  express.useBodyParser('urlencoded', { limit: settings.REQUEST_MAX_BYTES, extended: true });
  express.use(bodyParserErrors(settings.REQUEST_MAX_BYTES));
  serveWebApp(app);
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
  (error: unknown, _request: IncomingMessage, response: ServerResponse, next: (error: unknown) => void): void => {
    if (!isBodyParserError(error) || error.status >= 500) return next(error);
    const [code, message, messageZh] =
      error.type === 'entity.too.large'
        ? ['PAYLOAD_TOO_LARGE', `The request body is larger than the ${maxBytes} bytes allowed. Send less at once.`, `请求内容超过了允许的 ${maxBytes} 字节：请分次少量发送。`]
        : error.type === 'entity.parse.failed'
          ? ['BAD_REQUEST', 'The request body is not valid JSON.', '请求内容不是有效的 JSON。']
          : ['BAD_REQUEST', 'The request body could not be read.', '无法读取请求内容。'];
    response.statusCode = error.status;
    response.setHeader('content-type', 'application/json; charset=utf-8');
    response.end(JSON.stringify({ errors: [{ message, extensions: { code, messageZh } }] }));
  };
