import { Severities, type Severity } from '../domain/finding.events.js';
import { textOf, namesInCell } from '../../spreadsheet/cells.js';
import { sortedProblems, type ImportFormat, type ImportProblem, type ImportResult } from '../../spreadsheet/import-problems.js';
import { unitNamesOf, type ResolvedUnit, type UnitLookup } from '../../organization/units/unit-lookup.js';
import { droppedColumnProblems, readingNotesOf, readRecords } from '../../spreadsheet/records.js';
import { type FileContent } from '../../spreadsheet/text-file.js';

/*
 * An evaluation's list of findings (评估发现的问题), one per row, checked as a whole like a plan.
 */

export const findingColumns = {
  title: { label: '问题 (title)', aliases: ['问题', '标题', '问题名称', 'title', 'finding'], required: true },
  description: { label: '具体表现 (description)', aliases: ['具体表现', '问题描述', '描述', 'description'], required: true },
  category: { label: '类别 (category)', aliases: ['类别', '问题类别', '分类', 'category'], required: true },
  severity: { label: '严重程度 (severity)', aliases: ['严重程度', 'severity'], required: true },
  units: {
    label: '涉及单位 (units concerned)',
    aliases: ['涉及单位', '责任单位', '责任部门', '责任科室', '相关单位', 'units concerned', 'concerned units', 'units'],
    several: true,
    required: false,
  },
} as const;

/** 一般 / 较重 / 严重, as Chinese evaluation reports grade them. */
const SEVERITY_WORDS: Readonly<Record<string, Severity>> = { 一般: 'LOW', 较重: 'MEDIUM', 严重: 'HIGH' };

export function severityOf(text: string): Severity | undefined {
  const upper = text.trim().toUpperCase();
  return Severities.find((severity) => severity === upper) ?? SEVERITY_WORDS[text.trim()];
}

/** What RecordFinding needs, besides the evaluation: the units resolved to ids. */
export interface ImportedFinding {
  readonly row: number;
  readonly title: string;
  readonly description: string;
  readonly category: string;
  readonly severity: Severity;
  readonly concernedUnits: readonly ResolvedUnit[];
}

export interface FindingsImportOptions {
  readonly format: ImportFormat;
  /** The XLSX sheet to read; the first visible one when absent. */
  readonly sheet?: string;
  readonly lookupUnit: UnitLookup;
}

/** Limits of RecordFindingInput, checked here so that no finding of the list fails later. */
const MAX_TITLE = 200;
const MAX_DESCRIPTION = 5000;
const MAX_CATEGORY = 50;

/** Every finding of the file, or every problem: missing fields, unknown severities and units, a finding listed twice. */
export async function importFindings(
  content: FileContent,
  options: FindingsImportOptions,
): Promise<ImportResult<'findings', readonly ImportedFinding[]>> {
  const read = await readRecords(content, options.format, findingColumns, ['findings', '问题清单'], 'finding', { sheet: options.sheet });
  if (!read.ok) return { ok: false, problems: sortedProblems(read.problems) };
  const { table } = read;

  const problems: ImportProblem[] = droppedColumnProblems(
    table,
    {
      en: 'a findings list records each problem and the units it concerns, not deadlines or measures; import a file with deadlines and measures as a rectification ledger (整改台账), or remove the column',
      zh: '问题清单只记录问题及涉及单位，不记录整改时限和整改措施；带时限和措施的文件请作为整改台账导入，或删去该列',
    },
  );
  const firstRowOfTitle = new Map<string, number>();
  const findings: ImportedFinding[] = [];
  for (const { row, cells } of table.records) {
    const found = problems.length;
    const title = textOf(cells.title ?? null);
    const description = textOf(cells.description ?? null);
    const category = textOf(cells.category ?? null);
    const severityText = textOf(cells.severity ?? null);

    if (title === '') problems.push({ row, reason: 'Missing title (问题).' });
    else if (title.length > MAX_TITLE) problems.push({ row, reason: `The title is longer than ${MAX_TITLE} characters.` });
    else if (firstRowOfTitle.has(title)) {
      problems.push({ row, reason: `Finding "${title}" is listed twice: already on row ${firstRowOfTitle.get(title)}.` });
    } else firstRowOfTitle.set(title, row);
    if (description === '') problems.push({ row, reason: 'Missing description (具体表现).' });
    else if (description.length > MAX_DESCRIPTION) {
      problems.push({ row, reason: `The description is longer than ${MAX_DESCRIPTION} characters.` });
    }
    if (category === '') problems.push({ row, reason: 'Missing category (类别).' });
    else if (category.length > MAX_CATEGORY) problems.push({ row, reason: `The category is longer than ${MAX_CATEGORY} characters.` });

    const severity = severityOf(severityText);
    if (!severity) {
      problems.push({
        row,
        reason:
          severityText === ''
            ? 'Missing severity (严重程度).'
            : `Unknown severity "${severityText}": use LOW, MEDIUM or HIGH (一般, 较重 or 严重).`,
      });
    }

    const concernedUnits: ResolvedUnit[] = [];
    for (const name of namesInCell(cells.units ?? null)) {
      const named = unitNamesOf(options.lookupUnit, name);
      if (!named.ok) {
        problems.push({
          row,
          reason: named.unknown ? `Unknown unit "${name}": not the official name or code of a unit in the directory.` : `The unit ${named.reason}.`,
        });
        continue;
      }
      for (const unit of named.units) {
        if (!concernedUnits.some((other) => other.unitId === unit.unitId)) concernedUnits.push(unit);
        else if (!named.collective) problems.push({ row, reason: `Unit ${name} is listed twice.` });
      }
    }

    if (problems.length === found && severity) findings.push({ row, title, description, category, severity, concernedUnits });
  }
  if (table.records.length === 0) problems.push({ row: null, reason: 'The file lists no findings.' });
  if (problems.length > 0) return { ok: false, problems: sortedProblems(problems), ...(table.sheet === null ? {} : { sheet: table.sheet }) };
  return { ok: true, findings, ...readingNotesOf(table) };
}
