import type { Actor } from '../../shared/command-context.js';
import type { DueTerms } from '../../shared/deadline.js';
import type { DomainEvent } from '../../shared/decider.js';
import { ChangedMeanwhile, badInput, conflict, notFound, say, type Bilingual } from '../../shared/domain-error.js';
import { capitalise, requireRole, requireText, type DatedFact } from '../../shared/guards.js';
import type { AssignUnit, AssignmentCommand, NamesUnits, ReopenParts, ReturnsPart, SetsDueDate } from './assignment.commands.js';
import {
  allPartsVerified,
  assignmentsRun,
  closedOn,
  reopeningThatFoundItClosed,
  decideAssignment,
  evolveAssignments,
  handOversAfterMerges,
  handOversDue,
  handOversUndone,
  partsOf,
  passPartOnItsDay,
  stoodVerifiedOn,
  successionOf,
  unitNamed,
  type AssignmentParentContext,
  type AssignmentsState,
} from './assignment.decider.js';
import { isAssignmentEvent, type AssignmentEvent, type AssignmentRole } from './assignment.events.js';

/*
 * What every parent of parts (a finding, a work-plan item) decides the same way: it is assigned
 * in batches with its LEAD (or joint LEADs, 联合牵头, named in one batch), hands each part command to the assignment lifecycle,
 * closes (销号) in the decision that verifies its last part, and reopens every part when a closed
 * parent turns out not to be done. The parent supplies only its own events and how to name itself.
 */

/** One unit of an assignment batch; the due date is a calendar day, `YYYY-MM-DD`. */
export interface UnitToAssign {
  readonly unitId: string;
  readonly role: AssignmentRole;
  readonly dueDate: string;
  /** How `dueDate` is read (立行立改, standing …); BY_DATE when absent. */
  readonly terms?: DueTerms;
}

/**
 * The lifecycle's commands a parent passes through unchanged. AssignUnit and ReopenParts are left
 * out: the parent wraps them in `assign` and `reopen`, with the parent's rules (exactly one lead;
 * reopening what is closed or verified).
 */
export type PartCommand = Exclude<AssignmentCommand, AssignUnit | ReopenParts>;

/**
 * Several units at once: the first batch names the LEAD (牵头单位) — several for joint leads
 * (联合牵头) — and any RESPONSIBLE units (责任单位); later batches add RESPONSIBLE units.
 */
export interface AssignmentBatch extends SetsDueDate, NamesUnits {
  readonly actor: Actor;
  /** The office's current day (China time). */
  readonly today: string;
  /** The office day on which the whole batch was assigned, on or before `today`. */
  readonly assignedOn: string;
  readonly units: readonly UnitToAssign[];
  /** Ids of `units` that the units directory does not know; looked up by the handler. */
  readonly unknownUnitIds: readonly string[];
  /** The day the parent's work began (see `AssignUnit.dueFrom`): no due date of the batch precedes it. */
  readonly dueFrom?: DatedFact;
}

/** Reopening gives every reopened part `newDueDate`, required when one of their due dates has passed. */
export interface ReopenRequest extends ReturnsPart {
  readonly actor: Actor;
  /** The office's current day (China time). */
  readonly today: string;
  readonly reason: string;
  /**
   * The office day of the reopening. Before the close-out of a closed parent, the parent was open that day: the parts verified
   * by then are reopened, and the close-out no longer stands (breaker8n P4). The office means the parent as it stood that day —
   * open — so the reopening reopens nothing of the whole that day, as typed in date order (a part-only reopening): the parent's
   * reopened event is still written (the record read it closed; its status follows it), and the history lists it saying it
   * reopened nothing of the whole (`reopenedWhileOpen`, h56a breaker55-8 S9).
   */
  readonly reopenedOn: string;
}

/** How one kind of parent is seen and what it writes when it closes or reopens. */
export interface ParentOfPartsRules<Parent, ParentEvent extends DomainEvent> {
  /** Lower-case noun for refusals: `finding` / `问题`, `work-plan item` / `工作事项`. */
  readonly noun: Bilingual;
  /** The parent as refusals name it: `Finding 3f2c…`, `Work-plan item 12 「…」` / `工作事项 12「…」`. */
  readonly nameOf: (parent: Parent) => Bilingual;
  readonly assignmentsOf: (parent: Parent) => AssignmentsState;
  /** 销号: a closed parent takes no more units or reports, and only a closed one reopens. */
  readonly isClosed: (parent: Parent) => boolean;
  /**
   * Written in the same decision as the inspection that verifies the last part; `closedOn` is the
   * business day of the last verification (an inspection entered late keeps its own day).
   */
  readonly closedEvent: (parent: Parent, closedOn: string) => ParentEvent;
  /** Written just before PartsReopened. */
  readonly reopenedEvent: (parent: Parent, request: Pick<ReopenRequest, 'reason' | 'reopenedOn'>) => ParentEvent;
}

