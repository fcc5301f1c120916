import type { ParentKind } from '../assignments/domain/assignment.events.js';
import type { PartView } from '../assignments/read-model/part-view.js';
import type { Projection, RecordedEvent } from '../event-sourcing/recorded-event.js';
import type { RectificationLedger } from '../rectification/ledger/rectification-ledger.js';
import type { WorkPlanLedger } from '../work-plan/breakdown/work-plan-ledger.js';
import { lowerBound } from '../shared/sorted-set.js';

const STREAM_PREFIX: Record<ParentKind, string> = { FINDING: 'finding-', WORK_PLAN_ITEM: 'work-plan-item-' };

/** A parent as the read model numbers it: its kind and id. */
export interface AwaitingParent {
  /** A finding (问题) or a work-plan item (工作方案事项). */
  readonly kind: ParentKind;
  readonly id: string;
}

/** The read model's whole state: plain data, so it can be snapshotted as it is. */
interface AwaitingState {
  /**
   * Every part the selection holds now, as `awaitingKey`s, sorted:
   * by due day (the most overdue first), then the parent's `seq`, then the unit id.
   */
  readonly keys: string[];
  /** Findings and items in the order first seen (one count for both kinds): `seq` indexes it. */
  readonly parents: AwaitingParent[];
  /** `kind:id` → seq. */
  readonly seqOf: Map<string, number>;
  /** Each parent's keys listed in `keys` now, by seq (absent: none). */
  readonly listedOf: Map<number, string[]>;
  /**
   * The seqs of parents that ever had the selection's `noted` event recorded (whatever its day), or a part listed,
   * ascending: the only parents that can have a part on the list at any time cut (a past day folds these).
   */
  readonly everReported: number[];
}

/** Due day, then seq (10 digits, so the text sorts as the number), then unit id: `2026-06-30|0000000042|<unit id>`. */
export const awaitingKey = (dueDate: string, seq: number, unitId: string): string => `${dueDate}|${String(seq).padStart(10, '0')}|${unitId}`;

/** The due day, parent seq and unit id a key holds; undefined for text no key looks like (a forged cursor). */
export function parseAwaitingKey(key: string): { dueDate: string; seq: number; unitId: string } | undefined {
  const match = /^(\d{4}-\d{2}-\d{2})\|(\d{10})\|([^|]{1,100})$/.exec(key);
  return match ? { dueDate: match[1]!, seq: Number(match[2]), unitId: match[3]! } : undefined;
}

/**
 * Which parts a list holds: those waiting on the office for one thing (an on-site check, a decision on an
 * extension request). `awaits` is read on a part's view now or at a cut; `noted` names the event that can put a
 * part on the list on some day (so a past day folds only the parents that ever had one).
 */
export interface AwaitingSelection {
  /** How the list names itself to the rectification and work-plan ledgers (`readsFoldedAgain`): unique per list. */
  readonly reader: string;
  readonly awaits: (part: PartView) => boolean;
  readonly noted: RecordedEvent['type'];
}

/** The parts of `parts` the selection holds, as keys of the parent `seq`. */
export const awaitingKeys = (parts: Iterable<PartView>, seq: number, awaits: AwaitingSelection['awaits']): string[] => {
  const keys: string[] = [];
  for (const part of parts) if (awaits(part)) keys.push(awaitingKey(part.dueDate, seq, part.unitId));
  return keys;
};

/**
 * A list of parts waiting on the office, kept as events arrive (breaker12i P5: 待督查 asked each of 85 plans for
 * its items, halving pages refused as too costly, and each card's report on its own — ~500 requests): every part
 * of a finding or work-plan item the selection holds (reported and awaiting its on-site check; an extension
 * request awaiting a decision), in one sorted list of keys, so one paged query serves the page now in
 * O(log n + page). After each event of a finding or item its parts are read from the rectification / work-plan
 * ledger's view (registered before this one, so already up to date) and its keys replaced: O(the parent's
 * parts + its keys × log n); a withdrawn finding or item lists none. Also which parents ever had the selection's
 * `noted` event, so a past day folds only those (never every finding and item).
 */
export class PartsAwaitingReadModel implements Projection {
  private state: AwaitingState = { keys: [], parents: [], seqOf: new Map(), listedOf: new Map(), everReported: [] };

  constructor(
    private readonly findings: RectificationLedger,
    private readonly items: WorkPlanLedger,
    private readonly selection: AwaitingSelection,
  ) {
    findings.readsFoldedAgain(selection.reader);
    items.readsFoldedAgain(selection.reader);
  }

