import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allEventSchemas } from '../../event-sourcing/all-event-schemas.js';
import { replayLog } from '../../event-sourcing/replay-log.js';
import { SqliteEventStore } from '../../event-store/sqlite-event-store.js';
import { commandContext, type CommandContext } from '../../shared/command-context.js';
import type { ImportProblem } from '../../spreadsheet/import-problems.js';
import { UnitsReadModel } from '../units/units.read-model.js';
import { unitIdForCode } from '../units/unit-id.js';
import { unitLookupFrom } from '../units/unit-lookup.js';
import { describeUnitsImportZh, importUnitsFile, type UnitsImportOptions } from './import-units.js';

/*
 * breaker57-10 S1: a re-sent 单位名录 changing a registered unit's 类型 or 上级编码 was reported 「已在名录中」 and the change dropped
 * without a word — while 市直各部门, 各区县政府 and 各科室 expand by kind and parent. Now such a row is refused naming the directory's
 * and the file's, or, asked (按文件更新类型和上级), changes them from a day; a collective name read as of a day expands as it stood.
 */

const text = (csv: string) => new TextEncoder().encode(csv);
const FIRST = text('编码,名称,类型,上级编码\nDONGHU,青川市东湖区人民政府,区县,\nXISHAN,西山县人民政府,区县,\nSCH0001,青川市东湖区第一小学,其他,DONGHU\nSCH0002,青川市东湖区第二小学,其他,DONGHU\nCZJ,青川市财政局,部门,\n');
const EDITED = text('编码,名称,类型,上级编码,联系人\nSCH0001,青川市东湖区第一小学,部门,XISHAN,王老师\nSCH0002,青川市东湖区第二小学,其他,,\nCZJ,青川市财政局,部门,,\nNEW001,青川市数据资源局,部门,,\n');
const admin = { id: 'user:admin', role: 'ADMIN' as const, unitId: null };
const at = (key: string): CommandContext =>
  commandContext({ actor: admin, commandType: 'ImportUnits', idempotencyKey: key, now: new Date('2026-12-05T09:00:00+08:00'), request: { idempotencyKey: key } });

async function directory() {
  const store = new SqliteEventStore(join(mkdtempSync(join(tmpdir(), 'rectify-unit-kinds-')), 'events.db'));
  const schemas = allEventSchemas();
  const units = () => replayLog(store, schemas, new UnitsReadModel());
  const run = async (key: string, content: Uint8Array, options: UnitsImportOptions = {}) => importUnitsFile({ store, schemas, units: await units() }, { name: 'unitsedit.csv', content }, at(key), options);
  await run('first', FIRST, { registeredOn: '2026-09-24' });
  return { store, units, run };
}

const problemsOf = async (promise: Promise<unknown>) => {
  const error = await promise.then(() => undefined, (caught: unknown) => caught as { code: string; details: { problems: ImportProblem[] } });
  return error && { code: error.code, problems: error.details.problems.map((problem) => [problem.row, problem.reasonZh]) };
};

