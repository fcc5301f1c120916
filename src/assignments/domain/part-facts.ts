import { conflict, say, type Bilingual } from '../../shared/domain-error.js';
import type { DatedFact } from '../../shared/guards.js';
import type { DomainEvent } from '../../shared/decider.js';
import type { NamesUnits, UnitNames } from './assignment.commands.js';
import { assignmentsOn, carriedJoin, closedOn, evolveAssignments, factDayOfEvent, partOf, partsOf, unitNamed, type AssignmentPart, type AssignmentsState } from './assignment.decider.js';
import { isAssignmentEvent, type PartHandOverUndone } from './assignment.events.js';

/** The day the unit got the part: its assignment, or for a successor (机构改革) its taking over. */
export function assignmentOf(part: AssignmentPart, command: NamesUnits): DatedFact {
  const unit = unitNamed(command, part.unitId);
  return part.heldSince === undefined
    ? { day: part.assignedOn, what: say(`the assignment of ${unit.en}`, `${unit.zh}的交办日期`) }
    : { day: part.heldSince, what: say(`the handover of the part to ${unit.en}`, `该任务移交${unit.zh}的日期`) };
}

/**
 * The day a part began on its parent — its 交办 (`assignedOn`), whoever holds it since (机构改革) — named by the unit it was
 * given to: a parent is not withdrawn before its part existed. Unlike `assignmentOf`, a taking over is not the part's start: a
 * withdrawal dated before a hand-over or merge that the successor has worked on since (its report kept the hand-over, see
 * `handOversAfterWithdrawal`) is taken, the successor's later records kept on the record and counted nowhere, as date order
 * accepts the withdrawal (breaker8i P3, breaker11h P8's kind).
 */
export function beganOnParent(part: AssignmentPart, command: NamesUnits): DatedFact {
  const unit = unitNamed(command, part.previousHolders?.[0]?.unitId ?? part.unitId);
  return { day: part.assignedOn, what: say(`the assignment of ${unit.en}`, `${unit.zh}的交办日期`) };
}

/**
 * The latest fact already recorded on a part — its assignment or taking over (机构改革), another
 * unit's part joining it (机构改革: `joinedOn`), a report, an inspection, an extension request, a
 * return — as refusals name it. A plan's removal of the part is not dated before it: the part would
 * have work after it left, and a removal dated before a join would take the joining unit's work off
 * with it although that work was still the joining unit's own on the removal's day (breaker8j P4:
 * the item then completed with that work never inspected). `state`, when given, names the unit
 * whose part joined on that day.
 */
export function latestFactOf(part: AssignmentPart, command: NamesUnits, state?: AssignmentsState): DatedFact {
  const unit = unitNamed(command, part.unitId);
  const facts: DatedFact[] = [
    assignmentOf(part, command),
    ...(part.joinedOn !== undefined ? [joiningOf(part, part.joinedOn, command, state)] : []),
    ...(part.lastReport ? [{ day: part.lastReport.reportedOn, what: say(`the report of ${unit.en}`, `${unit.zh}的报告日期`) }] : []),
    ...part.inspections.map((inspection) => ({ day: inspection.inspectedOn, what: say(`the inspection of ${unit.en}`, `${unit.zh}的督查日期`) })),
    ...part.extensionRequests.map((request) => ({ day: request.requestedOn, what: say(`the extension request of ${unit.en}`, `${unit.zh}的延期申请日期`) })),
    ...(part.lastReturn ? [{ day: part.lastReturn.returnedOn, what: say(`the return of the part of ${unit.en}`, `${unit.zh}任务的退回日期`) }] : []),
  ];
  return facts.reduce((latest, fact) => (fact.day > latest.day ? fact : latest));
}

/** The join of another unit's part into `part` on office day `on`, named by the joining unit when `state` knows it. */
function joiningOf(part: AssignmentPart, on: string, command: NamesUnits, state: AssignmentsState | undefined): DatedFact {
  const unit = unitNamed(command, part.unitId);
  const joining = Object.entries(state?.joined ?? {}).find(([, join]) => join.joinedOn === on && (join.successorUnitId === part.unitId || (part.heldBefore ?? []).includes(join.successorUnitId)));
  if (!joining) return { day: on, what: say(`the day another unit's part joined the part of ${unit.en}`, `其他单位的任务并入${unit.zh}任务的日期`) };
  const from = unitNamed(command, joining[0]);
  return { day: on, what: say(`the day the part of ${from.en} joined the part of ${unit.en}`, `${from.zh}的任务并入${unit.zh}任务的日期`) };
}

