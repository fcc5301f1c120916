import { unitIdForCode } from '../../src/organization/units/unit-id.js';
import { errorCode, startTestApp, type TestApp } from '../support/test-app.js';

/*
 * addWorkPlanItem: a supervisor adds one item to the demo's imported 2026 plan between versions.
 * The outline and the item (with its parts) are written together or not at all; the plan keeps
 * its file. The app is on 2026-04-01 (China time).
 */

const ADD = `mutation($input: AddWorkPlanItemInput!) {
  addWorkPlanItem(input: $input) { id planId categoryCode code title measures dueDate status parts { unitId role dueDate assignedOn } }
}`;
const OUTLINE = `query($id: ID!) { workPlan(id: $id) { categories { code title items { code } } } }`;

describe('Adding one item to an imported work plan', () => {
  let app: TestApp;
  let planId: string;

  beforeAll(async () => {
    app = await startTestApp({ demoData: true });
    const plans = await app.graphql<{ workPlans: { id: string }[] }>('{ workPlans { id } }');
    planId = plans.data!.workPlans[0]!.id;
  });

  afterAll(() => app.close());

  const input = (overrides: Record<string, unknown> = {}) => ({
    idempotencyKey: `add-item-${Math.random()}`,
    planId,
    categoryCode: '一',
    code: '36',
    title: '政务公开新媒体矩阵建设',
    measures: '整合各部门政务新媒体账号，统一发布口径',
    leadUnitId: unitIdForCode('OPENNESS'),
    responsibleUnitIds: [unitIdForCode('CZJ')],
    dueDate: '2026-09-30',
    reason: '市政府常务会议（2026年第8次）决定增加',
    ...overrides,
  });
  const codesOf = async (category: string): Promise<string[]> => {
    const outline = await app.graphql(OUTLINE, { id: planId });
    return outline.data?.workPlan.categories.find((each: { code: string }) => each.code === category)?.items.map((item: { code: string }) => item.code) ?? [];
  };

  it('adds the item at the end of its category, assigned to its units, with its measures; a retry writes nothing', async () => {
    const request = input({ idempotencyKey: 'add-item-36' });
    const added = await app.graphql(ADD, { input: request });
    expect(added.errors).toBeUndefined();
    expect(added.data?.addWorkPlanItem).toMatchObject({
      planId,
      categoryCode: '一',
      code: '36',
      measures: '整合各部门政务新媒体账号，统一发布口径',
      dueDate: '2026-09-30',
      status: 'OPEN',
      parts: [
        { unitId: unitIdForCode('OPENNESS'), role: 'LEAD', dueDate: '2026-09-30', assignedOn: '2026-04-01' },
        { unitId: unitIdForCode('CZJ'), role: 'RESPONSIBLE', dueDate: '2026-09-30' },
      ],
    });
    expect((await codesOf('一')).at(-1)).toBe('36');

    const before = await app.logPosition();
    const retried = await app.graphql(ADD, { input: request });
    expect(retried.data?.addWorkPlanItem.code).toBe('36');
    expect(await app.logPosition()).toBe(before);

    const again = await app.graphql(ADD, { input: input() });
    expect(errorCode(again)).toBe('CONFLICT');
    expect(again.errors?.[0]?.extensions?.messageZh).toContain('已有编号为 36 的事项');
    expect(await app.logPosition()).toBe(before);
  });

  it('writes nothing, neither outline nor item, when the item is refused', async () => {
    const unitUser = await app.as('UNIT', unitIdForCode('CZJ'));
    const before = await app.logPosition();
    const unknownUnit = await app.graphql(ADD, { input: input({ code: '37', leadUnitId: '2b1c5d8e-0000-4000-8000-00000000000f' }) });
    expect(errorCode(unknownUnit)).toBe('NOT_FOUND');
    const late = await app.graphql(ADD, { input: input({ code: '37', dueDate: '2027-03-31' }) });
    expect(errorCode(late)).toBe('BAD_USER_INPUT');
    expect(late.errors?.[0]?.extensions?.messageZh).toContain('2026');
    const noCategory = await app.graphql(ADD, { input: input({ code: '37', categoryCode: '九' }) });
    expect(errorCode(noCategory)).toBe('BAD_USER_INPUT');
    expect(errorCode(await app.graphql(ADD, { input: input({ code: '37' }) }, unitUser))).toBe('FORBIDDEN');
    expect(await app.logPosition()).toBe(before);
    expect(await codesOf('一')).not.toContain('37');
  });

  it('adds a new category with its title, and a due date past the plan with a supervisor’s reason', async () => {
    const added = await app.graphql(ADD, {
      input: input({ code: '38', categoryCode: '四', categoryTitle: '机构改革后的公开衔接', dueDate: '2027-03-31', overrideReason: '跨年度任务，经分管副市长同意' }),
    });
    expect(added.errors).toBeUndefined();
    expect(added.data?.addWorkPlanItem).toMatchObject({ categoryCode: '四', dueDate: '2027-03-31' });
    const outline = await app.graphql(OUTLINE, { id: planId });
    expect(outline.data?.workPlan.categories.find((category: { code: string }) => category.code === '四')).toEqual({
      code: '四',
      title: '机构改革后的公开衔接',
      items: [{ code: '38' }],
    });
  });
});
