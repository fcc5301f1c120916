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
import { RecordFindingCommand } from '../rectification/record-finding/record-finding.handler.js';
import { RegisterEvaluationCommand } from '../rectification/register-evaluation/register-evaluation.handler.js';
import { Actor, commandContext } from '../shared/command-context.js';
import { Clock } from '../shared/clock.js';
import { DomainError } from '../shared/domain-error.js';
import { RegisterUserCommand } from '../access/register-user/register-user.handler.js';
import { ImportWorkPlanCommand } from '../work-plan/import-work-plan/import-work-plan.handler.js';
import { DEMO_PASSWORD, demoEvaluation, demoFindings, demoUnits, demoUsers } from './demo-data.js';
import { SetInitialPasswordCommand } from '../access/set-initial-password/set-initial-password.handler.js';

export const DEMO_ACTOR: Actor = { id: 'demo-data', role: 'SYSTEM', unitId: null };

/** The sample 2026 plan (35 items of the demo units); `../../samples` from dist/demo and src/demo alike. */
const DEMO_PLAN = new URL('../../samples/work-plan-2026.yaml', import.meta.url);

/**
 * Seeds the demo through the ordinary command path. It runs on a store this start created (never
 * on one that replaced a store seen before), or to finish a seeding that was interrupted; every command has a fixed idempotency key, so a repeat appends
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
    private readonly clock: Clock,
    @Inject(ADMITTED_STORE) private readonly admitted: AdmittedStore,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.get('DEMO_DATA', { infer: true })) return;
    // Only into a store created for it: never into an empty one that replaced lost data.
    const newStore = this.admitted.createdForThisStart && this.projections.position === null;
    const demoWasStarted = this.units.list().some((unit) => unit.registeredBy === DEMO_ACTOR.id);
    if (!newStore && !demoWasStarted) {
      if (this.projections.position === null) this.logger.warn('Demo data not seeded: this empty store was not created by this start for a first run.');
      return;
    }
    await this.seed();
    this.logger.log(
      `Demo accounts — sign in at http://localhost:${this.config.get('PORT', { infer: true })}/ with a login name and the password "${DEMO_PASSWORD}", or send "Authorization: Bearer <token>":\n` +
        demoUsers.map((user) => `  ${user.role.padEnd(10)} ${user.loginName.padEnd(11)} ${user.name}: ${user.token}`).join('\n'),
    );
  }

  async seed(): Promise<void> {
    const context = (commandType: string, key: string) =>
      commandContext({ actor: DEMO_ACTOR, commandType, idempotencyKey: `demo:${key}`, now: this.clock.now() });

    for (const unit of demoUnits) {
      await this.commands.execute(
        new RegisterUnitCommand(
          { code: unit.code, name: unit.name, kind: unit.kind, parentUnitId: unit.parent ? unitIdForCode(unit.parent) : undefined },
          context('RegisterUnit', `unit:${unit.code}`),
        ),
      );
    }
    const evaluationId = await this.commands.execute(
      new RegisterEvaluationCommand(demoEvaluation, context('RegisterEvaluation', 'evaluation:2025')),
    );
    for (const finding of demoFindings) {
      const { key, units, ...details } = finding;
      await this.commands.execute(
        new RecordFindingCommand(
          { ...details, evaluationId, concernedUnitIds: units.map(unitIdForCode) },
          context('RecordFinding', `finding:${key}`),
        ),
      );
    }
    await this.commands
      .execute(
        new ImportWorkPlanCommand(
          { name: 'work-plan-2026.yaml', content: new Uint8Array(await readFile(DEMO_PLAN)) },
          {},
          context('ImportWorkPlan', 'work-plan:2026'),
        ),
      )
      // The sample was edited after this store was seeded: keep the plan imported then.
      .catch((error: unknown) => {
        if (!(error instanceof DomainError && error.code === 'CONFLICT')) throw error;
        this.logger.warn(`Demo work plan not imported again: ${error.message}`);
      });
    for (const user of demoUsers) {
      const { userId } = await this.commands.execute(
        new RegisterUserCommand(
          { name: user.name, role: user.role, unitId: user.unit ? unitIdForCode(user.unit) : null, validForDays: 3650, token: user.token },
          context('RegisterUser', `user:${user.role}`),
        ),
      );
      // Demo accounts sign in at once: their printed password need not be changed first.
      await this.commands.execute(
        new SetInitialPasswordCommand({ userId, loginName: user.loginName, password: DEMO_PASSWORD, changeRequired: false }, context('SetInitialPassword', `password:${user.role}`)),
      );
    }
    this.logger.log(`Demo data ready: ${demoUnits.length} units, 1 evaluation, ${demoFindings.length} findings, the 2026 work plan, ${demoUsers.length} accounts`);
  }
}
