import fc from 'fast-check';
import type { TimelineEntry } from '../../assignments/read-model/timeline.js';
import { allEventSchemas } from '../../event-sourcing/all-event-schemas.js';
import { DomainError } from '../../shared/domain-error.js';
import type { Decider, DomainEvent } from '../../shared/decider.js';
import { clerkOf, inspector, supervisor, system } from '../../shared/testing/actors.js';
import { EVERY_FACT, type TimeCut } from '../../shared/time-cut.js';
import { workPlanItemDecider, type WorkPlanItemCommand } from '../../work-plan/domain/work-plan-item.decider.js';
import { itemAt } from '../../work-plan/breakdown/work-plan-ledger.js';
import { workPlanIdFor, workPlanItemIdFor } from '../../work-plan/domain/work-plan.events.js';
import { closeOutsUndoneIn, inCloseOutStory, markedUndone } from '../evaluations/history-lines.js';
import { findingDecider, type FindingCommand } from '../domain/finding.decider.js';
import { findingAt } from './rectification-ledger.js';

/*
 * breaker51-8 S1 S2 M1 (and breaker50-8 M2): after any sequence of corrections the history of a finding's 销号 or a work-plan
 * item's 事项完成 reads as one story — the history as the API lists it now (the stream, its close-outs and reopenings as
 * `historyAt` judges them at a cut holding everything): one standing close-out per closing the fold passes through, on its
 * day, by the inspector whose pass closed it; every other close-out marked, naming the correction that superseded it; no
 * unmarked reopening after which the record is not open. The walks drive the parents' own deciders: passes and failures,
 * re-reports, outcomes flipped back and forth, inspections moved by 更正督查记录 and by 更正记录日期, reopenings, and (an
 * item) a unit removed from the plan.
 */

const TODAY = '2026-12-07';
const DAYS = ['2026-10-22', '2026-10-25', '2026-10-28', '2026-11-01', '2026-11-02', '2026-11-05', '2026-11-08', '2026-11-10', '2026-11-12', '2026-11-15'];
const UNITS = ['fgw', 'czj'];
const schemas = allEventSchemas();
const base = { today: TODAY, dueDateOverride: { reason: '特批' } };
const PLAN = workPlanIdFor(2026, '青川市2026年政务公开工作要点分解方案');
const evidence = [{ title: '页面', link: 'https://example.gov.cn/p', documentRef: null }];

type Kind = 'finding' | 'item';
type Command = FindingCommand | WorkPlanItemCommand;

/** One parent's office: decides each command on the state its events leave, records what it decides (a refusal records nothing). */
class Office {
  readonly timeline: TimelineEntry[] = [];
  private state: unknown;
  private readonly decider: Decider<Command, unknown, DomainEvent>;
  private inspections = 0;

  constructor(readonly kind: Kind) {
    this.decider = (kind === 'finding' ? findingDecider : workPlanItemDecider) as unknown as Decider<Command, unknown, DomainEvent>;
    this.state = this.decider.initialState();
    if (kind === 'finding') {
      this.decide({ type: 'RecordFinding', today: TODAY, data: { findingId: 'f', evaluationId: 'e', title: '目录更新不及时', description: '', category: '主动公开', severity: 'HIGH', concernedUnitIds: [], identifiedOn: '2026-10-01' }, evaluationExists: true, unknownUnitIds: [] } as unknown as Command);
      this.decide({ type: 'AssignFinding', ...base, actor: supervisor, assignedOn: '2026-10-05', units: [{ unitId: 'fgw', role: 'LEAD', dueDate: '2026-11-30' }, { unitId: 'czj', role: 'RESPONSIBLE', dueDate: '2026-11-30' }], unknownUnitIds: [] } as unknown as Command);
    } else {
      this.decide({
        type: 'DefineWorkPlanItem', actor: system, today: TODAY, assignedOn: '2026-10-05', planExists: true, planApprovedOn: '2026-10-01', unknownUnitIds: [],
        data: { itemId: workPlanItemIdFor(PLAN, '7'), planId: PLAN, categoryCode: '一', code: '7', title: '重大决策预公开', description: '', measures: '', dueDate: '2026-11-30' },
        leadUnitIds: ['fgw'], responsibleUnitIds: ['czj', 'dh'],
      } as unknown as Command);
    }
    for (const [unitId, day] of [['fgw', '2026-10-20'], ['czj', '2026-10-21']] as const) this.report(unitId, day);
  }

  decide(command: Command): boolean {
    let events: DomainEvent[];
    try {
      events = this.decider.decide(command, this.state);
    } catch (error) {
      if (error instanceof DomainError) return false;
      throw error;
    }
    const actor = (command as { actor?: { id: string; role: string } }).actor ?? system;
    const recordedAt = new Date(Date.UTC(2026, 11, 6, 17, 0, this.timeline.length)).toISOString();
    for (const event of events) {
      const revision = this.timeline.length;
      const occurredOn = schemas.occurredOn(event.type, event.data as Record<string, unknown>, recordedAt);
      this.timeline.push({ ...event, id: `event-${revision}`, revision, occurredOn, metadata: { recordedAt, actorId: actor.id, actorRole: actor.role, actorUnitId: null } } as unknown as TimelineEntry);
      this.state = this.decider.evolve(this.state, event);
    }
    return true;
  }

  at(cut: TimeCut): { status: string; closedOn: string | null; history: readonly TimelineEntry[] } {
    if (this.kind === 'finding') {
      const view = findingAt(this.timeline, cut)!;
      return { status: view.status, closedOn: view.closedOn, history: view.history };
    }
    // Not yet in the plan before its assignment day: open.
    const view = itemAt(this.timeline, cut);
    return view ? { status: view.status, closedOn: view.completedOn, history: view.history } : { status: 'OPEN', closedOn: null, history: [] };
  }

  report(unitId: string, reportedOn: string): boolean {
    return this.decide({ type: 'ReportRectification', ...base, actor: supervisor, onBehalf: true, unitId, summary: '已整改', evidence, reportedOn } as unknown as Command) || this.decide({ type: 'ReportRectification', ...base, actor: clerkOf(unitId), unitId, summary: '已整改', evidence, reportedOn } as unknown as Command);
  }

  inspect(unitId: string, inspectedOn: string, outcome: 'PASSED' | 'FAILED'): boolean {
    this.inspections += 1;
    return this.decide({ type: 'LogInspection', ...base, actor: inspector, unitId, inspectionId: `i${this.inspections}`, outcome, notes: outcome === 'PASSED' ? '核实' : '未到位', inspectedOn, place: '现场' } as unknown as Command);
  }

  /** The inspections of `unitId` as recorded with their day now: id and the day the last correction gave it. */
  inspectionsOf(unitId: string): { inspectionId: string; on: string }[] {
    const days = new Map<string, string>();
    for (const event of this.timeline) {
      const data = event.data as { unitId?: string; inspectionId?: string; inspectedOn?: string; factType?: string; previousOn?: string; on?: string };
      if (data.unitId !== unitId) continue;
      if (event.type === 'InspectionLogged' || event.type === 'InspectionCorrected') days.set(data.inspectionId!, data.inspectedOn!);
      if (event.type === 'FactDateCorrected' && data.factType === 'InspectionLogged') {
        const moved = [...days].findLast(([, on]) => on === data.previousOn);
        if (moved) days.set(moved[0], data.on!);
      }
    }
    return [...days].map(([inspectionId, on]) => ({ inspectionId, on }));
  }

