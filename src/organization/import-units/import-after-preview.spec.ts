import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allEventSchemas } from '../../event-sourcing/all-event-schemas.js';
import { executeCommand } from '../../event-sourcing/execute-command.js';
import { replayLog } from '../../event-sourcing/replay-log.js';
import { formatPosition } from '../../event-store/event-store.port.js';
import { SqliteEventStore } from '../../event-store/sqlite-event-store.js';
import { commandContext, type CommandContext } from '../../shared/command-context.js';
import { DomainError } from '../../shared/domain-error.js';
import { unitDecider } from '../domain/unit.decider.js';
import { unitStream } from '../domain/unit.events.js';
import { unitIdForCode } from '../units/unit-id.js';
import { UnitsReadModel } from '../units/units.read-model.js';
import { importUnitsFile, type UnitsImportOptions } from './import-units.js';

/*
 * breaker52-9 S6: 单位导入 with 更名 (importUnits rename: true, units:import --rename) wrote its name over the 更名 a colleague made
 * after the preview, silently. The preview gives the directory version it read (directoryVersion); given back, the import is
 * refused naming the unit, who renamed it, when and to what, nothing appended — and a rename appended is checked against the name
 * it was decided on, atomically, whatever the version.
 */

const text = (csv: string) => new TextEncoder().encode(csv);
const REGISTERED = text('编码,名称,类型\nFGW,青川市发展和改革委员会,部门\nCZJ,青川市财政局,部门\n');
const RENAMING = text('编码,名称,类型\nFGW,青川市发展和改革局,部门\nCZJ,青川市财政局,部门\n');
const NOW = new Date('2026-12-07T10:00:00+08:00');
const adminB = { id: 'user:admin-b', role: 'ADMIN' as const, unitId: null };
const adminA = { id: 'user:admin-a', role: 'ADMIN' as const, unitId: null };
const FGW = unitIdForCode('FGW');

const fromServer = (key: string, request: Record<string, unknown> = {}): CommandContext =>
  commandContext({ actor: adminB, commandType: 'ImportUnits', idempotencyKey: key, now: NOW, request: { idempotencyKey: key, rename: true, ...request } });

function setUp() {
  const store = new SqliteEventStore(join(mkdtempSync(join(tmpdir(), 'rectify-units-after-preview-')), 'events.db'));
  const schemas = allEventSchemas();
  const directory = () => replayLog(store, schemas, new UnitsReadModel());
  const run = async (key: string, content: Uint8Array, options: UnitsImportOptions, units?: UnitsReadModel) =>
    importUnitsFile({ store, schemas, units: units ?? (await directory()) }, { name: 'units.csv', content }, fromServer(key, { ...options }), options);
  /** Admin A's 更名 on the 单位名录 page. */
  const renameByA = async (name: string, key = 'rename-by-a') =>
    executeCommand(
      store,
      schemas,
      unitStream(FGW),
      unitDecider,
      { type: 'RenameUnit', actor: adminA, today: '2026-12-07', renamedOn: '2026-12-07', name, reason: '按编办批复', nameTakenBy: null },
      commandContext({ actor: adminA, commandType: 'RenameUnit', idempotencyKey: key, now: NOW }),
    );
  const nameNow = async () => (await directory()).get(FGW)?.name;
  const head = async () => formatPosition(await store.headPosition());
  return { store, schemas, directory, run, renameByA, nameNow, head };
}

const refusal = async (promise: Promise<unknown>): Promise<DomainError> => {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
};

