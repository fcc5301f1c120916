import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { describeUnitsImport, importUnitsFile } from '../organization/import-units/import-units.js';
import { runImportTool, UsageError } from './import-cli.js';

runImportTool({
  usage: `Usage: npm run units:import -- [--rename] [--dry-run] [--registered-on YYYY-MM-DD] <file.xlsx|.csv|.yaml|.json> [--sheet <sheet name>]
Registers the units of a directory file (编码, 名称, 类型, 上级编码) in the configured event store.
Nothing is written if any row is wrong; units already registered under the same code and name are skipped.
A code already registered under another name is refused, unless --rename says the unit was renamed
(机构改革): it then takes the new name, and the old one stays an alias that files may still use.
--dry-run says what would be registered and renamed, or every problem, and writes nothing.
--registered-on gives the office day the new units are registered as of (default today): no work of a
unit can be dated before it, so a directory entered for a past campaign gives a day before it began.`,
  commandType: 'ImportUnits',
  parse(argv) {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { help: { type: 'boolean' }, rename: { type: 'boolean' }, 'dry-run': { type: 'boolean' }, 'registered-on': { type: 'string' } },
      allowPositionals: true,
      strict: true,
    });
    if (values.help) throw new UsageError('');
    if (positionals.length !== 1) throw new UsageError('Give exactly one file to import.');
    return { file: positionals[0]!, rename: values.rename === true, dryRun: values['dry-run'] === true, registeredOn: values['registered-on'] };
  },
  async run(dependencies, file, options, context) {
    return describeUnitsImport(basename(file.name), await importUnitsFile(dependencies, file, context, { rename: options.rename, dryRun: options.dryRun, registeredOn: options.registeredOn }));
  },
});
