import type { DueDateLimit } from '../../assignments/domain/assignment.commands.js';
import type { Actor } from '../../shared/command-context.js';
import { Decider, unreachable } from '../../shared/decider.js';
import { DomainError, badInput, conflict, named, notFound, say, valueChangedMeanwhile } from '../../shared/domain-error.js';
import { isBlank, requireBusinessDay, requireCalendarDate, requireNotBefore, requireRole, requireText, type DatedFact } from '../../shared/guards.js';
import {
  workPlanIdFor,
  workPlanItemIdFor,
  type WorkPlanEvent,
  type WorkPlanImported,
  type WorkPlanOutline,
  type WorkPlanRevised,
  type WorkPlanSource,
} from './work-plan.events.js';

/**
 * A plan bounds its items' due dates: nothing of a year's plan is due after its last day — 12-31 of its year, or of its
 * `lastYear` for a plan over several years (三年行动计划（2026—2028年）: 2028-12-31, breaker10m P6) — without a supervisor's
 * override.
 */
export const dueDateLimitOf = (plan: { readonly title: string; readonly year: number; readonly lastYear?: number }): DueDateLimit => ({
  latest: `${planLastYear(plan)}-12-31`,
  setBy: say(`the period of work plan 「${plan.title}」 (${planYears(plan)})`, `工作方案「${plan.title}」的期限`),
});

/** The last year of a plan's period: its `lastYear` (a plan over several years), else its year. */
export const planLastYear = (plan: { readonly year: number; readonly lastYear?: number }): number => (plan.lastYear !== undefined && plan.lastYear > plan.year ? plan.lastYear : plan.year);

/** A plan's years as offices write them: `2026`, or `2026—2028` for a plan over several years. */
export const planYears = (plan: { readonly year: number; readonly lastYear?: number }): string => (planLastYear(plan) > plan.year ? `${plan.year}—${planLastYear(plan)}` : String(plan.year));

// ---------------------------------------------------------------------------------------------
// commands

/**
 * Records a plan's outline from an imported file. The handler derives `planId` with
 * `workPlanIdFor(year, title)` and each `itemId` with `workPlanItemIdFor(planId, code)`, then
 * defines every item in its own stream (DefineWorkPlanItem).
 */
export interface ImportWorkPlan {
  readonly type: 'ImportWorkPlan';
  readonly actor: Actor;
  /** The office's current day (China time): the plan cannot be approved after it. */
  readonly today: string;
  /** `data.approvedOn`: the office day the plan was approved (印发), today when entered as it happens. */
  readonly data: WorkPlanImported['data'];
  /**
   * The office day its items' units are assigned (交办), on or after `data.approvedOn`: checked here
   * once for the whole file, and again by each item (DefineWorkPlanItem.planApprovedOn).
   */
  readonly partsAssignedOn: string;
}

/**
 * Applies a new version of an imported plan (same title and year): its outline replaces the old
 * one. The handler revises, adds and withdraws the items in their own streams.
 */
export interface RevisePlan {
  readonly type: 'RevisePlan';
  readonly actor: Actor;
  /** `revisedOn`: the office day the new version is applied. */
  readonly data: WorkPlanRevised['data'];
}

/**
 * Corrects the day the plan was approved, with a reason. The handler looks up what the plan's
 * items hold the day to: no item is assigned, nor due, before the plan's approval.
 */
export interface CorrectPlanApproval {
  readonly type: 'CorrectPlanApproval';
  readonly actor: Actor;
  /** The office's current day (China time). */
  readonly today: string;
  readonly approvedOn: string;
  readonly reason: string;
  /**
   * The approval day as the form showed it (`YYYY-MM-DD`; sent by the web app, absent: not checked). Another day now — corrected
   * meanwhile by a colleague — is CONFLICT naming who set which day when (valueChangedMeanwhile), nothing changed (issue 9).
   */
  readonly expectedApprovedOn?: string;
  /** The earliest assignment day of any part of its items; null without parts. */
  readonly earliestAssignedOn: string | null;
  /** The earliest due date of its items (withdrawn ones included: they were due too); null without items. */
  readonly earliestDueDate: string | null;
}

