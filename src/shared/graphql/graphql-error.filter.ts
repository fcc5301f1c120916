import { ArgumentsHost, BadRequestException, Catch, HttpException, HttpStatus, Logger, NotFoundException, Optional } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { GqlArgumentsHost, GqlContextType, GqlExceptionFilter } from '@nestjs/graphql';
import { CredentialRefused } from '../../access/authentication/authentication.service.js';
import type { GraphqlContext } from '../../access/authorization/graphql-context.js';
import { GraphQLError } from 'graphql';
import { ConcurrencyError } from '../../event-store/event-store.port.js';
import { StoreHealth, StoreUnavailableError, storeRefusalFor } from '../../event-store/store-health.js';
import { isStoreDamage } from '../../event-store/store-damage.js';
import { DomainError, inBothLanguages } from '../domain-error.js';
import { chineseFor } from './chinese-errors.js';
import { answerUnknownPage } from '../../web-app/web-app.js';

/** How the router says no route serves an address (`Cannot GET /login`). */
const NO_ROUTE = /^Cannot (GET|HEAD) /;

/** What a CONFLICT of two writes to one record at once says (newcomer46-9 M9): it may well be the user's own other window or repeated submit. */
export const CONCURRENT_CHANGE_ZH = '该记录刚被修改（可能是您在另一窗口的操作或重复提交，也可能是他人）：请刷新后重试。';

/**
 * The one place where failures become GraphQL errors with a stable `extensions.code`.
 * Unexpected failures are logged and answered without internals (no stack, no SQL).
 */
@Catch()
export class GraphqlErrorFilter extends BaseExceptionFilter implements GqlExceptionFilter {
  private readonly logger = new Logger('GraphQL');

  /** `storeHealth`: told of a damaged store file met by any resolver (SQLITE_CORRUPT, SQLITE_NOTADB), which then refuses writes. */
  constructor(@Optional() private readonly storeHealth?: StoreHealth) {
    super();
  }

  override catch(exception: unknown, host: ArgumentsHost) {
    if (host.getType<GqlContextType>() !== 'graphql') {
      // No route for the address: a browser gets a page in Chinese, a script the JSON 404 (newcomer23 S5).
      const http = host.switchToHttp();
      if (exception instanceof NotFoundException && NO_ROUTE.test(exception.message) && answerUnknownPage(http.getRequest(), http.getResponse())) return;
      return super.catch(exception, host);
    }
    const graphql = GqlArgumentsHost.create(host);
    const info = graphql.getInfo<{ parentType?: { name: string }; fieldName?: string } | undefined>();
    const actor = graphql.getContext<GraphqlContext | undefined>()?.actor;
    const who = actor
      ? `${actor.id} (${actor.role}${actor.unitId ? `, unit ${actor.unitId}` : ''})`
      : exception instanceof CredentialRefused && exception.accountId
        ? `a token of ${exception.accountId}`
        : 'an anonymous caller';
    // A read that met a damaged store file (breaker9s P5) is the store's state, answered as a refused write is.
    const failure = this.storeHealth?.storeDamaged(exception) ?? exception;
    return toGraphqlError(failure, this.logger, `${info?.parentType?.name ?? '?'}.${info?.fieldName ?? '?'} by ${who}`, actor?.role ?? null);
  }
}

/**
 * The GraphQL error for a failure. `role`: the caller's role (null when signed out or not known, as for a
 * nested field): a write refused for the store's state is told in full to an ADMIN only (`storeRefusalFor`).
 */
export function toGraphqlError(exception: unknown, logger: Logger, attempt = 'a nested field', role: string | null = null): GraphQLError {
  if (exception instanceof GraphQLError) return exception;
  if (exception instanceof DomainError) {
    // Refused access leaves a trace, whether the guard or a decider refused it.
    if (exception.code === 'FORBIDDEN' || exception.code === 'UNAUTHENTICATED') {
      logger.warn(`Refused ${attempt} (${exception.code}): ${exception.message}`);
    }
    return new GraphQLError(exception.message, { extensions: { ...exception.details, code: exception.code, messageZh: exception.messageZh } });
  }
  if (exception instanceof StoreUnavailableError) {
    // The whole text in the log, whoever is answered with less (newcomer27 S3) — Chinese first, for the administrator (newcomer46-9 M3).
    logger.error(`Refused ${attempt}: ${inBothLanguages(exception.problem.message)}`);
    const told = storeRefusalFor(exception.problem, role);
    return new GraphQLError(told.en, {
      extensions: { code: 'STORE_UNAVAILABLE', cause: exception.problem.cause, messageZh: told.zh },
    });
  }
  if (exception instanceof ConcurrencyError) {
    return new GraphQLError(exception.message, {
      // newcomer46-9 M9: most often the user's own parallel requests (another window, a repeated submit) — not blamed on someone else.
      extensions: { code: 'CONFLICT', messageZh: CONCURRENT_CHANGE_ZH },
    });
  }
  if (exception instanceof BadRequestException) {
    const message = validationMessage(exception);
    return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', messageZh: chineseFor(message, 'BAD_USER_INPUT') } });
  }
  if (exception instanceof HttpException && exception.getStatus() < 500) {
    const code = exception.getStatus() === HttpStatus.TOO_MANY_REQUESTS ? 'TOO_MANY_REQUESTS' : 'BAD_REQUEST';
    const response = exception.getResponse();
    const given = typeof response === 'object' && response !== null ? (response as { messageZh?: unknown }).messageZh : undefined;
    return new GraphQLError(exception.message, {
      extensions: { code, messageZh: typeof given === 'string' ? given : chineseFor(exception.message, code) },
    });
  }
  if (isStoreDamage(exception)) {
    // Met where no StoreHealth was at hand (a nested field): still the store's state, never "try again".
    logger.error(`Refused ${attempt}: the event store file is damaged (${String((exception as { code?: unknown }).code)})`);
    return new GraphQLError('The event store file is damaged (SQLite cannot read it): nothing can be recorded, and what is shown may be incomplete. An operator must look at the server (see /health and the server log).', {
      extensions: { code: 'STORE_UNAVAILABLE', cause: 'STORE_FILE_DAMAGED', messageZh: '事件库文件已损坏（SQLite 无法读取）：无法记录任何操作，页面显示的内容可能不完整。请联系系统管理员处理（详见 /health 与服务器日志）。' },
    });
  }
  logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
  return new GraphQLError('Something went wrong on the server. The failure was logged; please try again.', {
    extensions: { code: 'INTERNAL_SERVER_ERROR', messageZh: chineseFor('', 'INTERNAL_SERVER_ERROR') },
  });
}

function validationMessage(exception: BadRequestException): string {
  const response = exception.getResponse();
  const messages = typeof response === 'object' && response !== null ? (response as { message?: unknown }).message : undefined;
  if (Array.isArray(messages)) return `Invalid input: ${messages.join('; ')}.`;
  return typeof messages === 'string' ? messages : exception.message;
}
