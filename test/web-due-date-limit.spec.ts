import { overrideReasonLabel, pastLimitConfirmation } from '../web/src/due-date-limit.js';

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

  it('labels the override reason with what sets the limit and its day', () => {
    expect(overrideReasonLabel({ latest: '2026-06-30', setBy: '整改实施方案「市政务公开整改实施方案」的督查时限' })).toBe(
      '超出整改实施方案「市政务公开整改实施方案」的督查时限（2026-06-30）的理由（仅在新时限晚于 2026-06-30 时填写）',
    );
    expect(overrideReasonLabel(null)).toBe('超出方案时限的理由（仅在新时限超出整改方案时限时填写）');
  });
});
