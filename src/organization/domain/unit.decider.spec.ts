import { DomainError, say, type ErrorCode } from '../../shared/domain-error.js';
import { fold } from '../../shared/decider.js';
import { admin, supervisor, system } from '../../shared/testing/actors.js';
import { given as givenDecider } from '../../shared/testing/decider-testing.js';
import { CorrectUnitRegistration, HandOverUnitWork, MergeUnit, RecordUnitOtherNames, RegisterUnit, RemoveUnitOtherName, RenameUnit, unitDecider, type ChangeUnitKindAndParent } from './unit.decider.js';
import { UnitEvent, UnitRegistered, unitEventSchemas } from './unit.events.js';
import { EventSchemaRegistry } from '../../shared/event-schemas.js';

const registered: UnitRegistered = {
  type: 'UnitRegistered',
  data: { unitId: 'u-1', code: 'CZJ', name: '青川市财政局', kind: 'DEPARTMENT', parentUnitId: null, registeredOn: '2016-04-01' },
};
const register = (overrides: Partial<RegisterUnit> = {}): RegisterUnit => ({
  type: 'RegisterUnit',
  today: '2026-11-29',
  data: registered.data,
  parentExists: true,
  nameTakenBy: null,
  ...overrides,
});

describe('a unit not yet in the directory', () => {
  it('is registered', () => {
    expect(unitDecider.decide(register(), fold(unitDecider, []))).toEqual([registered]);
  });

  it('refuses a parent unit that does not exist', () => {
    const command = register({ data: { ...registered.data, parentUnitId: 'u-0' }, parentExists: false });
    expect(() => unitDecider.decide(command, fold(unitDecider, []))).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }) as DomainError,
    );
  });

  it('refuses a name another unit already has: plans and findings name their units', () => {
    const command = register({ data: { ...registered.data, unitId: 'u-2', code: 'CZJ2' }, nameTakenBy: 'CZJ' });
    expect(() => unitDecider.decide(command, fold(unitDecider, []))).toThrow(
      expect.objectContaining({ code: 'CONFLICT', message: 'The name 青川市财政局 already belongs to unit CZJ; unit names must be unique.' }) as DomainError,
    );
  });
});

describe('a unit whose name is near a registered unit\'s (session 24: registerUnit asks as the 单位名录 import does)', () => {
  const fgw = { unitId: 'u-fgw', code: 'FGW', name: '青川市发展和改革委员会' };
  const shortName = register({ data: { ...registered.data, unitId: 'u-2', code: 'SFGW', name: '市发改委' }, nearUnits: [fgw] });

  it('is refused naming the near unit in Chinese, and registers nothing', () => {
    expect(() => unitDecider.decide(shortName, fold(unitDecider, []))).toThrow(
      expect.objectContaining({
        code: 'CONFLICT',
        messageZh: '单位“市发改委”与已登记的单位“青川市发展和改革委员会”（编码 FGW）相近，可能是同一单位的不同写法：如是同一单位，无需再登记，请使用已登记的单位；如确是另一个单位，请确认“这是另一个单位”后再登记。',
        details: { field: 'name', unitId: 'u-fgw', nearName: '青川市发展和改革委员会', nearUnitIds: ['u-fgw'] },
      }) as DomainError,
    );
  });

  it('is registered once the office confirms it is another unit than each near one (distinctFrom)', () => {
    const jyj = { unitId: 'u-jyj', code: 'JYJ', name: '青川市教育局' };
    const both = { ...shortName, nearUnits: [fgw, jyj] };
    expect(() => unitDecider.decide({ ...both, distinctFrom: ['u-fgw'] }, fold(unitDecider, []))).toThrow(
      expect.objectContaining({ code: 'CONFLICT', details: expect.objectContaining({ unitId: 'u-jyj', nearUnitIds: ['u-jyj'] }) }) as DomainError,
    );
    expect(unitDecider.decide({ ...both, distinctFrom: ['u-fgw', 'u-jyj'] }, fold(unitDecider, [])).map((event) => event.type)).toEqual(['UnitRegistered']);
  });
});

describe('a registered unit', () => {
  it('refuses a second unit with the same code', () => {
    expect(() => unitDecider.decide(register(), fold(unitDecider, [registered]))).toThrow(/CZJ is already registered/);
  });
});

