import { say } from '../shared/domain-error.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from './sqlite-event-store.js';
import { witnessNotWrittenMessage } from './store-witness.js';
import { StoreHealth, acceptStoreResetNotice, heldCopyLogLine, runningInContainer, sameNameNotice, storeGoneMessage, unnamedCopyNotice } from './store-health.js';

/** The Chinese of a store problem is for office staff: it never carries English from below (issue 9). */
describe('What the store health tells people in Chinese', () => {
  let directory: string;
  let store: SqliteEventStore;
  let health: StoreHealth;
  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'rectify-health-'));
    store = new SqliteEventStore(join(directory, 'events.db'));
    health = new StoreHealth(store);
  });
  afterEach(async () => {
    await store.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('says the read models stopped on which event and why in both languages (breaker9 F10), and what the operator does', () => {
    health.projectionsFailed(
      say(
        'event e-1 (UnitRenamed) at position 234 cannot be read: its data does not have the shape of UnitRenamed: data/name must be string',
        '位置 234 的事件（UnitRenamed）无法读取：其数据不符合 UnitRenamed 的格式：data/name 的类型不对（应为 string）',
      ),
    );
    const refusal = health.writeRefusal()!;
    expect(refusal.message).toContain('event e-1 (UnitRenamed) at position 234 cannot be read');
    expect(refusal.message).toMatch(/Run npm run ledger:verify .* restore the store from a backup .* restart the server/);
    expect(refusal.messageZh).toContain('读模型已停止跟进事件日志（位置 234 的事件（UnitRenamed）无法读取：其数据不符合 UnitRenamed 的格式：data/name 的类型不对（应为 string））');
    expect(refusal.messageZh).toMatch(/台账校验.*从备份恢复事件库.*重启服务/);
  });

  // newcomer46-9 M8: the README says free at least 1 MB; the refusals said only 「腾出空间」.
  it('says how much to free on a full disk, as the README does (1 MB) — the write refusal and the witness that cannot be written', () => {
    const refusal = health.noteWriteFailure(Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' }))!;
    expect(refusal.messageZh).toContain('腾出至少 1 MB 空间');
    expect(refusal.message).toContain('at least 1 MB');
    const witness = witnessNotWrittenMessage(join(directory, 'events.db.witness.json'), 'ENOSPC');
    expect(witness.zh).toContain('腾出至少 1 MB 空间');
    expect(witness.en).toContain('at least 1 MB');
  });

  it('says a write failed without the SQLite error code in the Chinese', () => {
    const refusal = health.noteWriteFailure(Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR_WRITE' }))!;
    expect(refusal.message).toContain('SQLITE_IOERR_WRITE');
    expect(refusal.messageZh).toBe('事件库写入失败：本次操作未记录，重启服务之前不再写入。请管理员检查服务器磁盘（具体原因见服务器日志），处理后重启服务。');
  });

  it('keeps refusing after a write failed until a restart, as its words say — even when a write that was already under way succeeds (breaker9x P6)', async () => {
    const failure = Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR_WRITE' });
    await expect(health.guardWrite(() => Promise.reject(failure))).rejects.toMatchObject({ problem: { cause: 'WRITE_FAILED' } });
    // A write sent before the failure was noted, answered after it: it does not clear an I/O error of unknown cause.
    health.noteWriteSuccess();
    expect(health.writeRefusal()?.problem.cause).toBe('WRITE_FAILED');
    await expect(health.guardWrite(() => Promise.resolve('written'))).rejects.toMatchObject({ problem: { cause: 'WRITE_FAILED' } });
    expect(health.writeRefusal()!.message).toContain('writes stay refused until the server is restarted');
  });

  it('says a file it may not write is not writable, naming the store — never "check the disk" (breaker9q P1)', () => {
    const refusal = health.noteWriteFailure(Object.assign(new Error('attempt to write a readonly database'), { code: 'SQLITE_READONLY' }))!;
    expect(refusal.problem.cause).toBe('STORE_READ_ONLY');
    expect(refusal.messageZh).toContain(`事件库 ${store.path} 不可写（SQLITE_READONLY）`);
    expect(refusal.messageZh).toContain('请勿从备份恢复');
    expect(refusal.messageZh).not.toContain('磁盘');
  });

  it('says a file moved or unlinked under the server (SQLITE_READONLY_DBMOVED) is gone, never "read-only, do not restore"', () => {
    const refusal = health.noteWriteFailure(Object.assign(new Error('attempt to write a readonly database'), { code: 'SQLITE_READONLY_DBMOVED' }))!;
    expect(['STORE_FILE_REPLACED', 'STORE_FILE_MISSING']).toContain(refusal.problem.cause);
    expect(refusal.messageZh).not.toContain('请勿从备份恢复');
  });

  it('says the log went back under the server naming the file, with how it was noticed in the English only', () => {
    health.logWentBackwards('42');
    const refusal = health.writeRefusal()!;
    expect(refusal.problem.cause).toBe('LOG_SHORTENED');
    expect(refusal.message).toContain('an append landed at position 42');
    expect(refusal.messageZh).toBe(
      `运行中事件库 ${store.path} 的日志变短了：文件末尾的事件被删除，或被旧副本覆盖。为免新事件占用被删事件的位置，现拒绝写入。请停止服务，从备份恢复事件库并进行台账校验；除非明确接受，服务不会在变短的日志上启动。`,
    );
  });
});

// breaker9 F19: ACCEPT_STORE_RESET left set silently accepted every later loss.
describe('ACCEPT_STORE_RESET at start', () => {
  const since = '2026-11-30T08:00:00.000Z';

  it('says nothing when it is off', () => {
    expect(acceptStoreResetNotice(false, null, since)).toBeNull();
  });

  it('says, when it was not needed, that there was nothing to accept and that it must be removed', () => {
    const notice = acceptStoreResetNotice(true, null, since)!;
    expect(notice.cause).toBe('ACCEPT_STORE_RESET_LEFT_SET');
    expect(notice.message.en).toContain('there was nothing to accept at start');
    expect(notice.message.en).toContain('Remove it (and --accept-store-reset)');
    expect(notice.message.zh).toContain('启动时无需接受');
    expect(notice.message.zh).toContain('。请移除该设置');
  });

  it('says, when it overrode a refusal, what it took and that it must be removed now', () => {
    const notice = acceptStoreResetNotice(true, { en: 'The event store at x ends at position 3, before position 5.', zh: '事件库止于位置 3。' }, since)!;
    expect(notice.cause).toBe('STORE_RESET_ACCEPTED');
    expect(notice.message.en).toContain('ends at position 3, before position 5.) Remove ACCEPT_STORE_RESET');
    expect(notice.message.zh).toContain('请立即移除 ACCEPT_STORE_RESET');
  });
});

// breaker9e P3: every container of the image keeps its store at /app/data/rectify.db, so an unnamed
// copy's head statements cannot tell production from a staging copy made from its folders.
describe('A copy of the store served from a container without a name', () => {
  const since = '2026-11-30T10:00:00.000Z';

  it('is told to the operator in both languages, naming STORE_COPY_NAME and the shared path', () => {
    const notice = unnamedCopyNotice('/app/data/rectify.db', null, true, since)!;
    expect(notice).toMatchObject({ cause: 'STORE_COPY_UNNAMED', since });
    expect(notice.message.en).toContain('STORE_COPY_NAME');
    expect(notice.message.en).toContain('/app/data/rectify.db');
    expect(notice.message.zh).toContain('请为每个副本设置各自的名称');
  });

  it('is not told when the copy has a name, outside a container, or where no statements are signed', () => {
    expect(unnamedCopyNotice('/app/data/rectify.db', '正式', true, since)).toBeNull();
    expect(unnamedCopyNotice('/srv/rectify/data/rectify.db', null, false, since)).toBeNull();
    expect(unnamedCopyNotice(null, null, true, since)).toBeNull();
  });

  it('knows a container by Docker, Podman, Kubernetes or systemd-nspawn marks', () => {
    const none = () => false;
    expect(runningInContainer({}, none)).toBe(false);
    expect(runningInContainer({}, (path) => path === '/.dockerenv')).toBe(true);
    expect(runningInContainer({}, (path) => path === '/run/.containerenv')).toBe(true);
    expect(runningInContainer({ KUBERNETES_SERVICE_HOST: '10.0.0.1' }, none)).toBe(true);
    expect(runningInContainer({ container: 'systemd-nspawn' }, none)).toBe(true);
  });
});

describe('A -wal emptied under the running server (breaker42-9 F7)', () => {
  const path = '/srv/rectify/data/rectify.db';
  const copy = `${path}.rescued-x.db`;

  it('says, when no copy holds every acknowledged event, that the rest are only in the running server and how to save them before stopping it', () => {
    for (const reach of [{ kind: 'none' as const }, { kind: 'part' as const, upTo: 3, head: 7 }]) {
      const message = storeGoneMessage('log cut', path, copy, undefined, null, reach);
      expect(message.en).toContain("now only in this running server's read models: before stopping it, save what they show");
      expect(message.en).toContain('GET /export/ledger.xlsx');
      expect(message.zh).toContain('现在只保存在运行中的本服务的读模型里：停止服务之前，请先导出其内容');
    }
  });

  it('says nothing of it when the copy holds every event', () => {
    const message = storeGoneMessage('log cut', path, copy, undefined, null, { kind: 'whole', head: 7 });
    expect(message.en).not.toContain('read models');
    expect(message.zh).toContain('事件 1–7');
  });
});

// newcomer50-9 S3: a rescue copy removed because it held no event (quick_check clean) was logged 「Copied … (PRAGMA quick_check ok)」,
// while every refusal said 「未能…得到…完好副本（原因见服务器日志）」 — the log gave no reason, and said the opposite.
describe('The log line on the copy of what the server holds', () => {
  const path = '/srv/rectify/rectify.db';
  const copy = `${path}.rescued-2026-12-06T21-55-43-304Z.db`;

  it('says a copy removed for holding no event was removed, and why — never that it was copied', () => {
    const line = heldCopyLogLine(path, copy, { problems: [], removed: true, rowByRow: { upTo: null, head: 3456, stopped: 'position 1: database disk image is malformed', tablesCut: [] } });
    expect(line.level).toBe('error');
    expect(line.text).not.toContain('Copied');
    expect(line.text).not.toContain('quick_check ok');
    expect(line.text).toContain(`the copy at ${copy} was removed (no event of the 3456 this server holds could be copied row by row (stopped: position 1: database disk image is malformed))`);
    expect(line.text).toContain(`keep ${copy}-old-wal`);
  });

  it('names the quick_check problems of a removed copy, the error of a failed one, and the reach of a kept one', () => {
    expect(heldCopyLogLine(path, copy, { problems: ['row 7 missing from index'], removed: true }).text).toContain('PRAGMA quick_check: row 7 missing from index');
    expect(heldCopyLogLine(path, copy, { error: 'ENOSPC' }, 'acknowledged')).toEqual({ level: 'error', text: `Could not copy what this server acknowledged of ${path} to ${copy}: ENOSPC` });
    expect(heldCopyLogLine(path, copy, { problems: [], removed: false, rowByRow: { upTo: 294, head: 294, stopped: null, tablesCut: [] } })).toEqual({
      level: 'warn',
      text: `Copied what this server holds of ${path} to ${copy} row by row, events 1–294 of 294, each checked against the ledger chain (PRAGMA quick_check ok)`,
    });
    expect(heldCopyLogLine(path, copy, { problems: [], removed: false }).text).toBe(`Copied what this server holds of ${path} to ${copy} (PRAGMA quick_check ok)`);
  });
});

// breaker51-9 M1: two drills both started with STORE_COPY_NAME=演练 (the README's line) were told one took its name from .env
// and to rename the one that is not 演练 — to 演练.
describe('sameNameNotice: two copies under one name', () => {
  const since = '2026-12-07T01:30:00.000Z';
  const drill = [{ location: '/tmp/drill-bk2/rectify.db', seenAt: '2026-12-07T01:10:00.000Z', behind: false }];

  it('between two drills named on their command lines: says nothing of .env and suggests a name not in use', () => {
    const notice = sameNameNotice('演练', drill, since, false)!;
    expect(notice.cause).toBe('STORE_COPY_NAME_SHARED');
    expect(notice.message.zh).toContain('两个副本同用一个名称，都是在启动命令中设置的（项目文件夹的 .env 没有设置它）');
    expect(notice.message.zh).toContain('（例如 STORE_COPY_NAME=演练2，或带日期的 STORE_COPY_NAME=演练-2026-12-07）');
    expect(notice.message.zh).not.toContain('沿用了');
    expect(notice.message.zh).not.toContain('STORE_COPY_NAME=演练）');
    expect(notice.message.en).toContain('e.g. STORE_COPY_NAME=演练2, or one with the date, STORE_COPY_NAME=演练-2026-12-07');
  });

  it('a name the project’s .env sets: the copy that inherited it is told to take another, never the shared one', () => {
    const notice = sameNameNotice('正式', drill, since, true)!;
    expect(notice.message.zh).toContain('这是项目文件夹 .env 中设置的名称');
    expect(notice.message.zh).toContain('请在启动命令中为不是“正式”的那个副本另设名称（例如 STORE_COPY_NAME=演练）后重启它');
    expect(sameNameNotice('演练', drill, since, true)!.message.zh).toContain('（例如 STORE_COPY_NAME=演练2）');
  });

  it('a place moved from (behind) suggests a name other than the shared one too', () => {
    expect(sameNameNotice('演练', [{ ...drill[0]!, behind: true }], since, false)!.message.zh).toContain('（例如 STORE_COPY_NAME=演练2）后重启');
  });
});
