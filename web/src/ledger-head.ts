import { ref } from 'vue';

/*
 * The browser as a witness of the ledger's head (breaker9c P8; README "Signed head statements").
 * The server signs the head it serves; this browser keeps the newest statement per store and copy
 * of the store (a training copy served at the same address keeps its own, breaker9d P1) and hands
 * it back at every start, after each change it sends and every few minutes. A server restored to an
 * older log — its witness files put back with it — is then shown its own signature for the longer
 * log: it refuses writes, and every page says so in red. Nothing here can be forged by the page:
 * the server judges only what its key signed.
 */

// The browser's; declared here so that the Node specs of this module type-check without the DOM library.
declare const localStorage: { getItem(key: string): string | null; setItem(key: string, value: string): void };

const KEPT_KEY = 'rectify.ledgerHeads';
/** The most statements kept (one per store; the server takes at most 8 per call). */
const MOST_KEPT = 8;
/** How often an open page hands its statement back and takes a newer one (ms). */
export const WITNESS_INTERVAL_MS = 5 * 60_000;

/** A statement as the server signed it, with the fields this browser orders them by. */
export interface KeptStatement {
  readonly body: string;
  readonly publicKey: string;
  readonly signature: string;
  readonly storeId: string;
  /** The copy of the store that signed it; absent or null for statements of older servers. */
  readonly copy?: string | null;
  readonly position: string;
  readonly signedAt: string;
}

/** Which copy of which store a statement is about: one statement is kept for each. */
const copyKey = (statement: KeptStatement): string => `${statement.storeId}/${statement.copy ?? ''}`;

export type HeadFinding = 'CURRENT' | 'NOT_VALID' | 'NOT_OURS' | 'OTHER_STORE' | 'OTHER_COPY' | 'LOG_ROLLED_BACK' | 'LOG_REWRITTEN' | 'LOST_IN_ACCEPTED_RESET';

/** What the `ledgerHead` query answers. */
export interface WitnessAnswer {
  readonly checks: readonly { readonly finding: HeadFinding; readonly messageZh: string }[];
  readonly current: KeptStatement | null;
}

/** What the page tells its user: a proven rollback (red) or a loss the operator accepted (amber). */
export interface LedgerAlert {
  readonly severity: 'error' | 'warning';
  readonly title: string;
  readonly description: string;
}

/**
 * The statements to keep after an answer, and what to tell the user. `kept` are the statements
 * handed back, in the order `answer.checks` judges them.
 * - a proven rollback (LOG_ROLLED_BACK / LOG_REWRITTEN) is kept as it is, never replaced by the
 *   server's newer (shorter) head, and shown in red: the proof stays with the browser;
 * - a loss the operator accepted (LOST_IN_ACCEPTED_RESET) is shown once, in amber, and replaced;
 * - NOT_VALID / NOT_OURS prove nothing and are dropped; OTHER_STORE and OTHER_COPY are kept (another
 *   store's, another copy's: a training copy once served at this address keeps its statement apart);
 * - the server's current statement replaces the kept one of its store and copy, unless a proof is kept for it.
 */
export function keptAfter(kept: readonly KeptStatement[], answer: WitnessAnswer): { kept: KeptStatement[]; alert: LedgerAlert | null } {
  let alert: LedgerAlert | null = null;
  const next: KeptStatement[] = [];
  const provenFor = new Set<string>();
  kept.forEach((statement, index) => {
    const finding = answer.checks[index]?.finding;
    const messageZh = answer.checks[index]?.messageZh ?? '';
    if (finding === 'LOG_ROLLED_BACK' || finding === 'LOG_REWRITTEN') {
      next.push(statement);
      provenFor.add(copyKey(statement));
      alert = { severity: 'error', title: '台账被回退：服务器现在的记录少于它此前签署确认过的记录。请立即告知系统管理员，在恢复之前不要录入新的内容。', description: messageZh };
    } else if (finding === 'LOST_IN_ACCEPTED_RESET') {
      alert ??= { severity: 'warning', title: '台账已由管理员恢复为较早的备份：本浏览器此前看到的部分记录不在其中，需要重新录入。', description: messageZh };
    } else if (finding === 'OTHER_STORE' || finding === 'OTHER_COPY' || finding === 'CURRENT' || finding === undefined) {
      // undefined: a server that judged nothing (EventStoreDB) — kept for when it can.
      next.push(statement);
    }
  });
  const current = answer.current;
  const afterAnswer = current && !provenFor.has(copyKey(current)) ? [...next.filter((statement) => copyKey(statement) !== copyKey(current)), current] : next;
  return { kept: afterAnswer.sort((a, b) => (a.signedAt < b.signedAt ? 1 : -1)).slice(0, MOST_KEPT), alert };
}

const isKeptStatement = (value: unknown): value is KeptStatement => {
  if (typeof value !== 'object' || value === null) return false;
  const fields = value as Record<string, unknown>;
  const copy = fields.copy;
  return ['body', 'publicKey', 'signature', 'storeId', 'position', 'signedAt'].every((field) => typeof fields[field] === 'string') && (copy === undefined || copy === null || typeof copy === 'string');
};

/** The statements this browser keeps (none when there are none, or what is stored is not readable). */
export function readKept(): KeptStatement[] {
  try {
    const stored: unknown = JSON.parse(localStorage.getItem(KEPT_KEY) ?? '[]');
    return Array.isArray(stored) ? stored.filter(isKeptStatement).slice(0, MOST_KEPT) : [];
  } catch {
    return [];
  }
}

/** What every page shows at its top while set (App.vue). */
export const ledgerAlert = ref<LedgerAlert | null>(null);

const WITNESS = `query ($seen: [LedgerHeadStatementInput!]!) {
  ledgerHead(seen: $seen) {
    checks { finding messageZh }
    current { body publicKey signature storeId copy position signedAt }
  }
}`;

let inFlight: Promise<void> | null = null;

/**
 * Hands the kept statements back and keeps the answer's (see `keptAfter`). Failures (the server
 * down, an older server without the mutation) change nothing: the statements stay for next time.
 * Takes `post` (the app's `gql`) as an argument so that this module stays free of the API module's state.
 */
export function witnessLedgerHead(post: (query: string, variables: Record<string, unknown>) => Promise<{ ledgerHead: WitnessAnswer }>): Promise<void> {
  inFlight ??= (async () => {
    const kept = readKept();
    try {
      const { ledgerHead: answer } = await post(WITNESS, { seen: kept.map(({ body, publicKey, signature }) => ({ body, publicKey, signature })) });
      const after = keptAfter(kept, answer);
      localStorage.setItem(KEPT_KEY, JSON.stringify(after.kept));
      // A proof stays on screen until the server is restored (the next answer finds the log reaching it again).
      ledgerAlert.value = after.alert ?? (ledgerAlert.value?.severity === 'warning' ? ledgerAlert.value : null);
    } catch {
      // Nothing is concluded from no answer.
    } finally {
      inFlight = null;
    }
  })();
  return inFlight;
}
