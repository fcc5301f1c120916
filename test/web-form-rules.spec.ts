import { isRequired, isShown } from '../web/src/form-rules.js';

/*
 * breaker8c P18: the inspection form's 重新整改的时限 is shown only for 不通过, and required when the
 * inspection day is after the part's due date. A pass dated after the due date was never sent: the
 * hidden field counted as required, and its refusal went beside a field nobody could see.
 */
describe('which fields of a form count', () => {
  const dueDate = '2016-07-31';
  const failed = (values: Record<string, unknown>) => values.outcome === 'FAILED';
  const newDueDate = {
    shownWhen: failed,
    requiredWhen: (values: Record<string, unknown>) => typeof values.inspectedOn === 'string' && values.inspectedOn > dueDate,
  };

  it('never requires a field the form does not show: a late pass can be sent', () => {
    const latePass = { outcome: 'PASSED', inspectedOn: '2016-08-05' };
    expect(isShown(newDueDate, latePass)).toBe(false);
    expect(isRequired(newDueDate, latePass)).toBe(false);
  });

  it('requires it once shown and its rule says so: a late failure needs the new due date', () => {
    const lateFailure = { outcome: 'FAILED', inspectedOn: '2016-08-05' };
    expect(isShown(newDueDate, lateFailure)).toBe(true);
    expect(isRequired(newDueDate, lateFailure)).toBe(true);
    expect(isRequired(newDueDate, { outcome: 'FAILED', inspectedOn: '2016-07-25' })).toBe(false);
  });

  it('keeps plain fields as declared', () => {
    expect(isShown({}, {})).toBe(true);
    expect(isRequired({ required: true }, {})).toBe(true);
    expect(isRequired({}, {})).toBe(false);
  });
});
