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

  it('leaves rough counts (三五个, 七八家, 两三次) as written: no number is invented from them (breaker10f P1)', () => {
    expect(numbersByValue('抽查三五个栏目更新滞后')).toBe('抽查三五个栏目更新滞后');
    expect(numbersByValue('七八家单位未公开年报')).not.toBe(numbersByValue('78家单位未公开年报'));
    expect(numbersByValue('两三次')).toBe('两三次');
    expect(numbersByValue('一二〇')).toBe('120');
    expect(numbersByValue('一九九八年')).toBe('1998年');
  });

  it('reads 一 and 十 as numbers only where they count something, not in words (十分, 一直, 一些, 进一步, 统一: breaker10f P11)', () => {
    for (const words of ['内容更新十分滞后', '长期一直未更新', '存在一些问题', '进一步规范', '统一公开平台', '办事指南要素不一规范', '一律公开']) {
      expect(numbersByValue(words)).toBe(words);
    }
    expect(numbersByValue('第一季度')).toBe('第1季度');
    expect(numbersByValue('十家单位、一次培训、三处错链、一万元')).toBe('10家单位、1次培训、3处错链、10000元');
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
