import JSZip from 'jszip';
import { say, type Bilingual } from '../shared/domain-error.js';

/*
 * An XLSX file is a zip: 5 MB of it can inflate to gigabytes (a "zip bomb"), which exceljs would
 * try to hold in memory. The sizes the zip's central directory declares are checked before
 * anything is inflated. (A directory that lies about them is not caught here; the worker that
 * parses imports has its own heap limit for that.)
 */

/** The most an XLSX's parts may hold uncompressed, in bytes (a 5 MB plan of text inflates to ~40 MB). */
export const MAX_XLSX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024;

/** Why the workbook is too large to read, or null when it is not (or is no zip: exceljs says so). */
export async function checkXlsxSize(content: Uint8Array, limit = MAX_XLSX_UNCOMPRESSED_BYTES): Promise<Bilingual | null> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(content);
  } catch {
    return null;
  }
  let total = 0;
  for (const entry of Object.values(zip.files)) {
    // JSZip keeps the central directory's declared size without inflating anything.
    const declared = (entry as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize ?? 0;
    total += declared;
    if (total > limit) {
      return say(
        `The workbook's parts hold more than ${limit.toLocaleString('en')} bytes uncompressed (${entry.name} alone declares ${declared.toLocaleString('en')}); no real plan is that large. Save it again from Excel, or send it as CSV.`,
        `该工作簿解压后超过 ${limit.toLocaleString('en')} 字节，真实的方案不会这么大：请用 Excel 重新保存，或改用 CSV 发送。`,
      );
    }
  }
  return null;
}
