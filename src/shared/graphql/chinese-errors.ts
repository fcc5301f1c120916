import { EARLIEST_OFFICE_DAY } from '../calendar-date.js';
import type { ValidationError } from 'class-validator';
import { Kind, type GraphQLFormattedError, type TypeNode } from 'graphql';
import { DomainError, say } from '../domain-error.js';
import { unreadableReasonZh } from '../readable-text.js';
import { linkProblem } from '../web-link.js';
import { choicesZh } from './choice-words-zh.js';
import { enumValues } from './enum.js';
import { argumentLabelZh, fieldLabelZh } from './field-labels-zh.js';
import type { InlineValueSite } from './inline-value-site.js';
import { isNamedList, listItemLabelZh, listPathLabelZh } from './list-item-labels-zh.js';

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
  /**
   * Chinese, a whole sentence naming the field and ending in 。 — 「“材料名称”最多 200 个字符（现有 201 个）。」,
   * 「请填写“撤销理由”。」 — as the app's own refusals beside a field are (fieldSentenceZh).
   */
  readonly messageZh: string;
}

/** The limit a constraint's English message states (`at least one item` counts as 1). */
const number = (message: string, pattern: RegExp) => {
  const found = pattern.exec(message)?.[1] ?? '';
  return found === 'one' ? '1' : found;
};


/**
 * How many characters class-validator counts in a text (validator's isLength: a character beyond the BMP is one, a
 * variation selector none), so 「现有 N 个」 never contradicts the limit it was refused by; '' for what is not text.
 */
const charactersOf = (value: unknown): string =>
  typeof value === 'string' ? `（现有 ${value.length - (value.match(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g)?.length ?? 0) - (value.match(/[\uFE0E\uFE0F]/g)?.length ?? 0)} 个）` : '';
/** How many items a list refused for its size holds: （现有 51 项）. */
const itemsOf = (value: unknown): string => (Array.isArray(value) ? `（现有 ${value.length} 项）` : '');

/**
 * Chinese for one class-validator constraint, given its (English) message and the value refused: what is wrong, worded
 * to follow the field's name (fieldSentenceZh puts the name before it and closes the sentence).
 */
const CONSTRAINT_ZH: Record<string, (message: string, value: unknown) => string> = {
  // Said as 请填写“…”。 by fieldSentenceZh, as the app says a required field left empty.
  isNotEmpty: () => '不能为空',
  isString: () => '必须是文字',
  // Rectify's own wording (`at most 200`) or class-validator's default (`shorter than or equal to 1024`).
  maxLength: (message, value) => `最多 ${number(message, /(?:at most|shorter than or equal to) (\d+)/)} 个字符${charactersOf(value)}`,
  minLength: (message, value) => `至少 ${number(message, /(?:at least|longer than or equal to) (\d+)/)} 个字符${charactersOf(value)}`,
  // Rectify's `8 to 128 characters`, or class-validator's default, which names the one bound missed.
  isLength: (message, value) => {
    const range = /(\d+) to (\d+)/.exec(message);
    if (range) return `长度应为 ${range[1]} 到 ${range[2]} 个字符${charactersOf(value)}`;
    const longer = /longer than or equal to (\d+)/.exec(message);
    return `${longer ? `至少 ${longer[1]}` : `最多 ${number(message, /shorter than or equal to (\d+)/)}`} 个字符${charactersOf(value)}`;
  },
  isLoginName: () => '应为 2 到 50 个字符，不能含空格',
  isReadableText: (message) => unreadableReasonZh(message),
  isNotReservedKey: () => '不能使用保留名称（如 constructor、__proto__、prototype）',
  // The three causes validation.ts words (calendarDateProblem): format, no such day, a year no office day has.
  isCalendarDate: (message) => {
    const value = /\(got "(.*)"\)$/.exec(message)?.[1] ?? '';
    if (message.includes('must be a day that exists')) return `不存在这一天（${value}），请检查月份和日期`;
    if (message.includes('check the year')) return `应在 ${EARLIEST_OFFICE_DAY} 到 2199-12-31 之间，请检查年份`;
    return '必须是 YYYY-MM-DD 格式的日期';
  },
  isUuid: () => '必须是有效的编号（UUID）',
  isInt: () => '必须是整数',
  min: (message) => `不能小于 ${number(message, /less than (-?[\d.]+)/)}`,
  max: (message) => `不能大于 ${number(message, /greater than (-?[\d.]+)/)}`,
  // The values allowed in the office's words (牵头、责任), never the API's codes (web3 fault 2: 「…必须是以下之一：LEAD, RESPONSIBLE」).
  isIn: (message) => `必须是以下之一：${choicesZh((/values: (.+)$/.exec(message)?.[1] ?? '').split(/,\s*/).filter(Boolean))}`,
  isArray: () => '必须是列表',
  arrayMaxSize: (message, value) => `最多 ${number(message, /(?:more than|at most) (\d+)/)} 项${itemsOf(value)}`,
  arrayMinSize: (message, value) => `至少 ${number(message, /at least (\d+|one)/)} 项${itemsOf(value)}`,
  arrayUnique: () => '不能有重复项',
  isBoolean: () => '必须是 true 或 false',
  // Each link refused for its own reason (web-link.ts): a space, a `<`, another scheme …; a scheme-less address (www.…, as
  // copied from a document) is answered with the link meant (newcomer39 S2). A `<x>` in it was told 「中间不能有空格」.
  isUrl: (_message, value) => linkProblem(value)?.zh ?? '不是有效的网址（如 https://www.example.gov.cn/xxgk/123 或内网的 http://oa/xxgk/123）。',
  matches: () => '格式不正确',
  whitelistValidation: () => '不是可接受的字段',
  nestedValidation: () => '必须是一个对象',
  isObject: () => '必须是一个对象',
};

