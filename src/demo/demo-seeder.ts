import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { readFile } from 'node:fs/promises';
import { ConfigService } from '@nestjs/config';
import { CommandBus } from '@nestjs/cqrs';
import type { AppSettings } from '../config/app-settings.js';
import { ProjectionEngine } from '../event-sourcing/projection-engine.js';
import { ADMITTED_STORE } from '../event-store/event-store.module.js';
import type { AdmittedStore } from '../event-store/store-admission.js';
import { RegisterUnitCommand } from '../organization/register-unit/register-unit.handler.js';
import { unitIdForCode } from '../organization/units/unit-id.js';
import { UnitsReadModel } from '../organization/units/units.read-model.js';
import { RectificationLedger } from '../rectification/ledger/rectification-ledger.js';
import { RecordFindingCommand } from '../rectification/record-finding/record-finding.handler.js';
import { RegisterEvaluationCommand } from '../rectification/register-evaluation/register-evaluation.handler.js';
import { Actor, commandContext, type CommandContext } from '../shared/command-context.js';
import { Clock } from '../shared/clock.js';
import { DomainError } from '../shared/domain-error.js';
import { RegisterUserCommand } from '../access/register-user/register-user.handler.js';
import { ImportWorkPlanCommand } from '../work-plan/import-work-plan/import-work-plan.handler.js';
import { DEMO_PASSWORD, demoClerks, demoEvaluation, demoFindings, demoUnits, demoUsers } from './demo-data.js';
import { IDENTIFIED_DAYS_AGO, RECEIVED_DAYS_AGO, dayOf, demoStory, demoWorkPlan, type StoryStep } from './demo-story.js';
import { ActOnFindingCommand, type FindingWorkflowCommand } from '../rectification/finding-workflow/act-on-finding.handler.js';
import { partCommands } from '../assignments/graphql/part-commands.js';
import { addDays, officeDate } from '../shared/calendar-date.js';
import { SetInitialPasswordCommand } from '../access/set-initial-password/set-initial-password.handler.js';

export const DEMO_ACTOR: Actor = { id: 'demo-data', role: 'SYSTEM', unitId: null };

/** The sample 2026 plan (35 items of the demo units); `../../samples` from dist/demo and src/demo alike. */
const DEMO_PLAN = new URL('../../samples/work-plan-2026.yaml', import.meta.url);

/**
 * Seeds the demo through the ordinary command path. It runs on a store created for a first run —
 * by this start, or by a first start that stopped before seeding (never on one that replaced a
 * store seen before) —, or to finish a seeding that was interrupted; every command has a fixed idempotency key, so a repeat appends
 * nothing.
 */
