import { documentTitleKey } from './document-title.js';

/** breaker11h P3, breaker10g P4/P5, breaker9g P7: one report, one circular, however its title is typed. */
describe('documentTitleKey: when two titles name one document', () => {
  const REPORT = '青川市2025年度政务公开工作第三方评估报告';

  it.each([
    ['quoted in book-title marks', '《青川市2025年度政务公开工作第三方评估报告》'],
    ['quoted in quotation marks', '“青川市2025年度政务公开工作第三方评估报告”'],
    ['with 年 for 年度', '青川市2025年政务公开工作第三方评估报告'],
    ['with a final-draft remark', '青川市2025年度政务公开工作第三方评估报告（终稿）'],
    ['with a feedback-draft remark in half-width brackets', '青川市2025年度政务公开工作第三方评估报告(反馈稿)'],
    ['with 【修订版】', '青川市2025年度政务公开工作第三方评估报告【修订版】'],
    ['with a version word and no brackets', '青川市2025年度政务公开工作第三方评估报告 终稿'],
    ['with a remark in 〔〕, the bracket of official documents (breaker10i P3)', '青川市2025年度政务公开工作第三方评估报告〔终稿〕'],
    ['with a remark in 「」', '青川市2025年度政务公开工作第三方评估报告「终稿」'],
    ['with a remark in 〖〗', '青川市2025年度政务公开工作第三方评估报告〖修订版〗'],
    ['with two remarks', '青川市2025年度政务公开工作第三方评估报告（反馈稿）（修订版）'],
    ['quoted, with a remark and a closing 。', '《青川市2025年度政务公开工作第三方评估报告》（终稿）。'],
    ['in Chinese numerals, full-width digits and spaces', '青川市二〇二五年度 政务公开工作第三方评估报告'],
    ['with full-width digits and an ideographic space', '青川市２０２５年度\u3000政务公开工作第三方评估报告'],
    // breaker10j P3: a remark before the title, or the title pasted from the attachment's file name.
    ['with 【终稿】 before it', '【终稿】青川市2025年度政务公开工作第三方评估报告'],
    ['with 〔修订版〕 before it', '〔修订版〕青川市2025年度政务公开工作第三方评估报告'],
    ['pasted from the file name, .pdf', '青川市2025年度政务公开工作第三方评估报告.pdf'],
    ['pasted from the file name, .docx with a final-draft remark', '青川市2025年度政务公开工作第三方评估报告（终稿）.docx'],
    ['with （附件） after it', '青川市2025年度政务公开工作第三方评估报告（附件）'],
    ['with 附件1： before it', '附件1：青川市2025年度政务公开工作第三方评估报告'],
  ])('is the report when %s', (_, typed) => {
    expect(documentTitleKey(typed)).toBe(documentTitleKey(REPORT));
  });

  it.each([
    ['another year', '青川市2024年度政务公开工作第三方评估报告'],
    ['another city', '东湖区2025年度政务公开工作第三方评估报告'],
    ['a numbered copy that is no version remark', '青川市2025年度政务公开工作第三方评估报告（第2份）'],
    ['another evaluation named in brackets', '青川市2025年度政务公开工作第三方评估报告（政府网站）'],
    ['a month in brackets', '青川市2025年度政务公开工作第三方评估报告（2025年11月）'],
    ['a month in brackets before it', '（2025年11月）青川市2025年度政务公开工作第三方评估报告'],
  ])('is another document with %s', (_, typed) => {
    expect(documentTitleKey(typed)).not.toBe(documentTitleKey(REPORT));
  });

  it('tells monthly reports apart by the month in brackets', () => {
    expect(documentTitleKey('政务公开专项抽查报告（2026年11月）')).not.toBe(documentTitleKey('政务公开专项抽查报告（2026年10月）'));
  });

  it('reads a circular quoted in 《》 or “” as the circular', () => {
    const key = documentTitleKey('关于市教育局整改逾期的通报');
    expect(documentTitleKey('《关于市教育局整改逾期的通报》')).toBe(key);
    expect(documentTitleKey('“关于市教育局整改逾期的通报”')).toBe(key);
    expect(documentTitleKey('关于市教育局整改逾期的通报。')).toBe(key);
  });

  it('keeps a title that is only a remark or only marks as typed, so it is never the empty key', () => {
    expect(documentTitleKey('（终稿）')).not.toBe('');
    expect(documentTitleKey('.pdf')).not.toBe('');
    expect(documentTitleKey('【终稿】')).not.toBe('');
    expect(documentTitleKey('《》')).not.toBe('');
  });
});
