import { SubscriptionBudget } from './subscription-budget.js';

describe('what one caller may hold over all its WebSocket connections (breaker12c P5)', () => {
  const limits = { maxCostPerCaller: 2000, maxConnectionsPerCaller: 3 };

  it('sums the cost of a caller’s subscriptions across its connections and refuses the one that would pass the bound', () => {
    const budget = new SubscriptionBudget(limits);
    const [a, b] = [{}, {}];
    expect(budget.connect(a, 'account:u1')).toBeUndefined();
    expect(budget.connect(b, 'account:u1')).toBeUndefined();
    expect(budget.admit(a, '1', 1500)).toBeUndefined();
    // On another connection of the same account: counted together.
    const refused = budget.admit(b, '1', 1500);
    expect(refused?.extensions).toEqual({ code: 'TOO_MANY_REQUESTS', messageZh: expect.stringMatching(/^您已打开的订阅每次推送合计开销 1500，加上此订阅（1500）将超过每个账号在所有连接上合计的上限 2000/) });
    expect(refused?.message).toMatch(/already cost 1500 on every change, and this one 1500/);
    expect(budget.heldBy('account:u1')).toEqual({ connections: 2, cost: 1500 });
    // Up to the bound exactly is admitted; another account has its own.
    expect(budget.admit(b, '2', 500)).toBeUndefined();
    expect(budget.admit(b, '3', 1)).toBeDefined();
    const other = {};
    expect(budget.connect(other, 'account:u2')).toBeUndefined();
    expect(budget.admit(other, '1', 2000)).toBeUndefined();
  });

  it('gives a subscription’s cost back when it ends, and everything a connection held when it closes', () => {
    const budget = new SubscriptionBudget(limits);
    const [a, b] = [{}, {}];
    budget.connect(a, 'account:u1');
    budget.connect(b, 'account:u1');
    budget.admit(a, '1', 1000);
    budget.admit(a, '2', 900);
    expect(budget.admit(b, '1', 200)).toBeDefined();
    budget.release(a, '1');
    // Released twice or never admitted: nothing more is given back.
    budget.release(a, '1');
    budget.release(b, '9');
    expect(budget.heldBy('account:u1')).toEqual({ connections: 2, cost: 900 });
    expect(budget.admit(b, '1', 200)).toBeUndefined();
    budget.disconnect(a);
    budget.disconnect(a);
    expect(budget.heldBy('account:u1')).toEqual({ connections: 1, cost: 200 });
    budget.disconnect(b);
    expect(budget.heldBy('account:u1')).toEqual({ connections: 0, cost: 0 });
  });

  it('bounds a caller’s open connections, and admits a new one once another closed', () => {
    const budget = new SubscriptionBudget(limits);
    const connections = [{}, {}, {}];
    for (const connection of connections) expect(budget.connect(connection, 'account:u1')).toBeUndefined();
    const fourth = {};
    const refused = budget.connect(fourth, 'account:u1');
    expect(refused?.extensions).toEqual({ code: 'TOO_MANY_REQUESTS', messageZh: '此账号已有 3 个实时连接，已达上限：请关闭其他打开的 Rectify 页面后再刷新本页。' });
    // A refused connection holds nothing, and may not subscribe.
    expect(budget.admit(fourth, '1', 1)?.extensions).toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    expect(budget.connect({}, 'account:u2')).toBeUndefined();
    budget.disconnect(connections[0]!);
    expect(budget.connect(fourth, 'account:u1')).toBeUndefined();
    expect(budget.heldBy('account:u1').connections).toBe(3);
  });
});
