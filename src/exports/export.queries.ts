import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import type { AppSettings } from '../config/app-settings.js';
import { UsersReadModel } from '../access/users/users.read-model.js';
import { UnitsReadModel } from '../organization/units/units.read-model.js';
import { actorName } from '../rectification/evaluations/history-entry.resolver.js';
import { DashboardReadModel } from '../rectification/dashboard/dashboard.read-model.js';
import { RectificationLedger } from '../rectification/ledger/rectification-ledger.js';
import type { Actor } from '../shared/command-context.js';
import { Clock } from '../shared/clock.js';
import { badInput, notFound } from '../shared/domain-error.js';
import { isPresent, parseTimeCut } from '../shared/time-cut.js';
import { workPlanAt } from '../work-plan/breakdown/work-plan.queries.js';
import { WorkPlanLedger } from '../work-plan/breakdown/work-plan-ledger.js';
import { ledgerTable, workPlanTable, type ExportTable, type UserName } from './export-table.js';

/**
 * What an export is asked for: the business day (`YYYY-MM-DD`; absent: today, China office day),
 * the record-time cut (an ISO instant: only what had been entered by then, as every view's
 * `knownAt`; absent: everything entered) and who reads it.
 */
export interface ExportRequest {
  /** A UNIT reader gets its own unit's rows; every other reader every row. Null: the operator at the CLI (every row). */
  readonly reader: Actor | null;
  readonly asOf?: string | null;
  readonly knownAt?: string | null;
}

export type LedgerExportRequest = ExportRequest & { readonly evaluationId?: string | null };
export type WorkPlanExportRequest = ExportRequest & { readonly planId?: string | null };

/** The read models an export reads (the server's, or the CLI's replayed ones). */
export interface ExportSources {
  readonly ledger: RectificationLedger;
  readonly plans: WorkPlanLedger;
  readonly units: UnitsReadModel;
  /** The accounts, to name who corrected an inspection (督查结果 column); absent: ids. */
  readonly users?: UsersReadModel;
  /** Days before the due date a part turns yellow (DUE_SOON_DAYS). */
  readonly dueSoonDays: number;
  /**
   * The instant (ISO) of the latest event the read models have projected, when they follow a live
   * log: a fold at a past day sees nothing recorded later, so it is one view even while events arrive
   * (see `foldAtCut`). Null for read models replayed once (the CLI).
   */
  readonly latestRecordedAt: string | null;
}

/** The 整改台账 of one evaluation (or of all), as of a business day. */
export class ExportLedgerQuery extends Query<ExportTable> {
  constructor(readonly request: LedgerExportRequest) {
    super();
  }
}

/** A work plan's progress (the newest plan when none is named), as of a business day. */
export class ExportWorkPlanQuery extends Query<ExportTable> {
  constructor(readonly request: WorkPlanExportRequest) {
    super();
  }
}

const ID = /^[A-Za-z0-9_-]{1,128}$/;

/** @throws DomainError BAD_USER_INPUT when the text cannot be an id (a typo, not an unknown id). */
function checkId(value: string | null | undefined, argument: string): string | undefined {
  if (value == null || value === '') return undefined;
  if (!ID.test(value)) {
    throw badInput(`${argument} is not an id (letters, digits, "-" and "_"; got "${value}").`, `${argument} 不是有效的编号（收到“${value}”）。`, { field: argument });
  }
  return value;
}

/** Accounts by name as a history names them (`actorName`), from the sources' users read model. */
const userNames = ({ users }: ExportSources): UserName => (userId, role) => actorName(userId, role, (id) => users?.user(id)?.name);

const unitScope = (reader: Actor | null) => (reader?.role === 'UNIT' ? (reader.unitId ?? '') : undefined);

/**
 * The 整改台账 table as of `request.asOf` and, with `request.knownAt`, as it was recorded by then —
 * folded from each finding's dated timeline as the dashboard is (`now`: the present instant).
 * @throws DomainError BAD_USER_INPUT (bad asOf or id), NOT_FOUND (unknown evaluation).
 */