/**
 * Corrects the office day the plan's import assigned its items (newcomer36 S14), with a reason, as one act: this records the plan's
 * fact (`WorkPlanImportDateCorrected`); the handler corrects each part assigned on `previousAssignedOn` in its item's stream
 * (`CorrectFactDate` of `UnitAssigned`) in the same request, all or nothing, and the approval day first when it is wrong too
 * (`CorrectPlanApproval`, earlier in the same batch: the plan as decided here already has it). Days `YYYY-MM-DD`, China time.
 */
export interface CorrectPlanImportDate {
  readonly type: 'CorrectPlanImportDate';
  readonly actor: Actor;
  /** The office's current day (China time): the corrected day is not after it. */
  readonly today: string;
  /** The day the import's parts read as assigned now (as the form showed it). */
  readonly previousAssignedOn: string;
  /** The right day: not in the future, not before the plan's approval. */
  readonly assignedOn: string;
  readonly reason: string;
  /** The items whose parts were assigned on `previousAssignedOn` (looked up by the handler); none: NOT_FOUND. */
  readonly itemIds: readonly string[];
  /**
   * The approval day as this request leaves it, when it corrects that too (`CorrectPlanApproval` earlier in the same request: a batch
   * checks each command on its stream as stored, so the plan here may not have it yet). Absent: the plan's approval as it stands.
   */
  readonly approvedOn?: string;
}

export type WorkPlanCommand = ImportWorkPlan | RevisePlan | CorrectPlanApproval | CorrectPlanImportDate;

// ---------------------------------------------------------------------------------------------
// state

export type WorkPlanState =
  | { readonly status: 'empty' }
  | {
      readonly status: 'imported';
      readonly planId: string;
      readonly title: string;
      readonly year: number;
      /** The last year of a plan over several years (`WorkPlanOutline.lastYear`); absent for a year's plan. A revision keeps it. */
      readonly lastYear?: number;
      readonly source: WorkPlanSource;
      /** The office day the plan was approved (印发); a revision keeps it. */
      readonly approvedOn: string;
      /** The outline as it stands after the latest version. */
      readonly categories: WorkPlanImported['data']['categories'];
      /**
       * The office day the latest version of its file took effect (`revisedOn`; the approval day for
       * the first) and that file's name: a version dated before it is not applied after it.
       */
      readonly version?: { readonly on: string; readonly fileName: string };
      /**
       * The earliest change made to the imported plan (`WorkPlanRevised`: a version of another file, or an item added on its own)
       * — its office day and the file it came with: the plan's approval and its import's assignment day are not moved past it
       * (breaker10t P6: a version's re-dating no longer reached parts whose assignment was moved after it). Absent while unchanged.
       */
      readonly firstRevision?: { readonly on: string; readonly fileName: string; readonly itemAdded: boolean };
      /**
       * The files of the plan's earlier versions, by sha256, each with its name and the office day it took effect (the approval day for
       * the first): one sent again after a revision is that earlier version, never a new one (breaker42-10 F4). Absent while unrevised.
       */
      readonly earlierSources?: Readonly<Record<string, EarlierSource>>;
      /**
       * The import's assignment days corrected away, each with the day it reads now (`WorkPlanImportDateCorrected`, followed through
       * later corrections): a correction sent for a day corrected meanwhile is told who moved it where (issue 9). Absent: none.
       */
      readonly importDateMovedTo?: Readonly<Record<string, string>>;
    };

/**
 * One earlier version's file: its name, the office day it took effect (the approval day for the first) and, when recorded, the digest
 * of what it says (`WorkPlanSource.contentDigest`): the same version in other bytes is known by it (newcomer43-10 #3).
 */
export interface EarlierSource {
  readonly fileName: string;
  readonly on: string;
  readonly contentDigest?: string;
}

export const workPlanDecider: Decider<WorkPlanCommand, WorkPlanState, WorkPlanEvent> = {
  initialState: () => ({ status: 'empty' }),
  evolve: evolveWorkPlan,
  decide: decideWorkPlan,
};

/**
 * The plan's earlier files once its current one is superseded by the file `next`: `next` itself, if among them, is current again —
 * and so is an earlier file saying what it says (the same `contentDigest`), never an earlier version of itself.
 */
function superseded(state: Extract<WorkPlanState, { status: 'imported' }>, next: WorkPlanSource): Readonly<Record<string, EarlierSource>> {
  const current: EarlierSource = { fileName: state.source.fileName, on: state.version?.on ?? state.approvedOn, ...(state.source.contentDigest === undefined ? {} : { contentDigest: state.source.contentDigest }) };
  const { [next.sha256]: _current, ...others } = { ...state.earlierSources, [state.source.sha256]: current };
  return Object.fromEntries(Object.entries(others).filter(([, earlier]) => next.contentDigest === undefined || earlier.contentDigest !== next.contentDigest));
}

