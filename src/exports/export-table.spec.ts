import type { FindingView } from '../rectification/ledger/rectification-ledger.js';
import { slicer } from '../shared/event-loop-turns.js';
import { ledgerTable } from './export-table.js';

/* breaker12c P9: the whole platform's ledger (~18k rows at 100k events) was built in one go on the event loop. */

describe('the 整改台账 rows', () => {
  it('are built a slice at a time: other work runs between slices, and the rows are those of one go', async () => {
    let otherWorkRan = false;
    const seen: boolean[] = [];
    const findings = Array.from(
      { length: 5 },
      (_, index) =>
        ({
          findingId: `f${index}`,
          evaluationId: 'e1',
          get title() {
            seen.push(otherWorkRan);
            return `问题${index + 1}`;
          },
          category: '主动公开',
          measures: '',
          status: 'OPEN',
          parts: new Map(),
        }) as unknown as FindingView,
    );
    const source = { findings, evaluations: [], unitName: (unitId: string) => unitId, asOf: '2026-06-30', dueSoonDays: 7 };
    setImmediate(() => (otherWorkRan = true));
    // A clock that moves 5 ms a look: every slice is over at once.
    let now = 0;
    const sliced = await ledgerTable(source, slicer(4, () => (now += 5)));
    expect(seen.at(-1)).toBe(true);
    expect(sliced).toEqual(await ledgerTable(source, async () => undefined));
    expect(sliced.rows.map((row) => row.cells[2])).toEqual(['问题1', '问题2', '问题3', '问题4', '问题5']);
  });
});
