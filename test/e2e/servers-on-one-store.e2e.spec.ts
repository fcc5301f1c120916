import { createPrivateKey } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keyFingerprint, publicKeyText } from '../../src/ledger/domain/checkpoint.js';
import { liveServersFolderOf } from '../../src/event-store/live-servers.js';
import { evaluationInput, REGISTER_EVALUATION } from '../support/fixtures.js';
import { office, writeNewSigningKey } from '../support/office-folder.js';
import { refusalOf } from '../support/store-files.js';
import { PROCESS_TEST_CEILING_MS } from '../support/server-process.js';
import type { TestApp } from '../support/test-app.js';

/*
 * breaker9i P3: a second server on the office's store, started from another folder, followed its
 * refusals (no key here → list the old key in LEDGER_TRUSTED_KEYS; no copy beside the key → start
 * with ACCEPT_STORE_RESET), generated a key of its own and took the store over: the office's server
 * stopped with "rows … hashes computed by hand?" and could not restart with the office's key.
 * breaker9g P6 second half: two servers on one file with different STORE_COPY_NAMEs took each
 * other's head statements for another copy's, unnoticed. Servers on one file now know each other
 * (`<SQLITE_PATH>.servers/`): a start that disagrees with a live one is refused before it writes.
 */

const fingerprintOf = (keyPath: string) => keyFingerprint(publicKeyText(createPrivateKey(readFileSync(keyPath, 'utf8'))));

async function health(app: TestApp) {
  const response = await fetch(`${app.url}/health`);
  return (await response.json()) as { status: string; logPosition: string | null; problems: { cause: string }[]; notices: { cause: string; messageZh: string }[] };
}

let titles = 0;
const registerEvaluation = (app: TestApp) => app.graphql(REGISTER_EVALUATION, { input: evaluationInput({ title: `共用事件库的服务第${(titles += 1)}份评估` }) });

/** What the witness says of the store: its head and the key it names (the running server's, unless a start took the store over). */
const witnessOf = (sqlitePath: string) => {
  const { head, signingKey } = JSON.parse(readFileSync(`${sqlitePath}.witness.json`, 'utf8')) as { head: string; signingKey: string };
  return { head, signingKey };
};

