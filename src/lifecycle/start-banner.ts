import type { Bilingual } from '../shared/domain-error.js';
import { nextPort } from './start-refusal.js';

/** Why the server takes no writes now (a `StoreProblem` of StoreHealth): its stable cause and what it says, in both languages. */
export interface WritesRefused {
  readonly cause: string;
  readonly message: Bilingual;
}

/** Something the operator must know though writes are taken (a `StoreNotice` of StoreHealth, e.g. STORE_RESET_ACCEPTED). */
export type StartNotice = WritesRefused;

/**
 * What a person who typed `npm start` in a terminal reads: the address and, with the demo, how to sign in. The
 * log lines stay JSON for log collectors, so this is written only to a terminal (never into a piped log). The other
 * port it suggests is the next one, never the one it runs on (newcomer19 S2: on 3001 it said 换端口：PORT=3001).
 * `writesRefused`: every reason the store takes no writes at this start (StoreHealth's problems, e.g.
 * CLOCK_BEHIND_LOG, LOG_ROLLED_BACK, STORE_READ_ONLY, WITNESS_NOT_WRITTEN). With any, the first line says the
 * server serves reading only, then each reason with its cause code, Chinese first, then the same in English
 * (newcomer27 S2: such a start said only 「Rectify 已启动」, and the office found out at its first 登记).
 * `notices`: what the operator must know though writes are taken (StoreHealth's notices: a store accepted with
 * --accept-store-reset, a setting left on…), under 「请注意：」 with their cause codes, Chinese first, then English
 * (newcomer40 S1: a start that accepted a restored store said only 「Rectify 已启动」, the rest only in JSON lines).
 */
export function startBanner(
  port: number,
  demo: { password: string; lines: string } | null,
  writesRefused: readonly WritesRefused[] = [],
  notices: readonly StartNotice[] = [],
): string {
  const open = `用浏览器打开 http://localhost:${port}/ （换端口：PORT=${nextPort(port)} npm start）`;
  const lines = [''];
  if (writesRefused.length === 0) {
    lines.push(`Rectify 已启动：${open}`);
  } else {
    lines.push(`Rectify 已启动，但不接受写入（STORE_UNAVAILABLE）：只能查看，任何登记、上报、修改都会被拒绝。${open}`, '原因：');
    for (const { cause, message } of writesRefused) lines.push(`  ${message.zh}（${cause}）`);
    lines.push('Rectify started but takes no writes (STORE_UNAVAILABLE): reading only, every change is refused. Why:');
    for (const { cause, message } of writesRefused) lines.push(`  ${message.en} (${cause})`);
    lines.push(`当前状态 / Current state: http://localhost:${port}/health`);
  }
  if (notices.length > 0) {
    lines.push('请注意：');
    for (const { cause, message } of notices) lines.push(`  ${message.zh}（${cause}）`);
    lines.push('Note:');
    for (const { cause, message } of notices) lines.push(`  ${message.en} (${cause})`);
  }
  if (demo) {
    lines.push(`演示账号（密码均为 ${demo.password}；脚本可改用 API 令牌：Authorization: Bearer <令牌>）：`, demo.lines);
  }
  return `${lines.join('\n')}\n\n`;
}
