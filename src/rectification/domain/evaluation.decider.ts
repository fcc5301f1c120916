import { badInput, conflict, say } from '../../shared/domain-error.js';
import { requireOfficeEra } from '../../shared/guards.js';
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

export type EvaluationCommand = RegisterEvaluation;

export type EvaluationState =
  | { readonly status: 'unregistered' }
  | { readonly status: 'registered'; readonly evaluationId: string; readonly title: string; /** Office day the report was received, YYYY-MM-DD. */ readonly receivedOn: string };

export const evaluationDecider: Decider<EvaluationCommand, EvaluationState, EvaluationEvent> = {
  initialState: () => ({ status: 'unregistered' }),

  evolve(state, event) {
    switch (event.type) {
      case 'EvaluationRegistered':
        return { status: 'registered', evaluationId: event.data.evaluationId, title: event.data.title, receivedOn: event.data.receivedOn };
      default:
        return unreachable(event.type);
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
      default:
        return unreachable(command.type);
    }
  },
};
