import type { ValidationError } from 'class-validator';
import type { GraphQLFormattedError } from 'graphql';
import { DomainError, say } from '../domain-error.js';

/*
 * Chinese for the errors Rectify does not word itself: class-validator's input checks, and
 * graphql-js / Apollo refusals of a request that does not fit the schema. Domain refusals carry
 * their own Chinese (`DomainError.messageZh`); whatever reaches the client without one gets it
 * here, so that every error has `extensions.messageZh`.
 */

/** One input field's refusal, as `extensions.fieldErrors` lists them for forms. */
export interface FieldError {
  /** Property path inside the operation's `input` argument: `summary`, `evidence.0.url`. */
  readonly field: string;
  readonly message: string;
  /** Chinese, without the field's name: the app shows it beside the field. */
  readonly messageZh: string;
}

/** The limit a constraint's English message states (`at least one item` counts as 1). */
const number = (message: string, pattern: RegExp) => {
  const found = pattern.exec(message)?.[1] ?? '';
  return found === 'one' ? '1' : found;
};

/** Chinese for the reason `unreadableText` / `unreadableLabel` gave (English), most specific first. */
function readableTextZh(message: string): string {
  if (/surrogate/.test(message)) return '含有残缺的字符（孤立的 UTF-16 代理项），请重新输入';
  if (/writing direction/.test(message)) return '不能含改变文字方向的控制字符（U+202A–U+202E、U+2066–U+2069）';
  if (/writing-direction mark/.test(message)) return '不能含不可见的文字方向标记（U+200E、U+200F、U+061C）';
  const invisible = /invisible character \((U\+[0-9A-F]+)\) at position (\d+)/.exec(message);
  if (invisible) return `第 ${invisible[2]} 个字符是不可见字符（${invisible[1]}）：名称和标题中不能含不可见字符，请删除后重新输入`;
  const unfit = /placeholder or format character \((U\+[0-9A-F]+)\) at position (\d+)/.exec(message);
  if (unfit) return `第 ${unfit[2]} 个字符（${unfit[1]}）是占位符或格式控制字符（常见于复制或转码出错的文字）：名称和标题中不能含有，请删除后重新输入`;
  const noncharacter = /noncharacter \((U\+[0-9A-F]+)\)/.exec(message);
  if (noncharacter) return `含有非字符码位（${noncharacter[1]}），它不是任何文字，请删除后重新输入`;
  if (/no readable character/.test(message)) return '没有可读的文字：不能只有附加符号、私用区字符或不可见字符';
  return '必须是可读的文字：不能含控制字符，也不能只有不可见字符';
}

/** Chinese for one class-validator constraint, given its (English) message. */
const CONSTRAINT_ZH: Record<string, (message: string) => string> = {
  isNotEmpty: () => '不能为空',
  isString: () => '必须是文字',
  // Rectify's own wording (`at most 200`) or class-validator's default (`shorter than or equal to 1024`).
  maxLength: (message) => `最多 ${number(message, /(?:at most|shorter than or equal to) (\d+)/)} 个字符`,
  minLength: (message) => `至少 ${number(message, /(?:at least|longer than or equal to) (\d+)/)} 个字符`,
  // Rectify's `8 to 128 characters`, or class-validator's default, which names the one bound missed.
  isLength: (message) => {
    const range = /(\d+) to (\d+)/.exec(message);
    if (range) return `长度应为 ${range[1]} 到 ${range[2]} 个字符`;
    const longer = /longer than or equal to (\d+)/.exec(message);
    return longer ? `至少 ${longer[1]} 个字符` : `最多 ${number(message, /shorter than or equal to (\d+)/)} 个字符`;
  },
  isLoginName: () => '应为 2 到 50 个字符，不能含空格',
  isReadableText: (message) => readableTextZh(message),
  isNotReservedKey: () => '不能使用保留名称（如 constructor、__proto__、prototype）',
  isCalendarDate: () => '必须是 YYYY-MM-DD 格式的日期，年份在 1900 到 2199 之间',
  isUuid: () => '必须是有效的编号（UUID）',
  isInt: () => '必须是整数',
  min: (message) => `不能小于 ${number(message, /less than (-?[\d.]+)/)}`,
  max: (message) => `不能大于 ${number(message, /greater than (-?[\d.]+)/)}`,
  isIn: (message) => `必须是以下之一：${/values: (.+)$/.exec(message)?.[1] ?? ''}`,
  isArray: () => '必须是列表',
  arrayMaxSize: (message) => `最多 ${number(message, /(?:more than|at most) (\d+)/)} 项`,
  arrayMinSize: (message) => `至少 ${number(message, /at least (\d+|one)/)} 项`,
  arrayUnique: () => '不能有重复项',
  isBoolean: () => '必须是 true 或 false',
  isUrl: () => '必须是以 http:// 或 https:// 开头的有效网址',
  matches: () => '格式不正确',
  whitelistValidation: () => '不是可接受的字段',
  nestedValidation: () => '必须是一个对象',
  isObject: () => '必须是一个对象',
};

