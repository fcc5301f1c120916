import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { say, type Bilingual } from '../shared/domain-error.js';

/**
 * What a file on disk is, as far as Rectify can tell from its first bytes: one of the files Rectify
 * writes (the SQLite event store, a store witness, a read-model snapshot, a PEM key), a folder,
 * `empty` (0 bytes, or only white space), `missing`, or `other`.
 */
export type FileKind = 'missing' | 'folder' | 'empty' | 'sqlite' | 'witness' | 'json' | 'snapshot' | 'pem' | 'other';

/** How each kind is named in a refusal. */
const KIND_WORDS: Record<FileKind, Bilingual> = {
  missing: say('nothing', '不存在的文件'),
  folder: say('a folder', '一个文件夹'),
  empty: say('an empty file', '一个空文件'),
  sqlite: say('a SQLite database (an event store?)', '一个 SQLite 数据库（事件库？）'),
  witness: say('a store witness', '一个事件库见证文件'),
  json: say('a JSON file that is not a store witness', '一个并非事件库见证的 JSON 文件'),
  snapshot: say('a read-model snapshot', '一个读模型快照'),
  pem: say('a PEM key (the ledger signing key?)', '一个 PEM 密钥（台账签名密钥？）'),
  other: say('a file Rectify did not write', '一个并非 Rectify 写入的文件'),
};

/** Bytes read to tell a file's kind: a witness is under 2 KB, every other kind is known by its first bytes. */
const HEAD_BYTES = 64 * 1024;

/**
 * The kind of the file at `path` (see `FileKind`), from at most its first 64 KB. The signatures:
 * SQLite's "SQLite format 3\0" header (sqlite.org/fileformat.html §1.3.1), the snapshot's
 * "RECTIFY-READ-MODELS\n" (src/event-sourcing/snapshot-file.ts), PEM's "-----BEGIN " (RFC 7468),
 * and a store witness: a JSON object with a `storeId` (src/event-store/store-witness.ts) — or the
 * start of one cut short (`{` … unparsable), which is a damaged witness, still a witness.
 */
export function fileKind(path: string): FileKind {
  let size: number;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) return 'folder';
    size = stat.size;
  } catch {
    return 'missing';
  }
  const head = Buffer.alloc(Math.min(size, HEAD_BYTES));
  try {
    const file = openSync(path, 'r');
    try {
      readSync(file, head, 0, head.length, 0);
    } finally {
      closeSync(file);
    }
  } catch {
    // Unreadable (no permission): its owner says why when it opens it.
    return 'other';
  }
  const text = head.toString('latin1');
  if (text.startsWith('SQLite format 3\0')) return 'sqlite';
  if (text.startsWith('RECTIFY-READ-MODELS\n')) return 'snapshot';
  const trimmed = text.trimStart();
  if (trimmed === '') return 'empty';
  if (trimmed.startsWith('-----BEGIN ')) return 'pem';
  if (trimmed.startsWith('{')) {
    if (size > HEAD_BYTES) return 'json';
    try {
      const parsed = JSON.parse(head.toString('utf8')) as unknown;
      return typeof parsed === 'object' && parsed !== null && 'storeId' in parsed ? 'witness' : 'json';
    } catch {
      return 'witness';
    }
  }
  return 'other';
}

/** One path setting, with the kinds of file it may name (besides none at all) and its default for the advice. */
export interface PathSetting {
  readonly setting: string;
  readonly path: string;
  /** Kinds this setting's owner reads or writes: any other kind is refused before anything opens it. */
  readonly accepts: readonly FileKind[];
  /** What the setting usually names, quoted in the advice (e.g. the default path). */
  readonly usual: string;
}

/**
 * Refusals for path settings that name something their owner must not open: a folder (breaker9b
 * N11: a raw "EISDIR" or "unable to open database file" with no variable named), a path under a
 * file, or a file of another kind — a store witness path on a database, a snapshot path on a key —
 * which the owner would later write over, or whose refusal would advise writing over it (breaker9b
 * N0: ACCEPT_STORE_RESET on a "witness" that was the database). The file is neither read further
 * nor written: the refusal names the variable, what the file is, and what the setting usually names.
 */
export function pathSettingProblems(settings: readonly PathSetting[]): Bilingual[] {
  const problems: Bilingual[] = [];
  for (const { setting, path, accepts, usual } of settings) {
    const kind = fileKind(path);
    if (kind === 'missing') {
      const blocker = nearestExisting(resolve(dirname(path)));
      if (blocker && blocker.kind !== 'folder') {
        problems.push(
          say(
            `${setting}=${path} cannot be created: ${blocker.path} is a file, not a folder. Set ${setting} to a file in a folder (e.g. ${usual}).`,
            `${setting}=${path} 无法创建：${blocker.path} 是文件而不是文件夹。请将 ${setting} 设为某个文件夹中的文件（例如 ${usual}）。`,
          ),
        );
      }
      continue;
    }
    if (kind === 'empty' || accepts.includes(kind)) continue;
    const what = KIND_WORDS[kind];
    problems.push(
      kind === 'folder'
        ? say(
            `${setting}=${path} is a folder; it must name a file in it (e.g. ${usual}).`,
            `${setting}=${path} 是一个文件夹；该项必须指向一个文件（例如 ${usual}）。`,
          )
        : say(
            `${setting}=${path} names ${what.en}, not the file this setting is for: it is neither read nor written over. Set ${setting} to its own file (e.g. ${usual}); check the other path settings too.`,
            `${setting}=${path} 指向的是${what.zh}，而不是该项所需的文件：服务既不读取它，也不会覆盖它。请将 ${setting} 设为其专用的文件（例如 ${usual}），并一并检查其他路径设置。`,
          ),
    );
  }
  return problems;
}

/** The nearest ancestor of `path` (itself included) that exists, and its kind; null when none does. */
function nearestExisting(path: string): { path: string; kind: FileKind } | null {
  for (let current = path; ; current = dirname(current)) {
    const kind = fileKind(current);
    if (kind !== 'missing') return { path: current, kind };
    if (dirname(current) === current) return null;
  }
}
