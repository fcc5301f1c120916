import type { UserRole } from '../access/domain/user.events.js';
import type { UnitKind } from '../organization/domain/unit.events.js';
import type { Severity } from '../rectification/domain/finding.events.js';

/**
 * A fictional prefecture-level city, 青川市, whose 2025 government-openness work was evaluated by
 * an outside institute: enough for a newcomer's first queries to show something real.
 */
export const demoUnits: { code: string; name: string; kind: UnitKind; parent?: string }[] = [
  { code: 'GOV-OFFICE', name: '青川市人民政府办公室', kind: 'GENERAL_OFFICE' },
  { code: 'OPENNESS', name: '青川市政务公开办公室', kind: 'OTHER', parent: 'GOV-OFFICE' },
  { code: 'FGW', name: '青川市发展和改革委员会', kind: 'DEPARTMENT' },
  { code: 'CZJ', name: '青川市财政局', kind: 'DEPARTMENT' },
  { code: 'HBJ', name: '青川市环境保护局', kind: 'DEPARTMENT' },
  { code: 'ZJJ', name: '青川市住房和城乡建设局', kind: 'DEPARTMENT' },
  { code: 'RSJ', name: '青川市人力资源和社会保障局', kind: 'DEPARTMENT' },
  { code: 'JYJ', name: '青川市教育局', kind: 'DEPARTMENT' },
  { code: 'WJW', name: '青川市卫生和计划生育委员会', kind: 'DEPARTMENT' },
  { code: 'JTJ', name: '青川市交通运输局', kind: 'DEPARTMENT' },
  { code: 'MZJ', name: '青川市民政局', kind: 'DEPARTMENT' },
  { code: 'FPB', name: '青川市扶贫开发办公室', kind: 'DEPARTMENT' },
  { code: 'SYJ', name: '青川市食品药品监督管理局', kind: 'DEPARTMENT' },
  { code: 'DONGHU', name: '青川市东湖区人民政府', kind: 'COUNTY_OR_DISTRICT' },
  { code: 'XISHAN', name: '西山县人民政府', kind: 'COUNTY_OR_DISTRICT' },
];

/**
 * The evaluation of the year before the one it arrived in, received `RECEIVED_DAYS_AGO` days
 * before the start day (the day the demo is seeded), so the campaign is under way.
 */
export function demoEvaluation(receivedOn: string) {
  const year = Number(receivedOn.slice(0, 4)) - 1;
  return {
    title: `青川市${year}年度政务公开工作第三方评估报告`,
    evaluator: '中部政府透明度研究院',
    commissionedBy: '国务院办公厅政务公开办公室',
    periodStart: `${year}-01-01`,
    periodEnd: `${year}-12-31`,
    receivedOn,
  };
}