/** The constraints worded in Chinese above: a constraint outside them is said only as 格式不正确 (the spec holds every input's to these). */
export const WORDED_CONSTRAINTS: ReadonlySet<string> = new Set(Object.keys(CONSTRAINT_ZH));

/** A text closed as one sentence: 。 added unless it already ends in 。！？, never doubled. */
const closedZh = (text: string): string => (/[。！？]$/.test(text) ? text : `${text}。`);

/**
 * One field's refusal as the sentence shown beside it: the field by its Chinese name, what is wrong, 。 once —
 * 「“材料名称”最多 200 个字符（现有 201 个）。」; an empty required field 「请填写“撤销理由”。」, as the app asks for one.
 */
export function fieldSentenceZh(constraint: string, message: string, value: unknown, labelZh: string): string {
  if (constraint === 'isNotEmpty') return `请填写“${labelZh}”。`;
  return closedZh(`“${labelZh}”${CONSTRAINT_ZH[constraint]?.(message, value) ?? '格式不正确'}`);
}

/**
 * Flattens nested errors as Nest's own pipe does: a nested field's English message is prefixed
 * with its parent's path (`evidence.0.link must be an http(s) URL`). Each field is named in Chinese by its path: a field
 * inside a list's item as the forms label it (材料1链接: list-item-labels-zh.ts), any other by its label, after its parent's
 * joined by 的. `item`: the list and index of the item the errors are inside, when they are.
 */
function fieldErrorsOf(
  errors: readonly ValidationError[],
  prefix = '',
  labelPrefix = '',
  item?: { readonly list: string; readonly index: number; readonly before: string },
): Array<FieldError & { readonly labelZh: string; readonly empty: boolean }> {
  return errors.flatMap((error) => {
    const field = `${prefix}${error.property}`;
    const index = /^\d+$/.test(error.property) ? Number(error.property) : undefined;
    // The list this error is an item of: its own name is the parent's last step (`evidence` of `evidence.0`).
    const list = index === undefined ? undefined : /(?:^|\.)([A-Za-z]+)\.$/.exec(prefix)?.[1];
    const named = list !== undefined && isNamedList(list) ? list : undefined;
    // Before the item's own name: the label of what holds the list, if anything (交办的承担单位1).
    const before = named !== undefined ? labelBeforeList(labelPrefix, list!) : '';
    const labelZh =
      named !== undefined
        ? `${before}${listItemLabelZh(named, index!)}`
        : item !== undefined && index === undefined
          ? `${item.before}${listItemLabelZh(item.list, item.index, error.property, fieldLabelZh(targetName(error), error.property))}`
          : `${labelPrefix}${segmentZh(error, labelPrefix !== '')}`;
    const own = Object.entries(error.constraints ?? {}).map(([constraint, message]) => ({
      field,
      message: `${prefix}${message}`,
      messageZh: fieldSentenceZh(constraint, message, error.value, labelZh),
      labelZh,
      empty: constraint === 'isNotEmpty',
    }));
    const inside = named !== undefined ? { list: named, index: index!, before } : undefined;
    return [...own, ...fieldErrorsOf(error.children ?? [], `${field}.`, labelZh, inside)];
  });
}