function evolveWorkPlan(state: WorkPlanState, event: WorkPlanEvent): WorkPlanState {
  switch (event.type) {
    case 'WorkPlanImported': {
      const { planId, title, year, source, categories, approvedOn, lastYear } = event.data;
      return { status: 'imported', planId, title, year, ...(lastYear === undefined ? {} : { lastYear }), source, categories, approvedOn };
    }
    case 'WorkPlanApprovalCorrected':
      if (state.status !== 'imported') return state;
      return { ...state, approvedOn: event.data.approvedOn };
    case 'WorkPlanImportDateCorrected': {
      // The items' assignment days are theirs (their own FactDateCorrected); the plan keeps the record of the act, and where each
      // corrected day went (a form still showing it is told).
      if (state.status !== 'imported') return state;
      const { previousAssignedOn, assignedOn } = event.data;
      const followed = Object.fromEntries(Object.entries(state.importDateMovedTo ?? {}).map(([day, to]) => [day, to === previousAssignedOn ? assignedOn : to]));
      const { [assignedOn]: _back, ...moved } = { ...followed, [previousAssignedOn]: assignedOn };
      return { ...state, importDateMovedTo: moved };
    }
    case 'WorkPlanRevised': {
      if (state.status !== 'imported') return state;
      const { planId, title, year, source, categories, revisedOn } = event.data;
      // An item added on its own keeps the plan's file: only another file is a new version. A version keeps the plan's period.
      const version = source.sha256 === state.source.sha256 ? state.version : { on: revisedOn, fileName: source.fileName };
      const firstRevision = state.firstRevision && state.firstRevision.on <= revisedOn ? state.firstRevision : { on: revisedOn, fileName: source.fileName, itemAdded: source.sha256 === state.source.sha256 };
      const earlierSources = source.sha256 === state.source.sha256 ? state.earlierSources : superseded(state, source);
      return { ...state, planId, title, year, source, categories, ...(version ? { version } : {}), firstRevision, ...(earlierSources ? { earlierSources } : {}) };
    }
    default:
      return unreachable(event);
  }
}

// ---------------------------------------------------------------------------------------------
// decide

const SHA256 = /^[0-9a-f]{64}$/;

function decideWorkPlan(command: WorkPlanCommand, state: WorkPlanState): WorkPlanEvent[] {
  switch (command.type) {
    case 'ImportWorkPlan':
      return importWorkPlan(command, state);
    case 'RevisePlan':
      return revisePlan(command, state);
    case 'CorrectPlanApproval':
      return correctApproval(command, state);
    case 'CorrectPlanImportDate':
      return correctImportDate(command, state);
    default:
      return unreachable(command);
  }
}

/**
 * A plan is imported once. Importing the very same file again (same sha256) changes nothing; any
 * other document with the plan's year and title is refused, so that two versions of a plan never
 * mix. Changing an imported plan is not an import.
 */
function importWorkPlan(command: ImportWorkPlan, state: WorkPlanState): WorkPlanEvent[] {
  const { data } = command;
  requireRole(command.actor, ['SUPERVISOR', 'ADMIN', 'SYSTEM'], say('import work plans', '导入工作方案'));
  if (state.status === 'imported') {
    // The same file again changes nothing; an item added on its own keeps the plan's file but not its outline.
  if (state.source.sha256 === data.source.sha256 && JSON.stringify(state.categories) === JSON.stringify(data.categories)) return [];
    throw conflict(
      `Work plan "${state.title}" (${planYears(state)}) was already imported from ${state.source.fileName} ` +
        `(sha256 ${state.source.sha256.slice(0, 12)}…); ${data.source.fileName} ` +
        `(sha256 ${data.source.sha256.slice(0, 12)}…) is a different document. ` +
        'If it is a new version of the same plan, see the difference with --dry-run (dryRun: true) and apply it with ' +
        '--revise (revise: true): progress is kept. A different plan needs another title or year.',
      `工作方案“${state.title}”（${planYears(state)} 年）已从 ${state.source.fileName} 导入；${data.source.fileName} 是另一份文件。` +
        '如是同一方案的新版本，请勾选“按新版本调整”：可先“预览（不写入）”查看差异，再导入，已有进度保留；如是另一方案，请另起标题或年份。',
    );
  }
  // The import's input fields: a refusal of a day goes beside it on the import form.
  requireBusinessDay(data.approvedOn, command.today, named('approvedOn', 'The day the plan was approved', '方案批准日期'));
  requireBusinessDay(command.partsAssignedOn, command.today, named('assignedOn', 'The assignment date', '交办日期'));
  requireNotBefore({ day: command.partsAssignedOn, what: named('assignedOn', 'the assignment date of its items', '事项交办日期') }, planApproval(data.approvedOn));
  return validOutline(data, [{ type: 'WorkPlanImported', data }]);
}

