import { DomainError, notFound } from '../../shared/domain-error.js';
import { Decider, unreachable } from '../../shared/decider.js';
import { FindingEvent, FindingRecorded } from './finding.events.js';

export interface RecordFinding {
  readonly type: 'RecordFinding';
  readonly data: FindingRecorded['data'];
  /** Facts the handler looked up in other streams and directories. */
  readonly evaluationExists: boolean;
  readonly unknownUnitIds: readonly string[];
}

export type FindingCommand = RecordFinding;

export type FindingState =
  | { readonly status: 'unrecorded' }
  | { readonly status: 'open'; readonly findingId: string; readonly evaluationId: string };

export const findingDecider: Decider<FindingCommand, FindingState, FindingEvent> = {
  initialState: () => ({ status: 'unrecorded' }),

  evolve(state, event) {
    switch (event.type) {
      case 'FindingRecorded':
        return { status: 'open', findingId: event.data.findingId, evaluationId: event.data.evaluationId };
      default:
        return unreachable(event.type);
    }
  },

  decide(command, state) {
    switch (command.type) {
      case 'RecordFinding': {
        if (state.status !== 'unrecorded') {
          throw new DomainError('CONFLICT', `Finding ${state.findingId} is already recorded.`);
        }
        if (!command.evaluationExists) throw notFound('Evaluation', command.data.evaluationId);
        if (command.unknownUnitIds.length > 0) {
          throw notFound('Unit', command.unknownUnitIds.join(', '));
        }
        return [{ type: 'FindingRecorded', data: command.data }];
      }
      default:
        return unreachable(command.type);
    }
  },
};
