/*
 * The records of a part whose day 更正记录日期 corrects, as its form offers them: pure, so the root suite tests it
 * (test/web-redatable-records.spec.ts).
 */

/** What of a part (workflow.ts `Part`) the offered records are read from. */
export interface RedatablePart {
  assignedOn: string;
  reports: readonly { reportedOn: string; reportedAt?: string | null }[] | null;
  returns: readonly { cause: string; returnedOn: string; returnedAt?: string | null; goesWithReopeningOf?: string | null }[] | null;
  urges: readonly { urgedOn: string; urgedAt?: string | null }[] | null;
  extensionRequests: readonly { requestedDueDate: string; status: string; requestedOn: string; requestedAt?: string | null; decidedOn?: string | null; decidedAt?: string | null; withdrawnOn?: string | null; withdrawnAt?: string | null }[] | null;
  inspections: readonly { inspectedOn: string; loggedAt?: string | null }[] | null;
}

/**
 * The records of a part whose day a supervisor may correct (更正记录日期, correctRecordDate), as the form offers them —
 * `RECORD|day` (`|n` for one of several of its kind that day) and its words: in date order, within a day in the order entered.
 */
export function redatableRecords(part: RedatablePart): { value: string; label: string }[] {
  type Entry = { record: string; words: string; day: string; about: string; at: string; kind: string };
  const entry = (record: string, words: string, day: string, about = '', at = '', kind = record): Entry => ({ record, words, day, about, at, kind });
  // Which request an entry is (newcomer26 S7: two 延期申请 entries read alike): the date asked, and whether it was taken back.
  const asked = (request: NonNullable<RedatablePart['extensionRequests']>[number]) => `，申请延至 ${request.requestedDueDate}${request.status === 'WITHDRAWN' ? '，已撤回' : ''}`;
  const entries: Entry[] = [
    entry('ASSIGNMENT', '交办', part.assignedOn),
    ...(part.reports ?? []).map((report) => entry('REPORT', '整改报告', report.reportedOn, '', report.reportedAt ?? '')),
    ...(part.returns ?? []).filter((returned) => returned.cause === 'SENT_BACK').map((returned) => entry('SEND_BACK', '退办', returned.returnedOn, '', returned.returnedAt ?? '')),
    ...(part.urges ?? []).map((urge) => entry('URGING', '催办', urge.urgedOn, '', urge.urgedAt ?? '')),
    ...(part.extensionRequests ?? []).flatMap((request) => [
      entry('EXTENSION_REQUEST', '延期申请', request.requestedOn, asked(request), request.requestedAt ?? ''),
      // A grant and a refusal are counted apart, as the server finds them.
      ...(request.decidedOn && (request.status === 'GRANTED' || request.status === 'REFUSED') ? [entry('EXTENSION_DECISION', '延期审批', request.decidedOn, asked(request), request.decidedAt ?? '', `EXTENSION_DECISION:${request.status}`)] : []),
      ...(request.status === 'WITHDRAWN' && request.withdrawnOn ? [entry('EXTENSION_WITHDRAWAL', '撤回延期申请', request.withdrawnOn, `，所撤回的申请延至 ${request.requestedDueDate}`, request.withdrawnAt ?? '')] : []),
    ]),
    // Any inspection's day, also one the unit has answered since (breaker8d P1).
    ...(part.inspections ?? []).map((inspection) => entry('INSPECTION', '现场督查', inspection.inspectedOn, '', inspection.loggedAt ?? '')),
    // A reopening that returned the part (breaker46-8 S1): its day moves for every part it returned.
    // Not one the server wrote with the office's reopening that found the parent closed (h57b): it moves only with that reopening.
    ...(part.returns ?? []).filter((returned) => returned.cause === 'REOPENED' && returned.goesWithReopeningOf == null).map((returned) => entry('REOPENING', '重新打开', returned.returnedOn, '', returned.returnedAt ?? '')),
  ];
  // Several records of one kind on one day (a report, its send-back and the re-report typed with one day, breaker8s P8): each is
  // offered, named by its place in the order entered (…|n: ofTheDay), so the one chosen is the one corrected.
  const sameDay = (a: Entry) => entries.filter((b) => b.kind === a.kind && b.day === a.day).sort((x, y) => (x.at < y.at ? -1 : x.at > y.at ? 1 : 0));
  // In date order, as the paper file is (newcomer49-8 M3: grouped by kind, the 退办 between two reports came last); within a day
  // in the order entered.
  const inDateOrder = entries.map((one, index) => ({ one, index })).sort((a, b) => a.one.day.localeCompare(b.one.day) || a.one.at.localeCompare(b.one.at) || a.index - b.index).map(({ one }) => one);
  return inDateOrder.map((one) => {
    const peers = sameDay(one);
    if (peers.length < 2) return { value: `${one.record}|${one.day}`, label: `${one.words}（${one.day}${one.about}）` };
    const nth = peers.indexOf(one) + 1;
    return { value: `${one.record}|${one.day}|${nth}`, label: `${one.words}（${one.day}${one.about}，当天第 ${nth} 条${one.at ? `，录入于 ${officeTimeOf(one.at)}` : ''}）` };
  }).filter((record, index, all) => all.findIndex((other) => other.value === record.value) === index);
}

/** 'MM-DD HH:MM' of an instant on the China office clock: which of a day's entries a line is. */
const officeTimeOf = (instant: string): string => new Date(Date.parse(instant) + 8 * 3600_000).toISOString().slice(5, 16).replace('T', ' ');
