import { isReservedKey, unreadableLabel, unreadableReasonZh, unreadableText } from './readable-text.js';

describe('Readable text (issue 9, fault 6)', () => {
  it.each([
    ['a lone high surrogate', '某大学\ud800研究院', /lone UTF-16 surrogate/],
    ['a lone low surrogate', '\udc00', /lone UTF-16 surrogate/],
    ['a right-to-left override', '张伟\u202Egnp.exe', /writing direction/],
    ['a left-to-right embedding', '\u202A市财政局', /writing direction/],
    ['a first-strong isolate', '市财政局\u2068', /writing direction/],
    ['a pop directional isolate', '\u2069', /writing direction/],
    ['a control character', '市财政局\u0007', /control characters/],
    ['only invisible characters', '\u200B\u00AD ', /only invisible/],
    ['only a Hangul filler (U+3164)', '\u3164', /only invisible/],
    ['only a combining grapheme joiner (U+034F)', '\u034F\u034F', /only invisible/],
    ['only a halfwidth Hangul filler and a braille blank', '\uFFA0\u2800', /only invisible/],
    ['only an ideographic space and a byte-order mark', '\u3000\uFEFF', /only invisible/],
    ['only a variation selector', '\uFE0F', /only invisible/],
    ['a left-to-right mark', '市财政局\u200E', /writing-direction mark/],
    ['a right-to-left mark', '\u200F张伟', /writing-direction mark/],
    ['an Arabic letter mark', '张\u061C伟', /writing-direction mark/],
    ['only combining accents, which render as nothing', '\u0301\u0301', /no readable character/],
    ['only private-use characters', '\ue000\ue001', /no readable character/],
    ['a noncharacter U+FFFF', '单位\uffff', /noncharacter \(U\+FFFF\)/],
    ['a noncharacter U+FDD0', '单位\ufdd0', /noncharacter \(U\+FDD0\)/],
    ['a noncharacter outside the BMP (U+1FFFE)', '单位\u{1FFFE}', /noncharacter \(U\+1FFFE\)/],
  ])('refuses %s', (_, text, reason) => {
    expect(unreadableText(text)).toMatch(reason);
  });

  it.each([['青川市发展和改革委员会'], ['😀 emoji made of a whole surrogate pair'], ['Zhang Wei'], ['第一行\n第二行\t制表'], [''], ['Café with a combining accent: Cafe\u0301'], ['a rare character in private use beside readable ones: 王\ue000']])('accepts %j', (text) => {
    expect(unreadableText(text)).toBeNull();
  });

  it.each([
    ['a zero-width space', '青川市\u200B财政局', 'U+200B', 4],
    ['a byte-order mark', '\uFEFF青川市财政局', 'U+FEFF', 1],
    ['a word joiner', '财政\u2060局', 'U+2060', 3],
    ['a Hangul filler', '财政局\u3164', 'U+3164', 4],
    ['a line separator', '财政局\u2028二科', 'U+2028', 4],
    ['a paragraph separator', '财政局\u2029', 'U+2029', 4],
    ['a soft hyphen', '财政\u00ADjú', 'U+00AD', 3],
    // breaker9x P1: blank glyphs Unicode does not call ignorable — 「青川市财政局⠀」 was registered beside 青川市财政局.
    ['a blank braille pattern', '青川市财政局\u2800', 'U+2800', 7],
    ['a blank braille pattern inside', '青川市财政\u2800局', 'U+2800', 6],
    ['a Khitan small script filler', '青川市财政局\u{16FE4}', 'U+16FE4', 7],
    ['a musical null notehead', '财政\u{1D159}局', 'U+1D159', 3],
  ])('refuses a name or title with %s in it, saying which character and where', (_, text, codePoint, position) => {
    expect(unreadableText(text)).toBeNull();
    expect(unreadableLabel(text)).toBe(`has an invisible character (${codePoint}) at position ${position}`);
  });

  it.each([
    ['interlinear annotation marks', '单\uFFF9位\uFFFB乙', 'U+FFF9', 2],
    ['an object replacement character', '\uFFFC', 'U+FFFC', 1],
    ['a replacement character from a wrong decoding', '青川市\uFFFD政局', 'U+FFFD', 4],
    ['an Arabic number sign (a format character)', '财政局\u0600', 'U+0600', 4],
  ])('refuses a name or title with %s in it, saying which and where', (_, text, codePoint, position) => {
    expect(unreadableLabel(text)).toBe(`has a placeholder or format character (${codePoint}) at position ${position}`);
  });

  it.each([
    ['a name starting with a combining accent', '\u0301市财政局', 'U+0301', 1],
    ['a combining accent after a space', '市财政局 \u0301二科', 'U+0301', 6],
    ['an enclosing circle after punctuation', '（\u20DD）财政局', 'U+20DD', 2],
  ])('refuses %s: it is drawn over the text before it', (_, text, codePoint, position) => {
    const reason = unreadableLabel(text);
    expect(reason).toBe(`has a combining mark (${codePoint}) at position ${position} with no letter or digit before it`);
    expect(unreadableReasonZh(reason!)).toBe(
      `第 ${position} 个字符（${codePoint}）是附加符号，前面没有可依附的文字，会叠加显示在前面的内容上：名称和标题不能以附加符号开头，也不能在空格或标点之后使用`,
    );
  });

  it.each([
    ['beside digits, where it reads as another digit on some machines', '第\ue0003项', 'U+E000', 2],
    ['in a code', 'CZJ\uf8ff1', 'U+F8FF', 4],
    ['beside a readable character', '王\ue000', 'U+E000', 2],
    ['outside the BMP (plane 15)', '单位\u{F0000}', 'U+F0000', 3],
  ])('refuses a private-use character in a name, title or code %s, naming it and its place', (_, text, codePoint, position) => {
    const reason = unreadableLabel(text);
    expect(reason).toBe(`has a private-use character (${codePoint}) at position ${position}, which each machine shows differently`);
    expect(unreadableReasonZh(reason!).startsWith(`第 ${position} 个字符（${codePoint}）是私用区字符`)).toBe(true);
  });

  it.each([
    ['after a name (breaker9y P2: 青川市财政局 registered a second time)', '青川市财政局\u1CBC', 'U+1CBC', 7],
    ['inside a name', '青川市财政\u1CBC局', 'U+1CBC', 6],
    ['outside the BMP (a hole in the mathematical alphabets)', '青川市财政局\u{1D455}', 'U+1D455', 7],
    ['in a login name', 'unit-fgw\u1CBC', 'U+1CBC', 9],
  ])('refuses a code point Unicode has not assigned %s, naming it and its place', (_, text, codePoint, position) => {
    const reason = unreadableLabel(text);
    expect(reason).toBe(`has a code point Unicode has not assigned (${codePoint}) at position ${position}, which no font draws the same`);
    expect(unreadableReasonZh(reason!).startsWith(`第 ${position} 个字符（${codePoint}）是 Unicode 尚未分配的码位`)).toBe(true);
  });

  it('refuses more combining marks on one character than any script stacks ("Zalgo" text)', () => {
    expect(unreadableLabel('财政局e\u0301\u0302\u0303\u0304')).toBe('has more than 3 combining marks on one character at position 5');
    expect(unreadableReasonZh(unreadableLabel('Ze\u0301\u0302\u0303\u0304')!)).toBe('第 3 个字符起叠加了超过 3 个附加符号，会遮挡上下行的文字：请删除多余的附加符号');
  });

  it.each([['Café with a combining accent: Cafe\u0301'], ['Vietnamese stacks two marks: Nguye\u0323\u0302n'], ['pinyin with a combining macron: Wa\u0304ng'], ['Thai vowel marks on consonants: \u0e01\u0e34\u0e19'], ['a digit with an accent: 1\u0301']])(
    'accepts a combining mark on a letter or digit: %j',
    (text) => {
      expect(unreadableLabel(text)).toBeNull();
    },
  );

  it('keeps private-use characters and loose accents in prose, where nobody compares them as names', () => {
    expect(unreadableText('生僻字王\ue000已按造字录入')).toBeNull();
    expect(unreadableText('\u0301 见附件')).toBeNull();
  });

  it('counts the position in characters, not UTF-16 units, after a character outside the BMP', () => {
    expect(unreadableLabel('😀\u200B')).toBe('has an invisible character (U+200B) at position 2');
  });

  it.each([['青川市发展和改革委员会'], ['第一行\n第二行'], ['Zhang Wei'], ['（一）建立依申请公开网上渠道']])('accepts the name or title %j', (text) => {
    expect(unreadableLabel(text)).toBeNull();
  });

  it('keeps the rules of readable text for names and titles', () => {
    expect(unreadableLabel('张伟\u202Egnp.exe')).toMatch(/writing direction/);
    expect(unreadableLabel('\u3164')).toMatch(/only invisible/);
  });

  it('knows the names every object already has as reserved codes, in any case', () => {
    for (const code of ['constructor', '__proto__', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', 'CONSTRUCTOR', '__defineGetter__']) {
      expect(isReservedKey(code)).toBe(true);
    }
    for (const code of ['FGW', 'CZJ', 'proto', 'construct', '1.1']) expect(isReservedKey(code)).toBe(false);
  });
});