/** The class name of the input object an error is about (`EvidenceInput`), as fieldLabelZh looks labels up by. */
const targetName = (error: ValidationError): string | undefined => (error.target as object | undefined)?.constructor?.name;

/**
 * What comes before a named list's item in its name: the labels of what holds the list, without the list's own label
 * (交办的承担单位 → 交办的; 佐证材料 → nothing): the item's noun says what it is.
 */
function labelBeforeList(listLabel: string, list: string): string {
  const own = fieldLabelZh(undefined, list) ?? '';
  const at = own ? listLabel.lastIndexOf(own) : -1;
  return at > 0 ? listLabel.slice(0, at) : '';
}

/**
 * One step of a field's path in Chinese: its label (`fieldLabelZh`, by the input object's class), or
 * `第 2 项` for an index of a list list-item-labels-zh.ts does not name; after a parent, `的` joins a label.
 */
function segmentZh(error: ValidationError, nested: boolean): string {
  if (/^\d+$/.test(error.property)) return `第 ${Number(error.property) + 1} 项`;
  const label = fieldLabelZh(targetName(error), error.property) ?? '其中一项';
  return nested ? `的${label}` : label;
}

/**
 * The refusal of an input that fails its class-validator checks (the ValidationPipe's
 * `exceptionFactory`): BAD_USER_INPUT with `fieldErrors`, one per failed check.
 */
export function inputRefusal(errors: readonly ValidationError[]): DomainError {
  const found = fieldErrorsOf(errors);
  const fieldErrors: FieldError[] = found.map(({ field, message, messageZh }) => ({ field, message, messageZh }));
  // Each field by its Chinese name, never the schema's (breaker11e P3): 请填写“撤销理由”, “标题”最多 200 个字符. The fields'
  // sentences joined by ；, each without its own 。, the whole closed once.
  const messageZh = found.every((error) => error.empty)
    ? `请填写${found.map((error) => `“${error.labelZh}”`).join('、')}。`
    : closedZh(`输入有误：${found.map((error) => error.messageZh.replace(/。$/, '')).join('；')}`);
  return new DomainError('BAD_USER_INPUT', say(`Invalid input: ${found.map((error) => error.message).join('; ')}.`, messageZh), { fieldErrors });
}

/** The last segment of a graphql-js name: `CreateInput.title` → `title`, `Query.units` → `units`. */
const nameOf = (qualified: string): string => qualified.slice(qualified.lastIndexOf('.') + 1);

/** What a built-in scalar asks for, in words; other types (inputs, enums) are named by what was typed, not by the schema. */
const SCALAR_ZH: Readonly<Record<string, string>> = { String: '文字', Int: '整数', Float: '数字', Boolean: 'true 或 false', ID: '编号' };
const expectedZh = (type: string): string => {
  const scalar = SCALAR_ZH[type.replace(/[[\]!]/g, '')];
  return scalar ? `应为${scalar}` : '与要求的类型不符';
};

/**
 * The values a GraphQL enum allows, in the office's words, as a refusal of another value adds them — （可选：牵头、责任） (web3
 * fault 2: an enum-valued input refused said only 「取值不是可选的值之一」); '' for an enum not registered by graphqlEnum.
 */
const enumChoicesZh = (name: string): string => {
  const values = enumValues(name);
  return values?.length ? `（可选：${choicesZh(values)}）` : '';
};

