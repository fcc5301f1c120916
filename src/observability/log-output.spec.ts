import { Writable } from 'node:stream';
import { LogOutput } from './log-output.js';

/**
 * A stream whose writes fail with `code` while `failing` is set, like a log file on a full disk.
 * A failed write does not end it: Node's stdout and stderr undo their own destruction (their
 * `_destroy` calls `_undestroy()`), so a line written once the disk has room again is written.
 */
const diskStream = () => {
  const state = { failing: false, written: [] as string[], code: 'ENOSPC' };
  const stream: Writable = new Writable({
    destroy(error, callback) {
      callback(error);
      (stream as unknown as { _undestroy(): void })._undestroy();
    },
    write(chunk: Buffer, _encoding, callback) {
      if (!state.failing) {
        state.written.push(chunk.toString());
        return callback();
      }
      callback(Object.assign(new Error(`${state.code}: no space left on device, write`), { code: state.code }));
    },
  });
  return { stream, state };
};

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('LogOutput', () => {
  const instant = new Date('2026-12-01T02:00:00Z');

  it('drops and counts a line that cannot be written, emits no unhandled error, and writes again once the stream takes lines', async () => {
    const output = new LogOutput(() => instant);
    const { stream, state } = diskStream();
    output.guard(stream);
    stream.write('one\n');
    await settle();
    expect(output.notices()).toEqual([]);
    state.failing = true;
    const callbacks: unknown[] = [];
    stream.write('two\n', (error) => callbacks.push((error as { code?: string } | null)?.code));
    stream.write('three\n', 'utf8');
    await settle();
    // Without the guard the stream's 'error' event has no listener and Node ends the process.
    expect(callbacks).toEqual(['ENOSPC']);
    expect(output.dropped).toBe(2);
    expect(output.failure).toBe('ENOSPC');
    expect(output.notices()).toEqual([{ cause: 'LOG_NOT_WRITTEN', since: instant.toISOString() }]);
    state.failing = false;
    stream.write('four\n');
    await settle();
    expect(state.written).toEqual(['one\n', 'four\n']);
    expect(output.notices()).toEqual([]);
    expect(output.failure).toBeNull();
    expect(output.dropped).toBe(2);
  });

  it('guards a stream once: guarding it again counts each line once', async () => {
    const output = new LogOutput(() => instant);
    const { stream, state } = diskStream();
    output.guard(stream);
    output.guard(stream);
    state.failing = true;
    state.code = 'EPIPE';
    stream.write('lost\n');
    await settle();
    expect(output.dropped).toBe(1);
    expect(output.failure).toBe('EPIPE');
  });
});
