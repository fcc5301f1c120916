import { unitIdForCode } from '../../src/organization/units/unit-id.js';
import { DEMO_PASSWORD } from '../../src/demo/demo-data.js';
import { TestApp, errorCode, startTestApp, type GraphqlResponse } from '../support/test-app.js';

/**
 * Who may do what: every query, mutation and subscription in the schema, called by every kind of
 * caller. The operations are read from the schema itself, so an operation added without a row
 * here fails this spec.
 *
 * Each mutation is first sent by every caller who must be refused — each refusal must carry
 * FORBIDDEN or UNAUTHENTICATED and leave the log exactly as it was — and only then by the callers
 * who may send it, the first of whom must succeed with the very same input. So a refusal is
 * never explained by an input that would have failed anyway.
 */

/** The unit whose parts the mutations act on: 青川市人民政府办公室, lead of finding and item. */
const OWN_UNIT = 'GOV-OFFICE';
/** Another unit with parts of its own on the same finding and item: 青川市政务公开办公室. */
const OTHER_UNIT = 'OPENNESS';

const CALLERS = ['SUPERVISOR', 'INSPECTOR', 'UNIT', 'UNIT_FOR_ANOTHER', 'ADMIN', 'NO_TOKEN', 'EXPIRED_TOKEN', 'DEACTIVATED_USER', 'FORGED_TOKEN'] as const;
type Caller = (typeof CALLERS)[number];
/** Callers refused before any role is considered. */
const UNAUTHENTICATED_CALLERS: readonly Caller[] = ['NO_TOKEN', 'EXPIRED_TOKEN', 'DEACTIVATED_USER', 'FORGED_TOKEN'];

const READERS: Caller[] = ['SUPERVISOR', 'INSPECTOR', 'UNIT', 'UNIT_FOR_ANOTHER'];

interface Row {
  /** `Mutation.reportRectification`, as the schema names it. */
  operation: string;
  /** In the order they are tried; the first must succeed (a later one may meet a CONFLICT it left). */
  allowed: readonly Caller[];
  document: string;
  variables?: () => Promise<Record<string, unknown>> | Record<string, unknown>;
  /** Subscriptions: the change that makes the server push (default: a 催办 on the open finding). */
  trigger?: (caller: Caller) => Promise<unknown>;
  /** A mutation whose input takes no idempotency key (signIn: every sign-in is a new session). */
  noKey?: true;
}

const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

