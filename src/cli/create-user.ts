import 'reflect-metadata';
import { unreadableLabel, unreadableReasonZh } from '../shared/readable-text.js';
import { randomInt } from 'node:crypto';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { loadEnvFile, validateSettings } from '../config/app-settings.js';
import { DEFAULT_TOKEN_DAYS, mintAccessToken } from '../access/domain/access-token.js';
import { userDecider } from '../access/domain/user.decider.js';
import { UserRoles, userStream, type UserRole } from '../access/domain/user.events.js';
import { allEventSchemas } from '../event-sourcing/all-event-schemas.js';
import { ClaimRefused, ClaimTakeOvers, executeCommand, loadState, requestOf, type ClaimedValue } from '../event-sourcing/execute-command.js';
import { replayLog } from '../event-sourcing/replay-log.js';
import { UsersReadModel, loginNameClaims } from '../access/users/users.read-model.js';
import { accountIdentityClaim, activeAccountLike } from '../access/users/account-identity.js';
import { PasswordHasher } from '../access/authentication/password-hasher.js';
import { officeClock, officeDate } from '../shared/calendar-date.js';
import { isLoginName } from '../shared/graphql/validation.js';
import { openToolStore } from '../event-store/store-admission.js';
import { unitDecider } from '../organization/domain/unit.decider.js';
import { unitStream } from '../organization/domain/unit.events.js';
import { unitIdForCode } from '../organization/units/unit-id.js';
import { UnitsReadModel } from '../organization/units/units.read-model.js';
import { mergedUnitOf } from '../access/users/merged-unit.js';
import { unitLookupFrom, unitNamesOf } from '../organization/units/unit-lookup.js';
import { commandContext } from '../shared/command-context.js';
import { DomainError, ROLE_ZH, say } from '../shared/domain-error.js';
import { deterministicId, newId } from '../shared/ids.js';
import { UsageError, bothLines, runTool, type ToolUsage } from './cli-failure.js';

const USAGE: ToolUsage = {
  zh: `用法：npm run user:create -- --name <姓名> --role <${UserRoles.join('|')}> [--unit <单位代码或名称>] [--login <登录名>] [--days <有效天数，默认 ${DEFAULT_TOKEN_DAYS}>] [--again] [--new-store]
在配置的事件库（EVENT_STORE、SQLITE_PATH 等）中建立账号，最后一行打印其访问令牌。
加 --login 时同时设置登录名和随机生成的初始密码，可在网页登录（初始密码打印在标准错误输出上，只显示这一次，首次登录后须修改）。
同名、同角色、同单位的有效账号不会重复建立（例如终端卡住后重新运行了同一命令）：工具拒绝并且不写入任何内容；
确要再建一个同名账号时加 --again。SQLITE_PATH 处没有事件库时拒绝，不创建任何文件；确要新建空事件库时加 --new-store。`,
  en: `Usage: npm run user:create -- --name <name> --role <${UserRoles.join('|')}> [--unit <unit code or name>] [--login <login name>] [--days <validity, default ${DEFAULT_TOKEN_DAYS}>] [--again] [--new-store]
Creates an account in the configured event store (EVENT_STORE, SQLITE_PATH, …) and prints its access token as the last line.
--login also gives it that login name and a generated initial password, to sign in to the web app (the password is printed
on stderr, only this once, and must be changed at the first sign-in).
An active account of the same name, role and unit is not created twice (a command run again after a hung
terminal): the tool refuses and writes nothing; --again creates the second account all the same.
Where SQLITE_PATH names no store the tool refuses and creates nothing; --new-store starts a new, empty one there.`,
};

function parseOptions(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: { name: { type: 'string' }, role: { type: 'string' }, unit: { type: 'string' }, login: { type: 'string' }, days: { type: 'string' }, again: { type: 'boolean' }, 'new-store': { type: 'boolean' }, help: { type: 'boolean' } },
    strict: true,
  });
  if (values.help) throw new UsageError();
  const name = values.name?.trim();
  const role = values.role?.trim().toUpperCase();
  if (!name) throw new UsageError(say('--name is required.', '必须给出 --name（姓名）。'));
  // breaker9g P5: the name as registerUser takes it (RequiredLabel(100)): a right-to-left override,
  // a zero-width space, a name of only U+3164 or a BEL made every history line it heads read wrong.
  const unreadable = unreadableLabel(name);
  if (unreadable) throw new UsageError(say(`--name ${unreadable}; nothing was written.`, `--name（姓名）${unreadableReasonZh(unreadable)}；未写入任何内容。`));
  if ([...name].length > 100) throw new UsageError(say('--name must be at most 100 characters long.', '--name（姓名）不能超过 100 个字符。'));
  if (!role || !(UserRoles as readonly string[]).includes(role)) throw new UsageError(say(`--role must be one of ${UserRoles.join(', ')}.`, `--role（角色）必须是 ${UserRoles.join('、')} 之一。`));
  const days = values.days === undefined ? DEFAULT_TOKEN_DAYS : Number(values.days);
  if (!Number.isInteger(days) || days < 1 || days > 366) throw new UsageError(say('--days must be a whole number from 1 to 366.', '--days（有效天数）必须是 1 到 366 之间的整数。'));
  const login = values.login?.trim();
  if (login !== undefined && !isLoginName(login)) throw new UsageError(say('--login must be 2 to 50 characters without spaces.', '--login（登录名）应为 2 到 50 个字符，不能含空格。'));
  return { name, role: role as UserRole, unitCode: values.unit?.trim() || null, login: login ?? null, days, again: values.again === true, newStore: values['new-store'] === true };
}

