import { InvalidSettingsError, validateSettings } from '../config/app-settings.js';
import { diskFullOf, sqliteFileOf } from '../event-store/disk-full.js';
import { DomainError, messageZhOf, say, type Bilingual } from '../shared/domain-error.js';

/*
 * What every command-line tool prints and how it exits (breaker9e P2, newcomer14 S6): Chinese
 * first, then the same in English, on every path — a result, a refusal, a failure the tool did not
 * foresee (a damaged database file, a folder it may not write), a mistyped option. Exit status: 0
 * done, 1 refused or failed, 2 usage (a mistyped or missing option included).
 */

/** A command-line tool's own refusal (a file that is not there), with its Chinese words. */
export class ToolRefusal extends Error {
  readonly messageZh: string;
  constructor(message: Bilingual) {
    super(message.en);
    this.messageZh = message.zh;
    this.name = 'ToolRefusal';
  }
}

/** The command line was not one the tool takes (exit status 2), or `--help` (no message, exit status 0). */
export class UsageError extends Error {
  readonly messageZh: string;
  constructor(message: Bilingual | null = null) {
    super(message?.en ?? '');
    this.messageZh = message?.zh ?? '';
    this.name = 'UsageError';
  }
}

/** A tool's usage text: what an office reads first, then the English. */
export interface ToolUsage {
  readonly zh: string;
  readonly en: string;
}

/** A line for the terminal: the Chinese, then the English on the next line (one line when both are one text). */
export const bothLines = (line: Bilingual): string => (line.zh === line.en || line.en === '' ? line.zh : line.zh === '' ? line.en : `${line.zh}\n${line.en}`);

/** The option a `node:util` parseArgs error names (`'--bogus'`), or null. */
const optionNamed = (message: string): string | null => /'([^']+)'/.exec(message)?.[1]?.replace(/ <value>$/, '') ?? null;

/**
 * A `node:util` parseArgs refusal (an unknown option, an option without its value, a word the tool
 * takes no word for) as the usage error it is, in both languages; null for any other error.
 */
export function usageErrorOf(error: unknown): UsageError | null {
  if (error instanceof UsageError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !code.startsWith('ERR_PARSE_ARGS_')) return null;
  const message = (error as Error).message;
  const option = optionNamed(message) ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return new UsageError(say(`Unknown option ${option}.`, `没有 ${option} 这个选项（请核对拼写，见下面的用法）。`));
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && /argument is ambiguous/.test(message)) {
    // `--opt -x`: a value starting with a dash is read as another option (breaker50-10 M1: 「不带取值」 said of an option that takes one).
    return new UsageError(say(`Option ${option} needs a value; one starting with a dash is written ${option}=-…`, `选项 ${option} 后面须给出取值；取值以“-”开头时请写成 ${option}=-…。`));
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    return new UsageError(say(`Option ${option} ${/argument missing/.test(message) ? 'needs a value' : 'takes no value'}.`, /argument missing/.test(message) ? `选项 ${option} 后面须给出取值。` : `选项 ${option} 不带取值。`));
  }
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return new UsageError(say(`Unexpected argument ${option}: this tool takes no such word.`, `多余的参数 ${option}：本工具不接受这样的参数。`));
  return new UsageError(say(message, `命令行参数有误：${message}`));
}

/** What SQLite's result codes mean to an operator, in Chinese (better-sqlite3's SqliteError `code`). */
const SQLITE_ZH: Record<string, string> = {
  SQLITE_NOTADB: '该文件不是 SQLite 数据库，或文件头已损坏（不是 Rectify 的事件库，或已被截断、覆盖）。请确认 SQLITE_PATH / --db 指向的文件，并从备份恢复后运行台账校验。',
  SQLITE_CORRUPT: '数据库文件已损坏（SQLite 报告数据库映像格式错误）。请从备份恢复，并运行台账校验。',
  SQLITE_CANTOPEN: '无法打开数据库文件：文件或其所在文件夹不存在，或没有访问权限。',
  SQLITE_READONLY: '数据库文件只读，无法写入：请检查文件及其所在文件夹的权限。',
  SQLITE_PERM: '没有访问数据库文件的权限。',
  SQLITE_BUSY: '数据库正被另一进程锁定（例如正在写入的服务）：请稍后重试。',
  SQLITE_LOCKED: '数据库正被锁定：请稍后重试。',
  SQLITE_FULL: '磁盘已满，无法写入数据库：请腾出空间后重试。',
  SQLITE_IOERR: '读写数据库文件时发生输入输出错误（磁盘或文件系统故障）。',
};