describe('机构改革: renaming and merging (fault 4)', () => {
  const given = (events: readonly UnitEvent[]) => givenDecider(unitDecider, events);
  const health: UnitRegistered = {
    type: 'UnitRegistered',
    data: { unitId: 'u-wjw', code: 'WJW', name: '青川市卫生和计划生育委员会', kind: 'DEPARTMENT', parentUnitId: null, registeredOn: '2016-04-01' },
  };
  const REASON = '青川市机构改革方案（青发〔2019〕5号）';
  const rename = (overrides: Partial<RenameUnit> = {}): RenameUnit => ({
    type: 'RenameUnit',
    actor: admin,
    today: '2026-11-29',
    renamedOn: '2019-02-28',
    name: '青川市卫生健康委员会',
    reason: REASON,
    nameTakenBy: null,
    ...overrides,
  });
  const renamed: UnitEvent = {
    type: 'UnitRenamed',
    data: { unitId: 'u-wjw', previousName: '青川市卫生和计划生育委员会', name: '青川市卫生健康委员会', reason: REASON, renamedOn: '2019-02-28' },
  };
  const merge = (overrides: Partial<MergeUnit> = {}): MergeUnit => ({
    type: 'MergeUnit',
    actor: admin,
    today: '2026-11-29',
    mergedOn: '2019-03-15',
    successorUnitId: 'u-new',
    reason: REASON,
    successor: { mergedInto: null, name: '青川市卫生健康委员会（新）', registeredOn: '2019-03-01' },
    ...overrides,
  });
  const merged: UnitEvent = { type: 'UnitMerged', data: { unitId: 'u-wjw', successorUnitId: 'u-new', reason: REASON, mergedOn: '2019-03-15' } };

  it('an administrator renames a unit; the old name is kept as a former name', () => {
    given([health]).when(rename()).then([renamed]);
    expect(fold(unitDecider, [health, renamed])).toMatchObject({ name: '青川市卫生健康委员会', formerNames: ['青川市卫生和计划生育委员会'] });
  });

  it('the import tools (SYSTEM) rename when asked', () => {
    given([health]).when(rename({ actor: system })).then([renamed]);
  });

  it('renaming to the name it has changes nothing (a retry)', () => {
    given([health, renamed]).when(rename()).then([]);
  });

  it.each([
    ['a supervisor', rename({ actor: supervisor }), 'FORBIDDEN'],
    ['a unit not in the directory', rename(), 'NOT_FOUND'],
    ['a name another unit has', rename({ nameTakenBy: 'FGW' }), 'CONFLICT'],
    ['no reason', rename({ reason: ' ' }), 'BAD_USER_INPUT'],
  ] as const)('refuses %s', (what, command, code) => {
    given(what === 'a unit not in the directory' ? [] : [health]).when(command).thenRefused(code);
  });

  describe('a new name near another registered unit\'s (issue 10: renaming asks as registering does)', () => {
    const education = { unitId: 'u-jyj', code: 'JYJ', name: '青川市教育局' };
    const toNear = rename({ name: '青川市教育体育局', nearUnits: [education] });

    it('is refused naming the near unit in Chinese, nothing appended, until the office confirms it is another unit (distinctFrom)', () => {
      given([health]).when(toNear).thenRefused('CONFLICT');
      expect(() => unitDecider.decide(toNear, fold(unitDecider, [health]))).toThrow(
        expect.objectContaining({
          code: 'CONFLICT',
          messageZh: '新名称“青川市教育体育局”与已登记的单位“青川市教育局”（编码 JYJ）相近，更名后文件中的这两个名称可能被当作同一单位：如确是同一单位，请使用“合并单位”，不要更名；如确是另一个单位，请确认“这是另一个单位”后再更名。',
          details: { field: 'name', unitId: 'u-jyj', nearName: '青川市教育局', nearUnitIds: ['u-jyj'] },
        }) as DomainError,
      );
      const confirmed = given([health]).when({ ...toNear, distinctFrom: ['u-jyj'] }).decision();
      expect(confirmed).toEqual([{ type: 'UnitRenamed', data: { ...renamed.data, name: '青川市教育体育局' } }]);
    });

    it('a name near only the unit\'s own names is not asked', () => {
      const own = { unitId: 'u-wjw', code: 'WJW', name: '青川市卫生和计划生育委员会' };
      expect(given([health]).when(rename({ nearUnits: [own] })).decision()).toEqual([renamed]);
    });

    it('a retry to the name it has is not asked again', () => {
      given([health, renamed]).when(rename({ nearUnits: [education] })).then([]);
    });
  });

  it('an administrator merges a unit into its successor; merging again is a retry', () => {
    given([health]).when(merge()).then([merged]);
    given([health, merged]).when(merge()).then([]);
  });

  describe('a reorganisation refusal names the units by name, never by code or id, and the unit to pick instead (breaker8h P11)', () => {
    const names: Record<string, string> = { 'u-new': '青川市卫生健康委员会（新）', 'u-other': '青川市医疗保障局', 'u-third': '青川市卫生健康局', 'u-last': '青川市卫生健康委员会' };
    const nameOf = (unitId: string) => names[unitId];
    it('a merged unit renamed after its merge', () => {
      given([health, merged]).when(rename({ renamedOn: '2019-03-20', nameOf })).thenRefused(
        'CONFLICT',
        /^青川市卫生和计划生育委员会 was merged into 青川市卫生健康委员会（新） on 2019-03-15; it is not renamed any more\.$/,
        /^青川市卫生和计划生育委员会已于 2019-03-15 并入青川市卫生健康委员会（新），不能再更名。$/,
      );
    });
    it('a merged unit merged again', () => {
      given([health, merged]).when(merge({ successorUnitId: 'u-other', nameOf })).thenRefused('CONFLICT', undefined, /^青川市卫生和计划生育委员会已于 2019-03-15 并入青川市卫生健康委员会（新）。$/);
    });
    it('a merge into a unit merged away before its day, naming the last successor to merge into', () => {
      const successor = { mergedInto: 'u-third', name: '青川市卫生健康委员会（新）', registeredOn: '2019-03-01', mergedOn: '2019-03-10', carriedOnBy: 'u-last' };
      given([health]).when(merge({ successor, nameOf })).thenRefused(
        'CONFLICT',
        /^青川市卫生健康委员会（新） was itself merged into 青川市卫生健康局 on 2019-03-10 \(before 2019-03-15\): merge into 青川市卫生健康委员会\.$/,
        /^承继单位青川市卫生健康委员会（新）已于 2019-03-10 并入青川市卫生健康局（早于 2019-03-15），请直接并入青川市卫生健康委员会。$/,
      );
    });
  });

  it('merges a unit into one merged away later, dated on or before that merge (the successor existed then; its merge passes the work on: breaker8h P3)', () => {
    given([health]).when(merge({ successor: { mergedInto: 'u-third', name: '某单位', registeredOn: '2019-03-01', mergedOn: '2019-03-15' } })).then([merged]);
    given([health]).when(merge({ successor: { mergedInto: 'u-third', name: '某单位', registeredOn: '2019-03-01', mergedOn: '2019-06-01' } })).then([merged]);
  });

  it.each([
    ['into another unit after a merge', [health, merged], merge({ successorUnitId: 'u-other' }), 'CONFLICT'],
    ['into itself', [health], merge({ successorUnitId: 'u-wjw' }), 'BAD_USER_INPUT'],
    ['into an unknown unit', [health], merge({ successor: undefined }), 'NOT_FOUND'],
    ['into a unit itself merged away', [health], merge({ successor: { mergedInto: 'u-third', name: '某单位', registeredOn: '2019-03-01' } }), 'CONFLICT'],
    ['into a unit itself merged away before the merge day', [health], merge({ successor: { mergedInto: 'u-third', name: '某单位', registeredOn: '2019-03-01', mergedOn: '2019-03-14' } }), 'CONFLICT'],
    ['by a supervisor', [health], merge({ actor: supervisor }), 'FORBIDDEN'],
    ['a merged unit being renamed on or after its merge (a rename of an earlier day, typed late, is its name then)', [health, merged], rename({ renamedOn: '2019-03-15' }), 'CONFLICT'],
  ] as const)('refuses merging %s', (_what, history, command, code) => {
    given(history).when(command).thenRefused(code);
  });

  describe('a unit is never its own successor, and a merge keeps its day (breaker8i P1, P6, P8)', () => {
    const names: Record<string, string> = { 'u-wjw': '青川市卫生和计划生育委员会', 'u-new': '青川市卫生健康委员会（新）', 'u-third': '青川市卫生健康局', 'u-b': '青川市爱卫办' };
    const nameOf = (unitId: string) => names[unitId];
    it('refuses a merge into a unit merged into it later, typed first (B→A 08-01, then A→B 07-01) or on the same day (A→B, then B→A)', () => {
      const backIntoIt = { mergedInto: 'u-wjw', name: '青川市卫生健康委员会（新）', registeredOn: '2019-03-01', mergedOn: '2019-04-01', carriedOnBy: 'u-wjw' };
      given([health]).when(merge({ successor: backIntoIt, nameOf })).thenRefused(
        'CONFLICT',
        /^青川市卫生和计划生育委员会 cannot be merged into 青川市卫生健康委员会（新）: 青川市卫生健康委员会（新） was itself merged into 青川市卫生和计划生育委员会 on 2019-04-01; 青川市卫生和计划生育委员会 would become its own successor\.$/,
        /^青川市卫生和计划生育委员会不能并入青川市卫生健康委员会（新）：青川市卫生健康委员会（新）已于 2019-04-01 并入青川市卫生和计划生育委员会，合并后青川市卫生和计划生育委员会将成为自己的承继单位。请核对两次合并的方向。$/,
      );
      given([health]).when(merge({ successor: { ...backIntoIt, mergedOn: '2019-03-15' } })).thenRefusedAt('successorUnitId');
      // Before the merge's day too: named as the circle it is, not as "merge into <the unit itself>".
      given([health]).when(merge({ successor: { ...backIntoIt, mergedOn: '2019-03-10' }, nameOf })).thenRefused('CONFLICT', /would become its own successor/);
    });
    it('refuses closing a circle of three (C→A 09-01, B→C 08-01, then A→B 07-01), naming the merge it follows', () => {
      const successor = { mergedInto: 'u-third', name: '青川市卫生健康委员会（新）', registeredOn: '2019-03-01', mergedOn: '2019-08-01', carriedOnBy: 'u-wjw' };
      given([health]).when(merge({ successor, nameOf })).thenRefused(
        'CONFLICT',
        undefined,
        /^青川市卫生和计划生育委员会不能并入青川市卫生健康委员会（新）：青川市卫生健康委员会（新）已于 2019-08-01 并入青川市卫生健康局，其工作最终回到青川市卫生和计划生育委员会，合并后青川市卫生和计划生育委员会将成为自己的承继单位。/,
      );
    });
    it('still merges into a unit merged away later into a third unit (breaker8h P3)', () => {
      const successor = { mergedInto: 'u-third', name: '某单位', registeredOn: '2019-03-01', mergedOn: '2019-06-01', carriedOnBy: 'u-third' };
      given([health]).when(merge({ successor })).then([merged]);
    });
    it('refuses a merge dated before another unit was merged into it, typed after (date order refuses that one); a later hand-over into it stays (breaker8f P4 rest)', () => {
      given([health])
        .when(merge({ predecessors: [{ unitId: 'u-b', on: '2019-03-20', merged: true }], nameOf }))
        .thenRefused(
          'CONFLICT',
          /^青川市卫生和计划生育委员会 cannot be merged into 青川市卫生健康委员会（新） on 2019-03-15: 青川市爱卫办 was merged into it on 2019-03-20, after that day/,
          /^青川市卫生和计划生育委员会不能于 2019-03-15 并入青川市卫生健康委员会（新）：青川市爱卫办已于 2019-03-20 并入青川市卫生和计划生育委员会，晚于该合并日期；单位合并后不再有其他单位并入。$/,
        );
      given([health]).when(merge({ predecessors: [{ unitId: 'u-b', on: '2019-03-16', merged: true }] })).thenRefusedAt('mergedOn');
      // A hand-over into it after the day: its parts pass on on the day taken over. On or before the merge's day: that work passed on with the merge (breaker8h P3).
      given([health]).when(merge({ predecessors: [{ unitId: 'u-b', on: '2019-03-16', merged: false }] })).then([merged]);
      given([health]).when(merge({ predecessors: [{ unitId: 'u-b', on: '2019-03-15', merged: true }, { unitId: 'u-b', on: '2019-01-01', merged: false }] })).then([merged]);
    });
    it('refuses a merge into a unit whose work comes back to it by a hand-over dated after the merge (breaker8j P1), naming the way back', () => {
      const handedBack = [{ unitId: 'u-new', successorUnitId: 'u-wjw', on: '2019-08-01', merged: false }];
      given([health]).when(merge({ returnsBy: handedBack, nameOf })).thenRefused(
        'CONFLICT',
        /^青川市卫生和计划生育委员会 cannot be merged into 青川市卫生健康委员会（新） on 2019-03-15: 青川市卫生健康委员会（新） handed its work over to 青川市卫生和计划生育委员会 on 2019-08-01; its work would come back/,
        /^青川市卫生和计划生育委员会不能于 2019-03-15 并入青川市卫生健康委员会（新）：青川市卫生健康委员会（新）于 2019-08-01 把任务移交青川市卫生和计划生育委员会，晚于该合并日期，其任务将回到已合并的青川市卫生和计划生育委员会，而单位合并后不再承担任务。请核对合并日期和移交日期。$/,
      );
      // A circle of three through one hand-over: B→C 09-01 merged, C→A 10-01 handed over.
      const throughThird = [
        { unitId: 'u-new', successorUnitId: 'u-third', on: '2019-09-01', merged: true },
        { unitId: 'u-third', successorUnitId: 'u-wjw', on: '2019-10-01', merged: false },
      ];
      given([health]).when(merge({ returnsBy: throughThird, nameOf })).thenRefused('CONFLICT', undefined, /青川市卫生健康委员会（新）于 2019-09-01 并入青川市卫生健康局，青川市卫生健康局于 2019-10-01 把任务移交青川市卫生和计划生育委员会，晚于该合并日期/);
      given([health]).when(merge({ returnsBy: handedBack })).thenRefusedAt('mergedOn');
      given([health]).when(merge({ returnsBy: undefined })).then([merged]);
    });
    it('refuses a merge sent again with another day, naming the recorded one; the same day is a retry', () => {
      given([health, merged]).when(merge({ mergedOn: '2019-04-01', nameOf })).thenRefused(
        'CONFLICT',
        undefined,
        /^青川市卫生和计划生育委员会已于 2019-03-15 并入青川市卫生健康委员会（新）；合并日期不能这样更正（再次合并并填写 2019-04-01），请使用“更正合并日期”（correctUnitMergeDate），填写原合并日期 2019-03-15、正确日期 2019-04-01 和理由。$/,
      );
      given([health, merged]).when(merge({ mergedOn: '2019-03-15' })).then([]);
    });
  });

  describe('a refusal names its input field (extensions.field), for a form to show it beside that field', () => {
    const correct = (overrides: Partial<CorrectUnitRegistration> = {}): CorrectUnitRegistration => ({
      type: 'CorrectUnitRegistration',
      actor: admin,
      today: '2026-11-29',
      registeredOn: '2016-01-01',
      reason: '单位早已存在',
      ...overrides,
    });
    it.each<[string, readonly UnitEvent[], RenameUnit | MergeUnit | CorrectUnitRegistration | RegisterUnit, string]>([
      ['a second unit with the same code', [health], register({ data: { ...health.data, unitId: 'u-2', name: '另一单位' } }), 'code'],
      ['a unit registered under a name another has', [], register({ nameTakenBy: 'CZJ2' }), 'name'],
      ['a parent unit that does not exist', [], register({ data: { ...registered.data, parentUnitId: 'u-0' }, parentExists: false }), 'parentUnitId'],
      ['a registration day in the future', [], register({ data: { ...registered.data, registeredOn: '2026-11-30' } }), 'registeredOn'],
      ['a rename to a blank name', [health], rename({ name: ' ' }), 'name'],
      ['a rename to a name another unit has', [health], rename({ nameTakenBy: 'FGW' }), 'name'],
      ['a rename without a reason', [health], rename({ reason: ' ' }), 'reason'],
      ['a rename before the unit was registered', [health], rename({ renamedOn: '2016-03-31' }), 'renamedOn'],
      ['a merge into an unknown unit', [health], merge({ successor: undefined }), 'successorUnitId'],
      ['a merge into itself', [health], merge({ successorUnitId: 'u-wjw' }), 'successorUnitId'],
      ['a merge into a unit itself merged away', [health], merge({ successor: { mergedInto: 'u-third', name: '某单位', registeredOn: '2019-03-01' } }), 'successorUnitId'],
      ['a merge without a reason', [health], merge({ reason: '' }), 'reason'],
      ['a merge before the successor was registered', [health], merge({ mergedOn: '2019-02-01' }), 'mergedOn'],
      ['a registration corrected to the day it has', [health], correct({ registeredOn: '2016-04-01' }), 'registeredOn'],
      ['a registration corrected without a reason', [health], correct({ reason: ' ' }), 'reason'],
    ])('%s', (_what, history, command, field) => {
      given(history).when(command).thenRefusedAt(field);
    });
  });

  describe('a value another administrator changed since the form read it is not silently replaced (issue 9)', () => {
    const correct = (overrides: Partial<CorrectUnitRegistration> = {}): CorrectUnitRegistration => ({
      type: 'CorrectUnitRegistration',
      actor: admin,
      today: '2026-11-29',
      registeredOn: '2016-01-01',
      reason: '单位早已存在',
      ...overrides,
    });

    it('given the unit renamed, when a second rename is sent from a form still showing the old name: CONFLICT naming who gave which name when, nothing renamed', () => {
      given([health, renamed])
        .when(rename({ name: '青川市卫健委', renamedOn: '2019-03-01', expectedName: '青川市卫生和计划生育委员会' }))
        .thenChangedMeanwhile({
          field: 'expectedName',
          types: ['UnitRenamed'],
          reason: REASON,
          zh: `单位（代码 WJW）的名称刚由张伟改为 青川市卫生健康委员会（北京时间 2026-12-07 06:28；理由：${REASON}；表单显示的是 青川市卫生和计划生育委员会）：请确认后再调整，本次未作修改。`,
        });
      // The form that showed the name in force renames; a script (no expected name) is not checked; the same name changes nothing.
      expect(given([health, renamed]).when(rename({ name: '青川市卫健委', renamedOn: '2019-03-01', expectedName: '青川市卫生健康委员会' })).decision()).toHaveLength(1);
      expect(given([health, renamed]).when(rename({ name: '青川市卫健委', renamedOn: '2019-03-01' })).decision()).toHaveLength(1);
      given([health, renamed]).when(rename({ expectedName: '青川市卫生和计划生育委员会' })).then([]);
    });

    it('given the registration day corrected, when a second correction is sent from a form still showing the old day: CONFLICT naming who set which day when', () => {
      const corrected: UnitEvent = { type: 'UnitRegistrationCorrected', data: { unitId: 'u-wjw', previousRegisteredOn: '2016-04-01', registeredOn: '2015-01-05', reason: '按三定方案', correctedOn: '2026-11-29' } };
      given([health, corrected])
        .when(correct({ expectedRegisteredOn: '2016-04-01' }))
        .thenChangedMeanwhile({
          field: 'expectedRegisteredOn',
          types: ['UnitRegistrationCorrected'],
          reason: '按三定方案',
          zh: '青川市卫生和计划生育委员会的登记日期刚由张伟改为 2015-01-05（北京时间 2026-12-07 06:28；理由：按三定方案；表单显示的是 2016-04-01）：请确认后再调整，本次未作修改。',
        });
      given([health, corrected]).when(correct({ expectedRegisteredOn: '2016-04-01' })).thenRefused('CONFLICT', /is 2015-01-05 now, not 2016-04-01 as the form showed/);
      expect(given([health, corrected]).when(correct({ expectedRegisteredOn: '2015-01-05' })).decision()).toMatchObject([{ type: 'UnitRegistrationCorrected', data: { previousRegisteredOn: '2015-01-05', registeredOn: '2016-01-01' } }]);
    });
  });

  describe('on the office day it took effect, in order with the units’ registrations', () => {
    it('a rename entered late keeps its day', () => {
      expect(given([health]).when(rename()).decision()).toEqual([renamed]);
    });

    it('a rename dated before one typed earlier takes its place by day: renamed from the name of its day; the unit keeps the latest-dated name (breaker8e P6)', () => {
      const earlier = given([health, renamed]).when(rename({ name: '青川市卫生计生委', renamedOn: '2019-01-01' })).decision();
      expect(earlier).toEqual([{ type: 'UnitRenamed', data: { ...renamed.data, previousName: '青川市卫生和计划生育委员会', name: '青川市卫生计生委', renamedOn: '2019-01-01' } }]);
      const state = fold(unitDecider, [health, renamed, ...earlier]);
      expect(state).toMatchObject({ name: '青川市卫生健康委员会', formerNames: ['青川市卫生和计划生育委员会', '青川市卫生计生委'], renamedOn: '2019-01-01' });
      // The same rename again, or to the name its day already has, changes nothing.
      expect(given([health, renamed, ...earlier]).when(rename({ name: '青川市卫生计生委', renamedOn: '2019-01-15' })).decision()).toEqual([]);
    });

    it.each<[string, readonly UnitEvent[], RenameUnit | MergeUnit, RegExp, RegExp]>([
      ['a rename in the future', [health], rename({ renamedOn: '2026-11-30' }), /^The day of the rename \(2026-11-30\) is in the future: today is 2026-11-29\.$/, /^更名日期（2026-11-30）是将来的日期/],
      [
        'a rename before the unit was registered',
        [health],
        rename({ renamedOn: '2016-03-31' }),
        /^The day 青川市卫生和计划生育委员会 was renamed \(2016-03-31\) is before the registration of 青川市卫生和计划生育委员会 \(2016-04-01\)\.$/,
        /^青川市卫生和计划生育委员会的更名日期（2016-03-31）早于青川市卫生和计划生育委员会的登记日期（2016-04-01），日期顺序不对。$/,
      ],
      ['a merge in the future', [health], merge({ mergedOn: '2026-12-01' }), /^The day of the merge \(2026-12-01\) is in the future/, /^合并日期（2026-12-01）是将来的日期/],
      [
        'a merge before the successor was registered',
        [health],
        merge({ mergedOn: '2019-02-01' }),
        /^The day 青川市卫生和计划生育委员会 was merged \(2019-02-01\) is before the registration of 青川市卫生健康委员会（新） \(2019-03-01\)\.$/,
        /^青川市卫生和计划生育委员会的合并日期（2019-02-01）早于青川市卫生健康委员会（新）的登记日期（2019-03-01），日期顺序不对。$/,
      ],
      ['a merge before the unit was registered', [health], merge({ mergedOn: '2016-01-01', successor: { mergedInto: null, name: '新单位', registeredOn: '2015-01-01' } }), /before the registration of 青川市卫生和计划生育委员会 \(2016-04-01\)/, /早于青川市卫生和计划生育委员会的登记日期/],
    ])('refuses %s, naming both days', (_what, history, command, message, messageZh) => {
      given(history).when(command).thenRefused('BAD_USER_INPUT', message, messageZh);
    });

    it('reads renames and merges written before they carried their day (v1) on the office day they were recorded', () => {
      const schemas = new EventSchemaRegistry().register(unitEventSchemas);
      const recordedAt = '2019-02-27T16:30:00.000Z';
      const { renamedOn: _r, ...renameV1 } = renamed.data as Extract<UnitEvent, { type: 'UnitRenamed' }>['data'];
      const { mergedOn: _m, ...mergeV1 } = merged.data as Extract<UnitEvent, { type: 'UnitMerged' }>['data'];
      expect(schemas.upcast({ type: 'UnitRenamed', schemaVersion: 1, data: renameV1, metadata: { recordedAt } }).data).toEqual({ ...renameV1, renamedOn: '2019-02-28' });
      expect(schemas.upcast({ type: 'UnitMerged', schemaVersion: 1, data: mergeV1, metadata: { recordedAt } }).data).toEqual({ ...mergeV1, mergedOn: '2019-02-28' });
      expect(schemas.occurredOn('UnitMerged', merged.data, recordedAt)).toBe('2019-03-15');
    });
  });
});

