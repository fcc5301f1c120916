import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { AllowRoles } from '../access/authorization/access-policy.js';
import { LedgerService } from './ledger.service.js';
import { EventInclusionProofType, LedgerCheckpointType, LedgerVerificationType, toCheckpointType, toProofType, toVerificationType } from './ledger.types.js';
import { EXPECTED_ITEMS, STREAM_READ_COST, priced } from '../shared/graphql/query-cost.js';
import { ledgerCodeFault, noEventsCodeWords, parseLedgerCode, type PrintedLedgerCode } from './domain/checkpoint.js';
import { DomainError, say } from '../shared/domain-error.js';
import { CurrentRequester, type Requester } from '../shared/graphql/requester.js';
import { isAccountStream } from '../access/domain/user.events.js';

/**
 * An account's events (sign-ins with their addresses and browsers, passwords set, tokens issued,
 * locks) are an ADMIN's to read, as `users` is: a SUPERVISOR proving one read them all the same
 * (breaker9z S2's kind — the credentials in them are withheld from everyone besides).
 * @throws DomainError FORBIDDEN, reason ACCOUNT_EVENT, for an account's stream.
 */
function refuseAccountEvents(streamId: string): void {
  if (!isAccountStream(streamId)) return;
  throw new DomainError(
    'FORBIDDEN',
    say('Only administrators may prove an account’s events (sign-ins, passwords, tokens).', '只有系统管理员可以证明账号的记录（登录、设置密码、签发令牌等）。'),
    { reason: 'ACCOUNT_EVENT', field: 'eventId' },
  );
}

/** The most printed codes one verification compares: a year's reports hold a handful. */
const MAX_PRINTED_CODES = 20;

/**
 * The printed 台账校验码 an ADMIN typed in, read (`parseLedgerCode`).
 * @throws DomainError BAD_USER_INPUT (field `codes`) naming the first one that is not a code, or more than MAX_PRINTED_CODES.
 */
function printedCodesOf(codes: readonly string[]): PrintedLedgerCode[] {
  if (codes.length > MAX_PRINTED_CODES) {
    throw new DomainError('BAD_USER_INPUT', say(`At most ${MAX_PRINTED_CODES} ledger codes can be compared at once.`, `一次最多核对 ${MAX_PRINTED_CODES} 个台账校验码。`), { field: 'codes' });
  }
  return codes.map((text, index) => {
    const printed = parseLedgerCode(text);
    const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
    if (printed?.treeSize === 0) {
      throw new DomainError('BAD_USER_INPUT', noEventsCodeWords(say(`Ledger code ${index + 1} 「${shown}」`, `第 ${index + 1} 个台账校验码「${shown}」`)), { field: 'codes' });
    }
    if (printed) return printed;
    // newcomer46-9 M1 c: which character or group is wrong (a letter O for a 0), first.
    const fault = ledgerCodeFault(text);
    throw new DomainError(
      'BAD_USER_INPUT',
      say(
        `Ledger code ${index + 1} 「${shown}」 is not a 台账校验码${fault.en ? ` (${fault.en})` : ''}: it is the number of events, then eight groups of eight hex digits, e.g. 234-585F0E55-499E164B-0B5EF0A0-D634DD86-4C1CB0A4-4FAC2606-79148EE2-6E71BD7E.`,
        `第 ${index + 1} 个台账校验码「${shown}」格式不对${fault.zh ? `（${fault.zh}）` : ''}：应为事件条数，后接 8 组、每组 8 位的十六进制数字（0–9、A–F），以“-”分隔，例如 234-585F0E55-499E164B-0B5EF0A0-D634DD86-4C1CB0A4-4FAC2606-79148EE2-6E71BD7E。`,
      ),
      { field: 'codes' },
    );
  });
}

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
  async verifyLedger(
    @Args('codes', {
      type: () => [String],
      nullable: true,
      description: '台账校验码 printed earlier (annual report), each compared with the root of that many events recomputed from their content; at most 20',
    })
    codes?: string[] | null,
  ) {
    return toVerificationType(await this.ledger.verify(printedCodesOf(codes ?? [])));
  }

  @priced({ items: EXPECTED_ITEMS.checkpoints })
  @Query(() => [LedgerCheckpointType], { description: 'Signed checkpoints, newest first: their 台账校验码 is what the annual report prints (ADMIN, SUPERVISOR)' })
  @AllowRoles('ADMIN', 'SUPERVISOR')
  async ledgerCheckpoints() {
    return (await this.ledger.checkpoints()).map(toCheckpointType);
  }

  @priced({ read: PROOF_COST })
  @Query(() => EventInclusionProofType, {
    description:
      'Prove that an event is covered by a checkpoint, in log₂(treeSize) hashes (ADMIN, SUPERVISOR; an account\'s events — sign-ins, passwords, tokens — ADMIN only: FORBIDDEN, reason ACCOUNT_EVENT)',
  })
  @AllowRoles('ADMIN', 'SUPERVISOR')
  async proveEvent(
    @Args('eventId', { type: () => ID }) eventId: string,
    @Args('checkpoint', { type: () => Int, description: 'The checkpoint sequence number' }) checkpoint: number,
    @CurrentRequester() requester: Requester,
  ) {
    return toProofType(await this.ledger.prove(eventId, checkpoint, requester.actor.role === 'ADMIN' ? undefined : refuseAccountEvents));
  }

  @Mutation(() => LedgerCheckpointType, {
    description: 'Sign a checkpoint of the log head now (ADMIN). When nothing was appended since the latest checkpoint, that one is answered: no idempotency key is needed.',
  })
  @AllowRoles('ADMIN')
  async takeLedgerCheckpoint() {
    return toCheckpointType((await this.ledger.takeCheckpoint()).checkpoint);
  }
}