/** What the operating system's error codes mean, in Chinese (Node's `code` on fs errors). */
const ERRNO_ZH: Record<string, string> = {
  ENOENT: '文件或文件夹不存在。',
  EACCES: '没有访问权限。',
  EPERM: '操作不被允许（权限不足）。',
  EISDIR: '给出的是文件夹，不是文件。',
  ENOTDIR: '路径中有一段不是文件夹。',
  ENOSPC: '磁盘已满。',
  EROFS: '文件系统只读。',
  EEXIST: '文件已存在。',
};

/**
 * The Chinese of an error that carries none: a SQLite or file-system code the tool met, or — for
 * anything else — a sentence saying the tool stopped and that the English line below says why.
 */
export function chineseOfFailure(error: unknown, otherwise = '工具未能完成；原因见下一行（英文原文）。'): string {
  const own = messageZhOf(error);
  if (own) return own;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') {
    const sqlite = SQLITE_ZH[code] ?? (code.startsWith('SQLITE_IOERR') ? SQLITE_ZH.SQLITE_IOERR : code.startsWith('SQLITE_CORRUPT') ? SQLITE_ZH.SQLITE_CORRUPT : undefined);
    if (sqlite) return sqlite;
    const path = (error as { path?: unknown }).path;
    if (ERRNO_ZH[code]) return `${typeof path === 'string' ? `${path}：` : ''}${ERRNO_ZH[code]}`;
  }
  return otherwise;
}

/** The SQLite file the tools' settings name (SQLITE_PATH), null when they name none or are invalid. */
function configuredStoreFile(): string | null {
  try {
    return sqliteFileOf(validateSettings(process.env));
  } catch {
    return null;
  }
}

/**
 * What a command-line tool prints when it stops on an error: the Chinese first, then `Refused: …`
 * for a rule the input broke (DomainError) or `Failed: …` otherwise (a ToolRefusal included, as before). Every error has
 * Chinese words: its own, or `chineseOfFailure`'s. A full disk under the store — SQLITE_FULL, ENOSPC, or
 * SQLite's I/O error with (almost) no room left in the store's folder — is named DISK_FULL (breaker9h P3).
 * @param storeFile the SQLite file the tool worked on; default SQLITE_PATH as the tools read it.
 * @param inToolWords how the tool says the Chinese (the import tools name their options where the API's words name the page's fields).
 */
export function failureText(thrown: unknown, storeFile: string | null = configuredStoreFile(), inToolWords: (zh: string) => string = (zh) => zh): string {
  // breaker55-9 M4: settings a tool stopped on are said as the tool's, not 「服务未启动」 (no server was starting).
  const said = thrown instanceof InvalidSettingsError ? thrown.forTool() : thrown;
  const error = diskFullOf(said, storeFile) ?? said;
  const english = error instanceof DomainError ? `Refused: ${error.message}` : `Failed: ${error instanceof Error ? error.message : String(error)}`;
  return `${inToolWords(chineseOfFailure(error))}\n${english}`;
}

/** The usage text, Chinese first. */
export const usageText = (usage: ToolUsage): string => `${usage.zh}\n\n${usage.en}`;

/**
 * Prints a usage error (with the usage) or `--help` and returns the exit status (2, or 0 for
 * `--help`); null when the error is not about the command line.
 */
export function reportUsage(error: unknown, usage: ToolUsage): number | null {
  const usageError = usageErrorOf(error);
  if (!usageError) return null;
  if (!usageError.message) {
    console.log(usageText(usage));
    return 0;
  }
  console.error(`${bothLines(say(usageError.message, usageError.messageZh))}\n\n${usageText(usage)}`);
  return 2;
}

/**
 * Runs a tool's main and exits with its status: the status main returns (or 0), 2 for a usage
 * error, 1 for anything else — each printed Chinese first.
 */
export function runTool(main: () => Promise<number | void>, usage: ToolUsage): void {
  main().then(
    (status) => process.exit(status ?? 0),
    (error: unknown) => {
      const usageStatus = reportUsage(error, usage);
      if (usageStatus !== null) process.exit(usageStatus);
      console.error(failureText(error));
      process.exit(1);
    },
  );
}