describe('business time', () => {
  it('refuses a registration dated after today', () => {
    const command = register({ data: { ...registered.data, registeredOn: '2026-11-30' } });
    expect(() => unitDecider.decide(command, fold(unitDecider, []))).toThrow(
      expect.objectContaining({ code: 'BAD_USER_INPUT', message: 'The registration date (2026-11-30) is in the future: today is 2026-11-29.' }) as DomainError,
    );
  });
});

describe('correcting a unit’s registration day (breaker8b N6: earlier or later, never past its earliest fact)', () => {
  const given = (events: readonly UnitEvent[]) => givenDecider(unitDecider, events);
  const correct = (overrides: Partial<CorrectUnitRegistration> = {}): CorrectUnitRegistration => ({
    type: 'CorrectUnitRegistration',
    actor: admin,
    today: '2026-11-29',
    registeredOn: '2016-07-01',
    reason: '分局7月1日成立',
    ...overrides,
  });
  const handedOverToIt = { day: '2016-07-10', what: say('a part handed over to it', '移交给该单位的任务') };

  it('moves a registration entered too early to a later day, up to the unit’s earliest fact', () => {
    expect(given([registered]).when(correct({ firstFact: handedOverToIt })).decision()).toEqual([
      { type: 'UnitRegistrationCorrected', data: { unitId: 'u-1', previousRegisteredOn: '2016-04-01', registeredOn: '2016-07-01', reason: '分局7月1日成立', correctedOn: '2026-11-29' } },
    ]);
    expect(given([registered]).when(correct({ registeredOn: '2016-07-10', firstFact: handedOverToIt })).decision()).toHaveLength(1);
    expect(given([registered]).when(correct({ registeredOn: '2026-11-29' })).decision()).toHaveLength(1);
  });

  it('refuses a day after the earliest fact, naming it and its day', () => {
    given([registered])
      .when(correct({ registeredOn: '2016-07-11', firstFact: handedOverToIt }))
      .thenRefused('BAD_USER_INPUT', /earliest fact, a part handed over to it, is of 2016-07-10/, /^青川市财政局的登记日期不能更正为 2016-07-11：其最早的记录（移交给该单位的任务）在 2016-07-10；单位的记录不能早于其登记日期。$/);
  });

  it('refuses a day after the unit’s own rename', () => {
    const renamed: UnitEvent = { type: 'UnitRenamed', data: { unitId: 'u-1', previousName: '青川市财政局', name: '青川市财政局（新）', reason: '机构改革', renamedOn: '2019-02-28' } };
    given([registered, renamed]).when(correct({ registeredOn: '2019-03-01' })).thenRefused('BAD_USER_INPUT', /earliest fact, the rename of 青川市财政局 to 青川市财政局（新）, is of 2019-02-28/);
  });

  it('refuses a day after the first of two renames, naming that rename by the names of its day, not today’s (breaker8u P13)', () => {
    const first: UnitEvent = { type: 'UnitRenamed', data: { unitId: 'u-1', previousName: '青川市财政局', name: '青川市财政局（二名）', reason: '机构改革', renamedOn: '2016-06-20' } };
    const second: UnitEvent = { type: 'UnitRenamed', data: { unitId: 'u-1', previousName: '青川市财政局（二名）', name: '青川市财政局（三名）', reason: '机构改革', renamedOn: '2020-01-01' } };
    for (const typed of [[registered, first, second], [registered, second, first]]) {
      given(typed)
        .when(correct({ registeredOn: '2016-07-01' }))
        .thenRefused(
          'BAD_USER_INPUT',
          /earliest fact, the rename of 青川市财政局 to 青川市财政局（二名）, is of 2016-06-20/,
          /^青川市财政局（三名）的登记日期不能更正为 2016-07-01：其最早的记录（青川市财政局更名为青川市财政局（二名））在 2016-06-20；单位的记录不能早于其登记日期。$/,
        );
    }
  });

  it('still corrects to an earlier day, and refuses the future', () => {
    expect(given([registered]).when(correct({ registeredOn: '2015-01-01', firstFact: handedOverToIt })).decision()).toHaveLength(1);
    given([registered]).when(correct({ registeredOn: '2026-11-30' })).thenRefused('BAD_USER_INPUT', /in the future/);
  });
});

