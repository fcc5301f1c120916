import { Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import type { Actor } from '../../shared/command-context.js';
import { Clock } from '../../shared/clock.js';
import { DomainError, badInput, say } from '../../shared/domain-error.js';
import { MAX_IMPORT_FILE_BYTES, decodeUpload, type FileUploadInput } from '../../shared/graphql/file-upload.js';
import type { ImportFile } from '../import-run.js';

/*
 * Files sent to `POST /imports/files` for an import mutation to use by `fileId`: a file as large
 * as an import takes (5 MB) does not fit in a GraphQL request, whose body REQUEST_MAX_BYTES keeps
 * small. Kept in memory for their uploader only, for 30 minutes. Each uploader has room for three
 * full-size files (their own oldest make way for their newer ones); one uploader never evicts
 * another's file: when all of them together would pass 64 MB, the new upload is refused instead.
 */

/** How long an uploaded file waits for its import, in ms. */
export const UPLOAD_TTL_MS = 30 * 60 * 1000;
/** All uploaded files waiting together, in bytes. */
export const MAX_WAITING_UPLOAD_BYTES = 64 * 1024 * 1024;
/** One uploader's waiting files, in bytes: three imports of the largest size. */
export const MAX_WAITING_BYTES_PER_UPLOADER = 3 * MAX_IMPORT_FILE_BYTES;

/** An upload refused because other users' waiting files fill the room: HTTP 429, try again later. */
export class UploadsFull extends Error {
  readonly messageZh: string;
  constructor() {
    const megabytes = MAX_WAITING_UPLOAD_BYTES / 1024 / 1024;
    super(`Files waiting for their imports already fill the ${megabytes} MB the server keeps for them. Try again in a few minutes, once they are imported or expire.`);
    this.messageZh = `服务器为待导入文件保留的 ${megabytes} MB 空间已满。请几分钟后再试（其他文件导入或过期后会腾出空间）。`;
  }
}

interface WaitingFile {
  readonly ownerId: string;
  readonly name: string;
  readonly content: Uint8Array;
  readonly expiresAt: number;
}

export interface UploadReceipt {
  readonly fileId: string;
  readonly fileName: string;
  /** Bytes. */
  readonly size: number;
  /** Hex SHA-256 of the bytes. */
  readonly sha256: string;
  /** ISO instant after which the file is gone. */
  readonly expiresAt: string;
}

@Injectable()
export class UploadedFiles {
  private readonly files = new Map<string, WaitingFile>();

  constructor(private readonly clock: Clock) {}

  /**
   * Keeps `content` for `owner`, forgetting the owner's own oldest files beyond
   * MAX_WAITING_BYTES_PER_UPLOADER. BAD_USER_INPUT when it is empty or larger than an import takes;
   * UploadsFull when the other uploaders' files leave no room.
   */
  put(owner: Actor, name: string, content: Uint8Array): UploadReceipt {
    if (content.byteLength === 0) throw badInput('The file is empty.', '文件是空的。');
    if (content.byteLength > MAX_IMPORT_FILE_BYTES) throw tooLarge(content.byteLength);
    const now = this.clock.now().getTime();
    this.forgetExpired(now);
    const bytesOf = (files: Iterable<WaitingFile>) => [...files].reduce((sum, file) => sum + file.content.byteLength, 0);
    const others = bytesOf([...this.files.values()].filter((file) => file.ownerId !== owner.id));
    if (others + content.byteLength > MAX_WAITING_UPLOAD_BYTES) throw new UploadsFull();
    let own = bytesOf([...this.files.values()].filter((file) => file.ownerId === owner.id));
    for (const [id, file] of this.files) {
      if (own + content.byteLength <= Math.min(MAX_WAITING_BYTES_PER_UPLOADER, MAX_WAITING_UPLOAD_BYTES - others)) break;
      if (file.ownerId !== owner.id) continue;
      this.files.delete(id);
      own -= file.content.byteLength;
    }
    const fileId = randomUUID();
    const expiresAt = now + UPLOAD_TTL_MS;
    this.files.set(fileId, { ownerId: owner.id, name, content, expiresAt });
    return {
      fileId,
      fileName: name,
      size: content.byteLength,
      sha256: createHash('sha256').update(content).digest('hex'),
      expiresAt: new Date(expiresAt).toISOString(),
    };
  }

  /**
   * The file an import input names: its `fileId` (uploaded by the same user, not expired) or its
   * `contentBase64`, exactly one of them. The input's `fileName` says the format either way.
   */
  fileOf(owner: Actor, input: Pick<FileUploadInput, 'fileName' | 'contentBase64' | 'fileId' | 'sheet'>): ImportFile {
    const { fileName, contentBase64, fileId, sheet } = input;
    if ((contentBase64 === undefined || contentBase64 === null) === (fileId === undefined || fileId === null)) {
      throw badInput(
        'Give the file either as contentBase64 or as the fileId that POST /imports/files answered, not both.',
        '请只用一种方式提供文件：文件内容，或上传文件后得到的文件编号，二者选一。',
      );
    }
    if (fileId !== undefined && fileId !== null) {
      this.forgetExpired(this.clock.now().getTime());
      const file = this.files.get(fileId);
      if (!file || file.ownerId !== owner.id) {
        throw new DomainError(
          'NOT_FOUND',
          say(
            `No uploaded file ${fileId}: uploads are kept for ${UPLOAD_TTL_MS / 60_000} minutes, for the user who sent them, and a user's oldest files make way once their newer ones pass ${MAX_WAITING_BYTES_PER_UPLOADER / 1024 / 1024} MB. Send the file to POST /imports/files again.`,
            `找不到上传的文件：上传的文件只为上传者保留 ${UPLOAD_TTL_MS / 60_000} 分钟，且同一用户待导入的文件超过 ${MAX_WAITING_BYTES_PER_UPLOADER / 1024 / 1024} MB 时最早的会被移除。请重新发送到 POST /imports/files。`,
          ),
        );
      }
      return { name: fileName, content: file.content, sheet };
    }
    return { name: fileName, content: decodeUpload(contentBase64!), sheet };
  }

  private forgetExpired(now: number): void {
    for (const [id, file] of this.files) if (file.expiresAt <= now) this.files.delete(id);
  }
}

/** The 413 of an import file: names the limit and what to do instead. */
export function tooLarge(size: number | null): DomainError {
  const sizeEn = size === null ? 'The file is' : `The file is ${size.toLocaleString('en')} bytes,`;
  const sizeZh = size === null ? '文件' : `文件有 ${size.toLocaleString('en')} 字节，`;
  return badInput(
    `${sizeEn} larger than the ${MAX_IMPORT_FILE_BYTES.toLocaleString('en')} bytes (5 MB) an import takes. Save it as XLSX (a zip, several times smaller than CSV), remove sheets and columns the import does not read, or import it with the command-line tool (npm run plan:import), which has no size limit.`,
    `${sizeZh}超过了一次导入允许的 ${MAX_IMPORT_FILE_BYTES.toLocaleString('en')} 字节（5 MB）。请另存为 XLSX（压缩后比 CSV 小得多），删去导入不读的工作表和列，或用命令行工具（npm run plan:import）导入，它没有大小限制。`,
  );
}

/**
 * What identifies the file of an import request, for its idempotency digest: the SHA-256 of its
 * bytes, however they came — inline as `contentBase64` (whatever its line breaks) or uploaded
 * first (`fileId`, which differs on every upload of the same file). The same file is the same
 * request; a request recorded before this rule with `contentBase64` answers CONFLICT to its retry,
 * never a second append.
 */
export function fileFacts(_input: Pick<FileUploadInput, 'contentBase64' | 'fileId'>, file: ImportFile): Record<string, string> {
  return { fileSha256: createHash('sha256').update(file.content).digest('hex') };
}
