import { parse } from 'csv-parse/sync';
import { errorCode, freshDatabasePath, startTestApp, type TestApp } from './test-app.js';

/** What an office starts from: its units (short code → name), registered 2026-01-01, and its plan. */
export interface OfficeSetUp {
  /** The server's instant (ISO); its office day is the day every view without `asOf` reads. */
  readonly now: string;
  readonly units: Record<string, string>;
  readonly planTitle: string;
  /** The plan in the 分解方案 layout, `HEADER` first. */
  readonly csv: string;
  /** Office days (YYYY-MM-DD). */
  readonly approvedOn: string;
  readonly assignedOn: string;
}

/** A refusal as a user meets it: its stable `extensions.code` and its Chinese message. */
export interface Refusal {
  readonly code: string;
  readonly zh: string;
}

type Outcome = 'PASSED' | 'FAILED';
/** The inspection a FAILED outcome carries: why, and the part's new due date. */
const FAILED_INSPECTION = { notes: '督查结论录错：专栏未开通', newDueDate: '2026-09-30' } as const;

/**
 * One office on its own server and SQLite file, for typing-order e2e specs (issue 11): two of them are
 * given the same office facts, one in date order and one as an office typed them (`typedTwice`), and
 * every view a supervisor reads of the plan is compared day by day (`views`). Units are registered
 * 2026-01-01 and the plan is approved on `approvedOn`, assigned on `assignedOn`. Each fact method
 * answers null when the fact was taken, or the refusal's `extensions.code` (`…Refusal`: code and
 * Chinese message).
 */
export class PlanOffice {
  private keys = 0;
  /** Unit ids by the short code the spec names them with. */
  readonly units: Record<string, string> = {};
  /** Item ids by their number in the plan. */
  readonly items: Record<string, string> = {};
  planId = '';
  /** The finding `recordFinding` recorded ('' when none): `views` then reads it, the dashboard's totals and the ledger export too. */
  findingId = '';

  private constructor(readonly app: TestApp) {}