  reopen(reopenedOn: string): boolean {
    return this.decide({ type: this.kind === 'finding' ? 'ReopenFinding' : 'ReopenWorkPlanItem', ...base, actor: supervisor, reason: '复查', reopenedOn, newDueDate: '2026-12-31' } as unknown as Command);
  }
}

const ACTIONS = ['inspect', 'report', 'flipOutcome', 'correctDay', 'redate', 'reopen', 'removeUnit'] as const;
interface Step {
  readonly action: (typeof ACTIONS)[number];
  readonly unit: number;
  readonly day: number;
  readonly which: number;
  readonly flag: boolean;
}
const step: fc.Arbitrary<Step> = fc.record({
  action: fc.oneof({ weight: 3, arbitrary: fc.constantFrom('inspect', 'flipOutcome', 'correctDay', 'redate') }, { weight: 2, arbitrary: fc.constantFrom(...ACTIONS) }) as fc.Arbitrary<Step['action']>,
  unit: fc.nat(UNITS.length - 1),
  day: fc.nat(DAYS.length - 1),
  which: fc.nat(3),
  flag: fc.boolean(),
});

function perform(office: Office, s: Step): void {
  const unitId = UNITS[s.unit]!;
  const day = DAYS[s.day]!;
  const inspection = office.inspectionsOf(unitId).at(-1 - (s.which % 2));
  const correct = (change: Record<string, unknown>) => inspection && office.decide({ type: 'CorrectInspection', ...base, actor: supervisor, unitId, inspectionId: inspection.inspectionId, reason: '督查记录表有误', ...change } as unknown as Command);
  switch (s.action) {
    case 'inspect':
      office.inspect(unitId, day, s.flag || s.which > 0 ? 'PASSED' : 'FAILED');
      return;
    case 'report':
      office.report(unitId, day);
      return;
    case 'flipOutcome': {
      // 通过 ↔ 不通过, as the supervisor's 更正督查记录 turns it (sometimes on another day too).
      const last = office.timeline.findLast((event) => (event.type === 'InspectionLogged' || event.type === 'InspectionCorrected') && (event.data as { inspectionId: string }).inspectionId === inspection?.inspectionId);
      const outcome = (last?.data as { outcome?: string } | undefined)?.outcome === 'PASSED' ? 'FAILED' : 'PASSED';
      correct({ outcome, ...(s.flag ? { inspectedOn: day } : {}) });
      return;
    }
    case 'correctDay':
      correct({ inspectedOn: day });
      return;
    case 'redate':
      if (inspection) office.decide({ type: 'CorrectFactDate', ...base, actor: supervisor, unitId, factType: 'InspectionLogged', previousOn: inspection.on, on: day, reason: '督查单日期' } as unknown as Command);
      return;
    case 'reopen':
      // A closed parent reopened (found not done after all). Not an open one's verified parts alone: a correction or a unit's removal
      // that then closes it before that reopening by date writes the 销号 and the 重新打开 now (h52a: the cases below), but a closing
      // earlier on the reopening's own day (a pass typed before the reopening, moved onto its day) is not yet found closed by the
      // reopening (`reopeningThatFoundItClosed` weighs the day before it; a walk with part-only reopenings met it at seed 7, run 568) — left out.
      if (office.at(EVERY_FACT).status !== 'OPEN') office.reopen(day);
      return;
    case 'removeUnit':
      // An item's third unit, never reported, taken out of the plan: the item completes on that day when the others are verified.
      if (office.kind === 'item') office.decide({ type: 'ReviseWorkPlanItem', actor: supervisor, today: TODAY, revisedOn: day, reason: '职责调整', removeUnitIds: ['dh'], unknownUnitIds: [] } as unknown as Command);
      return;
    default:
      return;
  }
}

const CLOSE_OUTS = new Set(['FindingClosedOut', 'WorkPlanItemCompleted']);
const REOPENINGS = new Set(['FindingReopened', 'WorkPlanItemReopened']);
const cutAsOf = (asOf: string): TimeCut => ({ asOf, knownAt: null, axes: ['BUSINESS_DAY'] });
const dayBefore = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
const dayOf = (entry: TimelineEntry) => ((entry.data as { closedOn?: string; completedOn?: string }).closedOn ?? (entry.data as { completedOn?: string }).completedOn ?? entry.occurredOn);

/** The history the API lists now: the stream, its close-outs and reopenings as a cut holding everything judges them. */
function historyNow(office: Office): TimelineEntry[] {
  const judged = closeOutsUndoneIn(office.at(EVERY_FACT).history);
  // Nothing of the story is listed raw: every close-out and reopening of the stream was judged (S2: a copy left out showed as written).
  for (const event of office.timeline) if (inCloseOutStory(event)) expect({ unjudged: event.revision, type: event.type }).toEqual({ unjudged: judged.has(event.revision) ? event.revision : -1, type: event.type });
  return markedUndone(office.timeline, judged);
}

/**
 * The fold's closings day by day (business order): each time it closed, the day it stands closed on (a day moved while
 * closed: the same closing). Read on the days facts happen on (nothing moves on another); `openOn` on any day.
 */
function closingsByDay(office: Office): { closings: string[]; openOn: (day: string) => boolean } {
  const closedOn = new Map<string, string | null>();
  const on = (day: string) => {
    if (!closedOn.has(day)) closedOn.set(day, office.at(cutAsOf(day)).closedOn);
    return closedOn.get(day)!;
  };
  const closings: string[] = [];
  let before: string | null = null;
  for (const day of [...new Set(['2026-10-05', '2026-10-20', '2026-10-21', ...DAYS])].sort()) {
    const closed = on(day);
    if (closed !== null && before === null) closings.push(closed);
    else if (closed !== null && closed !== before) closings[closings.length - 1] = closed;
    before = closed;
  }
  return { closings, openOn: (day) => on(day) === null };
}

