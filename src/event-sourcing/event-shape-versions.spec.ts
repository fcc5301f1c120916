import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { allEventSchemas } from './all-event-schemas.js';
import { eventPayloadShapes } from './event-payload-shapes.generated.js';

/*
 * breaker49-9 S2: `FactDateCorrected` learned to name a reopening (a new `factType`) and to give a new due date without a
 * version step; the previous release, rolled back to, read such a row as damaged ("restore the store from a backup"), and
 * would have read a new due date it ignores as no date at all. An event whose shape changes takes a new schema version
 * (an older build then refuses it as a newer version's, naming the cause) — or, when an older build can ignore the change
 * without misreading the fact (an informational field), the new shape is recorded here as still that version's, a
 * decision made on purpose. `event-shape-versions.json` keeps, per type, the shape digest of each version it was written
 * at; `RECORD_EVENT_SHAPES=1` on this spec records the current ones (never removing an older version's).
 */
const RECORD = fileURLToPath(new URL('./event-shape-versions.json', import.meta.url));

/** A payload shape's digest: its JSON with object keys and `required` lists sorted (the generator's order is not meaning). */
function shapeDigest(shape: unknown): string {
  const canonical = (value: unknown, key?: string): unknown => {
    if (Array.isArray(value)) return key === 'required' ? [...value].sort() : value.map((item) => canonical(item));
    if (value && typeof value === 'object') return Object.fromEntries(Object.keys(value).sort().map((name) => [name, canonical((value as Record<string, unknown>)[name], name)]));
    return value;
  };
  return createHash('sha256').update(JSON.stringify(canonical(shape))).digest('hex').slice(0, 16);
}

describe('an event type whose shape changes takes a new schema version (breaker49-9 S2)', () => {
  const recorded = JSON.parse(readFileSync(RECORD, 'utf8')) as Record<string, Record<string, string>>;
  const current = allEventSchemas().versions().map(([type, version]) => ({ type, version, digest: shapeDigest(eventPayloadShapes.payloads[type]) }));

  if (process.env.RECORD_EVENT_SHAPES === '1') {
    for (const { type, version, digest } of current) recorded[type] = { ...recorded[type], [String(version)]: digest };
    writeFileSync(RECORD, `${JSON.stringify(Object.fromEntries(Object.entries(recorded).sort(([a], [b]) => (a < b ? -1 : 1))), null, 2)}\n`);
  }

  it('has the shape recorded for its current version', () => {
    const changed = current
      .filter(({ type, version, digest }) => recorded[type]?.[String(version)] !== digest)
      .map(({ type, version }) =>
        recorded[type]?.[String(version)] === undefined
          ? `${type} v${version} has no recorded shape (a new type or version: record it)`
          : `${type} changed its shape at version ${version}, which an older Rectify reads: give it version ${version + 1} (an upcaster from ${version}, and writtenAs when data without the new meaning can stay at ${version}); only when an older build can ignore the change without misreading the fact, record the new shape with RECORD_EVENT_SHAPES=1`,
      );
    expect(changed).toEqual([]);
  });

  it('writes a reopening’s date correction, or one giving a new due date, at the version an older build refuses as newer', () => {
    const schemas = allEventSchemas();
    const correction = { unitId: 'u-1', factType: 'ReportSentBack', previousOn: '2026-10-25', on: '2026-10-24', reason: '录入有误', correctedOn: '2026-11-01' };
    expect(schemas.versionToWrite('FactDateCorrected', correction)).toBe(1);
    expect(schemas.versionToWrite('FactDateCorrected', { ...correction, factType: 'PartsReopened' })).toBe(2);
    expect(schemas.versionToWrite('FactDateCorrected', { ...correction, on: '2026-11-02', newDueDate: '2026-11-20' })).toBe(2);
    expect(schemas.versionToWrite('RectificationReported', { reportedOn: '2026-10-20' })).toBe(schemas.currentVersion('RectificationReported'));
    // h52a: a retraction of a kind the v1 release knew is written at v1; of a request, decision or 交办 at v2 (refused as newer).
    const retraction = { unitId: 'u-1', on: '2026-10-25', reason: '误录', retractedOn: '2026-11-01' };
    expect(schemas.versionToWrite('RecordRetracted', { ...retraction, factType: 'PartsReopened' })).toBe(1);
    expect(schemas.versionToWrite('RecordRetracted', { ...retraction, factType: 'UnitAssigned' })).toBe(2);
    expect(schemas.versionToWrite('RecordRetracted', { ...retraction, factType: 'ExtensionGranted' })).toBe(2);
    // breaker55-8 S4, S6: a split hand-over or a removal retracted at v3 (an older build would drop the split and leave the part with nobody).
    expect(schemas.versionToWrite('RecordRetracted', { ...retraction, factType: 'PartHandedOver' })).toBe(3);
    expect(schemas.versionToWrite('RecordRetracted', { ...retraction, factType: 'UnitUnassigned' })).toBe(3);
    // h57c: a role change retracted (替换原牵头单位 as one step) at v4 (an older build would read the kind as damaged).
    expect(schemas.versionToWrite('RecordRetracted', { ...retraction, factType: 'PartRoleChanged' })).toBe(4);
    // newcomer53-10 S1: a part handed over alone (a split) at v3, which an older build refuses as newer; a whole hand-over at v2.
    const handedOver = { unitId: 'u-1', successorUnitId: 'u-2', reason: '职能划转', handedOverOn: '2026-10-25' };
    expect(schemas.versionToWrite('PartHandedOver', handedOver)).toBe(2);
    expect(schemas.versionToWrite('PartHandedOver', { ...handedOver, partOnly: true })).toBe(3);
    // h55a (after h54b): the PartsReopened the server writes for a part-only reopening found closed (`foundClosed`) stands only
    // while its cause does — at v3, which an older build refuses as newer instead of reading it as a reopening of its own; the
    // office's reopenings stay at v2, and a v2 one reads today without the mark.
    const reopening = { reason: '网页又被删除', reopenedOn: '2026-10-25', unitIds: ['u-1'] };
    expect(schemas.versionToWrite('PartsReopened', reopening)).toBe(2);
    expect(schemas.versionToWrite('PartsReopened', { reason: '网页又被删除', reopenedOn: '2026-10-25', unitIds: ['u-2'], foundClosed: true })).toBe(3);
    expect(schemas.upcast({ type: 'PartsReopened', schemaVersion: 2, data: reopening, metadata: { recordedAt: '2026-11-01T02:00:00.000Z' } })).toEqual({ type: 'PartsReopened', data: reopening });
    // Both versions read today as they were written.
    expect(schemas.upcast({ type: 'FactDateCorrected', schemaVersion: 1, data: correction, metadata: { recordedAt: '2026-11-01T02:00:00.000Z' } })).toEqual(expect.objectContaining({ data: correction }));
  });
});
