import { USERS_WORDS } from '../src/event-store/store-health.js';
import { ADMIN_SEE_LEDGER_PAGE, bannerFor } from '../web/src/store-banner.js';

/*
 * breaker49-9 M5: signed in as the ADMIN, the red bar over every page said 「…请联系系统管理员处理。」 — to the system administrator.
 * What to do was only on the 台账校验码 page, which the bar did not point to. Staff keep their words; an ADMIN is told where the whole text is.
 */
describe('The banner while the server refuses writes, as an ADMIN reads it (breaker49-9 M5)', () => {
  it('never tells the administrator to contact the administrator, and points to the 台账校验码 page — for every cause', () => {
    // STORE_LOCKED refuses one write at a time and shows no banner (store-state.ts).
    for (const [cause, words] of Object.entries(USERS_WORDS).filter(([cause]) => cause !== 'STORE_LOCKED')) {
      const admin = bannerFor(words.zh, 'ADMIN');
      expect({ cause, admin }).toEqual({ cause, admin: expect.not.stringContaining('请联系系统管理员') });
      expect(admin).toContain('“台账校验码”页');
      expect(admin.startsWith(words.zh.slice(0, 10))).toBe(true);
    }
    expect(bannerFor(USERS_WORDS.STORE_FILE_REPLACED.zh, 'ADMIN')).toBe(`服务器上的台账数据文件被另一个文件替换了，暂时无法保存：本次操作未记录，可以继续查看。${ADMIN_SEE_LEDGER_PAGE}`);
  });

  it('leaves the words office staff read as they are, and says nothing while writes are taken', () => {
    for (const role of ['SUPERVISOR', 'UNIT', 'INSPECTOR', undefined]) expect(bannerFor(USERS_WORDS.DISK_FULL.zh, role)).toBe(USERS_WORDS.DISK_FULL.zh);
    expect(bannerFor('', 'ADMIN')).toBe('');
  });
});
