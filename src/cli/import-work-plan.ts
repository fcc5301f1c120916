import { parseArgs } from 'node:util';
import type { ImportDependencies } from '../imports/import-run.js';
import { describeWorkPlanImport, describeWorkPlanImportZh, importWorkPlanFile, knownPlansOf, type KnownPlan } from '../work-plan/import-work-plan/import-work-plan.js';
import { nearNamesArgument, officeDayArgument, planVersionArgument, runImportTool, UsageError, withDashValues } from './import-cli.js';
import { say } from '../shared/domain-error.js';
import { toolSlices } from '../work-plan/import-work-plan/import-slices.js';
import { withFirstLineEnding } from '../spreadsheet/import-refusal.js';

runImportTool({
  usage: {
    zh: `用法：npm run plan:import -- <文件.xlsx|.csv|.yaml|.json> [--title <方案标题>] [--year <年度|起止年度>] [--sheet <工作表名称>]
         [--approved-on YYYY-MM-DD] [--assigned-on YYYY-MM-DD] [--dry-run] [--revise [--revision-reason <调整依据>] [--undo-later-revision] [--withdraw-missing]] [--separate-plan]
         [--plan-version <试导入给出的方案版本>] [--near <单位名称>]…
将工作方案（分解方案）导入配置的事件库（EVENT_STORE、SQLITE_PATH 等）。标题取表头上方的标题行（附件1、发文单位
和（修订稿）等版本说明不算标题），没有则取文件名；年度取标题中的年份，没有则取第一个事项时限的年份。跨年度的方案（如“三年行动计划（2026—2028年）”）
取标题中的起止年份，或用 --year 2026-2028 给出，事项时限可到截止年份的 12 月 31 日。
标题用全角数字、空格或“年度”重新输入的，或在标题后加版本说明（-修改、（修订）、v2 等）的，仍指按最初写法导入的方案。XLSX 工作簿读取每个含任务表的可见工作表（--sheet 只读一个）。
补录的方案给出批准日（--approved-on）和事项交办日（--assigned-on，不早于批准日；默认为批准日），两者默认今天。
任何一行有误则不写入任何内容，并列出每个问题；再次导入同一文件不写入任何内容。已导入方案的新版本（标题和年度相同、
文件不同）会被拒绝并说明差异，除非加 --revise 按修订处理（新增、调整时限、撤销事项，增减单位：请先用试导入查看差异）；
--revision-reason 写明调整依据（如 青政办〔2026〕12号调整通知），各项修订均记载该依据，不给则记为“依据 <文件名> 修订方案”。
在旧版本上修改的文件（如调整前留存的原工作簿），会撤销此后某次调整所作的改动：试导入会逐项列出，导入被拒绝，
除非同时加 --undo-later-revision 确认确要撤销该次调整。
新版本中没有的事项会被撤销：试导入会列出，导入被拒绝（只列出调整事项的调整表应在方案当前的导出表上修改），
除非同时加 --withdraw-missing 确认确要撤销这些事项。
事项全部是某个已导入方案的事项的新方案（如该方案的导出表换了标题）会被拒绝并指出该方案，不论 --title 如何填写；确是另一份方案时加 --separate-plan。
完成时限晚于方案期限（截止年度的 12 月 31 日）的事项须经督办人员特批：由督办人员在导入页面填写“超出方案期限的特批理由”后导入，
命令行工具不能代为特批。
--dry-run 只作判断，不写入任何内容，并给出方案版本；导入时用 --plan-version 给回该版本，方案如在试导入之后被他人修改（如已应用另一版本、单独调整了某个事项），导入被拒绝，须重新试导入。文件中与已登记单位名称相近但不是其简称的名称（如“青川市教育体育局”之于“青川市教育局”）
被拒绝；确指该单位的，用 --near 给出该名称（可多次）。`,
    en: `Usage: npm run plan:import -- <file.xlsx|.csv|.yaml|.json> [--title <plan title>] [--year <year|first-last>] [--sheet <sheet name>]
         [--approved-on YYYY-MM-DD] [--assigned-on YYYY-MM-DD] [--dry-run] [--revise [--revision-reason <reason>] [--undo-later-revision] [--withdraw-missing]] [--separate-plan]
         [--plan-version <the dry run's plan version>] [--near <unit name>]…
Imports a work plan (分解方案) into the configured event store (EVENT_STORE, SQLITE_PATH, …).
The title is the title row above the header (附件1, the issuing office and version remarks such as
（修订稿） are not part of it), else the file name; the year is the title's, else the first item's due date's. A plan over several years
(三年行动计划（2026—2028年）) takes the span in its title, or --year 2026-2028: items may be due until 12-31 of its last year.
A title retyped with full-width digits, spaces or 年度, or with a version remark after it (-修改, （修订）, v2), names the plan imported under its first spelling.
An XLSX workbook is read over every visible sheet holding a task table (--sheet reads one).
A plan entered late gives the office day it was approved (--approved-on) and the day its items' units
were assigned (--assigned-on, on or after it; default: the approval day); both default to today.
Nothing is written if any row is wrong; every problem is listed. Importing the same file again writes nothing.
A new version of an imported plan (same title and year, another file) is refused with what differs, unless
--revise applies it as a revision (items added, re-dated, withdrawn; units added or removed: see the
dry run's difference first); --revision-reason names the document behind it (青政办〔2026〕12号调整通知), recorded by
every change (default: 依据 <file> 修订方案). A file edited from a version older than a revision of the plan (a copy kept
from before it) undoes that revision's changes: the dry run lists them, and it is refused unless --undo-later-revision confirms it. Items the new version leaves out would be withdrawn: the dry run
lists them, and it is refused unless --withdraw-missing confirms it (an adjustment table listing only the changed items is made from the current export instead). A new plan whose every item is an imported plan's (its export under another title) is refused naming that plan, whatever --title says; --separate-plan imports it as another plan on purpose. Items due after the plan's period (12-31 of its last year) need a
supervisor's override, given on the 导入 page (or importWorkPlan's overrideReason) by a supervisor: this tool cannot give one. --dry-run decides everything, writes nothing and gives the plan's version; --plan-version gives it back to the import, refused if the plan changed since the dry run (another version applied, an item changed by hand): dry-run again. A unit name near a registered
unit's but no abbreviation of it (青川市教育体育局 beside 青川市教育局) is refused; --near <name> (repeatable)
confirms it means that unit.`,
  },
  commandType: 'ImportWorkPlan',
  parse(argv) {
    const { values, positionals } = parseArgs({
      // A value starting with a dash (--plan-version -1) is the option's value, judged by its own rule (breaker50-10 M1).
      args: withDashValues(argv, ['--plan-version']),
      options: {
        title: { type: 'string' },
        year: { type: 'string' },
        help: { type: 'boolean' },
        'dry-run': { type: 'boolean' },
        revise: { type: 'boolean' },
        'approved-on': { type: 'string' },
        'assigned-on': { type: 'string' },
        near: { type: 'string', multiple: true },
        'revision-reason': { type: 'string' },
        'plan-version': { type: 'string' },
        'undo-later-revision': { type: 'boolean' },
        'withdraw-missing': { type: 'boolean' },
        'separate-plan': { type: 'boolean' },
      },
      allowPositionals: true,
      strict: true,
    });
    if (values.help) throw new UsageError();
    if (positionals.length !== 1) throw new UsageError(say('Give exactly one file to import.', '请给出且只给出一个要导入的文件。'));
    // --year 2026-2028 (2026—2028): a plan over several years (breaker10m P6).
    const span = values.year === undefined ? null : /^\s*(\d{4})\s*(?:-|—|–|~|～|至|到)\s*(\d{4})\s*$/u.exec(values.year.normalize('NFKC'));
    const year = values.year === undefined ? undefined : Number(span ? span[1] : values.year);
    const lastYear = span ? Number(span[2]) : undefined;
    if (year !== undefined && !(Number.isInteger(year) && year >= 2000 && year <= 2100)) {
      throw new UsageError(say('--year must be a year such as 2026, or the years of a plan over several, such as 2026-2028.', '--year（年度）须是年份，例如 2026；跨年度的方案写起止年份，例如 2026-2028。'));
    }
    if (year !== undefined && lastYear !== undefined && !(lastYear > year && lastYear - year <= 10)) {
      throw new UsageError(say('--year 2026-2028: the last year must come after the first, at most ten years on.', '--year 2026-2028：截止年份须晚于起始年份（最多十年）。'));
    }
    const approvedOn = officeDayArgument('--approved-on', values['approved-on']);
    const assignedOn = officeDayArgument('--assigned-on', values['assigned-on']);
    const nearNames = nearNamesArgument(values.near);
    // As importWorkPlan's revisionReason (breaker10n P9). Not its overrideReason: only a supervisor overrides a plan's period, and the tool acts as the system.
    const revisionReason = reasonArgument('--revision-reason', values['revision-reason'], 500);
    if (revisionReason !== undefined && values.revise !== true) {
      throw new UsageError(say('--revision-reason goes with --revise: it is the reason a new version records.', '--revision-reason（调整依据）须与 --revise 一起使用：它是新版本各项修订记载的依据。'));
    }
    const planVersion = planVersionArgument(values['plan-version']);
    if (values['undo-later-revision'] === true && values.revise !== true) {
      throw new UsageError(say('--undo-later-revision goes with --revise: it confirms a new version that undoes a later revision.', '--undo-later-revision（确认撤销后来的调整）须与 --revise 一起使用。'));
    }
    if (values['separate-plan'] === true && values.revise === true) {
      throw new UsageError(say('--separate-plan imports a plan of its own; --revise applies a new version of an imported one: give one of them.', '--separate-plan（作为另一份方案导入）与 --revise（按新版本调整）不能同时使用。'));
    }
    if (values['withdraw-missing'] === true && values.revise !== true) {
      throw new UsageError(say('--withdraw-missing goes with --revise: it confirms a new version that withdraws the items it leaves out.', '--withdraw-missing（确认撤销文件中没有的事项）须与 --revise 一起使用。'));
    }
    return {
      file: positionals[0]!,
      title: values.title?.trim() || undefined,
      year,
      ...(lastYear === undefined ? {} : { lastYear }),
      dryRun: values['dry-run'] === true,
      revise: values.revise === true,
      approvedOn,
      assignedOn,
      nearNames,
      ...(revisionReason === undefined ? {} : { revisionReason }),
      ...(planVersion === undefined ? {} : { expectedPlanVersion: planVersion }),
      ...(values['undo-later-revision'] === true ? { undoLaterRevision: true } : {}),
      ...(values['withdraw-missing'] === true ? { withdrawMissing: true } : {}),
      ...(values['separate-plan'] === true ? { separatePlan: true } : {}),
    };
  },
  async run(dependencies, file, options, context) {
    // In slices, as the server appends it: a server on the same file writes between two (breaker56-10 S3).
    const outcome = await importWorkPlanFile({ ...dependencies, slices: toolSlices() }, file, options, context, await importedPlans(dependencies));
    // A dry run gives the version it read, for the import to be refused if the plan changes before it (issue 10 S2).
    if (!outcome.dryRun) return say(describeWorkPlanImport(outcome), describeWorkPlanImportZh(outcome));
    const version = outcome.planVersion;
    return say(
      withFirstLineEnding(describeWorkPlanImport(outcome), ` Plan version: ${version}; import with --plan-version ${version} to be refused if the plan changes meanwhile.`),
      withFirstLineEnding(describeWorkPlanImportZh(outcome), `方案版本：第 ${version} 版；导入时加 --plan-version ${version}，方案如在此期间被他人修改，导入将被拒绝。`),
    );
  },
});