export const demoFindings: {
  key: string;
  title: string;
  description: string;
  category: string;
  severity: Severity;
  /** 整改措施 as the rectification plan states them: the 台账's own column (breaker11d P9: empty on every demo row). */
  measures: string;
  units: string[];
}[] = [
  {
    key: 'stale-disclosure',
    title: '部分单位主动公开信息更新不及时',
    description: '抽查发现3家市直部门网站“政府信息公开”栏目内容停留在2024年，公开目录不完整，部分链接失效。',
    category: '主动公开',
    severity: 'HIGH',
    measures: '全面梳理政府信息公开目录，补齐缺失栏目；清理失效链接；建立栏目月度自查和更新台账制度。',
    units: ['FGW', 'ZJJ', 'MZJ'],
  },
  {
    key: 'no-online-request',
    title: '未开通依申请公开网上申请渠道',
    description: '市政府门户网站仅提供信函和当面申请方式，公众无法在线提交政府信息公开申请并查询办理进度。',
    category: '依申请公开',
    severity: 'HIGH',
    measures: '在市政府门户网站开通依申请公开网上申请平台，公布申请流程、办理时限和进度查询方式；印发申请办理规范。',
    units: ['GOV-OFFICE', 'OPENNESS'],
  },
  {
    key: 'late-annual-report',
    title: '政府信息公开工作年度报告发布滞后',
    description: '2家单位未在规定时限（3月31日前）发布上一年度政府信息公开工作年度报告，已发布的报告缺少收费和减免情况统计。',
    category: '年度报告',
    severity: 'MEDIUM',
    measures: '按规定格式补充收费和减免情况统计，限期发布年度报告；此后每年3月31日前发布并报政务公开办备案。',
    units: ['CZJ', 'JYJ'],
  },
  {
    key: 'key-areas',
    title: '重点领域信息公开不全面',
    description: '财政预决算、环境监测数据、棚户区改造项目进度等重点领域信息公开不够全面、及时，部分数据未按季度更新。',
    category: '重点领域信息公开',
    severity: 'HIGH',
    measures: '按季度更新财政预决算、环境监测和棚户区改造信息；建立重点领域信息公开清单，明确责任单位和更新时限。',
    units: ['CZJ', 'HBJ', 'ZJJ'],
  },
  {
    key: 'policy-interpretation',
    title: '政策文件缺少配套解读',
    description: '年内印发的规范性文件中，约四成未同步发布政策解读材料，解读形式单一，以文字复述为主。',
    category: '政策解读',
    severity: 'MEDIUM',
    measures: '规范性文件与解读材料同步起草、同步审签、同步发布；增加图解、问答等解读形式。',
    units: ['FGW', 'RSJ'],
  },
  {
    key: 'public-concerns',
    title: '网民留言回应不及时',
    description: '区县政府网站“领导信箱”部分留言超过15个工作日未答复，答复内容简单、针对性不强。',
    category: '回应关切',
    severity: 'LOW',
    measures: '建立“领导信箱”留言办理台账，15个工作日内答复；定期抽查答复质量并通报。',
    units: ['DONGHU', 'XISHAN'],
  },
];

/**
 * One account per role so a newcomer can try each. Their tokens are fixed and printed at start:
 * fine for a demo on one's own machine, and why the demo is off in production.
 */
/** The demo accounts' password: printed at start and in the README, so never for a real store. */
export const DEMO_PASSWORD = 'rectify-demo';

export const demoUsers: { name: string; role: UserRole; unit: string | null; token: string; loginName: string }[] = [
  { name: '张伟（政务公开办）', role: 'SUPERVISOR', unit: 'OPENNESS', token: 'rct_demo_supervisor_qingchuan', loginName: 'supervisor' },
  { name: '王芳（督查组）', role: 'INSPECTOR', unit: null, token: 'rct_demo_inspector_qingchuan', loginName: 'inspector' },
  { name: '李娜（市发改委）', role: 'UNIT', unit: 'FGW', token: 'rct_demo_unit_fgw_qingchuan', loginName: 'unit-fgw' },
  { name: '系统管理员', role: 'ADMIN', unit: null, token: 'rct_demo_admin_qingchuan', loginName: 'admin' },
];

/**
 * The clerks of the units that act in the demo's story (demo-story.ts), besides 李娜 of 市发改委:
 * accounts without a password, so they do not sign in; the timeline names them.
 */
export const demoClerks: { name: string; unit: string }[] = [
  { name: '杨帆（市政府办）', unit: 'GOV-OFFICE' },
  { name: '刘洋（市政务公开办）', unit: 'OPENNESS' },
  { name: '黄丽（市财政局）', unit: 'CZJ' },
  { name: '周杰（市环保局）', unit: 'HBJ' },
  { name: '陈刚（市住建局）', unit: 'ZJJ' },
  { name: '吴敏（市人社局）', unit: 'RSJ' },
  { name: '郑强（西山县政府）', unit: 'XISHAN' },
  // The unit of the demo's red part (政府信息公开工作年度报告发布滞后): a newcomer's first wish is to clear it (newcomer36 S16).
  { name: '孙磊（市教育局）', unit: 'JYJ' },
];
