import type { Actor } from '../../shared/command-context.js';
import { mayReadUnitDetails } from '../../access/authorization/access-policy.js';
import { historyEntry } from '../../assignments/read-model/history.js';
import { unitsSharingParts, type PartView } from '../../assignments/read-model/part-view.js';
import type { TimelineEntry } from '../../assignments/read-model/timeline.js';
import { connectionType } from '../../shared/graphql/connection.js';
import { paginate, recordedOrder, type Connection, type PageRequest } from '../../shared/pagination/page.js';
import { HistoryEntryType } from './evaluation.types.js';

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
