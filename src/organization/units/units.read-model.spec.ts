import type { RecordedEvent } from '../../event-sourcing/recorded-event.js';
import { UnitsReadModel } from './units.read-model.js';
import { fold } from '../../shared/decider.js';
import type { DomainError } from '../../shared/domain-error.js';
import { unitDecider, type RegisterUnit } from '../domain/unit.decider.js';

/*
 * breaker8c P17: hand-overs recorded before the directory kept them (UnitWorkHandedOver) left only
 * the parts they passed (PartHandedOver) in the log. The directory reads them as hand-overs of the
 * unit's work, so facts entered since (an assignment dated before, a reopening) are judged against
 * them as against one recorded today; a merge's passing is not a hand-over.
 */

let position = 0;
const event = (type: string, data: Record<string, unknown>, occurredOn: string, streamId = 'unit-x'): RecordedEvent => {
  position += 1;
  return {
    id: `event-${position}`,
    streamId,
    revision: position,
    position: { commit: BigInt(position), prepare: BigInt(position) },
    type,
    data,
    occurredOn,
    metadata: { recordedAt: '2026-11-30T02:00:00.000Z', actorId: 'admin', actorRole: 'ADMIN', actorUnitId: null },
  } as unknown as RecordedEvent;
};
const registered = (unitId: string, name: string) =>
  event('UnitRegistered', { unitId, code: unitId, name, kind: 'DEPARTMENT', parentUnitId: null, registeredOn: '2016-01-04' }, '2016-01-04', `unit-${unitId}`);
const partPassed = (unitId: string, successorUnitId: string, on: string) =>
  event('PartHandedOver', { unitId, successorUnitId, reason: '职能划转', handedOverOn: on }, on, 'finding-f1');

function directory(...events: RecordedEvent[]): UnitsReadModel {
  const units = new UnitsReadModel();
  for (const one of [registered('hbj', '青川县环境保护局'), registered('fj', '青川县生态环境分局'), registered('wj', '青川县物价局'), registered('fgj', '青川县发展和改革局'), ...events]) units.apply(one);
  return units;
}

describe('the directory’s hand-overs (breaker8c P17)', () => {
  it('takes in a hand-over recorded only by the parts it passed, on its day', () => {
    expect(directory(partPassed('hbj', 'fj', '2016-07-10'), partPassed('hbj', 'fj', '2016-07-10')).handOversOf('hbj')).toEqual([{ successorUnitId: 'fj', on: '2016-07-10' }]);
  });

  it('keeps one hand-over when the directory records it too, in either order', () => {
    const recorded = event('UnitWorkHandedOver', { unitId: 'hbj', successorUnitId: 'fj', reason: '职能划转', handedOverOn: '2016-07-10' }, '2016-07-10', 'unit-hbj');
    expect(directory(partPassed('hbj', 'fj', '2016-07-10'), recorded).handOversOf('hbj')).toEqual([{ successorUnitId: 'fj', on: '2016-07-10' }]);
    expect(directory(recorded, partPassed('hbj', 'fj', '2016-07-10')).handOversOf('hbj')).toEqual([{ successorUnitId: 'fj', on: '2016-07-10' }]);
  });

  it('adds nothing for a part passing after a hand-over it knows (a part that came back later)', () => {
    expect(directory(partPassed('hbj', 'fj', '2016-07-10'), partPassed('hbj', 'fj', '2016-07-15')).handOversOf('hbj')).toEqual([{ successorUnitId: 'fj', on: '2016-07-10' }]);
  });

  it('reads a merge’s passing as the merge, not a hand-over', () => {
    const merged = event('UnitMerged', { unitId: 'wj', successorUnitId: 'fgj', reason: '机构改革', mergedOn: '2016-07-10' }, '2016-07-10', 'unit-wj');
    const units = directory(merged, partPassed('wj', 'fgj', '2016-07-10'));
    expect(units.handOversOf('wj')).toEqual([]);
    expect(units.mergerOf('wj')).toEqual({ successorUnitId: 'fgj', mergedOn: '2016-07-10' });
  });

  it('reads a part handed over alone (a split of duties, newcomer53-10 S1) as no hand-over of the unit’s work: its other parts stay its own', () => {
    const alone = event('PartHandedOver', { unitId: 'hbj', successorUnitId: 'fj', reason: '职能划转', handedOverOn: '2016-07-10', partOnly: true }, '2016-07-10', 'finding-f1');
    const units = directory(alone);
    expect(units.handOversOf('hbj')).toEqual([]);
    expect(units.predecessorsOf('fj')).toEqual([]);
    expect(units.firstFactOf('fj')).toMatchObject({ day: '2016-07-10' });
  });
});

