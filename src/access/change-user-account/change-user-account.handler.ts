import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor } from '../../event-sourcing/command-executor.js';
import { UnitsReadModel } from '../../organization/units/units.read-model.js';
import type { CommandContext } from '../../shared/command-context.js';
import { userDecider } from '../domain/user.decider.js';
import { userStream, type UserRole } from '../domain/user.events.js';
import { mergedUnitOf } from '../users/merged-unit.js';
import { officeDate } from '../../shared/calendar-date.js';

/**
 * Sets an account's name, role and unit as they should be (all three; `unitId` null for none), with
 * the reason: what differs is recorded (UserRenamed, UserRoleChanged — the latter ends the user's
 * sessions). BAD_USER_INPUT when nothing differs or a UNIT user has no unit; NOT_FOUND for an
 * unknown unit; CONFLICT (UNIT_MERGED) for a move into a unit merged into another by today; FORBIDDEN for an administrator's own role.
 */
export class ChangeUserAccountCommand extends Command<string> {
  constructor(
    readonly input: { userId: string; name: string; role: UserRole; unitId: string | null; reason: string; expected?: { name?: string; role: UserRole; unitId: string | null } },
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(ChangeUserAccountCommand)
export class ChangeUserAccountHandler implements ICommandHandler<ChangeUserAccountCommand> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly units: UnitsReadModel,
  ) {}

  async execute({ input, context }: ChangeUserAccountCommand): Promise<string> {
    const { userId, name, role, unitId, reason, expected } = input;
    const unitExists = unitId === null || this.units.get(unitId) !== undefined;
    // The units a changed-meanwhile refusal may name (whichever unit a colleague moved the account to, even one this process's read
    // models have not seen the move to yet): the directory's, an office's tens to hundreds, asked only with a form's expected account.
    const unitNames = expected ? Object.fromEntries(this.units.list().map((unit) => [unit.id, unit.name])) : undefined;
    await this.executor.execute(
      userStream(userId),
      userDecider,
      { type: 'ChangeUserAccount', actor: context.actor, name, role, unitId, unitExists, unitMerged: mergedUnitOf(this.units, unitId, officeDate(context.now)), reason, now: context.now, ...(expected ? { expected, unitNames } : {}) },
      context,
    );
    return userId;
  }
}
