import { slicer } from '../../shared/event-loop-turns.js';
import { namesInCell } from '../../spreadsheet/cells.js';
import { readDeadline } from '../../spreadsheet/deadline-text.js';
import { deadlineCell, partDueOf, sameDueTerms, type DueTerms, type PartDue } from '../../shared/deadline.js';
import { foldedNotices, sortedProblems, type ImportProblem, type ImportResult } from '../../spreadsheet/import-problems.js';
import { collectiveNotice, otherNameNotice, mergedNameNotice, nearReadingNotice, renamedNameNotice, unitNameProblem, unitNamesOf, type NamingContext, type RegisteredLater, type ResolvedUnit, type UnitLookup } from '../../organization/units/unit-lookup.js';
import type { AbsentField, ExportReading, PlanDocument } from './plan-document.js';
import { dueDateLimitOf, planLastYear, planYears } from '../domain/work-plan.decider.js';
import { beyondOverrideReach, overrideReach } from '../../assignments/domain/assignment.decider.js';
import { isReservedKey, unreadableLabel, unreadableReasonZh, unreadableText } from '../../shared/readable-text.js';
import { wordsWithoutPunctuation } from '../../shared/numbers-by-value.js';

/** An item code a number cell can hold: 1.1, 2.3 — where Excel drops a trailing 0 (1.10 → 1.1). */
const DOTTED_NUMBER = /^\d+\.\d*[1-9]$/u;

/*
 * The rules a plan must meet before anything of it is written. Every problem is collected, each
 * with its row, so that the office fixes the file once rather than once per error.
 */

export interface ValidatedPlanItem {
  readonly row: number;
  readonly code: string;
  readonly title: string;
  readonly description: string;
  /** 工作措施 / 整改措施 as the file gives them; '' when none. */
  readonly measures: string;
  /** The lead unit (牵头单位), or several leading jointly (联合牵头: 「A、B」 in the cell), in the file's order. */
  readonly leadUnits: readonly ResolvedUnit[];
  readonly responsibleUnits: readonly ResolvedUnit[];
  /** A real calendar day, `YYYY-MM-DD`; for a standing item (常态化) the last day of the plan's period. */
  readonly dueDate: string;
  /** How the due date is read (立行立改, 常态化, 每季度 …), as the 完成时限 cell says; absent: a plain day (as plans built in code, e.g. bench/, give it). */
  readonly terms?: DueTerms;
  /** Responsible units due otherwise than the item, by unit id: those a row continuing the item names with its own date. */
  readonly partDueDates?: Readonly<Record<string, PartDue>>;
  /** The XLSX sheet of its row, when the plan was read over several sheets: a refusal decided later names it (breaker42-10 F6). */
  readonly sheet?: string;
  /**
   * The units read from a collective name (各区县政府, 市直各部门), by unit id, with the name as written; absent when none. An item
   * the plan has reads the name as it stood when the item was defined (newcomer56-10 S1).
   */
  readonly collectiveUnits?: Readonly<Record<string, string>>;
}

export interface ValidatedPlanCategory {
  readonly code: string;
  readonly title: string;
  readonly items: readonly ValidatedPlanItem[];
}

/** A plan every row of which is fine, with its units resolved to ids. */
export interface ValidatedPlan {
  readonly title: string;
  /** The title as the file wrote it, version remark and all (`PlanDocument.writtenTitle`); absent when it is `title`. */
  readonly writtenTitle?: string;
  readonly year: number;
  /** The last year of a plan over several years (`PlanDocument.lastYear`); absent for a year's plan. */
  readonly lastYear?: number;
  readonly categories: readonly ValidatedPlanCategory[];
  /** Item fields the file has no column for: a new version keeps them (`PlanDocument.absentFields`). */
  readonly absentFields?: readonly AbsentField[];
  /** Each row dates its own part (Rectify's own export: `PlanDocument.datesPerPart`). */
  readonly datesPerPart?: true;
  /** Rectify's own export: the reading its title names (`PlanDocument.exportedAs`). */
  readonly exportedAs?: ExportReading;
  /** Rectify's own export whose every row is one unit's part (`PlanDocument.rowsOfOneUnit`). */
  readonly rowsOfOneUnit?: true;
  /** A flat task list, its items in 「一 未分类」 (`PlanDocument.uncategorised`): a new version keeps the plan's 大项. */
  readonly uncategorised?: true;
}

export type PlanValidation = ImportResult<'plan', ValidatedPlan>;

const MAX_TITLE = 200;
const MAX_DESCRIPTION = 5000;
const MAX_CODE = 32;

/** A title written as Rectify's export writes an item: its code, a space, its title (「1 推进决策公开」, 「2.3 加强解读」). */
const EXPORT_CODE_AND_TITLE = /^[0-9０-９]+(?:[.．\-－][0-9０-９]+)*\s+\S/u;

/**
 * The same task listed twice in one 大项 — the same title (`wordsWithoutPunctuation`: spaces, full/half-width punctuation aside)
 * led by the same units — refused on the later row, naming the earlier: a row copied and pasted into a 分解方案 (breaker49-10 S8:
 * imported as two items, the lead given two parts of one task, the plan's and the unit's counts inflated, in a first import and in
 * a version alike). Two 大项 may each hold an item of one title (加强组织领导), and one 大项 two items of one title led by different
 * units; those are read. Items that failed their own checks are not in `categories` and are not compared.
 *
 * Two rows that are both items the plan already holds so (`heldOnRecord`: their 大项, code, title and leads on the record) are
 * never refused as copies of each other: the plan itself has the pair — made by hand before `addWorkPlanItem` refused it, or by a
 * hand change of a lead — and its own export, sent back as a version, must read (breaker50-10 S5: refused 「同一项任务列了两次」,
 * the clerk told to delete a row that withdraws an item or to reword a title). The items are told apart by their codes (编号/序号),
 * which the export writes and a version keeps; a row of a new code (a copy pasted in) is still refused as a copy of the earlier.
 */
