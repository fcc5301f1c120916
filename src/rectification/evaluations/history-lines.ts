import type { Actor } from '../../shared/command-context.js';
import { mayReadUnitDetails } from '../../access/authorization/access-policy.js';
import { historyEntry, listedAsNoLine } from '../../assignments/read-model/history.js';
import { unitsSharingParts, type PartView } from '../../assignments/read-model/part-view.js';
import type { TimelineEntry } from '../../assignments/read-model/timeline.js';
import { connectionType } from '../../shared/graphql/connection.js';
import { decodeCursor, encodeCursor, pageSize, paginate, recordedOrder, type Connection, type PageRequest } from '../../shared/pagination/page.js';
import { HistoryEntryType } from './evaluation.types.js';

/** The close-out entries of a parent's history (FindingClosedOut, WorkPlanItemCompleted): those `closeOutUndone` judges. */
export const isCloseOut = (entry: { readonly type: string } | { readonly eventType: string }): boolean =>
  CLOSE_OUT_TYPES.has('type' in entry ? entry.type : entry.eventType);
const CLOSE_OUT_TYPES = new Set(['FindingClosedOut', 'WorkPlanItemCompleted']);

/**
 * The entries of a parent's history whose standing `historyAt` judges: its close-outs and its own reopenings (FindingReopened,
 * WorkPlanItemReopened: one written beside a correction says when it does not stand, breaker51-8 M1).
 */
export const inCloseOutStory = (entry: { readonly type: string } | { readonly eventType: string }): boolean =>
  isCloseOut(entry) || PARENT_REOPENINGS.has('type' in entry ? entry.type : entry.eventType);
const PARENT_REOPENINGS = new Set(['FindingReopened', 'WorkPlanItemReopened']);

/**
 * A PartsReopened the server wrote for a part-only reopening found closed (`foundClosed`, h54b): listed as its cause stands
 * (`historyAt`: on its day, by its author, 已撤销 or 「…后重新打开不成立」 with it — h56a), never as stored. `returnsNone`: it
 * returns no part (written so that the parent's reopening before it follows its cause): never a line of its own.
 */
export const writtenForFoundClosed = (entry: { readonly type: string; readonly data: object } | { readonly eventType: string; readonly details: string }): { readonly returnsNone: boolean } | undefined => {
  const [type, data] = 'type' in entry ? [entry.type, entry.data as { foundClosed?: boolean; unitIds?: readonly string[] }] : [entry.eventType, entry.details.includes('"foundClosed":true') ? (JSON.parse(entry.details) as { foundClosed?: boolean; unitIds?: readonly string[] }) : {}];
  return type === 'PartsReopened' && data.foundClosed === true ? { returnsNone: data.unitIds?.length === 0 } : undefined;
};

/**
 * The close-outs and reopenings of a history folded with every fact (`EVERY_FACT`), by revision, as that history lists them
 * (`historyAt`): one standing close-out per closing, on its pass's day, by its inspector, at the pass's instant; the others,
 * and the reopenings a correction wrote that no longer stand, with `closeOutUndone` saying why (newcomer46 M1, breaker49-8
 * S3 M4, breaker51-8 S1 S2 M1). What the present history lists in place of the raw stream entries, so that now and a cut
 * holding everything tell one story.
 */
export const closeOutsUndoneIn = (history: readonly TimelineEntry[]): Map<number, TimelineEntry> =>
  new Map(history.flatMap((entry) => (inCloseOutStory(entry) || entry.retracted || writtenForFoundClosed(entry) ? [[entry.revision, entry] as const] : [])));

/**
 * Whether a parent's stream as recorded (`events`) needs its lines as the history lists them (`closeOutsUndoneIn`): it holds a
 * close-out or a reopening of the parent (`inCloseOutStory`), or a retraction (撤销误录, newcomer51-8 S1) whose record is listed marked 已撤销.
 */
export const listsJudgedLines = (events: readonly TimelineEntry[]): boolean => events.some((event) => inCloseOutStory(event) || event.type === 'RecordRetracted');

/** The stream's entries with each close-out `asListed` names replaced by the entry as listed; the others as they are. */
export const markedUndone = (events: readonly TimelineEntry[], asListed: ReadonlyMap<number, TimelineEntry>): TimelineEntry[] =>
  events.map((event) => asListed.get(event.revision) ?? event);

/** `historyPage`'s type: a finding's or work-plan item's history a page at a time. */
export const HistoryEntryConnectionType = connectionType(HistoryEntryType, 'HistoryEntry');

/**
 * The history lines of one finding or work-plan item as `reader` may see them, in stream order: a
 * unit user sees the entries about no part, its own part's, and those of a part it held on any day
 * (its predecessor's or successor's too, breaker8c P12). `parts`: the parent's parts now.
 */
export function historyLines(events: readonly TimelineEntry[], reader: Actor | null | undefined, parts: Iterable<PartView>): HistoryEntryType[] {
  const sharing = reader?.unitId ? unitsSharingParts(reader.unitId, parts) : new Set<string>();
  return events
    // The parts' line the server wrote returning no part (h56a, breaker55-8: 「各单位重新整改」 naming no unit): the parent's line says it.
    .filter((event) => !listedAsNoLine(event))
    .map(historyEntry)
    .filter((entry) => !reader || entry.unitId === null || mayReadUnitDetails(reader, entry.unitId) || sharing.has(entry.unitId))
    .map((entry) => ({ ...entry, details: JSON.stringify(entry.details) }));
}

