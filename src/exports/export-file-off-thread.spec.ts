import { jest } from '@jest/globals';
import ExcelJS from 'exceljs';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { DomainError } from '../shared/domain-error.js';
import { inRequestScope, WorkAbandoned } from '../shared/request-scope.js';
import { EXPORTS_AT_ONCE, exportsInProgress, makeExportFile, writeExportFile } from './export-file-off-thread.js';
import { tableToCsv, tableToXlsx } from './export-files.js';
import { LEDGER_COLUMNS, type ExportTable } from './export-table.js';

/* breaker12c P9: the whole platform's 导出台账 held the event loop 12–15 s at 100k, and nothing bounded exports at once. */

/** The worker as `npm test` builds it before running (pretest). */
const BUILT_WORKER = new URL('../../dist/exports/export-file.worker.js', import.meta.url);

const ledger = (rows: number): ExportTable => ({
  title: '整改台账（截至 2026-06-30，含事后补录的记录）',
  asOf: '2026-06-30',
  knownAt: null,
  columns: LEDGER_COLUMNS,
  rows: Array.from({ length: rows }, (_, row) => ({
    light: (['RED', 'YELLOW', 'GREEN', null] as const)[row % 4]!,
    cells: LEDGER_COLUMNS.map((column, index) => (index === 0 ? row + 1 : column.day ? '2026-06-30' : `第${row + 1}行的${column.header}`)),
  })),
});

const cellsOf = async (bytes: Uint8Array) => {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  const rows: unknown[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return { name: sheet.name, rows };
};

describe('an export file written in a worker thread', () => {
  it('is the file written inline, XLSX and CSV; the main thread builds no workbook meanwhile', async () => {
    const table = ledger(300);
    const building = jest.spyOn(ExcelJS.Workbook.prototype, 'addWorksheet');
    try {
      const xlsx = await writeExportFile({ table, format: 'xlsx', sheetName: '整改台账' }, BUILT_WORKER);
      expect(building).not.toHaveBeenCalled();
      expect(await cellsOf(xlsx)).toEqual(await cellsOf(await tableToXlsx(table, '整改台账')));
      expect(building).toHaveBeenCalled();
    } finally {
      building.mockRestore();
    }
    const csv = await writeExportFile({ table, format: 'csv', sheetName: '整改台账' }, BUILT_WORKER);
    expect(Buffer.from(csv).equals(tableToCsv(table))).toBe(true);
  });
});

describe('exports at once', () => {
  const scope = (caller: string) => ({ caller, signal: new AbortController().signal });

  it('makes a few at once; a caller may have one waiting, a second is refused in Chinese; another caller still queues; all others are answered', async () => {
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const table = async () => {
      await gate;
      return ledger(2);
    };
    const running = Array.from({ length: EXPORTS_AT_ONCE }, (_, index) => inRequestScope(scope(`account:running-${index}`), () => makeExportFile(table, 'csv', '整改台账')));
    await nextTurn();
    expect(exportsInProgress()).toEqual({ running: EXPORTS_AT_ONCE, waiting: 0 });
    const waiting = inRequestScope(scope('account:a'), () => makeExportFile(table, 'csv', '整改台账'));
    const refused = await inRequestScope(scope('account:a'), () => makeExportFile(table, 'csv', '整改台账')).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DomainError);
    expect(refused).toMatchObject({ code: 'TOO_MANY_REQUESTS', messageZh: expect.stringMatching(/^您的上一个导出仍在排队/) });
    const other = inRequestScope(scope('account:b'), () => makeExportFile(table, 'csv', '整改台账'));
    expect(exportsInProgress()).toEqual({ running: EXPORTS_AT_ONCE, waiting: 2 });
    open();
    for (const done of await Promise.all([...running, waiting, other])) expect(done.table.rows).toHaveLength(2);
    expect(exportsInProgress()).toEqual({ running: 0, waiting: 0 });
  });

  it('drops a waiting export whose caller has gone, never reading its rows', async () => {
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const running = Array.from({ length: EXPORTS_AT_ONCE }, (_, index) =>
      inRequestScope(scope(`account:busy-${index}`), () =>
        makeExportFile(async () => {
          await gate;
          return ledger(1);
        }, 'csv', '整改台账'),
      ),
    );
    await nextTurn();
    const client = new AbortController();
    const read = jest.fn(async () => ledger(1));
    const gone = inRequestScope({ caller: 'account:gone', signal: client.signal }, () => makeExportFile(read, 'csv', '整改台账')).catch((error: unknown) => error);
    client.abort();
    expect(await gone).toBeInstanceOf(WorkAbandoned);
    open();
    await Promise.all(running);
    expect(read).not.toHaveBeenCalled();
    expect(exportsInProgress()).toEqual({ running: 0, waiting: 0 });
  });
});
