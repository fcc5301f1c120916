/**
 * A finding's or item's due-date limit (`dueDateLimit`) in the words its forms use (ext s25 Left 1). Pure: the Jest suite
 * reads it (test/web-due-date-limit.spec.ts).
 */

/** A finding's or item's due-date limit as the API gives it (`dueDateLimit`): the last day (`YYYY-MM-DD`) and what sets it, in Chinese. */
export interface DueDateLimitView {
  latest: string;
  setBy: string;
}

/** The override reason's label, short (newcomer38 P1: 75 characters of rule text were always shown): the rule is its placeholder. */
export const OVERRIDE_REASON_LABEL = '超出方案时限的理由';

/**
 * Whether a new due date `day` (`YYYY-MM-DD`, China office day; anything else: none picked) needs an override reason:
 * it is past `limit.latest` (the parent's limit as the API gives it, `dueDateLimit`; the server refuses such a day
 * without a supervisor's reason — README, Deadline rules). With no limit known (null/undefined), any day picked may need one.
 */
export function needsOverride(limit: DueDateLimitView | null | undefined, day: unknown): boolean {
  if (typeof day !== 'string' || day === '') return false;
  return limit ? day > limit.latest : true;
}

/**
 * The override-reason field (API input `overrideReason`) of a form that sets a due date past which a supervisor must give a
 * reason: shown (and sent) only while the day the form would set — `newDueDate(values)`, `YYYY-MM-DD` or empty — needs it
 * (needsOverride), under the short label OVERRIDE_REASON_LABEL, the limit and its day said in the placeholder
 * (newcomer38 P1: 退办 and 审批延期 always showed a 75-character label a normal send-back never needs). Not required here:
 * the server's refusal, if any, is shown beside the field. A plain object of ActionForm's FieldSpec shape.
 */
export function overrideReasonField(
  limit: DueDateLimitView | null | undefined,
  newDueDate: (values: Record<string, unknown>) => unknown,
): { name: 'overrideReason'; label: string; type: 'textarea'; placeholder: string; shownWhen: (values: Record<string, unknown>) => boolean } {
  return {
    name: 'overrideReason',
    label: OVERRIDE_REASON_LABEL,
    type: 'textarea',
    placeholder: limit ? `新时限晚于${limit.setBy}（${limit.latest}），请说明特批理由` : '新时限超出整改方案时限的，请说明特批理由',
    shownWhen: (values) => needsOverride(limit, newDueDate(values)),
  };
}

/**
 * newcomer23 S3: a unit asking an extension past the parent's limit (2027-01-20 on a 2026 plan, a typo) is asked to
 * confirm the date before it is sent; null when the date is within the limit (or none is known).
 */
export function pastLimitConfirmation(limit: DueDateLimitView | null | undefined, requestedDueDate: unknown): string | null {
  if (!limit || typeof requestedDueDate !== 'string' || requestedDueDate <= limit.latest) return null;
  return `申请延至的 ${requestedDueDate} 晚于${limit.setBy}（${limit.latest}），请确认日期无误；如确需延至该日，审批时须说明超出时限的理由。`;
}
