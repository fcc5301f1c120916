import { requireCalendarDate, requireNotBefore, requireOfficeEra, requireRole, requireText, type DatedFact } from '../../shared/guards.js';
import { isAfter } from '../../shared/calendar-date.js';
import type { Actor } from '../../shared/command-context.js';
import { Decider, unreachable } from '../../shared/decider.js';
import { DomainError, badInput, conflict, named, notFound, say, valueChangedMeanwhile, type Bilingual } from '../../shared/domain-error.js';
import type { CircularEvent, CircularIssued, CircularKind, CircularReference } from './circular.events.js';

/** What the handler looks up about a circular's unit and references, judged on the day it is (or is corrected to be) issued. */
export interface CircularFacts {
  /** The unit's registration (looked up, named by the unit's name): no circular about it is dated before. Absent: unchecked. */
  readonly unitRegistration?: DatedFact;
  /**
   * What each found reference began with, looked up by the handler: a finding's identification, a
   * work-plan item's assignment, as refusals name them (by title and day). A circular cites only
   * what existed on its day.
   */
  readonly referencesBegan?: readonly DatedFact[];
  /**
   * The references withdrawn (a finding 已撤销, an item withdrawn from its plan), by name with the
   * day and reason, looked up by the handler: one withdrawn on or before the circular's day counts
   * in no figure, so it is no ground for commending or criticising anyone (breaker11e P9).
   */
  readonly referencesWithdrawn?: readonly {
    readonly name: Bilingual;
    readonly withdrawnOn: string;
    readonly reason: string;
    /**
     * The finding it was withdrawn as a repeat of (重复登记), by name: such a record counts on no day,
     * whatever its withdrawal's date, so it is cited on no day — the original is (breaker11l P6).
     */
    readonly repeats?: Bilingual;
  }[];
  /**
   * The references the unit came to hold only by a hand-over or merge (机构改革), not its own 交办 nor named as concerned,
   * looked up by the handler: by name, the day it took the part over and the unit that held it before. A circular dated
   * before that day does not cite it — the work was the other unit's then (breaker8r P13).
   */
  readonly referencesHeldFrom?: readonly { readonly name: Bilingual; readonly heldSince: string; readonly heldBy: string }[];
  /** The unit's name in the directory, for refusals to name it. */
  readonly unitName?: string;
  /**
   * The unit's merge into another (机构改革), looked up by the handler: the day (office day) and the
   * successor's name. A merged unit takes no new work, so a circular dated on or after that day is
   * its successor's (breaker11h P7); one dated before may name it. Absent: the unit stands.
   */
  readonly unitMerged?: { readonly mergedOn: string; readonly successorName: string };
}

export interface IssueCircular extends Readonly<Omit<CircularIssued['data'], 'documentNumber'>>, CircularFacts {
  readonly type: 'IssueCircular';
  /** 文号 (document number), optional: blank or absent is none. */
  readonly documentNumber?: string | null;
  readonly actor: Actor;
  /** The office's calendar day, `officeDate(now)`: a circular cannot be dated in the future. */
  readonly today: string;
  /** Facts the handler looked up in the units directory and in the referenced streams. */
  readonly unitExists: boolean;
  readonly unknownReferences: readonly CircularReference[];
  /**
   * The references the unit has no part in (nor had, nor was named as concerned by), by name,
   * looked up by the handler: a circular commends or criticises a unit for its own work only
   * (breaker11b G1). Absent: unchecked.
   */
  readonly referencesNotConcerning?: readonly Bilingual[];
  /**
   * The circular already issued to this unit, of this kind, on this day, with the same title's words,
   * looked up by the handler: one circular is issued once (breaker11g P1: sent again under a new key
   * after a 502, a unit was criticised twice). Absent: none.
   */
  readonly sameCircularIssued?: { readonly circularId: string; readonly title: string };
}

/** 撤回通报 (newcomer26 S9): the supervisor takes back a circular issued by mistake, with a reason and the office day. */
export interface WithdrawCircular {
  readonly type: 'WithdrawCircular';
  readonly actor: Actor;
  /** The office's calendar day (`officeDate(now)`). */
  readonly today: string;
  readonly circularId: string;
  readonly reason: string;
  /** `YYYY-MM-DD`: not in the future, not before the circular's issue day. */
  readonly withdrawnOn: string;
}

/**
 * 更正通报 (newcomer26 S9): the supervisor corrects a circular's 发文日期 and/or 文号 typed wrong, with a
 * reason. A new day is judged as issuing on it would be (`CircularFacts`, looked up by the handler).
 */
