import { Logger } from '@nestjs/common';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestApp, startTestApp } from '../support/test-app.js';

/*
 * Issue 11: a newcomer's demo tells a campaign in progress, counted from the day it is seeded:
 * findings assigned, reported, sent back, inspected (one failed and reported again), one closed,
 * an extension granted and one refused, units urged, one part overdue and some due within days;
 * a work plan whose due dates spread around that day, mostly green or yellow with a few red.
 */
const FINDINGS = `{
  evaluations { nodes { title receivedOn periodStart periodEnd } }
  findings(first: 50) { nodes { title status closedOn identifiedOn
    assignments { unit { code } role status dueDate trafficLight urges { urgedOn } extensionRequests { status }
                  inspections { outcome inspectedOn } } } }
  workPlans { id }
}`;
const WORK_PLAN = `query($id: ID!) { workPlan(id: $id) { title year progress { parts } categories { items { dueDate parts { trafficLight } } } } }`;

interface Part {
  unit: { code: string };
  role: string;
  status: string;
  dueDate: string;
  trafficLight: string;
  urges: { urgedOn: string }[];
  extensionRequests: { status: string }[];
  inspections: { outcome: string; inspectedOn: string }[];
}
interface Finding { title: string; status: string; closedOn: string | null; identifiedOn: string; assignments: Part[] }

describe.each([
  ['late in the year', '2026-11-29T10:00:00+08:00', '2026-11-29'],
  ['in spring', '2027-04-20T10:00:00+08:00', '2027-04-20'],
])('the demo seeded %s', (_, now, today) => {
  let app: TestApp;
  let data: Record<string, any>;
  const days = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

  beforeAll(async () => {
    app = await startTestApp({ demoData: true, now });
    const response = await app.graphql(FINDINGS);
    expect(response.errors).toBeUndefined();
    data = response.data!;
    const plan = await app.graphql(WORK_PLAN, { id: data.workPlans[0].id });
    expect(plan.errors).toBeUndefined();
    data.workPlan = plan.data!.workPlan;
  });

  afterAll(async () => {
    await app?.close();
  });

  it('received last year’s evaluation some weeks ago and identified its findings since', () => {
    const [evaluation] = data.evaluations.nodes;
    const year = Number(evaluation.receivedOn.slice(0, 4)) - 1;
    expect(evaluation).toMatchObject({ title: `青川市${year}年度政务公开工作第三方评估报告`, periodStart: `${year}-01-01`, periodEnd: `${year}-12-31` });
    expect(days(evaluation.receivedOn, today)).toBe(75);
    expect((data.findings.nodes as Finding[]).every((finding) => finding.identifiedOn > evaluation.receivedOn && finding.identifiedOn < today)).toBe(true);
  });

  it('has every finding assigned, one closed, parts reported, verified, returned, overdue and due soon', () => {
    const findings = data.findings.nodes as Finding[];
    const parts = findings.flatMap((finding) => finding.assignments);
    expect(findings).toHaveLength(6);
    expect(findings.every((finding) => finding.assignments.filter((part) => part.role === 'LEAD').length === 1)).toBe(true);
    const closed = findings.filter((finding) => finding.status === 'CLOSED');
    expect(closed).toHaveLength(1);
    expect(days(closed[0]!.closedOn!, today)).toBe(44);
    const statuses = parts.map((part) => part.status);
    for (const status of ['ASSIGNED', 'REPORTED', 'VERIFIED']) expect(statuses).toContain(status);
    expect(parts.filter((part) => part.trafficLight === 'RED').map((part) => part.unit.code)).toEqual(['JYJ']);
    expect(parts.filter((part) => part.trafficLight === 'YELLOW').length).toBeGreaterThanOrEqual(2);
    // A failed inspection, then the unit reported again.
    expect(parts.find((part) => part.inspections.some((inspection) => inspection.outcome === 'FAILED'))).toMatchObject({ unit: { code: 'CZJ' }, status: 'REPORTED' });
    expect(parts.flatMap((part) => part.extensionRequests.map((request) => request.status)).sort()).toEqual(['GRANTED', 'REFUSED']);
    expect(parts.filter((part) => part.urges.length > 0).map((part) => part.unit.code).sort()).toEqual(['JYJ', 'MZJ']);
  });

  it('records every finding with its 整改措施, so the demo 台账’s column is filled (breaker11d P9)', async () => {
    const { data: measured } = await app.graphql(`{ findings(first: 50) { nodes { title measures } } }`);
    expect(measured!.findings.nodes.filter((finding: { measures: string }) => finding.measures.trim() === '')).toEqual([]);
  });

  it('dates every fact in the past, never after the start day', () => {
    const findings = data.findings.nodes as Finding[];
    const factDays = findings.flatMap((finding) => [
      finding.identifiedOn,
      ...finding.assignments.flatMap((part) => [...part.urges.map((urge) => urge.urgedOn), ...part.inspections.map((inspection) => inspection.inspectedOn)]),
    ]);
    expect(factDays.every((day) => day <= today)).toBe(true);
    expect(new Set(factDays).size).toBeGreaterThan(5);
  });

  it('spreads the work plan’s due dates around the start day: mostly green or yellow, a few red', () => {
    const plan = data.workPlan;
    expect(plan.year).toBe(Number(today.slice(0, 4)));
    const lights = plan.categories.flatMap((category: any) => category.items.flatMap((item: any) => item.parts.map((part: any) => part.trafficLight)));
    const red = lights.filter((light: string) => light === 'RED').length;
    expect(lights.length).toBe(plan.progress.parts);
    expect(red).toBeGreaterThan(0);
    expect(red).toBeLessThan(lights.length / 10);
    const dueDates = plan.categories.flatMap((category: any) => category.items.map((item: any) => item.dueDate));
    expect(dueDates.every((due: string) => due <= `${plan.year}-12-31`)).toBe(true);
    expect(new Set(dueDates).size).toBeGreaterThan(5);
  });

  it('reminds the demo unit (市发改委) of its part due in three days', async () => {
    const fgw = (await app.graphql(`{ units { id code } }`)).data!.units.find((unit: { code: string }) => unit.code === 'FGW').id;
    const workload = await app.graphql(`query($id: ID!) { unitWorkload(unitId: $id) { reminders { kind message } } }`, { id: fgw });
    expect(workload.data!.unitWorkload.reminders).toContainEqual({ kind: 'DUE_IN_3_DAYS', message: expect.stringContaining('还有 3 天到期') });
  });
});