describe('where a unit’s work goes on from a day (breaker8j P1: a merge closing a circle through a hand-over)', () => {
  const merge = (unitId: string, successorUnitId: string, on: string) => event('UnitMerged', { unitId, successorUnitId, reason: '机构改革', mergedOn: on }, on, `unit-${unitId}`);
  const handOver = (unitId: string, successorUnitId: string, on: string) =>
    event('UnitWorkHandedOver', { unitId, successorUnitId, reason: '职能调整', handedOverOn: on }, on, `unit-${unitId}`);

  it('follows a hand-over dated after the day back to the unit, and names it', () => {
    expect(directory(handOver('fj', 'hbj', '2016-08-01')).workPathTo('fj', 'hbj', '2016-07-01')).toEqual([{ unitId: 'fj', successorUnitId: 'hbj', on: '2016-08-01', merged: false }]);
  });
  it('passes nothing by a hand-over dated on or before the day (the work came after it)', () => {
    expect(directory(handOver('fj', 'hbj', '2016-07-01')).workPathTo('fj', 'hbj', '2016-07-01')).toBeUndefined();
    expect(directory(handOver('fj', 'hbj', '2016-05-01')).workPathTo('fj', 'hbj', '2016-07-01')).toBeUndefined();
  });
  it('follows merges on or after the day and a hand-over after them: a circle of three', () => {
    expect(directory(merge('fj', 'wj', '2016-09-01'), handOver('wj', 'hbj', '2016-10-01')).workPathTo('fj', 'hbj', '2016-07-01')).toEqual([
      { unitId: 'fj', successorUnitId: 'wj', on: '2016-09-01', merged: true },
      { unitId: 'wj', successorUnitId: 'hbj', on: '2016-10-01', merged: false },
    ]);
  });
  it('passes work reaching a unit merged away on through its merge, on the day it arrives', () => {
    expect(directory(handOver('fj', 'wj', '2016-08-01'), merge('wj', 'hbj', '2016-06-01')).workPathTo('fj', 'hbj', '2016-07-01')).toEqual([
      { unitId: 'fj', successorUnitId: 'wj', on: '2016-08-01', merged: false },
      { unitId: 'wj', successorUnitId: 'hbj', on: '2016-08-01', merged: true },
    ]);
  });
  it('ends on a hand-over swap that never reaches the unit', () => {
    expect(directory(handOver('fj', 'wj', '2016-08-01'), handOver('wj', 'fj', '2016-09-01')).workPathTo('fj', 'hbj', '2016-07-01')).toBeUndefined();
  });
});

describe('the directory listed by pinyin', () => {
  it('given a listing, when a unit is registered or renamed, then the next listing has it in its place', () => {
    const units = directory();
    expect(units.list().map((unit) => unit.name)).toEqual(['青川县发展和改革局', '青川县环境保护局', '青川县生态环境分局', '青川县物价局']);
    units.apply(registered('ajj', '安居区教育局'));
    units.apply(event('UnitRenamed', { unitId: 'wj', name: '青川县市场监督管理局' }, '2019-03-01', 'unit-wj'));
    expect(units.list().map((unit) => unit.name)).toEqual(['安居区教育局', '青川县发展和改革局', '青川县环境保护局', '青川县生态环境分局', '青川县市场监督管理局']);
  });
});