/** The story the history tells of the parent's close-outs, checked against its fold. */
function tellsOneStory(office: Office): void {
  const now = office.at(EVERY_FACT);
  const history = historyNow(office);
  const { closings: byDay, openOn } = closingsByDay(office);
  // A closing reopened by hand the same day is open at that day's end: the day-by-day fold does not see it, the reopening does.
  const reopenedSameDay = history.filter((entry) => REOPENINGS.has(entry.type) && !entry.closeOutUndone && openOn(dayBefore(entry.occurredOn)) && office.at({ ...cutAsOf(entry.occurredOn), knownAt: new Date(Date.parse(entry.metadata.recordedAt) - 1).toISOString() }).closedOn === entry.occurredOn);
  const closings = [...byDay, ...reopenedSameDay.map((entry) => entry.occurredOn)];
  const closeOuts = history.filter((entry) => CLOSE_OUTS.has(entry.type));
  const standing = closeOuts.filter((entry) => !entry.closeOutUndone);
  const story = { status: now.status, closedOn: now.closedOn, standing: standing.map(dayOf).sort(), marked: closeOuts.filter((entry) => entry.closeOutUndone).map((entry) => `${dayOf(entry)} ${entry.closeOutUndone}`) };
  // One standing close-out per closing, on its day; the last the parent's close-out day when it is closed.
  expect({ ...story, standing: story.standing }).toEqual({ ...story, standing: [...closings].sort() });
  if (now.closedOn !== null) expect(story.standing).toContain(now.closedOn);
  // By the inspector whose pass closed it (an item completed by a unit's removal: the removal's author).
  for (const closeOut of standing) if (office.kind === 'finding') expect({ day: dayOf(closeOut), by: closeOut.metadata.actorId }).toEqual({ day: dayOf(closeOut), by: inspector.id });
  for (const closeOut of closeOuts.filter((entry) => entry.closeOutUndone)) {
    const words = closeOut.closeOutUndone!;
    // Moved: to another day, one that has its standing close-out; written again: the same day's standing close-out.
    const moved = /改记于 (\d{4}-\d{2}-\d{2})/u.exec(words)?.[1];
    if (moved) expect({ words, to: moved !== dayOf(closeOut) && story.standing.includes(moved) }).toEqual({ words, to: true });
    const again = /重记，同 (\d{4}-\d{2}-\d{2})/u.exec(words)?.[1];
    if (again) expect({ words, to: story.standing.includes(again) }).toEqual({ words, to: true });
  }
  // As of a past day too (the history of a day lists what that day's fold counts): its standing close-outs are its closings by then.
  for (const day of ['2026-11-03', '2026-11-09']) {
    const past = office.at(cutAsOf(day));
    const standingThen = past.history.filter((entry) => CLOSE_OUTS.has(entry.type) && !entry.closeOutUndone).map(dayOf).sort();
    const closingsThen = closings.filter((closing) => closing <= day).map((closing, index, all) => (index === all.length - 1 && past.closedOn !== null ? past.closedOn : closing));
    if (past.closedOn !== null) expect({ day, standingThen }).toEqual({ day, standingThen: expect.arrayContaining([past.closedOn]) });
    expect({ day, count: standingThen.length <= Math.max(closingsThen.length, 1) }).toEqual({ day, count: true });
  }
  // No unmarked reopening after which the record is not open; one a correction wrote reopened a closing that stood the day before.
  // A reopening retracted (已撤销) is marked too: it counts nowhere.
  for (const reopening of history.filter((entry) => REOPENINGS.has(entry.type) && !entry.closeOutUndone && !entry.retracted)) {
    const writtenByCorrection = office.timeline.some((event) => event.type.endsWith('Corrected') && event.metadata.recordedAt === reopening.metadata.recordedAt);
    expect({ reopenedOn: reopening.occurredOn, writtenByCorrection, openThen: openOn(reopening.occurredOn), closedBefore: writtenByCorrection ? !openOn(dayBefore(reopening.occurredOn)) : true, story })
      .toEqual({ reopenedOn: reopening.occurredOn, writtenByCorrection, openThen: true, closedBefore: true, story });
  }
}

/** What the walks went through, by kind of parent: the property means something only if each was met often. */
const met = new Map<string, number>();
const meet = (what: string) => met.set(what, (met.get(what) ?? 0) + 1);

const runs = { numRuns: Number(process.env.STORY_RUNS ?? 300), seed: Number(process.env.STORY_SEED ?? 20261207) };

describe.each<Kind>(['finding', 'item'])('a %s’s close-outs after random sequences of corrections read as one story (breaker51-8 S1 S2 M1)', (kind) => {
  it('one standing close-out per closing, by its inspector; every other marked; no unmarked reopening of a record not open', () => {
    fc.assert(
      fc.property(fc.nat(DAYS.length - 1), fc.array(step, { minLength: 3, maxLength: 14 }), (removedOn, steps) => {
        const office = new Office(kind);
        // An item's third unit is taken out of the plan first (its completion then hangs on the other two; on or before their passes: S1).
        if (kind === 'item') perform(office, { action: 'removeUnit', unit: 0, day: removedOn, which: 0, flag: false });
        for (const each of steps) perform(office, each);
        tellsOneStory(office);
        for (const event of office.timeline) meet(event.type);
        for (const entry of historyNow(office)) if (entry.closeOutUndone) meet(`${entry.type} ${['改记于', '重记', '重新打开不成立', '未曾重新打开', '重新打开，', '不成立'].find((words) => entry.closeOutUndone!.includes(words))}`);
      }),
      runs,
    );
    const [closedOut, reopened] = kind === 'finding' ? ['FindingClosedOut', 'FindingReopened'] : ['WorkPlanItemCompleted', 'WorkPlanItemReopened'];
    const often = [...met].filter(([, count]) => count >= 2).map(([what]) => what);
    const seen = JSON.stringify([...met]);
    met.clear();
    expect({ seen, often }).toEqual({ seen, often: expect.arrayContaining(['InspectionCorrected', 'FactDateCorrected', 'PartsReopened', `${closedOut} 改记于`, `${closedOut} 重记`, `${closedOut} 不成立`, `${reopened} 重新打开不成立`, `${reopened} 未曾重新打开`, ...(kind === 'item' ? ['UnitUnassigned'] : [])]) });
  });
});

