/** How the words office staff read say whom to tell (`toldToUsers` on the server): the sentence begins so. */
const TELL_THE_ADMINISTRATOR = '请联系系统管理员处理';

/**
 * What an administrator reads in the banner instead of 「请联系系统管理员处理」 — they are that administrator (breaker49-9 M5):
 * where the whole text is, with what to do. `/health` serves the staff's words to anyone; the ADMIN's own writes (生成台账校验码,
 * 校验台账 on the 台账校验码 page) are answered with the whole of it.
 */
export const ADMIN_SEE_LEDGER_PAGE = '您是系统管理员：原因、保存在哪里、先做什么，见“台账校验码”页——在该页生成台账校验码或校验台账，会显示完整说明（服务器日志中也有）。';

/**
 * The banner's words for a signed-in user of `role`: the staff's words; for an ADMIN, the sentence telling whom to tell
 * (to its 。) replaced by where the whole text is.
 */
export function bannerFor(words: string, role: string | null | undefined): string {
  if (!words || role !== 'ADMIN') return words;
  const at = words.indexOf(TELL_THE_ADMINISTRATOR);
  if (at < 0) return `${words}${ADMIN_SEE_LEDGER_PAGE}`;
  const end = words.indexOf('。', at);
  return `${words.slice(0, at)}${ADMIN_SEE_LEDGER_PAGE}${end < 0 ? '' : words.slice(end + 1)}`;
}
