import { jest } from '@jest/globals';
import { testSigningKeyFile } from '../support/signing-key.js';
import { Logger } from '@nestjs/common';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { SqliteEventStore } from '../../src/event-store/sqlite-event-store.js';
import { formatPosition } from '../../src/event-store/event-store.port.js';
import { unitIdForCode } from '../../src/organization/units/unit-id.js';
import { GraphqlResponse, TestApp, errorCode, freshDatabasePath, startTestApp } from '../support/test-app.js';
import { REGISTER_EVALUATION, evaluationInput } from '../support/fixtures.js';

/**
 * Who is calling, as the server decides it: only from `Authorization: Bearer <token>`, against
 * the accounts in the log — tokens from the command-line tool, from an administrator, or the
 * demo's fixed ones — and never from anything else the client claims.
 */
const CLI = join(process.cwd(), 'dist/cli/create-user.js');
const FGW = unitIdForCode('FGW');
const CZJ = unitIdForCode('CZJ');
const OPENNESS = unitIdForCode('OPENNESS');

const UNITS = `{ units { name } }`;
const USERS = `{ users(first: 200) { nodes { name role } } }`;
const UNIT_WORKLOAD = `query($unitId: ID!) { unitWorkload(unitId: $unitId) { unitId } }`;
const REGISTER_USER = `mutation($input: RegisterUserInput!) { registerUser(input: $input) { token user { id } } }`;
const ISSUE_TOKEN = `mutation($input: IssueAccessTokenInput!) { issueAccessToken(input: $input) { token expiresAt } }`;
const DEACTIVATE_USER = `mutation($input: DeactivateUserInput!) { deactivateUser(input: $input) { active deactivationReason } }`;

let keySequence = 0;
const key = (name: string) => `authentication-${name}-${(keySequence += 1)}`;

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
/** What a client could claim if the server still trusted it: to be a supervisor of another unit. */
const CLAIMED_IDENTITY = { 'x-actor-id': 'supervisor-impostor', 'x-actor-role': 'SUPERVISOR', 'x-actor-unit': CZJ };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs the operator's tool against the file, as `npm run user:create` does. */
async function createUserWithCli(sqlitePath: string, args: string[]) {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [CLI, ...args], { env: { ...process.env, SQLITE_PATH: sqlitePath, LEDGER_SIGNING_KEY_FILE: testSigningKeyFile() } });
    return { exitCode: 0, stdout, stderr, token: stdout.trim().split('\n').at(-1)! };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    return { exitCode: code, stdout, stderr, token: null };
  }
}

/** Retries every 100 ms while the token is unknown, for at most a second. */
async function withinOneSecond(request: () => Promise<GraphqlResponse>): Promise<GraphqlResponse> {
  const deadline = Date.now() + 1000;
  let response = await request();
  while (errorCode(response) === 'UNAUTHENTICATED' && Date.now() < deadline) {
    await sleep(100);
    response = await request();
  }
  return response;
}

