import { DomainEvent } from '../../shared/decider.js';
import { EventSchemas } from '../../shared/event-schemas.js';

export type EvaluationRegistered = DomainEvent<
  'EvaluationRegistered',
  {
    evaluationId: string;
    title: string;
    /** The outside body that evaluated, e.g. a university research institute. */
    evaluator: string;
    /** The higher office that commissioned the evaluation, e.g. the State Council General Office. */
    commissionedBy: string;
    periodStart: string;
    periodEnd: string;
    receivedOn: string;
  }
>;

/**
 * The day the report was received was entered wrong (typically the registration form's default, today, for a report of a
 * past campaign entered late: breaker8r P11): corrected to `receivedOn`, with a reason, by a supervisor; the registration stays
 * in the history. `correctedOn` is the office day of the correction; days are `YYYY-MM-DD`.
 */
export type EvaluationReceivedOnCorrected = DomainEvent<
  'EvaluationReceivedOnCorrected',
  { readonly evaluationId: string; readonly previousReceivedOn: string; readonly receivedOn: string; readonly reason: string; readonly correctedOn: string }
>;

export type EvaluationEvent = EvaluationRegistered | EvaluationReceivedOnCorrected;

export const evaluationEventSchemas: EventSchemas<EvaluationEvent> = {
  EvaluationRegistered: { version: 1 },
  EvaluationReceivedOnCorrected: { version: 1, occurredOn: 'correctedOn' },
};

export const evaluationStream = (evaluationId: string) => `evaluation-${evaluationId}`;