describe('the cases breaker51-8 met, through the API’s history now', () => {
  const closeOutLines = (office: Office) => historyNow(office).filter((entry) => CLOSE_OUTS.has(entry.type) || REOPENINGS.has(entry.type)).map((entry) => `${entry.occurredOn} ${entry.metadata.actorId === inspector.id ? '王芳' : '张伟'} ${entry.closeOutUndone ?? '—'}`);
  const redate = (office: Office, unitId: string, previousOn: string, on: string) =>
    expect(office.decide({ type: 'CorrectFactDate', ...base, actor: supervisor, unitId, factType: 'InspectionLogged', previousOn, on, reason: '督查单日期' } as unknown as Command)).toBe(true);
  const correct = (office: Office, unitId: string, change: Record<string, unknown>) =>
    expect(office.decide({ type: 'CorrectInspection', ...base, actor: supervisor, unitId, inspectionId: office.inspectionsOf(unitId).at(-1)!.inspectionId, reason: '督查记录表有误', ...change } as unknown as Command)).toBe(true);

  it.each(['更正记录日期', '更正督查记录'])('S2: 市发改委’s pass moved 11-01 → 11-08 → 11-02 (%s): one standing 销号 on 11-05, 王芳’s; the copy says it is the same', (how) => {
    const office = new Office('finding');
    office.inspect('fgw', '2026-11-01', 'PASSED');
    office.inspect('czj', '2026-11-05', 'PASSED');
    const move = (from: string, to: string) => (how === '更正督查记录' ? correct(office, 'fgw', { inspectedOn: to }) : redate(office, 'fgw', from, to));
    move('2026-11-01', '2026-11-08');
    move('2026-11-08', '2026-11-02');
    expect(office.at(EVERY_FACT)).toMatchObject({ status: 'CLOSED', closedOn: '2026-11-05' });
    expect(closeOutLines(office)).toEqual(['2026-11-05 王芳 —', '2026-11-08 张伟 2026-12-07 更正督查日期后销号不成立', '2026-11-05 张伟 2026-12-07 更正督查日期后重记，同 2026-11-05 销号']);
  });

  it('S1: an item completed by a unit’s removal on 11-05, its pass moved 11-01 → 11-08 → 11-02, then 不通过 and 通过 on 11-07: one standing 完成, no unmarked 重新打开', () => {
    const office = new Office('item');
    office.inspect('fgw', '2026-11-01', 'PASSED');
    office.inspect('czj', '2026-10-25', 'PASSED');
    expect(office.decide({ type: 'ReviseWorkPlanItem', actor: supervisor, today: TODAY, revisedOn: '2026-11-05', reason: '职责调整', removeUnitIds: ['dh'], unknownUnitIds: [] } as unknown as Command)).toBe(true);
    redate(office, 'fgw', '2026-11-01', '2026-11-08');
    redate(office, 'fgw', '2026-11-08', '2026-11-02');
    expect(closeOutLines(office)).toEqual(['2026-11-05 张伟 —', '2026-11-08 张伟 2026-12-07 更正督查日期后完成不成立', '2026-11-05 张伟 2026-12-07 更正督查日期后重记，同 2026-11-05 完成']);
    correct(office, 'fgw', { outcome: 'FAILED' });
    correct(office, 'fgw', { outcome: 'PASSED', inspectedOn: '2026-11-07' });
    expect(office.at(EVERY_FACT)).toMatchObject({ status: 'COMPLETED', closedOn: '2026-11-07' });
    const lines = closeOutLines(office);
    expect(lines.filter((line) => line.endsWith(' —'))).toEqual(['2026-11-07 王芳 —']);
    expect(lines).toContain('2026-11-02 张伟 2026-12-07 更正督查结果后重新打开不成立');
  });

  it('M1: a pass of 10-25 corrected to 不通过 and back to 通过: the 销号 of 10-25 stands, the reopening does not, the copy is no 「改记于 2026-10-25」', () => {
    const office = new Office('finding');
    office.inspect('czj', '2026-10-22', 'PASSED');
    office.inspect('fgw', '2026-10-25', 'PASSED');
    correct(office, 'fgw', { outcome: 'FAILED' });
    correct(office, 'fgw', { outcome: 'PASSED' });
    expect(office.at(EVERY_FACT)).toMatchObject({ status: 'CLOSED', closedOn: '2026-10-25' });
    expect(closeOutLines(office)).toEqual(['2026-10-25 王芳 —', '2026-10-25 张伟 2026-12-07 更正督查结果后重新打开不成立', '2026-10-25 张伟 2026-12-07 更正督查结果后重记，同 2026-10-25 销号']);
  });

  // h52a: a part-only reopening (市财政局 reopened alone on 11-10, 市发改委 still reported) that a later record makes find the
  // parent closed by date: a pass typed after it wrote 销号 and 重新打开; a correction or a unit's removal wrote neither.
  it.each(['更正记录日期', '更正督查记录'])('h52a: 市发改委’s pass typed as of 11-12 and moved to 11-08 (%s), before 市财政局’s reopening alone of 11-10: 销号 11-08 by 王芳 and 重新打开 11-10 stand', (how) => {
    const office = new Office('finding');
    office.inspect('czj', '2026-11-01', 'PASSED');
    expect(office.reopen('2026-11-10')).toBe(true);
    office.inspect('fgw', '2026-11-12', 'PASSED');
    expect(closeOutLines(office)).toEqual([]);
    if (how === '更正督查记录') correct(office, 'fgw', { inspectedOn: '2026-11-08' });
    else redate(office, 'fgw', '2026-11-12', '2026-11-08');
    expect(office.at(EVERY_FACT)).toMatchObject({ status: 'OPEN', closedOn: null });
    expect(closeOutLines(office)).toEqual(['2026-11-08 王芳 —', '2026-11-10 张伟 —']);
    tellsOneStory(office);
  });

  it('h52a: an item’s third unit taken off as of 11-08, before the reopening of the other two of 11-10: 完成 11-08 and 重新打开 11-10 stand', () => {
    const office = new Office('item');
    office.inspect('fgw', '2026-11-01', 'PASSED');
    office.inspect('czj', '2026-11-02', 'PASSED');
    expect(office.reopen('2026-11-10')).toBe(true);
    expect(office.decide({ type: 'ReviseWorkPlanItem', actor: supervisor, today: TODAY, revisedOn: '2026-11-08', reason: '职责调整', removeUnitIds: ['dh'], unknownUnitIds: [] } as unknown as Command)).toBe(true);
    expect(closeOutLines(office)).toEqual(['2026-11-08 张伟 —', '2026-11-10 张伟 —']);
    tellsOneStory(office);
  });

  it('breaker50-8 M2: a 销号 undone by 更正督查结果 says so after a later date correction', () => {
    const office = new Office('finding');
    office.inspect('czj', '2026-10-22', 'PASSED');
    office.inspect('fgw', '2026-11-01', 'PASSED');
    correct(office, 'fgw', { outcome: 'FAILED' });
    office.report('fgw', '2026-11-10');
    office.inspect('fgw', '2026-11-12', 'PASSED');
    redate(office, 'fgw', '2026-11-01', '2026-10-28');
    expect(closeOutLines(office)).toEqual(['2026-11-01 王芳 2026-12-07 更正督查结果后销号不成立', '2026-11-01 张伟 2026-12-07 更正督查结果后销号不成立，未曾重新打开', '2026-11-12 王芳 —']);
  });
});

/*
 * breaker53-8 S1 S4: the same records — 市发改委 passes 10-22, 市财政局 10-25, the parent is reopened 10-28 (复查反弹 of 市发改委's
 * part), 市发改委 re-reports 11-01 and passes 11-02 — typed in every order the office may type them (市财政局's pass from paper,
 * late, at any point; or typed as of 11-05 and moved to 10-25 at the end): the parent reads as in date order, closed 10-25 and
 * reopened whole 10-28, 市财政局's part returned, and the history says so — 销号 10-25 and 重新打开 10-28 standing, nothing else.
 * Before, once 市发改委's re-report had passed, the late pass wrote 销号 10-25 alone and the parent read closed on 11-02.
 */
