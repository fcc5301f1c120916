import type { DomainEvent } from '../../shared/decider.js';
import type { EventSchemas } from '../../shared/event-schemas.js';
import { ParentKinds, type ParentKind } from '../../assignments/domain/assignment.events.js';

/** 表扬 / 通报批评. */
export const CircularKinds = ['COMMENDATION', 'CRITICISM'] as const;
export type CircularKind = (typeof CircularKinds)[number];

/** A circular cites the parents of parts: findings and work-plan items. */
export const CircularReferenceKinds = ParentKinds;
export type CircularReferenceKind = ParentKind;

/** What the circular is about: a finding or an item of the work-plan breakdown. */
export interface CircularReference {
  readonly kind: CircularReferenceKind;
  readonly id: string;
}

/** A circular commending or criticising one unit; `issuedOn` is a calendar day, `YYYY-MM-DD`. */
export type CircularIssued = DomainEvent<
  'CircularIssued',
  {
    readonly circularId: string;
    readonly unitId: string;
    readonly kind: CircularKind;
    readonly title: string;
    readonly reason: string;
    readonly references: readonly CircularReference[];
    readonly issuedOn: string;
  }
>;

export type CircularEvent = CircularIssued;

export const circularEventSchemas: EventSchemas<CircularEvent> = {
  CircularIssued: { version: 1 },
};

export const circularStream = (circularId: string) => `circular-${circularId}`;
