import { EventSchemaRegistry, UnreadableEventError } from './event-schemas.js';

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

  it('refuses an event type it does not know, naming it in English and Chinese, rather than passing it on', () => {
    const read = () => registry.upcast({ type: 'UnitExploded', schemaVersion: 1, data: {} });
    expect(read).toThrow(UnreadableEventError);
    expect(read).toThrow(/type UnitExploded is not an event type this version of Rectify knows/);
    expect(() => read()).toThrow(expect.objectContaining({ messageZh: expect.stringContaining('UnitExploded 不是本版本 Rectify 所知的事件类型') }));
  });

  it('refuses a schema version newer than the current one (a newer version wrote it) rather than reading it as current', () => {
    const read = () => registry.upcast({ type: 'SampleFindingRecorded', schemaVersion: 99, data: { title: 'x', units: [], severity: 'HIGH' } });
    expect(read).toThrow(/schema version 99 of SampleFindingRecorded is newer than this server knows \(3\)/);
    expect(() => read()).toThrow(expect.objectContaining({ messageZh: expect.stringContaining('数据格式版本 99 比本服务所知的版本（3）更新') }));
  });

  it('refuses to register one event type twice', () => {
    expect(() => new EventSchemaRegistry().register({ A: { version: 1 } }).register({ A: { version: 1 } })).toThrow(/registered twice/);
  });
});