export interface ParentOfParts<Parent, ParentEvent extends DomainEvent> {
  /** UnitAssigned for every unit of the batch, in the order given, or a refusal of the whole batch. */
  assign(batch: AssignmentBatch, parent: Parent): AssignmentEvent[];
  /** The lifecycle's decision on one part, plus the parent's closed event when it verifies the last one. */
  decideOnPart(command: PartCommand, parent: Parent): (AssignmentEvent | ParentEvent)[];
  /**
   * A closed parent: its reopened event followed by PartsReopened of every part. One not closed:
   * PartsReopened of its verified parts only (breaker11f P11); with none, CONFLICT. One closed now, dated on a day it was open
   * (before its close-out): its reopened event, then PartsReopened of the parts verified that day only — by date a part-only
   * reopening, its reopened event reopening nothing of the whole (see `ReopenRequest.reopenedOn`); with none, CONFLICT.
   */
  reopen(request: ReopenRequest, parent: Parent): (AssignmentEvent | ParentEvent)[];
  /**
   * After a change of an open parent's parts made outside `decideOnPart` (a work-plan item's units taken off by a revision), from
   * its parts `before` to `after`: the close-out, reopening and PartsReopened date order gives when the change made a part-only
   * reopening find the parent closed (see `reopeningThatFoundItClosed`); empty otherwise.
   */
  closedBeforeItsReopening(parent: Parent, before: AssignmentsState, after: AssignmentsState): (AssignmentEvent | ParentEvent)[];
}