export interface CorrectCircular extends CircularFacts {
  readonly type: 'CorrectCircular';
  readonly actor: Actor;
  readonly today: string;
  readonly circularId: string;
  /** The day it was really issued (`YYYY-MM-DD`); absent: unchanged. */
  readonly issuedOn?: string;
  /** Its 文号; absent: unchanged; blank: none. */
  readonly documentNumber?: string | null;
  readonly reason: string;
  /**
   * The circular as the form showed it — its issue day (`YYYY-MM-DD`) and 文号 (blank: none) — sent by the web app; absent: not checked
   * (scripts). Either other now — corrected meanwhile by a colleague — is CONFLICT naming who set what when (valueChangedMeanwhile),
   * nothing changed (issue 9).
   */
  readonly expected?: { readonly issuedOn?: string; readonly documentNumber?: string | null };
}

export type CircularCommand = IssueCircular | WithdrawCircular | CorrectCircular;

/** What a reference's kind is called in a refusal: the office's words, never its id. */
const REFERENCE_ZH: Readonly<Record<CircularReference['kind'], string>> = { FINDING: '问题', WORK_PLAN_ITEM: '工作事项' };

export type CircularState =
  | { readonly status: 'unissued' }
  | {
      readonly status: 'issued';
      readonly circularId: string;
      readonly unitId: string;
      readonly kind: CircularKind;
      readonly title: string;
      readonly issuedOn: string;
      readonly documentNumber: string | null;
      /** Set once it is withdrawn (撤回通报): the office day and why. */
      readonly withdrawn?: { readonly on: string; readonly reason: string };
    };

export const circularDecider: Decider<CircularCommand, CircularState, CircularEvent> = {
  initialState: () => ({ status: 'unissued' }),

  evolve(state, event) {
    switch (event.type) {
      case 'CircularIssued': {
        const { circularId, unitId, kind, title, issuedOn, documentNumber } = event.data;
        return { status: 'issued', circularId, unitId, kind, title, issuedOn, documentNumber };
      }
      case 'CircularWithdrawn':
        return state.status === 'issued' ? { ...state, withdrawn: { on: event.data.withdrawnOn, reason: event.data.reason } } : state;
      case 'CircularCorrected':
        return state.status === 'issued' ? { ...state, issuedOn: event.data.issuedOn, documentNumber: event.data.documentNumber } : state;
      default:
        return unreachable(event);
    }
  },

  decide(command, state) {
    switch (command.type) {
      case 'IssueCircular':
        return issueCircular(command, state);
      case 'WithdrawCircular':
        return withdrawCircular(command, state);
      case 'CorrectCircular':
        return correctCircular(command, state);
      default:
        return unreachable(command);
    }
  },
};

/** A 文号 as kept: trimmed, blank is none. */
const documentNumberOf = (text: string | null | undefined): string | null => (text == null || text.trim() === '' ? null : text.trim());

/** The issued circular a withdrawal or correction is about, still standing (not withdrawn). NOT_FOUND / CONFLICT otherwise. */
function standingCircular(command: WithdrawCircular | CorrectCircular, state: CircularState, doing: Bilingual): Extract<CircularState, { status: 'issued' }> {
  requireRole(command.actor, ['SUPERVISOR'], doing);
  if (state.status !== 'issued') throw notFound('Circular', command.circularId);
  if (state.withdrawn) {
    throw conflict(
      `The circular 「${state.title}」 was withdrawn on ${state.withdrawn.on} (${state.withdrawn.reason}).`,
      `通报“${state.title}”已于 ${state.withdrawn.on} 撤回（${state.withdrawn.reason}），不能再${doing.zh}。`,
    );
  }
  return state;
}

function withdrawCircular(command: WithdrawCircular, state: CircularState): CircularEvent[] {
  const circular = standingCircular(command, state, say('withdraw circulars', '撤回'));
  const { circularId, reason, withdrawnOn } = command;
  requireText(reason, named('reason', 'A reason for the withdrawal', '撤回理由'));
  requireCalendarDate(withdrawnOn, named('withdrawnOn', 'The withdrawal date', '撤回日期'));
  if (isAfter(withdrawnOn, command.today)) throw badInput(`The withdrawal date ${withdrawnOn} is in the future.`, `撤回日期（${withdrawnOn}）是将来的日期：今天是 ${command.today}。`, { field: 'withdrawnOn' });
  requireNotBefore({ day: withdrawnOn, what: named('withdrawnOn', 'the withdrawal date', '撤回日期') }, { day: circular.issuedOn, what: say('its issue date', '该通报的发文日期') });
  return [{ type: 'CircularWithdrawn', data: { circularId, reason: reason.trim(), withdrawnOn } }];
}