describe('a re-sent 单位名录 giving a registered unit another kind or parent (breaker57-10 S1)', () => {
  it('given SCH0001 其他 under DONGHU, when the file gives 部门 under XISHAN and SCH0002 no parent, then the import is refused naming both per row, nothing written', async () => {
    const { store, units, run } = await directory();
    for (const dryRun of [true, false]) {
      expect(await problemsOf(run(`edited-${dryRun}`, EDITED, { dryRun }))).toEqual({
        code: 'BAD_USER_INPUT',
        problems: [
          [2, '单位 SCH0001 的类型和上级单位与名录不同（名录：其他，上级 青川市东湖区人民政府；文件：部门，上级 西山县人民政府）：未改动。如需按文件调整，请勾选“按文件更新类型和上级”并填写“调整生效日期”后重新导入，或在单位名录页面“调整类型和上级”；否则请在该行照名录填写。'],
          [3, '单位 SCH0002 的上级单位与名录不同（名录：其他，上级 青川市东湖区人民政府；文件：其他，上级 无）：未改动。如需按文件调整，请勾选“按文件更新类型和上级”并填写“调整生效日期”后重新导入，或在单位名录页面“调整类型和上级”；否则请在该行照名录填写。'],
        ],
      });
    }
    expect((await units()).get(unitIdForCode('SCH0001'))).toMatchObject({ kind: 'OTHER', parentUnitId: unitIdForCode('DONGHU') });
    expect((await units()).byCode('NEW001')).toBeUndefined();
    store.close();
  });

  it('given a file without a parent column, when it gives the kind the directory has, then the parents are not compared', async () => {
    const { store, run } = await directory();
    const outcome = await run('no-parent', text('编码,名称,类型\nSCH0001,青川市东湖区第一小学,其他\n'));
    expect(outcome).toMatchObject({ alreadyRegistered: [{ code: 'SCH0001' }], kindAndParentChanged: [] });
    store.close();
  });

  it('when asked (按文件更新类型和上级) with its day, then the dry run shows each change, the import records them from that day, and 市直各部门 read as of a day expands as it stood', async () => {
    const { store, units, run } = await directory();
    const options = { updateKindAndParent: true, kindAndParentChangedOn: '2026-12-01', registeredOn: '2026-09-24' } as const;
    const preview = await run('preview', EDITED, { ...options, dryRun: true });
    expect(describeUnitsImportZh('unitsedit.csv', preview)).toBe(
      '试导入：unitsedit.csv 将登记 1 个单位，1 个已在名录中。将调整类型和上级（自 2026-12-01 起）：SCH0001 其他，上级 青川市东湖区人民政府 → 部门，上级 西山县人民政府；SCH0002 其他，上级 青川市东湖区人民政府 → 其他，上级 无。未写入任何内容。\n未导入的列：联系人。',
    );
    expect((await units()).get(unitIdForCode('SCH0001'))).toMatchObject({ kind: 'OTHER' });
    const applied = await run('apply', EDITED, options);
    expect(applied.kindAndParentChanged.map((unit) => [unit.code, unit.kindAndParentFrom])).toEqual([
      ['SCH0001', { kind: 'OTHER', parentUnitId: unitIdForCode('DONGHU') }],
      ['SCH0002', { kind: 'OTHER', parentUnitId: unitIdForCode('DONGHU') }],
    ]);
    const after = await units();
    expect(after.get(unitIdForCode('SCH0001'))).toMatchObject({ kind: 'DEPARTMENT', parentUnitId: unitIdForCode('XISHAN') });
    expect(after.get(unitIdForCode('SCH0002'))).toMatchObject({ kind: 'OTHER', parentUnitId: null });
    // 市直各部门: the city's DEPARTMENT units not under a county — SCH0001, a 部门 under 西山县 from 12-01, is in none; before, it was 其他.
    const lookup = unitLookupFrom(after.list());
    const departments = (day: string) => {
      const named = lookup.on!(day).resolveNames!('市直各部门');
      return named.ok ? named.units.map((unit) => unit.name) : [];
    };
    expect(departments('2026-11-30')).toEqual(['青川市财政局', '青川市数据资源局']);
    expect(departments('2026-12-01')).toEqual(['青川市财政局', '青川市数据资源局']);
    // The same file again: nothing more to change.
    const again = await run('again', EDITED, options);
    expect(again.kindAndParentChanged).toEqual([]);
    store.close();
  });

  it('when asked, and a unit is made a 部门 of the city from a day, then 市直各部门 counts it from that day only', async () => {
    const { store, units, run } = await directory();
    await run('apply', text('编码,名称,类型,上级编码\nSCH0002,青川市东湖区第二小学,部门,\n'), { updateKindAndParent: true, kindAndParentChangedOn: '2026-12-01' });
    const lookup = unitLookupFrom((await units()).list());
    const departments = (day: string) => {
      const named = lookup.on!(day).resolveNames!('市直各部门');
      return named.ok ? named.units.map((unit) => unit.name).sort() : [];
    };
    expect(departments('2026-11-30')).toEqual(['青川市财政局']);
    expect(departments('2026-12-01')).toEqual(['青川市东湖区第二小学', '青川市财政局'].sort());
    store.close();
  });

  it('when asked, and a unit is put under its own child, then the import is refused naming the circle', async () => {
    const { store, run } = await directory();
    const refused = await problemsOf(run('circle', text('编码,名称,类型,上级编码\nDONGHU,青川市东湖区人民政府,区县,SCH0001\n'), { updateKindAndParent: true }));
    expect(refused?.problems).toEqual([[2, expect.stringContaining('青川市东湖区第一小学是青川市东湖区人民政府的下级单位')]]);
    store.close();
  });
});
