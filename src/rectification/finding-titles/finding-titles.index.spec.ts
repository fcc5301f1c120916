import { numbersNamed, titlesApart } from './finding-titles.index.js';
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

  it('never takes titles naming other years, quarters, halves or counts for one problem', () => {
    expect(apart('2025年政府信息公开年报未按时发布', '2024年政府信息公开年报未按时发布')).toBeNull();
    expect(apart('一季度政务公开考核排名靠后', '二季度政务公开考核排名靠后')).toBeNull();
    expect(apart('上半年政务公开考核排名靠后', '下半年政务公开考核排名靠后')).toBeNull();
    expect(apart('网站首页错链3处未及时修复', '网站首页错链5处未及时修复')).toBeNull();
    expect(apart('建设项目环评信息公开不全', '秋季建设项目环评信息公开不全')).toBeNull();
    expect(numbersNamed(findingTitleKey('２０２５年第三季度'))).toBe('2025|三');
  });

  it('leaves short titles and reworded problems apart, and the same words are not near but the same', () => {
    expect(apart('年报未发布', '年报未公布')).toBeNull();
    expect(apart('政务新媒体账号长期未更新', '政府网站栏目长期未更新')).toBeNull();
    expect(apart('政务新媒体账号长期未更新', '政务新媒体账号长期未更新。')).toBeNull();
  });
});
