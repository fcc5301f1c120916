/** Stable codes a client can branch on; they become GraphQL `extensions.code`. */
export type ErrorCode = 'BAD_USER_INPUT' | 'NOT_FOUND' | 'CONFLICT' | 'FORBIDDEN' | 'UNAUTHENTICATED' | 'TOO_MANY_REQUESTS';

/**
 * A message in both languages of the product: English for scripts and logs (`message`), Chinese
 * for the people who use the office's screens (`extensions.messageZh`). Both are required: a
 * refusal without its Chinese does not compile.
 */
export interface Bilingual {
  readonly en: string;
  readonly zh: string;
}

/** `say('Unit X does not exist.', '单位 X 不存在。')` — the English first, then the Chinese. */
export const say = (en: string, zh: string): Bilingual => ({ en, zh });

/**
 * One log line of a message for the office's administrator, who reads Chinese: the Chinese first,
 * then the English (for whoever searches the log or reports it upstream). Every problem and notice
 * about the store is logged so (newcomer46-9 M3: what to do was in the log in English only, while
 * README promised both).
 */
export const inBothLanguages = (message: Bilingual): string => `${message.zh} / ${message.en}`;

/**
 * The Chinese message an error carries beside its English `message` (DomainError, a refused store,
 * an unavailable store, invalid settings …), or undefined for an error that has none.
 */
export const messageZhOf = (error: unknown): string | undefined => {
  const zh = (error as { messageZh?: unknown } | null)?.messageZh;
  return typeof zh === 'string' && zh !== '' ? zh : undefined;
};

/**
 * A name as refusals say it (`say`), with the input field it stands for: a refusal about it carries
 * `extensions.field`, so a form shows the Chinese beside that field, not above the form.
 */
export interface Named extends Bilingual {
  readonly field?: string;
}

/** `named('reportedOn', 'The report date', '报告日期')`: the input field first, then `say`'s two texts. */
export const named = (field: string, en: string, zh: string): Named => ({ en, zh, field });

/** The `details` of a refusal about `what`: its field when it names one. */
export const fieldOf = (what: Named): { field: string } | undefined => (what.field === undefined ? undefined : { field: what.field });

/**
 * A refusal the user can understand and act on. Thrown by `decide` and by handlers. `details`
 * go to the client as further GraphQL extensions (e.g. an import's `problems`, one per bad row;
 * `field`, the input field the refusal concerns).
 */
export class DomainError extends Error {
  /** The Chinese message, shown by the web app; `message` keeps the English one. */
  readonly messageZh: string;

  constructor(
    readonly code: ErrorCode,
    message: Bilingual,
    readonly details?: Readonly<Record<string, unknown>>,
  ) {
    super(message.en);
    this.messageZh = message.zh;
    this.name = 'DomainError';
  }
}

/**
 * The things a refusal may say do not exist, with their Chinese names. A new kind of thing needs
 * its Chinese name here before `notFound` accepts it.
 */
export const THINGS = {
  Unit: '单位',
  'Parent unit': '上级单位',
  User: '用户',
  Evaluation: '评估',
  Finding: '问题',
  'Work plan': '工作方案',
  'Work-plan item': '工作事项',
  Circular: '通报',
  'Rectification plan': '整改实施方案',
  'Rectification team': '整改小组',
  Part: '整改任务',
} as const satisfies Record<string, string>;
export type Thing = keyof typeof THINGS;

/** Longest id echoed back in a refusal (characters): real ids are UUIDs (36); anything longer is cut, so a refusal never repeats kilobytes sent as an id. */
const ECHOED_ID_LENGTH = 64;

/**
 * `notFound('Unit', id)`: NOT_FOUND naming the kind of thing in both languages. The English names the
 * id (an id past 64 characters cut), for scripts and logs; the Chinese does not — office staff never
 * see an id, so one in their message says nothing and looks like a fault. `field`: the input field
 * that named it, when one did.
 */
export function notFound(what: Thing, id: string, field?: string): DomainError {
  const shown = id.length > ECHOED_ID_LENGTH ? `${id.slice(0, ECHOED_ID_LENGTH)}…` : id;
  return new DomainError('NOT_FOUND', say(`${what} ${shown} does not exist.`, `找不到所指的${THINGS[what]}（可能已不存在，或链接有误）。`), field === undefined ? undefined : { field });
}

