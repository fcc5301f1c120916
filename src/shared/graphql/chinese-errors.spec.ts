import 'reflect-metadata';
import { ArrayMaxSize, ArrayMinSize, IsString, Length, Max, MaxLength, Min, MinLength, validateSync } from 'class-validator';
import { buildSchema, parse, specifiedRules, validate } from 'graphql';
import { chineseFor, inputRefusal } from './chinese-errors.js';
import { queryDepthRule } from './query-limits.rule.js';
import { costRefusal } from './query-cost.js';
import { ReportPayload } from '../../assignments/graphql/part.inputs.js';
import { plainToInstance } from 'class-transformer';

/*
 * Issue 11: a limit's Chinese lost its number when the English wording was not the one expected
 * (class-validator's default "shorter than or equal to 1024", Rectify's own "at least one item").
 * Each size rule, in either wording, says its number in Chinese.
 */
class Limits {
  @IsString() @MaxLength(1024) password = 'x'.repeat(1025);
  @IsString() @MinLength(8) short = 'abc';
  @IsString() @MaxLength(200, { message: 'title must be at most 200 characters' }) title = 'x'.repeat(201);
  @IsString() @Length(8, 128) between = 'abc';
  @IsString() @Length(8, 128, { message: 'ranged must be 8 to 128 characters long' }) ranged = 'abc';
  @ArrayMinSize(2) few = ['a'];
  @ArrayMaxSize(1) many = ['a', 'b'];
  @Min(3) low = 1;
  @Max(5) high = 9;
}

describe('the Chinese of size rules', () => {
  it('states each limit’s number, in class-validator’s wording and in Rectify’s own', () => {
    const { fieldErrors } = inputRefusal(validateSync(new Limits())).details as { fieldErrors: { field: string; messageZh: string }[] };
    expect(Object.fromEntries(fieldErrors.map((error) => [error.field, error.messageZh]))).toEqual({
      password: '“密码”最多 1024 个字符（现有 1025 个）。',
      short: '“其中一项”至少 8 个字符（现有 3 个）。',
      title: '“标题”最多 200 个字符（现有 201 个）。',
      between: '“其中一项”至少 8 个字符（现有 3 个）。',
      ranged: '“其中一项”长度应为 8 到 128 个字符（现有 3 个）。',
      few: '“其中一项”至少 2 项（现有 1 项）。',
      many: '“其中一项”最多 1 项（现有 2 项）。',
      low: '“其中一项”不能小于 3。',
      high: '“其中一项”不能大于 5。',
    });
  });

  it('says a report needs at least 1 piece of evidence', () => {
    const input = plainToInstance(ReportPayload, { idempotencyKey: 'k', unitId: '00000000-0000-4000-8000-000000000000', summary: '已整改', evidence: [] });
    const { fieldErrors } = inputRefusal(validateSync(input)).details as { fieldErrors: { field: string; messageZh: string }[] };
    expect(fieldErrors).toEqual([{ field: 'evidence', message: expect.any(String), messageZh: '“佐证材料”至少 1 项（现有 0 项）。' }]);
  });
});

/*
 * newcomer39 S2: clerks copy an address as documents print it, `www.…`, without its scheme. The refusal
 * offers the link meant; anything that is not an address without a scheme keeps the general words.
 */
