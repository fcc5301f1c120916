import { generateKeyPairSync } from 'node:crypto';
import { checkpointSignatureHolds, keyFingerprint, publicKeyText, ledgerCode, ledgerCodeFault, parseCheckpointBody, parseLedgerCode, signCheckpoint, type SignedCheckpoint } from './checkpoint.js';
import { GENESIS_CHAIN_HASH, canonicalEvent, hashEvent, type HashedEventContent } from './event-chain.js';
import { say } from '../../shared/domain-error.js';
import { LedgerVerifier, type LedgerEntry, type LedgerExpectations, type VerifiedCheckpoint } from './ledger-verification.js';
import { merkleRoot } from './merkle.js';
import { formerKeysDeclared, mergedFormerKeys } from './former-keys.js';
import { officeInstantZh } from '../../shared/calendar-date.js';

const { privateKey } = generateKeyPairSync('ed25519');
const { privateKey: otherKey } = generateKeyPairSync('ed25519');

const event = (n: number): HashedEventContent => ({
  id: `event-${n}`,
  streamId: `finding-${n % 2}`,
  revision: Math.floor(n / 2),
  type: 'UnitUrged',
  schemaVersion: 1,
  data: { message: `请加快整改进度（第${n}次）`, unitId: 'unit-1' },
  metadata: { actorId: 'user-1', recordedAt: `2026-04-0${(n % 9) + 1}T01:00:00.000Z` },
  recordedAt: `2026-04-0${(n % 9) + 1}T01:00:00.000Z`,
});

/** A log of n events as a store keeps it: each with its leaf and chain hash. */
function givenLog(n: number): LedgerEntry[] {
  let previous = GENESIS_CHAIN_HASH;
  return Array.from({ length: n }, (_, index) => {
    const content = event(index + 1);
    const hashes = hashEvent(previous, content);
    previous = hashes.chainHash;
    return { position: String(index + 1), eventId: content.id, content, storedLeafHash: hashes.leafHash, storedChainHash: hashes.chainHash };
  });
}

function checkpointOf(log: readonly LedgerEntry[], size: number, key = privateKey): SignedCheckpoint {
  const last = log[size - 1]!;
  return signCheckpoint(
    { treeSize: size, rootHash: merkleRoot(log.slice(0, size).map((entry) => entry.storedLeafHash!)), chainHash: last.storedChainHash!, headPosition: last.position, takenAt: '2026-04-10T01:00:00.000Z' },
    key,
  );
}

function verify(log: readonly LedgerEntry[], checkpoints: VerifiedCheckpoint[] = [], expected: LedgerExpectations = {}) {
  const verifier = new LedgerVerifier(checkpoints, expected);
  for (const entry of log) if (!verifier.check(entry)) break;
  return verifier.finish();
}

