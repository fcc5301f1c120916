/** The app's name in every browser tab title, after the page's: 「政务公开专栏栏目设置不规范 · 整改台账」. */
export const APP_TITLE = '整改台账';

/**
 * Names the browser tab after what the page shows (newcomer36 S19: every finding's tab read 「问题详情」, so three open
 * findings, or a bookmark, could not be told apart). The router sets the page's kind on every navigation; a record page
 * sets its record's title once loaded.
 */
export function setPageTitle(title: string): void {
  document.title = title ? `${title} · ${APP_TITLE}` : APP_TITLE;
}
