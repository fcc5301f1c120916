import { jest } from '@jest/globals';
import { replayLog } from '../../event-sourcing/replay-log.js';
import type { ImportDependencies } from '../../imports/import-run.js';
import { importContext, storeWithEvaluation } from '../testing/evaluation-for-import.js';
import { FindingTitlesIndex } from '../finding-titles/finding-titles.index.js';
import { importFindingsFile } from './import-findings.js';

/*
 * breaker53-10 S3: a 台账 of 5 000 findings sent again read each recorded finding's stream (its 整改措施 and the rest, to say what
 * differs) in one loop that never gave the server's thread back: 5.8 s of `readStream` in one piece, /health unanswered. Counted, not
 * timed: the clock the import's slices read advances 1 ms at each look, and no turn of the event loop holds more than a few slices'
 * stream reads — the old loop read all 60 recorded findings' streams in one turn.
 */
const EVALUATION = 'evaluation-2025';
const FINDINGS = 60;
const ledger = new TextEncoder().encode(
  `存在问题,整改措施,牵头单位,责任单位,整改时限\n${Array.from({ length: FINDINGS }, (_, index) => `大台账问题第${index + 1}号：栏目内容更新不及时,按要求整改,青川市财政局,青川市教育局,2026年12月31日`).join('\n')}\n`,
);
const importLedger = async (dependencies: ImportDependencies, key: string, dryRun: boolean) =>
  importFindingsFile(
    { ...dependencies, titles: await replayLog(dependencies.store, dependencies.schemas, new FindingTitlesIndex()) },
    EVALUATION,
    { name: '整改台账.csv', content: ledger },
    importContext(key),
    { identifiedOn: '2026-10-08', assignedOn: '2026-10-09', dryRun },
  );

describe('a 台账 sent again reads its recorded findings in slices (breaker53-10 S3)', () => {
  afterEach(() => jest.restoreAllMocks());

  it('no turn of the event loop reads more than a few slices of finding streams', async () => {
    const dependencies = await storeWithEvaluation(EVALUATION, '2025年度政务公开第三方评估');
    expect((await importLedger(dependencies, 'first', false)).findings.filter((finding) => finding.recordedNow)).toHaveLength(FINDINGS);

    let turn = 0;
    let counting = true;
    const tick = () => {
      turn += 1;
      if (counting) setImmediate(tick);
    };
    setImmediate(tick);
    const readsByTurn = new Map<number, number>();
    const read = dependencies.store.readStream.bind(dependencies.store);
    dependencies.store.readStream = (streamId, options) => {
      if (streamId.startsWith('finding-')) readsByTurn.set(turn, (readsByTurn.get(turn) ?? 0) + 1);
      return read(streamId, options);
    };
    let now = 0;
    jest.spyOn(performance, 'now').mockImplementation(() => (now += 1));
    try {
      const again = await importLedger(dependencies, 'again', true);
      expect(again.findings.filter((finding) => finding.recordedNow)).toHaveLength(0);
    } finally {
      counting = false;
    }
    const reads = [...readsByTurn.values()];
    // Every recorded finding was read (its facts compared), and never all of them in one turn.
    expect(reads.reduce((sum, count) => sum + count, 0)).toBeGreaterThanOrEqual(2 * FINDINGS);
    expect(Math.max(...reads)).toBeLessThanOrEqual(FINDINGS / 2);
  });
});
