import { readDeadline } from './deadline-text.js';

/*
 * breaker10m P7 (serious): a deadline cell whose bracket gives the deadline now in force was read without it —
 * 「2027年1月31日（已延期至2027年6月30日）」 as 2027-01-31 (red from 1 February, though due 30 June), 「长期坚持（2027年6月30日前完成）」
 * as standing with the date dropped — with no word. Such a cell is refused naming the bracket's deadline; brackets that give
 * no other deadline (a weekday, a report period, the same day) read as before.
 */
describe('a deadline cell with another deadline in its bracket (breaker10m P7)', () => {
  it.each([
    ['2027年1月31日（已延期至2027年6月30日）', '2027-06-30'],
    ['2027年1月31日（延期至2027年6月30日）', '2027-06-30'],
    ['2027年1月31日（调整为2027年6月30日）', '2027-06-30'],
    ['2027年3月31日（调整至2027年9月30日）', '2027-09-30'],
    ['2027年3月31日（2027年9月30日前完成）', '2027-09-30'],
    ['2027年3月31日（调整至第四季度）', '第四季度'],
  ])('%s is refused naming %s', (cell, other) => {
    expect(readDeadline(cell, { year: 2027 })).toEqual({ ok: false, reason: expect.stringContaining(`(${other})`), reasonZh: `“${cell}”的括号中写有另一个时限（${other}）：请只写现行的时限；导入后批准的延期请在系统中办理` });
  });

  it('refuses a standing word with a date in its bracket, saying how to write “by a day, then kept up”', () => {
    expect(readDeadline('长期坚持（2027年6月30日前完成）', { year: 2027 })).toMatchObject({
      ok: false,
      reasonZh: '“长期坚持（2027年6月30日前完成）”的括号中写有另一个时限（2027-06-30）：请只写现行的时限（如到期完成后持续落实，请写作“2027-06-30前完成并持续落实”）；导入后批准的延期请在系统中办理',
    });
  });

  it.each([
    ['2026年6月30日（星期二）', '2026-06-30'],
    ['2026年6月30日（6月30日）', '2026-06-30'],
    ['2026年12月31日（暂定）', '2026-12-31'],
  ])('reads %s as before', (cell, day) => {
    expect(readDeadline(cell, { year: 2026 })).toMatchObject({ ok: true, deadline: { kind: 'BY_DATE', dueDate: day } });
  });

  it('reads a standing word with its report period in a bracket as before', () => {
    expect(readDeadline('长期坚持（每月报送）', { year: 2026 })).toMatchObject({ ok: true, deadline: { kind: 'STANDING', reportEvery: 'MONTH' } });
  });

  // breaker10r P1 (B2-redated-accepted.xlsx, B3-at-once-brackets.xlsx, B4-ledger-brackets.csv, A4b): the rule caught only some
  // phrasings, and none when the cell read as 立行立改, 每季度 or …前完成并持续落实 — each was read as the old day.
  it.each([
    ['2026年6月30日（延后至9月底）', '2026-09-30'],
    ['2026年6月底前（因工作调整顺延至2026年9月底）', '2026-09-30'],
    ['2026年6月底（现为9月底）', '2026-09-30'],
    ['2026年6月底前（申请延期到2026年10月）', '2026-10-31'],
    ['2026年6月30日（延至9月30日）', '2026-09-30'],
    ['2026年6月30日（展期至9月30日）', '2026-09-30'],
    ['2026年6月底前（最迟不超过9月底）', '2026-09-30'],
    ['2026年6月底前（可放宽至9月底）', '2026-09-30'],
    ['2026年6月底前（9月底前全面完成）', '2026-09-30'],
    ['2026年6月底前（9.30前）', '2026-09-30'],
    ['2026年12月31日（2027年6月30日前完成验收）', '2027-06-30'],
    ['2026年底前完成（2026年6月底前完成方案制定）', '2026-06-30'],
    ['2026年6月底前（6月上旬报送方案）', '2026-06-10'],
    ['2026年6月底前完成并持续落实（已延期至2026年9月30日）', '2026-09-30'],
    ['立行立改（2026年9月底前全面完成）', '2026-09-30'],
    ['立行立改（9月30日前）', '2026-09-30'],
    ['每季度（2026年9月30日前）', '2026-09-30'],
    ['长期坚持（9月底前建立机制）', '2026-09-30'],
  ])('%s is refused naming %s, whatever the cell reads as (breaker10r P1)', (cell, other) => {
    expect(readDeadline(cell, { year: 2026 })).toMatchObject({ ok: false, reasonZh: expect.stringContaining(`”的括号中写有另一个时限（${other}）：请只写现行的时限`) });
  });

  it.each([
    ['立行立改（2026-03-01）', { kind: 'AT_ONCE' }],
    ['立行立改并持续落实（2026-03-01）', { kind: 'AT_ONCE_THEN_STANDING' }],
    ['2026年6月底前（每季度报送进展）', { kind: 'BY_DATE', dueDate: '2026-06-30' }],
    ['2026年6月30日（6月底前）', { kind: 'BY_DATE', dueDate: '2026-06-30' }],
    ['2026年6月底前完成并持续落实（每月报送）', { kind: 'BY_DATE_THEN_STANDING', dueDate: '2026-06-30', reportEvery: 'MONTH' }],
  ])('still reads %s (Rectify\'s export, a report period, the same day)', (cell, deadline) => {
    expect(readDeadline(cell, { year: 2026 })).toEqual({ ok: true, deadline });
  });
});

/*
 * import10b "Left": 立行立改（2026-09-30） — the export's form with a day other than the assignment day — was read as at once, due on the
 * assignment day (B3-at-once-brackets.xlsx): red from February for work given until September. In a file that is not Rectify's own
 * export (the import gives `assignedOn`), a day other than the assignment's is another deadline, refused; the assignment day reads.
 */
describe('立行立改（YYYY-MM-DD） naming another day than the assignment’s', () => {
  it.each(['立行立改（2026-09-30）', '立行立改(2026-09-30)', '立行立改并持续落实（2026-09-30）'])('%s assigned 2026-02-25 is refused naming 2026-09-30', (cell) => {
    expect(readDeadline(cell, { year: 2026, assignedOn: '2026-02-25' })).toMatchObject({ ok: false, reasonZh: expect.stringContaining('的括号中写有另一个时限（2026-09-30）：请只写现行的时限') });
  });

  it('the assignment day itself, or no assignment day known (Rectify’s export), reads as at once', () => {
    expect(readDeadline('立行立改（2026-02-25）', { year: 2026, assignedOn: '2026-02-25' })).toEqual({ ok: true, deadline: { kind: 'AT_ONCE' } });
    expect(readDeadline('立行立改（2026-09-30）', { year: 2026 })).toEqual({ ok: true, deadline: { kind: 'AT_ONCE' } });
  });
});
