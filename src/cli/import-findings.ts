import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { describeFindingsImport, importFindingsFile } from '../rectification/import-findings/import-findings.js';
import { isUuid } from '../shared/ids.js';
import { runImportTool, UsageError } from './import-cli.js';

runImportTool({
  usage: `Usage: npm run findings:import -- --evaluation <evaluation id> <file.xlsx|.csv|.yaml|.json> [--sheet <sheet name>] [--dry-run]
Records the findings of a file (问题, 具体表现, 类别, 严重程度, 涉及单位, 整改措施) on a registered evaluation.
A rectification ledger (整改台账: with 整改时限, and 牵头单位 or the lead first in 责任单位) records each
finding with its parts assigned. Nothing is written if any row is wrong; importing the same file
again writes nothing. --dry-run says what would be written, or every problem, and writes nothing.`,
  commandType: 'ImportFindings',
  parse(argv) {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { evaluation: { type: 'string' }, 'dry-run': { type: 'boolean' }, help: { type: 'boolean' } },
      allowPositionals: true,
      strict: true,
    });
    if (values.help) throw new UsageError('');
    const evaluationId = values.evaluation?.trim();
    if (!evaluationId || !isUuid(evaluationId)) throw new UsageError('--evaluation must be the id of a registered evaluation.');
    if (positionals.length !== 1) throw new UsageError('Give exactly one file to import.');
    return { file: positionals[0]!, evaluationId, dryRun: values['dry-run'] === true };
  },
  async run(dependencies, file, { evaluationId, dryRun }, context) {
    return describeFindingsImport(basename(file.name), await importFindingsFile(dependencies, evaluationId, file, context, { dryRun }));
  },
});
