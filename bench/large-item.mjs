// Large items (breaker12i P1, P3): a 各单位 work-plan item of 300 units, its stream made with the
// product's own decider (`workPlanItemDecider.decide`, then `evolve`), every figure beside a
// reference measured in the same process and run:
//  - loading the item's stream (fold it whole, then read its parts: what a command does on a cold
//    stream) with 30 更正日期 (FactDateCorrected) in it, against the same stream with none;
//  - deciding a 更正日期 on it, against one load of the stream;
//  - defining one 300-unit item (an import's item), against defining 100 items of 3 units (the same parts).
// Each row says its target ratio (`maxRatio`); CPU time (process.cpuUsage), so
// the machine's load stretches wall time, not the figures. Each figure and its reference are warmed
// up first (V8 compiles the folds on their first runs: a single cold run was 4–75 ms and the ratios
// moved across their targets run to run), then timed in alternation, `--rounds` times each; the
// figures are the medians, the ratio is theirs. bench/run.mjs runs it with V8's `--single-threaded`:
// process.cpuUsage counts every thread, and the compiler's and collector's background threads
// otherwise land on whichever run is timed. (A forced full collection before each run made it
// worse: its concurrent sweeping was charged to the run after it.) Runs what is built (dist/).
// Prints JSON (`--json`) or a Markdown table.
//
//   node --single-threaded bench/large-item.mjs [--units 300] [--corrections 30] [--rounds 21] [--warmup 5] [--json]
import { readCommandLine } from './cli-options.mjs';
import { workPlanItemDecider } from '../dist/work-plan/domain/work-plan-item.decider.js';
import { workPlanItemIdFor } from '../dist/work-plan/domain/work-plan.events.js';

const USAGE = `Usage: node [--single-threaded] bench/large-item.mjs [--units <n>] [--corrections <n>] [--rounds <n>] [--warmup <n>] [--json]

CPU ms of a large work-plan item's folds and decisions, each beside its reference in the same run:
medians of --rounds timed runs (default 21) after --warmup untimed ones (default 5) of each.`;

const line = readCommandLine(process.argv.slice(2), { usage: USAGE, values: ['--units', '--corrections', '--rounds', '--warmup'], flags: ['--json'] });
const UNITS = Number(line.value('--units') ?? '300');
const CORRECTIONS = Number(line.value('--corrections') ?? '30');
const ROUNDS = Number(line.value('--rounds') ?? '21');
const WARMUP = Number(line.value('--warmup') ?? '5');
for (const [name, value] of [['--units', UNITS], ['--corrections', CORRECTIONS], ['--rounds', ROUNDS], ['--warmup', WARMUP]]) {
  if (!Number.isInteger(value) || value < (name === '--warmup' || name === '--corrections' ? 0 : 1)) {
    console.error(`${name} takes a whole number, got ${line.value(name)}\n\n${USAGE}`);
    process.exit(2);
  }
}
const { decide, evolve, initialState } = workPlanItemDecider;
const SUPERVISOR = { id: 'supervisor', role: 'SUPERVISOR', unitId: null };
const SYSTEM = { id: 'system', role: 'SYSTEM', unitId: null };
const TODAY = '2026-11-30';

