import { fold } from '../src/shared/decider.js';
import { DomainError } from '../src/shared/domain-error.js';
import { admin } from '../src/shared/testing/actors.js';
import { unitDecider, type MergeUnit } from '../src/organization/domain/unit.decider.js';
import { assignFieldOf, assignmentChoices, chosenUnits, concernedToPreselect, firstAssignmentPreselection, MERGE_SUCCESSOR, noUnitToAssignOn, notStandingOn, unitLabel, unitNotAllowedLabel, unitsStandingOn, type DirectoryUnit } from '../web/src/assignment-choices.js';

/*
 * newcomer13 R8 (= Q21): a finding's 涉及单位 (the units the evaluation names, recorded by the import
 * and by 登记问题) were shown nowhere and not offered for 交办. The 交办 form offers them first,
 * marked, and preselects them as responsible units; the lead picked from them leads with one part.
 */
describe('the units a 交办 offers', () => {
  const directory = [
    { id: 'gov', name: '青川市人民政府办公室' },
    { id: 'fgw', name: '青川市发展和改革委员会' },
    { id: 'czj', name: '青川市财政局' },
    { id: 'jyj', name: '青川市教育局' },
  ];

  it('puts the evaluation’s 点名单位 first, marked, and leaves out units already on the finding', () => {
    expect(assignmentChoices(directory, new Set(['gov']), ['jyj', 'czj'])).toEqual([
      { value: 'czj', label: '青川市财政局（评估点名）' },
      { value: 'jyj', label: '青川市教育局（评估点名）' },
      { value: 'fgw', label: '青川市发展和改革委员会' },
    ]);
  });

  it('offers the directory as it is when the evaluation named no unit', () => {
    expect(assignmentChoices(directory, new Set(), []).map((option) => option.label)).toEqual(directory.map((unit) => unit.name));
  });

  it('gives the lead picked from the preselected units one part, as lead', () => {
    expect(chosenUnits({ leadUnitId: 'czj', responsibleUnitIds: ['czj', 'jyj'], dueDate: '2026-12-31' })).toEqual([
      { unitId: 'czj', role: 'LEAD', dueDate: '2026-12-31' },
      { unitId: 'jyj', role: 'RESPONSIBLE', dueDate: '2026-12-31' },
    ]);
  });

  describe('a 点名单位 merged since (机构改革, breaker11f P1): its work is its successor’s', () => {
    const merged = [
      ...directory,
      { id: 'wjw', name: '青川市卫生和计划生育委员会', mergedIntoUnitId: 'wjw2' },
      { id: 'wjw2', name: '青川市卫生健康委员会', mergedIntoUnitId: null },
    ];

    it('offers the successor, marked, and never the merged unit, which takes no new work', () => {
      expect(assignmentChoices(merged, new Set(['gov']), ['wjw', 'czj'])).toEqual([
        { value: 'czj', label: '青川市财政局（评估点名）' },
        { value: 'wjw2', label: '青川市卫生健康委员会（评估点名）' },
        { value: 'fgw', label: '青川市发展和改革委员会' },
        { value: 'jyj', label: '青川市教育局' },
      ]);
    });

    it('preselects the successor in its place, once, and nothing already on the finding', () => {
      expect(concernedToPreselect(merged, new Set(), ['wjw', 'czj', 'wjw2'])).toEqual(['wjw2', 'czj']);
      expect(concernedToPreselect(merged, new Set(['wjw2']), ['wjw', 'czj'])).toEqual(['czj']);
      expect(concernedToPreselect(merged, new Set(['wjw']), ['wjw', 'czj'])).toEqual(['czj']);
    });
  });
});

/*
 * breaker11g P8 / P11: 环境保护局 merged on 2026-11-25 into 生态环境局, registered 2026-11-20. A 交办
 * dated 2026-11-15 could not name the unit of that day, and its refusal told the office to move the
 * new bureau's registration day back; 登记问题 offered the merged unit unmarked.
 */
