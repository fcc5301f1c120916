import { Field, ID, InputType } from '@nestjs/graphql';
import { IsOptional, IsString, IsUUID } from 'class-validator';
import type { ReadingNotes } from '../../spreadsheet/import-problems.js';
import { placeOf, placeZhOf } from '../../spreadsheet/import-refusal.js';
import { badInput } from '../domain-error.js';
import { OptionalText, RequiredText } from './validation.js';
import { IdempotentInput } from './idempotent-input.js';

/** The largest file an import mutation takes, decoded. (REQUEST_MAX_BYTES caps the whole request first.) */
export const MAX_IMPORT_FILE_BYTES = 5 * 1024 * 1024;

/** A file sent inside a mutation, base64-encoded: what every import input has. */
@InputType({ isAbstract: true })
export abstract class FileUploadInput extends IdempotentInput {
  @Field(() => String, { description: 'The file’s name; its extension says the format: .xlsx, .csv, .yaml/.yml or .json' })
  @RequiredText(255)
  fileName: string;

  @Field(() => String, {
    nullable: true,
    description: `The file’s bytes, base64-encoded, for a small file (the request must stay under REQUEST_MAX_BYTES); otherwise fileId`,
  })
  @IsOptional()
  @IsString()
  contentBase64?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: `A file of up to ${MAX_IMPORT_FILE_BYTES / 1024 / 1024} MB sent first to POST /imports/files (the raw bytes as the body, the same Authorization): the fileId it answered. Give this or contentBase64.`,
  })
  @IsOptional()
  @IsUUID()
  fileId?: string | null;

  @Field(() => String, { nullable: true, description: 'For XLSX: the sheet to read, by name; the first visible sheet when absent' })
  @OptionalText(100)
  sheet?: string;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The bytes of an uploaded file, or BAD_USER_INPUT when they are too many or not base64. */
export function decodeUpload(contentBase64: string): Uint8Array {
  const text = contentBase64.replace(/\s+/g, '');
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const size = Math.floor((text.length * 3) / 4) - padding;
  if (size > MAX_IMPORT_FILE_BYTES) {
    throw badInput(
      `The file is ${size.toLocaleString('en')} bytes; an import takes at most ${MAX_IMPORT_FILE_BYTES.toLocaleString('en')} bytes (${MAX_IMPORT_FILE_BYTES / 1024 / 1024} MB). Split it into several files.`,
      `文件有 ${size.toLocaleString('en')} 字节，一次导入最多 ${MAX_IMPORT_FILE_BYTES.toLocaleString('en')} 字节（${MAX_IMPORT_FILE_BYTES / 1024 / 1024} MB）：请拆成几个文件。`,
    );
  }
  if (text.length % 4 === 1 || !BASE64.test(text)) throw badInput('contentBase64 is not base64: send the file’s bytes base64-encoded.', 'contentBase64 不是 base64 编码：请把文件内容按 base64 编码后发送。');
  if (size === 0) throw badInput('The file is empty.', '文件是空的。');
  return new Uint8Array(Buffer.from(text, 'base64'));
}

/** The reading notes as GraphQL fields. */
export const notesResult = (notes: ReadingNotes) => ({
  sheet: notes.sheet ?? null,
  notImported: [...(notes.notImported ?? [])],
  notices: (notes.notices ?? []).map((notice) => `${notice.row === null && !notice.sheet ? '' : `${placeOf(notice.row, undefined, notice.sheet)}: `}${notice.reason}`),
  noticesZh: (notes.notices ?? []).map((notice) => `${placeZhOf(notice)}：${notice.reasonZh}`),
});
