import { EventSchemaRegistry } from './event-schemas.js';

/** A finding type whose v1 data had a single `unit` and whose v2 data has a list of units. */
const registry = new EventSchemaRegistry().register({
  SampleFindingRecorded: {
    version: 3,
    upcasters: {
      1: ({ unit, ...rest }) => ({ ...rest, units: unit ? [unit] : [] }),
      2: (data) => ({ ...data, severity: data.severity ?? 'MEDIUM' }),
    },
  },
});

describe('reading events written under an older schema', () => {
  it('brings version 1 data up to the current shape, one step at a time', () => {
    const event = registry.upcast({ type: 'SampleFindingRecorded', schemaVersion: 1, data: { title: 'x', unit: 'u-1' } });
    expect(event).toEqual({ type: 'SampleFindingRecorded', data: { title: 'x', units: ['u-1'], severity: 'MEDIUM' } });
  });

  it('leaves current data untouched', () => {
    const data = { title: 'x', units: [], severity: 'HIGH' };
    expect(registry.upcast({ type: 'SampleFindingRecorded', schemaVersion: 3, data })).toEqual({ type: 'SampleFindingRecorded', data });
  });

  it('refuses to guess when an upcaster is missing', () => {
    const broken = new EventSchemaRegistry().register({ Gap: { version: 2 } });
    expect(() => broken.upcast({ type: 'Gap', schemaVersion: 1, data: {} })).toThrow(/No upcaster for Gap from version 1/);
  });

  it('refuses to register one event type twice', () => {
    expect(() => new EventSchemaRegistry().register({ A: { version: 1 } }).register({ A: { version: 1 } })).toThrow(/registered twice/);
  });
});
