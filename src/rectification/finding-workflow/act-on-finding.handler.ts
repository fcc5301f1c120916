import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor } from '../../event-sourcing/command-executor.js';
import { UnitsReadModel } from '../../organization/units/units.read-model.js';
import { unitsNamedNow } from '../../organization/units/units-named.js';
import { CommandContext } from '../../shared/command-context.js';
import { withDueDateLimit, withUnitNames, type DueDateLimit } from '../../assignments/domain/assignment.commands.js';
import { findingDueDateLimit } from '../domain/rectification-plan.decider.js';
import { RectificationLedger } from '../ledger/rectification-ledger.js';
import { RectificationSetupReadModel } from '../rectification-setup/rectification-setup.read-model.js';
import { findingDecider, type AssignFinding, type DuplicateWithdrawn, type FindingCommand, type RecordFinding } from '../domain/finding.decider.js';
import { findingStream } from '../domain/finding.events.js';
import type { ClaimedValue } from '../../event-sourcing/execute-command.js';
import { FindingTitlesIndex, findingTitleClaim } from '../finding-titles/finding-titles.index.js';
import { CircularsReadModel, standsOn } from '../circulars/circulars.read-model.js';

/** What happens to a recorded finding; the handler adds the facts it looks up (unknown units). */
export type FindingWorkflowCommand =
  | Exclude<FindingCommand, RecordFinding | AssignFinding>
  | Omit<AssignFinding, 'unknownUnitIds'>;

/**
 * Any step of a recorded finding's life; returns the finding's id. `checkOnly`: decided as it would be, nothing appended — the
 * refusal thrown as the command's would be (`retractionCheck`, breaker52-8 M1).
 */
export class ActOnFindingCommand extends Command<string> {
  constructor(
    readonly findingId: string,
    readonly command: FindingWorkflowCommand,
    readonly context: CommandContext,
    readonly checkOnly = false,
  ) {
    super();
  }
}

