import { Injectable } from '@nestjs/common';
import { type Observable, filter, interval, map, merge, share, take, takeUntil } from 'rxjs';
import { ProjectionEngine } from '../../event-sourcing/projection-engine.js';
import { DomainError, say } from '../../shared/domain-error.js';
import { toAsyncIterator } from '../../shared/graphql/async-iterator.js';
import { AuthenticationService } from '../authentication/authentication.service.js';
import type { GraphqlContext } from './graphql-context.js';

/** The last thing a subscriber is sent once its access has ended. */
export const ACCESS_ENDED: unique symbol = Symbol('access ended');
export type LiveUpdate<T> = T | typeof ACCESS_ENDED;

/** How often an idle subscription checks that its token has not expired. */
const EXPIRY_CHECK_MS = 60_000;

/**
 * Subscriptions outlive the request that opened them, so the access guard's check at the start is
 * not enough: a subscriber's access is checked again at every event in the log — a
 * `UserDeactivated` ends its feed at once — and every minute, for tokens that expire while idle.
 */
@Injectable()
export class LiveUpdates {
  constructor(
    private readonly engine: ProjectionEngine,
    private readonly authentication: AuthenticationService,
  ) {}

  /** `updates` for as long as the subscriber's access lasts, then ACCESS_ENDED, then the end. */
  forSubscriber<T>(context: GraphqlContext, updates: Observable<T>): AsyncIterableIterator<LiveUpdate<T>> {
    const signedIn = this.authentication.stillSignedIn(context.authorization);
    const ended = merge(this.engine.events$, interval(EXPIRY_CHECK_MS)).pipe(
      filter(() => !signedIn()),
      take(1),
      map((): typeof ACCESS_ENDED => ACCESS_ENDED),
      share(),
    );
    return toAsyncIterator<LiveUpdate<T>>(merge(updates.pipe(takeUntil(ended)), ended));
  }
}

/** A subscription's `resolve`: the update, or — once access has ended — the refusal. */
export function updateOrRefusal<T>(update: LiveUpdate<T>): T {
  if (update === ACCESS_ENDED) {
    throw new DomainError(
      'UNAUTHENTICATED',
      say('Your access has ended (the account was deactivated or its token expired); this subscription is closed.', '您的访问已结束（账号已停用或令牌已过期），此订阅已关闭。'),
    );
  }
  return update;
}
