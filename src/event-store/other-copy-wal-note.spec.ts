import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { headOfDbAlone, otherCopyWalNote } from './sqlite-store-inspection.js';

/*
 * note44 issue 9 Left (breaker42-9 F6 follow-up): the note beside a STORE_FROM_OTHER_COPY refusal said the other copy's
 * records "may be" in the -wal rather than the .db, and told to move the -wal aside either way — which removes nothing when
 * they are in the .db itself. It now reads the .db alone and says which file holds them.
 */
describe('The -wal note of a refusal for another copy\'s records says which file holds them', () => {
  /** A WAL store whose .db holds positions 1..inDb and whose -wal holds the rest up to head; the writer kept open (its -wal kept). */
  const storeWith = (inDb: number, head: number) => {
    const path = join(mkdtempSync(join(tmpdir(), 'rectify-wal-note-')), 'rectify.db');
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.pragma('wal_autocheckpoint = 0');
    db.exec('CREATE TABLE events (position INTEGER PRIMARY KEY, data TEXT)');
    const insert = db.prepare('INSERT INTO events (position, data) VALUES (?, ?)');
    for (let position = 1; position <= inDb; position += 1) insert.run(position, 'x');
    db.pragma('wal_checkpoint(TRUNCATE)');
    for (let position = inDb + 1; position <= head; position += 1) insert.run(position, 'x');
    return { path, db };
  };

  it('only in the -wal: says so, with the .db\'s own end, and to move the -wal aside', () => {
    const { path, db } = storeWith(3, 5);
    try {
      expect(headOfDbAlone(path)).toBe(3);
      const note = otherCopyWalNote(path, { first: 4n, last: 5n })!;
      expect(note.zh).toContain('另一副本的记录（位置 4–5）在这个 -wal 中，不在 .db 中：单独读取 .db 只到位置 3');
      expect(note.zh).toContain(`请把 ${path}-wal 与 ${path}-shm 一起移开`);
      expect(note.en).toContain('are in that -wal, not in the .db: the .db read alone ends at position 3');
    } finally {
      db.close();
    }
  });

  it('in the .db itself (wholly, or partly with the rest in the -wal): moving the -wal is not offered as the way', () => {
    const { path, db } = storeWith(5, 6);
    try {
      const whole = otherCopyWalNote(path, { first: 4n, last: 5n })!;
      expect(whole.zh).toContain('另一副本的记录就在 .db 文件本身中（位置 4–5；单独读取 .db 到位置 5）：移开 -wal 并不能去掉它们');
      expect(whole.zh).toContain('请放回本副本自己的 .db');
      expect(whole.zh).not.toContain('一起移开');
      const part = otherCopyWalNote(path, { first: 4n, last: 6n })!;
      expect(part.zh).toContain('（位置 4–5；单独读取 .db 到位置 5），-wal 中也有（位置 6）');
      expect(part.en).toContain('(positions 4–5; the .db read alone ends at position 5), and in the -wal (positions 6)');
    } finally {
      db.close();
    }
  });

  it('without the positions (only the witness is the other copy\'s), or without a -wal: as before', () => {
    const { path, db } = storeWith(3, 5);
    try {
      expect(otherCopyWalNote(path)!.zh).toContain('另一副本的记录可能在这个 -wal 中');
    } finally {
      db.close();
    }
    expect(otherCopyWalNote(path, { first: 4n, last: 5n })).toBeNull();
  });
});
