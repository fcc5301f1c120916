import { MAX_XLSX_UNCOMPRESSED_BYTES } from '../../spreadsheet/xlsx-size.js';
import { Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Actor } from '../../shared/command-context.js';
import { Clock } from '../../shared/clock.js';
import { DomainError, badInput, say } from '../../shared/domain-error.js';
import { MAX_IMPORT_FILE_BYTES, decodeUpload, type FileUploadInput } from '../../shared/graphql/file-upload.js';
import { temporaryPathFor } from '../../shared/temporary-path.js';
import type { ImportFile } from '../import-run.js';

/*
 * Files sent to `POST /imports/files` for an import mutation to use by `fileId`: a file as large
 * as an import takes (5 MB) does not fit in a GraphQL request, whose body REQUEST_MAX_BYTES keeps
 * small. Kept for their uploader only, for 30 minutes. Each uploader has room for three
 * full-size files (their own oldest make way for their newer ones); one uploader never evicts
 * another's file: when all of them together would pass 64 MB, the new upload is refused instead.
 *
 * Where they wait (`uploadsFolderFor`): in a folder beside the SQLite file, so that every server
 * on that file finds a file uploaded to any of them — behind a balancer the upload and the import
 * are two requests that may meet two servers (breaker9g P2); in memory for an in-memory store.
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

/** What is kept of a waiting file besides its bytes. */
interface WaitingFileFacts {
  readonly ownerId: string;
  readonly name: string;
  /** Bytes. */
  readonly size: number;
  /** Epoch ms after which the file is gone. */
  readonly expiresAt: number;
  /** Its place in the order of uploads (each one past the newest waiting then): a user's oldest make way first. */
  readonly sequence: number;
}

interface WaitingFile extends WaitingFileFacts {
  readonly content: Uint8Array;
}

/**
 * Where waiting files are kept. `list` answers them oldest first, each once; `read` answers null
 * for a file that is not (or no longer) there.
 */
interface WaitingPlace {
  list(): (WaitingFileFacts & { readonly fileId: string })[];
  read(fileId: string): WaitingFile | null;
  write(fileId: string, file: WaitingFile): void;
  remove(fileId: string): void;
}

class InMemory implements WaitingPlace {
  private readonly files = new Map<string, WaitingFile>();
  list() {
    return [...this.files].map(([fileId, { ownerId, name, size, expiresAt, sequence }]) => ({ fileId, ownerId, name, size, expiresAt, sequence }));
  }
  read(fileId: string) {
    return this.files.get(fileId) ?? null;
  }
  write(fileId: string, file: WaitingFile) {
    this.files.set(fileId, file);
  }
  remove(fileId: string) {
    this.files.delete(fileId);
  }
}

/** A file id as `put` makes them (a UUID): anything else names no file, and never a path. */
const FILE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * A folder shared by every process that names it: `<fileId>.bin` holds the bytes, `<fileId>.json`
 * the facts, each written under a temporary name and renamed into place, the facts last — a file
 * is there once its facts are. Only this process's user may read it (0700 / 0600).
 */
class InFolder implements WaitingPlace {
  constructor(private readonly folder: string) {}

