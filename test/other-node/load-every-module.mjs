// Run by every-module.other-node.ts with the Node under test: loads each compiled module of dist/ through this Node's own
// ESM loader, in one process, and prints one JSON line of what failed (see that file for why).
import 'reflect-metadata';
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dist = join(root, 'dist');
const walk = (folder) => readdirSync(folder, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? walk(join(folder, entry.name)) : [join(folder, entry.name)]));
const modules = walk(dist).filter((path) => path.endsWith('.js')).map((path) => relative(dist, path)).sort();
// Entry points run something when loaded: the server, the command-line tools (package.json's scripts), the worker threads.
const tools = [...new Set(Object.values(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts).flatMap((script) => [...script.matchAll(/node dist\/(cli\/[\w-]+\.js)/g)].map((match) => match[1])))];
const workers = modules.filter((path) => path.endsWith('.worker.js'));
const entries = new Set(['main.js', ...tools, ...workers]);
const failures = [];
const failed = (what, error) => failures.push(`${what}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);

// The app's module first, so that modules in import cycles are evaluated in the order the server evaluates them.
const libraries = ['app.module.js', ...modules.filter((path) => path !== 'app.module.js' && !entries.has(path))];
for (const path of libraries) {
  try {
    await import(pathToFileURL(join(dist, path)).href);
  } catch (error) {
    failed(path, error);
  }
}

// A worker module started without its work fails on its first line that reads it (a TypeError): loading and linking
// it succeeded. A module that cannot be resolved or linked fails with a SyntaxError or an ERR_ code instead.
for (const path of workers) {
  const error = await new Promise((resolve) => {
    const worker = new Worker(join(dist, path), { workerData: undefined, stdout: true, stderr: true });
    worker.once('error', resolve);
    worker.once('exit', () => resolve(null));
  });
  if (error && (error.name === 'SyntaxError' || String(error.code ?? '').startsWith('ERR_'))) failed(path, error);
}

// Each tool's usage: the tool's own imports loaded, its words printed, exit 0.
for (const path of tools.filter((tool) => tool !== 'cli/write-schema.js')) {
  const run = spawnSync(process.execPath, [join(dist, path), '--help'], { encoding: 'utf8', cwd: root });
  if (run.status !== 0 || !run.stdout.trim()) failed(`${path} --help`, `exit ${run.status}\n${run.stdout}${run.stderr}`);
}

// The app created in this process from the compiled modules: /health answers, a query is answered, and the schema it
// builds is the committed schema.graphql (what `cli/write-schema.js` writes).
const folder = mkdtempSync(join(tmpdir(), 'rectify-every-module-'));
let answers = null;
try {
  const keyFile = join(folder, 'ledger-signing-key.pem');
  writeFileSync(keyFile, generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
  const { NestFactory } = await import('@nestjs/core');
  const { GraphQLSchemaHost } = await import('@nestjs/graphql');
  const { AppModule } = await import(pathToFileURL(join(dist, 'app.module.js')).href);
  const { printedSchema } = await import(pathToFileURL(join(dist, 'shared/graphql/schema-file.js')).href);
  const settings = { SQLITE_PATH: join(folder, 'store.db'), DEMO_DATA: 'false', NODE_ENV: 'test', LEDGER_SIGNING_KEY_FILE: keyFile, PORT: '0' };
  const app = await NestFactory.create(AppModule.forRoot(settings), { logger: ['error'] });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address();
  const health = await fetch(`http://127.0.0.1:${port}/health`);
  const graphql = await fetch(`http://127.0.0.1:${port}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });
  answers = { health: health.status, graphql: await graphql.json(), schemaAsCommitted: printedSchema(app.get(GraphQLSchemaHost).schema) === readFileSync(join(root, 'schema.graphql'), 'utf8') };
  await app.close();
} catch (error) {
  failed('the app in process', error);
} finally {
  rmSync(folder, { recursive: true, force: true });
}

process.stdout.write(`${JSON.stringify({ node: process.version, loaded: libraries.length, workers, tools, failures, answers })}\n`);
process.exit(0);
