import { Injectable } from '@nestjs/common';
import { type Observable, filter, interval, map, merge, share, take, takeUntil } from 'rxjs';
import { ProjectionEngine } from '../../event-sourcing/projection-engine.js';
import type { DomainError } from '../../shared/domain-error.js';
import { toAsyncIterator } from '../../shared/graphql/async-iterator.js';
import { AuthenticationService } from '../authentication/authentication.service.js';
import type { GraphqlContext } from './graphql-context.js';

/** The last thing a subscriber is sent once its access has ended: why, as a request would be refused now. */
export class AccessEnded {
  constructor(readonly refusal: DomainError) {}
}
export type LiveUpdate<T> = T | AccessEnded;

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

  /**
   * `updates` for as long as the subscriber's access lasts, then AccessEnded (with its reason), then
   * the end. `latestOnly`: each update is the whole current state, so a subscriber that has not
   * taken the last one yet gets only the newest (see toAsyncIterator); an ending is never dropped.
   */
  forSubscriber<T>(context: GraphqlContext, updates: Observable<T>, options: { latestOnly?: boolean } = {}): AsyncIterableIterator<LiveUpdate<T>> {
    const accessEndedBecause = this.authentication.accessEndedBecause(context.authorization);
    const ended = merge(this.engine.events$, interval(EXPIRY_CHECK_MS)).pipe(
      map(() => accessEndedBecause()),
      filter((refusal): refusal is DomainError => refusal !== null),
      take(1),
      map((refusal) => new AccessEnded(refusal)),
      share(),
    );
    return toAsyncIterator<LiveUpdate<T>>(merge(updates.pipe(takeUntil(ended)), ended), options);
  }
}

/**
 * A subscription's `resolve`: the update, or — once access has ended — the refusal that ended it
 * (UNAUTHENTICATED, in the words a request would get: 此次登录已结束，请重新登录。, 此账号已停用。 …).
 */
export function updateOrRefusal<T>(update: LiveUpdate<T>): T {
  if (update instanceof AccessEnded) throw update.refusal;
  return update;
}