describe.each<Kind>(['finding', 'item'])('a %s’s part-only reopening found closed, whatever was typed after it (breaker53-8 S1 S4)', (kind) => {
  const word = kind === 'finding' ? '销号' : '完成';
  const fresh = () => {
    const office = new Office(kind);
    // An item's third unit is not in this story: taken out of the plan before anything else happens.
    if (kind === 'item') expect(office.decide({ type: 'ReviseWorkPlanItem', actor: supervisor, today: TODAY, revisedOn: '2026-10-20', reason: '职责调整', removeUnitIds: ['dh'], unknownUnitIds: [] } as unknown as Command)).toBe(true);
    expect(office.inspect('fgw', '2026-10-22', 'PASSED')).toBe(true);
    return office;
  };
  const chain = (office: Office) => [() => office.reopen('2026-10-28'), () => office.report('fgw', '2026-11-01'), () => office.inspect('fgw', '2026-11-02', 'PASSED')];
  const storyLines = (office: Office) =>
    historyNow(office).filter((entry) => CLOSE_OUTS.has(entry.type) || REOPENINGS.has(entry.type)).map((entry) => `${dayOf(entry)} ${CLOSE_OUTS.has(entry.type) ? word : '重新打开'}${entry.closeOutUndone ? `（${entry.closeOutUndone}）` : ''}`);
  const standingLines = (office: Office) => storyLines(office).filter((line) => !line.includes('（'));
  const stateOf = (office: Office) => {
    const now = office.at(EVERY_FACT);
    return { status: now.status, closedOn: now.closedOn, on1030: office.at(cutAsOf('2026-10-30')).status, on1026: office.at(cutAsOf('2026-10-26')).status };
  };
  const dateOrder = (() => {
    const office = fresh();
    office.inspect('czj', '2026-10-25', 'PASSED');
    for (const type of chain(office)) expect(type()).toBe(true);
    return office;
  })();

  it('in date order: closed 10-25, reopened whole 10-28, open with 市财政局’s part returned', () => {
    expect(stateOf(dateOrder)).toEqual({ status: 'OPEN', closedOn: null, on1030: 'OPEN', on1026: kind === 'finding' ? 'CLOSED' : 'COMPLETED' });
    expect(standingLines(dateOrder)).toEqual([`2026-10-25 ${word}`, '2026-10-28 重新打开']);
  });

  it.each([0, 1, 2, 3])('市财政局’s pass of 10-25 typed after %i of the reopening, the re-report and its pass: as in date order', (typedAfter) => {
    const office = fresh();
    const steps = chain(office);
    for (const type of steps.slice(0, typedAfter)) expect(type()).toBe(true);
    expect(office.inspect('czj', '2026-10-25', 'PASSED')).toBe(true);
    for (const type of steps.slice(typedAfter)) expect(type()).toBe(true);
    expect(stateOf(office)).toEqual(stateOf(dateOrder));
    expect(standingLines(office)).toEqual(standingLines(dateOrder));
    tellsOneStory(office);
  });

  it('市财政局’s pass typed as of 11-05 after them all (closing the parent), then moved to 10-25 (更正记录日期): as in date order', () => {
    const office = fresh();
    for (const type of chain(office)) expect(type()).toBe(true);
    expect(office.inspect('czj', '2026-11-05', 'PASSED')).toBe(true);
    expect(office.at(EVERY_FACT).closedOn).toBe('2026-11-05');
    expect(office.decide({ type: 'CorrectFactDate', ...base, actor: supervisor, unitId: 'czj', factType: 'InspectionLogged', previousOn: '2026-11-05', on: '2026-10-25', reason: '督查单日期' } as unknown as Command)).toBe(true);
    expect(stateOf(office)).toEqual(stateOf(dateOrder));
    expect(standingLines(office)).toEqual(standingLines(dateOrder));
    tellsOneStory(office);
  });
});

/**
 * The 撤销交办 stories (breaker53-8 S4, breaker54-8 S3 S8): a finding whose 市财政局 (czj) was given it by mistake and reported
 * nothing of its own — the report of the setup retracted (撤销误录) — and 市发改委 (fgw) passed on 10-22.
 */
function fgwPassedCzjReportRetracted(): Office {
  const office = new Office('finding');
  expect(office.decide({ type: 'RetractRecord', ...base, actor: supervisor, unitId: 'czj', factType: 'RectificationReported', on: '2026-10-21', reason: '误录' } as unknown as Command)).toBe(true);
  expect(office.inspect('fgw', '2026-10-22', 'PASSED')).toBe(true);
  return office;
}
const retractCzjAssignment = (office: Office) => office.decide({ type: 'RetractRecord', ...base, actor: supervisor, unitId: 'czj', factType: 'UnitAssigned', on: '2026-10-05', reason: '交办单位选错' } as unknown as Command);

/** Then fgw's part reopened on 10-28 (part-only: the finding was open), re-reported 11-01 and passed 11-02, and czj's 交办 retracted. */
function czjRetractedAfterTheReopening(): Office {
  const office = fgwPassedCzjReportRetracted();
  expect(office.reopen('2026-10-28')).toBe(true);
  expect(office.report('fgw', '2026-11-01')).toBe(true);
  expect(office.inspect('fgw', '2026-11-02', 'PASSED')).toBe(true);
  expect(retractCzjAssignment(office)).toBe(true);
  return office;
}

describe('撤销交办 of a unit given the finding by mistake, after a part-only reopening answered (breaker53-8 S4)', () => {
  it('the 销号 of the day it closed and the 重新打开 are written, each day’s history says what its status says, each line entered when it was', () => {
    const office = czjRetractedAfterTheReopening();
    const retractedAt = office.timeline.at(-1)!.metadata.recordedAt;
    expect(office.at(EVERY_FACT)).toMatchObject({ status: 'CLOSED', closedOn: '2026-11-02' });
    const lines = (day: string) =>
      office.at(cutAsOf(day)).history.filter((entry) => CLOSE_OUTS.has(entry.type) || REOPENINGS.has(entry.type)).map((entry) => `${dayOf(entry)} ${entry.type} ${entry.metadata.recordedAt}${entry.closeOutUndone ? ` ${entry.closeOutUndone}` : ''}`);
    expect(office.at(cutAsOf('2026-10-25'))).toMatchObject({ status: 'CLOSED', closedOn: '2026-10-22' });
    expect(lines('2026-10-25')).toEqual([`2026-10-22 FindingClosedOut ${retractedAt}`]);
    expect(office.at(cutAsOf('2026-10-30'))).toMatchObject({ status: 'OPEN' });
    expect(lines('2026-10-30')).toEqual([`2026-10-22 FindingClosedOut ${retractedAt}`, `2026-10-28 FindingReopened ${retractedAt}`]);
    expect(lines('2026-11-03')).toEqual([`2026-10-22 FindingClosedOut ${retractedAt}`, `2026-10-28 FindingReopened ${retractedAt}`, `2026-11-02 FindingClosedOut ${retractedAt}`]);
    tellsOneStory(office);
  });
});