function repeatedItemProblems(categories: readonly ValidatedPlanCategory[], heldOnRecord?: HeldOnRecord): ImportProblem[] {
  const problems: ImportProblem[] = [];
  for (const category of categories) {
    const first = new Map<string, ValidatedPlanItem>();
    for (const item of category.items) {
      // 「1 旧导出甲事项」 on several rows: Rectify's export writes each unit's part on a row of its own, its 事项 the item's code and
      // title; a version pasted so is one item's rows, joined by the version's reading (renumbered-items.ts), never a copy.
      if (EXPORT_CODE_AND_TITLE.test(item.title)) continue;
      const key = `${wordsWithoutPunctuation(item.title)}\u0000${item.leadUnits.map((unit) => unit.unitId).sort().join('\u0000')}`;
      const earlier = first.get(key);
      if (earlier === undefined) {
        first.set(key, item);
        continue;
      }
      const held = (each: ValidatedPlanItem) => heldOnRecord?.(category.code, each.code, each.title, each.leadUnits.map((unit) => unit.unitId)) === true;
      if (held(item) && held(earlier)) continue;
      const leads = item.leadUnits.map((unit) => unit.name);
      const there = earlier.sheet !== undefined && earlier.sheet !== item.sheet ? { en: ` of sheet "${earlier.sheet}"`, zh: `工作表“${earlier.sheet}”` } : { en: '', zh: '' };
      problems.push({
        row: item.row,
        reason:
          `Item ${item.code} "${item.title}" repeats item ${earlier.code} on row ${earlier.row}${there.en}: the same task in the same category, led by ${leads.join(', ')}. ` +
          'If the row was copied by mistake, delete one of them (moving any unit only it names to the other); if they are two tasks, word their titles apart.',
        reasonZh:
          `事项 ${item.code}“${item.title}”与${there.zh}第 ${earlier.row} 行的事项 ${earlier.code} 重复：同一大项中名称相同、牵头单位相同（${leads.join('、')}），是同一项任务列了两次。` +
          '如是复制时多出的一行，请删去其中一行（只在该行写明的配合单位、时限请并入保留的一行）；如确是两项不同的任务，请改写事项名称以示区别。',
        ...(item.sheet === undefined ? {} : { sheet: item.sheet }),
      });
    }
  }
  return problems;
}

/**
 * Whether the plan as imported holds, in 大项 `categoryCode`, item `code` titled `title` (punctuation aside) and led by exactly
 * `leadUnitIds` (in any order), not withdrawn — the file's row is that item as it stands in these respects.
 */
export type HeldOnRecord = (categoryCode: string, code: string, title: string, leadUnitIds: readonly string[]) => boolean;

/**
 * An item with no lead unit, with what to write. `above`: the row of the item before it, which names a lead, in a CSV — a lead
 * merged down over both in the workbook the CSV was saved from keeps its text in the first row only (newcomer45-10 M2).
 */
function missingLead(code: string, above: number | undefined): { reason: string; reasonZh: string } {
  if (above === undefined) {
    return { reason: `Missing lead unit (牵头单位) of item ${code}: give its lead unit (the full name or code).`, reasonZh: `事项 ${code} 缺少牵头单位：请填写该事项的牵头单位（单位全称或编码）。` };
  }
  return {
    reason: `Missing lead unit (牵头单位) of item ${code}. If it is the same as that of the item above on row ${above} — a merged cell in the workbook: a CSV saved from Excel keeps a merged cell's text in its first row only — write the lead unit on this row too, or import the workbook (.xlsx) itself.`,
    reasonZh: `事项 ${code} 缺少牵头单位。如与上方第 ${above} 行事项的牵头单位相同（原表中是合并单元格：Excel 另存为 CSV 时，合并单元格的内容只留在第一行），请在本行也填写牵头单位，或改为导入原 Excel 文件（.xlsx）。`,
  };
}

/**
 * Checks every item: code (present, short, not used twice), title, lead unit (exactly one, known),
 * responsible units (known, none twice, not the lead), due date (a real day, in the plan's year:
 * not after its period's last day, `dueDateLimitOf`), and every category's code and title. Units are resolved with `lookupUnit`,
 * which accepts an official name or a unit code.
 */
