import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Issue 9 (nothing lost: concurrency is optimistic, a conflict is reported, never lost) for the whole kind of "set a value"
 * commands, through HTTP GraphQL on a real SQLite file with the demo's records. Two colleagues — 张伟 (the demo's supervisor) and
 * another supervisor; the demo's administrator and another administrator — correct one value from forms that both showed it:
 * the second, at the same instant or seconds later, is refused CONFLICT naming who set what, when and why, and the first value
 * stays; the applied request sent again with its key gets the applied answer, nothing appended twice.
 */
const ZHANG = { authorization: 'Bearer rct_demo_supervisor_qingchuan' };
const DEMO_ADMIN = { authorization: 'Bearer rct_demo_admin_qingchuan' };

type Answer = { data?: Record<string, Record<string, unknown> | null> | null; errors?: { extensions?: { code?: string; messageZh?: string; field?: string } }[] };
const plusDays = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
/** 「…刚由<who>改为 <now>（北京时间 2026-04-01 hh:mm；理由：<reason>；表单显示的是 <shown>）：请确认后再调整，本次未作修改。」 */
const told = (what: string, who: string, now: string, reason: string, shown: string) =>
  new RegExp(`^${what}刚由${who}改为 ${now}（北京时间 2026-04-01 \\d\\d:\\d\\d；理由：${reason}；表单显示的是 ${shown}）：请确认后再调整，本次未作修改。$`);

