import { CommandBus } from '@nestjs/cqrs';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { AllowRoles } from '../../access/authorization/access-policy.js';
import { CommandContextFactory } from '../../shared/command-context.factory.js';
import { UploadedFiles, fileFacts } from '../../imports/uploads/uploaded-files.js';
import { CurrentRequester, type Requester } from '../../shared/graphql/requester.js';
import { ImportWorkPlanCommand } from './import-work-plan.handler.js';
import { ImportWorkPlanInput } from './import-work-plan.input.js';
import { overrideOf } from '../../assignments/graphql/part-commands.js';
import { WorkPlanImportResultType, workPlanImportResult } from './import-work-plan.result.js';

@Resolver()
@AllowRoles('SUPERVISOR', 'ADMIN')
export class ImportWorkPlanResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly contexts: CommandContextFactory,
    private readonly uploads: UploadedFiles,
  ) {}

  @Mutation(() => WorkPlanImportResultType, {
    description:
      'Import a work plan (分解方案) from an XLSX, CSV, YAML or JSON file. All or nothing: a file with bad rows is refused (BAD_USER_INPUT, every row in extensions.problems). The same file again writes nothing.',
  })
  async importWorkPlan(
    @Args('input') input: ImportWorkPlanInput,
    @CurrentRequester() requester: Requester,
  ): Promise<WorkPlanImportResultType> {
    const { idempotencyKey, fileName, title, year, lastYear, sheet, dryRun, revise, approvedOn, assignedOn, overrideReason, revisionReason, expectedPlanVersion, undoLaterRevision, withdrawMissing, separatePlan } = input;
    // An empty list confirms nothing: the same request as none.
    const nearNames = input.nearNames?.length ? input.nearNames : undefined;
    const file = this.uploads.fileOf(requester.actor, input);
    const context = this.contexts.create(
      requester,
      'ImportWorkPlan',
      { idempotencyKey, fileName, ...fileFacts(input, file), title, year, ...(lastYear === undefined || lastYear === null ? {} : { lastYear }), sheet, dryRun, revise, approvedOn, assignedOn, overrideReason, revisionReason, nearNames, undoLaterRevision, withdrawMissing, separatePlan, ...(expectedPlanVersion === undefined || expectedPlanVersion === null ? {} : { expectedPlanVersion }) },
      { dryRun: false, revise: false, undoLaterRevision: false, withdrawMissing: false, separatePlan: false },
    );
    const outcome = await this.commands.execute(
      new ImportWorkPlanCommand(
        file,
        { title, year, ...(lastYear === undefined || lastYear === null ? {} : { lastYear }), dryRun, revise, approvedOn, assignedOn, ...overrideOf({ overrideReason }), ...(revisionReason?.trim() ? { revisionReason: revisionReason.trim() } : {}), nearNames, ...(expectedPlanVersion === undefined || expectedPlanVersion === null ? {} : { expectedPlanVersion }), ...(undoLaterRevision === true ? { undoLaterRevision } : {}), ...(withdrawMissing === true ? { withdrawMissing } : {}), ...(separatePlan === true ? { separatePlan } : {}) },
        context,
      ),
    );
    return workPlanImportResult(outcome);
  }
}
