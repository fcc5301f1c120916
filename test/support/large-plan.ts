import type { TestApp } from './test-app.js';

/** `YYYY-MM-DD` plus `days` calendar days. */
const plusDays = (day: string, days: number): string => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * A work plan of `size` items in three categories (breaker11 F4's 1,200-item plan), each item with
 * `leadCode` leading and the three `responsibleCodes` responsible, approved 30 days before the office
 * day `today` (not before 1 January of its year) and due from the day after its approval to 60 days
 * later (never past 31 December): so some of its parts are overdue on `today` and others are not.
 * Answers the CSV, the plan's year and its approval day (`YYYY-MM-DD`).
 */
export function largePlanCsv(size: number, today: string, leadCode: string, responsibleCodes: string[]): { csv: string; year: number; approvedOn: string } {
  const year = Number(today.slice(0, 4));
  const yearStart = `${year}-01-01`;
  const yearEnd = `${year}-12-31`;
  const monthAgo = plusDays(today, -30);
  const approvedOn = monthAgo < yearStart ? yearStart : monthAgo;
  const rows = ['类别编号,类别,序号,工作事项,牵头单位,责任单位,完成时限'];
  const perCategory = Math.ceil(size / 3);
  for (let item = 1; item <= size; item += 1) {
    const category = ['一,信息公开', '二,政策解读', '三,平台建设'][Math.floor((item - 1) / perCategory)];
    const due = plusDays(approvedOn, 1 + (item % 61));
    rows.push([category, item, `第${item}项工作任务`, leadCode, responsibleCodes.join('、'), due > yearEnd ? yearEnd : due].join(','));
  }
  return { csv: `\ufeff${rows.join('\n')}\n`, year, approvedOn };
}

/**
 * Imports `largePlanCsv`'s plan as a supervisor, through POST /imports/files (a plan this size is
 * larger than a GraphQL request may be), as a plan of its own (`separatePlan`). Answers the plan's id.
 */
export async function importLargePlan(app: TestApp, title: string, plan: ReturnType<typeof largePlanCsv>): Promise<string> {
  const supervisor = await app.as('SUPERVISOR');
  const sent = await fetch(`${app.url}/imports/files?name=plan.csv`, { method: 'POST', headers: supervisor, body: plan.csv });
  if (sent.status !== 201) throw new Error(`upload: HTTP ${sent.status} ${await sent.text()}`);
  const { fileId } = (await sent.json()) as { fileId: string };
  const imported = await app.graphql(
    `mutation($input: ImportWorkPlanInput!) { importWorkPlan(input: $input) { planId itemCount } }`,
    // Each plan a spec imports is a plan of its own, though two of one size list the same items (newcomer52-10 S3 refuses that unasked).
    { input: { idempotencyKey: `large-plan-${title}`, fileName: 'plan.csv', fileId, title, year: plan.year, approvedOn: plan.approvedOn, assignedOn: plan.approvedOn, separatePlan: true } },
    supervisor,
  );
  if (imported.errors) throw new Error(`importWorkPlan: ${JSON.stringify(imported.errors).slice(0, 2000)}`);
  return imported.data!.importWorkPlan.planId;
}
