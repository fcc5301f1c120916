import { fold, type Decider, type DomainEvent } from '../decider.js';
import { ChangedMeanwhile, DomainError, type ErrorCode } from '../domain-error.js';
import { GENERIC_CHINESE } from '../graphql/chinese-errors.js';

/*
 * given / when / then for deciders, for specs only (it uses Jest's `expect`; the production build
 * leaves `testing/` folders out):
 *
 *   given(circularDecider, [issued]).when(issue()).thenRefused('CONFLICT');
 *
 * A decide that takes more than the command and the state, such as `decideAssignment(command,
 * state, context)`, is passed as the third argument, closed over what else it needs.
 */

/** What a spec needs of a decider to replay a history: its start and how events move it. */
export type Replayable<State, Event extends DomainEvent> = Pick<Decider<unknown, State, Event>, 'initialState' | 'evolve'>;

export type DecideFunction<Command, State, Event extends DomainEvent> = (command: Command, state: State) => readonly Event[];

export interface Given<Command, Event extends DomainEvent> {
  when(command: Command): When<Event>;
}

export interface When<Event extends DomainEvent> {
  /** The events decided, for a spec that checks less or more than their exact list. */
  decision(): readonly Event[];
  /** Decides exactly these events, in this order. */
  then(expected: readonly Event[]): void;
  /**
   * Refuses with a DomainError of this code whose message matches (by default: says something),
   * with a Chinese message (matching `messageZh` when given).
   */
  thenRefused(code: ErrorCode, message?: RegExp, messageZh?: RegExp): void;
  /** Refuses with a DomainError naming this input field (`extensions.field`), for a form to show it beside that field. */
  thenRefusedAt(field: string): void;
  /**
   * Refuses as a value changed since the form read it (ChangedMeanwhile, CONFLICT on `field`): the write path finds the newest
   * event of `types` (about `unitId` when given) and words it — here as if 张伟 made it at 2026-12-07 06:28 China time, giving
   * `reason` — as `zh` says (the whole text, or a pattern it matches) (the one wording rule of such races, issue 9).
   */
  thenChangedMeanwhile(expected: { readonly field: string; readonly types: readonly string[]; readonly unitId?: string; readonly reason?: string; readonly zh: string | RegExp }): void;
}

/** The decider decides on the state its events leave behind. */
export function given<Command, State, Event extends DomainEvent>(
  decider: Decider<Command, State, Event>,
  events: readonly Event[],
): Given<Command, Event>;
/** The history is replayed with the decider's evolve, and `decide` decides on the result. */
export function given<Command, State, Event extends DomainEvent>(
  decider: Replayable<State, Event>,
  events: readonly Event[],
  decide: DecideFunction<Command, State, Event>,
): Given<Command, Event>;
export function given<Command, State, Event extends DomainEvent>(
  decider: Replayable<State, Event> & { decide?: DecideFunction<Command, State, Event> },
  events: readonly Event[],
  decide?: DecideFunction<Command, State, Event>,
): Given<Command, Event> {
  const decideOn = decide ?? decider.decide?.bind(decider);
  if (!decideOn) throw new Error('given(): pass the decide function of a decider that has none.');
  return {
    when(command) {
      const decision = () => decideOn(command, fold(decider, events));
      return {
        decision,
        then(expected) {
          expect(decision()).toEqual(expected);
        },
        thenRefused(code, message = /\w/, messageZh = /[\u4e00-\u9fff]/) {
          const refusal = refusalOf(decision);
          // Every refusal says it in Chinese too (issue 11).
          expect(refusal).toMatchObject({ code, message: expect.stringMatching(message), messageZh: expect.stringMatching(messageZh) });
          // …its own sentence, not the code's generic one.
          expect(GENERIC_CHINESE.has(refusal.messageZh)).toBe(false);
        },
        thenChangedMeanwhile({ field, types, unitId, reason, zh }) {
          const refusal = refusalOf(decision);
          expect(refusal).toBeInstanceOf(ChangedMeanwhile);
          const { change } = refusal as ChangedMeanwhile;
          expect({ code: refusal.code, field: refusal.details?.field, types: change.types, unitId: change.unitId }).toEqual({ code: 'CONFLICT', field, types, unitId });
          const told = change.told({ who: { en: 'Zhang Wei', zh: '张伟' }, at: '2026-12-07 06:28', ...(reason === undefined ? {} : { reason }) });
          if (typeof zh === 'string') expect(told.zh).toBe(zh);
          else expect(told.zh).toMatch(zh);
          expect(told.en).toMatch(/was just changed to .* by Zhang Wei \(2026-12-07 06:28 China time/);
        },
        thenRefusedAt(field) {
          const refusal = refusalOf(decision);
          expect({ refusal: refusal.messageZh, field: refusal.details?.field }).toEqual({ refusal: refusal.messageZh, field });
        },
      };
    },
  };
}

/** The DomainError `decision` throws (failing the test when it throws none, or something else). */
function refusalOf(decision: () => unknown): DomainError {
  let refusal: unknown;
  try {
    decision();
  } catch (error) {
    refusal = error;
  }
  expect(refusal).toBeInstanceOf(DomainError);
  return refusal as DomainError;
}
