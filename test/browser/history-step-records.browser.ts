import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { launchChromium } from './support/browser.js';
import { seenInForm, setDayIn, submitAndClose } from './support/form-fields.js';
import { browserContexts, officeDay, setUpMutations } from './support/suite.js';

/*
 * h57b (breaker55-8 S4, S6): a split hand-over (按事项移交) and a unit's removal (移除单位) typed wrong could be retracted and
 * redated through the API only: no card lists them, and the history — the one place that does — offered nothing. Their history
 * lines now offer 更正记录日期 and 撤销此记录 with the dialogs a card's records have: the step named, the server asked first, what
 * changes said and confirmed. And the 重新打开 the server writes with a reopening found closed is no longer offered for 撤销此记录
 * (refused alone): the card names the reopening it goes with instead.
 */
const dialog = (page: Page) => page.locator('.el-dialog:visible');

describe('the history’s hand-over and removal lines are retracted and redated there; a server-written reopening names its cause', () => {
  let app: TestApp;
  let browser: Browser;
  const contexts = browserContexts(() => ({ app, browser }));
  const SUPERVISOR = 'rct_demo_supervisor_qingchuan';
  const units: Record<string, { id: string; name: string }> = {};
  const items: Record<string, string> = {};
  let findingId: string;
  const asSupervisor = { authorization: `Bearer ${SUPERVISOR}` };

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp({ demoData: true, now: new Date().toISOString() }), launchChromium()]);
    const listed = await app.graphql(`{ units { id code name } evaluations(first: 1) { nodes { id } } }`);
    for (const code of ['FGW', 'CZJ', 'JYJ']) units[code] = listed.data!.units.find((unit: { code: string }) => unit.code === code);
    const act = setUpMutations(() => app, 'h57b');
    const due = `${officeDay(0).slice(0, 4)}-12-31`;
    const csv = `类别编号,类别,编号,事项,内容,牵头单位,责任单位,完成时限\n一,推进五公开,1,公开重大建设项目批复,,${units.FGW!.name},${units.CZJ!.name},${due}\n一,推进五公开,2,公开财政预决算,,${units.FGW!.name},${units.CZJ!.name},${due}\n`;
    const imported = await app.graphql(`mutation($input: ImportWorkPlanInput!) { importWorkPlan(input: $input) { planId } }`, {
      input: { idempotencyKey: 'h57b-plan', fileName: 'plan.csv', title: '青川市政务公开工作要点（移交与移除）', year: Number(officeDay(0).slice(0, 4)), contentBase64: Buffer.from(csv).toString('base64'), approvedOn: officeDay(-20), assignedOn: officeDay(-19) },
    }, asSupervisor);
    if (imported.errors) throw new Error(JSON.stringify(imported.errors));
    const plan = await app.graphql(`query($id: ID!) { workPlan(id: $id) { categories { items { id code } } } }`, { id: imported.data!.importWorkPlan.planId }, asSupervisor);
    for (const item of plan.data!.workPlan.categories[0].items as { id: string; code: string }[]) items[item.code] = item.id;
    // 财政局's part of item 1 handed to 教育局 alone, a day early; 财政局 taken off item 2.
    const split = await app.graphql(`mutation($input: HandOverUnitPartsInput!) { handOverUnitParts(input: $input) { workPlanItemIds } }`, {
      input: { idempotencyKey: 'h57b-split', unitId: units.CZJ!.id, successorUnitId: units.JYJ!.id, reason: '职能划转', handedOverOn: officeDay(-6), only: [items['1']] },
    }, await app.as('ADMIN'));
    if (split.errors) throw new Error(JSON.stringify(split.errors));
    const removed = await app.graphql(`mutation($input: RemoveWorkPlanItemUnitInput!) { removeWorkPlanItemUnit(input: $input) { id } }`, { input: { idempotencyKey: 'h57b-remove', itemId: items['2'], unitId: units.CZJ!.id, unassignedOn: officeDay(-5), reason: '配合单位调整' } }, asSupervisor);
    if (removed.errors) throw new Error(JSON.stringify(removed.errors));
    // A finding whose part-only reopening (发改委's, 05-27 of the story) found it closed by a pass dated before it, typed after.
    findingId = await act('recordFinding', { evaluationId: listed.data!.evaluations.nodes[0].id, title: '环境信息公开不及时', description: '环境信息公开不及时', category: '主动公开', severity: 'LOW', concernedUnitIds: [units.FGW!.id, units.CZJ!.id], identifiedOn: officeDay(-30) });
    await act('assignFinding', { findingId, assignedOn: officeDay(-28), units: [{ unitId: units.FGW!.id, role: 'LEAD', dueDate: officeDay(10) }, { unitId: units.CZJ!.id, role: 'RESPONSIBLE', dueDate: officeDay(10) }] });
    await act('reportRectification', { findingId, unitId: units.FGW!.id, reportedOn: officeDay(-15), summary: '已整改', evidence: [{ title: '公开页面', documentRef: '发改〔2026〕7号' }] });
    const inspector = await app.as('INSPECTOR');
    await setUpMutations(() => app, 'h57b-fgw')('logInspection', { findingId, unitId: units.FGW!.id, inspectedOn: officeDay(-14), outcome: 'PASSED', place: '市发改委', notes: '' }, inspector);
    await setUpMutations(() => app, 'h57b-czj')('reportRectification', { findingId, unitId: units.CZJ!.id, reportedOn: officeDay(-13), summary: '已整改', evidence: [{ title: '预算公开', documentRef: '财〔2026〕3号' }] });
    await act('reopenFinding', { findingId, reason: '复查发现问题反弹', reopenedOn: officeDay(-8), newDueDate: officeDay(20) });
    await setUpMutations(() => app, 'h57b-czj')('logInspection', { findingId, unitId: units.CZJ!.id, inspectedOn: officeDay(-9), outcome: 'PASSED', place: '市财政局', notes: '' }, inspector);
  });
  afterAll(() => contexts.closeAll());

  const parts = async (code: string, asOf?: string) => {
    const { data } = await app.graphql(`query($id: ID!, $asOf: String) { workPlanItem(id: $id, asOf: $asOf) { parts { unitId } } }`, { id: items[code], asOf }, asSupervisor);
    return (data!.workPlanItem.parts as { unitId: string }[]).map((part) => Object.entries(units).find(([, unit]) => unit.id === part.unitId)?.[0]).sort();
  };

  it('a split hand-over’s line: 更正记录日期 moves it, confirmed with what changes; 撤销此记录 gives the part back', async () => {
    const { page } = await contexts.open({ token: SUPERVISOR });
    await page.goto(`/items/${items['1']}`);
    const line = page.locator('[data-test="timeline"] tr', { hasText: `${units.CZJ!.name} → ${units.JYJ!.name}` }).filter({ has: page.locator('[data-test="history-step-actions"]') });
    await line.locator('[data-test="redate-step"]').click();
    await page.locator('[data-test="redated-step"]', { hasText: `按事项移交（${officeDay(-6)}，${units.CZJ!.name} → ${units.JYJ!.name}）` }).waitFor();
    const redate = page.locator('[data-test="form-step-correctRecord"]');
    await setDayIn(redate, '实际移交日期', officeDay(-4));
    await redate.getByLabel('更正理由').fill('移交日期录错');
    await redate.getByRole('button', { name: '更正记录日期' }).click();
    await redate.locator('[data-test="form-confirm"]', { hasText: `更正后：${units.CZJ!.name}的任务于 ${officeDay(-4)} 移交${units.JYJ!.name}（原录 ${officeDay(-6)}）；${officeDay(-6)} 至 ${officeDay(-4)} 前一天由${units.CZJ!.name}承担` }).waitFor();
    await submitAndClose(redate, /确认/u);
    expect(await parts('1', officeDay(-5))).toEqual(['CZJ', 'FGW']);
    expect(await parts('1')).toEqual(['FGW', 'JYJ']);

    // The line of the corrected day offers the retraction; the retracted one nothing.
    const moved = page.locator('[data-test="timeline"] tr', { hasText: `${units.CZJ!.name} → ${units.JYJ!.name}` }).filter({ has: page.locator('[data-test="history-step-actions"]') });
    await moved.first().locator('[data-test="retract-step"]').waitFor();
    expect(await moved.count()).toBe(1);
    await moved.locator('[data-test="retract-step"]').click();
    await page.locator('[data-test="retracted-step"]', { hasText: `撤销按事项移交（${officeDay(-4)}，${units.CZJ!.name} → ${units.JYJ!.name}）` }).waitFor();
    await page.locator('[data-test="retraction-consequence"]', { hasText: `撤销后：${units.CZJ!.name}的任务视为从未移交` }).waitFor();
    const retract = page.locator('[data-test="form-step-retractRecord"]');
    await seenInForm(dialog(page), retract, 'the retraction form of the hand-over');
    await retract.getByLabel('撤销理由（录入错误的原因）').fill('该事项不在划转范围');
    await retract.getByRole('button', { name: '撤销此记录（录入错误）' }).click();
    await retract.locator('[data-test="form-confirm"]', { hasText: `${units.JYJ!.name}不再承担该事项中的这项任务` }).waitFor();
    await submitAndClose(retract, /确认/u);
    expect(await parts('1')).toEqual(['CZJ', 'FGW']);
    await page.locator('[data-test="history-step-actions"]').waitFor({ state: 'detached' });
  });

  it('a removal’s line: 撤销此记录 puts the unit’s part back on the item', async () => {
    const { page } = await contexts.open({ token: SUPERVISOR });
    await page.goto(`/items/${items['2']}`);
    const line = page.locator('[data-test="timeline"] tr', { hasText: units.CZJ!.name }).filter({ has: page.locator('[data-test="history-step-actions"]') });
    await line.locator('[data-test="retract-step"]').click();
    await page.locator('[data-test="retracted-step"]', { hasText: `撤销移除单位（${officeDay(-5)}，${units.CZJ!.name}）` }).waitFor();
    await page.locator('[data-test="retraction-consequence"]', { hasText: `撤销后：${units.CZJ!.name}的任务恢复到该事项中，视为从未移除` }).waitFor();
    const retract = page.locator('[data-test="form-step-retractRecord"]');
    await retract.getByLabel('撤销理由（录入错误的原因）').fill('不应移除');
    await retract.getByRole('button', { name: '撤销此记录（录入错误）' }).click();
    await submitAndClose(retract, /确认/u);
    expect(await parts('2')).toEqual(['CZJ', 'FGW']);
    await page.locator(`[data-test="part-${units.CZJ!.name}"]`).waitFor();
  });

  it('the 重新打开 the server wrote with a reopening found closed offers no 撤销此记录 and names the reopening it goes with', async () => {
    const { page } = await contexts.open({ token: SUPERVISOR });
    await page.goto(`/findings/${findingId}`);
    const written = page.locator(`[data-test="part-${units.CZJ!.name}"] .entry`, { hasText: `退回日期 ${officeDay(-8)}` });
    await written.locator('[data-test="return-goes-with"]', { hasText: `系统随${units.FGW!.name}任务上 ${officeDay(-8)} 的重新打开一并记下` }).waitFor();
    expect(await written.locator('[data-test="retract-record"]').count()).toBe(0);
    // The office's own reopening, on 发改委's card, keeps its 撤销此记录.
    await page.locator(`[data-test="part-${units.FGW!.name}"] .entry`, { hasText: `退回日期 ${officeDay(-8)}` }).locator('[data-test="retract-record"]').waitFor();
    // Nor is it offered to 更正记录日期 on 财政局's card (refused alone too).
    await page.locator(`[data-test="part-${units.CZJ!.name}"]`).getByRole('button', { name: '更正记录日期' }).click();
    const form = page.locator('[data-test="form-correctRecord"]');
    await form.getByLabel('要更正的记录').click();
    await page.locator('.el-select-dropdown__item:visible').first().waitFor();
    expect(await page.locator('.el-select-dropdown__item:visible', { hasText: '重新打开' }).count()).toBe(0);
  });
});
