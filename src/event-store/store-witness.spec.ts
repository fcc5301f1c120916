import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKeyPairSync } from 'node:crypto';
import { storeResetLeftSet } from './store-reset-setting.js';
import {
  StoreRefusedError,
  WitnessNotWrittenError,
  judgeSigningKey,
  judgeStore,
  judgeUnwitnessed,
  parseWitnessedPosition,
  readWitness,
  signWitness,
  overwriteWitness,
  witnessNotWrittenMessage,
  writeWitness,
  type ObservedStore,
  type StoreWitness,
} from './store-witness.js';

/** Issue 9: a store is recognised by its id, its length and what stands at the head last seen. */
describe('Judging the store found at start against the witness', () => {
  const witness: StoreWitness = {
    storeId: 'store-1',
    kind: 'eventstoredb',
    location: 'esdb.example:2113',
    head: '1200',
    headHash: null,
    headEvent: { id: 'event-head', position: '1200/1100' },
    seenAt: '2026-11-29T08:00:00.000Z',
  };
  const found = (overrides: Partial<ObservedStore> = {}): ObservedStore => ({
    existed: true,
    identity: { storeId: 'store-1', createdAt: '2026-01-01T00:00:00.000Z' },
    head: 1500n,
    eventIdAtWitnessedHead: 'event-head',
    ...overrides,
  });

  it('refuses a store with events where no witness is, and takes one without events or with a witness', () => {
    const place = { location: './data/rectify.db', witnessPath: './data/rectify.db.witness.json' };
    const refusal = judgeUnwitnessed(null, place, 42n)!;
    expect(refusal.reason).toBe('STORE_UNWITNESSED');
    expect(refusal.message).toContain('holds events up to position 42, but there is no store witness at ./data/rectify.db.witness.json');
    expect(judgeUnwitnessed(null, place, null)).toBeNull();
    expect(judgeUnwitnessed(witness, place, 42n)).toBeNull();
  });

  it('recognises the store when the event seen at the head is still there, however much was appended since', () => {
    expect(judgeStore(witness, found())).toBeNull();
  });

  it('refuses a store with another event at the witnessed head (an older copy written to since), naming both', () => {
    const refusal = judgeStore(witness, found({ eventIdAtWitnessedHead: 'event-other' }))!;
    expect(refusal.reason).toBe('STORE_REWRITTEN');
    expect(refusal.message).toContain('at position 1200/1100 this server saw event event-head');
    expect(refusal.message).toContain('has event event-other there');
    expect(refusal.messageZh).toContain('该位置是事件 event-other');
  });

  // breaker9c P10: a copy of a data folder was refused naming the original's file (the witness's location).
  it('names the store file opened, not where the witness saw it', () => {
    const sqliteWitness = { ...witness, kind: 'sqlite' as const, location: '/srv/prod/data/rectify.db' };
    const copy = judgeStore(sqliteWitness, found({ head: 900n, location: '/srv/train/data/rectify.db' }))!;
    expect(copy.message).toContain('The event store at /srv/train/data/rectify.db ends at position 900');
    const same = judgeStore(sqliteWitness, found({ head: 900n, location: '/srv/prod/data/../data/rectify.db' }))!;
    expect(same.message).toContain('The event store at /srv/prod/data/../data/rectify.db ends at position 900');
  });

  // s16 S7, newcomer19: the Chinese quoted the witness's instants as UTC ISO text (2026-11-29T08:00:00.000Z), eight hours off the office's clock.
  it.each([
    ['STORE_MISSING', { existed: false }],
    ['STORE_EMPTY', { head: null }],
    ['STORE_REPLACED', { identity: { storeId: 'store-2', createdAt: '2026-01-01T00:00:00.000Z' } }],
    ['STORE_SHORTER', { head: 900n }],
    ['STORE_REWRITTEN', { eventIdAtWitnessedHead: 'event-other' }],
  ] as const)('says the instants of %s in Chinese on the office clock (北京时间), never as UTC ISO text', (reason, overrides) => {
    const refusal = judgeStore(witness, found(overrides as Partial<ObservedStore>))!;
    expect(refusal.reason).toBe(reason);
    expect(refusal.messageZh).toContain('北京时间 2026-11-29 16:00:00');
    expect(refusal.messageZh).not.toMatch(/\d{4}-\d\d-\d\dT\d\d:/);
  });

  // breaker45-9 M2: only store_identity.store_id edited, every event the witnessed one: "it was replaced, restore a backup" would lose later work.
  it('says a store whose id row alone changed, its log the one seen, is that — with the id to put back, never a backup to restore', () => {
    const chained = { ...witness, kind: 'sqlite' as const, location: 'data/rectify.db', headHash: 'ab'.repeat(32), headEvent: null };
    const renamed = { identity: { storeId: '00000000-0000-0000-0000-000000000000', createdAt: '2026-01-01T00:00:00.000Z' }, eventIdAtWitnessedHead: undefined, location: 'data/rectify.db' };
    const idOnly = judgeStore(chained, found({ ...renamed, hashAtWitnessedHead: 'ab'.repeat(32) }))!;
    expect(idOnly.reason).toBe('STORE_REPLACED');
    expect(idOnly.message).toContain('Only the id row was changed (by hand or by a program), not the store replaced');
    expect(idOnly.message).toContain(`sqlite3 data/rectify.db "UPDATE store_identity SET store_id = 'store-1'"`);
    expect(idOnly.messageZh).toContain('只是标识记录被改动（手工或其他程序），事件库并没有被替换——请勿用备份覆盖它');
    expect(idOnly.messageZh).not.toContain('它已被替换');
    expect(idOnly.messageZh).not.toContain('从备份恢复');
    // Another log under the other id (another chain hash at the witnessed head) is still a store put in its place.
    const other = judgeStore(chained, found({ ...renamed, hashAtWitnessedHead: 'cd'.repeat(32) }))!;
    expect(other.reason).toBe('STORE_REPLACED');
    expect(other.messageZh).toContain('它已被替换');
  });

  // newcomer45-9 M4: a missing store was told "go on with the current store" where there was none.
  it.each([
    ['STORE_MISSING', { existed: false }, '这里已没有可继续使用的事件库'],
    ['STORE_EMPTY', { head: null }, '这个事件库中没有任何记录'],
  ] as const)('says that accepting %s starts an empty ledger without the records last seen, never "go on with the current store"', (reason, overrides, there) => {
    const refusal = judgeStore(witness, found(overrides as Partial<ObservedStore>))!;
    expect(refusal.reason).toBe(reason);
    expect(refusal.messageZh).toContain(`${there}：若确认要以空台账重新开始（本服务上次看到的、至位置 1200 的全部记录都不会在其中），请以 --accept-store-reset`);
    expect(refusal.message).toContain('to start over with an empty ledger, without any of the records up to position 1200 this server last saw');
    expect(refusal.messageZh).not.toContain('使用当前这个事件库继续运行');
    expect(refusal.message).not.toContain('go on with this store');
  });

  // newcomer57-9 M4: the old place started after a move was only told to restore a backup there (a second live copy).
  it('says, for STORE_MISSING, that the store may have been moved and not to restore here, before the restore advice', () => {
    const refusal = judgeStore(witness, found({ existed: false }))!;
    const moved = refusal.messageZh.indexOf('若该事件库已迁移到别的文件夹或机器');
    const restore = refusal.messageZh.indexOf('若数据确已丢失');
    expect({ moved: moved > 0, before: moved < restore }).toEqual({ moved: true, before: true });
    expect(refusal.messageZh).toContain('请勿在此恢复备份');
    expect(refusal.messageZh).toContain('Moving to a new machine or folder');
    expect(refusal.message).toContain('do not restore a backup here');
    expect(judgeStore(witness, found({ head: 900n }))!.messageZh).not.toContain('若该事件库已迁移');
  });

  // newcomer45-9 M5: with the setting left set (and used), the refusal told the operator to set it, then to remove it.
  it.each([
    ['STORE_MISSING', { existed: false }],
    ['STORE_SHORTER', { head: 900n }],
  ] as const)('leaves its offer of the setting out of %s when the setting is on and already used, however notes were added after it', (reason, overrides) => {
    const judged = judgeStore(witness, found(overrides as Partial<ObservedStore>))!;
    const noted = new StoreRefusedError(judged.reason, { en: `${judged.message} (A note.)`, zh: `${judged.messageZh}（附注。）` }, judged.otherCopyRows, judged.resetOffers);
    const leftSet = storeResetLeftSet(noted, '2026-12-06T04:12:37.000Z');
    expect(leftSet.reason).toBe('ACCEPT_STORE_RESET_LEFT_SET');
    expect(leftSet.messageZh.match(/--accept-store-reset/g)).toHaveLength(1);
    expect(leftSet.messageZh).toContain('（附注。）已设置 ACCEPT_STORE_RESET（或给出了 --accept-store-reset），但北京时间 2026-12-06 12:12:37的启动已用过它');
    expect(leftSet.messageZh).toContain('请先停止并从备份恢复事件库');
    expect(leftSet.message.match(/--accept-store-reset/g)).toHaveLength(1);
    expect(leftSet.message).toContain(`${reason === 'STORE_MISSING' ? 'is missing' : 'ends at position 900'}`);
  });

  it('refuses a store with no event at the witnessed head', () => {
    const refusal = judgeStore(witness, found({ eventIdAtWitnessedHead: null }))!;
    expect(refusal.reason).toBe('STORE_REWRITTEN');
    expect(refusal.message).toContain('has no event there');
  });

  // breaker9b N9: hashes nulled in every row read "the store has no event there" — there was one.
  it('says an event at the witnessed head without ledger hashes is one, not that there is none', () => {
    const chained = { ...witness, kind: 'sqlite' as const, headHash: 'ab'.repeat(32), headEvent: null };
    const unhashed = judgeStore(chained, found({ hashAtWitnessedHead: null, unhashedAtWitnessedHead: true, eventIdAtWitnessedHead: undefined }))!;
    expect(unhashed.reason).toBe('STORE_REWRITTEN');
    expect(unhashed.message).toContain('has an event there that carries no ledger hashes');
    expect(unhashed.messageZh).toContain('该位置的事件没有台账哈希');
    expect(judgeStore(chained, found({ hashAtWitnessedHead: null, eventIdAtWitnessedHead: undefined }))!.message).toContain('has no event there');
  });

  it('judges a witness from before head events on id and length only', () => {
    const { headEvent: _absent, ...older } = witness;
    expect(judgeStore(older, found({ eventIdAtWitnessedHead: undefined }))).toBeNull();
    expect(judgeStore(older, found({ head: 900n }))?.reason).toBe('STORE_SHORTER');
  });

  it('reads positions back as formatPosition wrote them, and refuses a witness whose head event is not readable', () => {
    expect(parseWitnessedPosition('7')).toEqual({ commit: 7n, prepare: 7n });
    expect(parseWitnessedPosition('1200/1100')).toEqual({ commit: 1200n, prepare: 1100n });
    expect(parseWitnessedPosition('12x')).toBeNull();
    const path = join(mkdtempSync(join(tmpdir(), 'rectify-witness-')), 'witness.json');
    writeFileSync(path, JSON.stringify({ ...witness, headEvent: { id: 'event-head', position: 'end' } }));
    expect(() => readWitness(path)).toThrow(expect.objectContaining({ reason: 'STORE_WITNESS_DAMAGED' }));
    writeFileSync(path, JSON.stringify(witness));
    expect(readWitness(path)).toEqual(witness);
  });

  it('refuses a witness cut short, or holding null, with a reason in English and Chinese and the way out', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'rectify-witness-')), 'witness.json');
    for (const text of [JSON.stringify(witness).slice(0, 100), 'null', '[]', '{}']) {
      writeFileSync(path, text);
      let refusal: unknown;
      try {
        readWitness(path);
      } catch (error) {
        refusal = error;
      }
      expect(refusal).toMatchObject({ reason: 'STORE_WITNESS_DAMAGED' });
      expect((refusal as Error).message).toContain('--accept-store-reset');
      expect((refusal as { messageZh: string }).messageZh).toContain('见证文件');
    }
  });
});

