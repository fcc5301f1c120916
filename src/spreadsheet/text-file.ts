import { isUtf8 } from 'node:buffer';
import type { ImportResult } from './import-problems.js';

/** A file's bytes, or its text when it was read as text. */
export type FileContent = Uint8Array | string;

/**
 * UTF-8 text with or without a BOM, or GBK (GB18030), what Excel's "CSV (逗号分隔)" and WPS write on Chinese Windows — the
 * commonest CSV an office sends (breaker10 F11) —, or both line by line (`utf8OrGbk`); UTF-16 when a BOM says so (Excel's
 * 「Unicode 文本」, breaker45-10 M3). Bytes that are none of these are refused.
 */
export function textOfFile(content: FileContent): ImportResult<'text', string> {
  if (typeof content === 'string') return { ok: true, text: content.replace(/^\uFEFF/, '') };
  // A UTF-16 BOM says the encoding: Excel's 「Unicode 文本」 (breaker45-10 M3: refused as neither UTF-8 nor GBK).
  const utf16 = content[0] === 0xff && content[1] === 0xfe ? 'utf-16le' : content[0] === 0xfe && content[1] === 0xff ? 'utf-16be' : null;
  const text = utf16 ? decoded(content, utf16) : utf8OrGbk(content);
  if (text !== null) return { ok: true, text };
  return {
    ok: false,
    problems: [
      {
        row: null,
        reason: 'The file is neither UTF-8 nor GBK text; save it as "CSV UTF-8" (or UTF-8 YAML/JSON) and import again.',
        reasonZh: '该文件既不是 UTF-8 也不是 GBK 编码的文本：请在 Excel 中另存为“CSV UTF-8”（或 UTF-8 编码的 YAML/JSON）后重新导入。',
      },
    ],
  };
}

/** `bytes` decoded as `encoding`, or null when they are not valid in it. */
function decoded(bytes: Uint8Array, encoding: string): string | null {
  const decoder = decoders.get(encoding) ?? new TextDecoder(encoding, { fatal: true, ignoreBOM: false });
  decoders.set(encoding, decoder);
  try {
    // One decoder per encoding, kept: a file is decoded line by line, and making a decoder costs more than a line.
    return decoder.decode(bytes);
  } catch {
    return null;
  }
}

const decoders = new Map<string, InstanceType<typeof TextDecoder>>();

const LINE_FEED = 0x0a;

/**
 * The text of bytes in UTF-8 or GBK (GB18030), the file's encoding decided as a whole: UTF-8 when no line reads better as
 * GBK, GBK when no line reads better as UTF-8 (Excel's 「CSV（逗号分隔）」 on Chinese Windows), and each line in its own
 * encoding only where both really occur (breaker49-10 S3: a UTF-8 file with rows pasted from an older GBK one). A line
 * valid in one encoding only is in that one; a line valid in both is in the one it reads better in (`plausibility`: about
 * 1 900 common characters — 学 校 医 院 农 业 实 施 … — have GBK codes that are also valid UTF-8, and read as UTF-8 are
 * Cyrillic, Armenian or Hebrew letters: 学校 → ѧУ, 医院 → ҽԺ; breaker50-10 S7: such lines of a plain GBK file were read
 * so, without a word), on a tie GBK in a GBK file and UTF-8 in a mixed one. A line feed (0x0A) is never
 * inside a multi-byte character of either encoding, so the file splits safely by bytes. Null when a line is neither.
 *
 * Hand-written, not a detector library (chardet, jschardet): they guess one encoding for a whole buffer by byte
 * statistics, while a file here may hold both and the question for each line is which of two valid readings is
 * Chinese — answered by GB2312's own list of the most common characters, which the GB18030 decoder already holds.
 */
