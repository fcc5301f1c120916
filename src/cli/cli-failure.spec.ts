import { InvalidSettingsError } from '../config/app-settings.js';
import { say } from '../shared/domain-error.js';
import { failureText } from './cli-failure.js';

/*
 * breaker55-9 M4: `units:import` given an unreadable signing key said 「配置有误，服务未启动：」 / "Invalid configuration", as the
 * server does — but the operator ran a tool, and no server was starting. A tool says its own words: it did not run, and
 * wrote nothing. The server's start keeps its own.
 */
describe('Settings a command-line tool stops on', () => {
  const keyNotPem = say('LEDGER_SIGNING_KEY_FILE: keys/ledger.key is not a PEM private key', 'LEDGER_SIGNING_KEY_FILE：keys/ledger.key 不是 PEM 格式的私钥');

  it('are said as the tool’s: it did not run and wrote nothing (no “服务未启动”)', () => {
    const text = failureText(new InvalidSettingsError([keyNotPem]), null);
    expect(text.split('\n').slice(0, 2)).toEqual(['配置有误，本工具未运行，未写入任何内容：', `  - ${keyNotPem.zh}`]);
    expect(text).toContain('Invalid configuration (this tool did not run; nothing was written):');
    expect(text).not.toContain('服务未启动');
  });

  it('are still the server’s words at a start', () => {
    expect(new InvalidSettingsError([keyNotPem]).messageZh.split('\n')[0]).toBe('配置有误，服务未启动：');
  });
});