describe('a hand-over without a merge is recorded in the directory (breaker8b N1: a part that comes back later passes)', () => {
  const given = (events: readonly UnitEvent[]) => givenDecider(unitDecider, events);
  const handOver = (overrides: Partial<HandOverUnitWork> = {}): HandOverUnitWork => ({
    type: 'HandOverUnitWork',
    actor: admin,
    today: '2026-11-29',
    handedOverOn: '2016-07-10',
    successorUnitId: 'u-2',
    reason: '环评职能划转',
    successor: { name: '青川县生态环境分局', registeredOn: '2016-07-01' },
    ...overrides,
  });
  const recorded: UnitEvent = { type: 'UnitWorkHandedOver', data: { unitId: 'u-1', successorUnitId: 'u-2', reason: '环评职能划转', handedOverOn: '2016-07-10' } };

  it('records the hand-over once: the same one sent again records nothing', () => {
    expect(given([registered]).when(handOver()).decision()).toEqual([recorded]);
    expect(given([registered, recorded]).when(handOver()).decision()).toEqual([]);
  });

  it.each<[string, HandOverUnitWork, string]>([
    ['by a supervisor', handOver({ actor: supervisor }), 'FORBIDDEN'],
    ['to an unknown unit', handOver({ successor: undefined }), 'NOT_FOUND'],
    ['to itself', handOver({ successorUnitId: 'u-1' }), 'BAD_USER_INPUT'],
    ['before the successor was registered', handOver({ handedOverOn: '2016-06-30' }), 'BAD_USER_INPUT'],
    ['in the future', handOver({ handedOverOn: '2026-11-30' }), 'BAD_USER_INPUT'],
    ['to a unit merged away before its day', handOver({ successor: { name: '青川县生态环境分局', registeredOn: '2016-07-01', mergedInto: 'u-3', mergedOn: '2016-07-05' } }), 'CONFLICT'],
  ])('refuses one %s', (_what, command, code) => {
    given([registered]).when(command).thenRefused(code as ErrorCode);
  });

  it('by a unit merged away before its day: refused naming the merge (breaker8j P9: a merged unit hands nothing over); on the merge’s day: recorded', () => {
    const mergedAway: UnitEvent = { type: 'UnitMerged', data: { unitId: 'u-1', successorUnitId: 'u-3', reason: '机构改革', mergedOn: '2016-07-05' } };
    const nameOf = (unitId: string) => ({ 'u-3': '青川市生态环境局' })[unitId];
    given([registered, mergedAway])
      .when(handOver({ nameOf }))
      .thenRefused('CONFLICT', /^青川市财政局 was merged into 青川市生态环境局 on 2016-07-05, before 2016-07-10; a unit merged away hands nothing over/, /^青川市财政局已于 2016-07-05 并入青川市生态环境局（早于 2016-07-10），合并后不能再移交任务，其任务已由承继单位承担。$/);
    given([registered, mergedAway]).when(handOver()).thenRefusedAt('handedOverOn');
    expect(given([registered, mergedAway]).when(handOver({ handedOverOn: '2016-07-05' })).decision()).toEqual([{ ...recorded, data: { ...recorded.data, handedOverOn: '2016-07-05' } }]);
  });

  it('to a unit merged away on or after its day: recorded (its merge passes the work on); before it: refused naming the unit to pick (breaker8h P3, P11)', () => {
    const merged = { name: '青川县生态环境分局', registeredOn: '2016-07-01', mergedInto: 'u-3', mergedOn: '2016-07-10' };
    expect(given([registered]).when(handOver({ successor: merged })).decision()).toEqual([recorded]);
    const nameOf = (unitId: string) => ({ 'u-3': '青川市生态环境局', 'u-4': '青川市生态环境委员会' })[unitId];
    given([registered])
      .when(handOver({ successor: { ...merged, mergedOn: '2016-07-09', carriedOnBy: 'u-4' }, nameOf }))
      .thenRefused('CONFLICT', undefined, /^承继单位青川县生态环境分局已于 2016-07-09 并入青川市生态环境局（早于 2016-07-10），不再承担新的工作；请移交给青川市生态环境委员会。$/);
  });
});

