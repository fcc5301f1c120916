import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { Args, Field, ID, Int, Mutation, ObjectType, Resolver } from '@nestjs/graphql';
import { AllowRoles } from '../../access/authorization/access-policy.js';
import { CommandContextFactory } from '../../shared/command-context.factory.js';
import { notesResult } from '../../shared/graphql/file-upload.js';
import { UploadedFiles, fileFacts } from '../../imports/uploads/uploaded-files.js';
import { CurrentRequester, type Requester } from '../../shared/graphql/requester.js';
import { FindingType } from '../evaluations/evaluation.types.js';
import { GetFindingQuery } from '../evaluations/evaluations.queries.js';
import type { FindingView } from '../ledger/rectification-ledger.js';
import { ImportFindingsCommand } from './import-findings.handler.js';
import { ImportFindingsInput } from './import-findings.input.js';

@ObjectType('FindingsImportResult')
export class FindingsImportResultType {
  @Field(() => ID) evaluationId: string;
  @Field(() => [FindingType], { description: 'Every finding of the file, in its order' }) findings: FindingView[];
  @Field(() => Int, { description: 'Findings this import recorded' }) recordedCount: number;
  @Field(() => Int, { description: 'Findings an earlier import of the same file had recorded' }) alreadyRecordedCount: number;
  @Field(() => String, { nullable: true, description: 'The XLSX sheet read' }) sheet: string | null;
  @Field(() => [String], { description: 'Columns of the file that nothing imports (备注 …)' }) notImported: string[];
  @Field(() => [String], { description: 'Rows skipped on purpose, such as footnotes (注：…)' }) notices: string[];
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
      'Record an evaluation’s findings from a file (问题, 具体表现, 类别, 严重程度, 涉及单位). All or nothing: a file with bad rows is refused (BAD_USER_INPUT, every row in extensions.problems). The same file again writes nothing.',
  })
  async importFindings(
    @Args('input') input: ImportFindingsInput,
    @CurrentRequester() requester: Requester,
  ): Promise<FindingsImportResultType> {
    const { idempotencyKey, evaluationId, fileName, sheet } = input;
    const file = this.uploads.fileOf(requester.actor, input);
    const context = this.contexts.create(requester, 'ImportFindings', { idempotencyKey, evaluationId, fileName, ...fileFacts(input, file), sheet });
    const outcome = await this.commands.execute(new ImportFindingsCommand(evaluationId, file, context));
    const findings = await Promise.all(outcome.findings.map((finding) => this.queries.execute(new GetFindingQuery(finding.findingId))));
    const recordedCount = outcome.findings.filter((finding) => finding.recordedNow).length;
    return { evaluationId, findings, recordedCount, alreadyRecordedCount: outcome.findings.length - recordedCount, ...notesResult(outcome.notes) };
  }
}
