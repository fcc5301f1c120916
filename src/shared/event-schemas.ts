import { DomainEvent } from './decider.js';

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
}

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

  currentVersion(type: string): number {
    const schema = this.schemas.get(type);
    if (!schema) throw new Error(`Event type ${type} has no registered schema`);
    return schema.version;
  }

  upcast<Event extends DomainEvent>(stored: {
    type: string;
    schemaVersion: number;
    data: Record<string, unknown>;
    metadata?: { readonly recordedAt?: string };
  }): Event {
    const schema = this.schemas.get(stored.type);
    let data = stored.data;
    if (schema) {
      for (let version = stored.schemaVersion; version < schema.version; version += 1) {
        const upcaster = schema.upcasters?.[version];
        if (!upcaster) throw new Error(`No upcaster for ${stored.type} from version ${version}`);
        data = upcaster(data, { recordedAt: stored.metadata?.recordedAt });
      }
    }
    return { type: stored.type, data } as unknown as Event;
  }
}
