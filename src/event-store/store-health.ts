import { Injectable, Logger } from '@nestjs/common';
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { inBothLanguages, say, type Bilingual } from '../shared/domain-error.js';
import { LOW_SPACE_BYTES, NO_ROOM_FOR_A_WRITE_BYTES, diskFullOf, freeBytesIn } from './disk-full.js';
import { AlteredRowError, type EventStore } from './event-store.port.js';
import type { AlteredRow } from './sqlite-chain-walk.js';
import { LogRewrittenError, LogShortenedError, StoreFileOverwrittenError, WriterThreadFailedError } from './sqlite-append-writer.js';
import type { Overwrite } from './store-file-overwrite.js';
import { isStoreDamage, isStoreReadFault } from './store-damage.js';
import { SqliteEventStore, type HeldCopy } from './sqlite-event-store.js';
import { keptCopyUnwritable, witnessNotWrittenMessage } from './store-witness.js';
import type { WitnessKeeper } from './store-admission.js';
import { liveServerWords, type LiveServerRegistration } from './live-servers.js';
import { fileNodeOf, otherNamesNotice, otherNamesOf } from './store-file-names.js';
import { CLOCK_TOLERANCE_MS, clockAheadAcceptanceWords, clockBehindBy, clockBehindMessage, type ClockAheadAcceptance, type NewestRecorded } from './clock-behind.js';
import { officeInstantZh } from '../shared/calendar-date.js';
import { writeWalEmptiedMark, type WalEmptiedMark } from './wal-emptied-mark.js';

/** Why the store cannot take writes (or the read models cannot follow) right now. */
export type StoreProblemCause =
  | 'STORE_FILE_MISSING'
  | 'STORE_FILE_REPLACED'
  | 'STORE_FILE_DAMAGED'
  | 'STORE_LOG_EMPTIED'
  | 'LOG_SHORTENED'
  | 'DISK_FULL'
  | 'WRITE_FAILED'
  | 'STORE_READ_ONLY'
  | 'PROJECTIONS_STOPPED'
  | 'WITNESS_NOT_WRITTEN'
  | 'LOG_ALTERED'
  | 'LOG_ROLLED_BACK'
  | 'STORE_LOCKED'
  | 'CLOCK_BEHIND_LOG';

/**
 * Something an operator must know that does not stop writes (readiness stays `ready`): a setting
 * that would let the next start take a store it should refuse.
 * - `ACCEPT_STORE_RESET_LEFT_SET`: ACCEPT_STORE_RESET is set, but this start needed nothing
 *   accepted — it is honoured by one start, so a later start with it still set refuses a store it does not recognise;
 * - `STORE_RESET_ACCEPTED`: this start took a store it did not recognise, as ACCEPT_STORE_RESET asked;
 * - `KEY_SIDE_WITNESS_UNWRITABLE`: the copy of the store witness beside the signing key cannot be
 *   written (a read-only key folder), so a data folder restored older would start unnoticed (breaker9d P6);
 * - `STORE_COPY_UNNAMED`: a SQLite store served in production (NODE_ENV=production) from a container without STORE_COPY_NAME: every
 *   container of the image keeps its store at one path, so the copy its head statements name cannot
 *   tell production from a staging copy made from its folders (breaker9e P3);
 * - `STORE_COPY_NAME_SHARED`: another file of this store, at another place and there now, runs under this server's
 *   STORE_COPY_NAME (a drill or training copy started with the project's .env, newcomer46-9 M4): `sameNameNotice`;
 * - `SIGNING_KEYS_DIFFER` / `STORE_COPY_NAMES_DIFFER`: another live server on the same SQLite file
 *   signs with another ledger key, or carries another STORE_COPY_NAME (live-servers.ts: refused at
 *   start; noticed here when two servers started at one moment, breaker9i P3, breaker9g P6);
 * - `CLOCK_AHEAD_RECORDS_ACCEPTED`: this start took the clock as right and accepted the newest records
 *   as stamped by a clock that was ahead (ACCEPT_CLOCK_AHEAD_RECORDS, breaker9q P4); while the setting
 *   stays, a clock set back later would be accepted the same way at the next start;
 * - `ACCEPT_CLOCK_AHEAD_RECORDS_LEFT_SET`: the setting is on, but no record was ahead of the clock;
 * - `STORE_FILE_HAS_OTHER_NAMES`: the SQLite file has other names (hard links: `cp -al data/ snap/`,
 *   breaker9m P5) — not a copy but the live file; a Rectify start or tool on another name is refused
 *   (store-file-names.ts), any other program opening it there would damage the store;
 * - `CHECKPOINT_KEY_NOT_TRUSTED`: a stored ledger checkpoint is signed by a key the office neither signs with nor declared as a
 *   former key (newcomer50-9 S2): ledger checks call it another's (LedgerService at start, `addNotice`).
 */
export type StoreNoticeCause =
  | 'ACCEPT_STORE_RESET_LEFT_SET'
  | 'STORE_RESET_ACCEPTED'
  | 'KEY_SIDE_WITNESS_UNWRITABLE'
  | 'STORE_COPY_UNNAMED'
  | 'STORE_COPY_NAME_SHARED'
  | 'SIGNING_KEYS_DIFFER'
  | 'STORE_COPY_NAMES_DIFFER'
  | 'STORE_FILE_HAS_OTHER_NAMES'
  | 'CLOCK_AHEAD_RECORDS_ACCEPTED'
  | 'ACCEPT_CLOCK_AHEAD_RECORDS_LEFT_SET'
  | 'CHECKPOINT_KEY_NOT_TRUSTED';

export interface StoreNotice {
  readonly cause: StoreNoticeCause;
  readonly message: Bilingual;
  /** ISO-8601 instant of the start that noticed it. */
  readonly since: string;
}

/**
 * What a start with ACCEPT_STORE_RESET set says (breaker9 F19): the refusal it overrode, or that it
 * overrode none and must be removed. Null when the setting is off.
 * @param accepted the refusal this start overrode (StoreRefusedError's English and Chinese), null when none was needed.
 */
export function acceptStoreResetNotice(acceptSet: boolean, accepted: Bilingual | null, since: string): StoreNotice | null {
  if (!acceptSet) return null;
  if (accepted) {
    return {
      cause: 'STORE_RESET_ACCEPTED',
      since,
      message: say(
        `This start took a store it did not recognise, as ACCEPT_STORE_RESET asks (${accepted.en}) Remove ACCEPT_STORE_RESET (and --accept-store-reset) now: it is honoured by one start only, and a later start with it still set and a store it does not recognise is refused (ACCEPT_STORE_RESET_LEFT_SET) until it is removed.`,
        `本次启动按 ACCEPT_STORE_RESET 的要求接受了一个未能识别的事件库（${accepted.zh}）请立即移除 ACCEPT_STORE_RESET（及 --accept-store-reset）：它只对一次启动有效，仍带着它时，以后遇到未能识别的事件库将拒绝启动（ACCEPT_STORE_RESET_LEFT_SET），直到删除该设置。`,
      ),
    };
  }
  return {
    cause: 'ACCEPT_STORE_RESET_LEFT_SET',
    since,
    message: say(
      'ACCEPT_STORE_RESET is set, but the store is the one this server last saw: there was nothing to accept at start (only what a client may show later: a ledger head statement signed before now for a longer log is taken as lost in an accepted reset, and the client is told so). Remove it (and --accept-store-reset): it is honoured by one start only, and a later start with it still set on a store that lost events, or was replaced, is refused (ACCEPT_STORE_RESET_LEFT_SET) until it is removed.',
      '已设置 ACCEPT_STORE_RESET，但事件库正是本服务上次看到的那一个，启动时无需接受（只有客户端日后可能交回的、此前签署的更长台账的现状凭证，将被视为已接受的恢复所丢失，并告知该客户端）。请移除该设置（及 --accept-store-reset）：它只对一次启动有效，仍带着它时，在丢失了事件或被替换的事件库上启动将被拒绝（ACCEPT_STORE_RESET_LEFT_SET），直到删除该设置。',
    ),
  };
}

/**
 * What a start with ACCEPT_CLOCK_AHEAD_RECORDS says in /health `notices` (breaker9q P4): what it accepted
 * (`clockAheadAcceptanceWords`) and to remove the setting, or that there was nothing to accept. Null
 * when the setting is off. `thisStart`: `AdmittedStore.clockAheadThisStart`.
 */
export function acceptClockAheadNotice(thisStart: { readonly accepted: ClockAheadAcceptance } | 'nothing' | null, since: string): StoreNotice | null {
  if (thisStart === null) return null;
  const remove = say(
    'Remove ACCEPT_CLOCK_AHEAD_RECORDS (and --accept-clock-ahead-records) now: it is honoured by one start only, and the next start with it still set is refused (ACCEPT_CLOCK_AHEAD_RECORDS_LEFT_SET), so that a clock set back later is never accepted the same way.',
    '请立即移除 ACCEPT_CLOCK_AHEAD_RECORDS（及 --accept-clock-ahead-records）：它只对一次启动有效，仍带着它的下一次启动将被拒绝（ACCEPT_CLOCK_AHEAD_RECORDS_LEFT_SET），以免时钟日后被调回时也同样被接受。',
  );
  if (thisStart === 'nothing') {
    return {
      cause: 'ACCEPT_CLOCK_AHEAD_RECORDS_LEFT_SET',
      since,
      message: say(
        `ACCEPT_CLOCK_AHEAD_RECORDS is set, but no record of the store is stamped later than the server's clock: there was nothing to accept, and nothing was changed. ${remove.en}`,
        `已设置 ACCEPT_CLOCK_AHEAD_RECORDS，但事件库中没有录入时间晚于服务器时钟的记录：无需接受，未作任何改动。${remove.zh}`,
      ),
    };
  }
  const words = clockAheadAcceptanceWords(thisStart.accepted);
  return { cause: 'CLOCK_AHEAD_RECORDS_ACCEPTED', since, message: say(`${words.en} ${remove.en}`, `${words.zh}${remove.zh}`) };
}

/**
 * Whether this process runs in a container: Docker's `/.dockerenv`, Podman's `/run/.containerenv`,
 * a Kubernetes pod (`KUBERNETES_SERVICE_HOST`) or systemd-nspawn/LXC (`container` set).
 */
export function runningInContainer(env: NodeJS.ProcessEnv = process.env, exists: (path: string) => boolean = existsSync): boolean {
  return exists('/.dockerenv') || exists('/run/.containerenv') || Boolean(env.KUBERNETES_SERVICE_HOST) || Boolean(env.container);
}

/**
 * What a start says when its head statements cannot tell its copy from another (breaker9e P3): a
 * SQLite store on disk, served from a container, with no STORE_COPY_NAME. Null otherwise.
 * @param store the SQLite file's absolute path; null for EventStoreDB or `:memory:` (no statements are given there).
 */
export function unnamedCopyNotice(store: string | null, copyName: string | null, inContainer: boolean, since: string): StoreNotice | null {
  if (store === null || copyName !== null || !inContainer) return null;
  return {
    cause: 'STORE_COPY_UNNAMED',
    since,
    message: say(
      `This server runs in a container and STORE_COPY_NAME is not set, so its signed ledger head statements name the copy of the store by its path (${store}), which every container of the image shares: a staging or training copy made from this store's folders signs statements this server takes as its own, and one of a longer log stops its writes. Give each copy a name of its own (e.g. STORE_COPY_NAME=正式 here, STORE_COPY_NAME=测试环境 on the copy).`,
      `本服务运行在容器中且未设置 STORE_COPY_NAME，其签署的台账现状凭证按事件库路径（${store}）区分副本，而该镜像的每个容器都使用同一路径：用本事件库的文件复制出的测试或培训副本所签的凭证会被当作本服务自己的，一份更长台账的凭证就会使本服务停止写入。请为每个副本设置各自的名称（例如本服务 STORE_COPY_NAME=正式，副本 STORE_COPY_NAME=测试环境）。`,
    ),
  };
}

/**
 * newcomer46-9 M4: what a start says when another file of its store, at another place and there now, carries its
 * STORE_COPY_NAME (`AdmittedStore.sameNameElsewhere`): two copies under one name — the README has a drill or training copy
 * started with a name of its own; one that took 正式 from the project folder's .env starts `ready` all the same. When every
 * such copy saw no further than this file holds (`behind`: the place an installation was moved from, newcomer50-9 M1 — the
 * notice told a moved production at every start to rename a drill there was none of), the words say so first and how to
 * make the notice go: move the old folder out of the way. breaker51-9 M1: `fromEnvFile` says whether this server's name is
 * the one the project's .env sets; when it is not (two drills both started with STORE_COPY_NAME=演练 on their command line),
 * nothing is said of .env, and the name suggested is one not in use (`anotherCopyName`) — the words told two drills named
 * 演练 to rename the one that is not 演练 to 演练. Null when there is none.
 */
