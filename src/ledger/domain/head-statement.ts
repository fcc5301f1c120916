import { createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { say, type Bilingual } from '../../shared/domain-error.js';
import { keyFingerprint, publicKeyText } from './checkpoint.js';

/**
 * Signed head statements (台账现状凭证): freshness witnessed where restoring the server's folders
 * cannot reach (breaker9c P8). Pure apart from node:crypto: no I/O.
 *
 * The store witness and its copy beside the key are files on the server: whoever can put back an
 * older ./data can put back an older ./keys too, both signed, and the server then starts on an older
 * log without a word. What such a restore cannot reach are the office's browsers and scripts. So the
 * server hands every client a statement of the head it serves — the log's position and the chain
 * hash of the event there, signed with the office's ledger key — and every client keeps the newest
 * it was given and hands it back later. A log that no longer reaches that position, or holds another
 * event there, is then proven rolled back by the server's own signature: no client can forge one,
 * and a store restored with its witnesses cannot unsay it. The technique is Certificate
 * Transparency's gossip of signed tree heads (RFC 6962 §5.4, RFC 9162 §8.1.4), applied to the chain
 * head rather than a Merkle root so that checking a statement costs one row read.
 *
 * The signed body, like a checkpoint's (checkpoint.ts) but with its own first line, so that neither
 * can be passed off as the other:
 *
 *   Rectify ledger head v1
 *   store <store id>
 *   position <commit position of the head event>
 *   chain <hex chain hash of the event there>
 *   signed <ISO-8601 instant the server signed it>
 */

export const HEAD_STATEMENT_ORIGIN = 'Rectify ledger head v1';

/** What a head statement says. */
export interface LedgerHead {
  /** The store's id (`StoreIdentity.storeId`). */
  readonly storeId: string;
  /** The head event's commit position, in decimal. */
  readonly position: string;
  /** Chain hash of the event there, 64 hex digits. */
  readonly chainHash: string;
  /** ISO-8601 instant the server signed the statement. */
  readonly signedAt: string;
}

/** A head statement as clients keep and hand back: the signed text, the key and the signature. */
export interface SignedHeadStatement {
  /** The signed text, exactly as signed (UTF-8). */
  readonly body: string;
  /** Ed25519 public key, raw 32 bytes base64url (the JWK `x`). */
  readonly publicKey: string;
  /** Ed25519 signature over `body`, base64. */
  readonly signature: string;
}

export function headStatementBody(head: LedgerHead): string {
  return [HEAD_STATEMENT_ORIGIN, `store ${head.storeId}`, `position ${head.position}`, `chain ${head.chainHash}`, `signed ${head.signedAt}`, ''].join('\n');
}

/** Reads a body back; null when it is not a head statement this module writes. */
export function parseHeadStatementBody(body: string): LedgerHead | null {
  const lines = body.split('\n');
  if (lines.length !== 6 || lines[0] !== HEAD_STATEMENT_ORIGIN || lines[5] !== '') return null;
  const store = /^store ([0-9A-Za-z-]{1,64})$/.exec(lines[1]!);
  const position = /^position (0|[1-9]\d{0,18})$/.exec(lines[2]!);
  const chain = /^chain ([0-9a-f]{64})$/.exec(lines[3]!);
  const signed = /^signed (\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z)$/.exec(lines[4]!);
  if (!store || !position || !chain || !signed) return null;
  return { storeId: store[1]!, position: position[1]!, chainHash: chain[1]!, signedAt: signed[1]! };
}

/** Signs a head with the office's Ed25519 ledger key. */
export function signHeadStatement(head: LedgerHead, privateKey: KeyObject): SignedHeadStatement {
  const body = headStatementBody(head);
  return { body, publicKey: publicKeyText(privateKey), signature: sign(null, Buffer.from(body, 'utf8'), privateKey).toString('base64') };
}

/** The statement's head and signing key's fingerprint when its body is one and its signature holds; else null. */
export function readHeadStatement(statement: SignedHeadStatement): (LedgerHead & { readonly keyFingerprint: string }) | null {
  const head = parseHeadStatementBody(statement.body);
  if (!head) return null;
  try {
    const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: statement.publicKey }, format: 'jwk' });
    if (!verify(null, Buffer.from(statement.body, 'utf8'), key, Buffer.from(statement.signature, 'base64'))) return null;
  } catch {
    return null;
  }
  return { ...head, keyFingerprint: keyFingerprint(statement.publicKey) };
}

/**
 * What a statement handed back says about the log served now:
 * - `CURRENT`: the log still reaches its position with the same event there;
 * - `NOT_VALID`: not a head statement, or its signature does not hold (nothing is concluded);
 * - `NOT_OURS`: signed by a key this office does not sign with (nothing is concluded);
 * - `OTHER_STORE`: the office's, about another store (a training copy, an earlier installation);
 * - `LOG_ROLLED_BACK`: the log now ends before the position the server once signed for;
 * - `LOG_REWRITTEN`: the log holds another event at that position (rolled back, then written to);
 * - `LOST_IN_ACCEPTED_RESET`: one of the last two, signed before an operator accepted a reset of
 *   the store (ACCEPT_STORE_RESET): the loss was accepted then, and is only told to the client.
 */