describe('Authentication', () => {
  let app: TestApp;
  let sqlitePath: string;
  let ADMIN: Record<string, string>;

  const fileHead = async () => {
    const store = new SqliteEventStore(sqlitePath);
    try {
      return formatPosition(await store.headPosition());
    } finally {
      await store.close();
    }
  };
  const mutate = async (query: string, input: Record<string, unknown>, headers: Record<string, string>) => {
    const response = await app.graphql(query, { input }, headers);
    if (response.errors) throw new Error(`refused: ${JSON.stringify(response.errors)}`);
    return Object.values(response.data!)[0];
  };

  beforeAll(async () => {
    sqlitePath = freshDatabasePath();
    app = await startTestApp({ sqlitePath });
    ADMIN = await app.as('ADMIN');
    const registerUnit = `mutation($input: RegisterUnitInput!) { registerUnit(input: $input) { id } }`;
    for (const [code, name] of [['FGW', '市发展和改革委员会'], ['CZJ', '市财政局'], ['OPENNESS', '市政务公开办公室']]) {
      await mutate(registerUnit, { idempotencyKey: key('unit'), code, name, kind: 'DEPARTMENT' }, ADMIN);
    }
  });

  afterAll(async () => {
    await app.close();
  });

  describe('a token printed by the command-line tool', () => {
    it('works against the running server within a second', async () => {
      const created = await createUserWithCli(sqlitePath, ['--name', '张伟', '--role', 'SUPERVISOR']);
      expect(created.exitCode).toBe(0);
      // breaker9b N9, breaker9e P2: said in Chinese first, then in English; the token stays the last line.
      expect(created.stdout).toMatch(/^已创建督办人员 张伟。/);
      expect(created.stdout).toContain('Created SUPERVISOR user 张伟 (');
      expect(created.stdout).toContain('只显示这一次');
      expect(created.token).toMatch(/^rct_[\w-]{43}$/);

      const response = await withinOneSecond(() => app.graphql(UNITS, {}, bearer(created.token!)));
      expect(response.errors).toBeUndefined();
      expect(response.data!.units.map((unit: { name: string }) => unit.name)).toContain('市发展和改革委员会');
    });

    // breaker9d P7: the same command run twice (a hung terminal, an ssh drop) made two accounts, two tokens.
    it('refuses a second active account of the same name, role and unit, naming the first, unless --again', async () => {
      const before = await fileHead();
      const again = await createUserWithCli(sqlitePath, ['--name', '张伟', '--role', 'supervisor']);
      expect(again.exitCode).toBe(1);
      expect(again.stderr.split('\n')[1]).toMatch(/^Refused: An active SUPERVISOR account named 张伟 already exists \([0-9a-f-]{36}, registered .+\): nothing was written\./);
      expect(again.stderr).toContain('--again');
      expect(again.stderr.split('\n')[0]).toMatch(/^已有同名的有效督办人员账号“张伟”.*未写入任何内容/);
      expect(again.stdout).not.toMatch(/rct_/);
      // Full-width spaces around the name are the same person.
      expect((await createUserWithCli(sqlitePath, ['--name', '\u3000张伟 ', '--role', 'SUPERVISOR'])).exitCode).toBe(1);
      expect(await fileHead()).toBe(before);
      // Another role is another account; --again is a second one meant.
      expect((await createUserWithCli(sqlitePath, ['--name', '张伟', '--role', 'INSPECTOR'])).exitCode).toBe(0);
      const meant = await createUserWithCli(sqlitePath, ['--name', '张伟', '--role', 'SUPERVISOR', '--again']);
      expect(meant.exitCode).toBe(0);
      expect(meant.token).toMatch(/^rct_/);
    });

    // newcomer15 S9: the README's try store had one account, with a token and no password: its web app could not be signed into.
    it('with --login gives the account that login name and an initial password printed on stderr, to be changed at the first sign-in', async () => {
      const created = await createUserWithCli(sqlitePath, ['--name', '王芳', '--role', 'ADMIN', '--login', 'wangfang']);
      expect(created.exitCode).toBe(0);
      expect(created.stdout).toMatch(/^已创建系统管理员 王芳，登录名 wangfang。/);
      expect(created.token).toMatch(/^rct_/);
      const [zh, en, password] = created.stderr.trim().split('\n');
      expect(zh).toBe('登录名 wangfang 的初始密码（只显示这一次，首次登录后须修改）：');
      expect(en).toMatch(/^Initial password for wangfang/);
      expect(password).toMatch(/^[A-Za-z2-9]{14}$/);
      const signedIn = await withinOneSecond(() => app.graphql('mutation($input: SignInInput!) { signIn(input: $input) { mustChangePassword user { name } } }', { input: { loginName: 'wangfang', password } }, {}));
      expect(signedIn).toEqual({ data: { signIn: { mustChangePassword: true, user: { name: '王芳' } } } });
      // The login name is taken: a second account cannot have it, and nothing is written.
      const before = await fileHead();
      const taken = await createUserWithCli(sqlitePath, ['--name', '王芳二', '--role', 'ADMIN', '--login', 'WangFang']);
      expect(taken.exitCode).toBe(1);
      expect(taken.stdout).not.toMatch(/rct_/);
      expect(await fileHead()).toBe(before);
      expect((await createUserWithCli(sqlitePath, ['--name', '王芳三', '--role', 'ADMIN', '--login', 'wang fang'])).exitCode).toBe(2);
    });

    // breaker9f P4: the same command in three terminals at once made three ADMIN accounts, three tokens.
    it('creates one account when the same command runs three times at once; the others are refused as a second run is', async () => {
      const runs = await Promise.all([1, 2, 3].map(() => createUserWithCli(sqlitePath, ['--name', '赵管理', '--role', 'ADMIN'])));
      expect(runs.map((run) => run.exitCode).sort()).toEqual([0, 1, 1]);
      for (const refused of runs.filter((run) => run.exitCode !== 0)) {
        expect(refused.stderr.split('\n')[0]).toMatch(/^(已有同名的有效系统管理员账号“赵管理”|另一请求)/);
        expect(refused.stdout).not.toMatch(/rct_/);
      }
    });

    // breaker9g P5: the tool stored names registerUser refuses, and each history line they head read wrong.
    it('refuses an unreadable --name as registerUser does, Chinese first; nothing is written', async () => {
      const before = await fileHead();
      for (const name of ['王\u202e五', '王\u200b五', '\u3164', '王五\u0007']) {
        const refused = await createUserWithCli(sqlitePath, ['--name', name, '--role', 'ADMIN']);
        expect(refused.exitCode).toBe(2);
        expect(refused.stderr.split('\n')[0]).toMatch(/^--name（姓名）.+；未写入任何内容。$/);
        expect(refused.stdout).not.toMatch(/rct_/);
      }
      expect(await fileHead()).toBe(before);
    });

    // dup s16 Left 6: the account claim of 6c3521e is taken over from an account deactivated since, so
    // a person whose account was stopped can be given a new one by the same command, without --again.
    it('creates the account again once the first of that name, role and unit is deactivated; a further run is refused', async () => {
      const first = await createUserWithCli(sqlitePath, ['--name', '钱管理', '--role', 'ADMIN']);
      expect(first.exitCode).toBe(0);
      const userId = /Created ADMIN user 钱管理 \(([0-9a-f-]{36})/.exec(first.stdout)?.[1];
      expect(userId).toBeDefined();
      await withinOneSecond(() => app.graphql(UNITS, {}, bearer(first.token!)));
      await mutate(DEACTIVATE_USER, { idempotencyKey: key('deactivate'), userId, reason: '调离岗位' }, ADMIN);
      const again = await createUserWithCli(sqlitePath, ['--name', '钱管理', '--role', 'ADMIN']);
      expect(again.exitCode).toBe(0);
      expect(again.token).toMatch(/^rct_/);
      expect(again.token).not.toBe(first.token);
      expect((await createUserWithCli(sqlitePath, ['--name', '钱管理', '--role', 'ADMIN'])).exitCode).toBe(1);
    });

    it('acts for the unit named by --unit, and for no other', async () => {
      const created = await createUserWithCli(sqlitePath, ['--name', '李娜', '--role', 'unit', '--unit', 'FGW']);
      expect(created.stdout).toMatch(/for unit FGW\./);
      // newcomer15 S7: the Chinese line names the unit as people call it, and the expiry in Beijing time.
      expect(created.stdout).toMatch(/^已创建单位经办人 李娜，所属单位 市发展和改革委员会。\n/);
      expect(created.stdout).toMatch(/令牌有效期至 \d{4}-\d{2}-\d{2} \d{2}:\d{2}（北京时间）/);
      const own = await withinOneSecond(() => app.graphql(UNIT_WORKLOAD, { unitId: FGW }, bearer(created.token!)));
      expect(own.errors).toBeUndefined();
      expect(own.data!.unitWorkload.unitId).toBe(FGW);
      expect(errorCode(await app.graphql(UNIT_WORKLOAD, { unitId: CZJ }, bearer(created.token!)))).toBe('FORBIDDEN');
      // newcomer18 S3: run again, the refusal named the unit by its code and sent the admin to 用户管理 for a token it has no button for.
      const again = await createUserWithCli(sqlitePath, ['--name', '李娜', '--role', 'unit', '--unit', 'FGW']);
      expect(again.exitCode).toBe(1);
      const [zh] = again.stderr.split('\n');
      expect(zh).toMatch(/^已有同名的有效单位经办人账号“李娜”（市发展和改革委员会）（登记于 \d{4}-\d{2}-\d{2}）/);
      expect(zh).toContain('请管理员在网页菜单“接口调试（GraphiQL）”中用 issueAccessToken 重新签发');
      expect(zh).not.toMatch(/FGW|在“用户管理”中重新签发/);
      // s16 S12, newcomer19: --unit takes the unit's name too, as the imports read names.
      const byName = await createUserWithCli(sqlitePath, ['--name', '王芳', '--role', 'unit', '--unit', '市发展和改革委员会']);
      expect(byName.exitCode).toBe(0);
      expect(byName.stdout).toMatch(/^已创建单位经办人 王芳，所属单位 市发展和改革委员会。\n/);
      expect(byName.stdout).toMatch(/for unit FGW\./);
    });

    // breaker9z P3: the tool refuses a login name that looks like another account's, as the web does.
    it('refuses --login that looks like another account’s login name, naming it, and appends nothing', async () => {
      expect((await createUserWithCli(sqlitePath, ['--name', '孙悦', '--role', 'INSPECTOR', '--login', 'sunyue'])).exitCode).toBe(0);
      const before = await fileHead();
      const refused = await createUserWithCli(sqlitePath, ['--name', '孙越', '--role', 'INSPECTOR', '--login', 'sunyuе']);
      expect(refused.exitCode).toBe(1);
      expect(refused.stderr.split('\n')[0]).toMatch(/^登录名“sunyuе”与已有账号的登录名“sunyue”看起来几乎一样/);
      expect(refused.stdout).not.toMatch(/rct_/);
      expect(await fileHead()).toBe(before);
    });

    // An account whose login name was changed still holds its claim on the old one: the tool takes it over once the log
    // shows it free, as the server does (it refused 「另一请求刚刚登记了「…」」 for good), and judges look-alikes on the log as it is.
    it('gives --login a name another account gave up, and refuses one that looks like that account’s new name', async () => {
      const first = await createUserWithCli(sqlitePath, ['--name', '周欣', '--role', 'INSPECTOR', '--login', 'zhouxin']);
      expect(first.exitCode).toBe(0);
      const userId = /Created INSPECTOR user 周欣 \(([0-9a-f-]{36})/.exec(first.stdout)?.[1];
      await mutate(`mutation($input: SetInitialPasswordInput!) { setInitialPassword(input: $input) { id } }`, { idempotencyKey: key('login'), userId, loginName: 'zhouxin2', password: 'Chushi#2026' }, ADMIN);
      const taken = await createUserWithCli(sqlitePath, ['--name', '吴昊', '--role', 'INSPECTOR', '--login', 'zhouxin']);
      expect({ exitCode: taken.exitCode, stderr: taken.exitCode === 0 ? '' : taken.stderr }).toEqual({ exitCode: 0, stderr: '' });
      const lookAlike = await createUserWithCli(sqlitePath, ['--name', '郑洁', '--role', 'INSPECTOR', '--login', 'zhóuxin2']);
      expect(lookAlike.exitCode).toBe(1);
      expect(lookAlike.stderr.split('\n')[0]).toMatch(/^登录名“zhóuxin2”与已有账号的登录名“zhouxin2”看起来几乎一样/);
    });

    it.each([
      ['an unknown role', ['--name', '李娜', '--role', 'AUDITOR'], 2, '--role must be one of SUPERVISOR, INSPECTOR, UNIT, ADMIN.'],
      ['a UNIT user without --unit', ['--name', '李娜', '--role', 'UNIT'], 1, 'Refused: A UNIT user must belong to a unit.'],
      // s16 S12, newcomer19: the refusal names the codes there are (it said only 「没有代码为 市发改委 的单位。」).
      ['a unit code or name nobody has', ['--name', '李娜', '--role', 'UNIT', '--unit', 'NOPE'], 1, /^Refused: No one unit has the code or name NOPE \(.*\)\. --unit takes a unit's code or its name, e\.g\. .*FGW \(市发展和改革委员会\)/],
    ] as [string, string[], number, string | RegExp][])('refuses %s with a readable message, and appends nothing', async (_, args, exitCode, message) => {
      const before = await fileHead();
      const refused = await createUserWithCli(sqlitePath, args);
      expect(refused.exitCode).toBe(exitCode);
      // breaker9b N9, breaker9e P2: in Chinese first, then the English.
      if (typeof message === 'string') expect(refused.stderr.split('\n')[1]).toBe(message);
      else expect(refused.stderr.split('\n')[1]).toMatch(message);
      expect(refused.stderr.split('\n')[0]).toMatch(/[\u4e00-\u9fff]/);
      expect(refused.stderr).not.toMatch(/^\s+at /m);
      expect(refused.stdout).not.toMatch(/rct_/);
      expect(await fileHead()).toBe(before);
    });
  });

  describe('identity headers sent by the client', () => {
    it('do not sign anyone in: without a token the call is UNAUTHENTICATED and appends nothing', async () => {
      const before = await app.logPosition();
      const refused = await app.graphql(REGISTER_EVALUATION, { input: evaluationInput() }, CLAIMED_IDENTITY);
      expect(errorCode(refused)).toBe('UNAUTHENTICATED');
      expect(refused.errors![0]!.message).toBe('Sign in first: send "Authorization: Bearer <token>".');
      expect(await app.logPosition()).toBe(before);
    });

    it('do not raise a UNIT token to SUPERVISOR: a supervisor-only mutation is FORBIDDEN and appends nothing', async () => {
      const unit = await app.as('UNIT', FGW);
      const before = await app.logPosition();
      const refused = await app.graphql(REGISTER_EVALUATION, { input: evaluationInput() }, { ...unit, ...CLAIMED_IDENTITY });
      expect(errorCode(refused)).toBe('FORBIDDEN');
      expect(refused.errors![0]!.message).toBe('UNIT users may not use Mutation.registerEvaluation.');
      expect(await app.logPosition()).toBe(before);
    });

    it('are not recorded: the events carry the token’s user, role and unit', async () => {
      const headers = { ...(await app.as('SUPERVISOR', OPENNESS)), ...CLAIMED_IDENTITY, 'x-actor-role': 'ADMIN', 'x-correlation-id': 'rectify-2026-0401' };
      const { id } = (await mutate(REGISTER_EVALUATION, evaluationInput(), headers)) as { id: string };

      const store = new SqliteEventStore(sqlitePath);
      const events = await store.readStream(`evaluation-${id}`).finally(() => store.close());
      expect(events.map((event) => event.type)).toEqual(['EvaluationRegistered']);
      expect(events[0]!.metadata).toEqual({
        actorId: await app.userId('SUPERVISOR', OPENNESS),
        actorRole: 'SUPERVISOR',
        actorUnitId: OPENNESS,
        commandId: expect.stringMatching(/\S/),
        correlationId: 'rectify-2026-0401',
        causationId: expect.stringMatching(/\S/),
        recordedAt: app.clock.now().toISOString(),
        // What was asked, so that a retry with the same key is known to ask the same.
        requestDigest: expect.stringMatching(/^[0-9a-f]{64}$/),
        // The server process that wrote it (the store stamps it; a copy taken back is told by it), never the client's say.
        writerId: expect.stringMatching(/^[0-9a-f]{16}$/),
      });
    });
  });

  describe('a malformed Authorization header', () => {
    it.each([
      ['Basic credentials', 'Basic emhhbmd3ZWk6MTIzNDU2', 'Send your access token as "Authorization: Bearer <token>".'],
      ['Bearer alone', 'Bearer', 'Send your access token as "Authorization: Bearer <token>".'],
      ['a bearer value that is no token', 'Bearer not-a-token', 'Send your access token as "Authorization: Bearer <token>".'],
      ['a token nobody was given', `Bearer rct_${'Q'.repeat(43)}`, 'This access token is not valid. Ask an administrator for a new one.'],
    ])('is refused: %s → UNAUTHENTICATED with a readable message and no stack trace', async (_, authorization, message) => {
      const refused = await app.graphql(UNITS, {}, { authorization });
      expect(refused.data).toBeNull();
      expect(refused.errors).toEqual([{ message, locations: expect.any(Array), path: ['units'], extensions: { code: 'UNAUTHENTICATED', messageZh: expect.any(String) } }]);
    });
  });

  describe('an account’s tokens', () => {
    const registerInspector = async (name: string) => {
      const { token, user } = (await mutate(REGISTER_USER, { idempotencyKey: key('user'), name, role: 'INSPECTOR' }, ADMIN)) as { token: string; user: { id: string } };
      return { token, userId: user.id };
    };

    it('can be several: issueAccessToken gives a second token and the first keeps working', async () => {
      const { token: first, userId } = await registerInspector('王芳');
      const { token: second } = (await mutate(ISSUE_TOKEN, { idempotencyKey: key('token'), userId }, ADMIN)) as { token: string };
      expect(second).not.toBe(first);
      for (const token of [first, second]) expect((await app.graphql(UNITS, {}, bearer(token))).errors).toBeUndefined();
    });

    it('all stop at the very next request once the account is deactivated', async () => {
      const { token: first, userId } = await registerInspector('赵磊');
      const { token: second } = (await mutate(ISSUE_TOKEN, { idempotencyKey: key('token'), userId }, ADMIN)) as { token: string };
      const deactivated = await mutate(DEACTIVATE_USER, { idempotencyKey: key('deactivate'), userId, reason: '调离岗位' }, ADMIN);
      expect(deactivated).toEqual({ active: false, deactivationReason: '调离岗位' });

      for (const token of [first, second]) {
        const refused = await app.graphql(UNITS, {}, bearer(token));
        expect(errorCode(refused)).toBe('UNAUTHENTICATED');
        expect(refused.errors![0]!.message).toBe('This account has been deactivated.');
      }
      const before = await app.logPosition();
      expect(errorCode(await app.graphql(ISSUE_TOKEN, { input: { idempotencyKey: key('token'), userId } }, ADMIN))).toBe('CONFLICT');
      expect(await app.logPosition()).toBe(before);
    });

    it('stops a token that has expired', async () => {
      const { userId } = await registerInspector('周敏');
      const { token, expiresAt } = (await mutate(ISSUE_TOKEN, { idempotencyKey: key('token'), userId, validForDays: 1 }, ADMIN)) as { token: string; expiresAt: string };
      const now = app.clock.now().toISOString();
      try {
        app.clock.set(expiresAt);
        const refused = await app.graphql(UNITS, {}, bearer(token));
        expect(errorCode(refused)).toBe('UNAUTHENTICATED');
        expect(refused.errors![0]!.message).toBe(`This access token expired on ${expiresAt}. Ask an administrator for a new one.`);
      } finally {
        app.clock.set(now);
      }
    });

    it('ends a subscription already running when the account is deactivated: one last UNAUTHENTICATED, then complete', async () => {
      const { token, userId } = await registerInspector('钱进');
      const openBefore = app.subscriptionsStarted();
      const client = createClient({ url: `${app.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: bearer(token), lazy: false, retryAttempts: 0 });
      try {
        const received: unknown[] = [];
        const completed = new Promise<void>((resolve, reject) => {
          client.subscribe({ query: `subscription { dashboardUpdated { findings { total } } }` }, { next: (value) => void received.push(value), error: reject, complete: resolve });
        });
        await app.subscriptionsOpened(openBefore, completed);
        await mutate(DEACTIVATE_USER, { idempotencyKey: key('deactivate'), userId, reason: '调离岗位' }, ADMIN);
        await completed;
        expect(received).toEqual([
          expect.objectContaining({ errors: [expect.objectContaining({ extensions: { code: 'UNAUTHENTICATED', messageZh: '此账号已停用。' }, message: 'This account has been deactivated.' })] }),
        ]);
        const before = received.length;
        await mutate(REGISTER_EVALUATION, evaluationInput(), await app.as('SUPERVISOR'));
        await new Promise((resolve) => setTimeout(resolve, 150));
        expect(received).toHaveLength(before);
      } finally {
        await client.dispose();
      }
    });

    it('ends a signed-in page\'s subscription with the true reason when the session is signed out elsewhere (breaker11c N4)', async () => {
      const { userId } = await registerInspector('周末');
      const loginName = 'live-sign-out';
      const set = await app.graphql(
        `mutation($input: SetInitialPasswordInput!) { setInitialPassword(input: $input) { id } }`,
        { input: { idempotencyKey: key('initial-password'), userId, loginName, password: 'Chushi#2026' } },
        ADMIN,
      );
      expect(set.errors).toBeUndefined();
      const signedIn = await app.graphql(`mutation($input: SignInInput!) { signIn(input: $input) { token } }`, { input: { loginName, password: 'Chushi#2026' } }, {});
      const sessionToken = signedIn.data!.signIn.token as string;
      const changed = await app.graphql(
        `mutation($input: ChangePasswordInput!) { changePassword(input: $input) { mustChangePassword } }`,
        { input: { currentPassword: 'Chushi#2026', newPassword: 'Zhoumo#2026-own', idempotencyKey: key('own-password') } },
        bearer(sessionToken),
      );
      expect(changed.errors).toBeUndefined();
      const openBefore = app.subscriptionsStarted();
      const client = createClient({ url: `${app.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: bearer(sessionToken), lazy: false, retryAttempts: 0 });
      try {
        const received: unknown[] = [];
        const completed = new Promise<void>((resolve, reject) => {
          client.subscribe({ query: `subscription { dashboardUpdated { findings { total } } }` }, { next: (value) => void received.push(value), error: reject, complete: resolve });
        });
        await app.subscriptionsOpened(openBefore, completed);
        expect((await app.graphql(`mutation { signOut }`, {}, bearer(sessionToken))).data).toEqual({ signOut: true });
        await completed;
        expect(received).toEqual([
          expect.objectContaining({ errors: [expect.objectContaining({ extensions: { code: 'UNAUTHENTICATED', messageZh: '此次登录已结束，请重新登录。' }, message: 'This session has ended. Sign in again.' })] }),
        ]);
      } finally {
        await client.dispose();
      }
    });

    it('cannot start a subscription once deactivated, even on a connection opened before', async () => {
      const { token, userId } = await registerInspector('孙丽');
      const client = createClient({ url: `${app.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: bearer(token), lazy: false, retryAttempts: 0 });
      try {
        await new Promise((resolve) => client.on('connected', resolve));
        await mutate(DEACTIVATE_USER, { idempotencyKey: key('deactivate'), userId, reason: '调离岗位' }, ADMIN);
        const first = await new Promise((resolve, reject) => {
          client.subscribe({ query: `subscription { dashboardUpdated { percentClosed } }` }, { next: resolve, error: reject, complete: () => undefined });
        });
        expect(first).toMatchObject({ errors: [{ message: 'This account has been deactivated.', extensions: { code: 'UNAUTHENTICATED', messageZh: expect.any(String) } }] });
      } finally {
        await client.dispose();
      }
    });
  });

  describe('a refusal', () => {
    let warn: jest.SpiedFunction<Logger['warn']>;
    beforeEach(() => {
      warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    });
    afterEach(() => warn.mockRestore());
    const logged = () => warn.mock.calls.map(([message]) => String(message));

    it('is logged with the operation and the caller, without the token', async () => {
      const unit = await app.as('UNIT', FGW);
      expect(errorCode(await app.graphql(USERS, {}, unit))).toBe('FORBIDDEN');
      expect(logged()).toEqual([
        `Refused Query.users by ${await app.userId('UNIT', FGW)} (UNIT, unit ${FGW}) (FORBIDDEN): UNIT users may not use Query.users.`,
      ]);
      expect(logged().join('\n')).not.toContain(unit.authorization.slice('Bearer '.length));
    });

    it('is logged for an unknown token too, without the token', async () => {
      const token = `rct_${'Z'.repeat(43)}`;
      expect(errorCode(await app.graphql(UNITS, {}, bearer(token)))).toBe('UNAUTHENTICATED');
      expect(logged()).toEqual([
        'Refused Query.units by an anonymous caller (UNAUTHENTICATED): This access token is not valid. Ask an administrator for a new one.',
      ]);
      expect(logged().join('\n')).not.toContain(token);
    });

    it('names the account whose deactivated token was tried, in the log only', async () => {
      const { token, user } = (await mutate(REGISTER_USER, { idempotencyKey: key('user'), name: '吴刚', role: 'INSPECTOR' }, ADMIN)) as { token: string; user: { id: string } };
      await mutate(DEACTIVATE_USER, { idempotencyKey: key('deactivate'), userId: user.id, reason: '调离岗位' }, ADMIN);
      warn.mockClear();
      const refused = await app.graphql(UNITS, {}, bearer(token));
      expect(refused.errors).toEqual([expect.objectContaining({ message: 'This account has been deactivated.', extensions: { code: 'UNAUTHENTICATED', messageZh: expect.any(String) } })]);
      expect(logged()).toEqual([`Refused Query.units by a token of ${user.id} (UNAUTHENTICATED): This account has been deactivated.`]);
    });
  });
});

describe('The demo accounts', () => {
  const DEMO = [
    { role: 'SUPERVISOR', name: '张伟（政务公开办）', token: 'rct_demo_supervisor_qingchuan', loginName: 'supervisor' },
    { role: 'INSPECTOR', name: '王芳（督查组）', token: 'rct_demo_inspector_qingchuan', loginName: 'inspector' },
    { role: 'UNIT', name: '李娜（市发改委）', token: 'rct_demo_unit_fgw_qingchuan', loginName: 'unit-fgw' },
    { role: 'ADMIN', name: '系统管理员', token: 'rct_demo_admin_qingchuan', loginName: 'admin' },
  ];
  let app: TestApp;
  let printed: string[];

  beforeAll(async () => {
    const log = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    try {
      app = await startTestApp({ demoData: true });
      printed = log.mock.calls.map(([message]) => String(message));
    } finally {
      log.mockRestore();
    }
  });

  afterAll(async () => {
    await app.close();
  });

  it('are printed at start, one line per role with its login name and token', () => {
    const accounts = printed.find((message) => message.startsWith('Demo accounts'))!;
    expect(accounts.split('\n')).toEqual([
      'Demo accounts — sign in at http://localhost:3000/ with a login name and the password "rectify-demo", or send "Authorization: Bearer <token>":',
      ...DEMO.map(({ role, name, token, loginName }) => `  ${role.padEnd(10)} ${loginName.padEnd(11)} ${name}: ${token}`),
    ]);
  });

  it.each(DEMO)('sign in $name as $role', async ({ role, token }) => {
    const users = await app.graphql(USERS, {}, bearer(token));
    if (role === 'ADMIN') {
      expect(users.errors).toBeUndefined();
      expect(users.data!.users.nodes).toEqual(expect.arrayContaining(DEMO.map(({ name, role }) => ({ name, role }))));
    } else {
      expect(users.errors![0]!.message).toBe(`${role} users may not use Query.users.`);
    }
  });

  it('let the unit account read its own unit’s workload, and no other’s', async () => {
    const unit = bearer('rct_demo_unit_fgw_qingchuan');
    const own = await app.graphql(UNIT_WORKLOAD, { unitId: FGW }, unit);
    expect(own.errors).toBeUndefined();
    expect(own.data!.unitWorkload.unitId).toBe(FGW);
    expect(errorCode(await app.graphql(UNIT_WORKLOAD, { unitId: CZJ }, unit))).toBe('FORBIDDEN');
  });
});