/** What follows "Variable "$x" got invalid value …; " in graphql-js: the reason, in Chinese. */
function invalidValueZh(detail: string, inputType?: string): string {
  let m: RegExpExecArray | null;
  if ((m = /Field "([^"]+)" of required type "([^"]+)" was not provided/.exec(detail))) return missingFieldZh(m[1]!, m[2]!, inputType);
  if ((m = /Field "([^"]+)" is not defined by type/.exec(detail))) return `含有无法识别的字段“${nameOf(m[1]!)}”`;
  if ((m = /^(String|Int|Float|Boolean|ID) cannot represent/.exec(detail))) return `取值${expectedZh(m[1]!)}`;
  if ((m = /^Enum "([^"]+)" cannot represent|does not exist in "([^"]+)" enum/.exec(detail))) return `取值不是可选的值之一${enumChoicesZh(m[1] ?? m[2]!)}`;
  if (/^Expected type "[^"]+" to be an object/.test(detail)) return '取值应为一个对象';
  if (/OneOf|Exactly one key/.test(detail)) return '必须且只能填写其中一个字段';
  return '取值与要求的类型不符';
}

/**
 * A required field the request left out, named so a script's author knows what to add (newcomer50-9 M3: 「缺少必填项」 alone):
 * its office label and what it takes — 「缺少必填项“单位”（应为编号）」; the schema's name and type are in the English message
 * beside it (no English inside the Chinese: test/e2e/no-english-in-chinese); a field without a label is named by the schema's
 * name. `inputType` is the variable's input type when the field is its own.
 */
function missingFieldZh(qualified: string, type: string, inputType: string | undefined): string {
  const name = nameOf(qualified);
  const owner = qualified.includes('.') ? qualified.slice(0, qualified.lastIndexOf('.')) : inputType;
  const label = fieldLabelZh(owner, name);
  return `缺少必填项“${label ?? name}”（${expectedZh(type)}）`;
}

/**
 * The field a graphql-js path inside a variable points at (`input.units[0].role`, `input.outcome`), in the office's words,
 * as the input checks and the forms name it: a field inside a list's item as list-item-labels-zh.ts names it (承担单位1的承担方式
 * （牵头或责任）), any other by its label — for a field of the variable's own input type `inputType`, by that type's (督查结果).
 * Null for the variable itself or a field with no label.
 */
function variableFieldZh(path: string, inputType: string | undefined): string | null {
  const steps = path.replace(/\[(\d+)\]/g, '.$1').split('.').slice(1);
  if (steps.length === 0) return null;
  const inList = listPathLabelZh(steps.join('.'));
  if (inList) return inList;
  const last = steps.at(-1)!;
  return /^\d+$/.test(last) ? null : fieldLabelZh(steps.length === 1 ? inputType : undefined, last);
}

/**
 * Where a value typed inline in the query was refused, in the office's words, as a refusal inside a variable names its field
 * (web5 task 1): 「参数“input”中的“督查结果”」, 「参数“input”中的“承担单位1的承担方式（牵头或责任）”」, an argument itself by its
 * label 「参数“status”（状态）」, a variable's default value 「变量“$s”的默认值」; a field with no label falls to its argument.
 * '' when the site is not known.
 */
function inlineSiteZh(site: InlineValueSite | undefined): string {
  if (!site) return '';
  const holder = site.holder === 'argument' ? `参数“${site.name}”` : `变量“${site.name}”的默认值`;
  const field = variableFieldZh(site.path, site.inputType);
  if (field) return `${holder}中的“${field}”`;
  const own = site.holder === 'argument' && site.path === site.name ? argumentLabelZh(site.name) : null;
  return own ? `${holder}（${own}）` : holder;
}

