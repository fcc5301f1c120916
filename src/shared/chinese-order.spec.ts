import { byPinyin } from './chinese-order.js';

describe('pinyin order', () => {
  it('orders unit names as Chinese readers expect, not by code point', () => {
    const names = ['青川市民政局', '青川市财政局', '青川市公安局', '青川市发展和改革委员会', '青川市教育局', '安居区人民政府'];
    expect([...names].sort(byPinyin)).toEqual(['安居区人民政府', '青川市财政局', '青川市发展和改革委员会', '青川市公安局', '青川市教育局', '青川市民政局']);
    // By code point 民 (U+6C11) comes before 财 (U+8D22): the order a reader would not find anything in.
    expect([...names].sort()).not.toEqual([...names].sort(byPinyin));
  });
});