describe('Judging the ledger signing key against the witness (the key file replaced or lost)', () => {
  const office = '0123456789abcdef';
  const other = 'fedcba9876543210';

  const witnessed = { fingerprint: office, source: 'witness' as const };
  const checkpointed = { fingerprint: office, source: 'checkpoint' as const, sequence: 2 };
  const keyPath = '/srv/keys/ledger-signing-key.pem';

  it('takes the same key, a first key, and a rotation declared in LEDGER_TRUSTED_KEYS', () => {
    for (const onRecord of [witnessed, checkpointed]) {
      expect(judgeSigningKey(onRecord, office, [], keyPath)).toBeNull();
      expect(judgeSigningKey(onRecord, other, [office], keyPath)).toBeNull();
      expect(judgeSigningKey(onRecord, null, [office], keyPath)).toBeNull();
    }
    expect(judgeSigningKey(undefined, other, [], keyPath)).toBeNull();
    expect(judgeSigningKey(undefined, null, [], keyPath)).toBeNull();
  });

  it('refuses another key, naming both, the file and the way out, in English and Chinese', () => {
    const refusal = judgeSigningKey(witnessed, other, [], keyPath)!;
    expect(refusal.reason).toBe('SIGNING_KEY_CHANGED');
    expect(refusal.message).toContain(`${keyPath} is key ${other}, but this server last signed checkpoints with key ${office}`);
    expect(refusal.message).toContain(`LEDGER_TRUSTED_KEYS=${office}`);
    expect(refusal.messageZh).toContain(`上次签署校验点使用的是密钥 ${office}`);
  });

  // newcomer53-9 M3: a drill of a backup from before a rotation was told 「请从备份恢复密钥」, which would break production.
  it('refuses a key the office retired as a store that predates the rotation: LEDGER_TRUSTED_KEYS on that start, the keys folder untouched', () => {
    const retired = [{ fingerprint: office, upToEvents: 321, declaredAt: '2026-12-07T08:10:00.000Z' }];
    const refusal = judgeSigningKey(witnessed, other, [], keyPath, retired)!;
    expect(refusal.reason).toBe('SIGNING_KEY_CHANGED');
    expect(refusal.messageZh).toContain(`而该密钥已在本单位的一次密钥更换中停用`);
    expect(refusal.messageZh).toContain(`请勿改动 keys 文件夹（正在使用的服务以 ${other} 签署）`);
    expect(refusal.messageZh).toContain(`LEDGER_TRUSTED_KEYS=${office} SQLITE_PATH=… npm start`);
    expect(refusal.messageZh).not.toContain('请从备份恢复密钥');
    expect(refusal.message).toContain('Do not touch the keys folder');
    // A key never retired, or no key file at all: as before.
    expect(judgeSigningKey(witnessed, other, [], keyPath, [{ ...retired[0]!, fingerprint: 'aaaaaaaaaaaaaaaa' }])!.messageZh).toContain('请从备份恢复密钥');
    expect(judgeSigningKey(witnessed, null, [], keyPath, retired)!.messageZh).toContain('请从备份恢复密钥');
    expect(judgeSigningKey(witnessed, other, [office], keyPath, retired)).toBeNull();
  });

  // breaker9 F4: a witness stripped of its fingerprint must not let a swapped key in.
  it('refuses another key where the witness names none, naming the key of the newest checkpoint', () => {
    const refusal = judgeSigningKey(checkpointed, other, [], keyPath)!;
    expect(refusal.reason).toBe('SIGNING_KEY_CHANGED');
    expect(refusal.message).toContain(`${keyPath} is key ${other}, but the store's newest checkpoint (#2) is signed by key ${office}, and the store witness names no key`);
    expect(refusal.messageZh).toContain(`事件库最新的校验点（第 2 个）由密钥 ${office} 签署`);
  });

  // breaker9 F5: judged before a key would be generated, so that a refused start leaves none.
  it('refuses a missing key file where a key is on record, saying a new key comes only once the old one is declared', () => {
    const refusal = judgeSigningKey(witnessed, null, [], keyPath)!;
    expect(refusal.reason).toBe('SIGNING_KEY_CHANGED');
    expect(refusal.message).toContain(`There is no ledger signing key at ${keyPath}, but this server last signed checkpoints with key ${office}: the key file was lost or moved`);
    expect(refusal.message).toContain('(a new key is then generated)');
    expect(refusal.messageZh).toContain(`${keyPath} 处没有台账签名密钥`);
  });

  it('reads a witness with the key, and refuses one whose key is not a fingerprint', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'rectify-witness-')), 'w.json');
    const witness = { storeId: 's', kind: 'sqlite', location: 'x', head: null, seenAt: '2026-04-01T00:00:00.000Z' };
    writeFileSync(path, JSON.stringify({ ...witness, signingKey: office }));
    expect(readWitness(path)?.signingKey).toBe(office);
    writeFileSync(path, JSON.stringify({ ...witness, signingKey: 'not a key' }));
    expect(() => readWitness(path)).toThrow(/cannot be read/);
  });

  it('reads the records accepted as stamped by a clock that was ahead, and refuses an entry that is not one (breaker9q P4)', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'rectify-witness-')), 'w.json');
    const witness = { storeId: 's', kind: 'sqlite', location: 'x', head: '7', seenAt: '2026-12-02T08:01:47.000Z' };
    const accepted = { at: '2026-12-02T08:01:47.000Z', upTo: '7', from: '6', records: 2, newestThen: '2026-12-03T08:01:12.000Z' };
    writeFileSync(path, JSON.stringify({ ...witness, clockAheadAccepted: [accepted, { ...accepted, upTo: null, from: null, records: 0 }] }));
    expect(readWitness(path)?.clockAheadAccepted).toEqual([accepted, { ...accepted, upTo: null, from: null, records: 0 }]);
    for (const broken of [{ ...accepted, upTo: 7 }, { ...accepted, at: 'yesterday' }, { ...accepted, records: -1 }]) {
      writeFileSync(path, JSON.stringify({ ...witness, clockAheadAccepted: [broken] }));
      expect(() => readWitness(path)).toThrow(/cannot be read/);
    }
    writeFileSync(path, JSON.stringify({ ...witness, clockAheadAccepted: accepted }));
    expect(() => readWitness(path)).toThrow(/cannot be read/);
  });
});