@Injectable()
export class DemoSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger(DemoSeeder.name);

  constructor(
    private readonly config: ConfigService<AppSettings, true>,
    private readonly commands: CommandBus,
    private readonly projections: ProjectionEngine,
    private readonly units: UnitsReadModel,
    private readonly ledger: RectificationLedger,
    private readonly clock: Clock,
    @Inject(ADMITTED_STORE) private readonly admitted: AdmittedStore,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.get('DEMO_DATA', { infer: true })) return;
    // Only into a store created for it (by this start, or a first start that stopped before
    // seeding): never into an empty one that replaced lost data.
    const newStore = this.admitted.createdForFirstRun && this.projections.position === null;
    const demoWasStarted = this.units.list().some((unit) => unit.registeredBy === DEMO_ACTOR.id);
    if (!newStore && !demoWasStarted) {
      if (this.projections.position === null) this.logger.warn('Demo data not seeded: this empty store was not created for a first run (e.g. it was accepted with ACCEPT_STORE_RESET in place of lost data).');
      return;
    }
    // A demo store accepted with ACCEPT_STORE_RESET (an older one, restored in place of lost data)
    // is taken as it is: nothing is appended to "complete" it (breaker9b N9: 7 clerk accounts with
    // well-known tokens were added to an accepted store, though accepted stores are never seeded).
    if (!newStore && this.admitted.acceptedReset) {
      this.logger.warn('Demo data not completed: this store was accepted with ACCEPT_STORE_RESET, and an accepted store is taken as it is.');
      return;
    }
    await this.seed().catch((error: unknown) => {
      // A store seeded by an earlier version, on another day, may not take today's story: start anyway.
      if (newStore || !(error instanceof DomainError)) throw error;
      this.logger.warn(`Demo data not completed on this older demo store: ${error.message}`);
    });
    this.accounts = demoUsers.map((user) => `  ${user.role.padEnd(10)} ${user.loginName.padEnd(11)} ${user.name}: ${user.token}`).join('\n');
    this.logger.log(
      `Demo accounts — sign in at http://localhost:${this.config.get('PORT', { infer: true })}/ with a login name and the password "${DEMO_PASSWORD}", or send "Authorization: Bearer <token>":\n` +
        this.accounts,
    );
  }

  /** The demo accounts as plain lines (role, login name, person: API token), once this start has seeded or found the demo; else null. */
  demoAccounts(): { password: string; lines: string } | null {
    return this.accounts === null ? null : { password: DEMO_PASSWORD, lines: this.accounts };
  }

  private accounts: string | null = null;

  /**
   * Units, accounts, the evaluation and its findings, the story of their rectification so far
   * (demo-story.ts) and the work plan, every business day counted from today, the start day.
   * Each step is taken by whom it would be in the office: assignments, send-backs, urging and
   * extension decisions by the supervisor, inspections by the inspector, reports and extension
   * requests by the unit's clerk.
   */
  async seed(): Promise<void> {
    const startDay = this.startDay();
    const day = (offset: number) => dayOf(startDay, offset);
    const contextOf = (actor: Actor, commandType: string, key: string) =>
      commandContext({ actor, commandType, idempotencyKey: `demo:${key}`, now: this.clock.now() });
    const context = (commandType: string, key: string) => contextOf(DEMO_ACTOR, commandType, key);

    // The units existed before the campaign: no work of a unit is dated before its registration.
    const campaignStart = day(-RECEIVED_DAYS_AGO);
    for (const unit of demoUnits) {
      if (this.units.get(unitIdForCode(unit.code))) continue;
      await this.commands.execute(
        new RegisterUnitCommand(
          { code: unit.code, name: unit.name, kind: unit.kind, parentUnitId: unit.parent ? unitIdForCode(unit.parent) : undefined, registeredOn: campaignStart },
          context('RegisterUnit', `unit:${unit.code}`),
        ),
      );
    }
    /** Who takes the story's steps: by role (SUPERVISOR, INSPECTOR) or, for a unit's clerk, the unit's code. */
    const actors = new Map<string, Actor>();
    for (const user of demoUsers) {
      const unitId = user.unit ? unitIdForCode(user.unit) : null;
      const { userId } = await this.commands.execute(
        new RegisterUserCommand({ name: user.name, role: user.role, unitId, validForDays: 3650, token: user.token }, context('RegisterUser', `user:${user.role}`)),
      );
      // Demo accounts sign in at once: their printed password need not be changed first.
      await this.commands.execute(
        new SetInitialPasswordCommand({ userId, loginName: user.loginName, password: DEMO_PASSWORD, changeRequired: false }, context('SetInitialPassword', `password:${user.role}`)),
      );
      actors.set(user.role === 'UNIT' ? user.unit! : user.role, { id: userId, role: user.role, unitId });
    }
    for (const clerk of demoClerks) {
      const unitId = unitIdForCode(clerk.unit);
      const { userId } = await this.commands.execute(
        new RegisterUserCommand({ name: clerk.name, role: 'UNIT', unitId, validForDays: 3650 }, context('RegisterUser', `user:clerk:${clerk.unit}`)),
      );
      actors.set(clerk.unit, { id: userId, role: 'UNIT', unitId });
    }

    const evaluationId = await this.commands.execute(
      new RegisterEvaluationCommand(demoEvaluation(day(-RECEIVED_DAYS_AGO)), context('RegisterEvaluation', 'evaluation:2025')),
    );
    const findingIds = new Map<string, string>();
    for (const finding of demoFindings) {
      const { key, units, ...details } = finding;
      const findingId = await this.commands.execute(
        new RecordFindingCommand(
          { ...details, evaluationId, concernedUnitIds: units.map(unitIdForCode), identifiedOn: day(-IDENTIFIED_DAYS_AGO) },
          context('RecordFinding', `finding:${key}`),
        ),
      );
      findingIds.set(key, findingId);
    }

    /** A decision names the request it decides, whose id derives from the request's command. */
    const extensionRequests = new Map<string, string>();
    for (const [index, step] of demoStory.entries()) {
      const actor = actors.get(actorOf(step))!;
      const issued = contextOf(actor, step.do, `story:${index}:${step.do}:${step.finding}`);
      const command = storyCommand(step, issued, day, (unit) => extensionRequests.get(`${step.finding}:${unit}`)!);
      if (command.type === 'RequestExtension') extensionRequests.set(`${step.finding}:${step.do === 'requestExtension' && step.unit}`, command.requestId);
      await this.commands.execute(new ActOnFindingCommand(findingIds.get(step.finding)!, command, issued));
    }

    const year = Number(startDay.slice(0, 4));
    await this.commands
      .execute(
        new ImportWorkPlanCommand(
          { name: `work-plan-${year}.yaml`, content: new TextEncoder().encode(demoWorkPlan(await readFile(DEMO_PLAN, 'utf8'), startDay)) },
          // Approved with the campaign, so items due before today were due after its approval.
          { approvedOn: campaignStart, assignedOn: campaignStart },
          context('ImportWorkPlan', `work-plan:${year}`),
        ),
      )
      // The plan on the store differs from the sample: the office adjusted it (导入 → 按新版本调整), or the sample was edited since
      // this store was seeded. Either way the plan on the store stands: said plainly, never as advice to apply the sample as a
      // version, which would undo the office's changes (newcomer40 P2).
      .catch((error: unknown) => {
        if (!(error instanceof DomainError && error.code === 'CONFLICT')) throw error;
        this.logger.log(
          'The demo work plan on this store differs from the sample (adjusted since, or the sample changed): the plan on the store is kept as it is. 演示工作方案已与样例不同（此后已按新版本调整，或样例有改动）：保留事件库中的方案，不再按样例导入。',
        );
      });
    this.logger.log(
      `Demo data ready: ${demoUnits.length} units, 1 evaluation, ${demoFindings.length} findings and ${demoStory.length} steps of their rectification, the ${year} work plan, ${demoUsers.length} accounts (and ${demoClerks.length} units' clerks)`,
    );
  }

  /**
   * The day the demo was first seeded: today on a new store; on a restart (which finishes an
   * interrupted seeding), the day its evaluation's arrival was counted from, so every step is the
   * same command again and appends nothing.
   */
  private startDay(): string {
    const seeded = this.ledger.listEvaluations().find((evaluation) => evaluation.registeredBy === DEMO_ACTOR.id);
    return seeded ? addDays(seeded.receivedOn, RECEIVED_DAYS_AGO) : officeDate(this.clock.now());
  }
}

