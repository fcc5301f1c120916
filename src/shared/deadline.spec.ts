import { deadlineCell, dueTermsKey, sameDueTerms, termsInWords, termsOf, type DueTerms } from './deadline.js';

/* newcomer43-10 W: a 长期坚持 / 持续推进 part was shown as 常态化（每季度报送）, on every page, 我的任务 and the exports. */
describe('a standing part in the office\'s words', () => {
  it('keeps the words the file wrote (长期坚持, 持续推进) and shows them with the reporting period, never a day', () => {
    expect(termsOf({ kind: 'STANDING', words: '长期坚持' })).toEqual({ kind: 'STANDING', reportEvery: 'QUARTER', words: '长期坚持' });
    expect(deadlineCell(termsOf({ kind: 'STANDING', words: '长期坚持' }), '2027-12-31')).toBe('长期坚持（每季度报送）');
    expect(deadlineCell(termsOf({ kind: 'STANDING', reportEvery: 'MONTH', words: '持续推进' }), '2027-12-31')).toBe('持续推进（每月报送）');
    expect(termsInWords({ kind: 'STANDING', reportEvery: 'HALF_YEAR', words: '常态化推进' }, '2027-12-31')).toBe('常态化推进（每半年报送）');
  });

  it('shows a part assigned before the words were kept as before (常态化（每季度报送）): old events read unchanged', () => {
    expect(deadlineCell({ kind: 'STANDING', reportEvery: 'QUARTER' }, '2026-12-31')).toBe('常态化（每季度报送）');
  });

  it('takes other words for the same terms as the same deadline (a revision, the same file again), and another period as another', () => {
    const before: DueTerms = { kind: 'STANDING', reportEvery: 'QUARTER' };
    expect(sameDueTerms(before, { kind: 'STANDING', reportEvery: 'QUARTER', words: '长期坚持' })).toBe(true);
    expect(sameDueTerms({ kind: 'STANDING', reportEvery: 'QUARTER', words: '持续推进' }, { kind: 'STANDING', reportEvery: 'QUARTER', words: '长期坚持' })).toBe(true);
    expect(sameDueTerms(before, { kind: 'STANDING', reportEvery: 'MONTH', words: '长期坚持' })).toBe(false);
    expect(sameDueTerms(undefined, { kind: 'BY_DATE' })).toBe(true);
    expect(sameDueTerms({ kind: 'BY_DATE_THEN_STANDING', reportEvery: 'QUARTER', atOnce: true }, { kind: 'BY_DATE_THEN_STANDING', reportEvery: 'QUARTER' })).toBe(false);
    expect(dueTermsKey({ kind: 'STANDING', reportEvery: 'YEAR', words: '长期' })).toBe(dueTermsKey({ kind: 'STANDING', reportEvery: 'YEAR' }));
  });
});

describe('a part whose deadline was written 每季度 or 每月 (newcomer46-10 M2)', () => {
  it('is shown in that word, not as 常态化（每季度报送）, and is the same deadline as before the word was kept', () => {
    const quarterly = termsOf({ kind: 'RECURRING', period: 'QUARTER' });
    expect(quarterly).toEqual({ kind: 'STANDING', reportEvery: 'QUARTER', words: '每季度' });
    expect(deadlineCell(quarterly, '2026-12-31')).toBe('每季度');
    expect(deadlineCell(termsOf({ kind: 'RECURRING', period: 'MONTH' }), '2026-12-31')).toBe('每月');
    // Assigned before (no words): 常态化（每季度报送）, the same terms.
    expect(deadlineCell({ kind: 'STANDING', reportEvery: 'QUARTER' }, '2026-12-31')).toBe('常态化（每季度报送）');
    expect(sameDueTerms(quarterly, { kind: 'STANDING', reportEvery: 'QUARTER' })).toBe(true);
  });
});
