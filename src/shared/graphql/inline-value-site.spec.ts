import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, parse, specifiedRules, validate, type GraphQLFormattedError } from 'graphql';
import { formatGraphqlError } from './format-error.js';
import { inlineValueSiteOf, keepValidatedDocument } from './inline-value-site.js';

/*
 * web5 task 1: a value typed inline in a query (not sent in a variable) was refused 「取值不是可选的值之一（可选：通过、不通过）。」
 * naming no field — graphql-js gives such a refusal no path. The field is found from the error's node in the document the
 * validation kept, and named as a refusal inside a variable names it (「变量“$input”中的“督查结果”…」).
 */
const schema = buildSchema(readFileSync(join(process.cwd(), 'schema.graphql'), 'utf8'));
const format = formatGraphqlError({ hideSchemaDetails: true });

/** What the server answers for each error of validating `query` with the rules the server runs (Apollo formats each). */
function refusalsOf(query: string, rules = [...specifiedRules, keepValidatedDocument]): string[] {
  return validate(schema, parse(query), rules).map((error) => {
    const formatted: GraphQLFormattedError = { message: error.message, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } };
    return format(formatted, error).extensions!.messageZh as string;
  });
}

describe('a value typed inline in a query is refused naming the field it was typed in', () => {
  beforeAll(async () => {
    // The enums' values as the server registers them (listed in the refusal).
    await import('../../assignments/graphql/assignment.types.js');
    await import('../../rectification/circulars/circular.type.js');
    await import('../../rectification/evaluations/evaluation.types.js');
  });

  it('a field of an input typed inline: as the variable’s refusal names it, with the values allowed', () => {
    expect(refusalsOf('mutation { logInspection(input: { idempotencyKey: "k", findingId: "f", unitId: "u", outcome: MAYBE, notes: "n", place: "p" }) { id } }')).toEqual([
      '参数“input”中的“督查结果”取值不是可选的值之一（可选：通过、不通过）。',
    ]);
    expect(refusalsOf('mutation { issueCircular(input: { idempotencyKey: "k", kind: PRAISE, title: "t", issuedOn: "2026-05-01", reason: "r", unitIds: ["u"] }) { id } }')).toContain(
      '参数“input”中的“通报类型”取值不是可选的值之一（可选：表扬、通报批评）。',
    );
  });

  it('a field inside a list’s item: named as the forms number it', () => {
    expect(refusalsOf('mutation { assignFinding(input: { idempotencyKey: "k", findingId: "f", units: [{ unitId: "a", role: LEAD, dueDate: "2026-09-01" }, { unitId: "b", role: X, dueDate: "2026-09-01" }] }) { id } }')).toEqual([
      '参数“input”中的“承担单位2的承担方式（牵头或责任）”取值不是可选的值之一（可选：牵头、责任）。',
    ]);
  });

  it('an argument itself, a string for an enum, a scalar of the wrong kind, and a variable’s default value', () => {
    expect(refusalsOf('{ findings(first: 5, status: DONE) { totalCount } }')).toEqual(['参数“status”（状态）取值不是可选的值之一（可选：待交办、整改中、已销号、已撤销）。']);
    expect(refusalsOf('{ findings(first: 5, light: "RED") { totalCount } }')).toEqual(['参数“light”（灯色）取值不是可选的值之一（可选：绿灯、黄灯、红灯）。']);
    expect(refusalsOf('{ findings(first: "5") { totalCount } }')).toEqual(['参数“first”取值应为整数。']);
    expect(refusalsOf('query($s: FindingStatus = DONE) { findings(first: 5, status: $s) { totalCount } }')).toEqual(['变量“$s”的默认值取值不是可选的值之一（可选：待交办、整改中、已销号、已撤销）。']);
  });

  it('without the document kept (another server’s rules), says what it said before — never a wrong field', () => {
    expect(refusalsOf('{ findings(first: 5, status: DONE) { totalCount } }', [...specifiedRules])).toEqual(['取值不是可选的值之一（可选：待交办、整改中、已销号、已撤销）。']);
  });

  it('finds no site for an error about anything but an inline value', () => {
    const [error] = validate(schema, parse('{ noSuchField }'), [...specifiedRules, keepValidatedDocument]);
    expect(inlineValueSiteOf(error)).toBeUndefined();
  });
});