// newcomer57-10 S1: the office's 简称 and 曾用名 from before the directory knew the unit, recorded without a day.
describe('a unit’s short and earlier names', () => {
  const record = (names: RecordUnitOtherNames['names'], overrides: Partial<RecordUnitOtherNames> = {}): RecordUnitOtherNames => ({
    type: 'RecordUnitOtherNames',
    actor: admin,
    today: '2026-12-08',
    names,
    source: '单位名录-v1.xlsx',
    ...overrides,
  });
  const recorded = { type: 'UnitOtherNamesRecorded' as const, data: { unitId: 'u-1', names: [{ name: '市财政局', kind: 'SHORT_NAME' as const }, { name: '青川市财政处', kind: 'EARLIER_NAME' as const }], source: '单位名录-v1.xlsx', recordedOn: '2026-12-08' } };

  it('given a registered unit, when its 简称 and 曾用名 are recorded, then they are, once each', () => {
    const names = [{ name: ' 市财政局 ', kind: 'SHORT_NAME' as const }, { name: '青川市财政处', kind: 'EARLIER_NAME' as const }, { name: '市财政局', kind: 'SHORT_NAME' as const }];
    expect(unitDecider.decide(record(names), fold(unitDecider, [registered]))).toEqual([recorded]);
  });

  it('given them recorded, when recorded again (the same file imported again), then nothing is; nor is the unit’s own name', () => {
    const state = fold(unitDecider, [registered, recorded]);
    expect(unitDecider.decide(record([...recorded.data.names, { name: '青川市财政局', kind: 'EARLIER_NAME' }]), state)).toEqual([]);
  });

  it('given another unit answers to a name, when it is recorded for this one, then CONFLICT naming both units', () => {
    const holders = new Map([['市卫计委', { unitId: 'u-2', code: 'WJW', unitName: '青川市卫生健康委员会', as: 'SHORT_NAME' as const }]]);
    expect(() => unitDecider.decide(record([{ name: '市卫计委', kind: 'EARLIER_NAME' }], { holders }), fold(unitDecider, [registered]))).toThrow(
      expect.objectContaining({
        code: 'CONFLICT',
        messageZh: '“市卫计委”不能登记为青川市财政局（编码 CZJ）的曾用名：它已是青川市卫生健康委员会（编码 WJW）的简称，文件中写“市卫计委”的均按青川市卫生健康委员会读取。如是误登记在该单位名下，请先在该单位删去后再登记。',
      }) as DomainError,
    );
  });

  it('refuses a supervisor, and a unit not registered', () => {
    expect(() => unitDecider.decide(record(recorded.data.names, { actor: supervisor }), fold(unitDecider, [registered]))).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }) as DomainError);
    expect(() => unitDecider.decide(record(recorded.data.names), fold(unitDecider, []))).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }) as DomainError);
  });

  it('given one recorded wrongly, when removed, then it is gone; removed again, or a rename’s former name, is refused', () => {
    const state = fold(unitDecider, [registered, recorded]);
    const remove = (name: string): RemoveUnitOtherName => ({ type: 'RemoveUnitOtherName', actor: admin, today: '2026-12-09', name });
    const removed = unitDecider.decide(remove('市财政局'), state);
    expect(removed).toEqual([{ type: 'UnitOtherNameRemoved', data: { unitId: 'u-1', name: '市财政局', kind: 'SHORT_NAME', removedOn: '2026-12-09' } }]);
    const after = fold(unitDecider, [registered, recorded, ...removed]);
    expect(() => unitDecider.decide(remove('市财政局'), after)).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT', messageZh: '“市财政局”不是青川市财政局已登记的简称或曾用名（可能已被删除）。' }) as DomainError);
    const renamed = fold(unitDecider, [registered, { type: 'UnitRenamed', data: { unitId: 'u-1', previousName: '青川市财政局', name: '青川市财政厅', reason: '机构改革', renamedOn: '2020-01-01' } }]);
    expect(() => unitDecider.decide(remove('青川市财政局'), renamed)).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT' }) as DomainError);
  });
});

