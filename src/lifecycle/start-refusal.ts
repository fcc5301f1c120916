import { createServer } from 'node:net';
import { messageZhOf, say, type Bilingual } from '../shared/domain-error.js';

/*
 * newcomer18 S7, S8: a start refused for its port (taken by another Rectify or any other program —
 * the commonest first-start failure on a shared machine) printed graphql-ws's "Internal error
 * emitted on the WebSocket server", an English Node stack and JSON lines, after the log had said
 * the store was admitted and "Nest application successfully started"; a start refused for a bad
 * setting printed JSON, English first, with `\n` escapes, even in a terminal. The port is now tried
 * before anything is opened, and a refusal read in a terminal is plain text, Chinese first.
 */

/** Why a listening socket was refused, as the system says it, with the refusal's words for each. */
const LISTEN_REFUSALS: Record<string, (port: number) => Bilingual> = {
  EADDRINUSE: (port) =>
    say(
      `Port ${port} is already in use (another Rectify may be running, or another program holds it): the server did not start and opened nothing. To use another port: PORT=${nextPort(port)} npm start`,
      `端口 ${port} 已被占用（可能已有一个 Rectify 在运行，或其他程序占用了它）：服务未启动，也未打开事件库。换端口请用 PORT=${nextPort(port)} npm start`,
    ),
  EACCES: (port) =>
    say(
      `This user may not listen on port ${port} (ports below 1024 need administrator rights): the server did not start and opened nothing. Use a port from 1024 up, e.g. PORT=3000 npm start (a proxy can forward port ${port} to it).`,
      `当前用户无权在端口 ${port} 上监听（1024 以下的端口需要管理员权限）：服务未启动，也未打开事件库。请改用 1024 以上的端口，例如 PORT=3000 npm start（可由代理把端口 ${port} 转到该端口）。`,
    ),
};

/** The port a refusal or the start banner suggests instead of `port`: the next one (65535 → 3001). */
export const nextPort = (port: number): number => (port >= 65535 ? 3001 : port + 1);

/**
 * The server could not listen on its port: `code` PORT_UNAVAILABLE, `reason` the system's code
 * (EADDRINUSE: taken; EACCES: needs privileges), in English and Chinese, naming the port and the
 * way out (`PORT=…`).
 */
export class PortUnavailableError extends Error {
  readonly code = 'PORT_UNAVAILABLE';
  readonly messageZh: string;
  constructor(
    readonly port: number,
    readonly reason: string,
    cause?: unknown,
  ) {
    const words = LISTEN_REFUSALS[reason]!(port);
    super(words.en, { cause });
    this.messageZh = words.zh;
    this.name = 'PortUnavailableError';
  }
}

/** `error` as a refusal of `port` (a socket's EADDRINUSE or EACCES, from the check or from `app.listen`); null for any other failure. */
export function portRefusalOf(error: unknown, port: number | null): PortUnavailableError | null {
  if (error instanceof PortUnavailableError) return error;
  const { code, syscall } = (error as { code?: unknown; syscall?: unknown } | null) ?? {};
  // Only a socket's own refusal (breaker9q P2: an EACCES from a file under the data folder was read as "this user may not listen on port 3164").
  if (port === null || syscall !== 'listen' || typeof code !== 'string' || !(code in LISTEN_REFUSALS)) return null;
  return new PortUnavailableError(port, code, error);
}

/**
 * Resolves once `port` could be listened on the way the server will (`app.listen(port)`: every
 * address), the trial socket closed again; port 0 (any free port) always can.
 * @throws PortUnavailableError the port is taken (EADDRINUSE) or needs privileges (EACCES).
 */
export function checkPortAvailable(port: number): Promise<void> {
  if (port === 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const trial = createServer();
    trial.once('error', (error) => reject(portRefusalOf(error, port) ?? error));
    trial.listen(port, () => trial.close(() => resolve()));
  });
}

/**
 * A refused start as a person reads it in a terminal: its Chinese (when it has some), then its
 * English, plain lines with no log fields, no escapes and no stack.
 */
export function refusalForTerminal(error: unknown): string {
  const en = error instanceof Error ? error.message : String(error);
  const zh = messageZhOf(error);
  return `\n${zh ? `${zh}\n` : ''}${en}\n\n`;
}
