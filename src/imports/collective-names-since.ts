import type { ImportProblem } from '../spreadsheet/import-problems.js';

/*
 * A collective name (各区县政府, 市直各部门) in a file sent again (newcomer56-10 S1): the 台账 or plan did not change, but units
 * registered since the first import make the name stand for more units. A finding or item recorded before reads the name as it
 * stood then — the units registered after it was recorded are not added, and that is said per finding or item — so the same file
 * reads as the same, and a new version of a plan does not hand work to units nobody named. Pure.
 */

/** A part read from a file: its unit, and the collective name it was read from (absent: named on its own). */
export interface PartFromFile {
  readonly unit: { readonly unitId: string; readonly name: string };
  readonly collective?: string;
  readonly row?: number;
}

/**
 * `parts` split in two: `grown` — read from a collective name, not among the finding's or item's units (`known`: held now or before),
 * and registered after `recordedAt` (`registeredAt` of a unit id: an ISO instant; unknown: not grown) — and `kept`, every other.
 * ISO instants of the log compare as strings.
 */
export function partsOfGrownNames<Part extends PartFromFile>(
  parts: readonly Part[],
  known: ReadonlySet<string>,
  registeredAt: (unitId: string) => string | undefined,
  recordedAt: string,
): { readonly kept: Part[]; readonly grown: Part[] } {
  const kept: Part[] = [];
  const grown: Part[] = [];
  for (const part of parts) {
    const at = part.collective === undefined || known.has(part.unit.unitId) ? undefined : registeredAt(part.unit.unitId);
    (at !== undefined && at > recordedAt ? grown : kept).push(part);
  }
  return { kept, grown };
}

/** At most this many unit names are listed in a notice; the rest are counted. */
const NAMES_SHOWN = 5;

/**
 * One notice per collective name of the grown parts (`partsOfGrownNames`) of a finding or item: what the name stands for now, the
 * units registered since `what` was recorded that were left out, and the way to add them. `all`: the parts the file read (grown
 * included), to count what the name stands for now. `what`: 问题“…” / 事项 2「…」 as the import names it; `where`: the page to add
 * units on (该问题页面 / 该事项页面); `row`: the row to name when a part has none.
 */
export function grownNameNotices(
  all: readonly PartFromFile[],
  grown: readonly PartFromFile[],
  what: { readonly en: string; readonly zh: string },
  where: { readonly en: string; readonly zh: string },
  row: number,
  recordedOn: string,
): ImportProblem[] {
  const names = [...new Set(grown.map((part) => part.collective!))];
  return names.map((name) => {
    const left = grown.filter((part) => part.collective === name);
    const now = all.filter((part) => part.collective === name).length;
    const shown = left.slice(0, NAMES_SHOWN).map((part) => part.unit.name);
    const more = left.length > NAMES_SHOWN ? `等 ${left.length} 个单位` : '';
    return {
      row: left[0]!.row ?? row,
      reason:
        `"${name}" now stands for ${now} units; ${left.length} of them (${shown.join(', ')}${left.length > NAMES_SHOWN ? ', …' : ''}) were registered, or had their kind or parent changed, after ${what.en} was recorded (${recordedOn}) and are not added to it: ` +
        `a file sent again reads the name as it stood then. To assign them, add them on ${where.en}.`,
      reasonZh:
        `“${name}”现指 ${now} 个单位，其中 ${left.length} 个（${shown.join('、')}${more}）是${what.zh}导入（${recordedOn}）之后登记（或调整类型、上级单位）的，未加入该${what.zh.startsWith('问题') ? '问题' : '事项'}：` +
        `再次导入的文件按该名称当时所指的单位读取。如需交办这些单位，请在${where.zh}交办。`,
    };
  });
}
