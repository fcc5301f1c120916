import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allEventSchemas } from '../../event-sourcing/all-event-schemas.js';
import { executeCommand } from '../../event-sourcing/execute-command.js';
import { replayLog } from '../../event-sourcing/replay-log.js';
import { SqliteEventStore } from '../../event-store/sqlite-event-store.js';
import type { ImportDependencies } from '../../imports/import-run.js';
import { importUnitsFile } from '../../organization/import-units/import-units.js';
import { UnitsReadModel } from '../../organization/units/units.read-model.js';
import { commandContext, type Actor, type CommandContext } from '../../shared/command-context.js';
import { evaluationDecider } from '../domain/evaluation.decider.js';
import { evaluationStream } from '../domain/evaluation.events.js';

/** The command-line operator that imports files in these specs. */
export const importOperator: Actor = { id: 'cli:operator', role: 'SYSTEM', unitId: null };

/** An ImportFindings command's context under idempotency key `key`, recorded at instant `now` (ISO, China time by default). */
export const importContext = (key: string, now = '2026-10-09T09:00:00+08:00'): CommandContext =>
  commandContext({ actor: importOperator, commandType: 'ImportFindings', idempotencyKey: key, now: new Date(now) });

/** The units every findings-import spec assigns to: 财政局 (CZJ), 教育局 (JYJ), 民政局 (MZJ), as a units CSV. */
export const IMPORT_UNITS_CSV = '编码,名称,类型\nCZJ,青川市财政局,部门\nJYJ,青川市教育局,部门\nMZJ,青川市民政局,部门\n';

/**
 * A new SQLite store (in a fresh temp folder) holding what a findings import needs: the three units
 * of IMPORT_UNITS_CSV (imported 2026-01-05) and one evaluation `evaluationId` titled `title`,
 * covering 2025 and received on office day 2026-10-08.
 *
 * @returns the import's dependencies: the store, the event schemas and the units read model as replayed.
 */
export async function storeWithEvaluation(evaluationId: string, title: string): Promise<ImportDependencies> {
  const store = new SqliteEventStore(join(mkdtempSync(join(tmpdir(), 'rectify-findings-import-')), 'events.db'));
  const schemas = allEventSchemas();
  await importUnitsFile({ store, schemas, units: new UnitsReadModel() }, { name: 'units.csv', content: new TextEncoder().encode(IMPORT_UNITS_CSV) }, importContext('units', '2026-01-05T09:00:00+08:00'));
  await executeCommand(
    store,
    schemas,
    evaluationStream(evaluationId),
    evaluationDecider,
    {
      type: 'RegisterEvaluation',
      now: '2026-10-08T09:00:00+08:00',
      data: { evaluationId, title, evaluator: '研究院', commissionedBy: '省政府办公厅', periodStart: '2025-01-01', periodEnd: '2025-12-31', receivedOn: '2026-10-08' },
    },
    importContext('evaluation'),
  );
  return { store, schemas, units: await replayLog(store, schemas, new UnitsReadModel()) };
}
