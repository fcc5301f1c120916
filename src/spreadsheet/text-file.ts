import type { ImportResult } from './import-problems.js';

/** A file's bytes, or its text when it was read as text. */
export type FileContent = Uint8Array | string;

/** UTF-8 text with or without a BOM; anything else (such as GBK from an old Excel) is refused. */
export function textOfFile(content: FileContent): ImportResult<'text', string> {
  if (typeof content === 'string') return { ok: true, text: content.replace(/^\uFEFF/, '') };
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(content) };
  } catch {
    return {
      ok: false,
      problems: [
        {
          row: null,
          reason: 'The file is not UTF-8 text; save it as "CSV UTF-8" (or UTF-8 YAML/JSON) and import again.',
          reasonZh: '该文件不是 UTF-8 编码的文本：请在 Excel 中另存为“CSV UTF-8”（或 UTF-8 编码的 YAML/JSON）后重新导入。',
        },
      ],
    };
  }
}