/** Who takes a step: the supervisor decides, the inspector inspects, the unit's clerk reports and asks. */
function actorOf(step: StoryStep): string {
  switch (step.do) {
    case 'assign':
    case 'sendBack':
    case 'decideExtension':
    case 'urge':
      return 'SUPERVISOR';
    case 'inspect':
      return 'INSPECTOR';
    case 'report':
    case 'requestExtension':
      return step.unit;
  }
}

/** The step as the command the app's form would send, its days counted from the start day. */
function storyCommand(
  step: StoryStep,
  issued: CommandContext,
  day: (offset: number) => string,
  extensionRequestOf: (unit: string) => string,
): FindingWorkflowCommand {
  const today = officeDate(issued.now);
  /** The payloads' key is the one the context was made with; the lifecycle reads the context's. */
  const key = { idempotencyKey: issued.commandId };
  switch (step.do) {
    case 'assign':
      return {
        type: 'AssignFinding',
        actor: issued.actor,
        today,
        assignedOn: day(step.on),
        units: step.units.map(({ unit, role, due }) => ({ unitId: unitIdForCode(unit), role, dueDate: day(due) })),
      };
    case 'report':
      return partCommands.report(
        { ...key, unitId: unitIdForCode(step.unit), summary: step.summary, evidence: [{ title: step.evidence, link: step.link }], reportedOn: day(step.on) },
        issued,
      ) as FindingWorkflowCommand;
    case 'sendBack':
      return partCommands.sendBack({ ...key, unitId: unitIdForCode(step.unit), reason: step.reason, sentBackOn: day(step.on) }, issued) as FindingWorkflowCommand;
    case 'inspect':
      return partCommands.inspect(
        {
          ...key,
          unitId: unitIdForCode(step.unit),
          outcome: step.outcome,
          notes: step.notes,
          place: step.place,
          inspectedOn: day(step.on),
          ...(step.newDue === undefined ? {} : { newDueDate: day(step.newDue) }),
        },
        issued,
      ) as FindingWorkflowCommand;
    case 'requestExtension':
      return partCommands.requestExtension(
        { ...key, unitId: unitIdForCode(step.unit), requestedDueDate: day(step.until), reason: step.reason, requestedOn: day(step.on) },
        issued,
      ) as FindingWorkflowCommand;
    case 'decideExtension':
      return partCommands.decideExtension(
        { ...key, unitId: unitIdForCode(step.unit), requestId: extensionRequestOf(step.unit), approve: step.approve, reason: step.reason, decidedOn: day(step.on) },
        issued,
      ) as FindingWorkflowCommand;
    case 'urge':
      return partCommands.urge({ ...key, unitId: unitIdForCode(step.unit), message: step.message, urgedOn: day(step.on) }, issued) as FindingWorkflowCommand;
  }
}
