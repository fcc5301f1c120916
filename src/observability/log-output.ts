import type { Writable } from 'node:stream';

/** `/health` notice while the server's log lines cannot be written (see LogOutput). */
export type LogNoticeCause = 'LOG_NOT_WRITTEN';

export interface LogNotice {
  readonly cause: LogNoticeCause;
  /** ISO-8601 instant of the first line dropped since the last one written. */
  readonly since: string;
}

/** The part of a stream LogOutput guards: stdout and stderr in the server, a fake in unit tests. */
export type GuardedStream = Pick<Writable, 'write' | 'on'>;

type WriteCallback = (error?: Error | null) => void;

/**
 * What became of the server's log lines. The server writes its log to stdout and stderr, and an
 * office often sends them to a file on the data disk (`npm start > rectify.log`, the README's try
 * block). A line that cannot be written — a full disk (`ENOSPC`), a closed pipe (`EPIPE`), an I/O
 * error — is dropped and counted; it never ends the process (breaker9f P18: Node throws an
 * unhandled stream `'error'` and the server exited 1, so a full disk took the server down instead of
 * answering `STORE_UNAVAILABLE` `DISK_FULL`). Lines are written again as soon as the stream takes
 * them (the disk has room again).
 *
 * `guard(stream)` installs this on one stream, once: an `'error'` listener (so a failed write is
 * not fatal) and a wrapper of `write` that notes each line's outcome. Every writer of the stream is
 * covered — Nest's logger, the start banner, `console.*`, Node's own warnings.
 *
 * Read by `/health` (`notices()`: `LOG_NOT_WRITTEN` from the first line dropped until a line is
 * written again) and `/metrics` (`dropped`: lines dropped since the process started).
 */
export class LogOutput {
  private droppedLines = 0;
  private failingSince: Date | null = null;
  private lastFailure: string | null = null;
  private readonly guarded = new WeakSet<object>();

  /** `now`: the instant of a failure (injected for tests; the machine clock in the server). */
  constructor(private readonly now: () => Date = () => new Date()) {}

  /** Lines dropped since the process started (a line is one `write`). */
  get dropped(): number {
    return this.droppedLines;
  }

  /** The code of the newest failure (`ENOSPC`, `EPIPE`, …), or null while lines are written. */
  get failure(): string | null {
    return this.failingSince ? this.lastFailure : null;
  }

  notices(): readonly LogNotice[] {
    return this.failingSince ? [{ cause: 'LOG_NOT_WRITTEN', since: this.failingSince.toISOString() }] : [];
  }

  guard(stream: GuardedStream): void {
    if (this.guarded.has(stream)) return;
    this.guarded.add(stream);
    // A failed write also emits 'error'; counted in the write's callback below, ignored here.
    stream.on('error', () => undefined);
    const write = stream.write.bind(stream) as (chunk: unknown, encoding?: BufferEncoding, callback?: WriteCallback) => boolean;
    const noteOutcome = (error?: Error | null) => (error ? this.noteDropped(error) : this.noteWritten());
    stream.write = ((chunk: unknown, encodingOrCallback?: BufferEncoding | WriteCallback, callback?: WriteCallback): boolean => {
      const encoding = typeof encodingOrCallback === 'function' ? undefined : encodingOrCallback;
      const done = typeof encodingOrCallback === 'function' ? encodingOrCallback : callback;
      try {
        return write(chunk, encoding, (error) => {
          noteOutcome(error);
          done?.(error);
        });
      } catch (error) {
        // A stream that throws instead of calling back (a destroyed one, in some Node versions).
        noteOutcome(error instanceof Error ? error : new Error(String(error)));
        return false;
      }
    }) as GuardedStream['write'];
  }

  private noteDropped(error: Error): void {
    this.droppedLines += 1;
    this.lastFailure = (error as { code?: unknown }).code === undefined ? error.message : String((error as { code?: unknown }).code);
    this.failingSince ??= this.now();
  }

  private noteWritten(): void {
    this.failingSince = null;
  }
}

/** The server process's one LogOutput: stdout and stderr are the process's, not an app instance's. */
export const serverLogOutput = new LogOutput();
