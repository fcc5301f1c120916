import { Projection, RecordedEvent } from '../../event-sourcing/recorded-event.js';
import { insertInOrder, paginate, type Connection, type ListOrder, type PageRequest } from '../../shared/pagination/page.js';
import { CircularEvent, CircularIssued, type CircularKind, type CircularReference } from '../domain/circular.events.js';
import { documentTitleKey } from '../../shared/document-title.js';

export type CircularView = Omit<CircularIssued['data'], 'issuedOn' | 'documentNumber'> & {
  /** `YYYY-MM-DD`, as corrected (更正通报) when it was. */
  issuedOn: string;
  /** 文号, as corrected; null when none. */
  documentNumber: string | null;
  readonly issuedAt: string;
  readonly issuedBy: string;
  /** Its place in the order circulars were recorded (0, 1, …). */
  readonly sequence: number;
  /** 撤回通报: the office day, the UTC instant recorded and why; null while it stands. */
  withdrawal: { readonly withdrawnOn: string; readonly withdrawnAt: string; readonly reason: string } | null;
  /** Its corrections (更正通报), oldest first: what it read before, when, and why. */
  corrections: readonly { readonly previousIssuedOn: string; readonly previousDocumentNumber: string | null; readonly correctedOn: string; readonly correctedAt: string; readonly reason: string }[];
};

/**
 * Whether a circular counts on office day `day` as known at instant `knownAt` (both optional: today, as known now): issued by
 * then and not withdrawn by then (撤回通报, newcomer26 S9: a withdrawn circular stays listed, marked, and counts nowhere from its
 * withdrawal day).
 */
export const standsOn = (circular: CircularView, day?: string, knownAt?: string): boolean => {
  const withdrawal = circular.withdrawal;
  if (!withdrawal) return true;
  return (day !== undefined && withdrawal.withdrawnOn > day) || (knownAt !== undefined && withdrawal.withdrawnAt > knownAt);
};

/**
 * The circular as known at instant `knownAt` (ISO-8601, UTC `…Z`, as `parseTimeCut` gives it): undefined when it was
 * recorded after it; else with only the corrections (更正通报) and the withdrawal (撤回通报) recorded by then — its issue day
 * and 文号 as they read then, no withdrawal entered since (breaker11r P3). The circular itself when all of it was known.
 */
export function circularKnownAt(circular: CircularView, knownAt: string): CircularView | undefined {
  if (circular.issuedAt > knownAt) return undefined;
  const corrections = circular.corrections.filter((correction) => correction.correctedAt <= knownAt);
  const withdrawal = circular.withdrawal && circular.withdrawal.withdrawnAt <= knownAt ? circular.withdrawal : null;
  if (corrections.length === circular.corrections.length && withdrawal === circular.withdrawal) return circular;
  // The first correction not yet known says what the circular read before it.
  const next = circular.corrections[corrections.length];
  return { ...circular, ...(next ? { issuedOn: next.previousIssuedOn, documentNumber: next.previousDocumentNumber } : {}), corrections, withdrawal };
}

/** The circulars as known at `knownAt` (`circularKnownAt`; absent: as they stand), newest first by their issue day then. */
function asKnownAt(circulars: readonly CircularView[], knownAt: string | undefined): readonly CircularView[] {
  if (knownAt === undefined) return circulars;
  return circulars.flatMap((circular) => circularKnownAt(circular, knownAt) ?? []).sort(newestFirst.compare);
}

/** Which circulars a list shows; every field given must hold. */
export interface CircularFilter {
  readonly unitId?: string;
  readonly kind?: CircularKind;
  /** First and last issue day (`YYYY-MM-DD`, inclusive). */
  readonly issuedFrom?: string;
  readonly issuedTo?: string;
}

/** Newest issue date first; circulars of the same day, the last recorded first. */
const newestFirst: ListOrder<CircularView, { issuedOn: string; sequence: number }> = {
  list: 'circulars',
  keyOf: ({ issuedOn, sequence }) => ({ issuedOn, sequence }),
  compare: (a, b) => b.issuedOn.localeCompare(a.issuedOn) || b.sequence - a.sequence,
  encode: ({ issuedOn, sequence }) => `${issuedOn}.${sequence}`,
  decode: (text) => {
    const match = /^(\d{4}-\d{2}-\d{2})\.(0|[1-9]\d{0,14})$/.exec(text);
    return match ? { issuedOn: match[1]!, sequence: Number(match[2]) } : undefined;
  },
};

/**
 * Circulars of commendation and criticism: all of them and each unit's, each list kept newest
 * first as they are recorded (a late-entered circular goes where its issue day puts it), so a
 * page starts by binary search.
 */
export class CircularsReadModel implements Projection {
  /** Each circular is kept in every list that holds it (all, by id, unit, reference, sameness): one piece. */
  get sharesObjects(): boolean {
    return true;
  }

  private readonly all: CircularView[] = [];
  private readonly byId = new Map<string, CircularView>();
  private readonly byUnit = new Map<string, CircularView[]>();
  /** By what they cite (`FINDING:<id>`, `WORK_PLAN_ITEM:<id>`), newest first. */
  private readonly byReference = new Map<string, CircularView[]>();
  /** The first circular of each unit, kind, issue day and title key (`sameCircularKey`). */
  private readonly bySameness = new Map<string, CircularView>();

