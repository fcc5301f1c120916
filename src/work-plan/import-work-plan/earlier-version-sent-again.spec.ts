import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { allEventSchemas } from '../../event-sourcing/all-event-schemas.js';
import { replayLog } from '../../event-sourcing/replay-log.js';
import { SqliteEventStore } from '../../event-store/sqlite-event-store.js';
import { importUnitsFile } from '../../organization/import-units/import-units.js';
import { UnitsReadModel } from '../../organization/units/units.read-model.js';
import { inToolWords } from '../../cli/tool-words.js';
import { commandContext, type Actor } from '../../shared/command-context.js';
import { DomainError } from '../../shared/domain-error.js';
import type { ImportDependencies } from '../../imports/import-run.js';
import { importWorkPlanFile, knownPlansOf } from './import-work-plan.js';

/*
 * breaker42-10 F4: the plan's own first file, sent again after a revision had been applied, was called 「…是它的新版本」 and the
 * clerk told to add --revise — which would withdraw the added item, bring back the withdrawn one and move deadlines back. The
 * store knows that file (its sha256 from the first import): it is the plan's earlier version, superseded, and nothing is written.
 */

const TITLE = '青川市2026年旧版测试工作要点';
const operator: Actor = { id: 'cli:operator', role: 'SYSTEM', unitId: null };
const at = (key: string, day: string) => commandContext({ actor: operator, commandType: 'ImportWorkPlan', idempotencyKey: key, now: new Date(`${day}T09:00:00+08:00`) });
const csv = (name: string, rows: string) => ({ name, content: new TextEncoder().encode(`${TITLE}\n类别,编号,事项,牵头单位,完成时限\n${rows}`) });
const v1 = csv('v1.csv', '公开,1,JB甲事项,青川市财政局,2026-06-30\n公开,2,JB乙事项,青川市教育局,2026-09-30\n');
const v2 = csv('v2-修改.csv', '公开,1,JB甲事项,青川市财政局,2026-11-30\n公开,2,JB乙事项,青川市教育局,2026-09-30\n公开,3,JB丙事项,青川市民政局,2026-12-31\n');

async function storeWithUnits(): Promise<ImportDependencies> {
  const store = new SqliteEventStore(join(mkdtempSync(join(tmpdir(), 'rectify-earlier-version-')), 'events.db'));
  const schemas = allEventSchemas();
  const units = await readFile(fileURLToPath(new URL('../../../samples/units.csv', import.meta.url)));
  await importUnitsFile({ store, schemas, units: new UnitsReadModel() }, { name: 'units.csv', content: new Uint8Array(units) }, at('units', '2026-01-05'));
  return { store, schemas, units: await replayLog(store, schemas, new UnitsReadModel()) };
}