describe('the demo started again on a later day', () => {
  // What the demo wrote: every finding's events, the plans, the units and the evaluation's day.
  const DEMO_STATE = `{ evaluations { receivedOn } findings { history { eventId } } workPlans { id importedAt } units { id } }`;

  it('writes nothing more and keeps the story of the day it was seeded', async () => {
    const sqlitePath = join(mkdtempSync(join(tmpdir(), 'rectify-demo-')), 'rectify.db');
    const first = await startTestApp({ sqlitePath, demoData: true, now: '2026-11-29T10:00:00+08:00' });
    const before = (await first.graphql(DEMO_STATE)).data;
    await first.close();
    const warnings: string[] = [];
    const warn = Logger.prototype.warn;
    Logger.prototype.warn = function (this: Logger, message: unknown, ...rest: unknown[]) {
      warnings.push(String(message));
      return warn.call(this, message, ...rest);
    };
    const later = await startTestApp({ sqlitePath, demoData: true, now: '2026-12-20T10:00:00+08:00' }).finally(() => {
      Logger.prototype.warn = warn;
    });
    try {
      expect((await later.graphql(DEMO_STATE)).data).toEqual(before);
      // Nothing refused: every step, the work plan included, is the same command as on the first day.
      expect(warnings.filter((warning) => warning.includes('Demo'))).toEqual([]);
    } finally {
      await later.close();
    }
  });
});
