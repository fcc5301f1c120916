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

/**
 * A field's label without its hints and examples, as refusals name it: 不通过时：重新整改的时限（不填则按规则确定）
 * → 重新整改的时限; 撤销理由（如：与某问题重复登记、评估机构来函撤回） → 撤销理由 (breaker11e P7: the refusal
 * repeated the whole label with its example).
 */
export const shortLabel = (label: string): string => label.replace(/（[^）]*）/g, '').replace(/^.*：/, '').trim() || label;

/** What a required field left empty says beside it: 请选择“督查结果”。 for a choice or a day, 请填写“撤销理由”。 for text. */
export const requiredMessage = (field: { label: string; type: string }): string =>
  field.type === 'select' || field.type === 'radio' || field.type === 'date' ? `请选择“${shortLabel(field.label)}”。` : `请填写“${shortLabel(field.label)}”。`;

/**
 * The refusals beside fields that still stand once the person edits the form (newcomer23 S6: 请选择“督查结果”。
 * stayed red under 不通过 after it was chosen, until the next press). `refusals` are keyed by field name, or
 * `field.row` for a row of a list field; `valuesWhenRefused` are the form's values when they were placed.
 * A refusal goes as soon as its field's value differs from then; those named in `keptByTheirField` (a date
 * field's own refusal of unreadable text, which the field itself withdraws) are left alone.
 */
export function refusalsStillStanding(
  refusals: Record<string, string>,
  valuesWhenRefused: Record<string, unknown>,
  valuesNow: Record<string, unknown>,
  keptByTheirField: ReadonlySet<string> = new Set(),
): Record<string, string> {
  const changed = (name: string) => JSON.stringify(valuesNow[name]) !== JSON.stringify(valuesWhenRefused[name]);
  return Object.fromEntries(Object.entries(refusals).filter(([key]) => keptByTheirField.has(key) || !changed(key.split('.')[0])));
}