/** Letters and digits a person reads off a terminal without mistaking one for another (no 0/O, 1/l/I). */
const PASSWORD_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

/** A first password for `--login`: 14 characters of PASSWORD_ALPHABET (about 80 bits), from node:crypto. */
function generatedPassword(): string {
  return Array.from({ length: 14 }, () => PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)]).join('');
}

/**
 * breaker9d P7: the tool has no idempotency key a person could retry with, so a second run of the
 * same command (a hung terminal, an ssh connection dropped before the token was shown) made a second
 * account with its own valid token. An active account of the same name, role and unit is refused,
 * naming it; `--again` says a second one is meant. Reads the whole log (UsersReadModel), as a tool
 * that runs beside the server must: seconds for a million events.
 * @throws DomainError CONFLICT naming the account already there; nothing is written.
 */
async function refuseSameAccount(users: UsersReadModel, account: { name: string; role: UserRole; unitId: string | null; unitCode: string | null; unitName: string | null }): Promise<void> {
  const existing = activeAccountLike(users.accounts(), account);
  if (!existing) return;
  const unit = account.unitCode ? ` of unit ${account.unitName ?? account.unitCode} (${account.unitCode})` : '';
  // The unit by its name, as the office knows it (newcomer18 S3: 「（单位 FGW）」).
  const unitZh = account.unitCode ? `（${account.unitName ?? account.unitCode}）` : '';
  throw new DomainError(
    'CONFLICT',
    say(
      `An active ${account.role} account named ${existing.name}${unit} already exists (${existing.id}, registered ${existing.registeredAt}): nothing was written. Was the same command run twice? Its token was shown only at that run; if it was lost, an administrator issues a new one with issueAccessToken (in GraphiQL, 接口调试 in the web app's menu: 用户管理 has no token button) and may deactivate the account. To create a second account of the same name all the same, run again with --again.`,
      `已有同名的有效${ROLE_ZH[account.role] ?? account.role}账号“${existing.name}”${unitZh}（登记于 ${officeDate(existing.registeredAt)}）：未写入任何内容。是否同一命令运行了两次？令牌只在那次运行时显示；若已遗失，请管理员在网页菜单“接口调试（GraphiQL）”中用 issueAccessToken 重新签发（“用户管理”页面不签发令牌），必要时停用该账号。若确要再建一个同名账号，请加 --again 重新运行。`,
    ),
  );
}

/**
 * The unit `--unit` names: by its code (FGW), else by its name as the imports read names — official,
 * former, or as offices shorten it (s16 S12, newcomer19: `--unit 市发改委` was refused 「没有代码为 市发改委
 * 的单位。」 with no word of which codes there are).
 * @throws DomainError NOT_FOUND naming the units' codes and names (the first 20), or the names it could mean.
 */
async function unitNamedBy(store: Awaited<ReturnType<typeof openToolStore>>, schemas: ReturnType<typeof allEventSchemas>, text: string): Promise<{ id: string; name: string; code: string }> {
  const byCode = await loadState(store, schemas, unitStream(unitIdForCode(text)), unitDecider);
  if (byCode.status === 'registered') return { id: unitIdForCode(text), name: byCode.name, code: text };
  const directory = (await replayLog(store, schemas, new UnitsReadModel())).list();
  const found = unitNamesOf(unitLookupFrom(directory), text);
  const unit = found.ok && !found.collective && found.units.length === 1 ? directory.find((candidate) => candidate.id === found.units[0]!.unitId) : undefined;
  if (unit) return { id: unit.id, name: unit.name, code: unit.code };
  const listed = directory.filter((candidate) => !candidate.mergedIntoUnitId).slice(0, 20);
  const more = directory.length > listed.length ? say(', …', '等') : say('', '');
  const why = found.ok ? say(`"${text}" names several units`, `“${text}”指多个单位`) : say(found.reason, found.reasonZh);
  throw new DomainError(
    'NOT_FOUND',
    listed.length === 0
      ? say(`No unit has the code or name ${text}: the directory holds no unit yet (npm run units:import).`, `没有代码或名称为“${text}”的单位：单位名录中还没有单位（请先 npm run units:import）。`)
      : say(
          `No one unit has the code or name ${text} (${why.en}). --unit takes a unit's code or its name, e.g. ${listed.map((candidate) => `${candidate.code} (${candidate.name})`).join(', ')}${more.en}.`,
          `没有代码或名称为“${text}”的单位（${why.zh}）。--unit 可用单位代码或名称，例如：${listed.map((candidate) => `${candidate.code}（${candidate.name}）`).join('、')}${more.zh}。`,
        ),
  );
}

