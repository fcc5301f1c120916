import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allEventSchemas } from '../../event-sourcing/all-event-schemas.js';
import { replayLog } from '../../event-sourcing/replay-log.js';
import { SqliteEventStore } from '../../event-store/sqlite-event-store.js';
import { commandContext, type CommandContext } from '../../shared/command-context.js';
import { UnitsReadModel } from '../units/units.read-model.js';
import { unitIdForCode } from '../units/unit-id.js';
import { unitStream } from '../domain/unit.events.js';
import { describeUnitsImportZh, importUnitsFile } from './import-units.js';

/*
 * breaker10d P33: a units file renaming a unit renames it whenever the directory names it otherwise
 * — the same file again after the unit was renamed back included — from the server and the command line.
 */

const text = (csv: string) => new TextEncoder().encode(csv);
const NEW_NAME = text('编码,名称,类型\nWJW,青川市卫生健康委员会,部门\n');
const OLD_NAME = text('编码,名称,类型\nWJW,青川市卫生和计划生育委员会,部门\n');
const admin = { id: 'user:admin', role: 'ADMIN' as const, unitId: null };

const fromServer = (key: string): CommandContext =>
  commandContext({ actor: admin, commandType: 'ImportUnits', idempotencyKey: key, now: new Date('2026-11-20T09:00:00+08:00'), request: { idempotencyKey: key, rename: true } });
const fromCommandLine = (content: Uint8Array): CommandContext =>
  commandContext({ actor: { id: 'cli:operator', role: 'SYSTEM', unitId: null }, commandType: 'ImportUnits', idempotencyKey: Buffer.from(content).toString('base64'), now: new Date('2026-11-20T09:00:00+08:00') });

describe.each([
  ['the server', (key: string) => fromServer(key)],
  ['the command line', (_key: string, content: Uint8Array) => fromCommandLine(content)],
])('renaming by a units file, from %s', (_from, contextOf) => {
  it('renames again with the same file after the unit was renamed back', async () => {
    const store = new SqliteEventStore(join(mkdtempSync(join(tmpdir(), 'rectify-unit-renames-')), 'events.db'));
    const schemas = allEventSchemas();
    const run = async (key: string, content: Uint8Array, rename: boolean) =>
      importUnitsFile({ store, schemas, units: await replayLog(store, schemas, new UnitsReadModel()) }, { name: 'units.csv', content }, contextOf(key, content), { rename });
    const nameNow = async () => (await replayLog(store, schemas, new UnitsReadModel())).get(unitIdForCode('WJW'))?.name;

    await run('register', OLD_NAME, false);
    expect((await run('rename', NEW_NAME, true)).renamed).toHaveLength(1);
    expect(await nameNow()).toBe('青川市卫生健康委员会');
    expect((await run('rename-back', OLD_NAME, true)).renamed).toHaveLength(1);
    expect(await nameNow()).toBe('青川市卫生和计划生育委员会');

    const again = await run('rename-again', NEW_NAME, true);
    expect(again).toMatchObject({ renamed: [{ code: 'WJW', renamedFrom: '青川市卫生和计划生育委员会' }], alreadyRegistered: [] });
    expect(await nameNow()).toBe('青川市卫生健康委员会');
    store.close();
  });
});

/*
 * breaker10q P15 (Z-units-rename.csv): `units:import --rename --registered-on 2026-05-01` (the 机构改革 took effect 1 May, entered in
 * December) recorded the rename on the day of the import, the --registered-on dropped unsaid; every view before December named
 * the unit by the name it no longer had. A rename day is given with renamedOn (--renamed-on, the API's renamedOn).
 */
describe('the day a rename by a units file took effect (breaker10q P15)', () => {
  it('records the rename on the day given, and says it', async () => {
    const store = new SqliteEventStore(join(mkdtempSync(join(tmpdir(), 'rectify-unit-renamed-on-')), 'events.db'));
    const schemas = allEventSchemas();
    const units = async () => replayLog(store, schemas, new UnitsReadModel());
    await importUnitsFile({ store, schemas, units: await units() }, { name: 'units.csv', content: OLD_NAME }, fromServer('register'), { registeredOn: '2026-01-05' });
    const outcome = await importUnitsFile({ store, schemas, units: await units() }, { name: 'units.csv', content: NEW_NAME }, fromServer('rename'), { rename: true, renamedOn: '2026-05-01' });
    expect(outcome.renamedOn).toBe('2026-05-01');
    expect(describeUnitsImportZh('units.csv', outcome)).toContain('已更名（自 2026-05-01 起）：WJW 青川市卫生和计划生育委员会 → 青川市卫生健康委员会。');
    const events = await store.readStream(unitStream(unitIdForCode('WJW')));
    expect(events.filter((event) => event.type === 'UnitRenamed').map((event) => (event.data as { renamedOn: string }).renamedOn)).toEqual(['2026-05-01']);
    store.close();
  });
});

/*
 * breaker48-10 M3: a new unit under a unit's former name was refused 「名称已属于单位 WJW」 — a name the directory shows for no unit
 * today. It stays refused (files naming the former name are read as the renamed unit), saying whose former name it is.
 */
describe('a new unit in a units file under a renamed unit’s former name (breaker48-10 M3)', () => {
  it('is refused saying whose former name it is, nothing registered', async () => {
    const store = new SqliteEventStore(join(mkdtempSync(join(tmpdir(), 'rectify-unit-former-name-')), 'events.db'));
    const schemas = allEventSchemas();
    const run = async (key: string, content: Uint8Array, rename: boolean) =>
      importUnitsFile({ store, schemas, units: await replayLog(store, schemas, new UnitsReadModel()) }, { name: 'units.csv', content }, fromServer(key), { rename });
    await run('register', OLD_NAME, false);
    await run('rename', NEW_NAME, true);
    const refused = await run('new-unit', text('编码,名称,类型\nWSJ,青川市卫生和计划生育委员会,部门\n'), false).then(
      (answer) => answer,
      (error: { messageZh?: string; extensions?: unknown }) => error,
    );
    expect(JSON.stringify(refused)).toContain('“青川市卫生和计划生育委员会”是 青川市卫生健康委员会（编码 WJW）的原名称（更名前的名称）');
    expect((await replayLog(store, schemas, new UnitsReadModel())).get(unitIdForCode('WSJ'))).toBeUndefined();
    store.close();
  });
});