export function sameNameNotice(
  copyName: string | null,
  elsewhere: readonly { readonly location: string; readonly seenAt: string; readonly behind?: boolean }[],
  since: string,
  fromEnvFile = true,
  /** breaker52-9 S4: another file of this store under this name seen further on (`movedAwayWords`): said instead, naming the place ahead. */
  movedAway: Bilingual | null = null,
): StoreNotice | null {
  if (copyName !== null && movedAway) return { cause: 'STORE_COPY_NAME_SHARED', since, message: movedAway };
  if (copyName === null || elsewhere.length === 0) return null;
  const places = elsewhere.map(({ location, seenAt }) => `${location} (seen ${seenAt})`).join(', ');
  const placesZh = elsewhere.map(({ location, seenAt }) => `${location}（${officeInstantZh(seenAt)}）`).join('、');
  const other = anotherCopyName(copyName);
  const dated = `演练-${since.slice(0, 10)}`;
  if (elsewhere.every(({ behind }) => behind === true)) {
    return {
      cause: 'STORE_COPY_NAME_SHARED',
      since,
      message: say(
        `Another file of this store, ${places}, ran under this server's own STORE_COPY_NAME=${copyName} and went no further than what this copy holds: this store was moved or copied here from there. If this copy is a restore drill or a training copy, restart it with a name of its own on its command line (e.g. STORE_COPY_NAME=${other}). If the installation was moved here and no server runs there any more, move that old data folder out of the way (keep it as one more backup): this notice goes at the next start.`,
        `本事件库的另一个文件 ${placesZh} 也以本服务的副本名称 STORE_COPY_NAME=${copyName} 运行过，其记录没有超出本副本所持有的内容：本事件库是从那里搬迁或复制过来的。如本副本是恢复演练或培训副本，请在其启动命令中另设名称（例如 STORE_COPY_NAME=${other}）后重启；如系整套搬迁到此且那里已不再运行服务，请将旧的数据文件夹移出原处（可留作一份备份），下次启动时本提示即消失。`,
      ),
    };
  }
  if (!fromEnvFile) {
    return {
      cause: 'STORE_COPY_NAME_SHARED',
      since,
      message: say(
        `Another copy of this store, ${places}, also ran under STORE_COPY_NAME=${copyName} (its witness beside the ledger key says so): two copies under one name, given on their command lines (the project folder's .env does not set it) — two restore drills or training copies started with the same name, say. Their records are still told apart by the rows themselves, but their ledger head statements and witnesses read as one copy's. Give each copy a name no other copy used: restart the drill or training copy with another on its command line (e.g. STORE_COPY_NAME=${other}, or one with the date, STORE_COPY_NAME=${dated}); a drill that is over can be stopped and its folder deleted — this notice goes at the next start.`,
        `本事件库的另一个副本 ${placesZh} 也以 STORE_COPY_NAME=${copyName} 运行过（与台账密钥存放在一起的见证副本如此记载）：两个副本同用一个名称，都是在启动命令中设置的（项目文件夹的 .env 没有设置它）——例如两次恢复演练或培训用了相同的名称。其记录仍可凭记录本身区分，但台账现状凭证和见证文件会被当作同一个副本的。请让每个副本使用其他副本没有用过的名称：在演练或培训副本的启动命令中另设名称（例如 STORE_COPY_NAME=${other}，或带日期的 STORE_COPY_NAME=${dated}）后重启；已结束的演练可以停止并删除其文件夹，下次启动时本提示即消失。`,
      ),
    };
  }
  return {
    cause: 'STORE_COPY_NAME_SHARED',
    since,
    message: say(
      `Another copy of this store, ${places}, ran under this server's own STORE_COPY_NAME=${copyName} (its witness beside the ledger key says so), the name the project folder's .env sets: two copies under one name — a restore drill or a training copy started with that .env. Its records are still told from this copy's by the rows themselves if its file is ever put here, but its ledger head statements and witnesses read as this copy's. Give the copy that is not ${copyName} a name of its own on its command line (e.g. STORE_COPY_NAME=${other}) and restart it.`,
      `本事件库的另一个副本 ${placesZh} 也以本服务的副本名称 STORE_COPY_NAME=${copyName} 运行过（与台账密钥存放在一起的见证副本如此记载），这是项目文件夹 .env 中设置的名称：两个副本同用一个名称——恢复演练或培训副本沿用了该 .env 中的设置。若其文件日后被放到本处，其记录仍可凭记录本身与本副本的区分开，但其台账现状凭证和见证文件会被当作本副本的。请在启动命令中为不是“${copyName}”的那个副本另设名称（例如 STORE_COPY_NAME=${other}）后重启它。`,
    ),
  };
}

/** A copy name to suggest in place of `copyName` (breaker51-9 M1): 演练, or 演练2 when the name shared is 演练 itself. */
export function anotherCopyName(copyName: string): string {
  return copyName === '演练' ? '演练2' : '演练';
}

export interface StoreProblem {
  readonly cause: StoreProblemCause;
  readonly message: Bilingual;
  /** ISO-8601 instant at which the problem was first noticed. */
  readonly since: string;
  /** What office staff are told of it, where the cause's `USERS_WORDS` would say something else (`usersWordsOf`). */
  readonly usersWords?: Bilingual;
  /** The administrator's advice in /health (`adviceZh`), where the cause's own would say something else (newcomer54-9 M14: a -wal deleted cannot be moved back). */
  readonly adviceZh?: string;
}

/**
 * newcomer54-9 M14: /health's advice for a -wal or -shm deleted under the server (the .db still there): the cause's own advice
 * said "if moved, move the file back and writes resume" — a deleted -wal cannot be, and the write refusal says to stop.
 */
export const COMPANION_GONE_ADVICE_ZH =
  '事件库的预写日志文件（-wal）或共享内存索引文件（-shm）在服务运行期间被删除（事件库文件本身还在），现拒绝写入，页面仍可查看；写入不会自动恢复。本服务正把它持有的记录复制到事件库旁的救回副本（.rescued-….db）：请先看服务器日志中的步骤，再停止使用该文件的所有服务，按步骤用副本替换事件库后重启。';

/** What office staff are told of a problem (API refusals, `/health` `messageZh`): its own words, else its cause's `USERS_WORDS`. */
export const usersWordsOf = (problem: Pick<StoreProblem, 'cause' | 'usersWords'>): Bilingual => problem.usersWords ?? USERS_WORDS[problem.cause];

/**
 * breaker45-9 M3: a -wal or -shm deleted under the server is STORE_FILE_MISSING, but the database file itself is there —
 * "the ledger database file is gone" made an administrator who saw rectify.db in its folder distrust the message. Named
 * as what is gone (no path), and what it means.
 */
const companionGoneWords = (gone: 'wal' | 'shm'): Bilingual =>
  gone === 'shm'
    ? toldToUsers(
        say(
          'The ledger database’s shared-memory index file (-shm) on the server was deleted — the database file itself is still there — so nothing can be saved until the server is restarted',
          '服务器上台账数据的共享内存索引文件（-shm）被删除（台账数据文件本身还在），在重启服务之前暂时无法保存',
        ),
      )
    : toldToUsers(
        say(
          'The ledger database’s write-ahead log file (-wal) on the server was deleted — the database file itself is still there, but the newest records may be kept only by the running server — so nothing can be saved for now',
          '服务器上台账数据的预写日志文件（-wal）被删除（台账数据文件本身还在，但最新的记录可能只保存在运行中的服务里），暂时无法保存',
        ),
      );

/**
 * What a write refused for the store's state tells whoever sent it (newcomer27 S3: a clerk's form showed the
 * operator's whole CLOCK_BEHIND_LOG text — instants, --accept-clock-ahead-records, NTP — under a date field).
 * An ADMIN (and the SYSTEM actor: tools, the server itself) reads the problem's whole text — paths, positions,
 * commands; anyone else (supervisors, unit clerks, inspectors: office staff who can do nothing about the server)
 * reads `USERS_WORDS`: what happened in their words, that nothing was recorded, that reading goes on, and whom to
 * tell. The error's `extensions.code` (STORE_UNAVAILABLE) and `cause` stay the same, and the whole text stays in
 * the log (`toGraphqlError`) and in /health. `role`: the caller's, null when signed out.
 */
export function storeRefusalFor(problem: Pick<StoreProblem, 'cause' | 'message' | 'usersWords'>, role: string | null): Bilingual {
  if (role === 'ADMIN' || role === 'SYSTEM') return problem.message;
  return usersWordsOf(problem);
}

/** What is the same in every refusal a user reads: nothing recorded, reading goes on, tell the administrator. */
const toldToUsers = (what: Bilingual): Bilingual =>
  say(
    `${what.en}: nothing was recorded; reading goes on. Please tell the system administrator.`,
    `${what.zh}：本次操作未记录，可以继续查看。请联系系统管理员处理。`,
  );

/**
 * The short words for users who cannot act on a cause (see `storeRefusalFor`), one per cause: each names what
 * went wrong as an office worker would say it (issue 9: "a message naming the cause: disk full, file missing"),
 * without paths, positions or commands.
 */
export const USERS_WORDS: Readonly<Record<StoreProblemCause, Bilingual>> = {
  STORE_FILE_MISSING: toldToUsers(say('The ledger database file is gone from the server (deleted or moved), so nothing can be saved for now', '服务器上的台账数据文件不见了（被删除或移走），暂时无法保存')),
  STORE_FILE_REPLACED: toldToUsers(say('The ledger database file on the server was replaced by another file, so nothing can be saved for now', '服务器上的台账数据文件被另一个文件替换了，暂时无法保存')),
  STORE_FILE_DAMAGED: toldToUsers(say('The ledger database file on the server is damaged, so nothing can be saved for now and what is shown may be incomplete', '服务器上的台账数据文件已损坏，暂时无法保存，页面显示的内容可能不完整')),
  STORE_LOG_EMPTIED: toldToUsers(
    say(
      'The ledger database’s write-ahead log file (-wal) on the server was emptied or damaged, so nothing can be saved for now; the newest records may be kept only by the running server',
      '服务器上台账数据的预写日志文件（-wal）被清空或损坏，暂时无法保存；最新的记录可能只保存在运行中的服务里',
    ),
  ),
  LOG_SHORTENED: toldToUsers(say('The ledger on the server holds fewer records than before (records may have been lost), so nothing can be saved for now', '服务器上的台账记录比之前少了（可能有记录丢失），暂时无法保存')),
  DISK_FULL: toldToUsers(say('The server’s disk is full, so nothing can be saved for now', '服务器磁盘已满，暂时无法保存')),
  WRITE_FAILED: toldToUsers(say('The server could not write to its disk, so nothing can be saved for now', '服务器写入磁盘失败，暂时无法保存')),
  STORE_READ_ONLY: toldToUsers(say('The server may not write to the ledger database file (its permissions or disk changed), so nothing can be saved for now', '服务器无权写入台账数据文件（文件权限或磁盘状态有变），暂时无法保存')),
  PROJECTIONS_STOPPED: toldToUsers(say('The server stopped updating its pages and figures, so nothing can be saved for now', '服务器已停止更新页面和统计数据，暂时无法保存')),
  WITNESS_NOT_WRITTEN: toldToUsers(say('The server could not write the check record it keeps of the ledger, so nothing can be saved for now', '服务器无法写入台账的核对记录，暂时无法保存')),
  // Also what a read of the altered record is told (its history is not shown either).
  LOG_ALTERED: say(
    'Records in the ledger on the server were changed outside Rectify (the ledger check failed), so nothing can be saved for now, and the changed records cannot be shown: nothing was recorded; other records can still be read. Please tell the system administrator.',
    '服务器上的台账记录被系统之外改动过（台账校验不通过），暂时无法保存，被改动的记录也无法查看：本次操作未记录，其他记录仍可查看。请联系系统管理员处理。',
  ),
  LOG_ROLLED_BACK: toldToUsers(say('The ledger on the server was set back to an earlier state (later records are missing), so nothing can be saved for now', '服务器上的台账被恢复到了较早的状态（之后的记录缺失），暂时无法保存')),
  STORE_LOCKED: say(
    'The ledger database is busy with another program on the server, so this was not saved: nothing was recorded. Try again in a minute; if it keeps happening, please tell the system administrator.',
    '台账数据正被服务器上的其他程序占用，本次未能保存：本次操作未记录。请稍后重试；如反复出现，请联系系统管理员处理。',
  ),
  CLOCK_BEHIND_LOG: say(
    'The server clock is wrong, so nothing can be saved for now: nothing was recorded; reading goes on. Please tell the system administrator (the details are in the server log).',
    '系统时钟异常，暂时无法保存：本次操作未记录，可以继续查看。请联系系统管理员处理（详情见服务器日志）。',
  ),
};

/** A write refused because the store is not in a state to keep it: GraphQL `STORE_UNAVAILABLE`. */
export class StoreUnavailableError extends Error {
  readonly messageZh: string;
  constructor(readonly problem: StoreProblem) {
    super(problem.message.en);
    this.messageZh = problem.message.zh;
    this.name = 'StoreUnavailableError';
  }
}


/**
 * What each problem tells people. `detail` may be English from below (an SQLite error code, how the
 * replacement was noticed) and goes into the English only; the Chinese names at most the file.
 */