export async function validatePlanDocument(
  document: PlanDocument,
  lookupUnit: UnitLookup,
  options: {
    readonly today?: string;
    /** A supervisor overrides the period: a due date after it is left to the item's decision, which records the override. */
    readonly periodOverridden?: boolean;
    /** The override's reason, for the notice that lists each item it approves (breaker10e P4). */
    readonly periodOverrideReason?: string;
    /**
     * Whether the plan as imported already has item `code` due on `dueDate` (`YYYY-MM-DD`: its own due date or one of its parts'):
     * a day past the period on the record was set with a supervisor's override then, so a version read back with it (the plan's own
     * export) is neither refused for it nor told it is approved again; only a new or moved date past the period needs an override
     * (newcomer48-10 S2). Absent for a plan not imported.
     */
    readonly dueOnRecord?: (code: string, dueDate: string, title: string) => boolean;
    /**
     * Whether the plan as imported holds the row's item as the row gives it (`HeldOnRecord`): two such rows repeating each other are
     * the plan's own pair, not a copy (breaker50-10 S5). Absent for a plan not imported.
     */
    readonly heldOnRecord?: HeldOnRecord;
    /**
     * `YYYY-MM-DD`, the plan's approval day when the import gives it: a file refused for other problems also names each row due
     * before it, so that the clerk fixes the file once (issue 10: a row's unknown unit hid its own 「早于方案批准日期」). A file
     * with no other problem leaves that check to the import and the item's decision.
     */
    readonly approvedOn?: string;
    /** The file is refused for problems found before (its reading's, its layout's): the rows due before `approvedOn` are said too. */
    readonly refusedAnyway?: boolean;
    /**
     * The file was a CSV: an item with no lead under one that has one is told the likely cause — Excel keeps a merged cell's text in
     * its first row only when it saves a CSV (newcomer45-10 M2: 「事项 2 缺少牵头单位。」 and no word of why).
     */
    readonly csv?: boolean;
  } = {},
): Promise<PlanValidation> {
  const problems: ImportProblem[] = [];
  /** Rows due before `options.approvedOn`, by row (and sheet): said only beside other problems. */
  const earlyDue = new Map<string, ImportProblem>();
  /** What each collective name (各区县政府, 市直各部门) became, row by row, for the dry run to show (breaker10c P13). */
  const expansions: ImportProblem[] = [];
  const firstRowOfCode = new Map<string, { readonly row: number; readonly sheet?: string }>();
  /** The units a name stands for (a collective name, several), or null with the problem noted. */
  /** Names of merged units (breaker10d P29) and names read as a near unit's (`nearReadingNotice`) already told about: each once, on its first row. */
  const mergedTold = new Set<string>();
  const resolve = (name: string, row: number, role: string, context?: NamingContext, sheet?: string): { units: readonly ResolvedUnit[]; collective: boolean; joined?: true; removed?: true; ownDeadline?: string; registeredLater?: readonly RegisteredLater[] } | null => {
    const found = unitNamesOf(lookupUnit, name, context);
    if (found.ok) {
      const told = mergedTold.has(name) ? null : (otherNameNotice(lookupUnit, name) ?? mergedNameNotice(lookupUnit, name) ?? renamedNameNotice(lookupUnit, name) ?? nearReadingNotice(name, found));
      if (told) {
        mergedTold.add(name);
        expansions.push({ row, ...told, ...(sheet === undefined ? {} : { sheet }) });
      }
      return { units: found.units, collective: found.collective ?? false, ...(found.joined ? { joined: true as const } : {}), ...(found.removed ? { removed: true as const } : {}), ...(found.ownDeadline === undefined ? {} : { ownDeadline: found.ownDeadline }), ...(found.registeredLater === undefined ? {} : { registeredLater: found.registeredLater }) };
    }
    problems.push({ row, ...unitNameProblem(found, name, role, ROLE_ZH[role] ?? '单位') });
    return null;
  };

  /**
   * Per item with no lead (by sheet and row), the row of the nearest item above it in the file that names one, only items with none
   * between them: the cell merged down over them all, which a CSV keeps in its first row only (`missingLead`).
   */
  const leadAbove = new Map<string, number>();
  // Item after item in slices (`slicer`): a file of thousands of rows is checked without holding every other request (breaker51-10 S7:
  // a 37 288-row CSV's dry run kept /health waiting 26–30 s).
  const pause = slicer();
  const inFileOrder = document.categories.flatMap((category) => category.items).sort((a, b) => (a.sheet ?? '').localeCompare(b.sheet ?? '') || a.row - b.row);
  for (const [index, item] of inFileOrder.entries()) {
    await pause();
    const before = inFileOrder[index - 1];
    const above = before === undefined || before.sheet !== item.sheet ? undefined : namesInCell(before.leadUnit).length > 0 ? before.row : leadAbove.get(`${before.sheet ?? ''}|${before.row}`);
    if (above !== undefined && namesInCell(item.leadUnit).length === 0) leadAbove.set(`${item.sheet ?? ''}|${item.row}`, above);
  }
  const categories: ValidatedPlanCategory[] = [];
  for (const category of document.categories) {
    const itemOf = async (item: (typeof category.items)[number]): Promise<ValidatedPlanItem[]> => {
      const { row } = item;
      const found = problems.length;
      if (category.code === '') problems.push({ row, reason: 'Missing category code (类别编号).', reasonZh: '缺少类别编号。' });
      if (category.title === '') problems.push({ row, reason: `Missing category title (类别) for category ${category.code}.`, reasonZh: `类别 ${category.code} 缺少类别名称。` });

      if (item.code === '') {
        problems.push({ row, reason: 'Missing item code (编号).', reasonZh: '缺少事项编号。' });
      } else if (isReservedKey(item.code)) {
        problems.push({
          row,
          reason: `Item code "${item.code}" is a reserved name (like constructor, __proto__, prototype): choose another.`,
          reasonZh: `事项编号“${item.code}”是保留名称，请换一个编号。`,
        });
      } else if (item.code.length > MAX_CODE) {
        problems.push({ row, reason: `Item code "${item.code}" is longer than ${MAX_CODE} characters.`, reasonZh: `事项编号“${item.code}”超过 ${MAX_CODE} 个字符。` });
      } else if (firstRowOfCode.has(item.code)) {
        // The first row named on its sheet when the items are read over several (P7: 「第 4 行已使用」 of which sheet?).
        const first = firstRowOfCode.get(item.code)!;
        const there = first.sheet === undefined ? { en: `row ${first.row}`, zh: `第 ${first.row} 行` } : { en: `row ${first.row} of sheet "${first.sheet}"`, zh: `工作表“${first.sheet}”第 ${first.row} 行` };
        // 1.10 typed in a number cell is stored 1.1, and then repeats item 1.1 (newcomer43-10 #4): said, as the deadline reader says of 2027.1.
        const dropped = DOTTED_NUMBER.test(item.code);
        problems.push({
          row,
          reason: `Duplicate item code ${item.code}: already used on ${there.en}.${dropped ? ` If the code column holds numbers, Excel dropped a trailing 0 (1.10 is stored as 1.1): format the column as text and type the codes again.` : ''}`,
          reasonZh: `事项编号 ${item.code} 重复：${there.zh}已使用。${dropped ? `如编号列是数字格式，Excel 会去掉编号末尾的 0（如 1.10 存为 1.1）：请把编号列设为文本格式后重新输入编号。` : ''}`,
        });
      } else {
        firstRowOfCode.set(item.code, { row, ...(item.sheet === undefined ? {} : { sheet: item.sheet }) });
      }
      if (item.title === '') problems.push({ row, reason: `Missing title (事项) of item ${item.code}.`, reasonZh: `事项 ${item.code} 缺少事项名称。` });
      // Codes are names too: `1\uE000` must not pass for item 1 (the one rule of names, titles and codes).
      const unreadable =
        unreadableLabel(item.code) ??
        unreadableLabel(category.code) ??
        unreadableLabel(item.title) ??
        unreadableText(item.description) ??
        unreadableText(item.measures) ??
        unreadableLabel(category.title);
      if (unreadable) problems.push({ row, reason: `The text of item ${item.code} ${unreadable}.`, reasonZh: `事项 ${item.code} 的文字${unreadableReasonZh(unreadable)}。` });
      if (item.title.length > MAX_TITLE) {
        problems.push({ row, reason: `The title of item ${item.code} is longer than ${MAX_TITLE} characters.`, reasonZh: `事项 ${item.code} 的名称超过 ${MAX_TITLE} 个字。` });
      }
      if (item.description.length > MAX_DESCRIPTION) {
        problems.push({
          row,
          reason: `The description of item ${item.code} is longer than ${MAX_DESCRIPTION} characters.`,
          reasonZh: `事项 ${item.code} 的内容超过 ${MAX_DESCRIPTION} 个字。`,
        });
      }
      if (item.measures.length > MAX_DESCRIPTION) {
        problems.push({
          row,
          reason: `The measures (措施) of item ${item.code} are longer than ${MAX_DESCRIPTION} characters.`,
          reasonZh: `事项 ${item.code} 的措施超过 ${MAX_DESCRIPTION} 个字。`,
        });
      }

      // 联合牵头: every unit named in the 牵头单位 cell leads (「A、B」, 「A，B」, 「A/B」 …).
      const leadNames = namesInCell(item.leadUnit);
      const leadUnits: ResolvedUnit[] = [];
      /** The units after the first of 「A与B」 written first in a one-column 责任单位: responsible, first among them. */
      const jointAsResponsible: ResolvedUnit[] = [];
      if (leadNames.length === 0) problems.push({ row, ...missingLead(item.code, options.csv === true ? leadAbove.get(`${item.sheet ?? ''}|${row}`) : undefined) });
      const removedLeads: string[] = [];
      /** Units a collective name (各区县政府) stood for: one of them named on its own beside it is that unit, once. */
      const fromCollective = new Set<string>();
      /** The collective name each of those was read from, as written (`ValidatedPlanItem.collectiveUnits`). */
      const collectiveUnits: Record<string, string> = {};
      /** Lead units with a deadline of their own in their bracket (breaker10r P9): checked against the item's once it is read. */
      const leadOwnDeadlines: { name: string; text: string }[] = [];
      for (const name of leadNames) {
        const lead = resolve(name, row, 'lead unit', undefined, item.sheet);
        if (lead?.ownDeadline !== undefined) leadOwnDeadlines.push({ name, text: lead.ownDeadline });
        if (lead?.removed) {
          removedLeads.push(name);
        } else if (lead?.collective) {
          // 各区县政府 as 牵头单位: each of its units leads its own share (联合牵头), as naming them one by one does and as a lead
          // written per level always read — told with the units it stands for (breaker43-10 F8: refused as 「须写具体单位」).
          expansions.push(collectiveNotice(row, name, lead, item.sheet, 'lead'));
          for (const unit of lead.units) {
            fromCollective.add(unit.unitId);
            collectiveUnits[unit.unitId] ??= name;
            if (!leadUnits.some((other) => other.unitId === unit.unitId)) leadUnits.push(unit);
          }
        } else if (lead && lead.units.length === 1 && fromCollective.has(lead.units[0]!.unitId)) {
          // A county named beside 各区县政府 (either order) is one of its units: it leads once, as among responsible units.
        } else if (lead && lead.units.some((unit) => leadUnits.some((other) => other.unitId === unit.unitId))) {
          problems.push({ row, reason: `Lead unit ${name} is listed twice.`, reasonZh: `牵头单位“${name}”写了两次。` });
        } else if (lead && lead.joined && item.leadFirstOfUnits) {
          // 「A与B」 first in a one-column 责任单位: A leads, B is responsible, as 「A、B」 there (lead's decision, session 27).
          leadUnits.push(lead.units[0]!);
          jointAsResponsible.push(...lead.units.slice(1));
        } else if (lead) {
          // 「A和B」 in the 牵头单位 cell: both lead (联合牵头), as 「A、B」 (breaker10m P1).
          leadUnits.push(...lead.units);
        }
      }

      // Every lead marked off the row (「A（不再牵头）」, breaker10r P26): the item has no lead left — refused naming them, never dropped.
      if (removedLeads.length > 0 && removedLeads.length === leadNames.length) {
        problems.push({
          row,
          reason: `Item ${item.code} has no lead unit left: ${removedLeads.join(', ')} is marked off the row. Name the unit that leads it now.`,
          reasonZh: `事项 ${item.code} 没有牵头单位：${removedLeads.map((name) => `“${name}”`).join('、')}已标注不再承担。请写明现在牵头的单位。`,
        });
      }
      const responsibleUnits: ResolvedUnit[] = [...jointAsResponsible];
      /** The ids of `responsibleUnits`, looked up per name: an item continued over hundreds of rows was each-against-each (breaker55-10 S1). */
      const responsibleIds = new Set(jointAsResponsible.map((unit) => unit.unitId));
      /** Responsible units with a deadline of their own in their bracket (「青川市财政局（9.30前）」, breaker10r P9), read once the item's is. */
      const ownDeadlines: { name: string; text: string; row: number; units: readonly ResolvedUnit[] }[] = [];
      const listed = new Set<string>();
      /** The name each responsible unit was first written by in this item, to name both when another names it again. */
      const writtenAs = new Map<string, string>();
      const addResponsible = (names: readonly string[], row: number) => {
      for (const name of names) {
        if (listed.has(name)) {
          problems.push({ row, reason: `Responsible unit ${name} is listed twice.`, reasonZh: `责任单位“${name}”写了两次。` });
          continue;
        }
        listed.add(name);
        if (leadNames.includes(name)) {
          problems.push({ row, reason: `${name} is the lead unit and cannot also be listed as a responsible unit.`, reasonZh: `“${name}”是牵头单位，不能同时列为责任单位。` });
          continue;
        }
        // 各科室 means the sections of the item's lead unit.
        const named = resolve(name, row, 'responsible unit', { leadUnitIds: leadUnits.map((unit) => unit.unitId) }, item.sheet);
        if (!named) continue;
        if (named.ownDeadline !== undefined) ownDeadlines.push({ name, text: named.ownDeadline, row, units: named.units });
        if (named.collective) expansions.push(collectiveNotice(row, name, named, item.sheet));
        for (const unit of named.units) {
          const lead = leadUnits.find((other) => other.unitId === unit.unitId);
          const isLead = lead !== undefined;
          const again = responsibleIds.has(unit.unitId);
          // 各区县政府 next to the lead or a county named on its own means the others as well; the lead
          // named again by another of its names (市财政局 for 青川市财政局) is the lead, once (breaker10 F16); a county named after
          // 各区县政府 is one of its units, as a county named before it is.
          // The lead written otherwise under 配合单位 (「青川市财政局（牵头）」 leading, 「青川市财政局」 or 「市财政局」 again) is told as
          // the same name is (`withoutLead`), naming both writings: a clerk who meant another unit learns one was dropped (breaker50-10 M4).
          if (isLead && !named.collective) {
            expansions.push({
              row,
              reason: `"${name}" is the lead unit ${lead.name} and is also listed under 责任单位: it leads, with one part.`,
              reasonZh: `“${name}”即牵头单位“${lead.name}”，又列在责任单位中：按牵头单位计，只交办一次。`,
              ...(item.sheet === undefined ? {} : { sheet: item.sheet }),
            });
          }
          if (isLead || (again && (named.collective || fromCollective.has(unit.unitId)))) continue;
          if (named.collective) {
            fromCollective.add(unit.unitId);
            collectiveUnits[unit.unitId] ??= name;
          }
          if (again) {
            // 「青川市民政局、民政局」: two names of one unit, said as written — never 「名称和编码各一次」 where no code was written (breaker43-10 F8).
            const first = writtenAs.get(unit.unitId);
            problems.push(
              first === undefined || first === name
                ? { row, reason: `Responsible unit ${name} is listed twice.`, reasonZh: `责任单位“${name}”写了两次。` }
                : { row, reason: `Responsible units "${first}" and "${name}" are the same unit, listed twice: write it once.`, reasonZh: `责任单位“${first}”和“${name}”是同一个单位，写了两次：请只写一次。` },
            );
          } else {
            responsibleUnits.push(unit);
            responsibleIds.add(unit.unitId);
            writtenAs.set(unit.unitId, name);
          }
        }
      }
      };
      addResponsible(item.responsibleUnits, row);

      // A 完成时限 the reading refused already (`dueDateRefused`: a year.month number 2027.1) is not refused again in other words.
      const dueOn = (text: string, row: number, refusedAlready = false): PartDue | null => {
        if (refusedAlready) return null;
        const due = dueDayOf(
          text,
          document,
          options.today,
          (reason, reasonZh) => problems.push({ row, reason, reasonZh }),
          (reason, reasonZh) => expansions.push({ row, reason, reasonZh, ...(item.sheet === undefined ? {} : { sheet: item.sheet }) }),
        );
        // A day past the period the item already has on the record carries its override there (newcomer48-10 S2).
        const onRecord = due !== null && document.year > 0 && due.dueDate > dueDateLimitOf(document).latest && options.dueOnRecord?.(item.code, due.dueDate, item.title) === true;
        const outside = due && document.year > 0 && !onRecord ? outsidePlanPeriod(due.dueDate, document, options.periodOverridden === true, options.today, text) : null;
        if (due && options.approvedOn !== undefined && due.dueDate < options.approvedOn && !earlyDue.has(`${item.sheet ?? ''}|${row}`)) {
          earlyDue.set(`${item.sheet ?? ''}|${row}`, {
            row,
            reason: `The due date of item ${item.code} (${due.dueDate}) is before the day the plan was approved (${options.approvedOn}); a past plan is imported with its approval day.`,
            reasonZh: `事项 ${item.code} 的完成时限（${due.dueDate}）早于方案批准日期（${options.approvedOn}）；补录以往的方案，请按实际填写“方案批准日期”。`,
            ...(item.sheet === undefined ? {} : { sheet: item.sheet }),
          });
        }
        if (outside) problems.push({ row, ...outside });
        else if (due && !onRecord && document.year > 0 && options.periodOverridden === true && due.dueDate > dueDateLimitOf(document).latest) {
          // Every item the override approves is listed, in the preview too (breaker10e P4).
          const limit = dueDateLimitOf(document);
          const reason = options.periodOverrideReason ?? '';
          expansions.push({
            row,
            reason: `Due date ${due.dueDate} is after ${limit.setBy.en} (${limit.latest}): set by the supervisor's override${reason ? ` "${reason}"` : ''}.`,
            reasonZh: `完成时限 ${due.dueDate} 晚于${limit.setBy.zh}（${limit.latest}），按特批${reason ? `理由“${reason}”` : ''}登记。`,
            ...(item.sheet === undefined ? {} : { sheet: item.sheet }),
          });
        }
        return due;
      };
      // A version without a 完成时限 column (`absentFields`): the item's due date is kept by the import, read as none here (issue 10).
      const dueKept = (document.absentFields ?? []).includes('dueDate') && item.dueDate === '';
      // A blank 完成时限 on the item's first row says which item, what to write, and the date a row below gives (newcomer55-10 M2: 「第 20 行：缺少完成时限。」).
      const blankDue = !dueKept && item.dueDateRefused !== true && item.dueDate.trim() === '';
      if (blankDue) problems.push({ row, ...blankDueWords(item.code, item.title, (item.continuations ?? []).find((continuation) => continuation.dueDate.trim() !== '')) });
      const due: PartDue | null = dueKept ? { dueDate: '', terms: { kind: 'BY_DATE' } } : blankDue ? null : dueOn(item.dueDate, row, item.dueDateRefused === true);

      // Rows continuing the item (breaker10 F19): their units, each due on its row's date (blank: the item's).
      const partDueDates: Record<string, PartDue> = {};
      const leadRows: { row: number; due: PartDue }[] = [];
      for (const continuation of item.continuations ?? []) {
        // An item's rows are as many as a file's: given back to the event loop between them (breaker55-10 S1: 300 rows held /health 3.5 s).
        await pause();
        const continuationLead = namesInCell(continuation.leadUnit);
        if (continuationLead.length > 0 && continuationLead.join('、') !== leadNames.join('、')) {
          problems.push({
            row: continuation.row,
            reason: `This row continues item ${item.code} (row ${row}) but names another lead unit, ${continuation.leadUnit}: an item has its lead units on its first row.`,
            reasonZh: `本行续写第 ${row} 行的事项 ${item.code}，但牵头单位不同（${continuation.leadUnit}）：事项的牵头单位须写在其第一行。`,
          });
        }
        const before = responsibleUnits.length;
        addResponsible(continuation.responsibleUnits, continuation.row);
        const own = continuation.dueDate === '' ? null : dueOn(continuation.dueDate, continuation.row, continuation.dueDateRefused === true);
        if (own) for (const unit of responsibleUnits.slice(before)) partDueDates[unit.unitId] = own;
        // The lead named again on the row — merged down, or typed (breaker10r P10: typed, its later deadline was dropped silently) —
        // leads that row's work too; not in Rectify's own export, whose every row repeats the leads beside one unit's part.
        if (own && (continuation.leadMergedDown || !document.datesPerPart) && continuationLead.join('、') === leadNames.join('、')) leadRows.push({ row: continuation.row, due: own });
      }
      // The lead's cell merged down over a continuing row (not a lead repeated as text, as Rectify's export writes it on each
      // unit's row) leads that row's work: it, and the item, are due on the last of its rows' dates; the units of the earlier
      // rows keep theirs (breaker10q P7: the lead due on the first row's 03-31 while its June measure ran on, red on 1 April).
      const later = due ? leadRows.filter((each) => each.due.dueDate > due.dueDate).sort((a, b) => (a.due.dueDate < b.due.dueDate ? 1 : -1))[0] : undefined;
      let itemDue = due;
      if (due && later) {
        for (const unit of responsibleUnits) if (partDueDates[unit.unitId] === undefined) partDueDates[unit.unitId] = due;
        itemDue = later.due;
        expansions.push({
          row: later.row,
          reason: `The lead unit of item ${item.code} (row ${row}) is named on row ${later.row} too: it and the item are due on that row's ${later.due.dueDate}, the last of its rows (row ${row}'s ${due.dueDate} stays the due date of the units named there).`,
          reasonZh: `事项 ${item.code}（第 ${row} 行）的牵头单位在第 ${later.row} 行也有列名：牵头单位和该事项按其最后一行的时限 ${later.due.dueDate} 计（第 ${row} 行的 ${due.dueDate} 仍是该行所列单位的时限）。`,
          ...(item.sheet === undefined ? {} : { sheet: item.sheet }),
        });
      }

      // A unit's own deadline in its bracket (breaker10r P9: （9.30前）, （立行立改）, （长期坚持） were dropped, the part due on the row's day):
      // a responsible unit's part is due so, told; a lead's is the item's 完成时限, so a lead's own deadline other than it is refused.
      if (itemDue) {
        for (const own of leadOwnDeadlines) {
          const read = dueOn(own.text, row);
          if (read && (read.dueDate !== itemDue.dueDate || !sameDueTerms(read.terms, itemDue.terms))) {
            problems.push({
              row,
              reason: `Lead unit "${own.name}" gives itself a deadline of its own in its bracket (${deadlineCell(read.terms, read.dueDate)}), not the item's ${deadlineCell(itemDue.terms, itemDue.dueDate)}: the lead's deadline is the item's. Write it in 完成时限, or remove the bracket.`,
              reasonZh: `牵头单位“${own.name}”在括号中写了自己的时限（${deadlineCell(read.terms, read.dueDate)}），与完成时限（${deadlineCell(itemDue.terms, itemDue.dueDate)}）不同：牵头单位的时限即事项的完成时限。请把该时限写入完成时限列，或删去括号。`,
            });
          }
        }
        for (const own of ownDeadlines) {
          const read = dueOn(own.text, own.row);
          if (!read || (read.dueDate === itemDue.dueDate && sameDueTerms(read.terms, itemDue.terms))) continue;
          for (const unit of own.units) if (responsibleIds.has(unit.unitId)) partDueDates[unit.unitId] = read;
          expansions.push({
            row: own.row,
            reason: `"${own.name}": the deadline in its bracket is that unit's own: its part is due ${deadlineCell(read.terms, read.dueDate)} (the row's other units ${deadlineCell(itemDue.terms, itemDue.dueDate)}).`,
            reasonZh: `“${own.name}”括号中的时限是该单位自己的时限：其任务按 ${deadlineCell(read.terms, read.dueDate)} 计（本行其他单位按 ${deadlineCell(itemDue.terms, itemDue.dueDate)}）。`,
            ...(item.sheet === undefined ? {} : { sheet: item.sheet }),
          });
        }
      }

      // Read over several sheets, each problem names the item's sheet.
      if (item.sheet !== undefined) for (let index = found; index < problems.length; index += 1) problems[index] = { ...problems[index]!, sheet: item.sheet };
      if (problems.length > found || leadUnits.length === 0 || !itemDue) return [];
      const { code, title, description, measures } = item;
      const { dueDate, terms } = itemDue;
      const ownDates = Object.keys(partDueDates).length === 0 ? {} : { partDueDates };
      return [
        {
          row,
          code,
          title,
          description,
          measures,
          leadUnits,
          responsibleUnits,
          dueDate,
          terms,
          ...ownDates,
          ...(item.sheet === undefined ? {} : { sheet: item.sheet }),
          ...(Object.keys(collectiveUnits).length === 0 ? {} : { collectiveUnits }),
        },
      ];
    };
    const items: ValidatedPlanItem[] = [];
    for (const item of category.items) {
      await pause();
      items.push(...(await itemOf(item)));
    }
    categories.push({ code: category.code, title: category.title, items });
  }
  problems.push(...repeatedItemProblems(categories, options.heldOnRecord));

  if (problems.length > 0 || (options.refusedAnyway && earlyDue.size > 0)) return { ok: false, problems: sortedProblems([...problems, ...earlyDue.values()]) };
  const absent = document.absentFields && document.absentFields.length > 0 ? { absentFields: document.absentFields } : {};
  const perPart = document.datesPerPart ? { datesPerPart: true as const } : {};
  const reading = {
    ...(document.exportedAs ? { exportedAs: document.exportedAs } : {}),
    ...(document.rowsOfOneUnit ? { rowsOfOneUnit: document.rowsOfOneUnit } : {}),
    ...(document.uncategorised ? { uncategorised: document.uncategorised } : {}),
  };
  return { ok: true, plan: { title: document.title, ...(document.writtenTitle === undefined ? {} : { writtenTitle: document.writtenTitle }), year: document.year, ...(document.lastYear === undefined ? {} : { lastYear: document.lastYear }), categories, ...absent, ...perPart, ...reading }, ...(expansions.length > 0 ? { notices: foldedNotices(expansions) } : {}) };
}

