import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { describeFindingsImport, importFindingsFile } from '../rectification/import-findings/import-findings.js';
import { isUuid } from '../shared/ids.js';
import { replayLog } from '../event-sourcing/replay-log.js';
import { FindingTitlesIndex } from '../rectification/finding-titles/finding-titles.index.js';
import { officeDayArgument, runImportTool, UsageError } from './import-cli.js';

runImportTool({
  usage: `Usage: npm run findings:import -- --evaluation <evaluation id> <file.xlsx|.csv|.yaml|.json> [--sheet <sheet name>] [--dry-run]
         [--identified-on YYYY-MM-DD] [--assigned-on YYYY-MM-DD]
Records the findings of a file (问题, 具体表现, 类别, 严重程度, 涉及单位, 整改措施) on a registered evaluation.
A rectification ledger (整改台账: with 整改时限, and 牵头单位 or the lead first in 责任单位) records each
finding with its parts assigned. Nothing is written if any row is wrong; importing the same file
again writes nothing. --dry-run says what would be written, or every problem, and writes nothing.
A file entered late gives the office day its findings were identified (--identified-on) and the day a
ledger's parts were assigned (--assigned-on, on or after it; default: the identification day); both
default to today.`,
  commandType: 'ImportFindings',
  parse(argv) {
    const { values, positionals } = parseArgs({
      args: argv,
      options: {
        evaluation: { type: 'string' },
        'dry-run': { type: 'boolean' },
        'identified-on': { type: 'string' },
        'assigned-on': { type: 'string' },
        help: { type: 'boolean' },
      },
      allowPositionals: true,
      strict: true,
    });
    if (values.help) throw new UsageError('');
    const evaluationId = values.evaluation?.trim();
    if (!evaluationId || !isUuid(evaluationId)) throw new UsageError('--evaluation must be the id of a registered evaluation.');
    if (positionals.length !== 1) throw new UsageError('Give exactly one file to import.');
    const identifiedOn = officeDayArgument('--identified-on', values['identified-on']);
    const assignedOn = officeDayArgument('--assigned-on', values['assigned-on']);
    return { file: positionals[0]!, evaluationId, dryRun: values['dry-run'] === true, identifiedOn, assignedOn };
  },
  async run(dependencies, file, { evaluationId, ...options }, context) {
    // The evaluation's findings however they were recorded: a finding typed in on the findings page is not recorded again.
    const titles = await replayLog(dependencies.store, dependencies.schemas, new FindingTitlesIndex());
    return describeFindingsImport(basename(file.name), await importFindingsFile({ ...dependencies, titles }, evaluationId, file, context, options));
  },
});