/**
 * Flattens nested errors as Nest's own pipe does: a nested field's English message is prefixed
 * with its parent's path (`evidence.0.link must be an http(s) URL`).
 */
function fieldErrorsOf(errors: readonly ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = `${prefix}${error.property}`;
    const own = Object.entries(error.constraints ?? {}).map(([constraint, message]) => ({
      field,
      message: `${prefix}${message}`,
      messageZh: CONSTRAINT_ZH[constraint]?.(message) ?? '格式不正确',
    }));
    return [...own, ...fieldErrorsOf(error.children ?? [], `${field}.`)];
  });
}

/**
 * The refusal of an input that fails its class-validator checks (the ValidationPipe's
 * `exceptionFactory`): BAD_USER_INPUT with `fieldErrors`, one per failed check.
 */
export function inputRefusal(errors: readonly ValidationError[]): DomainError {
  const fieldErrors = fieldErrorsOf(errors);
  return new DomainError(
    'BAD_USER_INPUT',
    say(
      `Invalid input: ${fieldErrors.map((error) => error.message).join('; ')}.`,
      `输入有误：${fieldErrors.map((error) => `“${error.field}”${error.messageZh}`).join('；')}。`,
    ),
    { fieldErrors },
  );
}

/** graphql-js and Apollo wordings, most specific first; `$1`… are the quoted names. */
const GRAPHQL_ZH: readonly [RegExp, (...names: string[]) => string][] = [
  [/Document contains more tha[nt] (\d+) tokens/, (limit) => `查询语句太长（超过 ${limit} 个词法单元），请拆成几个查询。`],
  [/^Syntax Error: (.*)$/s, (detail) => `查询语句有语法错误（${detail}）。`],
  [/^Cannot query field "([^"]+)" on type "([^"]+)"/, (field, type) => `类型“${type}”没有字段“${field}”。`],
  [/^Unknown argument "([^"]+)" on field "([^"]+)"/, (argument, field) => `字段“${field}”没有参数“${argument}”。`],
  [/^Field "([^"]+)" argument "([^"]+)" of type "([^"]+)" is required/, (field, argument, type) => `字段“${field}”缺少必填参数“${argument}”（${type}）。`],
  [/^Variable "([^"]+)" of required type "([^"]+)" was not provided/, (variable, type) => `缺少必填变量“${variable}”（${type}）。`],
  [/^Variable "([^"]+)" of non-null type "([^"]+)" must not be null/, (variable, type) => `变量“${variable}”（${type}）不能为 null。`],
  [/^Variable "([^"]+)" got invalid value .*Field "([^"]+)" of required type "([^"]+)" was not provided/s, (variable, field, type) => `变量“${variable}”缺少必填字段“${field}”（${type}）。`],
  [/^Variable "([^"]+)" got invalid value .*Field "([^"]+)" is not defined by type "([^"]+)"/s, (variable, field, type) => `变量“${variable}”含有类型“${type}”中没有的字段“${field}”。`],
  [/^Variable "([^"]+)" got invalid value/, (variable) => `变量“${variable}”的值与其类型不符。`],
  [/^Field "([^"]+)" of required type "([^"]+)" was not provided/, (field, type) => `缺少必填字段“${field}”（${type}）。`],
  [/^Field "([^"]+)" is not defined by type "([^"]+)"/, (field, type) => `类型“${type}”中没有字段“${field}”。`],
  [/^Field "([^"]+)" of type "([^"]+)" must have a selection of subfields/, (field) => `字段“${field}”需要选择子字段。`],
  [/^Field "([^"]+)" must not have a selection since type "([^"]+)" has no subfields/, (field) => `字段“${field}”没有子字段，不能再选择。`],
  [/^Unknown type "([^"]+)"/, (type) => `未知的类型“${type}”。`],
  [/^Enum "([^"]+)" cannot represent/, (type) => `取值不是枚举“${type}”的可选值之一。`],
  [/^(?:String|Int|Float|Boolean|ID) cannot represent/, () => '取值与字段类型不符。'],
  [/^Expected value of type "([^"]+)"/, (type) => `取值应为“${type}”类型。`],
  [/^GraphQL introspection is not allowed/, () => '此服务器未开放接口结构查询（introspection）。'],
  [/^There can be only one operation named "([^"]+)"/, (name) => `只能有一个名为“${name}”的操作。`],
  [/^Must provide operation name/, () => '请求包含多个操作，请指定 operationName。'],
  [/^(?:GraphQL operations must contain a non-empty `query`|Must provide query string|POST body missing)/, () => '请求中没有查询语句。'],
  [/Cross-Site Request Forgery/, () => '请求被拦截：请以 application/json 发送 GraphQL 请求（防跨站请求伪造）。'],
];

