import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module.js';
import { loadEnvFile, validateSettings, type AppSettings } from './config/app-settings.js';
import { StoreRefusedError } from './event-store/store-witness.js';
import { StoreHealth } from './event-store/store-health.js';
import { isStoreDamage, isStoreReadFault } from './event-store/store-damage.js';
import { DiskFullError, diskFullOf, sqliteFileOf } from './event-store/disk-full.js';
import { configureHttp } from './http/configure-http.js';
import { messageZhOf } from './shared/domain-error.js';
import { jsonLogger } from './observability/json-logger.js';
import { DemoSeeder } from './demo/demo-seeder.js';
import { startBanner } from './lifecycle/start-banner.js';
import { checkPortAvailable, portRefusalOf, refusalForTerminal } from './lifecycle/start-refusal.js';
import { serverLogOutput } from './observability/log-output.js';
import { settingsFromArguments } from './lifecycle/start-arguments.js';
import { readSigningKey } from './ledger/ledger-signing-key.js';

/** Exit status of a start refused because the store is not the one last seen, or its disk is full (see the README, Reliability). */
const EXIT_STORE_REFUSED = 3;

/** This start's settings as validated, for judging a failure; null when they are invalid. */
function settingsOfThisStart(): AppSettings | null {
  try {
    return validateSettings({ ...process.env, ...settingsFromArguments(process.argv.slice(2)) });
  } catch {
    return null;
  }
}

async function main() {
  // A log line that cannot be written (a full disk under a redirected log) is dropped and counted, never fatal.
  serverLogOutput.guard(process.stdout);
  serverLogOutput.guard(process.stderr);
  loadEnvFile();
  const fromArguments = settingsFromArguments(process.argv.slice(2));
  // Validated here too, for the log level; a bad setting stops the process before anything starts.
  const settings = validateSettings({ ...process.env, ...fromArguments });
  const logger = quietAboutRefusalsAtStart(jsonLogger(settings.LOG_LEVEL));
  // The port before the store and the app (newcomer18 S7): a port already taken is refused with nothing opened.
  await checkPortAvailable(settings.PORT);
  // A key file named but unreadable is refused before the store is opened (breaker54-8 M4): a start refused for its settings
  // leaves no store, -wal or witness behind that the next start would judge as lost.
  if (settings.LEDGER_SIGNING_KEY_FILE) readSigningKey(settings.LEDGER_SIGNING_KEY_FILE);
  const app = await NestFactory.create(AppModule.forRoot(fromArguments), { abortOnError: false, logger, return503OnClosing: true });
  // A damaged store file met outside any request — a timer reading the head, a snapshot — refuses writes
  // and degrades /health instead of ending the process (breaker9s P5); anything else ends it as before.
  process.on('uncaughtException', (error) => {
    // An I/O error whose cause the file check finds (breaker9a P4: the -wal emptied under the server) too.
    if ((isStoreDamage(error) || isStoreReadFault(error)) && app.get(StoreHealth).storeDamaged(error)) return;
    new Logger('Rectify').fatal(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  });
  // Exit 0 after a clean shutdown (SIGTERM from an orchestrator is the normal way to stop).
  app.enableShutdownHooks(['SIGTERM', 'SIGINT'], { useProcessExit: true });
  const config = app.get(ConfigService<AppSettings, true>);
  configureHttp(app, { REQUEST_MAX_BYTES: config.get('REQUEST_MAX_BYTES', { infer: true }), TRUST_PROXY: config.get('TRUST_PROXY', { infer: true }) });
  const port = config.get('PORT', { infer: true });
  await app.listen(port);
  new Logger('Rectify').log(`GraphQL at http://localhost:${port}/graphql — readiness at /health/ready, metrics at /metrics`, { port });
  // A start that takes no writes says so, and why, before the address (newcomer27 S2).
  if (process.stdout.isTTY) process.stdout.write(startBanner(port, app.get(DemoSeeder).demoAccounts(), app.get(StoreHealth).writesRefusedFor(), app.get(StoreHealth).notices()));
}

/**
 * breaker49-9 M1: Nest's ExceptionHandler logs an error that ends the app's creation — an English JSON line with the stack
 * — before `main()`'s catch says it; for a refusal that has its own words (a refused store, invalid settings: Chinese
 * first, then English) that line is dropped, so that a person at a terminal reads the refusal first and no stack. Any
 * other error is logged as Nest logs it. Returns the logger given, its `error` wrapped.
 */
function quietAboutRefusalsAtStart<Logger extends { error: (message: unknown, ...rest: unknown[]) => void }>(logger: Logger): Logger {
  const error = logger.error.bind(logger);
  logger.error = (message: unknown, ...rest: unknown[]) => {
    if (rest.at(-1) === 'ExceptionHandler' && (message instanceof StoreRefusedError || messageZhOf(message) !== undefined)) return;
    error(message, ...rest);
  };
  return logger;
}

main().catch((thrown: unknown) => {
  const settings = settingsOfThisStart();
  // Named as what it is: the port taken since it was tried (or needing privileges), or a full disk
  // under the store (SQLITE_FULL, ENOSPC, or SQLite's I/O error with no room left; breaker9h P3).
  const error = portRefusalOf(thrown, settings?.PORT ?? null) ?? diskFullOf(thrown, settings ? sqliteFileOf(settings) : null) ?? thrown;
  if (process.stderr.isTTY) {
    // A person at a terminal (newcomer18 S8): plain lines, Chinese first, no log fields, escapes or stack.
    process.stderr.write(refusalForTerminal(error));
  } else {
    // Before the app's logger exists (invalid settings), the line is written the same way.
    const logger = jsonLogger('log');
    // The refusal's reason as a field of each line (breaker49-9 M1: it was read from Nest's ExceptionHandler line, now dropped).
    const fields = error instanceof StoreRefusedError ? [{ reason: error.reason }] : [];
    // Every refusal at start that has Chinese words (a refused store, a full disk, invalid settings) says them first
    // (breaker52-9 M3: `npm start`'s output showed a screen of English before them), then the English.
    const zh = messageZhOf(error);
    if (zh) logger.fatal(zh, ...fields, 'Rectify');
    logger.fatal(error instanceof Error ? error.message : String(error), ...fields, 'Rectify');
  }
  process.exit(error instanceof StoreRefusedError || error instanceof DiskFullError ? EXIT_STORE_REFUSED : 1);
});
