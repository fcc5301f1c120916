import ExcelJS from 'exceljs';
import { mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { allEventSchemas } from '../../event-sourcing/all-event-schemas.js';
import { executeCommand } from '../../event-sourcing/execute-command.js';
import { replayLog } from '../../event-sourcing/replay-log.js';
import type { EventStore } from '../../event-store/event-store.port.js';
import { SqliteEventStore } from '../../event-store/sqlite-event-store.js';
import { importUnitsFile } from '../../organization/import-units/import-units.js';
import { unitIdForCode } from '../../organization/units/unit-id.js';
import { UnitsReadModel } from '../../organization/units/units.read-model.js';
import { commandContext, type Actor, type CommandContext } from '../../shared/command-context.js';
import { DomainError } from '../../shared/domain-error.js';
import { fold } from '../../shared/decider.js';
import { clerkOf } from '../../shared/testing/actors.js';
import { workPlanItemDecider } from '../domain/work-plan-item.decider.js';
import { workPlanDecider } from '../domain/work-plan.decider.js';
import { workPlanIdFor, workPlanItemIdFor, workPlanItemStream, workPlanStream } from '../domain/work-plan.events.js';
import { problemsOf } from '../../spreadsheet/import-refusal.js';
import type { ImportDependencies } from '../../imports/import-run.js';
import { describeWorkPlanImport, describeWorkPlanImportZh, importWorkPlanFile, knownPlansOf } from './import-work-plan.js';
import { ProjectedStreams } from '../../event-sourcing/projected-streams.js';
import { RectificationLedger } from '../../rectification/ledger/rectification-ledger.js';
import { WorkPlanLedger } from '../breakdown/work-plan-ledger.js';
import { exportWorkPlan, type ExportSources } from '../../exports/export.queries.js';
import { tableToCsv, tableToXlsx } from '../../exports/export-files.js';
import type { ExportTable } from '../../exports/export-table.js';

/* The import service outside the server, on a real SQLite file: what the CLI and the mutation share. */

const sample = async (name: string) => new Uint8Array(await readFile(fileURLToPath(new URL(`../../../samples/${name}`, import.meta.url))));
const TITLE = '青川市2026年政务公开工作要点任务分解方案';
const operator: Actor = { id: 'cli:operator', role: 'SYSTEM', unitId: null };
const contextOf = (key: string): CommandContext =>
  commandContext({ actor: operator, commandType: 'ImportWorkPlan', idempotencyKey: key, now: new Date('2026-03-01T09:00:00+08:00') });

/** The store, with a directory of the demo's 15 units replayed from it, as the CLI sees them. */
async function storeWithUnits(): Promise<ImportDependencies> {
  const store = new SqliteEventStore(join(mkdtempSync(join(tmpdir(), 'rectify-import-')), 'events.db'));
  const schemas = allEventSchemas();
  const empty = { store, schemas, units: new UnitsReadModel() };
  await importUnitsFile(empty, { name: 'units.csv', content: await sample('units.csv') }, contextOf('units'));
  return { store, schemas, units: await replayLog(store, schemas, new UnitsReadModel()) };
}

/**
 * The store, stopping at its `count`-th append: a batch's one append to several streams is written
 * part by part until then — as an older version (command by command) or EventStoreDB (no transaction
 * across streams) may have left an import half-way.
 */
const failingFrom = (store: EventStore, count: number): EventStore => {
  let appends = 0;
  const append = (...args: Parameters<EventStore['appendToStream']>) => {
    appends += 1;
    if (appends >= count) return Promise.reject(new Error('killed'));
    return store.appendToStream(...args);
  };
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property === 'appendToStream') return append;
      if (property === 'appendToStreams') {
        return async (parts: Parameters<EventStore['appendToStreams']>[0]) => {
          const results = [];
          for (const part of parts) results.push(await append(part.streamId, part.events, part.options));
          return results;
        };
      }
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
};

/** What the export reads, replayed from the store as the server keeps it: the ledger, the plans and the units (due soon: 7 days). */
async function exportSourcesOf(dependencies: ImportDependencies): Promise<ExportSources> {
  const streams = new ProjectedStreams(dependencies.store, dependencies.schemas);
  return {
    ledger: await replayLog(dependencies.store, dependencies.schemas, new RectificationLedger(streams)),
    plans: await replayLog(dependencies.store, dependencies.schemas, new WorkPlanLedger(streams)),
    units: await replayLog(dependencies.store, dependencies.schemas, new UnitsReadModel()),
    dueSoonDays: 7,
    latestRecordedAt: null,
  };
}

const countOf = async (store: EventStore, type: string) => (await store.readAll()).filter((event) => event.type === type).length;

describe('importing a work plan file', () => {
  let dependencies: ImportDependencies;
  beforeEach(async () => {
    dependencies = await storeWithUnits();
  });
  afterEach(() => dependencies.store.close());

  it('completes an import that stopped half-way, and then writes nothing more', async () => {
    const file = { name: 'work-plan-2026.yaml', content: await sample('work-plan-2026.yaml') };
    await expect(
      importWorkPlanFile({ ...dependencies, store: failingFrom(dependencies.store, 12) }, file, {}, contextOf('first')),
    ).rejects.toThrow('killed');
    expect(await countOf(dependencies.store, 'WorkPlanItemDefined')).toBe(10);

    // Run again, even by someone else: the plan and the first ten items are recognised.
    const completed = await importWorkPlanFile(dependencies, file, {}, { ...contextOf('second'), actor: { ...operator, id: 'cli:other' } });
    expect(completed).toMatchObject({ title: TITLE, year: 2026, itemCount: 35, unitCount: 15, itemsDefined: 25 });
    expect(describeWorkPlanImport(completed)).toContain('(completed: 25 items were still missing)');
    expect(await countOf(dependencies.store, 'WorkPlanImported')).toBe(1);
    expect(await countOf(dependencies.store, 'WorkPlanItemDefined')).toBe(35);

    const head = await dependencies.store.headPosition();
    const again = await importWorkPlanFile(dependencies, file, {}, contextOf('third'));
    expect(again).toMatchObject({ itemsDefined: 0, eventCount: 0 });
    expect(describeWorkPlanImport(again)).toContain('Nothing was written');
    expect(await dependencies.store.headPosition()).toEqual(head);
  });

  it('writes nothing when a decider refuses one item, and names its row', async () => {
    // Item 7 of the plan already exists, defined differently (say, by an earlier tool).
    const planId = workPlanIdFor(2026, TITLE);
    const itemId = workPlanItemIdFor(planId, '7');
    await executeCommand(
      dependencies.store,
      dependencies.schemas,
      workPlanItemStream(itemId),
      workPlanItemDecider,
      {
        type: 'DefineWorkPlanItem',
        actor: operator,
        today: '2026-03-01',
        assignedOn: '2026-03-01',
        data: { itemId, planId, categoryCode: '一', code: '7', title: '另一个事项', description: '', dueDate: '2026-06-30', measures: '' },
        leadUnitIds: [unitIdForCode('FGW')],
        responsibleUnitIds: [],
        planExists: true,
        planApprovedOn: '2026-03-01',
        unknownUnitIds: [],
      },
      contextOf('earlier'),
    );
    const head = await dependencies.store.headPosition();

    const refusal = await importWorkPlanFile(
      dependencies,
      { name: 'work-plan-2026.yaml', content: await sample('work-plan-2026.yaml') },
      {},
      contextOf('import'),
    ).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(DomainError);
    expect((refusal as DomainError).code).toBe('CONFLICT');
    expect(problemsOf(refusal)).toEqual([
      {
        row: expect.any(Number),
        reason: expect.stringContaining('Work-plan item 7 is already defined with another'),
        reasonZh: expect.stringContaining('工作事项 7 已按不同的'),
      },
    ]);
    expect(await dependencies.store.headPosition()).toEqual(head);
  });

  it('refuses revise for a plan never imported, naming the nearest plan of the year, and writes nothing (breaker10b N22)', async () => {
    const csv = (title: string, lead: string) =>
      new TextEncoder().encode(`${title}\n序号,工作任务,牵头单位,完成时限\n1,推进决策公开,${lead},2026-12-31\n2,推进执行公开,${lead},2026-11-30\n`);
    const first = await importWorkPlanFile(dependencies, { name: 'a.csv', content: csv('青川市2026年政务信息化重点任务清单', '青川市财政局') }, {}, contextOf('first'));
    expect(first.title).toBe('青川市2026年政务信息化重点任务清单');
    const head = await dependencies.store.headPosition();
    const refusal = await importWorkPlanFile(
      dependencies,
      { name: 'b.csv', content: csv('青川市2026年政务信息化任务清单（7月调整）', '青川市教育局') },
      { revise: true, dryRun: true },
      contextOf('second'),
      [{ title: first.title, year: 2026 }, { title: '青川市2025年政务信息化重点任务清单', year: 2025 }],
    ).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(DomainError);
    expect(refusal).toMatchObject({ code: 'BAD_USER_INPUT', details: { field: 'revise' } });
    expect((refusal as DomainError).messageZh).toBe(
      '没有已导入的2026年方案“青川市2026年政务信息化任务清单”，无法按新版本调整；如果它是“青川市2026年政务信息化重点任务清单”的新版本，请在“方案标题”中填写该标题。如果这是一份新方案，请不要选择“按新版本调整”。',
    );
    expect(await dependencies.store.headPosition()).toEqual(head);

    // The same version remark on the plan's own title revises it.
    const revised = await importWorkPlanFile(
      dependencies,
      { name: 'c.csv', content: csv('青川市2026年政务信息化重点任务清单（2026年7月调整）', '青川市教育局') },
      { revise: true, dryRun: true },
      contextOf('third'),
    );
    expect(revised).toMatchObject({ planId: first.planId, revision: { added: [] } });
  });

  it.each([
    ['full-width digits', '青川市２０２６年政务公开年度测试任务分解表'],
    ['spaces around the year', '青川市 2026 年政务公开年度测试任务分解表'],
    ['年度 for 年', '青川市2026年度政务公开年度测试任务分解表'],
    ['a version word without brackets', '青川市2026年政务公开年度测试任务分解表 修订版'],
    ['the year in Chinese numerals (breaker10e P14)', '青川市二〇二六年政务公开年度测试任务分解表'],
    ['the year digit by digit with a circle for zero (breaker10e P14)', '青川市二○二六年度政务公开年度测试任务分解表'],
    // The forms a revised file comes back in (breaker10k P7): its notice, its attachment label, its file name, a copy's marks.
    ['a digit zero in a Chinese year (breaker10k P7)', '青川市二0二六年政务公开年度测试任务分解表'],
    ['the notice issuing it, without 《》 (breaker10k P7)', '关于印发青川市2026年政务公开年度测试任务分解表的通知'],
    ['the file name (breaker10k P7)', '青川市2026年政务公开年度测试任务分解表.xlsx'],
    ['a copy made by Windows (breaker10k P7)', '青川市2026年政务公开年度测试任务分解表 - 副本'],
    ['a copy downloaded twice (breaker10k P7)', '青川市2026年政务公开年度测试任务分解表(1)'],
    ['a closing full stop (breaker10k P7)', '青川市2026年政务公开年度测试任务分解表。'],
  ])('takes a plan title retyped with %s for the imported plan: a new version, never a second plan (breaker10c P7)', async (_how, retyped) => {
    const csv = (title: string, rows: string) => new TextEncoder().encode(`${title}\n类别,编号,事项,牵头单位,完成时限\n${rows}`);
    const first = await importWorkPlanFile(
      dependencies,
      { name: 'yd1.csv', content: csv('青川市2026年政务公开年度测试任务分解表', '公开,1,YD甲,青川市财政局,2026-12-31\n') },
      {},
      contextOf('first'),
    );
    const known = [{ title: first.title, year: first.year }];
    const head = await dependencies.store.headPosition();
    const refusal = await importWorkPlanFile(
      dependencies,
      { name: 'yd2.csv', content: csv(retyped, '公开,1,YD甲,青川市财政局,2026-11-30\n公开,2,YD乙,青川市财政局,2026-12-31\n') },
      {},
      contextOf('second'),
      known,
    ).catch((error: unknown) => error);
    expect(refusal).toMatchObject({ code: 'CONFLICT', messageZh: expect.stringContaining('工作方案“青川市2026年政务公开年度测试任务分解表”已从另一份文件导入') });
    expect(await dependencies.store.headPosition()).toEqual(head);

    const preview = await importWorkPlanFile(
      dependencies,
      { name: 'yd2.csv', content: csv(retyped, '公开,1,YD甲,青川市财政局,2026-11-30\n公开,2,YD乙,青川市财政局,2026-12-31\n') },
      { revise: true, dryRun: true },
      contextOf('third'),
      known,
    );
    expect(preview).toMatchObject({ planId: first.planId, title: first.title, revision: { added: [{ code: '2' }] } });
    expect(preview.notes.notices?.map((notice) => notice.reasonZh)).toEqual(expect.arrayContaining([expect.stringMatching(/与已导入的方案“青川市2026年政务公开年度测试任务分解表”只有|是版本说明/)]));
  });

  it.each(['（2026年7月调整）', '(修订稿)', '修订版', '【修订版】', '（V2）', '_v2', '（2026.11）', '（最新）', '修订', '最新版'])('takes a plan title typed in the title field with its version remark %s for the imported plan: a new version, never a second plan (breaker10f P6)', async (remark) => {
    const csv = (rows: string) => new TextEncoder().encode(`类别,编号,事项,牵头单位,完成时限\n${rows}`);
    const title = '青川市2026年测试分解方案';
    const first = await importWorkPlanFile(dependencies, { name: 'p6-1.csv', content: csv('公开,1,P6甲,青川市财政局,2026-12-31\n公开,2,P6乙,青川市教育局,2026-12-31\n') }, { title }, contextOf('first'));
    const known = [{ title: first.title, year: first.year }];
    const head = await dependencies.store.headPosition();
    const v2 = csv('公开,1,P6甲,青川市财政局,2026-11-30\n公开,2,P6乙,青川市教育局,2026-12-31\n');
    const refusal = await importWorkPlanFile(dependencies, { name: 'p6-2.csv', content: v2 }, { title: `${title}${remark}` }, contextOf('second'), known).catch((error: unknown) => error);
    expect(refusal).toMatchObject({ code: 'CONFLICT', messageZh: expect.stringContaining(`工作方案“${title}”已从另一份文件导入`) });
    const preview = await importWorkPlanFile(dependencies, { name: 'p6-2.csv', content: v2 }, { title: `${title}${remark}`, revise: true, dryRun: true }, contextOf('third'), known);
    expect(preview).toMatchObject({ planId: first.planId, title, revision: { redated: [{ code: '1' }] } });
    expect(preview.notes.notices?.map((notice) => notice.reasonZh)).toContainEqual(expect.stringContaining('或版本说明'));
    expect(await dependencies.store.headPosition()).toEqual(head);
  });

  it('refuses a new version that would withdraw items while a sheet with a task table is hidden, naming the sheet and the items (breaker10c P22)', async () => {
    const workbook = async (hideSecond: boolean, firstDue: string) => {
      const book = new ExcelJS.Workbook();
      for (const [name, rows] of [
        ['一、决策公开', [['MA决策1', firstDue], ['MA决策2', '2026-12-31']]],
        ['二、政策解读', [['MA解读1', '2026-10-31'], ['MA解读2', '2026-12-31']]],
      ] as const) {
        const sheet = book.addWorksheet(name, hideSecond && name.startsWith('二') ? { state: 'hidden' } : {});
        sheet.addRow(['青川市2026年政务公开任务分解（多表）']);
        sheet.addRow(['序号', '工作任务', '牵头单位', '完成时限']);
        rows.forEach(([title, due], index) => sheet.addRow([index + 1, title, '青川市财政局', due]));
      }
      return new Uint8Array(await book.xlsx.writeBuffer());
    };
    const first = await importWorkPlanFile(dependencies, { name: 'multi-a.xlsx', content: await workbook(false, '2026-06-30') }, {}, contextOf('first'));
    expect(first.itemCount).toBe(4);
    const head = await dependencies.store.headPosition();
    for (const options of [{ revise: true, dryRun: true }, { revise: true }]) {
      const refusal = await importWorkPlanFile(dependencies, { name: 'multi-a-hidden.xlsx', content: await workbook(true, '2026-09-30') }, options, contextOf(`hidden-${JSON.stringify(options)}`)).catch(
        (error: unknown) => error,
      );
      expect(refusal).toMatchObject({
        code: 'BAD_USER_INPUT',
        messageZh: '按此文件调整将撤销 2 项（二.1 MA解读1，二.2 MA解读2），但文件中隐藏的工作表“二、政策解读”也有任务表，未读取：请先取消隐藏（如确已作废，请删除该工作表）后重新导入。',
      });
    }
    expect(await dependencies.store.headPosition()).toEqual(head);
  });

  it('tells a 大项 sheet picked out of an imported workbook from a new plan: refused naming the plan, its revision kept to that 大项 (breaker10c P15)', async () => {
    const workbook = async (readingDue: string) => {
      const book = new ExcelJS.Workbook();
      for (const [name, titles] of [
        ['一、决策公开', ['MA决策1', 'MA决策2']],
        ['二、政策解读', ['MA解读1', 'MA解读2']],
      ] as const) {
        const sheet = book.addWorksheet(name);
        if (name.startsWith('一')) sheet.addRow(['青川市2026年政务公开任务分解（多表A）']);
        sheet.addRow(['序号', '工作任务', '牵头单位', '完成时限']);
        titles.forEach((title, index) => sheet.addRow([index + 1, title, '青川市财政局', name.startsWith('二') ? readingDue : '2026-12-31']));
      }
      return new Uint8Array(await book.xlsx.writeBuffer());
    };
    const first = await importWorkPlanFile(dependencies, { name: 'multi-a.xlsx', content: await workbook('2026-12-31') }, {}, contextOf('first'));
    expect(first).toMatchObject({ title: '青川市2026年政务公开任务分解（多表A）', itemCount: 4 });
    const known = [
      { title: '青川市2026年无关方案', year: 2026, itemTitles: ['别的事项'] },
      { title: first.title, year: 2026, itemTitles: ['MA决策1', 'MA决策2', 'MA解读1', 'MA解读2'] },
    ];
    const head = await dependencies.store.headPosition();
    // The lead of 大项 二 re-sends the workbook with its sheet updated.
    const picked = { name: 'multi-a.xlsx', content: await workbook('2026-11-30'), sheet: '二、政策解读' };
    const attempt = (options: object, key: string) => importWorkPlanFile(dependencies, picked, options, contextOf(key), known).catch((error: unknown) => error);

    expect(await attempt({ dryRun: true }, 'as-new')).toMatchObject({
      code: 'CONFLICT',
      messageZh: expect.stringContaining('“multi-a”的 2 项事项都已是已导入的2026年方案“青川市2026年政务公开任务分解（多表A）”的事项'),
    });
    expect(await attempt({ revise: true, dryRun: true }, 'revise-unnamed')).toMatchObject({
      code: 'BAD_USER_INPUT',
      messageZh: expect.stringContaining('；如果它是“青川市2026年政务公开任务分解（多表A）”的新版本，请在“方案标题”中填写该标题'),
    });
    expect(await attempt({ title: first.title, revise: true, dryRun: true }, 'revise-named')).toMatchObject({
      code: 'BAD_USER_INPUT',
      messageZh: '只读取了工作表“二、政策解读”，方案的其他大项不在其中：按此调整将撤销 2 项（一.1 MA决策1，一.2 MA决策2）。请导入整个工作簿（不指定工作表）后再按新版本调整。',
    });
    expect(await dependencies.store.headPosition()).toEqual(head);
  });
});

