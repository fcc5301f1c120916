import type { DomainEvent } from '../../shared/decider.js';
import { officeDayOfRecording, type EventSchemas } from '../../shared/event-schemas.js';

/** Often the secretary-general (秘书长) of the city government. */
export interface TeamLeader {
  readonly name: string;
  readonly title: string;
}

export interface TeamMember {
  readonly name: string;
  readonly title: string;
  /** The unit the member represents; null for someone who represents no unit, such as an expert. */
  readonly unitId: string | null;
}

/** 整改小组: set up once per evaluation to lead its rectification. */
export type RectificationTeamFormed = DomainEvent<
  'RectificationTeamFormed',
  {
    readonly teamId: string;
    readonly evaluationId: string;
    readonly leader: TeamLeader;
    readonly members: readonly TeamMember[];
    /** v2: the office day the team was formed. */
    readonly formedOn: string;
  }
>;

export type RectificationTeamEvent = RectificationTeamFormed;

export const rectificationTeamEventSchemas: EventSchemas<RectificationTeamEvent> = {
  RectificationTeamFormed: { version: 2, occurredOn: 'formedOn', upcasters: { 1: officeDayOfRecording('formedOn') } },
};

/**
 * Named after the evaluation, not the team: "one team per evaluation" then holds by construction,
 * as a second team for the same evaluation lands on the same stream and is refused there (and two
 * racing ones collide on the expected revision). It is a stream of its own, not part of the
 * evaluation stream, so that the evaluation decider stays about the report and forming the team
 * never contends with other writes on the evaluation.
 */
export const rectificationTeamStream = (evaluationId: string) => `rectification-team-${evaluationId}`;
