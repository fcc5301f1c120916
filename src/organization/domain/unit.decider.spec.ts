import { DomainError } from '../../shared/domain-error.js';
import { fold } from '../../shared/decider.js';
import { RegisterUnit, unitDecider } from './unit.decider.js';
import { UnitRegistered } from './unit.events.js';

const registered: UnitRegistered = {
  type: 'UnitRegistered',
  data: { unitId: 'u-1', code: 'CZJ', name: '青川市财政局', kind: 'DEPARTMENT', parentUnitId: null },
};
const register = (overrides: Partial<RegisterUnit> = {}): RegisterUnit => ({
  type: 'RegisterUnit',
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

describe('a registered unit', () => {
  it('refuses a second unit with the same code', () => {
    expect(() => unitDecider.decide(register(), fold(unitDecider, [registered]))).toThrow(/CZJ is already registered/);
  });
});
