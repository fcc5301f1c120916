import { cpSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluationInput, REGISTER_EVALUATION } from '../support/fixtures.js';
import { office } from '../support/office-folder.js';
import { refusalOf } from '../support/store-files.js';
import { type TestApp } from '../support/test-app.js';
import { PROCESS_TEST_CEILING_MS } from '../support/server-process.js';

/*
 * newcomer25 S6 (serious): the data folder moved to a new path, a backup restored there and the reset
 * accepted as the refusal told — every later plain start was refused again (STORE_SHORTER, judged on
 * the copy beside the key kept for the old path), accepting again did not end it, only re-entering as
 * many events as the backup lacked did. An accepted reset leaves every witness the next start judges
 * agreeing with the accepted store: a plain restart after it starts.
 */

const register = (app: TestApp, title: string) => app.graphql(REGISTER_EVALUATION, { input: evaluationInput({ title }) });
const evaluationCount = async (app: TestApp) => (await app.graphql('{ evaluations { totalCount } }')).data!.evaluations.totalCount as number;

describe('An accepted reset after the data folder moved (newcomer25 S6)', () => {
  it('starts plainly after accepting a backup restored at the new path; the old path\'s copy beside the key is kept aside, not judged', async () => {
    const { root, data, start, copies } = office();
    let app = await start();
    expect((await register(app, '备份之前')).errors).toBeUndefined();
    await app.close();
    const backup = join(root, 'backup');
    cpSync(data, backup, { recursive: true });
    app = await start();
    for (const title of ['备份之后一', '备份之后二']) expect((await register(app, title)).errors).toBeUndefined();
    await app.close();

    // The installation's data moved to another path: it starts there as the same store.
    const moved = join(root, 'srv', 'data');
    cpSync(data, moved, { recursive: true });
    renameSync(data, join(root, 'gone'));
    const movedPath = join(moved, 'rectify.db');
    const at = (settings: Record<string, string> = {}) => start({ STORE_WITNESS_PATH: `${movedPath}.witness.json`, ...settings }, movedPath);
    app = await at();
    expect(await evaluationCount(app)).toBe(3);
    await app.close();
    const oldCopy = readdirSync(copies).map((name) => join(copies, name)).find((path) => JSON.parse(readFileSync(path, 'utf8')).location === join(data, 'rectify.db'));
    expect(oldCopy).toBeDefined();

    // The backup restored there, the README's way: refused, then accepted once.
    for (const name of ['rectify.db', 'rectify.db.witness.json']) cpSync(join(backup, name), join(moved, name));
    expect((await refusalOf(at())).reason).toBe('STORE_SHORTER');
    app = await at({ ACCEPT_STORE_RESET: 'true' });
    expect(await evaluationCount(app)).toBe(1);
    await app.close();

    // A plain restart (a reboot, systemd) starts on the store as accepted.
    app = await at();
    try {
      expect(await evaluationCount(app)).toBe(1);
      expect((await register(app, '恢复之后')).errors).toBeUndefined();
    } finally {
      await app.close();
    }
    const names = readdirSync(copies);
    expect(names.some((name) => name.startsWith(`${oldCopy!.split('/').pop()!}.retired-`))).toBe(true);
    expect(names).not.toContain(oldCopy!.split('/').pop());
  }, PROCESS_TEST_CEILING_MS);

  it('starts plainly after accepting a start that a torn copy beside the key refused; the torn copy is kept aside', async () => {
    const { start, copies } = office();
    let app = await start();
    expect((await register(app, '断电之前')).errors).toBeUndefined();
    await app.close();
    // Another copy beside the key torn by a power cut (half its bytes).
    const [name] = readdirSync(copies);
    const torn = join(copies, `other-${name!}`);
    const text = readFileSync(join(copies, name!), 'utf8');
    writeFileSync(torn, text.slice(0, text.length / 2));
    expect((await refusalOf(start())).reason).toBe('STORE_WITNESS_DAMAGED');
    app = await start({ ACCEPT_STORE_RESET: 'true' });
    await app.close();
    app = await start();
    try {
      expect(await evaluationCount(app)).toBe(1);
    } finally {
      await app.close();
    }
    expect(readdirSync(copies).some((each) => each.startsWith(`other-${name!}.retired-`))).toBe(true);
  }, PROCESS_TEST_CEILING_MS);
});
