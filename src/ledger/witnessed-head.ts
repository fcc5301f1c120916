import { say, type Bilingual } from '../shared/domain-error.js';
import { StoreRefusedError, readWitness } from '../event-store/store-witness.js';
import type { HeadSeen, LedgerExpectations } from './domain/ledger-verification.js';
import { officeInstantZh } from '../shared/calendar-date.js';

/** What verification compares with from the store witness, and a line saying what that was. */
export interface WitnessExpectations {
  readonly expectations: LedgerExpectations;
  /** For the operator: what was compared, or why nothing was. */
  readonly note: Bilingual;
}

/**
 * Reads the store witness (STORE_WITNESS_PATH: what the server last saw of its store, kept outside
 * it) as a head the log must still reach, with the same event there. A witness of another store
 * is not compared but reported (`STORE_REPLACED`), as is one that cannot be read
 * (`WITNESS_DAMAGED`); a missing witness (never written, or deleted) only leaves the log compared
 * with its own records, and the note says so.
 * @param storeId the id of the store being verified; null when the store has none (older files).
 */
export function witnessExpectations(path: string, storeId: string | null): WitnessExpectations {
  let witness;
  try {
    witness = readWitness(path);
  } catch (error) {
    if (!(error instanceof StoreRefusedError)) throw error;
    return {
      expectations: { witnessProblem: { kind: 'WITNESS_DAMAGED', message: say(error.message, error.messageZh) } },
      note: say(`The store witness ${path} cannot be read.`, `事件库见证文件 ${path} 无法读取。`),
    };
  }
  if (!witness) {
    return {
      expectations: {},
      note: say(
        `No store witness at ${path}: the log was compared with its own records only (a server that ran on it writes one; set STORE_WITNESS_PATH or --witness if it is elsewhere).`,
        `${path} 处没有事件库见证文件：台账仅与其自身记录比对（运行过的服务会写入见证文件；若在别处，请设置 STORE_WITNESS_PATH 或 --witness）。`,
      ),
    };
  }
  const seenBy = say(`the store witness ${path} (seen ${witness.seenAt})`, `事件库见证文件 ${path}（${officeInstantZh(witness.seenAt)}）`);
  if (storeId !== null && witness.storeId !== storeId) {
    return {
      expectations: {
        witnessProblem: {
          kind: 'STORE_REPLACED',
          message: say(
            `This is store ${storeId}, but ${seenBy.en} saw store ${witness.storeId} at ${witness.location}: either the database was replaced by another one, or that witness is another installation's (STORE_WITNESS_PATH or --witness naming the wrong file). Nothing of it — its head, its signing key, its seals — was used to judge this log; verify again with this store's own witness.`,
            `这是事件库 ${storeId}，但${seenBy.zh}在 ${witness.location} 看到的是事件库 ${witness.storeId}：要么数据库已被另一个替换，要么该见证文件属于另一套安装（见证文件的路径指错了文件）。未采用其中任何内容（日志位置、签名密钥、封印）来判断本台账；请改用本事件库自己的见证文件再校验一次。`,
          ),
        },
      },
      note: say(
        `The store witness ${path} is of another store (${witness.storeId}): nothing of it is used to judge this log.`,
        `事件库见证文件 ${path} 属于另一个事件库（${witness.storeId}）：不用其中任何内容判断本台账。`,
      ),
    };
  }
  const head: HeadSeen | null = witness.headEvent
    ? { position: witness.headEvent.position, eventId: witness.headEvent.id, chainHash: witness.headHash ?? null, seenBy }
    : witness.head !== null
      ? { position: witness.head, chainHash: witness.headHash ?? null, seenBy }
      : null;
  return {
    // The numbers given before an accepted reset count too (`checkpointNumbered`): accepting a restore lets the server
    // start, but the checkpoints it lost stay missing in verification, as the audit must see them (breaker9 F16).
    expectations: {
      headsSeen: head ? [head] : [],
      checkpointNumbersGiven: Math.max(witness.checkpoint?.sequence ?? 0, witness.checkpointNumbered ?? 0) || null,
      resetAcceptedAt: witness.resetAcceptedAt ?? null,
    },
    note: say(
      `Compared with ${seenBy.en}: the log reached position ${witness.head ?? 'none'}.`,
      `已与${seenBy.zh}比对：台账曾到达位置 ${witness.head ?? '无'}。`,
    ),
  };
}