export async function exportLedger(sources: ExportSources, request: LedgerExportRequest, now: Date): Promise<ExportTable> {
  const time = parseTimeCut({ asOf: request.asOf, knownAt: request.knownAt }, now);
  const evaluationId = checkId(request.evaluationId, 'evaluationId');
  const evaluation = evaluationId === undefined ? undefined : sources.ledger.evaluation(evaluationId);
  if (evaluationId !== undefined && !evaluation) throw notFound('Evaluation', evaluationId);
  return ledgerTable({
    findings: isPresent(time, now) ? sources.ledger.listFindings({ evaluationId }) : await sources.ledger.listFindingsAt({ evaluationId }, time, sources.latestRecordedAt),
    evaluations: sources.ledger.listEvaluations(),
    evaluation,
    // A past day names units as they were named then (机构改革), as every view does.
    unitName: sources.units.namesAt(time),
    userName: userNames(sources),
    asOf: time.asOf,
    knownAt: time.knownAt,
    dueSoonDays: sources.dueSoonDays,
    unitId: unitScope(request.reader),
    partsAsWithdrawn: (finding) => sources.ledger.partsAsWithdrawn(finding, isPresent(time, now) ? undefined : time),
  });
}

/**
 * The work plan's progress table, from the same breakdown the workPlan query answers.
 * @throws DomainError BAD_USER_INPUT (bad asOf or id), NOT_FOUND (unknown plan, or none imported).
 */
export async function exportWorkPlan(sources: ExportSources, request: WorkPlanExportRequest, now: Date): Promise<ExportTable> {
  const time = parseTimeCut({ asOf: request.asOf, knownAt: request.knownAt }, now);
  const planId = checkId(request.planId, 'planId') ?? newestPlanId(sources.plans);
  // The latest record the table can show, taken before it is read (a present reading is built in one turn; a past day's
  // fold sees nothing after `latestRecordedAt`): the earlier of the two, so the file never claims a record it lacks (breaker10h P1).
  const recordedThrough = earliest(sources.plans.latestRecordedAt, sources.latestRecordedAt);
  // The whole breakdown, cut to the unit's rows by the table: each row still names the item's lead unit.
  const breakdown = await workPlanAt(sources.plans, { planId, asOf: request.asOf, knownAt: request.knownAt }, now, sources.dueSoonDays, sources.latestRecordedAt);
  return workPlanTable({ ...breakdown, knownAt: time.knownAt, recordedThrough, userName: userNames(sources) }, sources.units.namesAt(time), sources.dueSoonDays, unitScope(request.reader));
}

/** The earlier of two ISO instants, either absent (null). */
function earliest(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return a < b ? a : b;
}

/** @throws DomainError NOT_FOUND when no plan has been imported yet. */
function newestPlanId(plans: WorkPlanLedger): string {
  const newest = plans.listPlans().reduce<{ planId: string; importedAt: string } | undefined>(
    (latest, plan) => (!latest || plan.importedAt >= latest.importedAt ? plan : latest),
    undefined,
  );
  if (!newest) throw notFound('Work plan', '(none imported)');
  return newest.planId;
}

/** Both exports read the same sources; Nest injects the subclasses through this constructor (its metadata is inherited). */
@Injectable()
abstract class ExportHandler {
  constructor(
    private readonly ledger: RectificationLedger,
    private readonly plans: WorkPlanLedger,
    private readonly units: UnitsReadModel,
    private readonly users: UsersReadModel,
    private readonly dashboards: DashboardReadModel,
    protected readonly clock: Clock,
    @Inject(ConfigService) private readonly config: ConfigService<AppSettings, true>,
  ) {}

  protected sources(): ExportSources {
    return {
      ledger: this.ledger,
      plans: this.plans,
      units: this.units,
      users: this.users,
      dueSoonDays: this.config.get('DUE_SOON_DAYS', { infer: true }),
      latestRecordedAt: this.dashboards.latestRecordedAt,
    };
  }
}

@QueryHandler(ExportLedgerQuery)
export class ExportLedgerHandler extends ExportHandler implements IQueryHandler<ExportLedgerQuery> {
  execute({ request }: ExportLedgerQuery) {
    return exportLedger(this.sources(), request, this.clock.now());
  }
}

@QueryHandler(ExportWorkPlanQuery)
export class ExportWorkPlanHandler extends ExportHandler implements IQueryHandler<ExportWorkPlanQuery> {
  execute({ request }: ExportWorkPlanQuery) {
    return exportWorkPlan(this.sources(), request, this.clock.now());
  }
}
