import { listItemLabelZh } from '../../shared/graphql/list-item-labels-zh.js';
import { isBlank, requireBusinessDay, requireNotBefore, requireRole, requireText } from '../../shared/guards.js';
import type { Actor } from '../../shared/command-context.js';
import { Decider, unreachable } from '../../shared/decider.js';
import { badInput, conflict, named, notFound, say } from '../../shared/domain-error.js';
import type { RectificationTeamEvent, TeamLeader, TeamMember } from './rectification-team.events.js';

/** Runs on the stream `rectificationTeamStream(evaluationId)`. */
export interface FormRectificationTeam {
  readonly type: 'FormRectificationTeam';
  readonly actor: Actor;
  /** The office's current day (China time). */
  readonly today: string;
  /** The office day the team was formed, not after `today`. */
  readonly formedOn: string;
  readonly teamId: string;
  readonly evaluationId: string;
  readonly leader: TeamLeader;
  readonly members: readonly TeamMember[];
  /** Looked up by the handler in the evaluation stream. */
  readonly evaluationExists: boolean;
  /** The office day the evaluation was received (looked up): no team is formed for it before. Absent: unchecked. */
  readonly evaluationReceivedOn?: string;
  /** Members' unit ids that the units directory does not know; looked up by the handler. */
  readonly unknownUnitIds: readonly string[];
}

export type RectificationTeamCommand = FormRectificationTeam;

export type RectificationTeamState =
  | { readonly status: 'unformed' }
  | {
      readonly status: 'formed';
      readonly teamId: string;
      readonly evaluationId: string;
      readonly leader: TeamLeader;
      readonly members: readonly TeamMember[];
    };

export const rectificationTeamDecider: Decider<RectificationTeamCommand, RectificationTeamState, RectificationTeamEvent> = {
  initialState: () => ({ status: 'unformed' }),

  evolve(_state, event) {
    switch (event.type) {
      case 'RectificationTeamFormed':
        return { status: 'formed', ...event.data };
      default:
        return unreachable(event.type);
    }
  },

  decide(command, state) {
    switch (command.type) {
      case 'FormRectificationTeam':
        return formRectificationTeam(command, state);
      default:
        return unreachable(command.type);
    }
  },
};

function formRectificationTeam(command: FormRectificationTeam, state: RectificationTeamState): RectificationTeamEvent[] {
  const { teamId, evaluationId, leader, members, formedOn } = command;
  requireRole(command.actor, ['SUPERVISOR'], say('form a rectification team', '组建整改小组'));
  if (!command.evaluationExists) throw notFound('Evaluation', evaluationId, 'evaluationId');
  if (command.unknownUnitIds.length > 0) {
    const first = members.findIndex((member) => member.unitId !== null && command.unknownUnitIds.includes(member.unitId));
    throw notFound('Unit', command.unknownUnitIds.join(', '), first === -1 ? 'members' : `members.${first}.unitId`);
  }
  if (state.status === 'formed') {
    throw conflict(
      `Evaluation ${evaluationId} already has its rectification team ${state.teamId}, led by ${state.leader.name}.`,
      `该评估已有整改小组，组长为${state.leader.name}。`,
    );
  }
  requireText(leader.name, named('leader.name', "The team leader's name", '组长姓名'));
  const listed = new Set<string>();
  members.forEach((member, index) => {
    if (isBlank(member.name)) throw badInput(`Team member ${index + 1} needs a name.`, `请填写“${listItemLabelZh('members', index, 'name')}”：每位成员须有姓名。`, { field: `members.${index}.name` });
    // The same person of the same unit twice is a copying slip; namesakes of other units are not.
    const who = `${member.name.trim()}|${member.unitId ?? ''}`;
    if (listed.has(who)) throw badInput(`Team member ${index + 1} (${member.name.trim()}) is listed twice.`, `“${listItemLabelZh('members', index)}”（${member.name.trim()}）与前面的成员重复。`, { field: `members.${index}.name` });
    listed.add(who);
  });
  requireBusinessDay(formedOn, command.today, named('formedOn', 'The day the team was formed', '整改小组成立日期'));
  // A team is formed to rectify what an evaluation found: not before its report arrived, as its plan is not.
  requireNotBefore(
    { day: formedOn, what: named('formedOn', 'the day the team was formed', '整改小组成立日期') },
    command.evaluationReceivedOn === undefined ? null : { day: command.evaluationReceivedOn, what: say('the day the evaluation was received', '收到评估报告日期') },
  );
  return [{ type: 'RectificationTeamFormed', data: { teamId, evaluationId, leader, members, formedOn } }];
}
