import { bracketedRemarks, isBracketedRemark, trailingBracket, withoutBracketedRemarks } from './brackets.js';

/** breaker10i P3: one bracket table for every import — 〔〕〖〗「」『』 are brackets as （）【】 are; 《》 names a document. */
describe('the brackets a remark is written in', () => {
  it.each(['（取消）', '(取消)', '【取消】', '〔取消〕', '﹝取消﹞', '〖取消〗', '「取消」', '『取消』', '［取消］', '〘取消〙'])('reads %s after a title as a remark', (bracket) => {
    expect(trailingBracket(`加强政务新媒体管理${bracket}`)).toMatchObject({ inside: '取消', at: 9 });
    expect(bracketedRemarks(`2026年12月底前${bracket}`)).toEqual(['取消']);
    expect(withoutBracketedRemarks(`年底前${bracket}`)).toBe('年底前');
    expect(isBracketedRemark(bracket)).toBe(true);
  });

  it('reads no remark in book-title marks, in a bracket not closed, or in a pair of two kinds', () => {
    expect(trailingBracket('宣传解读《政府信息公开条例》')).toBeNull();
    expect(trailingBracket('加强政务新媒体管理（取消〕')).toBeNull();
    expect(trailingBracket('加强政务新媒体管理〔取消')).toBeNull();
    expect(isBracketedRemark('〈内部〉')).toBe(false);
  });

  it('takes the last bracket of several, where it starts and as written', () => {
    expect(trailingBracket('网民留言回应不及时（重点问题）〔已整改〕 ')).toEqual({ inside: '已整改', at: 15, bracket: '〔已整改〕' });
  });
});
