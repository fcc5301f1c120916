import { officeDate } from './calendar-date.js';
import { DomainEvent } from './decider.js';
import { say, type Bilingual } from './domain-error.js';

/**
 * A stored event this server cannot read as any event it knows: an unknown type, a schema version
 * newer than its type's current one, a version with no upcaster, damaged JSON, data of another shape.
 * `message` is the English reason, `messageZh` the Chinese one; the projection engine stops on it,
 * naming the event (PROJECTIONS_STOPPED), rather than skip it or read it with another meaning.
 */
export class UnreadableEventError extends Error {
  readonly messageZh: string;
  constructor(reason: Bilingual) {
    super(reason.en);
    this.messageZh = reason.zh;
    this.name = 'UnreadableEventError';
  }
}

/** What an upcaster may know of the stored event besides its data: when it was recorded. */
export interface StoredFacts {
  readonly recordedAt: string | undefined;
}

type Upcaster = (data: Record<string, unknown>, stored: StoredFacts) => Record<string, unknown>;

export interface EventSchema {
  /** The version `decide` writes today. */
  readonly version: number;
  /** upcasters[n] turns data written at version n into version n + 1. */
  readonly upcasters?: Readonly<Record<number, Upcaster>>;
  /**
   * Business time: the data field holding the office day (`YYYY-MM-DD`, China time) on which the
   * fact happened, as opposed to the instant it was recorded (`metadata.recordedAt`). Every event
   * that records something that happened carries one; events written before it did are upcast with
   * `officeDayOfRecording`. Absent: the office day of `recordedAt` (e.g. an import of a file).
   */
  readonly occurredOn?: string;
  /**
   * The version to write for `data`: the earliest whose readers read it as meant (≤ `version`). An event widened at a new
   * version (a new kind of fact it can name, a field that changes what it means) is written at the old version when it uses
   * none of that, so a rollback to an older Rectify still reads it; one that does is written at the new version, which the
   * older build refuses as 「由更新版本的 Rectify 写入」 instead of as a damaged row (breaker49-9 S2). Absent: `version`.
   */
  readonly writtenAs?: (data: Readonly<Record<string, unknown>>) => number;
}

/** For an event stored without its time (none are): the earliest day the edge accepts. */
const EARLIEST_OFFICE_DAY = '1900-01-01';

/**
 * The upcaster of an event version that did not yet say on which day its fact happened: the best
 * that can be known is the office day on which it was recorded (facts were entered as they happened).
 */
export const officeDayOfRecording =
  (field: string): Upcaster =>
  (data, { recordedAt }) => ({ ...data, [field]: recordedAt ? officeDate(recordedAt) : EARLIEST_OFFICE_DAY });

/** One entry per event type of a feature, so a new event cannot be forgotten. */
export type EventSchemas<Event extends DomainEvent> = { readonly [Type in Event['type']]: EventSchema };

/**
 * Old events are never rewritten: they are read as they were stored and brought up to the
 * current shape here, one version step at a time.
 */
export class EventSchemaRegistry {
  private readonly schemas = new Map<string, EventSchema>();

  register(schemas: Readonly<Record<string, EventSchema>>): this {
    for (const [type, schema] of Object.entries(schemas)) {
      if (this.schemas.has(type)) throw new Error(`Event type ${type} is registered twice`);
      this.schemas.set(type, schema);
    }
    return this;
  }

  /** Every registered event type with its current version, sorted by type. */
  versions(): [type: string, version: number][] {
    return [...this.schemas].map(([type, schema]): [string, number] => [type, schema.version]).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }

  /**
   * The schema version an event of `type` with `data` is stored at (`EventSchema.writtenAs`, else the current version).
   * Throws for a type with no registered schema.
   */
  versionToWrite(type: string, data: Readonly<Record<string, unknown>>): number {
    const schema = this.schemas.get(type);
    if (!schema) throw new Error(`Event type ${type} has no registered schema`);
    return schema.writtenAs ? schema.writtenAs(data) : schema.version;
  }

  currentVersion(type: string): number {
    const schema = this.schemas.get(type);
    if (!schema) throw new Error(`Event type ${type} has no registered schema`);
    return schema.version;
  }

  /**
   * The stored event's data brought up to its type's current version.
   * @throws UnreadableEventError for a type no schema is registered for (a row no Rectify process
   *   wrote, or one a newer version wrote), for a schema version above the type's current one (a
   *   newer version wrote it: read as the current one it would mean something else), and for a
   *   version with no upcaster.
   */
  upcast<Event extends DomainEvent>(stored: {
    type: string;
    schemaVersion: number;
    data: Record<string, unknown>;
    metadata?: { readonly recordedAt?: string };
  }): Event {
    const schema = this.schemas.get(stored.type);
    if (!schema) {
      throw new UnreadableEventError(
        say(
          `its type ${stored.type} is not an event type this version of Rectify knows (a row no Rectify process wrote, or one written by a newer version)`,
          `其类型 ${stored.type} 不是本版本 Rectify 所知的事件类型（并非 Rectify 写入的记录，或由更新的版本写入）`,
        ),
      );
    }
    if (!Number.isSafeInteger(stored.schemaVersion) || stored.schemaVersion > schema.version) {
      throw new UnreadableEventError(
        say(
          `its schema version ${stored.schemaVersion} of ${stored.type} is newer than this server knows (${schema.version}): a newer version of Rectify wrote it, and read as version ${schema.version} it would mean something else — run that newer version`,
          `其 ${stored.type} 数据格式版本 ${stored.schemaVersion} 比本服务所知的版本（${schema.version}）更新：由更新版本的 Rectify 写入，按第 ${schema.version} 版读取会曲解其含义——请使用该更新版本运行`,
        ),
      );
    }
    let data = stored.data;
    for (let version = stored.schemaVersion; version < schema.version; version += 1) {
      const upcaster = schema.upcasters?.[version];
      if (!upcaster) {
        throw new UnreadableEventError(say(`No upcaster for ${stored.type} from version ${version}`, `${stored.type} 没有从第 ${version} 版升级数据格式的转换（upcaster）`));
      }
      data = upcaster(data, { recordedAt: stored.metadata?.recordedAt });
    }
    return { type: stored.type, data } as unknown as Event;
  }

  /** Whether events of `type` name a day of their own (their schema's `occurredOn` field): otherwise their office day is their recording day. */
  namesOwnDay(type: string): boolean {
    return this.schemas.get(type)?.occurredOn !== undefined;
  }

  /**
   * The office day on which an (upcast) event's fact happened: its schema's `occurredOn` field, else
   * the office day of `recordedAt`. `recordedAt` is an ISO instant.
   */
  occurredOn(type: string, data: Readonly<Record<string, unknown>>, recordedAt: string): string {
    const field = this.schemas.get(type)?.occurredOn;
    const day = field === undefined ? undefined : data[field];
    return typeof day === 'string' ? day : officeDate(recordedAt);
  }
}