describe('The hash chain and its verification', () => {
  describe('canonical form', () => {
    it('hashes the same content the same, whatever order its keys came in, and JSON-stored content like the original', () => {
      const original = event(1);
      const reordered = { ...original, data: { unitId: 'unit-1', message: original.data.message }, metadata: { recordedAt: original.recordedAt, actorId: 'user-1' } };
      expect(canonicalEvent(reordered)).toBe(canonicalEvent(original));
      expect(canonicalEvent(JSON.parse(JSON.stringify(original)) as HashedEventContent)).toBe(canonicalEvent(original));
      expect(canonicalEvent(original)).toBe(
        '{"data":{"message":"请加快整改进度（第1次）","unitId":"unit-1"},"id":"event-1","metadata":{"actorId":"user-1","recordedAt":"2026-04-02T01:00:00.000Z"},"recordedAt":"2026-04-02T01:00:00.000Z","revision":0,"schemaVersion":1,"streamId":"finding-1","type":"UnitUrged"}',
      );
    });

    it('changes the hashes when any hashed field changes, or the event before it does', () => {
      const base = hashEvent(GENESIS_CHAIN_HASH, event(1));
      const variants = [
        { ...event(1), id: 'event-x' },
        { ...event(1), streamId: 'finding-x' },
        { ...event(1), revision: 7 },
        { ...event(1), type: 'UnitUrgedAgain' },
        { ...event(1), schemaVersion: 2 },
        { ...event(1), data: { message: '改' } },
        { ...event(1), metadata: { actorId: 'user-2', recordedAt: event(1).recordedAt } },
        { ...event(1), recordedAt: '2026-04-09T01:00:00.000Z' },
      ];
      for (const variant of variants) expect(hashEvent(GENESIS_CHAIN_HASH, variant).leafHash.equals(base.leafHash)).toBe(false);
      expect(hashEvent(base.chainHash, event(1)).chainHash.equals(base.chainHash)).toBe(false);
    });
  });

  describe('given an untouched log and its checkpoints', () => {
    it('then verification passes and checks every checkpoint', () => {
      const log = givenLog(7);
      const result = verify(log, [checkpointOf(log, 3), checkpointOf(log, 7)]);
      expect(result).toMatchObject({ ok: true, eventsChecked: 7, checkpointsChecked: 2, headPosition: '7', firstMismatch: null });
      expect(result.headChainHash).toBe(log[6]!.storedChainHash!.toString('hex'));
    });

    it('then an empty log passes', () => {
      expect(verify([])).toMatchObject({ ok: true, eventsChecked: 0, headChainHash: GENESIS_CHAIN_HASH.toString('hex') });
    });
  });

  describe('when a row was tampered with', () => {
    it('names the edited event: its content no longer matches its hash', () => {
      const log = givenLog(5);
      log[2] = { ...log[2]!, content: { ...log[2]!.content!, data: { message: '已整改' } } };
      expect(verify(log).firstMismatch).toMatchObject({ kind: 'CONTENT_CHANGED', eventNumber: 3, position: '3', eventId: 'event-3' });
    });

    it('names a row inserted without hashes as not written by Rectify (not as changed)', () => {
      const log = givenLog(5);
      log.splice(3, 0, { position: '4', eventId: 'forged', content: event(9), storedLeafHash: null, storedChainHash: null });
      const mismatch = verify(log).firstMismatch;
      expect(mismatch).toMatchObject({ kind: 'NOT_HASHED', eventNumber: 4, eventId: 'forged' });
      expect(mismatch!.message).toContain('no Rectify process wrote it');
      expect(mismatch!.messageZh).toContain('并非 Rectify 写入');
    });

    it('names the event after a removed one: the chain breaks there', () => {
      const log = givenLog(5);
      log.splice(1, 1);
      expect(verify(log).firstMismatch).toMatchObject({ kind: 'CHAIN_BROKEN', eventNumber: 2, position: '3' });
    });

    it('names the first of two swapped events', () => {
      const log = givenLog(5);
      [log[1], log[3]] = [log[3]!, log[1]!];
      expect(verify(log).firstMismatch).toMatchObject({ kind: 'CHAIN_BROKEN', eventNumber: 2, position: '4' });
    });

    it('names an unreadable row', () => {
      const log = givenLog(3);
      log[1] = { ...log[1]!, content: null };
      expect(verify(log).firstMismatch).toMatchObject({ kind: 'UNREADABLE', eventNumber: 2 });
    });

    it('finds an edit whose hashes were all recomputed, by the checkpoint that covers it', () => {
      const log = givenLog(6);
      const checkpoint = checkpointOf(log, 4);
      const rewritten = givenLog(6).map((entry) => entry);
      let previous = GENESIS_CHAIN_HASH;
      for (const [index, entry] of rewritten.entries()) {
        const content = index === 1 ? { ...entry.content!, data: { message: '伪造' } } : entry.content!;
        const hashes = hashEvent(previous, content);
        previous = hashes.chainHash;
        rewritten[index] = { ...entry, content, storedLeafHash: hashes.leafHash, storedChainHash: hashes.chainHash };
      }
      expect(verify(rewritten, [checkpoint]).firstMismatch).toMatchObject({ kind: 'CHECKPOINT_MISMATCH', eventNumber: 4, checkpointTreeSize: 4 });
    });

    it('finds events removed from the end of the log by a checkpoint that covers them', () => {
      const log = givenLog(6);
      const checkpoint = checkpointOf(log, 6);
      expect(verify(log.slice(0, 4), [checkpoint]).firstMismatch).toMatchObject({ kind: 'LOG_TRUNCATED', eventNumber: 5, checkpointTreeSize: 6, position: null });
    });
  });

  describe('checkpoints', () => {
    it('are signed text anyone can read back and check with the public key they name', () => {
      const log = givenLog(8);
      const checkpoint = checkpointOf(log, 8);
      expect(parseCheckpointBody(checkpoint.body)).toEqual({ treeSize: 8, rootHash: checkpoint.rootHash, chainHash: checkpoint.chainHash, headPosition: '8', takenAt: '2026-04-10T01:00:00.000Z' });
      expect(checkpoint.body.split('\n').slice(0, 2)).toEqual(['Rectify ledger v1', '8']);
      expect(checkpointSignatureHolds(checkpoint)).toBe(true);
    });

    it('refuse a forged signature, a changed field or a signature by another key than the one named', () => {
      const log = givenLog(4);
      const checkpoint = checkpointOf(log, 4);
      const byOther = checkpointOf(log, 4, otherKey);
      const forged = [
        { ...checkpoint, rootHash: log[0]!.storedLeafHash! },
        { ...checkpoint, treeSize: 3 },
        { ...checkpoint, signature: byOther.signature },
        { ...checkpoint, body: checkpoint.body.replace('taken 2026', 'taken 2027') },
      ];
      expect(forged.map(checkpointSignatureHolds)).toEqual([false, false, false, false]);
      expect(verify(log, [forged[2]!]).firstMismatch).toMatchObject({ kind: 'CHECKPOINT_SIGNATURE', eventNumber: 4 });
    });

    it('print as the 台账校验码: the number of events and the root in groups of eight hex digits', () => {
      const rootHash = Buffer.from('5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328', 'hex');
      expect(ledgerCode({ treeSize: 1314, rootHash })).toBe('1314-5DC9DA79-A70659A9-AD559CB7-01DED9A2-AB9D823A-AD2F4960-CFE370EF-F4604328');
    });
  });

  describe('when the newest events were removed together with the checkpoints that covered them', () => {
    const witness = say('the store witness w.json (seen 2026-04-10T01:00:00.000Z)', '事件库见证文件 w.json（2026-04-10T01:00:00.000Z）');
    const seenAt = (log: readonly LedgerEntry[], n: number) => ({ position: log[n - 1]!.position, chainHash: log[n - 1]!.storedChainHash!.toString('hex'), eventId: log[n - 1]!.eventId, seenBy: witness });

    it('names the missing range from the head the store witness saw, in English and Chinese', () => {
      const log = givenLog(9);
      const result = verify(log.slice(0, 6), [], { headsSeen: [seenAt(log, 9)] });
      expect(result.firstMismatch).toMatchObject({ kind: 'LOG_TRUNCATED', eventNumber: 7, position: null, missingAfter: '6', missingUpTo: '9' });
      expect(result.firstMismatch!.message).toBe(
        'The log ends after 6 events at position 6, but the store witness w.json (seen 2026-04-10T01:00:00.000Z) shows it reached position 9: the events at positions 7 to 9 were removed.',
      );
      expect(result.firstMismatch!.messageZh).toBe('台账只有 6 条事件，止于位置 6，但事件库见证文件 w.json（2026-04-10T01:00:00.000Z）显示它曾到达位置 9：位置 7 至 9 的事件已被删除。');
    });

    it('names the furthest evidence: a witness beyond a checkpoint beyond the log', () => {
      const log = givenLog(9);
      const result = verify(log.slice(0, 4), [{ ...checkpointOf(log, 6), sequence: 1 }], { headsSeen: [seenAt(log, 8)], checkpointNumbersGiven: 1 });
      expect(result.firstMismatch).toMatchObject({ kind: 'LOG_TRUNCATED', missingAfter: '4', missingUpTo: '8', checkpointTreeSize: 6 });
    });

    it('finds an emptied log, and a lone missing event', () => {
      const log = givenLog(3);
      expect(verify([], [], { headsSeen: [seenAt(log, 3)] }).firstMismatch).toMatchObject({ kind: 'LOG_TRUNCATED', eventNumber: 1, missingAfter: null, missingUpTo: '3' });
      expect(verify(log.slice(0, 2), [], { headsSeen: [seenAt(log, 3)] }).firstMismatch!.messageZh).toContain('位置 3 的事件已被删除');
    });

    it('passes when the log reaches the witnessed head with the same event there, or goes beyond it', () => {
      const log = givenLog(5);
      expect(verify(log, [], { headsSeen: [seenAt(log, 5)] }).ok).toBe(true);
      expect(verify(log, [], { headsSeen: [seenAt(log, 3), { position: '4', seenBy: witness }] }).ok).toBe(true);
    });

    it('finds another event at the witnessed head: the log was rewritten or replaced by another copy', () => {
      const log = givenLog(5);
      const other = givenLog(5).map((entry, index) => (index === 3 ? { ...entry, eventId: 'event-x' } : entry));
      expect(verify(other, [], { headsSeen: [{ ...seenAt(log, 4), chainHash: null }] }).firstMismatch).toMatchObject({ kind: 'HEAD_REWRITTEN', eventNumber: 4, position: '4', eventId: 'event-x' });
      const rehashed = { ...seenAt(log, 4), eventId: null, chainHash: 'ab'.repeat(32) };
      expect(verify(log, [], { headsSeen: [rehashed] }).firstMismatch!.messageZh).toContain('在位置 4 看到的是链哈希为 abab');
      // The event at the witnessed position is gone, later ones are there.
      const skipping = log.filter((_, index) => index !== 3);
      expect(verify(skipping, [], { headsSeen: [seenAt(log, 4)] }).firstMismatch).toMatchObject({ kind: 'HEAD_REWRITTEN', position: '5' });
    });

    it('finds deleted checkpoints by their numbering: a gap, the first ones, or the newest below the highest number given', () => {
      const log = givenLog(8);
      const numbered = [2, 4, 6, 8].map((size, index) => ({ ...checkpointOf(log, size), sequence: index + 1 }));
      expect(verify(log, numbered, { checkpointNumbersGiven: 4 }).ok).toBe(true);
      expect(verify(log, [numbered[0]!, numbered[2]!, numbered[3]!], { checkpointNumbersGiven: 4 }).firstMismatch).toMatchObject({ kind: 'CHECKPOINT_MISSING', eventNumber: 3, checkpointTreeSize: 2 });
      expect(verify(log, numbered.slice(1)).firstMismatch!.message).toContain('Checkpoint 1 is missing before checkpoint 2, the oldest kept: checkpoint 2 follows it');
      // breaker9 F18: "Checkpoint 1–2 is missing before any kept checkpoint" where none was kept.
      const noneKept = verify(log, [], { checkpointNumbersGiven: 2 }).firstMismatch!;
      expect(noneKept.message).toContain('Checkpoints 1–2 are missing (none is kept): the store numbered checkpoints up to 2');
      expect(noneKept.messageZh).toContain('校验点 1–2 缺失（一个都没有留存）');
      const newestGone = verify(log, numbered.slice(0, 2), { checkpointNumbersGiven: 4 }).firstMismatch!;
      expect(newestGone).toMatchObject({ kind: 'CHECKPOINT_MISSING', eventNumber: 5, checkpointTreeSize: 4 });
      expect(newestGone.messageZh).toBe(
        '校验点 3–4 缺失（在校验点 2（北京时间 2026-04-10 09:00:00，涵盖 4 条事件）之后）：事件库已编号至校验点 4，最新的校验点被删除，其涵盖的事件可能也一并被删除（请与打印的台账校验码核对）。',
      );
      expect(verify(log, [], { checkpointNumbersGiven: 2 }).firstMismatch).toMatchObject({ kind: 'CHECKPOINT_MISSING', eventNumber: 1 });
    });

    // breaker9c P7 rest: after an accepted restore the lost checkpoints were named as rows deleted, forever.
    it('names checkpoints lost across an accepted reset as lost in that restore, still missing; a gap before it stays deleted rows', () => {
      const log = givenLog(8);
      // Taken on the 10th, 11th, 12th and 13th; the restore back to checkpoint 1 accepted on the 11th at noon.
      const takenOn = (size: number, day: number) => {
        const { treeSize, rootHash, chainHash, headPosition } = checkpointOf(log, size);
        return { ...signCheckpoint({ treeSize, rootHash, chainHash, headPosition, takenAt: `2026-04-${day}T01:00:00.000Z` }, privateKey), sequence: size / 2 };
      };
      const [first, third, fourth] = [takenOn(2, 10), takenOn(6, 12), takenOn(8, 13)];
      const acceptedBetween = '2026-04-11T12:00:00.000Z';
      const lost = verify(log, [first, third, fourth], { checkpointNumbersGiven: 4, resetAcceptedAt: acceptedBetween }).firstMismatch!;
      expect(lost).toMatchObject({ kind: 'CHECKPOINT_MISSING', eventNumber: 3, checkpointTreeSize: 2 });
      expect(lost.message).toContain(`lost in the restore from an older backup that an operator accepted on ${acceptedBetween} (ACCEPT_STORE_RESET)`);
      expect(lost.messageZh).toContain(`系管理员于${officeInstantZh(acceptedBetween)}接受从较早备份恢复的事件库（ACCEPT_STORE_RESET）时丢失`);
      expect(lost.messageZh).not.toContain('记录被删除');
      // Accepted after both kept neighbours were taken: the gap was there before, rows deleted.
      const later = fourth.takenAt.replace(/^(\d{4})/, (year) => String(Number(year) + 1));
      expect(verify(log, [first, third, fourth], { checkpointNumbersGiven: 4, resetAcceptedAt: later }).firstMismatch!.message).toContain('so its row was deleted');
      // breaker9x S3: acknowledged, the loss of the accepted restore no longer fails the run — still listed; a gap not across it still does.
      const acknowledged = verify(log, [first, third, fourth], { checkpointNumbersGiven: 4, resetAcceptedAt: acceptedBetween, resetAcknowledged: true });
      expect(acknowledged.ok).toBe(true);
      expect(acknowledged.acknowledgedLosses).toEqual([expect.objectContaining({ kind: 'CHECKPOINT_MISSING', eventNumber: 3, acceptedResetAt: acceptedBetween })]);
      const deletedToo = verify(log, [first, third], { checkpointNumbersGiven: 4, resetAcceptedAt: acceptedBetween, resetAcknowledged: true });
      expect(deletedToo.ok).toBe(false);
      expect(deletedToo.firstMismatch!.message).toContain('so the newest were deleted');
      expect(deletedToo.acknowledgedLosses).toHaveLength(1);
      expect(verify(log, [first, third, fourth], { checkpointNumbersGiven: 4, resetAcceptedAt: later, resetAcknowledged: true }).ok).toBe(false);
    });
  });
});

