import { InvalidSettingsError } from '../config/app-settings.js';
import { settingsFromArguments } from './start-arguments.js';

/*
 * breaker9r P5 (minor): a mistyped start option (`--accept-clock-ahead-record`) was ignored silently,
 * and the start went on as if nothing had been asked. Every argument is one the server takes, or the
 * start is refused naming it (and the option it is nearest to).
 */
describe('The options of a start', () => {
  it('given the known options, then each stands for its setting; given none, then no setting', () => {
    expect(settingsFromArguments(['--accept-clock-ahead-records'])).toEqual({ ACCEPT_CLOCK_AHEAD_RECORDS: 'true' });
    expect(settingsFromArguments(['--accept-store-reset', '--accept-clock-ahead-records'])).toEqual({ ACCEPT_STORE_RESET: 'true', ACCEPT_CLOCK_AHEAD_RECORDS: 'true' });
    expect(settingsFromArguments([])).toEqual({});
  });

  it('given a mistyped option, then the start is refused naming it and the option meant, in Chinese too', () => {
    let thrown: unknown;
    try {
      settingsFromArguments(['--accept-clock-ahead-record']);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidSettingsError);
    const refused = thrown as InvalidSettingsError;
    expect(refused.message).toContain('The start option "--accept-clock-ahead-record" is not one the server takes — did you mean --accept-clock-ahead-records?');
    expect(refused.messageZh).toContain('启动参数“--accept-clock-ahead-record”不是服务可用的参数——是否想输入 --accept-clock-ahead-records？');
    expect(refused.messageZh).toContain('服务未启动');
  });

  it('given an option far from any, then it is named without a guess; every unknown one is named', () => {
    expect(() => settingsFromArguments(['--accept-store-reset', '--port=8080', 'accept'])).toThrow(/"--port=8080" is not one the server takes. Options:[\s\S]*"accept" is not one the server takes\./);
  });
});
