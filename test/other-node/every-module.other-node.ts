import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { PROCESS_TEST_CEILING_MS } from '../support/server-process.js';

/**
 * What `test:other-node` (jest.other-node.config.mjs) runs instead of every unit spec under src/ again on Node 22 and 24
 * (ci54b): those specs run the domain's TypeScript through Jest's module registry, which is not this Node's ESM loader,
 * and their rules are plain TypeScript that behaves alike on each version. What does differ between versions is loading:
 * resolving packages' `exports`, the named exports this Node's cjs-module-lexer finds in a CommonJS package, worker threads.
 * So one process on the Node under test (`load-every-module.mjs`) imports every compiled module of dist/ through that
 * Node's own loader, starts each worker module in a thread and runs each command-line tool's --help, then creates the app
 * from the compiled modules in that process: /health answers 200, a query is answered, and the schema it builds is the
 * committed schema.graphql. The unit specs whose results can differ by version stay in the run (the config says which).
 *
 * Not run by `npm test` (its name ends .other-node.ts): on Node 20 the whole suite loads and runs these modules.
 * Needs `npm run build:server` first (`npm run test:other-node` builds).
 */
describe('every compiled module, on the Node under test', () => {
  it('loads through its ESM loader; the workers and tools load; the app built from them answers and builds the committed schema', async () => {
    const run = await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [join(process.cwd(), 'test/other-node/load-every-module.mjs')], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.once('exit', (status) => resolve({ status, stdout, stderr }));
    });
    expect({ status: run.status, stderr: run.status === 0 ? '' : run.stderr }).toEqual({ status: 0, stderr: '' });
    const report = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as {
      node: string;
      loaded: number;
      workers: string[];
      tools: string[];
      failures: string[];
      answers: { health: number; graphql: unknown; schemaAsCommitted: boolean } | null;
    };
    expect(report.node).toBe(process.version);
    expect(report.failures).toEqual([]);
    // What the report covers is counted, so that an empty dist/ (or a changed layout) cannot pass by loading nothing.
    expect(report.loaded).toBeGreaterThan(300);
    expect(report.workers).toEqual(expect.arrayContaining(['event-store/sqlite-writer.worker.js', 'spreadsheet/sheet.worker.js', 'exports/export-file.worker.js']));
    expect(report.tools).toEqual(expect.arrayContaining(['cli/create-user.js', 'cli/ledger-verify.js', 'cli/import-work-plan.js']));
    expect(report.answers).toEqual({ health: 200, graphql: { data: { __typename: 'Query' } }, schemaAsCommitted: true });
    // About 20 s of CPU (eight tools' --help among them): minutes of wall time on a loaded 2-core machine.
  }, PROCESS_TEST_CEILING_MS);
});