describe('A printed 台账校验码 checked against the log (breaker9y P10)', () => {
  /** The log as a forger without the key leaves it: event `at`'s text changed and every public hash recomputed after it. */
  function rewrittenWhole(log: readonly LedgerEntry[], at: number): LedgerEntry[] {
    let previous = GENESIS_CHAIN_HASH;
    return log.map((entry, index) => {
      const content = index + 1 === at ? { ...entry.content!, data: { ...entry.content!.data, message: '已按期整改（改写）' } } : entry.content!;
      const hashes = hashEvent(previous, content);
      previous = hashes.chainHash;
      return { ...entry, content, storedLeafHash: hashes.leafHash, storedChainHash: hashes.chainHash };
    });
  }
  const printedAt = (log: readonly LedgerEntry[], size: number) => parseLedgerCode(ledgerCode(checkpointOf(log, size)))!;

  it('reads a code as an office copies it back: lower case, full-width or long dashes, spaces and line breaks', () => {
    const code = ledgerCode(checkpointOf(givenLog(9), 9));
    const typed = code.toLowerCase().replace(/-/g, (dash, offset: number) => (offset % 2 === 0 ? '－' : ' — ')).replace(/^(\d+) — /, '$1-');
    expect(parseLedgerCode(typed)?.code).toBe(code);
    expect(parseLedgerCode(`${code.slice(0, 30)}\n${code.slice(30)}`)?.code).toBe(code);
    expect(parseLedgerCode(code.replace(/-/g, ' '))?.code).toBe(code);
    expect(parseLedgerCode(` ${code.replace(/-/g, '  ').toLowerCase()}\n`)?.code).toBe(code);
    expect(parseLedgerCode(code.replace(/-/g, (dash, offset: number) => (offset % 3 === 0 ? ' ' : ' - ')))?.code).toBe(code);
    for (const notACode of ['', '234', '234-585F0E55', `${code}-00000000`, code.replace(/.$/, 'G'), `x${code}`, code.replace(/-/g, ' ').replace(/ (\S+)$/, '$1'), `${code.replace(/-/g, ' ')} 00000000`]) expect(parseLedgerCode(notACode)).toBeNull();
  });

  it('a copy rewritten whole — hashes recomputed, no checkpoint kept — chains, but the printed code names where it differs', () => {
    const log = givenLog(12);
    const printed = printedAt(log, 9);
    const forged = rewrittenWhole(log, 5);
    expect(verify(forged)).toMatchObject({ ok: true, eventsChecked: 12 });
    const result = verify(forged, [], { printedCodes: [printed] });
    expect(result).toMatchObject({ ok: false, printedCodesChecked: 0 });
    expect(result.firstMismatch).toMatchObject({ kind: 'PRINTED_CODE_MISMATCH', eventNumber: 9, position: '9', checkpointTreeSize: 9 });
    expect(result.firstMismatch!.messageZh).toContain(printed.code);
    expect(result.firstMismatch!.messageZh).toContain('打印之后被修改、删除或调换');
  });

  it('the log as printed matches every code given, and every run states the code of what it checked', () => {
    const log = givenLog(12);
    const result = verify(log, [], { printedCodes: [printedAt(log, 12), printedAt(log, 4), printedAt(log, 9)] });
    expect(result).toMatchObject({ ok: true, printedCodesChecked: 3, headLedgerCode: ledgerCode(checkpointOf(log, 12)) });
    expect(verify(log.slice(0, 7)).headLedgerCode).toBe(ledgerCode(checkpointOf(log, 7)));
  });

  // breaker9z P8: the code of 0 events "matched" every store, another office's included.
  it('given any log, when the code of 0 events is given, then it checks nothing: not counted, not a match, named apart; a 0-event code with another root is still a mismatch', () => {
    const log = givenLog(12);
    const nothing = parseLedgerCode('0-E3B0C442-98FC1C14-9AFBF4C8-996FB924-27AE41E4-649B934C-A495991B-7852B855')!;
    expect(nothing.code).toMatch(/^0-E3B0C442-98FC1C14-/);
    const result = verify(log, [], { printedCodes: [nothing, printedAt(log, 9)] });
    expect(result).toMatchObject({ ok: true, printedCodesChecked: 1, printedCodesOfNoEvents: [nothing.code] });
    expect(verify(log, [], { printedCodes: [nothing] })).toMatchObject({ ok: true, printedCodesChecked: 0, printedCodesOfNoEvents: [nothing.code] });
    const wrong = { ...nothing, code: nothing.code.replace(/^0-E3B0C442/, '0-E3B0C443') };
    expect(verify(log, [], { printedCodes: [wrong] })).toMatchObject({ ok: false, printedCodesChecked: 0, printedCodesOfNoEvents: [], firstMismatch: { kind: 'PRINTED_CODE_MISMATCH', eventNumber: 0 } });
  });

  it('a code covering more events than the log holds: the events after its end were removed since it was printed', () => {
    const log = givenLog(12);
    const result = verify(log.slice(0, 10), [], { printedCodes: [printedAt(log, 12)] });
    expect(result.firstMismatch).toMatchObject({ kind: 'LOG_TRUNCATED', eventNumber: 11, missingAfter: '10', checkpointTreeSize: 12 });
    expect(result.firstMismatch!.messageZh).toContain('第 11 至第 12 条事件在打印之后被删除');
  });

  // newcomer46-9 S1: a code covering only events before an edited row got no word at all, and of two codes only the one not
  // matching was reported. Every code given is answered, in the order given, whatever else was found.
  it('given a row edited after the events a code covers, when several codes are given, then each gets its own answer: the earlier one matches, the others say why not', () => {
    const log = givenLog(12);
    const edited = log.map((entry, index) => (index === 9 ? { ...entry, content: { ...entry.content!, data: { message: '已整改', unitId: 'unit-1' } } } : entry));
    const beforeIt = printedAt(log, 8);
    const overIt = printedAt(log, 11);
    const beyond = printedAt(givenLog(14), 14);
    const result = verify(edited, [], { printedCodes: [overIt, beforeIt, beyond] });
    expect(result.firstMismatch).toMatchObject({ kind: 'CONTENT_CHANGED', eventNumber: 10 });
    expect(result.printedCodeAnswers.map((answer) => [answer.code, answer.verdict])).toEqual([
      [overIt.code, 'DIFFERS'],
      [beforeIt.code, 'MATCHES'],
      [beyond.code, 'BEYOND_END'],
    ]);
    expect(result.printedCodeAnswers[1]!.messageZh).toBe(`打印的台账校验码 ${beforeIt.code} 与按内容重新计算的前 8 条事件相符。`);
    expect(result.printedCodeAnswers[2]!.messageZh).toContain('第 13 至第 14 条事件在打印之后被删除——除非校验码抄错');
    expect(result.printedCodesChecked).toBe(1);
  });

  // newcomer46-9 M1 c: a letter O for a 0 was refused as 「不是台账校验码」 without naming it.
  it('given a text that is not a code, then what is wrong is named: the letter O for 0 by group and place, a missing group, a bad count', () => {
    const code = printedAt(givenLog(9), 9).code;
    const withO = code.replace(/^(9-[0-9A-F]{8}-[0-9A-F]{3})[0-9A-F]/, '$1O');
    expect(parseLedgerCode(withO)).toBeNull();
    expect(ledgerCodeFault(withO).zh).toBe('第 2 组第 4 位是字母 O，应为数字 0（校验码只含 0–9 和 A–F）');
    expect(ledgerCodeFault(withO.toLowerCase()).en).toBe('group 2, character 4: the letter O, where the digit 0 belongs (a code holds only 0–9 and A–F)');
    expect(ledgerCodeFault('234-585F0E55').zh).toBe('事件条数之后有 1 组，应为 8 组');
    expect(ledgerCodeFault(code.replace(/^9-/, 'x9-')).zh).toBe('事件条数「X9」不是数字');
    expect(ledgerCodeFault(code.replace(/-[0-9A-F]{8}$/, '-1234567')).zh).toBe('第 8 组有 7 位，应为 8 位');
    expect(ledgerCodeFault(code.replace(/.$/, 'G')).zh).toBe('第 8 组第 8 位「G」不是十六进制数字（0–9、A–F）');
  });

  // newcomer46-9 S2: a drill's file copied back over production's, diverged after the backup: the drill's rows begin before the
  // head production's witness saw, and that head was told HEAD_REWRITTEN — the README names it STORE_FROM_OTHER_COPY.
  it('given another copy\'s records beginning before a head this copy\'s witness saw, then STORE_FROM_OTHER_COPY is named where they begin, not HEAD_REWRITTEN', () => {
    const log = givenLog(12);
    const result = verify(log, [], {
      headsSeen: [{ position: '10', chainHash: 'ff'.repeat(32), seenBy: say('the store witness', '事件库见证文件') }],
      witnessProblem: { kind: 'STORE_FROM_OTHER_COPY', message: say('Another copy wrote 9–12.', '另一副本写入了位置 9–12。'), firstEvent: 9 },
    });
    expect(result.firstMismatch).toMatchObject({ kind: 'STORE_FROM_OTHER_COPY', eventNumber: 9, position: '9' });
    expect(result.eventsChecked).toBe(8);
  });

  it('given a code mismatching first, then a later right code is still compared and confirmed', () => {
    const log = givenLog(12);
    const right = printedAt(log, 12);
    const typo = parseLedgerCode(printedAt(log, 6).code.replace(/.$/, (last) => (last === '0' ? '1' : '0')))!;
    const result = verify(log, [], { printedCodes: [typo, right] });
    expect(result.firstMismatch).toMatchObject({ kind: 'PRINTED_CODE_MISMATCH', eventNumber: 6 });
    expect(result.printedCodeAnswers.map((answer) => answer.verdict)).toEqual(['DIFFERS', 'MATCHES']);
  });

  // newcomer50-9 M4: a code miscopied by one character stopped the whole check at its count (196 of 729 events checked, and
  // 「当前台账校验码」 was that count's).
  it('given a miscopied code, then the rest of the ledger is still checked to its end, and a finding in it comes first', () => {
    const log = givenLog(12);
    const typo = parseLedgerCode(printedAt(log, 6).code.replace(/.$/, (last) => (last === '0' ? '1' : '0')))!;
    const result = verify(log, [], { printedCodes: [typo] });
    expect(result).toMatchObject({ ok: false, eventsChecked: 12, headLedgerCode: printedAt(log, 12).code });
    expect(result.firstMismatch).toMatchObject({ kind: 'PRINTED_CODE_MISMATCH', eventNumber: 6 });
    const changed = log.map((entry, index) => (index === 8 ? { ...entry, content: { ...entry.content!, data: { message: '改过' } } } : entry));
    const both = verify(changed, [], { printedCodes: [typo] });
    expect(both.firstMismatch).toMatchObject({ kind: 'CONTENT_CHANGED', eventNumber: 9 });
    expect(both.printedCodeAnswers.map((answer) => answer.verdict)).toEqual(['DIFFERS']);
  });

  it('given an unreadable row, then a code covering it is answered as not compared, naming the row', () => {
    const log = givenLog(12);
    const damaged = log.map((entry, index) => (index === 4 ? { ...entry, content: null } : entry));
    const result = verify(damaged, [], { printedCodes: [printedAt(log, 3), printedAt(log, 9)] });
    expect(result.printedCodeAnswers.map((answer) => answer.verdict)).toEqual(['MATCHES', 'NOT_COMPARED']);
    expect(result.printedCodeAnswers[1]!.messageZh).toContain('未作比对：其中第 5 条事件（位置 5）无法读取');
  });

  // newcomer46-9 M1: a miscopied code was told as tampering (「在打印之后被删除」, 「其哈希和校验点也被一并改写」).
  describe('a miscopied code is said to be most likely miscopied, not events changed or removed', () => {
    const log = givenLog(12);
    const nine = { ...checkpointOf(log, 9), sequence: 1 };

    it('given one character of the root miscopied, then the answer names the group and character, printed and recomputed', () => {
      const right = printedAt(log, 9).code;
      const typo = parseLedgerCode(right.replace(/^(9-[0-9A-F]{8}-[0-9A-F]{2})([0-9A-F])/, (all, before: string, char: string) => `${before}${char === '0' ? '1' : '0'}`))!;
      const answer = verify(log, [], { printedCodes: [typo] }).printedCodeAnswers[0]!;
      expect(answer).toMatchObject({ verdict: 'DIFFERS', likelyMiscopied: true, recomputed: right });
      expect(answer.messageZh).toContain('两者只有 1 个字符不同（第 2 组第 3 位');
      expect(answer.messageZh).toContain('很可能抄错');
      expect(answer.messageZh).not.toContain('被修改、删除或调换');
    });

    it('given the count miscopied (its root is a signed checkpoint\'s), then it is not called events deleted', () => {
      const miscopied = parseLedgerCode(printedAt(log, 9).code.replace(/^9-/, '99-'))!;
      const answer = verify(log, [nine], { printedCodes: [miscopied] }).printedCodeAnswers[0]!;
      expect(answer).toMatchObject({ verdict: 'BEYOND_END', likelyMiscopied: true });
      expect(answer.messageZh).toContain('已签署的第 1 号校验点（涵盖 9 条事件）的相同');
      expect(answer.messageZh).not.toContain('被删除');
    });

    it('given a root wholly unlike while the signed checkpoint of that count holds the recomputed one, then it is most likely miscopied', () => {
      const other = parseLedgerCode(`9-${printedAt(log, 5).code.split('-').slice(1).join('-')}`)!;
      const answer = verify(log, [nine], { printedCodes: [other] }).printedCodeAnswers[0]!;
      expect(answer).toMatchObject({ verdict: 'DIFFERS', likelyMiscopied: true });
      expect(answer.messageZh).toContain(`本单位已签署的第 1 号校验点（同为 9 条事件）读作 ${ledgerCode(nine)}`);
      // Without such a checkpoint, both readings are said, the miscopy first.
      const unsure = verify(log, [], { printedCodes: [other] }).printedCodeAnswers[0]!;
      expect(unsure).toMatchObject({ verdict: 'DIFFERS', likelyMiscopied: false });
      expect(unsure.messageZh).toContain('要么校验码抄错');
    });
  });

  it('two events swapped, their hashes recomputed: the code of any size past the first of them differs', () => {
    const log = givenLog(8);
    const printed = printedAt(log, 8);
    let previous = GENESIS_CHAIN_HASH;
    const swapped = [log[0]!, log[2]!, log[1]!, ...log.slice(3)].map((entry, index) => {
      const hashes = hashEvent(previous, entry.content!);
      previous = hashes.chainHash;
      return { ...entry, position: String(index + 1), storedLeafHash: hashes.leafHash, storedChainHash: hashes.chainHash };
    });
    expect(verify(swapped, [], { printedCodes: [printed] }).firstMismatch?.kind).toBe('PRINTED_CODE_MISMATCH');
  });
});