describe('an evidence link typed without https://', () => {
  const refusalOf = (link: string) => {
    const input = plainToInstance(ReportPayload, { idempotencyKey: 'k', unitId: '00000000-0000-4000-8000-000000000000', summary: '已整改', evidence: [{ title: '专栏', link }] });
    return inputRefusal(validateSync(input)) as unknown as { messageZh: string; details: { fieldErrors: { field: string; message: string; messageZh: string }[] } };
  };

  it.each([
    ['www.example.gov.cn/jcgk', 'https://www.example.gov.cn/jcgk'],
    ['xxgk.qingchuan.gov.cn/art/2026/3/1/123.html?id=5', 'https://xxgk.qingchuan.gov.cn/art/2026/3/1/123.html?id=5'],
    ['//www.example.gov.cn', 'https://www.example.gov.cn'],
  ])('%s: asks whether %s is meant', (typed, meant) => {
    const refusal = refusalOf(typed);
    expect(refusal.details.fieldErrors).toEqual([
      { field: 'evidence.0.link', message: `evidence.0.link must be an http(s) URL (did you mean ${meant}?)`, messageZh: `“材料1链接”缺少开头的 https://：是否指 ${meant}？网址须以 http:// 或 https:// 开头。` },
    ]);
    expect(refusal.messageZh).toBe(`输入有误：“材料1链接”缺少开头的 https://：是否指 ${meant}？网址须以 http:// 或 https:// 开头。`);
  });

  /*
   * Each link refused for its own reason: a link holding `<x>` was told 「中间不能有空格」, as was every link refused
   * but one typed without its scheme; and that one's words beside the field ended without their 。.
   */
  it.each([
    ['https://www.qingchuan.gov.cn/xxgk/<x>', 'it contains "<"', '网址中不能有“<”或“>”符号（所填网址含有“<”）：请从浏览器地址栏重新复制链接。'],
    ['https://www.qingchuan.gov.cn/xxgk>', 'it contains ">"', '网址中不能有“<”或“>”符号（所填网址含有“>”）：请从浏览器地址栏重新复制链接。'],
    ['www.example.gov.cn/a b', 'it has a space in it', '网址中间不能有空格：请删去空格，或从浏览器地址栏重新复制链接。'],
    ['https://www.example.gov.cn/a b', 'it has a space in it', '网址中间不能有空格：请删去空格，或从浏览器地址栏重新复制链接。'],
    ['javascript:alert(1)', 'it starts with javascript:, not http:// or https://', '只能填写以 http:// 或 https:// 开头的网页地址，不能是“javascript:”开头的地址（如 https://www.example.gov.cn/xxgk/123 或内网的 http://oa/xxgk/123）。'],
    ['ftp://oa/x', 'it starts with ftp:, not http:// or https://', '只能填写以 http:// 或 https:// 开头的网页地址，不能是“ftp:”开头的地址（如 https://www.example.gov.cn/xxgk/123 或内网的 http://oa/xxgk/123）。'],
    ['oa/xxgk', 'it does not start with http:// or https://', '不是网址：网址须以 http:// 或 https:// 开头（如 https://www.example.gov.cn/xxgk/123 或内网的 http://oa/xxgk/123）；没有网址的材料请填写文号。'],
    ['见附件', 'it does not start with http:// or https://', '不是网址：网址须以 http:// 或 https:// 开头（如 https://www.example.gov.cn/xxgk/123 或内网的 http://oa/xxgk/123）；没有网址的材料请填写文号。'],
    ['https://', 'it names no host', 'https:// 之后缺少网站地址（如 https://www.example.gov.cn/xxgk/123 或内网的 http://oa/xxgk/123）。'],
    ['http:///xxgk', 'it names no host', 'http:// 之后缺少网站地址（如 https://www.example.gov.cn/xxgk/123 或内网的 http://oa/xxgk/123）。'],
    ['http://oa:99999/xxgk', 'its port "99999" is not a number from 1 to 65535', '端口号“99999”不正确：网站地址冒号后的端口应为 1 到 65535 之间的数字。'],
    ['https://www_qc.gov.cn/xxgk', 'its host "www_qc.gov.cn" is not a host name', '网站地址“www_qc.gov.cn”不正确：域名由字母、数字、连字符（-）和点组成，不能有下划线等其他符号，点不能相连，也不能在开头或结尾。'],
    ['https://www..qc.gov.cn/', 'its host "www..qc.gov.cn" is not a host name', '网站地址“www..qc.gov.cn”不正确：域名由字母、数字、连字符（-）和点组成，不能有下划线等其他符号，点不能相连，也不能在开头或结尾。'],
  ])('%s: refused because %s, said so', (typed, why, zh) => {
    const refusal = refusalOf(typed);
    expect(refusal.details.fieldErrors).toEqual([{ field: 'evidence.0.link', message: `evidence.0.link must be an http(s) URL (${why})`, messageZh: `“材料1链接”${zh}` }]);
    // The whole refusal names the field and ends once.
    expect(refusal.messageZh).toBe(`输入有误：“材料1链接”${zh.replace(/。$/, '')}。`);
  });

  /*
   * web2 fault 2: `https:www.qingchuan.gov.cn` — http(s) without the `//` after it — was taken and stored as typed (isURL
   * takes it; a browser reads it against the page it is on). The whole kind, each with the link meant: no `//`, one `/`,
   * backslashes, no `:`; whatever the case of the scheme.
   */
  it.each([
    ['https:www.qingchuan.gov.cn', 'https:', 'https://', 'https://www.qingchuan.gov.cn'],
    ['http:oa/xxgk/123', 'http:', 'http://', 'http://oa/xxgk/123'],
    ['https:/www.qingchuan.gov.cn/xxgk', 'https:/', 'https://', 'https://www.qingchuan.gov.cn/xxgk'],
    ['https:\\\\www.qingchuan.gov.cn', 'https:\\\\', 'https://', 'https://www.qingchuan.gov.cn'],
    ['https//www.qingchuan.gov.cn', 'https//', 'https://', 'https://www.qingchuan.gov.cn'],
    ['HTTPS:www.qingchuan.gov.cn:8080/a', 'HTTPS:', 'https://', 'https://www.qingchuan.gov.cn:8080/a'],
  ])('%s: refused, its start said and the link meant offered', (typed, start, wanted, meant) => {
    const refusal = refusalOf(typed);
    const zh = `网址开头的“${start}”不对，应为“${wanted}”：是否指 ${meant}？网址须以 http:// 或 https:// 开头。`;
    expect(refusal.details.fieldErrors).toEqual([
      { field: 'evidence.0.link', message: `evidence.0.link must be an http(s) URL (it starts with ${start}, not ${wanted}: did you mean ${meant}?)`, messageZh: `“材料1链接”${zh}` },
    ]);
    expect(refusal.messageZh).toBe(`输入有误：“材料1链接”${zh}`);
  });

  it('takes a link written with :// as before, and a start it cannot mend keeps its own reason', () => {
    for (const link of ['https://www.qingchuan.gov.cn', 'HTTP://oa/xxgk/123', 'http://oa:8080/x']) expect(validateSync(plainToInstance(ReportPayload, { idempotencyKey: 'k', unitId: '00000000-0000-4000-8000-000000000000', summary: '已整改', evidence: [{ title: '专栏', link }] }))).toEqual([]);
    expect(refusalOf('http:///xxgk').details.fieldErrors[0]!.message).toContain('it names no host');
    expect(refusalOf('https:www.qingchuan.gov.cn/a b').details.fieldErrors[0]!.message).toContain('it has a space in it');
    expect(refusalOf('httpbin.org/x').details.fieldErrors[0]!.message).toContain('did you mean https://httpbin.org/x?');
  });

  it('every reason a link is refused ends its sentence, and none but a space is told it has a space', () => {
    const typed = ['a<b', 'https://x.cn/<x>', 'www.x.cn', 'x', 'ftp://x', 'mailto:a@b.cn', 'https://', 'https://a:0', 'https://a_b.cn', 'https://a .cn', 'https:x.cn', 'http:/x.cn'];
    for (const link of typed) {
      const [error] = refusalOf(link).details.fieldErrors;
      expect(error!.messageZh).toMatch(/。$/);
      if (!/\s/.test(link)) expect(error!.messageZh).not.toContain('空格');
    }
  });
});