/**
 * A supervisor corrects the approval day, keeping the plan's order: not in the future, not after
 * the assignment of any of its items' parts, nor after any of their due dates.
 */
function correctApproval(command: CorrectPlanApproval, state: WorkPlanState): WorkPlanEvent[] {
  requireRole(command.actor, ['SUPERVISOR'], say('correct a plan’s approval day', '更正方案批准日期'));
  if (state.status !== 'imported') throw new DomainError('NOT_FOUND', say('The work plan has not been imported.', '该工作方案尚未导入。'));
  requireText(command.reason, named('reason', 'A reason for the correction', '更正理由'));
  if (command.expectedApprovedOn !== undefined && command.expectedApprovedOn !== state.approvedOn) {
    throw valueChangedMeanwhile(say(`The approval day of work plan 「${state.title}」`, `工作方案「${state.title}」的批准日期`), state.approvedOn, command.expectedApprovedOn, { types: ['WorkPlanApprovalCorrected'], field: 'expectedApprovedOn' });
  }
  const { approvedOn } = command;
  requireBusinessDay(approvedOn, command.today, named('approvedOn', 'The corrected approval date', '更正后的批准日期'));
  if (approvedOn === state.approvedOn) {
    throw badInput(`Work plan 「${state.title}」 is already approved on ${approvedOn}.`, `工作方案「${state.title}」的批准日期已是 ${approvedOn}。`);
  }
  const corrected = { day: approvedOn, what: say('the corrected approval date', '更正后的批准日期') };
  requireNotBefore(command.earliestAssignedOn === null ? corrected : { day: command.earliestAssignedOn, what: say('the first assignment of its items', '其事项最早的交办日期') }, corrected);
  requireNotBefore(command.earliestDueDate === null ? corrected : { day: command.earliestDueDate, what: say('the earliest due date of its items', '其事项最早的完成时限') }, corrected);
  requireBeforeFirstRevision(state, approvedOn, named('approvedOn', 'The corrected approval date', '更正后的批准日期'));
  return [{ type: 'WorkPlanApprovalCorrected', data: { planId: state.planId, previousApprovedOn: state.approvedOn, approvedOn, reason: command.reason.trim(), correctedOn: command.today } }];
}

/**
 * A supervisor corrects the day the plan's import assigned its items (newcomer36 S14): SUPERVISOR only (FORBIDDEN), an imported plan
 * (NOT_FOUND), a reason and a real day not in the future (BAD_USER_INPUT, on its field), another day than the one it reads
 * (BAD_USER_INPUT), parts assigned on that day (NOT_FOUND naming it: the form read another record), and not before the plan's
 * approval as it stands (BAD_USER_INPUT naming it: correct the approval day in the same request). Each part's own rules (a report
 * dated before the corrected assignment …) are its item's, decided with it.
 */