// newcomer50-9 S2: a rotation declared once is remembered as a former key, for what it signed before the rotation.
describe('Checkpoints signed by a former key of the office', () => {
  const log = givenLog(6);
  const fingerprintOf = (key: typeof privateKey) => keyFingerprint(publicKeyText(key));
  const now = [fingerprintOf(privateKey)];
  const former = [{ fingerprint: fingerprintOf(otherKey), upToEvents: 3, declaredAt: '2026-04-11T01:00:00.000Z' }];

  it('trusts one over no more events than the key signed before it was replaced, without LEDGER_TRUSTED_KEYS', () => {
    const result = verify(log, [checkpointOf(log, 3, otherKey), checkpointOf(log, 6)], { trustedKeys: now, formerKeys: former });
    expect(result).toMatchObject({ ok: true, checkpointsChecked: 2, eventsChecked: 6 });
  });

  it('names one the old key signed past that (whoever still holds it) as another’s, the instant in Beijing time', () => {
    const result = verify(log, [checkpointOf(log, 5, otherKey)], { trustedKeys: now, formerKeys: former });
    expect(result.firstMismatch?.kind).toBe('CHECKPOINT_FOREIGN_KEY');
    expect(result.firstMismatch?.messageZh).toContain(officeInstantZh('2026-04-10T01:00:00.000Z'));
    expect(result.firstMismatch?.messageZh).not.toContain('2026-04-10T01:00:00.000Z');
    expect(result.firstMismatch?.messageZh).toContain('至多 3 条事件');
  });

  it('tells how to declare an unknown key that may be the office’s own', () => {
    const result = verify(log, [checkpointOf(log, 3, otherKey)], { trustedKeys: now });
    expect(result.firstMismatch?.kind).toBe('CHECKPOINT_FOREIGN_KEY');
    expect(result.firstMismatch?.messageZh).toContain(`LEDGER_TRUSTED_KEYS=${fingerprintOf(otherKey)}`);
  });
});

