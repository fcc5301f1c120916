import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { IsString, MaxLength } from 'class-validator';
import { graphqlEnum } from '../shared/graphql/enum.js';
import { HeadStatementFindings, readHeadStatement, type HeadStatementFinding, type HeadStatementJudgement, type SignedHeadStatement } from './domain/head-statement.js';

export const HeadStatementFindingEnum = graphqlEnum(
  HeadStatementFindings,
  'LedgerHeadFinding',
  'What a ledger head statement handed back says about the log served now: CURRENT; NOT_VALID / NOT_OURS (nothing concluded); OTHER_STORE; OTHER_COPY (signed by another copy of this store: a training copy, a restore drill; nothing concluded); LOG_ROLLED_BACK / LOG_REWRITTEN (proven: writes are refused); LOST_IN_ACCEPTED_RESET (an operator accepted the loss)',
);

@ObjectType('LedgerHeadStatement', {
  description:
    '台账现状凭证: the head this server serves, signed with the office ledger key (Ed25519 over body). Keep the newest one per storeId and copy and hand it back with the ledgerHead query: a log restored older, witnesses and all, is then proven rolled back by the server\'s own signature.',
})
export class LedgerHeadStatementType {
  @Field(() => String, { description: 'The signed text (lines: "Rectify ledger head v2", store, copy, position, chain, signed; v1 statements have no copy line)' }) body: string;
  @Field(() => String, { description: 'Ed25519 public key, raw 32 bytes base64url' }) publicKey: string;
  @Field(() => String, { description: 'Ed25519 signature over body, base64' }) signature: string;
  @Field(() => ID) storeId: string;
  @Field(() => String, {
    nullable: true,
    description: 'The copy of the store that signed it: 12 hex digits of SHA-256 of its place (the SQLite file\'s absolute path). A statement proves something only about the copy that signed it. Null for a v1 statement',
  })
  copy: string | null;
  @Field(() => String, { description: 'Global position of the head event' }) position: string;
  @Field(() => String, { description: 'Chain hash of the head event, hex' }) chainHash: string;
  @Field(() => String, { description: 'ISO-8601 instant the server signed it' }) signedAt: string;
  @Field(() => String, { description: 'First 16 hex digits of SHA-256 of the public key' }) keyFingerprint: string;
}

/** A statement with its signed fields read out; null when it is not a valid one. */
export function toHeadStatementType(statement: SignedHeadStatement | null): LedgerHeadStatementType | null {
  const head = statement && readHeadStatement(statement);
  return head ? { ...statement, ...head } : null;
}

@InputType('LedgerHeadStatementInput', { description: 'A ledger head statement as the ledgerHead query gave it: body, publicKey and signature, unchanged' })
export class LedgerHeadStatementInput {
  @Field(() => String) @IsString() @MaxLength(400) body: string;
  @Field(() => String) @IsString() @MaxLength(100) publicKey: string;
  @Field(() => String) @IsString() @MaxLength(200) signature: string;
}

@ObjectType('LedgerHeadCheck', { description: 'What one statement handed back says about the log served now' })
export class LedgerHeadCheckType {
  @Field(() => HeadStatementFindingEnum) finding: HeadStatementFinding;
  @Field(() => LedgerHeadStatementType, { nullable: true, description: 'The statement handed back, read out; null when NOT_VALID' }) statement: LedgerHeadStatementType | null;
  @Field(() => String) message: string;
  @Field(() => String) messageZh: string;
}

export const toHeadCheckType = (judged: HeadStatementJudgement, statement: SignedHeadStatement): LedgerHeadCheckType => ({
  finding: judged.finding,
  statement: judged.head ? { ...statement, ...judged.head } : null,
  message: judged.message.en,
  messageZh: judged.message.zh,
});

@ObjectType('LedgerHeadWitnessing', { description: 'The statements handed back, judged, and the statement of the head served now' })
export class LedgerHeadWitnessingType {
  @Field(() => [LedgerHeadCheckType], { description: 'One per statement handed back, in their order (none on EventStoreDB, which gives no statements)' }) checks: LedgerHeadCheckType[];
  @Field(() => LedgerHeadStatementType, {
    nullable: true,
    description: 'The head served now, signed; null for an empty log, an EventStoreDB store, or while writes are refused (a log the server cannot vouch for)',
  })
  current: LedgerHeadStatementType | null;
}
