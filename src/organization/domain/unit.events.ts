import { DomainEvent } from '../../shared/decider.js';
import { officeDayOfRecording, type EventSchemas } from '../../shared/event-schemas.js';

export const UnitKinds = ['GENERAL_OFFICE', 'DEPARTMENT', 'COUNTY_OR_DISTRICT', 'OTHER'] as const;
export type UnitKind = (typeof UnitKinds)[number];

export type UnitRegistered = DomainEvent<
  'UnitRegistered',
  {
    unitId: string;
    /** Short stable code used in spreadsheets and on the command line, e.g. FGW. */
    code: string;
    /** Official Chinese name, e.g. 市发展和改革委员会. */
    name: string;
    kind: UnitKind;
    parentUnitId: string | null;
    /** v2: the office day the unit was registered. */
    registeredOn: string;
  }
>;

/**
 * 机构改革: the unit has a new official name. The old one stays in its history and becomes an
 * alias, so files that still use it resolve to the unit. v2 added `renamedOn`, the office day.
 */
export type UnitRenamed = DomainEvent<
  'UnitRenamed',
  { readonly unitId: string; readonly previousName: string; readonly name: string; readonly reason: string; readonly renamedOn: string }
>;

/**
 * The unit was merged into another (its successor): it takes no new work, its names resolve to
 * the successor, and its open parts are handed over (PartHandedOver in each parent's stream).
 * v2 added `mergedOn`, the office day.
 */
export type UnitMerged = DomainEvent<
  'UnitMerged',
  { readonly unitId: string; readonly successorUnitId: string; readonly reason: string; readonly mergedOn: string }
>;

/**
 * The unit's registration day was entered wrong (typically today, for a unit that existed long
 * before the campaign now entered late): corrected to an earlier day, with a reason; the original
 * stays in the history. `correctedOn` is the office day of the correction.
 */
export type UnitRegistrationCorrected = DomainEvent<
  'UnitRegistrationCorrected',
  { readonly unitId: string; readonly previousRegisteredOn: string; readonly registeredOn: string; readonly reason: string; readonly correctedOn: string }
>;

/**
 * 机构改革 without a merge: the unit's duties in this campaign pass to `successorUnitId` on office day
 * `handedOverOn` (the unit stands). Its parts open that day pass then (PartHandedOver in each
 * parent's stream); a part verified by then stays with it — unless it comes back (a reopening or a
 * corrected inspection entered later, breaker8b N1): the directory remembers the hand-over so such a
 * part passes on the day it is open again, or on the hand-over day when it was open then.
 */
export type UnitWorkHandedOver = DomainEvent<
  'UnitWorkHandedOver',
  { readonly unitId: string; readonly successorUnitId: string; readonly reason: string; readonly handedOverOn: string }
>;

/**
 * The day of the unit's merge was entered wrong (breaker8p P6: 2016-05-01 typed for 2016-07-01): corrected to `mergedOn`, with a
 * reason, by an administrator; the original UnitMerged stays in the history. The parts the merge passed are passed again on the
 * corrected day in the same batch (PartHandOverUndone, PartHandedOver in each parent's stream). `correctedOn` is the office day
 * of the correction; days are `YYYY-MM-DD`.
 */
export type UnitMergeDateCorrected = DomainEvent<
  'UnitMergeDateCorrected',
  { readonly unitId: string; readonly successorUnitId: string; readonly previousMergedOn: string; readonly mergedOn: string; readonly reason: string; readonly correctedOn: string }
>;

export type UnitEvent = UnitRegistered | UnitRenamed | UnitMerged | UnitRegistrationCorrected | UnitWorkHandedOver | UnitMergeDateCorrected;

export const unitEventSchemas: EventSchemas<UnitEvent> = {
  UnitRegistered: { version: 2, occurredOn: 'registeredOn', upcasters: { 1: officeDayOfRecording('registeredOn') } },
  // v1 did not say the day: the office day it was recorded.
  UnitRenamed: { version: 2, occurredOn: 'renamedOn', upcasters: { 1: officeDayOfRecording('renamedOn') } },
  UnitMerged: { version: 2, occurredOn: 'mergedOn', upcasters: { 1: officeDayOfRecording('mergedOn') } },
  UnitRegistrationCorrected: { version: 1, occurredOn: 'correctedOn' },
  UnitWorkHandedOver: { version: 1, occurredOn: 'handedOverOn' },
  UnitMergeDateCorrected: { version: 1, occurredOn: 'correctedOn' },
};

export const unitStream = (unitId: string) => `unit-${unitId}`;