function utf8OrGbk(withBom: Uint8Array): string | null {
  // A UTF-8 BOM is a mark, not text: the lines after it are weighed as any file's — GBK ones too, behind a BOM a tool put in
  // front of a GBK file (breaker51-10 M8: refused as 「既不是 UTF-8 也不是 GBK」, the rows after the BOM plain GBK).
  const bytes = withBom[0] === 0xef && withBom[1] === 0xbb && withBom[2] === 0xbf ? withBom.subarray(3) : withBom;
  // Most files: UTF-8 throughout, with no character a GBK line read as UTF-8 would give (U+0080–U+07FF): no line to weigh.
  const whole = decoded(bytes, 'utf-8');
  if (whole !== null && !/[\u0080-\u07ff]/u.test(whole)) return whole.replace(/^\uFEFF/, '');
  // Each line's bytes and the encoding it reads better in (null: ASCII, or no better either way). Only a line that is valid
  // UTF-8 is decoded both ways here (isUtf8 first: a decoder's refusal is an exception, costly on each line of a GBK file).
  const lines: { bytes: Uint8Array; utf8: string | null; gbk?: string | null; prefers: 'utf-8' | 'gbk' | null }[] = [];
  for (let start = 0; start <= bytes.length; ) {
    const end = bytes.indexOf(LINE_FEED, start);
    const line = bytes.subarray(start, end === -1 ? bytes.length : end + 1);
    if (!line.some((byte) => byte >= 0x80)) lines.push({ bytes: line, utf8: decoded(line, 'utf-8'), prefers: null });
    else if (!isUtf8(line)) lines.push({ bytes: line, utf8: null, prefers: 'gbk' });
    else {
      const utf8 = decoded(line, 'utf-8');
      const gbk = decoded(line, 'gb18030');
      const [asUtf8, asGbk] = gbk === null ? [1, 0] : [plausibility(utf8 ?? ''), plausibility(gbk)];
      lines.push({ bytes: line, utf8, gbk, prefers: asUtf8 > asGbk ? 'utf-8' : asGbk > asUtf8 ? 'gbk' : null });
    }
    if (end === -1) break;
    start = end + 1;
  }
  if (!lines.some((line) => line.prefers === 'utf-8')) {
    // GBK throughout (Excel's 「CSV（逗号分隔）」): every line GBK, lines valid in both encodings included.
    const gbk = decoded(bytes, 'gb18030');
    if (gbk !== null) return gbk;
  }
  // Both encodings really occur: each line in the one it reads better in; on a tie UTF-8.
  const texts: string[] = [];
  for (const line of lines) {
    const text = line.prefers === 'gbk' ? (line.gbk !== undefined ? line.gbk : decoded(line.bytes, 'gb18030')) : line.utf8;
    if (text === null) return null;
    texts.push(text);
  }
  return texts.join('').replace(/^\uFEFF/, '');
}

/**
 * How much a decoded line reads as Chinese: one for each character among GB2312's 3 755 level-1 (most common) characters,
 * less one for each other non-ASCII character that is neither punctuation, a symbol nor a space (rare characters, letters of
 * other scripts, control characters). Chinese text scores about its length; a GBK line read as UTF-8 (ѧУҽԺ), or a UTF-8 line
 * read as GBK (鍏紑), scores below zero.
 */
function plausibility(text: string): number {
  let score = 0;
  for (const character of text) {
    if (character.charCodeAt(0) < 0x80 || character === '\uFEFF') continue;
    if (commonCharacters().has(character)) score += 1;
    else if (!/[\p{P}\p{S}\p{Z}]/u.test(character)) score -= 1;
  }
  return score;
}

let level1: ReadonlySet<string> | null = null;

/** GB2312's level-1 characters (rows 0xB0–0xD7, the 3 755 most used), read from the GB18030 decoder once. */
function commonCharacters(): ReadonlySet<string> {
  if (level1) return level1;
  const bytes: number[] = [];
  for (let row = 0xb0; row <= 0xd7; row += 1) for (let cell = 0xa1; cell <= (row === 0xd7 ? 0xf9 : 0xfe); cell += 1) bytes.push(row, cell);
  level1 = new Set(new TextDecoder('gb18030').decode(new Uint8Array(bytes)));
  return level1;
}
