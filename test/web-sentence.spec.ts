import { asSentence, joinedSentences } from '../web/src/sentence.js';

/* newcomer24 S1: a withdrawal reason ending in 。 was shown as 「…予以撤回。。不再办理」. */
describe('a typed text closed as one sentence', () => {
  it('adds 。 to a text that does not end a sentence', () => {
    expect(asSentence('评估机构来函撤回')).toBe('评估机构来函撤回。');
  });
  it('keeps the full stop, question or exclamation mark the person typed, never doubling it', () => {
    expect(asSentence('该问题系误列，予以撤回。')).toBe('该问题系误列，予以撤回。');
    expect(asSentence('重复登记！ ')).toBe('重复登记！');
    expect(asSentence('是否误列？')).toBe('是否误列？');
  });
});

/* web2 fault 1: the API's field refusals are sentences ending in 。; those the form cannot place beside a field are joined above it. */
describe('sentences joined as one', () => {
  it('joins by ；, each without its 。, the whole closed once', () => {
    expect(joinedSentences(['“承担单位”至少 1 项（现有 0 项）。', '请填写“交办日期”。'])).toBe('“承担单位”至少 1 项（现有 0 项）；请填写“交办日期”。');
    expect(joinedSentences(['“承担单位”至少 1 项'])).toBe('“承担单位”至少 1 项。');
  });
});