describe('the work plan\'s own export imported back as a new version (breaker10e P3)', () => {
  it.each([
    ['the sample plan', async () => ({ name: 'work-plan-2026.csv', content: await sample('work-plan-2026.csv') }), null],
    [
      'a plan with 立行立改 and 每季度 items',
      async () => ({
        name: 'terms.csv',
        content: new TextEncoder().encode(
          '青川市2026年政务公开期限测试方案\n类别编号,类别,编号,事项,牵头单位,责任单位,完成时限\n一,公开,1,QX按日,青川市财政局,青川市教育局,2026-06-30\n一,公开,2,QX立改,青川市财政局,,立行立改\n二,解读,3,QX季报,青川市教育局,青川市民政局,每季度\n',
        ),
      }),
      null,
    ],
    [
      'a plan whose standing items report monthly, half-yearly and yearly (breaker10f P17, P18)',
      async () => ({
        name: 'periods.csv',
        content: new TextEncoder().encode(
          '青川市2026年每月报送测试方案\n类别编号,类别,编号,事项,牵头单位,责任单位,完成时限\n' +
            '一,公开,1,QP每月,青川市财政局,青川市教育局,每月\n一,公开,2,QP每半年,青川市教育局,,每半年\n' +
            '一,公开,3,QP每年,青川市民政局,,长期坚持，每年报送\n二,解读,4,QP先限期,青川市财政局,,2026年6月底前完成并持续落实（每月报送）\n' +
            '二,解读,5,QP立改坚持,青川市教育局,青川市民政局,立行立改，长期坚持\n二,解读,6,QP常态化,青川市民政局,,常态化\n',
        ),
      }),
      null,
    ],
    [
      'a plan whose lead unit of one item and a responsible unit of another were granted extensions (breaker10f P7)',
      async () => ({
        name: 'extended.csv',
        content: new TextEncoder().encode(
          '青川市2026年延期测试方案\n类别编号,类别,编号,事项,牵头单位,责任单位,完成时限\n一,公开,1,QE牵头延期,青川市财政局,青川市教育局、青川市民政局,2026-06-30\n一,公开,2,QE责任延期,青川市教育局,青川市财政局,2026-09-30\n',
        ),
      }),
      async (dependencies: ImportDependencies, title: string) => {
        const supervisor: Actor = { id: 'user-sup', role: 'SUPERVISOR', unitId: null };
        const grant = async (code: string, unitId: string, requestedDueDate: string) => {
          const unit: Actor = { id: `user-${unitId}`, role: 'UNIT', unitId };
          const stream = workPlanItemStream(workPlanItemIdFor(workPlanIdFor(2026, title), code));
          const on = (actor: Actor, key: string) => commandContext({ actor, commandType: 'Extension', idempotencyKey: `${key}-${code}`, now: new Date('2026-03-01T09:00:00+08:00') });
          const base = { today: '2026-03-01', unitId, requestId: `x-${code}` };
          await executeCommand(dependencies.store, dependencies.schemas, stream, workPlanItemDecider, { type: 'RequestExtension', actor: unit, ...base, requestedDueDate, reason: '需协调', requestedOn: '2026-03-01' }, on(unit, 'ask'));
          await executeCommand(dependencies.store, dependencies.schemas, stream, workPlanItemDecider, { type: 'DecideExtension', actor: supervisor, ...base, approve: true, decidedOn: '2026-03-01' }, on(supervisor, 'grant'));
        };
        await grant('1', unitIdForCode('CZJ'), '2026-07-15');
        await grant('2', unitIdForCode('CZJ'), '2026-10-20');
      },
    ],
    [
      'a plan whose 类别 cells are written 一 决策公开, as the export writes them (breaker10g P2)',
      async () => ({
        name: 'spaced.csv',
        content: new TextEncoder().encode(
          '青川市2026年类别空格测试方案\n序号,类别,重点任务,牵头单位,配合单位,完成时限\n1,一 决策公开,QS执法公示,青川市财政局,青川市教育局,2026年12月底前\n2,二 管理服务公开,QS惠企兑现,青川市教育局,,2026年12月20日\n3,三、政策解读,QS解读回应,青川市民政局,,2026年12月20日\n',
        ),
      }),
      null,
    ],
    [
      'a plan with an item withdrawn since (its row kept as 已撤销)',
      async () => ({ name: 'work-plan-2026.csv', content: await sample('work-plan-2026.csv') }),
      async (dependencies: ImportDependencies, title: string) => {
        const lines = new TextDecoder().decode(await sample('work-plan-2026.csv')).trimEnd().split(/\r?\n/);
        const revised = { name: 'work-plan-2026-v2.csv', content: new TextEncoder().encode(`${lines.slice(0, -1).join('\n')}\n`) };
        await importWorkPlanFile(dependencies, revised, { revise: true, withdrawMissing: true, title }, contextOf('v2'), [{ title, year: 2026 }]);
      },
    ],
  ] as [string, () => Promise<{ name: string; content: Uint8Array }>, ((dependencies: ImportDependencies, title: string) => Promise<void>) | null][])('changes nothing, round after round: codes, titles, categories, units and due dates read as the plan has them (%s)', async (_which, fileOf, then) => {
    const dependencies = await storeWithUnits();
    const first = await importWorkPlanFile(dependencies, await fileOf(), {}, contextOf('v1'));
    if (then) await then(dependencies, first.title);
    let known = [{ title: first.title, year: first.year }];
    for (const round of [1, 2]) {
      const sources = await exportSourcesOf(dependencies);
      const table = await exportWorkPlan(sources, { reader: null, planId: first.planId }, new Date('2026-03-02T09:00:00+08:00'));
      const head = await dependencies.store.headPosition();
      const applied = await importWorkPlanFile(
        dependencies,
        { name: '工作方案进展.csv', content: new Uint8Array(tableToCsv(table)) },
        { revise: true, withdrawMissing: true, title: first.title },
        contextOf(`round-${round}`),
        known,
      );
      // The plan as it stands: nothing to revise, nothing written, and the export's progress columns said once.
      expect(applied).toMatchObject({ planId: first.planId, revision: null });
      expect(await dependencies.store.headPosition()).toEqual(head);
      expect(applied.notes.notices?.map((notice) => notice.reasonZh)).toContainEqual(expect.stringMatching(/^本文件是本系统导出的工作方案进展表：状态、报告日期、进展情况、督查结果、退回情况、红黄绿灯、销号日期等进展列/));
      // The columns not imported are the ones the notice names, in its order (newcomer45-10 M6: 状态, 进展情况, 销号日期 were left out).
      expect(applied.notes.notImported).toEqual(['状态', '报告日期', '进展情况', '督查结果', '退回情况', '红黄绿灯', '销号日期']);
      known = [{ title: applied.title, year: applied.year }];
    }
  });
});

describe('a unit\'s own download of the work plan imported back (breaker10f P8)', () => {
  it.each([
    ['as downloaded: its title row says whose rows it holds', (csv: string) => csv],
    ['downloaded before the title said so: every row one unit\'s part, under items others lead', (csv: string) => csv.replace(/（[^，（）]+的任务，/u, '（')],
  ])('is refused as the plan or a new version of it, naming the unit; nothing is written (%s)', async (_which, asSent) => {
    const dependencies = await storeWithUnits();
    const first = await importWorkPlanFile(dependencies, { name: 'work-plan-2026.csv', content: await sample('work-plan-2026.csv') }, {}, contextOf('v1'));
    const sources = await exportSourcesOf(dependencies);
    const reader: Actor = { id: 'user-fgw', role: 'UNIT', unitId: unitIdForCode('FGW') };
    const table = await exportWorkPlan(sources, { reader, planId: first.planId }, new Date('2026-03-02T09:00:00+08:00'));
    expect(table.title).toContain('青川市发展和改革委员会的任务，截至');
    const csv = asSent(new TextDecoder().decode(tableToCsv(table)));
    const head = await dependencies.store.headPosition();
    for (const [key, options] of [['dry', { revise: true, dryRun: true }], ['revise', { revise: true }], ['plain', {}]] as const) {
      const refusal = await importWorkPlanFile(dependencies, { name: '工作方案进展.csv', content: new TextEncoder().encode(csv) }, { ...options, title: first.title }, contextOf(`unit-${key}`), [{ title: first.title, year: first.year }]).catch(
        (error: unknown) => error,
      );
      expect(refusal).toBeInstanceOf(DomainError);
      expect(problemsOf(refusal as DomainError)?.map((problem) => problem.reasonZh)).toEqual([expect.stringMatching(/^本文件是青川市发展和改革委员会下载的本单位任务进展表，只含该单位的行/)]);
    }
    expect(await dependencies.store.headPosition()).toEqual(head);
    dependencies.store.close();
  });
});

