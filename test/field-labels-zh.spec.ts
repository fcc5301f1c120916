import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fieldLabelZh } from '../src/shared/graphql/field-labels-zh.js';

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