const MESSAGES: Record<StoreProblemCause, (detail: string, path: string) => Bilingual> = {
  STORE_FILE_MISSING: (missing, path) => storeGoneMessage(missing === path ? 'deleted' : 'log deleted', path, null),
  STORE_FILE_REPLACED: (_where, path) => storeGoneMessage('replaced', path, null),
  // Built by logShortenedMessage, which knows the positions.
  LOG_SHORTENED: (detail, path) => logShortenedMessage(detail, null, path),
  DISK_FULL: (path) =>
    say(`The disk holding the event store (${path}) is full: nothing can be recorded until at least ${LOW_SPACE_BYTES / 1024 / 1024} MB is freed on it.`, `事件库（${path}）所在磁盘已满：在该磁盘上腾出至少 ${LOW_SPACE_BYTES / 1024 / 1024} MB 空间之前无法记录任何操作。`),
  STORE_FILE_DAMAGED: (code, path) =>
    say(
      `SQLite reads the event store file ${path} as damaged (${code}): a statement met pages that do not make a database — most often the file was replaced or written over under the running server (a copy put in its place with cp), or the disk failed. Writes are refused, and what is shown may be incomplete. Stop every server on this file, run npm run ledger:verify on it (and PRAGMA quick_check), keep any ${path}.rescued-<instant>.db beside it, and restore the store from a backup if the file is damaged.`,
      `SQLite 报告事件库文件 ${path} 已损坏（数据库映像格式错误或不是数据库）：最常见的原因是服务运行时该文件被替换/覆盖（例如用 cp 把某个副本复制到了它上面），或磁盘故障。现拒绝写入，页面显示的内容可能不完整。请停止使用该文件的所有服务，对它进行台账校验（npm run ledger:verify），保留其旁的 .rescued- 副本（如有），如文件已损坏请从备份恢复事件库。`,
    ),
  // Built by storeGoneMessage('log cut'), which knows the copy made.
  STORE_LOG_EMPTIED: (_detail, path) => storeGoneMessage('log cut', path, null),
  WRITE_FAILED: (detail) =>
    // Writes stay refused until a restart (breaker9x P6: the words did not say how it ends): an I/O error of unknown cause
    // is not retried into a file that may be failing.
    say(
      `The event store could not write (${detail}): nothing was recorded, and writes stay refused until the server is restarted. An operator must look at the server's disk, then restart the server (npm start, or the service).`,
      '事件库写入失败：本次操作未记录，重启服务之前不再写入。请管理员检查服务器磁盘（具体原因见服务器日志），处理后重启服务。',
    ),
  STORE_READ_ONLY: (detail, path) =>
    say(
      `The event store ${path} cannot be written (${detail}): the file, its -wal or -shm, or its folder is one this server's user may not write (a backup restored as another user, a mode taken away), or its volume went read-only. Nothing was recorded; the store is not damaged — do not restore it. Make the files writable for the server's user (chown, or remount the volume), then restart the server.`,
      `事件库 ${path} 不可写（${detail}）：该文件、其 -wal/-shm 文件或所在文件夹不允许当前运行服务的用户写入（例如以其他用户身份恢复的备份、权限被收回），或其所在卷已变为只读。本次操作未记录；事件库本身并未损坏——请勿从备份恢复。请让运行服务的用户可写这些文件（chown，或重新以可写方式挂载卷）后重启服务。`,
    ),
  // Built from the witness's own error (see witnessNotWrittenMessage), which knows the path and the code.
  WITNESS_NOT_WRITTEN: (code, path) => witnessNotWrittenMessage(path, code),
  // Built by projectionsStoppedMessage, which has the reason in both languages.
  PROJECTIONS_STOPPED: (detail) => projectionsStoppedMessage(say(detail, '具体原因见服务器日志')),
  // Built by logAlteredMessage, from the row's own error.
  LOG_ALTERED: (detail) => logAlteredMessage(say(detail, '具体原因见服务器日志')),
  // Built from the head statement's judgement (src/ledger/domain/head-statement.ts), which has both languages.
  LOG_ROLLED_BACK: (detail) => say(detail, '具体原因见服务器日志'),
  // Built by clockBehindMessage, which knows both instants.
  CLOCK_BEHIND_LOG: (detail) => say(detail, '服务器时钟早于台账中最新记录的录入时间：系统时间可能被调回，暂停写入；请校正服务器时间后重试。若服务器时间已准确（此前时钟偏快），请以 --accept-clock-ahead-records 启动一次。'),
  STORE_LOCKED: (_detail, path) =>
    say(
      `The event store ${path} is locked by another program holding its write lock (an sqlite3 shell or DB Browser for SQLite with an open transaction, a backup tool): the write waited 5 s and was not made, nothing was recorded. Close that program, or end its transaction: writes resume by themselves. Never open the live store with a tool that writes.`,
      `事件库 ${path} 被另一个程序锁定（如打开着事务的 sqlite3、DB Browser for SQLite 或备份工具），写入等待 5 秒后仍未能进行：本次操作未记录。请关闭该程序或结束其事务，写入会自动恢复。请勿用可写入的工具打开正在使用的事件库。`,
    ),
};

/**
 * Problems that answer the write that met them but do not refuse the next one: the lock another
 * program holds may be gone by then (the next write waits its 5 s again).
 */
const PASSING: readonly StoreProblemCause[] = ['STORE_LOCKED'];

/** The problems of the store's files, in the order a read failing on them names them (`standingStoreProblem`). */
const STORE_FILE_PROBLEMS: readonly StoreProblemCause[] = ['STORE_FILE_REPLACED', 'STORE_FILE_MISSING', 'STORE_LOG_EMPTIED', 'LOG_SHORTENED', 'LOG_ALTERED', 'LOG_ROLLED_BACK', 'STORE_FILE_DAMAGED', 'STORE_READ_ONLY', 'DISK_FULL', 'WRITE_FAILED'];

/** How long a reading of the store disk's free space stands while the disk is not full (ms): /health and every write ask for problems. */
const SPACE_READ_EVERY_MS = 1000;

/**
 * How far the copy of what a server still reads reaches (`SqliteEventStore.keepWhatIsHeld`), as its
 * refusals say it (breaker9u P2: after a truncation they kept saying the copy held "the newest
 * acknowledged events" and to put it in place, when it held events 1–41 of 269):
 * - `copying`: not done yet;
 * - `whole`: every event the server holds (`head`: its last position; null when not counted — a page copy);
 * - `part`: events 1–`upTo` (null: none) of the `head` the server holds — the copy stopped where the file
 *   could not be read any more; the rest is in no copy;
 * - `none`: no sound copy could be made (removed after PRAGMA quick_check, or the copy failed).
 */
export type HeldCopyReach =
  | { readonly kind: 'copying' }
  | { readonly kind: 'whole'; readonly head: number | null }
  | { readonly kind: 'part'; readonly upTo: number | null; readonly head: number; readonly foundIn?: string }
  | { readonly kind: 'none'; readonly foundIn?: string }
  | NoRoomForCopy
  | CopyToRetry;

/**
 * breaker49-9 S6: no copy could be made because the store's disk is full (`SqliteEventStore.heldCopyShortOfRoom`):
 * what this server acknowledged (events 1–`head`; null when it acknowledged none) is then held by the running server
 * alone, and stopping it, or restoring a backup, loses what the newest backup lacks. `why`: SQLite's or the system's
 * words; `needBytes`: the room another try needs in `folder`, the store's folder — tried again by itself once it is free.
 */
export interface NoRoomForCopy {
  readonly kind: 'noRoom';
  readonly head: number | null;
  readonly why: string;
  readonly needBytes: number;
  readonly folder: string;
}

/**
 * newcomer50-9 S1: no copy could be written, for another reason than a full disk (`SqliteEventStore.heldCopyToRetry`: its
 * folder deleted and not made again, not writable, an I/O error): what this server acknowledged (events 1–`head`; null when
 * none) is held by the running server alone, and the copy is tried again by itself at every /health check and write, and at
 * the stop, until it is made. `why`: SQLite's or the system's words; `folder`: where the copy goes.
 */
export interface CopyToRetry {
  readonly kind: 'retrying';
  readonly head: number | null;
  readonly why: string;
  readonly folder: string;
}

/**
 * Where the store's files as the server found them are kept when the copy of what it acknowledged does not reach it all
 * (`SqliteEventStore.copyAcknowledged`): its -wal still holds the frames the server committed since its last checkpoint — said
 * so, that they are kept with the backup (store9c's limit: a restore whose pages a later write checkpointed into the main file).
 */
const foundWords = (foundIn: string | undefined): Bilingual =>
  foundIn
    ? say(
        ` The store's files as this server found them — its main file and -wal, which still holds the frames this server committed since its last checkpoint — are kept in ${foundIn}: keep that folder with the backup.`,
        `本服务发现异常时的事件库文件（主文件及其 -wal，其中仍有本服务自上次检查点以来提交的内容）已保留在 ${foundIn}：请与备份一同保存该文件夹。`,
      )
    : say('', '');

/**
 * What a refusal says of the copy at `copy` (`reach`: how far it reaches) and what to put in place of the
 * store: the copy only when it holds every event this server holds; else a backup reaching as far, the
 * copy and the server's old -wal kept. `putInPlace`: the steps to put the copy at the path (English, Chinese).
 */
function keptWords(copy: string | null, reach: HeldCopyReach, putInPlace: Bilingual): { kept: Bilingual; advice: Bilingual } {
  if (!copy) return { kept: say('', ''), advice: putInPlace };
  switch (reach.kind) {
    case 'copying':
      return {
        kept: say(
          ` What this server still reads is being copied to ${copy}, event by event as far as the file still reads soundly; once the copy is done this message says how far it reaches (the server log says so too) — until then, do not put it in place.`,
          `本服务仍能读到的内容正逐个事件复制到 ${copy}（复制到仍能正确读出的事件为止）；复制完成后，本提示会说明副本包含到哪个位置（服务器日志同样记录）——在此之前请勿用它替换事件库。`,
        ),
        advice: putInPlace,
      };
    case 'whole':
      return {
        kept: say(
          ` Everything this server holds${reach.head === null ? '' : ` — events 1–${reach.head}`}, the newest acknowledged events included${reach.head === null ? ',' : ' —'} was copied to ${copy} (PRAGMA quick_check passed).`,
          `本服务持有的全部内容${reach.head === null ? '' : `（事件 1–${reach.head}，含最新确认写入的事件）`}已复制到 ${copy}（完整性检查通过）。`,
        ),
        advice: putInPlace,
      };
    case 'part': {
      const missing = reach.head - (reach.upTo ?? 0);
      const after = reach.upTo ?? 0;
      return {
        kept: say(
          reach.upTo === null
            ? ` None of the ${reach.head} events this server holds could be copied to ${copy}: the file no longer reads soundly from the first one.`
            : ` Only events 1–${reach.upTo} of the ${reach.head} this server holds could be copied to ${copy} (the file no longer reads soundly past position ${reach.upTo}): the ${missing} acknowledged events after position ${after} are in no copy.${foundWords(reach.foundIn).en}`,
          reach.upTo === null
            ? `本服务持有的 ${reach.head} 个事件一个也未能复制到 ${copy}：该文件从第一个事件起已无法正确读出。${foundWords(reach.foundIn).zh}`
            : `本服务持有的 ${reach.head} 个事件中只有 1–${reach.upTo} 复制到了 ${copy}（位置 ${reach.upTo} 之后该文件已无法正确读出）：位置 ${after} 之后已确认写入的 ${missing} 个事件不在任何副本中。${foundWords(reach.foundIn).zh}`,
        ),
        advice: say(
          `restore the store from the newest backup (npm run store:backup), which should reach as far as position ${reach.head}, and run npm run ledger:verify on it; do not put ${copy} in its place as the whole store — it lacks the events after position ${after}. Keep ${copy} and ${copy}-old-wal: they may hold what the backup lacks`,
          `请从最新的备份（npm run store:backup 所做）恢复事件库——应包含到位置 ${reach.head}——并进行台账校验（npm run ledger:verify）；请勿用 ${copy} 替换整个事件库：它缺少位置 ${after} 之后的事件。请保留 ${copy} 和 ${copy}-old-wal：其中可能有备份所缺的内容`,
        ),
      };
    }
    case 'noRoom':
      return { kept: noRoomWords(copy, reach), advice: say('free space first', '请先腾出空间') };
    case 'retrying':
      return { kept: retryWords(copy, reach), advice: say('let the copy be made first', '请先让副本复制完成') };
    case 'none':
      return {
        kept: say(
          ` No sound copy of what this server holds could be made at ${copy} (the server log says why): what it acknowledged after the newest backup is in no copy made here.${foundWords(reach.foundIn).en}`,
          `未能在 ${copy} 得到本服务所持内容的完好副本（原因见服务器日志）：最新备份之后本服务确认写入的内容不在此处所做的任何副本中。${foundWords(reach.foundIn).zh}`,
        ),
        advice: say(
          'restore the store from the newest backup (npm run store:backup) and run npm run ledger:verify on it',
          '请从最新的备份（npm run store:backup 所做）恢复事件库，并进行台账校验（npm run ledger:verify）',
        ),
      };
  }
}

/** "3 MB": the room to free, rounded up to whole megabytes, as an operator reads `df -m`. */
const megabytes = (bytes: number): string => `${Math.max(1, Math.ceil(bytes / (1024 * 1024)))} MB`;

/**
 * What is kept where, and what to do first, while the copy of what this server holds waits for room (breaker49-9 S6: the
 * refusal said to stop the server and restore the newest backup, which lost every event acknowledged after it).
 */
function noRoomWords(copy: string, reach: NoRoomForCopy): Bilingual {
  const events = reach.head === null ? '' : ` (events 1–${reach.head})`;
  const eventsZh = reach.head === null ? '' : `（事件 1–${reach.head}）`;
  return say(
    ` No copy of what this server holds could be made at ${copy}: the disk is full (${reach.why}). Everything this server acknowledged${events} is now held only by this running server — the file it opened is still open in it; the newest backup lacks whatever was acknowledged after it. Do not stop this server, and do not restore a backup over the store: first free at least ${megabytes(reach.needBytes)} on the disk of ${reach.folder} (df -h ${reach.folder}). The copy is then tried again by itself, at the next /health check or write, and this message says where it is and what to put in place.`,
    `未能在 ${copy} 复制本服务所持的内容：磁盘已满（${reach.why}）。本服务已确认写入的全部内容${eventsZh}现在只保存在这个运行中的服务里（它打开的文件仍由它持有），最新备份之后确认写入的内容不在备份中。请勿停止本服务，也请勿用备份替换事件库：请先在 ${reach.folder} 所在磁盘上腾出至少 ${megabytes(reach.needBytes)} 空间（可用 df -h ${reach.folder} 查看）。腾出空间后，下次健康检查或写入时会自动重新复制，届时本提示会说明副本的位置以及该用什么替换事件库。`,
  );
}

