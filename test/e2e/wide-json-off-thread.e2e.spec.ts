import { freshDatabasePath, writtenInProcess } from '../support/test-app.js';
import { graphqlAt, killHard, PROCESS_TEST_CEILING_MS, startServer } from '../support/server-process.js';

/*
 * breaker50-10 S2: a 4.8 MB JSON plan of the size an upload accepts (2 400 000 array elements) was
 * parsed on the server's own thread: /health went unanswered for two minutes, every other office's
 * request waited, and the server grew to 3 GB. README (Large files) promises that a large file does
 * not hold up other requests: YAML/JSON are now read in the sheet readers' worker, and refused past
 * 100 000 values naming the line. This runs the built server, whose worker is compiled beside it.
 */

const IMPORT_PLAN = `mutation($input: ImportWorkPlanInput!) { importWorkPlan(input: $input) { planId itemCount } }`;

/** The tester's j1.json: a plan whose categories are 2 400 000 zeros on one line (4.8 MB). */
const wideJson = () => `{"title":"青川市2026年宽数组测试","year":2026,"categories":[${Array.from({ length: 2_400_000 }, () => '0').join(',')}]}`;

describe('a wide JSON file read on a running server', () => {
  it(
    'is refused at its 100 000th value, and /health answers all the while it is read',
    async () => {
      const sqlitePath = freshDatabasePath();
      const supervisor = await writtenInProcess(sqlitePath, (app) => app.as('SUPERVISOR'));
      const server = await startServer(sqlitePath);
      try {
        const file = wideJson();
        const sent = await fetch(`http://127.0.0.1:${server.port}/imports/files?name=j1.json`, { method: 'POST', headers: supervisor, body: file });
        expect(sent.status).toBe(201);
        const { fileId } = (await sent.json()) as { fileId: string };

        let answered = false;
        const imported = graphqlAt(server.port, IMPORT_PLAN, { input: { idempotencyKey: 'wide-json', fileName: 'j1.json', fileId, title: '青川市2026年宽数组测试', year: 2026, dryRun: true } }, supervisor).finally(() => {
          answered = true;
        });
        // /health asked again and again while the file is read (that the read leaves the server's thread free is
        // src/spreadsheet/wide-trees.spec's timer test; no time is asserted here).
        let healthAnswers = 0;
        while (!answered) {
          const health = await fetch(`http://127.0.0.1:${server.port}/health`);
          expect(health.status).toBe(200);
          healthAnswers += 1;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        const result = await imported;

        expect(JSON.stringify(result.errors)).toContain('JSON 文件中的数据项（字段名和取值）超过 100000 个');
        expect(result.data?.importWorkPlan ?? null).toBeNull();
        // Read on the server's thread this file held every request for 95–126 s (and did not stop on SIGTERM).
        expect(healthAnswers).toBeGreaterThan(0);
        expect((await fetch(`http://127.0.0.1:${server.port}/health`)).status).toBe(200);
      } finally {
        await killHard(server.child);
      }
    },
    PROCESS_TEST_CEILING_MS,
  );
});