  /** Starts a server whose office day is that of `now` and imports the plan. */
  static async open(input: OfficeSetUp): Promise<PlanOffice> {
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

  /**
   * Registers an evaluation dated 2026-04-01 and records one finding of it, assigned on 2026-04-02 to unit `unit`
   * as lead unit, due `dueDate` (an office day), and to the units `responsible` names (code → due date) as responsible units.
   */
  async recordFinding(input: { title: string; unit: string; dueDate: string; responsible?: Record<string, string> }): Promise<void> {
    const evaluation = await this.app.graphql(`mutation($input: RegisterEvaluationInput!) { registerEvaluation(input: $input) { id } }`, {
      input: { idempotencyKey: 'evaluation', title: `2026年度政务公开第三方评估（${input.title}）`, evaluator: '中部政府透明度研究院', commissionedBy: '青川市政务公开办', periodStart: '2026-01-01', periodEnd: '2026-03-31', receivedOn: '2026-04-01' },
    });
    expect(evaluation.errors).toBeUndefined();
    const finding = await this.app.graphql(`mutation($input: RecordFindingInput!) { recordFinding(input: $input) { id } }`, {
      input: {
        idempotencyKey: 'finding',
        evaluationId: evaluation.data!.registerEvaluation.id,
        title: input.title,
        description: `${input.title}（测试）`,
        category: '依申请公开',
        severity: 'MEDIUM',
        identifiedOn: '2026-04-01',
        assignment: {
          assignedOn: '2026-04-02',
          units: [
            { unitId: this.units[input.unit], role: 'LEAD', dueDate: input.dueDate },
            ...Object.entries(input.responsible ?? {}).map(([unit, dueDate]) => ({ unitId: this.units[unit], role: 'RESPONSIBLE', dueDate })),
          ],
        },
      },
    });
    expect(finding.errors).toBeUndefined();
    this.findingId = finding.data!.recordFinding.id;
  }

  /** Runs one mutation with a fresh idempotency key; answers its refusal, or null when it was taken. */
  async refusal(name: string, input: Record<string, unknown>, headers?: Record<string, string>): Promise<Refusal | null> {
    const type = `${name[0]!.toUpperCase()}${name.slice(1)}Input`;
    const response = await this.app.graphql(`mutation($input: ${type}!) { ${name}(input: $input) { __typename } }`, { input: { idempotencyKey: `${name}-${(this.keys += 1)}`, ...input } }, headers);
    return response.errors ? { code: errorCode(response) as string, zh: String(response.errors[0]!.extensions!.messageZh) } : null;
  }

  /** Runs one mutation with a fresh idempotency key; answers its refusal's `extensions.code`, or null when it was taken. */
  async mutate(name: string, input: Record<string, unknown>, headers?: Record<string, string>): Promise<string | null> {
    return (await this.refusal(name, input, headers))?.code ?? null;
  }

  /** The unit `unit` reports item `code` on `reportedOn`. */
  async report(code: string, unit: string, reportedOn: string): Promise<string | null> {
    return this.mutate('reportWorkPlanItem', { itemId: this.items[code], unitId: this.units[unit], summary: '已整改', evidence: EVIDENCE, reportedOn }, await this.app.as('UNIT', this.units[unit]));
  }

  /** An inspector inspects unit `unit`'s part of item `code` on `inspectedOn`; FAILED gives the part a new due date. */
  async inspect(code: string, unit: string, inspectedOn: string, outcome: Outcome): Promise<string | null> {
    const failed = outcome === 'FAILED' ? FAILED_INSPECTION : {};
    return this.mutate('logWorkPlanItemInspection', { itemId: this.items[code], unitId: this.units[unit], outcome, inspectedOn, place: '现场', ...failed }, await this.app.as('INSPECTOR'));
  }

  /** An inspector passes unit `unit`'s part of item `code` on `inspectedOn`. */
  pass(code: string, unit: string, inspectedOn: string): Promise<string | null> {
    return this.inspect(code, unit, inspectedOn, 'PASSED');
  }

  /** 更正督查记录: the first inspection of unit `unit`'s part of item `code`, as it reads now, changed by `change` (inspectedOn, outcome, …). */
  async correctInspection(code: string, unit: string, change: Record<string, unknown>): Promise<Refusal | null> {
    const page = await this.app.graphql(`query($id: ID!) { workPlanItem(id: $id) { parts { unitId inspections { inspectionId inspectedOn outcome } } } }`, { id: this.items[code] });
    const part = (page.data!.workPlanItem.parts as { unitId: string; inspections: { inspectionId: string; inspectedOn: string; outcome: string }[] }[]).find((one) => one.unitId === this.units[unit])!;
    const [inspection] = part.inspections;
    return this.refusal('correctWorkPlanItemInspection', {
      itemId: this.items[code],
      unitId: this.units[unit],
      inspectionId: inspection!.inspectionId,
      expectedInspectedOn: inspection!.inspectedOn,
      expectedOutcome: inspection!.outcome,
      reason: FAILED_INSPECTION.notes,
      ...change,
    });
  }

  /** The supervisor withdraws item `code` from the plan on `withdrawnOn`. */
  withdraw(code: string, withdrawnOn: string): Promise<string | null> {
    return this.mutate('withdrawWorkPlanItem', { itemId: this.items[code], reason: '依据第二版方案调整', withdrawnOn });
  }

  /**
   * The supervisor corrects item `code`'s withdrawal: moved to `withdrawnOn` (更正撤销日期), or, without it, taken back
   * (撤销有误，恢复事项). Answers the refusal (code and Chinese message), or null when it was taken.
   */
  correctWithdrawal(code: string, withdrawnOn?: string): Promise<Refusal | null> {
    return withdrawnOn === undefined
      ? this.refusal('undoWorkPlanItemWithdrawal', { itemId: this.items[code], reason: '撤销录入有误' })
      : this.refusal('correctWorkPlanItemWithdrawal', { itemId: this.items[code], reason: '撤销日期录错', withdrawnOn });
  }

  /** A new version of the plan (`csv`, whole) dated `assignedOn`. */
  revise(csv: string, assignedOn: string, title: string): Promise<string | null> {
    return this.mutate('importWorkPlan', { fileName: `plan-${assignedOn}.csv`, title, year: 2026, contentBase64: base64(csv), revise: true, withdrawMissing: true, assignedOn });
  }

  /** 机构改革: unit `unit` hands its open parts over to unit `successor` on `handedOverOn` (an ADMIN's command). */
  async handOver(unit: string, successor: string, handedOverOn: string): Promise<string | null> {
    return this.mutate('handOverUnitParts', { unitId: this.units[unit], successorUnitId: this.units[successor], reason: '职能调整', handedOverOn }, await this.app.as('ADMIN'));
  }

  /** The finding's unit reports on `reportedOn`. */
  async reportFinding(unit: string, reportedOn: string): Promise<string | null> {
    return this.mutate('reportRectification', { findingId: this.findingId, unitId: this.units[unit], summary: '已整改', evidence: EVIDENCE, reportedOn }, await this.app.as('UNIT', this.units[unit]));
  }

  /** An inspector inspects the finding's part of unit `unit` on `inspectedOn`. */
  async inspectFinding(unit: string, inspectedOn: string, outcome: Outcome): Promise<string | null> {
    const failed = outcome === 'FAILED' ? FAILED_INSPECTION : {};
    return this.mutate('logInspection', { findingId: this.findingId, unitId: this.units[unit], outcome, inspectedOn, place: '现场', ...failed }, await this.app.as('INSPECTOR'));
  }

  /** 更正督查记录 of the finding's first inspection of unit `unit`'s part, as it reads now. */
  async correctFindingInspection(unit: string, change: Record<string, unknown>): Promise<Refusal | null> {
    const page = await this.app.graphql(`query($id: ID!) { finding(id: $id) { assignments { unitId inspections { inspectionId inspectedOn outcome } } } }`, { id: this.findingId });
    const part = (page.data!.finding.assignments as { unitId: string; inspections: { inspectionId: string; inspectedOn: string; outcome: string }[] }[]).find((one) => one.unitId === this.units[unit])!;
    const [inspection] = part.inspections;
    return this.refusal('correctInspection', { findingId: this.findingId, unitId: this.units[unit], inspectionId: inspection!.inspectionId, expectedInspectedOn: inspection!.inspectedOn, expectedOutcome: inspection!.outcome, reason: FAILED_INSPECTION.notes, ...change });
  }

  /** The supervisor withdraws the finding on `withdrawnOn`. */
  withdrawFinding(withdrawnOn: string): Promise<string | null> {
    return this.mutate('withdrawFinding', { findingId: this.findingId, reason: '评估机构来函撤回该问题', withdrawnOn });
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
   * with its 完成率, every item's page (each part's holder, role, status, dates, reports and inspections), the withdrawn list,
   * the scorecard, the 待督查 list and the work-plan export (CSV); with a finding recorded, also the finding's page, the
   * dashboard's finding totals and the 整改台账 export.
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
        `query($id: ID!, $asOf: String) { workPlanItem(id: $id, asOf: $asOf) { status withdrawnOn completedOn
          parts { unitId role status dueDate verifiedOn trafficLight reports { reportedOn } inspections { inspectedOn outcome } } } }`,
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
      exported: await this.exported(asOf, `work-plan.csv?planId=${this.planId}`),
      ...(this.findingId ? await this.findingViews(asOf) : {}),
    };
  }

  /** The finding's page, the dashboard's finding totals and the 整改台账 export on `asOf`. */
  private async findingViews(asOf?: string) {
    const finding = await this.app.graphql(
      `query($id: ID!, $asOf: String) { finding(id: $id, asOf: $asOf) { status withdrawnOn closedOn assignments { status dueDate inspections { inspectedOn outcome } } }
        dashboard(asOf: $asOf) { findings { total open closed unassigned } } }`,
      { id: this.findingId, asOf },
    );
    expect(finding.errors).toBeUndefined();
    return { finding: finding.data!.finding, findingTotals: finding.data!.dashboard.findings, ledger: await this.exported(asOf, 'ledger.csv?') };
  }

  /** An export's rows (CSV) from its header row (the one naming 状态) on: `path` is the export's name and query. */
  async exported(asOf: string | undefined, path: string): Promise<string[][]> {
    const response = await fetch(`${this.app.url}/export/${path}${asOf ? `&asOf=${asOf}` : ''}`, { headers: await this.app.as('SUPERVISOR') });
    expect(response.status).toBe(200);
    const rows = parse(Buffer.from(await response.arrayBuffer()).subarray(3).toString('utf8'), { relax_column_count: true }) as string[][];
    return rows.slice(rows.findIndex((row) => row.includes('状态')));
  }
}

