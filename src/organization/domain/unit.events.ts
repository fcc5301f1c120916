import { DomainEvent } from '../../shared/decider.js';
import { EventSchemas } from '../../shared/event-schemas.js';

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
  }
>;

export type UnitEvent = UnitRegistered;

export const unitEventSchemas: EventSchemas<UnitEvent> = {
  UnitRegistered: { version: 1 },
};

export const unitStream = (unitId: string) => `unit-${unitId}`;
