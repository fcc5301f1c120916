/**
 * Which of a form's fields count, given what has been entered: a field shown only when the other
 * values say so (a new due date when an inspection fails) is neither drawn, sent, required nor
 * judged while hidden. A form must never refuse on a field it does not show: the person would see
 * nothing happen and no reason (breaker8c P18: a pass dated after the due date could not be sent,
 * because the hidden 重新整改的时限 was "required").
 */
export interface ConditionalField {
  required?: boolean;
  /** Required only when the other values say so. */
  requiredWhen?: (values: Record<string, unknown>) => boolean;
  /** Shown (and sent) only when the other values say so. */
  shownWhen?: (values: Record<string, unknown>) => boolean;
}

/** Whether `field` is on the form now (drawn and sent). */
export const isShown = (field: ConditionalField, values: Record<string, unknown>): boolean => !field.shownWhen || field.shownWhen(values);

/** Whether `field` must be filled in before the form is sent: it is shown, and required always or by the other values. */
export const isRequired = (field: ConditionalField, values: Record<string, unknown>): boolean =>
  isShown(field, values) && (field.required === true || field.requiredWhen?.(values) === true);