describe('an export of an earlier day imported as a new version (breaker10g P22)', () => {
  const title = '青川市2026年旧导出测试方案';
  const at = (key: string, instant: string): CommandContext =>
    commandContext({ actor: operator, commandType: 'ImportWorkPlan', idempotencyKey: key, now: new Date(instant) });
  const csvOf = (rows: string[]) => ({ name: 'plan.csv', content: new TextEncoder().encode(`${title}\n类别编号,类别,编号,事项,牵头单位,责任单位,完成时限\n${rows.join('\n')}\n`) });
  const V1 = ['一,公开,1,旧导出甲事项,青川市财政局,青川市教育局,2026-12-31', '一,公开,2,旧导出乙事项,青川市教育局,,2026-12-30'];
  /** v1 approved 03-02; on 03-20 a new version re-dates item 1, withdraws item 2 and adds item 3 (recorded that day). */
  async function revisedPlan() {
    const dependencies = await storeWithUnits();
    const first = await importWorkPlanFile(dependencies, csvOf(V1), { approvedOn: '2026-03-02', assignedOn: '2026-03-03' }, at('v1', '2026-03-03T09:00:00+08:00'));
    const v2 = ['一,公开,1,旧导出甲事项,青川市财政局,青川市教育局,2026-12-20', '一,公开,3,旧导出丙事项,青川市发展和改革委员会,,2026-12-31'];
    const revised = await importWorkPlanFile(dependencies, { ...csvOf(v2), name: 'plan-v2.csv' }, { revise: true, withdrawMissing: true, assignedOn: '2026-03-20' }, at('v2', '2026-03-20T09:00:00+08:00'), [{ title, year: 2026 }]);
    expect(revised.revision).toMatchObject({ withdrawn: [expect.objectContaining({ code: '2' })], added: [expect.objectContaining({ code: '3' })] });
    return { dependencies, first };
  }
  async function exportOf(dependencies: ImportDependencies, planId: string, cut: { asOf?: string; knownAt?: string }) {
    const sources = await exportSourcesOf(dependencies);
    return exportWorkPlan(sources, { reader: null, planId, ...cut }, new Date('2026-03-25T09:00:00+08:00'));
  }

  it.each([
    ['a past day, CSV', { asOf: '2026-03-10' }, 'csv', /^本文件是本系统导出的“青川市2026年旧导出测试方案”进展表（截至 2026-03-10，已录入至北京时间 2026-03-20 09:00:00），不是方案的当前版本：此后方案已有调整（2026-03-20 按新版本调整方案；2026-03-20 调整事项 1 的时限；2026-03-20 调整事项 1 的单位时限；2026-03-20 事项 3 交办单位；2026-03-20 撤销事项 2）。按新版本导入会撤销这些调整/],
    ['a past day, XLSX', { asOf: '2026-03-10' }, 'xlsx', /（截至 2026-03-10，已录入至北京时间 2026-03-20 09:00:00），不是方案的当前版本：此后方案已有调整（2026-03-20 按新版本调整方案；/],
    ['a record-time reading of today, before the new version was entered', { asOf: '2026-03-25', knownAt: '2026-03-10T02:00:00.000Z' }, 'csv', /（截至 2026-03-25，按北京时间 2026-03-10 10:00:00 前已录入的记录），不是方案的当前版本/],
  ] as const)('is refused, naming its reading and the changes since, and writes nothing — dry run, revise or plain (%s)', async (_which, cut, format, message) => {
    const { dependencies, first } = await revisedPlan();
    const table = await exportOf(dependencies, first.planId, cut);
    const content = format === 'csv' ? new Uint8Array(tableToCsv(table)) : new Uint8Array(await tableToXlsx(table, '工作方案进展'));
    const head = await dependencies.store.headPosition();
    for (const [key, options] of [['dry', { revise: true, dryRun: true }], ['revise', { revise: true }], ['plain', {}]] as const) {
      const refusal = await importWorkPlanFile(dependencies, { name: `工作方案进展-${cut.asOf}.${format}`, content }, { ...options, title }, at(`old-${key}`, '2026-03-25T09:00:00+08:00'), [{ title, year: 2026 }]).catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(DomainError);
      expect(refusal).toMatchObject({ code: 'CONFLICT', details: { field: 'file', exportedAsOf: cut.asOf, changedOn: ['2026-03-20'] } });
      expect((refusal as DomainError).messageZh).toMatch(message);
    }
    expect(await dependencies.store.headPosition()).toEqual(head);
    dependencies.store.close();
  });

  it('takes the current export, edited, as the new version it is', async () => {
    const { dependencies, first } = await revisedPlan();
    const csv = new TextDecoder().decode(tableToCsv(await exportOf(dependencies, first.planId, {})));
    expect(csv.split(/\r\n/)[0]).toBe('青川市2026年旧导出测试方案进展（截至 2026-03-25，含事后补录的记录，已录入至北京时间 2026-03-20 09:00:00.000）');
    const edited = csv.replaceAll('2026-12-20', '2026-12-15');
    const applied = await importWorkPlanFile(dependencies, { name: '工作方案进展.csv', content: new TextEncoder().encode(edited) }, { revise: true, title, dryRun: true }, at('current', '2026-03-25T09:00:00+08:00'), [{ title, year: 2026 }]);
    expect(applied.revision).toMatchObject({ withdrawn: [], added: [], redated: [expect.objectContaining({ code: '1', to: '2026-12-15' })] });
    dependencies.store.close();
  });

  /** A 调整通知 dated `on`, entered after the download (03-25 10:00): item 1 re-dated to 12-10, item 4 added. */
  const laterNotice = (dependencies: ImportDependencies, on: string) => {
    const v3 = ['一,公开,1,旧导出甲事项,青川市财政局,青川市教育局,2026-12-10', '一,公开,3,旧导出丙事项,青川市发展和改革委员会,,2026-12-31', '一,公开,4,旧导出丁事项,青川市民政局,,2026-12-31'];
    return importWorkPlanFile(dependencies, { ...csvOf(v3), name: 'plan-v3.csv' }, { revise: true, withdrawMissing: true, assignedOn: on }, at('v3', '2026-03-25T10:00:00+08:00'), [{ title, year: 2026 }]);
  };

  it.each([
    ['dated before the download\'s day (a paper notice typed in later)', '2026-03-22'],
    ['dated the download\'s own day (a revision later that afternoon)', '2026-03-25'],
  ])('an export of today, kept and imported back after a change it does not show was entered, is refused — the file carries the latest record it shows (breaker10h P1): %s', async (_which, on) => {
    const { dependencies, first } = await revisedPlan();
    const table = await exportOf(dependencies, first.planId, {});
    await laterNotice(dependencies, on);
    const head = await dependencies.store.headPosition();
    for (const [format, content] of [['csv', new Uint8Array(tableToCsv(table))], ['xlsx', new Uint8Array(await tableToXlsx(table, '工作方案进展'))]] as const) {
      for (const [key, options] of [['dry', { revise: true, dryRun: true }], ['revise', { revise: true }]] as const) {
        const refusal = await importWorkPlanFile(dependencies, { name: `工作方案进展.${format}`, content }, { ...options, title }, at(`kept-${format}-${key}`, '2026-03-26T09:00:00+08:00'), [{ title, year: 2026 }]).catch((error: unknown) => error);
        expect(refusal).toMatchObject({ code: 'CONFLICT', details: { field: 'file', exportedAsOf: '2026-03-25', changedOn: [on] } });
        expect((refusal as DomainError).messageZh).toMatch(new RegExp(`不是方案的当前版本：此后方案已有调整（${on} 按新版本调整方案；${on} 调整事项 1 的时限；`));
      }
    }
    expect(await dependencies.store.headPosition()).toEqual(head);
    // Downloaded again after the notice, the same edit is the new version it is.
    const again = new TextDecoder().decode(tableToCsv(await exportOf(dependencies, first.planId, {})));
    const applied = await importWorkPlanFile(dependencies, { name: '工作方案进展.csv', content: new TextEncoder().encode(again.replaceAll('2026-12-10', '2026-12-05')) }, { revise: true, title, dryRun: true }, at('fresh', '2026-03-26T09:00:00+08:00'), [{ title, year: 2026 }]);
    expect(applied.revision).toMatchObject({ withdrawn: [], added: [], redated: [expect.objectContaining({ code: '1', to: '2026-12-05' })] });
    dependencies.store.close();
  });

  it.each([
    ['a past day\'s export', { asOf: '2026-03-10' }],
    ['today\'s export, downloaded before a later notice', {}],
  ] as const)('an export with its title row deleted is refused as a new version once the plan has changed since its import, naming the changes (breaker10h P11): %s', async (_which, cut) => {
    const { dependencies, first } = await revisedPlan();
    const table = await exportOf(dependencies, first.planId, cut);
    if (!('asOf' in cut)) await laterNotice(dependencies, '2026-03-22');
    const untitled = new TextDecoder().decode(tableToCsv(table)).replace(/^[^\r\n]*\r\n/u, '');
    expect(untitled.startsWith('序号,')).toBe(true);
    const head = await dependencies.store.headPosition();
    for (const [key, options] of [['dry', { revise: true, dryRun: true }], ['revise', { revise: true }]] as const) {
      const refusal = await importWorkPlanFile(dependencies, { name: '工作方案进展.csv', content: new TextEncoder().encode(untitled) }, { ...options, title }, at(`untitled-${key}`, '2026-03-26T09:00:00+08:00'), [{ title, year: 2026 }]).catch((error: unknown) => error);
      expect(refusal).toMatchObject({ code: 'CONFLICT', details: { field: 'file', exportedAsOf: null } });
      expect((refusal as DomainError).messageZh).toMatch(/^本文件是本系统导出的“青川市2026年旧导出测试方案”进展表，但第一行的标题（“…进展（截至 …）”）已删去，看不出是哪一天、哪一刻的进展；方案导入后已有调整（2026-03-20 按新版本调整方案；/);
    }
    expect(await dependencies.store.headPosition()).toEqual(head);
    dependencies.store.close();
  });

  /** The export as a clerk tidies it before editing: its progress columns (状态 … 销号日期) deleted (breaker10i P1). */
  const withoutProgress = (table: ExportTable): ExportTable => {
    const kept = table.columns.flatMap((column, at) => (['状态', '报告日期', '进展情况', '督查结果', '退回情况', '红黄绿灯', '销号日期'].includes(column.header) ? [] : [at]));
    return { ...table, columns: kept.map((at) => table.columns[at]!), rows: table.rows.map((row) => ({ ...row, cells: kept.map((at) => row.cells[at]!) })) };
  };

  it.each([
    ['a past day\'s export, CSV, title row kept', { asOf: '2026-03-10' }, 'csv', true],
    ['a past day\'s export, XLSX, title row kept', { asOf: '2026-03-10' }, 'xlsx', true],
    ['today\'s export downloaded before a later notice, CSV, title row kept', {}, 'csv', true],
    ['a past day\'s export, CSV, title row deleted too', { asOf: '2026-03-10' }, 'csv', false],
    ['today\'s export downloaded before a later notice, XLSX, title row kept', {}, 'xlsx', true],
  ] as const)('an export with its progress columns deleted is still Rectify\'s own export, refused as a new version once the plan changed after it (breaker10i P1): %s', async (_which, cut, format, titled) => {
    const { dependencies, first } = await revisedPlan();
    const table = withoutProgress(await exportOf(dependencies, first.planId, cut));
    expect(table.columns.map((column) => column.header)).toEqual(['序号', '类别', '工作事项', '具体内容', '工作措施', '牵头单位', '责任单位', '完成时限']);
    if (!('asOf' in cut)) await laterNotice(dependencies, '2026-03-22');
    const csv = new TextDecoder().decode(tableToCsv(table));
    const content = format === 'xlsx' ? new Uint8Array(await tableToXlsx(table, '工作方案进展')) : new TextEncoder().encode(titled ? csv : csv.replace(/^[^\r\n]*\r\n/u, ''));
    const head = await dependencies.store.headPosition();
    for (const [key, options] of [['dry', { revise: true, dryRun: true }], ['revise', { revise: true }]] as const) {
      const refusal = await importWorkPlanFile(dependencies, { name: `工作方案进展.${format}`, content }, { ...options, title }, at(`noprog-${key}`, '2026-03-26T09:00:00+08:00'), [{ title, year: 2026 }]).catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(DomainError);
      expect(refusal).toMatchObject({ code: 'CONFLICT', details: { field: 'file' } });
      expect((refusal as DomainError).messageZh).toMatch(/^本文件是本系统导出的“青川市2026年旧导出测试方案”进展表/);
    }
    // Without the title typed, the plan is still the one its title row names.
    if (titled) {
      const untyped = await importWorkPlanFile(dependencies, { name: `工作方案进展.${format}`, content }, { revise: true, dryRun: true }, at('noprog-untyped', '2026-03-26T09:00:00+08:00'), [{ title, year: 2026 }]).catch((error: unknown) => error);
      expect(untyped).toMatchObject({ code: 'CONFLICT', details: { field: 'file' } });
    }
    expect(await dependencies.store.headPosition()).toEqual(head);
    dependencies.store.close();
  });

  it('takes the current export, edited and applied with revise, sent again as already imported: nothing to change, nothing written — with revise, as a dry run or plain (issue 10 P2)', async () => {
    const { dependencies, first } = await revisedPlan();
    const csv = new TextDecoder().decode(tableToCsv(await exportOf(dependencies, first.planId, {})));
    const edited = csv.replaceAll('2026-12-20', '2026-12-15').replace('旧导出丙事项', '旧导出丙事项并公开结果');
    const file = { name: '工作方案进展.csv', content: new TextEncoder().encode(edited) };
    const applied = await importWorkPlanFile(dependencies, file, { revise: true, withdrawMissing: true, title }, at('edited', '2026-03-25T09:00:00+08:00'), [{ title, year: 2026 }]);
    expect(applied.revision).toMatchObject({ redated: [expect.objectContaining({ code: '1', to: '2026-12-15' })], amended: [expect.objectContaining({ code: '3' })] });
    const head = await dependencies.store.headPosition();
    for (const [key, options] of [['revise', { revise: true }], ['dry', { revise: true, dryRun: true }], ['plain', {}], ['plain-dry', { dryRun: true }]] as const) {
      const again = await importWorkPlanFile(dependencies, file, { ...options, title }, at(`again-${key}`, '2026-03-26T09:00:00+08:00'), [{ title, year: 2026 }]);
      expect(again).toMatchObject({ revision: null, eventCount: 0 });
      expect(describeWorkPlanImportZh(again)).toMatch(/^(试导入：)?青川市2026年旧导出测试方案（2026）此前已导入，事项相同：/);
    }
    expect(await dependencies.store.headPosition()).toEqual(head);
    // A change entered after the file was applied is what sending it again would undo: refused, naming that change only.
    await importWorkPlanFile(
      dependencies,
      { ...csvOf(['一,公开,1,旧导出甲事项,青川市财政局,青川市教育局,2026-12-10', '一,公开,3,旧导出丙事项并公开结果,青川市发展和改革委员会,,2026-12-31']), name: 'plan-v4.csv' },
      { revise: true, withdrawMissing: true, assignedOn: '2026-03-27' },
      at('v4', '2026-03-27T09:00:00+08:00'),
      [{ title, year: 2026 }],
    );
    const refusal = await importWorkPlanFile(dependencies, file, { revise: true, withdrawMissing: true, title }, at('again-after-v4', '2026-03-28T09:00:00+08:00'), [{ title, year: 2026 }]).catch((error: unknown) => error);
    expect(refusal).toMatchObject({ code: 'CONFLICT', details: { field: 'file', changedOn: ['2026-03-27'] } });
    dependencies.store.close();
  });

  it('takes today\'s export with its progress columns deleted, edited, as the new version it is', async () => {
    const { dependencies, first } = await revisedPlan();
    const csv = new TextDecoder().decode(tableToCsv(withoutProgress(await exportOf(dependencies, first.planId, {}))));
    const applied = await importWorkPlanFile(dependencies, { name: '工作方案进展.csv', content: new TextEncoder().encode(csv.replaceAll('2026-12-20', '2026-12-15')) }, { revise: true, title, dryRun: true }, at('noprog-current', '2026-03-25T09:00:00+08:00'), [{ title, year: 2026 }]);
    expect(applied.revision).toMatchObject({ withdrawn: [], added: [], amended: [], redated: [expect.objectContaining({ code: '1', to: '2026-12-15' })] });
    dependencies.store.close();
  });


  /** The CSV of a table without its title row, rows as `keep` leaves them (each a list of cells; 序号 first). */
  const untitledCsv = (table: ExportTable, keep: (rows: string[][]) => string[][]) => {
    const [header, ...rows] = new TextDecoder().decode(tableToCsv(table)).replace(/^\uFEFF/u, '').split(/\r\n/u).slice(1).filter((line) => line !== '').map((line) => line.split(','));
    return new TextEncoder().encode([header!, ...keep(rows)].map((cells) => cells.join(',')).join('\r\n'));
  };
  /** v1 imported on 03-02, never changed since; today's export (03-25): 序号 1–3, item 1 on two rows (财政局 leading, 教育局). */
  async function unchangedPlanExport() {
    const dependencies = await storeWithUnits();
    const first = await importWorkPlanFile(dependencies, csvOf(V1), { approvedOn: '2026-03-02', assignedOn: '2026-03-03' }, at('v1', '2026-03-03T09:00:00+08:00'));
    return { dependencies, table: withoutProgress(await exportOf(dependencies, first.planId, {})) };
  }
  const withoutEducationRow = (rows: string[][]) => rows.filter((cells) => !(cells[2] === '1 旧导出甲事项' && cells[6] === '青川市教育局'));

  it.each([
    ['序号 kept as downloaded (a gap where the row was)', (rows: string[][]) => withoutEducationRow(rows)],
    ['序号 renumbered by item (1, 2)', (rows: string[][]) => withoutEducationRow(rows).map((cells) => [cells[2]!.split(' ')[0]!, ...cells.slice(1)])],
    ['序号 cleared', (rows: string[][]) => withoutEducationRow(rows).map((cells) => ['', ...cells.slice(1)])],
  ])('today\'s export with its title row, its progress columns and one part row deleted is still the export: the unit removed, nothing reworded (breaker10j P1): %s', async (_which, edit) => {
    const { dependencies, table } = await unchangedPlanExport();
    const applied = await importWorkPlanFile(dependencies, { name: '工作方案进展.csv', content: untitledCsv(table, edit) }, { revise: true, title, dryRun: true }, at('delrow', '2026-03-25T09:00:00+08:00'), [{ title, year: 2026 }]);
    expect(applied.revision).toMatchObject({ withdrawn: [], added: [], amended: [], redated: [], unitsAdded: [], unitsRemoved: [{ code: '1', unitId: unitIdForCode('JYJ') }] });
    dependencies.store.close();
  });

  it('today\'s export with 序号 renumbered by item (1, 1, 2) and the progress columns and title row deleted is the plan unchanged (breaker10j P1)', async () => {
    const { dependencies, table } = await unchangedPlanExport();
    const content = untitledCsv(table, (rows) => rows.map((cells) => [cells[2]!.split(' ')[0]!, ...cells.slice(1)]));
    const applied = await importWorkPlanFile(dependencies, { name: '工作方案进展.csv', content }, { revise: true, title, dryRun: true }, at('byitem', '2026-03-25T09:00:00+08:00'), [{ title, year: 2026 }]);
    expect(applied.revision).toBeNull();
    dependencies.store.close();
  });

  it('today\'s XLSX export with its title row, progress columns and one part row deleted is still the export (breaker10j P1)', async () => {
    const { dependencies, table } = await unchangedPlanExport();
    const rows = table.rows.filter((row) => !(row.cells[2] === '1 旧导出甲事项' && row.cells[6] === '青川市教育局'));
    expect(rows).toHaveLength(table.rows.length - 1);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await tableToXlsx({ ...table, rows }, '工作方案进展')) as never);
    const sheet = workbook.worksheets[0]!;
    expect(String(sheet.getCell('A1').value)).toMatch(/进展（截至/u);
    sheet.spliceRows(1, 1);
    const content = new Uint8Array(await workbook.xlsx.writeBuffer());
    const applied = await importWorkPlanFile(dependencies, { name: '工作方案进展.xlsx', content }, { revise: true, title, dryRun: true }, at('delrow-xlsx', '2026-03-25T09:00:00+08:00'), [{ title, year: 2026 }]);
    expect(applied.revision).toMatchObject({ withdrawn: [], added: [], amended: [], unitsRemoved: [{ code: '1', unitId: unitIdForCode('JYJ') }] });
    dependencies.store.close();
  });

  it('an earlier export with its title row, its progress columns and one part row deleted is refused as the untitled export it is, once the plan changed (breaker10j P1)', async () => {
    const { dependencies, first } = await revisedPlan();
    const table = withoutProgress(await exportOf(dependencies, first.planId, { asOf: '2026-03-10' }));
    const head = await dependencies.store.headPosition();
    for (const edit of [withoutEducationRow, (rows: string[][]) => rows.map((cells) => [cells[2]!.split(' ')[0]!, ...cells.slice(1)])]) {
      const refusal = await importWorkPlanFile(dependencies, { name: '工作方案进展.csv', content: untitledCsv(table, edit) }, { revise: true, title, dryRun: true }, at('old-delrow', '2026-03-26T09:00:00+08:00'), [{ title, year: 2026 }]).catch((error: unknown) => error);
      expect(refusal).toMatchObject({ code: 'CONFLICT', details: { field: 'file', exportedAsOf: null } });
    }
    expect(await dependencies.store.headPosition()).toEqual(head);
    dependencies.store.close();
  });

  it.each([
    ['under its own code', '1'],
    ['under a row number of its own', '5'],
  ])('an office file whose 事项 cells are the export\'s `code title` reads each as that item, never rewording it to start with its code (breaker10j P1): %s', async (_which, fileCode) => {
    const dependencies = await storeWithUnits();
    await importWorkPlanFile(dependencies, csvOf(V1), { approvedOn: '2026-03-02', assignedOn: '2026-03-03' }, at('v1', '2026-03-03T09:00:00+08:00'));
    const rows = [`一,公开,${fileCode},1 旧导出甲事项,青川市财政局,青川市教育局,2026-12-31`, '一,公开,2,2 旧导出乙事项,青川市教育局,,2026-12-20'];
    const applied = await importWorkPlanFile(dependencies, { ...csvOf(rows), name: 'plan-v2.csv' }, { revise: true, dryRun: true }, at('coded', '2026-03-25T09:00:00+08:00'), [{ title, year: 2026 }]);
    expect(applied.revision).toMatchObject({ withdrawn: [], added: [], amended: [], redated: [{ code: '2', from: '2026-12-30', to: '2026-12-20' }], unitsAdded: [], unitsRemoved: [] });
    expect(applied.notes.notices?.map((notice) => notice.reasonZh)).toEqual(expect.arrayContaining([expect.stringMatching(/^“1 旧导出甲事项”是事项 1 的编号加标题（本系统导出表的写法）：按事项 1“旧导出甲事项”读取/u)]));
    dependencies.store.close();
  });

  it('the export\'s rows pasted into an office template whose 序号 numbers rows — item 1 on two rows — are the plan unchanged, never item 1 reworded and added again (breaker10k P12)', async () => {
    const dependencies = await storeWithUnits();
    await importWorkPlanFile(dependencies, csvOf(V1), { approvedOn: '2026-03-02', assignedOn: '2026-03-03' }, at('v1', '2026-03-03T09:00:00+08:00'));
    const rows = ['一,公开,1,1 旧导出甲事项,青川市财政局,,2026-12-31', '一,公开,2,1 旧导出甲事项,青川市财政局,青川市教育局,2026-12-31', '一,公开,3,2 旧导出乙事项,青川市教育局,,2026-12-30'];
    const applied = await importWorkPlanFile(dependencies, { ...csvOf(rows), name: 'template.csv' }, { revise: true, dryRun: true }, at('template', '2026-03-25T09:00:00+08:00'), [{ title, year: 2026 }]);
    expect(applied.revision).toBeNull();
    expect(applied.notes.notices?.map((notice) => notice.reasonZh)).toEqual(expect.arrayContaining(['“1 旧导出甲事项”再次写的是事项 1（导出表每个单位一行）：其单位并入事项 1，不另立新事项。']));
    // A unit added on item 1's second row, due on its own day, is that unit added to item 1.
    const added = ['一,公开,1,1 旧导出甲事项,青川市财政局,,2026-12-31', '一,公开,2,1 旧导出甲事项,青川市财政局,青川市教育局,2026-12-31', '一,公开,3,1 旧导出甲事项,青川市财政局,青川市发展和改革委员会,2026-12-20', '一,公开,4,2 旧导出乙事项,青川市教育局,,2026-12-30'];
    const more = await importWorkPlanFile(dependencies, { ...csvOf(added), name: 'template2.csv' }, { revise: true, dryRun: true }, at('template2', '2026-03-25T09:00:00+08:00'), [{ title, year: 2026 }]);
    expect(more.revision).toMatchObject({ withdrawn: [], added: [], amended: [], redated: [], unitsAdded: [{ code: '1', unitId: unitIdForCode('FGW'), due: expect.objectContaining({ dueDate: '2026-12-20' }) }], unitsRemoved: [] });
    dependencies.store.close();
  });

  it('today\'s export minus its title row and progress columns, with a second unit typed into one 责任单位 cell, adds that unit, rewording nothing (breaker10k P12)', async () => {
    const { dependencies, table } = await unchangedPlanExport();
    const content = untitledCsv(table, (rows) => rows.map((cells) => (cells[2] === '2 旧导出乙事项' ? cells.map((cell, at) => (at === 6 ? `${cell}、青川市发展和改革委员会` : cell)) : cells)));
    const applied = await importWorkPlanFile(dependencies, { name: '工作方案进展.csv', content }, { revise: true, title, dryRun: true }, at('typed-unit', '2026-03-25T09:00:00+08:00'), [{ title, year: 2026 }]);
    expect(applied.revision).toMatchObject({ withdrawn: [], added: [], amended: [], unitsAdded: [{ code: '2', unitId: unitIdForCode('FGW') }], unitsRemoved: [] });
    dependencies.store.close();
  });

  it('an office\'s own table titled `…进展（截至…）` is read as the office\'s, its 序号 the item codes (breaker10j P10)', async () => {
    const dependencies = await storeWithUnits();
    await importWorkPlanFile(dependencies, csvOf(V1), { approvedOn: '2026-03-02', assignedOn: '2026-03-03' }, at('v1', '2026-03-03T09:00:00+08:00'));
    const own = `${title}进展（截至2026年3月20日）\n类别编号,类别,序号,工作任务,牵头单位,配合单位,完成时限\n一,公开,1,旧导出甲事项,青川市财政局,青川市教育局,2026-12-15\n一,公开,2,旧导出乙事项,青川市教育局,,2026-12-30\n`;
    const applied = await importWorkPlanFile(dependencies, { name: 'own-progress.csv', content: new TextEncoder().encode(own) }, { revise: true, dryRun: true, title }, at('own', '2026-03-25T09:00:00+08:00'), [{ title, year: 2026 }]);
    expect(applied.revision).toMatchObject({ withdrawn: [], added: [], amended: [], redated: [{ code: '1', to: '2026-12-15' }] });
    dependencies.store.close();
  });
});