/** CPU ms of one run of `run` on a fresh argument from `prepare` (not counted). */
function cpuMsOnce(prepare, run) {
  const input = prepare();
  const before = process.cpuUsage();
  run(input);
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/**
 * A figure beside its reference: `figure` and `reference` are `{ prepare, run }`. Each is run
 * WARMUP times untimed, then both are timed ROUNDS times in alternation (the order swapped every
 * round, so a change of load or a collection falls on both alike). Returns the medians (ms), the
 * ratio of the medians, and every timed run (`samples`, ms) so the spread can be read.
 */
function paired(figure, reference) {
  for (let round = 0; round < WARMUP; round += 1) {
    cpuMsOnce(figure.prepare, figure.run);
    cpuMsOnce(reference.prepare, reference.run);
  }
  const samples = { rectify: [], reference: [] };
  for (let round = 0; round < ROUNDS; round += 1) {
    const order = round % 2 ? [['reference', reference], ['rectify', figure]] : [['rectify', figure], ['reference', reference]];
    for (const [name, measured] of order) samples[name].push(cpuMsOnce(measured.prepare, measured.run));
  }
  const rectifyMs = median(samples.rectify);
  const referenceMs = median(samples.reference);
  return { rectifyMs, referenceMs, ratio: rectifyMs / referenceMs, samples };
}

const unitsOf = (count, prefix = 'unit') => Array.from({ length: count }, (_, index) => `${prefix}-${index}`);
const definition = (code, units) => ({
  type: 'DefineWorkPlanItem',
  actor: SYSTEM,
  today: '2026-01-15',
  assignedOn: '2026-01-15',
  data: { itemId: workPlanItemIdFor('plan-1', code), planId: 'plan-1', categoryCode: '一', code, title: `第${code}项 各单位信息公开`, description: '', dueDate: '2026-12-31', measures: '' },
  leadUnitIds: [units[0]],
  responsibleUnitIds: units.slice(1),
  planExists: true,
  planApprovedOn: '2026-01-10',
  unknownUnitIds: [],
});

/** The item's stream as decided: defined, every unit urged monthly from February to October, then `corrections` urgings re-dated, each followed by a 催办 of today. */
function itemStream(corrections) {
  const units = unitsOf(UNITS);
  const events = [];
  let state = initialState();
  const record = (decided) => {
    for (const event of decided) {
      events.push(event);
      state = evolve(state, event);
    }
  };
  record(decide(definition('1', units), state));
  for (let month = 2; month <= 10; month += 1) {
    const day = `2026-${String(month).padStart(2, '0')}-10`;
    for (const unitId of units) record(decide({ type: 'UrgeUnit', unitId, message: `请于${day}前报送`, urgedOn: day, actor: SUPERVISOR, today: TODAY }, state));
  }
  for (let count = 0; count < corrections; count += 1) {
    record(decide({ type: 'CorrectFactDate', unitId: units[count % UNITS], factType: 'UnitUrged', previousOn: '2026-10-10', on: '2026-10-09', reason: '录入日期有误', actor: SUPERVISOR, today: TODAY }, state));
    record(decide({ type: 'UrgeUnit', unitId: units[(count + 7) % UNITS], message: `第${count + 1}次催办`, urgedOn: TODAY, actor: SUPERVISOR, today: TODAY }, state));
  }
  return events;
}

/** A command's load of a cold stream: folded whole, then its parts read. */
const load = (events) => {
  const state = events.reduce(evolve, initialState());
  return Object.keys(state.assignments.parts).length;
};

const corrected = itemStream(CORRECTIONS);
const plain = itemStream(0);
const fresh = () => corrected.reduce(evolve, initialState());
const loadCorrected = { prepare: () => corrected, run: load };
const defineAll = (definitions) => {
  for (const command of definitions) void decide(command, initialState()).reduce(evolve, initialState()).assignments.parts;
};
const rows = [
  {
    figure: `load a ${UNITS}-unit item's stream with ${CORRECTIONS} 更正日期 (${corrected.length} events), fold + parts read`,
    reference: `the same item without corrections (${plain.length} events)`,
    maxRatio: 1.5,
    target: '≤ 1.5 (one refold at most, however many corrections)',
    ...paired(loadCorrected, { prepare: () => plain, run: load }),
  },
  {
    figure: `decide a 更正日期 on it (and fold the result)`,
    // A correction is found on the facts as corrected, checked against every later fact, and folded in: a few folds of the
    // stream, never one per correction before it (before breaker12i P1: 4.7 s at 30 corrections).
    reference: 'one load of the stream (fold + parts read)',
    maxRatio: 4,
    target: '≤ 4 (a few folds of the stream, however many corrections)',
    ...paired(
      {
        prepare: fresh,
        run: (state) => {
          const decided = decide({ type: 'CorrectFactDate', unitId: 'unit-100', factType: 'UnitUrged', previousOn: '2026-10-10', on: '2026-10-08', reason: '录入日期有误', actor: SUPERVISOR, today: TODAY }, state);
          void decided.reduce(evolve, state).assignments.parts;
        },
      },
      loadCorrected,
    ),
  },
  {
    figure: `define one ${UNITS}-unit item (decide + fold)`,
    reference: `define ${UNITS / 3} items of 3 units (the same ${UNITS} parts)`,
    maxRatio: 1.5,
    target: '≤ 1.5 (linear in the parts)',
    ...paired(
      { prepare: () => [definition('1', unitsOf(UNITS))], run: defineAll },
      { prepare: () => Array.from({ length: UNITS / 3 }, (_, index) => definition(String(index + 1), unitsOf(3, `unit-${index}`))), run: defineAll },
    ),
  },
];

if (line.flag('--json')) console.log(JSON.stringify({ units: UNITS, corrections: CORRECTIONS, rounds: ROUNDS, warmup: WARMUP, rows }));
else {
  console.log(`| figure | CPU ms (median of ${ROUNDS}, after ${WARMUP} warm-up runs) | reference (same run) | ratio |\n|---|---|---|---|`);
  for (const row of rows) console.log(`| ${row.figure} | ${row.rectifyMs.toFixed(1)} | ${row.reference}: ${row.referenceMs.toFixed(1)} | ${row.ratio.toFixed(2)} |`);
}
