import { say, type Bilingual } from '../shared/domain-error.js';

/*
 * s9 point 3 (newcomer45-9 M5's kind): every sentence of a start refusal that offers --accept-store-reset (or
 * ACCEPT_STORE_RESET=true), in one place. A refusal puts its offer in its text and names it in
 * `StoreRefusedError.resetOffers`, so that a start with the setting already used (`storeResetLeftSet`) says what it found
 * without telling the operator to set what is set; reset-offers.spec.ts builds every refusal that offers it and checks both.
 */

/** The setting as every offer names it. */
const FLAG = '--accept-store-reset (or ACCEPT_STORE_RESET=true)';
const FLAG_ZH = '--accept-store-reset（或 ACCEPT_STORE_RESET=true）';

/** The offers, by the refusals that make them. */
export const resetOffers = {
  /** STORE_SHORTER, STORE_REWRITTEN, STORE_REPLACED (judgeStore): a store that holds records, taken as it is. */
  goOn: say(
    `To go on with this store as it is, start once with ${FLAG}; the demo is not seeded into it.`,
    `若确认要使用当前这个事件库继续运行，请以 ${FLAG_ZH}启动一次；演示数据不会写入该库。`,
  ),
  /**
   * STORE_MISSING, STORE_EMPTY (newcomer45-9 M4): no store to go on with — accepting starts an empty ledger.
   * @param head the position this server last saw (its witness's head).
   */
  startEmpty: (missing: boolean, head: string | null): Bilingual =>
    say(
      `${missing ? 'There is no store here to go on with' : 'This store holds no record'}: to start over with an empty ledger, without any of the records up to position ${head ?? 'none'} this server last saw, start once with ${FLAG}; the demo is not seeded into it.`,
      `${missing ? '这里已没有可继续使用的事件库' : '这个事件库中没有任何记录'}：若确认要以空台账重新开始（本服务上次看到的、至位置 ${head ?? '无'} 的全部记录都不会在其中），请以 ${FLAG_ZH}启动一次；演示数据不会写入。`,
    ),
  /**
   * STORE_SHORTER because its -wal is damaged (breaker45-9 S1): the accepting start keeps a copy of the -wal first.
   * @param copy the copy's name as said (`<file>-wal.damaged-<instant>`).
   */
  damagedWal: (copy: string): Bilingual =>
    say(
      `To go on with the store as SQLite reads it, start once with ${FLAG}: that start first keeps a copy of the -wal beside it as ${copy} (the log names it), for the events past the break to be recovered from; the demo is not seeded into it.`,
      `若要按 SQLite 能读出的现状继续运行，请以 ${FLAG_ZH}启动一次：该次启动会先在旁边保留一份 -wal 副本 ${copy.replace('<instant>', '<时刻>')}（日志中写明），断点之后的事件可据此恢复；演示数据不会写入该库。`,
    ),
  /** STORE_WITNESS_DAMAGED (readWitness): the witness cannot be read. */
  witnessUnreadable: say(
    `To go on, start once with ${FLAG}: the store's own checks still run and a new witness is written.`,
    `若确认要继续，请以 ${FLAG_ZH}启动一次：事件库自身的检查照常进行，并写入新的见证文件。`,
  ),
  /** STORE_UNWITNESSED: events and no witness. */
  unwitnessed: say(
    `If the store is known to be whole (run ledger:verify; e.g. a store from a version that kept no witness, or filled by a tool before any server started on it), start once with ${FLAG}: a witness is written from then on.`,
    `若确认事件库完整（请先进行台账校验），请以 ${FLAG_ZH}启动一次，此后将写入见证文件。`,
  ),
  /** STORE_WITNESS_DAMAGED: a witness (beside the data, or its copy beside the key) whose signature was removed. */
  unsignedWitness: say(`To go on all the same, start once with ${FLAG}.`, `若仍要继续，请以 ${FLAG_ZH}启动一次。`),
  /** STORE_WITNESS_MISSING (judgeWitnessGone): the witness beside the data is gone, its copy beside the key is here. */
  witnessGone: say(
    `If nothing can be missing — the server was stopped cleanly before the witness went, or the writes of its last second are known and will be entered again — start once with ${FLAG}: the store is taken as it is and a new witness is written.`,
    `若确认没有缺失——见证文件丢失之前服务是正常停止的，或最后一秒内的操作已知并将重新录入——请以 ${FLAG_ZH}启动一次：按现状接受事件库，并写入新的见证文件。`,
  ),
  /** STORE_WITNESS_COPY_MISSING (judgeCopyMissing): the copy beside the key is gone. */
  keptCopyMissing: say(
    `To go on without it, start once with ${FLAG}: a new copy is written.`,
    `若确认不用副本继续，请以 ${FLAG_ZH}启动一次，届时将写入新的副本。`,
  ),
  /**
   * STORE_NOT_FOUND (judgeNewStore): a new store where the key vouches for one the path most likely meant.
   * @param path the new store's absolute path.
   */
  newStore: (path: string): Bilingual =>
    say(
      `To create a new, empty store at ${path} all the same, start once with ${FLAG}; the demo is not seeded into it.`,
      `若确要在 ${path} 新建一个空的事件库，请以 ${FLAG_ZH}启动一次；演示数据不会写入该库。`,
    ),
  /** STORE_FROM_OTHER_COPY (otherCopyRefusal): another copy's records taken as this copy's on purpose. */
  otherCopy: say(
    `Only if the other copy's records are to become this copy's on purpose (a drill copy refreshed from a newer copy of production, say) start once with ${FLAG}: that start takes the store as it is, and the acceptance is kept in the witness.`,
    `只有确要把另一副本的记录作为本副本的记录使用时（例如用正式库较新的副本刷新演练副本），才以 ${FLAG_ZH}启动一次：该次启动按现状接受事件库，并在见证文件中记下此次接受。`,
  ),
  /** STORE_FROM_OTHER_COPY with rows carrying no writer id (breaker43-9 K1): a deliberate rollback accepted once. */
  rollback: say(
    `If this copy itself was run on the previous release since its record (a deliberate rollback) and these are its records, start this release once with ${FLAG}: that start takes them as this copy's, and later starts judge only what is written after it.`,
    `若这些记录是本副本自己回退到上一版本运行时写入的（有意回退），请在本版本上以 ${FLAG_ZH}启动一次：该次启动把它们作为本副本的记录接受，此后的启动只判断其后写入的记录。`,
  ),
  /** LOG_UNSEALED, ROWS_AFTER_KEY_ROTATION: rows sealed along their chain once accepted. */
  sealOnce: say(
    `If they are known to be the office’s, start once with ${FLAG}: the rows are then sealed along their chain.`,
    `若确认这些记录都是本单位的，请以 ${FLAG_ZH}启动一次：届时沿哈希链为这些记录加封。`,
  ),
  /** LOG_HOLE (judgeHoles): served read-only once accepted. */
  readOnlyWithHoles: say(
    `A log with deleted rows cannot be written to again: started once with ${FLAG} it is served read-only — to read and export what is left — with every write refused and no 台账校验码 signed.`,
    `记录被删除的日志不能再写入：如以 ${FLAG_ZH}启动一次，服务只读——可查看和导出余下的记录，写入一律拒绝，也不再生成台账校验码。`,
  ),
  /** STORE_SHORTER (judgeCutAtEnd), CHECKPOINTS_MISSING (judgeCheckpoints): started on as it is. */
  startAsIs: say(`To start on it as it is all the same, start once with ${FLAG}.`, `若仍要在当前事件库上启动，请以 ${FLAG_ZH}启动一次。`),
} as const;
