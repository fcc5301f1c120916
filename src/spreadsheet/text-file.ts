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
      problems: [{ row: null, reason: 'The file is not UTF-8 text; save it as "CSV UTF-8" (or UTF-8 YAML/JSON) and import again.' }],
    };
  }
}

