import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Who a piece of server work is for, and whether they still wait for it: set per HTTP request
 * (requestScopeMiddleware, src/http) and read where long work is queued (time-travel folds), so work
 * nobody waits for any more is dropped and one caller's work cannot starve another's. Work started
 * outside a request (a command-line tool, a test calling a handler) has no scope: it is done for the
 * server and never abandoned.
 */
export interface RequestScope {
  /** The caller, as the rate limit counts it: `account:<user id>`, or `ip:<address>` without a credential that signs anyone in. */
  readonly caller: string;
  /** Aborted once the caller no longer waits (its connection closed). */
  readonly signal: AbortSignal;
}

const scopes = new AsyncLocalStorage<RequestScope>();

/** The scope of the request this code runs for, if any. */
export const currentRequest = (): RequestScope | undefined => scopes.getStore();

/** Runs `work` (and everything it awaits) in `scope`. */
export const inRequestScope = <T>(scope: RequestScope, work: () => T): T => scopes.run(scope, work);

/**
 * What several requests share (one fold of a day, asked by two people): wanted until every request
 * that asked for it has stopped waiting; `signal` aborts then. A share asked outside any request is
 * wanted for good.
 */
export class SharedInterest {
  private readonly controller = new AbortController();
  private waiting = 0;
  private forGood = false;

  /** Aborted once nobody waits any more. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** One more asker: the request `scope` (none: wanted for good). */
  add(scope: RequestScope | undefined): void {
    if (this.controller.signal.aborted) return;
    if (!scope) {
      this.forGood = true;
      return;
    }
    if (scope.signal.aborted) return this.settle();
    this.waiting += 1;
    scope.signal.addEventListener(
      'abort',
      () => {
        this.waiting -= 1;
        this.settle();
      },
      { once: true },
    );
  }

  private settle(): void {
    if (this.waiting === 0 && !this.forGood) this.controller.abort(new WorkAbandoned());
  }
}

/** Work stopped because nobody waited for it any more (never sent to a client: none is left to send it to). */
export class WorkAbandoned extends Error {
  constructor() {
    super('Abandoned: every request that asked for this work has gone.');
    this.name = 'WorkAbandoned';
  }
}
