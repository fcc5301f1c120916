/*
 * The Chinese name of every field of the API's inputs, as an input check's refusal says it
 * (breaker11e P3: an empty 撤销理由 was refused as 输入有误：“reason”不能为空。 — the schema's English
 * name inside a Chinese sentence). Named by the field, or by the input type and field where one
 * name means different things (`reason` is 撤销理由 on a withdrawal, 退办理由 on a send-back);
 * `test/field-labels-zh.spec.ts` holds every input field of schema.graphql to having one.
 */

/** The office's word for an input field, by its name in the schema. */
const BY_FIELD: Readonly<Record<string, string>> = {
  again: '仍要新建同名账号',
  approve: '是否批准',
  approvedBy: '批准人',
  approvedOn: '批准日期',
  assignedOn: '交办日期',
  assignment: '交办',
  body: '声明内容',
  category: '类别',
  categoryCode: '类别编号',
  categoryTitle: '类别名称',
  code: '编码',
  commissionedBy: '委托单位',
  concernedUnitIds: '涉及单位',
  contentBase64: '文件内容',
  currentPassword: '当前密码',
  decidedOn: '决定日期',
  description: '具体表现',
  distinctFrom: '确认为另一个问题（与之相近的已登记问题）',
  distinctTitles: '确认为另一个问题的标题',
  documentRef: '文号',
  dryRun: '仅预览',
  dueDate: '整改时限',
  duplicateOf: '所重复的问题',
  evaluationId: '评估报告',
  evaluator: '评估机构',
  evidence: '佐证材料',
  expectedInspectedOn: '原督查日期',
  expectedOutcome: '原督查结果',
  expectedPlanVersion: '预览时的方案版本',
  expectedReportedOn: '原报告日期',
  expectedDueDate: '原完成时限',
  expectedName: '原姓名',
  expectedRole: '原角色',
  expectedUnitId: '原所属单位',
  expectedApprovedOn: '原批准日期',
  expectedRegisteredOn: '原登记日期',
  expectedIdentifiedOn: '原发现日期',
  expectedWithdrawnOn: '原撤销日期',
  expectedReceivedOn: '原收到日期',
  expectedIssuedOn: '原发文日期',
  expectedDocumentNumber: '原文号',
  expectedLeadUnitId: '原牵头单位',
  fileId: '上传的文件',
  fileName: '文件名',
  findingId: '问题',
  formedOn: '成立日期',
  handedOverOn: '移交日期',
  id: '编号',
  idempotencyKey: '请求编号',
  identifiedOn: '发现日期',
  initialPassword: '初始密码',
  inspectedOn: '督查日期',
  inspectionDue: '现场督查时限',
  inspectionId: '督查记录',
  issuedOn: '发文日期',
  itemId: '事项',
  kind: '类型',
  leadUnitId: '牵头单位',
  leader: '组长',
  link: '链接',
  loginName: '登录名',
  measures: '整改措施',
  members: '成员',
  mergedOn: '合并日期',
  message: '催办内容',
  name: '名称',
  nearNames: '按相近单位读取的名称',
  newDueDate: '新时限',
  newPassword: '新密码',
  notes: '督查情况',
  on: '实际日期',
  outcome: '督查结果',
  overrideReason: '超出方案时限的理由',
  parentUnitId: '上级单位',
  password: '密码',
  periodEnd: '评估期间截止日期',
  periodStart: '评估期间起始日期',
  place: '督查地点',
  planId: '工作方案',
  previousOn: '原日期',
  ofTheDay: '当天第几条记录',
  previousMergedOn: '原合并日期',
  previousAssignedOn: '原交办日期',
  publicKey: '公钥',
  reason: '理由',
  receivedOn: '收到日期',
  record: '要更正的记录',
  references: '引用的问题或事项',
  registeredOn: '登记日期',
  rename: '按更名处理',
  distinctCodes: '确认为不同单位的编码',
  renamedOn: '更名日期',
  reopenedOn: '重新打开日期',
  reportedOn: '报告日期',
  requestId: '延期申请',
  requestedDueDate: '申请的新时限',
  requestedOn: '申请日期',
  rescheduledOn: '调整日期',
  responsibleUnitIds: '责任单位',
  revise: '按新版本调整',
  revisionReason: '调整依据',
  role: '角色',
  selfRectificationDue: '自行整改时限',
  sentBackOn: '退办日期',
  severity: '严重程度',
  sheet: '工作表',
  signature: '签名',
  successorUnitId: '承接单位',
  summary: '整改措施及成效',
  title: '标题',
  unassignedOn: '撤回交办日期',
  undoLaterRevision: '确认撤销后来的调整',
  withdrawMissing: '确认撤销文件中没有的事项',
  unitId: '单位',
  units: '承担单位',
  urgedOn: '催办日期',
  userId: '用户',
  validForDays: '有效天数',
  withdrawnOn: '撤销日期',
  year: '年度',
};

