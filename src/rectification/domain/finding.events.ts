import { DomainEvent } from '../../shared/decider.js';
import { EventSchemas } from '../../shared/event-schemas.js';

export const Severities = ['LOW', 'MEDIUM', 'HIGH'] as const;
export type Severity = (typeof Severities)[number];

export type FindingRecorded = DomainEvent<
  'FindingRecorded',
  {
    findingId: string;
    evaluationId: string;
    title: string;
    description: string;
    /** Free text such as 主动公开 or 依申请公开, as the evaluation report groups its findings. */
    category: string;
    severity: Severity;
    /** Units the evaluation names as concerned; assignment to units is a separate step. */
    concernedUnitIds: string[];
  }
>;

export type FindingEvent = FindingRecorded;

export const findingEventSchemas: EventSchemas<FindingEvent> = {
  FindingRecorded: { version: 1 },
};

export const findingStream = (findingId: string) => `finding-${findingId}`;