/** The parser's complaint after "Syntax Error: ", in Chinese; null when its shape is not known. */
function syntaxDetailZh(detail: string): string | null {
  if (/^Unexpected <EOF>|found <EOF>/.test(detail)) return '查询语句不完整，缺少结尾部分（如右括号“}”）';
  if (/^Unterminated string/.test(detail)) return '字符串缺少结尾的引号';
  if (/^Unexpected character|^Cannot contain the invalid character|^Invalid character/.test(detail)) return '出现了无法识别的字符';
  if (/^Invalid number/.test(detail)) return '数字格式不正确';
  if (/more than \d+ tokens/.test(detail)) return '查询语句过长';
  let m: RegExpExecArray | null;
  if ((m = /^Unexpected (?:Name )?"([^"]+)"/.exec(detail))) return `此处不应出现“${m[1]}”`;
  if ((m = /^Expected "([^"]+)", found/.exec(detail))) return `此处应为“${m[1]}”`;
  if (/^Expected Name, found/.test(detail)) return '此处应为字段或参数的名称';
  return null;
}

type Located = { readonly line: number; readonly column: number } | undefined;

/**
 * What is known of the request beside an error's message: `variableType`, the named input type of the variable an error of
 * coercion is about (`AssignFindingInput`, from graphql-js's variable definition), for its fields' labels; `inlineValue`,
 * where a value typed inline in the query that an error refuses stands (inline-value-site.ts).
 */
export interface ErrorContext {
  readonly variableType?: string;
  readonly inlineValue?: InlineValueSite;
}

