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

export type EvaluationEvent = EvaluationRegistered;

export const evaluationEventSchemas: EventSchemas<EvaluationEvent> = {
  EvaluationRegistered: { version: 1 },
};

export const evaluationStream = (evaluationId: string) => `evaluation-${evaluationId}`;