  apply(event: RecordedEvent): void {
    const known = event as RecordedEvent<CircularEvent>;
    switch (known.type) {
      case 'CircularIssued': {
        const circular: CircularView = { ...known.data, issuedAt: event.metadata.recordedAt, issuedBy: event.metadata.actorId, sequence: this.byId.size, withdrawal: null, corrections: [] };
        this.place(circular);
        this.byId.set(circular.circularId, circular);
        return;
      }
      case 'CircularWithdrawn': {
        const circular = this.byId.get(known.data.circularId);
        if (!circular) return;
        circular.withdrawal = { withdrawnOn: known.data.withdrawnOn, withdrawnAt: event.metadata.recordedAt, reason: known.data.reason };
        // A withdrawn circular no longer stands in the way of issuing it again, rightly (breaker11g P1's sameness).
        const same = sameCircularKey(circular);
        if (this.bySameness.get(same) === circular) this.bySameness.delete(same);
        return;
      }
      case 'CircularCorrected': {
        const circular = this.byId.get(known.data.circularId);
        if (!circular) return;
        // Its lists are ordered by issue day: taken out, re-dated, put back where the corrected day goes. O(circulars) — a few dozen a year.
        this.unplace(circular);
        const { previousIssuedOn, previousDocumentNumber, correctedOn, reason } = known.data;
        circular.issuedOn = known.data.issuedOn;
        circular.documentNumber = known.data.documentNumber;
        circular.corrections = [...circular.corrections, { previousIssuedOn, previousDocumentNumber, correctedOn, correctedAt: event.metadata.recordedAt, reason }];
        this.place(circular);
        return;
      }
    }
  }

  /** Puts a circular into every ordered list that holds it (by its issue day now). */
  private place(circular: CircularView): void {
    insertInOrder(this.all, circular, newestFirst);
    insertInto(this.byUnit, circular.unitId, circular);
    for (const reference of new Set(circular.references.map(referenceKey))) insertInto(this.byReference, reference, circular);
    const same = sameCircularKey(circular);
    if (!circular.withdrawal && !this.bySameness.has(same)) this.bySameness.set(same, circular);
  }

  /** Takes a circular out of every list `place` put it in. */
  private unplace(circular: CircularView): void {
    const out = (list: CircularView[] | undefined) => {
      const index = list?.indexOf(circular) ?? -1;
      if (index >= 0) list!.splice(index, 1);
    };
    out(this.all);
    out(this.byUnit.get(circular.unitId));
    for (const reference of new Set(circular.references.map(referenceKey))) out(this.byReference.get(reference));
    const same = sameCircularKey(circular);
    if (this.bySameness.get(same) === circular) this.bySameness.delete(same);
  }

  /**
   * The circular already issued to the same unit, of the same kind, on the same day, with the same
   * title's words (`documentTitleKey`: 《》“”, 年度 and a version remark aside too), or undefined: one circular is issued once. O(1).
   */
  sameAs(circular: Pick<CircularView, 'unitId' | 'kind' | 'issuedOn' | 'title'>): CircularView | undefined {
    return this.bySameness.get(sameCircularKey(circular));
  }

  /**
   * The circulars that cite a finding or a work-plan item, newest first: those issued by
   * `issuedTo` (a business day, inclusive) and recorded by `recordedBy` (an ISO instant, UTC) when given —
   * a view of a past day, or as known then: each as it read then (`circularKnownAt`: its issue day,
   * 文号 and withdrawal as recorded by that instant). O(circulars citing it).
   */
  citing(reference: CircularReference, cut: { readonly issuedTo?: string; readonly recordedBy?: string } = {}): readonly CircularView[] {
    const { issuedTo, recordedBy } = cut;
    return asKnownAt(this.byReference.get(referenceKey(reference)) ?? [], recordedBy).filter((circular) => issuedTo === undefined || circular.issuedOn <= issuedTo);
  }

  get(id: string): CircularView | undefined {
    return this.byId.get(id);
  }

  /**
   * A page of every circular, or of one unit's, newest first, filtered by kind and issue days; with `knownAt` (an ISO
   * instant, UTC), those recorded by then, each as it read then (`circularKnownAt`), filtered and ordered by its issue
   * day then — O(the circulars listed) a page, a few dozen a year.
   */
  page(filter: CircularFilter, page: PageRequest, knownAt?: string): Connection<CircularView> {
    const { unitId, kind, issuedFrom, issuedTo } = filter;
    const source = asKnownAt(unitId === undefined ? this.all : (this.byUnit.get(unitId) ?? []), knownAt);
    const narrowed = kind !== undefined || issuedFrom !== undefined || issuedTo !== undefined;
    const matches = (circular: CircularView) =>
      (kind === undefined || circular.kind === kind) &&
      (issuedFrom === undefined || circular.issuedOn >= issuedFrom) &&
      (issuedTo === undefined || circular.issuedOn <= issuedTo);
    return paginate(source, newestFirst, page, narrowed ? { matches } : {});
  }
}

const referenceKey = (reference: CircularReference): string => `${reference.kind}:${reference.id}`;

/** What makes two circulars one: unit, kind, issue day and the title's words (`documentTitleKey`). */
const sameCircularKey = ({ unitId, kind, issuedOn, title }: Pick<CircularView, 'unitId' | 'kind' | 'issuedOn' | 'title'>): string =>
  `${unitId}\u0000${kind}\u0000${issuedOn}\u0000${documentTitleKey(title)}`;

function insertInto(lists: Map<string, CircularView[]>, key: string, circular: CircularView): void {
  const list = lists.get(key);
  if (list) insertInOrder(list, circular, newestFirst);
  else lists.set(key, [circular]);
}
