import { Projection, RecordedEvent } from '../../event-sourcing/recorded-event.js';
import { UnitEvent, UnitKind, type UnitOtherName } from '../domain/unit.events.js';
import { byPinyin } from '../../shared/chinese-order.js';
import { unitNameKey } from './unit-name.js';
import { nameForms, nearForms } from './near-unit-names.js';
import type { UnitHandOver, UnitMerger } from '../../assignments/domain/assignment.commands.js';
import type { OtherNameHolder, ReorganisationStep } from '../domain/unit.decider.js';
import { say } from '../../shared/domain-error.js';
import type { DatedFact } from '../../shared/guards.js';

export interface UnitView {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly kind: UnitKind;
  readonly parentUnitId: string | null;
  /** The office day (`YYYY-MM-DD`, China time) the unit was registered: nothing is assigned to it before. */
  readonly registeredOn: string;
  /** The instant it was recorded (ISO-8601). */
  readonly registeredAt: string;
  readonly registeredBy: string;
  /** Names the unit had before renames (机构改革), oldest first: aliases that files may still use. */
  readonly formerNames: readonly string[];
  /**
   * Its 简称 and 曾用名 without a rename day, as the office recorded them (UnitOtherNamesRecorded, newcomer57-10 S1), in the order
   * recorded: read as the unit on every day. Absent in snapshots written before they were kept, and while none.
   */
  readonly otherNames?: readonly UnitOtherName[];
  /** The successor it was merged into; null while it stands on its own. */
  readonly mergedIntoUnitId: string | null;
  /** The office day of that merge; null while it stands on its own. */
  readonly mergedOn: string | null;
  /** Its hand-overs without a merge (机构改革: its duties passed on while it stands), by office day; absent while none. */
  readonly handOvers?: readonly UnitHandOver[];
  /**
   * Its names in order, each with the office day it took effect (the first: registration) and the
   * instant it was recorded (`at`, ISO; absent in snapshots written before it was kept): what
   * `nameOn` reads.
   */
  readonly names: readonly UnitName[];
  /**
   * Its kind and parent by the office day each took effect (`from`; the first: registration's) and the instant recorded (`at`),
   * earliest day first, once one was changed (UnitKindAndParentChanged, breaker57-10 S1); absent while it has its registration's.
   * `kind` and `parentUnitId` are the latest-dated; a lookup as of a day reads the one in force then (`DirectoryUnit.placements`).
   */
  readonly placements?: readonly UnitPlacementView[];
}

/** One kind-and-parent of a unit: from office day `from` (`YYYY-MM-DD`), recorded at instant `at` (ISO). */
export interface UnitPlacementView {
  readonly kind: UnitKind;
  readonly parentUnitId: string | null;
  readonly from: string;
  readonly at: string;
}

/** One name of a unit: from office day `from` (`YYYY-MM-DD`), recorded at instant `at` (ISO). */
export interface UnitName {
  readonly name: string;
  readonly from: string;
  readonly at?: string;
}

/**
 * The unit's name in force on office day `day` as known at instant `knownAt` (ISO; null or absent:
 * as known now): the last name that took effect by `day` and was recorded by `knownAt` — a rename
 * entered later is not known then, whatever day it names; before its registration, its first name.
 */
export function nameOn(unit: Pick<UnitView, 'name' | 'names'>, day: string, knownAt?: string | null): string {
  // `names` is absent from views restored from a snapshot written before it existed.
  let name = unit.names?.[0]?.name ?? unit.name;
  for (const named of unit.names ?? []) {
    if (named.from <= day && (knownAt == null || named.at === undefined || named.at <= knownAt)) name = named.name;
  }
  return name;
}

/**
 * The facts that show a unit existed on their day, by event type: the units each names and the
 * office day. Every other fact of a unit's work (a report, an inspection …) comes after its part
 * was assigned or handed over to it, so these bound them all.
 */