/**
 * What is kept where, and what to do first, while the copy of what this server holds could not be written and is tried again
 * (newcomer50-9 S1: the data folder deleted; the refusal said that what came after the newest backup was in no copy — and the
 * copy was never tried again, though the server still held every acknowledged event and the folder was back a second later).
 */
function retryWords(copy: string, reach: CopyToRetry): Bilingual {
  const events = reach.head === null ? '' : ` (events 1–${reach.head})`;
  const eventsZh = reach.head === null ? '' : `（事件 1–${reach.head}）`;
  return say(
    ` No copy of what this server holds could be written at ${copy} yet (${reach.why}). Everything this server acknowledged${events} is now held only by this running server — the file it opened is still open in it; the newest backup lacks whatever was acknowledged after it. Do not stop this server, and do not restore a backup over the store: make sure the folder ${reach.folder} can be written by this server (this server makes it again if it is gone; if its disk was unmounted, mount it again). The copy is tried again by itself at every /health check and write until it is made (after a try that failed slowly, not before ten times that try's length has passed, at most 10 minutes), and this message then says where it is and what to put in place.`,
    `尚未能在 ${copy} 写入本服务所持内容的副本（${reach.why}）。本服务已确认写入的全部内容${eventsZh}现在只保存在这个运行中的服务里（它打开的文件仍由它持有），最新备份之后确认写入的内容不在备份中。请勿停止本服务，也请勿用备份替换事件库：请确保本服务能写入文件夹 ${reach.folder}（该文件夹若被删除，本服务会重新建立；若其所在磁盘被卸载，请重新挂载）。每次健康检查或写入时都会自动重新复制，直到复制成功（某次复制耗时较长而失败时，须等过其耗时的十倍、至多 10 分钟再试），届时本提示会说明副本的位置以及该用什么替换事件库。`,
  );
}

/** What happened to the store file, said short, for the message of a copy waiting for room (`noRoomWords`) or tried again (`retryWords`). */
/**
 * What became of this server's own -wal once its file was replaced: moved aside by the server, or — `left`: it was no longer
 * at the path (it went with the file's old folder, or was removed; breaker51-9 M2) — nothing to move; or — `heldBy`: the
 * server another live server on the same file is (breaker52-9 S7) — left in place, that server still writing into it.
 */
const ownWalWords = (wal: string, left: boolean, heldBy: Bilingual | null = null): Bilingual =>
  left
    ? say(`its own ${wal} is no longer at the path (it went with the file's old folder, or was removed), so nothing of it is read over the new file`, `它自己的 ${wal} 已不在原处（随旧文件夹移走或被删除），不会被读到新文件上`)
    : heldBy
      ? say(
          `its own ${wal} was left where it is: another live Rectify server on this file (${heldBy.en}) holds it and may still write acknowledged events into it — do not move or delete it; stop that server first (its stop keeps them)`,
          `它自己的 ${wal} 保留在原处：同一文件上的另一台运行中的 Rectify 服务（${heldBy.zh}）正使用它，可能仍在向其中写入已确认的事件——请勿移动或删除它，请先停止那台服务（其正常停止会保留这些事件）`,
        )
      : say(`its own ${wal} was moved away from the path (to the copy's name with -old-wal)`, `它已把自己的 ${wal} 移开（改名为副本名加 -old-wal）`);

const WHAT_HAPPENED: Record<'deleted' | 'log deleted' | 'log moved aside' | 'log cut' | 'replaced' | 'overwritten' | 'rewritten', (path: string, wal: string, walLeft?: boolean, walHeldBy?: Bilingual | null) => Bilingual> = {
  deleted: (path) =>
    say(
      `The event store file ${path} was deleted or moved away while the server runs: writes are refused. If it was moved, moving that same file back to ${path} (not a copy of it) lets writes resume by themselves.`,
      `运行中事件库文件 ${path} 被删除或移走：现拒绝写入。如系移走，将该文件本身（不是其副本）移回 ${path}，写入即自动恢复。`,
    ),
  'log deleted': (path, wal) => say(`The event store's write-ahead log ${wal} was deleted while the server runs (${path} is still there): writes are refused.`, `运行中事件库的预写日志文件 ${wal} 被删除（${path} 仍在）：现拒绝写入。`),
  'log moved aside': (path, movedTo) =>
    say(
      `The event store's write-ahead log was moved aside, to ${movedTo}, by another Rectify server on ${path}, which found the file replaced or written over under it: writes are refused.`,
      `运行中事件库的预写日志文件已被同一文件上的另一台 Rectify 服务移开（改名为 ${movedTo}）：那台服务发现 ${path} 被替换或覆盖。现拒绝写入。`,
    ),
  'log cut': (path, wal) => say(`The event store's write-ahead log ${wal} was emptied or cut short while the server runs: writes are refused.`, `运行中事件库的预写日志文件 ${wal} 被清空或截短：现拒绝写入。`),
  replaced: (path, wal, walLeft = false, walHeldBy = null) =>
    say(
      `The event store file ${path} was replaced by another file while the server runs: writes are refused, and this server writes nothing into the new file; ${ownWalWords(wal, walLeft, walHeldBy).en}.`,
      `运行中事件库文件 ${path} 被另一个文件替换：现拒绝写入，本服务不会向新文件写入任何内容；${ownWalWords(wal, walLeft, walHeldBy).zh}。`,
    ),
  overwritten: (path, wal, _walLeft, walHeldBy = null) =>
    say(
      `The event store file ${path} was written over in place while the server runs: writes are refused, and this server writes nothing into it; ${ownWalWords(wal, false, walHeldBy).en}.`,
      `运行中事件库文件 ${path} 被原地覆盖：现拒绝写入，本服务不会再向该文件写入任何内容；${ownWalWords(wal, false, walHeldBy).zh}。`,
    ),
  rewritten: (path, wal) =>
    say(
      `The event log in ${path} was rewritten under the running server through SQLite: writes are refused; ${wal} is left where it is — it still holds what this server committed: do not delete it.`,
      `运行中事件库 ${path} 的日志被通过 SQLite 改写：现拒绝写入；${wal} 保留原处——其中仍有本服务提交的内容，请勿删除。`,
    ),
};

/**
 * The store's file went away under the running server: `how` says which way. This server writes
 * nothing into the path from now on — not even the checkpoint of its -wal when it stops (breaker9j
 * P2: a backup restored in place under a running server, then stopped "cleanly" as the message used
 * to advise, had that server's old -wal written into it and was left malformed, or silently undone);
 * what it still reads is copied to `copy` (`SqliteEventStore.keepWhatIsHeld`), null when no copy is
 * made; `reach`: how far that copy reaches (see HeldCopyReach), said in the refusal and in the advice.
 */
