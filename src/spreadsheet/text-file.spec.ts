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

  it('reads a GBK file with a UTF-8 BOM put in front of it as GBK (breaker51-10 M8: refused as neither UTF-8 nor GBK)', () => {
    expect(textOfFile(joined(new Uint8Array([0xef, 0xbb, 0xbf]), gbk('事项,牵头单位\n规范信息发布,CZJ\n')))).toEqual({ ok: true, text: '事项,牵头单位\n规范信息发布,CZJ\n' });
    expect(textOfFile(joined(new Uint8Array([0xef, 0xbb, 0xbf]), gbk('推进决算公开,CZJ\r\n'), utf8('落实年度报告,JYJ')))).toEqual({ ok: true, text: '推进决算公开,CZJ\r\n落实年度报告,JYJ' });
  });

  it('refuses bytes that are text in no encoding it knows, saying how to save the file', () => {
    const result = textOfFile(new Uint8Array([0x81, 0x0a, 0xff, 0xff, 0xff]));
    expect(result.ok).toBe(false);
  });
});

/*
 * breaker50-10 S7: about 1 900 common characters (学 校 医 院 习 平 台 …) have GBK codes that are also valid UTF-8, read so as
 * Cyrillic, Armenian or Hebrew letters — 学校 → ѧУ, 医院 → ҽԺ. Read line by line, UTF-8 wherever valid, such lines of a plain GBK
 * file (Excel's 「CSV（逗号分隔）」 on Chinese Windows) were taken silently as UTF-8. The tester's files, byte for byte.
 */
const TESTERS_FILES: Record<string, string> = {
  /** A UTF-8 plan with row 2 pasted in GBK, every line of it valid UTF-8 too. */
  mx1: 'e7bc96e58fb72ce4ba8be9a1b92ce585b7e4bd93e58685e5aeb92ce789b5e5a4b4e58d95e4bd8d2ce9858de59088e58d95e4bd8d2ce5ae8ce68890e697b6e999900d0a312ce68ea8e8bf9be586b3e7ae97e585ace5bc802ce585ace5bc80e586b3e7ae972ce99d92e5b79de5b882e8b4a2e694bfe5b1802ce99d92e5b79de5b882e69599e882b2e5b1802c323032362d31302d33310d0a322cd1a7d0a3d2bdd4ba2cd1a7cfb0c6bdcca82c4a594a2c435a4a2c323032362d31312d33300d0a332ce4ba8be9a1b9e4b8992ce585ace5bc80e9a284e7ae972ce99d92e5b79de5b882e8b4a2e694bfe5b1802c2c323032362d31322d33310d0a',
  /** A plan wholly in GBK; row 2 (学校医院, 学习平台) is valid UTF-8 too. */
  mx2: 'b1e0bac52ccac2cfee2cbedfcce5c4dac8dd2cc7a3cdb7b5a5cebb2cc5e4bacfb5a5cebb2ccdeab3c9cab1cfde0d0a312ccdc6bdf8bef6cbe3b9abbfaa2cb9abbfaabef6cbe32cc7e0b4a8cad0b2c6d5febed62cc7e0b4a8cad0bdccd3fdbed62c323032362d31302d33310d0a322cd1a7d0a3d2bdd4ba2cd1a7cfb0c6bdcca82c4a594a2c435a4a2c323032362d31312d33300d0a332ccac2cfeeb1fb2cb9abbfaad4a4cbe32cc7e0b4a8cad0b2c6d5febed62c2c323032362d31322d33310d0a',
  /** A findings list wholly in GBK, 具体表现 over several lines: 「1.学校」 and 「2.医院」 are valid UTF-8 too. */
  mx3: 'cecacce22cbedfcce5b1edcfd62cc0e0b1f02cd1cfd6d8b3ccb6c82cc9e6bcb0b5a5cebb0d0acdf8d5bec0b8c4bfb8fcd0c2d6cdbaf32c22b3e9b2e9b7a2cfd6d2d4cfc2b5a5cebbc0b8c4bfceb4b8fcd0c2a3ba0d0a312ed1a7d0a30d0a322ed2bdd4ba0d0abef9b3acb9fdb0ebc4ea222cd6f7b6afb9abbfaa2cd2bbb0e32cc7e0b4a8cad0bdccd3fdbed60d0a',
  /** A UTF-8 plan (with a BOM) with row 2 pasted in GBK. */
  mx4: 'efbbbfe7bc96e58fb72ce4ba8be9a1b92ce585b7e4bd93e58685e5aeb92ce789b5e5a4b4e58d95e4bd8d2ce9858de59088e58d95e4bd8d2ce5ae8ce68890e697b6e999900d0a312ce68ea8e8bf9be586b3e7ae97e585ace5bc802ce585ace5bc80e586b3e7ae972ce99d92e5b79de5b882e8b4a2e694bfe5b1802ce99d92e5b79de5b882e69599e882b2e5b1802c323032362d31302d33310d0a322ccdc6bdf8d4a4cbe3b9abbfaa2cb9abbfaad4a4cbe32cc7e0b4a8cad0b2c6d5febed62cc7e0b4a8cad0c3f1d5febed62c323032362d31312d33300d0a332ce4ba8be9a1b9e4b8992ce585ace5bc80e9a284e7ae972ce99d92e5b79de5b882e8b4a2e694bfe5b1802c2c323032362d31322d33310d0a',
  /** A GBK plan with row 2 pasted in UTF-8. */
  mx5: 'b1e0bac52ccac2cfee2cbedfcce5c4dac8dd2cc7a3cdb7b5a5cebb2cc5e4bacfb5a5cebb2ccdeab3c9cab1cfde0d0a312ccdc6bdf8bef6cbe3b9abbfaa2cb9abbfaabef6cbe32cc7e0b4a8cad0b2c6d5febed62cc7e0b4a8cad0bdccd3fdbed62c323032362d31302d33310d0a322ce68ea8e8bf9be9a284e7ae97e585ace5bc802ce585ace5bc80e9a284e7ae972ce99d92e5b79de5b882e8b4a2e694bfe5b1802ce99d92e5b79de5b882e6b091e694bfe5b1802c323032362d31312d33300d0a332ccac2cfeeb1fb2cb9abbfaad4a4cbe32cc7e0b4a8cad0b2c6d5febed62c2c323032362d31322d33310d0a',
};
const testersFile = (name: string) => new Uint8Array(Buffer.from(TESTERS_FILES[name]!, 'hex'));