describe('an item’s unit taken off before a part-only reopening the other parts answered since (breaker53-8 S1)', () => {
  it('完成 on the removal day and 重新打开 are written, then 完成 on their last pass: as in date order', () => {
    const office = new Office('item');
    expect(office.inspect('fgw', '2026-10-22', 'PASSED')).toBe(true);
    expect(office.inspect('czj', '2026-10-25', 'PASSED')).toBe(true);
    // 东湖区 (dh) still owes its part: the reopening returns the two verified parts only. (Taken off on a day the walks' day-by-day fold reads.)
    expect(office.reopen('2026-10-28')).toBe(true);
    for (const unitId of ['fgw', 'czj']) expect(office.report(unitId, '2026-11-01')).toBe(true);
    expect(office.inspect('fgw', '2026-11-02', 'PASSED')).toBe(true);
    expect(office.inspect('czj', '2026-11-02', 'PASSED')).toBe(true);
    expect(office.at(EVERY_FACT).status).toBe('OPEN');
    expect(office.decide({ type: 'ReviseWorkPlanItem', actor: supervisor, today: TODAY, revisedOn: '2026-10-25', reason: '职责调整', removeUnitIds: ['dh'], unknownUnitIds: [] } as unknown as Command)).toBe(true);
    expect(office.at(EVERY_FACT)).toMatchObject({ status: 'COMPLETED', closedOn: '2026-11-02' });
    expect(office.at(cutAsOf('2026-10-27'))).toMatchObject({ status: 'COMPLETED', closedOn: '2026-10-25' });
    expect(office.at(cutAsOf('2026-10-30')).status).toBe('OPEN');
    const lines = historyNow(office).filter((entry) => CLOSE_OUTS.has(entry.type) || REOPENINGS.has(entry.type)).map((entry) => `${dayOf(entry)} ${entry.type}${entry.closeOutUndone ? ` ${entry.closeOutUndone}` : ''}`);
    expect(lines).toEqual(['2026-10-25 WorkPlanItemCompleted', '2026-10-28 WorkPlanItemReopened', '2026-11-02 WorkPlanItemCompleted']);
    tellsOneStory(office);
  });
});

/*
 * h54b (breaker54-8 S1 S2 S6 S8 M3, newcomer54-8 M2): what the server writes for a part-only reopening found closed — the
 * parent's 重新打开, the other parts returned — follows the office's reopening it answers, in every typing order: retracted with
 * it, moved with it, void once the pass that made it so moves past it, never in the way of correcting that pass, and listed by
 * the supervisor who entered the reopening. The same records typed in date order and retracted or corrected the same way read alike.
 */
/**
 * The office of the found-closed stories (h54b, h56a): fgw's part passed on 2026-10-22 — for an item after dh was taken off it on
 * 2026-10-20, so that pass completes it.
 */
function passedWithDhOff(kind: Kind): Office {
  const office = new Office(kind);
  if (kind === 'item') expect(office.decide({ type: 'ReviseWorkPlanItem', actor: supervisor, today: TODAY, revisedOn: '2026-10-20', reason: '职责调整', removeUnitIds: ['dh'], unknownUnitIds: [] } as unknown as Command)).toBe(true);
  expect(office.inspect('fgw', '2026-10-22', 'PASSED')).toBe(true);
  return office;
}