describe('the units a 交办 dated before a reorganisation offers', () => {
  const directory = [
    { id: 'hbj', name: '青川市环境保护局', registeredOn: '2016-01-01', mergedIntoUnitId: 'stj', mergedOn: '2026-11-25' },
    { id: 'stj', name: '青川市生态环境局', registeredOn: '2026-11-20' },
    { id: 'jyj', name: '青川市教育局', registeredOn: '2016-01-01' },
  ];

  it('offers the unit of that day, said merged since, and not the successor that did not exist yet', () => {
    expect(assignmentChoices(directory, new Set(), ['hbj', 'jyj'], '2026-11-15')).toEqual([
      { value: 'hbj', label: '青川市环境保护局（已于 2026-11-25 并入青川市生态环境局）（评估点名）' },
      { value: 'jyj', label: '青川市教育局（评估点名）' },
    ]);
    expect(assignmentChoices(directory, new Set(), ['hbj', 'jyj'], '2026-11-26').map((option) => option.value)).toEqual(['stj', 'jyj']);
    expect(assignmentChoices(directory, new Set(), ['hbj'])).toEqual([{ value: 'stj', label: '青川市生态环境局（评估点名）' }, { value: 'jyj', label: '青川市教育局' }]);
  });

  it('says a chosen unit that did not stand that day, with the one that did', () => {
    expect(notStandingOn(directory, ['stj', 'jyj'], '2026-11-15')).toBe('青川市生态环境局于 2026-11-20 登记，2026-11-15 时尚不存在：当时由青川市环境保护局承担，请改选该单位（其任务随合并转入青川市生态环境局）。');
    expect(notStandingOn(directory, ['hbj'], '2026-11-26')).toBe('青川市环境保护局（已于 2026-11-25 并入青川市生态环境局），2026-11-26 时已不再承担新的工作，请选择承接单位。');
    expect(notStandingOn(directory, ['hbj', 'jyj'], '2026-11-15')).toBeNull();
  });

  it('names a merged unit with its merger wherever every unit is listed (登记问题’s 点名单位)', () => {
    expect(directory.map((unit) => unitLabel(directory, unit))).toEqual(['青川市环境保护局（已于 2026-11-25 并入青川市生态环境局）', '青川市生态环境局', '青川市教育局']);
  });

  // newcomer18 S6: a finding naming one unit had it preselected as a responsible unit only; the server then refused the 交办 for want of a lead.
  it('starts a first 交办 of a finding naming one unit with that unit as its lead; several stay responsible units; a finding with a lead adds responsible units', () => {
    expect(firstAssignmentPreselection(['fgw'], false)).toEqual({ lead: 'fgw', responsible: [] });
    expect(firstAssignmentPreselection(['fgw', 'czj'], false)).toEqual({ lead: undefined, responsible: ['fgw', 'czj'] });
    expect(firstAssignmentPreselection(['fgw'], true)).toEqual({ lead: undefined, responsible: ['fgw'] });
    expect(firstAssignmentPreselection([], false)).toEqual({ lead: undefined, responsible: [] });
  });
});

/*
 * A 发现日期 (and so a 交办日期) before the units' registration left both unit pickers of 登记问题 「无数据」
 * with no reason: the pickers say why, and which day to choose instead.
 */
describe('why a 交办 offers no unit', () => {
  const directory = [
    { id: 'fgw', name: '青川市发展和改革委员会', registeredOn: '2026-09-21' },
    { id: 'czj', name: '青川市财政局', registeredOn: '2026-09-21' },
  ];

  it('no unit registered by the day: says when they were, and to move the 交办日期 there', () => {
    expect(assignmentChoices(directory, new Set(), [], '2026-09-01')).toEqual([]);
    expect(noUnitToAssignOn(directory, new Set(), '2026-09-01')).toBe('2026-09-01 时尚无已登记的单位（各单位于 2026-09-21 登记）；请把交办日期改为 2026-09-21 或之后。');
  });

  it('units registered on several days: names the first', () => {
    const registeredApart = [
      { id: 'fgw', name: '青川市发展和改革委员会', registeredOn: '2026-09-25' },
      { id: 'jyj', name: '青川市教育局', registeredOn: '2026-10-08' },
    ];
    expect(noUnitToAssignOn(registeredApart, new Set(), '2026-09-01')).toBe(
      '2026-09-01 时尚无已登记的单位（最早的单位于 2026-09-25 登记）；请把交办日期改为 2026-09-25 或之后。',
    );
  });

  it('every unit standing then is on the finding already: says so', () => {
    expect(noUnitToAssignOn(directory, new Set(['fgw', 'czj']), '2026-10-01')).toBe('2026-10-01 时在册的单位都已承担此问题，没有可再交办的单位。');
  });

  it('says nothing while some unit may be chosen, or the directory is not loaded', () => {
    expect(noUnitToAssignOn(directory, new Set(['fgw']), '2026-09-21')).toBeNull();
    expect(noUnitToAssignOn([], new Set(), '2026-09-01')).toBeNull();
  });
});

/*
 * web2 fault 3: the 点名单位 preselected as 牵头单位 stayed shown by its bare name once the 交办日期 was moved before the
 * units' registration, as if it could be sent (a note said no unit stood then; sending was refused beside 交办日期). A unit
 * chosen that the day does not allow is shown marked with why, in every picker that follows a day.
 */