export function parentOfParts<Parent, ParentEvent extends DomainEvent>(
  rules: ParentOfPartsRules<Parent, ParentEvent>,
): ParentOfParts<Parent, ParentEvent> {
  const contextOf = (parent: Parent): AssignmentParentContext => ({ parentClosed: rules.isClosed(parent), noun: rules.noun });

  /**
   * Of a parent open before a change of its parts (`before` → `after`, `YYYY-MM-DD` days in the parts): when the change made a
   * part-only reopening find the parent closed by date (`reopeningThatFoundItClosed` holds after, not before) — a pass typed
   * after the reopening, a correction of a day (更正记录日期, 更正督查记录), a retraction (撤销误录), a unit taken off the item —
   * the close-out of the day it closed, the parent's reopening and PartsReopened of the parts the reopening must reopen besides
   * (breaker41-8 P1; h52a: a correction or a removal wrote neither, the history read no 销号 nor 重新打开 and the other parts stayed
   * verified). One rule, whichever record made the difference, so the history tells one close-out story. Empty otherwise.
   */
  const closedBeforeItsReopening = (parent: Parent, before: AssignmentsState, after: AssignmentsState): (AssignmentEvent | ParentEvent)[] =>
    rules.isClosed(parent) ? [] : foundClosedStory(parent, before, after);

  /**
   * `closedBeforeItsReopening` of a parent open or closed before the change: a closed one too (breaker53-8 S1: its last pass,
   * typed after the reopening, moved before it by 更正记录日期 — the 销号 of the day it closed, the 重新打开 and the other parts
   * reopened are written, as for an open one; the parent's close-out after them is the caller's).
   */
  const foundClosedStory = (parent: Parent, before: AssignmentsState, after: AssignmentsState): (AssignmentEvent | ParentEvent)[] => {
    if (!after.recorded.some((event) => event.type === 'PartsReopened' && event.data.unitIds !== undefined)) return [];
    const foundClosed = reopeningThatFoundItClosed(after);
    if (!foundClosed || reopeningThatFoundItClosed(before)) return [];
    const { reopening, more } = foundClosed;
    // The day the office's reopening was first typed is its own (M1: 原录 on a part it never returned that day).
    const { unitIds: _named, returnedOnAsEntered: _entered, ...asReopened } = reopening.data as typeof reopening.data & { returnedOnAsEntered?: string };
    // Written for the office's reopening, not a record of its own (`foundClosed`, h54b): every fold applies it while that reopening
    // stands and still finds the parent closed — retracted or moved with it, void once the closing pass moves past it. Written
    // also when it returns no part, so that the parent's reopening just before it follows the cause the same way (S8).
    return [
      rules.closedEvent(parent, foundClosed.closedOn),
      rules.reopenedEvent(parent, { reason: reopening.data.reason, reopenedOn: reopening.data.reopenedOn }),
      { type: 'PartsReopened', data: { ...asReopened, unitIds: more, foundClosed: true } } as AssignmentEvent,
    ];
  };

  /** The lifecycle's decision on one part, plus the parent's closed (or reopened) event when it verifies its last part (or undoes that). */
  const decideOnOnePart = (command: PartCommand, parent: Parent): (AssignmentEvent | ParentEvent)[] => {
    const decided = decideAssignment(command, rules.assignmentsOf(parent), contextOf(parent));
    if (command.type === 'CorrectStepDate' && command.factType === 'UnitUnassigned') {
      // A removal typed again on its right day (breaker55-8 S6): an item it completed is completed again, from that day or its
      // last pass if later — as the removal typed on that day completes it (the retraction reads the item open meanwhile).
      const partsAfter = decided.reduce(evolveAssignments, rules.assignmentsOf(parent));
      const closing = allPartsVerified(partsAfter) ? closingDay(partsAfter) : null;
      return closing === null ? decided : [...decided, rules.closedEvent(parent, closing)];
    }
    const redatesInspection = command.type === 'CorrectFactDate' && command.factType === 'InspectionLogged';
    const closesOrReopens = command.type === 'LogInspection' || command.type === 'CorrectInspection' || redatesInspection;
    if (!rules.isClosed(parent)) {
      const partsAfter = decided.reduce(evolveAssignments, rules.assignmentsOf(parent));
      // 撤销误录 (RetractRecord) of a record writes no close-out of its own: its evolve reads the parent closed or open as its parts
      // stand without the record — but a 交办 retracted (h52a) that leaves only verified parts closes it as their last pass did.
      const retractsAssignment = command.type === 'RetractRecord' && command.factType === 'UnitAssigned';
      // A return dated before a removal that kept its part on (its report awaited inspection), entered later, takes the part off as
      // of the removal's day (h57a, breaker55-8 S2): the other parts all verified, the parent closes as that removal closes it.
      const takenOffAgain = Object.keys(partsAfter.removed ?? {}).some((unitId) => !Object.hasOwn(rules.assignmentsOf(parent).removed ?? {}, unitId));
      // A part-only reopening that by date found the parent closed (a pass found after it, a correction, a retraction): reopened
      // whole — whatever came after the reopening, also when every part it returned was verified again since (breaker53-8 S1 S4:
      // the 销号 of the day it closed was written alone, the other parts never returned, the parent read closed on a day no line says).
      const story = closedBeforeItsReopening(parent, rules.assignmentsOf(parent), partsAfter);
      const partsAfterStory = story.filter(isAssignmentEvent).reduce(evolveAssignments, partsAfter);
      const closesNow = (closesOrReopens || retractsAssignment || takenOffAgain) && allPartsVerified(partsAfterStory);
      return [...decided, ...story, ...(closesNow ? [rules.closedEvent(parent, closingDay(partsAfterStory)!)] : [])];
    }
    // A correction or retraction of any record of a closed parent may make a part-only reopening find it closed by date — the
    // reopening's own day moved past the other part's pass (h54b, breaker54-8 S6: only inspections were weighed here).
    const movesRecords = command.type === 'CorrectFactDate' || command.type === 'RetractRecord';
    if (!closesOrReopens && !movesRecords) return decided;
    const partsAfter = decided.reduce(evolveAssignments, rules.assignmentsOf(parent));
    if (command.type === 'LogInspection') {
      // The pass of a part taken off unverified after its day (a work-plan item's 移除单位), its paper found afterwards: the removal
      // left it on as verified work, and the item was completed on that pass's day, not the removal's, as in date order (breaker54-8 S4).
      const before = rules.assignmentsOf(parent).removed ?? {};
      const keptOn = Object.hasOwn(before, command.unitId) && !Object.hasOwn(partsAfter.removed ?? {}, command.unitId);
      const closing = keptOn && allPartsVerified(partsAfter) ? closingDay(partsAfter) : null;
      return closing === null || closing === closingDay(rules.assignmentsOf(parent)) ? decided : [...decided, rules.closedEvent(parent, closing)];
    }
    // The closing pass moved before a part-only reopening typed while the parent was open (breaker53-8 S1, 更正记录日期 / 更正督查记录):
    // by date the reopening found it closed — the story of that, then the close-out when every part stands verified after it.
    const story = foundClosedStory(parent, rules.assignmentsOf(parent), partsAfter);
    if (story.length > 0) {
      const partsAfterStory = story.filter(isAssignmentEvent).reduce(evolveAssignments, partsAfter);
      return [...decided, ...story, ...(allPartsVerified(partsAfterStory) ? [rules.closedEvent(parent, closingDay(partsAfterStory)!)] : [])];
    }
    if (!closesOrReopens) return decided;
    const verified = allPartsVerified(partsAfter);
    if (verified) {
      // A corrected day of the verifying inspection moves the close-out: the history says so, beside the original.
      const corrected = closingDay(partsAfter)!;
      return corrected === closingDay(rules.assignmentsOf(parent)) ? decided : [...decided, rules.closedEvent(parent, corrected)];
    }
    // A day correction keeps every outcome; only an outcome corrected to FAILED opens the parent.
    if (command.type !== 'CorrectInspection') return decided;
    // A closed parent whose verifying inspection is corrected to FAILED is open again, from that day.
    const corrected = decided[0]!.data as { inspectedOn: string };
    return [...decided, rules.reopenedEvent(parent, { reason: command.reason, reopenedOn: corrected.inspectedOn })];
  };

  return {
    closedBeforeItsReopening,

    /**
     * The batch is first checked on its own (not empty, no unit twice, every unit known). Then
     * each unit goes through the lifecycle's AssignUnit rules — who may assign, not on a closed
     * parent, not a unit already assigned, no LEAD beside one of an earlier batch, a real due date
     * — folding as it goes so the batch is also checked against itself. The LEADs of one batch
     * lead jointly (联合牵头).
     * Last, the parent must come out with its LEAD; the first batch that names none is
     * BAD_USER_INPUT.
     */
    assign(batch, parent) {
      if (batch.units.length === 0) throw badInput('Name at least one unit to assign.', '请至少指定一个交办单位。');
      const named = new Set<string>();
      for (const { unitId } of batch.units) {
        if (named.has(unitId)) {
          const unit = unitNamed(batch, unitId);
          throw badInput(`${capitalise(unit.en)} is named twice in the assignment.`, `${unit.zh}在交办名单中出现了两次。`);
        }
        named.add(unitId);
      }
      if (batch.unknownUnitIds.length > 0) throw notFound('Unit', batch.unknownUnitIds.join(', '));

      let assignments = rules.assignmentsOf(parent);
      const events: AssignmentEvent[] = [];
      const { actor, today, assignedOn, dueDateLimit, dueDateOverride, unitNames, dueFrom } = batch;
      const coLeadUnitIds = batch.units.filter((unit) => unit.role === 'LEAD').map((unit) => unit.unitId);
      const assignUnit = (unitId: string, role: AssignmentRole, dueDate: string, terms: DueTerms | undefined, context: AssignmentParentContext) =>
        decideAssignment({ type: 'AssignUnit', actor, today, unitId, role, dueDate, terms, assignedOn, dueDateLimit, dueDateOverride, unitNames, dueFrom, coLeadUnitIds }, assignments, context);
      // A paper 交办 dated before the close-out of a closed parent, whose unit handed its duties on by then (the directory), may
      // join a part that was verified only later: the close-out stands, as in date order (breaker8i P2). Judged after the hand-overs below.
      const closedDay = rules.isClosed(parent) ? closedOn(assignments) : null;
      const joinsBeforeClosing = closedDay !== null && assignedOn < closedDay && unitNames?.handOversOf !== undefined;
      const context: AssignmentParentContext = joinsBeforeClosing ? { ...contextOf(parent), parentClosed: false } : contextOf(parent);
      // Each unit decided on the parts the units before it leave, folded as one run (its parts copied once, not per unit: perf47b).
      const run = assignmentsRun(assignments);
      for (const { unitId, role, dueDate, terms } of batch.units) {
        const assigned = assignUnit(unitId, role, dueDate, terms, context);
        assignments = run.next(assigned);
        events.push(...assigned);
      }
      // With hand-overs known, `handOversDue` passes merged units' parts too, day by day with the hand-overs (breaker8j P2): a
      // merge dated later passed first would keep its record in a join the earlier hand-over makes by date.
      const handedOver = unitNames?.handOversOf ? [] : handOversAfterMerges(batch, batch.units);
      assignments = handedOver.reduce(evolveAssignments, assignments);
      events.push(...handedOver);
      // A part assigned late, dated before a hand-over its unit made since, passes as it would have then (breaker8b N1).
      const passed = handOversDue({ ...batch, parentNoun: rules.noun }, assignments);
      assignments = passed.reduce(evolveAssignments, assignments);
      events.push(...passed);
      if (joinsBeforeClosing && closedOn(assignments) !== closedDay) {
        // The close-out would not stand: refused as any 交办 dated before it (reopen first).
        const [first] = batch.units;
        assignments = rules.assignmentsOf(parent);
        assignUnit(first!.unitId, first!.role, first!.dueDate, first!.terms, contextOf(parent));
      }
      if (!partsOf(assignments).some((part) => part.role === 'LEAD')) {
        const name = rules.nameOf(parent);
        throw badInput(`${name.en} needs a lead unit (牵头单位): name one unit as LEAD.`, `${name.zh}须有一个牵头单位：请指定一个单位为牵头单位。`);
      }
      return events;
    },

    /** Closing is automatic: the inspection that verifies the last part closes the parent in the same decision. */
    decideOnPart(command, parent) {
      const decided = decideOnOnePart(command, parent);
      const assignments = decided.filter(isAssignmentEvent).reduce(evolveAssignments, rules.assignmentsOf(parent));
      // A part handed over to a unit that handed its work on later passes on again (a chain typed out of date order, breaker8e P1).
      if (command.type === 'HandOverPart') return [...decided, ...handOversDue({ ...command, parentNoun: rules.noun }, assignments)];
      // A part a later-entered fact (a corrected inspection) left open on a hand-over day, or open again after it, passes (breaker8b N1).
      // A part a later-entered fact (a pass dated before the hand-over) shows verified on a hand-over day stays with its unit (breaker8d P15).
      const undone = handOversUndone(command, assignments);
      return [...decided, ...undone, ...handOversDue({ ...command, parentNoun: rules.noun }, undone.reduce(evolveAssignments, assignments))];
    },

    reopen(request, parent) {
      const { actor, reason, reopenedOn } = request;
      requireRole(actor, ['SUPERVISOR'], say(`reopen a ${rules.noun.en}`, `重新打开${rules.noun.zh}`));
      const closedNow = rules.isClosed(parent);
      // Dated before the close-out (the reopening sheet found after the last part's pass was typed): on its day the parent was
      // open, and the reopening is judged on it as it stood then, as date order judges it — the parts verified by that day are
      // taken back, and the close-out that followed no longer stands (breaker8n P4: refused 「重新打开日期早于销号日期」).
      const closeOut = closedNow ? closedOn(rules.assignmentsOf(parent)) : null;
      const openThen = closeOut !== null && reopenedOn < closeOut;
      const closed = closedNow && !openThen;
      // Not closed, its verified parts are what there is to reopen (breaker11f P11: the way to withdraw it).
      const verified = closed
        ? undefined
        : partsOf(rules.assignmentsOf(parent))
            .filter((part) => (openThen ? stoodVerifiedOn(part, reopenedOn) : part.status === 'VERIFIED'))
            .map((part) => part.unitId);
      if (verified?.length === 0) {
        const name = rules.nameOf(parent);
        if (openThen) {
          throw conflict(
            `${name.en} was not closed on ${reopenedOn} (it was closed on ${closeOut}) and none of its parts stood verified that day: there was nothing to reopen.`,
            `${name.zh}在 ${reopenedOn} 尚未销号（销号日期为 ${closeOut}），当日也没有已核验的任务：没有可以重新打开的内容。`,
          );
        }
        const refusal = say(`${name.en} is not closed and none of its parts is verified: there is nothing to reopen.`, `${name.zh}尚未销号，也没有已核验的任务：没有可以重新打开的内容。`);
        // Reopened a moment before by a colleague (two supervisors reopening it at once, newcomer50-9 M2): said, naming who and when.
        const reopenedBefore = partsOf(rules.assignmentsOf(parent)).some((part) => part.status !== 'VERIFIED' && part.lastReturn?.cause === 'PARTS_REOPENED');
        if (!reopenedBefore) throw conflict(refusal.en, refusal.zh);
        throw new ChangedMeanwhile(refusal, undefined, {
          types: ['PartsReopened'],
          told: ({ who, at }) =>
            say(
              `${name.en} was already reopened by ${who.en} (${at} China time): it is not closed now and there is nothing to reopen. Nothing was recorded.`,
              `${name.zh}已由${who.zh}重新打开（北京时间 ${at}）：现在尚未销号，没有可以重新打开的内容，本次未作记录。`,
            ),
        });
      }
      requireText(reason, say(`A reason for reopening the ${rules.noun.en}`, `重新打开${rules.noun.zh}的理由`));
      const partsReopened = decideAssignment(
        { ...request, type: 'ReopenParts', ...(verified === undefined ? {} : { unitIds: verified }) },
        rules.assignmentsOf(parent),
        contextOf(parent),
      );
      const passed = toSuccessors({ ...request, parentNoun: rules.noun }, partsReopened.reduce(evolveAssignments, rules.assignmentsOf(parent)), rules.assignmentsOf(parent), verified);
      // A part reopened that its unit had handed over by then, or hands over while it is open, passes (breaker8b N1).
      const after = [...partsReopened, ...passed].reduce(evolveAssignments, rules.assignmentsOf(parent));
      // Only a closed parent is reopened itself; one not closed stays open, its verified parts returned. One closed now but open
      // on the reopening's day is open again: its close-out no longer stands (its parts are not all verified).
      const parentReopened = closedNow ? [rules.reopenedEvent(parent, { reason, reopenedOn })] : [];
      return [...parentReopened, ...partsReopened, ...passed, ...handOversDue({ ...request, parentNoun: rules.noun }, after)];
    },
  };
}


