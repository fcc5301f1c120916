import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { say, type Bilingual } from '../../shared/domain-error.js';
import { keyFingerprint, publicKeyText } from './checkpoint.js';
import { officeInstantZh } from '../../shared/calendar-date.js';

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
 *   Rectify ledger head v3
 *   store <store id>
 *   copy <12 hex digits: the copy of the store, by its name or else its place (`copyOfStore`)>
 *   accepted <the store's accepted reset it was signed under: `resetAcceptedAt` of the witness, or none>
 *   position <commit position of the head event>
 *   chain <hex chain hash of the event there>
 *   signed <ISO-8601 instant the server signed it>
 *
 * A store's copies share its id and, often, the office key (a training copy, a restore drill, a
 * staging server made from production's folders): a statement proves something only about the copy
 * that signed it (breaker9d P1: a training copy's statement, handed to production by anyone, stopped
 * production's writes as a rollback). v1 bodies (no copy line, before that) are still read.
 *
 * The `accepted` line (v3, breaker9p P4) says under which accepted reset of the store it was signed:
 * an operator's later acceptance of the store as it is covers every statement signed under an earlier
 * one (or none) — judged by that identity, never by comparing `signed` with the acceptance's instant,
 * which a clock once ahead (a statement "signed" tomorrow) made stop writes for good, whatever was
 * accepted. v2 bodies (no accepted line) are still read, and judged by the instants as before.
 */

export const HEAD_STATEMENT_ORIGIN = 'Rectify ledger head v3';
/** The first line of statements signed before they named the accepted reset they were signed under. */
export const HEAD_STATEMENT_ORIGIN_V2 = 'Rectify ledger head v2';
/** The first line of statements signed before they named their copy. */
export const HEAD_STATEMENT_ORIGIN_V1 = 'Rectify ledger head v1';

/**
 * The copy of a store a server serves, named by its place (the absolute path of the SQLite file,
 * or the EventStoreDB host): the first 12 hex digits of its SHA-256, as the witness copies beside
 * the key are named (src/event-store/key-folder-witness.ts). The path itself is not published.
 */
export const copyOfPlace = (place: string): string => createHash('sha256').update(place, 'utf8').digest('hex').slice(0, 12);

/**
 * The copy of a store a server serves, as its statements name it (12 hex digits):
 * - named (`STORE_COPY_NAME`, e.g. `正式`, `测试环境`): the first 12 hex digits of the SHA-256 of
 *   `copy-name:<name>` — the same wherever the copy's files lie, and never a place's;
 * - unnamed: `copyOfPlace` of the SQLite file's absolute path, as before names existed.
 * A path alone cannot tell copies apart that keep their store at one path — every container of
 * one image at /app/data/rectify.db, a staging machine laid out as production's (breaker9e P3) —
 * so such copies are told apart only by their names.
 * @param name the copy's name, or null when unset.
 * @param place the SQLite file's absolute path.
 */
export const copyOfStore = (name: string | null, place: string): string => (name === null ? copyOfPlace(place) : copyOfPlace(`copy-name:${name}`));

/** What a head statement says. */
export interface LedgerHead {
  /** The store's id (`StoreIdentity.storeId`). */
  readonly storeId: string;
  /** The copy of the store that signed it (`copyOfPlace`); null for a v1 statement, which did not say. */
  readonly copy: string | null;
  /** The head event's commit position, in decimal. */
  readonly position: string;
  /** Chain hash of the event there, 64 hex digits. */
  readonly chainHash: string;
  /** ISO-8601 instant the server signed the statement. */
  readonly signedAt: string;
  /**
   * The store's accepted reset the statement was signed under (`resetAcceptedAt` of the witness, an
   * ISO-8601 text used as an identity, not an order), null when none had been accepted; undefined in
   * v1 and v2 statements, which did not say.
   */
  readonly acceptedReset?: string | null;
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

/** The text signed for a head (v2; a head without its copy cannot be signed any more). */
export function headStatementBody(head: LedgerHead & { readonly copy: string; readonly acceptedReset: string | null }): string {
  return [HEAD_STATEMENT_ORIGIN, `store ${head.storeId}`, `copy ${head.copy}`, `accepted ${head.acceptedReset ?? 'none'}`, `position ${head.position}`, `chain ${head.chainHash}`, `signed ${head.signedAt}`, ''].join('\n');
}

/** Reads a body back (v2, or v1 with `copy` null); null when it is not a head statement this module writes. */
export function parseHeadStatementBody(body: string): LedgerHead | null {
  const lines = body.split('\n');
  const v1 = lines[0] === HEAD_STATEMENT_ORIGIN_V1;
  const v2 = lines[0] === HEAD_STATEMENT_ORIGIN_V2;
  if (!v1 && !v2 && lines[0] !== HEAD_STATEMENT_ORIGIN) return null;
  if (lines.length !== (v1 ? 6 : v2 ? 7 : 8) || lines.at(-1) !== '') return null;
  const [storeLine, ...rest] = lines.slice(1, -1);
  const copyLine = v1 ? null : rest.shift()!;
  const acceptedLine = v1 || v2 ? null : rest.shift()!;
  const accepted = acceptedLine === null ? null : /^accepted (none|\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z)$/.exec(acceptedLine);
  if (acceptedLine !== null && !accepted) return null;
  const [positionLine, chainLine, signedLine] = rest;
  const store = /^store ([0-9A-Za-z-]{1,64})$/.exec(storeLine!);
  const copy = copyLine === null ? null : /^copy ([0-9a-f]{12})$/.exec(copyLine);
  const position = /^position (0|[1-9]\d{0,18})$/.exec(positionLine!);
  const chain = /^chain ([0-9a-f]{64})$/.exec(chainLine!);
  const signed = /^signed (\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z)$/.exec(signedLine!);
  if (!store || (!v1 && !copy) || !position || !chain || !signed) return null;
  return {
    storeId: store[1]!,
    copy: copy ? copy[1]! : null,
    position: position[1]!,
    chainHash: chain[1]!,
    signedAt: signed[1]!,
    ...(accepted ? { acceptedReset: accepted[1] === 'none' ? null : accepted[1]! } : {}),
  };
}

/** Signs a head with the office's Ed25519 ledger key. */
export function signHeadStatement(head: LedgerHead & { readonly copy: string; readonly acceptedReset: string | null }, privateKey: KeyObject): SignedHeadStatement {
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
 * - `OTHER_STORE`: the office's, about another store (an earlier installation, another office's);
 * - `OTHER_COPY`: the office's, about this store, signed by another copy of it (a training copy, a
 *   restore drill, a staging server made from production's folders): it says nothing about this
 *   copy's log (breaker9d P1);
 * - `LOG_ROLLED_BACK`: the log now ends before the position the server once signed for;
 * - `LOG_REWRITTEN`: the log holds another event at that position (rolled back, then written to);
 * - `LOST_IN_ACCEPTED_RESET`: one of the last two, signed before an operator accepted a reset of
 *   the store (ACCEPT_STORE_RESET): the loss was accepted then, and is only told to the client.
 */
export const HeadStatementFindings = ['CURRENT', 'NOT_VALID', 'NOT_OURS', 'OTHER_STORE', 'OTHER_COPY', 'LOG_ROLLED_BACK', 'LOG_REWRITTEN', 'LOST_IN_ACCEPTED_RESET'] as const;
export type HeadStatementFinding = (typeof HeadStatementFindings)[number];

/** Findings that prove the log served now lost what the server once signed for: writes stop. */
export const PROVES_ROLLBACK: readonly HeadStatementFinding[] = ['LOG_ROLLED_BACK', 'LOG_REWRITTEN'];

/** The log served now, as the judgement needs it. */
export interface ServedLog {
  readonly storeId: string;
  /** The copy of the store served (`copyOfPlace` of its place). */
  readonly copy: string;
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
  if (head.copy !== null && head.copy !== log.copy) {
    return {
      finding: 'OTHER_COPY',
      head,
      message: say(
        `The statement was signed by another copy of this store (copy ${head.copy}; this server serves copy ${log.copy}): a training copy, a restore drill or a staging server made from the same folders. It says nothing about this copy's ledger: nothing is concluded from it.`,
        '该凭证由本事件库的另一个副本签署（例如培训用副本、恢复演练或测试服务器），与本服务所用的这一份台账无关：不据此作出任何判断。',
      ),
    };
  }
  const position = BigInt(head.position);
  const saw = say(
    `On ${head.signedAt} this server signed that the ledger reached position ${head.position} (chain hash ${head.chainHash.slice(0, 16)}…)`,
    `本服务曾于${officeInstantZh(head.signedAt)}签署凭证：台账已到达位置 ${head.position}（链哈希 ${head.chainHash.slice(0, 16)}…）`,
  );
  const shorter = log.head === null || log.head < position;
  const stored = shorter ? null : log.chainHashAt(position);
  if (!shorter && stored === head.chainHash) return { finding: 'CURRENT', head, message: say(`${saw.en}; the ledger still holds it.`, `${saw.zh}；台账中该记录仍在。`) };
  const found = shorter
    ? say(`the ledger now ends at position ${log.head ?? 'none'}: the events after it were removed`, `而台账现在止于位置 ${log.head ?? '无'}：其后的事件已被删除`)
    : say(`the ledger now holds another event there: its history was rewritten`, `而台账中该位置现在是另一条记录：历史已被改写`);
  // Signed under an earlier acceptance (or none) than the one in force: the operator accepted its loss (breaker9p P4: by identity, not by a clock that may have been ahead). A v2 statement does not say: its instant decides.
  const lostInAcceptedReset = log.resetAcceptedAt ? (head.acceptedReset !== undefined ? head.acceptedReset !== log.resetAcceptedAt : head.signedAt < log.resetAcceptedAt) : false;
  if (log.resetAcceptedAt && lostInAcceptedReset) {
    return {
      finding: 'LOST_IN_ACCEPTED_RESET',
      head,
      message: say(
        `${saw.en}, but ${found.en}. An operator accepted the store as it is on ${log.resetAcceptedAt} (ACCEPT_STORE_RESET, after a restore from an older backup): what was recorded after position ${log.head ?? 'none'} before then is not in the ledger and must be entered again.`,
        `${saw.zh}，${found.zh}。管理员已于${officeInstantZh(log.resetAcceptedAt)}接受事件库的现状（从较早的备份恢复后）：此前在位置 ${log.head ?? '无'} 之后记录的内容不在台账中，需重新录入。`,
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