describe('every "set a value" command: a second colleague setting a value the first just set is told, never silently replaces it (issue 9)', () => {
  let app: TestApp;
  let otherAdmin: Record<string, string>;

  beforeAll(async () => {
    app = await startTestApp({ demoData: true, now: '2026-04-01T09:00:00+08:00' });
    otherAdmin = await app.as('ADMIN');
  });
  afterAll(() => app.close());

  const ok = (answer: Answer) => {
    expect(answer.errors).toBeUndefined();
    return answer;
  };
  const refused = (answer: Answer, field: string, pattern: RegExp) => {
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field });
    expect(answer.errors![0]!.extensions!.messageZh).toMatch(pattern);
  };

  it('the plan’s approval day, the evaluation’s received day and a finding’s 发现日期: the second supervisor is refused naming 张伟; retries answer as first answered', async () => {
    const plan = (await app.graphql<{ workPlans: { id: string; title: string; approvedOn: string }[] }>('{ workPlans { id title approvedOn } }')).data!.workPlans[0]!;
    const APPROVAL = `mutation($i: CorrectWorkPlanApprovalInput!) { correctWorkPlanApproval(input: $i) { id approvedOn } }`;
    const approval = (headers: Record<string, string> | undefined, key: string, approvedOn: string, expectedApprovedOn: string, reason: string) =>
      app.graphql(APPROVAL, { i: { idempotencyKey: key, planId: plan.id, approvedOn, expectedApprovedOn, reason } }, headers) as Promise<Answer>;
    const firstDay = plusDays(plan.approvedOn, -1);
    ok(await approval(ZHANG, 'approval-zhang', firstDay, plan.approvedOn, '按印发文件'));
    refused(await approval(undefined, 'approval-colleague', plusDays(plan.approvedOn, -2), plan.approvedOn, '按收文'), 'expectedApprovedOn', told(`工作方案「${plan.title}」的批准日期`, '张伟（政务公开办）', firstDay, '按印发文件', plan.approvedOn));
    // 张伟's applied request sent again with its key: the applied answer.
    expect(ok(await approval(ZHANG, 'approval-zhang', firstDay, plan.approvedOn, '按印发文件')).data!.correctWorkPlanApproval).toMatchObject({ approvedOn: firstDay });

    const evaluation = ((await app.graphql(`{ evaluations(first: 1) { nodes { id title receivedOn } } }`)).data!.evaluations as { nodes: { id: string; title: string; receivedOn: string }[] }).nodes[0]!;
    const RECEIVED = `mutation($i: CorrectEvaluationReceivedOnInput!) { correctEvaluationReceivedOn(input: $i) { id receivedOn } }`;
    const received = (headers: Record<string, string> | undefined, key: string, receivedOn: string, reason: string) =>
      app.graphql(RECEIVED, { i: { idempotencyKey: key, evaluationId: evaluation.id, receivedOn, expectedReceivedOn: evaluation.receivedOn, reason } }, headers) as Promise<Answer>;
    const receivedOn = plusDays(evaluation.receivedOn, -10);
    ok(await received(ZHANG, 'received-zhang', receivedOn, '按收文登记簿'));
    refused(await received(undefined, 'received-colleague', plusDays(evaluation.receivedOn, -12), '按邮戳'), 'expectedReceivedOn', told(`评估报告“${evaluation.title}”的收到日期`, '张伟（政务公开办）', receivedOn, '按收文登记簿', evaluation.receivedOn));

    const finding = ((await app.graphql(`{ findings(first: 1) { nodes { id title identifiedOn } } }`)).data!.findings as { nodes: { id: string; title: string; identifiedOn: string }[] }).nodes[0]!;
    const IDENTIFIED = `mutation($i: CorrectFindingIdentifiedOnInput!) { correctFindingIdentifiedOn(input: $i) { id identifiedOn } }`;
    const identified = (headers: Record<string, string> | undefined, key: string, identifiedOn: string, reason: string) =>
      app.graphql(IDENTIFIED, { i: { idempotencyKey: key, findingId: finding.id, identifiedOn, expectedIdentifiedOn: finding.identifiedOn, reason } }, headers) as Promise<Answer>;
    const identifiedOn = plusDays(finding.identifiedOn, -1);
    ok(await identified(ZHANG, 'identified-zhang', identifiedOn, '清单落款'));
    refused(await identified(undefined, 'identified-colleague', plusDays(finding.identifiedOn, -2), '按评估报告'), 'expectedIdentifiedOn', told(`问题「${finding.title}」的发现日期`, '张伟（政务公开办）', identifiedOn, '清单落款', finding.identifiedOn));
    expect(ok(await identified(ZHANG, 'identified-zhang', identifiedOn, '清单落款')).data!.correctFindingIdentifiedOn).toMatchObject({ identifiedOn });
  });

  it('two supervisors typing in a return’s 重新整改时限 from its paper (更正记录日期, day kept): the second, whose card showed the old date, is refused naming 张伟; nothing appended (breaker53-9 S1)', async () => {
    type Found = { id: string; title: string; assignments: { unitId: string; unit: { name: string }; returns: { cause: string; returnedOn: string; newDueDate: string | null }[] }[] };
    const findings = ((await app.graphql(`{ findings(first: 200) { nodes { id title assignments { unitId unit { name } returns { cause returnedOn newDueDate } } } } }`)).data!.findings as { nodes: Found[] }).nodes;
    const RECORD: Record<string, string> = { INSPECTION_FAILED: 'INSPECTION', SENT_BACK: 'SEND_BACK', REOPENED: 'REOPENING' };
    const WORDS: Record<string, string> = { INSPECTION: '督查', SEND_BACK: '退办', REOPENING: '重新打开' };
    const found = findings.flatMap((finding) => finding.assignments.flatMap((part) => part.returns.filter((returned) => returned.cause !== 'REOPENED').map((returned) => ({ finding, part, returned }))))[0];
    expect(found).toBeDefined();
    const { finding, part, returned } = found!;
    const record = RECORD[returned.cause]!;
    const shown = returned.newDueDate ?? '';
    const MUTATION = `mutation($i: CorrectRecordDateInput!) { correctRecordDate(input: $i) { id } }`;
    const give = (headers: Record<string, string> | undefined, key: string, newDueDate: string, reason: string) =>
      app.graphql(MUTATION, { i: { idempotencyKey: key, findingId: finding.id, unitId: part.unitId, record, previousOn: returned.returnedOn, on: returned.returnedOn, newDueDate, expectedNewDueDate: shown, reason } }, headers) as Promise<Answer>;
    const history = async () => ((await app.graphql(`query($id: ID!) { finding(id: $id) { history { eventId } } }`, { id: finding.id })).data!.finding as { history: unknown[] }).history.length;
    const first = plusDays(returned.returnedOn, 20);
    ok(await give(ZHANG, 'return-due-zhang', first, '纸质通知为该日'));
    const before = await history();
    refused(await give(undefined, 'return-due-colleague', plusDays(returned.returnedOn, 25), '按纸质通知'), 'expectedNewDueDate', told(`${part.unit.name} ${returned.returnedOn} ${WORDS[record]}的重新整改时限`, '张伟（政务公开办）', first, '纸质通知为该日', shown || '未填写'));
    expect(await history()).toBe(before);
    ok(await give(ZHANG, 'return-due-zhang', first, '纸质通知为该日'));
    const after = ((await app.graphql(`query($id: ID!) { finding(id: $id) { assignments { unitId returns { returnedOn newDueDate } } } }`, { id: finding.id })).data!.finding as Found).assignments.find((one) => one.unitId === part.unitId)!;
    expect(after.returns.find((one) => one.returnedOn === returned.returnedOn)!.newDueDate).toBe(first);
  });

  it('two administrators renaming one unit and correcting its registration: the second is refused naming the first; shown the new value, it is applied', async () => {
    const unit = (await app.graphql<{ units: { id: string; code: string; name: string; registeredOn: string }[] }>('{ units { id code name registeredOn } }')).data!.units[0]!;
    const RENAME = `mutation($i: RenameUnitInput!) { renameUnit(input: $i) { id name } }`;
    const rename = (headers: Record<string, string>, key: string, name: string, expectedName: string) =>
      app.graphql(RENAME, { i: { idempotencyKey: key, unitId: unit.id, name, expectedName, reason: '机构改革', renamedOn: '2026-03-31' } }, headers) as Promise<Answer>;
    const first = `${unit.name}（新）`;
    ok(await rename(DEMO_ADMIN, 'rename-first', first, unit.name));
    const second = await rename(otherAdmin, 'rename-second', `${unit.name}（改）`, unit.name);
    expect(second.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'expectedName' });
    expect(second.errors![0]!.extensions!.messageZh).toMatch(new RegExp(`^单位（代码 ${unit.code}）的名称刚由.+改为 ${first.replace(/[（）]/gu, '.')}（北京时间 2026-04-01 \\d\\d:\\d\\d；理由：机构改革；表单显示的是 ${unit.name}）`));
    expect(ok(await rename(DEMO_ADMIN, 'rename-first', first, unit.name)).data!.renameUnit).toMatchObject({ name: first });
    expect(ok(await rename(otherAdmin, 'rename-second-seen', `${unit.name}（改）`, first)).data!.renameUnit).toMatchObject({ name: `${unit.name}（改）` });

    const REGISTRATION = `mutation($i: CorrectUnitRegistrationInput!) { correctUnitRegistration(input: $i) { id registeredOn } }`;
    const correct = (headers: Record<string, string>, key: string, registeredOn: string) =>
      app.graphql(REGISTRATION, { i: { idempotencyKey: key, unitId: unit.id, registeredOn, expectedRegisteredOn: unit.registeredOn, reason: '单位早已存在' } }, headers) as Promise<Answer>;
    // At the same moment: one day recorded, the other refused naming it.
    const [a, b] = await Promise.all([correct(DEMO_ADMIN, 'registration-a', plusDays(unit.registeredOn, -30)), correct(otherAdmin, 'registration-b', plusDays(unit.registeredOn, -60))]);
    const won = [a, b].filter((answer) => !answer.errors);
    const lost = [a, b].filter((answer) => answer.errors);
    expect([won.length, lost.length]).toEqual([1, 1]);
    const kept = won[0]!.data!.correctUnitRegistration!.registeredOn as string;
    expect(lost[0]!.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', field: 'expectedRegisteredOn' });
    expect(lost[0]!.errors![0]!.extensions!.messageZh).toContain(`的登记日期刚由`);
    expect(lost[0]!.errors![0]!.extensions!.messageZh).toContain(`改为 ${kept}（北京时间 2026-04-01`);
    const units = (await app.graphql<{ units: { id: string; registeredOn: string }[] }>('{ units { id registeredOn } }')).data!.units;
    expect(units.find((one) => one.id === unit.id)!.registeredOn).toBe(kept);
  });
  it('two administrators 设置密码 for one new account: the second is refused naming the first’s login name, who and when; the first login name and password stay (breaker52-9 S1)', async () => {
    const REGISTER = `mutation($i: RegisterUserInput!) { registerUser(input: $i) { user { id } } }`;
    const userId = ((await app.graphql(REGISTER, { i: { idempotencyKey: 'liuyang', name: '刘洋', role: 'SUPERVISOR' } }, DEMO_ADMIN)).data!.registerUser as { user: { id: string } }).user.id;
    const SET = `mutation($i: SetInitialPasswordInput!) { setInitialPassword(input: $i) { id loginName } }`;
    const set = (headers: Record<string, string>, key: string, loginName: string, password: string, expected: Record<string, unknown>) =>
      app.graphql(SET, { i: { idempotencyKey: key, userId, loginName, password, ...expected } }, headers) as Promise<Answer>;
    // Both dialogs opened on 「未设置密码」.
    ok(await set(DEMO_ADMIN, 'password-a', 'liuyang', 'Passw0rd-aaa', { expectedPasswordSet: false }));
    const second = await set(otherAdmin, 'password-b', 'liuy2', 'Passw0rd-bbb', { expectedPasswordSet: false });
    expect(second.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'expectedLoginName' });
    expect(second.errors![0]!.extensions!.messageZh).toMatch(/^用户 刘洋 的登录名和密码刚由.+改为 登录名 liuyang（北京时间 2026-04-01 \d\d:\d\d；表单显示的是 未设置密码）：请确认后再调整，本次未作修改。$/);
    // What A handed over still signs in.
    const signIn = await app.graphql('mutation($input: SignInInput!) { signIn(input: $input) { mustChangePassword } }', { input: { loginName: 'liuyang', password: 'Passw0rd-aaa' } }, {});
    expect(signIn.errors).toBeUndefined();
    // A 重设密码 from a dialog that showed another login name is refused too; one that showed liuyang is applied.
    refused(await set(otherAdmin, 'password-c', 'liuy2', 'Passw0rd-ccc', { expectedPasswordSet: true, expectedLoginName: 'liuyang-old' }), 'expectedLoginName', /表单显示的是 登录名 liuyang-old）/);
    expect(ok(await set(otherAdmin, 'password-d', 'liuy2', 'Passw0rd-ddd', { expectedPasswordSet: true, expectedLoginName: 'liuyang' })).data!.setInitialPassword).toMatchObject({ loginName: 'liuy2' });
  });

  it('two administrators changing one account: the conflict names the unit on both sides (newcomer52-9 M2)', async () => {
    const units = (await app.graphql<{ units: { id: string; name: string }[] }>('{ units { id name } }')).data!.units;
    const [from, to] = [units[0]!, units[1]!];
    const REGISTER = `mutation($i: RegisterUserInput!) { registerUser(input: $i) { user { id } } }`;
    const userId = ((await app.graphql(REGISTER, { i: { idempotencyKey: 'lina', name: '李娜（发改）', role: 'UNIT', unitId: from.id } }, DEMO_ADMIN)).data!.registerUser as { user: { id: string } }).user.id;
    const CHANGE = `mutation($i: ChangeUserAccountInput!) { changeUserAccount(input: $i) { id } }`;
    const shown = { expectedName: '李娜（发改）', expectedRole: 'UNIT', expectedUnitId: from.id };
    ok((await app.graphql(CHANGE, { i: { idempotencyKey: 'move-lina', userId, name: '李娜（发改）', role: 'UNIT', unitId: to.id, reason: '调往他处', ...shown } }, DEMO_ADMIN)) as Answer);
    const second = (await app.graphql(CHANGE, { i: { idempotencyKey: 'rename-lina', userId, name: '李娜', role: 'UNIT', unitId: from.id, reason: '姓名去掉括注', ...shown } }, otherAdmin)) as Answer;
    expect(second.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'expectedRole' });
    expect(second.errors![0]!.extensions!.messageZh).toContain(`改为 李娜（发改），单位经办人，${to.name}（北京时间 2026-04-01`);
    expect(second.errors![0]!.extensions!.messageZh).toContain(`表单显示的是 李娜（发改），单位经办人，${from.name}）`);
  });

  it('two supervisors deciding one extension request at once: one decision, the other told who decided, when, to which date and why; the approval’s words kept (newcomer52-9 M1)', async () => {
    const planId = (await app.graphql<{ workPlans: { id: string }[] }>('{ workPlans { id } }')).data!.workPlans[0]!.id;
    const listed = await app.graphql(`query($planId: ID!) { workPlanItems(planId: $planId, first: 50) { nodes { id dueDate status parts { unitId status dueDate } } } }`, { planId });
    const item = (listed.data!.workPlanItems.nodes as { id: string; status: string; parts: { unitId: string; status: string; dueDate: string }[] }[]).find(
      (one) => one.status === 'OPEN' && one.parts.some((part) => part.status === 'ASSIGNED' && part.dueDate > '2026-04-15' && part.dueDate < '2026-11-30'),
    )!;
    const part = item.parts.find((one) => one.status === 'ASSIGNED' && one.dueDate > '2026-04-15' && one.dueDate < '2026-11-30')!;
    const asked = plusDays(part.dueDate, 10);
    const requested = await app.graphql(
      `mutation($i: RequestWorkPlanItemExtensionInput!) { requestWorkPlanItemExtension(input: $i) { id } }`,
      { i: { idempotencyKey: 'extension-ask', itemId: item.id, unitId: part.unitId, requestedDueDate: asked, reason: '需协调多部门' } },
      await app.as('UNIT', part.unitId),
    );
    expect(requested.errors).toBeUndefined();
    const pending = await app.graphql(`query($id: ID!) { workPlanItem(id: $id) { parts { unitId extensionRequests { requestId status } } } }`, { id: item.id }, ZHANG);
    const requestId = (pending.data!.workPlanItem as { parts: { unitId: string; extensionRequests: { requestId: string; status: string }[] }[] }).parts
      .find((one) => one.unitId === part.unitId)!
      .extensionRequests.find((one) => one.status === 'PENDING')!.requestId;
    const DECIDE = `mutation($i: DecideWorkPlanItemExtensionInput!) { decideWorkPlanItemExtension(input: $i) { id } }`;
    const decide = (headers: Record<string, string> | undefined, key: string, newDueDate: string, reason: string) =>
      app.graphql(DECIDE, { i: { idempotencyKey: key, itemId: item.id, unitId: part.unitId, requestId, approve: true, newDueDate, reason } }, headers) as Promise<Answer>;
    const shorter = plusDays(part.dueDate, 5);
    const [zhang, colleague] = await Promise.all([decide(ZHANG, 'decide-zhang', asked, '同意'), decide(undefined, 'decide-colleague', shorter, '同意延到较早日期')]);
    const zhangWon = !zhang.errors;
    expect([zhang, colleague].filter((answer) => !answer.errors)).toHaveLength(1);
    const lost = zhangWon ? colleague : zhang;
    expect(lost.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', field: 'requestId' });
    const [who, date, reason] = zhangWon ? ['张伟（政务公开办）', asked, '同意'] : ['.+', shorter, '同意延到较早日期'];
    expect(lost.errors![0]!.extensions!.messageZh).toMatch(
      new RegExp(`的该项延期申请刚由${who}批准，时限延至 ${date}（北京时间 2026-04-01 \\d\\d:\\d\\d，记为 2026-04-01；理由：${reason}）：本次未作修改。一项申请只审批一次：`),
    );
    const after = await app.graphql(`query($id: ID!) { workPlanItem(id: $id) { parts { unitId extensionRequests { requestId status grantedDueDate decisionReason } } } }`, { id: item.id });
    const decided = (after.data!.workPlanItem as { parts: { unitId: string; extensionRequests: { requestId: string }[] }[] }).parts.find((one) => one.unitId === part.unitId)!.extensionRequests.find((one) => one.requestId === requestId);
    expect(decided).toEqual({ requestId, status: 'GRANTED', grantedDueDate: date, decisionReason: reason });
  });
});