/** Where one name means something else in one input: `Type.field`. */
const BY_INPUT_FIELD: Readonly<Record<string, string>> = {
  'RenameUnitInput.expectedName': '原单位名称',
  'AddWorkPlanItemInput.code': '事项编号',
  'AddWorkPlanItemInput.description': '内容',
  'AddWorkPlanItemInput.title': '事项',
  'AddWorkPlanItemUnitInput.role': '承担方式（牵头或责任）',
  'AddWorkPlanItemUnitInput.replacesLead': '替换原牵头单位',
  'UnitAssignmentInput.role': '承担方式（牵头或责任）',
  'ApproveRectificationPlanInput.title': '方案标题',
  'ImportWorkPlanInput.title': '方案标题',
  'ImportWorkPlanInput.lastYear': '截止年度',
  'RecordFindingInput.title': '问题',
  'RegisterEvaluationInput.title': '评估报告标题',
  'EvidenceInput.title': '材料名称',
  'TeamLeaderInput.title': '职务',
  'TeamMemberInput.title': '职务',
  'TeamLeaderInput.name': '姓名',
  'TeamMemberInput.name': '姓名',
  'RegisterUserInput.name': '姓名',
  'SetInitialPasswordInput.password': '初始密码',
  'ChangeUserAccountInput.name': '姓名',
  'RegisterUnitInput.name': '单位名称',
  'RegisterUnitInput.distinctFrom': '确认为另一个单位（与之相近的已登记单位）',
  'RenameUnitInput.name': '新名称',
  'RenameUnitInput.distinctFrom': '确认为另一个单位（与新名称相近的已登记单位）',
  'RegisterUnitInput.kind': '单位类型',
  'IssueCircularInput.kind': '通报类型',
  'CircularReferenceInput.kind': '引用类型',
  'CircularReferenceInput.id': '引用的问题或事项',
  'IssueCircularInput.title': '通报标题',
  'IssueCircularInput.reason': '通报事由',
  'IssueCircularInput.documentNumber': '文号',
  'WithdrawCircularInput.circularId': '通报',
  'WithdrawCircularInput.reason': '撤回理由',
  'WithdrawCircularInput.withdrawnOn': '撤回日期',
  'CorrectCircularInput.circularId': '通报',
  'CorrectCircularInput.issuedOn': '发文日期',
  'CorrectCircularInput.documentNumber': '文号',
  'CorrectCircularInput.reason': '更正理由',
  'WithdrawExtensionRequestInput.reason': '撤回理由',
  'WithdrawExtensionRequestInput.withdrawnOn': '撤回日期',
  'WithdrawWorkPlanItemExtensionRequestInput.reason': '撤回理由',
  'WithdrawWorkPlanItemExtensionRequestInput.withdrawnOn': '撤回日期',
  'UnitReorganizationPreviewInput.merge': '是否并入（否：移交任务）',
  'UnitReorganizationPreviewInput.on': '并入或移交日期',
  // 撤销误录: `on` is the day the record reads now, not 更正记录日期's 实际日期; its reason the dialog's 撤销理由 (breaker52-8 M4, newcomer52-8 M9).
  'RetractRecordInput.on': '该记录的日期',
  'RetractRecordInput.reason': '撤销理由',
  'RetractRecordInput.record': '要撤销的记录',
  'RetractWorkPlanItemRecordInput.on': '该记录的日期',
  'RetractWorkPlanItemRecordInput.reason': '撤销理由',
  'RetractWorkPlanItemRecordInput.record': '要撤销的记录',
};

/** `reason` by what the input does, read from its type name's leading verb. */
const REASON_BY_VERB: ReadonlyArray<readonly [RegExp, string]> = [
  [/^Withdraw/, '撤销理由'],
  [/^SendBack/, '退办理由'],
  [/^(Correct|Undo)/, '更正理由'],
  [/^Reopen/, '重新打开的理由'],
  [/^Request.*Extension/, '申请延期的理由'],
  [/^Decide.*Extension/, '不批准的理由'],
  [/^Reschedule/, '调整时限的理由'],
  [/^(Rename|Merge|HandOver)/, '调整理由'],
  [/^(Deactivate|Reactivate|ChangeUserAccount)/, '理由'],
  [/^(Add|Remove)WorkPlanItem/, '调整理由'],
];

/**
 * The Chinese name of input field `field` of GraphQL input type `inputType` (`WithdrawFindingInput`,
 * `reason` → 撤销理由), or null when none is known (the spec keeps that from happening for the schema's inputs).
 */
export function fieldLabelZh(inputType: string | undefined, field: string): string | null {
  const own = inputType ? BY_INPUT_FIELD[`${inputType}.${field}`] : undefined;
  if (own) return own;
  if (field === 'reason' && inputType) {
    const verb = REASON_BY_VERB.find(([pattern]) => pattern.test(inputType));
    if (verb) return verb[1];
  }
  return BY_FIELD[field] ?? null;
}

/**
 * The office's word for a query's argument that takes one of an enum's values, as the web app's filters say it (web5 task 1:
 * a value typed inline refused naming the argument: 「参数“status”（状态）取值不是可选的值之一…」). By the argument's name;
 * test/field-labels-zh.spec.ts holds every enum-valued argument of schema.graphql to having one.
 */
const BY_ARGUMENT: Readonly<Record<string, string>> = {
  status: '状态',
  partStatus: '任务状态',
  light: '灯色',
  order: '排序',
  kind: '类型',
  parentKind: '所属（问题或工作事项）',
};

/** The Chinese name of argument `argument` of a query's field (`status` → 状态), or null when none is known. */
export function argumentLabelZh(argument: string): string | null {
  return Object.hasOwn(BY_ARGUMENT, argument) ? BY_ARGUMENT[argument]! : null;
}
