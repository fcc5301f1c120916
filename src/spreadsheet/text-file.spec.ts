import { textOfFile } from './text-file.js';

/** GB18030 bytes of the texts these cases use (as Excel's 「CSV（逗号分隔）」 writes them on Chinese Windows). */
const GBK_BYTES: Record<string, string> = {
  '事项,牵头单位\n规范信息发布,CZJ\n': 'cac2cfee2cc7a3cdb7b5a5cebb0ab9e6b7b6d0c5cfa2b7a2b2bc2c435a4a0a',
  '推进决算公开,CZJ\r\n': 'cdc6bdf8bef6cbe3b9abbfaa2c435a4a0d0a',
};

const utf8 = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));
const gbk = (text: string) => new Uint8Array(Buffer.from(GBK_BYTES[text]!, 'hex'));
const joined = (...parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));

describe('the text of a CSV an office sends', () => {
  it('reads UTF-8 (with or without a BOM) and GBK files whole', () => {
    expect(textOfFile(utf8('\uFEFF事项,牵头单位\n规范信息发布,CZJ\n'))).toEqual({ ok: true, text: '事项,牵头单位\n规范信息发布,CZJ\n' });
    expect(textOfFile(gbk('事项,牵头单位\n规范信息发布,CZJ\n'))).toEqual({ ok: true, text: '事项,牵头单位\n规范信息发布,CZJ\n' });
  });

  it('reads a UTF-8 file with a row pasted from a GBK one line by line, not the whole file as GBK (breaker49-10 S3)', () => {
    const file = joined(utf8('title,leadUnit\n规范信息发布,CZJ\n加强政务舆情回应,JYJ\n'), gbk('推进决算公开,CZJ\r\n'), utf8('落实年度报告,JYJ'));
    expect(textOfFile(file)).toEqual({ ok: true, text: 'title,leadUnit\n规范信息发布,CZJ\n加强政务舆情回应,JYJ\n推进决算公开,CZJ\r\n落实年度报告,JYJ' });
  });

  it('refuses bytes that are text in no encoding it knows, saying how to save the file', () => {
    const result = textOfFile(new Uint8Array([0x81, 0x0a, 0xff, 0xff, 0xff]));
    expect(result.ok).toBe(false);
  });
});
