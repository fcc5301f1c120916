import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { payloadProblem } from './event-payload-shapes.js';
import { eventPayloadShapes } from './event-payload-shapes.generated.js';

/** Issue 9 (second breaker, 1): an event's data is checked against its type's shape before a read model sees it. */
describe('The shape of an event\'s data', () => {
  const renamed = { unitId: 'u-1', previousName: '市卫生和计划生育委员会', name: '市卫生健康委员会', reason: '机构改革', renamedOn: '2026-03-01' };

  it('takes data of its type\'s shape, with fields an older writer left beside them', () => {
    expect(payloadProblem('UnitRenamed', renamed)).toBeNull();
    expect(payloadProblem('UnitRenamed', { ...renamed, note: 'left by an older version' })).toBeNull();
  });

  it('names a field the type requires that is missing (breaker9 F1: a read model dereferences it), in English and Chinese', () => {
    const { name: _name, ...nameless } = renamed;
    expect(payloadProblem('UnitRenamed', nameless)).toEqual({ en: "data must have required property 'name'", zh: 'data 缺少必填字段 name' });
    const finding = { findingId: 'f-1', evaluationId: 'e-1', title: '未公开', description: '', category: '重点领域', severity: 'LOW', concernedUnitIds: [], identifiedOn: '2026-03-01', measures: '' };
    expect(payloadProblem('FindingRecorded', finding)).toBeNull();
    const { measures: _measures, ...withoutMeasures } = finding;
    expect(payloadProblem('FindingRecorded', withoutMeasures)?.en).toBe("data must have required property 'measures'");
  });

  it('names a field of another kind, and data that is not an object', () => {
    expect(payloadProblem('UnitRenamed', { ...renamed, name: { x: 1 } })?.en).toBe('data/name must be string');
    expect(payloadProblem('UnitRenamed', { ...renamed, renamedOn: 20260301 })?.en).toBe('data/renamedOn must be string');
    expect(payloadProblem('UnitRegistered', { unitId: 'u-1', code: 'FGW', name: '市发改委', kind: 'MINISTRY', parentUnitId: null, registeredOn: '2026-01-01' })?.en).toMatch(/^data\/kind must be equal to one of the allowed values/);
    expect(payloadProblem('FindingRecorded', [])?.en).toBe('data must be object');
    expect(payloadProblem('UnitRenamed', { ...renamed, name: { x: 1 } })?.zh).toBe('data/name 的类型不对（应为 string）');
  });

  // Issue 12 row 6: each type's validator is compiled on its first event, without Ajv's optimising passes.
  it('checks every type, the first time and every time after, and names a type without a shape', () => {
    for (const type of Object.keys(eventPayloadShapes.payloads)) {
      for (let time = 0; time < 2; time += 1) {
        expect(payloadProblem(type, 'not an object')?.en).toBe('data must be object');
        expect(payloadProblem(type, 'not an object')?.zh).toBe('data 的类型不对（应为 object）');
      }
    }
    expect(payloadProblem('NoSuchEvent', {})?.en).toBe('there is no shape for NoSuchEvent (run npm run event-shapes)');
    expect(payloadProblem('toString', {})?.en).toBe('there is no shape for toString (run npm run event-shapes)');
  });

  it('is generated from the event types as they are now (npm run event-shapes)', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [join(process.cwd(), 'scripts/write-event-shapes.mjs'), '--check']).catch((error: { stdout: string }) => error);
    expect(stdout.trim()).toBe('event shapes up to date');
  }, 180_000);
});
