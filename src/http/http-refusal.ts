import { HttpException } from '@nestjs/common';
import type { DomainError, ErrorCode } from '../shared/domain-error.js';

const STATUS: Readonly<Record<ErrorCode, number>> = { BAD_USER_INPUT: 400, UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, CONFLICT: 409, TOO_MANY_REQUESTS: 429 };

/**
 * A refusal answered by a plain HTTP endpoint (uploads, exports) in the GraphQL error shape,
 * `{ errors: [{ message, extensions: { code, messageZh } }] }`, with the status its code means.
 */
export const httpRefusal = (error: DomainError) =>
  new HttpException({ errors: [{ message: error.message, extensions: { code: error.code, messageZh: error.messageZh } }] }, STATUS[error.code]);
