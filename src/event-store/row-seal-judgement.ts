import { say } from '../shared/domain-error.js';
import { StoreRefusedError, type SigningKeyOnRecord, type StoreWitness } from './store-witness.js';
import { officeInstantZh } from '../shared/calendar-date.js';
import { resetOffers } from './reset-offers.js';

/*
 * What a start may seal, and what it must not (breaker9d P5, P8). A row seal (`rowSeal`) is the
 * office's key vouching for a row; sealing rows at start — a log from before rows were sealed, or
 * after a key rotation — vouches for whatever the log holds at that moment. Nothing outside the
 * server's own code can tell a log from an older version from one whose seals were stripped (the
 * data folder, its witness and the copies beside the key can all be rewritten by whoever writes
 * ./data and ./keys/store-witnesses), so the code itself holds the rule: this version seals every
 * row it appends, and never seals rows it did not see appended unless something the old key signed
 * vouches for them, or the operator says so once (ACCEPT_STORE_RESET).
 */

/** One of the newest events of a log, named in a refusal so the operator sees what would be vouched for. */
export interface NamedEvent {
  readonly position: bigint;
  readonly type: string;
}

const named = (events: readonly NamedEvent[]) => events.map((event) => `${event.type} at ${event.position}`).join(', ');
const namedZh = (events: readonly NamedEvent[]) => events.map((event) => `位置 ${event.position} 的 ${event.type}`).join('、');

const ACCEPT_ONCE = resetOffers.sealOnce;

/**
 * A store that holds events, none sealed, whose witness does not say its rows were ever sealed:
 * the start would seal them all now (`LedgerKeys`). Refused unless accepted (breaker9d P5: seals
 * stripped and the witness rewritten in the older, unsigned format, and a forged ADMIN token row
 * was sealed at the next start). Null when there is nothing to seal, or the witness says the rows
 * were sealed (they are then never sealed afresh: the read models stop at the first unsealed row).
 * @param head the log's head position, null for an empty log.
 * @param newest a few of the newest events, newest first (named in the refusal).
 */
export function judgeFirstSealing(
  witnessed: StoreWitness | null,
  found: { readonly location: string; readonly head: bigint | null; readonly anyRowSealed: boolean; readonly newest: readonly NamedEvent[] },
): StoreRefusedError | null {
  if (found.head === null || found.anyRowSealed || witnessed?.sealedRows === true) return null;
  const newest = found.newest.length > 0 ? say(` (the newest: ${named(found.newest)})`, `（最新的是：${namedZh(found.newest)}）`) : say('', '');
  return new StoreRefusedError(
    'LOG_UNSEALED',
    say(
      `None of the ${found.head} events in the log at ${found.location} is sealed with the office's ledger key${newest.en}, and its witness does not say they ever were. Either the store was written by a version of Rectify from before rows were sealed, or the seals were removed — with the witness rewritten in an older format — so that this start would seal rows nobody vouches for (a forged account, events deleted from the end). Sealing them would vouch for whatever the log holds, so the server does not do it unasked. Run npm run ledger:verify, and compare the newest events with what the office knows. ${ACCEPT_ONCE.en}`,
      `${found.location} 日志中的 ${found.head} 条事件没有一条带有本单位台账密钥的封印${newest.zh}，其见证文件也未记载曾经加封。要么该事件库由加封功能之前的旧版 Rectify 写入，要么封印被删除、见证文件被改写成旧格式——使本次启动为无人担保的记录加封（伪造的账号、被删除的末尾事件）。加封即为日志中的一切作担保，因此服务不会自行加封。请进行台账校验（npm run ledger:verify），并把最新的事件与本单位所知的情况核对。${ACCEPT_ONCE.zh}`,
    ),
    undefined,
    [ACCEPT_ONCE],
  );
}

/**
 * A store whose rows are sealed, judged by a witness without a signature: every version that seals
 * rows signs its witness (and a command-line tool that creates a store signs the witness it
 * leaves), so such a witness was rewritten by someone without the key — in the older format, to
 * hide events deleted from the end together with the checkpoints and the copies beside the key
 * (breaker9d P5). Null when the witness is signed, or the store has no sealed row (or keeps none: EventStoreDB).
 */
