import { HEADER, typedTwice, type PlanOffice } from '../support/plan-office.js';

/*
 * breaker8o P1 (serious): 物价局's part of a finding, due 2026-04-30 and never reported, joins 发改局's own part of it, due
 * 2026-09-30, when 物价局 merges into 发改局 on 2026-07-01 (机构改革). The joined part kept 发改局's later date: the finding
 * read on time, its light green, the dashboard's 逾期 count dropped — 物价局's lateness vanished. Now the joined part carries
 * the passed date from the join day (`overdueDueCarried`): red on every view, on the business day asked and now; 发改局 is
 * judged late from the join day (the watch rule), 物价局 keeps its own lateness. A report of 物价局 dated before the merge,
 * entered after it, means the share was not owed then: 发改局's own date stands again. The office day is 2026-11-30.
 */
const UNITS = { PRICE: '青川县物价并入局', REFORM: '青川县发改承接局' };
const CSV = HEADER + `一,公开平台,1,整合政府网站公开专栏,,${UNITS.REFORM},,2026-09-30\n`;

describe('an overdue share joining a part due later (breaker8o P1)', () => {
  const offices = typedTwice({ now: '2026-11-30T09:00:00+08:00', units: UNITS, planTitle: '青川市2026年政务公开工作要点（逾期并入测试）', csv: CSV, approvedOn: '2026-04-01', assignedOn: '2026-04-02' });
  const both = () => [offices.inDateOrder, offices.asTyped];

  const findingPart = async (office: PlanOffice, asOf?: string) => {
    const answer = await office.app.graphql(`query($id: ID!, $asOf: String) { finding(id: $id, asOf: $asOf) { assignments { unitId dueDate trafficLight } } }`, { id: office.findingId, asOf });
    expect(answer.errors).toBeUndefined();
    return answer.data!.finding.assignments as { unitId: string; dueDate: string; trafficLight: string }[];
  };
  const scorecard = async (office: PlanOffice, asOf?: string) => {
    const answer = await office.app.graphql(`query($asOf: String) { unitScorecard(asOf: $asOf) { unitName due onTime overdue } }`, { asOf });
    expect(answer.errors).toBeUndefined();
    return Object.fromEntries((answer.data!.unitScorecard as { unitName: string }[]).map(({ unitName, ...figures }) => [unitName, figures]));
  };
  const overdue = async (office: PlanOffice, asOf?: string) => {
    const answer = await office.app.graphql(`query($asOf: String) { dashboard(asOf: $asOf) { parts { overdue } } }`, { asOf });
    expect(answer.errors).toBeUndefined();
    return answer.data!.dashboard.parts.overdue as number;
  };
  const workload = async (office: PlanOffice, asOf?: string) => {
    const answer = await office.app.graphql(`query($unitId: ID!, $asOf: String) { unitWorkload(unitId: $unitId, asOf: $asOf) { openParts { daysLeft trafficLight } } }`, { unitId: office.units.REFORM, asOf }, await office.app.as('SUPERVISOR'));
    expect(answer.errors).toBeUndefined();
    return answer.data!.unitWorkload.openParts as { daysLeft: number; trafficLight: string }[];
  };

  it('records the finding (物价局 leads, due 04-30; 发改局 responsible, due 09-30) and the merge of 07-01', async () => {
    for (const office of both()) {
      await office.recordFinding({ title: '依申请公开渠道未开通', unit: 'PRICE', dueDate: '2026-04-30', responsible: { REFORM: '2026-09-30' } });
      expect(await office.reorganise('mergeUnit', 'PRICE', 'REFORM', '2026-07-01')).toBeNull();
    }
  });

  it('before the merge: 物价局 overdue, 发改局 on time; from the merge day the joined part is due 04-30 and red, now and on any day after', async () => {
    for (const office of both()) {
      const before = await findingPart(office, '2026-06-30');
      expect(before.map((part) => [part.unitId, part.dueDate, part.trafficLight])).toEqual([
        [office.units.PRICE, '2026-04-30', 'RED'],
        [office.units.REFORM, '2026-09-30', 'GREEN'],
      ]);
      expect(await overdue(office, '2026-06-30')).toBe(1);
      for (const asOf of ['2026-07-01', '2026-08-18', undefined]) {
        expect(await findingPart(office, asOf)).toEqual([{ unitId: office.units.REFORM, dueDate: '2026-04-30', trafficLight: 'RED' }]);
        expect(await overdue(office, asOf)).toBe(1);
      }
    }
  });

  it('发改局 is late from the join day (48 days on 08-18, not 110); 物价局 keeps its lateness; now agrees with the day folded', async () => {
    for (const office of both()) {
      expect(await workload(office, '2026-08-18')).toEqual([{ daysLeft: -48, trafficLight: 'RED' }]);
      expect(await scorecard(office, '2026-08-18')).toMatchObject({ [UNITS.PRICE]: { due: 1, onTime: 0, overdue: 0 }, [UNITS.REFORM]: { overdue: 1 } });
      expect(await scorecard(office)).toEqual(await scorecard(office, '2026-11-30'));
      expect(await workload(office)).toEqual(await workload(office, '2026-11-30'));
    }
  });

  it('物价局’s report dated 06-20, entered after the merge: its share was not owed then, so the joined part is due 09-30 again', async () => {
    const office = offices.asTyped;
    expect(await office.reportFinding('PRICE', '2026-06-20')).toBeNull();
    expect(await findingPart(office, '2026-08-18')).toEqual([{ unitId: office.units.REFORM, dueDate: '2026-09-30', trafficLight: 'GREEN' }]);
    expect(await overdue(office, '2026-08-18')).toBe(0);
    // Now (2026-11-30) its own date has passed too.
    expect(await findingPart(office)).toEqual([{ unitId: office.units.REFORM, dueDate: '2026-09-30', trafficLight: 'RED' }]);
    // The office that has not entered it still shows the carried date.
    expect((await findingPart(offices.inDateOrder))[0]!.dueDate).toBe('2026-04-30');
  });
});
