import { parse, stringify } from 'yaml';
import { addDays, daysBetween } from '../shared/calendar-date.js';
import type { AssignmentRole, InspectionOutcome } from '../assignments/domain/assignment.events.js';

/*
 * The demo as a campaign in progress on the day it is seeded (the start day): the evaluation came
 * in some weeks ago, its findings were assigned, units have been reporting, inspectors checking;
 * one finding is closed (销号), one report was sent back (退办), one inspection failed and the unit
 * reported again, an extension was granted and another refused, units were urged (催办), one part
 * is overdue and some are due within days. Every business day is counted from the start day, so
 * a newcomer sees the same story whenever they start, and every day is in the past or today. The
 * work plan's due dates spread around the start day the same way.
 */

/** A business day as days from the start day: `-30` is thirty days before it. */
type Offset = number;

/** One step of the story, by the person who would take it (see DemoSeeder for who that is). */
export type StoryStep =
  | { readonly do: 'assign'; readonly finding: string; readonly on: Offset; readonly units: readonly { unit: string; role: AssignmentRole; due: Offset }[] }
  | { readonly do: 'report'; readonly finding: string; readonly unit: string; readonly on: Offset; readonly summary: string; readonly evidence: string; readonly link: string }
  | { readonly do: 'sendBack'; readonly finding: string; readonly unit: string; readonly on: Offset; readonly reason: string }
  | { readonly do: 'inspect'; readonly finding: string; readonly unit: string; readonly on: Offset; readonly outcome: InspectionOutcome; readonly notes: string; readonly place: string; readonly newDue?: Offset }
  | { readonly do: 'requestExtension'; readonly finding: string; readonly unit: string; readonly on: Offset; readonly until: Offset; readonly reason: string }
  | { readonly do: 'decideExtension'; readonly finding: string; readonly unit: string; readonly on: Offset; readonly approve: boolean; readonly reason?: string }
  | { readonly do: 'urge'; readonly finding: string; readonly unit: string; readonly on: Offset; readonly message: string };

/** The evaluation report arrived this many days before the start day; the findings were identified two days later. */
export const RECEIVED_DAYS_AGO = 75;
export const IDENTIFIED_DAYS_AGO = 73;

const PORTAL = 'https://www.qingchuan.gov.cn';

