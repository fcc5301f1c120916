import { createPrivateKey, generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { DEFAULT_SIGNING_KEY_PATH, InvalidSettingsError, type AppSettings } from '../config/app-settings.js';
import { say } from '../shared/domain-error.js';

type KeySettings = Pick<AppSettings, 'LEDGER_SIGNING_KEY_FILE' | 'EVENT_STORE' | 'SQLITE_PATH'>;

export { DEFAULT_SIGNING_KEY_PATH };

/** Whether `path` is `folder` or inside it. */
const isWithin = (path: string, folder: string): boolean => {
  const way = relative(folder, path);
  return way === '' || (!way.startsWith('..') && !isAbsolute(way));
};

/**
 * The database's folder (absolute) when the key folder `keyPath` is in would lie inside it — a
 * relative SQLITE_PATH such as `rectify.db` puts the database in the working folder, which holds
 * `./keys` —, else null: whoever copies, replaces or restores that folder carries the key with it.
 */
export function databaseFolderHoldingKey(settings: KeySettings, keyPath: string): string | null {
  if (settings.EVENT_STORE !== 'sqlite' || settings.SQLITE_PATH === ':memory:') return null;
  const folder = resolve(dirname(settings.SQLITE_PATH));
  return isWithin(resolve(dirname(keyPath)), folder) ? folder : null;
}

/** The default key folder lies inside the database's folder `holder`: the settings to change, in both languages. */
function keyInsideDatabaseFolder(settings: KeySettings, keyPath: string, holder: string): InvalidSettingsError {
  const keyFolder = resolve(dirname(keyPath));
  const database = resolve(settings.SQLITE_PATH);
  // The exact setting that fixes it: the same file name in a `data` folder beside the key's folder
  // (relative to the working folder when it lies in it, as the other defaults are).
  const moved = join(dirname(keyFolder), 'data', basename(database));
  const fromHere = relative(process.cwd(), moved);
  const suggested = isWithin(moved, process.cwd()) ? fromHere : moved;
  return new InvalidSettingsError([
    say(
      `SQLITE_PATH=${settings.SQLITE_PATH} keeps the database (${database}) in ${holder}, the folder that also holds the ledger signing key ${resolve(keyPath)} (in ${keyFolder}): whoever copies, replaces or restores that folder carries the key along with the data it vouches for. Give the database a folder of its own — set SQLITE_PATH=${suggested} (e.g. SQLITE_PATH=data/rectify.db) and move ${basename(database)} with its -wal and .witness.json files into ${dirname(moved)} — or set LEDGER_SIGNING_KEY_FILE to a key file outside ${holder}.`,
      `SQLITE_PATH=${settings.SQLITE_PATH} 把数据库（${database}）放在 ${holder}，而台账签名密钥 ${resolve(keyPath)}（位于 ${keyFolder}）也在该文件夹中：复制、替换或恢复该文件夹时，密钥会连同它所担保的数据一起被带走。请为数据库单独设一个文件夹——设置 SQLITE_PATH=${suggested}，并把 ${basename(database)} 及其 -wal 和 .witness.json 文件一起移到 ${dirname(moved)}——或将 LEDGER_SIGNING_KEY_FILE 设为 ${holder} 之外的密钥文件。`,
    ),
  ]);
}

/** Where earlier versions generated the key: beside the SQLite file (./data for EventStoreDB). Still read when the new place holds none. */
export function legacySigningKeyPath(settings: KeySettings): string {
  const sqliteOnDisk = settings.EVENT_STORE === 'sqlite' && settings.SQLITE_PATH !== ':memory:';
  return join(sqliteOnDisk ? dirname(settings.SQLITE_PATH) : './data', 'ledger-signing-key.pem');
}

/** Where the key is read from: LEDGER_SIGNING_KEY_FILE; else ./keys, or the old place beside the database when only it holds one. */
export function signingKeyPath(settings: KeySettings, defaultPath = DEFAULT_SIGNING_KEY_PATH): string {
  if (settings.LEDGER_SIGNING_KEY_FILE) return settings.LEDGER_SIGNING_KEY_FILE;
  if (existsSync(defaultPath)) return defaultPath;
  const legacy = legacySigningKeyPath(settings);
  return existsSync(legacy) ? legacy : defaultPath;
}

/**
 * Why the key file named by LEDGER_SIGNING_KEY_FILE cannot be read, in words an office's IT person acts on (newcomer54-9 M16:
 * a bare 「ENOENT」 said nothing and no next step): missing — put the office's key back from its backup, or on a first start
 * make one with the README's openssl line (safe: nothing is at the path); no permission; a folder; else the system's code.
 */
function unreadableKeyFile(path: string, code: string): ReturnType<typeof say> {
  if (code === 'ENOENT') {
    return say(
      `LEDGER_SIGNING_KEY_FILE: ${path} does not exist. If the office has a signing key (an earlier start made or used one), put it back there from the key's backup; on a first start, make one: openssl genpkey -algorithm ed25519 -out ${path} && chmod 600 ${path} (README, Going live) — or leave LEDGER_SIGNING_KEY_FILE unset to have one made in ./keys.`,
      `LEDGER_SIGNING_KEY_FILE：${path} 不存在。如本单位已有签名密钥（此前启动时生成或使用过），请从密钥备份把它放回该位置；如是第一次启动，可生成新密钥：openssl genpkey -algorithm ed25519 -out ${path} && chmod 600 ${path}（见 README“正式使用”）——或不设置 LEDGER_SIGNING_KEY_FILE，由系统在 ./keys 中生成。`,
    );
  }
  if (code === 'EACCES' || code === 'EPERM') return say(`LEDGER_SIGNING_KEY_FILE: no permission to read ${path}: give the user that runs Rectify read access (chmod 600, owned by that user).`, `LEDGER_SIGNING_KEY_FILE：没有读取 ${path} 的权限：请让运行 Rectify 的用户可以读取该文件（属于该用户，权限 600）。`);
  if (code === 'EISDIR') return say(`LEDGER_SIGNING_KEY_FILE: ${path} is a folder: name the key file itself.`, `LEDGER_SIGNING_KEY_FILE：${path} 是文件夹，请填写密钥文件本身的路径。`);
  return say(`LEDGER_SIGNING_KEY_FILE: cannot read ${path} (${code})`, `LEDGER_SIGNING_KEY_FILE：无法读取 ${path}（系统错误 ${code}）`);
}

/** Reads an Ed25519 private key (PKCS#8 PEM); an InvalidSettingsError names the variable and the fault. */
export function readSigningKey(path: string): KeyObject {
  let pem: string;
  try {
    pem = readFileSync(path, 'utf8');
  } catch (error) {
    throw new InvalidSettingsError([unreadableKeyFile(path, (error as NodeJS.ErrnoException).code ?? String(error))]);
  }
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch {
    throw new InvalidSettingsError([
      // Never advise `-out` onto this path: it holds something (a database, a file of the
      // operator's), and a key written over it destroys it (breaker9b N0).
      say(
        `LEDGER_SIGNING_KEY_FILE: ${path} is not a PEM private key. Point LEDGER_SIGNING_KEY_FILE at the office's key file; to make a new key, write it to a new file of its own (openssl genpkey -algorithm ed25519 -out <new file>), never over ${path}.`,
        `LEDGER_SIGNING_KEY_FILE：${path} 不是 PEM 格式的私钥。请将 LEDGER_SIGNING_KEY_FILE 指向本单位的密钥文件；如需新密钥，请写入一个新的文件（openssl genpkey -algorithm ed25519 -out <新文件>），切勿写到 ${path} 上。`,
      ),
    ]);
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    const type = key.asymmetricKeyType ?? 'unknown';
    throw new InvalidSettingsError([say(`LEDGER_SIGNING_KEY_FILE: ${path} holds an ${type} key; checkpoints are signed with Ed25519`, `LEDGER_SIGNING_KEY_FILE：${path} 中是 ${type} 密钥；校验点须用 Ed25519 密钥签署`)]);
  }
  return key;
}

/**
 * The key that signs checkpoints, checked at start. A file named by LEDGER_SIGNING_KEY_FILE must
 * exist: a missing configured key is a mistake, not a reason to sign with a new one. Without the
 * setting, the key in ./keys is used; a key only at the old place beside the database is still
 * used, and `warn` is told to move it; with neither, one is generated in ./keys (mode 0600) and
 * `warn` is told to have it backed up: a checkpoint signed with a lost key can still be checked
 * (it names its public key), but nobody can then tell the office's checkpoints from someone else's.
 * @throws InvalidSettingsError when ./keys lies inside the database's folder (a relative
 *   SQLITE_PATH such as `rectify.db`), a key there or not, naming SQLITE_PATH and LEDGER_SIGNING_KEY_FILE.
 * @throws what `refuseNewKey` returns, before anything is written, when a key would be generated.
 */
export function loadSigningKey(
  settings: KeySettings,
  /** Told what the operator must know, in English and Chinese (breaker9e P2: a tool says it Chinese first). */
  warn: (message: string, messageZh: string) => void,
  defaultPath = DEFAULT_SIGNING_KEY_PATH,
  /** Asked before a key is generated: an error to throw instead (a key on record whose file is gone), so that a refused start leaves no key file behind. */
  refuseNewKey: (path: string) => Error | null = () => null,
): KeyObject {
  const path = signingKeyPath(settings, defaultPath);
  if (settings.LEDGER_SIGNING_KEY_FILE) return readSigningKey(path);
  if (path !== defaultPath) {
    warn(
      `The ledger signing key is read from ${path}, beside the database, where earlier versions put it: whoever replaces or restores the data directory replaces or restores the key with it. ` +
        `Move it to ${defaultPath} (or set LEDGER_SIGNING_KEY_FILE), and back it up apart from the database.`,
      `台账签名密钥读自数据库旁的 ${path}（旧版本存放的位置）：替换或恢复数据文件夹的人会连同密钥一起替换或恢复。请将其移到 ${defaultPath}（或设置 LEDGER_SIGNING_KEY_FILE），并与数据库分开备份。`,
    );
    return readSigningKey(path);
  }
  // A key folder inside the database's folder travels with every copy or restore of it: refused,
  // a key there or not, before anything is generated (issue 9, relyb's item 10: it only warned).
  const holder = databaseFolderHoldingKey(settings, path);
  if (holder) throw keyInsideDatabaseFolder(settings, path, holder);
  if (existsSync(path)) return readSigningKey(path);
  const refusal = refuseNewKey(path);
  if (refusal) throw refusal;
  const { privateKey } = generateKeyPairSync('ed25519');
  mkdirSync(dirname(path), { recursive: true });
  // Written whole under another name, then linked into place: a second process (another server, a
  // CLI) starting at the same moment either links first, and this one reads theirs, or finds the
  // finished file — never a half-written one.
  const temporary = `${path}.${randomUUID()}.tmp`;
  writeFileSync(temporary, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600, flag: 'wx' });
  try {
    linkSync(temporary, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readSigningKey(path);
    throw error;
  } finally {
    unlinkSync(temporary);
  }
  warn(
    `No ledger signing key was configured: generated one at ${resolve(path)}. Back it up apart from the database, ` +
      'or set LEDGER_SIGNING_KEY_FILE to a key of your own (openssl genpkey -algorithm ed25519).',
    `未配置台账签名密钥：已在 ${resolve(path)} 生成一个。请将其与数据库分开备份，或将 LEDGER_SIGNING_KEY_FILE 设为本单位自己的密钥（openssl genpkey -algorithm ed25519）。`,
  );
  return privateKey;
}