describe('a unit chosen that the 交办日期 does not allow, as its picker shows it', () => {
  const directory = [
    { id: 'hbj', name: '青川市环境保护局', mergedIntoUnitId: 'stj', mergedOn: '2026-11-25', registeredOn: '2026-01-05' },
    { id: 'stj', name: '青川市生态环境局', registeredOn: '2026-11-20' },
    { id: 'jyj', name: '青川市教育局', registeredOn: '2026-01-05' },
  ];

  it('marks one registered after the day, and one merged by then, with why', () => {
    expect(unitNotAllowedLabel(directory, 'stj', '2026-11-15')).toBe('青川市生态环境局（2026-11-15 时尚不存在：于 2026-11-20 登记，不能在这一天交办）');
    expect(unitNotAllowedLabel(directory, 'jyj', '2026-01-01')).toBe('青川市教育局（2026-01-01 时尚不存在：于 2026-01-05 登记，不能在这一天交办）');
    expect(unitNotAllowedLabel(directory, 'hbj', '2026-11-26')).toBe('青川市环境保护局（已于 2026-11-25 并入青川市生态环境局，不能再交办）');
  });

  it('says nothing of a unit that stood that day, or one the directory does not know (not loaded yet)', () => {
    expect(unitNotAllowedLabel(directory, 'stj', '2026-11-20')).toBeNull();
    expect(unitNotAllowedLabel(directory, 'hbj', '2026-11-24')).toBeNull();
    expect(unitNotAllowedLabel([], 'jyj', '2026-01-01')).toBeNull();
  });
});

/*
 * web3 fault 1: the other unit pickers bound to a day — a merge's 并入的单位 (并入日期), a circular's 单位 (发文日期) — offered the
 * units standing today whatever the day (the server refused the unit after submitting). They offer the units standing that day,
 * say in their own words when none stood, and mark a chosen unit the day does not allow.
 */
describe('a unit picker bound to another day than the 交办日期', () => {
  const directory = [
    { id: 'hbj', name: '青川市环境保护局', mergedIntoUnitId: 'stj', mergedOn: '2026-11-25', registeredOn: '2026-01-05' },
    { id: 'stj', name: '青川市生态环境局', registeredOn: '2026-11-20' },
    { id: 'jyj', name: '青川市教育局', registeredOn: '2026-01-05' },
  ];
  const ISSUING = { act: '通报', day: '发文日期' };
  const MERGING = MERGE_SUCCESSOR;

  it('offers the units standing that day, one merged later said so, leaving out those it never offers', () => {
    expect(unitsStandingOn(directory, '2026-11-21')).toEqual([
      { value: 'hbj', label: '青川市环境保护局（已于 2026-11-25 并入青川市生态环境局）' },
      { value: 'stj', label: '青川市生态环境局' },
      { value: 'jyj', label: '青川市教育局' },
    ]);
    expect(unitsStandingOn(directory, '2026-11-25', new Set(['jyj']))).toEqual([{ value: 'stj', label: '青川市生态环境局' }]);
    expect(unitsStandingOn(directory, '2026-01-04')).toEqual([]);
  });

  it('says when no unit stood, naming its own day field', () => {
    expect(noUnitToAssignOn(directory, new Set(), '2026-01-04', ISSUING)).toBe('2026-01-04 时尚无已登记的单位（最早的单位于 2026-01-05 登记）；请把发文日期改为 2026-01-05 或之后。');
    expect(noUnitToAssignOn(directory, new Set(), '2026-01-04', MERGING)).toBe('2026-01-04 时尚无已登记的单位（最早的单位于 2026-01-05 登记）；请把并入日期改为 2026-01-05 或之后。');
    expect(noUnitToAssignOn([directory[0]!], new Set(), '2026-12-01', ISSUING)).toBe('2026-12-01 时没有可通报的单位（各单位都已并入其他单位）。');
  });

  it('marks a chosen unit the day does not allow with its own act', () => {
    expect(unitNotAllowedLabel(directory, 'stj', '2026-11-15', ISSUING)).toBe('青川市生态环境局（2026-11-15 时尚不存在：于 2026-11-20 登记，不能在这一天通报）');
    expect(unitNotAllowedLabel(directory, 'hbj', '2026-11-26', MERGING)).toBe('青川市环境保护局（已于 2026-11-25 并入青川市生态环境局，不能再承接）');
    expect(unitNotAllowedLabel(directory, 'jyj', '2026-11-26', ISSUING)).toBeNull();
  });
});

