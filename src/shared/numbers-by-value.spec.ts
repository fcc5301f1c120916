import fc from 'fast-check';
import Nzh from 'nzh';
import { chineseNumeralValue, numbersByValue } from './numbers-by-value.js';

describe('numbers read by value, whatever script they are written in (breaker10e P2, P14)', () => {
  it('reads counts, years, months and days in Chinese numerals or full-width digits as the digits', () => {
    expect(numbersByValue('网站首页错链三处未及时修复')).toBe(numbersByValue('网站首页错链3处未及时修复'));
    expect(numbersByValue('二〇二五年政府信息公开年报未发布')).toBe('2025年政府信息公开年报未发布');
    expect(numbersByValue('二○二五年')).toBe('2025年');
    expect(numbersByValue('二O二五年')).toBe('2025年');
    expect(numbersByValue('２０２５年第三季度')).toBe('2025年第3季度');
    expect(numbersByValue('二〇二六年六月三十日')).toBe('2026年6月30日');
    expect(numbersByValue('两处栏目、十二个链接、一百零五项')).toBe('2处栏目、12个链接、105项');
    expect(numbersByValue('补助资金五万元')).toBe(numbersByValue('补助资金5万元'));
    expect(numbersByValue('补助资金1.5万元')).toBe(numbersByValue('补助资金一万五千元'));
    expect(numbersByValue('公开率不足百分之三十')).toBe('公开率不足30%');
  });

  it('leaves runs that are no numeral as written: a title key never invents a number', () => {
    expect(numbersByValue('十三五规划实施情况')).toBe('十三五规划实施情况');
    expect(numbersByValue('老百姓反映强烈')).toBe('老百姓反映强烈');
    expect(numbersByValue('千方百计')).toBe('千方百计');
    expect(numbersByValue('万一')).toBe('万一');
    expect(numbersByValue('○ 要点')).toBe('○ 要点');
    expect(chineseNumeralValue('三三十')).toBeNull();
    expect(chineseNumeralValue('一万三百')).toBeNull();
  });

  it('reads every numeral as nzh writes it back to its value (0 to 10¹¹)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999_999_999 }), (value) => {
        expect(chineseNumeralValue(Nzh.cn.encodeS(value))).toBe(String(value));
        expect(chineseNumeralValue(Nzh.cn.encodeS(value, { tenMin: false }))).toBe(String(value));
      }),
      { numRuns: 2000 },
    );
  });

  it('reads years and codes written digit by digit', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2199 }), (year) => {
        const written = [...String(year)].map((digit) => '〇一二三四五六七八九'[Number(digit)]).join('');
        expect(numbersByValue(`${written}年`)).toBe(`${year}年`);
      }),
    );
  });
});
