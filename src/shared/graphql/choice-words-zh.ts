import { ROLE_ZH } from '../domain-error.js';

/*
 * The office's word for each value an input offers to choose from (a part's role, a severity, a light, a status …), as an
 * input check's refusal lists the values allowed (web3 fault 2: 「“承担单位第 1 项的承担方式（牵头或责任）”必须是以下之一：
 * LEAD, RESPONSIBLE。」 — the API's codes inside a Chinese sentence). The words are the web app's (web/src/labels.ts and the
 * pages that offer these choices); `test/refusal-texts.spec.ts` holds every value of every input's @IsIn to having one.
 */
const CHOICE_ZH: Readonly<Record<string, string>> = {
  // A part's role (承担方式).
  LEAD: '牵头',
  RESPONSIBLE: '责任',
  // A person's role.
  SUPERVISOR: ROLE_ZH.SUPERVISOR!,
  INSPECTOR: ROLE_ZH.INSPECTOR!,
  UNIT: ROLE_ZH.UNIT!,
  ADMIN: ROLE_ZH.ADMIN!,
  // A finding's severity.
  HIGH: '严重',
  MEDIUM: '较重',
  LOW: '一般',
  // A finding's status.
  UNASSIGNED: '待交办',
  OPEN: '整改中',
  CLOSED: '已销号',
  WITHDRAWN: '已撤销',
  // A part's status.
  ASSIGNED: '整改中',
  REPORTED: '已报告待督查',
  VERIFIED: '已核验',
  RETURNED: '已退回',
  // Its light.
  GREEN: '绿灯',
  YELLOW: '黄灯',
  RED: '红灯',
  // An inspection's (or a check's) outcome.
  PASSED: '通过',
  FAILED: '不通过',
  // A circular.
  COMMENDATION: '表扬',
  CRITICISM: '通报批评',
  // What a circular cites, or a reminder is about.
  FINDING: '问题',
  WORK_PLAN_ITEM: '工作事项',
  // A unit's kind.
  GENERAL_OFFICE: '办公厅',
  DEPARTMENT: '部门',
  COUNTY_OR_DISTRICT: '区县',
  OTHER: '其他',
  // The order of the open parts.
  URGENCY: '按紧急程度',
  DUE_DATE_ASC: '按整改时限从早到晚',
  DUE_DATE_DESC: '按整改时限从晚到早',
  DAYS_OVERDUE_ASC: '按逾期天数从少到多',
  DAYS_OVERDUE_DESC: '按逾期天数从多到少',
  // A reminder.
  NEWLY_ASSIGNED: '新交办',
  OVERDUE: '已逾期',
  DUE_IN_1_DAY: '1天内到期',
  DUE_IN_3_DAYS: '3天内到期',
  DUE_IN_7_DAYS: '7天内到期',
  URGED: '催办',
  REPORT_SENT_BACK: '退办',
  INSPECTION_FAILED: '督查未通过',
  REOPENED: '重新打开',
  EXTENSION_GRANTED: '延期已批准',
  EXTENSION_REFUSED: '延期未批准',
  REPORTED_LATE: '逾期报送',
  // A record of a part whose day is corrected.
  ASSIGNMENT: '交办',
  REPORT: '整改报告',
  SEND_BACK: '退办',
  URGING: '催办',
  EXTENSION_REQUEST: '延期申请',
  EXTENSION_DECISION: '延期审批',
  EXTENSION_WITHDRAWAL: '撤回延期申请',
  INSPECTION: '现场督查',
  REOPENING: '重新打开',
  HAND_OVER: '按事项移交',
  REMOVAL: '移除单位',
  ROLE_CHANGE: '承担方式调整',
};

/** The office's word for a value an input offers (`LEAD`: 牵头); undefined for a value it has none for. */
export function choiceZh(value: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(CHOICE_ZH, value) ? CHOICE_ZH[value] : undefined;
}

/**
 * The values an input check allows, as a refusal lists them: each by its office word, joined by 、 (牵头、责任); a value
 * without one is said as the API spells it, so that nothing allowed is left out.
 */
export function choicesZh(values: readonly string[]): string {
  return values.map((value) => choiceZh(value) ?? value).join('、');
}