function correctCircular(command: CorrectCircular, state: CircularState): CircularEvent[] {
  const circular = standingCircular(command, state, say('correct circulars', '更正'));
  const { circularId, reason } = command;
  requireText(reason, named('reason', 'A reason for the correction', '更正理由'));
  const shown = { issuedOn: command.expected?.issuedOn ?? circular.issuedOn, documentNumber: command.expected?.documentNumber === undefined ? circular.documentNumber : documentNumberOf(command.expected.documentNumber) };
  if (shown.issuedOn !== circular.issuedOn || shown.documentNumber !== circular.documentNumber) {
    const read = (on: string, number: string | null): Bilingual => say(`${on} (document number ${number ?? 'none'})`, `${on}（文号 ${number ?? '无'}）`);
    throw valueChangedMeanwhile(say(`The issue day and document number of circular 「${circular.title}」`, `通报「${circular.title}」的发文日期和文号`), read(circular.issuedOn, circular.documentNumber), read(shown.issuedOn, shown.documentNumber), {
      types: ['CircularCorrected'],
      field: shown.issuedOn !== circular.issuedOn ? 'expectedIssuedOn' : 'expectedDocumentNumber',
    });
  }
  const issuedOn = command.issuedOn ?? circular.issuedOn;
  const documentNumber = command.documentNumber === undefined ? circular.documentNumber : documentNumberOf(command.documentNumber);
  if (issuedOn === circular.issuedOn && documentNumber === circular.documentNumber) {
    throw badInput('The correction changes neither the issue date nor the document number.', `更正后的发文日期和文号与原记录相同（${circular.issuedOn}${circular.documentNumber ? `，${circular.documentNumber}` : ''}），没有可更正的内容。`, { field: 'issuedOn' });
  }
  if (issuedOn !== circular.issuedOn) requireIssuableOn(command, issuedOn, circular.unitId);
  return [
    {
      type: 'CircularCorrected',
      data: { circularId, previousIssuedOn: circular.issuedOn, issuedOn, previousDocumentNumber: circular.documentNumber, documentNumber, reason: reason.trim(), correctedOn: command.today },
    },
  ];
}

function issueCircular(command: IssueCircular, state: CircularState): CircularEvent[] {
  const { circularId, unitId, kind, title, reason, references, issuedOn } = command;
  requireRole(command.actor, ['SUPERVISOR'], say('issue circulars', '发布通报'));
  if (!command.unitExists) throw notFound('Unit', unitId);
  if (command.unknownReferences.length > 0) {
    const unknown = command.unknownReferences.map((reference) => `${reference.kind} ${reference.id}`).join(', ');
    const kinds = [...new Set(command.unknownReferences.map((reference) => REFERENCE_ZH[reference.kind]))].join('或');
    throw new DomainError('NOT_FOUND', say(`Referenced ${unknown} does not exist.`, `引用的${kinds}不存在（${command.unknownReferences.length} 项），请重新选择。`), { field: 'references' });
  }
  if (state.status === 'issued') throw conflict(`Circular ${state.circularId} was already issued on ${state.issuedOn}.`, `该通报已于 ${state.issuedOn} 发布。`);
  const notConcerning = command.referencesNotConcerning ?? [];
  if (notConcerning.length > 0) {
    throw badInput(
      `${command.unitName ?? 'The unit'} has no part in ${notConcerning.map((reference) => reference.en).join(', ')}: a circular cites only the unit's own work.`,
      `${command.unitName ?? '被通报单位'}不承担${notConcerning.map((reference) => reference.zh).join('、')}，通报只能引用该单位自己的问题或工作事项。`,
      { field: 'references' },
    );
  }
  requireText(title, say('The title of the circular', '通报标题'));
  // A commendation or a criticism is only fair, and only useful to other units, with its grounds.
  requireText(reason, say('The reason for the circular', '通报理由'));
  requireIssuableOn(command, issuedOn, unitId);
  const cited = new Set<string>();
  for (const reference of references) {
    const key = `${reference.kind} ${reference.id}`;
    if (cited.has(key)) throw badInput(`${key} is referenced twice.`, `同一${REFERENCE_ZH[reference.kind]}被引用了两次。`, { field: 'references' });
    cited.add(key);
  }
  const same = command.sameCircularIssued;
  if (same && same.circularId !== circularId) {
    throw conflict(
      `A ${kind === 'COMMENDATION' ? 'commendation' : 'criticism'} titled "${same.title}" was already issued to ${command.unitName ?? unitId} on ${issuedOn} (${same.circularId}); one circular is issued once.`,
      `${command.unitName ?? '该单位'}已有 ${issuedOn} 发布的同名${kind === 'COMMENDATION' ? '表扬' : '通报批评'}“${same.title}”，同一份通报只发布一次。如是另一份通报，请在标题中写明区别。`,
      { field: 'title', circularId: same.circularId },
    );
  }
  return [{ type: 'CircularIssued', data: { circularId, unitId, kind, title, reason, references, issuedOn, documentNumber: documentNumberOf(command.documentNumber) } }];
}