/**
 * The two offices of a typing-order spec, given the same set-up: `inDateOrder` gets the facts in date order,
 * `asTyped` as the office typed them. Call it inside the spec's `describe`: they are opened before its tests
 * and closed after them.
 */
export function typedTwice(setUp: OfficeSetUp): { readonly inDateOrder: PlanOffice; readonly asTyped: PlanOffice } {
  const offices = {} as { inDateOrder: PlanOffice; asTyped: PlanOffice };
  beforeAll(async () => {
    offices.inDateOrder = await PlanOffice.open(setUp);
    offices.asTyped = await PlanOffice.open(setUp);
  });
  afterAll(async () => {
    await offices.inDateOrder?.app.close();
    await offices.asTyped?.app.close();
  });
  return offices;
}

/**
 * `views` (`PlanOffice.views`) of the office that typed no correction, as the inspection corrections the other office typed make
 * them read: the work-plan export's and the 整改台账's 督查结果 cell keeps what was inspected and lists each correction on a line of
 * its own — who, when, what changed, why (newcomer46-8 M2) — on every day viewed, as the record now reads. `lines`: for a
 * 督查结果 cell as it reads uncorrected, the line its correction adds; other cells stay as they are (a correction line the other
 * office shows on them fails the comparison).
 */
export function withCorrectionLines<Views extends { readonly exported: string[][]; readonly ledger?: string[][] }>(views: Views, lines: Readonly<Record<string, string>>): Views {
  const corrected = (rows: string[][]) => {
    const column = rows[0]!.indexOf('督查结果');
    expect(column).toBeGreaterThan(0);
    return rows.map((row, index) => (index > 0 && lines[row[column]!] ? row.map((cell, at) => (at === column ? `${cell}\n${lines[cell]}` : cell)) : row));
  };
  return { ...views, exported: corrected(views.exported), ...(views.ledger ? { ledger: corrected(views.ledger) } : {}) };
}

export const HEADER = '类别编号,类别,编号,事项,内容,牵头单位,责任单位,完成时限\n';
const EVIDENCE = [{ title: '公开页面', link: 'https://www.example.gov.cn/x' }];
const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