/** In the order they happened; findings by their key in `demoFindings`, units by code. */
export const demoStory: readonly StoryStep[] = [
  { do: 'assign', finding: 'stale-disclosure', on: -70, units: [{ unit: 'FGW', role: 'LEAD', due: 20 }, { unit: 'ZJJ', role: 'RESPONSIBLE', due: 20 }, { unit: 'MZJ', role: 'RESPONSIBLE', due: 20 }] },
  { do: 'assign', finding: 'no-online-request', on: -70, units: [{ unit: 'GOV-OFFICE', role: 'LEAD', due: -20 }, { unit: 'OPENNESS', role: 'RESPONSIBLE', due: -20 }] },
  { do: 'assign', finding: 'late-annual-report', on: -70, units: [{ unit: 'CZJ', role: 'LEAD', due: -10 }, { unit: 'JYJ', role: 'RESPONSIBLE', due: -10 }] },
  { do: 'assign', finding: 'key-areas', on: -70, units: [{ unit: 'CZJ', role: 'LEAD', due: 5 }, { unit: 'HBJ', role: 'RESPONSIBLE', due: 5 }, { unit: 'ZJJ', role: 'RESPONSIBLE', due: 5 }] },
  { do: 'assign', finding: 'policy-interpretation', on: -70, units: [{ unit: 'FGW', role: 'LEAD', due: 3 }, { unit: 'RSJ', role: 'RESPONSIBLE', due: 3 }] },
  { do: 'report', finding: 'no-online-request', unit: 'OPENNESS', on: -52, summary: '已在市政府门户网站开通依申请公开网上申请平台，公布申请流程、办理时限和进度查询方式。', evidence: '依申请公开网上平台', link: `${PORTAL}/ysqgk` },
  { do: 'report', finding: 'no-online-request', unit: 'GOV-OFFICE', on: -50, summary: '印发《青川市政府信息公开申请办理规范》，网上申请纳入政务服务平台统一受理。', evidence: '办理规范（青政办发〔2026〕12号）', link: `${PORTAL}/zfxxgk/gfxwj` },
  { do: 'inspect', finding: 'no-online-request', unit: 'OPENNESS', on: -44, outcome: 'PASSED', notes: '现场提交测试申请，平台受理、短信回执正常。', place: '市政务公开办公室' },
  { do: 'inspect', finding: 'no-online-request', unit: 'GOV-OFFICE', on: -44, outcome: 'PASSED', notes: '规范已印发，网上申请已纳入统一受理。', place: '市人民政府办公室' },
  { do: 'report', finding: 'stale-disclosure', unit: 'ZJJ', on: -40, summary: '已更新政府信息公开栏目。', evidence: '栏目截图', link: `${PORTAL}/zjj/xxgk` },
  { do: 'sendBack', finding: 'stale-disclosure', unit: 'ZJJ', on: -36, reason: '佐证材料仅有网页截图，请补充栏目更新记录和完整的公开目录清单。' },
  { do: 'report', finding: 'stale-disclosure', unit: 'FGW', on: -32, summary: '全面梳理政府信息公开目录，补充更新2025年以来信息312条，修复失效链接47个，建立栏目月度自查制度。', evidence: '公开目录清单及更新记录', link: `${PORTAL}/fgw/xxgk/ml` },
  { do: 'assign', finding: 'public-concerns', on: -30, units: [{ unit: 'DONGHU', role: 'LEAD', due: 40 }, { unit: 'XISHAN', role: 'RESPONSIBLE', due: 40 }] },
  { do: 'inspect', finding: 'stale-disclosure', unit: 'FGW', on: -25, outcome: 'PASSED', notes: '抽查20个栏目，均已更新至本月，链接有效。', place: '市发展和改革委员会' },
  { do: 'report', finding: 'late-annual-report', unit: 'CZJ', on: -24, summary: '已发布2025年度政府信息公开工作年度报告。', evidence: '2025年度报告', link: `${PORTAL}/czj/ndbg/2025` },
  { do: 'requestExtension', finding: 'key-areas', unit: 'HBJ', on: -20, until: 35, reason: '环境监测数据公开平台需与省级平台对接，预计下月完成联调。' },
  { do: 'decideExtension', finding: 'key-areas', unit: 'HBJ', on: -18, approve: true },
  { do: 'inspect', finding: 'late-annual-report', unit: 'CZJ', on: -16, outcome: 'FAILED', notes: '年度报告仍缺少收费和减免情况统计表，请补充后重新发布。', place: '市财政局', newDue: 10 },
  { do: 'requestExtension', finding: 'key-areas', unit: 'ZJJ', on: -15, until: 40, reason: '棚户区改造项目进度数据需逐项核实。' },
  { do: 'decideExtension', finding: 'key-areas', unit: 'ZJJ', on: -13, approve: false, reason: '棚户区改造信息须按期公开，请加派人手按时完成。' },
  { do: 'report', finding: 'stale-disclosure', unit: 'ZJJ', on: -12, summary: '补充栏目更新记录和公开目录清单，2024年以来信息已全部补录。', evidence: '栏目更新记录及目录清单', link: `${PORTAL}/zjj/xxgk/ml` },
  { do: 'urge', finding: 'late-annual-report', unit: 'JYJ', on: -8, message: '年度报告已超过整改时限，请立即发布并报送整改情况。' },
  { do: 'report', finding: 'policy-interpretation', unit: 'RSJ', on: -6, summary: '对年内印发的8件规范性文件补发图文解读，新增政策问答专栏。', evidence: '政策解读专栏', link: `${PORTAL}/rsj/zcjd` },
  { do: 'urge', finding: 'stale-disclosure', unit: 'MZJ', on: -6, message: '请于截止日期前报送整改情况，逾期将予以通报。' },
  { do: 'report', finding: 'public-concerns', unit: 'XISHAN', on: -5, summary: '建立领导信箱留言限时办结制度，历史积压留言已全部答复。', evidence: '留言办理台账', link: 'https://www.xishan.gov.cn/ldxx' },
  { do: 'report', finding: 'late-annual-report', unit: 'CZJ', on: -4, summary: '补充收费和减免情况统计表，年度报告已重新发布。', evidence: '2025年度报告（修订版）', link: `${PORTAL}/czj/ndbg/2025-xd` },
  { do: 'report', finding: 'key-areas', unit: 'CZJ', on: -3, summary: '市级部门预决算及“三公”经费已全部公开，支出细化到项级科目。', evidence: '预决算公开专栏', link: `${PORTAL}/czj/yjs` },
  { do: 'inspect', finding: 'policy-interpretation', unit: 'RSJ', on: -2, outcome: 'PASSED', notes: '解读材料与文件同步发布，形式包含图解和问答。', place: '市人力资源和社会保障局' },
];

/** The day `offset` days from `startDay`. */
export const dayOf = (startDay: string, offset: Offset): string => addDays(startDay, offset);

/**
 * The sample plan (`samples/work-plan-2026.yaml`, written as of 1 April 2026) moved to the start
 * day: the plan's year is the start day's, and each due date keeps its distance from 1 April, so
 * the items due in March are overdue (a few red) and the rest spread ahead. Distances that would
 * run past 31 December, the plan's limit, are scaled down to fit, keeping their order. Started on
 * 1 April 2026 the plan is the sample itself.
 */
export function demoWorkPlan(sampleYaml: string, startDay: string): string {
  const SAMPLE_DAY = '2026-04-01';
  const plan = parse(sampleYaml) as { title: string; year: number; categories: { items: { dueDate: string | Date }[] }[] };
  const year = Number(startDay.slice(0, 4));
  const yearEnd = `${year}-12-31`;
  const offsets = plan.categories.flatMap((category) => category.items).map((item) => daysBetween(SAMPLE_DAY, dayText(item.dueDate)));
  const room = daysBetween(startDay, yearEnd);
  const scale = Math.min(1, room / Math.max(1, ...offsets));
  for (const item of plan.categories.flatMap((category) => category.items)) {
    const offset = daysBetween(SAMPLE_DAY, dayText(item.dueDate));
    const due = addDays(startDay, offset > 0 ? Math.round(offset * scale) : offset);
    item.dueDate = due < `${year}-01-01` ? `${year}-01-01` : due;
  }
  return stringify({ ...plan, title: plan.title.replace(String(plan.year), String(year)), year });
}

/** YAML reads an unquoted 2026-06-30 as a Date. */
const dayText = (value: string | Date): string => (value instanceof Date ? value.toISOString().slice(0, 10) : value);
