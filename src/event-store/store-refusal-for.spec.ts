import { Logger } from '@nestjs/common';
import { say } from '../shared/domain-error.js';
import { toGraphqlError } from '../shared/graphql/graphql-error.filter.js';
import { StoreUnavailableError, type StoreProblem } from './store-health.js';

/*
 * newcomer27 S3 (moderate): a clerk's form showed the operator's whole CLOCK_BEHIND_LOG text (both instants,
 * --accept-clock-ahead-records, NTP) under a date field. Whoever cannot act on the server's clock is told
 * briefly and sent to the administrator; the ADMIN reads the whole text; code and cause stay the same.
 */
describe('a write refused for the server clock, as each caller reads it', () => {
  const whole = say(
    'The server clock (2026-12-01T08:00:00Z) reads 2 days before the newest record … start once with --accept-clock-ahead-records; check NTP.',
    '服务器时钟（北京时间 2026-12-01 16:00）比台账中最新记录的录入时间早 2 天：系统时间可能被调回……请确认时间无误后以 --accept-clock-ahead-records 启动一次。',
  );
  const refusal = (cause: StoreProblem['cause'], message = whole) => new StoreUnavailableError({ cause, message, since: '2026-12-01T08:00:00.000Z' });
  const logger = { error: () => undefined, warn: () => undefined } as unknown as Logger;

  it.each([['SUPERVISOR'], ['UNIT'], ['INSPECTOR'], [null]])('given a clock behind the log, when %s writes, then it reads the short words with the same code and cause', (role) => {
    const error = toGraphqlError(refusal('CLOCK_BEHIND_LOG'), logger, 'registerEvaluation', role);
    expect(error.extensions).toEqual({ code: 'STORE_UNAVAILABLE', cause: 'CLOCK_BEHIND_LOG', messageZh: '系统时钟异常，暂时无法保存：本次操作未记录，可以继续查看。请联系系统管理员处理（详情见服务器日志）。' });
    expect(error.message).toMatch(/^The server clock is wrong, so nothing can be saved for now: nothing was recorded; reading goes on\. Please tell the system administrator/);
    expect(`${error.message}${String(error.extensions.messageZh)}`).not.toMatch(/accept-clock-ahead-records|NTP|2026/);
  });

  it('given a clock behind the log, when the ADMIN writes, then it reads the whole text', () => {
    const error = toGraphqlError(refusal('CLOCK_BEHIND_LOG'), logger, 'registerUnit', 'ADMIN');
    expect(error.extensions).toEqual({ code: 'STORE_UNAVAILABLE', cause: 'CLOCK_BEHIND_LOG', messageZh: whole.zh });
    expect(error.message).toBe(whole.en);
  });

  it('the whole text goes to the log whoever is answered', () => {
    const logged: string[] = [];
    toGraphqlError(refusal('CLOCK_BEHIND_LOG'), { error: (line: string) => logged.push(line) } as unknown as Logger, 'registerEvaluation by u1 (SUPERVISOR)', 'SUPERVISOR');
    expect(logged).toEqual([`Refused registerEvaluation by u1 (SUPERVISOR): ${whole.en}`]);
  });
});