/** graphql-js and Apollo wordings, most specific first; the groups are the quoted names. */
const GRAPHQL_ZH: readonly [RegExp, (match: string[], at: Located, context: ErrorContext) => string | null][] = [
  [/Document contains more tha[nt] (\d+) tokens/, ([limit]) => `查询语句太长（超过 ${limit} 个词法单元），请拆成几个查询。`],
  [/^Syntax Error: (.*)$/s, ([detail], at) => `查询语句${at ? `第 ${at.line} 行第 ${at.column} 列` : ''}有语法错误${syntaxDetailZh(detail!) ? `：${syntaxDetailZh(detail!)}` : '，请检查括号、引号和拼写'}。`],
  [/^Cannot query field "([^"]+)" on type "([^"]+)"/, ([field]) => `字段“${field}”不存在，无法查询。`],
  [/^Unknown argument "([^"]+)" on (?:field|directive) "([^"]+)"/, ([argument, field]) => `“${nameOf(field!)}”没有参数“${argument}”。`],
  [/^(?:Field|Directive) "([^"]+)" argument "([^"]+)" of type "[^"]+" is required/, ([field, argument]) => `“${nameOf(field!)}”缺少必填参数“${argument}”。`],
  [/^Argument "([^"]+)" of (?:required|non-null) type "[^"]+" (?:was not provided|must not be null)/, ([argument]) => `缺少必填参数“${argument}”。`],
  [/^Argument "([^"]+)" has invalid value/, ([argument]) => `参数“${argument}”的取值无效。`],
  [/^Variable "([^"]+)" of required type "[^"]+" was not provided/, ([variable]) => `缺少必填变量“${variable}”。`],
  [/^Variable "([^"]+)" of non-null type "[^"]+" must not be null/, ([variable]) => `变量“${variable}”不能为空值。`],
  // The field inside the variable named as the forms and input checks name it (web4 fault 2: a role "X" was 「变量“$input”取值不是
  // 可选的值之一…」, naming no field); a path to no labelled field falls to the variable alone.
  [/^Variable "([^"]+)" got invalid value .*? at "([^"]+)"; (.*)$/s, ([variable, path, detail], _at, { variableType }) => {
    const field = variableFieldZh(path!, variableType);
    return field ? `变量“${variable}”中的“${field}”${invalidValueZh(detail!)}。` : null;
  }],
  [/^Variable "([^"]+)" got invalid value .*?; (.*)$/s, ([variable, detail], _at, { variableType }) => `变量“${variable}”${invalidValueZh(detail!, variableType)}。`],
  [/^Variable "([^"]+)" got invalid value/, ([variable]) => `变量“${variable}”的值与要求的类型不符。`],
  [/^Variable "([^"]+)" is never used/, ([variable]) => `变量“${variable}”定义了但没有使用。`],
  [/^Variable "([^"]+)" is not defined/, ([variable]) => `变量“${variable}”没有定义。`],
  [/^Variable "([^"]+)" of type "[^"]+" used in position expecting/, ([variable]) => `变量“${variable}”的类型与使用处要求的类型不符。`],
  [/^Variable "([^"]+)" cannot be non-input type/, ([variable]) => `变量“${variable}”的类型不能用作输入。`],
  [/^Variable "([^"]+)" is of type "[^"]+" but must be non-nullable/, ([variable]) => `变量“${variable}”必须是必填的。`],
  [/^There can be only one variable named "([^"]+)"/, ([variable]) => `变量“${variable}”只能定义一次。`],
  [/^Field "([^"]+)" of required type "([^"]+)" was not provided/, ([field, type]) => `${missingFieldZh(field!, type!, undefined)}。`],
  [/^Field "([^"]+)" is not defined by type/, ([field]) => `字段“${nameOf(field!)}”无法识别。`],
  [/^Field "([^"]+)" of type "[^"]+" must have (?:a selection of subfields|at least one field selected)/, ([field]) => `字段“${field}”需要选择子字段。`],
  [/^Field "([^"]+)" must not have a selection since type "[^"]+" has no subfields/, ([field]) => `字段“${field}”没有子字段，不能再选择。`],
  [/^Field "([^"]+)" must be non-null/, ([field]) => `字段“${nameOf(field!)}”不能为空值。`],
  [/^Fields "([^"]+)" conflict because/, ([field]) => `“${field}”被请求了两次且互相冲突，请为其中一个使用别名。`],
  [/^Unknown type "([^"]+)"/, ([type]) => `未知的类型“${type}”。`],
  [/^Unknown directive "([^"]+)"/, ([directive]) => `未知的指令“${directive}”。`],
  [/^Directive "([^"]+)" may not be used on/, ([directive]) => `指令“${directive}”不能用在此处。`],
  [/^The directive "([^"]+)" can only be used once/, ([directive]) => `指令“${directive}”在此处只能使用一次。`],
  [/^Unknown fragment "([^"]+)"/, ([fragment]) => `未知的片段“${fragment}”。`],
  [/^Fragment "([^"]+)" is never used/, ([fragment]) => `片段“${fragment}”定义了但没有使用。`],
  [/^Cannot spread fragment "([^"]+)" within itself/, ([fragment]) => `片段“${fragment}”不能引用自身。`],
  [/^Fragment (?:"([^"]+)" )?cannot be spread here|^Fragment (?:"[^"]+" )?cannot condition on non composite type/, () => '片段不能用在此处。'],
  [/^There can be only one fragment named "([^"]+)"/, ([fragment]) => `片段“${fragment}”只能定义一次。`],
  [/^There can be only one argument named "([^"]+)"/, ([argument]) => `参数“${argument}”只能出现一次。`],
  [/^There can be only one input field named "([^"]+)"/, ([field]) => `字段“${nameOf(field!)}”只能出现一次。`],
  [/^There can be only one operation named "([^"]+)"/, ([name]) => `只能有一个名为“${name}”的操作。`],
  [/^This anonymous operation must be the only defined operation/, () => '没有名称的操作必须是请求中唯一的操作。'],
  [/^(?:Subscription "[^"]+"|Anonymous Subscription) must select only one top level field/, () => '一次订阅只能选择一个顶层字段。'],
  [/^(?:Subscription "[^"]+"|Anonymous Subscription) must not select an introspection/, () => '订阅不能选择接口结构查询字段（如“__schema”“__type”“__typename”）。'],
  [/^The .* definition is not executable/, () => '请求中含有不能执行的定义。'],
  // An inline value's field named as a variable's is (web5 task 1: graphql-js gives these no path; inline-value-site.ts finds it).
  [/^(?:Enum "([^"]+)" cannot represent|Value "[^"]+" does not exist in "([^"]+)" enum)/, ([named, valueOf], _at, { inlineValue }) => `${inlineSiteZh(inlineValue)}取值不是可选的值之一${enumChoicesZh(named ?? valueOf!)}。`],
  [/^(String|Int|Float|Boolean|ID) cannot represent/, ([type], _at, { inlineValue }) => `${inlineSiteZh(inlineValue)}取值${expectedZh(type!)}。`],
  [/^Expected value of type "([^"]+)"/, ([type], _at, { inlineValue }) => `${inlineSiteZh(inlineValue)}取值${expectedZh(type!)}。`],
  [/^Expected type "[^"]+" to be an object/, () => '取值应为一个对象。'],
  [/^(?:OneOf Input Object "[^"]+" must specify exactly one key|Exactly one key must be specified)/, () => '必须且只能填写其中一个字段。'],
  [/^GraphQL introspection is not allowed/, () => '此服务器不提供接口结构查询。'],
  // graphql-js's MaxIntrospectionDepthRule: introspection is allowed, but this one nests its type lists too deep.
  [/^Maximum introspection depth exceeded/, () => '接口结构查询嵌套太深：“fields”“interfaces”“possibleTypes”“inputFields”等类型列表最多嵌套 3 层，请减少嵌套。'],
  [/^Must provide operation name/, () => '请求包含多个操作，请指明要执行哪一个。'],
  [/^Unknown operation named "([^"]+)"/, ([name]) => `请求中没有名为“${name}”的操作。`],
  [/^(?:GraphQL operations must contain a non-empty `query`|Must provide query string|POST body missing)/, () => '请求中没有查询语句。'],
  [/^(?:Variables must be provided as an Object|`variables` in a POST body)/, () => '请求中的变量必须是一个对象。'],
  [/^`(?:query|operationName|extensions)` in a POST body|^`extensions` must be an object/, () => '请求格式不正确。'],
  [/Cross-Site Request Forgery/, () => '请求被拦截：请求格式不符合要求（防跨站请求伪造）。'],
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
 * True when Chinese text carries a Latin word outside the “…” that quote what the request itself
 * said (a field, variable or value it named): English that a translation let through.
 */
