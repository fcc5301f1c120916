import { GraphQLError } from 'graphql';

/*
 * What one caller (an account; an address when nobody signs in) may hold over WebSocket, counted
 * across all its connections. A subscription runs its selection again on every change it follows,
 * on the event loop of whoever made the change: the limit on one subscription's cost
 * (SUBSCRIPTION_COST_SHARE) and on subscriptions per connection bound nothing while a caller can
 * open as many connections as it likes — one token held 40 connections × 20 subscriptions of a
 * 190-row page, and every mutation of everyone took 8–13 s (breaker12c P5). Knows no feature.
 */

/** The bounds of one caller's holdings. */
export interface SubscriptionBudgetLimits {
  /** The sum of the estimated costs (query-cost.ts) of the subscriptions it holds open at once. */
  readonly maxCostPerCaller: number;
  /** Connections it holds open at once (the web app opens one per tab). */
  readonly maxConnectionsPerCaller: number;
}

/** What one connection holds: its caller and each of its admitted subscriptions' cost, by id. */
interface Holding {
  readonly caller: string;
  readonly costs: Map<string, number>;
}

/**
 * Each caller's open connections and the summed cost of its open subscriptions. A connection is
 * any object (graphql-ws's context); subscriptions are named by their id on it. Every method is O(1)
 * but `disconnect` (O(its subscriptions)).
 */
export class SubscriptionBudget {
  private readonly holdings = new Map<object, Holding>();
  private readonly callers = new Map<string, { connections: number; cost: number }>();

  constructor(readonly limits: SubscriptionBudgetLimits) {}

  /**
   * Opens `connection` for `caller`; the refusal (TOO_MANY_REQUESTS, with the Chinese) when the
   * caller already holds `maxConnectionsPerCaller`, in which case nothing is counted.
   */
  connect(connection: object, caller: string): GraphQLError | undefined {
    if (this.holdings.has(connection)) return undefined;
    const held = this.callerOf(caller);
    if (held.connections >= this.limits.maxConnectionsPerCaller) {
      this.forgetIfEmpty(caller);
      const most = this.limits.maxConnectionsPerCaller;
      return new GraphQLError(`This account already holds ${most} live connections, the most allowed: close other tabs of Rectify, then reload this one.`, {
        extensions: { code: 'TOO_MANY_REQUESTS', messageZh: `此账号已有 ${most} 个实时连接，已达上限：请关闭其他打开的 Rectify 页面后再刷新本页。` },
      });
    }
    held.connections += 1;
    this.holdings.set(connection, { caller, costs: new Map() });
    return undefined;
  }

  /**
   * Counts the subscription `id` of `connection` at `cost` against its caller; the refusal
   * (TOO_MANY_REQUESTS, with the Chinese) when the caller's open subscriptions and this one would
   * cost more than `maxCostPerCaller` together, in which case nothing is counted. A connection never
   * `connect`ed is refused.
   */
  admit(connection: object, id: string, cost: number): GraphQLError | undefined {
    const holding = this.holdings.get(connection);
    if (!holding) {
      return new GraphQLError('This connection was not admitted: open a new one.', {
        extensions: { code: 'TOO_MANY_REQUESTS', messageZh: '此连接未被接受：请重新连接。' },
      });
    }
    const held = this.callerOf(holding.caller);
    const before = held.cost - (holding.costs.get(id) ?? 0);
    const most = this.limits.maxCostPerCaller;
    if (before + cost > most) {
      return new GraphQLError(
        `Your open subscriptions already cost ${before} on every change, and this one ${cost}: together more than the ${most} one account may hold over all its connections. Close a subscription or another tab of Rectify first, or subscribe to fewer fields (e.g. dashboardUpdated { asOf }) and query the rest when a push arrives.`,
        {
          extensions: {
            code: 'TOO_MANY_REQUESTS',
            messageZh: `您已打开的订阅每次推送合计开销 ${before}，加上此订阅（${cost}）将超过每个账号在所有连接上合计的上限 ${most}：请先关闭其他订阅或其他打开的 Rectify 页面，或只订阅少量字段（如 dashboardUpdated { asOf }），收到推送后再查询其余数据。`,
          },
        },
      );
    }
    held.cost = before + cost;
    holding.costs.set(id, cost);
    return undefined;
  }

  /** How many subscriptions `connection` was let run and still holds (0 for one not admitted). */
  running(connection: object): number {
    return this.holdings.get(connection)?.costs.size ?? 0;
  }

  /** The subscription `id` of `connection` ended: its cost is given back (nothing if it was never admitted). */
  release(connection: object, id: string): void {
    const holding = this.holdings.get(connection);
    const cost = holding?.costs.get(id);
    if (!holding || cost === undefined) return;
    holding.costs.delete(id);
    this.callerOf(holding.caller).cost -= cost;
  }

  /** `connection` closed: it and every subscription it still held are given back. */
  disconnect(connection: object): void {
    const holding = this.holdings.get(connection);
    if (!holding) return;
    this.holdings.delete(connection);
    const held = this.callerOf(holding.caller);
    for (const cost of holding.costs.values()) held.cost -= cost;
    held.connections -= 1;
    this.forgetIfEmpty(holding.caller);
  }

  /** What `caller` holds now: its open connections and its open subscriptions' summed cost. */
  heldBy(caller: string): { readonly connections: number; readonly cost: number } {
    const held = this.callers.get(caller);
    return { connections: held?.connections ?? 0, cost: held?.cost ?? 0 };
  }

  private callerOf(caller: string) {
    let held = this.callers.get(caller);
    if (!held) this.callers.set(caller, (held = { connections: 0, cost: 0 }));
    return held;
  }

  private forgetIfEmpty(caller: string): void {
    const held = this.callers.get(caller);
    if (held && held.connections === 0 && held.cost === 0) this.callers.delete(caller);
  }
}