// breaker9 F15: a witness that could not be written left its temporary file and a raw Node error.
describe('Writing the witness where it cannot be written', () => {
  it('leaves no temporary file and says which file, why, and what to do, in English and Chinese', () => {
    const folder = mkdtempSync(join(tmpdir(), 'rectify-witness-'));
    // A folder where the witness file should be: the temporary file is written, the rename fails.
    const path = join(folder, 'w.json');
    mkdirSync(path);
    const failure = (() => {
      try {
        writeWitness(path, { storeId: 's', kind: 'sqlite', location: 'x', head: null, seenAt: '2026-04-01T00:00:00.000Z' });
      } catch (error) {
        return error as WitnessNotWrittenError;
      }
      throw new Error('written');
    })();
    expect(failure).toBeInstanceOf(WitnessNotWrittenError);
    expect(failure.reason).toBe('STORE_WITNESS_UNWRITABLE');
    expect(failure.message).toContain(`The store witness ${path} cannot be written (the system answered`);
    expect(failure.messageZh).toContain(`事件库见证文件 ${path} 无法写入`);
    expect(readdirSync(folder)).toEqual(['w.json']);
  });

  // breaker9i P4: the temporary file was named by process id only; two servers on one shared volume in two
  // containers (both pid 1) wrote the same temporary file, and one's rename took the other's away.
  it('writes through a temporary file of its own, whatever another process of the same pid is writing beside it', () => {
    const folder = mkdtempSync(join(tmpdir(), 'rectify-witness-'));
    const path = join(folder, 'w.json');
    // Another container's server, also pid ${process.pid} there, mid-write: its temporary file stands where ours was named.
    mkdirSync(`${path}.${process.pid}.tmp`);
    writeWitness(path, { storeId: 's', kind: 'sqlite', location: 'x', head: '3', seenAt: '2026-04-01T00:00:00.000Z' });
    expect(readWitness(path)).toMatchObject({ storeId: 's', head: '3' });
    // Its file is left alone, and ours was renamed into place.
    expect(readdirSync(folder).sort()).toEqual([`w.json`, `w.json.${process.pid}.tmp`]);
  });

  it('names a full disk as one', () => {
    expect(witnessNotWrittenMessage('/mnt/w/witness.json', 'ENOSPC')).toEqual({
      en: expect.stringContaining('The store witness /mnt/w/witness.json cannot be written (the disk holding it is full)'),
      zh: expect.stringContaining('事件库见证文件 /mnt/w/witness.json 无法写入（其所在磁盘已满）'),
    });
  });
});

