import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { Args, Field, ID, Int, Mutation, ObjectType, Resolver } from '@nestjs/graphql';
import { AllowRoles } from '../../access/authorization/access-policy.js';
import { CommandContextFactory } from '../../shared/command-context.factory.js';
import { notesResult } from '../../shared/graphql/file-upload.js';
import { UploadedFiles, fileFacts } from '../../imports/uploads/uploaded-files.js';
import { CurrentRequester, type Requester } from '../../shared/graphql/requester.js';
import { FindingType } from '../evaluations/evaluation.types.js';
import { AssignmentRoleEnum } from '../../assignments/graphql/assignment.types.js';
import type { AssignmentRole } from '../../assignments/domain/assignment.events.js';
import { GetFindingQuery } from '../evaluations/evaluations.queries.js';
import type { FindingView } from '../ledger/rectification-ledger.js';
import { ImportFindingsCommand } from './import-findings.handler.js';
import { partsAssignedBy } from './import-findings.js';
import { ImportFindingsInput } from './import-findings.input.js';

@ObjectType('ImportedFindingPart', { description: 'A part a rectification ledger (整改台账) assigns with its finding' })
export class ImportedFindingPartType {
  @Field(() => ID) unitId: string;
  @Field(() => String) unitName: string;
  @Field(() => AssignmentRoleEnum) role: AssignmentRole;
  @Field(() => String, { description: 'YYYY-MM-DD; 立行立改 is due on the day the parts are assigned (assignedOn, else the day of the import); a standing part (常态化) is kept up until it' }) dueDate: string;
  @Field(() => String, { nullable: true, description: 'The deadline in the office’s words when it is not a plain day: 立行立改, 常态化（每季度报送）, 2026-06-30前完成并持续落实' })
  deadline: string | null;
}

@ObjectType('ImportedFindingRow', { description: 'One finding of an imported file, as the file gives it (also in a dry run)' })
export class ImportedFindingRowType {
  @Field(() => Int, { description: 'The finding’s first row (line for YAML and JSON)' }) row: number;
  @Field(() => String, { nullable: true, description: 'The XLSX sheet of that row, when the file was read over several sheets; null otherwise' }) sheet?: string | null;
  @Field(() => ID) findingId: string;
  @Field(() => String) title: string;
  @Field(() => Boolean, { description: 'Recorded by this import (would be, in a dry run); false when an earlier import of the same file had recorded it' })
  recordedNow: boolean;
  @Field(() => Boolean, {
    description: 'In a ledger: the finding was recorded before with no unit yet (待交办) and this import assigned it the file’s parts (would assign them, in a dry run)',
  })
  assignedNow: boolean;
  @Field(() => [ImportedFindingPartType], { description: 'In a ledger: the parts assigned with it, the lead first; empty for a findings list' })
  parts: ImportedFindingPartType[];
}

@ObjectType('FindingsImportResult')
export class FindingsImportResultType {
  @Field(() => ID) evaluationId: string;
  @Field(() => [FindingType], { description: 'Every finding of the file, in its order, as recorded (empty in a dry run: see rows)' }) findings: FindingView[];
  @Field(() => [ImportedFindingRowType], { description: 'Every finding of the file, in its order, with the parts a ledger assigns' }) rows: ImportedFindingRowType[];
  @Field(() => Boolean, { description: 'The file is a rectification ledger (整改台账, with a 整改时限 column): each finding is recorded with its parts' }) ledger: boolean;
  @Field(() => Boolean, { description: 'Nothing was written: the result says what the import would do' }) dryRun: boolean;
  @Field(() => Int, { description: 'Parts assigned (would be, in a dry run): with the findings recorded now, and to findings recorded before with no unit yet (待交办, assignedNow)' })
  assignedCount: number;
  @Field(() => Int, { description: 'Findings this import recorded (would record, in a dry run)' }) recordedCount: number;
  @Field(() => Int, { description: 'Findings an earlier import of the same file had recorded' }) alreadyRecordedCount: number;
  @Field(() => String, { nullable: true, description: 'The XLSX sheet read (the first, when several were: see sheets)' }) sheet: string | null;
  @Field(() => [String], { description: 'Every XLSX sheet read, in the workbook’s order, when more than one was; empty otherwise' }) sheets: string[];
  @Field(() => [String], { description: 'Columns of the file that nothing imports (备注 …)' }) notImported: string[];
  @Field(() => [String], { description: 'Rows skipped on purpose, such as footnotes (注：…)' }) notices: string[];
  @Field(() => [String], { description: 'The same notices in Chinese, as "第 40 行：…"' }) noticesZh: string[];
}

@Resolver()
@AllowRoles('SUPERVISOR')
export class ImportFindingsResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly contexts: CommandContextFactory,
    private readonly uploads: UploadedFiles,
  ) {}

  @Mutation(() => FindingsImportResultType, {
    description:
      'Record an evaluation’s findings from a file: a findings list (问题, 具体表现, 类别, 严重程度, 涉及单位, 整改措施), or a rectification ledger (整改台账: also 牵头单位 / 责任单位 and 整改时限), whose findings are recorded with their parts assigned. All or nothing: a file with bad rows is refused (BAD_USER_INPUT, every row in extensions.problems); dryRun shows what would be written. The same file again writes nothing.',
  })
  async importFindings(
    @Args('input') input: ImportFindingsInput,
    @CurrentRequester() requester: Requester,
  ): Promise<FindingsImportResultType> {
    const { idempotencyKey, evaluationId, fileName, sheet, dryRun, identifiedOn, assignedOn, overrideReason } = input;
    // An empty list confirms nothing: the same request as none.
    const distinctTitles = input.distinctTitles?.length ? input.distinctTitles : undefined;
    const nearNames = input.nearNames?.length ? input.nearNames : undefined;
    const file = this.uploads.fileOf(requester.actor, input);
    const context = this.contexts.create(
      requester,
      'ImportFindings',
      { idempotencyKey, evaluationId, fileName, ...fileFacts(input, file), sheet, dryRun, identifiedOn, assignedOn, distinctTitles, overrideReason, nearNames },
      { dryRun: false },
    );
    const outcome = await this.commands.execute(new ImportFindingsCommand(evaluationId, file, context, { dryRun, identifiedOn, assignedOn, distinctTitles, overrideReason, nearNames }));
    const findings = outcome.dryRun ? [] : await Promise.all(outcome.findings.map((finding) => this.queries.execute(new GetFindingQuery(finding.findingId))));
    const recorded = outcome.findings.filter((finding) => finding.recordedNow);
    return {
      evaluationId,
      findings,
      rows: outcome.findings.map((finding) => ({ ...finding, parts: [...finding.parts] })),
      ledger: outcome.ledger,
      dryRun: outcome.dryRun,
      assignedCount: partsAssignedBy(outcome).parts,
      recordedCount: recorded.length,
      alreadyRecordedCount: outcome.findings.length - recorded.length,
      ...notesResult(outcome.notes),
      sheets: [...(outcome.notes.sheets ?? [])],
    };
  }
}
