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
  for (const encoding of utf16 ? [utf16] : ['utf-8', 'gb18030']) {
    try {
      return { ok: true, text: new TextDecoder(encoding, { fatal: true, ignoreBOM: false }).decode(content) };
    } catch {
      // not this encoding: try the next
    }
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