/**
 * The checks of a circular's issue day (`YYYY-MM-DD`), issuing it or correcting its day: a calendar day, not in
 * the future, in the office's era, not before the unit's registration nor before what it cites began, not after the
 * unit's merge day — that day is still its working day, as for its other papers of the merge day, whichever was typed first
 * (breaker8v P10: typed before the merge it was kept, after it refused) — citing nothing withdrawn by then (nor a repeat on
 * any day). BAD_USER_INPUT / CONFLICT.
 */
function requireIssuableOn(command: CircularFacts & { readonly today: string }, issuedOn: string, unitId: string): void {
  requireCalendarDate(issuedOn, say('The issue date', '发文日期'));
  if (isAfter(issuedOn, command.today)) throw badInput(`The issue date ${issuedOn} is in the future.`, `发文日期（${issuedOn}）是将来的日期：今天是 ${command.today}。`, { field: 'issuedOn' });
  requireOfficeEra(issuedOn, say('The issue date', '发文日期'), 'issuedOn');
  // Named by its field: a unit or a cited record the day does not allow is said beside 发文日期, as a 交办's beside 交办日期 (web4 fault 3).
  const issued = { day: issuedOn, what: named('issuedOn', 'the issue date', '发文日期') };
  requireNotBefore(issued, command.unitRegistration);
  const merged = command.unitMerged;
  if (merged && isAfter(issuedOn, merged.mergedOn)) {
    const unit = command.unitName ?? unitId;
    throw conflict(
      `${unit} was merged into ${merged.successorName} on ${merged.mergedOn}; it takes no new work, so a circular issued on ${issuedOn} goes to ${merged.successorName} (one issued on or before ${merged.mergedOn} may name ${unit}).`,
      `${unit}已于 ${merged.mergedOn} 并入${merged.successorName}，${issuedOn} 发布的通报请发给${merged.successorName}；针对并入前的事项、发文日期不晚于 ${merged.mergedOn} 的通报仍可发给${unit}。`,
      { field: 'issuedOn' },
    );
  }
  for (const began of command.referencesBegan ?? []) requireNotBefore(issued, began);
  const notYetHeld = (command.referencesHeldFrom ?? []).find((reference) => isAfter(reference.heldSince, issuedOn));
  if (notYetHeld) {
    const unit = command.unitName ?? '该单位';
    throw badInput(
      `On ${issuedOn} ${notYetHeld.name.en} was ${notYetHeld.heldBy}'s: ${unit} took it over only on ${notYetHeld.heldSince}, so a circular issued before that day does not cite it.`,
      `${issuedOn} ${notYetHeld.name.zh}由${notYetHeld.heldBy}承担：${unit}自 ${notYetHeld.heldSince} 起才承担该项工作，此前发布的通报不能引用它。`,
      { field: 'references' },
    );
  }
  const repeat = (command.referencesWithdrawn ?? []).find((reference) => reference.repeats !== undefined);
  if (repeat?.repeats) {
    throw conflict(
      `${repeat.name.en} was withdrawn on ${repeat.withdrawnOn} as a repeat of ${repeat.repeats.en}: it counts in no figure on any day, so no circular cites it; cite ${repeat.repeats.en}.`,
      `${repeat.name.zh}已于 ${repeat.withdrawnOn} 作为${repeat.repeats.zh}的重复登记撤销，在任何一天都不计入统计，不能作为通报的依据；请引用${repeat.repeats.zh}。`,
      { field: 'references' },
    );
  }
  const withdrawn = (command.referencesWithdrawn ?? []).find((reference) => !isAfter(reference.withdrawnOn, issuedOn));
  if (withdrawn) {
    throw conflict(
      `${withdrawn.name.en} was withdrawn on ${withdrawn.withdrawnOn} (${withdrawn.reason}): it counts in no figure, so a circular issued on ${issuedOn} does not cite it.`,
      `${withdrawn.name.zh}已于 ${withdrawn.withdrawnOn} 撤销（${withdrawn.reason}），不计入任何统计，不能作为 ${issuedOn} 发布的通报的依据。`,
      { field: 'references' },
    );
  }
}