const EXISTENCE_FACTS: Readonly<Record<string, (event: RecordedEvent) => readonly { unitId: string; fact: DatedFact }[]>> = {
  UnitAssigned: (event) => [{ unitId: dataOf(event).unitId!, fact: { day: event.occurredOn, what: say('a part assigned to it', '交办给该单位的任务') } }],
  PartHandedOver: (event) => [{ unitId: dataOf(event).successorUnitId!, fact: { day: event.occurredOn, what: say('a part handed over to it', '移交给该单位的任务') } }],
  CircularIssued: (event) => [{ unitId: dataOf(event).unitId!, fact: { day: dataOf(event).issuedOn!, what: say('a circular about it', '对该单位的通报') } }],
  UnitWorkHandedOver: (event) => [{ unitId: dataOf(event).successorUnitId!, fact: { day: event.occurredOn, what: say('work handed over to it', '移交给该单位的任务') } }],
  UnitMerged: (event) => [
    { unitId: dataOf(event).unitId!, fact: { day: event.occurredOn, what: say('its merge into another unit', '该单位并入其他单位') } },
    { unitId: dataOf(event).successorUnitId!, fact: { day: event.occurredOn, what: say('a unit merged into it', '其他单位并入该单位') } },
  ],
};
const dataOf = (event: RecordedEvent) => event.data as Record<string, string | undefined>;

/** The units directory: every unit by id, code and name (current or former). */
/** A unit's names with the day each took effect; a view restored from a snapshot written before `names` was kept: its one name from registration. */
const namesOf = (unit: UnitView): NonNullable<UnitView['names']> => unit.names ?? [{ name: unit.name, from: unit.registeredOn }];

/**
 * The unit called by the latest-dated of `names` (stable: one day keeps the order recorded — a rename typed out of date order
 * sits in its place, breaker8e P6), every other name it had kept as a former name: a name never comes to mean another unit.
 */
function withNames(unit: UnitView, names: NonNullable<UnitView['names']>): UnitView {
  const byDay = [...names].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  const name = byDay.at(-1)!.name;
  const formerNames = [...new Set([...unit.formerNames, ...byDay.map((named) => named.name)])].filter((former) => former !== name);
  return { ...unit, name, formerNames, names: byDay };
}

export class UnitsReadModel implements Projection {
  private readonly byId = new Map<string, UnitView>();
  /**
   * `list()`'s answer until a unit changes (sorting a few hundred names by pinyin cost 0.4 ms a command, bench row 2's
   * profile), with the directory it was sorted from: a private field, so no read-model snapshot carries it, and a
   * snapshot restored (a new `byId`) is sorted afresh.
   */
  #sorted: { readonly of: Map<string, UnitView>; readonly units: readonly UnitView[] } | null = null;
  private readonly idByCode = new Map<string, string>();
  private readonly idByName = new Map<string, string>();
  /** By unit id: its earliest fact that shows it existed (`EXISTENCE_FACTS`), kept up to date in O(1) per event. */
  private readonly firstFacts = new Map<string, DatedFact>();