/**
 * The parts a decision verifies that were not verified before it (a pass, or the last pass of a
 * part handed over), in the order of `before`'s parts then new ones.
 */
export function partsVerifiedBy(before: AssignmentsState, decided: readonly DomainEvent[]): AssignmentPart[] {
  const after = decided.filter(isAssignmentEvent).reduce(evolveAssignments, before);
  return partsOf(after).filter((part) => part.status === 'VERIFIED' && partOf(before, part.unitId)?.status !== 'VERIFIED');
}

/**
 * Why a withdrawal does not stand (breaker11f P6), in the words the timeline shows: verified work is
 * not withdrawn (the withdrawal would have been refused had the pass been typed first), so a pass
 * dated before the withdrawal, entered after it, puts the parent back where it was — `words.back` says
 * where (`回到台账` / `回到工作方案`). Chinese only, as other reasons the system writes.
 */
export function withdrawalUndoneReason(command: NamesUnits, verified: readonly AssignmentPart[], withdrawnOn: string, words: { readonly workZh: string; readonly back: string }): string {
  const passes = verified.map((part) => `${unitNamed(command, part.unitId).zh}的${words.workZh}已于 ${part.verifiedOn ?? ''} 核验通过`).join('，');
  // A pass of the withdrawal's own day came before it (breaker8u P11: `passOfWithdrawalDay`): said as such, not as an earlier day.
  const when = verified.every((part) => part.verifiedOn === withdrawnOn) ? `，与撤销同日（${withdrawnOn}），视为在撤销之前` : `，早于撤销日期（${withdrawnOn}）`;
  return `${UNDONE_BY_VERIFICATION}${passes}${when}；已核验的${words.workZh}不撤销，${words.back}。如确需撤销，请先重新打开，再撤销。`;
}

/**
 * Whether `command` is a pass (LogInspection PASSED) dated on `withdrawnOn`, the day its parent (finding, work-plan item) was
 * withdrawn (撤销). Such a pass came before the withdrawal, whichever paper was typed first (breaker8u P11): verified work is not
 * withdrawn — typed before the withdrawal, the pass makes the withdrawal refused (`refuseWithdrawingVerifiedWork`: reopen first);
 * typed after it, the pass is judged on the parent as it stood before the withdrawal and undoes it (撤销不成立), as a pass of an
 * earlier day entered late does (breaker11f P6). Any other fact of that day typed after the withdrawal is still refused.
 */
export function passOfWithdrawalDay(command: { readonly type: string; readonly outcome?: string; readonly inspectedOn?: string }, withdrawnOn: string | undefined): boolean {
  return command.type === 'LogInspection' && command.outcome === 'PASSED' && withdrawnOn !== undefined && command.inspectedOn === withdrawnOn;
}

/**
 * Whether a unit's fact dated office day `day` (a report, inspection, send-back, urging, extension request or decision, or a
 * correction moving one to `day`) came before its parent's withdrawal of `withdrawnOn`, though typed after it: a pass of that
 * day always does (`passOfWithdrawalDay`); any other of that day does once the day is past (`withdrawnOn` before `today`,
 * both entered from paper later), whichever was typed first (breaker8v P12: a report of the withdrawal day typed after it was
 * refused, so its pass was too, while typed before it both held). Entered on the withdrawal's own day, the entry order is the
 * real order and a record typed after it is refused, as a decision of an extension request's withdrawal day is
 * (`decisionOfWithdrawalDay`).
 */
export function paperOfWithdrawalDay(command: { readonly type: string; readonly today: string; readonly outcome?: string; readonly inspectedOn?: string }, day: string, withdrawnOn: string | undefined): boolean {
  return passOfWithdrawalDay(command, withdrawnOn) || (withdrawnOn !== undefined && day === withdrawnOn && withdrawnOn < command.today);
}

/** How `withdrawalUndoneReason` begins: what marks an undoing by a verification among events stored before `byVerification`. */
const UNDONE_BY_VERIFICATION = '撤销不成立：';

/**
 * Whether a withdrawal's undoing (FindingWithdrawalUndone, WorkPlanItemWithdrawalUndone) came from a verification dated
 * before the withdrawal (撤销不成立) rather than from the office taking it back or moving it (更正撤销): its
 * `byVerification`, or — an event stored before that field — its reason as `withdrawalUndoneReason` writes it.
 */
export const undoneByVerification = (data: { readonly reason: string; readonly byVerification?: boolean }): boolean =>
  data.byVerification ?? data.reason.startsWith(UNDONE_BY_VERIFICATION);

