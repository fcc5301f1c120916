import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allEventSchemas } from '../../event-sourcing/all-event-schemas.js';
import { loadState } from '../../event-sourcing/execute-command.js';
import { replayLog } from '../../event-sourcing/replay-log.js';
import { SqliteEventStore } from '../../event-store/sqlite-event-store.js';
import { importUnitsFile } from '../../organization/import-units/import-units.js';
import { UnitsReadModel } from '../../organization/units/units.read-model.js';
import { commandContext, type Actor, type CommandContext } from '../../shared/command-context.js';
import type { ImportDependencies } from '../../imports/import-run.js';
import { workPlanItemDecider } from '../domain/work-plan-item.decider.js';
import { workPlanIdFor, workPlanItemIdFor, workPlanItemStream } from '../domain/work-plan.events.js';
import { importWorkPlanFile, type WorkPlanImportOptions } from './import-work-plan.js';

/*
 * breaker10d P27, P31: the keys of an import's commands name the plan and the request, not only the
 * file. The same file imported under a corrected title gets its items; a version applied again after
 * going back to an older one is applied again. A client's retry still writes nothing.
 */

const supervisor: Actor = { id: 'user:supervisor', role: 'SUPERVISOR', unitId: null };
const cli: Actor = { id: 'cli:operator', role: 'SYSTEM', unitId: null };
const text = (csv: string) => new TextEncoder().encode(csv);

/** A request from the server: the client's key, and the request digested (a retry must ask the same). */
const requestOf = (key: string, options: WorkPlanImportOptions, now: string): CommandContext =>
  commandContext({ actor: supervisor, commandType: 'ImportWorkPlan', idempotencyKey: key, now: new Date(now), request: { idempotencyKey: key, ...options } });
/** The command line: the key is the file's digest, no request digest. */
const commandLineOf = (content: Uint8Array, now: string): CommandContext =>
  commandContext({ actor: cli, commandType: 'ImportWorkPlan', idempotencyKey: Buffer.from(content).toString('hex').slice(0, 64), now: new Date(now) });

const UNITS = '编码,名称,类型\nFGW,青川市发展和改革委员会,部门\nJYJ,青川市教育局,部门\n';
const HEADER = '类别,编号,事项,牵头单位,完成时限\n';
const V1 = text(`${HEADER}公开,1,EX甲,青川市发展和改革委员会,2026-12-05\n公开,2,EX乙,青川市教育局,2026-12-20\n`);
const V4 = text(`${HEADER}公开,1,EX甲,青川市发展和改革委员会,2026-12-31\n公开,2,EX乙,青川市教育局,2026-12-20\n`);
const WITH_3 = text(`${HEADER}公开,1,EX甲,青川市发展和改革委员会,2026-12-05\n公开,2,EX乙,青川市教育局,2026-12-20\n公开,3,EX丙,青川市教育局,2026-12-25\n`);

async function emptyStore(): Promise<ImportDependencies> {
  const store = new SqliteEventStore(join(mkdtempSync(join(tmpdir(), 'rectify-import-keys-')), 'events.db'));
  const schemas = allEventSchemas();
  await importUnitsFile({ store, schemas, units: new UnitsReadModel() }, { name: 'units.csv', content: text(UNITS) }, commandLineOf(text(UNITS), '2026-02-20T09:00:00+08:00'));
  return { store, schemas, units: await replayLog(store, schemas, new UnitsReadModel()) };
}

const itemOf = (dependencies: ImportDependencies, title: string, code: string) =>
  loadState(dependencies.store, dependencies.schemas, workPlanItemStream(workPlanItemIdFor(workPlanIdFor(2026, title), code)), workPlanItemDecider);
const dueDateOf = async (dependencies: ImportDependencies, title: string, code: string) => {
  const item = await itemOf(dependencies, title, code);
  return item.status === 'empty' ? null : item.definition.dueDate;
};