describe('a unit\'s own download with its title row deleted, of a unit that leads every item it is on (breaker10h P11)', () => {
  it('is refused as a new version, naming the unit, even on a plan never changed since its import; the whole plan\'s export without its title is taken', async () => {
    const title = '青川市2026年单位下载测试方案';
    const dependencies = await storeWithUnits();
    const plan = `${title}\n类别编号,类别,编号,事项,牵头单位,责任单位,完成时限\n一,公开,1,单位下载甲事项,青川市财政局,,2026-12-31\n一,公开,2,单位下载乙事项,青川市教育局,青川市民政局,2026-12-30\n`;
    const first = await importWorkPlanFile(dependencies, { name: 'plan.csv', content: new TextEncoder().encode(plan) }, {}, contextOf('v1'));
    const sources = await exportSourcesOf(dependencies);
    const exportFor = async (reader: Actor | null) => {
      const csv = new TextDecoder().decode(tableToCsv(await exportWorkPlan(sources, { reader, planId: first.planId }, new Date('2026-03-02T09:00:00+08:00'))));
      return new TextEncoder().encode(csv.replace(/^[^\r\n]*\r\n/u, ''));
    };
    const own = await exportFor({ id: 'user-czj', role: 'UNIT', unitId: unitIdForCode('CZJ') });
    const head = await dependencies.store.headPosition();
    for (const [key, options] of [['dry', { revise: true, dryRun: true }], ['revise', { revise: true }]] as const) {
      const refusal = await importWorkPlanFile(dependencies, { name: '工作方案进展.csv', content: own }, { ...options, title }, contextOf(`unit-${key}`), [{ title, year: 2026 }]).catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(DomainError);
      expect(problemsOf(refusal as DomainError)?.map((problem) => problem.reasonZh)).toEqual([expect.stringMatching(/^本文件是青川市财政局下载的本单位任务进展表，只含该单位的行/)]);
    }
    expect(await dependencies.store.headPosition()).toEqual(head);
    // The whole plan's export without its title, the plan unchanged since: nothing to change.
    const whole = await importWorkPlanFile(dependencies, { name: '工作方案进展.csv', content: await exportFor(null) }, { revise: true, title, dryRun: true }, contextOf('whole'), [{ title, year: 2026 }]);
    expect(whole).toMatchObject({ planId: first.planId, revision: null });
    // Its progress columns deleted too, title row kept or not (breaker10i P1): still the unit's download.
    const progress = ['状态', '报告日期', '进展情况', '督查结果', '退回情况', '红黄绿灯', '销号日期'];
    const table = await exportWorkPlan(sources, { reader: { id: 'user-czj', role: 'UNIT', unitId: unitIdForCode('CZJ') }, planId: first.planId }, new Date('2026-03-02T09:00:00+08:00'));
    const kept = table.columns.flatMap((column, at) => (progress.includes(column.header) ? [] : [at]));
    const tidied = new TextDecoder().decode(tableToCsv({ ...table, columns: kept.map((at) => table.columns[at]!), rows: table.rows.map((row) => ({ ...row, cells: kept.map((at) => row.cells[at]!) })) }));
    for (const content of [tidied, tidied.replace(/^[^\r\n]*\r\n/u, '')]) {
      const refusal = await importWorkPlanFile(dependencies, { name: '工作方案进展.csv', content: new TextEncoder().encode(content) }, { revise: true, dryRun: true, title }, contextOf('unit-noprog'), [{ title, year: 2026 }]).catch((error: unknown) => error);
      expect(problemsOf(refusal as DomainError)?.map((problem) => problem.reasonZh)).toEqual([expect.stringMatching(/^本文件是青川市财政局下载的本单位任务进展表，只含该单位的行/)]);
    }
    expect(await dependencies.store.headPosition()).toEqual(head);
    dependencies.store.close();
  });
});

describe('a new version marking items in their titles, as 调整 versions do (breaker10h P2, P3)', () => {
  const title = '青川市2026年标题标记测试方案';
  const csvOf = (rows: string[]) => ({ name: 'plan.csv', content: new TextEncoder().encode(`${title}\n类别编号,类别,编号,事项,牵头单位,责任单位,完成时限\n${rows.join('\n')}\n`) });
  const V1 = ['一,公开,1,标记甲推进决策公开,青川市财政局,青川市教育局,2026-12-31', '一,公开,2,标记乙完善政策解读机制,青川市教育局,,2026-12-30', '一,公开,3,标记丙加强政务新媒体管理,青川市民政局,,2026-12-25'];
  const known = [{ title, year: 2026 }];

  it.each(['（取消）', '（已取消）', '（此项删除）', '（不再实施）'])('refuses an item whose title says it is cancelled, naming the row, as the 备注 is — first import and new version alike (%s)', async (mark) => {
    const dependencies = await storeWithUnits();
    const cancelled = [V1[0]!, V1[1]!, V1[2]!.replace('标记丙加强政务新媒体管理', `标记丙加强政务新媒体管理${mark}`)];
    const first = await importWorkPlanFile(dependencies, csvOf(cancelled), {}, contextOf('first')).catch((error: unknown) => error);
    expect(problemsOf(first as DomainError)?.map((problem) => [problem.row, problem.reasonZh])).toEqual([[5, expect.stringMatching(new RegExp(`^事项“标记丙加强政务新媒体管理${mark}”注明该项已取消（“[^”]+”）：请从文件中删去该行（已导入的事项请在事项页面撤销）`))]]);
    await importWorkPlanFile(dependencies, csvOf(V1), {}, contextOf('v1'));
    const head = await dependencies.store.headPosition();
    const revised = await importWorkPlanFile(dependencies, { ...csvOf(cancelled), name: 'plan-v2.csv' }, { revise: true, dryRun: true }, contextOf('v2'), known).catch((error: unknown) => error);
    expect(revised).toBeInstanceOf(DomainError);
    expect(problemsOf(revised as DomainError)?.map((problem) => problem.row)).toEqual([5]);
    expect(await dependencies.store.headPosition()).toEqual(head);
    dependencies.store.close();
  });

  it('reads a remark BEFORE an item\'s title as one after it: 【已完成】… refused, 〔新增〕… and 【时限调整】… the version\'s marks, nothing reworded (breaker10j P3)', async () => {
    const dependencies = await storeWithUnits();
    await importWorkPlanFile(dependencies, csvOf(V1), {}, contextOf('v1'));
    const head = await dependencies.store.headPosition();
    for (const mark of ['【已完成】', '（取消）', '【暂缓】']) {
      const done = [V1[0]!, V1[1]!, V1[2]!.replace('标记丙加强政务新媒体管理', `${mark}标记丙加强政务新媒体管理`)];
      const refusal = await importWorkPlanFile(dependencies, { ...csvOf(done), name: 'plan-v2.csv' }, { revise: true, dryRun: true }, contextOf(`lead-${mark}`), known).catch((error: unknown) => error);
      expect(problemsOf(refusal as DomainError)?.map((problem) => [problem.row, problem.reasonZh.split('”注明')[0]])).toEqual([[5, `事项“${mark}标记丙加强政务新媒体管理`]]);
    }
    expect(await dependencies.store.headPosition()).toEqual(head);
    const v2 = [V1[0]!, '一,公开,2,【时限调整】标记乙完善政策解读机制,青川市教育局,,2026-12-20', V1[2]!, '一,公开,4,〔新增〕标记丁规范依申请公开答复,青川市财政局,,2026-12-31'];
    const applied = await importWorkPlanFile(dependencies, { ...csvOf(v2), name: 'plan-v2.csv' }, { revise: true, dryRun: true }, contextOf('lead-marks'), known);
    expect(applied.revision).toMatchObject({ amended: [], withdrawn: [], redated: [expect.objectContaining({ code: '2', to: '2026-12-20' })], added: [expect.objectContaining({ code: '4', title: '标记丁规范依申请公开答复' })] });
    expect(applied.notes.notices?.map((notice) => [notice.row, notice.reasonZh])).toEqual(
      expect.arrayContaining([
        [4, '事项标题前的“【时限调整】”视为修订标记，未计入标题（“标记乙完善政策解读机制”）。'],
        [6, '事项标题前的“〔新增〕”视为修订标记，未计入标题（“标记丁规范依申请公开答复”）。'],
      ]),
    );
    dependencies.store.close();
  });

  it('reads （时限调整）, （新增） after an item\'s title as the version\'s marks, said in a notice: the item re-dated, the new one added, nothing reworded', async () => {
    const dependencies = await storeWithUnits();
    await importWorkPlanFile(dependencies, csvOf(V1), {}, contextOf('v1'));
    const v2 = [V1[0]!, '一,公开,2,标记乙完善政策解读机制（时限调整）,青川市教育局,,2026-12-20', V1[2]!, '一,公开,4,标记丁规范依申请公开答复（新增）,青川市财政局,,2026-12-31'];
    const applied = await importWorkPlanFile(dependencies, { ...csvOf(v2), name: 'plan-v2.csv' }, { revise: true, withdrawMissing: true }, contextOf('v2'), known);
    expect(applied.revision).toMatchObject({ amended: [], withdrawn: [], redated: [expect.objectContaining({ code: '2', to: '2026-12-20' })], added: [expect.objectContaining({ code: '4', title: '标记丁规范依申请公开答复' })] });
    expect(applied.notes.notices?.map((notice) => [notice.row, notice.reasonZh])).toEqual(
      expect.arrayContaining([
        [4, '事项标题后的“（时限调整）”视为修订标记，未计入标题（“标记乙完善政策解读机制”）。'],
        [6, '事项标题后的“（新增）”视为修订标记，未计入标题（“标记丁规范依申请公开答复”）。'],
      ]),
    );
    // The next version without the marks is the plan as it stands: nothing to change.
    const v3 = [V1[0]!, '一,公开,2,标记乙完善政策解读机制,青川市教育局,,2026-12-20', V1[2]!, '一,公开,4,标记丁规范依申请公开答复,青川市财政局,,2026-12-31'];
    const again = await importWorkPlanFile(dependencies, { ...csvOf(v3), name: 'plan-v3.csv' }, { revise: true, dryRun: true }, contextOf('v3'), known);
    expect(again.revision).toBeNull();
    dependencies.store.close();
  });
});

/*
 * breaker11p P1: an item withdrawn by hand, then the plan's own file imported again as a version (revise): the
 * file lists the item, so it comes back (恢复列入方案) from the version's day — it was refused as a re-import of
 * the first version (「工作事项 1 已从方案中撤销；新增事项请使用新的编号。」), while the same file with any other
 * change was taken.
 */
describe('the plan’s own file imported again as a version after an item was withdrawn by hand (breaker11p P1)', () => {
  const title = '青川市2026年恢复列入测试方案';
  const at = (key: string, instant: string): CommandContext =>
    commandContext({ actor: operator, commandType: 'ImportWorkPlan', idempotencyKey: key, now: new Date(instant) });
  const plan = { name: 'plan.csv', content: new TextEncoder().encode(`${title}\n类别编号,类别,编号,事项,牵头单位,责任单位,完成时限\n一,公开,1,恢复甲事项,青川市财政局,,2026-12-31\n一,公开,2,恢复乙事项,青川市教育局,,2026-12-30\n`) };
  const supervisor: Actor = { id: 'user-sup', role: 'SUPERVISOR', unitId: null };

  it('lists the item again from the version’s day; the same file with nothing changed since writes nothing', async () => {
    const dependencies = await storeWithUnits();
    const first = await importWorkPlanFile(dependencies, plan, { approvedOn: '2026-03-02', assignedOn: '2026-03-03' }, at('v1', '2026-03-03T09:00:00+08:00'));
    const unchanged = await importWorkPlanFile(dependencies, plan, { revise: true, withdrawMissing: true, assignedOn: '2026-03-10' }, at('v1-again', '2026-03-10T09:00:00+08:00'), [{ title, year: 2026 }]);
    expect(unchanged).toMatchObject({ revision: null, eventCount: 0 });
    const itemOne = workPlanItemStream(workPlanItemIdFor(first.planId, '1'));
    await executeCommand(dependencies.store, dependencies.schemas, itemOne, workPlanItemDecider, { type: 'WithdrawWorkPlanItem', actor: supervisor, today: '2026-03-12', withdrawnOn: '2026-03-12', reason: '任务调整' }, commandContext({ actor: supervisor, commandType: 'WithdrawWorkPlanItem', idempotencyKey: 'hand', now: new Date('2026-03-12T09:00:00+08:00') }));
    const back = await importWorkPlanFile(dependencies, plan, { revise: true, withdrawMissing: true, assignedOn: '2026-03-26' }, at('v1-back', '2026-03-26T09:00:00+08:00'), [{ title, year: 2026 }]);
    expect(back.revision).toMatchObject({ added: [], withdrawn: [], reinstated: [expect.objectContaining({ code: '1' })] });
    const events = (await dependencies.store.readStream(itemOne)).map((stored) => stored.type);
    expect(events.slice(-2)).toEqual(['WorkPlanItemWithdrawn', 'WorkPlanItemReinstated']);
    const reinstated = (await dependencies.store.readStream(itemOne)).at(-1)!;
    expect(reinstated.data).toMatchObject({ reinstatedOn: '2026-03-26' });
    dependencies.store.close();
  });
});

