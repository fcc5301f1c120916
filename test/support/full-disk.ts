import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Whether this process may mount a small tmpfs to fill (root only). Suites that need one are
 * `describe.skip`ped otherwise, and test/announce-skipped-suites.mjs says so.
 */
export const canMountTmpfs = typeof process.getuid === 'function' && process.getuid() === 0;

/**
 * A tmpfs of `sizeMiB` MiB mounted for the enclosing describe block (beforeAll) and unmounted
 * after it (afterAll, lazily: a server still holding a file must not fail the unmount).
 *
 * @returns the mount point, an empty folder under the system temp folder named `<prefix>XXXXXX`.
 */
export function smallTmpfs(prefix: string, sizeMiB: number): string {
  const mountPoint = mkdtempSync(join(tmpdir(), prefix));
  beforeAll(() => execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMiB}m`, 'tmpfs', mountPoint]));
  afterAll(() => execFileSync('umount', ['-l', mountPoint]));
  return mountPoint;
}

/**
 * Writes `filler` until the disk under it is full to the last byte (ENOSPC), in smaller and smaller
 * blocks (64 KiB, 4 KiB, 1 byte) so that even a small file (the witness) finds no room; deleting
 * `filler` frees the space again. Fails the test if a write fails for any reason but ENOSPC.
 */
export function fillDisk(filler: string): void {
  const file = openSync(filler, 'w');
  try {
    for (const size of [64 * 1024, 4096, 1]) {
      const block = Buffer.alloc(size, 1);
      try {
        for (;;) writeSync(file, block);
      } catch (error) {
        expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC');
      }
    }
  } finally {
    closeSync(file);
  }
}
