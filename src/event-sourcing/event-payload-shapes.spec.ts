import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { payloadProblem } from './event-payload-shapes.js';

/** Issue 9 (second breaker, 1): an event's data is checked against its type's shape before a read model sees it. */
describe('The shape of an event\'s data', () => {
  const renamed = { unitId: 'u-1', previousName: '市卫生和计划生育委员会', name: '市卫生健康委员会', reason: '机构改革', renamedOn: '2026-03-01' };

  it('takes data of its type\'s shape, with fields an older writer left beside them', () => {
    expect(payloadProblem('UnitRenamed', renamed)).toBeNull();
    expect(payloadProblem('UnitRenamed', { ...renamed, note: 'left by an older version' })).toBeNull();
  });

  it('names the field of another kind, a missing field, and data that is not an object', () => {
    expect(payloadProblem('UnitRenamed', { ...renamed, name: { x: 1 } })).toBe('data/name must be string');
    const { renamedOn: _left, ...withoutDay } = renamed;
    expect(payloadProblem('UnitRenamed', withoutDay)).toBe("data must have required property 'renamedOn'");
    expect(payloadProblem('UnitRegistered', { unitId: 'u-1', code: 'FGW', name: '市发改委', kind: 'MINISTRY', parentUnitId: null, registeredOn: '2026-01-01' })).toMatch(/^data\/kind must be equal to one of the allowed values/);
    expect(payloadProblem('FindingRecorded', [])).toBe('data must be object');
  });

  it('is generated from the event types as they are now (npm run event-shapes)', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [join(process.cwd(), 'scripts/write-event-shapes.mjs'), '--check']).catch((error: { stdout: string }) => error);
    expect(stdout.trim()).toBe('event shapes up to date');
  }, 180_000);
});
