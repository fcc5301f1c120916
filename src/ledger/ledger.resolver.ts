import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { AllowRoles } from '../access/authorization/access-policy.js';
import { LedgerService } from './ledger.service.js';
import { EventInclusionProofType, LedgerCheckpointType, LedgerVerificationType, toCheckpointType, toProofType, toVerificationType } from './ledger.types.js';
import { EXPECTED_ITEMS, priced } from '../shared/graphql/query-cost.js';

/** The tamper-evident ledger: verification and checkpoints for administrators, the printed codes for supervisors too. */
@Resolver()
export class LedgerResolver {
  constructor(private readonly ledger: LedgerService) {}

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