describe.each<Kind>(['finding', 'item'])('a %s’s reopening found closed follows the reopening it answers (h54b)', (kind) => {
  const word = kind === 'finding' ? '销号' : '完成';
  const [closed, open] = kind === 'finding' ? ['CLOSED', 'OPEN'] : ['COMPLETED', 'OPEN'];
  const fresh = () => passedWithDhOff(kind);
  const lines = (office: Office) =>
    office.at(EVERY_FACT).history.filter((entry) => CLOSE_OUTS.has(entry.type) || REOPENINGS.has(entry.type)).map((entry) => `${dayOf(entry)} ${CLOSE_OUTS.has(entry.type) ? word : '重新打开'}${entry.closeOutUndone ? `（${entry.closeOutUndone}）` : ''}${entry.retracted ? '（已撤销）' : ''}`);
  const standing = (office: Office) => lines(office).filter((line) => !line.includes('（'));
  const stateOf = (office: Office) => {
    const now = office.at(EVERY_FACT);
    return { status: now.status, closedOn: now.closedOn, ...Object.fromEntries(['2026-10-26', '2026-10-29', '2026-10-31', '2026-11-03'].map((day) => [day, office.at(cutAsOf(day)).status])), standing: standing(office) };
  };
  const retractReopening = (office: Office, on: string) => office.decide({ type: 'RetractRecord', ...base, actor: supervisor, unitId: 'fgw', factType: 'PartsReopened', on, reason: '误录' } as unknown as Command);
  const redate = (office: Office, unitId: string, factType: string, previousOn: string, on: string) => office.decide({ type: 'CorrectFactDate', ...base, actor: supervisor, unitId, factType, previousOn, on, reason: '纸质记录日期' } as unknown as Command);
  /** 市发改委 passed 10-22; 市财政局's pass of 10-25 and the reopening of 10-28 typed in `order`. */
  const typedIn = (order: 'date' | 'late') => {
    const office = fresh();
    const steps = [() => office.inspect('czj', '2026-10-25', 'PASSED'), () => office.reopen('2026-10-28')];
    for (const type of order === 'date' ? steps : [...steps].reverse()) expect(type()).toBe(true);
    return office;
  };

  it('the part-only reopening typed first, then 市财政局’s pass: as in date order, the 重新打开 by the supervisor who entered the reopening (M3)', () => {
    const late = typedIn('late');
    expect(stateOf(late)).toEqual(stateOf(typedIn('date')));
    const reopenings = late.at(EVERY_FACT).history.filter((entry) => REOPENINGS.has(entry.type) || entry.type === 'PartsReopened');
    expect(reopenings.map((entry) => [entry.type, entry.occurredOn, entry.metadata.actorId])).toEqual([
      ['PartsReopened', '2026-10-28', supervisor.id],
      [kind === 'finding' ? 'FindingReopened' : 'WorkPlanItemReopened', '2026-10-28', supervisor.id],
      ['PartsReopened', '2026-10-28', supervisor.id],
    ]);
  });

  it.each(['date', 'late'] as const)('typed in %s order, the reopening retracted (撤销误录): closed on 10-25, nothing reopened (S1)', (order) => {
    const office = typedIn(order);
    expect(retractReopening(office, '2026-10-28')).toBe(true);
    expect(stateOf(office)).toEqual({ status: closed, closedOn: '2026-10-25', '2026-10-26': closed, '2026-10-29': closed, '2026-10-31': closed, '2026-11-03': closed, standing: [`2026-10-25 ${word}`] });
    expect(lines(office)).toEqual([`2026-10-25 ${word}`, '2026-10-28 重新打开（已撤销）']);
    tellsOneStory(office);
  });

  it.each(['date', 'late'] as const)('typed in %s order, the reopening moved to 10-30 (更正记录日期): closed 10-25, reopened whole on 10-30 (S8)', (order) => {
    const office = typedIn(order);
    expect(redate(office, 'fgw', 'PartsReopened', '2026-10-28', '2026-10-30')).toBe(true);
    const { standing: listed, ...views } = stateOf(office);
    expect(views).toEqual({ status: open, closedOn: null, '2026-10-26': closed, '2026-10-29': closed, '2026-10-31': open, '2026-11-03': open });
    // The office's own reopening (date order) is listed as entered, its correction beside it; the one the server wrote for it is
    // listed where it stands now — never struck out as 「未曾重新打开」 (S8).
    expect(listed).toEqual([`2026-10-25 ${word}`, order === 'date' ? '2026-10-28 重新打开' : '2026-10-30 重新打开']);
    if (order === 'late') tellsOneStory(office);
  });

  describe('given the reopening, 市发改委’s re-report of 11-01 and pass of 11-02, then 市财政局’s pass of paper day 11-04 typed as 10-25', () => {
    const typedWrong = () => {
      const office = fresh();
      for (const type of [() => office.reopen('2026-10-28'), () => office.report('fgw', '2026-11-01'), () => office.inspect('fgw', '2026-11-02', 'PASSED'), () => office.inspect('czj', '2026-10-25', 'PASSED')]) expect(type()).toBe(true);
      expect(office.at(EVERY_FACT).status).toBe(open);
      return office;
    };
    const typedRight = () => {
      const office = fresh();
      for (const type of [() => office.reopen('2026-10-28'), () => office.report('fgw', '2026-11-01'), () => office.inspect('fgw', '2026-11-02', 'PASSED'), () => office.inspect('czj', '2026-11-04', 'PASSED')]) expect(type()).toBe(true);
      return office;
    };

    it('when the pass is moved to 11-04 (更正记录日期): accepted, as typed on 11-04 — the 重新打开 written for it no longer stands (S2)', () => {
      const office = typedWrong();
      expect(redate(office, 'czj', 'InspectionLogged', '2026-10-25', '2026-11-04')).toBe(true);
      expect(stateOf(office)).toEqual(stateOf(typedRight()));
      expect(stateOf(office)).toMatchObject({ status: closed, closedOn: '2026-11-04' });
      expect(lines(office).filter((line) => line.includes('重新打开'))).toEqual(['2026-10-28 重新打开（2026-12-07 更正督查日期后重新打开不成立）']);
      tellsOneStory(office);
    });

    it('when the pass is retracted (撤销误录): accepted, as if never typed (S2)', () => {
      const office = typedWrong();
      expect(office.decide({ type: 'RetractRecord', ...base, actor: supervisor, unitId: 'czj', factType: 'InspectionLogged', on: '2026-10-25', reason: '日期录错' } as unknown as Command)).toBe(true);
      const never = fresh();
      for (const type of [() => never.reopen('2026-10-28'), () => never.report('fgw', '2026-11-01'), () => never.inspect('fgw', '2026-11-02', 'PASSED')]) expect(type()).toBe(true);
      expect(stateOf(office)).toEqual(stateOf(never));
    });

    it('when its outcome is corrected to 不通过 (更正督查记录): accepted, the part returned by the failure (S2)', () => {
      const office = typedWrong();
      const inspectionId = office.inspectionsOf('czj').at(-1)!.inspectionId;
      expect(office.decide({ type: 'CorrectInspection', ...base, actor: supervisor, unitId: 'czj', inspectionId, outcome: 'FAILED', newDueDate: '2026-12-15', reason: '纸质记录为不通过' } as unknown as Command)).toBe(true);
      expect(stateOf(office)).toMatchObject({ status: open, '2026-10-26': open, '2026-10-29': open });
    });
  });

  it('the part-only reopening typed as of 10-24, before 市财政局’s pass of 10-25, re-reported and passed, then moved to 10-28: as in date order (S6)', () => {
    const office = fresh();
    for (const type of [() => office.reopen('2026-10-24'), () => office.inspect('czj', '2026-10-25', 'PASSED'), () => office.report('fgw', '2026-11-01'), () => office.inspect('fgw', '2026-11-02', 'PASSED')]) expect(type()).toBe(true);
    expect(office.at(EVERY_FACT)).toMatchObject({ status: closed, closedOn: '2026-11-02' });
    expect(redate(office, 'fgw', 'PartsReopened', '2026-10-24', '2026-10-28')).toBe(true);
    const dateOrder = typedIn('date');
    for (const type of [() => dateOrder.report('fgw', '2026-11-01'), () => dateOrder.inspect('fgw', '2026-11-02', 'PASSED')]) expect(type()).toBe(true);
    expect(stateOf(office)).toEqual(stateOf(dateOrder));
    expect(stateOf(office)).toMatchObject({ status: open, standing: [`2026-10-25 ${word}`, '2026-10-28 重新打开'] });
    tellsOneStory(office);
  });
});

describe('the 重新打开 written with 撤销交办, the reopening then moved (breaker54-8 S8)', () => {
  it('moves with the reopening and stands: 销号 10-22, 重新打开 10-30, 销号 11-02 — not 「撤销误录后销号不成立，未曾重新打开」', () => {
    const office = czjRetractedAfterTheReopening();
    expect(office.decide({ type: 'CorrectFactDate', ...base, actor: supervisor, unitId: 'fgw', factType: 'PartsReopened', previousOn: '2026-10-28', on: '2026-10-30', reason: '重新打开日期录错' } as unknown as Command)).toBe(true);
    expect(office.at(EVERY_FACT)).toMatchObject({ status: 'CLOSED', closedOn: '2026-11-02' });
    const lines = office.at(EVERY_FACT).history.filter((entry) => CLOSE_OUTS.has(entry.type) || REOPENINGS.has(entry.type)).map((entry) => `${dayOf(entry)} ${entry.type}${entry.closeOutUndone ? ` ${entry.closeOutUndone}` : ''}`);
    expect(lines).toEqual(['2026-10-22 FindingClosedOut', '2026-10-30 FindingReopened', '2026-11-02 FindingClosedOut']);
    expect(office.at(cutAsOf('2026-10-29')).status).toBe('CLOSED');
    expect(office.at(cutAsOf('2026-10-31')).status).toBe('OPEN');
    tellsOneStory(office);
  });
});

describe('a 销号 written with 撤销交办, its pass then moved (breaker54-8 S3, newcomer54-8 S4)', () => {
  it('reads as the same correction without the retraction: the copy 「…改记于 10-25」, the standing 销号 原录 10-22, entered when first recorded', () => {
    const office = fgwPassedCzjReportRetracted();
    expect(retractCzjAssignment(office)).toBe(true);
    const closedAt = office.timeline.at(-1)!.metadata.recordedAt;
    expect(office.decide({ type: 'CorrectFactDate', ...base, actor: supervisor, unitId: 'fgw', factType: 'InspectionLogged', previousOn: '2026-10-22', on: '2026-10-25', reason: '督查单日期' } as unknown as Command)).toBe(true);
    const closeOuts = office.at(EVERY_FACT).history.filter((entry) => CLOSE_OUTS.has(entry.type)).map((entry) => [dayOf(entry), entry.metadata.recordedAt, (entry.data as { closedOnAsEntered?: string }).closedOnAsEntered ?? null, entry.closeOutUndone ?? null]);
    expect(closeOuts).toEqual([
      ['2026-10-22', closedAt, null, '2026-12-07 更正督查日期后销号改记于 2026-10-25'],
      ['2026-10-25', closedAt, '2026-10-22', null],
    ]);
    tellsOneStory(office);
  });
});