export const carriesEnglish = (zh: string): boolean => /[A-Za-z]{2,}/.test(zh.replace(/“[^”]*”/g, '').replace(/true 或 false/g, ''));

/**
 * Chinese for an error that reached the client without its own: graphql-js and Apollo wordings
 * are translated, quoting only the names the request used; anything else — an unknown wording, or
 * a translation that would let English through — gets the meaning of its code. Never English.
 * @param at where in the query the error is (graphql-js `locations[0]`), for syntax errors.
 */
export function chineseFor(message: string, code: string | undefined, at?: Located, context: ErrorContext = {}): string {
  for (const [pattern, zh] of GRAPHQL_ZH) {
    const match = pattern.exec(message);
    if (!match) continue;
    // null: this wording does not fit what is known (a path to no labelled field); the next one may.
    const translated = zh(match.slice(1), at, context);
    if (translated === null) continue;
    if (!carriesEnglish(translated)) return translated;
    break;
  }
  return CODE_ZH[code ?? ''] ?? '请求失败。';
}

/** Adds `extensions.messageZh` to an error on its way out, unless it has one already; `context`: what else is known of it. */
export function withChinese(formatted: GraphQLFormattedError, context: ErrorContext = {}): GraphQLFormattedError {
  if (typeof formatted.extensions?.messageZh === 'string') return formatted;
  const code = typeof formatted.extensions?.code === 'string' ? formatted.extensions.code : undefined;
  return { ...formatted, extensions: { ...formatted.extensions, messageZh: chineseFor(formatted.message, code, formatted.locations?.[0], context) } };
}

/**
 * The named input type of the variable an error is about (`AssignFindingInput` for `$input: AssignFindingInput!`): graphql-js
 * gives a refusal of a variable's value its definition as `nodes[0]`. Undefined for any other error.
 */
export function variableTypeOf(error: unknown): string | undefined {
  const node = (error as { nodes?: readonly unknown[] } | null)?.nodes?.[0] as { kind?: string; type?: TypeNode } | undefined;
  if (node?.kind !== Kind.VARIABLE_DEFINITION || !node.type) return undefined;
  let type: TypeNode = node.type;
  while (type.kind !== Kind.NAMED_TYPE) type = type.type;
  return type.name.value;
}