/**
 * A withdrawal a verification made not stand (撤销不成立), as its parent keeps it (breaker11o P7, P8): should that
 * verification be corrected away (re-dated after the withdrawal, re-marked FAILED) or the work reopened before the
 * withdrawal's day, typed in date order the withdrawal would have stood — so it stands again (`withdrawalsStandingAgain`).
 * Office days `YYYY-MM-DD`; `reason` as the withdrawal gave it. A work-plan item's withdrawal a later version had ended
 * also keeps that version's day and reason (`reinstatedOn`, `reinstatedReason`); a finding's, the finding it repeated.
 */
export interface WithdrawalUndoneByWork {
  readonly withdrawnOn: string;
  readonly reason: string;
  readonly reinstatedOn?: string;
  readonly reinstatedReason?: string;
  readonly duplicateOf?: string;
}

/**
 * The withdrawals of `undone` (see WithdrawalUndoneByWork) on whose day no part of `assignments` stands verified, folded
 * by day (`assignmentsOn`, corrections applied): nothing verified then, the withdrawal would have been taken in date
 * order, so it stands again. In the order given; empty when every one still meets verified work. O(the stream) per day asked.
 */
export function withdrawalsStandingAgain<Undone extends { readonly withdrawnOn: string }>(assignments: AssignmentsState, undone: readonly Undone[]): Undone[] {
  return undone.filter((withdrawal) => !partsOf(assignmentsOn(assignments, withdrawal.withdrawnOn)).some((part) => part.status === 'VERIFIED'));
}

/** How a parent of parts is named in the refusal of withdrawing its verified work. */
export interface VerifiedWorkWords {
  /** `Finding 「…」` / `问题「…」`, `Work-plan item 7 「…」` / `工作事项 7「…」`. */
  readonly name: Bilingual;
  /** The parent's noun in Chinese (`问题`, `事项`) and what its units' work is called (`整改`, `任务`). */
  readonly nounZh: string;
  readonly workZh: string;
  /** The figure the work would leave: `close-out rate` / `销号率`, `completion rate` / `完成率`. */
  readonly rate: Bilingual;
  /** The close-out (销号) day, with its English verb (`closed out`, `completed`); null while open. */
  readonly closed: { readonly on: string; readonly en: string } | null;
  /** The English verb of a close-out on the withdrawal's day, reopened since (`closed out` when absent, `completed` for items). */
  readonly closedEn?: string;
  /** The input field the refusal is shown beside (`extensions.field`). */
  readonly field: string;
}

/**
 * Verified work is not withdrawn (breaker11e P6, 11f P4): a finding or work-plan item whose units'
 * work was verified — a part 已核验, or the whole parent 销号 — is refused CONFLICT naming the units
 * and days; withdrawal would silently take that work out of the rate and the unit ranking.
 * Reopening it first (with its own reason) is the deliberate way; a reopening also takes back the
 * verified parts of a parent that is not closed. A verified part set aside by a join (机构改革)
 * dated after `withdrawnOn` (`YYYY-MM-DD`) counts: on the withdrawal's day it was the unit's own
 * part, as a withdrawal typed before the join finds it (breaker8h P4). A part verified on the withdrawal's day, folded by
 * day (`assignmentsOn`), counts too, whatever became of it since: a withdrawal dated while the parent stood verified or
 * 销号, typed after a later reopening took that back, was refused in date order (ext s27: it was taken, and the views folded
 * by day kept the parent closed and withdrawn while the live one had it reopened). Does nothing when no part is verified.
 */
export function refuseWithdrawingVerifiedWork(words: VerifiedWorkWords, assignments: AssignmentsState, command: NamesUnits, withdrawnOn: string): void {
  // A verified part set aside by a join after the withdrawal's day was the unit's own part then (breaker8h P4): typed in date order, it refused the withdrawal.
  const setAside = Object.values(assignments.setAside ?? {}).filter((aside) => aside.joinedOn > withdrawnOn);
  const verifiedNow = [...partsOf(assignments), ...setAside.map((aside) => aside.part)].filter((part) => part.status === 'VERIFIED');
  // Verified on the withdrawal's day, reopened (or corrected) later: the parent as it stood that day refuses it.
  const onDay = assignmentsOn(assignments, withdrawnOn);
  const verifiedThen = partsOf(onDay).filter((part) => part.status === 'VERIFIED' && !verifiedNow.some((now) => now.unitId === part.unitId));
  const verified = [...verifiedNow, ...verifiedThen];
  if (verified.length === 0) return;
  const units = verified.map((part) => ({ name: unitNamed(command, part.unitId), on: part.verifiedOn ?? '' }));
  const closedThen = verifiedNow.length === 0 ? closedOn(onDay) : null;
  const closed = words.closed ?? (closedThen === null ? null : { on: closedThen, en: words.closedEn ?? 'closed out' });
  const closedEn = closed ? ` and it was ${closed.en} on ${closed.on}` : '';
  const closedZh = closed ? `，该${words.nounZh}已于 ${closed.on} 销号` : '';
  throw conflict(
    `${words.name.en} has verified work (${units.map((unit) => `${unit.name.en} on ${unit.on}`).join(', ')})${closedEn}: ` +
      `withdrawing it would take that work out of the ${words.rate.en} and the unit ranking. Reopen it first if it must be withdrawn.`,
    `${words.name.zh}中${units.map((unit) => `${unit.name.zh}的${words.workZh}已于 ${unit.on} 核验`).join('，')}${closedZh}：` +
      `撤销会使已核验的${words.workZh}不再计入${words.rate.zh}和单位排名，因此不能直接撤销。如确需撤销，请先重新打开该${words.nounZh}。`,
    { field: words.field },
  );
}

