/** The kind of parent a part belongs to (see workflow.ts ParentKind). */
type ParentKind = 'finding' | 'item';

/**
 * On a withdrawn finding's or item's part, why a record dated before the withdrawal cannot be typed
 * in late, judged from the first report, inspection or 退办 set aside (`recordsAfterWithdrawal`, dated on
 * or after the withdrawal, 「2026-11-10 报送整改报告」): once the withdrawal is taken back it must still hold, so the
 * server refuses every day (breaker11k P1). A later report of the unit leaves no room for an earlier
 * one (it would be a second report awaiting inspection); a later inspection or 退办, none for an
 * earlier inspection (it would find no report to check). `report` / `inspect`: the text the card
 * shows instead of offering that form (breaker11l P8 = 11k P5); absent: the form is offered.
 */
export function lateRecordsBlocked(part: { readonly recordsAfterWithdrawal?: readonly string[] | null }, kind: ParentKind): { report?: string; inspect?: string } {
  // Urges and extension requests ask nothing of a report: the first report, inspection or 退办 decides.
  const first = (part.recordsAfterWithdrawal ?? []).map((line) => {
    const [day, ...words] = line.split(' ');
    return { day, what: words.join(' ') };
  }).find(({ what }) => /^(?:报送整改报告|现场督查|退办)/u.test(what));
  if (!first) return {};
  const { day, what } = first;
  const restore = kind === 'finding' ? '恢复问题' : '恢复事项';
  if (what.startsWith('报送整改报告')) {
    return { report: `撤销后本单位已于 ${day} 报送整改报告（撤销后的记录）：补录撤销日期之前的报告后，${restore}时那份报告将不再成立，因此不能补录。如撤销有误，请督办人员${restore}。` };
  }
  if (what.startsWith('现场督查') || what.startsWith('退办')) {
    const later = what.startsWith('退办') ? '退办' : '现场督查';
    return { inspect: `撤销后已于 ${day} ${later}（撤销后的记录）：补录撤销日期之前的督查后，${restore}时该${later}记录将不再成立，因此不能补录。如撤销有误，请督办人员${restore}。` };
  }
  return {};
}
