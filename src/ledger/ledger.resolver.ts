import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { AllowRoles } from '../access/authorization/access-policy.js';
import { LedgerService } from './ledger.service.js';
import { EventInclusionProofType, LedgerCheckpointType, LedgerVerificationType, toCheckpointType, toProofType, toVerificationType } from './ledger.types.js';
import { EXPECTED_ITEMS, STREAM_READ_COST, priced } from '../shared/graphql/query-cost.js';

/**
 * A proof reads the stored leaf hashes of at most two blocks of 256 events and one event, and hashes
 * about a block's worth (breaker12e P5): priced as one stream read, so a query holds at most
 * GRAPHQL_MAX_COST / 500 of them (40 by default) where 150 whole-tree proofs were accepted.
 */
export const PROOF_COST = STREAM_READ_COST;

/**
 * A verification reads and hashes the whole log (in slices, one at a time: breaker12e P6): priced at
 * more than half a query's default budget (GRAPHQL_MAX_COST 20,000), so an operation asks for it once;
 * verifications asked for while one runs share its run (LedgerService.verify).
 */
export const VERIFICATION_COST = 12_000;

/** The tamper-evident ledger: verification and checkpoints for administrators, the printed codes for supervisors too. */
@Resolver()
export class LedgerResolver {
  constructor(private readonly ledger: LedgerService) {}

  @priced({ read: VERIFICATION_COST })
  @Query(() => LedgerVerificationType, { description: 'Recompute every event hash, the chain and every checkpoint; name the first mismatch (ADMIN). Reads the whole log.' })
  @AllowRoles('ADMIN')
  async verifyLedger() {
    return toVerificationType(await this.ledger.verify());
  }

  @priced({ items: EXPECTED_ITEMS.checkpoints })
  @Query(() => [LedgerCheckpointType], { description: 'Signed checkpoints, newest first: their 台账校验码 is what the annual report prints (ADMIN, SUPERVISOR)' })
  @AllowRoles('ADMIN', 'SUPERVISOR')
  async ledgerCheckpoints() {
    return (await this.ledger.checkpoints()).map(toCheckpointType);
  }

  @priced({ read: PROOF_COST })
  @Query(() => EventInclusionProofType, { description: 'Prove that an event is covered by a checkpoint, in log₂(treeSize) hashes (ADMIN, SUPERVISOR)' })
  @AllowRoles('ADMIN', 'SUPERVISOR')
  async proveEvent(@Args('eventId', { type: () => ID }) eventId: string, @Args('checkpoint', { type: () => Int, description: 'The checkpoint sequence number' }) checkpoint: number) {
    return toProofType(await this.ledger.prove(eventId, checkpoint));
  }

  @Mutation(() => LedgerCheckpointType, {
    description: 'Sign a checkpoint of the log head now (ADMIN). When nothing was appended since the latest checkpoint, that one is answered: no idempotency key is needed.',
  })
  @AllowRoles('ADMIN')
  async takeLedgerCheckpoint() {
    return toCheckpointType((await this.ledger.takeCheckpoint()).checkpoint);
  }
}