/**
 * The hand-overs (机构改革) that passed a part on after office day `day`, undone, the latest recorded first
 * (PartHandOverUndone): a withdrawal of the parent dated `day`, entered after them (breaker8g P8). Typed in date order the
 * parent was off the 台账 by then, and a reorganisation passes nothing of a withdrawn parent, so its parts stay with the
 * units that held them that day, on every view. A part that moved to a successor comes back; a part that joined another
 * unit's own part is separated again, the part it joined reading as before (breaker8l P13: two bureaus merged into one,
 * a unit merged into a successor with its own part, a revised plan dropping such an item). A step stays when its
 * successor has a record of its own on the part dated on or after it (the records kept on the record, counted nowhere,
 * as `beganOnParent` says), or it carried open work into a verified part (`carriedJoin`, judged with the verified part),
 * and so do the steps under it on the same part — never a step undone beneath one kept (breaker8l P6: three stories).
 * `nounZh`: the parent in the reason (`问题`, `事项`). Empty when nothing passed after `day`.
 */
export function handOversAfterWithdrawal(command: NamesUnits, state: AssignmentsState, day: string, nounZh: string): PartHandOverUndone[] {
  // A step of the withdrawal's own day too (breaker8u P11): a hand-over or merge dated on or after the withdrawal leaves the
  // part where it was, as `directoryBefore` passes nothing of that day once the withdrawal is recorded — one typing order, one holder.
  return stepsAfterDay(
    command,
    state,
    day,
    (step, unit, successor) =>
      step.join
        ? `该${nounZh}已于 ${day} 撤销，${unit.zh}的任务不随 ${step.on} 的机构改革并入${successor.zh}的任务，仍由${unit.zh}保留`
        : `该${nounZh}已于 ${day} 撤销，${unit.zh}的任务不随 ${step.on} 的移交转给${successor.zh}，仍由${unit.zh}保留`,
    undefined,
    true,
  );
}

/**
 * The steps (moves and joins of 机构改革) that passed parts on after office day `day`, undone the latest recorded first, as
 * `handOversAfterWithdrawal` weighs them — only those into the part keyed `holder` when given (the part a unit holds that was
 * built wholly of steps after a 交办 of its own dated `day`: breaker8m P9). `reason` words each undoing (Chinese, for the history).
 * `fromTheDay`: the steps of `day` itself too (a withdrawal of that day: breaker8u P11).
 */
export function stepsAfterDay(
  command: NamesUnits,
  state: AssignmentsState,
  day: string,
  reason: (step: { readonly on: string; readonly join: boolean }, unit: Bilingual, successor: Bilingual) => string,
  holder?: string,
  fromTheDay = false,
): PartHandOverUndone[] {
  const undone: PartHandOverUndone[] = [];
  /** The holders (part keys) whose steps after the day stay: a step beneath one that stays stays too. */
  const kept = new Set<string>();
  let folded = state;
  for (let step = 0; step < 64; step += 1) {
    const latest = latestStepAfter(folded, day, kept, holder, fromTheDay);
    if (!latest) break;
    if (!latest.undoable) {
      kept.add(latest.holder);
      continue;
    }
    const event: PartHandOverUndone = {
      type: 'PartHandOverUndone',
      data: {
        unitId: latest.unitId,
        successorUnitId: latest.successorUnitId,
        reason: reason(latest, unitNamed(command, latest.unitId), unitNamed(command, latest.successorUnitId)),
        handedOverOn: latest.on,
      },
    };
    undone.push(event);
    folded = evolveAssignments(folded, event);
  }
  return undone;
}

