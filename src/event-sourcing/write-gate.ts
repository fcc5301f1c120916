import { Injectable } from '@nestjs/common';

/**
 * One process's writes, in two kinds (breaker9f P6, breaker8g P19):
 * - `shared` — an ordinary command: it reads the read models (the units directory among them),
 *   decides, appends and waits for its events to be projected. Any number run together.
 * - `exclusive` — a write that scans the read models to decide many streams at once (机构改革: every
 *   part a merged or handed-over unit holds). It runs alone: it waits for the ordinary writes in
 *   flight to be projected, and none starts deciding until its own events are projected.
 *
 * So a 交办 sent at the moment of a merge is decided either before the merge's scan (its part is in
 * the read model the scan reads, and passes) or after the merge is in the directory (it passes on or
 * is refused by the merge's rules) — the result of one order of the two, never a part left with a
 * unit that no longer exists. Writer-preferring: an exclusive write waiting holds back ordinary
 * writes that arrive after it, so a steady flow of commands cannot starve a reorganisation. Not
 * re-entrant: a write does not open another inside itself. Within this process only; another
 * process writing the same store (a second server, a command-line tool) is not held back.
 */
@Injectable()
export class WriteGate {
  /** Ordinary writes running now. */
  private running = 0;
  /** An exclusive write running now. */
  private alone = false;
  /** Writes waiting, in arrival order: exclusive ones go when nothing runs, shared ones when no exclusive runs or waits before them. */
  private readonly waiting: { readonly exclusive: boolean; readonly go: () => void }[] = [];

  /**
   * An ordinary write sent now would wait: an exclusive write runs, or waits for its turn (a merge of
   * thousands of parts holds the ordinary writes for as long as it runs, breaker56-10 S3). O(writes waiting).
   */
  get holdsOrdinaryWrites(): boolean {
    return this.alone || this.waiting.some((waiting) => waiting.exclusive);
  }

  /** Runs an ordinary write (see the class). */
  async shared<T>(write: () => Promise<T>): Promise<T> {
    await this.enter(false);
    try {
      return await write();
    } finally {
      this.running -= 1;
      this.admit();
    }
  }

  /** Runs a write alone (see the class). */
  async exclusive<T>(write: () => Promise<T>): Promise<T> {
    await this.enter(true);
    try {
      return await write();
    } finally {
      this.alone = false;
      this.admit();
    }
  }

  private enter(exclusive: boolean): Promise<void> {
    if (this.waiting.length === 0 && !this.alone && (!exclusive || this.running === 0)) {
      this.take(exclusive);
      return Promise.resolve();
    }
    return new Promise((go) => this.waiting.push({ exclusive, go }));
  }

  private take(exclusive: boolean): void {
    if (exclusive) this.alone = true;
    else this.running += 1;
  }

  /** Lets waiting writes in, in order: shared ones up to the first exclusive, which goes alone once nothing runs. */
  private admit(): void {
    while (this.waiting.length > 0 && !this.alone) {
      const next = this.waiting[0]!;
      if (next.exclusive && this.running > 0) return;
      this.waiting.shift();
      this.take(next.exclusive);
      next.go();
      if (next.exclusive) return;
    }
  }
}
