import { ConsoleLogger } from '@nestjs/common';
import { LogLevelNames, type LogLevelName } from '../config/app-settings.js';

/**
 * The server's logger: one JSON object per line on stdout (Nest's own `ConsoleLogger` in JSON
 * mode), lines at `level` and more severe only. Structured fields given after the message are
 * spread into the line (`logger.log('…', { durationMs: 3 })`); fields named like credentials are
 * masked wherever they appear. Nest's JSON logger rather than pino: nestjs-pino 5, the only line
 * that supports Nest 12, requires Node 22.12+, and Rectify still runs on Node 20.
 */
export function jsonLogger(level: LogLevelName): ConsoleLogger {
  return new ConsoleLogger({
    json: true,
    logLevels: LogLevelNames.slice(0, LogLevelNames.indexOf(level) + 1),
    flattenParams: true,
    redact: ['authorization', 'token', 'password', 'METRICS_TOKEN'],
  });
}
