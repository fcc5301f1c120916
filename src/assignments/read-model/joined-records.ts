import { workDoneAsOf, type JoinedRecord, type PartView } from './part-view.js';

/** A unit's name on an office day (机构改革: the name it had then). */
export type NameOnDay = (unitId: string, day: string) => string;

const EXTENSION_WORDS: Record<PartView['extensionRequests'][number]['status'], string> = {
  PENDING: '并入时未批复',
  GRANTED: '已批准',
  REFUSED: '未获批准',
  LAPSED: '已失效',
  WITHDRAWN: '已撤回',
};

/** A summary as a line quotes it: its first 40 characters. */
const quoted = (text: string): string => `“${text.length > 40 ? `${text.slice(0, 40)}…` : text}”`;

/**
 * The facts of a record that stayed behind in a join, one phrase each in the order they happened (office day): its reports
 * (the one standing on `day`, the join's, marked 并入时待督查 when `pending`), inspections, send-backs and reopenings (a failed
 * inspection's return is its inspection), extension requests with how they ended. Pure, O(facts log facts).
 */
function factsOf(part: PartView, day: string, pending: boolean): string[] {
  const facts: { on: string; words: string }[] = [];
  const lastReport = part.reports.filter((report) => report.reportedOn <= day).at(-1);
  for (const report of part.reports) facts.push({ on: report.reportedOn, words: `${report.reportedOn} 报送整改报告${quoted(report.summary)}${pending && report === lastReport ? '（并入时待督查）' : ''}` });
  for (const inspection of part.inspections) facts.push({ on: inspection.inspectedOn, words: `${inspection.inspectedOn} 督查${inspection.outcome === 'PASSED' ? '通过' : '不通过'}` });
  for (const returned of part.returns) {
    if (returned.cause === 'INSPECTION_FAILED') continue;
    facts.push({ on: returned.returnedOn, words: `${returned.returnedOn} ${returned.cause === 'SENT_BACK' ? '报告被退回' : '重新打开'}${returned.newDueDate ? `（新时限 ${returned.newDueDate}）` : ''}` });
  }
  for (const request of part.extensionRequests) {
    const granted = request.status === 'GRANTED' && request.grantedDueDate ? `，延至 ${request.grantedDueDate}` : '';
    facts.push({ on: request.requestedOn, words: `${request.requestedOn} 申请延期至 ${request.requestedDueDate}（${EXTENSION_WORDS[request.status]}${granted}）` });
  }
  return facts.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0)).map((fact) => fact.words);
}

/**
 * The records that stayed behind when other units' parts joined this one (机构改革: a merge or hand-over into a unit holding a
 * part of the same finding or item, `PartView.joined` entries carrying their part), one line each in Chinese, in the order they
 * joined (newcomer51-10 S1: the merged unit's report awaiting inspection vanished from the part with nothing said). Each line
 * names whose record it is, the join's office day, its facts (`factsOf`: reports, inspections, send-backs, extension requests,
 * how far it stood), and where its work went: the joined part goes on with the record owing the most work (`workDoneAsOf`,
 * breaker8n P1: a report made for one unit's share does not answer another's), so a report awaiting inspection on a record
 * set aside is no longer inspected — the holder reports for the joined part, and may cite it; an extension request not
 * decided by then is not decided any more; the set-aside unit's lateness before the join stays its own (单位排名).
 * `nameOn` names a unit as on a day. Empty when nothing joined. Pure, O(records × facts).
 */
export function joinedRecordLines(part: PartView, nameOn: NameOnDay): string[] {
  const lines: string[] = [];
  for (const record of part.joined ?? []) {
    if (!record.part) continue;
    lines.push(joinedRecordLine(part, record as JoinedRecord & { readonly part: PartView }, nameOn));
  }
  return lines;
}

function joinedRecordLine(part: PartView, record: JoinedRecord & { readonly part: PartView }, nameOn: NameOnDay): string {
  const on = record.on;
  const holder = nameOn(part.unitId, on);
  const own = record.part;
  const name = nameOn(record.unitId, on);
  const done = workDoneAsOf(own, on);
  const facts = factsOf(own, on, done === 1);
  const factWords = facts.length > 0 ? facts.join('；') : '并入时尚无报告';
  const stood = done === 2 ? '已通过督查' : done === 1 ? '报告待督查' : '尚未完成报送';
  const role = own.role === 'LEAD' ? '（牵头）' : '';
  if (record.carried) {
    // The holder's own record set aside for the open work that joined it (breaker8g P18, breaker8n P1).
    const joining = nameOn(record.carried.unitId, on);
    const went =
      done === 2
        ? '本单位的部分已通过督查，仍记在本单位名下；并入的部分尚未完成，合并后的任务按该单位的记录由本单位继续办理'
        : `${joining}的部分尚未完成报送，合并后的任务按其记录由本单位办理：上述报告不再待督查，须由本单位为合并后的任务报送整改情况（可引用上述报告）`;
    return `${on} ${joining}的任务并入本单位的任务时，本单位自己的记录留存（${stood}）：${factWords}。${went}。`;
  }
  const keptBy = record.keptInstead ? nameOn(record.keptInstead, on) : holder;
  const pending = own.extensionRequests.some((request) => request.status === 'PENDING') ? '其未批复的延期申请不再办理，如仍需延期由本单位申请；' : '';
  const late = done === 0 && own.dueDate < on ? `其截止日期 ${own.dueDate} 已过，并入前的逾期计入${name}（单位排名）；` : '';
  const holderDone = workDoneAsOf(part, on);
  const went =
    done === 1 && holderDone === 1
      ? `合并后的任务按${keptBy}待督查的报告督查，该报告留作记录`
      : done === 1
        ? `合并后的任务按${keptBy}的记录办理（一份报告不能代替另一单位的部分）：该报告不再待督查，须由本单位为合并后的任务报送整改情况（可引用该报告）`
        : `合并后的任务按${keptBy}的记录办理`;
  return `${on} ${name}${role}的任务并入本单位的任务，其记录留存（${stood}）：${factWords}。${pending}${late}${went}。`;
}