export function judgeUnsignedWitness(witnessed: StoreWitness | null, found: { readonly location: string; readonly anyRowSealed: boolean; readonly witnessPath: string }): StoreRefusedError | null {
  if (!witnessed || witnessed.signature || !found.anyRowSealed) return null;
  return new StoreRefusedError(
    'STORE_WITNESS_DAMAGED',
    say(
      `The store witness ${found.witnessPath} carries no signature, but the rows of ${found.location} are sealed with the office's ledger key, and every version that seals rows signs its witness: it was rewritten by someone without the key (in an older format, to hide events deleted from the end of the log?), and what it says cannot be trusted. Restore the witness (and the key folder's store-witnesses) from a backup and run npm run ledger:verify. ${resetOffers.unsignedWitness.en}`,
      `事件库见证文件 ${found.witnessPath} 没有签名，而 ${found.location} 的记录带有本单位台账密钥的封印，凡会加封的版本都会为见证文件签名：它已被没有密钥的人改写（改成旧格式，以掩盖日志末尾被删除的事件？），内容不可信。请从备份恢复见证文件（以及密钥文件夹中的 store-witnesses），并进行台账校验（npm run ledger:verify）。${resetOffers.unsignedWitness.zh}`,
    ),
    undefined,
    [resetOffers.unsignedWitness],
  );
}

/**
 * A key rotation (the key on record listed in LEDGER_TRUSTED_KEYS, another key — or none, to be
 * generated — configured) re-seals the log under the new key, and the old seals cannot be checked
 * without the old key. Only the rows the old key vouched for by signature are re-sealed unasked:
 * those up to the head of a witness it signed (its chain hash at that head was found equal, which
 * covers every row before it). Rows after it — appended by hand while the key was lost (breaker9d
 * P8: a forged ADMIN token row sealed under the new key) — are refused unless accepted. Null when
 * there is no rotation, or nothing past what the old key signed.
 * @param configured the fingerprint of the key file now, null when there is none.
 * @param head the log's head position, null for an empty log.
 */
export function judgeRotationSealing(
  onRecord: SigningKeyOnRecord | undefined,
  configured: string | null,
  trustedKeys: readonly string[],
  witnessed: StoreWitness | null,
  found: { readonly location: string; readonly head: bigint | null; readonly newest: readonly NamedEvent[] },
): StoreRefusedError | null {
  if (!onRecord || onRecord.fingerprint === configured || !trustedKeys.includes(onRecord.fingerprint) || found.head === null) return null;
  const signedByOldKey = witnessed?.signature !== undefined && witnessed.signingKey === onRecord.fingerprint && witnessed.head !== null;
  const vouched = signedByOldKey ? BigInt(witnessed.head!) : 0n;
  if (found.head <= vouched) return null;
  const after = found.newest.filter((event) => event.position > vouched);
  const newest = after.length > 0 ? say(` (the newest: ${named(after)})`, `（最新的是：${namedZh(after)}）`) : say('', '');
  const last = signedByOldKey
    ? say(`the last thing key ${onRecord.fingerprint} signed is the store witness at position ${vouched} (${witnessed!.seenAt})`, `密钥 ${onRecord.fingerprint} 最后签署的是位置 ${vouched} 的事件库见证（${officeInstantZh(witnessed!.seenAt)}）`)
    : say(`key ${onRecord.fingerprint} signed no witness of this log`, `密钥 ${onRecord.fingerprint} 没有为该日志签署过见证`);
  const now = configured === null ? say('a new key is to be generated', '将生成新密钥') : say(`key ${configured} is configured`, `现配置的是密钥 ${configured}`);
  return new StoreRefusedError(
    'ROWS_AFTER_KEY_ROTATION',
    say(
      `The ledger key is being rotated (${now.en}; key ${onRecord.fingerprint} is listed in LEDGER_TRUSTED_KEYS), and the rotation seals the log under the new key. But ${last.en}, and the events at positions ${vouched + 1n}–${found.head} in ${found.location}${newest.en} came after it: their seals can be checked only with the old key, and sealing them under the new one would vouch for rows appended by hand while the key was away. Put the old key back at LEDGER_SIGNING_KEY_FILE and start (the server's own witness then covers every row; rotate after a clean stop), or run npm run ledger:verify and compare those events with what the office knows. ${ACCEPT_ONCE.en}`,
      `台账密钥正在更换（${now.zh}；密钥 ${onRecord.fingerprint} 已列入 LEDGER_TRUSTED_KEYS），更换时要用新密钥为日志重新加封。但${last.zh}，而 ${found.location} 中位置 ${vouched + 1n}–${found.head} 的事件${newest.zh}在其之后：它们的封印只能用旧密钥核验，用新密钥为其加封，就是为密钥不在时手工添加的记录作担保。请把旧密钥放回 LEDGER_SIGNING_KEY_FILE 后启动（服务自己的见证即覆盖全部记录；正常停止后再更换密钥），或进行台账校验（npm run ledger:verify），把这些事件与本单位所知的情况核对。${ACCEPT_ONCE.zh}`,
    ),
    undefined,
    [ACCEPT_ONCE],
  );
}

