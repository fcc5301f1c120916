import { Logger } from '@nestjs/common';
import { say } from '../shared/domain-error.js';
import { toGraphqlError } from '../shared/graphql/graphql-error.filter.js';
import { StoreUnavailableError, USERS_WORDS, type StoreProblem } from './store-health.js';
import { ConcurrencyError } from './event-store.port.js';

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

  it('the whole text goes to the log whoever is answered, in Chinese then English (newcomer46-9 M3)', () => {
    const logged: string[] = [];
    toGraphqlError(refusal('CLOCK_BEHIND_LOG'), { error: (line: string) => logged.push(line) } as unknown as Logger, 'registerEvaluation by u1 (SUPERVISOR)', 'SUPERVISOR');
    expect(logged).toEqual([`Refused registerEvaluation by u1 (SUPERVISOR): ${whole.zh} / ${whole.en}`]);
  });
});

/*
 * Issue 9 ("writes are refused meanwhile with a clear code, message naming the cause: disk full, file missing"): every
 * cause, not only the clock, reaches office staff in their words — the operator's text (paths, positions, sqlite3,
 * npm run ledger:verify, --accept-store-reset) reached supervisors and clerks for the other twelve.
 */
describe('a write refused for any state of the store, as office staff read it', () => {
  const operatorText = say(
    'The event store /srv/rectify/data/rectify.sqlite was deleted while the server runs; run npm run ledger:verify, PRAGMA quick_check, --accept-store-reset (position 41).',
    '运行中事件库文件 /srv/rectify/data/rectify.sqlite 被删除……请进行台账校验（npm run ledger:verify），PRAGMA quick_check，--accept-store-reset（位置 41）。',
  );
  const logger = { error: () => undefined, warn: () => undefined } as unknown as Logger;
  const causes = Object.keys(USERS_WORDS) as StoreProblem['cause'][];
  const refusedTo = (cause: StoreProblem['cause'], role: string | null) =>
    toGraphqlError(new StoreUnavailableError({ cause, message: operatorText, since: '2026-12-01T08:00:00.000Z' }), logger, 'reportRectification', role);

  it('has words for all 13 causes', () => {
    expect(causes.sort()).toEqual(
      ['CLOCK_BEHIND_LOG', 'DISK_FULL', 'LOG_ALTERED', 'LOG_ROLLED_BACK', 'LOG_SHORTENED', 'PROJECTIONS_STOPPED', 'STORE_FILE_DAMAGED', 'STORE_FILE_MISSING', 'STORE_FILE_REPLACED', 'STORE_LOCKED', 'STORE_LOG_EMPTIED', 'STORE_READ_ONLY', 'WITNESS_NOT_WRITTEN', 'WRITE_FAILED'].sort(),
    );
  });

  it.each(causes.flatMap((cause) => ['SUPERVISOR', 'UNIT', 'INSPECTOR', null].map((role) => [cause, role] as const)))(
    'given %s, when %s writes, then it reads short words that say nothing was recorded and whom to tell — no path, position or command — with the same code and cause',
    (cause, role) => {
      const error = refusedTo(cause, role);
      expect(error.extensions).toMatchObject({ code: 'STORE_UNAVAILABLE', cause, messageZh: USERS_WORDS[cause].zh });
      expect(error.message).toBe(USERS_WORDS[cause].en);
      const zh = String(error.extensions.messageZh);
      expect(zh).toContain('本次操作未记录');
      expect(zh).toContain('系统管理员');
      expect(`${error.message} ${zh}`).not.toMatch(/\/srv|sqlite|npm |PRAGMA|--accept|位置 \d|position \d|ledger:verify/i);
    },
  );

  it('names the cause as a person would: the disk full, the file gone, the file replaced, the file damaged', () => {
    expect(USERS_WORDS.DISK_FULL.zh).toMatch(/^服务器磁盘已满/);
    expect(USERS_WORDS.STORE_FILE_MISSING.zh).toMatch(/^服务器上的台账数据文件不见了/);
    expect(USERS_WORDS.STORE_FILE_REPLACED.zh).toMatch(/被另一个文件替换/);
    expect(USERS_WORDS.STORE_FILE_DAMAGED.zh).toMatch(/已损坏/);
    // Each cause its own words: a clerk's report of one is not taken for another.
    expect(new Set(causes.map((cause) => USERS_WORDS[cause].zh)).size).toBe(causes.length);
  });

  it.each(causes)('given %s, when the ADMIN writes, then it reads the whole text', (cause) => {
    const error = refusedTo(cause, 'ADMIN');
    expect(error.extensions).toMatchObject({ code: 'STORE_UNAVAILABLE', cause, messageZh: operatorText.zh });
    expect(error.message).toBe(operatorText.en);
  });
});

// newcomer46-9 M9: a supervisor's own four urgings at once were answered 「记录已被他人同时修改」 — blaming someone else.
describe('two writes to one record at once, as the user who sent both reads it', () => {
  it('says the record was just changed, most likely by the user\'s own other window or repeated submit — not that someone else did', () => {
    const error = toGraphqlError(new ConcurrencyError('finding-1', 3, 4), { warn: () => undefined } as unknown as Logger, 'urgeUnit', 'SUPERVISOR');
    expect(error.extensions).toMatchObject({ code: 'CONFLICT', messageZh: '该记录刚被修改（可能是您在另一窗口的操作或重复提交，也可能是他人）：请刷新后重试。' });
    expect(String(error.extensions.messageZh)).not.toContain('已被他人同时修改');
  });
});