@CommandHandler(ActOnFindingCommand)
export class ActOnFindingHandler implements ICommandHandler<ActOnFindingCommand> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly units: UnitsReadModel,
    private readonly ledger: RectificationLedger,
    private readonly setup: RectificationSetupReadModel,
    private readonly titles: FindingTitlesIndex,
    private readonly circulars: CircularsReadModel,
  ) {}

  async execute({ findingId, command, context, checkOnly }: ActOnFindingCommand): Promise<string> {
    const decided: FindingCommand =
      command.type === 'AssignFinding'
        ? { ...command, unknownUnitIds: this.units.unknownIds(command.units.map((unit) => unit.unitId)) }
        : command;
    const looked = () => this.withTitleHolder(findingId, withUnitNames(withDueDateLimit(this.withDuplicate(findingId, this.withRecordsOfIdentification(findingId, decided)), this.dueDateLimitOf(findingId)), this.units));
    if (checkOnly) {
      await this.executor.decideOnly(findingStream(findingId), findingDecider, looked(), context, { reuseFold: true });
      return findingId;
    }
    const finding = this.ledger.finding(findingId);
    if (finding?.status === 'WITHDRAWN' && mayBringBack(command)) {
      // Back on the 台账, it holds its title again: claimed with the decision, so a recording of the same title racing it is
      // refused (or this, decided again once that recording is in the read models, refused naming it — breaker11l P1).
      await this.executor.executeClaiming(findingStream(findingId), findingDecider, looked, [findingTitleClaim(finding.evaluationId, finding.title)], context);
      return findingId;
    }
    if (command.type === 'WithdrawFinding' && command.duplicateOf !== undefined) {
      // Two findings withdrawn at once each as a copy of the other would both find the other still on the 台账, and the problem
      // would vanish (breaker11k P3): the pair is claimed with the withdrawal, so of racing requests one is decided first and the
      // other decided again on read models that have it — refused as the form refuses a copy of a withdrawn finding.
      await this.executor.executeClaiming(findingStream(findingId), findingDecider, looked, [duplicatePairClaim(findingId, command.duplicateOf)], context);
      return findingId;
    }
    // The finding's fold is kept between commands (breaker12f P4): a finding of many units gathers all their facts on one stream.
    await this.executor.execute(findingStream(findingId), findingDecider, looked(), context, { reuseFold: true });
    return findingId;
  }

  /**
   * A correction of the 发现日期 (CorrectIdentifiedOn) with what it is judged against besides the finding's own records:
   * the day its evaluation was received, and the earliest-issued circular standing that cites it. O(circulars citing it).
   */
  private withRecordsOfIdentification(findingId: string, command: FindingCommand): FindingCommand {
    if (command.type !== 'CorrectIdentifiedOn') return command;
    const evaluationId = this.ledger.finding(findingId)?.evaluationId;
    const receivedOn = evaluationId === undefined ? undefined : this.ledger.evaluation(evaluationId)?.receivedOn;
    const [citedBy] = this.circulars
      .citing({ kind: 'FINDING', id: findingId })
      .filter((circular) => standsOn(circular))
      .sort((a, b) => a.issuedOn.localeCompare(b.issuedOn));
    return {
      ...command,
      ...(receivedOn === undefined ? {} : { evaluationReceivedOn: receivedOn }),
      ...(citedBy ? { citedBy: { title: citedBy.title, issuedOn: citedBy.issuedOn } } : {}),
    };
  }

  /**
   * A withdrawal as recorded twice, with the finding it names as the ledger holds it (null: none);
   * a withdrawal moved to another day (CorrectWithdrawal) names the one its withdrawal named.
   */
  private withDuplicate(findingId: string, command: FindingCommand): FindingCommand {
    if (command.type !== 'WithdrawFinding' && !(command.type === 'CorrectWithdrawal' && command.withdrawnOn !== undefined)) return command;
    const withRepeats = { ...command, duplicates: this.repeatsOf(findingId) };
    const duplicateOf = command.type === 'WithdrawFinding' ? command.duplicateOf : (this.ledger.finding(findingId)?.duplicateOf ?? undefined);
    if (duplicateOf === undefined) return withRepeats;
    const other = this.ledger.finding(duplicateOf);
    const withdrawn = other?.status === 'WITHDRAWN';
    return {
      ...withRepeats,
      duplicate: other ? { findingId: other.findingId, evaluationId: other.evaluationId, title: other.title, withdrawn, ...(withdrawn && other.withdrawnOn ? { withdrawnOn: other.withdrawnOn } : {}) } : null,
    };
  }

  /**
   * On a withdrawn finding: the evaluation's finding not withdrawn that holds its title's words now,
   * and those whose titles read as its title retyped, recorded since its withdrawal (`TitleHeld`). Look-ups, not a
   * scan (`FindingTitlesIndex.near`).
   */
  private withTitleHolder(findingId: string, command: FindingCommand): FindingCommand {
    const finding = this.ledger.finding(findingId);
    if (finding?.status !== 'WITHDRAWN') return command;
    const holder = this.titles.sameTitle(finding.evaluationId, finding.title);
    const closed = holder ? this.ledger.finding(holder.findingId)?.status === 'CLOSED' : false;
    const held = holder && !holder.withdrawn && holder.findingId !== findingId ? { titleHeldBy: { findingId: holder.findingId, title: holder.title, ...(closed ? { closed } : {}) } } : {};
    // Only a copy recorded since the withdrawal went unasked: one recorded before was asked about this
    // title at its own recording, or this finding about its title (distinctFrom), while both were live.
    const withdrawnAfter = this.titles.entry(findingId)?.withdrawnAfter;
    const recordedSince = (order: number | undefined) => withdrawnAfter === undefined || order === undefined || order >= withdrawnAfter;
    const near = this.titles
      .near(finding.evaluationId, finding.title, unitsNamedNow(this.units))
      .filter((other) => !other.withdrawn && other.findingId !== findingId && recordedSince(other.order))
      .map(({ findingId: nearId, title, distance }) => ({ findingId: nearId, title, distance }));
    return { ...command, ...held, ...(near.length > 0 ? { nearTitlesHeld: near } : {}) };
  }

  /** The findings of its evaluation withdrawn as repeats of this one (重复登记), with their days: O(the evaluation's findings). */
  private repeatsOf(findingId: string): DuplicateWithdrawn[] {
    const evaluationId = this.ledger.finding(findingId)?.evaluationId;
    if (evaluationId === undefined) return [];
    return this.ledger
      .listFindings({ evaluationId })
      .flatMap((finding) => (finding.status === 'WITHDRAWN' && finding.duplicateOf === findingId && finding.withdrawnOn ? [{ findingId: finding.findingId, title: finding.title, withdrawnOn: finding.withdrawnOn }] : []));
  }

  /** Due dates are bounded by the evaluation's approved plan, before one by the year after the finding was identified (`findingDueDateLimit`). */
  private dueDateLimitOf(findingId: string): DueDateLimit | null {
    const finding = this.ledger.finding(findingId);
    return finding ? findingDueDateLimit(this.setup.planOf(finding.evaluationId), finding.identifiedOn) : null;
  }
}

/**
 * The claim a withdrawal as recorded twice (重复登记) takes on the pair of findings, whichever of the
 * two it withdraws (`UniqueClaim`): of two withdrawals racing, each naming the other as the record
 * that stays, one holds it and the other is decided again once the first is in the read models
 * (breaker11k P3). A later withdrawal of the pair — the first taken back since — takes it over.
 */
export const duplicatePairClaim = (findingId: string, duplicateOf: string): ClaimedValue => ({
  scope: 'finding-duplicate-pair',
  value: [findingId, duplicateOf].sort().join('|'),
  field: 'duplicateOf',
  label: '与哪个问题重复登记',
});

/**
 * Whether a command to a withdrawn finding may bring it back on the 台账: the withdrawal taken back, or
 * a pass dated before it (logged late, or an inspection corrected to PASSED or to an earlier day) that
 * verifies a part — the withdrawal then does not stand. Only these take the title's claim.
 */
function mayBringBack(command: FindingWorkflowCommand): boolean {
  switch (command.type) {
    case 'CorrectWithdrawal':
      return command.withdrawnOn === undefined;
    case 'LogInspection':
      return command.outcome === 'PASSED';
    case 'CorrectInspection':
      return command.outcome === 'PASSED' || command.inspectedOn !== undefined;
    default:
      return false;
  }
}
