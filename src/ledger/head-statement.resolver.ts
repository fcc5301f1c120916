import { Args, ArgsType, Field, Query, Resolver } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ValidateNested } from 'class-validator';
import { Public } from '../access/authorization/access-policy.js';
import { HeadStatements } from './head-statements.js';
import { LedgerHeadStatementInput, LedgerHeadStatementType, LedgerHeadWitnessingType, toHeadCheckType, toHeadStatementType } from './head-statement.types.js';
import type { SignedHeadStatement } from './domain/head-statement.js';
import { priced } from '../shared/graphql/query-cost.js';

/**
 * One Ed25519 signature checked (a statement handed back, read out and judged): about 0.4 ms of the
 * event loop (480 in 0.2 s at load 3), as 30 fields from memory.
 */
export const SIGNATURE_CHECK_COST = 30;

@ArgsType()
class WitnessLedgerHeadArgs {
  @Field(() => [LedgerHeadStatementInput], { defaultValue: [], description: 'The statements this client kept (at most 8: the newest per store)' })
  @ArrayMaxSize(8)
  @ValidateNested({ each: true })
  @Type(() => LedgerHeadStatementInput)
  seen: LedgerHeadStatementInput[];
}

/**
 * Signed head statements (breaker9c P8). A query, though a proof handed back stops writes: like
 * /health noticing a deleted store file, it is the server learning its own state, and nothing is
 * appended. Public, so that the sign-in page hands them back too —
 * a statement proves something only with the office key's signature, which no caller can forge.
 */
@Resolver()
export class HeadStatementResolver {
  /** The served statement read out (its own signature checked once), kept while the head stays: it is signed again only when the log grows. */
  private readOut: { readonly statement: SignedHeadStatement | null; readonly type: LedgerHeadStatementType | null } | null = null;

  constructor(private readonly statements: HeadStatements) {}

  @Query(() => LedgerHeadWitnessingType, {
    description:
      'The statement of the head served now, and the ledger head statements this client kept, handed back and judged (no sign-in needed; appends nothing). A statement proving the log no longer reaches what this server once signed for (LOG_ROLLED_BACK / LOG_REWRITTEN) stops writes (STORE_UNAVAILABLE, /health degraded LOG_ROLLED_BACK) and fails verifyLedger.',
  })
  @Public()
  // Public, so priced by the signatures it checks (breaker12f P13); its aliases are answered once (once-a-request.ts).
  @priced({ build: (args) => SIGNATURE_CHECK_COST * (Array.isArray(args.seen) ? args.seen.length : 0) })
  ledgerHead(@Args() { seen }: WitnessLedgerHeadArgs): LedgerHeadWitnessingType {
    const judged = this.statements.present(seen);
    return { checks: judged.map((judgement, index) => toHeadCheckType(judgement, seen[index]!)), current: this.current() };
  }

  private current(): LedgerHeadStatementType | null {
    const statement = this.statements.current();
    if (this.readOut?.statement !== statement) this.readOut = { statement, type: toHeadStatementType(statement) };
    return this.readOut.type;
  }
}