function correctImportDate(command: CorrectPlanImportDate, state: WorkPlanState): WorkPlanEvent[] {
  requireRole(command.actor, ['SUPERVISOR'], say('correct the day a plan’s items were assigned', '更正方案事项的交办日期'));
  if (state.status !== 'imported') throw new DomainError('NOT_FOUND', say('The work plan has not been imported.', '该工作方案尚未导入。'));
  requireText(command.reason, named('reason', 'A reason for the correction', '更正理由'));
  requireCalendarDate(command.previousAssignedOn, named('previousAssignedOn', 'The assignment date as it reads now', '原交办日期'));
  requireBusinessDay(command.assignedOn, command.today, named('assignedOn', 'The corrected assignment date', '更正后的交办日期'));
  if (command.assignedOn === command.previousAssignedOn) {
    throw badInput(`The items of work plan 「${state.title}」 are already assigned on ${command.assignedOn}.`, `工作方案「${state.title}」事项的交办日期已是 ${command.assignedOn}。`, { field: 'assignedOn' });
  }
  const movedTo = state.importDateMovedTo?.[command.previousAssignedOn];
  if (command.itemIds.length === 0 && movedTo !== undefined) {
    // Corrected since the form read it (issue 9): the second supervisor is told who moved it where, the first's day kept.
    throw valueChangedMeanwhile(say(`The assignment day of the items of work plan 「${state.title}」`, `工作方案「${state.title}」事项的交办日期`), movedTo, command.previousAssignedOn, { types: ['WorkPlanImportDateCorrected'], field: 'previousAssignedOn' });
  }
  if (command.itemIds.length === 0) {
    throw new DomainError(
      'NOT_FOUND',
      say(
        `No item of work plan 「${state.title}」 has a part assigned on ${command.previousAssignedOn}: its assignment date may have been corrected meanwhile. Reload the plan and try again.`,
        `工作方案「${state.title}」中没有 ${command.previousAssignedOn} 交办的事项：交办日期可能已被更正。请刷新方案后重试。`,
      ),
      { field: 'previousAssignedOn' },
    );
  }
  requireNotBefore({ day: command.assignedOn, what: named('assignedOn', 'the corrected assignment date', '更正后的交办日期') }, planApproval(command.approvedOn ?? state.approvedOn));
  requireBeforeFirstRevision(state, command.assignedOn, named('assignedOn', 'The corrected assignment date', '更正后的交办日期'));
  return [
    {
      type: 'WorkPlanImportDateCorrected',
      data: { planId: state.planId, previousAssignedOn: command.previousAssignedOn, assignedOn: command.assignedOn, itemIds: [...command.itemIds], reason: command.reason.trim(), correctedOn: command.today },
    },
  ];
}

/**
 * A correction of the plan's approval or its import's assignment day (`day`, YYYY-MM-DD) is not after the plan's first change
 * (`firstRevision`, breaker10t P6): the version of that day was applied to the plan as imported and assigned before it, and moved
 * past it the plan would read as approved and assigned after it was revised — its re-dating lost for the parts assigned later
 * (red a month early). BAD_USER_INPUT on the field, naming the version's day and file (or the item added that day).
 */
function requireBeforeFirstRevision(state: Extract<WorkPlanState, { status: 'imported' }>, day: string, field: ReturnType<typeof named>): void {
  const first = state.firstRevision;
  if (!first || day <= first.on) return;
  const change = first.itemAdded ? say(`an item was added to it on ${first.on}`, `已于 ${first.on} 增补事项`) : say(`it was revised on ${first.on} by ${first.fileName}`, `已于 ${first.on} 按“${first.fileName}”调整`);
  throw badInput(
    `${field.en} (${day}) is after the first change of work plan 「${state.title}」: ${change.en}, on the plan as imported. A plan is approved and assigned before it is changed; if that change's day is wrong too, it cannot be moved here — ask the system administrator.`,
    `${field.zh}（${day}）晚于工作方案「${state.title}」的首次调整：该方案${change.zh}，调整是在已导入并交办的方案上进行的，方案的批准和交办日期不能晚于该日。如该次调整的日期也有误，请联系系统管理员。`,
    { field: field.field },
  );
}

/** The plan's approval as the order rules name it: nothing of the plan is assigned before it. */
export const planApproval = (approvedOn: string): DatedFact => ({
  day: approvedOn,
  what: say('the day the plan was approved', '方案批准日期'),
});

/** The same version again changes nothing; only an imported plan is revised. */
function revisePlan(command: RevisePlan, state: WorkPlanState): WorkPlanEvent[] {
  const { data } = command;
  requireRole(command.actor, ['SUPERVISOR', 'ADMIN', 'SYSTEM'], say('revise work plans', '调整工作方案'));
  if (state.status !== 'imported') throw notFound('Work plan', data.planId);
  // The same file again changes nothing; an item added on its own keeps the plan's file but not its outline.
  if (state.source.sha256 === data.source.sha256 && JSON.stringify(state.categories) === JSON.stringify(data.categories)) return [];
  requireCalendarDate(data.revisedOn, say('The revision day', '调整日期'));
  if (state.source.sha256 !== data.source.sha256 && state.version && data.revisedOn < state.version.on) throw olderVersion(state.title, state.version, data.revisedOn);
  return validOutline(data, [{ type: 'WorkPlanRevised', data }]);
}

