import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { say } from '../shared/domain-error.js';
import { isPlace, realPlaceOf } from './store-place.js';
import { StoreRefusedError, type StoreWitness } from './store-witness.js';

/*
 * breaker49-9 S7: an installation that keeps its witness on another volume (STORE_WITNESS_PATH in .env, as the README
 * recommends) started a restore drill as the README said — SQLITE_PATH and STORE_COPY_NAME on the command line — and the
 * drill read and wrote production's witness: refused "acknowledged events are missing" (production's), then, with the
 * --accept-store-reset offered, both servers wrote the one witness in turn, both ready, neither noticing; a crash of either
 * in that time would have been judged on the other's head.
 */

/** What a start knows of itself to judge the witness it was given (`judgeSharedWitness`). */
export interface WitnessOwner {
  /** SQLITE_PATH, as configured. */
  readonly sqlitePath: string;
  /** STORE_WITNESS_PATH, as configured (its default `<SQLITE_PATH>.witness.json` included). */
  readonly witnessPath: string;
  /** STORE_COPY_NAME; null when unnamed. */
  readonly copyName: string | null;
}

/**
 * STORE_WITNESS_PATH names the witness of another SQLite file that is still there: refused — whatever ACCEPT_STORE_RESET
 * says, since accepting would make this server take over the other store's witness. Judged only for a witness outside the
 * store's folder: a witness in it is this file's own, or one copied with its folder (a drill made by copying a backup's
 * folder, whose witness keeps the name it had), which the other judgements read as such. `witness`: as read at
 * STORE_WITNESS_PATH, null when there is none; `exists`: whether a file is at a path (a test gives its own).
 * Returns the refusal (reason STORE_WITNESS_OF_OTHER_FILE), or null.
 */
export function judgeSharedWitness(witness: StoreWitness | null, owner: WitnessOwner, exists: (path: string) => boolean = existsSync): StoreRefusedError | null {
  if (!witness || witness.kind !== 'sqlite' || owner.sqlitePath === ':memory:') return null;
  const place = realPlaceOf(owner.sqlitePath);
  if (dirname(realPlaceOf(owner.witnessPath)) === dirname(place)) return null;
  if (isPlace(witness.location, place) || !exists(witness.location)) return null;
  const other = witness.location;
  const name = typeof witness.copyName === 'string' ? witness.copyName : null;
  const named = name ? ` (copy name ${name})` : '';
  const namedZh = name ? `（副本“${name}”）` : '';
  // A backup's folder holds its witness under the name the witness had (store:backup): that one is the drill's own.
  const besideCopy = join(dirname(owner.sqlitePath), basename(owner.witnessPath));
  const ownWitness = realPlaceOf(besideCopy) !== realPlaceOf(owner.witnessPath) && exists(besideCopy) ? besideCopy : `${owner.sqlitePath}.witness.json`;
  const thisName = owner.copyName ? ` STORE_COPY_NAME=${owner.copyName}` : '';
  return new StoreRefusedError(
    'STORE_WITNESS_OF_OTHER_FILE',
    say(
      `Nothing was written: the store witness STORE_WITNESS_PATH=${owner.witnessPath} is the record of another event store file, ${other}${named}, which is still there — not of SQLITE_PATH=${owner.sqlitePath}${thisName}. Two stores must never share one witness: each would write its own head over the other's, and a crash of either would be judged on the other's. If this server is a restore drill, training or test copy (SQLITE_PATH given on its command line while .env names STORE_WITNESS_PATH), give it a witness of its own on the same command line — STORE_WITNESS_PATH=${ownWitness} (the witness a store:backup copied beside the file, or where a new one is written) — and start again. If this store was moved here from ${other} on purpose, move ${other} (with its -wal and -shm) aside first, then start again. Do not start with --accept-store-reset: it would make this server take over the other store's witness.`,
      `未写入任何内容：事件库见证文件 STORE_WITNESS_PATH=${owner.witnessPath} 记录的是另一个事件库文件 ${other}${namedZh}——该文件仍在——而不是 SQLITE_PATH=${owner.sqlitePath}${thisName ? `（STORE_COPY_NAME=${owner.copyName}）` : ''}。两个事件库绝不能共用一个见证文件：各自都会用自己的位置覆盖对方的记录，任何一方崩溃后都会按对方的记录来判断。若本服务是恢复演练、培训或测试副本（在命令行上给出 SQLITE_PATH，而 .env 中设置了 STORE_WITNESS_PATH），请在同一命令行上为它指定自己的见证文件——STORE_WITNESS_PATH=${ownWitness}（store:backup 复制到该文件旁的见证文件，或将新写入见证文件的位置）——然后重新启动。若事件库是有意从 ${other} 移到此处的，请先把 ${other}（连同其 -wal 和 -shm）移到别处，再启动。请勿以 --accept-store-reset 启动：那会使本服务占用另一个事件库的见证文件。`,
    ),
  );
}
