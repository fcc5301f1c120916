import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { graphqlEnum } from '../shared/graphql/enum.js';
import { checkpointAlteration, keyFingerprint, ledgerCode, signedHeadOf } from './domain/checkpoint.js';
import { MismatchKinds, type LedgerVerificationResult, type MismatchKind } from './domain/ledger-verification.js';
import { PrintedCodeVerdicts, type PrintedCodeVerdict } from './domain/printed-code-answers.js';
import type { EventInclusionProof } from './ledger-operations.js';
import type { StoredCheckpoint } from './ledger.port.js';

export const LedgerMismatchKindEnum = graphqlEnum(MismatchKinds, 'LedgerMismatchKind', 'What kind of tampering the ledger verification found');

@ObjectType('LedgerCheckpoint', { description: 'A signed statement of the log head: RFC 6962 Merkle root over the first treeSize events, signed with Ed25519.' })
export class LedgerCheckpointType {
  @Field(() => Int, { description: 'Number of the checkpoint, in the order taken (1, 2, …)' }) sequence: number;
  @Field(() => Int, { description: 'Events covered: the first treeSize events of the log in global order' }) treeSize: number;
  @Field(() => String, {
    nullable: true,
    description: '台账校验码: event count and root hash in groups of eight hex digits, to print in the annual report — as signed (from the signed body); null when the checkpoint\'s signed text or signature was changed (altered)',
  })
  ledgerCode: string | null;
  @Field(() => String, { description: 'RFC 6962 Merkle root, hex' }) rootHash: string;
  @Field(() => String, { description: 'Chain hash of the last event covered, hex' }) chainHash: string;
  @Field(() => String, { description: 'Global position of the last event covered (empty for an empty log)' }) headPosition: string;
  @Field(() => String, { description: 'ISO-8601 instant the checkpoint was taken' }) takenAt: string;
  @Field(() => String, { description: 'The signed text' }) body: string;
  @Field(() => String, { description: 'Ed25519 signature over body, base64' }) signature: string;
  @Field(() => String, { description: 'Ed25519 public key, raw 32 bytes base64url' }) publicKey: string;
  @Field(() => String, { description: 'First 16 hex digits of SHA-256 of the public key' }) keyFingerprint: string;
  @Field(() => Boolean, { description: 'True when the stored checkpoint is not what the office signed (its row edited in the store file): the store reads LOG_ALTERED' })
  altered: boolean;
  @Field(() => String, { nullable: true, description: 'What was changed, naming the checkpoint and each signed value beside the stored one; null when not altered' })
  alteration: string | null;
  @Field(() => String, { nullable: true, description: 'The same in Chinese (校验点 #1 的记录在事件库文件中被改动：…)' })
  alterationZh: string | null;
}

/**
 * A stored checkpoint as the API shows it: its head as signed (`signedHeadOf`) — never a column the signature does not cover
 * (breaker9a P3: an edited row's date and 台账校验码 were served and printed as the office's) — and whether, and how, the row
 * was altered (`checkpointAlteration`). A checkpoint whose signed text itself was changed shows its stored head, no 台账校验码.
 */
export const toCheckpointType = (checkpoint: StoredCheckpoint): LedgerCheckpointType => {
  const signed = signedHeadOf(checkpoint);
  const head = signed ?? checkpoint;
  const alteration = checkpointAlteration(checkpoint);
  return {
    sequence: checkpoint.sequence,
    treeSize: head.treeSize,
    ledgerCode: signed ? ledgerCode(signed) : null,
    rootHash: head.rootHash.toString('hex'),
    chainHash: head.chainHash.toString('hex'),
    headPosition: head.headPosition,
    takenAt: head.takenAt,
    body: checkpoint.body,
    signature: checkpoint.signature,
    publicKey: checkpoint.publicKey,
    keyFingerprint: keyFingerprint(checkpoint.publicKey),
    altered: alteration !== null,
    alteration: alteration?.en ?? null,
    alterationZh: alteration?.zh ?? null,
  };
};

@ObjectType('LedgerMismatch', { description: 'The first place where the stored log does not match its hashes or checkpoints' })
export class LedgerMismatchType {
  @Field(() => LedgerMismatchKindEnum) kind: MismatchKind;
  @Field(() => Int, { description: '1-based number of the event in global order' }) eventNumber: number;
  @Field(() => String, { nullable: true, description: 'Its global position; null when the log ends before it' }) position: string | null;
  @Field(() => ID, { nullable: true }) eventId: string | null;
  @Field(() => Int, { nullable: true, description: 'Size of the checkpoint concerned' }) checkpointTreeSize: number | null;
  @Field(() => String, { nullable: true, description: 'LOG_TRUNCATED: the last position left (null when none is); the missing events come after it' })
  missingAfter: string | null;
  @Field(() => String, { nullable: true, description: 'LOG_TRUNCATED: the furthest position the log is known to have reached (a checkpoint, the store witness, the store\'s own records)' })
  missingUpTo: string | null;
  @Field(() => String) message: string;
  @Field(() => String) messageZh: string;
}

