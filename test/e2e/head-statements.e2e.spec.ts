import { expectUsersWords, operatorText } from '../support/store-refusal.js';
import { generateKeyPairSync } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evaluationInput, REGISTER_EVALUATION } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { PROCESS_TEST_CEILING_MS } from '../support/server-process.js';
import { jest } from '@jest/globals';
import { HeadStatements } from '../../src/ledger/head-statements.js';

/*
 * breaker9c P8: the newest events and a signed checkpoint deleted, and the store witness with its
 * copy beside the key put back from an older backup — both signed — started `ready` and verified
 * intact. What such a restore cannot reach is every client that was handed a signed statement of
 * the longer log: handing it back proves the rollback with the server's own signature.
 */


const WITNESS_HEAD = `query ($seen: [LedgerHeadStatementInput!]!) {
  ledgerHead(seen: $seen) {
    checks { finding message messageZh statement { position storeId copy } }
    current { body publicKey signature position storeId copy chainHash signedAt keyFingerprint }
  }
}`;

interface Statement {
  body: string;
  publicKey: string;
  signature: string;
  position: string;
}

/** As a browser does it: no sign-in needed. */
const witness = async (app: TestApp, seen: Statement[] = []) => {
  const response = await app.graphql(WITNESS_HEAD, { seen: seen.map(({ body, publicKey, signature }) => ({ body, publicKey, signature })) }, {});
  expect(response.errors).toBeUndefined();
  return response.data!.ledgerHead as { checks: { finding: string; message: string; messageZh: string }[]; current: Statement | null };
};
const register = (app: TestApp, title: string) => app.graphql(REGISTER_EVALUATION, { input: evaluationInput({ title }) });
const health = async (app: TestApp) => (await fetch(`${app.url}/health`)).json() as Promise<{ status: string; problems: { cause: string }[] }>;

