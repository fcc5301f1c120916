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
      password: '最多 1024 个字符',
      short: '至少 8 个字符',
      title: '最多 200 个字符',
      between: '至少 8 个字符',
      ranged: '长度应为 8 到 128 个字符',
      few: '至少 2 项',
      many: '最多 1 项',
      low: '不能小于 3',
      high: '不能大于 5',
    });
  });

  it('says a report needs at least 1 piece of evidence', () => {
    const input = plainToInstance(ReportPayload, { idempotencyKey: 'k', unitId: '00000000-0000-4000-8000-000000000000', summary: '已整改', evidence: [] });
    const { fieldErrors } = inputRefusal(validateSync(input)).details as { fieldErrors: { field: string; messageZh: string }[] };
    expect(fieldErrors).toEqual([{ field: 'evidence', message: expect.any(String), messageZh: '至少 1 项' }]);
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
      { field: 'evidence.0.link', message: `evidence.0.link must be an http(s) URL (did you mean ${meant}?)`, messageZh: `缺少开头的 https://，是否指 ${meant}？网址须以 http:// 或 https:// 开头` },
    ]);
    expect(refusal.messageZh).toContain(`是否指 ${meant}？`);
  });

  it.each(['javascript:alert(1)', 'oa/xxgk', 'www.example.gov.cn/a b', '见附件'])('%s: no guess, the general rule', (typed) => {
    const [error] = refusalOf(typed).details.fieldErrors;
    expect(error!.message).toBe('evidence.0.link must be an http(s) URL');
    expect(error!.messageZh).toContain('必须是以 http:// 或 https:// 开头的有效网址');
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