/** The rows of a store put back from before a key rotation, sealed by the office's former key (`formerKeySealing`). */
export interface FormerKeySealing {
  /** The former key's fingerprint (16 hex digits): the key the backup's own witness was signed with. */
  readonly fingerprint: string;
  /** The position up to which that witness vouches for the rows (its head, whose chain hash the file holds): every row up to it. */
  readonly vouchedUpTo: bigint;
}

/**
 * breaker51-9 S2: a backup from before a key rotation, put back and accepted (ACCEPT_STORE_RESET) where the office now signs
 * with the new key. Its rows carry the seals of the key they were written under, and the copy of the witness beside the key
 * — which saw more, after the rotation — names the new key, so no rotation is seen at this start: without this, every row
 * read as unsealed (NOT_SEALED, 「有人在事件库文件中插入或改写」) from event 1, and nothing could be read or written. The
 * backup's own witness (beside the data) says which key sealed them; when that key is one the office declared — a former key
 * its witnesses remember (`formerKeys`), or one listed in LEDGER_TRUSTED_KEYS — and that witness, signed by it, vouches for
 * the rows (the file holds the event at its head with the chain hash it names), the accepting start seals the log under the
 * new key, as the rotation start of the same backup would (`LedgerKeys`). Null otherwise: no acceptance, the witness beside the
 * data is the one judged (a rotation is then seen as such), unsigned, of another store, signed by the key in use or the one on
 * record, by a key the office never declared, or not matching the file.
 * @param accepted this start accepts the store as it is (ACCEPT_STORE_RESET, a refusal overridden).
 * @param dataFolderWitness the witness beside the data (signature checked when read).
 * @param judgedBy the witness the start judged by (the newer of the two); `onRecord` its key.
 * @param chainHashAt the file's chain hash at a position (64 hex digits), null when it holds no hashed event there.
 */
export function formerKeySealing(
  accepted: boolean,
  dataFolderWitness: StoreWitness | null,
  judgedBy: StoreWitness | null,
  storeId: string,
  onRecord: SigningKeyOnRecord | undefined,
  configured: string | null,
  declared: { readonly formerKeys: readonly { readonly fingerprint: string }[]; readonly trustedKeys: readonly string[] },
  chainHashAt: ((position: bigint) => string | null) | undefined,
): FormerKeySealing | null {
  if (!accepted || !dataFolderWitness || dataFolderWitness === judgedBy || !chainHashAt) return null;
  const { signingKey, signature, head, headHash } = dataFolderWitness;
  if (dataFolderWitness.storeId !== storeId || !signature || !signingKey || head === null || typeof headHash !== 'string') return null;
  if (signingKey === configured || signingKey === onRecord?.fingerprint) return null;
  if (!declared.formerKeys.some((key) => key.fingerprint === signingKey) && !declared.trustedKeys.includes(signingKey)) return null;
  const vouchedUpTo = BigInt(head);
  return chainHashAt(vouchedUpTo) === headHash ? { fingerprint: signingKey, vouchedUpTo } : null;
}
