import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { describeUnitsImport, importUnitsFile } from '../organization/import-units/import-units.js';
import { runImportTool, UsageError } from './import-cli.js';

runImportTool({
  usage: `Usage: npm run units:import -- <file.xlsx|.csv|.yaml|.json> [--sheet <sheet name>]
Registers the units of a directory file (编码, 名称, 类型, 上级编码) in the configured event store.
Nothing is written if any row is wrong; units already registered under the same code and name are skipped.`,
  commandType: 'ImportUnits',
  parse(argv) {
    const { values, positionals } = parseArgs({ args: argv, options: { help: { type: 'boolean' } }, allowPositionals: true, strict: true });
    if (values.help) throw new UsageError('');
    if (positionals.length !== 1) throw new UsageError('Give exactly one file to import.');
    return { file: positionals[0]! };
  },
  async run(dependencies, file, _options, context) {
    return describeUnitsImport(basename(file.name), await importUnitsFile(dependencies, file, context));
  },
});