/**
 * A page of `lines` (one parent's, in stream order) after the entry whose cursor is `after`: the
 * cursor names the entry's revision in its stream, which never changes, so entries appended between
 * two pages are never skipped or repeated. `parentId` names the list, so another parent's cursor is refused.
 * @throws DomainError BAD_USER_INPUT for a bad `first` or a cursor of another list.
 */
export function historyPage(lines: readonly HistoryEntryType[], parentId: string, page: PageRequest): Connection<HistoryEntryType> {
  return paginate(lines, recordedOrder<HistoryEntryType>(`history-${parentId}`, (line) => line.revision), page);
}

/** How a page of one parent's history is read from its stream now (`historyPageFromStream`). */
export interface HistoryStream {
  /** The finding's or item's id: names the list in its cursors. */
  readonly parentId: string;
  /** Up to `maxCount` events of the stream from revision `fromRevision` on, in order (fewer only at its end). */
  readonly slice: (fromRevision: number, maxCount: number) => Promise<readonly TimelineEntry[]>;
  /**
   * Lines of the stream as projected for a reader who sees every line: its events but those listed as no line (`listedAsNoLine`,
   * counted by the ledger as they arrive) — what `totalCount` answers such a reader, O(1).
   */
  readonly length: number;
  /** The parent's parts now (which lines a unit user reads: `historyLines`). */
  readonly parts: () => Iterable<PartView>;
  /** Its close-outs and reopenings as its history now lists them, by revision (`closeOutsUndoneIn`): read only for a page holding one. */
  readonly closeOutsUndone: () => Promise<ReadonlyMap<number, TimelineEntry>>;
  /**
   * The parent's stream holds a retraction (撤销误录: `holdsRetractions`, set by the ledger on the retraction itself — not read off
   * how its view is folded, h52a): then every page reads its lines as listed (`closeOutsUndone`), the retracted ones marked 已撤销.
   */
  readonly mayHoldRetractions?: boolean;
}

/** Events read at a time while a unit user's page is not full (its lines are some of the stream's). */
const FILTERED_SLICE = 200;

/**
 * A page of a parent's history now, read from its stream from the cursor's revision on — the events
 * of the page (and one more, for `hasNextPage`), not the whole stream (breaker12g P6: the item page's
 * history of a 1,500-event 各单位 item read every event on each load, 2.3 s, every user held 1.8 s).
 * A unit user's page reads on a slice at a time until it is full (other units' lines left out).
 * `totalCount` is the number of lines of the stream for a reader who sees every line (`length`, O(1)); for a unit user it is
 * counted by reading the whole stream, only when asked. Same answer as `historyPage(historyLines(…))`.
 * @throws DomainError BAD_USER_INPUT for a bad `first` or a cursor of another list.
 */
export async function historyPageFromStream(stream: HistoryStream, reader: Actor | null | undefined, page: PageRequest): Promise<Connection<HistoryEntryType>> {
  const order = recordedOrder<HistoryEntryType>(`history-${stream.parentId}`, (line) => line.revision);
  const size = pageSize(page.first);
  const after = page.after ? decodeCursor(order, page.after) : undefined;
  const everyLine = !reader || reader.role !== 'UNIT';
  const lines: HistoryEntryType[] = [];
  let from = after === undefined ? 0 : after + 1;
  while (lines.length <= size) {
    const want = everyLine ? size + 1 - lines.length : Math.max(size + 1 - lines.length, FILTERED_SLICE);
    const events = await stream.slice(from, want);
    lines.push(...historyLines(events, reader, stream.parts()));
    if (events.length < want) break;
    from = events.at(-1)!.revision + 1;
  }
  const shown = lines.slice(0, size);
  const asListed =
    shown.some((line) => inCloseOutStory(line) || writtenForFoundClosed(line)) || (stream.mayHoldRetractions === true && shown.length > 0) ? await stream.closeOutsUndone() : new Map<number, TimelineEntry>();
  const listedLine = (line: HistoryEntryType): HistoryEntryType => {
    const entry = asListed.get(line.revision);
    return entry ? historyLines([entry], null, [])[0]! : line;
  };
  const edges = shown.map((line) => ({ cursor: encodeCursor(order, line.revision), node: listedLine(line) }));
  let counted: Promise<number> | undefined;
  const countLines = async () => {
    let total = 0;
    for (let start = 0; ; ) {
      const events = await stream.slice(start, 1000);
      total += historyLines(events, reader, stream.parts()).length;
      if (events.length < 1000) return total;
      start = events.at(-1)!.revision + 1;
    }
  };
  return {
    edges,
    nodes: edges.map((edge) => edge.node),
    pageInfo: {
      hasNextPage: lines.length > size,
      // The cursor names a line this reader was given: there is one before the page.
      hasPreviousPage: after !== undefined,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    // A unit user's count reads the stream: only when the query asks it (GraphQL awaits the promise).
    get totalCount() {
      return everyLine ? stream.length : ((counted ??= countLines()) as unknown as number);
    },
  };
}