describe('the plan\'s first file sent again after a revision', () => {
  it('given a plan imported from v1 and revised by v2, when v1 is sent again, then it is refused as the earlier version superseded by the revision of its day, never a new version to --revise; nothing is written', async () => {
    const dependencies = await storeWithUnits();
    await importWorkPlanFile(dependencies, v1, { approvedOn: '2026-03-01' }, at('v1', '2026-03-02'));
    const known = async () => knownPlansOf((await dependencies.store.readAll()).map((stored) => dependencies.schemas.upcast(stored)));
    await importWorkPlanFile(dependencies, v2, { revise: true, withdrawMissing: true, assignedOn: '2026-06-15' }, at('v2', '2026-06-15'), await known());
    const before = (await dependencies.store.readAll()).length;

    const refusal = await importWorkPlanFile(dependencies, v1, {}, at('v1-again', '2026-06-20'), await known()).catch((error: unknown) => error);

    expect(refusal).toBeInstanceOf(DomainError);
    expect(refusal).toMatchObject({ code: 'CONFLICT', details: { earlierVersion: { fileName: 'v1.csv', on: '2026-03-01' }, latestVersion: { fileName: 'v2-修改.csv', on: '2026-06-15' } } });
    const messageZh = (refusal as DomainError).messageZh;
    expect(messageZh).toBe(
      `v1.csv 是工作方案“${TITLE}”此前已导入的旧版本，自 2026-03-01 起施行；该方案已于 2026-06-15 按 v2-修改.csv 调整，旧版本已被取代。未写入任何内容。如需改动方案现有的某个事项，请在该事项中逐项调整。`,
    );
    expect(messageZh).not.toContain('新版本');
    expect(inToolWords(messageZh)).not.toContain('--revise');
    expect((await dependencies.store.readAll()).length).toBe(before);
    dependencies.store.close();
  });

  it('given a plan revised by v2, when v2 is sent again, then it is the plan\'s current file: already imported, nothing written', async () => {
    const dependencies = await storeWithUnits();
    await importWorkPlanFile(dependencies, v1, { approvedOn: '2026-03-01' }, at('v1', '2026-03-02'));
    const known = async () => knownPlansOf((await dependencies.store.readAll()).map((stored) => dependencies.schemas.upcast(stored)));
    await importWorkPlanFile(dependencies, v2, { revise: true, withdrawMissing: true, assignedOn: '2026-06-15' }, at('v2', '2026-06-15'), await known());
    const before = (await dependencies.store.readAll()).length;
    const again = await importWorkPlanFile(dependencies, v2, {}, at('v2-again', '2026-06-20'), await known());
    expect(again).toMatchObject({ eventCount: 0 });
    expect((await dependencies.store.readAll()).length).toBe(before);
    dependencies.store.close();
  });

  describe('in other bytes (newcomer43-10 #3: v1 saved as UTF-8 with BOM, or as XLSX, was proposed as a revision undoing v2)', () => {
    const text = (rows: string) => `${TITLE}\n类别,编号,事项,牵头单位,完成时限\n${rows}`;
    const v1Rows = '公开,1,JB甲事项,青川市财政局,2026-06-30\n公开,2,JB乙事项,青川市教育局,2026-09-30\n';
    const gbk = (name: string, rows: string) => ({ name, content: new Uint8Array(iconv.encode(text(rows).replaceAll('\n', '\r\n'), 'gbk')) });
    const utf8Bom = (name: string, rows: string) => ({ name, content: new Uint8Array(Buffer.from(`\uFEFF${text(rows)}`, 'utf8')) });
    async function xlsx(name: string, rows: string) {
      const book = new ExcelJS.Workbook();
      const sheet = book.addWorksheet('Sheet1');
      for (const line of text(rows).trim().split('\n')) sheet.addRow(line.split(','));
      return { name, content: new Uint8Array(await book.xlsx.writeBuffer()) };
    }
    const v1Gbk = gbk('方案-v1.csv', v1Rows);
    const v2Gbk = gbk('方案-v2.csv', '公开,1,JB甲事项,青川市财政局,2026-11-30\n公开,2,JB乙事项,青川市教育局,2026-09-30\n公开,3,JB丙事项,青川市民政局,2026-12-31\n');

    async function revisedPlan() {
      const dependencies = await storeWithUnits();
      const known = async () => knownPlansOf((await dependencies.store.readAll()).map((stored) => dependencies.schemas.upcast(stored)));
      await importWorkPlanFile(dependencies, v1Gbk, { approvedOn: '2026-03-01' }, at('v1', '2026-03-02'));
      await importWorkPlanFile(dependencies, v2Gbk, { revise: true, withdrawMissing: true, assignedOn: '2026-06-15' }, at('v2', '2026-06-15'), await known());
      return { dependencies, known };
    }

    it.each([
      ['re-encoded as UTF-8 with a BOM', async () => utf8Bom('方案-v1-utf8.csv', v1Rows)],
      ['re-saved as XLSX', async () => xlsx('方案-v1.xlsx', v1Rows)],
    ])('given a plan whose v1 (GBK CSV) was superseded by v2, when v1 %s is imported, then it is refused as the same content as version 1, superseded by version 2 — also as a dry run — and nothing is written', async (_how, file) => {
      const { dependencies, known } = await revisedPlan();
      const before = (await dependencies.store.readAll()).length;
      const sent = await file();

      for (const options of [{}, { dryRun: true }]) {
        const refusal = await importWorkPlanFile(dependencies, sent, options, at(`again-${JSON.stringify(options)}`, '2026-06-20'), await known()).catch((error: unknown) => error);
        expect(refusal).toBeInstanceOf(DomainError);
        expect(refusal).toMatchObject({ code: 'CONFLICT', details: { earlierVersion: { fileName: '方案-v1.csv', on: '2026-03-01', number: 1 }, latestVersion: { fileName: '方案-v2.csv', on: '2026-06-15' } } });
        const messageZh = (refusal as DomainError).messageZh;
        expect(messageZh).toBe(
          `${sent.name} 与工作方案“${TITLE}”已被第2版（方案-v2.csv，自 2026-06-15 起施行）取代的第1版（方案-v1.csv，自 2026-03-01 起施行）内容相同，只是另存了编码或格式，仍是旧版本，不是新版本。` +
            '未写入任何内容。如需改动方案现有的某个事项，请在该事项中逐项调整。如有更新的版本，请导入该版本的文件。',
        );
        expect(inToolWords(messageZh)).not.toContain('--revise');
      }
      expect((await dependencies.store.readAll()).length).toBe(before);
      dependencies.store.close();
    });

    it('given a plan revised by v2, when v2 re-encoded as UTF-8 is sent, then it is the plan as it stands: nothing written, never refused as an earlier version', async () => {
      const { dependencies, known } = await revisedPlan();
      const before = (await dependencies.store.readAll()).length;
      const again = await importWorkPlanFile(dependencies, utf8Bom('方案-v2-utf8.csv', '公开,1,JB甲事项,青川市财政局,2026-11-30\n公开,2,JB乙事项,青川市教育局,2026-09-30\n公开,3,JB丙事项,青川市民政局,2026-12-31\n'), {}, at('v2-utf8', '2026-06-20'), await known());
      expect(again).toMatchObject({ eventCount: 0 });
      expect((await dependencies.store.readAll()).length).toBe(before);
      dependencies.store.close();
    });

    it('given v1 with one deadline changed, when it is sent, then it is not the earlier version: a new version, shown as a revision to apply', async () => {
      const { dependencies, known } = await revisedPlan();
      const changed = await importWorkPlanFile(dependencies, utf8Bom('方案-v1-改.csv', '公开,1,JB甲事项,青川市财政局,2026-07-31\n公开,2,JB乙事项,青川市教育局,2026-09-30\n'), {}, at('v1-changed', '2026-06-20'), await known()).catch((error: unknown) => error);
      expect(changed).toBeInstanceOf(DomainError);
      expect((changed as DomainError).messageZh).toContain('新版本');
      expect((changed as DomainError).details).not.toHaveProperty('earlierVersion');
      dependencies.store.close();
    });

    it('given a plan brought back to v1\'s content by --revise, when v1 in other bytes is sent, then it is the plan as it stands: nothing written', async () => {
      const { dependencies, known } = await revisedPlan();
      await importWorkPlanFile(dependencies, utf8Bom('方案-v3-同v1.csv', v1Rows), { revise: true, withdrawMissing: true, undoLaterRevision: true, assignedOn: '2026-06-20' }, at('v3', '2026-06-20'), await known());
      const before = (await dependencies.store.readAll()).length;
      const again = await importWorkPlanFile(dependencies, await xlsx('方案-v1.xlsx', v1Rows), {}, at('v1-xlsx', '2026-06-21'), await known());
      expect(again).toMatchObject({ eventCount: 0 });
      expect((await dependencies.store.readAll()).length).toBe(before);
      dependencies.store.close();
    });
  });
});
