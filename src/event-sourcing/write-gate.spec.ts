import { WriteGate } from './write-gate.js';

/** A write the test finishes when it chooses, noting when it started. */
function write(log: string[], name: string) {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return {
    run: async () => {
      log.push(`${name} starts`);
      await done;
      log.push(`${name} ends`);
      return name;
    },
    finish: () => finish(),
  };
}

/** Lets every promise callback already due run (no time passes). */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('WriteGate: ordinary writes together, a reorganisation alone (breaker9f P6)', () => {
  it('runs ordinary writes together', async () => {
    const gate = new WriteGate();
    const log: string[] = [];
    const [a, b] = [write(log, 'a'), write(log, 'b')];
    const both = Promise.all([gate.shared(a.run), gate.shared(b.run)]);
    await settle();
    expect(log).toEqual(['a starts', 'b starts']);
    a.finish();
    b.finish();
    expect(await both).toEqual(['a', 'b']);
  });

  it('starts an exclusive write once the ordinary ones running have ended, and holds back those sent after it until it ends', async () => {
    const gate = new WriteGate();
    const log: string[] = [];
    const [before, merge, after] = [write(log, 'assign before'), write(log, 'merge'), write(log, 'assign after')];
    const running = [gate.shared(before.run), gate.exclusive(merge.run), gate.shared(after.run)];
    await settle();
    expect(log).toEqual(['assign before starts']);
    before.finish();
    await settle();
    expect(log).toEqual(['assign before starts', 'assign before ends', 'merge starts']);
    merge.finish();
    await settle();
    expect(log).toEqual(['assign before starts', 'assign before ends', 'merge starts', 'merge ends', 'assign after starts']);
    after.finish();
    expect(await Promise.all(running)).toEqual(['assign before', 'merge', 'assign after']);
  });

  it('runs two exclusive writes one after the other, and goes on after a write that failed', async () => {
    const gate = new WriteGate();
    const log: string[] = [];
    const first = gate.exclusive(async () => {
      log.push('first');
      throw new Error('refused');
    });
    const second = gate.exclusive(async () => {
      log.push('second');
      return 2;
    });
    const ordinary = gate.shared(async () => {
      log.push('ordinary');
      return 3;
    });
    await expect(first).rejects.toThrow('refused');
    expect(await second).toBe(2);
    expect(await ordinary).toBe(3);
    expect(log).toEqual(['first', 'second', 'ordinary']);
  });
});
