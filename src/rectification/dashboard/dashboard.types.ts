import { ArgsType, Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { IsIn, IsOptional } from 'class-validator';
import { PageArgs, connectionType } from '../../shared/graphql/connection.js';
import { AssignmentRoleEnum, DAYS_LEFT, PartStatusEnum, TrafficLightEnum } from '../../assignments/graphql/assignment.types.js';
import type { AssignmentRole } from '../../assignments/domain/assignment.events.js';
import type { PartStatus, TrafficLight } from '../../assignments/read-model/part-view.js';
import { TimeCutType } from '../../shared/graphql/time-cut.type.js';
import { EXPECTED_ITEMS, LIVE_SIZES, priced } from '../../shared/graphql/query-cost.js';
import { graphqlEnum } from '../../shared/graphql/enum.js';
import { OPEN_PART_ORDERS, type OpenPartOrder } from './open-part-index.js';
@ObjectType('PartAlert', { description: 'An open part with its traffic light' })
export class PartAlertType {
  @Field(() => ID) findingId: string;
  @Field(() => String) findingTitle: string;
  @Field(() => ID) unitId: string;
  @Field(() => String) unitName: string;
  @Field(() => AssignmentRoleEnum) role: AssignmentRole;
  @Field(() => PartStatusEnum) status: PartStatus;
  @Field(() => String) dueDate: string;
  @Field(() => Int, { description: DAYS_LEFT }) daysLeft: number;
  @Field(() => Int, { nullable: true, description: 'Office days the standing report came after the due date in force on its day (0: on time), for a part awaiting inspection or verified: shown as 逾期 N 天后报送, since such a part is not overdue any more; null while the unit has to act (daysLeft tells its lateness)' }) reportedDaysLate: number | null;
  @Field(() => TrafficLightEnum) trafficLight: TrafficLight;
  @Field(() => Int, { description: 'The finding’s other parts not verified yet: what passing this one leaves open' }) otherPartsOpen: number;
  @Field(() => String, { description: 'The 整改时限 as the finding page and the 台账 export write it: 2026-06-30, 立行立改（2026-12-02）, 常态化（每季度报送） (a standing part: its words instead of the day; nextReportDue says when it reports)' }) dueText: string;
  @Field(() => String, { nullable: true, description: 'A standing part’s next periodic report (YYYY-MM-DD): the end of the reporting period in progress on the day viewed, or of the next one once reported in it; null for a part that is not standing' }) nextReportDue: string | null;
  @Field(() => Int, { nullable: true, description: 'Days from the day viewed to nextReportDue (0: due today); null with it' }) nextReportDaysLeft: number | null;
}

@ObjectType('PartCounts')
export class PartCountsType {
  @Field(() => Int, { description: 'Parts assigned, whatever their status' }) assigned: number;
  @Field(() => Int, { description: 'Reported, waiting for inspection' }) reported: number;
  @Field(() => Int) verified: number;
  @Field(() => Int, { description: 'Sent back or failed inspection: the unit must report again' }) returned: number;
  @Field(() => Int) overdue: number;
}

@ObjectType('UnitProgress')
export class UnitProgressType extends PartCountsType {
  @Field(() => ID) unitId: string;
  @Field(() => String) unitName: string;
  @Field(() => Float, { nullable: true, description: 'Mean business days from assignment — or the day the unit came to hold the part (机构改革) — to verification' })
  meanDaysToRemediate: number | null;
}

@ObjectType('GroupProgress', { description: 'Progress of the findings of one evaluation or one category' })
export class GroupProgressType {
  @Field(() => String) key: string;
  @Field(() => String) label: string;
  @Field(() => Int) findings: number;
  @Field(() => Int) closed: number;
  @Field(() => Float) percentClosed: number;
}

@ObjectType('FindingTotals', { description: 'Findings by status: total = unassigned + open + closed, as findings(status:) counts them' })
export class FindingTotalsType {
  @Field(() => Int) total: number;
  @Field(() => Int, { description: 'UNASSIGNED (待交办): recorded, no unit given a part yet' }) unassigned: number;
  @Field(() => Int, { description: 'OPEN (整改中): at least one unit has a part, not closed out; unassigned findings are not counted here' }) open: number;
  @Field(() => Int, { description: 'CLOSED (已销号)' }) closed: number;
}

@ObjectType('Dashboard')
export class DashboardType {
  @Field(() => String, { description: 'The business day the figures describe (YYYY-MM-DD)' }) asOf: string;
  @Field(() => TimeCutType, { description: 'Which time axes the answer used' }) time: TimeCutType;
  @Field(() => Int) dueSoonDays: number;
  @Field(() => FindingTotalsType) findings: FindingTotalsType;
  @Field(() => Float, { description: 'Closed-out findings, percent of all' }) percentClosed: number;
  @Field(() => PartCountsType) parts: PartCountsType;
  @Field(() => Float, { nullable: true, description: 'Mean business days from assignment to verification, all units' })
  meanDaysToRemediate: number | null;
  @Field(() => [UnitProgressType])
  @priced({ items: EXPECTED_ITEMS.units })
  perUnit: UnitProgressType[];
  @Field(() => [GroupProgressType])
  @priced({ items: EXPECTED_ITEMS.evaluations })
  perEvaluation: GroupProgressType[];
  @Field(() => [GroupProgressType]) perCategory: GroupProgressType[];
  @Field(() => [PartAlertType], { description: 'Every open part, red first: thousands on a provincial platform, priced at as many as there are (openPartsPage gives a page, filtered on the server)' })
  @priced({ items: EXPECTED_ITEMS.openParts, sized: LIVE_SIZES.openParts })
  openParts: PartAlertType[];
  @Field(() => [PartAlertType], { description: 'Red parts only: priced as openParts (openPartsPage(light: RED) gives a page)' })
  @priced({ items: EXPECTED_ITEMS.openParts, sized: LIVE_SIZES.openParts })
  overdue: PartAlertType[];
}

export const PartAlertConnectionType = connectionType(PartAlertType, 'PartAlert');

export const OpenPartOrderEnum = graphqlEnum(
  OPEN_PART_ORDERS,
  'OpenPartOrder',
  'The order of a list of open parts (总览’s 红黄绿灯 table): URGENCY — red, yellow, green, each by due day (the most days overdue first; DAYS_OVERDUE_DESC is the same list); ' +
    'DUE_DATE_ASC / DUE_DATE_DESC — by due day (整改时限), earliest / latest first, whatever the light; DAYS_OVERDUE_ASC — parts not overdue first (in urgency order), then the overdue ones, fewest days first. ' +
    'Within a due day: light, unit name in pinyin, finding.',
);

/** `Dashboard.openPartsPage`'s filters, with `first` / `after`. */
@ArgsType()
export class OpenPartsPageArgs extends PageArgs {
  @Field(() => TrafficLightEnum, { nullable: true, description: 'Only parts with this light on the day viewed' })
  @IsOptional()
  @IsIn(['GREEN', 'YELLOW', 'RED'])
  light?: TrafficLight;

  @Field(() => PartStatusEnum, { nullable: true, description: 'Only parts in this status (REPORTED: awaiting on-site inspection, 待现场督查)' })
  @IsOptional()
  @IsIn(['ASSIGNED', 'REPORTED', 'VERIFIED', 'RETURNED'])
  status?: PartStatus;

  @Field(() => OpenPartOrderEnum, { nullable: true, description: 'The order of the list, over every match (not only a page): URGENCY when not given' })
  @IsOptional()
  @IsIn(OPEN_PART_ORDERS)
  order?: OpenPartOrder;
}
