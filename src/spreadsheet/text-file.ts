import type { ImportResult } from './import-problems.js';

/** A file's bytes, or its text when it was read as text. */
export type FileContent = Uint8Array | string;

/**
 * UTF-8 text with or without a BOM; else GBK (GB18030), what Excel's "CSV (逗号分隔)" and WPS
 * write on Chinese Windows — the commonest CSV an office sends (breaker10 F11); UTF-16 when a BOM says so (Excel's 「Unicode 文本」,
 * breaker45-10 M3). Bytes that are none of these are refused.
 */
export function textOfFile(content: FileContent): ImportResult<'text', string> {
  if (typeof content === 'string') return { ok: true, text: content.replace(/^\uFEFF/, '') };
  // A UTF-16 BOM says the encoding: Excel's 「Unicode 文本」 (breaker45-10 M3: refused as neither UTF-8 nor GBK).
  const utf16 = content[0] === 0xff && content[1] === 0xfe ? 'utf-16le' : content[0] === 0xfe && content[1] === 0xff ? 'utf-16be' : null;
  for (const encoding of utf16 ? [utf16] : ['utf-8']) {
    const text = decoded(content, encoding);
    if (text !== null) return { ok: true, text };
  }
  if (!utf16) {
    const text = linesInTheirEncodings(content) ?? decoded(content, 'gb18030');
    if (text !== null) return { ok: true, text };
  }
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
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return null;
  }
}

const LINE_FEED = 0x0a;

/**
 * A UTF-8 file with lines pasted from a GBK one (breaker49-10 S3: offices copy rows out of older files): each line in its own
 * encoding — UTF-8 where it is valid UTF-8, else GB18030 — instead of the whole file read as GBK, which turned every UTF-8
 * title into mojibake without a word. A line feed (0x0A) is never inside a multi-byte character of either encoding, so the
 * file splits safely by bytes. Null when no line holds non-ASCII UTF-8 (then the file is GBK throughout) or a line is
 * neither.
 */
function linesInTheirEncodings(bytes: Uint8Array): string | null {
  const lines: string[] = [];
  let utf8Lines = 0;
  let start = 0;
  while (start <= bytes.length) {
    const end = bytes.indexOf(LINE_FEED, start);
    const line = bytes.subarray(start, end === -1 ? bytes.length : end + 1);
    const asUtf8 = decoded(line, 'utf-8');
    if (asUtf8 !== null && line.some((byte) => byte >= 0x80)) utf8Lines += 1;
    const text = asUtf8 ?? decoded(line, 'gb18030');
    if (text === null) return null;
    lines.push(text);
    if (end === -1) break;
    start = end + 1;
  }
  return utf8Lines > 0 ? lines.join('').replace(/^\uFEFF/, '') : null;
}
