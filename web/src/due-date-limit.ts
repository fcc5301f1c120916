/**
 * A finding's or item's due-date limit (`dueDateLimit`) in the words its forms use (ext s25 Left 1). Pure: the Jest suite
 * reads it (test/web-due-date-limit.spec.ts).
 */

/** A finding's or item's due-date limit as the API gives it (`dueDateLimit`): the last day (`YYYY-MM-DD`) and what sets it, in Chinese. */
export interface DueDateLimitView {
  latest: string;
  setBy: string;
}

/**
 * The override reason's label (newcomer23 S11: 「整改方案时限」 was named nowhere): what sets the limit and its day; the
 * old generic words when the parent's limit is not known.
 */
export const overrideReasonLabel = (limit: DueDateLimitView | null | undefined): string =>
  limit ? `超出${limit.setBy}（${limit.latest}）的理由（仅在新时限晚于 ${limit.latest} 时填写）` : '超出方案时限的理由（仅在新时限超出整改方案时限时填写）';

/**
 * newcomer23 S3: a unit asking an extension past the parent's limit (2027-01-20 on a 2026 plan, a typo) is asked to
 * confirm the date before it is sent; null when the date is within the limit (or none is known).
 */
export function pastLimitConfirmation(limit: DueDateLimitView | null | undefined, requestedDueDate: unknown): string | null {
  if (!limit || typeof requestedDueDate !== 'string' || requestedDueDate <= limit.latest) return null;
  return `申请延至的 ${requestedDueDate} 晚于${limit.setBy}（${limit.latest}），请确认日期无误；如确需延至该日，审批时须说明超出时限的理由。`;
}