  apply(event: RecordedEvent): void {
    const existence = Object.hasOwn(EXISTENCE_FACTS, event.type) ? EXISTENCE_FACTS[event.type]! : undefined;
    for (const { unitId, fact } of existence?.(event) ?? []) {
      const known = this.firstFacts.get(unitId);
      if (typeof fact.day === 'string' && (known === undefined || fact.day < known.day)) this.firstFacts.set(unitId, fact);
    }
    if (event.type === 'PartHandedOver') {
      this.handOverOfAPart(event);
      return;
    }
    const unitEvent = event as RecordedEvent<UnitEvent>;
    switch (unitEvent.type) {
      case 'UnitRegistered': {
        const { unitId, code, name, kind, parentUnitId } = unitEvent.data;
        this.put(unitId, {
          id: unitId,
          code,
          name,
          kind,
          parentUnitId,
          registeredOn: event.occurredOn,
          registeredAt: event.metadata.recordedAt,
          registeredBy: event.metadata.actorId,
          formerNames: [],
          mergedIntoUnitId: null,
          mergedOn: null,
          names: [{ name, from: event.occurredOn, at: event.metadata.recordedAt }],
        });
        this.idByCode.set(code, unitId);
        this.idByName.set(unitNameKey(name), unitId);
        return;
      }
      case 'UnitRenamed': {
        const unit = this.byId.get(unitEvent.data.unitId);
        if (!unit) return;
        // The former name stays this unit's: a name never comes to mean another unit. Names stand by the day
        // each took effect (stable: one day keeps the order recorded), a rename typed out of date order in its
        // place; the unit is called by the latest-dated one (breaker8e P6).
        this.put(unit.id, withNames(unit, [...namesOf(unit), { name: unitEvent.data.name, from: event.occurredOn, at: event.metadata.recordedAt }]));
        this.idByName.set(unitNameKey(unitEvent.data.name), unit.id);
        return;
      }
      case 'UnitRegistrationCorrected': {
        const unit = this.byId.get(unitEvent.data.unitId);
        if (!unit) return;
        // The name given at registration holds from the corrected day (breaker8u P5: kept on the day first entered, 2026, it
        // sorted after a 2016 rename, and the unit was called by its old name now and by the new one before the rename).
        const registered = namesOf(unit).findIndex((named) => named.from === unit.registeredOn);
        const names = namesOf(unit).map((named, index) => (index === registered ? { ...named, from: unitEvent.data.registeredOn } : named));
        this.put(unit.id, withNames({ ...unit, registeredOn: unitEvent.data.registeredOn }, names));
        return;
      }
      case 'UnitWorkHandedOver':
        this.addHandOver(unitEvent.data.unitId, { successorUnitId: unitEvent.data.successorUnitId, on: event.occurredOn });
        return;
      case 'UnitMerged': {
        const unit = this.byId.get(unitEvent.data.unitId);
        if (unit) this.put(unit.id, { ...unit, mergedIntoUnitId: unitEvent.data.successorUnitId, mergedOn: event.occurredOn });
        return;
      }
      case 'UnitKindAndParentChanged': {
        const unit = this.byId.get(unitEvent.data.unitId);
        if (!unit) return;
        // By day (stable: one day keeps the order recorded), a change of an earlier day typed later in its place; the unit shows the latest-dated.
        const earlier = unit.placements ?? [{ kind: unit.kind, parentUnitId: unit.parentUnitId, from: unit.registeredOn, at: unit.registeredAt }];
        const placements = [...earlier, { kind: unitEvent.data.kind, parentUnitId: unitEvent.data.parentUnitId, from: event.occurredOn, at: event.metadata.recordedAt }].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
        const latest = placements.at(-1)!;
        this.put(unit.id, { ...unit, kind: latest.kind, parentUnitId: latest.parentUnitId, placements });
        return;
      }
      case 'UnitMergeDateCorrected': {
        // The merge on its corrected day (breaker8p P6); the parts it passed were passed again on that day in the same batch.
        const unit = this.byId.get(unitEvent.data.unitId);
        if (unit) this.put(unit.id, { ...unit, mergedOn: unitEvent.data.mergedOn });
        return;
      }
      case 'UnitOtherNamesRecorded': {
        const unit = this.byId.get(unitEvent.data.unitId);
        if (!unit) return;
        this.put(unit.id, { ...unit, otherNames: [...(unit.otherNames ?? []), ...unitEvent.data.names] });
        for (const other of unitEvent.data.names) this.idByName.set(unitNameKey(other.name), unit.id);
        return;
      }
      case 'UnitOtherNameRemoved': {
        const unit = this.byId.get(unitEvent.data.unitId);
        if (!unit) return;
        const key = unitNameKey(unitEvent.data.name);
        this.put(unit.id, { ...unit, otherNames: (unit.otherNames ?? []).filter((other) => unitNameKey(other.name) !== key) });
        // The name is free again unless the unit still answers to it otherwise (its name, a former name).
        if (this.idByName.get(key) === unit.id && ![unit.name, ...unit.formerNames].some((named) => unitNameKey(named) === key)) this.idByName.delete(key);
        return;
      }
    }
  }