/**
 * The refusal of an item whose first row (its lead's) leaves 完成时限 blank: naming the item, saying what to write, and — when a row
 * continuing it gives a date (`below`: its row and text) — that an item's deadline is written on its first row, the one below copied.
 */
function blankDueWords(code: string, title: string, below: { readonly row: number; readonly dueDate: string } | undefined): { reason: string; reasonZh: string } {
  const item = `事项 ${code}“${title}”`;
  return below
    ? {
        reason: `Item ${code} "${title}" leaves 完成时限 blank on its first row (its lead's), while row ${below.row} below gives ${below.dueDate.trim()}: an item's deadline is written on its first row — write it there (the same date, if it is the item's; a row below with its own date gives that row's units theirs).`,
        reasonZh: `${item}的第一行（牵头单位所在行）未写完成时限，下方第 ${below.row} 行的时限为 ${below.dueDate.trim()}：事项的完成时限须写在其第一行，请在本行填写（与第 ${below.row} 行相同的，照抄即可；下方各行另写的时限是该行单位自己的时限）。`,
      }
    : {
        reason: `Item ${code} "${title}" has no 完成时限: write its deadline on this row (e.g. 2027年12月底前, 持续推进, 每季度).`,
        reasonZh: `${item}缺少完成时限：请在本行填写完成时限（如“2027年12月底前”“持续推进”“每季度”）。`,
      };
}

