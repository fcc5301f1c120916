import { comparePositions, formatPosition, parsePosition, type EventStore, type Position, type StoredEvent } from '../../event-store/event-store.port.js';
import { authorName } from '../../event-sourcing/changed-meanwhile.js';
import { officeClock } from '../../shared/calendar-date.js';
import { slicer } from '../../shared/event-loop-turns.js';
import { fold } from '../../shared/decider.js';
import { badInput, conflict, type DomainError } from '../../shared/domain-error.js';
import type { EventSchemaRegistry } from '../../shared/event-schemas.js';
import { unitDecider } from '../domain/unit.decider.js';
import { unitStream, type UnitEvent } from '../domain/unit.events.js';

/*
 * The directory version a units import's preview gives (breaker52-9 S6): a 更名 by a colleague after the preview is never
 * overwritten unseen by the import that follows it. The version is a position in the log: every record of the file's units up
 * to it is what the preview showed. Given back (expectedDirectoryVersion, --directory-version), the import is refused when one
 * of the units it would write was registered or renamed after it.
 */

/** One unit of the file as the preview showed it: its id and code, and its name in the directory then (null: not registered). */
export interface PreviewedUnit {
  readonly unitId: string;
  readonly code: string;
  readonly shownName: string | null;
}

/** The name of a unit after `events` (its stream's, in order), as the directory reads it (renames by their day); null before it is registered. */
function nameAfter(schemas: EventSchemaRegistry, events: readonly StoredEvent[]): string | null {
  const state = fold(unitDecider, events.filter((stored) => stored.unreadable === undefined).map((stored) => schemas.upcast<UnitEvent>(stored)));
  return state.status === 'registered' ? state.name : null;
}

/**
 * The directory version of a preview that showed `units` (each unit of the file, with the name the directory gave it): the
 * position (`formatPosition`) of the newest record of their streams the preview reflected, `0` when none has any. A unit the
 * directory showed otherwise than its stream now names it (read models behind the log by a moment) sets the version before the
 * first of its records not shown, so that record counts as a change since the preview: the import is then refused and
 * previewed again, never applied over it unseen.
 */
export async function directoryVersionOf(store: EventStore, schemas: EventSchemaRegistry, units: readonly PreviewedUnit[]): Promise<string> {
  const all: StoredEvent[] = [];
  let notShown: Position | null = null;
  // A directory of thousands of units is read in slices: other requests are answered meanwhile (breaker12d P3's kind).
  const pause = slicer();
  for (const unit of units) {
    await pause();
    const history = await store.readStream(unitStream(unit.unitId));
    all.push(...history);
    if (nameAfter(schemas, history) === unit.shownName) continue;
    // The first record after the longest beginning of the stream that gives the name shown (none: the unit was shown unregistered).
    let shown = 0;
    for (let count = 1; count <= history.length; count += 1) if (nameAfter(schemas, history.slice(0, count)) === unit.shownName) shown = count;
    const first = history[unit.shownName === null ? 0 : shown];
    if (first && (!notShown || comparePositions(first.position, notShown) < 0)) notShown = first.position;
  }
  let version: Position | null = null;
  for (const stored of all) {
    if (notShown && comparePositions(stored.position, notShown) >= 0) continue;
    if (!version || comparePositions(stored.position, version) > 0) version = stored.position;
  }
  return formatPosition(version) ?? '0';
}

/**
 * The position a directory version (`directoryVersionOf`, given back as expectedDirectoryVersion or --directory-version) names.
 * @throws DomainError BAD_USER_INPUT (field expectedDirectoryVersion) for a text that is no version, or one past the log's head:
 *   no preview gave it.
 */
