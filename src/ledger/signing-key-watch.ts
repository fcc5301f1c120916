import { statSync } from 'node:fs';
import { inBothLanguages, say, type Bilingual } from '../shared/domain-error.js';
import { keyFingerprint, publicKeyText } from './domain/checkpoint.js';
import { readSigningKey } from './ledger-signing-key.js';

/*
 * breaker49-9 M6: the signing key file deleted under a running server — /health said ready with no notice, and the loss
 * showed only at the next start (refused: the key on record is gone), maybe months later, when the one process that held
 * the key was gone too. Now noticed while the server runs, when someone can still act.
 */

/**
 * Why the key file the server signs with is not as it was at start: gone (deleted or moved), or holding another key; or
 * (breaker55-9 M5) readable or writable by others than its owner — the README makes it `chmod 600`, and whoever can read
 * the key can sign a forged ledger.
 */
export type SigningKeyNoticeCause = 'SIGNING_KEY_FILE_MISSING' | 'SIGNING_KEY_FILE_CHANGED' | 'SIGNING_KEY_FILE_OPEN_TO_OTHERS';

export interface SigningKeyNotice {
  readonly cause: SigningKeyNoticeCause;
  /** ISO-8601 instant it was first noticed. */
  readonly since: string;
  readonly message: Bilingual;
}

/** The file's identity, size and mode as `stat` gives them; null when there is no file. */
const fileStamp = (path: string): string | null => {
  try {
    const stats = statSync(path);
    return `${stats.dev}:${stats.ino}:${stats.size}:${stats.mtimeMs}:${stats.mode}`;
  } catch {
    return null;
  }
};

/**
 * breaker55-9 M5: the permission bits (e.g. 0o644) of the key file when others than its owner may read or write it (any
 * group or other bit set); null when only its owner may, when there is no file, or on Windows (no such bits).
 */
export function keyFileOpenMode(path: string, platform: NodeJS.Platform = process.platform): number | null {
  if (platform === 'win32') return null;
  try {
    const mode = statSync(path).mode & 0o777;
    return (mode & 0o077) !== 0 ? mode : null;
  } catch {
    return null;
  }
}

/** What the operator is told (the log, in both languages) of a key file others than its owner may read (`keyFileOpenMode`). */
export function keyFileOpenMessage(path: string, mode: number): Bilingual {
  const octal = mode.toString(8).padStart(3, '0');
  return say(
    `The ledger signing key file ${path} has mode ${octal}: others than its owner may read it, and whoever reads the key can sign a forged ledger that verifies. Make it readable by the server's user alone: chmod 600 ${path}. (The server runs on; nothing is refused.)`,
    `台账签名密钥文件 ${path} 的权限为 ${octal}：文件所有者以外的用户也能读取它，而读到密钥的人可以签出能通过校验的伪造台账。请使其仅能由运行服务的用户读取：chmod 600 ${path}。（服务照常运行，不拒绝任何操作。）`,
  );
}

/** The fingerprint of the key in the file at `path`; null when it holds no readable key. */
const fingerprintIn = (path: string): string | null => {
  try {
    return keyFingerprint(publicKeyText(readSigningKey(path)));
  } catch {
    return null;
  }
};

