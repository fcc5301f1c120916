/*
 * Strings interned: each distinct short string (an id, a role or status, an office day, an instant, a
 * repeated short text) held once in the read models' heap, however many records name it (issue 12,
 * lever 2). `v8.deserialize` (a read-model snapshot restored) and `JSON.parse` (an event read from the
 * log) make a new string for every occurrence: at 1M events the restored read models held 12.4 M
 * strings of which 1.2 M distinct — about 490 MiB of string heap where 55 MiB were distinct
 * (bench/results/profiles.md). A table here maps each string to the one instance kept for it, so the
 * copies a parse or a restore made become garbage as soon as their record takes the kept one.
 *
 * Hand-written: no npm package does this (d3's `internmap` compares a Map's keys through a key function;
 * it hands back no kept instance of an equal string and walks no state); it is a Map and a walk, and
 * the walk must know the read models' plain data (Map keys, Sets) as snapshot-file.ts writes it. JavaScript cannot tell two equal strings apart, so what a table saved is
 * known from its counters (`StringTable.stats`), not from the strings.
 */

/**
 * Strings longer than this (UTF-16 code units) are left as they are: free texts (a report's summary, its
 * evidence) rarely repeat, and a table entry costs more than a string seen once. 64 holds every id (36),
 * instant (24), office day (10), enum and account name, and the short texts that do repeat.
 */
export const MOST_INTERNED_LENGTH = 64;

/** What a table did: `looked` strings short enough to intern were looked up; `shared` of them got an instance kept from before. */
export interface StringTableStats {
  readonly looked: number;
  readonly shared: number;
  /** Distinct strings the table holds now. */
  readonly kept: number;
}

/**
 * A table of interned strings (see the top of this file). `capacity`: the most strings kept in each of
 * two generations — when the newer one is full, the older is dropped and the newer becomes the older,
 * so a string looked up in either generation stays (it moves to the newer one) and one not looked up
 * for a generation's worth of new strings is let go: the table is bounded however long the process
 * runs (`Infinity`: a table for one task, dropped with it — a snapshot's restore). `maxLength`: see
 * MOST_INTERNED_LENGTH.
 */
export class StringTable {
  private newer = new Map<string, string>();
  private older = new Map<string, string>();
  private looked = 0;
  private shared = 0;

  constructor(
    readonly capacity = Number.POSITIVE_INFINITY,
    readonly maxLength = MOST_INTERNED_LENGTH,
  ) {}

  /** The instance kept for `text` (the first one looked up, while the table keeps it); `text` itself when it is longer than `maxLength`. O(length). */
  intern(text: string): string {
    if (text.length > this.maxLength) return text;
    this.looked += 1;
    const kept = this.newer.get(text);
    if (kept !== undefined) {
      this.shared += 1;
      return kept;
    }
    const older = this.older.get(text);
    if (older !== undefined) this.shared += 1;
    if (this.newer.size >= this.capacity) {
      this.older = this.newer;
      this.newer = new Map();
    }
    const instance = older ?? text;
    this.newer.set(instance, instance);
    return instance;
  }

  /**
   * Interns, in place, every string held in `value`: the fields of plain objects (and of any object
   * other than those below), the entries of arrays, the keys and values of Maps, the members of Sets —
   * a Map or Set with a short string key or member is emptied and filled again in the same order, since
   * a Map keeps the key it was first given. Dates, typed arrays and frozen objects are left as they are
   * (a frozen object's fields cannot be set); an object held in several places is walked once. Returns
   * `value`, or the kept instance when `value` is a string. O(objects + strings).
   */
  internWithin<Value>(value: Value): Value {
    if (typeof value === 'string') return this.intern(value) as Value;
    if (value === null || typeof value !== 'object') return value;
    const seen = new Set<object>();
    const pending: object[] = [value];
    while (pending.length > 0) {
      const next = pending.pop()!;
      if (seen.has(next)) continue;
      seen.add(next);
      if (Array.isArray(next)) {
        const frozen = Object.isFrozen(next);
        for (let index = 0; index < next.length; index += 1) {
          const entry: unknown = next[index];
          if (typeof entry === 'string') {
            if (!frozen && entry.length <= this.maxLength) next[index] = this.intern(entry);
          } else if (entry !== null && typeof entry === 'object') pending.push(entry);
        }
        continue;
      }
      // By tag, not instanceof: a restored state's Maps are made in Node's own realm (v8.deserialize), not the caller's.
      const kind = Object.prototype.toString.call(next);
      if (kind === '[object Map]') this.internMap(next as Map<unknown, unknown>, pending);
      else if (kind === '[object Set]') this.internSet(next as Set<unknown>, pending);
      else if (kind === '[object Date]' || ArrayBuffer.isView(next) || kind === '[object ArrayBuffer]') continue;
      else {
        const record = next as Record<string, unknown>;
        const frozen = Object.isFrozen(record);
        for (const name in record) {
          if (!Object.prototype.hasOwnProperty.call(record, name)) continue;
          const field = record[name];
          if (typeof field === 'string') {
            if (!frozen && field.length <= this.maxLength) record[name] = this.intern(field);
          } else if (field !== null && typeof field === 'object') pending.push(field);
        }
      }
    }
    return value;
  }

