import type { EventStore, StoredEvent } from '../event-store/event-store.port.js';
import { userStream } from '../access/domain/user.events.js';
import { officeClock } from '../shared/calendar-date.js';
import { ChangedMeanwhile, DomainError } from '../shared/domain-error.js';

/**
 * Whether a stored event is about `unitId`: its data names it (`unitId`, `unitIds`, `fromUnitId`), or names no unit at all
 * (the item's own re-dating: every part).
 */
function about(stored: StoredEvent, unitId: string | undefined): boolean {
  if (unitId === undefined) return true;
  const data = stored.data as { unitId?: unknown; unitIds?: unknown };
  if (typeof data.unitId === 'string') return data.unitId === unitId;
  if (Array.isArray(data.unitIds)) return data.unitIds.includes(unitId);
  return true;
}

/** The account's name as it is now (its stream's UserRegistered, then any UserRenamed); undefined for an id with no account. */
async function accountName(store: EventStore, userId: string): Promise<string | undefined> {
  let name: string | undefined;
  for (const stored of await store.readStream(userStream(userId))) {
    const named = (stored.data as { name?: unknown }).name;
    if ((stored.type === 'UserRegistered' || stored.type === 'UserRenamed') && typeof named === 'string') name = named;
  }
  return name;
}

/**
 * Who recorded an event, as a refusal names them to a clerk: the account's name as it is now, a system actor as the history
 * names it (演示数据, 命令行（…）, 系统), else the bare id. Read on refusal paths only.
 */
export async function authorName(store: EventStore, metadata: { readonly actorId: string; readonly actorRole: string }): Promise<string> {
  return metadata.actorRole === 'SYSTEM' ? systemName(metadata.actorId) : ((await accountName(store, metadata.actorId)) ?? metadata.actorId);
}

/** A system actor as the history names it: the demo's records, a command-line tool's, the system's. */
const systemName = (actorId: string): string => (actorId === 'demo-data' ? '演示数据' : actorId.startsWith('cli:') ? `命令行（${actorId.slice('cli:'.length)}）` : '系统');

/**
 * The refusal `error` worded with who made the change it names and when (newcomer50-9 S4, M2): the newest event of the stream of
 * one of its types about its unit (carrying its `matching` data), its author by name, its reason when it gave one, (「您」 when it is the requester's own, from another window or an earlier
 * send) and its instant on the office's clock. `error` itself when the stream has none. Read on the refusal path only.
 */
export async function namedChange(store: EventStore, streamId: string, error: ChangedMeanwhile, requesterId: string): Promise<DomainError> {
  const history = await store.readStream(streamId);
  const { matching } = error.change;
  const matches = (stored: StoredEvent) => matching === undefined || Object.entries(matching).every(([field, value]) => (stored.data as Record<string, unknown>)[field] === value);
  const change = history.findLast((stored) => stored.unreadable === undefined && error.change.types.includes(stored.type) && about(stored, error.change.unitId) && matches(stored));
  if (!change) return error;
  const { actorId, actorRole, recordedAt, commandId } = change.metadata;
  const own = actorId === requesterId;
  const name = own ? null : actorRole === 'SYSTEM' ? systemName(actorId) : ((await accountName(store, actorId)) ?? actorId);
  // The reason that command gave: its first event of these types (a withdrawal's correction, FindingWithdrawalUndone then
  // FindingWithdrawn, gave its 更正理由 with the first; the second carries the withdrawal's own reason).
  const first = history.find((stored) => stored.metadata.commandId === commandId && stored.unreadable === undefined && error.change.types.includes(stored.type)) ?? change;
  const reason = (first.data as { reason?: unknown }).reason;
  const told = error.change.told({
    who: name === null ? { en: 'you', zh: '您' } : { en: name, zh: name },
    at: officeClock(recordedAt),
    ...(typeof reason === 'string' && reason.trim() !== '' ? { reason: reason.trim() } : {}),
  });
  return new DomainError('CONFLICT', told, { ...error.details, changedBy: name ?? 'you', changedAt: recordedAt });
}
