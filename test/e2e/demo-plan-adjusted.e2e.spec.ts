import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoWorkPlan } from '../../src/demo/demo-story.js';
import { freshDatabasePath, startTestApp } from '../support/test-app.js';

/*
 * newcomer40 P2: every restart of a demo store whose plan the office had adjusted (导入 → 按新版本调整) logged 「Demo work plan not
 * imported again … Apply it with --revise」 — advice to apply the sample as a version, which would undo the office's changes.
 */
describe('A demo store whose plan the office adjusted, restarted', () => {
  const NOW = '2026-11-29T10:00:00+08:00';

  it('keeps the office’s plan and says so plainly, never advising --revise with the sample', async () => {
    const sqlitePath = freshDatabasePath();
    const seeded = await startTestApp({ demoData: true, sqlitePath, now: NOW });
    try {
      // The office's version: the demo's plan with item 1 reworded.
      const sample = demoWorkPlan(readFileSync(join(process.cwd(), 'samples', 'work-plan-2026.yaml'), 'utf8'), '2026-11-29');
      const version = sample.replace('推进决策公开', '推进重大决策公开');
      expect(version).not.toBe(sample);
      const revised = await seeded.graphql(`mutation($input: ImportWorkPlanInput!) { importWorkPlan(input: $input) { planId } }`, {
        input: { idempotencyKey: 'office-version', fileName: 'work-plan-2026-调整.yaml', contentBase64: Buffer.from(version).toString('base64'), revise: true, withdrawMissing: true },
      }, await seeded.as('SUPERVISOR'));
      expect(revised.errors).toBeUndefined();
    } finally {
      await seeded.close();
    }
    const said: string[] = [];
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation((message: unknown) => void said.push(`warn ${String(message)}`));
    const log = jest.spyOn(Logger.prototype, 'log').mockImplementation((message: unknown) => void said.push(`log ${String(message)}`));
    try {
      const restarted = await startTestApp({ demoData: true, sqlitePath, now: NOW });
      await restarted.close();
    } finally {
      warn.mockRestore();
      log.mockRestore();
    }
    expect(said.filter((line) => /--revise|Demo work plan not imported/u.test(line))).toEqual([]);
    expect(said).toContainEqual(expect.stringMatching(/^log .*保留事件库中的方案，不再按样例导入。$/u));
  });
});