  list() {
    let names: string[];
    try {
      names = readdirSync(this.folder);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const facts: (WaitingFileFacts & { fileId: string })[] = [];
    for (const name of names) {
      const fileId = name.slice(0, -'.json'.length);
      if (!name.endsWith('.json') || !FILE_ID.test(fileId)) continue;
      const read = this.facts(fileId);
      if (read) facts.push({ fileId, ...read });
    }
    return facts.sort((a, b) => a.sequence - b.sequence || a.fileId.localeCompare(b.fileId));
  }

  read(fileId: string): WaitingFile | null {
    const facts = this.facts(fileId);
    if (!facts) return null;
    try {
      return { ...facts, content: new Uint8Array(readFileSync(join(this.folder, `${fileId}.bin`))) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  write(fileId: string, { content, ...facts }: WaitingFile) {
    mkdirSync(this.folder, { recursive: true, mode: 0o700 });
    const place = (name: string, bytes: Uint8Array | string) => {
      // Its own name, as every file beside the store (breaker9i P4: servers in two containers are both pid 1).
      const temporary = temporaryPathFor(join(this.folder, name));
      writeFileSync(temporary, bytes, { mode: 0o600 });
      renameSync(temporary, join(this.folder, name));
    };
    place(`${fileId}.bin`, content);
    place(`${fileId}.json`, JSON.stringify(facts));
  }

  remove(fileId: string) {
    // The facts first: a file half removed is not there.
    rmSync(join(this.folder, `${fileId}.json`), { force: true });
    rmSync(join(this.folder, `${fileId}.bin`), { force: true });
  }

  /**
   * Removes what a process stopped in the middle of `write` or `remove` left behind (temporary
   * files, bytes without facts) once it is older than a waiting file lives.
   */
  sweep(now: number) {
    let names: string[];
    try {
      names = readdirSync(this.folder);
    } catch {
      return;
    }
    for (const name of names) {
      const orphan = name.endsWith('.tmp') || (name.endsWith('.bin') && !names.includes(`${name.slice(0, -'.bin'.length)}.json`));
      if (!orphan) continue;
      try {
        if (statSync(join(this.folder, name)).mtimeMs + UPLOAD_TTL_MS <= now) rmSync(join(this.folder, name), { force: true });
      } catch {
        // Another process removed it meanwhile.
      }
    }
  }

  private facts(fileId: string): WaitingFileFacts | null {
    try {
      const facts = JSON.parse(readFileSync(join(this.folder, `${fileId}.json`), 'utf8')) as WaitingFileFacts;
      return typeof facts.ownerId === 'string' && typeof facts.expiresAt === 'number' && typeof facts.size === 'number' && typeof facts.sequence === 'number' ? facts : null;
    } catch (error) {
      // Removed by another process meanwhile, or not (yet) readable: not there.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' || error instanceof SyntaxError) return null;
      throw error;
    }
  }
}

/**
 * The folder where files wait for their imports: `<SQLITE_PATH>.uploads` beside an SQLite file
 * (every server on that file shares it), `./data/eventstoredb.uploads` for EventStoreDB (servers on
 * one cluster share it only when that folder is one shared folder), null (memory) for `:memory:`.
 */
export function uploadsFolderFor(settings: { EVENT_STORE: 'sqlite' | 'eventstoredb'; SQLITE_PATH: string }): string | null {
  if (settings.EVENT_STORE === 'eventstoredb') return './data/eventstoredb.uploads';
  return settings.SQLITE_PATH === ':memory:' ? null : `${settings.SQLITE_PATH}.uploads`;
}

/**
 * An upload that could not be kept: HTTP 503, STORE_UNAVAILABLE with `cause` DISK_FULL (ENOSPC) or
 * WRITE_FAILED (a folder that cannot be written); nothing was kept.
 */
export class UploadNotKept extends Error {
  readonly messageZh: string;
  readonly reason: 'DISK_FULL' | 'WRITE_FAILED';
  constructor(failure: unknown) {
    const diskFull = (failure as NodeJS.ErrnoException).code === 'ENOSPC';
    super(`The server could not keep the file for its import (${diskFull ? 'the disk is full' : String((failure as Error).message ?? failure)}). Tell the administrator; nothing was imported.`);
    this.reason = diskFull ? 'DISK_FULL' : 'WRITE_FAILED';
    this.messageZh = `服务器未能保存上传的文件（${diskFull ? '磁盘已满' : '待导入文件的文件夹无法写入'}），未导入任何内容。请告知系统管理员。`;
  }
}

@Injectable()
export class UploadedFiles {
  private readonly place: WaitingPlace;

  /** `folder`: where files wait (`uploadsFolderFor`); null or left out: in this process's memory. */
  constructor(
    private readonly clock: Clock,
    folder: string | null = null,
  ) {
    this.place = folder === null ? new InMemory() : new InFolder(folder);
  }

  /**
   * Keeps `content` for `owner`, forgetting the owner's own oldest files beyond
   * MAX_WAITING_BYTES_PER_UPLOADER. BAD_USER_INPUT when it is empty or larger than an import takes;
   * UploadsFull when the other uploaders' files leave no room (checked against what every process
   * keeps; two uploads at the same moment on two servers may together pass it by one file);
   * UploadNotKept when it cannot be written.
   */
  put(owner: Actor, name: string, content: Uint8Array): UploadReceipt {
    if (content.byteLength === 0) throw badInput('The file is empty.', '文件是空的。');
    if (content.byteLength > MAX_IMPORT_FILE_BYTES) throw tooLarge(content.byteLength);
    const now = this.clock.now().getTime();
    try {
      const waiting = this.forgetExpired(now);
      const bytesOf = (files: readonly WaitingFileFacts[]) => files.reduce((sum, file) => sum + file.size, 0);
      const others = bytesOf(waiting.filter((file) => file.ownerId !== owner.id));
      if (others + content.byteLength > MAX_WAITING_UPLOAD_BYTES) throw new UploadsFull();
      let own = bytesOf(waiting.filter((file) => file.ownerId === owner.id));
      for (const file of waiting) {
        if (own + content.byteLength <= Math.min(MAX_WAITING_BYTES_PER_UPLOADER, MAX_WAITING_UPLOAD_BYTES - others)) break;
        if (file.ownerId !== owner.id) continue;
        this.place.remove(file.fileId);
        own -= file.size;
      }
      const fileId = randomUUID();
      const expiresAt = now + UPLOAD_TTL_MS;
      const sequence = Math.max(0, ...waiting.map((file) => file.sequence)) + 1;
      this.place.write(fileId, { ownerId: owner.id, name, size: content.byteLength, content, expiresAt, sequence });
      return {
        fileId,
        fileName: name,
        size: content.byteLength,
        sha256: createHash('sha256').update(content).digest('hex'),
        expiresAt: new Date(expiresAt).toISOString(),
      };
    } catch (error) {
      if (error instanceof UploadsFull || error instanceof DomainError) throw error;
      throw new UploadNotKept(error);
    }
  }

  /**
   * The file an import input names: its `fileId` (uploaded by the same user, not expired, to this
   * server or another on the same store) or its `contentBase64`, exactly one of them. The input's
   * `fileName` says the format either way.
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
      const now = this.clock.now().getTime();
      const file = FILE_ID.test(fileId) ? this.place.read(fileId) : null;
      if (!file || file.ownerId !== owner.id || file.expiresAt <= now) {
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

  /** Removes the expired files (and what a stopped process left half written); answers the rest, oldest first. */
  private forgetExpired(now: number): (WaitingFileFacts & { fileId: string })[] {
    if (this.place instanceof InFolder) this.place.sweep(now);
    const waiting = this.place.list();
    for (const file of waiting) if (file.expiresAt <= now) this.place.remove(file.fileId);
    return waiting.filter((file) => file.expiresAt > now);
  }
}

/**
 * The command-line tools that take a file past the 5 MB an upload may be, for each kind of import — not only a plan's — with
 * their own limit (an XLSX that inflates past 100 MB, `MAX_XLSX_UNCOMPRESSED_BYTES`): breaker43-10 F8, a findings file told
 * 「npm run plan:import…它没有大小限制」.
 */
export const COMMAND_LINE_TOOLS = {
  en: `the command-line tools (npm run plan:import for a work plan, npm run findings:import for findings or a 整改台账, npm run units:import for units), which take files past 5 MB (an XLSX up to ${MAX_XLSX_UNCOMPRESSED_BYTES / 1024 / 1024} MB uncompressed)`,
  zh: `命令行工具（工作方案用 npm run plan:import，问题清单和整改台账用 npm run findings:import，单位名录用 npm run units:import），它们不受 5 MB 的限制（Excel 文件解压后不超过 ${MAX_XLSX_UNCOMPRESSED_BYTES / 1024 / 1024} MB 即可）`,
} as const;

/** The 413 of an import file: names the limit and what to do instead. */
export function tooLarge(size: number | null): DomainError {
  const sizeEn = size === null ? 'The file is' : `The file is ${size.toLocaleString('en')} bytes,`;
  const sizeZh = size === null ? '文件' : `文件有 ${size.toLocaleString('en')} 字节，`;
  return badInput(
    `${sizeEn} larger than the ${MAX_IMPORT_FILE_BYTES.toLocaleString('en')} bytes (5 MB) an import takes. Save it as XLSX (a zip, several times smaller than CSV), remove sheets and columns the import does not read, or import it with ${COMMAND_LINE_TOOLS.en}.`,
    `${sizeZh}超过了一次导入允许的 ${MAX_IMPORT_FILE_BYTES.toLocaleString('en')} 字节（5 MB）。请另存为 XLSX（压缩后比 CSV 小得多），删去导入不读的工作表和列，或用${COMMAND_LINE_TOOLS.zh}导入。`,
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
