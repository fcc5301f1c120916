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

/**
 * The kinds of a unit's other names (`UnitOtherNamesRecorded`): `SHORT_NAME`, a 简称 the office writes for it (市大数据局 for
 * 青川市政务服务和大数据管理局: not derivable by the near-name rules); `EARLIER_NAME`, a 曾用名 from before its registration in the
 * directory, without a rename day (青川市环境保护局 for 青川市生态环境局) — unlike a dated rename's former name, it reads as the unit on
 * every day.
 */
export const UnitOtherNameKinds = ['SHORT_NAME', 'EARLIER_NAME'] as const;
export type UnitOtherNameKind = (typeof UnitOtherNameKinds)[number];

/** One other name of a unit: the name as stored (`storedUnitName`) and its kind. */
export interface UnitOtherName {
  readonly name: string;
  readonly kind: UnitOtherNameKind;
}

/**
 * The office recorded names files use for the unit besides its official ones (newcomer57-10 S1): its 简称 and its 曾用名 from
 * before the directory knew it. Imports read each exactly as the unit, on every day, with a notice. `recordedOn`: the office
 * day of the recording (`YYYY-MM-DD`); `source`: where they came from (a 单位名录 file's name, or 单位名录页面).
 */
export type UnitOtherNamesRecorded = DomainEvent<
  'UnitOtherNamesRecorded',
  { readonly unitId: string; readonly names: readonly UnitOtherName[]; readonly source: string; readonly recordedOn: string }
>;

/** A 简称 or 曾用名 recorded wrongly (a typing slip, another unit's name) taken off the unit: files using it no longer read as it. */
export type UnitOtherNameRemoved = DomainEvent<
  'UnitOtherNameRemoved',
  { readonly unitId: string; readonly name: string; readonly kind: UnitOtherNameKind; readonly removedOn: string }
>;

export type UnitEvent =
  | UnitRegistered
  | UnitRenamed
  | UnitMerged
  | UnitRegistrationCorrected
  | UnitWorkHandedOver
  | UnitMergeDateCorrected
  | UnitOtherNamesRecorded
  | UnitOtherNameRemoved
  | UnitKindAndParentChanged;

/**
 * The unit's kind or its parent unit changed from office day `changedOn` (`YYYY-MM-DD`): a school moved under another district
 * government, a unit first typed 其他 now a 部门 (breaker57-10 S1). Collective names expand by kind and parent (市直各部门, 各区县政府,
 * 各科室), so a file read as of a day before `changedOn` reads the unit as it stood then (`previousKind`, `previousParentUnitId`,
 * the unit's kind and parent in force on that day when recorded). `parentUnitId` null: a unit of its own, under none.
 */
export type UnitKindAndParentChanged = DomainEvent<
  'UnitKindAndParentChanged',
  {
    readonly unitId: string;
    readonly previousKind: UnitKind;
    readonly previousParentUnitId: string | null;
    readonly kind: UnitKind;
    readonly parentUnitId: string | null;
    readonly reason: string;
    readonly changedOn: string;
  }
>;


export const unitEventSchemas: EventSchemas<UnitEvent> = {
  UnitRegistered: { version: 2, occurredOn: 'registeredOn', upcasters: { 1: officeDayOfRecording('registeredOn') } },
  // v1 did not say the day: the office day it was recorded.
  UnitRenamed: { version: 2, occurredOn: 'renamedOn', upcasters: { 1: officeDayOfRecording('renamedOn') } },
  UnitMerged: { version: 2, occurredOn: 'mergedOn', upcasters: { 1: officeDayOfRecording('mergedOn') } },
  UnitRegistrationCorrected: { version: 1, occurredOn: 'correctedOn' },
  UnitWorkHandedOver: { version: 1, occurredOn: 'handedOverOn' },
  UnitMergeDateCorrected: { version: 1, occurredOn: 'correctedOn' },
  UnitOtherNamesRecorded: { version: 1, occurredOn: 'recordedOn' },
  UnitOtherNameRemoved: { version: 1, occurredOn: 'removedOn' },
  UnitKindAndParentChanged: { version: 1, occurredOn: 'changedOn' },
};

export const unitStream = (unitId: string) => `unit-${unitId}`;