/** A reason option's text, trimmed, at most `longest` characters (as the GraphQL input's); a blank one is a usage error (a reason is what the record keeps). */
function reasonArgument(option: string, value: string | undefined, longest: number): string | undefined {
  if (value === undefined) return undefined;
  const reason = value.trim();
  if (reason === '') throw new UsageError(say(`${option} needs a reason in words.`, `${option} 须写明理由。`));
  if (reason.length > longest) throw new UsageError(say(`${option}: at most ${longest} characters.`, `${option}：最多 ${longest} 个字。`));
  return reason;
}

/**
 * The plans imported so far, read from the log as the tool reads the units (the server asks its
 * read model): a title retyped with full-width digits or 年度 names one of them (breaker10c P7).
 */
async function importedPlans({ store, schemas }: ImportDependencies): Promise<KnownPlan[]> {
  const events = await store.readAll();
  return knownPlansOf(events.filter((stored) => PLAN_FACTS.has(stored.type)).map((stored) => schemas.upcast(stored)));
}

/** The events `knownPlansOf` reads: the plans' outlines and their items' titles and withdrawals. */
const PLAN_FACTS = new Set(['WorkPlanImported', 'WorkPlanRevised', 'WorkPlanItemAmended', 'WorkPlanItemWithdrawn', 'WorkPlanItemWithdrawalUndone', 'WorkPlanItemReinstated']);