describe('a version dated before an item’s hand withdrawal, typed after it, that leaves the item out (breaker11p P3)', () => {
  const title = '青川市2026年先撤后版测试方案';
  const at = (key: string, instant: string): CommandContext =>
    commandContext({ actor: operator, commandType: 'ImportWorkPlan', idempotencyKey: key, now: new Date(instant) });
  const csv = (codes: readonly string[]) => ({
    name: codes.length === 3 ? 'plan.csv' : 'plan-2026-03-15.csv',
    content: new TextEncoder().encode(
      `${title}\n类别编号,类别,编号,事项,牵头单位,责任单位,完成时限\n` +
        [['1', '先撤甲事项', '青川市财政局'], ['2', '先撤乙事项', '青川市教育局'], ['3', '先撤丙事项', '青川市财政局']]
          .filter(([code]) => codes.includes(code!))
          .map(([code, name, unit]) => `一,公开,${code},${name},${unit},,2026-12-31\n`)
          .join(''),
    ),
  });
  const supervisor: Actor = { id: 'user-sup', role: 'SUPERVISOR', unitId: null };
  const CZJ = unitIdForCode('CZJ');
  const EDU = unitIdForCode('JYJ');

  /** The plan (items 1–3, approved 03-02), then each step typed on its own instant. */
  async function typed(steps: readonly ('withdraw 1 on 03-20' | 'version of 03-15' | `report ${'1' | '2'} on ${string}`)[]) {
    const dependencies = await storeWithUnits();
    const first = await importWorkPlanFile(dependencies, csv(['1', '2', '3']), { approvedOn: '2026-03-02', assignedOn: '2026-03-03' }, at('v1', '2026-03-03T09:00:00+08:00'));
    const stream = (code: string) => workPlanItemStream(workPlanItemIdFor(first.planId, code));
    const context = (key: string, actor: Actor) => commandContext({ actor, commandType: 'Step', idempotencyKey: key, now: new Date('2026-03-25T09:00:00+08:00') });
    let version: Awaited<ReturnType<typeof importWorkPlanFile>> | null = null;
    /** The hand withdrawal's refusal code, when it found the item out of the plan already (breaker11q P8). */
    let withdrawalRefused: string | null = null;
    for (const [index, step] of steps.entries()) {
      if (step === 'withdraw 1 on 03-20') {
        await executeCommand(dependencies.store, dependencies.schemas, stream('1'), workPlanItemDecider, { type: 'WithdrawWorkPlanItem', actor: supervisor, today: '2026-03-25', withdrawnOn: '2026-03-20', reason: '手工撤销' }, context(`w${index}`, supervisor)).catch(
          (error: unknown) => {
            if (!(error instanceof DomainError)) throw error;
            withdrawalRefused = error.code;
          },
        );
      } else if (step === 'version of 03-15') {
        version = await importWorkPlanFile(dependencies, csv(['2', '3']), { revise: true, withdrawMissing: true, assignedOn: '2026-03-15' }, at(`v2-${index}`, '2026-03-25T09:00:00+08:00'), [{ title, year: 2026 }]);
      } else {
        const [, code, , reportedOn] = step.split(' ') as [string, string, string, string];
        const unitId = code === '1' ? CZJ : EDU;
        await executeCommand(dependencies.store, dependencies.schemas, stream(code), workPlanItemDecider, { type: 'ReportRectification', actor: clerkOf(unitId), today: '2026-03-25', unitId, summary: '已整改', evidence: [{ title: '整改材料', link: 'https://example.gov.cn/a', documentRef: null }], reportedOn: `2026-${reportedOn}` }, context(`r${index}`, clerkOf(unitId)));
      }
    }
    const item = async (code: string) => fold(workPlanItemDecider, (await dependencies.store.readStream(stream(code))).map((stored) => dependencies.schemas.upcast(stored)) as never);
    const [one, two] = [await item('1'), await item('2')];
    dependencies.store.close();
    const said = (state: typeof one) => (state.status === 'withdrawn' ? `withdrawn ${state.withdrawnOn} ${state.reason}` : state.status);
    return { revision: version?.revision ?? null, one: said(one), two: said(two), withdrawalRefused };
  }

  it('withdraws the item on the version’s day with the version’s reason, and says so, as typed in date order', async () => {
    const late = await typed(['withdraw 1 on 03-20', 'version of 03-15']);
    const inOrder = await typed(['version of 03-15', 'withdraw 1 on 03-20']);
    expect(late.one).toBe('withdrawn 2026-03-15 依据 plan-2026-03-15.csv 修订方案');
    // In date order the hand withdrawal found the item out of the plan: refused (breaker11q P8), the item as typed.
    expect(inOrder.withdrawalRefused).toBe('CONFLICT');
    expect({ ...late, withdrawalRefused: 'CONFLICT' }).toEqual(inOrder);
    expect(late.revision).toMatchObject({ withdrawn: [expect.objectContaining({ code: '1' })], itemsKept: [] });
  });

  it('a report dated on or after the version’s day, entered before it, keeps nothing: the item is withdrawn on that day, as typed in date order (the report refused there)', async () => {
    expect(await typed(['report 1 on 03-16', 'withdraw 1 on 03-20', 'version of 03-15'])).toMatchObject({ one: 'withdrawn 2026-03-15 依据 plan-2026-03-15.csv 修订方案', revision: { itemsKept: [] } });
    // An item still in the plan alike: its report of 03-16 (typed first) does not keep it.
    const standing = await typed(['report 1 on 03-16', 'version of 03-15']);
    expect(standing).toMatchObject({ one: 'withdrawn 2026-03-15 依据 plan-2026-03-15.csv 修订方案', revision: { withdrawn: [expect.objectContaining({ code: '1' })], itemsKept: [] } });
    // A report of an item the version lists is that item's as before.
    expect(await typed(['report 2 on 03-16', 'version of 03-15'])).toMatchObject({ two: 'open' });
  });

  // newcomer52-10 S1: a version applied on the day its units reported (the 导入 page's default 交办日期, today) withdrew the item
  // and set their reports aside as 「撤销后的记录」, though they were entered before it; neither the dry run nor the preview said so.
  it('a report of the version’s own day, entered before the version, keeps the item (保留待督查), as in business order (by day, then as entered)', async () => {
    const sameDay = await typed(['report 1 on 03-15', 'version of 03-15']);
    expect(sameDay).toMatchObject({ one: 'open', revision: { withdrawn: [], itemsKept: [expect.objectContaining({ code: '1' })] } });
    // The later hand withdrawal keeps its own day: the version withdrew nothing.
    expect((await typed(['report 1 on 03-15', 'withdraw 1 on 03-20', 'version of 03-15'])).one).toBe('withdrawn 2026-03-20 手工撤销');
  });

  it('a version entered late that withdraws an item whose report awaiting inspection was made after its day says so before it is confirmed, naming the item and the unit (newcomer52-10 S1)', async () => {
    const dependencies = await storeWithUnits();
    const first = await importWorkPlanFile(dependencies, csv(['1', '2', '3']), { approvedOn: '2026-03-02', assignedOn: '2026-03-03' }, at('v1', '2026-03-03T09:00:00+08:00'));
    const context = commandContext({ actor: clerkOf(CZJ), commandType: 'Step', idempotencyKey: 'r', now: new Date('2026-03-25T09:00:00+08:00') });
    await executeCommand(dependencies.store, dependencies.schemas, workPlanItemStream(workPlanItemIdFor(first.planId, '1')), workPlanItemDecider, { type: 'ReportRectification', actor: clerkOf(CZJ), today: '2026-03-25', unitId: CZJ, summary: '已整改', evidence: [{ title: '整改材料', link: 'https://example.gov.cn/a', documentRef: null }], reportedOn: '2026-03-16' }, context);
    const preview = await importWorkPlanFile(dependencies, csv(['2', '3']), { revise: true, dryRun: true, assignedOn: '2026-03-15' }, at('v2', '2026-03-25T09:00:00+08:00'), [{ title, year: 2026 }]);
    expect(preview.revision).toMatchObject({ withdrawn: [expect.objectContaining({ code: '1' })], itemsKept: [] });
    expect(preview.notes.notices?.map((notice) => notice.reasonZh)).toContain(
      '事项 1“先撤甲事项”将于 2026-03-15 撤销，而青川市财政局待督查的报告是在这一天之后作出的：撤销后这些报告列为“撤销后的记录”，不计入统计。如要因这些报告保留该事项，请把“事项交办日期”改为报告当天或之后，或先督查这些报告。',
    );
    // Its own day's report keeps the item instead: nothing to warn of.
    const onTheDay = await importWorkPlanFile(dependencies, csv(['2', '3']), { revise: true, dryRun: true, assignedOn: '2026-03-16' }, at('v2-16', '2026-03-25T09:00:00+08:00'), [{ title, year: 2026 }]);
    expect(onTheDay.revision).toMatchObject({ withdrawn: [], itemsKept: [expect.objectContaining({ code: '1' })] });
    expect(onTheDay.notes.notices?.map((notice) => notice.reasonZh).join('')).not.toContain('撤销后的记录');
    dependencies.store.close();
  });

  // newcomer52-10 S2: the office's original file, listing an item a version of the same day had withdrawn, was applied (even with
  // --undo-later-revision confirming undoing that version) without a word about the row: the item stayed withdrawn.
  it('a row naming an item withdrawn on the version’s own day is refused naming the row and the ways on (dry run too); a later day brings it back', async () => {
    const dependencies = await storeWithUnits();
    await importWorkPlanFile(dependencies, csv(['1', '2', '3']), { approvedOn: '2026-03-02', assignedOn: '2026-03-03' }, at('v1', '2026-03-03T09:00:00+08:00'));
    await importWorkPlanFile(dependencies, csv(['2', '3']), { revise: true, withdrawMissing: true, assignedOn: '2026-03-15' }, at('v2', '2026-03-15T09:00:00+08:00'), [{ title, year: 2026 }]);
    // The original file with item 2 re-dated: not the first version's bytes nor content (that is refused as the old version).
    const whole = new TextDecoder().decode(csv(['1', '2', '3']).content).replace('先撤乙事项,青川市教育局,,2026-12-31', '先撤乙事项,青川市教育局,,2026-11-30');
    const original = { name: 'plan-original.csv', content: new TextEncoder().encode(whole) };
    for (const options of [{ revise: true, dryRun: true }, { revise: true, undoLaterRevision: true, withdrawMissing: true }, {}]) {
      const refused = importWorkPlanFile(dependencies, original, { ...options, assignedOn: '2026-03-15' }, at(`v3-${JSON.stringify(options)}`, '2026-03-15T10:00:00+08:00'), [{ title, year: 2026 }]);
      await expect(refused).rejects.toMatchObject({ code: 'CONFLICT' });
      const error = (await refused.catch((caught: unknown) => caught)) as DomainError;
      expect(error.messageZh).toContain('第 3 行：事项 1“先撤甲事项”已于 2026-03-15 从方案中撤销（依据 plan-2026-03-15.csv 修订方案），与本次新版本是同一天');
      expect(error.messageZh).toContain('请在 2026-03-15 之后的工作日按新版本导入本文件');
    }
    const back = await importWorkPlanFile(dependencies, original, { revise: true, undoLaterRevision: true, assignedOn: '2026-03-16' }, at('v3-later', '2026-03-16T10:00:00+08:00'), [{ title, year: 2026 }]);
    expect(back.revision).toMatchObject({ reinstated: [expect.objectContaining({ code: '1' })] });
    dependencies.store.close();
  });

  it('a report made before the version’s day, awaiting inspection, keeps the item in the version, as in date order: the hand withdrawal keeps its own day', async () => {
    const late = await typed(['report 1 on 03-10', 'withdraw 1 on 03-20', 'version of 03-15']);
    const inOrder = await typed(['report 1 on 03-10', 'version of 03-15', 'withdraw 1 on 03-20']);
    expect(late.one).toBe('withdrawn 2026-03-20 手工撤销');
    expect(late.one).toBe(inOrder.one);
    expect(inOrder.revision).toMatchObject({ itemsKept: [expect.objectContaining({ code: '1' })] });
  });
});

describe('an item a version kept for its verified work, listed again by the next version (breaker11o P5)', () => {
  const title = '青川市2026年保留事项测试方案';
  const { at, csv } = planVersions(title, ['保留甲事项', '保留乙事项', '保留丙事项', '保留丁事项']);
  const CZJ = unitIdForCode('CZJ');
  const inspectorActor: Actor = { id: 'user-ins', role: 'INSPECTOR', unitId: null };

  it('is the item as it stands, not 新增事项; the withdrawn ones come back', async () => {
    const dependencies = await storeWithUnits();
    const first = await importWorkPlanFile(dependencies, csv('plan.csv', ['1', '2', '3', '4']), { approvedOn: '2026-03-02', assignedOn: '2026-03-03' }, at('v1', '2026-03-03T09:00:00+08:00'));
    const itemOne = workPlanItemStream(workPlanItemIdFor(first.planId, '1'));
    const step = (key: string, actor: Actor) => commandContext({ actor, commandType: 'Step', idempotencyKey: key, now: new Date('2026-03-20T09:00:00+08:00') });
    await executeCommand(dependencies.store, dependencies.schemas, itemOne, workPlanItemDecider, { type: 'ReportRectification', actor: clerkOf(CZJ), today: '2026-03-20', unitId: CZJ, summary: '已整改', evidence: [{ title: '整改材料', link: 'https://example.gov.cn/a', documentRef: null }], reportedOn: '2026-03-05' }, step('r', clerkOf(CZJ)));
    await executeCommand(dependencies.store, dependencies.schemas, itemOne, workPlanItemDecider, { type: 'LogInspection', actor: inspectorActor, today: '2026-03-20', unitId: CZJ, inspectionId: 'inspection-1', outcome: 'PASSED', notes: '核实', inspectedOn: '2026-03-06' } as never, step('i', inspectorActor));
    const second = await importWorkPlanFile(dependencies, csv('plan-v2.csv', ['4']), { revise: true, withdrawMissing: true, assignedOn: '2026-03-10' }, at('v2', '2026-03-20T09:00:00+08:00'), [{ title, year: 2026 }]);
    expect(second.revision).toMatchObject({ withdrawn: [expect.objectContaining({ code: '2' }), expect.objectContaining({ code: '3' })], itemsKept: [expect.objectContaining({ code: '1' })] });
    const third = await importWorkPlanFile(dependencies, csv('plan-v3.csv', ['1', '2', '3', '4']), { revise: true, withdrawMissing: true, undoLaterRevision: true, assignedOn: '2026-03-15' }, at('v3', '2026-03-20T10:00:00+08:00'), [{ title, year: 2026 }]);
    expect(third.revision).toMatchObject({ added: [], reinstated: [expect.objectContaining({ code: '2' }), expect.objectContaining({ code: '3' })] });
    expect(describeWorkPlanImport(third)).not.toMatch(/added/);
    dependencies.store.close();
  });

  it('is said again by every later version that leaves it out too, not only by the one that kept it (newcomer49-10 M7)', async () => {
    const dependencies = await storeWithUnits();
    const first = await importWorkPlanFile(dependencies, csv('plan.csv', ['1', '2', '3', '4']), { approvedOn: '2026-03-02', assignedOn: '2026-03-03' }, at('v1', '2026-03-03T09:00:00+08:00'));
    const itemOne = workPlanItemStream(workPlanItemIdFor(first.planId, '1'));
    const step = (key: string, actor: Actor) => commandContext({ actor, commandType: 'Step', idempotencyKey: key, now: new Date('2026-03-20T09:00:00+08:00') });
    await executeCommand(dependencies.store, dependencies.schemas, itemOne, workPlanItemDecider, { type: 'ReportRectification', actor: clerkOf(CZJ), today: '2026-03-20', unitId: CZJ, summary: '已整改', evidence: [{ title: '整改材料', link: 'https://example.gov.cn/a', documentRef: null }], reportedOn: '2026-03-05' }, step('r', clerkOf(CZJ)));
    const second = await importWorkPlanFile(dependencies, csv('plan-v2.csv', ['2', '3', '4']), { revise: true, assignedOn: '2026-03-10' }, at('v2', '2026-03-20T09:00:00+08:00'), [{ title, year: 2026 }]);
    expect(describeWorkPlanImportZh(second)).toContain('保留待督查事项 1 项（1：');
    // The next version re-dates item 4 and still leaves item 1 out: item 1 is named again, in a notice.
    const v3 = csv('plan-v3.csv', ['2', '3', '4']);
    const redated = { name: v3.name, content: new TextEncoder().encode(new TextDecoder().decode(v3.content).replace('保留丁事项,青川市财政局,,2026-12-31', '保留丁事项,青川市财政局,,2026-11-30')) };
    const third = await importWorkPlanFile(dependencies, redated, { revise: true, dryRun: true, assignedOn: '2026-03-15' }, at('v3', '2026-03-20T10:00:00+08:00'), [{ title, year: 2026 }]);
    expect(third.revision?.redated).toEqual([expect.objectContaining({ code: '4', to: '2026-11-30' })]);
    expect(third.revision?.itemsKept).toEqual([]);
    expect(third.notes.notices?.map((notice) => notice.reasonZh)).toContain('本文件未列出、方案中仍保留的事项 1 项：1 保留甲事项（单位已报告完成、待督查）——此前的版本因其工作保留，未撤销；如确需撤销，请先督查其报告（或重新打开该事项）。');
    dependencies.store.close();
  });
});

