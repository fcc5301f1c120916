import { notFound, say, type Bilingual } from '../../shared/domain-error.js';
import { Context, Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { requireUnitDetailsAccess } from '../../access/authorization/access-policy.js';
import type { GraphqlContext } from '../../access/authorization/graphql-context.js';
import { ConfigService } from '@nestjs/config';
import type { AppSettings } from '../../config/app-settings.js';
import { UnitType } from '../../organization/units/unit.type.js';
import { nameOn, UnitsReadModel, type UnitView } from '../../organization/units/units.read-model.js';
import { officeDate } from '../../shared/calendar-date.js';
import { Clock } from '../../shared/clock.js';
import { dayCountedOn, daysLeft, dueDateOverrideInForce, dueDatesIfMoved, holdersOf, inBusinessOrder, inspectionsInOrder, reportedDaysLate, trafficLight, type PartView, type PartWithHolders } from '../read-model/part-view.js';
import { AssignmentType, DAYS_LEFT, DueDateApprovalType, DueTermsKindEnum, ExtensionRequestType, InspectionType, PartRoleChangeType, ReportType, ReturnType, TrafficLightEnum, UrgeType } from './assignment.types.js';
import { joinedRecordLines } from '../read-model/joined-records.js';
import { extensionRequestOut } from './extension-request-out.js';
import { deadlineCell, nextReportDue, termsInWords } from '../../shared/deadline.js';

/*
 * Nullable so that a refusal costs only the field: a unit reading a finding shared with other
 * units still gets every part's progress and its own part's details.
 */
const OWN_PART_ONLY = "A unit user reads its own part's only — a part its unit held on any day (before or after a hand-over), whatever the day viewed: for other units' parts the field is null, with a FORBIDDEN error at its path.";

@Resolver(() => AssignmentType)
export class AssignmentResolver {
  constructor(
    private readonly units: UnitsReadModel,
    private readonly clock: Clock,
    private readonly config: ConfigService<AppSettings, true>,
  ) {}

  // Asked of every part of a list's rows: no parameter decorators, so graphql-js calls the method itself (the part first), not
  // Nest's per-call wrapper, and the unit is read at once rather than through the query bus (perf47b; test/e2e/list-row-resolvers.e2e.spec.ts).
  @ResolveField(() => UnitType, { description: 'The unit, named as it was on the day the view describes (机构改革: a past day shows the name it had then)' })
  unit(part: PartView & { evaluatedKnownAt?: string | null }): UnitView {
    const unit = this.units.get(part.unitId);
    if (!unit) throw notFound('Unit', part.unitId);
    const name = nameOn(unit, this.dayOf(part), part.evaluatedKnownAt);
    return name === unit.name ? unit : { ...unit, name };
  }

  @ResolveField(() => [PartRoleChangeType], {
    description: '承担方式调整 of the part since its 交办 (a plan revision, or 替换原牵头单位 stepping the lead down), in the order made; empty while none. A retraction of the part’s 交办 (撤销误录) takes them with it',
  })
  roleChanges(part: PartView): PartRoleChangeType[] {
    return (part.roleChanges ?? []).map((change) => ({ role: change.role, changedOn: change.on }));
  }

  @ResolveField(() => TrafficLightEnum, { nullable: true, description: 'None once verified, and none for a part of a withdrawn finding or item (a record, counted nowhere)' })
  trafficLight(part: PartView & { readonly parentWithdrawnOn?: string }) {
    // A withdrawn parent's part is a record: no light, as the 台账 and the card show it (breaker11l P5).
    if (part.parentWithdrawnOn !== undefined) return null;
    return trafficLight(part, this.dayOf(part), this.config.get('DUE_SOON_DAYS', { infer: true }));
  }

  @ResolveField(() => [ReportType], { nullable: true, description: `Completion reports with evidence. ${OWN_PART_ONLY}` })
  reports(@Parent() part: PartView, @Context() context: GraphqlContext) {
    return inBusinessOrder(this.ownDetails(part, context, say('completion reports', '整改报告')).reports, (report) => report.reportedOn, (report) => report.reportedAt);
  }

  @ResolveField(() => [InspectionType], { nullable: true, description: `On-site inspections. ${OWN_PART_ONLY}` })
  inspections(@Parent() part: PartView, @Context() context: GraphqlContext) {
    return inspectionsInOrder(this.ownDetails(part, context, say('inspection notes', '督查记录')).inspections);
  }

  @ResolveField(() => [ReturnType], { nullable: true, description: `Why the part went back. ${OWN_PART_ONLY}` })
  returns(@Parent() part: PartView, @Context() context: GraphqlContext) {
    const returns = inBusinessOrder(this.ownDetails(part, context, say('inspection notes', '督查记录')).returns, (returned) => returned.returnedOn, (returned) => returned.returnedAt);
    return returns.map((returned) => ({ ...returned, dueDatesIfMoved: dueDatesIfMoved(part, returned) }));
  }

  @ResolveField(() => [UrgeType], { nullable: true, description: `催办, in the order they happened (office day, then entry). ${OWN_PART_ONLY}` })
  urges(@Parent() part: PartView, @Context() context: GraphqlContext) {
    return inBusinessOrder(this.ownDetails(part, context, say('urgings', '催办记录')).urges, (urge) => urge.urgedOn, (urge) => urge.urgedAt);
  }

  @ResolveField(() => [ExtensionRequestType], { nullable: true, description: `Extension requests with their reasons and decisions, in the order asked (office day, then entry). ${OWN_PART_ONLY}` })
  extensionRequests(@Parent() part: PartView, @Context() context: GraphqlContext) {
    const requests = inBusinessOrder(this.ownDetails(part, context, say('extension requests', '延期申请')).extensionRequests, (request) => request.requestedOn, (request) => request.requestedAt);
    return requests.map((request) => extensionRequestOut(request, part));
  }

  @ResolveField(() => [String], {
    nullable: true,
    description: `A withdrawn finding's or work-plan item's part: the unit's records dated on or after the withdrawal, made before it was known — kept on the record, counted nowhere, and not part of the part as shown (breaker11j P3) — one line each in Chinese (「2026-11-10 报送整改报告」), in the order they happened; empty when none; null for a part of a finding or item not withdrawn. ${OWN_PART_ONLY}`,
  })
  recordsAfterWithdrawal(@Parent() part: PartView & { readonly recordsAfterWithdrawal?: readonly string[] }, @Context() context: GraphqlContext) {
    if (part.recordsAfterWithdrawal === undefined) return null;
    this.ownDetails(part, context, say('records after the withdrawal', '撤销后的记录'));
    return part.recordsAfterWithdrawal;
  }

  @ResolveField(() => [String], {
    nullable: true,
    description: `A work-plan item's part, the item listed again by a later version after a withdrawal: the unit's records dated while the item was out of the plan — kept on the record, counted nowhere (breaker11n P1) — one line each in Chinese with the span and why (「2026-05-10 报送整改报告（该事项 2026-05-01 撤销：…；2026-06-01 起恢复列入方案，其间的记录不计入统计）」), in the order they happened; and the records an undoing of a withdrawal set aside for good (a finding's or an item's: breaker11o P2, breaker11q P5), with why. Empty when none; null for a part of a finding or item that never had any. ${OWN_PART_ONLY}`,
  })
  recordsSetAside(@Parent() part: PartView & { readonly recordsSetAside?: readonly string[] }, @Context() context: GraphqlContext) {
    if (part.recordsSetAside === undefined) return null;
    this.ownDetails(part, context, say('records set aside by a withdrawal', '撤销期间的记录'));
    return part.recordsSetAside;
  }

  @ResolveField(() => [String], {
    nullable: true,
    description: `机构改革: the records that stayed behind when other units' parts joined this one (a merge or hand-over into a unit already holding a part of the finding or item), one line each in Chinese — whose record, the join's day, its reports (the one awaiting inspection marked 并入时待督查), inspections, send-backs and extension requests, and where its work went: the joined part goes on with the record owing the most work, so a report on a record set aside is no longer inspected and the holder reports for the joined part (「2026-11-01 青川市工商行政管理局（牵头）的任务并入本单位的任务，其记录留存（报告待督查）：2026-10-15 报送整改报告“…”（并入时待督查）。合并后的任务按…的记录办理…」, newcomer51-10 S1). Null when none joined. ${OWN_PART_ONLY}`,
  })
  joinedRecords(@Parent() part: PartView, @Context() context: GraphqlContext) {
    if (!part.joined?.some((record) => record.part !== undefined)) return null;
    this.ownDetails(part, context, say('records of the parts that joined it', '并入的记录'));
    return joinedRecordLines(part, (unitId, day) => {
      const unit = this.units.get(unitId);
      return unit ? nameOn(unit, day) : unitId;
    });
  }

  /**
   * Units see the progress of every part, but the evidence, notes, urgings and extension requests of
   * their own only (breaker11i P4: what was said to another unit is that unit's): of a part
   * their unit held on any day (机构改革: before or after a hand-over), whatever the day viewed.
   */
  private ownDetails(part: PartWithHolders, context: GraphqlContext, what: Bilingual): PartView {
    const actor = context.actor;
    if (actor && !(actor.unitId !== null && holdersOf(part).includes(actor.unitId))) requireUnitDetailsAccess(actor, part.unitId, what);
    return part;
  }

  @ResolveField(() => DueDateApprovalType, {
    nullable: true,
    description: 'The supervisor’s override (特批) behind dueDate when it is past the parent’s limit — reason, limit and the day approved (newcomer48-10 M2); null when dueDate is within the limit',
  })
  dueDateApproval(part: PartView) {
    return dueDateOverrideInForce(part);
  }

  @ResolveField(() => DueTermsKindEnum, { description: 'How dueDate is read: a plain day, 立行立改, a recurring period’s part, a standing task (常态化, never overdue) …' })
  deadlineKind(part: PartView) {
    return part.terms.kind;
  }

  @ResolveField(() => String, {
    nullable: true,
    description: 'The deadline in the office’s words when it is not a plain day — 立行立改, 每季度, 常态化（每季度报送）, 2018-12-31前完成并持续落实 —, shown instead of or beside dueDate; null for a plain day',
  })
  deadline(part: PartView) {
    return termsInWords(part.terms, part.dueDate);
  }

  @ResolveField(() => String, {
    description:
      'The 完成时限 / 整改时限 as the pages and the export write it (one reading): the day (2026-06-30), or the office’s words with it — 立行立改（2026-12-02）, 常态化（每季度报送） (a standing part: its words instead of the day; nextReportDue says when it reports), 2026-03-31（每季度）, 2018-12-31前完成并持续落实',
  })
  dueText(part: PartView) {
    return deadlineCell(part.terms, part.dueDate);
  }

  @ResolveField(() => String, {
    nullable: true,
    description:
      'A standing part’s next periodic report (YYYY-MM-DD): the end of the reporting period in progress on the day viewed, or of the next one once reported in it; null for a part that is not standing (a 前完成并持续落实 part is standing once its day has passed and it was reported)',
  })
  nextReportDue(part: PartView) {
    if (part.status === 'VERIFIED') return null;
    return nextReportDue(part.terms, { dueDate: part.dueDate, lastReportedOn: part.reports.at(-1)?.reportedOn ?? null }, this.dayOf(part));
  }

  @ResolveField(() => Int, { nullable: true, description: 'Office days the standing report came after the due date in force on its day (0: on time), for a part awaiting inspection or verified: shown as 逾期 N 天后报送, since such a part is not overdue any more; null while the unit has to act (daysLeft tells its lateness)' })
  reportedDaysLate(part: PartView) {
    return reportedDaysLate(part);
  }

  @ResolveField(() => Int, { description: DAYS_LEFT })
  daysLeft(part: PartView & { readonly parentWithdrawnOn?: string }) {
    // A withdrawn parent's part counts its days as they stood on the withdrawal (breaker11l P5: -20 against today).
    return daysLeft(part, dayCountedOn(part, this.dayOf(part)));
  }

  /**
   * The office day (`YYYY-MM-DD`) the part is lit and counted on: the day its view describes
   * (`evaluatedOn`, stamped by the finding / work-plan queries from their asOf), else today.
   */
  private dayOf(part: PartView & { evaluatedOn?: string }): string {
    return part.evaluatedOn ?? officeDate(this.clock.now());
  }
}
