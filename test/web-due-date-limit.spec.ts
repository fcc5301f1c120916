import { OVERRIDE_REASON_LABEL, needsOverride, overrideReasonField, pastLimitConfirmation } from '../web/src/due-date-limit.js';

/* ext s25 Left 1: newcomer23 S3 (an extension past the plan's limit taken without a word) and S11 (整改方案时限 named nowhere). */
describe('the words forms use for a parent\'s due-date limit', () => {
  const limit = { latest: '2026-12-31', setBy: '工作方案「青川市2026年政务公开工作要点任务分解方案」的期限' };

  it('asks a unit to confirm a request past the limit, naming it; within it, or with no limit known, nothing', () => {
    expect(pastLimitConfirmation(limit, '2027-01-20')).toBe(
      '申请延至的 2027-01-20 晚于工作方案「青川市2026年政务公开工作要点任务分解方案」的期限（2026-12-31），请确认日期无误；如确需延至该日，审批时须说明超出时限的理由。',
    );
    expect(pastLimitConfirmation(limit, '2026-12-31')).toBeNull();
    expect(pastLimitConfirmation(null, '2027-01-20')).toBeNull();
  });

  it('names the limit and its day in the override reason\'s placeholder, under a short label (newcomer38 P1: 75 characters always shown)', () => {
    const field = overrideReasonField({ latest: '2026-06-30', setBy: '整改实施方案「市政务公开整改实施方案」的督查时限' }, (values) => values.newDueDate);
    expect({ name: field.name, label: field.label, placeholder: field.placeholder }).toEqual({
      name: 'overrideReason',
      label: '超出方案时限的理由',
      placeholder: '新时限晚于整改实施方案「市政务公开整改实施方案」的督查时限（2026-06-30），请说明特批理由',
    });
    expect(OVERRIDE_REASON_LABEL.length).toBeLessThanOrEqual(18);
    expect(overrideReasonField(null, () => null).placeholder).toBe('新时限超出整改方案时限的，请说明特批理由');
  });

  it('given a limit, when no day or a day within it is picked, then no override field; when a day past it, then the field', () => {
    const field = overrideReasonField(limit, (values) => values.newDueDate);
    expect(field.shownWhen({})).toBe(false);
    expect(field.shownWhen({ newDueDate: '' })).toBe(false);
    expect(field.shownWhen({ newDueDate: '2026-12-31' })).toBe(false);
    expect(field.shownWhen({ newDueDate: '2027-01-01' })).toBe(true);
  });

  it('given no limit known, when a day is picked, then the field is offered (the server names the limit if the day is past it)', () => {
    expect(needsOverride(null, '')).toBe(false);
    expect(needsOverride(undefined, '2026-05-01')).toBe(true);
    expect(needsOverride(limit, undefined)).toBe(false);
  });

  it('asks the form which day it would set: an extension granted without a day typed takes the request\'s day', () => {
    const requested = '2027-02-01';
    const field = overrideReasonField(limit, (values) => (values.approve === 'yes' ? values.newDueDate || requested : null));
    expect(field.shownWhen({ approve: 'yes' })).toBe(true);
    expect(field.shownWhen({ approve: 'yes', newDueDate: '2026-12-20' })).toBe(false);
    expect(field.shownWhen({ approve: 'no' })).toBe(false);
  });
});