// breaker11r's remark, checked (session 27): "a new plan whose items read like another plan's is taken as its new version".
// Items are matched by their words (2f172a7, breaker10m P15) only within the plan of the file's title and year; another plan's
// items never make a file its version. Given plan A, when a genuinely new plan B of the same year is imported with items worded
// like A's, then B is a plan of its own and A is untouched.
describe('a new plan of the same year whose items read like another plan\'s', () => {
  const planA = '青川市2026年政务公开工作要点\n类别,编号,事项,牵头单位,完成时限\n决策公开,1,推进重大行政决策事项目录公开,FGW,2026-06-30\n决策公开,2,"加强政策解读，提升解读质量",FGW,2026-09-30\n执行公开,3,公开重点项目进展,CZJ,2026-12-31\n';
  // Two of three items worded as A's, their punctuation retyped (。 added, ， as 、): words alike by the revision's own matching.
  const planB = '青川市2026年数字政府建设工作要点\n类别,编号,事项,牵头单位,完成时限\n平台建设,1,推进重大行政决策事项目录公开。,FGW,2026-06-30\n平台建设,2,加强政策解读、提升解读质量,FGW,2026-09-30\n平台建设,3,建设一体化政务服务平台,CZJ,2026-12-31\n';
  const known = (title: string, itemTitles: string[]) => [{ title, year: 2026, itemTitles }];
  const itemsOfA = ['推进重大行政决策事项目录公开', '加强政策解读，提升解读质量', '公开重点项目进展'];

  it('is imported as a plan of its own, with a notice naming the other plan, and the other plan is not touched', async () => {
    const dependencies = await storeWithUnits();
    const a = await importWorkPlanFile(dependencies, { name: 'a.csv', content: Buffer.from(planA) }, {}, contextOf('plan-a'));
    const streamsOfA = [workPlanStream(a.planId), ...a.itemIds.map((itemId) => workPlanItemStream(itemId))];
    const eventsOfA = async () => Promise.all(streamsOfA.map(async (stream) => (await dependencies.store.readStream(stream)).length));
    const before = await eventsOfA();
    const b = await importWorkPlanFile(dependencies, { name: 'b.csv', content: Buffer.from(planB) }, {}, contextOf('plan-b'), known(a.title, itemsOfA));
    expect(b).toMatchObject({ title: '青川市2026年数字政府建设工作要点', year: 2026, itemCount: 3, itemsDefined: 3, revision: null });
    expect(b.planId).not.toBe(a.planId);
    expect(b.itemIds.filter((itemId) => a.itemIds.includes(itemId))).toEqual([]);
    expect(b.notes.notices).toEqual([expect.objectContaining({ reasonZh: '本文件 3 项事项中有 2 项已是方案“青川市2026年政务公开工作要点”的事项：请确认本文件不是该方案的新版本。' })]);
    // Nothing B wrote went to A's streams.
    expect(await eventsOfA()).toEqual(before);
    expect(before.every((count) => count > 0)).toBe(true);
    dependencies.store.close();
  });

  it('whose every item reads like the other plan\'s is refused naming it, its title given or not, and imported as its own only with separatePlan — never as a version', async () => {
    const dependencies = await storeWithUnits();
    const a = await importWorkPlanFile(dependencies, { name: 'a.csv', content: Buffer.from(planA) }, {}, contextOf('plan-a'));
    const allAlike = planB.split('\n').slice(0, 4).join('\n') + '\n';
    const refused = importWorkPlanFile(dependencies, { name: 'b.csv', content: Buffer.from(allAlike) }, {}, contextOf('plan-b'), known(a.title, itemsOfA));
    await expect(refused).rejects.toMatchObject({ code: 'CONFLICT', details: { field: 'title', repeatedPlan: a.title } });
    // A title given is no purpose (newcomer52-10 S3: the plan's export under a title typed otherwise made a second plan duplicating
    // every item): refused, dry run too; separatePlan imports it as a plan of its own.
    for (const dryRun of [true, false]) {
      const titled = importWorkPlanFile(dependencies, { name: 'b.csv', content: Buffer.from(allAlike) }, { title: '青川市2026年数字政府建设工作要点', dryRun }, contextOf(`plan-b-titled-${dryRun}`), known(a.title, itemsOfA));
      await expect(titled).rejects.toMatchObject({ code: 'CONFLICT', details: { field: 'title', repeatedPlan: a.title } });
      await expect(titled).rejects.toMatchObject({ messageZh: expect.stringContaining('如果确是另一份方案，请勾选“作为另一份方案导入”后重新导入。') });
    }
    const given = await importWorkPlanFile(dependencies, { name: 'b.csv', content: Buffer.from(allAlike) }, { title: '青川市2026年数字政府建设工作要点', separatePlan: true }, contextOf('plan-b-titled'), known(a.title, itemsOfA));
    expect(given).toMatchObject({ title: '青川市2026年数字政府建设工作要点', itemsDefined: 2, revision: null });
    expect(given.planId).not.toBe(a.planId);
  });
});

// breaker57-10 S2: once a version withdrew one of a plan's items, the plan's original file under another title counted that item as
// "not shared", dropped under the all-items rule, and became a second plan duplicating the other items (notice only).
describe('a plan\'s earlier file, under another title, after an item was withdrawn from the plan', () => {
  const planA = '青川市2026年政务公开工作要点\n类别,编号,事项,牵头单位,完成时限\n决策公开,1,推进重大行政决策事项目录公开,FGW,2026-06-30\n决策公开,2,"加强政策解读，提升解读质量",FGW,2026-09-30\n执行公开,3,公开重点项目进展,CZJ,2026-12-31\n';
  const standing = ['推进重大行政决策事项目录公开', '加强政策解读，提升解读质量'];

  it('given item 3 withdrawn, when the original file is imported under another title, then it is refused as an earlier version of that plan (CONFLICT, repeatedPlan), dry run or not', async () => {
    const dependencies = await storeWithUnits();
    const known = [{ title: '青川市2026年政务公开工作要点', year: 2026, itemTitles: standing, withdrawnItemTitles: ['公开重点项目进展'] }];
    for (const dryRun of [true, false]) {
      const refused = importWorkPlanFile(dependencies, { name: 'a.csv', content: Buffer.from(planA) }, { title: '青川市2026年政务公开任务清单', dryRun }, contextOf(`s2-${dryRun}`), known);
      await expect(refused).rejects.toMatchObject({ code: 'CONFLICT', details: { field: 'title', repeatedPlan: '青川市2026年政务公开工作要点' } });
      await expect(refused).rejects.toMatchObject({ messageZh: expect.stringContaining('其中 1 项此后已被该方案撤销：本文件是该方案此前的版本。') });
    }
    expect((await dependencies.store.readAll()).filter((stored) => stored.type === 'WorkPlanImported')).toEqual([]);
    dependencies.store.close();
  });

  it('given the plan read from the log (the command line), when a version withdrew an item, then the item is known as the plan\'s, withdrawn', async () => {
    const dependencies = await storeWithUnits();
    const a = await importWorkPlanFile(dependencies, { name: 'a.csv', content: Buffer.from(planA) }, {}, contextOf('s2-a'));
    const v2 = planA.split('\n').slice(0, 4).join('\n') + '\n';
    await importWorkPlanFile(dependencies, { name: 'a2.csv', content: Buffer.from(v2) }, { revise: true, withdrawMissing: true }, contextOf('s2-v2'));
    const known = knownPlansOf((await dependencies.store.readAll()).map((stored) => dependencies.schemas.upcast(stored)));
    expect(known).toEqual([expect.objectContaining({ title: a.title, itemTitles: standing, withdrawnItemTitles: ['公开重点项目进展'] })]);
    const refused = importWorkPlanFile(dependencies, { name: 'a.csv', content: Buffer.from(planA) }, { title: '青川市2026年政务公开任务清单' }, contextOf('s2-again'), known);
    await expect(refused).rejects.toMatchObject({ code: 'CONFLICT', details: { repeatedPlan: a.title } });
    dependencies.store.close();
  });
});

// issue 10 P6: a revised file titled as the plan with a suffix was taken for a new plan; its items due before "its" approval
// (today) were refused, and the advice to give the approval day made a second plan duplicating every item.
describe('a revised file titled as the plan with a suffix (issue 10 P6)', () => {
  const title = '青川市2026年后缀测试工作要点';
  const body = (due: string) => `类别,编号,事项,牵头单位,完成时限\n公开,1,HZ甲事项,青川市财政局,${due}\n公开,2,HZ乙事项,青川市教育局,2026-09-30\n公开,3,HZ丙事项,青川市民政局,2026-12-31\n`;
  const file = (heading: string, due = '2026-11-30') => ({ name: 'plan-v2.csv', content: new TextEncoder().encode(`${heading}\n${body(due)}`) });
  const at = (key: string) => commandContext({ actor: operator, commandType: 'ImportWorkPlan', idempotencyKey: key, now: new Date('2026-07-01T09:00:00+08:00') });
  const knownOf = async (dependencies: ImportDependencies) => knownPlansOf((await dependencies.store.readAll()).map((stored) => dependencies.schemas.upcast(stored)));
  async function imported() {
    const dependencies = await storeWithUnits();
    const first = await importWorkPlanFile(dependencies, file(title, '2026-06-30'), { approvedOn: '2026-03-01' }, at('v1'));
    return { dependencies, first };
  }

  it.each(['-修改', '（修订）', '(调整稿)', 'v2', '修改版', ' 调整'])('given the plan, when %s is added to its title row, then the file is its new version: refused unasked naming the plan and the title read, previewed and applied with revise, never a second plan', async (suffix) => {
    const { dependencies, first } = await imported();
    const head = await dependencies.store.headPosition();
    const refusal = await importWorkPlanFile(dependencies, file(`${title}${suffix}`), {}, at('plain'), await knownOf(dependencies)).catch((error: unknown) => error);
    expect(refusal).toMatchObject({ code: 'CONFLICT', details: { writtenTitle: `${title}${suffix}` } });
    expect((refusal as DomainError).messageZh).toBe(
      `工作方案“${title}”已从另一份文件导入；plan-v2.csv 是它的新版本（调整时限 1 项（1：2026-06-30 → 2026-11-30），事项 1 已逾期 1 天：改期后不再计为逾期）。文件标题“${title}${suffix}”与该方案只差版本说明或写法，按同一方案读取。` +
        '如需按新版本调整，请勾选“按新版本调整”后重新导入，已有进度全部保留；勾选后“预览（不写入）”只显示差异，不写入。',
    );
    // With an approval day given, as the refusals about dates advised: still the plan's version, never a plan of its own.
    const dated = await importWorkPlanFile(dependencies, file(`${title}${suffix}`), { approvedOn: '2026-06-01' }, at('dated'), await knownOf(dependencies)).catch((error: unknown) => error);
    expect(dated).toMatchObject({ code: 'CONFLICT', details: { field: 'approvedOn' } });
    expect(await dependencies.store.headPosition()).toEqual(head);
    const revised = await importWorkPlanFile(dependencies, file(`${title}${suffix}`), { revise: true, withdrawMissing: true }, at('revise'), await knownOf(dependencies));
    expect(revised).toMatchObject({ planId: first.planId, title, revision: { redated: [expect.objectContaining({ code: '1', to: '2026-11-30' })] } });
    expect(describeWorkPlanImportZh(revised)).toContain(`标题中的“${suffix.trim()}”是版本说明：按方案“${title}”读取`);
    expect(await countOf(dependencies.store, 'WorkPlanImported')).toBe(1);
    dependencies.store.close();
  });

  it.each([
    ['read off its title row', {}],
    ['typed as its title', { title: `${title}-张三0615` }],
  ])('given the plan, when a file %s is the plan\'s title with other words added and holds its items, then it is refused naming the plan and both ways on, nothing written', async (_how, options) => {
    const { dependencies } = await imported();
    const head = await dependencies.store.headPosition();
    const refusal = await importWorkPlanFile(dependencies, file(`${title}-张三0615`), options, at('extended'), await knownOf(dependencies)).catch((error: unknown) => error);
    expect(refusal).toMatchObject({ code: 'CONFLICT', details: { field: 'title', repeatedPlan: title } });
    expect((refusal as DomainError).messageZh).toBe(
      `标题“${title}-张三0615”是已导入的2026年方案“${title}”的标题后加“-张三0615”，且本文件 3 项事项中有 3 项已是该方案的事项：` +
        `如果本文件是该方案的新版本，请在“方案标题”中填写“${title}”并勾选“按新版本调整”；勾选后“预览（不写入）”只显示差异，不写入。如果确是另一份方案，请为它另起标题（不要只在原标题后加字）后导入。`,
    );
    expect(await dependencies.store.headPosition()).toEqual(head);
    dependencies.store.close();
  });
});

describe('a version dated on a day an item stood completed, typed after a later reopening (ext s27)', () => {
  const title = '青川市2026年核验后重开测试方案';
  const { at, csv } = planVersions(title, ['重开甲事项', '重开乙事项']);
  const CZJ = unitIdForCode('CZJ');
  const inspectorActor: Actor = { id: 'user-ins', role: 'INSPECTOR', unitId: null };
  const supervisorActor: Actor = { id: 'user-sup', role: 'SUPERVISOR', unitId: null };

  it('keeps the item (保留已核验事项), as typed in date order, where it withdrew it and the withdrawal was refused', async () => {
    const dependencies = await storeWithUnits();
    const first = await importWorkPlanFile(dependencies, csv('plan.csv', ['1', '2']), { approvedOn: '2026-03-02', assignedOn: '2026-03-03' }, at('v1', '2026-03-03T09:00:00+08:00'));
    const itemOne = workPlanItemStream(workPlanItemIdFor(first.planId, '1'));
    const step = (key: string, actor: Actor) => commandContext({ actor, commandType: 'Step', idempotencyKey: key, now: new Date('2026-03-20T09:00:00+08:00') });
    await executeCommand(dependencies.store, dependencies.schemas, itemOne, workPlanItemDecider, { type: 'ReportRectification', actor: clerkOf(CZJ), today: '2026-03-20', unitId: CZJ, summary: '已整改', evidence: [{ title: '整改材料', link: 'https://example.gov.cn/a', documentRef: null }], reportedOn: '2026-03-05' }, step('r', clerkOf(CZJ)));
    await executeCommand(dependencies.store, dependencies.schemas, itemOne, workPlanItemDecider, { type: 'LogInspection', actor: inspectorActor, today: '2026-03-20', unitId: CZJ, inspectionId: 'inspection-1', outcome: 'PASSED', notes: '核实', inspectedOn: '2026-03-06' } as never, step('i', inspectorActor));
    // Completed 03-06, reopened 03-12; the version of 03-10 (leaving item 1 out) is typed after the reopening.
    await executeCommand(dependencies.store, dependencies.schemas, itemOne, workPlanItemDecider, { type: 'ReopenWorkPlanItem', actor: supervisorActor, today: '2026-03-20', reason: '复查发现问题反弹', reopenedOn: '2026-03-12', newDueDate: '2026-12-31' }, step('o', supervisorActor));
    const second = await importWorkPlanFile(dependencies, csv('plan-v2.csv', ['2']), { revise: true, withdrawMissing: true, assignedOn: '2026-03-10' }, at('v2', '2026-03-20T10:00:00+08:00'), [{ title, year: 2026 }]);
    expect(second.revision).toMatchObject({ withdrawn: [], itemsKept: [expect.objectContaining({ code: '1' })] });
    dependencies.store.close();
  });
});

