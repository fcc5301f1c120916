import type { PartView } from './part-view.js';

/**
 * A part's own records dated on or after its parent's withdrawal (`withdrawnOn`, `YYYY-MM-DD`) —
 * made before the office knew of it, kept on the record and counted nowhere (breaker11h P8) — one
 * line of Chinese each, `YYYY-MM-DD 事` in business-day order (entry order within a day): what a
 * withdrawn finding's or item's page and 台账 row list apart from the part as it stood (breaker11j
 * P3). A failed inspection names the due date it gave; a 撤回延期申请 the request it took back (the request itself reads as it stood,
 * still pending: breaker11r P2). Every kind of unit record the folds set aside (`isUnitRecord`) is listed: the live ledgers fold a
 * parent again, and its withdrawn page shows the parts as they stood, only when this list is not empty. Empty when there is none.
 */
export function recordsAfterWithdrawal(part: PartView, withdrawnOn: string): string[] {
  const lines: { on: string; at: string; text: string }[] = [];
  const from = (on: string) => on >= withdrawnOn;
  for (const report of part.reports) if (from(report.reportedOn)) lines.push({ on: report.reportedOn, at: report.reportedAt, text: '报送整改报告' });
  for (const inspection of part.inspections) {
    if (!from(inspection.inspectedOn)) continue;
    const returned = part.returns.find((entry) => entry.cause === 'INSPECTION_FAILED' && entry.returnedOn === inspection.inspectedOn && entry.newDueDate !== null);
    const text = inspection.outcome === 'PASSED' ? '现场督查通过' : `现场督查未通过${returned ? `（时限改为 ${returned.newDueDate}）` : ''}`;
    lines.push({ on: inspection.inspectedOn, at: inspection.loggedAt, text });
  }
  for (const entry of part.returns) {
    if (entry.cause === 'SENT_BACK' && from(entry.returnedOn)) lines.push({ on: entry.returnedOn, at: entry.returnedAt, text: `退办${entry.newDueDate ? `（时限改为 ${entry.newDueDate}）` : ''}` });
  }
  for (const urge of part.urges) if (from(urge.urgedOn)) lines.push({ on: urge.urgedOn, at: urge.urgedAt, text: '催办' });
  for (const request of part.extensionRequests) {
    if (from(request.requestedOn)) lines.push({ on: request.requestedOn, at: request.requestedAt, text: `申请延期至 ${request.requestedDueDate}` });
    if (request.decidedOn !== null && from(request.decidedOn)) {
      lines.push({ on: request.decidedOn, at: request.decidedAt ?? '', text: request.status === 'GRANTED' ? `延期获批（时限改为 ${request.grantedDueDate}）` : '延期未获批准' });
    }
    // The unit took a request back (撤回延期申请) on those days: set aside like its other records, the request still pending as it stood (breaker11r P2).
    if (request.status === 'WITHDRAWN' && request.withdrawnOn !== null && from(request.withdrawnOn)) {
      lines.push({ on: request.withdrawnOn, at: request.withdrawnAt ?? '', text: `撤回延期申请（${request.requestedOn} 申请延期至 ${request.requestedDueDate}）` });
    }
  }
  return lines.sort((a, b) => a.on.localeCompare(b.on) || a.at.localeCompare(b.at)).map((line) => `${line.on} ${line.text}`);
}
