import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { describeFindingsImport, importFindingsFile } from '../rectification/import-findings/import-findings.js';
import { isUuid } from '../shared/ids.js';
import { runImportTool, UsageError } from './import-cli.js';

runImportTool({
  usage: `Usage: npm run findings:import -- --evaluation <evaluation id> <file.xlsx|.csv|.yaml|.json> [--sheet <sheet name>]
Records the findings of a file (问题, 具体表现, 类别, 严重程度, 涉及单位) on a registered evaluation.
Nothing is written if any row is wrong; importing the same file again writes nothing.`,
  commandType: 'ImportFindings',
  parse(argv) {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { evaluation: { type: 'string' }, help: { type: 'boolean' } },
      allowPositionals: true,
      strict: true,
    });
    if (values.help) throw new UsageError('');
    const evaluationId = values.evaluation?.trim();
    if (!evaluationId || !isUuid(evaluationId)) throw new UsageError('--evaluation must be the id of a registered evaluation.');
    if (positionals.length !== 1) throw new UsageError('Give exactly one file to import.');
    return { file: positionals[0]!, evaluationId };
  },
  async run(dependencies, file, { evaluationId }, context) {
    return describeFindingsImport(basename(file.name), await importFindingsFile(dependencies, evaluationId, file, context));
  },
});