describe('a units import after its preview, a unit renamed in between (breaker52-9 S6)', () => {
  it('given the preview’s directory version, is refused naming the unit, who renamed it, when, to what and why; nothing appended', async () => {
    const { store, run, renameByA, nameNow, head } = setUp();
    await run('register', REGISTERED, {});
    const preview = await run('iu-dry', RENAMING, { rename: true, dryRun: true });
    expect(preview.renamed).toMatchObject([{ code: 'FGW', renamedFrom: '青川市发展和改革委员会', name: '青川市发展和改革局' }]);
    expect(preview.directoryVersion).toBe(await head());

    await renameByA('青川市发展改革委员会');
    const before = await head();
    const error = await refusal(run('iu-go', RENAMING, { rename: true, expectedDirectoryVersion: preview.directoryVersion }));
    expect(error.code).toBe('CONFLICT');
    expect(error.details).toMatchObject({ field: 'expectedDirectoryVersion', codes: ['FGW'], unitId: FGW, expectedName: '青川市发展和改革委员会', currentName: '青川市发展改革委员会' });
    expect(error.messageZh).toMatch(
      /^单位 FGW 的名称刚由user:admin-a改为“青川市发展改革委员会”（北京时间 2026-12-07 10:00；理由：按编办批复；导入预览显示的是“青川市发展和改革委员会”）：单位名录在预览之后已被修改，现在导入会覆盖这一修改。请重新预览（试导入）后再导入，本次未写入任何内容。$/u,
    );
    expect(error.message).toContain('unit FGW was renamed 青川市发展改革委员会 by user:admin-a');
    expect(await head()).toBe(before);
    expect(await nameNow()).toBe('青川市发展改革委员会');
    store.close();
  });

  it('previewed again, shows the colleague’s name as the one renamed from, and imports', async () => {
    const { store, run, renameByA, nameNow } = setUp();
    await run('register', REGISTERED, {});
    const first = await run('iu-dry', RENAMING, { rename: true, dryRun: true });
    await renameByA('青川市发展改革委员会');
    const again = await run('iu-dry-2', RENAMING, { rename: true, dryRun: true });
    expect(again.directoryVersion).not.toBe(first.directoryVersion);
    expect(again.renamed).toMatchObject([{ code: 'FGW', renamedFrom: '青川市发展改革委员会' }]);
    const applied = await run('iu-go', RENAMING, { rename: true, expectedDirectoryVersion: again.directoryVersion });
    expect(applied.renamed).toMatchObject([{ code: 'FGW', renamedFrom: '青川市发展改革委员会', name: '青川市发展和改革局' }]);
    expect(await nameNow()).toBe('青川市发展和改革局');
    // The same request sent again (a lost answer): answered as applied, not refused for its own rename.
    const resent = await run('iu-go', RENAMING, { rename: true, expectedDirectoryVersion: again.directoryVersion });
    expect(resent.renamed).toMatchObject([{ code: 'FGW', renamedFrom: '青川市发展改革委员会' }]);
    store.close();
  });

  it('a unit the preview showed by its name, renamed since: the import renaming it back is refused', async () => {
    const { store, run, renameByA, nameNow } = setUp();
    await run('register', REGISTERED, {});
    const preview = await run('iu-dry', REGISTERED, { rename: true, dryRun: true });
    expect(preview.renamed).toEqual([]);
    await renameByA('青川市发展改革委员会');
    const error = await refusal(run('iu-go', REGISTERED, { rename: true, expectedDirectoryVersion: preview.directoryVersion }));
    expect(error.details).toMatchObject({ field: 'expectedDirectoryVersion', codes: ['FGW'] });
    expect(await nameNow()).toBe('青川市发展改革委员会');
    store.close();
  });

  it('a code the preview showed unregistered, registered since under another name: refused as registered meanwhile', async () => {
    const { store, run } = setUp();
    await run('register-czj', text('编码,名称,类型\nCZJ,青川市财政局,部门\n'), {});
    const preview = await run('iu-dry', RENAMING, { rename: true, dryRun: true });
    expect(preview.created.map((unit) => unit.code)).toEqual(['FGW']);
    await run('colleague', REGISTERED, {});
    const error = await refusal(run('iu-go', RENAMING, { rename: true, expectedDirectoryVersion: preview.directoryVersion }));
    expect(error.messageZh).toMatch(/^单位 FGW 刚由user:admin-b登记为“青川市发展和改革委员会”（北京时间 2026-12-07 10:00；导入预览显示该编码尚未登记）/u);
    store.close();
  });

  it('only the units the import writes are judged: a row naming a unit renamed since by its former name is told so by the reading, a file not writing it imports', async () => {
    const { store, run, renameByA } = setUp();
    await run('register', REGISTERED, {});
    const preview = await run('iu-dry', text('编码,名称,类型\nFGW,青川市发展和改革委员会,部门\nJYJ,青川市教育局,部门\n'), { dryRun: true });
    await renameByA('青川市发展改革委员会');
    // Without rename the row naming FGW by its former name is told as such by the file's reading, not taken as a rename.
    const error = await refusal(run('iu-go', text('编码,名称,类型\nFGW,青川市发展和改革委员会,部门\nJYJ,青川市教育局,部门\n'), { expectedDirectoryVersion: preview.directoryVersion }));
    expect(error.code).toBe('BAD_USER_INPUT');
    const fine = await run('iu-go-2', text('编码,名称,类型\nCZJ,青川市财政局,部门\nJYJ,青川市教育局,部门\n'), { expectedDirectoryVersion: preview.directoryVersion });
    expect(fine.created.map((unit) => unit.code)).toEqual(['JYJ']);
    store.close();
  });

  it('a version no preview gave is refused as such', async () => {
    const { store, run } = setUp();
    await run('register', REGISTERED, {});
    for (const version of ['abc', '99999']) {
      const error = await refusal(run(`iu-${version}`, RENAMING, { rename: true, expectedDirectoryVersion: version }));
      expect(error.code).toBe('BAD_USER_INPUT');
      expect(error.details).toMatchObject({ field: 'expectedDirectoryVersion' });
      expect(error.messageZh).toContain('不是预览（试导入）给出的版本');
    }
    store.close();
  });

  it('a preview read on a directory a moment behind the log gives a version before the rename it did not show', async () => {
    const { store, run, directory, renameByA } = setUp();
    await run('register', REGISTERED, {});
    const behind = await directory();
    await renameByA('青川市发展改革委员会');
    // Shown as in the directory already, by the name it had: nothing to write, so nothing decided on the unit's stream.
    const preview = await run('iu-dry', REGISTERED, { rename: true, dryRun: true }, behind);
    expect(preview.renamed).toEqual([]);
    expect(preview.alreadyRegistered.map((unit) => unit.code)).toEqual(['FGW', 'CZJ']);
    const error = await refusal(run('iu-go', REGISTERED, { rename: true, expectedDirectoryVersion: preview.directoryVersion }));
    expect(error.details).toMatchObject({ field: 'expectedDirectoryVersion', expectedName: '青川市发展和改革委员会', currentName: '青川市发展改革委员会' });
    store.close();
  });

  it('without a version, a rename decided on a name the unit no longer has (renamed between the reading and the append) is refused, never written over', async () => {
    const { store, run, directory, renameByA, nameNow } = setUp();
    await run('register', REGISTERED, {});
    const behind = await directory();
    await renameByA('青川市发展改革委员会');
    const error = await refusal(run('iu-go', RENAMING, { rename: true }, behind));
    expect(error.code).toBe('CONFLICT');
    expect(error.messageZh).toMatch(/第 2 行：单位（代码 FGW）的名称刚由user:admin-a改为 青川市发展改革委员会（北京时间 2026-12-07 10:00；理由：按编办批复；/u);
    expect(await nameNow()).toBe('青川市发展改革委员会');
    store.close();
  });
});
