import { nextPort } from './start-refusal.js';

/**
 * What a person who typed `npm start` in a terminal reads: the address and, with the demo, how to sign in. The
 * log lines stay JSON for log collectors, so this is written only to a terminal (never into a piped log). The other
 * port it suggests is the next one, never the one it runs on (newcomer19 S2: on 3001 it said 换端口：PORT=3001).
 */
export function startBanner(port: number, demo: { password: string; lines: string } | null): string {
  const lines = ['', `Rectify 已启动：用浏览器打开 http://localhost:${port}/ （换端口：PORT=${nextPort(port)} npm start）`];
  if (demo) {
    lines.push(`演示账号（密码均为 ${demo.password}；脚本可改用 API 令牌：Authorization: Bearer <令牌>）：`, demo.lines);
  }
  return `${lines.join('\n')}\n\n`;
}
