import { parse } from 'csv-parse/sync';
import { errorCode, freshDatabasePath, startTestApp, type TestApp } from './test-app.js';

/**
 * One office on its own server and SQLite file, for typing-order e2e specs (issue 11): two of them are
 * given the same office facts, one in date order and one as an office typed them, and every view a
 * supervisor reads of the plan is compared day by day (`views`). Units are registered 2026-01-01 and
 * the plan (a CSV in the 分解方案 layout, `HEADER` first) is approved on `approvedOn`, assigned the next day.
 */
export class PlanOffice {
  private keys = 0;
  /** Unit ids by the short code the spec names them with. */
  readonly units: Record<string, string> = {};
  /** Item ids by their number in the plan. */
  readonly items: Record<string, string> = {};
  planId = '';

  private constructor(readonly app: TestApp) {}

  /** Starts a server whose office day is that of `now` (an ISO instant) and imports the plan. */
  static async open(input: { now: string; units: Record<string, string>; planTitle: string; csv: string; approvedOn: string; assignedOn: string }): Promise<PlanOffice> {
    const office = new PlanOffice(await startTestApp({ sqlitePath: freshDatabasePath(), now: input.now }));
    for (const [code, name] of Object.entries(input.units)) {
      const unit = await office.app.graphql(`mutation($input: RegisterUnitInput!) { registerUnit(input: $input) { id } }`, { input: { idempotencyKey: `unit-${code}`, code, name, kind: 'DEPARTMENT', registeredOn: '2026-01-01' } }, await office.app.as('ADMIN'));
      expect(unit.errors).toBeUndefined();
      office.units[code] = unit.data!.registerUnit.id;
    }
    const imported = await office.app.graphql(`mutation($input: ImportWorkPlanInput!) { importWorkPlan(input: $input) { planId } }`, {
      input: { idempotencyKey: 'plan', fileName: 'plan.csv', title: input.planTitle, year: 2026, contentBase64: base64(input.csv), approvedOn: input.approvedOn, assignedOn: input.assignedOn },
    });
    expect(imported.errors).toBeUndefined();
    office.planId = imported.data!.importWorkPlan.planId;
    const outline = await office.app.graphql(`query($id: ID!) { workPlan(id: $id) { categories { items { id code } } } }`, { id: office.planId });
    for (const category of outline.data!.workPlan.categories as { items: { id: string; code: string }[] }[]) for (const one of category.items) office.items[one.code] = one.id;
    return office;
  }

  /** Runs one mutation with a fresh idempotency key; answers its refusal's `extensions.code`, or null when it was taken. */
  async mutate(name: string, input: Record<string, unknown>, headers?: Record<string, string>): Promise<string | null> {
    const type = `${name[0]!.toUpperCase()}${name.slice(1)}Input`;
    const response = await this.app.graphql(`mutation($input: ${type}!) { ${name}(input: $input) { __typename } }`, { input: { idempotencyKey: `${name}-${(this.keys += 1)}`, ...input } }, headers);
    return response.errors ? (errorCode(response) as string) : null;
  }

  /** The unit `unit` reports item `code` on `reportedOn`. */
  async report(code: string, unit: string, reportedOn: string): Promise<string | null> {
    const evidence = [{ title: '公开页面', link: 'https://www.example.gov.cn/x' }];
    return this.mutate('reportWorkPlanItem', { itemId: this.items[code], unitId: this.units[unit], summary: '已整改', evidence, reportedOn }, await this.app.as('UNIT', this.units[unit]));
  }

  /** An inspector passes unit `unit`'s part of item `code` on `inspectedOn`. */
  async pass(code: string, unit: string, inspectedOn: string): Promise<string | null> {
    return this.mutate('logWorkPlanItemInspection', { itemId: this.items[code], unitId: this.units[unit], outcome: 'PASSED', inspectedOn, place: '现场' }, await this.app.as('INSPECTOR'));
  }

  /** The supervisor withdraws item `code` from the plan on `withdrawnOn`. */
  withdraw(code: string, withdrawnOn: string): Promise<string | null> {
    return this.mutate('withdrawWorkPlanItem', { itemId: this.items[code], reason: '依据第二版方案调整', withdrawnOn });
  }

  /** A new version of the plan (`csv`, whole) dated `assignedOn`. */
  revise(csv: string, assignedOn: string, title: string): Promise<string | null> {
    return this.mutate('importWorkPlan', { fileName: `plan-${assignedOn}.csv`, title, year: 2026, contentBase64: base64(csv), revise: true, assignedOn });
  }