  /**
   * A part handed over from a unit that was not merged into its successor is a hand-over of the
   * unit's work (机构改革 without a merge) on that day. Hand-overs recorded before the directory kept
   * them (UnitWorkHandedOver, c53753d) left only these in the log: the directory takes them in, so
   * facts entered since are judged against them too (breaker8c P17). One the directory already has
   * by that day (the same hand-over, or a part passing later when it came back) adds nothing. A
   * hand-over that passed no part left nothing to read: it is entered again. A part handed over alone (`partOnly`: a split of
   * the unit's duties, newcomer53-10 S1) is no hand-over of the unit's work: the unit keeps its other parts, and its later facts
   * on them stay its own.
   */
  private handOverOfAPart(event: RecordedEvent): void {
    const { unitId, successorUnitId, partOnly } = event.data as { unitId: string; successorUnitId: string; partOnly?: boolean };
    if (partOnly === true) return;
    if (this.mergerOf(unitId)?.successorUnitId === successorUnitId) return;
    if (this.handOversOf(unitId).some((known) => known.successorUnitId === successorUnitId && known.on <= event.occurredOn)) return;
    this.addHandOver(unitId, { successorUnitId, on: event.occurredOn });
  }

  private addHandOver(unitId: string, handOver: UnitHandOver): void {
    const unit = this.byId.get(unitId);
    if (!unit) return;
    // The same hand-over recorded again in the directory (after one read from its parts) is kept once.
    const others = (unit.handOvers ?? []).filter((known) => known.successorUnitId !== handOver.successorUnitId || known.on !== handOver.on);
    this.put(unit.id, { ...unit, handOvers: [...others, handOver].sort((a, b) => a.on.localeCompare(b.on)) });
  }

  get(id: string): UnitView | undefined {
    return this.byId.get(id);
  }

  /** The unit's current name, as refusals name it (UnitNames); undefined for an unknown id. */
  nameOf(id: string): string | undefined {
    return this.byId.get(id)?.name;
  }

  /**
   * The unit's name in force on office day `day` (`YYYY-MM-DD`) as known at `knownAt` (ISO; null:
   * now): a past day is shown under the name the unit had then (机构改革), today under its current
   * one; a rename recorded after `knownAt` is not known yet; before its registration, its first
   * name. Undefined for an unknown id.
   */
  nameOn(id: string, day: string, knownAt?: string | null): string | undefined {
    const unit = this.byId.get(id);
    return unit && nameOn(unit, day, knownAt);
  }

  /** `nameOn` at a time cut, falling back to the id for a unit the directory does not know: how every view at a cut names units. */
  namesAt(cut: { readonly asOf: string; readonly knownAt: string | null }): (unitId: string) => string {
    return (unitId) => this.nameOn(unitId, cut.asOf, cut.knownAt) ?? unitId;
  }

  /**
   * The instant (ISO) the unit came to stand where it stands now in the directory: its registration's, or the recording of its latest
   * kind-and-parent change when later (breaker57-10 S1). A file sent again reads a collective name as it stood when its item was
   * recorded (`partsOfGrownNames`): a unit made a 部门 since is no more named by that file's 市直各部门 than one registered since.
   * Undefined for an unknown id.
   */
  placedAt(id: string): string | undefined {
    const unit = this.byId.get(id);
    if (!unit) return undefined;
    const changed = (unit.placements ?? []).slice(1).reduce<string | undefined>((latest, placed) => (latest === undefined || placed.at > latest ? placed.at : latest), undefined);
    return changed !== undefined && changed > unit.registeredAt ? changed : unit.registeredAt;
  }

  /** The office day the unit was registered (UnitNames: no work of it is dated before); undefined for an unknown id. */
  registeredOnOf(id: string): string | undefined {
    return this.byId.get(id)?.registeredOn;
  }