describe('formerKeysDeclared', () => {
  it('remembers each listed key that signed a stored checkpoint, up to the most events it covered, and nothing already known', () => {
    const checkpoints = [
      { signer: 'aaaaaaaaaaaaaaaa', treeSize: 10 },
      { signer: 'aaaaaaaaaaaaaaaa', treeSize: 40 },
      { signer: 'bbbbbbbbbbbbbbbb', treeSize: 60 },
      { signer: 'cccccccccccccccc', treeSize: 70 },
    ];
    const at = '2026-04-11T01:00:00.000Z';
    expect(formerKeysDeclared(checkpoints, ['aaaaaaaaaaaaaaaa', 'cccccccccccccccc'], 'bbbbbbbbbbbbbbbb', [], at)).toEqual([
      { fingerprint: 'aaaaaaaaaaaaaaaa', upToEvents: 40, declaredAt: at },
      { fingerprint: 'cccccccccccccccc', upToEvents: 70, declaredAt: at },
    ]);
    expect(formerKeysDeclared(checkpoints, ['aaaaaaaaaaaaaaaa'], 'bbbbbbbbbbbbbbbb', [{ fingerprint: 'aaaaaaaaaaaaaaaa', upToEvents: 40, declaredAt: at }], at)).toEqual([]);
    expect(mergedFormerKeys([{ fingerprint: 'aaaaaaaaaaaaaaaa', upToEvents: 10, declaredAt: at }], [{ fingerprint: 'aaaaaaaaaaaaaaaa', upToEvents: 40, declaredAt: '2026-04-12T01:00:00.000Z' }])).toEqual([
      { fingerprint: 'aaaaaaaaaaaaaaaa', upToEvents: 40, declaredAt: at },
    ]);
  });
});