describe('Authorization matrix: every operation × every caller', () => {
  let app: TestApp;
  const headers = {} as Record<Caller, Record<string, string>>;
  let units: Record<string, string>;
  let evaluationId: string;
  /** Assigned to both units; the other unit has already reported. */
  let openFinding: string;
  let unassignedFinding: string;
  let closedFinding: string;
  /** Recorded twice by mistake: the one the matrix withdraws. */
  let duplicateFinding: string;
  let backdatedFinding: string; // assigned and reported on earlier days, for correcting a report date
  /** Item 2 of the demo plan: the own unit leads, the other unit is responsible and has reported. */
  let openItem: string;
  let completedItem: string;
  let backdatedItem: string; // of a plan entered late: assigned and reported on earlier days, for correcting a report date
  let backdatedPlanId: string; // that plan: its import's assignment day (2026-04-01) corrected as one act
  let planId: string;
  let spareUser: string;

  const ok = async (query: string, variables: Record<string, unknown> = {}, as?: Record<string, string>) => {
    const response = await app.graphql(query, variables, as);
    expect(response.errors).toBeUndefined();
    return response.data!;
  };
  const mutate = (name: string, input: Record<string, unknown>, as?: Record<string, string>) =>
    ok(`mutation($input: ${name[0]!.toUpperCase()}${name.slice(1)}Input!) { ${name}(input: $input) { __typename } }`, { input: { idempotencyKey: `setup-${Math.random()}`, ...input } }, as);
  const lastInspection = async (findingId: string) => {
    const data = await ok(`query($id: ID!) { finding(id: $id) { assignments { unitId inspections { inspectionId } } } }`, { id: findingId });
    const other = data.finding.assignments.find((part: { unitId: string }) => part.unitId === units[OTHER_UNIT]);
    return other.inspections.at(-1).inspectionId as string;
  };
  const circularTitled = async (title: string) => {
    const data = await ok(`{ circulars(first: 50) { nodes { id title } } }`);
    return data.circulars.nodes.find((circular: { title: string }) => circular.title === title).id as string;
  };
  const lastItemInspection = async (itemId: string) => {
    const data = await ok(`query($id: ID!) { workPlanItem(id: $id) { parts { unitId inspections { inspectionId } } } }`, { id: itemId });
    const other = data.workPlanItem.parts.find((part: { unitId: string }) => part.unitId === units[OTHER_UNIT]);
    return other.inspections.at(-1).inspectionId as string;
  };
  const pendingRequest = async (kind: 'finding' | 'workPlanItem', id: string) => {
    const parts = kind === 'finding' ? 'assignments' : 'parts';
    const data = await ok(`query($id: ID!) { ${kind}(id: $id) { ${parts} { unitId extensionRequests { requestId status } } } }`, { id });
    const own = data[kind][parts].find((part: { unitId: string }) => part.unitId === units[OWN_UNIT]);
    return own.extensionRequests.find((request: { status: string }) => request.status === 'PENDING').requestId as string;
  };
  const reportInput = (summary: string) => ({ summary, evidence: [{ title: '整改情况说明', link: 'https://www.qingchuan.gov.cn/xxgk/zg' }] });

  beforeAll(async () => {
    // No rate limit: the matrix sends hundreds of requests without a token or with a refused one, and
    // those all count for one caller, the test's address (breaker12c P2); the limit has its own tests.
    app = await startTestApp({ demoData: true, now: '2026-04-10T09:00:00+08:00', settings: { RATE_LIMIT_PER_MINUTE: '0' } });
    const listed = await ok(`{ units { id code } workPlans { id } }`);
    units = Object.fromEntries(listed.units.map((unit: { id: string; code: string }) => [unit.code, unit.id]));
    planId = listed.workPlans[0].id;
    const admin = await app.as('ADMIN');
    const own = await app.as('UNIT', units[OWN_UNIT]);
    const other = await app.as('UNIT', units[OTHER_UNIT]);
    const inspector = await app.as('INSPECTOR');

    // A supervisor whose token expired yesterday: registered ten days ago for nine days.
    app.clock.set('2026-03-31T09:00:00+08:00');
    const expired = await ok(`mutation($input: RegisterUserInput!) { registerUser(input: $input) { token } }`,
      { input: { idempotencyKey: 'expired', name: '过期的督查员', role: 'SUPERVISOR', validForDays: 9 } }, admin);
    app.clock.set('2026-04-10T09:00:00+08:00');
    const registered = await ok(`mutation($input: RegisterUserInput!) { registerUser(input: $input) { token user { id } } }`,
      { input: { idempotencyKey: 'deactivated', name: '已调离的督查员', role: 'SUPERVISOR' } }, admin);
    await mutate('deactivateUser', { userId: registered.registerUser.user.id, reason: '工作调动' }, admin);
    const spare = await ok(`mutation($input: RegisterUserInput!) { registerUser(input: $input) { user { id } } }`,
      { input: { idempotencyKey: 'spare', name: '李娜', role: 'INSPECTOR' } }, admin);
    spareUser = spare.registerUser.user.id;
    await mutate('setInitialPassword', { userId: await app.userId('SUPERVISOR'), loginName: 'matrix-supervisor', password: 'Chushi#2026' }, admin);

    Object.assign(headers, {
      SUPERVISOR: await app.as('SUPERVISOR'),
      INSPECTOR: inspector,
      UNIT: own,
      UNIT_FOR_ANOTHER: other,
      ADMIN: admin,
      NO_TOKEN: {},
      EXPIRED_TOKEN: { authorization: `Bearer ${expired.registerUser.token}` },
      DEACTIVATED_USER: { authorization: `Bearer ${registered.registerUser.token}` },
      FORGED_TOKEN: { authorization: `Bearer rct_${'A'.repeat(43)}` },
    } satisfies Record<Caller, Record<string, string>>);

    const evaluation = await ok(`mutation($input: RegisterEvaluationInput!) { registerEvaluation(input: $input) { id } }`, {
      input: { idempotencyKey: 'evaluation', title: '2025年度政务公开第三方评估（授权测试）', evaluator: '某大学法治政府研究院', commissionedBy: '国务院办公厅政府信息与政务公开办公室', periodStart: '2025-01-01', periodEnd: '2025-12-31', receivedOn: '2026-03-20' },
    });
    evaluationId = evaluation.registerEvaluation.id;
    const record = async (title: string, distinctFrom?: string[]) =>
      (await ok(`mutation($input: RecordFindingInput!) { recordFinding(input: $input) { id } }`, {
        input: { idempotencyKey: `finding-${title}`, evaluationId, title, description: `${title}，详见评估报告。`, category: '主动公开', severity: 'MEDIUM', identifiedOn: '2026-03-20', ...(distinctFrom ? { distinctFrom } : {}) },
      })).recordFinding.id as string;
    openFinding = await record('部分单位公开目录更新不及时');
    unassignedFinding = await record('依申请公开答复不规范');
    // A duplicate typed in despite the near-title question (confirmed as another problem), to be withdrawn as one.
    duplicateFinding = await record('依申请公开答复不规范（重复录入）', [unassignedFinding]);
    closedFinding = await record('政策解读材料与文件不同步');
    backdatedFinding = await record('年度报告发布滞后');
    await mutate('assignFinding', { findingId: backdatedFinding, assignedOn: '2026-04-01', units: [{ unitId: units[OWN_UNIT], role: 'LEAD', dueDate: '2026-05-15' }] });
    await mutate('reportRectification', { findingId: backdatedFinding, unitId: units[OWN_UNIT], reportedOn: '2026-04-05', ...reportInput('年度报告已发布') }, own);
    await mutate('assignFinding', { findingId: openFinding, units: [{ unitId: units[OWN_UNIT], role: 'LEAD', dueDate: '2026-05-15' }, { unitId: units[OTHER_UNIT], role: 'RESPONSIBLE', dueDate: '2026-05-15' }] });
    await mutate('reportRectification', { findingId: openFinding, unitId: units[OTHER_UNIT], ...reportInput('已更新公开目录') }, other);
    await mutate('assignFinding', { findingId: closedFinding, units: [{ unitId: units[OWN_UNIT], role: 'LEAD', dueDate: '2026-05-15' }] });
    await mutate('reportRectification', { findingId: closedFinding, unitId: units[OWN_UNIT], ...reportInput('解读材料已同步发布') }, own);
    await mutate('logInspection', { findingId: closedFinding, unitId: units[OWN_UNIT], outcome: 'PASSED', inspectedOn: '2026-04-10', notes: '现场核验通过' }, inspector);

    const plan = await ok(`query($id: ID!) { workPlan(id: $id) { categories { items { id code status parts { unitId } } } } }`, { id: planId });
    const items: { id: string; code: string; parts: { unitId: string }[] }[] = plan.workPlan.categories.flatMap((category: { items: unknown[] }) => category.items);
    const item2 = items.find((item) => item.code === '2')!;
    expect(item2.parts.map((part) => part.unitId)).toEqual([units[OWN_UNIT], units[OTHER_UNIT]]);
    openItem = item2.id;
    await mutate('reportWorkPlanItem', { itemId: openItem, unitId: units[OTHER_UNIT], ...reportInput('已建立列席制度') }, other);
    const completing = items.find((item) => item.code !== '2')!;
    completedItem = completing.id;
    for (const { unitId } of completing.parts) {
      await mutate('reportWorkPlanItem', { itemId: completedItem, unitId, ...reportInput('已按要求完成') }, await app.as('UNIT', unitId));
      await mutate('logWorkPlanItemInspection', { itemId: completedItem, unitId, outcome: 'PASSED', inspectedOn: '2026-04-10' }, inspector);
    }
    expect((await ok(`query($id: ID!) { workPlanItem(id: $id) { status } }`, { id: completedItem })).workPlanItem.status).toBe('COMPLETED');

    // A plan entered late: approved and assigned on 1 April, its item reported on 5 April.
    const backdated = await ok(`mutation($input: ImportWorkPlanInput!) { importWorkPlan(input: $input) { planId } }`, {
      input: {
        idempotencyKey: 'backdated-plan',
        fileName: 'backdated.csv',
        title: '青川市2026年政务公开补录方案',
        year: 2026,
        approvedOn: '2026-04-01',
        contentBase64: base64('类别编号,类别,编号,事项,内容,牵头单位,责任单位,完成时限\n一,公开平台,1,补录事项,,青川市人民政府办公室,,2026-09-30\n'),
      },
    });
    const backdatedPlan = await ok(`query($id: ID!) { workPlan(id: $id) { categories { items { id } } } }`, { id: backdated.importWorkPlan.planId });
    backdatedItem = backdatedPlan.workPlan.categories[0].items[0].id;
    backdatedPlanId = backdated.importWorkPlan.planId;
    await mutate('reportWorkPlanItem', { itemId: backdatedItem, unitId: units[OWN_UNIT], reportedOn: '2026-04-05', ...reportInput('补录事项已完成') }, own);
  });

  afterAll(async () => {
    await app?.close();
  });

  const finding = () => ({ findingId: openFinding });
  const item = () => ({ itemId: openItem });
  const ownPart = () => ({ unitId: units[OWN_UNIT] });
  const otherPart = () => ({ unitId: units[OTHER_UNIT] });
  const input = (name: string) => `mutation($input: ${name[0]!.toUpperCase()}${name.slice(1)}Input!) { ${name}(input: $input) { __typename } }`;
  const mutationRow = (name: string, allowed: readonly Caller[], variables: () => Promise<Record<string, unknown>> | Record<string, unknown>): Row => ({
    operation: `Mutation.${name}`,
    allowed,
    document: input(name),
    variables: async () => ({ input: await variables() }),
  });

  /** In an order the workflow allows: each row finds the state the row before it left. */
  const mutations: Row[] = [
    mutationRow('registerEvaluation', ['SUPERVISOR'], () => ({ title: '2026年上半年政务公开专项评估', evaluator: '省政务公开研究中心', commissionedBy: '省政府办公厅', periodStart: '2026-01-01', periodEnd: '2026-03-31', receivedOn: '2026-04-08' })),
    mutationRow('correctEvaluationReceivedOn', ['SUPERVISOR'], () => ({ evaluationId, receivedOn: '2026-03-18', reason: '登记时误用日期，按收文登记簿更正' })),
    mutationRow('recordFinding', ['SUPERVISOR'], () => ({ evaluationId, title: '网上申请渠道不畅通', description: '门户网站依申请公开入口无法提交。', category: '依申请公开', severity: 'HIGH' })),
    mutationRow('importFindings', ['SUPERVISOR'], () => ({
      evaluationId,
      fileName: 'findings.csv',
      contentBase64: base64('问题,具体表现,类别,严重程度,涉及单位\n政策解读形式单一,多数解读仅为文字转载。,政策解读,一般,青川市人民政府办公室\n'),
    })),
    mutationRow('formRectificationTeam', ['SUPERVISOR'], () => ({ evaluationId, leader: { name: '王建国', title: '市政府秘书长' }, members: [{ name: '李敏', title: '市政务公开办公室主任', unitId: units[OTHER_UNIT] }] })),
    mutationRow('approveRectificationPlan', ['SUPERVISOR'], () => ({ evaluationId, title: '整改实施方案', approvedBy: '刘志强（常务副市长）', approvedOn: '2026-04-09', selfRectificationDue: '2026-05-31', inspectionDue: '2026-06-30' })),
    mutationRow('assignFinding', ['SUPERVISOR'], () => ({ findingId: unassignedFinding, units: [{ unitId: units[OWN_UNIT], role: 'LEAD', dueDate: '2026-05-31' }] })),
    mutationRow('requestExtension', ['UNIT', 'SUPERVISOR'], () => ({ ...finding(), ...ownPart(), requestedDueDate: '2026-06-15', reason: '需等待系统升级完成' })),
    mutationRow('decideExtension', ['SUPERVISOR'], async () => ({ ...finding(), ...ownPart(), requestId: await pendingRequest('finding', openFinding), approve: true })),
    // A request typed wrong, taken back by its own unit while it awaits a decision (newcomer23 S3).
    mutationRow('withdrawExtensionRequest', ['UNIT'], async () => {
      await mutate('requestExtension', { ...finding(), ...ownPart(), requestedDueDate: '2026-06-30', reason: '需等待系统升级完成' }, headers.UNIT);
      return { ...finding(), ...ownPart(), requestId: await pendingRequest('finding', openFinding), reason: '申请延至的日期填错' };
    }),
    mutationRow('urgeUnit', ['SUPERVISOR'], () => ({ ...finding(), ...ownPart(), message: '请加快整改进度' })),
    mutationRow('reportRectification', ['UNIT', 'SUPERVISOR'], () => ({ ...finding(), ...ownPart(), ...reportInput('已完成公开目录梳理') })),
    mutationRow('sendBackReport', ['SUPERVISOR'], () => ({ ...finding(), ...ownPart(), reason: '证据不足' })),
    mutationRow('logInspection', ['INSPECTOR', 'SUPERVISOR'], () => ({ ...finding(), ...otherPart(), outcome: 'PASSED', inspectedOn: '2026-04-10', notes: '栏目已更新' })),
    mutationRow('correctInspection', ['SUPERVISOR'], async () => ({ ...finding(), ...otherPart(), inspectionId: await lastInspection(openFinding), outcome: 'FAILED', reason: '误录为通过' })),
    mutationRow('correctReportDate', ['SUPERVISOR'], () => ({ findingId: backdatedFinding, ...ownPart(), reportedOn: '2026-04-06', reason: '报告日期录入有误' })),
    mutationRow('correctRecordDate', ['SUPERVISOR'], () => ({ findingId: backdatedFinding, ...ownPart(), record: 'REPORT', previousOn: '2026-04-06', on: '2026-04-07', reason: '报告日期录入有误' })),
    // 撤销误录 (newcomer51-8 S1): the urging entered above, retracted.
    mutationRow('retractRecord', ['SUPERVISOR'], () => ({ ...finding(), ...ownPart(), record: 'URGING', on: '2026-04-10', reason: '催办录错了问题' })),
    mutationRow('reopenFinding', ['SUPERVISOR'], () => ({ findingId: closedFinding, reason: '群众反映问题反弹' })),
    mutationRow('issueCircular', ['SUPERVISOR'], () => ({ ...ownPart(), kind: 'CRITICISM', title: '关于整改进度滞后的通报', reason: '整改报告被退回', references: [{ kind: 'FINDING', id: openFinding }], issuedOn: '2026-04-10' })),
    // A circular issued by mistake: its day or 文号 corrected, then withdrawn (newcomer26 S9).
    mutationRow('correctCircular', ['SUPERVISOR'], async () => ({ circularId: await circularTitled('关于整改进度滞后的通报'), documentNumber: '青政公开〔2026〕5号', reason: '文号漏填' })),
    mutationRow('withdrawCircular', ['SUPERVISOR'], async () => ({ circularId: await circularTitled('关于整改进度滞后的通报'), reason: '发错单位' })),
    mutationRow('withdrawFinding', ['SUPERVISOR'], () => ({ findingId: duplicateFinding, reason: '与“依申请公开答复不规范”重复登记' })),
    mutationRow('correctFindingWithdrawal', ['SUPERVISOR'], () => ({ findingId: duplicateFinding, withdrawnOn: '2026-04-09', reason: '撤销日期录入有误' })),
    mutationRow('undoFindingWithdrawal', ['SUPERVISOR'], () => ({ findingId: duplicateFinding, reason: '误撤销，问题仍需整改' })),
    mutationRow('correctFindingIdentifiedOn', ['SUPERVISOR'], () => ({ findingId: unassignedFinding, identifiedOn: '2026-03-21', reason: '发现日期录入有误' })),
    mutationRow('importWorkPlan', ['SUPERVISOR', 'ADMIN'], () => ({
      fileName: 'plan.csv',
      title: '青川市2026年政府信息公开专项工作方案',
      year: 2026,
      contentBase64: base64('类别编号,类别,编号,事项,内容,牵头单位,责任单位,完成时限\n一,公开平台,1,整合政府网站公开专栏,,青川市人民政府办公室,青川市政务公开办公室,2026-09-30\n'),
    })),
    mutationRow('requestWorkPlanItemExtension', ['UNIT', 'SUPERVISOR'], () => ({ ...item(), ...ownPart(), requestedDueDate: '2027-01-31', reason: '跨年度实施' })),
    mutationRow('decideWorkPlanItemExtension', ['SUPERVISOR'], async () => ({ ...item(), ...ownPart(), requestId: await pendingRequest('workPlanItem', openItem), approve: false, reason: '年度任务须年内完成' })),
    mutationRow('withdrawWorkPlanItemExtensionRequest', ['UNIT'], async () => {
      await mutate('requestWorkPlanItemExtension', { ...item(), ...ownPart(), requestedDueDate: '2027-01-31', reason: '跨部门会签' }, headers.UNIT);
      return { ...item(), ...ownPart(), requestId: await pendingRequest('workPlanItem', openItem), reason: '申请延至的日期填错' };
    }),
    mutationRow('urgeWorkPlanItemUnit', ['SUPERVISOR'], () => ({ ...item(), ...ownPart(), message: '请按期完成' })),
    mutationRow('reportWorkPlanItem', ['UNIT', 'SUPERVISOR'], () => ({ ...item(), ...ownPart(), ...reportInput('已完成列席人员名单公开') })),
    mutationRow('sendBackWorkPlanItemReport', ['SUPERVISOR'], () => ({ ...item(), ...ownPart(), reason: '缺少会议议题公开链接' })),
    mutationRow('logWorkPlanItemInspection', ['INSPECTOR', 'SUPERVISOR'], () => ({ ...item(), ...otherPart(), outcome: 'FAILED', inspectedOn: '2026-04-10', notes: '专栏未见发言要点' })),
    mutationRow('correctWorkPlanItemInspection', ['SUPERVISOR'], async () => ({ ...item(), ...otherPart(), inspectionId: await lastItemInspection(openItem), outcome: 'PASSED', reason: '误录为未通过' })),
    mutationRow('correctWorkPlanItemReportDate', ['SUPERVISOR'], () => ({ itemId: backdatedItem, ...ownPart(), reportedOn: '2026-04-06', reason: '报告日期录入有误' })),
    mutationRow('correctWorkPlanItemRecordDate', ['SUPERVISOR'], () => ({ itemId: backdatedItem, ...ownPart(), record: 'REPORT', previousOn: '2026-04-06', on: '2026-04-07', reason: '报告日期录入有误' })),
    mutationRow('retractWorkPlanItemRecord', ['SUPERVISOR'], () => ({ ...item(), ...ownPart(), record: 'URGING', on: '2026-04-10', reason: '催办录错了事项' })),
    mutationRow('reopenWorkPlanItem', ['SUPERVISOR'], () => ({ itemId: completedItem, reason: '年中复查发现问题' })),
    mutationRow('rescheduleWorkPlanItem', ['SUPERVISOR'], () => ({ ...item(), dueDate: '2026-11-30', reason: '根据工作进展动态调整' })),
    mutationRow('addWorkPlanItemUnit', ['SUPERVISOR'], () => ({ ...item(), unitId: units.FGW, reason: '增加配合单位' })),
    mutationRow('addWorkPlanItem', ['SUPERVISOR'], () => ({ planId, categoryCode: '一', code: '99', title: '增加的工作事项', leadUnitId: units[OWN_UNIT], dueDate: '2026-10-31', reason: '根据工作进展动态调整' })),
    mutationRow('removeWorkPlanItemUnit', ['SUPERVISOR'], () => ({ ...item(), unitId: units.FGW, reason: '职责调整' })),
    mutationRow('withdrawWorkPlanItem', ['SUPERVISOR'], () => ({ itemId: completedItem, reason: '任务已并入其他事项' })),
    // The entered-late item, withdrawn on 9 April (after its records of 5–7 April), has a day to be moved to.
    mutationRow('correctWorkPlanItemWithdrawal', ['SUPERVISOR'], async () => {
      await mutate('withdrawWorkPlanItem', { itemId: backdatedItem, reason: '补录事项不再列入', withdrawnOn: '2026-04-09' });
      return { itemId: backdatedItem, withdrawnOn: '2026-04-08', reason: '撤销日期录入有误' };
    }),
    mutationRow('undoWorkPlanItemWithdrawal', ['SUPERVISOR'], () => ({ itemId: backdatedItem, reason: '误撤销，事项仍需办理' })),
    mutationRow('correctWorkPlanApproval', ['SUPERVISOR'], () => ({ planId, approvedOn: '2026-01-10', reason: '导入时批准日期有误' })),
    mutationRow('correctWorkPlanImportDate', ['SUPERVISOR'], () => ({ planId: backdatedPlanId, previousAssignedOn: '2026-04-01', assignedOn: '2026-04-02', reason: '交办日期录入有误' })),
    mutationRow('registerUnit', ['ADMIN'], () => ({ code: 'SJJ', name: '青川市审计局', kind: 'DEPARTMENT' })),
    mutationRow('importUnits', ['ADMIN'], () => ({ fileName: 'units.csv', contentBase64: base64('编码,名称,类型,上级编码\nTJJ,青川市统计局,部门,\n'), registeredOn: '2026-03-01' })),
    mutationRow('correctUnitRegistration', ['ADMIN'], () => ({ unitId: unitIdForCode('SJJ'), registeredOn: '2026-03-01', reason: '单位早已存在，补录前更正登记日期' })),
    mutationRow('changeUnitKindAndParent', ['ADMIN'], () => ({ unitId: unitIdForCode('TJJ'), kind: 'OTHER', parentUnitId: unitIdForCode('SJJ'), changedOn: '2026-04-02', reason: '名录更正：统计局归口审计局管理' })),
    mutationRow('renameUnit', ['ADMIN'], () => ({ unitId: unitIdForCode('SJJ'), name: '青川市审计局（更名）', reason: '机构改革', renamedOn: '2026-04-01' })),
    mutationRow('recordUnitOtherNames', ['ADMIN'], () => ({ unitId: unitIdForCode('SJJ'), shortNames: ['市审计局简称'], earlierNames: ['青川市审计局（旧）'] })),
    mutationRow('removeUnitOtherName', ['ADMIN'], () => ({ unitId: unitIdForCode('SJJ'), name: '市审计局简称' })),
    mutationRow('handOverUnitParts', ['ADMIN'], () => ({ unitId: unitIdForCode('SJJ'), successorUnitId: unitIdForCode('TJJ'), reason: '职责调整', handedOverOn: '2026-04-05' })),
    mutationRow('mergeUnit', ['ADMIN'], () => ({ unitId: unitIdForCode('SJJ'), successorUnitId: unitIdForCode('TJJ'), reason: '机构改革' })),
    mutationRow('correctUnitMergeDate', ['ADMIN'], () => ({ unitId: unitIdForCode('SJJ'), previousMergedOn: '2026-04-10', mergedOn: '2026-04-08', reason: '合并日期录错' })),
    mutationRow('registerUser', ['ADMIN'], () => ({ name: '赵磊', role: 'UNIT', unitId: units[OWN_UNIT] })),
    mutationRow('issueAccessToken', ['ADMIN'], () => ({ userId: spareUser, validForDays: 30 })),
    mutationRow('setInitialPassword', ['ADMIN'], () => ({ userId: spareUser, loginName: 'lina', password: 'Chushi#2026' })),
    // Five wrong passwords lock lina's account first: only a locked account is unlocked.
    mutationRow('unlockAccount', ['ADMIN'], async () => {
      for (let attempt = 1; attempt <= 5; attempt++) {
        await app.graphql(`mutation($input: SignInInput!) { signIn(input: $input) { token } }`, { input: { loginName: 'lina', password: `wrong-${attempt}` } }, {});
      }
      return { userId: spareUser };
    }),
    {
      operation: 'Mutation.signIn',
      allowed: CALLERS,
      document: `mutation($input: SignInInput!) { signIn(input: $input) { __typename } }`,
      variables: () => ({ input: { loginName: 'supervisor', password: DEMO_PASSWORD } }),
      noKey: true,
    },
    // Only the supervisor has a password here; the others are told CONFLICT (none set), after the role check.
    mutationRow('changePassword', ['SUPERVISOR', 'INSPECTOR', 'UNIT', 'UNIT_FOR_ANOTHER', 'ADMIN'], () => ({ currentPassword: 'Chushi#2026', newPassword: 'Matrix#2026' })),
    { operation: 'Mutation.signOut', allowed: ['SUPERVISOR', 'INSPECTOR', 'UNIT', 'UNIT_FOR_ANOTHER', 'ADMIN'], document: `mutation { signOut }`, variables: () => ({ input: {} }) },
    mutationRow('changeUserAccount', ['ADMIN'], () => ({ userId: spareUser, name: '李娜（姓名更正）', role: 'INSPECTOR', reason: '姓名录入有误' })),
    mutationRow('deactivateUser', ['ADMIN'], () => ({ userId: spareUser, reason: '离职' })),
    mutationRow('reactivateUser', ['ADMIN'], () => ({ userId: spareUser, reason: '误停用' })),
    { operation: 'Mutation.takeLedgerCheckpoint', allowed: ['ADMIN'], document: `mutation { takeLedgerCheckpoint { sequence ledgerCode } }`, variables: () => ({ input: {} }) },
  ];

  const queries: Row[] = [
    { operation: 'Query.dashboard', allowed: READERS, document: `{ dashboard { findings { total } perUnit { unitId } } }` },
    { operation: 'Query.evaluations', allowed: READERS, document: `{ evaluations { nodes { id title } } }` },
    { operation: 'Query.evaluation', allowed: READERS, document: `query($id: ID!) { evaluation(id: $id) { title findingCount } }`, variables: () => ({ id: evaluationId }) },
    { operation: 'Query.findings', allowed: READERS, document: `{ findings { totalCount nodes { id status assignments { unitId status dueDate } } } }` },
    { operation: 'Query.finding', allowed: READERS, document: `query($id: ID!) { finding(id: $id) { title assignments { unitId status trafficLight } } }`, variables: () => ({ id: openFinding }) },
    { operation: 'Query.unitWorkload', allowed: ['SUPERVISOR', 'INSPECTOR', 'UNIT'], document: `query($unitId: ID!) { unitWorkload(unitId: $unitId) { unitId openParts { dueDate } } }`, variables: () => ownPart() },
    { operation: 'Query.circulars', allowed: ['SUPERVISOR', 'INSPECTOR', 'UNIT'], document: `query($unitId: ID) { circulars(unitId: $unitId) { nodes { title } } }`, variables: () => ownPart() },
    { operation: 'Query.unitScorecard', allowed: ['SUPERVISOR', 'INSPECTOR'], document: `{ unitScorecard { rank unitName onTimeRate } }` },
    { operation: 'Query.awaitingInspection', allowed: ['SUPERVISOR', 'INSPECTOR'], document: `{ awaitingInspection(first: 5) { totalCount nodes { kind parentId part { unitId } latestReport { summary } } } }` },
    { operation: 'Query.extensionsAwaitingDecision', allowed: ['SUPERVISOR'], document: `{ extensionsAwaitingDecision(first: 5) { totalCount nodes { kind parentId part { unitId } request { requestedDueDate } } } }` },
    { operation: 'Query.workPlans', allowed: [...READERS, 'ADMIN'], document: `{ workPlans { id title year approvedOn progress { items completedItems } } }` },
    { operation: 'Query.workPlan', allowed: READERS, document: `query($id: ID!) { workPlan(id: $id) { progress { items } } }`, variables: () => ({ id: planId }) },
    { operation: 'Query.workPlanItems', allowed: READERS, document: `query($planId: ID!) { workPlanItems(planId: $planId, first: 5) { totalCount nodes { title parts { unitId status } } } }`, variables: () => ({ planId }) },
    { operation: 'Query.workPlanItem', allowed: READERS, document: `query($id: ID!) { workPlanItem(id: $id) { title parts { unitId status } } }`, variables: () => ({ id: openItem }) },
    { operation: 'Query.units', allowed: [...READERS, 'ADMIN'], document: `{ units { code name } }` },
    { operation: 'Query.unit', allowed: [...READERS, 'ADMIN'], document: `query($id: ID!) { unit(id: $id) { name } }`, variables: () => ({ id: units[OWN_UNIT] }) },
    { operation: 'Query.me', allowed: [...READERS, 'ADMIN'], document: `{ me { id role mustChangePassword } }` },
    { operation: 'Query.requestHandled', allowed: [...READERS, 'ADMIN'], document: `{ requestHandled(idempotencyKey: "matrix-asked") }` },
    { operation: 'Query.users', allowed: ['ADMIN'], document: `{ users { nodes { name role active } } }` },
    {
      operation: 'Query.unitReorganizationPreview',
      allowed: ['ADMIN'],
      document: `query($input: UnitReorganizationPreviewInput!) { unitReorganizationPreview(input: $input) }`,
      variables: () => ({ input: { unitId: units[OTHER_UNIT], successorUnitId: units[OWN_UNIT] } }),
    },
    // 移交任务's choices (newcomer53-10 S1): as the hand-over itself, administrators only; appends nothing.
    {
      operation: 'Query.unitHandOverChoices',
      allowed: ['ADMIN'],
      document: `query($input: UnitHandOverChoicesInput!) { unitHandOverChoices(input: $input) { parentId kind status } }`,
      variables: () => ({ input: { unitId: units[OTHER_UNIT] } }),
    },
    // 撤销此记录 asked before confirming (breaker52-8 M1): as retractRecord, supervisors only; appends nothing.
    {
      operation: 'Query.retractionCheck',
      allowed: ['SUPERVISOR'],
      document: `query($input: RetractionCheckInput!) { retractionCheck(input: $input) { code messageZh } }`,
      variables: () => ({ input: { ...finding(), ...ownPart(), record: 'REPORT', on: '2026-04-06' } }),
    },
    {
      operation: 'Query.workPlanItemRetractionCheck',
      allowed: ['SUPERVISOR'],
      document: `query($input: WorkPlanItemRetractionCheckInput!) { workPlanItemRetractionCheck(input: $input) { code messageZh } }`,
      variables: () => ({ input: { ...item(), ...ownPart(), record: 'REPORT', on: '2026-04-06' } }),
    },
    { operation: 'Query.verifyLedger', allowed: ['ADMIN'], document: `{ verifyLedger { ok eventsChecked } }` },
    { operation: 'Query.ledgerCheckpoints', allowed: ['SUPERVISOR', 'ADMIN'], document: `{ ledgerCheckpoints { sequence ledgerCode } }` },
    // Public: a statement proves something only by the office key's signature (the sign-in page hands it back too).
    { operation: 'Query.ledgerHead', allowed: CALLERS, document: `{ ledgerHead { current { position signature } } }` },
    {
      operation: 'Query.proveEvent',
      allowed: ['SUPERVISOR', 'ADMIN'],
      document: `query($eventId: ID!, $checkpoint: Int!) { proveEvent(eventId: $eventId, checkpoint: $checkpoint) { leafIndex auditPath } }`,
      variables: async () => {
        const checkpoint = (await ok(`mutation { takeLedgerCheckpoint { sequence } }`, {}, headers.ADMIN)).takeLedgerCheckpoint.sequence as number;
        const history = (await ok(`query($id: ID!) { finding(id: $id) { history { eventId } } }`, { id: closedFinding })).finding.history as { eventId: string }[];
        return { eventId: history[0]!.eventId, checkpoint };
      },
    },
  ];

  const subscriptions: Row[] = [
    { operation: 'Subscription.dashboardUpdated', allowed: READERS, document: `subscription { dashboardUpdated { findings { total } } }` },
    { operation: 'Subscription.findingUpdated', allowed: READERS, document: `subscription($id: ID!) { findingUpdated(id: $id) { status assignments { unitId status } } }`, variables: () => ({ id: openFinding }) },
    {
      operation: 'Subscription.workPlanItemUpdated',
      allowed: READERS,
      document: `subscription { workPlanItemUpdated { id status parts { unitId status } } }`,
      // The own unit's part: the other unit's was verified by correctWorkPlanItemInspection.
      trigger: (caller) => mutate('urgeWorkPlanItemUnit', { itemId: openItem, unitId: units[OWN_UNIT], message: `催办（${caller}）` }),
    },
  ];

  const refusalFor = (caller: Caller) => (UNAUTHENTICATED_CALLERS.includes(caller) ? 'UNAUTHENTICATED' : 'FORBIDDEN');
  /** What each caller must meet: 'allowed', or the code of the refusal. */
  const expected = (row: Row) => Object.fromEntries(CALLERS.map((caller) => [caller, row.allowed.includes(caller) ? 'allowed' : refusalFor(caller)]));

  it('has a row for every operation in the schema, and no row for one it lacks', async () => {
    const schema = await ok(`{ __schema { queryType { fields { name } } mutationType { fields { name } } subscriptionType { fields { name } } } }`);
    const inSchema = (['queryType', 'mutationType', 'subscriptionType'] as const).flatMap((kind) =>
      schema.__schema[kind].fields.map(({ name }: { name: string }) => `${{ queryType: 'Query', mutationType: 'Mutation', subscriptionType: 'Subscription' }[kind]}.${name}`),
    );
    expect([...mutations, ...queries, ...subscriptions].map((row) => row.operation).sort()).toEqual(inSchema.sort());
  });

  describe('mutations: refused callers append nothing; the first allowed caller succeeds with the same input', () => {
    it.each(mutations.map((row) => [row.operation, row] as const))('%s', async (_operation, row) => {
      const variables = await row.variables!();
      const refused = CALLERS.filter((caller) => !row.allowed.includes(caller));
      const outcomes: Record<string, string> = {};
      for (const caller of refused) {
        const before = await app.logPosition();
        const response = await app.graphql(row.document, row.noKey ? variables : withKey(variables, caller), headers[caller]);
        const appended = (await app.logPosition()) !== before;
        outcomes[caller] = `${errorCode(response) ?? 'done'}${appended ? ' (and appended!)' : ''}`;
      }
      for (const [index, caller] of row.allowed.entries()) {
        const response = await app.graphql(row.document, row.noKey ? variables : withKey(variables, caller), headers[caller]);
        // A later caller may find the state the first one left (e.g. a part already verified).
        outcomes[caller] = response.errors === undefined || (index > 0 && errorCode(response) === 'CONFLICT') ? 'allowed' : describeResponse(response);
      }
      expect(outcomes).toEqual(expected(row));
    });
  });

  describe('queries', () => {
    it.each(queries.map((row) => [row.operation, row] as const))('%s', async (_operation, row) => {
      const variables = (await row.variables?.()) ?? {};
      const outcomes: Record<string, string> = {};
      for (const caller of CALLERS) {
        const response = await app.graphql(row.document, variables, headers[caller]);
        outcomes[caller] = response.errors === undefined && response.data ? 'allowed' : describeResponse(response);
      }
      expect(outcomes).toEqual(expected(row));
    });
  });

  describe('subscriptions over graphql-ws', () => {
    it.each(subscriptions.map((row) => [row.operation, row] as const))('%s', async (_operation, row) => {
      const outcomes: Record<string, string> = {};
      for (const caller of CALLERS) {
        const response = await app.firstPush(row.document, (await row.variables?.()) ?? {}, headers[caller], () =>
          // One urging per row and caller: the same words on the same day are one paper urging, recorded once (breaker8c P8).
          row.trigger ? row.trigger(caller) : mutate('urgeUnit', { findingId: openFinding, unitId: units[OWN_UNIT], message: `催办（${row.operation}，${caller}）` }));
        outcomes[caller] = response.errors === undefined && response.data ? 'allowed' : describeResponse(response);
      }
      expect(outcomes).toEqual(expected(row));
    });
  });

  describe("a unit sees every part's progress, but the evidence and notes of its own part only", () => {
    const details = `assignments { unitId status reports { summary } inspections { notes } returns { reason } }`;
    const findingDetails = (as: Record<string, string>) => app.graphql(`query($id: ID!) { finding(id: $id) { ${details} } }`, { id: openFinding }, as);

    it("refuses a unit another unit's completion reports, inspection notes and returns on a finding, field by field", async () => {
      for (const [caller, own, other] of [['UNIT', OWN_UNIT, OTHER_UNIT], ['UNIT_FOR_ANOTHER', OTHER_UNIT, OWN_UNIT]] as const) {
        const response = await findingDetails(headers[caller]);
        const parts = response.data!.finding.assignments as { unitId: string; status: string; reports: unknown[] | null; inspections: unknown[] | null; returns: unknown[] | null }[];
        const ownPart = parts.find((part) => part.unitId === units[own])!;
        const otherPart = parts.find((part) => part.unitId === units[other])!;
        expect(otherPart).toEqual({ unitId: units[other], status: expect.any(String), reports: null, inspections: null, returns: null });
        expect(ownPart.reports).toEqual(expect.any(Array));
        expect(response.errors!.map((error) => [error.extensions?.code, error.path?.at(-1)])).toEqual([
          ['FORBIDDEN', 'reports'],
          ['FORBIDDEN', 'inspections'],
          ['FORBIDDEN', 'returns'],
        ]);
      }
    });

    it('answers a unit the details of its own part, and a supervisor or inspector those of every part', async () => {
      const own = await app.graphql(`query($id: ID!) { finding(id: $id) { ${details} } }`, { id: closedFinding }, headers.UNIT);
      expect(own.errors).toBeUndefined();
      expect(own.data!.finding.assignments[0].reports[0].summary).toBe('解读材料已同步发布');
      for (const caller of ['SUPERVISOR', 'INSPECTOR'] as const) {
        const response = await findingDetails(headers[caller]);
        expect(response.errors).toBeUndefined();
        expect(response.data!.finding.assignments.map((part: { unitId: string }) => part.unitId)).toEqual([units[OWN_UNIT], units[OTHER_UNIT]]);
      }
    });

    it("refuses a unit another unit's reports on a work-plan item, and the workload of another unit", async () => {
      const item = await app.graphql(`query($id: ID!) { workPlanItem(id: $id) { parts { unitId reports { summary } } } }`, { id: openItem }, headers.UNIT_FOR_ANOTHER);
      expect(errorCode(item)).toBe('FORBIDDEN');
      const workload = await app.graphql(`query($unitId: ID!) { unitWorkload(unitId: $unitId) { unitId } }`, { unitId: units[OWN_UNIT] }, headers.UNIT_FOR_ANOTHER);
      expect(errorCode(workload)).toBe('FORBIDDEN');
    });

    it("refuses a unit another unit's 催办 texts and extension requests (reasons and decisions) on a finding and a work-plan item, as its reports (breaker11i P4)", async () => {
      // Words said to the own unit's part only: the other unit must not read them, the own unit and a supervisor must.
      await mutate('urgeUnit', { findingId: openFinding, unitId: units[OWN_UNIT], message: '催办：请本周内报送（仅本单位可见）' });
      await mutate('requestExtension', { findingId: openFinding, unitId: units[OWN_UNIT], requestedDueDate: '2026-06-25', reason: '延期理由：需等待预算批复（仅本单位可见）' }, headers.UNIT);
      await mutate('decideExtension', { findingId: openFinding, unitId: units[OWN_UNIT], requestId: await pendingRequest('finding', openFinding), approve: false, reason: '不同意延期：预算已批复（仅本单位可见）' });
      await mutate('urgeWorkPlanItemUnit', { itemId: openItem, unitId: units[OWN_UNIT], message: '催办：请按期完成列席制度（仅本单位可见）' });
      const WORDS = 'unitId urges { message } extensionRequests { reason decisionReason }';
      type Words = { unitId: string; urges: { message: string }[] | null; extensionRequests: { reason: string; decisionReason: string | null }[] | null };

      const finding = await app.graphql(`query($id: ID!) { finding(id: $id) { assignments { ${WORDS} } } }`, { id: openFinding }, headers.UNIT_FOR_ANOTHER);
      const parts = finding.data!.finding.assignments as Words[];
      expect(parts.find((part) => part.unitId === units[OWN_UNIT])).toEqual({ unitId: units[OWN_UNIT], urges: null, extensionRequests: null });
      expect(parts.find((part) => part.unitId === units[OTHER_UNIT])!.urges).toEqual(expect.any(Array));
      expect(finding.errors!.map((error) => [error.extensions?.code, error.path?.at(-1)])).toEqual([
        ['FORBIDDEN', 'urges'],
        ['FORBIDDEN', 'extensionRequests'],
      ]);
      expect(JSON.stringify(finding)).not.toContain('仅本单位可见');

      const item = await app.graphql(`query($id: ID!) { workPlanItem(id: $id) { parts { ${WORDS} } } }`, { id: openItem }, headers.UNIT_FOR_ANOTHER);
      expect((item.data!.workPlanItem.parts as Words[]).find((part) => part.unitId === units[OWN_UNIT])).toEqual({ unitId: units[OWN_UNIT], urges: null, extensionRequests: null });
      expect(new Set(item.errors!.map((error) => `${error.extensions?.code} ${String(error.path?.at(-1))}`))).toEqual(new Set(['FORBIDDEN urges', 'FORBIDDEN extensionRequests']));
      expect(JSON.stringify(item)).not.toContain('仅本单位可见');

      // The own unit reads them through its own part; a supervisor reads every part's.
      const ownRead = await app.graphql(`query($id: ID!, $unitId: ID!) { finding(id: $id) { assignments(unitId: $unitId) { ${WORDS} } } }`, { id: openFinding, unitId: units[OWN_UNIT] }, headers.UNIT);
      expect(ownRead.errors).toBeUndefined();
      const [own] = ownRead.data!.finding.assignments as Words[];
      expect(own!.urges).toContainEqual({ message: '催办：请本周内报送（仅本单位可见）' });
      expect(own!.extensionRequests).toContainEqual({ reason: '延期理由：需等待预算批复（仅本单位可见）', decisionReason: '不同意延期：预算已批复（仅本单位可见）' });
      const ownItem = await app.graphql(`query($id: ID!, $unitId: ID!) { workPlanItem(id: $id) { parts(unitId: $unitId) { ${WORDS} } } }`, { id: openItem, unitId: units[OWN_UNIT] }, headers.UNIT);
      expect(ownItem.errors).toBeUndefined();
      expect(ownItem.data!.workPlanItem.parts[0].urges).toContainEqual({ message: '催办：请按期完成列席制度（仅本单位可见）' });
      const supervisor = await app.graphql(`query($id: ID!) { finding(id: $id) { assignments { ${WORDS} } } }`, { id: openFinding }, headers.SUPERVISOR);
      expect(supervisor.errors).toBeUndefined();
      expect(JSON.stringify(supervisor.data)).toContain('催办：请本周内报送（仅本单位可见）');
    });

    it('lets a unit ask for its own part’s details only (assignments / parts with unitId), so it reads every part without one refusal', async () => {
      const OWN_DETAILS = `assignments { unitId status } own: assignments(unitId: $unitId) { unitId reports { summary } inspections { outcome } returns { reason } }`;
      const finding = await app.graphql(`query($id: ID!, $unitId: ID!) { finding(id: $id) { ${OWN_DETAILS} } }`, { id: openFinding, unitId: units[OTHER_UNIT] }, headers.UNIT_FOR_ANOTHER);
      expect(finding.errors).toBeUndefined();
      expect(finding.data!.finding.assignments.map((part: { unitId: string }) => part.unitId)).toEqual([units[OWN_UNIT], units[OTHER_UNIT]]);
      expect(finding.data!.finding.own).toEqual([expect.objectContaining({ unitId: units[OTHER_UNIT], reports: [{ summary: '已更新公开目录' }] })]);
      const item = await app.graphql(
        `query($id: ID!, $unitId: ID!) { workPlanItem(id: $id) { parts { unitId } own: parts(unitId: $unitId) { unitId reports { summary } } } }`,
        { id: openItem, unitId: units[OTHER_UNIT] },
        headers.UNIT_FOR_ANOTHER,
      );
      expect(item.errors).toBeUndefined();
      expect(item.data!.workPlanItem.own.map((part: { unitId: string }) => part.unitId)).toEqual([units[OTHER_UNIT]]);
    });

    it("shows a unit the finding's history without what other units reported or were told", async () => {
      const history = async (as: Record<string, string>) =>
        (await ok(`query($id: ID!) { finding(id: $id) { history { eventType actorUnitId } } }`, { id: openFinding }, as)).finding.history as { eventType: string; actorUnitId: string | null }[];
      const everything = await history(headers.SUPERVISOR);
      const seenByOther = await history(headers.UNIT_FOR_ANOTHER);
      expect(everything.filter((entry) => entry.actorUnitId === units[OWN_UNIT]).map((entry) => entry.eventType)).toEqual(
        expect.arrayContaining(['ExtensionRequested', 'RectificationReported']),
      );
      expect(seenByOther.filter((entry) => entry.actorUnitId === units[OWN_UNIT])).toEqual([]);
      expect(seenByOther.filter((entry) => entry.actorUnitId === units[OTHER_UNIT]).map((entry) => entry.eventType)).toContain('RectificationReported');
      expect(seenByOther.length).toBeLessThan(everything.length);
    });
  });
});

/** A fresh idempotency key per caller, so no call can pass as the retry of another. */
function withKey(variables: Record<string, unknown>, caller: Caller): Record<string, unknown> {
  const input = variables.input as Record<string, unknown>;
  return { input: { ...input, idempotencyKey: `matrix-${caller}-${Math.random().toString(36).slice(2)}` } };
}

/** A refusal by its code alone; anything else in full, so a failing row says what happened. */
function describeResponse(response: GraphqlResponse): string {
  const code = errorCode(response);
  if (code === 'FORBIDDEN' || code === 'UNAUTHENTICATED') return code;
  return response.errors?.length ? `${code}: ${response.errors[0]!.message}` : 'no data';
}