describe('a unit registered on the day first entered, its registration corrected to a past day, then renamed in the past (breaker8u P5)', () => {
  const corrected = (unitId: string, registeredOn: string) =>
    event('UnitRegistrationCorrected', { unitId, registeredOn, previousRegisteredOn: '2016-01-04', reason: '按成立文件更正' }, registeredOn, `unit-${unitId}`);
  const renamed = (unitId: string, name: string, on: string) => event('UnitRenamed', { unitId, name }, on, `unit-${unitId}`);
  const enteredToday = (unitId: string, name: string) =>
    event('UnitRegistered', { unitId, code: unitId, name, kind: 'DEPARTMENT', parentUnitId: null, registeredOn: '2026-12-05' }, '2026-12-05', `unit-${unitId}`);

  it('is called by the new name now and by the registered name before the rename, as one registered on the past day from the start', () => {
    const units = new UnitsReadModel();
    for (const one of [enteredToday('wjw', '青川市卫生和计划生育委员会'), corrected('wjw', '2016-01-04'), renamed('wjw', '青川市卫生健康委员会', '2016-06-20')]) units.apply(one);
    const control = directory(registered('wjw2', '青川市卫生和计划生育委员会'), renamed('wjw2', '青川市卫生健康委员会', '2016-06-20'));
    for (const [directoryOf, id] of [[units, 'wjw'], [control, 'wjw2']] as const) {
      expect(directoryOf.get(id)).toMatchObject({ name: '青川市卫生健康委员会', formerNames: ['青川市卫生和计划生育委员会'] });
      expect(directoryOf.nameOn(id, '2016-06-16')).toBe('青川市卫生和计划生育委员会');
      expect(directoryOf.nameOn(id, '2016-06-20')).toBe('青川市卫生健康委员会');
    }
  });
});

describe('a former name asked for by a new unit (breaker48-10 M3)', () => {
  const renamed = event('UnitRenamed', { unitId: 'wjw', name: '青川市卫生健康委员会' }, '2019-01-10', 'unit-wjw');

  it('is refused saying whose former name it is, and why it stays that unit’s', () => {
    const units = directory(registered('wjw', '青川市卫生和计划生育委员会'), renamed);
    const holder = units.nameHolderOf('青川市卫生和计划生育委员会');
    expect(holder).toEqual({ nameTakenBy: 'wjw', nameHolder: { name: '青川市卫生健康委员会', former: true } });
    const command: RegisterUnit = {
      type: 'RegisterUnit',
      today: '2026-12-06',
      data: { unitId: 'new', code: 'NEW', name: '青川市卫生和计划生育委员会', kind: 'DEPARTMENT', parentUnitId: null, registeredOn: '2026-12-06' },
      parentExists: true,
      ...holder,
    };
    expect(() => unitDecider.decide(command, fold(unitDecider, []))).toThrow(
      expect.objectContaining({
        code: 'CONFLICT',
        message: "The name 青川市卫生和计划生育委员会 is the former name of 青川市卫生健康委员会 (code wjw), from before its rename: files that name it are read as 青川市卫生健康委员会, so it cannot be another unit's name. Register the new unit under its own official name.",
        messageZh: '“青川市卫生和计划生育委员会”是 青川市卫生健康委员会（编码 wjw）的原名称（更名前的名称）：文件中写“青川市卫生和计划生育委员会”的，均按 青川市卫生健康委员会 读取，因此不能再作为另一个单位的名称。请用新单位自己的正式名称登记。',
      }) as DomainError,
    );
  });

  it('the current name is said as before, and a name no unit has or had is free', () => {
    const units = directory(registered('wjw', '青川市卫生和计划生育委员会'), renamed);
    expect(units.nameHolderOf('青川市卫生健康委员会')).toEqual({ nameTakenBy: 'wjw', nameHolder: { name: '青川市卫生健康委员会', former: false } });
    expect(units.nameHolderOf('青川市应急管理局')).toEqual({ nameTakenBy: null });
  });
});
