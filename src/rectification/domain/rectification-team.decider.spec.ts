import type { Actor } from '../../shared/command-context.js';
import { fold } from '../../shared/decider.js';
import { admin, clerkOf, inspector, supervisor } from '../../shared/testing/actors.js';
import { given as givenDecider } from '../../shared/testing/decider-testing.js';
import { rectificationTeamDecider, type FormRectificationTeam } from './rectification-team.decider.js';
import type { RectificationTeamEvent, RectificationTeamFormed } from './rectification-team.events.js';

// ---------------------------------------------------------------------------------------------
// given / when / then

const given = (events: readonly RectificationTeamEvent[]) => givenDecider(rectificationTeamDecider, events);

// ---------------------------------------------------------------------------------------------
// fixtures: the secretary-general leads, the openness office and two bureaus take part


const formed: RectificationTeamFormed = {
  type: 'RectificationTeamFormed',
  data: {
    teamId: 'team-2025',
    evaluationId: 'evaluation-2025',
    leader: { name: '王建国', title: '市政府秘书长' },
    members: [
      { name: '李敏', title: '市政务公开办公室主任', unitId: 'unit-openness-office' },
      { name: '张伟', title: '市财政局副局长', unitId: 'unit-finance' },
      { name: '陈静', title: '高校信息公开研究专家', unitId: null },
    ],
    formedOn: '2025-04-20',
  },
};

const form = (overrides: Partial<FormRectificationTeam> = {}): FormRectificationTeam => ({
  type: 'FormRectificationTeam',
  actor: supervisor,
  today: '2025-05-01',
  ...formed.data,
  evaluationExists: true,
  unknownUnitIds: [],
  ...overrides,
});

// ---------------------------------------------------------------------------------------------

describe('no team formed for the evaluation', () => {
  it('the supervisor forms the team with its leader and members', () => {
    given([]).when(form()).then([formed]);
  });

  it('a team may be its leader alone', () => {
    given([])
      .when(form({ members: [] }))
      .then([{ ...formed, data: { ...formed.data, members: [] } }]);
  });

  it('a leader need not give a title', () => {
    const leader = { name: '王建国', title: '' };
    given([])
      .when(form({ leader }))
      .then([{ ...formed, data: { ...formed.data, leader } }]);
  });

  it.each<Actor>([inspector, admin, clerkOf('unit-finance')])('$role may not form it', (actor) => {
    given([]).when(form({ actor })).thenRefused('FORBIDDEN');
  });

  it('refuses an evaluation that does not exist', () => {
    given([]).when(form({ evaluationExists: false })).thenRefused('NOT_FOUND');
  });

  it('refuses members from units that are not in the directory', () => {
    given([]).when(form({ unknownUnitIds: ['u-404'] })).thenRefused('NOT_FOUND');
  });

  it.each(['', '  '])("refuses the leader's name %p", (name) => {
    given([])
      .when(form({ leader: { name, title: '市政府秘书长' } }))
      .thenRefused('BAD_USER_INPUT');
  });

  it('refuses the same member listed twice, but not namesakes from different units', () => {
    const [first] = formed.data.members;
    given([]).when(form({ members: [...formed.data.members, { ...first!, title: '主任' }] })).thenRefused('BAD_USER_INPUT', /Team member 4 \(李敏\) is listed twice/);
    const namesake = { name: '李敏', title: '科员', unitId: 'unit-finance' };
    given([]).when(form({ members: [...formed.data.members, namesake] })).then([
      { ...formed, data: { ...formed.data, members: [...formed.data.members, namesake] } },
    ]);
  });

  it('refuses a member without a name', () => {
    given([])
      .when(form({ members: [...formed.data.members, { name: ' ', title: '科员', unitId: null }] }))
      .thenRefused('BAD_USER_INPUT');
  });
});

describe('team formed', () => {
  it('keeps who leads it', () => {
    expect(fold(rectificationTeamDecider, [formed])).toEqual({ status: 'formed', ...formed.data });
  });

  it('a second team for the same evaluation is refused', () => {
    given([formed])
      .when(form({ teamId: 'team-2025-bis' }))
      .thenRefused('CONFLICT');
  });
});

describe('business time', () => {
  it('refuses a team formed after today', () => {
    given([]).when(form({ formedOn: '2025-05-02' })).thenRefused('BAD_USER_INPUT', /\(2025-05-02\) is in the future: today is 2025-05-01/);
  });
});

describe('a team formed before its evaluation arrived (breaker8 minor)', () => {
  it('given the evaluation received on 2025-04-15: a team formed on 04-10 is refused, naming both days', () => {
    given([])
      .when(form({ formedOn: '2025-04-10', evaluationReceivedOn: '2025-04-15' }))
      .thenRefused('BAD_USER_INPUT', /^The day the team was formed \(2025-04-10\) is before the day the evaluation was received \(2025-04-15\)\.$/, /^整改小组成立日期（2025-04-10）早于收到评估报告日期（2025-04-15），日期顺序不对。$/);
  });

  it('given the evaluation received on 2025-04-15: a team formed that day or later is formed', () => {
    given([]).when(form({ formedOn: '2025-04-15', evaluationReceivedOn: '2025-04-15' })).then([{ ...formed, data: { ...formed.data, formedOn: '2025-04-15' } }]);
  });
});

describe('a refusal of the team form names its input field (extensions.field), for a form to show it beside that field', () => {
  it.each<[string, Partial<FormRectificationTeam>, string]>([
    ['an evaluation that does not exist', { evaluationExists: false }, 'evaluationId'],
    ['a member’s unit not in the directory', { unknownUnitIds: ['unit-finance'] }, 'members.1.unitId'],
    ['a leader without a name', { leader: { name: ' ', title: '市政府秘书长' } }, 'leader.name'],
    ['a formation day in the future', { formedOn: '2025-05-02' }, 'formedOn'],
    ['a formation day before the evaluation was received', { evaluationReceivedOn: '2025-04-21' }, 'formedOn'],
  ])('%s', (_case, overrides, field) => {
    given([]).when(form(overrides)).thenRefusedAt(field);
  });
});