export async function directoryPosition(store: EventStore, version: string): Promise<Position> {
  const written = version.normalize('NFKC').trim();
  const position = parsePosition(written);
  const head = await store.headPosition();
  const past = position !== null && head !== null && comparePositions(position, head) > 0;
  if (position === null || past || (head === null && position.commit > 0n)) {
    throw badInput(
      `The directory version "${version}" is not one a preview gave (a whole number such as 1234, the log being at ${formatPosition(head) ?? '0'}): give the version the dry run of this file answered (directoryVersion, --directory-version). Nothing was written.`,
      `单位名录版本“${version}”不是预览（试导入）给出的版本：请给出本文件试导入所示的版本号。本次未写入任何内容。`,
      { field: 'expectedDirectoryVersion' },
    );
  }
  return position;
}

/** A unit of the file that the import would write, as it stands now: its id and code. */
export interface UnitToWrite {
  readonly unitId: string;
  readonly code: string;
}

/**
 * CONFLICT (field expectedDirectoryVersion) when one of `units` (those the import would register or rename) was registered or
 * renamed after `version` (`directoryPosition`): the preview showed another name, or none, and the import would write over what
 * the colleague set (breaker52-9 S6). Names each such unit (at most 3: its code, who changed it, when in China time, to what, the
 * reason given, and what the preview showed), Chinese as renameUnit's own refusal words it; null when none changed.
 */
export async function changedSincePreview(
  store: EventStore,
  schemas: EventSchemaRegistry,
  units: readonly UnitToWrite[],
  version: Position,
): Promise<DomainError | null> {
  const changed: { unit: UnitToWrite; shown: string | null; now: string | null; change: StoredEvent }[] = [];
  const pause = slicer();
  for (const unit of units) {
    await pause();
    const history = await store.readStream(unitStream(unit.unitId));
    const shownEvents = history.filter((stored) => comparePositions(stored.position, version) <= 0);
    const shown = nameAfter(schemas, shownEvents);
    const now = nameAfter(schemas, history);
    if (shown === now) continue;
    const since = history.slice(shownEvents.length).filter((stored) => stored.unreadable === undefined);
    const change = since.findLast((stored) => stored.type === 'UnitRegistered' || stored.type === 'UnitRenamed') ?? since[since.length - 1];
    if (change) changed.push({ unit, shown, now, change });
  }
  if (changed.length === 0) return null;
  const told = await Promise.all(
    changed.slice(0, 3).map(async ({ unit, shown, now, change }) => {
      const who = await authorName(store, change.metadata);
      const at = officeClock(change.metadata.recordedAt);
      const reason = (change.data as { reason?: unknown }).reason;
      const why = typeof reason === 'string' && reason.trim() !== '' ? reason.trim() : null;
      const nowZh = now === null ? '已不在名录中' : shown === null ? `刚由${who}登记为“${now}”` : `的名称刚由${who}改为“${now}”`;
      const shownZh = shown === null ? '导入预览显示该编码尚未登记' : `导入预览显示的是“${shown}”`;
      return {
        zh: `单位 ${unit.code} ${nowZh}（北京时间 ${at}${why ? `；理由：${why}` : ''}；${shownZh}）`,
        en: `unit ${unit.code} was ${shown === null ? 'registered as' : 'renamed'} ${now ?? '(none)'} by ${who} at ${at} China time${why ? ` (reason: ${why})` : ''}; the preview showed ${shown ?? 'no unit under this code'}`,
      };
    }),
  );
  const more = changed.length > told.length;
  const first = changed[0]!;
  return conflict(
    `The units directory changed after the preview this import follows: ${told.map((each) => each.en).join('; ')}${more ? ` (and ${changed.length - told.length} more)` : ''}. ` +
      'Nothing was written: importing now would write over that change. Preview the file again and import after checking it.',
    `${told.map((each) => each.zh).join('；')}${more ? `等 ${changed.length} 个单位` : ''}：单位名录在预览之后已被修改，现在导入会覆盖这一修改。请重新预览（试导入）后再导入，本次未写入任何内容。`,
    {
      field: 'expectedDirectoryVersion',
      codes: changed.map(({ unit }) => unit.code),
      unitId: first.unit.unitId,
      expectedName: first.shown,
      currentName: first.now,
      changedBy: await authorName(store, first.change.metadata),
      changedAt: first.change.metadata.recordedAt,
    },
  );
}
