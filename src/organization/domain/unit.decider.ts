import { conflict, notFound } from '../../shared/domain-error.js';
import { Decider, unreachable } from '../../shared/decider.js';
import { UnitEvent, UnitRegistered } from './unit.events.js';

export interface RegisterUnit {
  readonly type: 'RegisterUnit';
  readonly data: UnitRegistered['data'];
  readonly parentExists: boolean;
  /** The code of another unit that already has this name, looked up by the handler. */
  readonly nameTakenBy: string | null;
}

export type UnitCommand = RegisterUnit;

export type UnitState =
  | { readonly status: 'unregistered' }
  | { readonly status: 'registered'; readonly unitId: string; readonly code: string; readonly name: string };

/** A unit's id is derived from its code, so two units can never share a code. */
export const unitDecider: Decider<UnitCommand, UnitState, UnitEvent> = {
  initialState: () => ({ status: 'unregistered' }),

  evolve(state, event) {
    switch (event.type) {
      case 'UnitRegistered':
        return { status: 'registered', unitId: event.data.unitId, code: event.data.code, name: event.data.name };
      default:
        return unreachable(event.type);
    }
  },

  decide(command, state) {
    switch (command.type) {
      case 'RegisterUnit':
        if (state.status === 'registered') {
          throw conflict(`A unit with code ${state.code} is already registered (${state.name}).`, `代码为 ${state.code} 的单位已经登记（${state.name}）。`);
        }
        // Plans and findings name their units: two units of one name would make those names ambiguous.
        if (command.nameTakenBy) {
          throw conflict(`The name ${command.data.name} already belongs to unit ${command.nameTakenBy}; unit names must be unique.`, `名称“${command.data.name}”已属于单位 ${command.nameTakenBy}，单位名称不能重复。`);
        }
        if (command.data.parentUnitId && !command.parentExists) throw notFound('Parent unit', command.data.parentUnitId);
        return [{ type: 'UnitRegistered', data: command.data }];
      default:
        return unreachable(command.type);
    }
  },
};
