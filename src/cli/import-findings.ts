import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { describeFindingsImport, describeFindingsImportZh, importFindingsFile } from '../rectification/import-findings/import-findings.js';
import { isUuid } from '../shared/ids.js';
import { replayLog } from '../event-sourcing/replay-log.js';
import { FindingTitlesIndex } from '../rectification/finding-titles/finding-titles.index.js';
import { nearNamesArgument, officeDayArgument, runImportTool, UsageError } from './import-cli.js';
import { say } from '../shared/domain-error.js';

runImportTool({
  usage: {
    zh: `用法：npm run findings:import -- --evaluation <评估编号> <文件.xlsx|.csv|.yaml|.json> [--sheet <工作表名称>] [--dry-run]
         [--identified-on YYYY-MM-DD] [--assigned-on YYYY-MM-DD] [--near <单位名称>]… [--distinct-title <问题名称>]…
将文件中的问题（问题、具体表现、类别、严重程度、涉及单位、整改措施）登记到已登记的评估下。整改台账（含整改时限，
以及牵头单位或责任单位中列在首位的牵头单位）登记每个问题并交办其任务。任何一行有误则不写入任何内容；再次导入同一文件
不写入任何内容。--dry-run 只说明将写入什么（或列出每个问题），不写入。补录的文件给出问题的发现日（--identified-on）
和台账任务的交办日（--assigned-on，不早于发现日；默认为发现日），两者默认今天。文件中与已登记单位名称相近但不是其简称的
名称（如“青川市教育体育局”之于“青川市教育局”）被拒绝；确指该单位的，用 --near 给出该名称（可多次）。与已登记的问题
（或文件中另一行）只差几个字的问题被拒绝；确是另一个问题的，用 --distinct-title 给出该行的问题名称（可多次）。`,
    en: `Usage: npm run findings:import -- --evaluation <evaluation id> <file.xlsx|.csv|.yaml|.json> [--sheet <sheet name>] [--dry-run]
         [--identified-on YYYY-MM-DD] [--assigned-on YYYY-MM-DD] [--near <unit name>]… [--distinct-title <finding title>]…
Records the findings of a file (问题, 具体表现, 类别, 严重程度, 涉及单位, 整改措施) on a registered evaluation.
A rectification ledger (整改台账: with 整改时限, and 牵头单位 or the lead first in 责任单位) records each
finding with its parts assigned. Nothing is written if any row is wrong; importing the same file
again writes nothing. --dry-run says what would be written, or every problem, and writes nothing.
A file entered late gives the office day its findings were identified (--identified-on) and the day a
ledger's parts were assigned (--assigned-on, on or after it; default: the identification day); both
default to today. A unit name near a registered unit's but no abbreviation of it (青川市教育体育局 beside
青川市教育局) is refused; --near <name> (repeatable) confirms it means that unit. A finding whose title is a few
characters from a recorded one's (or another row's) is refused; --distinct-title <title> (repeatable)
confirms it is another problem.`,
  },
  commandType: 'ImportFindings',
  parse(argv) {
    const { values, positionals } = parseArgs({
      args: argv,
      options: {
        evaluation: { type: 'string' },
        'dry-run': { type: 'boolean' },
        'identified-on': { type: 'string' },
        'assigned-on': { type: 'string' },
        near: { type: 'string', multiple: true },
        'distinct-title': { type: 'string', multiple: true },
        help: { type: 'boolean' },
      },
      allowPositionals: true,
      strict: true,
    });
    if (values.help) throw new UsageError();
    const evaluationId = values.evaluation?.trim();
    if (!evaluationId || !isUuid(evaluationId)) throw new UsageError(say('--evaluation must be the id of a registered evaluation.', '--evaluation 须是已登记评估的编号。'));
    if (positionals.length !== 1) throw new UsageError(say('Give exactly one file to import.', '请给出且只给出一个要导入的文件。'));
    const identifiedOn = officeDayArgument('--identified-on', values['identified-on']);
    const assignedOn = officeDayArgument('--assigned-on', values['assigned-on']);
    return { file: positionals[0]!, evaluationId, dryRun: values['dry-run'] === true, identifiedOn, assignedOn, nearNames: nearNamesArgument(values.near), distinctTitles: nearNamesArgument(values['distinct-title']) };
  },
  async run(dependencies, file, { evaluationId, ...options }, context) {
    // The evaluation's findings however they were recorded: a finding typed in on the findings page is not recorded again.
    const titles = await replayLog(dependencies.store, dependencies.schemas, new FindingTitlesIndex());
    const outcome = await importFindingsFile({ ...dependencies, titles }, evaluationId, file, context, options);
    return say(describeFindingsImport(basename(file.name), outcome), describeFindingsImportZh(basename(file.name), outcome));
  },
});