/*
 * web4 fault 4: the 并入其他单位 picker hid a successor merged away on the 并入日期 itself (stoodOn: merged by then), which the
 * server takes (its merge passes the work on, on its own day). The picker offers by the decider's own rule (takesOverOn): for
 * every successor and 并入日期 here, it offers exactly the units the merge's decider does not refuse as successor.
 */
describe('the 并入其他单位 picker offers exactly the successors the server takes', () => {
  const directory: DirectoryUnit[] = [
    { id: 'hbj', name: '青川市环境保护局', registeredOn: '2016-01-05', mergedIntoUnitId: 'stj', mergedOn: '2026-11-25' },
    { id: 'stj', name: '青川市生态环境局', registeredOn: '2026-11-20' },
    { id: 'jyj', name: '青川市教育局', registeredOn: '2016-01-05' },
    { id: 'old', name: '青川市旧局', registeredOn: '2016-01-05', mergedIntoUnitId: 'jyj' },
  ];
  const merging = { id: 'lyj', name: '青川市林业局', registeredOn: '2016-01-01' };
  const taken = (successor: DirectoryUnit, on: string): boolean => {
    const state = fold(unitDecider, [{ type: 'UnitRegistered', data: { unitId: merging.id, code: 'LYJ', name: merging.name, kind: 'DEPARTMENT', parentUnitId: null, registeredOn: merging.registeredOn } }]);
    const command: MergeUnit = {
      type: 'MergeUnit',
      actor: admin,
      today: '2026-12-31',
      mergedOn: on,
      successorUnitId: successor.id,
      reason: '青川市机构改革方案',
      successor: { mergedInto: successor.mergedIntoUnitId ?? null, name: successor.name, registeredOn: successor.registeredOn!, ...(successor.mergedOn ? { mergedOn: successor.mergedOn } : {}) },
    };
    try {
      unitDecider.decide(command, state);
      return true;
    } catch (error) {
      if (error instanceof DomainError) return false;
      throw error;
    }
  };
  const days = ['2026-11-19', '2026-11-20', '2026-11-24', '2026-11-25', '2026-11-26'];

  it('offers a successor merged away on the 并入日期 itself, as the server takes it', () => {
    expect(unitsStandingOn(directory, '2026-11-25', new Set([merging.id]), MERGE_SUCCESSOR).map((option) => option.value)).toEqual(['hbj', 'stj', 'jyj']);
    expect(taken(directory[0]!, '2026-11-25')).toBe(true);
    expect(unitNotAllowedLabel(directory, 'hbj', '2026-11-25', MERGE_SUCCESSOR)).toBeNull();
  });

  it.each(days)('on %s offers every unit the merge’s decider takes and no other', (on) => {
    const offered = unitsStandingOn(directory, on, new Set([merging.id]), MERGE_SUCCESSOR).map((option) => option.value);
    expect(offered).toEqual(directory.filter((unit) => taken(unit, on)).map((unit) => unit.id));
    for (const unit of directory) expect(unitNotAllowedLabel(directory, unit.id, on, MERGE_SUCCESSOR) === null).toBe(offered.includes(unit.id));
  });
});

/*
 * web4 fault 1: a refusal the API gives of a 交办's units (`units.1.dueDate`, 「“承担单位2的整改时限”…」) names a field the
 * form does not show as such: it stands beside the form's field holding it — 整改时限, or the picker the unit was chosen in.
 */
describe('a refusal of a 交办’s units stands beside the form’s field holding it', () => {
  const values = { leadUnitId: 'czj', responsibleUnitIds: ['czj', 'jyj', 'fgw'], dueDate: '2026-09-30' };

  it('puts units.N.dueDate at 整改时限, a lead’s unit at 牵头单位 and a responsible unit’s at 责任单位, as chosenUnits sends them', () => {
    expect(chosenUnits(values).map((unit) => unit.unitId)).toEqual(['czj', 'jyj', 'fgw']);
    expect(assignFieldOf('units.1.dueDate', values)).toBe('dueDate');
    expect(assignFieldOf('units.0.unitId', values)).toBe('leadUnitId');
    expect(assignFieldOf('units.0.role', values)).toBe('leadUnitId');
    expect(assignFieldOf('units.2.unitId', values)).toBe('responsibleUnitIds');
    expect(assignFieldOf('assignment.units.0', values)).toBe('leadUnitId');
    expect(assignFieldOf('units.0.unitId', { responsibleUnitIds: ['jyj'] })).toBe('responsibleUnitIds');
    expect(assignFieldOf('assignedOn', values)).toBeNull();
  });
});