describe('a GBK line whose bytes are valid UTF-8 too (breaker50-10 S7)', () => {
  it('reads a plan wholly in GBK as GBK on every line: 学校医院, not ѧУҽԺ (mx2.csv)', () => {
    expect(textOfFile(testersFile('mx2'))).toEqual({
      ok: true,
      text:
        '编号,事项,具体内容,牵头单位,配合单位,完成时限\r\n1,推进决算公开,公开决算,青川市财政局,青川市教育局,2026-10-31\r\n' +
        '2,学校医院,学习平台,JYJ,CZJ,2026-11-30\r\n3,事项丙,公开预算,青川市财政局,,2026-12-31\r\n',
    });
  });

  it('reads a findings list wholly in GBK as GBK, lines of one cell included (mx3.csv)', () => {
    const read = textOfFile(testersFile('mx3'));
    expect(read.ok && read.text).toBe(
      '问题,具体表现,类别,严重程度,涉及单位\r\n网站栏目更新滞后,"抽查发现以下单位栏目未更新：\r\n1.学校\r\n2.医院\r\n均超过半年",主动公开,一般,青川市教育局\r\n',
    );
  });

  it('reads such a line pasted into a UTF-8 file as the GBK it is, the other lines as UTF-8 (mx1.csv: the whole file is valid UTF-8)', () => {
    const read = textOfFile(testersFile('mx1'));
    expect(read.ok && read.text.split('\r\n')).toEqual([
      '编号,事项,具体内容,牵头单位,配合单位,完成时限',
      '1,推进决算公开,公开决算,青川市财政局,青川市教育局,2026-10-31',
      '2,学校医院,学习平台,JYJ,CZJ,2026-11-30',
      '3,事项丙,公开预算,青川市财政局,,2026-12-31',
      '',
    ]);
  });

  it.each([
    ['a GBK row in a UTF-8 file with a BOM (mx4.csv)', 'mx4', '2,推进预算公开,公开预算,青川市财政局,青川市民政局,2026-11-30'],
    ['a UTF-8 row in a GBK file (mx5.csv)', 'mx5', '2,推进预算公开,公开预算,青川市财政局,青川市民政局,2026-11-30'],
  ])('still reads %s line by line', (_case, name, row2) => {
    const read = textOfFile(testersFile(name));
    expect(read.ok && read.text.split('\r\n')).toEqual([
      '编号,事项,具体内容,牵头单位,配合单位,完成时限',
      '1,推进决算公开,公开决算,青川市财政局,青川市教育局,2026-10-31',
      row2,
      '3,事项丙,公开预算,青川市财政局,,2026-12-31',
      '',
    ]);
  });

  it('keeps UTF-8 text that is valid GBK too as UTF-8, alone or beside a GBK line (its GBK reading is 缂栧彿,浜嬮」…)', () => {
    const text = '编号,事项,牵头单位\n1,公开预算,财政部门\n';
    // Words of two or four characters in UTF-8 are valid GB18030 bytes: only how they read tells the encodings apart.
    expect(new TextDecoder('gb18030', { fatal: true }).decode(utf8(text))).toMatch(/^缂栧彿,浜嬮/);
    expect(textOfFile(utf8(text))).toEqual({ ok: true, text });
    expect(textOfFile(joined(utf8(text), gbk('推进决算公开,CZJ\r\n')))).toEqual({ ok: true, text: `${text}推进决算公开,CZJ\r\n` });
  });
});
