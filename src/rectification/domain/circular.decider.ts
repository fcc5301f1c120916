import { requireCalendarDate, requireRole, requireText } from '../../shared/guards.js';
import { isAfter } from '../../shared/calendar-date.js';
import type { Actor } from '../../shared/command-context.js';
import { Decider, unreachable } from '../../shared/decider.js';
import { DomainError, badInput, conflict, notFound } from '../../shared/domain-error.js';
import type { CircularEvent, CircularIssued, CircularKind, CircularReference } from './circular.events.js';

export interface IssueCircular extends Readonly<CircularIssued['data']> {
  readonly type: 'IssueCircular';
  readonly actor: Actor;
  /** The office's calendar day, `officeDate(now)`: a circular cannot be dated in the future. */
  readonly today: string;
  /** Facts the handler looked up in the units directory and in the referenced streams. */
  readonly unitExists: boolean;
  readonly unknownReferences: readonly CircularReference[];
}

export type CircularCommand = IssueCircular;

export type CircularState =
  | { readonly status: 'unissued' }
  | {
      readonly status: 'issued';
      readonly circularId: string;
      readonly unitId: string;
      readonly kind: CircularKind;
      readonly issuedOn: string;
    };

export const circularDecider: Decider<CircularCommand, CircularState, CircularEvent> = {
  initialState: () => ({ status: 'unissued' }),

  evolve(_state, event) {
    switch (event.type) {
      case 'CircularIssued': {
        const { circularId, unitId, kind, issuedOn } = event.data;
        return { status: 'issued', circularId, unitId, kind, issuedOn };
      }
      default:
        return unreachable(event.type);
    }
  },

  decide(command, state) {
    switch (command.type) {
      case 'IssueCircular':
        return issueCircular(command, state);
      default:
        return unreachable(command.type);
    }
  },
};

function issueCircular(command: IssueCircular, state: CircularState): CircularEvent[] {
  const { circularId, unitId, kind, title, reason, references, issuedOn } = command;
  requireRole(command.actor, ['SUPERVISOR'], 'issue circulars');
  if (!command.unitExists) throw notFound('Unit', unitId);
  if (command.unknownReferences.length > 0) {
    const unknown = command.unknownReferences.map((reference) => `${reference.kind} ${reference.id}`).join(', ');
    throw new DomainError('NOT_FOUND', `Referenced ${unknown} does not exist.`);
  }
  if (state.status === 'issued') throw conflict(`Circular ${state.circularId} was already issued on ${state.issuedOn}.`);
  requireText(title, 'The title of the circular');
  // A commendation or a criticism is only fair, and only useful to other units, with its grounds.
  requireText(reason, 'The reason for the circular');
  requireCalendarDate(issuedOn, 'The issue date');
  if (isAfter(issuedOn, command.today)) throw badInput(`The issue date ${issuedOn} is in the future.`);
  const cited = new Set<string>();
  for (const reference of references) {
    const key = `${reference.kind} ${reference.id}`;
    if (cited.has(key)) throw badInput(`${key} is referenced twice.`);
    cited.add(key);
  }
  return [{ type: 'CircularIssued', data: { circularId, unitId, kind, title, reason, references, issuedOn } }];
}