/** What a client is told in Chinese when nothing more precise is known, by `extensions.code`. */
const CODE_ZH: Record<string, string> = {
  BAD_USER_INPUT: '输入有误，请检查后重试。',
  NOT_FOUND: '要找的记录不存在。',
  CONFLICT: '该操作与已有记录冲突。',
  FORBIDDEN: '您无权执行此操作。',
  UNAUTHENTICATED: '请先登录。',
  GRAPHQL_PARSE_FAILED: '查询语句无法解析。',
  GRAPHQL_VALIDATION_FAILED: '查询语句不符合接口定义。',
  BAD_REQUEST: '请求无法处理。',
  TOO_MANY_REQUESTS: '请求过于频繁，请稍后再试。',
  PAYLOAD_TOO_LARGE: '请求内容过大。',
  PERSISTED_QUERY_NOT_FOUND: '未找到持久化查询，请发送完整查询语句。',
  PERSISTED_QUERY_NOT_SUPPORTED: '不支持持久化查询。',
  OPERATION_RESOLUTION_FAILURE: '无法确定要执行的操作。',
  INTERNAL_SERVER_ERROR: '服务器出错，已记录在日志中，请稍后重试。',
};

/** The sentences that stand for a whole code: a refusal raised by Rectify itself never says only these. */
export const GENERIC_CHINESE: ReadonlySet<string> = new Set(Object.values(CODE_ZH));

/**
 * Chinese for an error that reached the client without its own: graphql-js and Apollo wordings
 * are translated with their names; anything else gets the meaning of its code.
 */
export function chineseFor(message: string, code: string | undefined): string {
  for (const [pattern, zh] of GRAPHQL_ZH) {
    const match = pattern.exec(message);
    if (match) return zh(...match.slice(1));
  }
  return CODE_ZH[code ?? ''] ?? '请求失败。';
}

/** Adds `extensions.messageZh` to an error on its way out, unless it has one already. */
export function withChinese(formatted: GraphQLFormattedError): GraphQLFormattedError {
  if (typeof formatted.extensions?.messageZh === 'string') return formatted;
  const code = typeof formatted.extensions?.code === 'string' ? formatted.extensions.code : undefined;
  return { ...formatted, extensions: { ...formatted.extensions, messageZh: chineseFor(formatted.message, code) } };
}