/** An office's working folder: ./keys with its own key (and the witness copies), ./data with the store. */
function office() {
  const root = mkdtempSync(join(tmpdir(), 'rectify-heads-'));
  const keys = join(root, 'keys');
  mkdirSync(keys);
  const keyFile = join(keys, 'ledger-signing-key.pem');
  writeFileSync(keyFile, generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
  const data = join(root, 'data');
  const start = (settings: Record<string, string> = {}) => startTestApp({ sqlitePath: join(data, 'rectify.db'), settings: { LEDGER_SIGNING_KEY_FILE: keyFile, ...settings } });
  /** Both witnesses (the data folder's and the copy beside the key) and the store, as a backup takes them. */
  const backUp = () => {
    const backup = join(root, `backup-${Date.now()}-${Math.random()}`);
    cpSync(data, join(backup, 'data'), { recursive: true });
    cpSync(join(keys, 'store-witnesses'), join(backup, 'store-witnesses'), { recursive: true });
    return () => {
      rmSync(data, { recursive: true });
      cpSync(join(backup, 'data'), data, { recursive: true });
      rmSync(join(keys, 'store-witnesses'), { recursive: true });
      cpSync(join(backup, 'store-witnesses'), join(keys, 'store-witnesses'), { recursive: true });
    };
  };
  return { root, start, backUp };
}

describe('Signed ledger head statements handed back by clients', () => {
  it('prove a store put back older together with both signed witnesses: writes refused, /health degraded, verifyLedger not intact; an accepted reset only tells the client', async () => {
    const { start, backUp } = office();
    let app = await start();
    expect((await register(app, '备份之前')).errors).toBeUndefined();
    const before = (await witness(app)).current!;
    await app.close();
    const restoreOlder = backUp();

    app = await start();
    for (const title of ['备份之后一', '备份之后二', '备份之后三']) expect((await register(app, title)).errors).toBeUndefined();
    const { checks, current: newest } = await witness(app, [before]);
    expect(checks.map(({ finding }) => finding)).toEqual(['CURRENT']);
    expect(Number(newest!.position)).toBeGreaterThan(Number(before.position));
    await app.close();

    restoreOlder();
    // What breaker9c found: the start itself cannot tell (both witnesses are genuine, only older).
    app = await start();
    try {
      const admin = await app.as('ADMIN');
      const supervisor = await app.as('SUPERVISOR');
      expect((await health(app)).status).toBe('ready');
      const handedBack = await witness(app, [before, newest!]);
      expect(handedBack.checks.map(({ finding }) => finding)).toEqual(['CURRENT', 'LOG_ROLLED_BACK']);
      expect(handedBack.checks[1]!.message).toContain(`signed that the ledger reached position ${newest!.position}`);
      expect(handedBack.checks[1]!.messageZh).toContain('其后的事件已被删除');
      // A log the server cannot vouch for is not signed for.
      expect(handedBack.current).toBeNull();

      const refused = await app.graphql(REGISTER_EVALUATION, { input: evaluationInput({ title: '回退之后' }) }, supervisor);
      expectUsersWords(refused, 'LOG_ROLLED_BACK');
      expect((await operatorText(app, admin, 'LOG_ROLLED_BACK')).zh).toContain(`已到达位置 ${newest!.position}`);
      const report = await health(app);
      expect(report.status).toBe('degraded');
      expect(report.problems.map(({ cause }) => cause)).toContain('LOG_ROLLED_BACK');
      const verified = (await app.graphql('{ verifyLedger { ok firstMismatch { kind missingUpTo message } } }', {}, admin)).data!.verifyLedger;
      expect(verified).toMatchObject({ ok: false, firstMismatch: { kind: 'LOG_TRUNCATED', missingUpTo: newest!.position } });
      expect(verified.firstMismatch.message).toContain('handed back by a client');
    } finally {
      await app.close();
    }

    // Written to again before any client came back: the statement proves the history rewritten.
    app = await start();
    try {
      await app.as('SUPERVISOR');
      for (let n = 0; Number(await app.logPosition()) < Number(newest!.position); n += 1) expect((await register(app, `回退后补录${n}`)).errors).toBeUndefined();
      expect((await witness(app, [newest!])).checks[0]!.finding).toBe('LOG_REWRITTEN');
    } finally {
      await app.close();
    }

    // The operator accepts the store as it is: from then on the statement only tells its holder what was lost.
    restoreOlder();
    for (const [round, settings] of ([{ ACCEPT_STORE_RESET: 'true' }, {}] as Record<string, string>[]).entries()) {
      app = await start(settings);
      try {
        const accepted = await witness(app, [newest!]);
        expect(accepted.checks[0]!.finding).toBe('LOST_IN_ACCEPTED_RESET');
        expect(accepted.checks[0]!.messageZh).toContain('需重新录入');
        expect(accepted.current).not.toBeNull();
        expect((await register(app, `接受之后（第${round + 1}次启动）`)).errors).toBeUndefined();
        expect((await health(app)).status).toBe('ready');
      } finally {
        await app.close();
      }
    }
  }, PROCESS_TEST_CEILING_MS);

  // breaker9d P1: a training copy made from production's folders (same store id, same key) answers
  // ledgerHead to anyone; its statement of a longer head, handed to production anonymously, stopped
  // production's writes as LOG_ROLLED_BACK, and an accepted reset then told users to re-enter records
  // that were never production's.
  it('conclude nothing from a statement a copy of the store signed: production keeps writing, and its own statements still count', async () => {
    const { root, start } = office();
    const base = await start();
    expect((await register(base, '基础')).errors).toBeUndefined();
    await base.close();
    const trainingRoot = join(mkdtempSync(join(tmpdir(), 'rectify-heads-training-')), 'office');
    cpSync(root, trainingRoot, { recursive: true });
    const training = await startTestApp({ sqlitePath: join(trainingRoot, 'data', 'rectify.db'), settings: { LEDGER_SIGNING_KEY_FILE: join(trainingRoot, 'keys', 'ledger-signing-key.pem') } });
    const production = await start();
    try {
      for (const title of ['培训一', '培训二', '培训三']) expect((await register(training, title)).errors).toBeUndefined();
      const trainingStatement = (await witness(training)).current!;
      expect((await register(production, '正式一')).errors).toBeUndefined();
      const productionStatement = (await witness(production)).current!;
      expect(productionStatement).toMatchObject({ storeId: (trainingStatement as Statement & { storeId: string }).storeId });
      expect((productionStatement as Statement & { copy: string }).copy).not.toBe((trainingStatement as Statement & { copy: string }).copy);
      expect(BigInt(trainingStatement.position)).toBeGreaterThan(BigInt(productionStatement.position));

      const checks = (await witness(production, [trainingStatement, productionStatement])).checks;
      expect(checks.map(({ finding }) => finding)).toEqual(['OTHER_COPY', 'CURRENT']);
      expect(checks[0]!.messageZh).toContain('另一个副本');
      expect((await health(production)).status).toBe('ready');
      expect((await register(production, '正式二')).errors).toBeUndefined();
      const verified = await production.graphql(`{ verifyLedger { ok } }`, {}, await production.as('ADMIN'));
      expect(verified.data!.verifyLedger.ok).toBe(true);
    } finally {
      await training.close();
      await production.close();
    }
  }, PROCESS_TEST_CEILING_MS);

  // breaker9e P3: copies were told apart by the SQLite file's absolute path, and every container
  // of the image keeps its store at /app/data/rectify.db: a staging copy made from production's
  // folders, at production's path, signed statements production took for its own, and one of a
  // longer head stopped production's writes. A copy is named by STORE_COPY_NAME.
  it('conclude nothing from a statement a copy signed at the very same absolute path under a name of its own (STORE_COPY_NAME)', async () => {
    const { root, start } = office();
    const base = await start();
    expect((await register(base, '同路径基础')).errors).toBeUndefined();
    await base.close();
    // The staging copy is made from production's folders and started where production runs (as every container's /app/data).
    const productionFolders = `${root}.production`;
    renameSync(root, productionFolders);
    cpSync(productionFolders, root, { recursive: true });
    const staging = await start({ STORE_COPY_NAME: '测试环境' });
    let stagingStatement: Statement;
    try {
      for (const title of ['同路径培训一', '同路径培训二', '同路径培训三']) expect((await register(staging, title)).errors).toBeUndefined();
      stagingStatement = (await witness(staging)).current!;
    } finally {
      await staging.close();
    }
    renameSync(root, `${root}.staging`);
    renameSync(productionFolders, root);

    const production = await start();
    try {
      expect((await register(production, '同路径正式一')).errors).toBeUndefined();
      const own = (await witness(production)).current!;
      expect(BigInt(stagingStatement.position)).toBeGreaterThan(BigInt(own.position));
      const checks = (await witness(production, [stagingStatement, own])).checks;
      expect(checks.map(({ finding }) => finding)).toEqual(['OTHER_COPY', 'CURRENT']);
      expect((await health(production)).status).toBe('ready');
      expect((await register(production, '同路径正式二')).errors).toBeUndefined();
    } finally {
      await production.close();
    }
    // Named too, production still proves its own rollback with its own statements (the name is kept from start to start).
    const named = await start({ STORE_COPY_NAME: '正式环境' });
    try {
      const first = (await witness(named)).current!;
      expect((await witness(named, [first, stagingStatement])).checks.map(({ finding }) => finding)).toEqual(['CURRENT', 'OTHER_COPY']);
    } finally {
      await named.close();
    }
  }, PROCESS_TEST_CEILING_MS);

  // breaker9g P6: an unnamed copy was named by the SQLite file's path as given, so two servers on one
  // file reached by two paths (a symlinked folder) took each other's statements for another copy's
  // (OTHER_COPY, nothing concluded): behind a balancer the clients' statements were never checked.
  it('take a statement of another server on the same file reached through a symlink as their own', async () => {
    const { root, start } = office();
    const direct = await start();
    const linked = join(`${root}-link`);
    symlinkSync(root, linked, 'dir');
    const throughLink = await startTestApp({ sqlitePath: join(linked, 'data', 'rectify.db'), settings: { LEDGER_SIGNING_KEY_FILE: join(root, 'keys', 'ledger-signing-key.pem') } });
    try {
      expect((await register(direct, '符号链接路径一')).errors).toBeUndefined();
      const statement = (await witness(direct)).current!;
      const checks = (await witness(throughLink, [statement])).checks;
      expect(checks.map(({ finding }) => finding)).toEqual(['CURRENT']);
      expect((await witness(direct, [(await witness(throughLink)).current!])).checks.map(({ finding }) => finding)).toEqual(['CURRENT']);
    } finally {
      await throughLink.close();
      await direct.close();
    }
  }, PROCESS_TEST_CEILING_MS);

  it('conclude nothing from a statement that was altered', async () => {
    const { start } = office();
    const app = await start();
    try {
      expect((await register(app, '一')).errors).toBeUndefined();
      const statement = (await witness(app)).current!;
      const moved = { ...statement, body: statement.body.replace(`position ${statement.position}`, 'position 999999') };
      expect((await witness(app, [moved])).checks[0]!.finding).toBe('NOT_VALID');
      expect((await health(app)).status).toBe('ready');
      expect((await register(app, '二')).errors).toBeUndefined();
    } finally {
      await app.close();
    }
  }, PROCESS_TEST_CEILING_MS);

  it('answer 480 aliases of the public ledgerHead with one look at the head, and refuse aliases that each hand back statements to check past the budget (breaker12f P13)', async () => {
    const { start } = office();
    const app = await start();
    try {
      expect((await register(app, '别名')).errors).toBeUndefined();
      const statement = (await witness(app)).current!;
      const served = jest.spyOn(app.app.get(HeadStatements), 'current');
      // No sign-in, as the breaker sent it: 480 aliases held the server 2 s a request.
      const aliased = await app.graphql(`{ ${Array.from({ length: 480 }, (_, i) => `h${i}: ledgerHead { __typename }`).join(' ')} }`, {}, {});
      expect(aliased.errors).toBeUndefined();
      expect(Object.keys(aliased.data!)).toHaveLength(480);
      expect(served).toHaveBeenCalledTimes(1);
      const positions = await app.graphql(`{ ${Array.from({ length: 200 }, (_, i) => `h${i}: ledgerHead { current { position } }`).join(' ')} }`, {}, {});
      expect(new Set(Object.values(positions.data!).map((head) => (head as { current: { position: string } }).current.position))).toEqual(new Set([statement.position]));
      expect(served).toHaveBeenCalledTimes(2);
      served.mockRestore();

      // Each alias handing back 8 statements of its own may check 8 signatures: priced so (SIGNATURE_CHECK_COST), 80 of them refused before any runs.
      const variables = Object.fromEntries(Array.from({ length: 80 }, (_, i) => [`s${i}`, Array.from({ length: 8 }, (_, j) => ({ body: `${i}-${j}`, publicKey: statement.publicKey, signature: 'c2lnbmF0dXJl' }))]));
      const definitions = Object.keys(variables).map((name) => `$${name}: [LedgerHeadStatementInput!]!`).join(', ');
      const checks = await app.graphql(`query(${definitions}) { ${Object.keys(variables).map((name) => `${name}: ledgerHead(seen: $${name}) { checks { finding } }`).join(' ')} }`, variables, {});
      expect(checks.errors?.[0]?.extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', reason: 'QUERY_TOO_COSTLY', messageZh: expect.stringMatching(/^查询一次要的数据太多/) });
    } finally {
      await app.close();
    }
  }, PROCESS_TEST_CEILING_MS);
});