/**
 * How the Chinese names a record-time cut `knownAt` (an ISO instant): ` D` when it is the end of the office day `asOf` in China
 * (what the web app's 按当时已录入的记录 asks), else the China time to the minute — to the second when it has seconds —
 * 「北京时间 2026-12-07 02:00」: 「截至 2026-12-07」 read as the end of that day, false for 02:00 (breaker49-8 M5).
 */
function knownAtWords(asOf: string, knownAt: string): string {
  const china = new Date(Date.parse(knownAt) + 8 * 3600_000).toISOString();
  const [day, clock] = [china.slice(0, 10), china.slice(11, 23)];
  if (day === asOf && clock === '23:59:59.999') return ` ${asOf}`;
  return `北京时间 ${day} ${clock.endsWith(':00.000') ? clock.slice(0, 5) : clock.slice(0, 8)}`;
}

/**
 * NOT_FOUND for a thing that exists now but is not in the view asked for (`extensions.reason`
 * NOT_YET_RECORDED): as of the business day `time.asOf` it had not happened yet, or — with
 * `time.knownAt` (an ISO instant) — it had not been entered by then (breaker11d P2, breaker11b M4).
 * The Chinese says so instead of "可能已不存在，或链接有误": the thing is neither deleted nor a wrong link.
 */
export function notYetRecorded(what: Thing, id: string, time: { readonly asOf: string; readonly knownAt: string | null }): DomainError {
  const shown = id.length > ECHOED_ID_LENGTH ? `${id.slice(0, ECHOED_ID_LENGTH)}…` : id;
  const message = time.knownAt
    ? say(`${what} ${shown} had not been recorded by ${time.knownAt}.`, `截至${knownAtWords(time.asOf, time.knownAt)}，按当时已录入的记录，该${THINGS[what]}尚未录入（在此之后才录入系统）。`)
    : say(`${what} ${shown} did not exist yet on ${time.asOf}.`, `截至 ${time.asOf}，该${THINGS[what]}尚未登记（它的日期在此之后）。`);
  return new DomainError('NOT_FOUND', message, { reason: 'NOT_YET_RECORDED' });
}

export function badInput(en: string, zh: string, details?: Readonly<Record<string, unknown>>): DomainError {
  return new DomainError('BAD_USER_INPUT', say(en, zh), details);
}

/** The refusals `badForm` made (judged from the command alone). */
const FORM_REFUSALS = new WeakSet<DomainError>();

/**
 * BAD_USER_INPUT judged from the command alone — a required text left blank, a date that is no calendar day, a piece of
 * evidence without a title or without a link or 文号 — whatever the records hold: a command so refused is refused on any state,
 * so the refusal may be given without waiting for a write's turn (CommandExecutor, breaker56-10 S3: reports with bad evidence
 * waited 36 s behind a merge before being refused). `details` as for `badInput`.
 */
export function badForm(en: string, zh: string, details?: Readonly<Record<string, unknown>>): DomainError {
  const error = badInput(en, zh, details);
  FORM_REFUSALS.add(error);
  return error;
}

/** The error is `badForm`'s: a refusal of the command's own input, the same on any state. */
export const refusedForItsFormAlone = (error: unknown): boolean => error instanceof DomainError && FORM_REFUSALS.has(error);

/** CONFLICT; `details` as for `badInput` (e.g. `{ field }` when one input field is at fault). */
export function conflict(en: string, zh: string, details?: Readonly<Record<string, unknown>>): DomainError {
  return new DomainError('CONFLICT', say(en, zh), details);
}

export const forbidden = (en: string, zh: string) => new DomainError('FORBIDDEN', say(en, zh));

/**
 * Chinese names of the roles, as refusals name them: the very words of the web app (web/src/labels.ts
 * USER_ROLE_LABEL — 用户管理, the page header, every timeline). A unit's account is its 单位经办人, not a
 * 责任单位 (a part's role beside 牵头单位), and an INSPECTOR is a 现场督查员 (newcomer38 P6: refusals said
 * 责任单位用户 and 督查人员 while every page said otherwise).
 */
