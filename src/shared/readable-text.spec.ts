import { isReservedKey, unreadableText } from './readable-text.js';

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
  ])('refuses %s', (_, text, reason) => {
    expect(unreadableText(text)).toMatch(reason);
  });

  it.each([['青川市发展和改革委员会'], ['😀 emoji made of a whole surrogate pair'], ['Zhang Wei'], ['第一行\n第二行\t制表'], ['']])('accepts %j', (text) => {
    expect(unreadableText(text)).toBeNull();
  });

  it('knows the names every object already has as reserved codes, in any case', () => {
    for (const code of ['constructor', '__proto__', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', 'CONSTRUCTOR', '__defineGetter__']) {
      expect(isReservedKey(code)).toBe(true);
    }
    for (const code of ['FGW', 'CZJ', 'proto', 'construct', '1.1']) expect(isReservedKey(code)).toBe(false);
  });
});