/** One step (a move, or a join into another unit's part) that passed a part on after a day, as `handOversAfterWithdrawal` weighs it. */
interface StepAfter {
  readonly unitId: string;
  readonly successorUnitId: string;
  readonly on: string;
  /** The key of the part that carries the step now. */
  readonly holder: string;
  readonly join: boolean;
  readonly undoable: boolean;
  /** Where its PartHandedOver stands in `recorded` (-1 when not found). */
  readonly position: number;
}

/** The step after office day `day` recorded last, of the parts not `kept` (and into `only`'s part when given); undefined when none. */
function latestStepAfter(state: AssignmentsState, day: string, kept: ReadonlySet<string>, only?: string, fromTheDay = false): StepAfter | undefined {
  /** Whether a step of `on` is left alone: before the day, or on it unless `fromTheDay`. */
  const before = (on: string) => on < day || (on === day && !fromTheDay);
  const steps: StepAfter[] = [];
  const positionOf = (unitId: string, successorUnitId: string, on: string) =>
    state.recorded.findLastIndex((event) => event.type === 'PartHandedOver' && event.data.unitId === unitId && event.data.successorUnitId === successorUnitId && event.data.handedOverOn === on);
  for (const part of partsOf(state)) {
    const passed = part.previousHolders?.at(-1);
    if (passed === undefined || part.heldSince !== passed.until || before(passed.until) || kept.has(part.unitId)) continue;
    // A part that carried open work into a verified one is a join, not separated again (breaker8h P4): the withdrawal is then judged with the verified part.
    const undoable = !carriedJoin(state, part) && !recordOfItsOwnSince(state, part.unitId, passed.until);
    steps.push({ unitId: passed.unitId, successorUnitId: part.unitId, on: passed.until, holder: part.unitId, join: false, undoable, position: positionOf(passed.unitId, part.unitId, passed.until) });
  }
  for (const [unitId, entry] of Object.entries(state.joined ?? {})) {
    if (before(entry.joinedOn)) continue;
    const holder = entry.into?.unitId ?? entry.successorUnitId;
    if (kept.has(holder)) continue;
    const into = partOf(state, holder);
    const undoable = entry.into !== undefined && into?.heldBefore?.includes(unitId) === true && !partOf(state, unitId) && !recordOfItsOwnSince(state, holder, entry.joinedOn);
    steps.push({ unitId, successorUnitId: entry.successorUnitId, on: entry.joinedOn, holder, join: true, undoable, position: positionOf(unitId, entry.successorUnitId, entry.joinedOn) });
  }
  return steps.filter((step) => only === undefined || step.holder === only).reduce<StepAfter | undefined>((latest, step) => (!latest || step.position > latest.position || (step.position === latest.position && step.on > latest.on) ? step : latest), undefined);
}

/** Whether `unitId` has a fact of its own on the parent (not a hand-over) dated on or after `since`. */
const recordOfItsOwnSince = (state: AssignmentsState, unitId: string, since: string): boolean =>
  state.recorded.some((event) => event.type !== 'PartHandedOver' && event.type !== 'PartHandOverUndone' && (event.data as { unitId?: string }).unitId === unitId && factDayOfEvent(event) >= since);

/**
 * The directory as it stood for a parent withdrawn on office day `withdrawnOn`: only the
 * reorganisations (hand-overs, merges) dated before it pass its parts — one dated on or after it
 * found the parent off the 台账 (breaker8g P7, P8). Unchanged without a withdrawal day.
 */
export function directoryBefore(unitNames: UnitNames | undefined, withdrawnOn: string | undefined): UnitNames | undefined {
  if (!unitNames || withdrawnOn === undefined) return unitNames;
  // Methods called on the directory itself: it may be a read model's instance.
  return {
    nameOf: (unitId) => unitNames.nameOf(unitId),
    ...(unitNames.nameOn ? { nameOn: (unitId: string, day: string) => unitNames.nameOn!(unitId, day) } : {}),
    ...(unitNames.registeredOnOf ? { registeredOnOf: (unitId: string) => unitNames.registeredOnOf!(unitId) } : {}),
    ...(unitNames.predecessorsOf ? { predecessorsOf: (unitId: string) => unitNames.predecessorsOf!(unitId) } : {}),
    ...(unitNames.handOversOf ? { handOversOf: (unitId: string) => unitNames.handOversOf!(unitId).filter((handOver) => handOver.on < withdrawnOn) } : {}),
    ...(unitNames.mergerOf
      ? {
          mergerOf: (unitId: string) => {
            const merger = unitNames.mergerOf!(unitId);
            return merger && merger.mergedOn < withdrawnOn ? merger : undefined;
          },
        }
      : {}),
  };
}