/** How a unit's role in an item reads in Chinese, by the English the messages use. */
const ROLE_ZH: Readonly<Record<string, string>> = { 'lead unit': '牵头单位', 'responsible unit': '责任单位' };

/**
 * The due date an item's deadline gives in a plan of `year`, with its terms. 立行立改 is due on
 * `today`, the day its units are assigned. A standing task (长期坚持) is due, and inspected, by the
 * plan's last day (12-31): it is never overdue and reports every quarter meanwhile; a recurring
 * one (每季度, 每月) is one item kept up the same way, reporting every such period (as a 整改台账 reads
 * it: a unit has one part of an item, not one per quarter). "X前完成并持续落实" is due by X, then
 * standing. Null, with the problem refused, when the cell cannot be read.
 */
function dueDayOf(
  text: string,
  plan: { readonly year: number; readonly lastYear?: number; readonly datesPerPart?: true },
  today: string | undefined,
  refuse: (reason: string, reasonZh: string) => void,
  tell: (reason: string, reasonZh: string) => void = () => undefined,
): PartDue | null {
  const { year } = plan;
  if (text.trim() === '') {
    refuse('Missing due date (完成时限).', '缺少完成时限。');
    return null;
  }
  // 「同上」 repeats the cell above by a word: said so (breaker10q P23, BB-same-as-above.xlsx: 「不是可识别的时限」).
  if (/^(?:同上|同上行|同前|〃|″|"|＂)$/u.test(text.trim())) {
    refuse(`Due date (完成时限) "${text.trim()}" repeats the cell above by a word: write the deadline (copy it from the row above).`, `完成时限“${text.trim()}”表示同上一行，导入不按“同上”读取：请写出时限（可从上一行复制）。`);
    return null;
  }
  // A plan over several years does not say which of them 6月底前 or 年底前 is in (breaker10m P6): refused asking for the year.
  const severalYears = year > 0 && planLastYear(plan) > year;
  // Not Rectify's own export: 立行立改（YYYY-MM-DD） naming a day other than the assignment's is another deadline (refused).
  const assigned = today !== undefined && !plan.datesPerPart ? { assignedOn: today } : {};
  const reading = readDeadline(text, { year: year > 0 && !severalYears ? year : undefined, ...assigned });
  // Read in any year of the plan's period: 2月29日 is a day of its leap years only (breaker50-10 M5: told 「计划的年度也不知道」).
  const span = severalYears ? Array.from({ length: planLastYear(plan) - year + 1 }, (_, at) => year + at) : [];
  const readableIn = span.filter((each) => readDeadline(text, { year: each }).ok);
  if (!reading.ok && severalYears && readableIn.length > 0) {
    const only = readableIn.length < span.length ? { en: ` (only ${readableIn.join(', ')} of them has such a day)`, zh: `（其中只有 ${readableIn.join('、')} 年有这一天）` } : { en: '', zh: '' };
    const example = readableIn.length < span.length ? readableIn[0]! : year + 1;
    refuse(
      `Due date (完成时限) "${text}" gives no year, and the plan runs over ${planYears(plan)}${only.en}: write the year (e.g. ${example}年${readableIn.length < span.length ? text.trim() : '6月底前'}).`,
      `完成时限“${text}”没有写年份，而本方案跨 ${planYears(plan)} 年多个年度${only.zh}：请写明年份（如“${example}年${readableIn.length < span.length ? text.trim() : '6月底前'}”）。`,
    );
    return null;
  }
  if (!reading.ok) {
    refuse(`Due date (完成时限) ${reading.reason}.`, `完成时限无法识别：${reading.reasonZh}。可写作 2026-06-30、2026年6月底前、2026年第三季度、立行立改、常态化或每季度。`);
    return null;
  }
  // Words that may mean two days (2026年下半年前: before it ends, or before it begins) are read as one and said (breaker46-10 M1).
  if (reading.notice) tell(`Due date (完成时限) ${reading.notice.reason}.`, `完成时限${reading.notice.reasonZh}。`);
  // Standing and recurring items are kept up until the plan's last day: 12-31 of its last year.
  const due = partDueOf(reading.deadline, { assignedOn: today, keptUpUntil: year > 0 ? `${planLastYear(plan)}-12-31` : undefined });
  if ('dueDate' in due) return due;
  if (due.missing === 'assignedOn') {
    refuse('Due date (完成时限) 立行立改 needs the day of the import.', '完成时限“立行立改”须知道交办日期。');
  } else {
    refuse(
      `Due date (完成时限) "${text}" has no end date: the plan's year must be known to date it (give --year).`,
      `完成时限“${text}”没有具体日期：须知道工作方案的年度才能确定时限（请给出年度）。`,
    );
  }
  return null;
}

/**
 * The first office day (`YYYY-MM-DD`) a plan of `year` may date work: 01-01 of its year, or the day its units are told
 * (`toldOn`: the approval or assignment day the import is read on) when that is earlier — next year's plan approved in
 * December gives 立行立改 and this December's tasks (印发年度工作要点 by 12-31) from that day (breaker10m P14).
 */
export function planPeriodStart(year: number, toldOn: string | undefined): string {
  const yearStart = `${year}-01-01`;
  return toldOn !== undefined && toldOn < yearStart ? toldOn : yearStart;
}

/**
 * A due date as a refusal names it: ` 2027-06-30` when the cell said that day, else the cell's own words and the day read —
 * `“明年3月底前”（按方案年度 2027 年的次年读作 2028-03-31）`, `“46203”（读作 2026-06-30）` (newcomer52-10 M7: only the day computed
 * was quoted, and the clerk could not see why 2028 came out). `written`: the 完成时限 cell as the file gives it.
 */
function dueDateAsWritten(dueDate: string, planYear: number, written: string | undefined): { en: string; zh: string } {
  const text = (written ?? '').trim();
  if (text === '' || text.normalize('NFKC') === dueDate) return { en: ` ${dueDate}`, zh: ` ${dueDate} ` };
  const nextYear = /明年|次年|下一?年/u.test(text);
  return {
    en: ` "${text}" (read as ${dueDate}${nextYear ? `: 明年 taken as the year after the plan's year ${planYear}` : ''})`,
    zh: `“${text}”（${nextYear ? `“明年”按方案年度 ${planYear} 年的次年读取，` : ''}读作 ${dueDate}）`,
  };
}

/**
 * Why a due date does not fit the plan's period, or null: before the period's first day (`planPeriodStart`: 01-01 of the
 * plan's year, or the earlier day its units are told, `toldOn`), or after the limit its parts are held to
 * (`dueDateLimitOf`, the period's last day), which the import's commands would refuse too. Checked here so that every
 * row's problems come out in one pass. With a supervisor's override (`overridden`), a day after the limit is the item's
 * decision to record.
 */
function outsidePlanPeriod(
  dueDate: string,
  plan: { readonly title: string; readonly year: number; readonly lastYear?: number },
  overridden: boolean,
  toldOn?: string,
  written?: string,
): { reason: string; reasonZh: string } | null {
  const limit = dueDateLimitOf(plan);
  const start = planPeriodStart(plan.year, toldOn);
  const shown = dueDateAsWritten(dueDate, plan.year, written);
  if (dueDate < start) {
    const yearStart = start === `${plan.year}-01-01`;
    return {
      reason: `Due date${shown.en} lies before the plan's ${yearStart ? 'year' : 'period (from the day its units are told)'}: it must be between ${start} and ${limit.latest}.`,
      reasonZh: `完成时限${shown.zh}早于工作方案的${yearStart ? '年度' : '期限（自交办之日起）'}：应在 ${start} 至 ${limit.latest} 之间。`,
    };
  }
  // Past the override's reach, a year typed wrong (2206 for 2026), whatever the override (breaker10e P4).
  if (dueDate > overrideReach(limit.latest) && overridden) {
    const past = beyondOverrideReach(dueDate, limit);
    return { reason: `Due date${shown.en} ${past.en}`, reasonZh: `完成时限${shown.zh}晚于${past.zh}` };
  }
  if (dueDate > limit.latest && !overridden) {
    // A year's plan whose item is due in a later year may be a plan over several years given without its span: say how to give it.
    const severalYears = planLastYear(plan) === plan.year && Number(dueDate.slice(0, 4)) - plan.year <= 10;
    return {
      reason: `Due date${shown.en} is after ${limit.setBy.en} (${limit.latest}); ${severalYears ? `a plan over several years gives its last year (lastYear, 截止年度; --year ${plan.year}-${dueDate.slice(0, 4)}); ` : ''}a supervisor may import it with an override and its reason (on the 导入 page, 超出方案期限的特批理由, or importWorkPlan's overrideReason; plan:import cannot give one), or set it one item at a time (addWorkPlanItem, rescheduleWorkPlanItem).`,
      reasonZh: `完成时限${shown.zh}晚于${limit.setBy.zh}（${limit.latest}）；${severalYears ? '跨年度的方案（如三年行动计划）请写明截止年度；' : ''}如确需延后，请督办人员在上方“超出方案期限的特批理由”中填写理由后重新导入。`,
    };
  }
  return null;
}