export const PrintedCodeVerdictEnum = graphqlEnum(
  PrintedCodeVerdicts,
  'PrintedCodeVerdict',
  'How a printed 台账校验码 compares with the first N events recomputed from their content: MATCHES, DIFFERS, BEYOND_END (the log holds fewer), NOT_COMPARED (an event among them cannot be read, or the store could not be read)',
);

@ObjectType('PrintedCodeAnswer', { description: 'One printed 台账校验码 asked about (codes), with its own answer whatever else the verification found' })
export class PrintedCodeAnswerType {
  @Field(() => String, { description: 'The code as printed, normalised (upper case, ASCII hyphens)' }) code: string;
  @Field(() => Int, { description: 'Events it covers' }) treeSize: number;
  @Field(() => PrintedCodeVerdictEnum) verdict: PrintedCodeVerdict;
  @Field(() => Boolean, { description: 'The code was most likely miscopied (a few characters off, or a signed checkpoint holds it for another count)' }) likelyMiscopied: boolean;
  @Field(() => String, { nullable: true, description: 'DIFFERS: the code the first treeSize events give, recomputed' }) recomputed: string | null;
  @Field(() => String) message: string;
  @Field(() => String) messageZh: string;
}

@ObjectType('LedgerVerification', { description: 'The ledger recomputed from the events: every hash, the chain and every checkpoint' })
export class LedgerVerificationType {
  @Field(() => Boolean) ok: boolean;
  @Field(() => Int) eventsChecked: number;
  @Field(() => Int) checkpointsChecked: number;
  @Field(() => String, { nullable: true }) headPosition: string | null;
  @Field(() => String, { description: 'Recomputed chain hash of the last event, hex' }) headChainHash: string;
  @Field(() => LedgerMismatchType, { nullable: true }) firstMismatch: LedgerMismatchType | null;
  @Field(() => [String], { description: 'Fingerprints of the keys that signed the checkpoints' }) signingKeys: string[];
  @Field(() => Int, { description: 'How many of the printed codes asked about (codes) the recomputed log matched' }) printedCodesChecked: number;
  @Field(() => [PrintedCodeAnswerType], { description: 'Each printed code asked about (codes), in the order given, with its own answer' }) printedCodeAnswers: PrintedCodeAnswerType[];
  @Field(() => String, {
    nullable: true,
    description: '台账校验码 of the events checked, recomputed from their content: what a code printed for that many events must read; null when nothing could be verified',
  })
  headLedgerCode: string | null;
}

export const toVerificationType = (result: LedgerVerificationResult): LedgerVerificationType => ({
  ...result,
  firstMismatch: result.firstMismatch && { missingAfter: null, missingUpTo: null, ...result.firstMismatch },
  signingKeys: [...result.signingKeys],
  printedCodeAnswers: [...result.printedCodeAnswers],
});

@ObjectType('EventInclusionProof', {
  description:
    'RFC 6962 audit path proving that an event is among those a checkpoint covers. Check: SHA-256(0x00 || canonicalEvent) = leafHash (when withheldFields is empty), then fold auditPath from leafHash up to checkpoint.rootHash (RFC 9162 §2.1.3.2). Credentials (a password hash, a token\'s SHA-256) never leave the server: they are withheld from canonicalEvent, each shown as WITHHELD:sha256:<SHA-256 of its canonical JSON>, and listed in withheldFields; the leaf hash\'s inclusion is checked the same, and putting a disclosed value back in place of its WITHHELD string gives the leaf data again.',
})
export class EventInclusionProofType {
  @Field(() => ID) eventId: string;
  @Field(() => String) position: string;
  @Field(() => Int, { description: '0-based index of the leaf' }) leafIndex: number;
  @Field(() => String, { description: "The leaf data: the event's canonical JSON, credentials withheld (see withheldFields)" }) canonicalEvent: string;
  @Field(() => [String], { description: 'Fields withheld from canonicalEvent as credentials (e.g. data.passwordHash); empty for most events' }) withheldFields: string[];
  @Field(() => String, { description: 'SHA-256(0x00 || leaf data), hex: of canonicalEvent itself when nothing was withheld' }) leafHash: string;
  @Field(() => [String], { description: 'Sibling hashes, leaf side first, hex' }) auditPath: string[];
  @Field(() => LedgerCheckpointType) checkpoint: LedgerCheckpointType;
}

export const toProofType = (proof: EventInclusionProof): EventInclusionProofType => ({ ...proof, checkpoint: toCheckpointType(proof.checkpoint) });