// breaker10m P6 (serious): a plan over several years imports with its period, and its versions are revised as a year's plan's.
describe('a plan over several years (三年行动计划（2026—2028年）)', () => {
  const title = '青川市政务公开三年行动计划（2026—2028年）';
  const v1 = `${title}\n类别,编号,事项,牵头单位,完成时限\n平台建设,1,建成政务公开专区,FGW,2026年12月底前\n平台建设,2,完善政策文件库,CZJ,2027年6月30日\n制度建设,3,开展政务公开培训,CZJ,每年\n`;
  const v2 = `${title}（2027年调整）\n类别,编号,事项,牵头单位,完成时限\n平台建设,1,建成政务公开专区,FGW,2026年12月底前\n平台建设,2,完善政策文件库,CZJ,2028年6月30日\n制度建设,3,开展政务公开培训,CZJ,每年\n制度建设,4,实现标准目录全覆盖,FGW,2028年底前\n`;

  it('imports with its period, and a version re-dates an item into 2028 and adds one due then, progress kept', async () => {
    const dependencies = await storeWithUnits();
    const first = await importWorkPlanFile(dependencies, { name: 'plan.csv', content: Buffer.from(v1) }, {}, contextOf('three-years'));
    expect(first).toMatchObject({ title, year: 2026, itemCount: 3, itemsDefined: 3 });
    const upcast = async (stream: string) => (await dependencies.store.readStream(stream)).map((stored) => dependencies.schemas.upcast(stored)) as never;
    const item = async (code: string) => fold(workPlanItemDecider, await upcast(workPlanItemStream(workPlanItemIdFor(first.planId, code))));
    expect(await item('3')).toMatchObject({ definition: { dueDate: '2028-12-31' } });
    const known = [{ title, year: 2026, itemTitles: ['建成政务公开专区', '完善政策文件库', '开展政务公开培训'] }];
    const revised = await importWorkPlanFile(dependencies, { name: 'plan-v2.csv', content: Buffer.from(v2) }, { revise: true, withdrawMissing: true }, contextOf('three-years-v2'), known);
    expect(revised).toMatchObject({ planId: first.planId, revision: { added: [expect.objectContaining({ code: '4', dueDate: '2028-12-31' })], redated: [expect.objectContaining({ code: '2' })] } });
    expect(await item('2')).toMatchObject({ definition: { dueDate: '2028-06-30' } });
    const plan = fold(workPlanDecider, await upcast(workPlanStream(first.planId)));
    expect(plan).toMatchObject({ status: 'imported', year: 2026, lastYear: 2028 });
    dependencies.store.close();
  });

  // Issue 10: a new version of a plan over several years imported under a title without the span was read as a year's plan.
  it('reads a version whose file says no period with the plan\'s: by its title and a year within the period, told', async () => {
    const dependencies = await storeWithUnits();
    const bare = '青川市政务公开提质行动方案';
    const body = v1.split('\n').slice(1).join('\n');
    const first = await importWorkPlanFile(dependencies, { name: 'plan.csv', content: Buffer.from(body) }, { title: bare, year: 2026, lastYear: 2028 }, contextOf('known-period'));
    const known = [{ title: bare, year: 2026, lastYear: 2028 }];
    // The same year (from the first due date), no period given: the version re-dates item 2 into 2028, within the plan.
    const v2body = v2.split('\n').slice(1).join('\n');
    const dry = await importWorkPlanFile(dependencies, { name: 'plan-v2.csv', content: Buffer.from(v2body) }, { title: bare, dryRun: true }, contextOf('known-period-v2'), known);
    expect(dry).toMatchObject({ planId: first.planId, year: 2026, lastYear: 2028, revision: { redated: [expect.objectContaining({ code: '2' })] } });
    // A year inside the period (its first item due in 2027): the plan of 2026—2028, told.
    const later = `类别,编号,事项,牵头单位,完成时限\n平台建设,2,完善政策文件库,CZJ,2027年6月30日\n平台建设,5,建成统一平台,FGW,2028年6月30日\n`;
    const again = await importWorkPlanFile(dependencies, { name: 'plan-2027.csv', content: Buffer.from(later) }, { title: bare, dryRun: true }, contextOf('known-period-2027'), known);
    expect(again).toMatchObject({ planId: first.planId, year: 2026, lastYear: 2028 });
    expect(again.notes.notices?.map((notice) => notice.reasonZh)).toContainEqual('按已导入的方案“青川市政务公开提质行动方案”（2026—2028 年）读取：事项时限可到 2028 年 12 月 31 日。');
    // Two plans of that title whose periods hold the year: asked.
    const twice = [...known, { title: bare, year: 2025, lastYear: 2027 }];
    const asked = await importWorkPlanFile(dependencies, { name: 'plan-2027.csv', content: Buffer.from(later) }, { title: bare, dryRun: true }, contextOf('known-period-asked'), twice).catch((error: unknown) => error);
    expect(problemsOf(asked as DomainError)?.map((problem) => problem.reasonZh)).toContainEqual(expect.stringContaining('有 2026—2028、2025—2027 年多个期限'));
    dependencies.store.close();
  });

  // newcomer32 S7 (serious): the revised file's title row drops the period (or writes it otherwise): it was read as another
  // plan — a year's plan whose 2027/2028 rows were refused one by one, with advice (截止年度) that, followed, made a second plan.
  it.each([
    ['青川市政务公开三年行动计划'],
    ['青川市政务公开三年行动计划（2026-2028年）'],
    ['青川市政务公开三年行动计划（2026～2028）'],
    ['青川市政务公开三年行动计划2026—2028年度'],
    ['青川市政务公开三年行动计划（修订版）'],
    ['青川市政务公开三年行动计划（2027年调整）'],
    ['关于印发《青川市政务公开三年行动计划》的通知'],
    ['青川市政务公开三年行动计划【2026—2028年】'],
  ])('a version titled 「%s」 (period dropped or written otherwise) revises the 2026—2028 plan: items updated, none twice, progress kept', async (revisedTitle) => {
    const dependencies = await storeWithUnits();
    const first = await importWorkPlanFile(dependencies, { name: 'plan.csv', content: Buffer.from(v1) }, {}, contextOf(`s7-${revisedTitle}`));
    const known = [{ title, year: 2026, lastYear: 2028, itemTitles: ['建成政务公开专区', '完善政策文件库', '开展政务公开培训'] }];
    const body = v2.split('\n').slice(1).join('\n');
    const file = { name: 'plan-v2.csv', content: Buffer.from(`${revisedTitle}\n${body}`) };
    // Unasked: refused as a new version of that plan (never a second plan), naming it.
    const unasked = await importWorkPlanFile(dependencies, file, {}, contextOf(`s7-unasked-${revisedTitle}`), known).catch((error: unknown) => error);
    expect(unasked).toBeInstanceOf(DomainError);
    expect((unasked as DomainError).code).toBe('CONFLICT');
    const revised = await importWorkPlanFile(dependencies, file, { revise: true, withdrawMissing: true }, contextOf(`s7-v2-${revisedTitle}`), known);
    expect(revised).toMatchObject({ planId: first.planId, title, year: 2026, lastYear: 2028, revision: { added: [expect.objectContaining({ code: '4' })], redated: [expect.objectContaining({ code: '2' })] } });
    dependencies.store.close();
  });

  // Issue 10: the result said （2026） for a 2026—2028 plan, and the export of a plan whose title does not name its years said none.
  it('says its period, never only its first year: the result, its lines, and the export, whose title row gives it back on import', async () => {
    const dependencies = await storeWithUnits();
    const bare = '青川市政务公开提质行动方案';
    const body = v1.split('\n').slice(1).join('\n');
    const first = await importWorkPlanFile(dependencies, { name: 'plan.csv', content: Buffer.from(body) }, { title: bare, year: 2026, lastYear: 2028 }, contextOf('period-words'));
    expect(first).toMatchObject({ title: bare, year: 2026, lastYear: 2028 });
    expect(describeWorkPlanImportZh(first)).toMatch(/^已导入 青川市政务公开提质行动方案（2026—2028）：/);
    expect(describeWorkPlanImport(first)).toMatch(/^Imported 青川市政务公开提质行动方案 \(2026—2028\):/);
    const table = await exportWorkPlan(await exportSourcesOf(dependencies), { reader: null, planId: first.planId }, new Date('2026-03-02T09:00:00+08:00'));
    expect(table.title).toMatch(/^青川市政务公开提质行动方案进展（2026—2028年，截至 2026-03-02/);
    // The export read back: the same plan of 2026—2028, nothing to revise (its 2027 item within the period).
    const head = await dependencies.store.headPosition();
    const again = await importWorkPlanFile(dependencies, { name: '工作方案进展.csv', content: new Uint8Array(tableToCsv(table)) }, { revise: true, withdrawMissing: true }, contextOf('period-words-again'), [{ title: bare, year: 2026, lastYear: 2028 }]);
    expect(again).toMatchObject({ planId: first.planId, lastYear: 2028, revision: null });
    expect(describeWorkPlanImportZh(again)).toContain('青川市政务公开提质行动方案（2026—2028）');
    expect(await dependencies.store.headPosition()).toEqual(head);
    // A year's plan is said as before, and its export title has no period.
    const oneYear = await importWorkPlanFile(dependencies, { name: 'one.csv', content: Buffer.from(`${TITLE}\n类别,编号,事项,牵头单位,完成时限\n平台,1,更新公开指南,FGW,2026-06-30\n`) }, {}, contextOf('one-year-words'));
    expect(oneYear).not.toHaveProperty('lastYear');
    expect(describeWorkPlanImportZh(oneYear)).toContain(`${TITLE}（2026）`);
    expect((await exportWorkPlan(await exportSourcesOf(dependencies), { reader: null, planId: oneYear.planId }, new Date('2026-03-02T09:00:00+08:00'))).title).toMatch(/进展（截至 2026-03-02/);
    dependencies.store.close();
  });
});

/**
 * Versions of one plan titled `title` whose items are `names` (codes 1, 2, … in that order; 青川市财政局 leads each, due
 * 2026-12-31): `csv(fileName, codes)` is a version listing the items of those codes; `at(key, instant)` the context of its import.
 */
function planVersions(title: string, names: readonly string[]) {
  const at = (key: string, instant: string): CommandContext =>
    commandContext({ actor: operator, commandType: 'ImportWorkPlan', idempotencyKey: key, now: new Date(instant) });
  const csv = (name: string, codes: readonly string[]) => ({
    name,
    content: new TextEncoder().encode(
      `${title}\n类别编号,类别,编号,事项,牵头单位,责任单位,完成时限\n` +
        names
          .map((item, index) => [String(index + 1), item] as const)
          .filter(([code]) => codes.includes(code))
          .map(([code, item]) => `一,公开,${code},${item},青川市财政局,,2026-12-31\n`)
          .join(''),
    ),
  });
  return { at, csv };
}

describe('a version without a 具体内容 (or 工作措施) column says nothing about them (breaker10s P2)', () => {
  const csv = (text: string) => new TextEncoder().encode(text);
  const plan = '青川市2026年具体内容缺列测试方案\n类别编号,类别,编号,事项,具体内容,工作措施,牵头单位,完成时限\n' +
    '一,公开,1,QD整合网站,整合区县网站,统一平台,青川市财政局,2026-06-30\n一,公开,2,QD清理账号,清理僵尸账号,逐一核查,青川市教育局,2026-09-30\n';
  const descriptionsOf = async (dependencies: ImportDependencies, planId: string) => {
    const defined = new Map<string, { description: string; measures: string }>();
    for (const record of await dependencies.store.readAll()) {
      const data = record.data as { planId?: string; code?: string; description?: string; measures?: string };
      if (data.planId !== planId || data.code === undefined) continue;
      const before = defined.get(data.code) ?? { description: '', measures: '' };
      defined.set(data.code, { description: data.description ?? before.description, measures: data.measures ?? before.measures });
    }
    return Object.fromEntries(defined);
  };

  it('given a plan whose items have descriptions and measures, when a version without those columns is applied, then each item keeps both, and nothing is told as 修改表述', async () => {
    const dependencies = await storeWithUnits();
    const first = await importWorkPlanFile(dependencies, { name: 'qd.csv', content: csv(plan) }, {}, contextOf('qd-v1'));
    const known = [{ title: first.title, year: first.year }];
    const version = csv('青川市2026年具体内容缺列测试方案\n类别编号,类别,编号,事项,牵头单位,完成时限\n一,公开,1,QD整合网站,青川市财政局,2026-06-30\n一,公开,2,QD清理账号,青川市教育局,2026-12-31\n');
    const dry = await importWorkPlanFile(dependencies, { name: 'qd-v2.csv', content: version }, { revise: true, title: first.title, dryRun: true }, contextOf('qd-v2-dry'), known);
    expect(dry.revision).toMatchObject({ amended: [], redated: [expect.objectContaining({ code: '2' })] });
    const applied = await importWorkPlanFile(dependencies, { name: 'qd-v2.csv', content: version }, { revise: true, withdrawMissing: true, title: first.title }, contextOf('qd-v2'), known);
    expect(applied.revision).toMatchObject({ amended: [] });
    expect(await descriptionsOf(dependencies, first.planId)).toEqual({ '1': { description: '整合区县网站', measures: '统一平台' }, '2': { description: '清理僵尸账号', measures: '逐一核查' } });
    dependencies.store.close();
  });

  it('given a version without those columns applied, when the same file is sent again — plain, as a dry run or with revise — then it is already imported: nothing to change, nothing written (issue 10 P2)', async () => {
    const dependencies = await storeWithUnits();
    const withUnits = '青川市2026年具体内容缺列测试方案\n类别编号,类别,编号,事项,具体内容,工作措施,牵头单位,责任单位,完成时限\n' +
      '一,公开,1,QD整合网站,整合区县网站,统一平台,青川市财政局,青川市民政局,2026-06-30\n一,公开,2,QD清理账号,清理僵尸账号,逐一核查,青川市教育局,青川市财政局,2026-09-30\n';
    const first = await importWorkPlanFile(dependencies, { name: 'qd.csv', content: csv(withUnits) }, {}, contextOf('qd-v1'));
    const known = [{ title: first.title, year: first.year }];
    const version = { name: 'qd-v2.csv', content: csv('青川市2026年具体内容缺列测试方案\n类别编号,类别,编号,事项,牵头单位,完成时限\n一,公开,1,QD整合网站,青川市财政局,2026-06-30\n一,公开,2,QD清理账号,青川市教育局,2026-12-31\n') };
    const applied = await importWorkPlanFile(dependencies, version, { revise: true, withdrawMissing: true }, contextOf('qd-v2'), known);
    expect(applied.revision).toMatchObject({ amended: [], unitsRemoved: [], redated: [expect.objectContaining({ code: '2' })] });
    const head = await dependencies.store.headPosition();
    for (const [key, options] of [['plain', {}], ['dry', { dryRun: true }], ['revise', { revise: true }], ['revise-dry', { revise: true, dryRun: true }]] as const) {
      const again = await importWorkPlanFile(dependencies, version, options, contextOf(`qd-v2-again-${key}`), known);
      expect(again).toMatchObject({ revision: null, eventCount: 0 });
      expect(describeWorkPlanImportZh(again)).toMatch(/^(试导入：)?青川市2026年具体内容缺列测试方案（2026）此前已导入，事项相同：1 个大项，2 个事项/);
    }
    expect(await dependencies.store.headPosition()).toEqual(head);
    expect(await descriptionsOf(dependencies, first.planId)).toEqual({ '1': { description: '整合区县网站', measures: '统一平台' }, '2': { description: '清理僵尸账号', measures: '逐一核查' } });
    dependencies.store.close();
  });

  it('given the same plan, when a version has the 具体内容 column with one cell left empty, then that item\'s description is cleared and told as 修改表述', async () => {
    const dependencies = await storeWithUnits();
    const first = await importWorkPlanFile(dependencies, { name: 'qd.csv', content: csv(plan) }, {}, contextOf('qd-v1'));
    const version = csv('青川市2026年具体内容缺列测试方案\n类别编号,类别,编号,事项,具体内容,牵头单位,完成时限\n一,公开,1,QD整合网站,,青川市财政局,2026-06-30\n一,公开,2,QD清理账号,清理僵尸账号,青川市教育局,2026-09-30\n');
    const dry = await importWorkPlanFile(dependencies, { name: 'qd-v3.csv', content: version }, { revise: true, title: first.title, dryRun: true }, contextOf('qd-v3-dry'), [{ title: first.title, year: first.year }]);
    expect(dry.revision).toMatchObject({ amended: [{ code: '1', fields: ['description'], cleared: [{ field: 'description', was: '整合区县网站' }] }] });
    // Said with the words it loses, not as 修改表述 (breaker10s P2).
    expect(describeWorkPlanImportZh(dry)).toContain('将修订：事项 1 删去具体内容“整合区县网站”。');
    dependencies.store.close();
  });

  it('given the same plan, when a YAML or JSON version gives no item a `description` or `measures` key, then each item keeps both; a key given empty clears it', async () => {
    for (const format of ['yaml', 'json'] as const) {
      const dependencies = await storeWithUnits();
      const first = await importWorkPlanFile(dependencies, { name: 'qd.csv', content: csv(plan) }, {}, contextOf('qd-v1'));
      const known = [{ title: first.title, year: first.year }];
      const tree = (description?: string) => ({
        title: first.title,
        year: 2026,
        categories: [
          {
            code: '一',
            title: '公开',
            items: [
              { code: '1', title: 'QD整合网站', ...(description === undefined ? {} : { description }), leadUnit: '青川市财政局', dueDate: '2026-06-30' },
              { code: '2', title: 'QD清理账号', ...(description === undefined ? {} : { description: '清理僵尸账号' }), leadUnit: '青川市教育局', dueDate: '2026-12-31' },
            ],
          },
        ],
      });
      const file = (content: object) => (format === 'json' ? JSON.stringify(content) : stringify(content));
      const name = `qd-v2.${format}`;
      const applied = await importWorkPlanFile(dependencies, { name, content: csv(file(tree())) }, { revise: true, withdrawMissing: true }, contextOf(`qd-${format}`), known);
      expect(applied.revision).toMatchObject({ amended: [], redated: [expect.objectContaining({ code: '2' })] });
      expect(await descriptionsOf(dependencies, first.planId)).toEqual({ '1': { description: '整合区县网站', measures: '统一平台' }, '2': { description: '清理僵尸账号', measures: '逐一核查' } });
      const cleared = await importWorkPlanFile(dependencies, { name: `qd-v3.${format}`, content: csv(file(tree(''))) }, { revise: true, dryRun: true }, contextOf(`qd-${format}-3`), known);
      expect(describeWorkPlanImportZh(cleared)).toContain('将修订：事项 1 删去具体内容“整合区县网站”。');
      dependencies.store.close();
    }
  });

  it('given a plan whose items have responsible units, when a version with 牵头单位 only (no 责任单位 / 配合单位 column) is applied, then no unit is removed', async () => {
    const dependencies = await storeWithUnits();
    const withUnits = '青川市2026年责任单位缺列测试方案\n类别编号,类别,编号,事项,牵头单位,责任单位,完成时限\n' +
      '一,公开,1,QU整合网站,青川市财政局,青川市教育局、青川市民政局,2026-06-30\n一,公开,2,QU清理账号,青川市教育局,青川市财政局,2026-09-30\n';
    const first = await importWorkPlanFile(dependencies, { name: 'qu.csv', content: csv(withUnits) }, {}, contextOf('qu-v1'));
    const version = csv('青川市2026年责任单位缺列测试方案\n类别编号,类别,编号,事项,牵头单位,完成时限\n一,公开,1,QU整合网站,青川市财政局,2026-06-30\n一,公开,2,QU清理账号,青川市财政局,2026-12-31\n');
    const applied = await importWorkPlanFile(dependencies, { name: 'qu-v2.csv', content: version }, { revise: true, withdrawMissing: true, title: first.title }, contextOf('qu-v2'), [{ title: first.title, year: first.year }]);
    // Item 2's lead is now 财政局 (its responsible unit before): 教育局, the lead left out, is removed; nothing else.
    expect(applied.revision).toMatchObject({ amended: [], unitsAdded: [], redated: [expect.objectContaining({ code: '2' })] });
    expect(applied.revision!.unitsRemoved).toEqual([expect.objectContaining({ code: '2', unitId: unitIdForCode('JYJ') })]);
    dependencies.store.close();
  });
});

