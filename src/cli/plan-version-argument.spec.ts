import { usageErrorOf } from './cli-failure.js';
import { planVersionArgument, UsageError, withDashValues } from './import-cli.js';
import { parseArgs } from 'node:util';

/*
 * breaker50-10 M1: `plan:import --plan-version` read 1e1 as version 10 and answered -1 with 「选项 --plan-version 不带取值」 —
 * an option that does take a value. The version is the number a dry run printed: digits only.
 */
describe('--plan-version, the number a dry run printed (breaker50-10 M1)', () => {
  it('takes digits (full-width too), and nothing when not given', () => {
    expect(planVersionArgument('11')).toBe(11);
    expect(planVersionArgument(' ０ ')).toBe(0);
    expect(planVersionArgument(undefined)).toBeUndefined();
  });

  it.each(['1e1', '-1', '3.0', '0x3', '三', ''])('refuses %j as no version a dry run prints', (written) => {
    expect(() => planVersionArgument(written)).toThrow(UsageError);
    expect(() => planVersionArgument(written)).toThrow(/0 or a whole number/);
  });

  it('reads a value starting with a dash as the option’s value, judged by its own rule, not as another option', () => {
    const { values } = parseArgs({ args: withDashValues(['f.csv', '--plan-version', '-1'], ['--plan-version']), options: { 'plan-version': { type: 'string' } }, allowPositionals: true, strict: true });
    expect(values['plan-version']).toBe('-1');
    expect(() => planVersionArgument(values['plan-version'])).toThrow(UsageError);
  });

  it('says of any other option given a dash value that it needs a value, and how to write one, not that it takes none', () => {
    let error: unknown;
    try {
      parseArgs({ args: ['--title', '-x'], options: { title: { type: 'string' } }, strict: true });
    } catch (thrown) {
      error = thrown;
    }
    const usage = usageErrorOf(error);
    expect(usage?.message).toContain('--title needs a value');
    expect(usage?.messageZh).toContain('--title=-…');
  });
});
