import { copyFileSync, rmSync } from 'node:fs';
import { StoreRefusedError } from '../../src/event-store/store-witness.js';
import { evaluationInput, REGISTER_EVALUATION } from '../support/fixtures.js';
import { freshDatabasePath, startTestApp, type TestApp } from '../support/test-app.js';

/*
 * breaker9c P7: after a start accepted an older restored store (ACCEPT_STORE_RESET), every later
 * start was refused CHECKPOINTS_MISSING ("checkpoint rows were deleted") until an admin took a
 * checkpoint: the witness kept the lost checkpoint's number as one the store must still hold. One
 * acceptance covers what the restore lost, checkpoints too; a new checkpoint still never takes a
 * number given before.
 */

const TAKE_CHECKPOINT = 'mutation { takeLedgerCheckpoint { sequence } }';

async function registerAndCheckpoint(app: TestApp): Promise<number> {
  const supervisor = await app.as('SUPERVISOR');
  expect((await app.graphql(REGISTER_EVALUATION, { input: evaluationInput() }, supervisor)).errors).toBeUndefined();
  const taken = await app.graphql(TAKE_CHECKPOINT, {}, await app.as('ADMIN'));
  expect(taken.errors).toBeUndefined();
  return taken.data!.takeLedgerCheckpoint.sequence as number;
}

describe('A start that accepted an older restored store', () => {
  it('is not followed by starts refused for the checkpoints it accepted, and numbers the next checkpoint after the lost ones', async () => {
    const sqlitePath = freshDatabasePath();
    const first = await startTestApp({ sqlitePath });
    expect(await registerAndCheckpoint(first)).toBe(1);
    await first.close();
    copyFileSync(sqlitePath, `${sqlitePath}.backup`);

    const second = await startTestApp({ sqlitePath });
    expect(await registerAndCheckpoint(second)).toBe(2);
    await second.close();

    // Only the older backup is left (checkpoint 1); the start is refused, then accepted once.
    copyFileSync(`${sqlitePath}.backup`, sqlitePath);
    for (const file of [`${sqlitePath}-wal`, `${sqlitePath}-shm`, `${sqlitePath}.read-models.snapshot`]) rmSync(file, { force: true });
    await expect(startTestApp({ sqlitePath })).rejects.toBeInstanceOf(StoreRefusedError);
    const accepted = await startTestApp({ sqlitePath, settings: { ACCEPT_STORE_RESET: 'true' } });
    await accepted.close();

    // The flag removed, as the README says: the store the operator accepted starts.
    const later = await startTestApp({ sqlitePath });
    try {
      // Checkpoint 2 was printed and lost in the restore: the next one is 3, never a second 2.
      expect(await registerAndCheckpoint(later)).toBe(3);
    } finally {
      await later.close();
    }
    const again = await startTestApp({ sqlitePath });
    await again.close();
  });
});
