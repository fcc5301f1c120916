import { Projection, RecordedEvent } from '../../event-sourcing/recorded-event.js';
import { UnitEvent, UnitKind } from '../domain/unit.events.js';

export interface UnitView {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly kind: UnitKind;
  readonly parentUnitId: string | null;
  readonly registeredAt: string;
  readonly registeredBy: string;
}

/** The units directory: every unit by id, code and name. */
export class UnitsReadModel implements Projection {
  private readonly byId = new Map<string, UnitView>();
  private readonly idByCode = new Map<string, string>();
  private readonly idByName = new Map<string, string>();


  apply(event: RecordedEvent): void {
    const unitEvent = event as RecordedEvent<UnitEvent>;
    if (unitEvent.type !== 'UnitRegistered') return;
    const { unitId, code, name, kind, parentUnitId } = unitEvent.data;
    this.byId.set(unitId, { id: unitId, code, name, kind, parentUnitId, registeredAt: event.metadata.recordedAt, registeredBy: event.metadata.actorId });
    this.idByCode.set(code, unitId);
    this.idByName.set(name, unitId);
  }

  get(id: string): UnitView | undefined {
    return this.byId.get(id);
  }

  byCode(code: string): UnitView | undefined {
    const id = this.idByCode.get(code);
    return id ? this.byId.get(id) : undefined;
  }

  byName(name: string): UnitView | undefined {
    const id = this.idByName.get(name);
    return id ? this.byId.get(id) : undefined;
  }

  list(): UnitView[] {
    return [...this.byId.values()].sort((a, b) => a.code.localeCompare(b.code));
  }

  unknownIds(ids: readonly string[]): string[] {
    return ids.filter((id) => !this.byId.has(id));
  }
}
