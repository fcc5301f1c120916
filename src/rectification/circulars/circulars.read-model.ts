import { Projection, RecordedEvent } from '../../event-sourcing/recorded-event.js';
import { CircularEvent, CircularIssued } from '../domain/circular.events.js';

export type CircularView = CircularIssued['data'] & {
  readonly issuedAt: string;
  readonly issuedBy: string;
};

/** Newest issue date first; circulars of the same day, the last recorded first. */
const newestFirst = (list: readonly CircularView[]): CircularView[] =>
  list
    .map((circular, index) => ({ circular, index }))
    .sort((a, b) => b.circular.issuedOn.localeCompare(a.circular.issuedOn) || b.index - a.index)
    .map(({ circular }) => circular);

/** Circulars of commendation and criticism, by unit. */
export class CircularsReadModel implements Projection {
  /** In the order they were recorded. */
  private readonly all: CircularView[] = [];
  private readonly byId = new Map<string, CircularView>();
  private readonly byUnit = new Map<string, CircularView[]>();


  apply(event: RecordedEvent): void {
    const known = event as RecordedEvent<CircularEvent>;
    if (known.type !== 'CircularIssued') return;
    const circular: CircularView = { ...known.data, issuedAt: event.metadata.recordedAt, issuedBy: event.metadata.actorId };
    this.all.push(circular);
    this.byId.set(circular.circularId, circular);
    const ofUnit = this.byUnit.get(circular.unitId);
    if (ofUnit) ofUnit.push(circular);
    else this.byUnit.set(circular.unitId, [circular]);
  }

  get(id: string): CircularView | undefined {
    return this.byId.get(id);
  }

  /** Every circular, or those of one unit; newest first. */
  list(filter: { unitId?: string } = {}): CircularView[] {
    return newestFirst(filter.unitId ? (this.byUnit.get(filter.unitId) ?? []) : this.all);
  }
}