export function storeGoneMessage(
  how: 'deleted' | 'log deleted' | 'log moved aside' | 'log cut' | 'replaced' | 'overwritten',
  path: string,
  copy: string | null,
  /** The -wal and -shm beside the real file (a link resolved), and for 'log deleted' the one that is gone; for 'log moved aside', where the -wal is now; `walLeft`: for 'replaced', this server's own -wal was no longer at the path (see `ownWalWords`). */
  companions: { readonly wal: string; readonly shm: string; readonly gone?: string; readonly walLeft?: boolean; readonly walHeldBy?: Bilingual | null } = { wal: `${path}-wal`, shm: `${path}-shm` },
  /** For 'overwritten': what showed it (store-file-overwrite.ts). */
  overwrite: Overwrite | null = null,
  reach: HeldCopyReach = { kind: 'copying' },
  /** For 'replaced': what the new file is when it holds another copy's records (`otherCopyBrief`, breaker41-9 P1 c), null otherwise. */
  otherCopy: Bilingual | null = null,
): Bilingual {
  const { wal, shm } = companions;
  const gone = companions.gone ?? wal;
  const goneIsIndex = gone === shm;
  if (copy && (reach.kind === 'noRoom' || reach.kind === 'retrying')) {
    const happened = WHAT_HAPPENED[how](path, how === 'log deleted' || how === 'log moved aside' ? gone : wal, companions.walLeft, companions.walHeldBy);
    const words = reach.kind === 'noRoom' ? noRoomWords(copy, reach) : retryWords(copy, reach);
    return say(`${happened.en}${words.en}`, `${happened.zh}${words.zh}`);
  }
  const { kept, advice } = keptWords(
    copy,
    reach,
    how === 'deleted'
      ? say(`put ${copy ? 'the copy' : 'the file'} back at ${path} (or restore it from a backup)`, `将${copy ? '副本' : '该文件'}放回 ${path}（或从备份恢复）`)
      : how === 'replaced'
        ? otherCopy
          ? say(`put ${copy ? 'the copy' : 'the original file'} in its place — do not keep the new file`, `用${copy ? '副本' : '原文件'}替换它——请勿保留新文件`)
          : say(`keep the new file (the next start checks it), or put ${copy ? 'the copy' : 'the original file'} in its place`, `保留新文件（下次启动时会检查它），或用${copy ? '副本' : '原文件'}替换它`)
        : how === 'log moved aside'
          ? say(`put the copy in its place (move ${path} aside and keep it, remove ${shm}, rename the copy to ${path}) and run npm run ledger:verify`, `用副本替换它（把 ${path} 移到别处并保留，删除 ${shm}，将副本改名为 ${path}）并进行台账校验（npm run ledger:verify）`)
          : say(`put the copy in its place (remove ${wal} and ${shm}, rename the copy to ${path}) and run npm run ledger:verify`, `用副本替换它（删除 ${wal} 和 ${shm}，将副本改名为 ${path}）并进行台账校验（npm run ledger:verify）`),
  );
  switch (how) {
    case 'overwritten': {
      const detail = overwrite?.detail ?? 'its content is not what this server holds';
      // A file no longer readable was as often cut short (a disk tool, a copy stopped half-way) as written over by a copy.
      const cut = overwrite?.how === 'unreadable';
      return say(
        `The event store file ${path} was ${cut ? 'cut short, damaged or written over' : 'written over'} in place while the server runs (${detail}): ${cut ? 'something other than SQLite wrote it — a disk tool truncating it, a copy stopped half-way, or another file copied over it' : 'a copy of this store or of another store — larger or smaller — was copied over it'} (cp keeps the file, so only its content shows it). Writes are refused: this server's ${wal} and the file no longer fit together, and every write would damage the file. This server writes nothing into it, not even when it stops; ${companions.walHeldBy ? ownWalWords(wal, false, companions.walHeldBy).en : `it has moved its own ${wal} away from the path (to the copy's name with -old-wal)`}.${kept.en} Stop every server on this file; then ${advice.en} — or, if the new file was put there on purpose, remove ${wal} and ${shm} and start on it (the start checks it against what this server saw).`,
        `运行中事件库文件 ${path} 被原地覆盖（文件被替换/覆盖：${OVERWRITTEN_ZH[overwrite?.how ?? 'other-history']}），${cut ? '即 SQLite 以外的程序写过它：例如磁盘工具截断了它、复制中途停止，或把另一个文件复制到了它上面' : '例如用 cp 把本事件库的另一份副本（如培训副本）或另一个事件库的文件复制到了它上面'}。现拒绝写入：本服务的预写日志 ${wal} 与该文件已对不上，任何写入都会损坏它；本服务不会再向该文件写入任何内容（停止时也不会）；${companions.walHeldBy ? ownWalWords(wal, false, companions.walHeldBy).zh : `并已把自己的 ${wal} 移开（改名为副本名加 -old-wal）`}。${kept.zh}请停止使用该文件的所有服务；然后${advice.zh}；若新文件是有意放上去的，请删除 ${wal} 和 ${shm} 后在其上启动服务（启动时会与本服务看到的事件库核对）。`,
      );
    }
    case 'log moved aside':
      // breaker49-9 M2: said "deleted", and "keep the file if it was restored on purpose", when the other server had moved it for an older copy put in place.
      return say(
        `The event store's write-ahead log ${wal} was moved aside, to ${gone}, by another Rectify server on this file: that server found ${path} replaced or written over under it (an older copy put in its place, say) and moved the -wal away so that no process reads it over the new file. Writes are refused, and this server writes nothing into ${path}, not even when it stops.${kept.en} Stop every server on this file; then ${advice.en}. The other server's log says what it found; do not delete ${gone}.`,
        `运行中事件库的预写日志文件 ${wal} 已被同一文件上的另一台 Rectify 服务移开（改名为 ${gone}）：那台服务发现 ${path} 在运行中被替换或覆盖（例如有人把旧副本放到了它的位置），为免任何进程把它读到新文件上而将其移开。现拒绝写入，本服务不会再向 ${path} 写入任何内容（停止时也不会）。${kept.zh}请停止使用该文件的所有服务；然后${advice.zh}。另一台服务的日志说明了它发现的情况；请勿删除 ${gone}。`,
      );
    case 'log deleted':
      return say(
        `The event store's ${goneIsIndex ? 'shared-memory WAL index' : 'write-ahead log'} ${gone} was deleted while the server runs (${path} is still there): writes are refused${goneIsIndex ? ' (the next process to open the file would build an index of its own beside this server\'s, and the two would write over each other)' : ''}. This server will not write its log into ${path}, not even when it stops: the file may have been restored from a backup under it, and an old log written into a restored file damages it.${kept.en} Stop every server on this file (SIGTERM is safe now). Then keep ${path} if it was restored on purpose; otherwise ${advice.en} before starting again.`,
        `运行中事件库的${goneIsIndex ? '共享内存索引文件' : '预写日志文件'} ${gone} 被删除（${path} 仍在）：现拒绝写入${goneIsIndex ? '（下一个打开该文件的进程会另建索引，与本服务互相覆盖写入）' : ''}。本服务不会再把日志写入 ${path}（停止时也不会）：该文件可能已被备份替换，旧日志写入恢复后的文件会将其损坏。${kept.zh}请停止使用该文件的所有服务（现在可以正常停止）。若 ${path} 是有意恢复的备份，保留即可；否则${advice.zh}，然后再启动服务。`,
      );
    case 'log cut': {
      // breaker42-9 F7: what no copy holds is still what the running server's read models show — said, with how to save it.
      const onlyHere =
        reach.kind === 'none' || reach.kind === 'part'
          ? say(
              ` The acknowledged events no copy holds are now only in this running server's read models: before stopping it, save what they show — the 整改台账 and work plans as spreadsheets (GET /export/ledger.xlsx and GET /export/work-plan.xlsx?planId=…, with an administrator's Bearer token) — and only then stop it.`,
              `任何副本都没有的已确认事件现在只保存在运行中的本服务的读模型里：停止服务之前，请先导出其内容——整改台账和工作计划的表格（以管理员令牌请求 GET /export/ledger.xlsx 和 GET /export/work-plan.xlsx?planId=…）——然后再停止服务。`,
            )
          : say('', '');
      return say(
        `The event store's write-ahead log ${wal} was emptied or cut short while the server runs (${path} is still there): the events committed since SQLite's last checkpoint were in it, so the file at the path no longer holds them, and a read of them fails. Writes are refused, and this server writes nothing into ${path}, not even when it stops.${kept.en}${onlyHere.en} Stop every server on this file; then ${copy ? advice.en : 'restore the store from the newest backup (npm run store:backup) and run npm run ledger:verify on it'} before starting again — the start checks the store against what this server acknowledged.`,
        `运行中事件库的预写日志文件 ${wal} 被清空或截短（${path} 仍在）：SQLite 上次检查点之后提交的事件都在该文件中，原路径上的文件已不再包含这些事件，读取它们会失败。现拒绝写入，本服务不会再向 ${path} 写入任何内容（停止时也不会）。${kept.zh}${onlyHere.zh}请停止使用该文件的所有服务；然后${copy ? advice.zh : '从最新的备份（npm run store:backup 所做）恢复事件库并进行台账校验（npm run ledger:verify）'}，再启动服务——启动时会与本服务确认写入的记录核对。`,
      );
    }
    case 'deleted':
      // breaker9x S2: a file moved away, not deleted, and moved back is judged again at the next look — the same file, unchanged.
      return say(
        `The event store file ${path} was deleted or moved away while the server runs: writes are refused, since nothing written now could be read after a restart. If it was moved, moving that same file back to ${path} (not a copy of it) lets writes resume by themselves, within seconds.${kept.en} Otherwise stop the server, ${advice.en} and start the server again.`,
        `运行中事件库文件 ${path} 被删除或移走：为免写入的数据在重启后丢失，现拒绝写入。如系移走，将该文件本身（不是其副本）移回 ${path}，写入即自动恢复。${kept.zh}否则请停止服务，${advice.zh}，然后重启服务。`,
      );
    case 'replaced': {
      // Said first: the ADMIN's answer is bounded in length (format-error.ts), and this is what decides what to do.
      if (otherCopy) {
        return say(
          `The event store file ${path} was replaced by another copy's file while the server runs (renamed over it): ${otherCopy.en} Do not keep the new file — the next start refuses it (STORE_FROM_OTHER_COPY); the server log names both copies' witnesses. Writes are refused, and this server writes nothing into the new file, not even when it stops; ${ownWalWords(wal, companions.walLeft ?? false, companions.walHeldBy).en}.${kept.en} Stop every server on this file; then ${advice.en}.`,
          `运行中事件库文件 ${path} 被另一个副本的文件替换（被改名覆盖）：新文件不是本副本的事件库，${otherCopy.zh}请勿保留新文件——下次启动时会拒绝它（STORE_FROM_OTHER_COPY）；服务器日志列出了两个副本的见证文件。现拒绝写入，本服务不会向新文件写入任何内容（停止时也不会）；${ownWalWords(wal, companions.walLeft ?? false, companions.walHeldBy).zh}。${kept.zh}请停止使用该文件的所有服务；然后${advice.zh}。`,
        );
      }
      return say(
        `The event store file ${path} was replaced by another file (renamed over it, or an older copy written over it in place) while the server runs: writes are refused, and this server writes nothing into the new file, not even when it stops; ${companions.walLeft || companions.walHeldBy ? ownWalWords(wal, companions.walLeft ?? false, companions.walHeldBy).en : `it has moved its own ${wal} away from the path (to the copy's name with -old-wal), so that no other server or tool reads it over the new file`}.${kept.en} Stop every server on this file; then ${advice.en}.`,
        `运行中事件库文件 ${path} 被另一个文件替换（被改名覆盖，或被旧副本原地覆盖）：现拒绝写入，本服务不会向新文件写入任何内容（停止时也不会）；${companions.walLeft || companions.walHeldBy ? ownWalWords(wal, companions.walLeft ?? false, companions.walHeldBy).zh : `它已把自己的 ${wal} 移开（改名为副本名加 -old-wal），以免其他服务或工具把它读到新文件上`}。${kept.zh}请停止使用该文件的所有服务；然后${advice.zh}。`,
      );
    }
  }
}

/**
 * The log was rewritten through SQLite under the running server (breaker9x P3: `sqlite3 rectify.db ".restore
 * other.db"`, the backup API, a program writing rows): the event at `position`, which this server acknowledged,
 * is another one now. The file and its inode stay, so no file check sees it; this server's -wal is left where it
 * is (no checkpoint, not moved: it still holds the frames this server committed) and what it acknowledged is
 * rebuilt from it into `copy` (`SqliteEventStore.keepWhatIsHeld`). `reach`: how far that copy reaches.
 */
export function logRewrittenMessage(path: string, position: number, copy: string | null, companions: { readonly wal: string; readonly shm: string }, reach: HeldCopyReach = { kind: 'copying' }): Bilingual {
  const { wal, shm } = companions;
  if (copy && (reach.kind === 'noRoom' || reach.kind === 'retrying')) {
    const happened = WHAT_HAPPENED.rewritten(path, wal);
    const words = reach.kind === 'noRoom' ? noRoomWords(copy, reach) : retryWords(copy, reach);
    return say(`${happened.en}${words.en}`, `${happened.zh}${words.zh}`);
  }
  const { kept, advice } = keptWords(
    copy,
    reach,
    say(
      `move ${path}, ${wal} and ${shm} aside together (keep them), rename the copy to ${path} and run npm run ledger:verify on it`,
      `把 ${path}、${wal} 和 ${shm} 一起移到别处（请保留），将副本改名为 ${path}，并进行台账校验（npm run ledger:verify）`,
    ),
  );
  return say(
    `The event log in ${path} was rewritten under the running server through SQLite — a backup restored over it (sqlite3's .restore, the backup API) or another program writing its rows: the event at position ${position}, which this server had acknowledged, is another one now (the file itself stayed, so only its rows show it). Writes are refused, and this server writes nothing into the file, not even when it stops: ${wal} is left where it is — it still holds what this server committed; do not delete it, and keep a copy of the whole folder before any server or tool opens the file.${kept.en} Stop every server on this file; then ${advice.en} — or, if the restore was meant and the events after it are to be given up, start once with --accept-store-reset.`,
    `运行中事件库 ${path} 的日志被通过 SQLite 改写（例如用 sqlite3 的 .restore 或备份接口把另一个文件恢复到了它上面，或另一个程序改写了其中的记录）：本服务已确认写入的位置 ${position} 的事件已不是原来那个（文件本身未变，只有其中的记录能看出）。现拒绝写入，本服务不会再向该文件写入任何内容（停止时也不会）：${wal} 保留原处——其中仍有本服务提交的内容，请勿删除；在任何服务或工具打开该文件之前，请先复制整个文件夹留存。${kept.zh}请停止使用该文件的所有服务；然后${advice.zh}；若确是有意恢复、其后的事件可以放弃，请以 --accept-store-reset 启动一次。`,
  );
}

/**
 * The server log's line on a finished copy of what the server holds (`HeldCopy.done`) of the store at `path`, copied to `copy`
 * (`what`: `holds`, or `acknowledged` when it was rebuilt from the server's own -wal): `error` when no copy is left — it failed,
 * or it was removed, and then why (its PRAGMA quick_check, or that no event read checks against the ledger chain: the rows the
 * copy stopped at) — the reason a refusal's 「原因见服务器日志」 points to. newcomer50-9 S3: a copy removed because it held no event
 * (quick_check clean, row-by-row copy stopped at the first row) was logged 「Copied … (PRAGMA quick_check ok)」.
 */
export function heldCopyLogLine(path: string, copy: string, outcome: Awaited<HeldCopy['done']>, what: 'holds' | 'acknowledged' = 'holds'): { readonly level: 'warn' | 'error'; readonly text: string } {
  const kept = outcome.foundIn ? ` The store's files as found are kept in ${outcome.foundIn}.` : '';
  if ('error' in outcome) return { level: 'error', text: `Could not copy what this server ${what} of ${path} to ${copy}: ${outcome.error}${kept}` };
  const rows = outcome.rowByRow;
  const checks = outcome.problems.length > 0 ? `PRAGMA quick_check: ${outcome.problems.slice(0, 3).join('; ')}` : null;
  if (outcome.removed) {
    const why = [
      ...(rows && rows.upTo === null ? [`no event of the ${rows.head ?? 0} this server holds could be copied row by row${rows.stopped ? ` (stopped: ${rows.stopped})` : ''}`] : []),
      ...(rows && rows.upTo !== null && rows.stopped ? [`the row-by-row copy stopped: ${rows.stopped}`] : []),
      ...(checks ? [checks] : []),
    ];
    return {
      level: 'error',
      text: `No sound copy of what this server ${what} of ${path} could be made: the copy at ${copy} was removed (${why.join('; ') || 'it held no event'}). ${path} as it is now was not touched; keep ${copy}-old-wal where there is one (this server's -wal).${kept}`,
    };
  }
  if (rows) {
    return {
      level: 'warn',
      text: `Copied what this server ${what} of ${path} to ${copy} row by row, events 1–${rows.upTo ?? 'none'} of ${rows.head ?? 'none'}, each checked against the ledger chain${rows.stopped ? ` (stopped: ${rows.stopped})` : ''}${checks ? `; the page copy was not a sound database (${checks})` : ''} (PRAGMA quick_check ok)${kept}`,
    };
  }
  return { level: 'warn', text: `Copied what this server ${what} of ${path} to ${copy} (PRAGMA quick_check ok)` };
}

/** How far a finished copy reaches (`HeldCopyReach`), from its outcome (`HeldCopy.done`). */
function reachOf(outcome: Awaited<HeldCopy['done']>, store?: SqliteEventStore): HeldCopyReach {
  const found = outcome.foundIn ? { foundIn: outcome.foundIn } : {};
  const short = store?.heldCopyShortOfRoom();
  if (store && short) return { kind: 'noRoom', head: store.acknowledgedPosition(), why: short.why, needBytes: short.needBytes, folder: dirname(store.path) };
  const failed = store?.heldCopyToRetry();
  if (store && failed) return { kind: 'retrying', head: store.acknowledgedPosition(), why: failed.why, folder: dirname(store.path) };
  if ('error' in outcome || outcome.removed) return { kind: 'none', ...found };
  const rows = outcome.rowByRow;
  if (!rows) return { kind: 'whole', head: null };
  if (rows.head === null || rows.upTo === rows.head) return { kind: 'whole', head: rows.head };
  return { kind: 'part', upTo: rows.upTo, head: rows.head, ...found };
}

/** What showed a store file written over in place, in Chinese (no ids: the English detail names them). */
const OVERWRITTEN_ZH: Record<Overwrite['how'], string> = {
  larger: '该文件比本服务持有的事件库更大',
  'other-store': '该文件是另一个事件库的文件',
  'other-history': '该文件中的事件与本服务的日志不一致',
  unreadable: '该文件已不是可读的 SQLite 数据库（被截断或损坏）',
};

/** A stream read met a row that is not the one Rectify recorded (`AlteredRowError`'s words): what it means and what the operator does. */
function logAlteredMessage(row: Bilingual): Bilingual {
  return say(
    `${row.en}. Nothing is decided or shown from a row that is not the one recorded, and writes are refused. Run npm run ledger:verify to see what was altered, restore the store from a backup, and restart the server.`,
    `${row.zh}。不会依据并非原始记录的内容作出判断或显示，现拒绝写入。请运行台账校验（npm run ledger:verify）查明被改动之处，从备份恢复事件库，然后重启服务。`,
  );
}

/** The read models stopped on an event (`reason` names it, in both languages): what it means and what the operator does. */
function projectionsStoppedMessage(reason: Bilingual): Bilingual {
  return say(
    `The read models stopped following the event log (${reason.en}): what the screens show may be out of date, and writes are refused. Run npm run ledger:verify to see whether the log was altered, restore the store from a backup if it was, and restart the server.`,
    `读模型已停止跟进事件日志（${reason.zh}）：页面显示的内容可能已过时，现拒绝写入。请运行台账校验（npm run ledger:verify）查明日志是否被改动；如被改动，请从备份恢复事件库，然后重启服务。`,
  );
}

/**
 * The log went back under the running server. `how` says, in English, what showed it; `positions`
 * the head found and the position seen before, for the Chinese too.
 */
function logShortenedMessage(how: string, positions: { head: number | null; seen: number } | null, path: string): Bilingual {
  const shorter = positions ? `（止于位置 ${positions.head ?? '无'}，早于本服务已看到的位置 ${positions.seen}）` : '';
  return say(
    `The event log in ${path} ${how}: events were removed from the end of the file, or an older copy was written over it, while the server runs. Writes are refused, so that no new event takes the place of a removed one. Stop the server, restore the store from a backup and run npm run ledger:verify; the server will not start on the shorter log unless told to accept it.`,
    `运行中事件库 ${path} 的日志变短了${shorter}：文件末尾的事件被删除，或被旧副本覆盖。为免新事件占用被删事件的位置，现拒绝写入。请停止服务，从备份恢复事件库并进行台账校验；除非明确接受，服务不会在变短的日志上启动。`,
  );
}

/**
 * The one place that knows whether the store can be trusted with a write right now: the store
 * file still being the one opened (not unlinked or replaced), the last write not having failed
 * for want of space or an I/O error, the read models following the log. The health endpoints
 * report `problems()`; the event store refuses writes with `writeRefusal()`.
 */
@Injectable()
export class StoreHealth {
  private readonly logger = new Logger('EventStore');
  private readonly noted = new Map<StoreProblemCause, StoreProblem>();

  constructor(
    private readonly store: EventStore,
    /** The store witness, whose failure to be written refuses writes (`WITNESS_NOT_WRITTEN`). */
    private readonly witness?: Pick<WitnessKeeper, 'failure' | 'retry'> & Partial<Pick<WitnessKeeper, 'keptCopyFailure'>>,
    private readonly startNotices: readonly StoreNotice[] = [],
    /** This server's entry among the servers on the SQLite file, asked whether they all agree with it. */
    private readonly registration: Pick<LiveServerRegistration, 'disagreement'> | null = null,
    /**
     * The wall clock that stamps records (ms since the epoch) and the newest instant the store is known
     * to hold (`NewestRecorded`): while the clock reads before it, writes are refused (CLOCK_BEHIND_LOG,
     * breaker9p P1). Null: not checked (a clock the program sets by hand, as tests do, stamps what it is told).
     */
    private readonly recordTime: { readonly now: () => number; readonly newestRecorded: () => NewestRecorded | null } | null = null,
    /**
     * What the file now at the store's path is, once another file was renamed over the one this server holds: the words
     * of `otherCopyBrief` when it holds another copy's records, else null (breaker41-9 P1 c: the refusal said to keep the
     * new file, and the next start took it). Asked once, after this server's -wal was moved aside; the judge logs the
     * whole of `otherCopyWords`. Null: not asked.
     */
    private readonly judgeNewFile: ((path: string) => Bilingual | null) | null = null,
  ) {}

  /** The other servers' disagreement as last read (at most once a second), and since when it has been seen. */
  private servers: { readonly readAt: number; readonly notice: StoreNotice | null } | null = null;

  private serversNotice(): StoreNotice | null {
    if (!this.registration) return null;
    const now = Date.now();
    if (this.servers && now - this.servers.readAt < 1000) return this.servers.notice;
    const differs = this.registration.disagreement();
    const cause = differs ? (differs.reason === 'KEY_DIFFERS_FROM_LIVE_SERVER' ? 'SIGNING_KEYS_DIFFER' : 'STORE_COPY_NAMES_DIFFER') : null;
    const before = this.servers?.notice;
    const notice: StoreNotice | null =
      differs && cause ? { cause, since: before?.cause === cause ? before.since : new Date(now).toISOString(), message: say(differs.message.replace(/^Nothing was written: /, ''), differs.messageZh.replace(/^未写入任何内容：/, '')) } : null;
    if (notice && before?.cause !== notice.cause) this.logger.warn(inBothLanguages(notice.message));
    this.servers = { readAt: now, notice };
    return notice;
  }

  /**
   * Every problem now, freshly checked (a stat of the store file; the witness written again if it
   * had failed; while a lock held by another program is noted, whether it still is — one write
   * lock taken without waiting and given back at once).
   */
  problems(): StoreProblem[] {
    this.guarded(() => this.retryCopy());
    this.checkFile();
    this.checkLog();
    this.guarded(() => this.checkSpace());
    this.guarded(() => this.checkWitness());
    this.guarded(() => this.checkLock());
    this.guarded(() => this.checkClock());
    return [...this.noted.values()];
  }

  /** Set while a check's failure is being judged (`guarded`): a check that fails again meanwhile is not judged twice. */
  private judgingFault = false;

  /**
   * Runs one check of the store, and a failure of it — whatever SQLite raises while reading the store (breaker42-9 F7: the -wal
   * emptied under the server made `holesNow` throw SQLITE_IOERR_SHORT_READ, and /health answered HTTP 500 on every call) —
   * becomes a problem noted (`noteCheckFault`), never an error thrown at /health, a write or a snapshot.
   */
  private guarded(check: () => void): void {
    try {
      check();
    } catch (error) {
      if (this.judgingFault) return;
      this.judgingFault = true;
      try {
        this.noteCheckFault(error);
      } catch (again) {
        this.logger.error(`Could not judge a failed check of the event store: ${again instanceof Error ? (again.stack ?? again.message) : String(again)}`);
      } finally {
        this.judgingFault = false;
      }
    }
  }

  /**
   * A check met an error: the -wal found emptied (STORE_LOG_EMPTIED), the file damaged (`storeDamaged`), or any other error of
   * SQLite's reading the store — noted as STORE_FILE_DAMAGED with its code, writes refused. Another error (no SQLite code) is a
   * fault of the check itself: said in the log, the store judged by the other checks.
   */
  private noteCheckFault(error: unknown): void {
    const code = (error as { code?: unknown } | null)?.code;
    if (typeof code !== 'string' || !code.startsWith('SQLITE_')) {
      this.logger.error(`A check of the event store failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return;
    }
    if (this.logCut()) return;
    if (isStoreDamage(error) && this.storeDamaged(error)) return;
    const known = this.noted.has('STORE_FILE_DAMAGED');
    const problem = this.note('STORE_FILE_DAMAGED', code, this.location());
    if (!known) this.logger.error(`${inBothLanguages(problem.message)} (met while checking the store: ${error instanceof Error ? (error.stack ?? error.message) : String(error)})`);
  }

  /** Notices found after the start's (`addNotice`). */
  private readonly laterNotices: StoreNotice[] = [];

  /** A notice found after the store was admitted (the ledger's judgement of its checkpoints' keys): in /health `notices` from now on. */
  addNotice(notice: StoreNotice): void {
    if (!this.laterNotices.some((known) => known.cause === notice.cause)) this.laterNotices.push(notice);
  }

  /** What the operator must know that does not stop writes (see StoreNoticeCause), for /health and the log. */
  notices(): readonly StoreNotice[] {
    const keptCopy = this.witness?.keptCopyFailure?.();
    const servers = this.serversNotice();
    return [
      ...this.startNotices,
      ...this.laterNotices,
      ...(keptCopy ? [{ cause: 'KEY_SIDE_WITNESS_UNWRITABLE' as const, since: keptCopy.since, message: keptCopyUnwritable(keptCopy.path, keptCopy.why) }] : []),
      ...(servers ? [servers] : []),
      ...this.otherNames(),
    ];
  }

  /** The store file's other names as last searched: searched again only when its number of names changes. */
  private names: { readonly links: number; readonly notice: StoreNotice | null } | null = null;

  /** `STORE_FILE_HAS_OTHER_NAMES` while the SQLite file has more than one name (one stat per call; the search only when the count changes). */
  private otherNames(): StoreNotice[] {
    if (!(this.store instanceof SqliteEventStore) || this.store.path === ':memory:') return [];
    const links = fileNodeOf(this.store.path)?.links ?? 1;
    if (this.names?.links !== links) {
      const message = links > 1 ? otherNamesNotice(this.store.path, otherNamesOf(this.store.path)) : null;
      if (message) this.logger.warn(inBothLanguages(message));
      this.names = { links, notice: message ? { cause: 'STORE_FILE_HAS_OTHER_NAMES', since: new Date().toISOString(), message } : null };
    }
    return this.names.notice ? [this.names.notice] : [];
  }

  /** The refusal for a write now, or null when the store can take it (a passing problem, such as a lock another program holds, lets it try). */
  writeRefusal(): StoreUnavailableError | null {
    const [first] = this.writesRefusedFor();
    return first ? new StoreUnavailableError(first) : null;
  }

  /** Every problem that refuses writes now (`problems()` but the passing ones), first the one `writeRefusal` answers with; empty while the store takes writes. */
  writesRefusedFor(): StoreProblem[] {
    return this.problems().filter((problem) => !PASSING.includes(problem.cause));
  }

  /** Classifies a failed write: a refusal to answer instead, when the failure is the store's state. */
  noteWriteFailure(error: unknown): StoreUnavailableError | null {
    const code = (error as { code?: unknown } | null)?.code;
    if (error instanceof LogShortenedError) return new StoreUnavailableError(this.noteLogShortened(error.head, error.seen));
    // The writer found, under the write lock, an acknowledged row changed (breaker9x P3): said as the log check says it.
    if (error instanceof LogRewrittenError) {
      if (this.store instanceof SqliteEventStore) this.store.noteRewritten(error.position, error.found);
      this.checkLog();
      const noted = this.noted.get('STORE_FILE_REPLACED') ?? this.noted.get('LOG_SHORTENED');
      if (noted) return new StoreUnavailableError(noted);
    }
    // The writer found the file written over in place inside its transaction (breaker9s P5): said as the file check says it.
    if (error instanceof StoreFileOverwrittenError) {
      this.checkFile(error.overwrite);
      return new StoreUnavailableError(this.noted.get('STORE_FILE_REPLACED') ?? this.noted.get('STORE_FILE_MISSING')!);
    }
    // breaker53-9 S2, M3: the writer thread died or would not open the store (its path naming no file, or another): the
    // store's standing problem as the file check finds it now (the file deleted is STORE_FILE_MISSING), else WRITE_FAILED
    // with the thread's reason — never an unclassified error (it was answered "The event store's writer thread failed: undefined").
    if (error instanceof WriterThreadFailedError) {
      try {
        this.checkFile();
      } catch {
        // The file check meeting a fault itself leaves the thread's reason.
      }
      return new StoreUnavailableError(this.standingStoreProblem() ?? this.note('WRITE_FAILED', error.message));
    }
    if (typeof code !== 'string') return null;
    // An I/O error with no room left in the store's folder is the full disk too (breaker9h P3).
    if (code === 'SQLITE_FULL' || code === 'ENOSPC' || (this.store instanceof SqliteEventStore && diskFullOf(error, this.store.path))) {
      return new StoreUnavailableError(this.note('DISK_FULL', this.location()));
    }
    // Another program holds the write lock past the 5 s wait (breaker9j P6: an open sqlite3 transaction answered INTERNAL_SERVER_ERROR).
    if (code.startsWith('SQLITE_BUSY')) return new StoreUnavailableError(this.note('STORE_LOCKED', this.location(), this.location()));
    // A file it may not write (breaker9q P1: answered "check the server's disk" while the disk was fine).
    // But SQLITE_READONLY_DBMOVED is SQLite's word for a file unlinked or renamed under it: the file is gone, not read-only.
    if (code === 'SQLITE_READONLY_DBMOVED') {
      this.checkFile();
      return new StoreUnavailableError(this.noted.get('STORE_FILE_MISSING') ?? this.noted.get('STORE_FILE_REPLACED') ?? this.note('STORE_FILE_REPLACED', this.location(), this.location()));
    }
    if (code.startsWith('SQLITE_READONLY')) return new StoreUnavailableError(this.note('STORE_READ_ONLY', code, this.location()));
    if (isStoreDamage(error)) return this.storeDamaged(error);
    if (code.startsWith('SQLITE_IOERR') || code === 'SQLITE_CANTOPEN') {
      // The -wal emptied under the server fails the write's reads first (breaker9a P4): said as what it is.
      const cut = this.logCut();
      return new StoreUnavailableError(cut ?? this.standingStoreProblem() ?? this.note('WRITE_FAILED', code));
    }
    return null;
  }

  /**
   * SQLite found the store file damaged (SQLITE_CORRUPT, SQLITE_NOTADB) in any statement — a read for a
   * query, a projection, a timer's look at the head (breaker9s P5: a copy written over the file in place
   * answered a generic error, then crashed the server): writes are refused from now on and /health is
   * degraded, naming the file written over when it was (STORE_FILE_REPLACED), else STORE_FILE_DAMAGED.
   * Returns the refusal to answer with; null when the error is no such damage.
   */
  storeDamaged(error: unknown): StoreUnavailableError | null {
    if (error instanceof StoreUnavailableError) return error;
    // A read's I/O error (breaker9a P4: the -wal emptied under the server answered INTERNAL_SERVER_ERROR) is the store's state:
    // the -wal cut short when it was, else the store's standing problem (breaker52-9 S3: a drill's file and -wal copied over the
    // store's in place made the request-key look-up of every write fail "disk I/O error", answered INTERNAL_SERVER_ERROR while
    // /health said STORE_FILE_REPLACED), else the full disk, else the file SQLite cannot read (STORE_FILE_DAMAGED, its code).
    if (isStoreReadFault(error) && !isStoreDamage(error)) {
      const cut = this.logCut();
      if (cut) return new StoreUnavailableError(cut);
      const standing = this.standingStoreProblem();
      if (standing) return new StoreUnavailableError(standing);
      if (this.store instanceof SqliteEventStore && diskFullOf(error, this.store.path)) return new StoreUnavailableError(this.note('DISK_FULL', this.location()));
      const code = String((error as { code?: unknown }).code);
      const known = this.noted.has('STORE_FILE_DAMAGED');
      const problem = this.note('STORE_FILE_DAMAGED', code, this.location());
      if (!known) this.logger.error(`${inBothLanguages(problem.message)} (met while reading the store: ${error instanceof Error ? (error.stack ?? error.message) : String(error)})`);
      return new StoreUnavailableError(problem);
    }
    if (!isStoreDamage(error)) return null;
    const code = String((error as { code?: unknown }).code);
    try {
      this.checkFile();
    } catch {
      // The file check itself meeting the damage leaves it to the cause below.
    }
    const gone = this.noted.get('STORE_FILE_REPLACED') ?? this.noted.get('STORE_FILE_MISSING');
    if (gone) return new StoreUnavailableError(gone);
    const known = this.noted.has('STORE_FILE_DAMAGED');
    const problem = this.note('STORE_FILE_DAMAGED', code, this.location());
    if (!known) this.logger.error(inBothLanguages(problem.message));
    return new StoreUnavailableError(problem);
  }

  /**
   * The problem of the store's files noted now that a read or write failing on them is answered with (breaker52-9 S3), the
   * gravest first: the file replaced or missing, then the -wal emptied, the log shortened, altered or rolled back, the file
   * damaged or read-only, the full disk, a failed write; null when none is noted.
   */
  private standingStoreProblem(): StoreProblem | null {
    for (const cause of STORE_FILE_PROBLEMS) {
      const noted = this.noted.get(cause);
      if (noted) return noted;
    }
    return null;
  }

  /** The -wal found emptied or cut short under the server (`SqliteEventStore.walCutShort`, looked at now): its problem, else null. */
  private logCut(): StoreProblem | null {
    try {
      this.checkFile();
    } catch {
      // The file check meeting the fault itself leaves the caller's cause.
    }
    return this.store instanceof SqliteEventStore && this.store.walCutShort() ? (this.noted.get('STORE_LOG_EMPTIED') ?? null) : null;
  }

  /**
   * Runs one write to the store (an append, a key reservation, a ledger checkpoint): refused with
   * `StoreUnavailableError` while the store is unhealthy, and a failure that comes from the store's
   * state (a full disk, an I/O error) noted and answered as one. Every write goes through here, so
   * no kind of write is acknowledged, or fails without a cause, while the others are refused.
   */
  async guardWrite<Result>(write: () => Promise<Result>): Promise<Result> {
    const refusal = this.writeRefusal();
    if (refusal) throw refusal;
    let result: Result;
    try {
      result = await write();
    } catch (error) {
      throw this.noteWriteFailure(error) ?? error;
    }
    this.noteWriteSuccess();
    return result;
  }

  /**
   * A write succeeded: a full disk and another program's lock are over. Not WRITE_FAILED (breaker9x P6): an I/O error
   * of unknown cause — a failing disk, a file made immutable, a volume gone away and back — may have left the -wal
   * half written, and a write that happens to go through says nothing about the file; writes stay refused until a
   * restart judges the store anew (PRAGMA quick_check, the witness), as the refusal says. A write already under way
   * when the failure was noted, answered after it, must not clear it either.
   */
  noteWriteSuccess(): void {
    this.noted.delete('DISK_FULL');
    this.noted.delete('STORE_LOCKED');
  }

  /**
   * An append landed at or below a position this server had already seen (the witness noticed;
   * the store's own check in the write transaction normally refuses such an append first). Writes
   * are refused from now on, and the witness keeps the higher head, so the next start refuses the
   * store until an operator decides.
   */
  logWentBackwards(position: string): void {
    this.note('LOG_SHORTENED', `went back: an append landed at position ${position}, at or below what this server had already seen`, this.location());
  }

  private noteLogShortened(head: number | null, seen: number): StoreProblem {
    const how = `ends at position ${head ?? 'none'}, before position ${seen} that this server had already seen`;
    const known = this.noted.has('LOG_SHORTENED');
    const problem = this.note('LOG_SHORTENED', how, this.location(), logShortenedMessage(how, { head, seen }, this.location()));
    // What this server acknowledged is rebuilt from its -wal at once, before anything else touches it (breaker9x P3: an older backup restored under it).
    if (!known) this.keepAcknowledged('LOG_SHORTENED', null);
    return problem;
  }

  /** The read models stopped: `reason` names the event and why, in English and Chinese. */
  projectionsFailed(reason: Bilingual): void {
    // A row that does not chain may be the first sign of a log rewritten under the server (breaker9x P3): named first, as what it is.
    this.checkFile();
    this.checkLog();
    this.note('PROJECTIONS_STOPPED', reason.en, reason.en, projectionsStoppedMessage(reason));
  }

  /**
   * A stream read met an altered row (`AlteredRowError`, breaker9b N3): writes are refused from now
   * on, like PROJECTIONS_STOPPED, until a restart on a sound store. Returns the refusal to answer the read with.
   */
  rowAltered(row: { readonly message: string; readonly messageZh: string }): StoreUnavailableError {
    return new StoreUnavailableError(this.note('LOG_ALTERED', row.message, row.message, logAlteredMessage(say(row.message, row.messageZh))));
  }

  /**
   * A row of the log is not as Rectify chained it (breaker9y P7, P1): found by the walk of the whole chain (at start, before
   * a checkpoint), by the read models' catch-up (`StoredEvent.altered`), or as positions missing under the running server.
   * Writes are refused from now on (no checkpoint is signed over it) until a restart on a sound store; said in the log once,
   * Chinese then English. Returns the refusal to answer with.
   */
  logAltered(row: AlteredRow): StoreUnavailableError {
    // A row that does not chain may be the first sign of a log rewritten under the server (breaker9x P3): named first, as what it is.
    this.checkFile();
    this.checkLog();
    return this.noteAlteredRow(row);
  }

  private noteAlteredRow(row: AlteredRow): StoreUnavailableError {
    const known = this.noted.has('LOG_ALTERED');
    const refusal = this.rowAltered(new AlteredRowError(String(row.position), row.type, row.problem));
    if (!known) this.logger.error(inBothLanguages(say(refusal.message, refusal.messageZh)));
    return refusal;
  }

  /**
   * A client handed back a head statement this server signed for a log longer than (or other than)
   * the one served now (breaker9c P8: the store restored older together with both its witnesses).
   * Writes are refused from now on, until a restart — where the client hands it back again, unless
   * the operator accepted the store as it is (ACCEPT_STORE_RESET). `message` says what was proven.
   */
  logRolledBack(message: Bilingual): StoreProblem {
    return this.note('LOG_ROLLED_BACK', message.en, message.en, message);
  }

  projectionsFollowing(): void {
    this.noted.delete('PROJECTIONS_STOPPED');
  }

  private note(cause: StoreProblemCause, detail: string, path = detail, message = MESSAGES[cause](detail, path), usersWords?: Bilingual): StoreProblem {
    const known = this.noted.get(cause);
    if (known) return known;
    const problem = { cause, message, since: new Date().toISOString(), ...(usersWords ? { usersWords } : {}) };
    this.noted.set(cause, problem);
    return problem;
  }

  private location(): string {
    return this.store instanceof SqliteEventStore ? this.store.path : this.store.kind;
  }

  /**
   * Whether the store's file went away under the server (deleted, replaced, its -wal removed, an
   * older copy written over it): nothing more is written into the path, read-model snapshots included.
   */
  storeDetached(): boolean {
    this.checkFile();
    this.checkLog();
    return this.noted.has('STORE_FILE_MISSING') || this.noted.has('STORE_FILE_REPLACED') || this.noted.has('LOG_SHORTENED') || (this.store instanceof SqliteEventStore && this.store.walCutShort());
  }

  /** `found`: an overwrite the writer thread found in its transaction, which this thread's own look may not have seen yet. */
  private checkFile(found: Overwrite | null = null): void {
    this.guarded(() => this.checkFileNow(found));
  }

  private checkFileNow(found: Overwrite | null): void {
    if (!(this.store instanceof SqliteEventStore)) return;
    if (this.noted.has('STORE_FILE_REPLACED') || (this.store.walCutShort() && this.noted.has('STORE_LOG_EMPTIED'))) return;
    const seen = this.store.fileState();
    const state = seen === 'present' && found ? 'replaced' : seen;
    if (this.noted.has('STORE_FILE_MISSING')) {
      // Judged again (breaker9x S2): a file moved away is still the file this server opened when it is moved back.
      if (state === 'missing') {
        this.retellWhenFileGoneToo();
        return;
      }
      this.noted.delete('STORE_FILE_MISSING');
      if (state === 'present') {
        this.logger.warn(
          `The event store file ${this.store.path} is back at its path — the very file this server opened (device and inode), with its -wal and -shm, not written over: writes resume` +
            `${this.store.heldCopyPath ? ` (the copy made while it was gone, ${this.store.heldCopyPath}, is not needed)` : ''}` +
            ` / 事件库文件 ${this.store.path} 已放回原处（正是本服务打开的那个文件，未被改写）：恢复写入`,
        );
        return;
      }
      // Something else is at the path now (a copy put back, another file): judged as a replacement below.
    }
    if (state === 'present') return;
    // Once unlinked (unless moved back: above) or replaced, the open file never becomes the path's file again. The database
    // file itself, or only its write-ahead log: say which one is gone, and keep what this server reads.
    const path = this.store.path;
    // Written over in place (the same file, other content): said so, with what showed it.
    const overwrite = state === 'replaced' && this.store.pathNamesOpenedFile() ? (found ?? this.store.overwritten()) : null;
    // breaker49-9 M2: a -wal another server on the file moved aside (the file replaced under it) is said so, not "deleted".
    const movedTo = !overwrite && state !== 'replaced' && existsSync(path) ? this.store.walMovedAsideTo() : null;
    const firstHow = overwrite ? 'overwritten' : state === 'replaced' ? (this.store.walCutShort() ? 'log cut' : 'replaced') : movedTo ? 'log moved aside' : existsSync(path) ? 'log deleted' : 'deleted';
    // breaker54-9 M1: `rm -rf` of the data folder removes its files one by one — met between the -shm and the .db, the whole
    // folder's loss was told as "only the -shm went, rectify.db is still there" for good. Told again once the file is gone too.
    this.goneTold = { how: firstHow, retell: null };
    const told = this.goneTold;
    const how = firstHow;
    const howNow = () => told.how;
    const copy = this.store.keepWhatIsHeld();
    // The -wal emptied in place (breaker9a P4): the file is there, its newest events are not — damaged, not gone.
    const cause = how === 'replaced' || how === 'overwritten' || how === 'log moved aside' ? 'STORE_FILE_REPLACED' : how === 'log cut' ? 'STORE_LOG_EMPTIED' : 'STORE_FILE_MISSING';
    // Beside the real file (a link resolved): the -wal, or else the -shm, that is gone (breaker9k P6, P8).
    const { wal, shm } = this.store.companions ?? { wal: `${path}-wal`, shm: `${path}-shm` };
    const gone = movedTo ?? (existsSync(wal) ? shm : wal);
    // breaker51-9 M2: a folder swapped for another took this server's -wal with it — nothing to move aside, and not said to be.
    const walLeft = how === 'replaced' && !this.store.ownWalAtPath();
    // breaker52-9 S7: another live server on the very file this one opened holds the -wal too: it stays (`setCompanionsAside`), and is said to.
    const holders = how === 'replaced' || how === 'overwritten' ? this.store.otherServersHoldingWal() : [];
    const walHeldBy = holders.length > 0 ? liveServerWords(holders[0]!) : null;
    this.note(cause, how === 'log deleted' ? gone : path, path, storeGoneMessage(how, path, copy.path, { wal, shm, gone, walLeft, walHeldBy }, overwrite), how === 'log deleted' ? companionGoneWords(gone === shm ? 'shm' : 'wal') : undefined);
    if (how === 'log deleted') {
      const noted = this.noted.get(cause);
      if (noted) this.noted.set(cause, { ...noted, adviceZh: COMPANION_GONE_ADVICE_ZH });
    }
    told.retell = () => {
      told.how = 'deleted';
      const noted = this.noted.get(cause);
      if (!noted) return;
      const { usersWords: _companionWords, adviceZh: _companionAdvice, ...rest } = noted;
      const message = storeGoneMessage('deleted', path, copy.path, { wal, shm, gone: path, walLeft, walHeldBy }, overwrite);
      this.noted.set(cause, { ...rest, message });
      this.logger.warn(inBothLanguages(say(`Not only ${gone}: the event store file ${path} is gone too (its folder deleted?). ${message.en}`, `不只是 ${gone}：事件库文件 ${path} 本身也已不在（所在文件夹被删除？）。${message.zh}`)));
    };
    if (overwrite) this.logger.error(`The event store file ${path} was written over in place: ${overwrite.detail}`);
    // Nothing else may read this server's -wal over the new file meanwhile (breaker9l P5).
    if (how === 'replaced' || how === 'overwritten') this.store.setCompanionsAside();
    // breaker41-9 P1 c: another copy's file renamed over this one is said to be so — never "keep the new file".
    let otherCopy: Bilingual | null = null;
    if (how === 'replaced' && this.judgeNewFile) {
      otherCopy = this.judgeNewFile(path);
      const noted = this.noted.get(cause);
      if (otherCopy && noted) {
        this.noted.set(cause, { ...noted, message: storeGoneMessage(how, path, copy.path, { wal, shm, gone, walLeft, walHeldBy }, overwrite, { kind: 'copying' }, otherCopy) });
      }
    }
    // breaker42-9 F7: the next start's refusal says the -wal was emptied under this server, and where the copy is (or why there is none).
    const store = this.store;
    const mark = (reach: WalEmptiedMark['reach']) => {
      if (how !== 'log cut') return;
      try {
        writeWalEmptiedMark(path, { noticedAt: new Date().toISOString(), acknowledged: store.acknowledgedPosition(), copy: copy.path, reach });
      } catch (error) {
        this.logger.error(`Could not write the mark of the emptied -wal beside ${path}: ${error instanceof Error ? error.message : String(error)}`);
      }
    };
    mark({ kind: 'copying' });
    this.followCopy(copy, (outcome) => {
      if (!outcome) {
        mark({ kind: 'copying' });
        const noted = this.noted.get(cause);
        if (noted) this.noted.set(cause, { ...noted, message: storeGoneMessage(howNow(), path, copy.path, { wal, shm, gone, walLeft, walHeldBy }, overwrite, { kind: 'copying' }, otherCopy) });
        return;
      }
      mark('error' in outcome ? { kind: 'failed', why: outcome.error } : outcome.removed ? { kind: 'failed', why: outcome.problems.slice(0, 3).join('; ') } : { kind: 'events', upTo: outcome.rowByRow ? outcome.rowByRow.upTo : store.acknowledgedPosition() });
      // The refusal says from now on how far the copy reaches, and advises by it (breaker9u P2).
      const noted = this.noted.get(cause);
      const reach = reachOf(outcome, store);
      if (noted) this.noted.set(cause, { ...noted, message: storeGoneMessage(howNow(), path, copy.path, { wal, shm, gone, walLeft, walHeldBy }, overwrite, reach, otherCopy) });
      if (reach.kind === 'noRoom') this.logger.error(inBothLanguages(storeGoneMessage(howNow(), path, copy.path, { wal, shm, gone, walLeft, walHeldBy }, overwrite, reach, otherCopy)));
      else {
        // newcomer50-9 S3: never 「Copied … ok」 for a copy that was removed.
        const line = heldCopyLogLine(path, copy.path, outcome);
        if (line.level === 'error') this.logger.error(line.text);
        else this.logger.warn(line.text);
      }
    });
  }

  /** How the store's going away was first told (`checkFileNow`), and how to tell it again once the file itself is gone too; null before. */
  private goneTold: { how: Parameters<typeof storeGoneMessage>[0]; retell: (() => void) | null } | null = null;

  /** breaker54-9 M1: a -wal or -shm told deleted while the store file was still at its path, that file gone now too: told again as the file deleted. */
  private retellWhenFileGoneToo(): void {
    const told = this.goneTold;
    if (!told || told.how !== 'log deleted' || !told.retell || !(this.store instanceof SqliteEventStore) || existsSync(this.store.path)) return;
    told.retell();
  }

  /**
   * A witness that could not be written (its disk full) refuses writes until it can be: every
   * write answered meanwhile would be one a crash could lose unnoticed (breaker9 F14).
   */
  private checkWitness(): void {
    if (!this.witness) return;
    const failure = this.witness.failure();
    if (failure && !this.witness.retry()) {
      const latest = this.witness.failure() ?? failure;
      this.note('WITNESS_NOT_WRITTEN', latest.code, latest.path, say(latest.message, latest.messageZh));
    } else {
      this.noted.delete('WITNESS_NOT_WRITTEN');
    }
  }

  /** The log ending before a position already seen is noticed before the next write tries to land there. */
  private checkLog(): void {
    this.guarded(() => this.checkLogNow());
  }

  private checkLogNow(): void {
    if (!(this.store instanceof SqliteEventStore)) return;
    // The -wal emptied under the server (STORE_LOG_EMPTIED): the log it held cannot be read, and what is noted says so.
    if (this.store.walCutShort()) return;
    if (!this.noted.has('LOG_SHORTENED')) {
      const shortened = this.store.logShortened();
      if (shortened) this.noteLogShortened(shortened.head, shortened.seen);
    }
    if (this.noted.has('STORE_FILE_REPLACED') || this.noted.has('STORE_FILE_MISSING')) return;
    const rewritten = this.store.logRewritten();
    if (!rewritten) {
      // breaker9y P7, P1: a row found altered by the walk of the whole chain (at start, before a checkpoint), or positions
      // gone from under the running server; a log rewritten whole is the rewrite above, not this.
      const altered = this.store.alteredRow() ?? this.store.holesNow();
      if (altered && !this.noted.has('LOG_ALTERED')) this.noteAlteredRow(altered);
      return;
    }
    const path = this.store.path;
    const companions = this.store.companions ?? { wal: `${path}-wal`, shm: `${path}-shm` };
    const copy = this.store.keepWhatIsHeld();
    const problem = this.note('STORE_FILE_REPLACED', path, path, logRewrittenMessage(path, rewritten.position, copy.path, companions));
    this.logger.error(inBothLanguages(problem.message));
    this.keepAcknowledged('STORE_FILE_REPLACED', (reach) => logRewrittenMessage(path, rewritten.position, copy.path, companions, reach));
  }

  /** What to do with each outcome of the copy of what this server holds, kept while the copy waits for room on the disk or to be tried again (`retryCopy`). */
  private copyWaitingForRoom: ((outcome: Awaited<HeldCopy['done']> | null) => void) | null = null;

  /**
   * Hands the copy's outcome to `settle` once it is done; a copy that failed for want of room
   * (`SqliteEventStore.heldCopyShortOfRoom`) or could not be written (`heldCopyToRetry`) is kept waiting,
   * tried again by `retryCopy`, where `settle` is told first of the new try (null; for want of room only)
   * and then of its outcome — not of a try that failed again for the same reason (`failedBefore`), which
   * changes nothing said, so that it is not logged again at every /health check.
   */
  private followCopy(copy: HeldCopy, settle: (outcome: Awaited<HeldCopy['done']> | null) => void, failedBefore: string | null = null): void {
    void copy.done.then((outcome) => {
      const store = this.store instanceof SqliteEventStore ? this.store : null;
      const failed = store?.heldCopyToRetry()?.why ?? null;
      if (failed === null || failed !== failedBefore) settle(outcome);
      if (store && failed !== null && failed !== failedBefore) {
        this.logger.warn(
          `The copy of what this server holds is tried again, to ${copy.path}, at every /health check and write (and at the stop) until it is made — after a try that failed slowly, not before ten times its length, at most 10 minutes: until then what this server acknowledged is held only by this running server — do not stop it / 复制未成功：每次健康检查或写入时（以及停止时）会重新复制到 ${copy.path}，直到成功（耗时较长而失败的复制须等过其耗时的十倍、至多 10 分钟再试）；在此之前本服务确认写入的内容只保存在这个运行中的服务里——请勿停止它`,
        );
      }
      this.copyWaitingForRoom = store && (store.heldCopyShortOfRoom() || failed !== null) ? settle : null;
    });
  }

  /**
   * breaker49-9 S6: the copy of what this server holds, failed for want of room, tried again once the store's disk has the
   * room it needs; newcomer50-9 S1: failed for another reason (its folder deleted), tried again at once — at the next problems() call, that is every /health check and every write (the same moments a full disk is
   * found over and writes resume): no timer, and an operator who freed space and looks at /health, or a clerk who saves, sets it going.
   */
  private retryCopy(): void {
    const settle = this.copyWaitingForRoom;
    if (!settle || !(this.store instanceof SqliteEventStore)) return;
    const shortOfRoom = this.store.heldCopyShortOfRoom() !== null;
    const failedBefore = this.store.heldCopyToRetry()?.why ?? null;
    const again = this.store.retryHeldCopy();
    if (!again) return;
    this.copyWaitingForRoom = null;
    if (shortOfRoom) {
      this.logger.warn(`There is room on the disk of ${this.store.path} again: the copy of what this server holds is made again, at ${again.path} / 磁盘已有空间：正在重新复制本服务所持的内容到 ${again.path}`);
      settle(null);
    }
    this.followCopy(again, settle, failedBefore);
  }

  /**
   * Starts the copy of what this server acknowledged (`SqliteEventStore.keepWhatIsHeld`) and, once it is done,
   * says how far it reaches in the log and — through `words` — in the refusal of `cause`.
   */
  private keepAcknowledged(cause: StoreProblemCause, words: ((reach: HeldCopyReach) => Bilingual) | null): void {
    if (!(this.store instanceof SqliteEventStore) || this.store.path === ':memory:') return;
    const path = this.store.path;
    const store = this.store;
    const copy = store.keepWhatIsHeld();
    this.followCopy(copy, (outcome) => {
      const noted = this.noted.get(cause);
      const reach = outcome ? reachOf(outcome, store) : ({ kind: 'copying' } as const);
      if (noted && words) this.noted.set(cause, { ...noted, message: words(reach) });
      if (!outcome) return;
      if (reach.kind === 'noRoom') this.logger.error(`Could not copy what this server acknowledged of ${path} to ${copy.path}: the disk is full (${reach.why}). Do not stop this server: free at least ${megabytes(reach.needBytes)} on the disk of ${reach.folder}; the copy is tried again by itself at the next /health check or write once there is room.`);
      else {
        const line = heldCopyLogLine(path, copy.path, outcome, 'acknowledged');
        if (line.level === 'error') this.logger.error(line.text);
        else this.logger.warn(line.text);
      }
    });
  }

  /**
   * The clock reading before the newest recorded instant (breaker9p P1): noted (and said in the log
   * once) while it does, gone by itself once the clock is right. One indexed read of the log's newest row.
   */
  private checkClock(): void {
    if (!this.recordTime) return;
    const now = this.recordTime.now();
    const newest = this.recordTime.newestRecorded();
    if (clockBehindBy(now, newest) === null) {
      if (this.noted.delete('CLOCK_BEHIND_LOG')) this.logger.log('The server\'s clock no longer reads before the newest recorded instant: writes resume / 服务器时钟已不早于最新记录的录入时间，恢复写入');
      this.warnSteppedBackWithinTolerance(now, newest);
      return;
    }
    if (this.noted.has('CLOCK_BEHIND_LOG')) return;
    const message = clockBehindMessage(now, newest!);
    this.note('CLOCK_BEHIND_LOG', message.en, message.en, message);
    this.logger.warn(inBothLanguages(message));
  }

  /** The newest record's instant the last step-back warning was said for (ms since the epoch): said once per record stepped back from. */
  private steppedBackFrom: number | null = null;

  /**
   * breaker9q P6: a clock stepped back by less than CLOCK_TOLERANCE_MS (an NTP step) does not stop
   * writes, so the next record is stamped before the newest one (the order of records is their
   * position, never their recording time): said in the log, Chinese then English, once per newest
   * record stepped back from, with how far — an operator reading recorded times is not misled unwarned.
   */
  private warnSteppedBackWithinTolerance(now: number, newest: NewestRecorded | null): void {
    if (!newest || newest.source !== 'log' || newest.at <= now || this.steppedBackFrom === newest.at) return;
    this.steppedBackFrom = newest.at;
    const seconds = ((newest.at - now) / 1000).toFixed(1);
    const newestIso = new Date(newest.at).toISOString();
    this.logger.warn(
      `服务器时钟比台账中最新记录的录入时间（${officeInstantZh(newestIso)}）早 ${seconds} 秒（在 ${CLOCK_TOLERANCE_MS / 1000} 秒容差内，不暂停写入）：接下来的记录的录入时间将早于其前一条记录；记录的先后以位置为准。若时钟被调回不止一次，请检查 NTP 时间同步。`,
    );
    this.logger.warn(
      `The server's clock reads ${seconds} s before the recording time of the newest record in the ledger (${newestIso}), within the ${CLOCK_TOLERANCE_MS / 1000} s tolerance, so writes go on: the next records are stamped before the one preceding them; the order of records is their position. If the clock keeps stepping back, check its NTP time sync.`,
    );
  }

  /** A lock another program held is noticed by a failed write; it is over once the write lock can be taken. */
  private checkLock(): void {
    if (!this.noted.has('STORE_LOCKED') || !(this.store instanceof SqliteEventStore)) return;
    if (!this.store.writeLockHeldElsewhere()) this.noted.delete('STORE_LOCKED');
  }

  /** When the store's free space was last read while the disk was not full (ms since the epoch): read at most once a second then. */
  private spaceReadAt = 0;

  /**
   * A full disk is noticed by a failed write, or before any (newcomer45-9 M2) once the store's folder has less than
   * NO_ROOM_FOR_A_WRITE_BYTES free — read at most once every SPACE_READ_EVERY_MS, since /health and every write ask; it is
   * over once the disk has LOW_SPACE_BYTES free again (read at each call while noted, so writes resume at once).
   */
  private checkSpace(): void {
    if (!(this.store instanceof SqliteEventStore) || this.store.path === ':memory:') return;
    const folder = dirname(this.store.path);
    if (this.noted.has('DISK_FULL')) {
      // A folder that is gone (null) stays noted: the file check says so.
      if ((freeBytesIn(folder) ?? 0) >= LOW_SPACE_BYTES) this.noted.delete('DISK_FULL');
      return;
    }
    const now = Date.now();
    if (now - this.spaceReadAt < SPACE_READ_EVERY_MS) return;
    this.spaceReadAt = now;
    const free = freeBytesIn(folder);
    if (free === null || free >= NO_ROOM_FOR_A_WRITE_BYTES) return;
    const problem = this.note('DISK_FULL', this.location());
    this.logger.warn(`${inBothLanguages(problem.message)} (${Math.floor(free / 1024)} KB free, less than one write needs: noticed before a write failed)`);
  }
}