/**
 * CONFLICT (breaker8c P15): a version of the file dated before the one already applied would be
 * compared with the plan as it stands now, not as it stood on its day — its "withdrawals" would be
 * the later version's new items. Its changes are entered one at a time, each dated on its day.
 */
function olderVersion(title: string, latest: { readonly on: string; readonly fileName: string }, revisedOn: string): DomainError {
  return conflict(
    `Work plan "${title}" was already revised by ${latest.fileName} as of ${latest.on}; a version as of ${revisedOn} comes before it and cannot be applied after it ` +
      `(it would be compared with the plan as it stands now, not as it stood on ${revisedOn}). Enter that version's changes one at a time ` +
      `(addWorkPlanItem, withdrawWorkPlanItem, rescheduleWorkPlanItem, addWorkPlanItemUnit, removeWorkPlanItemUnit), each dated ${revisedOn}.`,
    `工作方案“${title}”已按 ${latest.fileName} 调整（调整日期 ${latest.on}）；本次文件的调整日期 ${revisedOn} 在其之前，不能再整体按新版本调整` +
      `（否则会与方案现状、而不是 ${revisedOn} 时的方案比较）。请逐项录入该版本的变化（新增或撤销事项、调整时限、增减单位），日期填 ${revisedOn}。`,
    { field: 'assignedOn' },
  );
}

/** The outline's own rules, the same for an import and a revision; `events` when they hold. */
function validOutline(data: WorkPlanOutline, events: WorkPlanEvent[]): WorkPlanEvent[] {
  requireText(data.title, say('The plan title', '方案标题'));
  if (!Number.isInteger(data.year) || data.year < 2000 || data.year > 2100) {
    throw badInput(`The plan year ${data.year} is not a year between 2000 and 2100.`, `方案年度 ${data.year} 不在 2000 到 2100 之间。`);
  }
  if (data.planId !== workPlanIdFor(data.year, data.title)) {
    throw badInput(
      `Plan id ${data.planId} is not the id of "${data.title}" (${data.year}); derive it with workPlanIdFor.`,
      `“${data.title}”（${data.year} 年）的方案编号不对（应由 workPlanIdFor 得出）。`,
    );
  }
  requireText(data.source.fileName, say('The source file name', '来源文件名'));
  if (!SHA256.test(data.source.sha256)) throw badInput('The source sha256 must be 64 lower-case hex digits.', '来源文件的 sha256 应为 64 位小写十六进制数字。');
  if (data.source.contentDigest !== undefined && !SHA256.test(data.source.contentDigest)) {
    throw badInput('The source content digest must be 64 lower-case hex digits.', '来源文件的内容摘要应为 64 位小写十六进制数字。');
  }
  if (data.categories.length === 0) throw badInput('A work plan needs at least one category.', '工作方案至少需要一个类别。');

  const categoryCodes = new Set<string>();
  const itemCodes = new Set<string>();
  for (const category of data.categories) {
    requireText(category.code, say('A category code', '类别编号'));
    requireText(category.title, say(`The title of category ${category.code}`, `类别 ${category.code} 的名称`));
    if (categoryCodes.has(category.code)) throw badInput(`Category ${category.code} appears twice.`, `类别 ${category.code} 出现了两次。`);
    categoryCodes.add(category.code);
    if (category.items.length === 0) throw badInput(`Category ${category.code} has no items.`, `类别 ${category.code} 下没有工作事项。`);
    for (const item of category.items) {
      if (isBlank(item.code)) throw badInput(`An item of category ${category.code} has no code.`, `类别 ${category.code} 下有一个事项没有编号。`);
      requireText(item.title, say(`The title of item ${item.code}`, `事项 ${item.code} 的名称`));
      if (itemCodes.has(item.code)) throw badInput(`Item ${item.code} appears twice.`, `事项 ${item.code} 出现了两次。`);
      itemCodes.add(item.code);
      if (item.itemId !== workPlanItemIdFor(data.planId, item.code)) {
        throw badInput(
          `Item id ${item.itemId} is not the id of item ${item.code}; derive it with workPlanItemIdFor.`,
          `事项 ${item.code} 的编号不对（应由 workPlanItemIdFor 得出）。`,
        );
      }
    }
  }
  return events;
}
