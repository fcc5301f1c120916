/**
 * Whether an error is SQLite finding the store file damaged: SQLITE_CORRUPT (and its extended codes,
 * SQLITE_CORRUPT_INDEX …) or SQLITE_NOTADB — the file is no database SQLite can read, as a file
 * written over under the running server reads (breaker9s P5). Told by its code (a better-sqlite3
 * SqliteError's `code`), never by class: modules loaded twice (Jest) carry two classes.
 */
export function isStoreDamage(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT'));
}

/**
 * Whether an error is SQLite failing to read the store's files (SQLITE_IOERR_*: "disk I/O error" — a -wal emptied under the
 * server, a failing disk) or finding them damaged (`isStoreDamage`): the store's state, never a fault of the request.
 */
export function isStoreReadFault(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return isStoreDamage(error) || (typeof code === 'string' && code.startsWith('SQLITE_IOERR'));
}
