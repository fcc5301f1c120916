import { closeSync, openSync } from 'node:fs';
import { graphqlAt, killHard, startServer, PROCESS_TEST_CEILING_MS, type ServerProcess } from '../support/server-process.js';
import { freshDatabasePath } from '../support/test-app.js';

/*
 * breaker9f P18: a server whose log goes to a file on a full disk (the README's try block, `npm
 * start > rectify.log`) exited 1 at the first line it could not write — Node's unhandled stream
 * 'error' — instead of serving on and answering DISK_FULL for the writes the disk refuses.
 * /dev/full stands for that disk here: every write to it fails with ENOSPC, and it needs no root.
 */

const METRICS_TOKEN = 'log-output-scraper-0123456789abcdef0123';

describe('A server whose log cannot be written', () => {
  let server: ServerProcess | undefined;
  let full: number | undefined;
  afterEach(async () => {
    if (server) await killHard(server.child);
    if (full !== undefined) closeSync(full);
    server = undefined;
    full = undefined;
  });

  it(
    'serves on when every line fails with ENOSPC, says LOG_NOT_WRITTEN in /health and counts the dropped lines',
    async () => {
      full = openSync('/dev/full', 'w');
      server = await startServer(freshDatabasePath(), { output: full, env: { METRICS_TOKEN } });
      // Each answered request writes a log line; before the fix the first of them ended the process.
      for (let request = 0; request < 3; request++) {
        expect(await graphqlAt(server.port, '{ __typename }')).toEqual({ data: { __typename: 'Query' } });
      }
      expect(server.child.exitCode).toBeNull();
      const health = await fetch(`http://127.0.0.1:${server.port}/health`);
      const report = (await health.json()) as { status: string; notices: { cause: string; since: string }[] };
      expect(report.status).toBe('ready');
      expect(report.notices.map((notice) => notice.cause)).toContain('LOG_NOT_WRITTEN');
      const metrics = await (await fetch(`http://127.0.0.1:${server.port}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
      const dropped = Number(/^rectify_log_lines_dropped (\d+)$/m.exec(metrics)?.[1]);
      expect(dropped).toBeGreaterThanOrEqual(3);
    },
    PROCESS_TEST_CEILING_MS,
  );
});