  /**
   * `internWithin` for what `JSON.parse` made (an event's data or metadata): plain objects, arrays and
   * primitives only, no object held twice, no cycle — walked without the bookkeeping those need, at
   * about a third of the cost. Anything else inside is left as it is. Returns `value`.
   */
  internParsed<Value>(value: Value): Value {
    if (typeof value === 'string') return this.intern(value) as Value;
    if (value !== null && typeof value === 'object') this.internJson(value as object, 0);
    return value;
  }

  /** How many strings were looked up and shared so far, and how many are kept. */
  get stats(): StringTableStats {
    return { looked: this.looked, shared: this.shared, kept: this.newer.size + this.older.size };
  }

  private internJson(value: object, depth: number): void {
    // JSON nests no deeper than a parse allows; the bound only guards against a caller's cycle.
    if (depth > 64 || Object.isFrozen(value)) return;
    if (Array.isArray(value)) {
      for (let index = 0; index < value.length; index += 1) {
        const entry: unknown = value[index];
        if (typeof entry === 'string') {
          if (entry.length <= this.maxLength) value[index] = this.intern(entry);
        } else if (entry !== null && typeof entry === 'object') this.internJson(entry, depth + 1);
      }
      return;
    }
    // A plain object (of any realm) or one of no prototype: a class instance is not what a parse makes.
    const prototype = Object.getPrototypeOf(value) as object | null;
    if (prototype !== null && Object.getPrototypeOf(prototype) !== null) return;
    const record = value as Record<string, unknown>;
    for (const name of Object.keys(record)) {
      const field = record[name];
      if (typeof field === 'string') {
        if (field.length <= this.maxLength) record[name] = this.intern(field);
      } else if (field !== null && typeof field === 'object') this.internJson(field, depth + 1);
    }
  }

  private internMap(map: Map<unknown, unknown>, pending: object[]): void {
    let shortKeys = false;
    for (const key of map.keys()) {
      if (typeof key === 'string' && key.length <= this.maxLength) {
        shortKeys = true;
        break;
      }
    }
    if (shortKeys) {
      const entries = [...map];
      map.clear();
      for (const [key, entry] of entries) map.set(typeof key === 'string' ? this.intern(key) : key, this.sharedField(entry, pending));
      for (const [key] of entries) if (key !== null && typeof key === 'object') pending.push(key);
      return;
    }
    for (const [key, entry] of map) {
      if (key !== null && typeof key === 'object') pending.push(key);
      if (typeof entry === 'string') {
        if (entry.length <= this.maxLength) map.set(key, this.intern(entry));
      } else if (entry !== null && typeof entry === 'object') pending.push(entry);
    }
  }

  private internSet(set: Set<unknown>, pending: object[]): void {
    let shortMembers = false;
    for (const member of set) {
      if (typeof member === 'string' && member.length <= this.maxLength) {
        shortMembers = true;
        break;
      }
    }
    if (shortMembers) {
      const members = [...set];
      set.clear();
      for (const member of members) set.add(this.sharedField(member, pending));
      return;
    }
    for (const member of set) if (member !== null && typeof member === 'object') pending.push(member);
  }

  /** A Map's value or a Set's member put back: a string interned, an object left to the walk. */
  private sharedField(entry: unknown, pending: object[]): unknown {
    if (typeof entry === 'string') return this.intern(entry);
    if (entry !== null && typeof entry === 'object') pending.push(entry);
    return entry;
  }
}

/**
 * The table the read models' folds share (`recordedEvent`): the strings of every event a read model
 * applies or reads back from a stream. Bounded: two generations of 65,536 strings (a few MB), so the
 * strings events keep naming (units, accounts, days, open findings and parts) stay interned and the
 * rest is let go.
 */
export const foldedStrings = new StringTable(65_536);