describe('several items due before the plan’s approval are said once (newcomer39 S1)', () => {
  const csv = (text: string) => new TextEncoder().encode(text);
  const TITLE = '青川市2026年批准日期测试方案';
  const header = `${TITLE}\n类别编号,类别,编号,事项,牵头单位,完成时限\n`;
  const rows = '一,公开,1,QA整合网站,青川市财政局,2026-06-30\n一,公开,2,QA清理账号,青川市教育局,2026-09-30\n一,公开,3,QA年报,青川市教育局,2026-12-31\n';
  // The office day is 2026-11-01.
  const contextOf = (key: string): CommandContext =>
    commandContext({ actor: operator, commandType: 'ImportWorkPlan', idempotencyKey: key, now: new Date('2026-11-01T09:00:00+08:00') });
  const refusalOf = (run: Promise<unknown>) => run.then(() => null, (error: unknown) => error as DomainError);

  it('given a first import approved after two of its items’ due dates, when imported, then one problem names both rows and says to give the approval day', async () => {
    const dependencies = await storeWithUnits();
    const refusal = await refusalOf(importWorkPlanFile(dependencies, { name: 'qa.csv', content: csv(header + rows) }, { approvedOn: '2026-10-08', dryRun: true }, contextOf('qa-early')));
    expect(refusal?.code).toBe('BAD_USER_INPUT');
    expect(problemsOf(refusal)?.map((problem) => problem.reasonZh)).toEqual(['有 2 个事项的完成时限早于方案批准日期 2026-10-08（第 3、4 行，如事项 1：2026-06-30）；补录以往的方案，请按实际填写“方案批准日期”。']);
    dependencies.store.close();
  });

  it('given a plan of that title approved on 2026-10-08, when another file of the same title (a past plan) is previewed, then one problem says it is taken as a version of that plan and what to do', async () => {
    const dependencies = await storeWithUnits();
    const first = await importWorkPlanFile(dependencies, { name: 'qa.csv', content: csv(`${header}一,公开,3,QA年报,青川市教育局,2026-12-31\n`) }, { approvedOn: '2026-10-08' }, contextOf('qa-v1'));
    const head = await dependencies.store.headPosition();
    const refusal = await refusalOf(
      importWorkPlanFile(dependencies, { name: 'qa-old.csv', content: csv(header + rows) }, { dryRun: true, assignedOn: '2026-10-09' }, contextOf('qa-old'), [{ title: first.title, year: first.year }]),
    );
    expect(problemsOf(refusal)?.map((problem) => problem.reasonZh)).toEqual([
      '本文件是已导入方案“青川市2026年批准日期测试方案”（2026 年）的新版本，新版本沿用该方案的批准日期 2026-10-08；而文件中有 2 个事项的完成时限早于这一天（第 3、4 行，如事项 1：2026-06-30）。' +
        '如本文件是另一份方案（例如以往的方案），请另起方案标题或年份；如该方案的批准日期有误，请先在“工作方案分解”页用“更正批准日期”更正。',
    ]);
    expect(await dependencies.store.headPosition()).toEqual(head);
    dependencies.store.close();
  });

  it('given one item due before it, when imported, then that item’s own refusal names it (nothing to gather)', async () => {
    const dependencies = await storeWithUnits();
    const refusal = await refusalOf(importWorkPlanFile(dependencies, { name: 'qa.csv', content: csv(header + rows) }, { approvedOn: '2026-07-01', dryRun: true }, contextOf('qa-one')));
    expect(problemsOf(refusal)?.map((problem) => problem.reasonZh)).toEqual(['事项 1 的完成时限（2026-06-30）早于方案批准日期（2026-07-01）；补录以往的方案，请按实际填写“方案批准日期”。']);
    dependencies.store.close();
  });
});

describe('the plans the command line knows (knownPlansOf, breaker10t P12)', () => {
  const outline = (type: 'WorkPlanImported' | 'WorkPlanRevised', titles: readonly string[]) => ({
    type,
    data: { planId: 'plan-e', title: '青川市2026年法治政府建设任务分工方案', year: 2026, source: { fileName: 'e.csv', sha256: 'x' }, categories: [{ code: '一', title: '健全依法决策机制', items: titles.map((title, index) => ({ itemId: `item-${index + 1}`, code: String(index + 1), title })) }] },
  });

  it('gives each plan with the titles of the items in it now: reworded by an amendment, a withdrawn one left out until it is back', () => {
    const imported = outline('WorkPlanImported', ['完善重大行政决策程序', '推行合法性审查全覆盖', '加强规范性文件备案审查']);
    const amended = { type: 'WorkPlanItemAmended', data: { itemId: 'item-2', categoryCode: '一', title: '推行合法性审查全面覆盖', description: '', measures: '', reason: '修订', amendedOn: '2026-05-01' } };
    const withdrawn = { type: 'WorkPlanItemWithdrawn', data: { itemId: 'item-3', reason: '并入第1项', withdrawnOn: '2026-05-02' } };
    expect(knownPlansOf([imported, amended, withdrawn])).toEqual([{ title: '青川市2026年法治政府建设任务分工方案', year: 2026, itemTitles: ['完善重大行政决策程序', '推行合法性审查全面覆盖'], withdrawnItemTitles: ['加强规范性文件备案审查'] }]);
    const reinstated = { type: 'WorkPlanItemReinstated', data: { itemId: 'item-3', reason: '恢复', reinstatedOn: '2026-06-01' } };
    expect(knownPlansOf([imported, amended, withdrawn, reinstated])[0]!.itemTitles).toEqual(['完善重大行政决策程序', '推行合法性审查全面覆盖', '加强规范性文件备案审查']);
  });

  it('reads a version’s outline over the import’s, keeping the plan’s title and year', () => {
    const events = [outline('WorkPlanImported', ['甲事项']), { ...outline('WorkPlanRevised', ['甲事项', '乙事项']), data: { ...outline('WorkPlanRevised', ['甲事项', '乙事项']).data, title: '青川市2026年法治政府建设任务分工方案（调整）' } }];
    expect(knownPlansOf(events)).toEqual([{ title: '青川市2026年法治政府建设任务分工方案', year: 2026, itemTitles: ['甲事项', '乙事项'] }]);
  });
});

// newcomer43-10 #1 (HIGH): the plan's own export has no 具体内容 column. Imported back with revise after a version had kept an item
// for its verified work (left out of that version, so out of the plan's outline), it wiped that item's description — while the
// notice said 「本文件没有“具体内容”列：各事项的具体内容保持不变」 and the dry run 「事项 2 删去具体内容」. A missing column is no
// change for every item, kept ones included; and the export, imported back, changes nothing — as a dry run, plain or with revise.
describe('the export imported back after a version kept items for their work (newcomer43-10 #1)', () => {
  const title = '青川市2026年保留事项导出测试方案';
  const at = (key: string, instant: string): CommandContext => commandContext({ actor: operator, commandType: 'ImportWorkPlan', idempotencyKey: key, now: new Date(instant) });
  const CZJ = unitIdForCode('CZJ');
  const inspectorActor: Actor = { id: 'user-ins', role: 'INSPECTOR', unitId: null };
  const rows: Record<string, string> = {
    '1': '一,公开,1,KE甲事项,整合区县网站,青川市教育局,,2026-12-31',
    '2': '一,公开,2,KE乙事项,清理僵尸账号,青川市财政局,青川市教育局,2026-12-31',
    '3': '一,公开,3,KE丙事项,规范公开目录,青川市教育局,,2026-12-31',
    '4': '一,公开,4,KE丁事项,编制年度报告,青川市财政局,,2026-12-31',
  };
  const csv = (name: string, codes: readonly string[]) => ({ name, content: new TextEncoder().encode(`${title}\n类别编号,类别,编号,事项,具体内容,牵头单位,责任单位,完成时限\n${codes.map((code) => rows[code]).join('\n')}\n`) });
  const definitionOf = async (dependencies: ImportDependencies, planId: string, code: string) =>
    fold(workPlanItemDecider, (await dependencies.store.readStream(workPlanItemStream(workPlanItemIdFor(planId, code)))).map((stored) => dependencies.schemas.upcast(stored)) as never);

  /** Items 2 (CZJ passed) and 4 (CZJ reported, awaiting inspection) left out of v2 and kept; item 3 withdrawn. */
  async function planWithKeptItems() {
    const dependencies = await storeWithUnits();
    const first = await importWorkPlanFile(dependencies, csv('plan.csv', ['1', '2', '3', '4']), { approvedOn: '2026-03-02', assignedOn: '2026-03-03' }, at('v1', '2026-03-03T09:00:00+08:00'));
    const step = (key: string, actor: Actor) => commandContext({ actor, commandType: 'Step', idempotencyKey: key, now: new Date('2026-03-20T09:00:00+08:00') });
    const report = () => ({ type: 'ReportRectification', actor: clerkOf(CZJ), today: '2026-03-20', unitId: CZJ, summary: '已整改', evidence: [{ title: '整改材料', link: 'https://example.gov.cn/a', documentRef: null }], reportedOn: '2026-03-05' }) as const;
    const item = (code: string) => workPlanItemStream(workPlanItemIdFor(first.planId, code));
    await executeCommand(dependencies.store, dependencies.schemas, item('2'), workPlanItemDecider, report(), step('r2', clerkOf(CZJ)));
    await executeCommand(dependencies.store, dependencies.schemas, item('2'), workPlanItemDecider, { type: 'LogInspection', actor: inspectorActor, today: '2026-03-20', unitId: CZJ, inspectionId: 'inspection-2', outcome: 'PASSED', notes: '核实', inspectedOn: '2026-03-06' } as never, step('i2', inspectorActor));
    await executeCommand(dependencies.store, dependencies.schemas, item('4'), workPlanItemDecider, report(), step('r4', clerkOf(CZJ)));
    const second = await importWorkPlanFile(dependencies, csv('plan-v2.csv', ['1']), { revise: true, withdrawMissing: true, assignedOn: '2026-03-10' }, at('v2', '2026-03-20T10:00:00+08:00'), [{ title, year: 2026 }]);
    expect(second.revision).toMatchObject({ withdrawn: [expect.objectContaining({ code: '3' })], itemsKept: [expect.objectContaining({ code: '2' }), expect.objectContaining({ code: '4' })] });
    return { dependencies, planId: first.planId };
  }

  it.each(['csv', 'xlsx'] as const)('given items 2 and 4 kept by a version, when the plan\'s %s export is imported back — dry run, revise, revise dry run, plain — then nothing differs, nothing is written, and every description stands', async (format) => {
    const { dependencies, planId } = await planWithKeptItems();
    const table = await exportWorkPlan(await exportSourcesOf(dependencies), { reader: null, planId }, new Date('2026-03-25T09:00:00+08:00'));
    expect(table.columns.map((column) => column.header)).toContain('具体内容');
    const content = format === 'csv' ? new Uint8Array(tableToCsv(table)) : new Uint8Array(await tableToXlsx(table, '工作方案进展'));
    const head = await dependencies.store.headPosition();
    for (const [key, options] of [['dry', { dryRun: true }], ['revise-dry', { revise: true, dryRun: true }], ['revise', { revise: true }], ['plain', {}]] as const) {
      const again = await importWorkPlanFile(dependencies, { name: `工作方案进展.${format}`, content }, { ...options, title }, at(`export-${key}`, '2026-03-25T09:00:00+08:00'), [{ title, year: 2026 }]);
      expect({ key, revision: again.revision, eventCount: again.eventCount }).toEqual({ key, revision: null, eventCount: 0 });
      expect(describeWorkPlanImportZh(again)).not.toContain('删去');
    }
    expect(await dependencies.store.headPosition()).toEqual(head);
    expect(await definitionOf(dependencies, planId, '2')).toMatchObject({ definition: { description: '清理僵尸账号' } });
    expect(await definitionOf(dependencies, planId, '4')).toMatchObject({ definition: { description: '编制年度报告' } });
    dependencies.store.close();
  });

  it('given item 2 kept by a version, when a version without the 具体内容 column re-dates item 1 and lists item 2 again, then item 2 keeps its description, told as no change', async () => {
    const { dependencies, planId } = await planWithKeptItems();
    const version = { name: 'plan-v3.csv', content: new TextEncoder().encode(`${title}\n类别编号,类别,编号,事项,牵头单位,责任单位,完成时限\n一,公开,1,KE甲事项,青川市教育局,,2026-11-30\n一,公开,2,KE乙事项,青川市财政局,青川市教育局,2026-12-31\n`) };
    const dry = await importWorkPlanFile(dependencies, version, { revise: true, dryRun: true, assignedOn: '2026-03-25' }, at('v3-dry', '2026-03-25T09:00:00+08:00'), [{ title, year: 2026 }]);
    expect(dry.revision).toMatchObject({ amended: [], redated: [expect.objectContaining({ code: '1' })] });
    expect(describeWorkPlanImportZh(dry)).not.toContain('删去');
    await importWorkPlanFile(dependencies, version, { revise: true, withdrawMissing: true, assignedOn: '2026-03-25' }, at('v3', '2026-03-25T09:00:00+08:00'), [{ title, year: 2026 }]);
    expect(await definitionOf(dependencies, planId, '2')).toMatchObject({ definition: { description: '清理僵尸账号' } });
    dependencies.store.close();
  });
});