/**
 * The office day (`YYYY-MM-DD`) a parent whose parts are all verified closed: its last pass, or — a work-plan item — the day a
 * unit whose part was still open was taken off it (方案调整), when later (breaker50-8 S1: a pass moved before that day closed the
 * item on the pass's day, a day its other part was open). Null while a part is open. What every close-out the lifecycle writes
 * names, and what an item's state re-reads its 完成 day as after a retraction (h57c: it read the last pass, a removal after it
 * forgotten), as the read models' `closeOutDay` does.
 */
export function closingDay(parts: AssignmentsState): string | null {
  const lastPass = closedOn(parts);
  if (lastPass === null) return null;
  const lastRemoval = Object.values(parts.removed ?? {}).reduce((latest, removed) => (removed.unassignedOn > latest ? removed.unassignedOn : latest), '');
  return lastRemoval > lastPass ? lastRemoval : lastPass;
}

/**
 * A merged unit takes no new work, so a part of one that a reopening returns (`only` those, when given) passes at once to its
 * successor, on the later of the reopening and the merge, and on through the successor's own merges on theirs — by the hand-over rules
 * (`passPartOnItsDay`), so a successor whose part reached it only later (a hand-over typed first) gets this one first and
 * the later part joins it on its own day, as in date order (breaker8f P11). `reopened`: the parts as the reopening leaves them.
 */
