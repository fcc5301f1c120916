import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { describeUnitsImport, describeUnitsImportZh, importUnitsFile } from '../organization/import-units/import-units.js';
import { runImportTool, UsageError } from './import-cli.js';
import { say } from '../shared/domain-error.js';
import { withFirstLineEnding } from '../spreadsheet/import-refusal.js';

runImportTool({
  usage: {
    zh: `用法：npm run units:import -- [--rename [--renamed-on YYYY-MM-DD]] [--update-kind-and-parent [--kind-and-parent-changed-on YYYY-MM-DD]] [--dry-run] [--directory-version <试导入给出的名录版本>] [--registered-on YYYY-MM-DD] [--distinct 编码,…] <文件.xlsx|.csv|.yaml|.json> [--sheet <工作表名称>]
将单位名录文件（编码、名称、类型、上级编码）中的单位登记到配置的事件库。任何一行有误则不写入任何内容；
已按相同编码和名称登记的单位跳过。编码已登记为另一名称的，除非加 --rename 说明该单位已更名（机构改革），
否则拒绝；更名后旧名称保留为别名，文件中仍可使用。--dry-run 只说明将登记和更名哪些单位（或列出每个问题），不写入，并给出单位名录版本；
导入时用 --directory-version 给回该版本，其间如有单位被他人更名或登记（试导入之后），导入被拒绝并指出该单位，须重新试导入。
--registered-on 给出新单位登记所依据的工作日（默认今天）：单位的工作不能早于该日，补录往年工作时请给出更早的日期。
--renamed-on 给出更名生效的日期（机构改革之日，默认今天）：自该日起各处按新名称显示，此前仍为原名称。
已登记单位的类型或上级编码与名录不同的，除非加 --update-kind-and-parent（按文件更新类型和上级），否则拒绝并列出名录和文件各自的值；
--kind-and-parent-changed-on 给出调整生效的日期（默认今天）：此前的文件中“市直各部门”“各区县政府”“各科室”仍按原类型和上级读取。
新单位的名称与已登记单位或文件中另一行相近（市发改委 与 青川市发展和改革委员会）的，拒绝并指出相近的单位；
确是不同单位的，用 --distinct 给出这些行的编码。`,
    en: `Usage: npm run units:import -- [--rename [--renamed-on YYYY-MM-DD]] [--update-kind-and-parent [--kind-and-parent-changed-on YYYY-MM-DD]] [--dry-run] [--directory-version <the dry run's directory version>] [--registered-on YYYY-MM-DD] [--distinct code,…] <file.xlsx|.csv|.yaml|.json> [--sheet <sheet name>]
Registers the units of a directory file (编码, 名称, 类型, 上级编码) in the configured event store.
Nothing is written if any row is wrong; units already registered under the same code and name are skipped.
A code already registered under another name is refused, unless --rename says the unit was renamed
(机构改革): it then takes the new name, and the old one stays an alias that files may still use.
--dry-run says what would be registered and renamed, or every problem, writes nothing and gives the directory version;
--directory-version gives it back to the import, refused naming the unit if one of its units was renamed or
registered by someone else since the dry run: dry-run again.
--registered-on gives the office day the new units are registered as of (default today): no work of a
unit can be dated before it, so a directory entered for a past campaign gives a day before it began.
--renamed-on gives the day the renames took effect (the 机构改革's day; default today): from it every view
names the unit by its new name, before it by its former one.
A registered unit whose 类型 or 上级编码 differs from the directory's is refused naming both, unless
--update-kind-and-parent changes them; --kind-and-parent-changed-on gives the day they took effect (default
today): files read as of an earlier day count the unit in 市直各部门 / 各区县政府 / 各科室 by its former ones.
A new unit whose name is near a registered unit's or another row's (市发改委 beside 青川市发展和改革委员会)
is refused naming the match; --distinct gives the codes of rows that are units of their own.`,
  },
  commandType: 'ImportUnits',
  parse(argv) {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { help: { type: 'boolean' }, rename: { type: 'boolean' }, 'dry-run': { type: 'boolean' }, 'directory-version': { type: 'string' }, 'registered-on': { type: 'string' }, 'renamed-on': { type: 'string' }, 'update-kind-and-parent': { type: 'boolean' }, 'kind-and-parent-changed-on': { type: 'string' }, distinct: { type: 'string', multiple: true } },
      allowPositionals: true,
      strict: true,
    });
    if (values.help) throw new UsageError();
    if (positionals.length !== 1) throw new UsageError(say('Give exactly one file to import.', '请给出且只给出一个要导入的文件。'));
    // --distinct FGW --distinct LSJ, or --distinct FGW,LSJ: rows confirmed as units of their own though their names are near another's.
    const distinctCodes = (values.distinct ?? []).flatMap((each) => each.split(/[,，、\s]+/u)).filter((each) => each !== '');
    // A rename day without --rename would be dropped unsaid (breaker10q P15's kind): refused.
    if (values['renamed-on'] !== undefined && values.rename !== true) throw new UsageError(say('--renamed-on dates the renames of --rename: give --rename too.', '--renamed-on 是 --rename 更名的生效日期：请同时加 --rename。'));
    // A day for changes not asked for would be dropped unsaid: refused, as --renamed-on without --rename is.
    if (values['kind-and-parent-changed-on'] !== undefined && values['update-kind-and-parent'] !== true) {
      throw new UsageError(say('--kind-and-parent-changed-on dates the changes of --update-kind-and-parent: give it too.', '--kind-and-parent-changed-on 是 --update-kind-and-parent（按文件更新类型和上级）的生效日期：请同时加 --update-kind-and-parent。'));
    }
    const directoryVersion = values['directory-version'];
    if (directoryVersion !== undefined && values['dry-run'] === true) {
      throw new UsageError(say('--directory-version goes with the import that follows a dry run, not with --dry-run.', '--directory-version 用于试导入之后的正式导入，不能与 --dry-run 同时使用。'));
    }
    return {
      file: positionals[0]!,
      rename: values.rename === true,
      dryRun: values['dry-run'] === true,
      registeredOn: values['registered-on'],
      renamedOn: values['renamed-on'],
      updateKindAndParent: values['update-kind-and-parent'] === true,
      kindAndParentChangedOn: values['kind-and-parent-changed-on'],
      distinctCodes,
      ...(directoryVersion === undefined ? {} : { expectedDirectoryVersion: directoryVersion }),
    };
  },
  async run(dependencies, file, options, context) {
    const outcome = await importUnitsFile(dependencies, file, context, {
      rename: options.rename,
      dryRun: options.dryRun,
      registeredOn: options.registeredOn,
      renamedOn: options.renamedOn,
      updateKindAndParent: options.updateKindAndParent,
      ...(options.kindAndParentChangedOn === undefined ? {} : { kindAndParentChangedOn: options.kindAndParentChangedOn }),
      distinctCodes: options.distinctCodes,
      ...(options.expectedDirectoryVersion === undefined ? {} : { expectedDirectoryVersion: options.expectedDirectoryVersion }),
    });
    const name = basename(file.name);
    if (!outcome.dryRun) return say(describeUnitsImport(name, outcome), describeUnitsImportZh(name, outcome));
    // A dry run gives the directory version it read, for the import to be refused if a unit of the file changes before it (breaker52-9 S6).
    const version = outcome.directoryVersion;
    return say(
      withFirstLineEnding(describeUnitsImport(name, outcome), ` Directory version: ${version}; import with --directory-version ${version} to be refused if a unit of the file is renamed or registered meanwhile.`),
      withFirstLineEnding(describeUnitsImportZh(name, outcome), `单位名录版本：${version}；导入时加 --directory-version ${version}，其间如有本文件的单位被他人更名或登记，导入将被拒绝。`),
    );
  },
});
