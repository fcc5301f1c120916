import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { say } from '../shared/domain-error.js';
import { officeInstantZh } from '../shared/calendar-date.js';
import { StoreRefusedError, type StoreRefusalReason } from './store-witness.js';

/*
 * breaker9x P5 (moderate): ACCEPT_STORE_RESET left in `.env` (as every refusal offers it) silently accepted
 * the next loss of the whole store — an empty store, `/health/ready` 200. Like ACCEPT_CLOCK_AHEAD_RECORDS
 * (newcomer27 S6) it is honoured by one start: the start that honours it leaves a mark, a start without
 * the setting removes the mark, and a start with the setting while the mark is there is judged as if it
 * were not set — a store it does not recognise is refused (ACCEPT_STORE_RESET_LEFT_SET), saying to remove it.
 *
 * The mark is a small file, kept beside the store witness and in the signing key's folder (the
 * data folder may be lost whole, the key folder kept), not in the witness: a start refused for a store it
 * does not recognise writes no witness, and it is exactly that start, without the setting, that must be
 * able to clear the mark. Removing a mark only lets the setting count once more; it never accepts anything.
 */

/** Where the marks of one store's place are: beside its witness, and (when the key folder is known) in the key's folder (`keptFolder`'s parent). */
export function storeResetMarks(witnessPath: string, keptFolder: string | null, place: string): string[] {
  const name = `.accept-store-reset-used-${createHash('sha256').update(resolve(place)).digest('hex').slice(0, 12)}`;
  // In the key's folder itself, not among the witness copies (whose folder holds witnesses only, and may be unwritable).
  return [`${witnessPath}.accept-store-reset-used`, ...(keptFolder ? [join(dirname(keptFolder), name)] : [])];
}

/** The instant (ISO-8601) of the start that last honoured the setting, from any mark; null when there is none. */
export function storeResetMarkedAt(marks: readonly string[]): string | null {
  const instants = marks.flatMap((mark) => {
    try {
      const usedAt = (JSON.parse(readFileSync(mark, 'utf8')) as { usedAt?: unknown }).usedAt;
      return typeof usedAt === 'string' ? [usedAt] : ['(unknown)'];
    } catch (error) {
      // A mark that cannot be read (cut short, edited) still says the setting was used.
      return (error as { code?: unknown }).code === 'ENOENT' ? [] : ['(unknown)'];
    }
  });
  return instants.sort().at(-1) ?? null;
}

/** Leaves the mark of a start that honoured the setting; returns the marks that could not be written (said in the log by the caller). */
export function markStoreResetUsed(marks: readonly string[], usedAt = new Date().toISOString()): string[] {
  const failed: string[] = [];
  for (const mark of marks) {
    try {
      mkdirSync(dirname(mark), { recursive: true });
      writeFileSync(mark, `${JSON.stringify({ usedAt })}\n`);
    } catch {
      failed.push(mark);
    }
  }
  return failed;
}

/** A start without the setting: the next start with it is honoured again. */
export function clearStoreResetMarks(marks: readonly string[]): void {
  for (const mark of marks) {
    try {
      rmSync(mark, { force: true });
    } catch {
      // A folder that cannot be written holds no mark this start could have left.
    }
  }
}

/**
 * Refusals the setting does not override in any case (a changed key, another live server, a damaged or
 * locked file, settings): said as they are, without the words about the setting left set.
 */
const NOT_OVERRIDDEN: readonly StoreRefusalReason[] = [
  'SIGNING_KEY_CHANGED',
  'KEY_DIFFERS_FROM_LIVE_SERVER',
  'COPY_NAME_DIFFERS_FROM_LIVE_SERVER',
  'STORE_LOCKED',
  'STORE_DAMAGED',
  'STORE_WITNESS_UNWRITABLE',
  'STORE_FOLDER_READ_ONLY',
  'STORE_FILE_READ_ONLY',
  'NOT_AN_EVENT_STORE',
  'CLOCK_BEHIND_LOG',
  'ACCEPT_CLOCK_AHEAD_RECORDS_LEFT_SET',
  'STORE_FILE_HAS_OTHER_NAMES',
  'STORE_REPLACED_UNDER_LIVE_SERVER',
  'STORE_FILES_GONE_UNDER_LIVE_SERVER',
];

/**
 * The refusal of a start with ACCEPT_STORE_RESET left set since the start at `usedAt` (judged as without it):
 * what it found, that the setting counts once only, and how to go on. `refusal` itself when the setting would
 * not have overridden it anyway.
 */
export function storeResetLeftSet(refusal: StoreRefusedError, usedAt: string): StoreRefusedError {
  if (NOT_OVERRIDDEN.includes(refusal.reason)) return refusal;
  // What it found, without its own advice to start with the setting (newcomer45-9 M5): the setting is on already.
  const found = refusal.resetOffers.reduce((text, offer) => say(text.en.replace(` ${offer.en}`, '').replace(offer.en, ''), text.zh.replace(offer.zh, '')), say(refusal.message, refusal.messageZh));
  const when = Number.isFinite(Date.parse(usedAt)) ? usedAt : 'an earlier start';
  const whenZh = Number.isFinite(Date.parse(usedAt)) ? officeInstantZh(usedAt) : '此前某次';
  const error = new StoreRefusedError(
    'ACCEPT_STORE_RESET_LEFT_SET',
    say(
      `${found.en} ACCEPT_STORE_RESET is set (or --accept-store-reset given), but the start at ${when} already used it and no start without it has followed: accepting a store the server does not recognise is a one-time act, so that the setting left in .env or a service file never takes the next loss of the store silently. Nothing was accepted or written. Remove ACCEPT_STORE_RESET from the environment, the .env file or the service's start command, find out what happened to the store (see "When the server refuses to start" in the README), and start again. To accept this store as it is all the same: start once without the setting (it is refused as now, and forgets the earlier use), then once with it.`,
      `${found.zh}已设置 ACCEPT_STORE_RESET（或给出了 --accept-store-reset），但${whenZh}的启动已用过它，此后还没有不带该设置的启动：接受一个未能识别的事件库只能一次性进行，以免该设置留在 .env 或服务配置中时，下一次事件库丢失被悄然接受。未接受、也未写入任何内容。请从环境变量、.env 文件或服务的启动命令中删除 ACCEPT_STORE_RESET，查明事件库发生了什么（见 README“服务拒绝启动时”），然后重新启动。若仍要接受当前事件库：先不带该设置启动一次（会像现在一样被拒绝，并清除此前的使用记录），再带该设置启动一次。`,
    ),
  );
  return error;
}
