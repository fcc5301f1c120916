/*
 * Keys the office signed checkpoints with before a key rotation (newcomer50-9 S2). Declared once — the old fingerprint
 * listed in LEDGER_TRUSTED_KEYS at a server's start, as the SIGNING_KEY_CHANGED refusal asks — and remembered in the
 * store witness (signed with the office's key, beside the data and beside the key), so that every later check trusts
 * the checkpoints that key signed without the variable: the office's own printed 台账校验码 is never called forged.
 * Pure: no I/O.
 */

/** A former signing key of the office, as the store witness keeps it (`StoreWitness.formerKeys`). */
export interface FormerKey {
  /** The key's fingerprint (16 hex digits, `keyFingerprint`). */
  readonly fingerprint: string;
  /**
   * The most events a checkpoint it signed may cover (`treeSize`): the largest of the store's checkpoints signed by it when the
   * office declared it. A checkpoint it signs over more events — after the rotation, by whoever has the old key — is not trusted.
   */
  readonly upToEvents: number;
  /** ISO-8601 instant of the start that declared it (LEDGER_TRUSTED_KEYS set). */
  readonly declaredAt: string;
}

/** Whether `value` is a `FormerKey` as written (a fingerprint, a count ≥ 0, a readable instant). */
export function isFormerKey(value: unknown): value is FormerKey {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Partial<Record<keyof FormerKey, unknown>>;
  return (
    typeof entry.fingerprint === 'string' &&
    /^[0-9a-f]{16}$/.test(entry.fingerprint) &&
    Number.isSafeInteger(entry.upToEvents) &&
    (entry.upToEvents as number) >= 0 &&
    typeof entry.declaredAt === 'string' &&
    Number.isFinite(Date.parse(entry.declaredAt))
  );
}

/**
 * The former keys of `lists` together, one entry per fingerprint: the widest `upToEvents` declared, with the instant of the
 * first declaration. Order: by fingerprint's first appearance.
 */
export function mergedFormerKeys(...lists: readonly (readonly FormerKey[] | undefined)[]): FormerKey[] {
  const merged = new Map<string, FormerKey>();
  for (const entry of lists.flatMap((list) => list ?? [])) {
    const known = merged.get(entry.fingerprint);
    merged.set(
      entry.fingerprint,
      known
        ? { fingerprint: entry.fingerprint, upToEvents: Math.max(known.upToEvents, entry.upToEvents), declaredAt: Date.parse(entry.declaredAt) < Date.parse(known.declaredAt) ? entry.declaredAt : known.declaredAt }
        : entry,
    );
  }
  return [...merged.values()];
}

/**
 * Whether a checkpoint over `treeSize` events signed by `signer` is the office's: signed by a key it signs with now
 * (`trusted`: its signing key and LEDGER_TRUSTED_KEYS), or by a former key (`former`) within what that key signed before it
 * was retired.
 */
export function signerTrusted(signer: string, treeSize: number, trusted: readonly string[], former: readonly FormerKey[] = []): boolean {
  return trusted.includes(signer) || former.some((key) => key.fingerprint === signer && treeSize <= key.upToEvents);
}

/**
 * The former keys a start declares (newcomer50-9 S2): each key of `listed` (LEDGER_TRUSTED_KEYS) other than `current` that
 * signed one of `checkpoints`, trusted up to the most events such a checkpoint covers — those of `known` it widens or adds.
 * Empty when there is nothing new to remember.
 */
export function formerKeysDeclared(
  checkpoints: readonly { readonly signer: string; readonly treeSize: number }[],
  listed: readonly string[],
  current: string,
  known: readonly FormerKey[],
  at: string,
): FormerKey[] {
  const widest = new Map<string, number>();
  for (const { signer, treeSize } of checkpoints) {
    if (signer === current || !listed.includes(signer)) continue;
    widest.set(signer, Math.max(widest.get(signer) ?? 0, treeSize));
  }
  return [...widest].filter(([fingerprint, upToEvents]) => !known.some((key) => key.fingerprint === fingerprint && key.upToEvents >= upToEvents)).map(([fingerprint, upToEvents]) => ({ fingerprint, upToEvents, declaredAt: at }));
}
