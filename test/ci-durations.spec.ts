import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// @ts-expect-error — plain ES modules of CI's tooling, without type declarations
import { cpuSeconds } from '../.ci/cpu-environment.mjs';
// @ts-expect-error — as above
import DurationsReporter from '../.ci/durations-reporter.mjs';
// @ts-expect-error — as above
import { costsOf } from '../.ci/durations-sequencer.mjs';

/**
 * CI's measure of where its time goes (README "Where CI's time goes"): each test file's CPU seconds,
 * the servers and tools it starts as child processes included, beside its wall seconds.
 */
describe('CI time measure', () => {
  it('counts the CPU of a child process once it has ended, besides the process’s own', () => {
    const before = cpuSeconds();
    // A child that spins for 0.3 s of CPU, then exits (reaped by spawnSync).
    const child = spawnSync(process.execPath, ['-e', 'const end = process.cpuUsage().user + 300000; while (process.cpuUsage().user < end);']);
    expect(child.status).toBe(0);
    const spent = cpuSeconds() - before;
    expect(spent).toBeGreaterThanOrEqual(0.25);
    // Not counted twice, nor the wall clock.
    expect(spent).toBeLessThan(5);
  });

  it('writes each file’s wall and CPU seconds, costliest in CPU first, and takes only its own run’s CPU lines', () => {
    const rootDir = mkdtempSync(join(tmpdir(), 'rectify-ci-durations-'));
    mkdirSync(join(rootDir, 'test-results', 'cpu'), { recursive: true });
    writeFileSync(join(rootDir, 'test-results', 'cpu', `${process.pid}.1.jsonl`), '{"path":"test/a.spec.ts","cpuSeconds":2}\n{"path":"test/b.spec.ts","cpuSeconds":9.5}\n');
    // Another Jest run's worker in the same checkout: not this run's.
    writeFileSync(join(rootDir, 'test-results', 'cpu', '1.2.jsonl'), '{"path":"test/a.spec.ts","cpuSeconds":700}\n');
    const reporter = new DurationsReporter({ rootDir }, { name: 'unit' });
    const result = (file: string, start: number, end: number) => ({ testFilePath: join(rootDir, file), skipped: false, perfStats: { start, end } });
    const write = process.stderr.write;
    let printed = '';
    process.stderr.write = ((text: string) => ((printed += text), true)) as typeof process.stderr.write;
    try {
      reporter.onRunComplete(new Set(), { startTime: Date.now() - 20_000, testResults: [result('test/a.spec.ts', 0, 12_000), result('test/b.spec.ts', 0, 10_000)] });
    } finally {
      process.stderr.write = write;
    }
    const written = JSON.parse(readFileSync(join(rootDir, 'test-results', 'test-durations-unit.json'), 'utf8'));
    expect(written.seconds).toEqual({ 'test/b.spec.ts': 10, 'test/a.spec.ts': 12 });
    expect(Object.entries(written.cpuSeconds)).toEqual([['test/b.spec.ts', 9.5], ['test/a.spec.ts', 2]]);
    expect(written.cpuSecondsSummed).toBe(12);
    expect(printed).toMatch(/10\.0 s wall\s+9\.5 s CPU\s+82\.6 %\s+test\/b\.spec\.ts/);
    // This run's lines are read once; the other run's are left to it.
    expect(() => readFileSync(join(rootDir, 'test-results', 'cpu', `${process.pid}.1.jsonl`))).toThrow();
    expect(readFileSync(join(rootDir, 'test-results', 'cpu', '1.2.jsonl'), 'utf8')).toContain('700');
  });

  it('orders files by their CPU seconds where the list has them, and a file with only wall seconds by them scaled by the list’s CPU per wall second', () => {
    const { known, cpuPerWall } = costsOf({ seconds: { 'a.spec.ts': 100, 'b.spec.ts': 50, 'c.spec.ts': 70 }, cpuSeconds: { 'a.spec.ts': 20, 'b.spec.ts': 10 } });
    expect(cpuPerWall).toBeCloseTo(0.2);
    expect(known['a.spec.ts']).toBe(20);
    expect(known['b.spec.ts']).toBe(10);
    // Timed on a loaded machine only: 70 s of wall is about 14 s of CPU, below a (20), above b (10).
    expect(known['c.spec.ts']).toBeCloseTo(14);
    // A list of wall seconds only is taken as it is.
    expect(costsOf({ seconds: { 'a.spec.ts': 5 } })).toEqual({ known: { 'a.spec.ts': 5 }, cpuPerWall: 1 });
  });
});