async function main() {
  const options = parseOptions(process.argv.slice(2));
  loadEnvFile();
  const store = await openToolStore(validateSettings(process.env), { newStore: options.newStore });
  const schemas = allEventSchemas();
  try {
    let unitId: string | null = null;
    let unitName: string | null = null;
    let unitCode: string | null = null;
    if (options.unitCode) {
      const unit = await unitNamedBy(store, schemas, options.unitCode);
      ({ id: unitId, name: unitName, code: unitCode } = unit);
    }
    options.unitCode = unitCode;
    const users = await replayLog(store, schemas, new UsersReadModel());
    if (!options.again) await refuseSameAccount(users, { name: options.name, role: options.role, unitId, unitCode: options.unitCode, unitName });
    const now = new Date();
    const unitMerged = unitId ? mergedUnitOf(await replayLog(store, schemas, new UnitsReadModel()), unitId, officeDate(now)) : null;
    const context = commandContext({
      actor: { id: `cli:${userInfo().username}`, role: 'SYSTEM', unitId: null },
      commandType: 'RegisterUser',
      idempotencyKey: newId(),
      now,
    });
    const userId = deterministicId('user', context.commandId);
    // newcomer15 S9: a store made by the tools had no account anyone could sign in to the web app with.
    const password = options.login ? generatedPassword() : null;
    const passwordHash = password ? await new PasswordHasher().hash(password) : null;
    /** The login name and password with what the users read model says of the name now (taken, or looked like). */
    const initialPasswordOn = (known: UsersReadModel) =>
      options.login && passwordHash
        ? {
            loginName: options.login,
            passwordHash,
            changeRequired: true,
            loginNameTakenBy: known.userIdByLoginName(options.login) ?? null,
            loginNameLooksLike: known.loginNameLookingLike(options.login, userId),
          }
        : null;
    const { token, record } = mintAccessToken(deterministicId('token', context.commandId), now, options.days);
    const register = (claims: readonly ClaimedValue[], known: UsersReadModel) =>
      executeCommand(
        store,
        schemas,
        userStream(userId),
        userDecider,
        {
          type: 'RegisterUser',
          actor: context.actor,
          userId,
          name: options.name,
          role: options.role,
          unitId,
          unitExists: unitId !== null,
          unitMerged,
          firstToken: record,
          initialPassword: initialPasswordOn(known),
          sameAccount: null,
        },
        context,
        requestOf(context),
        claims,
      );
    const claim = accountIdentityClaim({ name: options.name, role: options.role, unitId });
    const claims: ClaimedValue[] = [...(options.login ? loginNameClaims(options.login) : []), ...(options.again ? [] : [claim])];
    const takeOvers = new ClaimTakeOvers();
    let known = users;
    // A claim another stream holds (another run or the server took it since the log was read, or an account
    // that gave it up still holds it: a login name changed since, a deactivated namesake) is judged again on
    // the log as it is now — refused in the rule's own words (the account's identity, the login name taken or
    // looked like), or taken over from that holder alone, as the server's CommandExecutor does. A few rounds.
    for (let attempt = 1; ; attempt += 1) {
      try {
        await register(takeOvers.applied(claims), known);
        break;
      } catch (error) {
        if (!(error instanceof ClaimRefused) || error.inFlight || attempt >= 5 || !takeOvers.noted(error)) throw error;
        known = await replayLog(store, schemas, new UsersReadModel());
        if (error.taken.scope === claim.scope) await refuseSameAccount(known, { name: options.name, role: options.role, unitId, unitCode: options.unitCode, unitName });
      }
    }
    // Chinese first (breaker9e P2); the token stays the last line, for scripts.
    console.log(
      bothLines(
        say(
          `Created ${options.role} user ${options.name} (${userId})${options.unitCode ? ` for unit ${options.unitCode}` : ''}${options.login ? `, login name ${options.login}` : ''}.`,
          `已创建${ROLE_ZH[options.role] ?? options.role} ${options.name}${unitName ? `，所属单位 ${unitName}` : ''}${options.login ? `，登录名 ${options.login}` : ''}。`,
        ),
      ),
    );
    if (password) {
      // On stderr: `TOKEN=$(… | tail -n 1)` keeps the token and still shows the person the password.
      console.error(
        bothLines(
          say(
            `Initial password for ${options.login} (shown only now; to be changed at the first sign-in):`,
            `登录名 ${options.login} 的初始密码（只显示这一次，首次登录后须修改）：`,
          ),
        ),
      );
      console.error(password);
    }
    console.log(
      bothLines(
        say(
          `Token valid until ${record.expiresAt}. It is shown only now; keep it secret (the last line):`,
          `令牌有效期至 ${officeClock(record.expiresAt)}（北京时间），只显示这一次，请妥善保管（最后一行）：`,
        ),
      ),
    );
    console.log(token);
  } finally {
    await store.close();
  }
}

runTool(main, USAGE);