function toSuccessors(request: ReopenRequest, reopened: AssignmentsState, before: AssignmentsState, only?: readonly string[]): AssignmentEvent[] {
  const handedOver: AssignmentEvent[] = [];
  let state = reopened;
  for (const part of partsOf(before)) {
    if (part.status === 'ASSIGNED' || (only !== undefined && !only.includes(part.unitId))) continue;
    // To the first unit of the chain that stood on its step's day (those merged away before it never held the part); that unit's
    // own merges pass it on from there, each on its day (`passPartOnItsDay`): a chain A→B, B→C leaves the part with B between the
    // two merges (breaker8j P11: it went straight to C on the last merge's day).
    const steps = successionOf(request.unitNames, part.unitId, request.reopenedOn);
    const first = steps.find((step) => (request.unitNames?.mergerOf?.(step.successorUnitId)?.mergedOn ?? step.on) >= step.on);
    if (!first) continue;
    const unit = unitNamed(request, part.unitId);
    const mergedInto = unitNamed(request, steps[0]!.successorUnitId);
    const successor = unitNamed(request, first.successorUnitId);
    const reason = `${unit.zh}已并入${mergedInto.zh}：重新打开的任务由${successor.zh}办理（${request.reason}）`;
    const passed = passPartOnItsDay(
      { type: 'HandOverPart', actor: request.actor, today: request.today, unitNames: request.unitNames, ...(request.parentNoun ? { parentNoun: request.parentNoun } : {}), unitId: part.unitId, successorUnitId: first.successorUnitId, reason, handedOverOn: first.on },
      state,
    );
    state = passed.reduce(evolveAssignments, state);
    handedOver.push(...passed);
  }
  return handedOver;
}
