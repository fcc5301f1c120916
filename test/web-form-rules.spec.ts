import { isRequired, isShown, refusalsStillStanding, requiredMessage, shortLabel } from '../web/src/form-rules.js';

/*
 * breaker8c P18: the inspection form's 重新整改的时限 is shown only for 不通过, and required when the
 * inspection day is after the part's due date. A pass dated after the due date was never sent: the
 * hidden field counted as required, and its refusal went beside a field nobody could see.
 */
describe('which fields of a form count', () => {
  const dueDate = '2016-07-31';
  const failed = (values: Record<string, unknown>) => values.outcome === 'FAILED';
  const newDueDate = {
    shownWhen: failed,
    requiredWhen: (values: Record<string, unknown>) => typeof values.inspectedOn === 'string' && values.inspectedOn > dueDate,
  };

  it('never requires a field the form does not show: a late pass can be sent', () => {
    const latePass = { outcome: 'PASSED', inspectedOn: '2016-08-05' };
    expect(isShown(newDueDate, latePass)).toBe(false);
    expect(isRequired(newDueDate, latePass)).toBe(false);
  });

  it('requires it once shown and its rule says so: a late failure needs the new due date', () => {
    const lateFailure = { outcome: 'FAILED', inspectedOn: '2016-08-05' };
    expect(isShown(newDueDate, lateFailure)).toBe(true);
    expect(isRequired(newDueDate, lateFailure)).toBe(true);
    expect(isRequired(newDueDate, { outcome: 'FAILED', inspectedOn: '2016-07-25' })).toBe(false);
  });

  it('keeps plain fields as declared', () => {
    expect(isShown({}, {})).toBe(true);
    expect(isRequired({ required: true }, {})).toBe(true);
    expect(isRequired({}, {})).toBe(false);
  });
});

/*
 * breaker11e P7: 撤销问题 with its reason empty said 请填写“撤销理由（如：与某问题重复登记、评估机构来函撤回）”。 — the
 * whole label with its example. A refusal names the field by its label without hints or examples.
 */
describe('what a required field left empty says', () => {
  it('names the field without the hint or example its label carries', () => {
    expect(requiredMessage({ label: '撤销理由（如：与某问题重复登记、评估机构来函撤回）', type: 'textarea' })).toBe('请填写“撤销理由”。');
    expect(requiredMessage({ label: '交办：牵头单位（可暂不交办，之后在问题页面交办）', type: 'select' })).toBe('请选择“牵头单位”。');
    expect(requiredMessage({ label: '督查日期（实际督查的那一天）', type: 'date' })).toBe('请选择“督查日期”。');
    expect(requiredMessage({ label: '督查地点', type: 'text' })).toBe('请填写“督查地点”。');
  });

  it('keeps a label that is all hint as it is, never an empty name', () => {
    expect(shortLabel('（备注）')).toBe('（备注）');
  });
});

/*
 * newcomer23 S6: after an empty press, 请选择“督查结果”。 stayed under the radio buttons once 不通过 was chosen
 * (and every other field's message until the next press). A refusal goes when its field is changed.
 */
describe('which refusals beside fields stand once the form is edited', () => {
  const refusedAt = { outcome: '', place: '', evidence: [{ title: '', link: '' }], inspectedOn: '' };
  const refusals = { outcome: '请选择“督查结果”。', place: '请填写“督查地点”。', 'evidence.0.title': '请填写名称。', inspectedOn: '“督查日期”读不出日期：2016-13-01。' };

  it('drops the refusal of the field just chosen, keeps the others', () => {
    const now = { ...refusedAt, outcome: 'FAILED' };
    expect(refusalsStillStanding(refusals, refusedAt, now)).toEqual({ place: '请填写“督查地点”。', 'evidence.0.title': '请填写名称。', inspectedOn: '“督查日期”读不出日期：2016-13-01。' });
  });

  it('drops a row’s refusal when its list is edited', () => {
    const now = { ...refusedAt, evidence: [{ title: '整改报告', link: '' }] };
    expect(Object.keys(refusalsStillStanding(refusals, refusedAt, now))).toEqual(['outcome', 'place', 'inspectedOn']);
  });

  it('keeps a refusal its own field withdraws (a date field’s unreadable text), and all while nothing changed', () => {
    const now = { ...refusedAt, inspectedOn: '' , place: '青川市政务服务中心' };
    expect(refusalsStillStanding(refusals, refusedAt, { ...refusedAt, inspectedOn: '2016-06-01' }, new Set(['inspectedOn']))).toHaveProperty('inspectedOn');
    expect(refusalsStillStanding(refusals, refusedAt, refusedAt)).toEqual(refusals);
    expect(refusalsStillStanding(refusals, refusedAt, now)).not.toHaveProperty('place');
  });
});
