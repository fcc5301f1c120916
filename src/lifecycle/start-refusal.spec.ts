import { createServer } from 'node:net';
import { InvalidSettingsError } from '../config/app-settings.js';
import { checkPortAvailable, PortUnavailableError, portRefusalOf, refusalForTerminal } from './start-refusal.js';

/** A port held for the test's length on every address, as `app.listen(port)` listens. */
const holdPort = () =>
  new Promise<{ port: number; release: () => Promise<void> }>((resolve) => {
    const holder = createServer().listen(0, () => {
      const { port } = holder.address() as { port: number };
      resolve({ port, release: () => new Promise((done) => holder.close(() => done())) });
    });
  });

describe('the port, tried before the server opens anything (newcomer18 S7)', () => {
  it('is refused PORT_UNAVAILABLE when another program holds it, naming the port and the next one to try, in Chinese and English', async () => {
    const held = await holdPort();
    try {
      const refusal = await checkPortAvailable(held.port).then(
        () => null,
        (error: unknown) => error,
      );
      expect(refusal).toBeInstanceOf(PortUnavailableError);
      expect(refusal).toMatchObject({ code: 'PORT_UNAVAILABLE', reason: 'EADDRINUSE', port: held.port });
      expect((refusal as PortUnavailableError).messageZh).toBe(
        `端口 ${held.port} 已被占用（可能已有一个 Rectify 在运行，或其他程序占用了它）：服务未启动，也未打开事件库。换端口请用 PORT=${held.port + 1} npm start`,
      );
      expect((refusal as Error).message).toMatch(new RegExp(`^Port ${held.port} is already in use.*PORT=${held.port + 1} npm start$`));
    } finally {
      await held.release();
    }
  });

  it('is free again once tried: the trial socket is closed, and port 0 (any port) is never refused', async () => {
    const held = await holdPort();
    await held.release();
    await checkPortAvailable(held.port);
    // Tried twice: the first trial left nothing listening.
    await checkPortAvailable(held.port);
    await checkPortAvailable(0);
  });

  it('names a listen refused by app.listen itself (the port taken between the trial and the start) the same way; any other error is not a port refusal', () => {
    const taken = Object.assign(new Error('listen EADDRINUSE: address already in use :::3000'), { code: 'EADDRINUSE', syscall: 'listen' });
    expect(portRefusalOf(taken, 3000)).toMatchObject({ code: 'PORT_UNAVAILABLE', port: 3000, cause: taken });
    expect(portRefusalOf(Object.assign(new Error('listen EACCES: permission denied 0.0.0.0:80'), { code: 'EACCES', syscall: 'listen' }), 80)?.messageZh).toMatch(/^当前用户无权在端口 80 上监听/);
    // breaker9q P2: a file under the data folder this user may not reach is not the port's fault.
    expect(portRefusalOf(Object.assign(new Error("EACCES: permission denied, lstat '/srv/data/rectify.db.servers/a.json.tmp'"), { code: 'EACCES', syscall: 'lstat' }), 3164)).toBeNull();
    expect(portRefusalOf(Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR' }), 3000)).toBeNull();
    expect(portRefusalOf(taken, null)).toBeNull();
    // The highest port's way out is a port that exists.
    expect(new PortUnavailableError(65535, 'EADDRINUSE').messageZh).toContain('PORT=3001 npm start');
  });
});

describe('a refused start as a person reads it in a terminal (newcomer18 S8)', () => {
  it('is plain lines, the Chinese first, then the English: no log fields, no escapes, no stack', () => {
    const refusal = new InvalidSettingsError([{ en: 'PORT must be a whole number from 0 to 65535 (got "abc")', zh: 'PORT 必须是 0 至 65535 之间的整数（现为“abc”）' }]);
    const text = refusalForTerminal(refusal);
    expect(text.trim().split('\n')).toEqual([
      '配置有误，服务未启动：',
      '  - PORT 必须是 0 至 65535 之间的整数（现为“abc”）',
      'Invalid configuration:',
      '  - PORT must be a whole number from 0 to 65535 (got "abc")',
    ]);
    expect(refusalForTerminal(new Error('something unforeseen')).trim()).toBe('something unforeseen');
  });
});
