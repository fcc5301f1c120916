import { loginNameSkeleton, mixedScripts, normalizeLoginName } from './login-name.js';

describe('loginNameSkeleton: login names nobody tells apart by looking share one (breaker9z P3)', () => {
  // Each pair as breaker9z typed it beside the demo's accounts, and the kinds beside them.
  it.each([
    ['аdmin', 'admin', 'Cyrillic а'],
    ['аdmіn', 'admin', 'Cyrillic а and і'],
    ['unіt-fgw', 'unit-fgw', 'Cyrillic і'],
    ['supervіsor', 'supervisor', 'Cyrillic і'],
    ['inspectоr', 'inspector', 'Cyrillic о'],
    ['ɑdmin', 'admin', 'Latin alpha'],
    ['admín', 'admin', 'an accent'],
    ['unit0l', 'unitol', 'digit 0 for o'],
    ['unitO1', 'unitol', 'capital O and digit 1'],
    ['ａｄｍｉｎ', 'admin', 'full-width letters'],
    ['Admin', 'admin', 'case'],
    ['王⼆', '王二', 'a Kangxi radical'],
    ['財务科', '财务科', 'traditional 財'],
    ['財務科', '财务科', 'all traditional'],
    ['李ー', '李一', 'katakana ー for 一'],
    ['李－', '李一', 'full-width －'],
    ['李—', '李ー', 'an em dash'],
    ['unit一fgw', 'unit-fgw', '一 for a hyphen'],
  ])('%s looks like %s (%s)', (typed, existing) => {
    expect(loginNameSkeleton(typed)).toBe(loginNameSkeleton(existing));
  });

  it.each([
    ['admin', 'admins'],
    ['lina', 'lena'],
    ['unit-fgw', 'unit-zjj'],
    ['王二', '王三'],
    ['财务科', '财政科'],
    ['李一', '李'],
  ])('%s and %s stay apart', (one, other) => {
    expect(loginNameSkeleton(one)).not.toBe(loginNameSkeleton(other));
  });

  it('gives two spellings of one login name one skeleton', () => {
    for (const name of ['Admin ', 'ＡＤＭＩＮ', ' admin']) {
      expect(normalizeLoginName(name)).toBe('admin');
      expect(loginNameSkeleton(name)).toBe(loginNameSkeleton('admin'));
    }
  });

  it('is a skeleton of itself (stable when applied again)', () => {
    for (const name of ['аdmin', '財务科', '李－', 'unit0l', 'admín', 'ｍ']) {
      expect(loginNameSkeleton(loginNameSkeleton(name))).toBe(loginNameSkeleton(name));
    }
  });
});

describe('mixedScripts: a login name keeps to one script, or 汉字 with pinyin letters (UTS #39 Highly Restrictive)', () => {
  it.each([
    ['аdmin', ['Cyrillic', 'Latin']],
    ['unіt-fgw', ['Latin', 'Cyrillic']],
    ['αdmin', ['Greek', 'Latin']],
    ['李аn', ['Han', 'Cyrillic', 'Latin']],
    ['李ан', ['Han', 'Cyrillic']],
  ])('%s mixes %j', (name, scripts) => {
    expect(mixedScripts(name)?.map(({ script }) => script)).toEqual(scripts);
  });

  it.each(['admin', 'unit-fgw', 'ɑdmin', 'admín', '李一', '李ー', '財务科', '李na', 'wang2', '王-1', 'иван', 'ａｄｍｉｎ', 'たなか太郎', '김철수', 'ㄅ王'])('%s keeps to what may be mixed', (name) => {
    expect(mixedScripts(name)).toBeNull();
  });

  it('names the scripts in Chinese', () => {
    expect(mixedScripts('аdmin')).toEqual([
      { script: 'Cyrillic', zh: '西里尔字母' },
      { script: 'Latin', zh: '拉丁字母' },
    ]);
  });
});
