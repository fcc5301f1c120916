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

/**
 * A circular commending or criticising one unit; `issuedOn` is a calendar day, `YYYY-MM-DD`.
 * v2 added `documentNumber`, the circular's 文号 (「青政公开〔2026〕5号」; newcomer26 S9), null when none
 * was given: a v1 circular is read with none.
 */
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
    readonly documentNumber: string | null;
  }
>;

/**
 * 撤回通报 (newcomer26 S9): a circular issued by mistake — sent about the wrong unit, or never printed —
 * is taken back by the supervisor on office day `withdrawnOn` (`YYYY-MM-DD`, not before its issue day),
 * with `reason`. It stays in the history, marked withdrawn; from `withdrawnOn` on it counts nowhere
 * (the ranking's 已通报批评 mark, a finding's or item's 相关通报). v1.
 */
export type CircularWithdrawn = DomainEvent<'CircularWithdrawn', { readonly circularId: string; readonly reason: string; readonly withdrawnOn: string }>;

/**
 * 更正通报 (newcomer26 S9): the supervisor corrected a circular's 发文日期 and/or 文号, typed wrong, with
 * `reason`. The issued event is never rewritten: views read the circular with the corrected day and
 * number from then on; `previous…` keep what it read before. `correctedOn` is the office day of the
 * correction itself. v1.
 */
export type CircularCorrected = DomainEvent<
  'CircularCorrected',
  {
    readonly circularId: string;
    readonly previousIssuedOn: string;
    readonly issuedOn: string;
    readonly previousDocumentNumber: string | null;
    readonly documentNumber: string | null;
    readonly reason: string;
    readonly correctedOn: string;
  }
>;

export type CircularEvent = CircularIssued | CircularWithdrawn | CircularCorrected;

export const circularEventSchemas: EventSchemas<CircularEvent> = {
  CircularIssued: { version: 2, upcasters: { 1: (data) => ({ ...data, documentNumber: null }) } },
  CircularWithdrawn: { version: 1, occurredOn: 'withdrawnOn' },
  CircularCorrected: { version: 1, occurredOn: 'correctedOn' },
};

export const circularStream = (circularId: string) => `circular-${circularId}`;
