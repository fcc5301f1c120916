import { OneAtATime } from './one-at-a-time.js';

describe('OneAtATime: work one at a time per key', () => {
  const tick = () => new Promise((resolve) => setImmediate(resolve));

  it('given work queued on one key, when it runs, then one runs at a time, in arrival order, and the key is dropped after', async () => {
    const queues = new OneAtATime();
    const order: string[] = [];
    let running = 0;
    let most = 0;
    const work = (name: string) => async () => {
      running += 1;
      most = Math.max(most, running);
      order.push(`${name} starts`);
      await tick();
      order.push(`${name} ends`);
      running -= 1;
      return name;
    };
    const results = await Promise.all([queues.run('evaluation-1', work('a')), queues.run('evaluation-1', work('b')), queues.run('evaluation-1', work('c'))]);
    expect(results).toEqual(['a', 'b', 'c']);
    expect(most).toBe(1);
    expect(order).toEqual(['a starts', 'a ends', 'b starts', 'b ends', 'c starts', 'c ends']);
    expect(queues.busyKeys).toBe(0);
  });

  it('given a failing work, when the next waits on the key, then it still runs and the failure reaches only its caller', async () => {
    const queues = new OneAtATime();
    const failed = queues.run('k', async () => {
      throw new Error('refused');
    });
    const next = queues.run('k', async () => 'recorded');
    await expect(failed).rejects.toThrow('refused');
    await expect(next).resolves.toBe('recorded');
    expect(queues.busyKeys).toBe(0);
  });

  it('given two callers holding overlapping keys in opposite orders, when both run, then neither waits for the other forever', async () => {
    const queues = new OneAtATime();
    const hold = (keys: string[], name: string) =>
      queues.runHolding(keys, async () => {
        await tick();
        return name;
      });
    await expect(Promise.all([hold(['x', 'y'], 'first'), hold(['y', 'x'], 'second'), hold([], 'none')])).resolves.toEqual(['first', 'second', 'none']);
    expect(queues.busyKeys).toBe(0);
  });
});