  /**
   * The unit's earliest fact showing it existed — a part assigned or handed over to it, a circular
   * about it, a merge — with its office day: its registration is not corrected past it. Undefined
   * while it has none. (A later correction of another fact does not move it: none of those is
   * corrected.)
   */
  firstFactOf(id: string): DatedFact | undefined {
    return this.firstFacts.get(id);
  }

  /** Its hand-overs without a merge, by office day (UnitNames: a part of it that comes back after one passes on); empty while none. */
  handOversOf(id: string): readonly UnitHandOver[] {
    return this.byId.get(id)?.handOvers ?? [];
  }

  /**
   * The units merged into it or handing their duties over to it, with the office day (UnitNames: a
   * refusal of work dated before this unit existed names the unit that did it then, breaker11g P8).
   * `merged`: true for a merge, false for a hand-over (a unit is not merged on a day before either: breaker8i P6).
   * Scans the directory: a city's few hundred units, asked only on that refusal and on a merge.
   */
  predecessorsOf(id: string): readonly { readonly unitId: string; readonly on: string; readonly merged: boolean }[] {
    return [...this.byId.values()].flatMap((unit) => [
      ...(unit.mergedIntoUnitId === id ? [{ unitId: unit.id, on: unit.mergedOn ?? unit.registeredOn, merged: true }] : []),
      ...(unit.handOvers ?? []).filter((handOver) => handOver.successorUnitId === id).map((handOver) => ({ unitId: unit.id, on: handOver.on, merged: false })),
    ]);
  }

  /** Its successor and the day of the merge (UnitNames: a merged unit takes no new work); undefined while it stands. */
  mergerOf(id: string): UnitMerger | undefined {
    const unit = this.byId.get(id);
    return unit?.mergedIntoUnitId ? { successorUnitId: unit.mergedIntoUnitId, mergedOn: unit.mergedOn ?? unit.registeredOn } : undefined;
  }

  byCode(code: string): UnitView | undefined {
    const id = this.idByCode.get(code);
    return id ? this.byId.get(id) : undefined;
  }

  /** By its current or a former name, compared by `unitNameKey` (the same text in Unicode is the same name). */
  byName(name: string): UnitView | undefined {
    const id = this.idByName.get(unitNameKey(name));
    return id ? this.byId.get(id) : undefined;
  }

  /**
   * The unit holding `name` (`byName`) as a registration or a rename is refused by it: its code (`nameTakenBy`) and `nameHolder` —
   * its current name, and whether `name` is a former one (breaker48-10 M3). Nulls when no unit has or had the name.
   */
  nameHolderOf(name: string): { readonly nameTakenBy: string | null; readonly nameHolder?: { readonly name: string; readonly former: boolean; readonly other?: UnitOtherName['kind'] } } {
    const holder = this.byName(name);
    if (!holder) return { nameTakenBy: null };
    const other = this.otherNameHolderOf(name);
    const kind = other && (other.as === 'SHORT_NAME' || other.as === 'EARLIER_NAME') ? other.as : undefined;
    return { nameTakenBy: holder.code, nameHolder: { name: holder.name, former: unitNameKey(holder.name) !== unitNameKey(name), ...(kind ? { other: kind } : {}) } };
  }

  /**
   * The unit answering to `name` (compared by `unitNameKey`) and as what — its current name, a dated rename's former name, a
   * recorded 简称 or 曾用名 (`OtherNameHolder`): what recording the name for another unit is refused by. Undefined when none does.
   */
  otherNameHolderOf(name: string): OtherNameHolder | undefined {
    const unit = this.byName(name);
    if (!unit) return undefined;
    const key = unitNameKey(name);
    const other = (unit.otherNames ?? []).find((each) => unitNameKey(each.name) === key);
    const as = unitNameKey(unit.name) === key ? 'NAME' : unit.formerNames.some((each) => unitNameKey(each) === key) ? 'FORMER_NAME' : (other?.kind ?? 'FORMER_NAME');
    return { unitId: unit.id, code: unit.code, unitName: unit.name, as };
  }