describe('Writing the witness in place (before each answered append)', () => {
  it('leaves nothing of a longer older text behind, so the file reads as the new witness', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'rectify-witness-')), 'w.json');
    const witness: StoreWitness = { storeId: 's', kind: 'sqlite', location: '/srv/青川/rectify.db', head: '123456', seenAt: '2026-04-01T00:00:00.000Z' };
    const length = writeWitness(path, { ...witness, headHash: 'a'.repeat(64) });
    expect(overwriteWitness(path, { ...witness, head: '7' }, length)).toBe(length);
    expect(readWitness(path)).toEqual({ ...witness, head: '7' });
    expect(readFileSync(path).length).toBe(length);
  });

  it('says a witness deleted under the server is gone (ENOENT), to be written anew', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'rectify-witness-')), 'w.json');
    expect(() => overwriteWitness(path, { storeId: 's', kind: 'sqlite', location: 'x', head: null, seenAt: '2026-04-01T00:00:00.000Z' }, 10)).toThrow(
      expect.objectContaining({ code: 'ENOENT' }),
    );
  });
});

/** Breaker9 F16b: a witness someone without the ledger key edits (a head moved back to hide deleted events) is not believed. */
describe('A witness signed with the ledger key', () => {
  const { privateKey } = generateKeyPairSync('ed25519');
  const witness: StoreWitness = {
    storeId: 'store-1',
    kind: 'sqlite',
    location: './data/rectify.db',
    head: '235',
    headHash: 'ab'.repeat(32),
    headEvent: { id: 'event-235', position: '235' },
    checkpoint: { sequence: 2, treeSize: 235 },
    seenAt: '2026-11-30T08:00:00.000Z',
  };
  const saved = (content: unknown) => {
    const path = join(mkdtempSync(join(tmpdir(), 'rectify-witness-')), 'witness.json');
    writeFileSync(path, JSON.stringify(content));
    return path;
  };

  it('reads back as it was written, naming the key that signed it', () => {
    const signed = signWitness(witness, privateKey);
    expect(signed.signingKey).toMatch(/^[0-9a-f]{16}$/);
    expect(readWitness(saved(signed))).toEqual(signed);
  });

  it('is damaged once any field is edited, or signed by a key other than the one it names', () => {
    const signed = signWitness(witness, privateKey);
    for (const edited of [{ ...signed, head: '232' }, { ...signed, checkpoint: null }, { ...signed, signingKey: '0123456789abcdef' }]) {
      expect(() => readWitness(saved(edited))).toThrow(expect.objectContaining({ reason: 'STORE_WITNESS_DAMAGED', message: expect.stringContaining('its signature does not hold') }));
    }
  });

  it('an unsigned one (written by a tool or an older version) is still read', () => {
    expect(readWitness(saved(witness))).toEqual(witness);
  });
});
