import { mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { allEventSchemas } from '../../event-sourcing/all-event-schemas.js';
import { ProjectedStreams } from '../../event-sourcing/projected-streams.js';
import { replayLog } from '../../event-sourcing/replay-log.js';
import { SqliteEventStore } from '../../event-store/sqlite-event-store.js';
import { exportWorkPlan, type ExportSources } from '../../exports/export.queries.js';
import { tableToCsv, tableToXlsx } from '../../exports/export-files.js';
import type { ExportTable } from '../../exports/export-table.js';
import type { ImportDependencies } from '../../imports/import-run.js';
import { importUnitsFile } from '../../organization/import-units/import-units.js';
import { UnitsReadModel } from '../../organization/units/units.read-model.js';
import { RectificationLedger } from '../../rectification/ledger/rectification-ledger.js';
import { commandContext, type Actor } from '../../shared/command-context.js';
import { WorkPlanLedger } from '../breakdown/work-plan-ledger.js';
import { describeWorkPlanImport, describeWorkPlanImportZh, importWorkPlanFile, knownPlansOf } from './import-work-plan.js';
import { workPlanImportResult } from './import-work-plan.result.js';

/*
 * breaker49-10 S7: p1 (10-10) moved 甲 and 乙 to 12-10; p2 (10-20) moved 甲 back to 11-30 and kept 乙. The plan as it stands, 乙 moved
 * to 12-20 (p3, or the plan's own export edited so), was refused as 「不是在方案现行版本上修改的。本文件将撤销2026-10-10 的调整…：把事项 1 事项甲
 * 的时限由该次调整后的 2026-12-10 改回 2026-11-30」 — a change p2 had already reverted, which p3 does not touch; and ticking 确认撤销后来的调整
 * applied it with the same words, in the future tense, of an undo that was not made. Only changes the plan still has count now.
 */

const TITLE = '青川市2026年撤销检测最小例';
const operator: Actor = { id: 'cli:operator', role: 'SYSTEM', unitId: null };
const at = (key: string, day: string) => commandContext({ actor: operator, commandType: 'ImportWorkPlan', idempotencyKey: key, now: new Date(`${day}T09:00:00+08:00`) });
const csv = (name: string, jia: string, yi: string) => ({
  name,
  content: new TextEncoder().encode(`${TITLE}\n编号,事项,牵头单位,完成时限\n1,事项甲,青川市财政局,${jia}\n2,事项乙,青川市教育局,${yi}\n3,事项丙,青川市民政局,2026-12-31\n`),
});

async function planRevisedTwice() {
  const store = new SqliteEventStore(join(mkdtempSync(join(tmpdir(), 'rectify-reverted-revision-')), 'events.db'));
  const schemas = allEventSchemas();
  const units = await readFile(fileURLToPath(new URL('../../../samples/units.csv', import.meta.url)));
  await importUnitsFile({ store, schemas, units: new UnitsReadModel() }, { name: 'units.csv', content: new Uint8Array(units) }, at('units', '2026-01-05'));
  const dependencies: ImportDependencies = { store, schemas, units: await replayLog(store, schemas, new UnitsReadModel()) };
  const known = async () => knownPlansOf((await store.readAll()).map((stored) => schemas.upcast(stored)));
  const first = await importWorkPlanFile(dependencies, csv('p0.csv', '2026-11-30', '2026-11-30'), { approvedOn: '2026-10-01' }, at('p0', '2026-10-01'));
  await importWorkPlanFile(dependencies, csv('p1.csv', '2026-12-10', '2026-12-10'), { revise: true, assignedOn: '2026-10-10' }, at('p1', '2026-10-10'), await known());
  await importWorkPlanFile(dependencies, csv('p2.csv', '2026-11-30', '2026-12-10'), { revise: true, assignedOn: '2026-10-20' }, at('p2', '2026-10-20'), await known());
  return { dependencies, known, planId: first.planId, count: async () => (await store.readAll()).length };
}

async function exportOf(dependencies: ImportDependencies, planId: string): Promise<ExportTable> {
  const streams = new ProjectedStreams(dependencies.store, dependencies.schemas);
  const sources: ExportSources = {
    ledger: await replayLog(dependencies.store, dependencies.schemas, new RectificationLedger(streams)),
    plans: await replayLog(dependencies.store, dependencies.schemas, new WorkPlanLedger(streams)),
    units: await replayLog(dependencies.store, dependencies.schemas, new UnitsReadModel()),
    dueSoonDays: 7,
    latestRecordedAt: null,
  };
  return exportWorkPlan(sources, { reader: null, planId }, new Date('2026-10-26T09:00:00+08:00'));
}

/** The export as sent back, with every row of `item` (工作事项 as the export writes it) given `dueDate` when asked. */
async function exportFile(table: ExportTable, format: 'csv' | 'xlsx', edit?: { item: string; dueDate: string }) {
  const [itemAt, dueAt] = ['工作事项', '完成时限'].map((header) => table.columns.findIndex((column) => column.header === header));
  const edited: ExportTable = !edit ? table : { ...table, rows: table.rows.map((row) => (row.cells[itemAt!] === edit.item ? { ...row, cells: row.cells.map((cell, index) => (index === dueAt ? edit.dueDate : cell)) } : row)) };
  return { name: `工作方案进展.${format}`, content: format === 'csv' ? new Uint8Array(tableToCsv(edited)) : new Uint8Array(await tableToXlsx(edited, '工作方案进展')) };
}

describe('a version of the plan as it stands undoes no change a later version already reverted (breaker49-10 S7)', () => {
  it('given p1 re-dating 甲 and 乙 and p2 moving 甲 back, when the plan as it stands with 乙 moved is dry-run and applied with --revise, then it undoes nothing and re-dates 乙 alone', async () => {
    const { dependencies, known, count } = await planRevisedTwice();
    const p3 = csv('p3.csv', '2026-11-30', '2026-12-20');
    const dry = await importWorkPlanFile(dependencies, p3, { revise: true, dryRun: true, assignedOn: '2026-10-26' }, at('p3-dry', '2026-10-26'), await known());
    expect(dry.revisionsUndone).toEqual([]);
    expect(dry.revision?.redated).toEqual([expect.objectContaining({ code: '2', from: '2026-12-10', to: '2026-12-20' })]);
    expect(describeWorkPlanImportZh(dry)).not.toContain('本文件将撤销');
    const before = await count();
    const applied = await importWorkPlanFile(dependencies, p3, { revise: true, assignedOn: '2026-10-26' }, at('p3', '2026-10-26'), await known());
    expect(applied.revisionsUndone).toEqual([]);
    expect(workPlanImportResult(applied).revision?.summary).toBe('调整时限 1 项（2：2026-12-10 → 2026-12-20）');
    expect(await count()).toBeGreaterThan(before);
    dependencies.store.close();
  });

  it.each(['csv', 'xlsx'] as const)('given the same, when the plan\'s own %s export is sent back untouched, then 「此前已导入，事项相同」; edited (乙 moved), then that change alone, nothing undone', async (format) => {
    const { dependencies, known, planId } = await planRevisedTwice();
    const table = await exportOf(dependencies, planId);
    const same = await importWorkPlanFile(dependencies, await exportFile(table, format), { revise: true, dryRun: true, assignedOn: '2026-10-26' }, at(`same-${format}`, '2026-10-26'), await known());
    expect({ revision: same.revision, revisionsUndone: same.revisionsUndone }).toEqual({ revision: null, revisionsUndone: [] });
    expect(describeWorkPlanImportZh(same)).toContain('此前已导入，事项相同');
    const edited = await exportFile(table, format, { item: '2 事项乙', dueDate: '2026-12-20' });
    const dry = await importWorkPlanFile(dependencies, edited, { revise: true, dryRun: true, assignedOn: '2026-10-26' }, at(`edited-${format}`, '2026-10-26'), await known());
    expect(dry.revisionsUndone).toEqual([]);
    expect(dry.revision?.redated.map((item) => item.code)).toEqual(['2']);
    const applied = await importWorkPlanFile(dependencies, edited, { revise: true, assignedOn: '2026-10-26' }, at(`edited-${format}-apply`, '2026-10-26'), await known());
    expect(applied.revisionsUndone).toEqual([]);
    dependencies.store.close();
  });

  it('given the same, when a copy of p1 (甲 and 乙 both 12-10, as p2 reverted) is sent, then it undoes p2\'s change only — never p1\'s — and applied with undoLaterRevision says what it undid, done, not what it would do', async () => {
    const { dependencies, known } = await planRevisedTwice();
    const copy = csv('p1-copy.csv', '2026-12-10', '2026-12-10');
    const dry = await importWorkPlanFile(dependencies, copy, { revise: true, dryRun: true, assignedOn: '2026-10-26' }, at('copy-dry', '2026-10-26'), await known());
    expect(dry.revisionsUndone).toEqual([expect.objectContaining({ on: '2026-10-20', fileName: 'p2.csv', undone: [expect.objectContaining({ kind: 'ITEM_REDATED', code: '1', previousDueDate: '2026-12-10', dueDate: '2026-11-30' })] })]);
    expect(workPlanImportResult(dry).revision?.summary).toContain('本文件将撤销2026-10-20 的调整');
    const applied = await importWorkPlanFile(dependencies, copy, { revise: true, undoLaterRevision: true, assignedOn: '2026-10-26' }, at('copy', '2026-10-26'), await known());
    const summary = workPlanImportResult(applied).revision!.summary;
    expect(summary).toBe('调整时限 1 项（1：2026-11-30 → 2026-12-10）。本次已按确认撤销2026-10-20 的调整（p2.csv；依据 p2.csv 修订方案）：把事项 1 事项甲 的时限由该次调整后的 2026-11-30 改回 2026-12-10。');
    expect(summary).not.toContain('将撤销');
    expect(describeWorkPlanImportZh(applied)).toContain('本次已按确认撤销2026-10-20 的调整');
    expect(describeWorkPlanImportZh(applied)).not.toContain('将撤销');
    expect(describeWorkPlanImport(applied)).toContain('As confirmed (undoLaterRevision), this version undid the revision of 2026-10-20');
    dependencies.store.close();
  });
});