  /**
   * Units other than `exceptUnitId` whose name or a former name is near `name` (`nearUnitNames`: 市发改委 beside 青川市发展和改革委员会,
   * 青川市教育体育局 beside 青川市教育局), each as its id, code and current name, in pinyin order: what a registration or a rename
   * asks the office about (`RegisterUnit.nearUnits`, `RenameUnit.nearUnits`). One pass over the directory (a few hundred units).
   */
  nearUnits(name: string, exceptUnitId: string): { unitId: string; code: string; name: string }[] {
    const forms = nameForms(name);
    return this.list()
      .filter((unit) => unit.id !== exceptUnitId && [unit.name, ...unit.formerNames, ...(unit.otherNames ?? []).map((other) => other.name)].some((named) => nearForms(forms, nameForms(named))))
      .map((unit) => ({ unitId: unit.id, code: unit.code, name: unit.name }));
  }

  /** Every unit, by name in pinyin order (as a Chinese reader looks a unit up). */
  list(): readonly UnitView[] {
    if (this.#sorted?.of !== this.byId) this.#sorted = { of: this.byId, units: [...this.byId.values()].sort((a, b) => byPinyin(a.name, b.name)) };
    return this.#sorted.units;
  }

  private put(unitId: string, view: UnitView): void {
    this.byId.set(unitId, view);
    this.#sorted = null;
  }

  unknownIds(ids: readonly string[]): string[] {
    return ids.filter((id) => !this.byId.has(id));
  }

  /**
   * The reorganisations (merges and hand-overs, in the order the work passes) through which work unit `fromId` holds on office day
   * `day` (`YYYY-MM-DD`) would reach unit `toId`; undefined when none does. A hand-over passes on the work its unit held at the start
   * of its day (so one dated after the day the work came); a merge passes on everything its unit holds then or gets later (work that
   * reaches a unit merged away passes on the day it arrives). A merge of `toId` on `day` into `fromId` closes a circle when this
   * finds a path (breaker8j P1: the successor's hand-over back to the merging unit, dated after the merge). Visits each unit at the
   * earliest day the work reaches it (an earlier arrival passes on through every hand-over a later one does); the directory's few
   * hundred units, asked on a merge only.
   */
  workPathTo(fromId: string, toId: string, day: string): readonly ReorganisationStep[] | undefined {
    const reached = new Map<string, { readonly day: string; readonly path: readonly ReorganisationStep[] }>([[fromId, { day, path: [] }]]);
    const queue = [fromId];
    while (queue.length > 0) {
      const unitId = queue.shift()!;
      const at = reached.get(unitId)!;
      const unit = this.byId.get(unitId);
      const steps: ReorganisationStep[] = [
        ...(unit?.handOvers ?? []).filter((handOver) => handOver.on > at.day).map((handOver) => ({ unitId, successorUnitId: handOver.successorUnitId, on: handOver.on, merged: false })),
        ...(unit?.mergedIntoUnitId ? [{ unitId, successorUnitId: unit.mergedIntoUnitId, on: (unit.mergedOn ?? unit.registeredOn) > at.day ? (unit.mergedOn ?? unit.registeredOn) : at.day, merged: true }] : []),
      ];
      for (const step of steps) {
        const path = [...at.path, step];
        if (step.successorUnitId === toId) return path;
        const known = reached.get(step.successorUnitId);
        if (known && known.day <= step.on) continue;
        reached.set(step.successorUnitId, { day: step.on, path });
        queue.push(step.successorUnitId);
      }
    }
    return undefined;
  }

  /** The unit that carries on a unit's work: itself, or the last successor of its merges. */
  successorOf(id: string): string {
    const seen = new Set<string>();
    let current = id;
    for (let next = this.byId.get(current)?.mergedIntoUnitId; next && !seen.has(next); next = this.byId.get(current)?.mergedIntoUnitId) {
      seen.add(current);
      current = next;
    }
    return current;
  }
}