  /** Its state alone, plain data (the ledgers it reads are snapshotted on their own). */
  snapshot(): AwaitingState {
    return this.state;
  }

  /** Puts back what `snapshot` returned, on a fresh instance, before any event is applied. */
  restore(state: unknown): void {
    this.state = state as AwaitingState;
  }

  apply(event: RecordedEvent): void {
    const kind = event.streamId.startsWith(STREAM_PREFIX.FINDING) ? 'FINDING' : event.streamId.startsWith(STREAM_PREFIX.WORK_PLAN_ITEM) ? 'WORK_PLAN_ITEM' : null;
    if (kind === null) return;
    const id = event.streamId.slice(STREAM_PREFIX[kind].length);
    const view = kind === 'FINDING' ? this.findings.finding(id) : this.items.item(id);
    if (!view) return;
    const seq = this.seqOf(kind, id);
    const keys = view.status === 'WITHDRAWN' ? [] : awaitingKeys(view.parts.values(), seq, this.selection.awaits);
    this.relist(seq, keys);
    // A report (a request) entered late for a finding withdrawn since still put it on the list on its day: noted by the event, not the view.
    if (keys.length > 0 || event.type === this.selection.noted) {
      const ever = this.state.everReported;
      const at = lowerBound(ever, seq);
      if (ever[at] !== seq) ever.splice(at, 0, seq);
    }
  }

  /**
   * The findings and work-plan items the ledgers folded again after this event, listed again from their new views: a record
   * retracted (RecordRetracted: the part read as if never entered — breaker52-8 S1: a retracted closing inspection left its
   * part off 待督查, a retracted report left one on it), an undoing that set records aside, withdrawn days a later version
   * ended, or a verification undoing them (breaker11n P1, breaker11o P2). Synchronous: the ledgers settled before (registered
   * first, and the projection engine awaits each read model's settle in that order).
   */
  settle(): undefined {
    for (const findingId of this.findings.takeFoldedAgain(this.selection.reader)) this.relistParent('FINDING', findingId, this.findings.finding(findingId));
    for (const itemId of this.items.takeFoldedAgain(this.selection.reader)) this.relistParent('WORK_PLAN_ITEM', itemId, this.items.item(itemId));
    return undefined;
  }

  private relistParent(kind: ParentKind, id: string, view: { readonly status: string; readonly parts: ReadonlyMap<string, PartView> } | undefined): void {
    const seq = this.state.seqOf.get(`${kind}:${id}`);
    if (!view || seq === undefined) return;
    this.relist(seq, view.status === 'WITHDRAWN' ? [] : awaitingKeys(view.parts.values(), seq, this.selection.awaits));
  }

  private seqOf(kind: ParentKind, id: string): number {
    const name = `${kind}:${id}`;
    let seq = this.state.seqOf.get(name);
    if (seq === undefined) {
      seq = this.state.parents.length;
      this.state.seqOf.set(name, seq);
      this.state.parents.push({ kind, id });
    }
    return seq;
  }

  private relist(seq: number, keys: string[]): void {
    const listed = this.state.listedOf.get(seq) ?? [];
    if (listed.length === keys.length && listed.every((key, index) => key === keys[index])) return;
    const sorted = this.state.keys;
    for (const key of listed) {
      const at = lowerBound(sorted, key);
      if (sorted[at] === key) sorted.splice(at, 1);
    }
    for (const key of keys) sorted.splice(lowerBound(sorted, key), 0, key);
    if (keys.length > 0) this.state.listedOf.set(seq, keys);
    else this.state.listedOf.delete(seq);
  }

  /** The keys of every part on the list now, sorted (see `awaitingKey`). Callers must not change it. */
  get keys(): readonly string[] {
    return this.state.keys;
  }

  /** Whether the part is one this list holds (on a view now or at a cut). */
  awaits(part: PartView): boolean {
    return this.selection.awaits(part);
  }

  /** The finding or item numbered `seq`. */
  parent(seq: number): AwaitingParent | undefined {
    return this.state.parents[seq];
  }

  /** The parents that ever had the `noted` event or a part listed, each with its seq, in seq order. */
  everReported(): { readonly seq: number; readonly parent: AwaitingParent }[] {
    return this.state.everReported.map((seq) => ({ seq, parent: this.state.parents[seq]! }));
  }
}
