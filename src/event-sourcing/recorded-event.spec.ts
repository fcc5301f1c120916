import type { StoredEvent } from '../event-store/event-store.port.js';
import { EventSchemaRegistry } from '../shared/event-schemas.js';
import { StringTable } from '../shared/interned-strings.js';
import { recordedEvent } from './recorded-event.js';

/*
 * perf49 (issue 12, lever 2): what a read model keeps of an event it folds — unit ids, roles, days — comes from the
 * event's parsed JSON, a new string per event; `recordedEvent` interns them, so every record naming a unit holds one
 * string for it.
 */
const schemas = new EventSchemaRegistry().register({ PartAssigned: { version: 1, occurredOn: 'assignedOn' } });

/** A stored event as the SQLite adapter hands it over: every string made by the parse, none shared. */
const stored = (revision: number): StoredEvent =>
  JSON.parse(
    JSON.stringify({
      id: `event-${revision}`,
      streamId: 'finding-7',
      revision,
      type: 'PartAssigned',
      schemaVersion: 1,
      data: { findingId: 'finding-7', parts: [{ unitId: 'unit-0042', role: 'RESPONSIBLE' }], assignedOn: '2026-05-01' },
      metadata: { actorId: 'user-7', recordedAt: '2026-05-01T02:00:00.000Z' },
    }),
  ) as StoredEvent;

describe('an event as the read models fold it', () => {
  it('holds its short strings interned: the second event of a stream shares its stream id, unit, role, day and actor with the first', () => {
    const strings = new StringTable();
    const first = recordedEvent(schemas, { ...stored(0), position: { commit: 1n, prepare: 1n } }, strings);
    const sharedBefore = strings.stats.shared;
    const second = recordedEvent(schemas, { ...stored(1), position: { commit: 2n, prepare: 2n } }, strings);
    expect(second).toMatchObject({ streamId: 'finding-7', type: 'PartAssigned', occurredOn: '2026-05-01', data: first.data, metadata: first.metadata });
    // streamId, type, findingId, unitId, role, assignedOn, actorId, recordedAt, occurredOn: the event's id alone is new.
    expect(strings.stats.shared - sharedBefore).toBe(9);
  });
});