  /**
   * A 单位名录 paper: unit `from`'s parts pass to `to` on `on` — merged (机构改革: `from` ceases) or handed over (职能调整).
   * Sent by an ADMIN; answers the refusal's code, or null when it was taken.
   */
  async reorganise(how: 'mergeUnit' | 'handOverUnitParts', from: string, to: string, on: string): Promise<string | null> {
    const day = how === 'mergeUnit' ? { mergedOn: on, reason: '机构改革' } : { handedOverOn: on, reason: '职能调整' };
    return this.mutate(how, { unitId: this.units[from], successorUnitId: this.units[to], ...day }, await this.app.as('ADMIN'));
  }

  /**
   * Who holds item `code`'s parts on `asOf` (absent: now), by unit code: each part as `unit role status due ←earlier holders`, sorted
   * — what `views` leaves out (unit ids differ from server to server).
   */
  async holders(code: string, asOf?: string): Promise<string[]> {
    const page = await this.app.graphql(`query($id: ID!, $asOf: String) { workPlanItem(id: $id, asOf: $asOf) { parts { unitId role status dueDate heldBefore } } }`, { id: this.items[code], asOf });
    expect(page.errors).toBeUndefined();
    const codeOf = (unitId: string) => Object.entries(this.units).find(([, id]) => id === unitId)?.[0] ?? unitId;
    const parts = page.data!.workPlanItem.parts as { unitId: string; role: string; status: string; dueDate: string; heldBefore: string[] }[];
    return parts.map((part) => [codeOf(part.unitId), part.role, part.status, part.dueDate, ...part.heldBefore.map(codeOf)].join(' ')).sort();
  }

  /**
   * Everything a supervisor and an inspector read of the plan on `asOf` (absent: now), in one comparable shape: the breakdown
   * with its 完成率, every item's page, the withdrawn list, the scorecard, the 待督查 list and the work-plan export (CSV).
   */
  async views(asOf?: string) {
    const plan = await this.app.graphql(
      `query($id: ID!, $asOf: String) { workPlan(id: $id, asOf: $asOf) {
        progress { items completedItems percentComplete parts verifiedParts }
        categories { items { code status completedOn percentComplete } } } }`,
      { id: this.planId, asOf },
    );
    expect(plan.errors).toBeUndefined();
    const pages: Record<string, unknown> = {};
    for (const [code, itemId] of Object.entries(this.items)) {
      const page = await this.app.graphql(
        `query($id: ID!, $asOf: String) { workPlanItem(id: $id, asOf: $asOf) { status withdrawnOn completedOn parts { status dueDate verifiedOn trafficLight reports { reportedOn } } } }`,
        { id: itemId, asOf },
      );
      expect(page.errors).toBeUndefined();
      pages[code] = page.data!.workPlanItem;
    }
    const withdrawn = await this.app.graphql(`query($planId: ID!, $asOf: String) { workPlanItems(planId: $planId, withdrawn: true, asOf: $asOf) { nodes { code withdrawnOn } } }`, { planId: this.planId, asOf });
    expect(withdrawn.errors).toBeUndefined();
    const scorecard = await this.app.graphql(`query($asOf: String) { unitScorecard(asOf: $asOf) { unitName parts due onTime onTimeRate overdue returned } }`, { asOf });
    expect(scorecard.errors).toBeUndefined();
    const awaiting = await this.app.graphql(`query($asOf: String) { awaitingInspection(first: 100, asOf: $asOf) { nodes { itemCode part { unitId status } } } }`, { asOf }, await this.app.as('INSPECTOR'));
    expect(awaiting.errors).toBeUndefined();
    return {
      plan: plan.data!.workPlan,
      pages,
      withdrawn: withdrawn.data!.workPlanItems.nodes,
      scorecard: scorecard.data!.unitScorecard,
      awaiting: awaiting.data!.awaitingInspection.nodes,
      exported: await this.exported(asOf),
    };
  }

  /** The work-plan export's rows (CSV), title rows left out. */
  private async exported(asOf?: string): Promise<string[][]> {
    const response = await fetch(`${this.app.url}/export/work-plan.csv?planId=${this.planId}${asOf ? `&asOf=${asOf}` : ''}`, { headers: await this.app.as('SUPERVISOR') });
    expect(response.status).toBe(200);
    const rows = parse(Buffer.from(await response.arrayBuffer()).subarray(3).toString('utf8'), { relax_column_count: true }) as string[][];
    return rows.slice(rows.findIndex((row) => row.includes('状态')));
  }
}

export const HEADER = '类别编号,类别,编号,事项,内容,牵头单位,责任单位,完成时限\n';
const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
