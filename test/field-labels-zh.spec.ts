import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, getNamedType, isEnumType, isObjectType } from 'graphql';
import { argumentLabelZh, fieldLabelZh } from '../src/shared/graphql/field-labels-zh.js';

/*
 * breaker11e P3: an input check's Chinese refusal named the field by the schema's English name
 * (输入有误：“reason”不能为空。). Every field of every input type in schema.graphql has its Chinese
 * name, so a field added later without one fails here, not in front of a clerk.
 */
function inputFields(schema: string): { inputType: string; field: string }[] {
  return [...schema.matchAll(/^input (\w+)[^{]*\{\n([\s\S]*?)^\}/gm)].flatMap(([, inputType, body]) =>
    [...body!.replace(/"""[\s\S]*?"""/g, '').replace(/"[^"\n]*"/g, '').matchAll(/^ {2}(\w+)\s*[:(]/gm)].map(([, field]) => ({ inputType: inputType!, field: field! })),
  );
}

describe('the Chinese name of every input field', () => {
  const fields = inputFields(readFileSync(join(process.cwd(), 'schema.graphql'), 'utf8'));

  it('reads the schema’s inputs', () => {
    expect(fields).toEqual(expect.arrayContaining([{ inputType: 'WithdrawFindingInput', field: 'reason' }, { inputType: 'EvidenceInput', field: 'link' }]));
  });

  it('exists for each, in Chinese', () => {
    const missing = fields.filter(({ inputType, field }) => !/[\u4e00-\u9fff]/.test(fieldLabelZh(inputType, field) ?? '')).map(({ inputType, field }) => `${inputType}.${field}`);
    expect(missing).toEqual([]);
  });

  it('says what a reason is for, by what the input does', () => {
    expect(fieldLabelZh('WithdrawFindingInput', 'reason')).toBe('撤销理由');
    expect(fieldLabelZh('SendBackWorkPlanItemReportInput', 'reason')).toBe('退办理由');
    expect(fieldLabelZh('CorrectRecordDateInput', 'reason')).toBe('更正理由');
    expect(fieldLabelZh('RecordFindingInput', 'title')).toBe('问题');
  });
});

/*
 * web5 task 1: a value typed inline for an argument (`findings(status: DONE)`) is refused naming the argument by its label —
 * 「参数“status”（状态）…」 — so every argument that takes an enum's values has one.
 */
describe('the Chinese name of every argument taking an enum’s values', () => {
  it('exists for each, in Chinese', () => {
    const schema = buildSchema(readFileSync(join(process.cwd(), 'schema.graphql'), 'utf8'));
    const enumArguments = Object.values(schema.getTypeMap())
      .filter(isObjectType)
      .flatMap((type) => Object.values(type.getFields()).flatMap((field) => field.args.filter((argument) => isEnumType(getNamedType(argument.type))).map((argument) => `${type.name}.${field.name}(${argument.name})`)));
    expect(enumArguments).toContain('Query.findings(status)');
    expect(enumArguments.filter((name) => !/[\u4e00-\u9fff]/.test(argumentLabelZh(/\((\w+)\)$/.exec(name)![1]!) ?? ''))).toEqual([]);
  });
});