export const HeadStatementFindings = ['CURRENT', 'NOT_VALID', 'NOT_OURS', 'OTHER_STORE', 'LOG_ROLLED_BACK', 'LOG_REWRITTEN', 'LOST_IN_ACCEPTED_RESET'] as const;
export type HeadStatementFinding = (typeof HeadStatementFindings)[number];

/** Findings that prove the log served now lost what the server once signed for: writes stop. */
export const PROVES_ROLLBACK: readonly HeadStatementFinding[] = ['LOG_ROLLED_BACK', 'LOG_REWRITTEN'];

/** The log served now, as the judgement needs it. */
export interface ServedLog {
  readonly storeId: string;
  /** Its head's commit position; null for an empty log. */
  readonly head: bigint | null;
  /** The chain hash (hex) stored at a commit position; null when there is no event there. */
  readonly chainHashAt: (commit: bigint) => string | null;
  /** Fingerprints of the keys the office signs with: its key and LEDGER_TRUSTED_KEYS. */
  readonly trustedKeys: readonly string[];
  /** ISO-8601 instant of the last start that accepted a store reset (ACCEPT_STORE_RESET), if any. */
  readonly resetAcceptedAt?: string | null;
}

export interface HeadStatementJudgement {
  readonly finding: HeadStatementFinding;
  /** The statement's head, when its signature holds. */
  readonly head: (LedgerHead & { readonly keyFingerprint: string }) | null;
  /** What it means, for the person holding the statement and for the server log. */
  readonly message: Bilingual;
}

/**
 * Judges a statement a client hands back against the log served now (see HeadStatementFindings).
 * Never throws: anything that is not a valid statement of this office is `NOT_VALID` / `NOT_OURS`.
 */
export function judgeHeadStatement(statement: SignedHeadStatement, log: ServedLog): HeadStatementJudgement {
  const head = readHeadStatement(statement);
  if (!head) {
    return { finding: 'NOT_VALID', head: null, message: say('This is not a ledger head statement signed by a Rectify server, or it was altered: nothing is concluded from it.', '这不是 Rectify 服务签署的台账现状凭证，或已被改动：不据此作出任何判断。') };
  }
  if (!log.trustedKeys.includes(head.keyFingerprint)) {
    return {
      finding: 'NOT_OURS',
      head,
      message: say(
        `The statement is signed by key ${head.keyFingerprint}, not a key this office signs with: nothing is concluded from it.`,
        `该凭证由密钥 ${head.keyFingerprint} 签署，不是本单位的签名密钥：不据此作出任何判断。`,
      ),
    };
  }
  if (head.storeId !== log.storeId) {
    return {
      finding: 'OTHER_STORE',
      head,
      message: say(`The statement is about store ${head.storeId}; this server serves store ${log.storeId}.`, '该凭证针对的是另一个事件库（例如培训用的副本），不是本服务现在使用的事件库。'),
    };
  }
  const position = BigInt(head.position);
  const saw = say(
    `On ${head.signedAt} this server signed that the ledger reached position ${head.position} (chain hash ${head.chainHash.slice(0, 16)}…)`,
    `本服务曾于 ${head.signedAt} 签署凭证：台账已到达位置 ${head.position}（链哈希 ${head.chainHash.slice(0, 16)}…）`,
  );
  const shorter = log.head === null || log.head < position;
  const stored = shorter ? null : log.chainHashAt(position);
  if (!shorter && stored === head.chainHash) return { finding: 'CURRENT', head, message: say(`${saw.en}; the ledger still holds it.`, `${saw.zh}；台账中该记录仍在。`) };
  const found = shorter
    ? say(`the ledger now ends at position ${log.head ?? 'none'}: the events after it were removed`, `而台账现在止于位置 ${log.head ?? '无'}：其后的事件已被删除`)
    : say(`the ledger now holds another event there: its history was rewritten`, `而台账中该位置现在是另一条记录：历史已被改写`);
  if (log.resetAcceptedAt && head.signedAt < log.resetAcceptedAt) {
    return {
      finding: 'LOST_IN_ACCEPTED_RESET',
      head,
      message: say(
        `${saw.en}, but ${found.en}. An operator accepted the store as it is on ${log.resetAcceptedAt} (ACCEPT_STORE_RESET, after a restore from an older backup): what was recorded after position ${log.head ?? 'none'} before then is not in the ledger and must be entered again.`,
        `${saw.zh}，${found.zh}。管理员已于 ${log.resetAcceptedAt} 接受事件库的现状（从较早的备份恢复后）：此前在位置 ${log.head ?? '无'} 之后记录的内容不在台账中，需重新录入。`,
      ),
    };
  }
  return {
    finding: shorter ? 'LOG_ROLLED_BACK' : 'LOG_REWRITTEN',
    head,
    message: say(
      `${saw.en}, but ${found.en} — the store was restored from an older copy, or cut back, together with its witnesses. Writes are refused. Restore the store from a backup that reaches position ${head.position} and run npm run ledger:verify; to go on with the store as it is, start the server once with --accept-store-reset (or ACCEPT_STORE_RESET=true).`,
      `${saw.zh}，${found.zh}——事件库连同其见证文件被旧副本恢复或截短。现拒绝写入。请从到达位置 ${head.position} 的备份恢复事件库并进行台账校验；若确认按现状继续使用，请以 --accept-store-reset（或 ACCEPT_STORE_RESET=true）启动一次。`,
    ),
  };
}