// breaker57-10 S1: no command could change a unit's kind or parent, and a re-sent 单位名录 changing them was dropped without a word —
// while 市直各部门 / 各区县政府 / 各科室 expand by them.
describe('changing a unit’s kind and parent from a day (breaker57-10 S1)', () => {
  const school: UnitRegistered = { type: 'UnitRegistered', data: { unitId: 'u-sch', code: 'SCH0001', name: '青川市东湖区第一小学', kind: 'OTHER', parentUnitId: 'u-dh', registeredOn: '2026-09-24' } };
  const xishan = { code: 'XISHAN', name: '西山县人民政府', registeredOn: '2026-09-24', mergedInto: null, ancestors: [] };
  const change = (overrides: Partial<ChangeUnitKindAndParent> = {}): ChangeUnitKindAndParent => ({
    type: 'ChangeUnitKindAndParent',
    actor: admin,
    today: '2026-12-05',
    changedOn: '2026-12-01',
    kind: 'DEPARTMENT',
    parentUnitId: 'u-xs',
    reason: '青政办〔2026〕9号：划归西山县管理',
    parent: xishan,
    nameOf: (id) => ({ 'u-dh': '青川市东湖区人民政府', 'u-xs': '西山县人民政府' })[id],
    ...overrides,
  });
  const changed = { type: 'UnitKindAndParentChanged', data: { unitId: 'u-sch', previousKind: 'OTHER', previousParentUnitId: 'u-dh', kind: 'DEPARTMENT', parentUnitId: 'u-xs', reason: '青政办〔2026〕9号：划归西山县管理', changedOn: '2026-12-01' } } as const;

  it('given a registered unit, when an administrator changes its kind and parent from a day, then UnitKindAndParentChanged says old and new', () => {
    givenDecider(unitDecider, [school]).when(change()).then([changed]);
  });

  it('given the change recorded, when it is sent again, then nothing more is recorded; a change back of a later day is recorded', () => {
    givenDecider(unitDecider, [school, changed]).when(change()).then([]);
    givenDecider(unitDecider, [school, changed]).when(change({ changedOn: '2026-12-03', kind: 'OTHER', parentUnitId: 'u-dh', parent: { ...xishan, code: 'DONGHU', name: '青川市东湖区人民政府' } })).then([
      { type: 'UnitKindAndParentChanged', data: { unitId: 'u-sch', previousKind: 'DEPARTMENT', previousParentUnitId: 'u-xs', kind: 'OTHER', parentUnitId: 'u-dh', reason: '青政办〔2026〕9号：划归西山县管理', changedOn: '2026-12-03' } },
    ]);
  });

  it('given the unit, when it is made its own parent or put under a unit below it, then BAD_USER_INPUT in Chinese names the circle', () => {
    const state = fold(unitDecider, [school]);
    expect(() => unitDecider.decide(change({ parentUnitId: 'u-sch' }), state)).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT', messageZh: '单位不能是自己的上级单位（青川市东湖区第一小学）。' }) as DomainError);
    const below = { ...xishan, code: 'SCH-A', name: '第一小学教务处', ancestors: ['u-sch', 'u-dh'] };
    expect(() => unitDecider.decide(change({ parentUnitId: 'u-below', parent: below }), state)).toThrow(
      expect.objectContaining({ code: 'BAD_USER_INPUT', messageZh: '第一小学教务处是青川市东湖区第一小学的下级单位：将其作为青川市东湖区第一小学的上级，单位隶属关系将循环。请先调整第一小学教务处的上级，或选择其他上级单位。' }) as DomainError,
    );
  });

  it('given the unit, when the parent is not in the directory, then NOT_FOUND in Chinese on parentUnitId', () => {
    const { parent: _none, ...withoutParent } = change();
    expect(() => unitDecider.decide(withoutParent, fold(unitDecider, [school]))).toThrow(expect.objectContaining({ code: 'NOT_FOUND', messageZh: expect.stringContaining('所选的上级单位不在单位名录中'), details: { field: 'parentUnitId' } }) as DomainError);
  });

  it('given the unit, when a supervisor asks, or without a reason, or dated before its registration or in the future, then it is refused', () => {
    const state = fold(unitDecider, [school]);
    expect(() => unitDecider.decide(change({ actor: supervisor }), state)).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }) as DomainError);
    expect(() => unitDecider.decide(change({ reason: ' ' }), state)).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT', messageZh: '调整类型或上级单位须说明理由（如机构改革文件、名录更正）。' }) as DomainError);
    expect(() => unitDecider.decide(change({ changedOn: '2026-09-01' }), state)).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT' }) as DomainError);
    expect(() => unitDecider.decide(change({ changedOn: '2026-12-06' }), state)).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT' }) as DomainError);
  });

  it('given the kind and parent changed meanwhile, when the form sends what it showed, then CONFLICT naming both, nothing recorded', () => {
    expect(() => unitDecider.decide(change({ expected: { kind: 'OTHER', parentUnitId: 'u-dh' }, kind: 'COUNTY_OR_DISTRICT', parentUnitId: null }), fold(unitDecider, [school, changed]))).toThrow(
      expect.objectContaining({ code: 'CONFLICT', messageZh: expect.stringContaining('青川市东湖区第一小学的类型和上级单位现为 部门，上级 西山县人民政府，不是表单显示的 其他，上级 青川市东湖区人民政府') }) as DomainError,
    );
  });

  it('reads the event with its schema at version 1, dated by changedOn', () => {
    expect(unitEventSchemas.UnitKindAndParentChanged).toEqual({ version: 1, occurredOn: 'changedOn' });
  });
});