/** What the operator is told (the log, in both languages) of the key file gone or changed. */
export function signingKeyNoticeMessage(cause: SigningKeyNoticeCause, path: string, fingerprint: string): Bilingual {
  return cause === 'SIGNING_KEY_FILE_MISSING'
    ? say(
        `The ledger signing key file ${path} (key ${fingerprint}) was deleted or moved away while the server runs: this server still signs with the key it read at start, but the next start will be refused, the key on record being gone. Put the key file back at ${path} from its backup (the copy of the keys folder kept apart from the store's backups) before this server or any other is restarted.`,
        `台账签名密钥文件 ${path}（密钥 ${fingerprint}）在服务运行期间被删除或移走：本服务仍用启动时读入的密钥签署，但下次启动将因找不到记录在案的密钥而被拒绝。请在重启本服务或其他服务之前，从密钥的备份（与事件库备份分开保存的 keys 文件夹副本）把它放回 ${path}。`,
      )
    : say(
        `The ledger signing key file ${path} holds another key now than the one (${fingerprint}) this server read at start: this server still signs with that one, but the next start will be refused (SIGNING_KEY_CHANGED) unless the old key is listed in LEDGER_TRUSTED_KEYS. If the change was not a planned rotation, put the office's key file back at ${path} from its backup before any restart.`,
        `台账签名密钥文件 ${path} 中现在是另一个密钥，不是本服务启动时读入的密钥 ${fingerprint}：本服务仍用原密钥签署，但下次启动将被拒绝（SIGNING_KEY_CHANGED），除非在 LEDGER_TRUSTED_KEYS 中列出原密钥。若这不是有计划的密钥轮换，请在任何重启之前从备份把本单位的密钥文件放回 ${path}。`,
      );
}

/**
 * Watches the key file the server signs with (`path`, the key `fingerprint` read from it at start): `notices()` says,
 * while it is gone or holds another key, what the operator must do before the next start. One `stat` per call (`/health`);
 * the file read again only when its stat changed. Each new state is said once in the log (`warn`), Chinese first; a key
 * file put back as it was clears the notice, said too.
 */
export class SigningKeyFileWatch {
  private stamp: string | null;
  private notice: SigningKeyNotice | null = null;

  /** breaker55-9 M5: the notice while others than its owner may read the key file (said at start, and when it becomes so). */
  private openNotice: SigningKeyNotice | null = null;

  constructor(
    private readonly path: string,
    private readonly fingerprint: string,
    private readonly log: { warn(message: string): void },
    private readonly readFingerprint: (path: string) => string | null = fingerprintIn,
    private readonly openMode: (path: string) => number | null = keyFileOpenMode,
  ) {
    this.stamp = fileStamp(path);
    this.judgeMode();
  }

  /** Whether others than its owner may read the key file now: noticed (and warned of, once per mode) while they may. */
  private judgeMode(): void {
    const mode = this.openMode(this.path);
    if (mode === null) {
      if (this.openNotice) this.log.warn(`The ledger signing key file ${this.path} is readable by its owner alone now / 台账签名密钥文件 ${this.path} 现已仅限所有者读取`);
      this.openNotice = null;
      return;
    }
    const message = keyFileOpenMessage(this.path, mode);
    if (this.openNotice?.message.en === message.en) return;
    this.openNotice = { cause: 'SIGNING_KEY_FILE_OPEN_TO_OTHERS', since: this.openNotice?.since ?? new Date().toISOString(), message };
    this.log.warn(inBothLanguages(message));
  }

  /** The key file's state now: a notice while it is gone, holds another key, or is open to others; empty while it is as at start. */
  notices(): readonly SigningKeyNotice[] {
    const stamp = fileStamp(this.path);
    if (stamp !== this.stamp) {
      this.stamp = stamp;
      this.judgeMode();
      const cause: SigningKeyNoticeCause | null = stamp === null ? 'SIGNING_KEY_FILE_MISSING' : this.readFingerprint(this.path) === this.fingerprint ? null : 'SIGNING_KEY_FILE_CHANGED';
      if (cause !== (this.notice?.cause ?? null)) {
        this.notice = cause ? { cause, since: new Date().toISOString(), message: signingKeyNoticeMessage(cause, this.path, this.fingerprint) } : null;
        this.log.warn(this.notice ? inBothLanguages(this.notice.message) : `The ledger signing key file ${this.path} holds the key ${this.fingerprint} again / 台账签名密钥文件 ${this.path} 已放回（密钥 ${this.fingerprint}）`);
      }
    }
    return [...(this.notice ? [this.notice] : []), ...(this.openNotice ? [this.openNotice] : [])];
  }
}