describe.each([
  ['a request from the server', (key: string, _content: Uint8Array, options: WorkPlanImportOptions, now: string) => requestOf(key, options, now)],
  ['the command line', (_key: string, content: Uint8Array, _options: WorkPlanImportOptions, now: string) => commandLineOf(content, now)],
])('the commands of an import, sent by %s', (_sender, contextOf) => {
  let dependencies: ImportDependencies;
  beforeEach(async () => {
    dependencies = await emptyStore();
  });
  afterEach(() => dependencies.store.close());

  const run = (key: string, content: Uint8Array, options: WorkPlanImportOptions, now = '2026-03-01T09:00:00+08:00') =>
    importWorkPlanFile(dependencies, { name: 'plan.csv', content }, options, contextOf(key, content, options, now));

  it('give a plan its items when the same file is imported again under a corrected title (P27)', async () => {
    const slip = await run('first', V1, { title: '东胡区任务分解表', approvedOn: '2026-02-20' });
    expect(slip.itemsDefined).toBe(2);
    const corrected = await run('second', V1, { title: '东湖区任务分解表', approvedOn: '2026-02-20' });
    expect(corrected).toMatchObject({ itemCount: 2, itemsDefined: 2 });
    expect(corrected.eventCount).toBeGreaterThan(1);
    expect(await dueDateOf(dependencies, '东湖区任务分解表', '1')).toBe('2026-12-05');
    expect(await dueDateOf(dependencies, '东湖区任务分解表', '2')).toBe('2026-12-20');
  });

  it('apply a version again after going back to an older one (P31)', async () => {
    const options = { title: '延期后调整四', approvedOn: '2026-02-20' };
    await run('v1', V1, options);
    await run('v4', V4, { ...options, revise: true, withdrawMissing: true, assignedOn: '2026-07-01' }, '2026-07-01T09:00:00+08:00');
    expect(await dueDateOf(dependencies, options.title, '1')).toBe('2026-12-31');
    // Going back undoes the 07-01 revision, and v4 again undoes that: each confirmed (newcomer48-10 S1).
    await run('back-to-v1', V1, { ...options, revise: true, withdrawMissing: true, undoLaterRevision: true, assignedOn: '2026-08-01' }, '2026-08-01T09:00:00+08:00');
    expect(await dueDateOf(dependencies, options.title, '1')).toBe('2026-12-05');

    const again = await run('v4-again', V4, { ...options, revise: true, withdrawMissing: true, undoLaterRevision: true, assignedOn: '2026-09-01' }, '2026-09-01T09:00:00+08:00');
    expect(again.revision?.redated).toEqual([expect.objectContaining({ code: '1', to: '2026-12-31' })]);
    expect(again.eventCount).toBeGreaterThan(0);
    expect(await dueDateOf(dependencies, options.title, '1')).toBe('2026-12-31');
  });

  it('bring back an item withdrawn since when the first file is sent again, instead of answering it added (P27, second recipe; 10e P1)', async () => {
    const options = { title: '撤回再加', approvedOn: '2026-02-20' };
    await run('ra1', WITH_3, options);
    await run('ra2', V1, { ...options, revise: true, withdrawMissing: true, assignedOn: '2026-06-01' }, '2026-06-01T09:00:00+08:00');
    expect((await itemOf(dependencies, options.title, '3')).status).toBe('withdrawn');
    const back = await run('ra1-again', WITH_3, { ...options, revise: true, withdrawMissing: true, undoLaterRevision: true, assignedOn: '2026-07-01' }, '2026-07-01T09:00:00+08:00');
    expect(back.revision).toMatchObject({ added: [], reinstated: [expect.objectContaining({ code: '3' })] });
    expect(back.eventCount).toBeGreaterThan(0);
    expect((await itemOf(dependencies, options.title, '3')).status).toBe('open');
  });
});

describe('a retry of a revision request', () => {
  it('writes nothing and answers the revision its first run applied', async () => {
    const dependencies = await emptyStore();
    const options = { title: '重试调整', approvedOn: '2026-02-20' };
    await importWorkPlanFile(dependencies, { name: 'v1.csv', content: V1 }, options, requestOf('v1', options, '2026-03-01T09:00:00+08:00'));
    const revise = { ...options, revise: true, withdrawMissing: true, assignedOn: '2026-07-01' };
    const first = await importWorkPlanFile(dependencies, { name: 'v4.csv', content: V4 }, revise, requestOf('v4', revise, '2026-07-01T09:00:00+08:00'));
    const head = await dependencies.store.headPosition();
    const retry = await importWorkPlanFile(dependencies, { name: 'v4.csv', content: V4 }, revise, requestOf('v4', revise, '2026-07-01T09:05:00+08:00'));
    expect(retry.revision).toEqual(first.revision);
    expect(retry.retried).toBe(true);
    expect(await dependencies.store.headPosition()).toEqual(head);
    dependencies.store.close();
  });
});

describe('a new version that makes an item 立行立改, sent without its day (breaker10d P34)', () => {
  it('is due the day the version is applied (today), not the plan\'s approval day', async () => {
    const dependencies = await emptyStore();
    const options = { title: '时限类型调整', approvedOn: '2026-02-20' };
    await importWorkPlanFile(dependencies, { name: 'tv1.csv', content: V1 }, options, requestOf('tv1', options, '2026-03-01T09:00:00+08:00'));
    const atOnce = text(`${HEADER}公开,1,EX甲,青川市发展和改革委员会,2026-12-05\n公开,2,EX乙,青川市教育局,立行立改\n`);
    const revise = { ...options, revise: true, withdrawMissing: true };
    const preview = await importWorkPlanFile(dependencies, { name: 'tv2.csv', content: atOnce }, { ...revise, dryRun: true }, requestOf('tv2-dry', { ...revise, dryRun: true }, '2026-12-01T09:00:00+08:00'));
    expect(preview.revision?.redated).toEqual([expect.objectContaining({ code: '2', from: '2026-12-20', to: expect.stringContaining('立行立改') })]);
    await importWorkPlanFile(dependencies, { name: 'tv2.csv', content: atOnce }, revise, requestOf('tv2', revise, '2026-12-01T09:00:00+08:00'));
    expect(await dueDateOf(dependencies, options.title, '2')).toBe('2026-12-01');
    dependencies.store.close();
  });
});
