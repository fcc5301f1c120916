import { Injectable, SetMetadata, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { from, switchMap, type Observable } from 'rxjs';
import { CATCH_UP_CEILING_MS } from './catch-up.plugin.js';
import { ProjectionEngine } from './projection-engine.js';

const WITHOUT_CATCH_UP = Symbol('answersWithoutCatchUp');

/**
 * Marks an HTTP handler (or controller) that answers from what this process holds without first
 * catching up with the store: `/health`, which reports how far the read models are behind and waits
 * in its own way. Everything else over HTTP catches up first (`CatchUpBeforeEachHttpRequest`).
 */
export const AnswersWithoutCatchUp = () => SetMetadata(WITHOUT_CATCH_UP, true);

/**
 * Read-your-writes across servers on one store for every HTTP endpoint that is not GraphQL (the
 * exports, the upload of import files, /metrics; breaker9g P1): before the handler authenticates
 * its caller or reads a read model, the read models are brought up to the last event another process
 * appended as the store holds it now (`ProjectionEngine.catchUpWithOtherProcesses`, at most
 * `CATCH_UP_CEILING_MS` = 2 s, only when read models have stopped). So a session or token made on another server on the same SQLite file is
 * valid here at once, an account deactivated there is refused here at once (此账号已停用。), and an
 * export taken after a write was answered there holds that record.
 *
 * Applies to Nest's HTTP handlers only (`context.getType() === 'http'`): GraphQL operations catch up
 * through `CatchUpBeforeEachOperation` once they have parsed and validated, subscriptions in
 * `GraphqlWebSocketServer` before they authenticate. Costs one head read per request.
 */
@Injectable()
export class CatchUpBeforeEachHttpRequest implements NestInterceptor {
  constructor(
    private readonly projections: ProjectionEngine,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http' || this.reflector.getAllAndOverride<boolean>(WITHOUT_CATCH_UP, [context.getHandler(), context.getClass()])) {
      return next.handle();
    }
    return from(this.projections.catchUpWithOtherProcesses(CATCH_UP_CEILING_MS)).pipe(switchMap(() => next.handle()));
  }
}