describe.each<Kind>(['finding', 'item'])('a %s’s reopening found closed, listed now as folded; a reopening of a day it was open (h56a, breaker55-8 S1 S3 S7 S9)', (kind) => {
  const word = kind === 'finding' ? '销号' : '完成';
  const fresh = () => passedWithDhOff(kind);
  /** The parent's and the parts' 重新打开 lines as the API lists them now (the stream as judged), each as the line reads. */
  const reopeningsNow = (office: Office) =>
    historyNow(office)
      .filter((entry) => REOPENINGS.has(entry.type) || entry.type === 'PartsReopened')
      .filter((entry) => !(entry.type === 'PartsReopened' && (entry.data as { foundClosed?: true; unitIds?: string[] }).foundClosed && (entry.data as { unitIds?: string[] }).unitIds?.length === 0))
      .map((entry) => `${entry.occurredOn} ${entry.type === 'PartsReopened' ? `${(entry.data as { unitIds?: string[] }).unitIds?.join('、') ?? '各单位'}重新整改` : '重新打开'} ${entry.metadata.actorId === supervisor.id ? '张伟' : '王芳'}${entry.closeOutUndone ? `（${entry.closeOutUndone}）` : ''}${entry.retracted ? '（已撤销）' : ''}`);
  const reopeningsKnown = (office: Office) =>
    office
      .at(EVERY_FACT)
      .history.filter((entry) => REOPENINGS.has(entry.type) || entry.type === 'PartsReopened')
      .map((entry) => `${entry.occurredOn} ${entry.type === 'PartsReopened' ? `${(entry.data as { unitIds?: string[] }).unitIds?.join('、') ?? '各单位'}重新整改` : '重新打开'} ${entry.metadata.actorId === supervisor.id ? '张伟' : '王芳'}${entry.closeOutUndone ? `（${entry.closeOutUndone}）` : ''}${entry.retracted ? '（已撤销）' : ''}`);
  /** 市发改委 passed 10-22; the part-only reopening of 10-28 (市发改委's), then 市财政局's pass of 10-25 (王芳) typed after it. */
  const foundClosed = () => {
    const office = fresh();
    expect(office.reopen('2026-10-28')).toBe(true);
    expect(office.inspect('czj', '2026-10-25', 'PASSED')).toBe(true);
    return office;
  };
  const decide = (office: Office, command: Record<string, unknown>) => office.decide({ ...base, actor: supervisor, reason: '录入错误', ...command } as unknown as Command);

  it('the other parts’ 重新打开 reads now as known: by the supervisor who reopened, not by the inspector whose pass made it so', () => {
    const office = foundClosed();
    expect(reopeningsNow(office)).toEqual(['2026-10-28 fgw重新整改 张伟', '2026-10-28 重新打开 张伟', '2026-10-28 czj重新整改 张伟']);
    expect(reopeningsNow(office)).toEqual(reopeningsKnown(office));
  });

  it.each([
    ['its cause retracted (撤销此记录)', { type: 'RetractRecord', unitId: 'fgw', factType: 'PartsReopened', on: '2026-10-28' }, ['2026-10-28 fgw重新整改 张伟（已撤销）', '2026-10-28 重新打开 张伟（已撤销）', '2026-10-28 czj重新整改 张伟（已撤销）']],
    ['its cause moved to 10-30 (更正记录日期)', { type: 'CorrectFactDate', unitId: 'fgw', factType: 'PartsReopened', previousOn: '2026-10-28', on: '2026-10-30' }, ['2026-10-28 fgw重新整改 张伟', '2026-10-30 重新打开 张伟', '2026-10-30 czj重新整改 张伟']],
    ['the pass that made it so retracted', { type: 'RetractRecord', unitId: 'czj', factType: 'InspectionLogged', on: '2026-10-25' }, ['2026-10-28 fgw重新整改 张伟', '2026-10-28 重新打开 张伟（2026-12-07 撤销误录后重新打开不成立）', '2026-10-28 czj重新整改 张伟（2026-12-07 撤销误录后重新打开不成立）']],
    ['the pass that made it so moved to 10-29', { type: 'CorrectFactDate', unitId: 'czj', factType: 'InspectionLogged', previousOn: '2026-10-25', on: '2026-10-29' }, ['2026-10-28 fgw重新整改 张伟', '2026-10-28 重新打开 张伟（2026-12-07 更正督查日期后重新打开不成立）', '2026-10-28 czj重新整改 张伟（2026-12-07 更正督查日期后重新打开不成立）']],
  ])('%s: both its lines follow, now as known, never unmarked on the old day', (_what, command, expected) => {
    const office = foundClosed();
    expect(decide(office, command)).toBe(true);
    expect(reopeningsNow(office)).toEqual(expected);
    expect(reopeningsNow(office)).toEqual(reopeningsKnown(office));
  });

  it('retracted or moved alone, it is refused, nothing written — before and after its cause no longer stands', () => {
    const office = foundClosed();
    const length = office.timeline.length;
    expect(decide(office, { type: 'RetractRecord', unitId: 'czj', factType: 'PartsReopened', on: '2026-10-28' })).toBe(false);
    expect(decide(office, { type: 'CorrectFactDate', unitId: 'czj', factType: 'PartsReopened', previousOn: '2026-10-28', on: '2026-10-29' })).toBe(false);
    expect(decide(office, { type: 'RetractRecord', unitId: 'czj', factType: 'InspectionLogged', on: '2026-10-25' })).toBe(true);
    expect(decide(office, { type: 'RetractRecord', unitId: 'czj', factType: 'PartsReopened', on: '2026-10-28' })).toBe(false);
    expect(office.timeline.length).toBe(length + 1);
  });

  it(`S9: ${word} on 10-25, then a 重新打开 of 10-23 typed (open that day): 市发改委’s verified part reopened; the whole’s line says it reopened nothing`, () => {
    const office = fresh();
    expect(office.inspect('czj', '2026-10-25', 'PASSED')).toBe(true);
    expect(office.reopen('2026-10-23')).toBe(true);
    expect(office.at(EVERY_FACT)).toMatchObject({ status: 'OPEN', closedOn: null });
    expect(reopeningsNow(office)).toEqual([`2026-10-23 重新打开 张伟（2026-10-23 尚未${word}（2026-10-25 才${word}），此重新打开只退回当日已核验的任务）`, '2026-10-23 fgw重新整改 张伟']);
    expect(reopeningsNow(office)).toEqual(reopeningsKnown(office));
    // As typed in date order, where the reopening was part-only: no 重新打开 of the whole stands.
    const dateOrder = fresh();
    expect(dateOrder.reopen('2026-10-23')).toBe(true);
    expect(dateOrder.inspect('czj', '2026-10-25', 'PASSED')).toBe(true);
    expect(reopeningsNow(dateOrder).filter((line) => !line.includes('（'))).toEqual(reopeningsNow(office).filter((line) => !line.includes('（')));
  });
});
