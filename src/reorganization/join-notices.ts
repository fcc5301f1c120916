import { workDoneAsOf, type PartView } from '../assignments/read-model/part-view.js';
import type { PartToHandOver } from './hand-over-parts.js';

/** A finding or work-plan item a reorganisation may pass a part of: how a notice names it, and its parts as they stand. */
export interface NoticeHolder {
  readonly id: string;
  /** 《evaluation》问题「…」 or 《plan》事项 5「…」 (`findingLabel`, `itemLabel`). */
  readonly label: string;
  readonly parts: ReadonlyMap<string, PartView>;
}

/**
 * How a reorganisation names a work-plan item to an administrator (the 移交任务 choices, the 并入/移交 confirmations):
 * its plan — 《title》, with its year or period when the title does not say it — then 事项 code「title」. Annual plans repeat
 * tasks, so the code and title alone name two items alike (newcomer56-10 S2, breaker56-10 S2).
 */
export function itemLabel(plan: { readonly title: string; readonly year: number; readonly lastYear?: number } | undefined, item: { readonly code: string; readonly title: string }): string {
  const period = plan === undefined ? '' : plan.lastYear !== undefined && plan.lastYear !== plan.year ? `${plan.year}—${plan.lastYear}年` : `${plan.year}年`;
  const named = plan === undefined ? '' : plan.title.includes(period) || (plan.lastYear === undefined && plan.title.includes(String(plan.year))) ? `《${plan.title}》` : `《${plan.title}》（${period}）`;
  return `${named}事项 ${item.code}「${item.title}」`;
}

/** How a reorganisation names a finding: its evaluation's 《title》 (absent: none) then 问题「title」 (as `itemLabel`). */
export function findingLabel(evaluation: { readonly title: string } | undefined, finding: { readonly title: string }): string {
  return `${evaluation === undefined ? '' : `《${evaluation.title}》`}问题「${finding.title}」`;
}

/** The last report dated on or before office day `day` (the one awaiting inspection when the part stood reported). */
const reportOn = (part: PartView, day: string): string | undefined => part.reports.filter((report) => report.reportedOn <= day).at(-1)?.reportedOn;

/**
 * What a merge or hand-over (机构改革) does to each part it passes, one line each in Chinese, for the 单位名录 dialog before
 * the administrator confirms and for `mergeUnit` / `handOverUnitParts`' answer (newcomer51-10 S1: a join dropped the merged
 * unit's report awaiting inspection and nobody was told). `moving` are the parents' parts that pass (`partsToHandOver`), each on
 * its office day; `holders` the parents with their parts as they stand; `nameOf` names a unit. Said per part:
 * - moved to a successor without a part there: a report awaiting inspection goes with it and still awaits inspection;
 * - joined to the successor's own part (the two become one, leading if either led): it goes on with the record owing the most
 *   work (breaker8n P1) — the other record is kept on the part (`joinedRecords`), and a report awaiting inspection on it is no
 *   longer inspected (the successor reports for the joined part); an extension request not decided by then is not decided any
 *   more; the merged unit's lateness before the day stays its own (单位排名).
 * Parents not among `holders`, or whose part the unit no longer holds itself (a later reorganisation typed first), get a
 * plain line. Pure, O(moving × facts).
 */
export function reorganizationNotices(holders: readonly NoticeHolder[], moving: readonly PartToHandOver[], unitId: string, successorUnitId: string, nameOf: (unitId: string) => string): string[] {
  const byId = new Map(holders.map((holder) => [holder.id, holder]));
  const name = nameOf(unitId);
  const successor = nameOf(successorUnitId);
  const lines: string[] = [];
  for (const { id, on } of moving) {
    const holder = byId.get(id);
    if (!holder) continue;
    const part = holder.parts.get(unitId);
    if (!part) {
      lines.push(`${holder.label}：${name}曾承担的部分自 ${on} 起由${successor}承担。`);
      continue;
    }
    const done = workDoneAsOf(part, on);
    const reported = reportOn(part, on);
    const own = holder.parts.get(successorUnitId);
    if (!own) {
      const stood = done === 1 ? `，其待督查的报告（${reported}）随同移交，仍待督查` : done === 0 ? '（尚未完成报送）' : '';
      lines.push(`${holder.label}：${name}的部分自 ${on} 起移交${successor}${stood}。`);
      continue;
    }
    const theirs = workDoneAsOf(own, on);
    const theirReport = reportOn(own, on);
    const head = `${holder.label}：${successor}已承担该项的一部分，${name}的部分自 ${on} 起并入，两部分合为一项（${part.role === 'LEAD' || own.role === 'LEAD' ? '牵头' : '配合'}）`;
    const pendingExtension = (record: PartView, who: string) => (record.extensionRequests.some((request) => request.status === 'PENDING') ? `；${who}未批复的延期申请不再办理` : '');
    if (done < theirs) {
      // The open work is carried; the successor's own record is kept on the part (breaker8g P18, breaker8n P1).
      const set =
        theirs === 2
          ? `${successor}的部分已通过督查，留作记录；合并后的任务按${name}${done === 1 ? `待督查的报告（${reported}）督查` : '尚未完成的记录办理，须报送整改情况'}`
          : `${successor}待督查的报告（${theirReport}）不再待督查（留在该任务的“并入的记录”中）：${name}的部分尚未报送，合并后的任务须由${successor}为两部分一并报送`;
      lines.push(`${head}；${set}${pendingExtension(own, successor)}。`);
      continue;
    }
    const late = done === 0 && part.dueDate < on ? `；${name}的截止日期 ${part.dueDate} 已过，并入前的逾期计入${name}（单位排名）` : '';
    const set =
      done === 1 && theirs === 1
        ? `两单位的报告均待督查：合并后按${successor}的报告（${theirReport}）督查，${name}的报告（${reported}）留在该任务的“并入的记录”中`
        : done === 1
          ? `${successor}的部分尚未报送，合并后的任务按其记录办理：${name}待督查的报告（${reported}）不再待督查（留在该任务的“并入的记录”中，一份报告不能代替另一单位的部分），须由${successor}为合并后的任务报送整改情况（可引用该报告）`
          : `合并后的任务按${successor}的记录办理（时限 ${own.dueDate}）`;
    lines.push(`${head}；${set}${pendingExtension(part, name)}${late}。`);
  }
  return lines;
}
