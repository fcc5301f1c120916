import { setImmediate as nextTurn } from 'node:timers/promises';
import { Metrics } from '../observability/metrics.js';
import { inRequestScope } from '../shared/request-scope.js';
import { EXPORTS_AT_ONCE, makeExportFile } from './export-file-off-thread.js';
import { ExportMetrics } from './export-metrics.js';
import { LEDGER_COLUMNS, type ExportTable } from './export-table.js';

const table: ExportTable = { title: '整改台账', asOf: '2026-06-30', knownAt: null, columns: LEDGER_COLUMNS, rows: [] };
const scope = (caller: string) => ({ caller, signal: new AbortController().signal });

/** perf's notes/s17 "left": the export queue had no /metrics gauge (the time-travel folds have one). */
describe('the export queue on /metrics', () => {
  it('gauges the exports being made and those waiting their turn, read when scraped', async () => {
    const metrics = new Metrics();
    new ExportMetrics(metrics);
    const exportsGauge = async () => metrics.registry.getSingleMetricAsString('rectify_exports');

    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const held = async () => {
      await gate;
      return table;
    };
    const all = ['account:a', 'account:b', 'account:c'].map((caller) => inRequestScope(scope(caller), () => makeExportFile(held, 'csv', '整改台账')));
    await nextTurn();
    expect(await exportsGauge()).toContain(`rectify_exports{state="running"} ${EXPORTS_AT_ONCE}`);
    expect(await exportsGauge()).toContain(`rectify_exports{state="waiting"} ${3 - EXPORTS_AT_ONCE}`);

    open();
    await Promise.all(all);
    expect(await exportsGauge()).toContain('rectify_exports{state="running"} 0');
    expect(await exportsGauge()).toContain('rectify_exports{state="waiting"} 0');
  });
});
