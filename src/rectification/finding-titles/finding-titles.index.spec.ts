import type { RecordedEvent } from '../../event-sourcing/recorded-event.js';
import { unitsNamedIn } from '../../organization/units/units-named.js';
import { FindingTitlesIndex, numbersNamed, titlesApart } from './finding-titles.index.js';
import { findingTitleKey } from '../import-findings/findings-file.js';

const apart = (a: string, b: string) => titlesApart(findingTitleKey(a), findingTitleKey(b));

describe('titles that read as one problem retyped (breaker10c P3, 11e P1, 10d P25)', () => {
  it('takes a touched-up character, a dropped particle or a word added for the same problem', () => {
    expect(apart('政务新媒体账号长期未更新', '政务新媒体帐号长期未更新')).toBe(1);
    expect(apart('办事指南要素不全', '办事指南要素不齐全')).toBe(1);
    expect(apart('政务新媒体账号长期未更新', '政务新媒体账号长期没有更新')).toBe(2);
    expect(apart('政务新媒体账号长期未更新', '部分政务新媒体账号长期未更新')).toBe(2);
    expect(apart('LM网站栏目更新不及时', 'LM网站栏目更新不够及时')).toBe(1);
  });

  it('takes the same words quoted, or with 问题 after them or 关于 before them, for one problem however short (breaker10g P6)', () => {
    expect(apart('依申请公开答复超期', '“依申请公开”答复超期')).toBe(2);
    expect(apart('依申请公开答复超期', '《依申请公开》答复超期')).toBe(2);
    expect(apart('依申请公开答复超期', '依申请公开答复超期问题')).toBe(2);
    expect(apart('年报未发布', '关于年报未发布的问题')).toBe(5);
    expect(apart('“年报”未发布', '年报未发布')).toBe(2);
    // Other words stay other problems.
    expect(apart('年报未发布', '年报未公布')).toBeNull();
    expect(apart('“问题”清单未公开', '清单未公开')).toBeNull();
  });

  it('never takes titles naming other years, quarters, halves or counts for one problem', () => {
    expect(apart('2025年政府信息公开年报未按时发布', '2024年政府信息公开年报未按时发布')).toBeNull();
    expect(apart('一季度政务公开考核排名靠后', '二季度政务公开考核排名靠后')).toBeNull();
    expect(apart('上半年政务公开考核排名靠后', '下半年政务公开考核排名靠后')).toBeNull();
    expect(apart('网站首页错链3处未及时修复', '网站首页错链5处未及时修复')).toBeNull();
    expect(apart('建设项目环评信息公开不全', '秋季建设项目环评信息公开不全')).toBeNull();
    expect(numbersNamed(findingTitleKey('２０２５年第三季度'))).toBe('2025|3');
  });

  it('leaves short titles and reworded problems apart, and the same words are not near but the same', () => {
    expect(apart('年报未发布', '年报未公布')).toBeNull();
    expect(apart('政务新媒体账号长期未更新', '政府网站栏目长期未更新')).toBeNull();
    expect(apart('政务新媒体账号长期未更新', '政务新媒体账号长期未更新。')).toBeNull();
  });
});

describe('numbers compared by value, not as written (breaker10e P2)', () => {
  const recorded = (titles: string[]) => {
    const index = new FindingTitlesIndex();
    titles.forEach((title, n) => index.apply({ type: 'FindingRecorded', data: { findingId: `f${n}`, evaluationId: 'e', title } } as unknown as RecordedEvent));
    return index;
  };

  it('finds the recorded title whatever script its numbers are written in: 3处/三处, 2025年/二〇二五年, ２０２５', () => {
    const index = recorded(['网站首页错链3处未及时修复', '二〇二五年政府信息公开年报未按时发布', '政务微博第三季度未更新']);
    expect(index.sameTitle('e', '网站首页错链三处未及时修复')?.findingId).toBe('f0');
    expect(index.sameTitle('e', '2025年政府信息公开年报未按时发布')?.findingId).toBe('f1');
    expect(index.sameTitle('e', '２０２５年政府信息公开年报未按时发布')?.findingId).toBe('f1');
    expect(index.sameTitle('e', '政务微博第3季度未更新')?.findingId).toBe('f2');
  });

  it('takes a retyped title with its numbers in another script for one problem, and other numbers for another', () => {
    const index = recorded(['网站首页错链3处未及时修复', '二〇二五年政府信息公开年报未按时发布']);
    expect(index.near('e', '网站首页错链三处没有及时修复').map((entry) => entry.findingId)).toEqual(['f0']);
    expect(index.near('e', '2025年政府信息公开年报没有按时发布').map((entry) => entry.findingId)).toEqual(['f1']);
    expect(index.near('e', '网站首页错链五处未及时修复')).toEqual([]);
    expect(index.near('e', '二〇二四年政府信息公开年报未按时发布')).toEqual([]);
    expect(apart('十二月政务公开考核排名靠后', '12月政务公开考核排名靠后')).toBeNull();
    expect(findingTitleKey('十二月政务公开考核排名靠后')).toBe(findingTitleKey('12月政务公开考核排名靠后'));
  });
});

describe('titles that name different units are different problems (breaker10e P10)', () => {
  it('does not take one unit\'s problem for another\'s retyped, on the form as on an import', () => {
    const index = new FindingTitlesIndex();
    index.apply({ type: 'FindingRecorded', data: { findingId: 'f0', evaluationId: 'e', title: '青川市财政局政府信息公开目录不全' } } as unknown as RecordedEvent);
    const unitsNamed = unitsNamedIn([
      { id: 'czj', name: '青川市财政局' },
      { id: 'jyj', name: '青川市教育局' },
    ]);
    expect(index.near('e', '青川市教育局政府信息公开目录不全', unitsNamed)).toEqual([]);
    expect(index.near('e', '市教育局政府信息公开目录不全', unitsNamed)).toEqual([]);
    expect(index.near('e', '青川市财政局政府信息公开目录不够全', unitsNamed).map((entry) => entry.findingId)).toEqual(['f0']);
  });
});