export const ROLE_ZH: Readonly<Record<string, string>> = {
  SUPERVISOR: '督办人员',
  INSPECTOR: '现场督查员',
  UNIT: '单位经办人',
  ADMIN: '系统管理员',
  SYSTEM: '系统',
};

/**
 * Who made the change a refusal names, and when: `who` the account's name (in both texts), or you / 您 for the requester's own
 * change (another window, an earlier send); `at` the instant on the office's clock (`2026-12-07 06:28`, China time).
 */
export interface ChangedBy {
  readonly who: Bilingual;
  readonly at: string;
  /** The reason that change gave (a correction's 更正理由, a re-dating's 调整理由), when it gave one. */
  readonly reason?: string;
}

/**
 * CONFLICT: what the request meant to change was changed (or done) by someone else since the form was read — a due date set
 * meanwhile (`expectedDueDate` no longer the item's), a report sent back or inspected by a colleague a moment before. Thrown by
 * `decide`, which knows the value but not the people: the write path (executeCommand) finds the newest of the stream's events
 * of `types` (about `unitId` when given) and words the refusal with its author and time (`told`), so every such race is worded
 * by one rule — 「该事项的时限刚由张伟改为 2026-12-20（北京时间 2026-12-07 06:28）：请确认后再调整」 (newcomer50-9 S4, M2). `message`
 * is the refusal without them, used when no such event is found (a store read in a test).
 */
export class ChangedMeanwhile extends DomainError {
  constructor(
    message: Bilingual,
    details: Readonly<Record<string, unknown>> | undefined,
    readonly change: {
      readonly types: readonly string[];
      readonly unitId?: string;
      /** Data fields the event must carry with these values (an extension decision: its `requestId`), when the type and unit do not single it out. */
      readonly matching?: Readonly<Record<string, string>>;
      readonly told: (by: ChangedBy) => Bilingual;
    },
  ) {
    super('CONFLICT', message, details);
  }
}

/**
 * CONFLICT for a "set a value" command whose form showed another value than the record has now (`expected`, sent by the web
 * forms; optional for scripts): `what` the value (`事项 2 的时限`), `now` its value, `types` the events that set it, `field`
 * the input field of the expected value. Worded by the write path as 「事项 2 的时限刚由张伟改为 2026-12-20（北京时间 2026-12-07
 * 06:28；表单显示的是 2026-12-31）：请确认后再调整，本次未作修改。」 (newcomer50-9 S4); nothing is changed, so the first person's
 * value is never silently replaced by a second form read before it.
 */
export function valueChangedMeanwhile(
  what: Bilingual,
  nowValue: string | Bilingual,
  expectedValue: string | Bilingual,
  change: { readonly types: readonly string[]; readonly field: string; readonly unitId?: string },
): ChangedMeanwhile {
  const now = typeof nowValue === 'string' ? say(nowValue, nowValue) : nowValue;
  const expected = typeof expectedValue === 'string' ? say(expectedValue, expectedValue) : expectedValue;
  return new ChangedMeanwhile(
    say(
      `${what.en} is ${now.en} now, not ${expected.en} as the form showed: it was changed meanwhile. Nothing was changed; check it and send again if still wanted.`,
      `${what.zh}现为 ${now.zh}，不是表单显示的 ${expected.zh}：其间已被修改。本次未作修改，请确认后再调整。`,
    ),
    { field: change.field, current: now.en, expected: expected.en },
    {
      types: change.types,
      ...(change.unitId === undefined ? {} : { unitId: change.unitId }),
      told: ({ who, at, reason }) =>
        say(
          `${what.en} was just changed to ${now.en} by ${who.en} (${at} China time${reason ? `; reason: ${reason}` : ''}; the form showed ${expected.en}). Nothing was changed; check it and send again if still wanted.`,
          `${what.zh}刚由${who.zh}改为 ${now.zh}（北京时间 ${at}${reason ? `；理由：${reason}` : ''}；表单显示的是 ${expected.zh}）：请确认后再调整，本次未作修改。`,
        ),
    },
  );
}