/*
 * Issue 9 (second breaker, 12): the introspection depth limit was told it "does not offer schema
 * queries", which is the sentence of introspection being off. Each limit graphql-js or Apollo
 * enforces is produced here for real and its Chinese read whole.
 */
describe('the Chinese of the GraphQL limits', () => {
  const schema = buildSchema(`
    type Query { units: [Unit!]! }
    type Unit { id: ID! name: String! parent: Unit }
    type Subscription { changed: Int! other: Int! }
  `);
  const refusalOf = (query: string): string => {
    const document = parse(query);
    const errors = [...validate(schema, document, [...specifiedRules, queryDepthRule({ maxDepth: 3 })])];
    if (errors.length === 0) errors.push(...[costRefusal({ maxCost: 2000 }, schema, document, {})].filter((error) => error !== undefined));
    expect(errors).toHaveLength(1);
    const error = errors[0]!;
    return typeof error.extensions.messageZh === 'string' ? error.extensions.messageZh : chineseFor(error.message, 'GRAPHQL_VALIDATION_FAILED');
  };

  it.each([
    [
      'an introspection query nesting type lists too deep (introspection allowed)',
      '{ __schema { types { fields { type { fields { type { fields { type { name } } } } } } } } }',
      '接口结构查询嵌套太深：“fields”“interfaces”“possibleTypes”“inputFields”等类型列表最多嵌套 3 层，请减少嵌套。',
    ],
    ['a query nesting fields too deep', '{ units { parent { parent { id } } } }', '查询嵌套了 4 层，最多允许 3 层：请减少嵌套，或拆成几个查询。'],
    [
      'a query asking for too much',
      `{ units { ${Array.from({ length: 400 }, (_, index) => `n${index}: name`).join(' ')} } }`,
      '查询一次要的数据太多（估算开销 2101，最多 2000；列表按可能返回的条数计，分页按 first 计，未给时按 50 条）：请减小每页条数或少选嵌套列表，或拆成几个查询。',
    ],
    ['a subscription of two fields', 'subscription { changed other }', '一次订阅只能选择一个顶层字段。'],
    ['a subscription of introspection', 'subscription { __typename }', '订阅不能选择接口结构查询字段（如“__schema”“__type”“__typename”）。'],
  ])('words %s in Chinese that says what was refused', (_, query, zh) => {
    expect(refusalOf(query)).toBe(zh);
  });

  it('says a document over the token limit is too long, with the limit', () => {
    let message = '';
    try {
      parse('{ units { id name } }', { maxTokens: 4 });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(chineseFor(message, 'GRAPHQL_PARSE_FAILED')).toBe('查询语句太长（超过 4 个词法单元），请拆成几个查询。');
  });

  it('says introspection is not offered only when it is switched off (Apollo’s refusal)', () => {
    const apollo =
      'GraphQL introspection is not allowed by Apollo Server, but the query contained __schema or __type. To enable introspection, pass introspection: true to ApolloServer in production';
    expect(chineseFor(apollo, 'GRAPHQL_VALIDATION_FAILED')).toBe('此服务器不提供接口结构查询。');
    expect(chineseFor('Maximum introspection depth exceeded', 'GRAPHQL_VALIDATION_FAILED')).not.toContain('不提供');
  });
});

/*
 * web3 fault 2: an enum-valued input refused by the schema (a part's role "X") said only 「取值不是可选的值之一」, and one
 * refused by an input check listed the API's codes (LEAD, RESPONSIBLE). Both list the values allowed in the office's words.
 */
describe('a value not among an enum’s is refused listing the values allowed, in the office’s words', () => {
  beforeAll(async () => {
    await import('../../assignments/graphql/assignment.types.js');
    await import('../../rectification/circulars/circular.type.js');
  });

  it('in a variable, an inline value, and an enum that cannot represent it', () => {
    expect(chineseFor('Variable "$input" got invalid value "X"; Value "X" does not exist in "AssignmentRole" enum. Did you mean the enum value "LEAD"?', 'BAD_USER_INPUT')).toBe(
      '变量“$input”取值不是可选的值之一（可选：牵头、责任）。',
    );
    expect(chineseFor('Value "X" does not exist in "AssignmentRole" enum.', 'GRAPHQL_VALIDATION_FAILED')).toBe('取值不是可选的值之一（可选：牵头、责任）。');
    expect(chineseFor('Enum "AssignmentRole" cannot represent non-enum value: "X".', 'GRAPHQL_VALIDATION_FAILED')).toBe('取值不是可选的值之一（可选：牵头、责任）。');
  });

  /*
   * web4 fault 2: a value refused inside a variable named only the variable — 「变量“$input”取值不是可选的值之一…」 — not the
   * field it was typed in. It names that field as the forms and input checks do (a list's item: 承担单位1的…), by the
   * variable's input type where the label is that type's own, and lists the values allowed.
   */
  it('inside a variable: names the field the value was typed in, as the forms name it, with the values allowed', () => {
    expect(chineseFor('Variable "$input" got invalid value "X" at "input.units[0].role"; Value "X" does not exist in "AssignmentRole" enum. Did you mean the enum value "LEAD"?', 'BAD_USER_INPUT', undefined, { variableType: 'AssignFindingInput' })).toBe(
      '变量“$input”中的“承担单位1的承担方式（牵头或责任）”取值不是可选的值之一（可选：牵头、责任）。',
    );
    expect(chineseFor('Variable "$input" got invalid value "MAYBE" at "input.outcome"; Value "MAYBE" does not exist in "InspectionOutcome" enum.', 'BAD_USER_INPUT', undefined, { variableType: 'LogInspectionInput' })).toMatch(
      /^变量“\$input”中的“督查结果”取值不是可选的值之一（可选：[^A-Za-z）]+）。$/,
    );
    expect(chineseFor('Variable "$input" got invalid value "PRAISE" at "input.kind"; Value "PRAISE" does not exist in "CircularKind" enum.', 'BAD_USER_INPUT', undefined, { variableType: 'IssueCircularInput' })).toBe(
      '变量“$input”中的“通报类型”取值不是可选的值之一（可选：表扬、通报批评）。',
    );
    expect(chineseFor('Variable "$input" got invalid value "X" at "input.references[1].kind"; Value "X" does not exist in "CircularReferenceKind" enum.', 'BAD_USER_INPUT', undefined, { variableType: 'IssueCircularInput' })).toMatch(
      /^变量“\$input”中的“所涉问题或工作事项2的类型”取值不是可选的值之一（可选：[^A-Za-z）]+）。$/,
    );
    // Other refusals inside a variable name the field too; a field with no label falls back to the variable alone.
    expect(chineseFor('Variable "$input" got invalid value "x" at "input.year"; Int cannot represent non-integer value: "x"', 'BAD_USER_INPUT', undefined, { variableType: 'ImportWorkPlanInput' })).toBe('变量“$input”中的“年度”取值应为整数。');
    expect(chineseFor('Variable "$input" got invalid value "x" at "input.noSuchField"; Int cannot represent non-integer value: "x"', 'BAD_USER_INPUT')).toBe('变量“$input”取值应为整数。');
  });

  it('in an input check: 牵头、责任, not LEAD, RESPONSIBLE', () => {
    const { fieldErrors } = inputRefusal([{ property: 'role', value: 'X', constraints: { isIn: 'role must be one of the following values: LEAD, RESPONSIBLE' }, children: [] }]).details as { fieldErrors: { messageZh: string }[] };
    expect(fieldErrors.map((error) => error.messageZh)).toEqual(['“角色”必须是以下之一：牵头、责任。']);
  });
});

describe('a required field left out is named in Chinese (newcomer50-9 M3)', () => {
  it('says which field, by its office label and its schema name, and what it takes', () => {
    expect(chineseFor('Variable "$i" got invalid value { findingId: "x", approve: true }; Field "unitId" of required type "ID!" was not provided.', 'BAD_USER_INPUT', undefined, { variableType: 'DecideExtensionInput' })).toBe(
      '变量“$i”缺少必填项“单位”（应为编号）。',
    );
  });

  it('names a field with no office label by its schema name', () => {
    expect(chineseFor('Field "DecideExtensionInput.zzUnlabelled" of required type "String!" was not provided.', 'BAD_USER_INPUT')).toBe('缺少必填项“zzUnlabelled”（应为文字）。');
  });
});
