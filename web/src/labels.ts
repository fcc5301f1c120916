/** Chinese labels for the API's enums (the API speaks English codes; the UI speaks Chinese). */
export const LIGHT_LABEL: Record<string, string> = { RED: '红灯', YELLOW: '黄灯', GREEN: '绿灯' };
export const ROLE_LABEL: Record<string, string> = { LEAD: '牵头单位', RESPONSIBLE: '责任单位' };
/**
 * A signed-in person's role, the same words in 用户管理, the page header and every timeline: a unit's account is its 单位经办人,
 * whatever role its unit has on a part (牵头单位 / 责任单位 stay the part's roles, ROLE_LABEL) — 用户管理 said 「责任单位」 for
 * the clerk of a unit that leads three findings while timelines said 「单位经办人」 (newcomer36 S2, newcomer38 P6).
 */
export const USER_ROLE_LABEL: Record<string, string> = { SYSTEM: '系统', ADMIN: '系统管理员', SUPERVISOR: '督办人员', INSPECTOR: '现场督查员', UNIT: '单位经办人' };
/** Who acted, as a timeline names it beside the unit: the person's role, as USER_ROLE_LABEL. */
export const ACTOR_ROLE_LABEL: Record<string, string> = USER_ROLE_LABEL;
export const PART_STATUS_LABEL: Record<string, string> = { ASSIGNED: '整改中', REPORTED: '已报告待督查', RETURNED: '已退回', VERIFIED: '已核验' };
/**
 * A finding's status, one word each wherever it shows (list, page, overview, export): 待交办 until
 * a unit is given a part, 整改中 until every part is verified, then 已销号. Work-plan items with no
 * unit say 待交办 too (UNASSIGNED_LABEL).
 */
export const FINDING_STATUS_LABEL: Record<string, string> = { UNASSIGNED: '待交办', OPEN: '整改中', CLOSED: '已销号', WITHDRAWN: '已撤销' };
export const UNASSIGNED_LABEL = FINDING_STATUS_LABEL.UNASSIGNED!;
/** Element Plus tag types of the statuses. */
export const FINDING_STATUS_TAG: Record<string, 'info' | 'warning' | 'success'> = { UNASSIGNED: 'info', OPEN: 'warning', CLOSED: 'success', WITHDRAWN: 'info' };
/** A work-plan item's status, in the finding's words where the state is the same (newcomer23 S10: 进行中 beside 整改中). */
export const ITEM_STATUS_LABEL: Record<string, string> = { OPEN: FINDING_STATUS_LABEL.OPEN!, COMPLETED: '已完成', WITHDRAWN: '已撤销' };
/** The grades in the words evaluation reports and import files use (src/rectification/import-findings/findings-file.ts SEVERITY_WORDS). */
export const SEVERITY_LABEL: Record<string, string> = { HIGH: '严重', MEDIUM: '较重', LOW: '一般' };
export const OUTCOME_LABEL: Record<string, string> = { PASSED: '通过', FAILED: '不通过' };
export const CIRCULAR_KIND_LABEL: Record<string, string> = { COMMENDATION: '表扬', CRITICISM: '通报批评' };
export const EXTENSION_STATUS_LABEL: Record<string, string> = { PENDING: '待审批', GRANTED: '已批准', REFUSED: '未批准', LAPSED: '已失效（任务已确认完成，无需审批）', WITHDRAWN: '已撤回' };
export const RETURN_CAUSE_LABEL: Record<string, string> = { SENT_BACK: '退办', INSPECTION_FAILED: '督查未通过', REOPENED: '重新打开' };
export const REMINDER_LABEL: Record<string, string> = {
  NEWLY_ASSIGNED: '新交办',
  DUE_IN_7_DAYS: '7天内到期',
  DUE_IN_3_DAYS: '3天内到期',
  DUE_IN_1_DAY: '1天内到期',
  OVERDUE: '已逾期',
  URGED: '催办',
  REPORT_SENT_BACK: '退办',
  INSPECTION_FAILED: '督查未通过',
  EXTENSION_GRANTED: '延期已批准',
  EXTENSION_REFUSED: '延期未批准',
  REOPENED: '重新打开',
  REPORTED_LATE: '逾期报送',
};
/**
 * Every event type that can reach a finding's or an item's timeline, in words an office reads
 * (test/timeline-words.spec.ts checks the list is whole against the server's event types). A type
 * the app does not know yet shows as EVENT_FALLBACK, never as its code.
 */
export const EVENT_LABEL: Record<string, string> = {
  FindingRecorded: '登记问题',
  FindingClosedOut: '销号',
  FindingReopened: '重新打开',
  FindingWithdrawn: '撤销问题',
  FindingWithdrawalUndone: '撤销不成立',
  FindingIdentifiedOnCorrected: '更正发现日期',
  UnitAssigned: '交办',
  ExtensionRequested: '申请延期',
  ExtensionGranted: '批准延期',
  ExtensionRefused: '不批准延期',
  ExtensionRequestWithdrawn: '撤回延期申请',
  UnitUrged: '催办',
  RectificationReported: '报告整改完成',
  ReportSentBack: '退办',
  InspectionLogged: '现场督查',
  PartsReopened: '各单位重新整改',
  ReportDateCorrected: '更正报告日期',
  InspectionCorrected: '更正督查结果',
  FactDateCorrected: '更正日期',
  RecordRetracted: '撤销误录',
  PartHandedOver: '移交',
  PartHandOverUndone: '移交不成立',
  UnitUnassigned: '移除单位',
  PartsRescheduled: '调整各单位时限',
  PartRoleChanged: '调整牵头/责任分工',
  WorkPlanItemDefined: '列入工作方案',
  WorkPlanItemCompleted: '事项完成',
  WorkPlanItemReopened: '重新打开',
  WorkPlanItemWithdrawn: '撤销事项',
  WorkPlanItemWithdrawalUndone: '撤销不成立',
  WorkPlanItemReinstated: '恢复列入方案',
  WorkPlanItemRescheduled: '调整完成时限',
  WorkPlanItemAmended: '修改事项表述',
};
export const EVENT_FALLBACK = '其他记录';

/** What a date correction (FactDateCorrected) moved, by the event type of the record it corrects: 更正<word>日期. */
export const REDATED_WORD: Record<string, string> = {
  UnitAssigned: '交办',
  RectificationReported: '报告',
  ReportSentBack: '退办',
  UnitUrged: '催办',
  ExtensionRequested: '延期申请',
  ExtensionGranted: '延期审批',
  ExtensionRefused: '延期审批',
  ExtensionRequestWithdrawn: '撤回延期申请',
  InspectionLogged: '督查',
  PartsReopened: '重新打开',
  // A role change retracted or moved with its 替换原牵头单位 (h57c): 「撤销 2026-06-01 的承担方式调整」, not 「…的记录」.
  PartRoleChanged: '承担方式调整',
};

/** Light colours with WCAG AA contrast against white text (≥ 4.5:1). */
export const LIGHT_COLOR: Record<string, string> = { RED: '#c0392b', YELLOW: '#8a6100', GREEN: '#1e7b34' };

/** The submit button's words on a form's confirming press: 确认现场督查, and 确认撤销 once, not 确认确认撤销 (breaker11h P5). */
export const confirmLabel = (submitLabel: string): string => (submitLabel.startsWith('确认') ? submitLabel : `确认${submitLabel}`);
