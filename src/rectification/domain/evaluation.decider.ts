import { badInput, conflict, named, say, valueChangedMeanwhile } from '../../shared/domain-error.js';
import { requireBusinessDay, requireOfficeEra, requireRole, type DatedFact } from '../../shared/guards.js';
import type { Actor } from '../../shared/command-context.js';
import { Decider, unreachable } from '../../shared/decider.js';
import { isCalendarDate, officeDate } from '../../shared/calendar-date.js';
import { EvaluationEvent, EvaluationRegistered } from './evaluation.events.js';

export interface RegisterEvaluation {
  readonly type: 'RegisterEvaluation';
  readonly data: EvaluationRegistered['data'];
  readonly now: string;
  /**
   * The evaluation already registered with the same title's words (numbers by value, spacing and
   * punctuation aside), looked up by the handler: one report is registered once (breaker11g P1: a
   * second press under a new key after a 502 made a second evaluation that cannot be withdrawn).
   * Absent: none.
   */
  readonly sameTitleRegistered?: { readonly evaluationId: string; readonly title: string; /** YYYY-MM-DD */ readonly receivedOn: string };
}

/** The day the report was received, corrected with a reason (breaker8r P11): to any day not in the future nor after its earliest fact. */
export interface CorrectEvaluationReceivedOn {
  readonly type: 'CorrectEvaluationReceivedOn';
  readonly actor: Actor;
  /** The office's current day (China time). */
  readonly today: string;
  readonly receivedOn: string;
  readonly reason: string;
  /**
   * The day received as the form showed it (`YYYY-MM-DD`; sent by the web app, absent: not checked). Another day now — corrected
   * meanwhile by a colleague — is CONFLICT naming who set which day when (valueChangedMeanwhile), nothing changed (issue 9).
   */
  readonly expectedReceivedOn?: string;
  /**
   * The evaluation's earliest dated fact (a finding identified, its rectification team formed, its plan approved), looked up by
   * the handler: nothing of an evaluation is dated before the report was received. Absent: it has none.
   */
  readonly firstFact?: DatedFact;
}

export type EvaluationCommand = RegisterEvaluation | CorrectEvaluationReceivedOn;

export type EvaluationState =
  | { readonly status: 'unregistered' }
  | { readonly status: 'registered'; readonly evaluationId: string; readonly title: string; /** Office day the report was received, YYYY-MM-DD. */ readonly receivedOn: string };

export const evaluationDecider: Decider<EvaluationCommand, EvaluationState, EvaluationEvent> = {
  initialState: () => ({ status: 'unregistered' }),

  evolve(state, event) {
    switch (event.type) {
      case 'EvaluationRegistered':
        return { status: 'registered', evaluationId: event.data.evaluationId, title: event.data.title, receivedOn: event.data.receivedOn };
      case 'EvaluationReceivedOnCorrected':
        return state.status === 'registered' ? { ...state, receivedOn: event.data.receivedOn } : state;
      default:
        return unreachable(event);
    }
  },

  decide(command, state) {
    switch (command.type) {
      case 'RegisterEvaluation': {
        if (state.status === 'registered') {
          throw conflict(`Evaluation ${state.evaluationId} is already registered.`, `评估“${state.title}”已经登记。`);
        }
        const { periodStart, periodEnd, receivedOn } = command.data;
        for (const [name, value] of Object.entries({ periodStart, periodEnd, receivedOn })) {
          if (!isCalendarDate(value)) {
            throw badInput(`${name} must be a date written as YYYY-MM-DD (got "${value}").`, `${name} 应为 YYYY-MM-DD 格式的日期（收到“${value}”）。`, { field: name });
          }
        }
        if (periodStart > periodEnd) throw badInput('periodStart must not be after periodEnd.', '评估期的开始日期不能晚于结束日期。', { field: 'periodStart' });
        if (receivedOn > officeDate(command.now)) throw badInput('receivedOn cannot be in the future.', '收到评估报告的日期不能在将来。', { field: 'receivedOn' });
        requireOfficeEra(receivedOn, say('The day the evaluation was received', '收到评估报告日期'), 'receivedOn');
        const same = command.sameTitleRegistered;
        if (same && same.evaluationId !== command.data.evaluationId) {
          throw conflict(
            `An evaluation titled "${same.title}" is already registered (${same.evaluationId}); one report is registered once.`,
            `已登记同名的评估报告“${same.title}”（${same.receivedOn} 收到），同一份报告只登记一次。如是另一份报告，请在名称中写明区别（如年度、批次）。`,
            { field: 'title', evaluationId: same.evaluationId },
          );
        }
        return [{ type: 'EvaluationRegistered', data: command.data }];
      }
      case 'CorrectEvaluationReceivedOn':
        return correctReceivedOn(command, state);
      default:
        return unreachable(command);
    }
  },
};

/**
 * To any day not in the future and not after the evaluation's earliest fact (a finding identified, its team formed, its plan
 * approved): every fact of the campaign stays on or after the report's arrival. Earlier, for a report registered with the
 * form's default (today) whose past campaign is being entered (breaker8r P11: every finding was refused); later, for one
 * registered with too early a day.
 */
function correctReceivedOn(command: CorrectEvaluationReceivedOn, state: EvaluationState): EvaluationEvent[] {
  requireRole(command.actor, ['SUPERVISOR'], say('correct the day an evaluation was received', '更正评估报告的收到日期'));
  if (state.status !== 'registered') throw badInput('The evaluation is not registered.', '找不到该评估报告。', { field: 'evaluationId' });
  const reason = command.reason.trim();
  if (reason === '') throw badInput('A reason for the correction is required.', '更正收到日期须说明理由。', { field: 'reason' });
  if (command.expectedReceivedOn !== undefined && command.expectedReceivedOn !== state.receivedOn) {
    throw valueChangedMeanwhile(say(`The day evaluation "${state.title}" was received`, `评估报告“${state.title}”的收到日期`), state.receivedOn, command.expectedReceivedOn, { types: ['EvaluationReceivedOnCorrected'], field: 'expectedReceivedOn' });
  }
  const { receivedOn } = command;
  requireBusinessDay(receivedOn, command.today, named('receivedOn', 'The corrected day the evaluation was received', '更正后的收到日期'));
  if (receivedOn === state.receivedOn) {
    throw badInput(`The evaluation "${state.title}" is already received as of ${receivedOn}.`, `评估报告“${state.title}”的收到日期已是 ${receivedOn}。`, { field: 'receivedOn' });
  }
  const first = command.firstFact;
  if (first && receivedOn > first.day) {
    throw badInput(
      `The day "${state.title}" was received cannot be corrected to ${receivedOn}: its earliest fact, ${first.what.en}, is of ${first.day}; nothing of an evaluation is dated before it was received.`,
      `评估报告“${state.title}”的收到日期不能更正为 ${receivedOn}：其最早的记录（${first.what.zh}）在 ${first.day}；评估报告的各项记录不能早于其收到日期。`,
      { field: 'receivedOn' },
    );
  }
  return [{ type: 'EvaluationReceivedOnCorrected', data: { evaluationId: state.evaluationId, previousReceivedOn: state.receivedOn, receivedOn, reason, correctedOn: command.today } }];
}