describe('Servers on one store file know each other (breaker9i P3, breaker9g P6)', () => {
  it(
    'refuses a second server started from another folder (no key there) naming the running server and its key file — also with LEDGER_TRUSTED_KEYS and ACCEPT_STORE_RESET — and writes nothing',
    async () => {
      const office1 = office();
      const running = await office1.start();
      try {
        expect((await registerEvaluation(running)).errors).toBeUndefined();
        const before = { witness: witnessOf(office1.sqlitePath), logPosition: (await health(running)).logPosition };
        const elsewhere = office();
        const strayKey = join(elsewhere.root, 'keys', 'missing', 'ledger-signing-key.pem');
        const officeKey = fingerprintOf(office1.keyFile);
        const attempts: Record<string, string>[] = [
          { LEDGER_SIGNING_KEY_FILE: strayKey },
          { LEDGER_SIGNING_KEY_FILE: strayKey, LEDGER_TRUSTED_KEYS: officeKey, ACCEPT_STORE_RESET: 'true' },
        ];
        for (const settings of attempts) {
          const refusal = await refusalOf(elsewhere.start(settings, office1.sqlitePath));
          expect(refusal.reason).toBe('KEY_DIFFERS_FROM_LIVE_SERVER');
          expect(refusal.message).toContain(`signs its ledger with key ${officeKey} from ${office1.keyFile}`);
          expect(refusal.message).toContain(`set LEDGER_SIGNING_KEY_FILE=${office1.keyFile}`);
          expect(refusal.message).not.toContain('LEDGER_TRUSTED_KEYS');
          expect(refusal.messageZh).toContain(`设置 LEDGER_SIGNING_KEY_FILE=${office1.keyFile}`);
          expect(refusal.messageZh).toContain(`进程 ${process.pid}`);
          expect(refusal.messageZh).toContain('将生成新密钥');
        }
        // Nothing written: no key generated, no copy of the witness beside it, the log and its witness as they were.
        expect(() => statSync(strayKey)).toThrow();
        expect(() => statSync(join(elsewhere.root, 'keys', 'store-witnesses'))).toThrow();
        expect({ witness: witnessOf(office1.sqlitePath), logPosition: (await health(running)).logPosition }).toEqual(before);
        expect(before.witness.signingKey).toBe(officeKey);
        expect((await registerEvaluation(running)).errors).toBeUndefined();
        expect(await health(running)).toMatchObject({ status: 'ready', problems: [] });
      } finally {
        await running.close();
      }
    },
    PROCESS_TEST_CEILING_MS,
  );

  it(
    'knows the store by its real file (breaker9j P1): a second server reaching it through a symbolic link is refused naming the running server, and the office\'s server moved behind a link starts on its own witness',
    async () => {
      const office1 = office();
      const running = await office1.start();
      try {
        expect((await registerEvaluation(running)).errors).toBeUndefined();
        const elsewhere = office();
        mkdirSync(elsewhere.data, { recursive: true });
        const link = join(elsewhere.data, 'link.db');
        symlinkSync(office1.sqlitePath, link);
        // Its one refusal used to be "no witness beside link.db: accept a reset"; followed, it generated a key of its own.
        const refusal = await refusalOf(elsewhere.start({ ACCEPT_STORE_RESET: 'true' }, link));
        expect(refusal.reason).toBe('KEY_DIFFERS_FROM_LIVE_SERVER');
        expect(refusal.messageZh).toContain(`设置 LEDGER_SIGNING_KEY_FILE=${office1.keyFile}`);
        expect(existsSync(`${link}.witness.json`)).toBe(false);
        expect(existsSync(`${link}.servers`)).toBe(false);
        expect((await registerEvaluation(running)).errors).toBeUndefined();
      } finally {
        await running.close();
      }
      // The data moved to a bigger disk, a link keeping the old place: the witness and the copy beside the key are the real file's.
      const moved = join(mkdtempSync(join(tmpdir(), 'rectify-bigger-disk-')), 'rectify.db');
      symlinkSync(office1.sqlitePath, moved);
      const again = await office1.start({}, moved);
      try {
        expect(await health(again)).toMatchObject({ status: 'ready', problems: [] });
        expect((await registerEvaluation(again)).errors).toBeUndefined();
      } finally {
        await again.close();
      }
    },
    PROCESS_TEST_CEILING_MS,
  );

  it(
    'refuses a second server with another key file; once the running server stopped, its entry is gone and the old judgement (SIGNING_KEY_CHANGED) applies',
    async () => {
      const office1 = office();
      const running = await office1.start();
      const otherKey = writeNewSigningKey(join(office1.root, 'keys', 'another-key.pem'));
      try {
        const refusal = await refusalOf(office1.start({ LEDGER_SIGNING_KEY_FILE: otherKey }));
        expect(refusal.reason).toBe('KEY_DIFFERS_FROM_LIVE_SERVER');
        expect(refusal.message).toContain(`this server's key ${otherKey} is key ${fingerprintOf(otherKey)}`);
      } finally {
        await running.close();
      }
      expect(readdirSync(liveServersFolderOf(office1.sqlitePath))).toEqual([]);
      expect((await refusalOf(office1.start({ LEDGER_SIGNING_KEY_FILE: otherKey }))).reason).toBe('SIGNING_KEY_CHANGED');
    },
    PROCESS_TEST_CEILING_MS,
  );

  it(
    'refuses a second server with another STORE_COPY_NAME (or none beside a named one); with the same name both serve',
    async () => {
      const office1 = office();
      const running = await office1.start({ STORE_COPY_NAME: '正式' });
      try {
        for (const [settings, says] of [
          [{ STORE_COPY_NAME: '测试环境' }, '本服务的为“测试环境”'],
          [{}, '本服务的未设置'],
        ] as const) {
          const refusal = await refusalOf(office1.start(settings));
          expect(refusal.reason).toBe('COPY_NAME_DIFFERS_FROM_LIVE_SERVER');
          expect(refusal.messageZh).toContain('其 STORE_COPY_NAME 为“正式”');
          expect(refusal.messageZh).toContain(says);
          expect(refusal.messageZh).toContain('请设置 STORE_COPY_NAME=正式后重新启动');
          expect(refusal.message).toContain('Set STORE_COPY_NAME=正式 and start again');
        }
        const second = await office1.start({ STORE_COPY_NAME: '正式' });
        try {
          expect((await registerEvaluation(second)).errors).toBeUndefined();
          expect((await health(second)).notices).toEqual([]);
          expect((await health(running)).notices).toEqual([]);
        } finally {
          await second.close();
        }
      } finally {
        await running.close();
      }
    },
    PROCESS_TEST_CEILING_MS,
  );

  it(
    'says in /health when a live server on the file disagrees (two started at one moment), and not for an entry gone stale or copied with the data folder',
    async () => {
      const office1 = office();
      const running = await office1.start();
      try {
        const folder = liveServersFolderOf(office1.sqlitePath);
        const inode = statSync(office1.sqlitePath, { bigint: true }).ino.toString();
        const entry = (id: string, seenAt: string, storeInode: string) => ({
          version: 1,
          id,
          host: 'another-container',
          pid: 1,
          pidNamespace: 'pid:[1]',
          processStart: '100',
          storeInode,
          startedAt: seenAt,
          seenAt,
          cwd: '/opt/rectify2',
          copyName: null,
          keyFile: '/opt/rectify2/keys/ledger-signing-key.pem',
          keyFingerprint: 'ffffffffffffffff',
        });
        mkdirSync(folder, { recursive: true });
        // Gone (not written for a day and more), and one copied from another file's folder: neither is a live server on this file.
        writeFileSync(join(folder, 'another-container-1-aaaaaaaaaaaa.json'), JSON.stringify(entry('aaaaaaaaaaaa', '2026-01-01T00:00:00.000Z', inode)));
        writeFileSync(join(folder, 'another-container-1-bbbbbbbbbbbb.json'), JSON.stringify(entry('bbbbbbbbbbbb', new Date().toISOString(), `${inode}0`)));
        expect((await health(running)).notices).toEqual([]);
        expect(readdirSync(folder)).not.toContain('another-container-1-aaaaaaaaaaaa.json');
        writeFileSync(join(folder, 'another-container-1-cccccccccccc.json'), JSON.stringify(entry('cccccccccccc', new Date().toISOString(), inode)));
        // /health reads the folder at most once a second: asked until it has read it again (a ceiling, not a timing).
        let notices: { cause: string; messageZh: string }[] = [];
        for (const ceiling = Date.now() + 30_000; notices.length === 0 && Date.now() < ceiling; ) {
          notices = (await health(running)).notices;
          if (notices.length === 0) await new Promise((resolve) => setTimeout(resolve, 200));
        }
        expect(notices).toEqual([expect.objectContaining({ cause: 'SIGNING_KEYS_DIFFER', messageZh: expect.stringContaining('另一个台账签名密钥') })]);
        expect((await health(running)).status).toBe('ready');
      } finally {
        await running.close();
      }
    },
    PROCESS_TEST_CEILING_MS,
  );
});
