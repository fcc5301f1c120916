import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDayText, pickerDayStands, readTypedDay, typedDayRefusal } from '../web/src/day-text.js';

/**
 * What the web app's date fields make of a typed date (breaker11 F1): every way an office types a
 * day is read as that day, and anything else is refused quoting the text — never replaced by the
 * day the field showed before.
 */
describe('a date typed into a date field', () => {
  it.each([
    ['2026-11-29', '2026-11-29'],
    ['２０２６－１１－２９', '2026-11-29'],
    ['２０２６／１１／２９', '2026-11-29'],
    ['２０２６年１１月２９日', '2026-11-29'],
    ['2026/11/28', '2026-11-28'],
    ['2026.1.5', '2026-01-05'],
    ['2026年11月27日', '2026-11-27'],
    ['二〇二六年十一月二十九日', '2026-11-29'],
    ['二〇二六年三月十日', '2026-03-10'],
    [' 2026-6-1 ', '2026-06-01'],
    ['20261129', '2026-11-29'],
    ['2026年11月29日（星期日）', '2026-11-29'],
    ['２０２６－１１－２９ 周日', '2026-11-29'],
    ['2024-02-29', '2024-02-29'],
  ])('reads %s as %s', (typed, day) => {
    expect(readTypedDay(typed)).toEqual({ day });
  });

  it.each(['2026-02-30', '２０２６－０２－３０', '2026-13-01', '2025-02-29'])('refuses %s: no such day, quoting it', (typed) => {
    const read = readTypedDay(typed);
    expect(read).toEqual({ typed, problem: 'noSuchDay' });
    expect(typedDayRefusal(read as never)).toBe(`日期无效：${typed} 这一天不存在，请重新选择。`);
  });

  it.each(['明天', '2026-11', '2026-11-29 周一x', 'abc'])('refuses %s: no year-month-day, quoting it', (typed) => {
    const read = readTypedDay(typed);
    expect(read).toEqual({ typed, problem: 'format' });
    expect(typedDayRefusal(read as never)).toBe(`无法识别“${typed}”：请按 2026-06-30 的格式填写，或在日历中选择。`);
  });

  it.each(['11-29', '11月29日', '１１－２９'])('refuses %s as a day without its year, saying so (breaker11i P6)', (typed) => {
    const read = readTypedDay(typed);
    expect(read).toEqual({ typed, problem: 'format' });
    expect(typedDayRefusal(read as never)).toBe(`“${typed}”没有年份：请写明年月日，如 2026-06-30，或在日历中选择。`);
  });

  it('lets a lenient picker’s day stand only when it is the typed text’s own reading (breaker11i P6: 11-20 was kept as 2001-11-20)', () => {
    expect(pickerDayStands('11-20', '2001-11-20')).toBe(false);
    expect(pickerDayStands('2026-02-30', '2026-03-02')).toBe(false);
    expect(pickerDayStands('２０２６年３月２日', '2026-03-02')).toBe(true);
    expect(pickerDayStands(null, '2026-03-02')).toBe(true);
  });

  it('tells a calendar day in the URL from one that is none, without throwing (breaker11i P5: 2026-13-01 threw Invalid time value)', () => {
    expect(isDayText('2026-06-30')).toBe(true);
    for (const text of ['2026-13-01', '2026-10-32', '2026-02-30', '2026-6-1', '20260630', '']) expect(isDayText(text)).toBe(false);
  });

  it('is empty when nothing is typed', () => {
    expect(readTypedDay('  ')).toEqual({ empty: true });
  });
});

/*
 * breaker11c N1: the 导入 page kept Element Plus's bare picker, which swaps a typed ２０２６年１０月１０日
 * for the day shown before, so a plan was imported approved on the wrong day, for good. Every date a
 * person types goes through DateField, which reads it as above.
 */
describe('the web app’s date fields', () => {
  const WEB = fileURLToPath(new URL('../web/src', import.meta.url));
  const vueFiles = (folder: string): string[] =>
    readdirSync(folder, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? vueFiles(join(folder, entry.name)) : entry.name.endsWith('.vue') ? [join(folder, entry.name)] : []));

  it('are all DateField: no page or component but DateField itself uses the bare el-date-picker', () => {
    const bare = vueFiles(WEB).filter((file) => !file.endsWith('DateField.vue') && /<el-date-picker\b|<ElDatePicker\b/.test(readFileSync(file, 'utf8')));
    expect(bare.map((file) => file.slice(WEB.length + 1))).toEqual([]);
    expect(vueFiles(WEB).some((file) => file.endsWith('Imports.vue') && readFileSync(file, 'utf8').includes('<DateField'))).toBe(true);
  });
});
