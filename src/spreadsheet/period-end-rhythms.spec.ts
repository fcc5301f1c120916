import fc from 'fast-check';
import { readDeadline } from './deadline-text.js';

/*
 * breaker43-10 F8: 每季度末, 每年12月底前 and 每月10日前 were refused as unreadable, while 每季度 / 每年 were read. A recurring deadline is one
 * standing part reporting every period, each report due at the period's end (src/shared/deadline.ts): a word saying that end
 * (每季度末, 每月底前, 每年12月底前) is that rhythm; a day inside the period (每月10日前) cannot be kept, and is refused with the words to
 * write instead.
 */
describe('recurring deadlines that say when in the period', () => {
  const PERIODS = [
    ['每月', 'MONTH', ['月底', '月末', '底', '末']],
    ['每季度', 'QUARTER', ['末', '季末', '季度末', '底']],
    ['每半年', 'HALF_YEAR', ['末', '底']],
    ['每年', 'YEAR', ['末', '底', '年底', '年末', '12月底', '12月末', '12月31日']],
  ] as const;

  it('reads a period word with its end said as that rhythm, whatever follows (前, 之前, 报送)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PERIODS), fc.nat(), fc.constantFrom('', '前', '之前', '报送', '前报送'), ([word, period, ends], pick, after) => {
        const text = `${word}${ends[pick % ends.length]}${after}`;
        expect(readDeadline(text)).toEqual({ ok: true, deadline: { kind: 'RECURRING', period } });
      }),
    );
  });

  it('refuses a day inside the period, saying what to write', () => {
    for (const [text, every, inside] of [
      ['每月10日前', '每月', '10日'],
      ['每季度首月15日前', '每季度', '首月15日'],
      ['每年6月底前', '每年', '6月底'],
    ] as const) {
      const read = readDeadline(text);
      expect(read.ok ? read : read.reasonZh).toBe(`“${text}”：定期任务按每期期末计（每月、每季度、每半年、每年，于期末前报送），无法记录期中的“${inside}”——请写作“${every}”（按每期期末计），或把每一期分别列为事项并写明日期`);
    }
  });

  it('still reads the words it read before', () => {
    for (const [text, period] of [['每季度', 'QUARTER'], ['每月报送', 'MONTH'], ['每年', 'YEAR'], ['每半年', 'HALF_YEAR']] as const) {
      expect(readDeadline(text)).toEqual({ ok: true, deadline: { kind: 'RECURRING', period } });
    }
  });
});
