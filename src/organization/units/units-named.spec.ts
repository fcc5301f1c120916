import { unitsNamedIn } from './units-named.js';

const directory = unitsNamedIn([
  { id: 'czj', name: '青川市财政局' },
  { id: 'jyj', name: '青川市教育局' },
  { id: 'gov', name: '青川市人民政府' },
  { id: 'dh', name: '青川市东湖区人民政府' },
  { id: 'dhczj', name: '东湖区财政局' },
  { id: 'wjw', name: '青川市卫生健康委员会', formerNames: ['青川市卫生和计划生育委员会'] },
  { id: 'yz', name: '青川市第一中学' },
]);

describe('the units a title names, by the directory (breaker10e P10)', () => {
  it('finds a unit by its full, short or former name, a government by its place, numbers by value', () => {
    expect(directory('青川市财政局政府信息公开目录不全')).toBe('czj');
    expect(directory('市教育局政府信息公开目录不全')).toBe('jyj');
    expect(directory('东湖区政府网站栏目长期未更新')).toBe('dh');
    expect(directory('东湖区财政局预算公开不及时')).toBe('dhczj');
    expect(directory('卫生和计划生育委员会信息公开不全')).toBe('wjw');
    expect(directory('青川市第1中学招生信息未公开')).toBe('yz');
  });

  it('names no unit for a word every government shares, or for a short name several units share', () => {
    expect(directory('人民政府网站栏目长期未更新')).toBe('');
    expect(directory('财政局预算公开不及时')).toBe('');
  });
});
