import type { Actor } from '../../shared/command-context.js';
import { DomainError, badInput, conflict, forbidden, named, notFound, say, valueChangedMeanwhile, type Bilingual } from '../../shared/domain-error.js';
import { Decider, unreachable } from '../../shared/decider.js';
import { isBlank, requireBusinessDay, requireNotBefore, type DatedFact } from '../../shared/guards.js';
import { mergedAwayBefore } from './takes-over-on.js';
import { UnitEvent, UnitRegistered, type UnitKind, type UnitOtherName, type UnitOtherNameKind } from './unit.events.js';
import { storedUnitName, unitNameKey } from '../units/unit-name.js';

/** One step of the directory's 机构改革: unit `unitId`'s work passes to `successorUnitId` on office day `on` (`YYYY-MM-DD`), by a merge or a hand-over. */
export interface ReorganisationStep {
  readonly unitId: string;
  readonly successorUnitId: string;
  readonly on: string;
  readonly merged: boolean;
}

export interface RegisterUnit {
  readonly type: 'RegisterUnit';
  /** The office's current day (China time): `data.registeredOn` is not after it. */
  readonly today: string;
  readonly data: UnitRegistered['data'];
  readonly parentExists: boolean;
  /** The code of another unit that already has this name (or had it), looked up by the handler by `unitNameKey`. */
  readonly nameTakenBy: string | null;
  /** That unit's current name, and whether the name asked for is one of its former names (`NameHolder`); absent: said by code only. */
  readonly nameHolder?: NameHolder;
  /**
   * Registered units whose name (or a former name) is near this one (`nearUnitNames`: 市发改委 beside 青川市发展和改革委员会,
   * 市教育局 beside 青川市教育局), each with its id, code and current name, looked up by the handler; absent: none. Any not in
   * `distinctFrom` is refused (session 24, as the 单位名录 import asks, breaker10k P6): one unit registered twice splits its work.
   */
  readonly nearUnits?: readonly NearUnit[];
  /** Ids of `nearUnits` the office confirmed are other units (这是另一个单位). */
  readonly distinctFrom?: readonly string[];
}

/**
 * The unit that holds a name a registration or a rename asks for (`RegisterUnit.nameHolder`, `RenameUnit.nameHolder`): its current
 * name, and `former` when the name asked for is one it had before a rename (机构改革) — which files still use for it.
 */
export interface NameHolder {
  readonly name: string;
  readonly former: boolean;
  /** The name asked for is the holder's recorded 简称 (`SHORT_NAME`) or undated 曾用名 (`EARLIER_NAME`); absent: neither. */
  readonly other?: UnitOtherNameKind;
}

/**
 * CONFLICT on `name` for a name another unit (code `code`) has or had. A former name is said so, with whose it is and why it
 * stays that unit's (breaker48-10 M3: 「名称已属于单位 WJW」 of a name the directory shows for no unit): files written before the
 * rename name the unit by it, and an import reads them as that unit; registered again for a new unit, those files would name two.
 */
export function nameTaken(name: string, code: string, holder: NameHolder | undefined): DomainError {
  if (holder?.other) {
    const { en, zh } = otherNameTaken(name, code, holder.name, holder.other);
    return conflict(en, zh, { field: 'name' });
  }
  if (holder?.former) {
    const { en, zh } = formerNameTaken(name, code, holder.name);
    return conflict(en, zh, { field: 'name' });
  }
  return conflict(
    `The name ${name} already belongs to unit ${code}; unit names must be unique.`,
    `名称“${name}”已属于单位 ${code}，单位名称不能重复。`,
    { field: 'name' },
  );
}

/**
 * Why `name`, the former name of unit `holderName` (code `code`), is no new unit's name (`nameTaken`), in both languages: what a
 * registration, a rename and a 单位名录 row under it are refused with (breaker48-10 M3).
 */
export const formerNameTaken = (name: string, code: string, holderName: string): Bilingual =>
  say(
    `The name ${name} is the former name of ${holderName} (code ${code}), from before its rename: files that name it are read as ${holderName}, so it cannot be another unit's name. Register the new unit under its own official name.`,
    `“${name}”是 ${holderName}（编码 ${code}）的原名称（更名前的名称）：文件中写“${name}”的，均按 ${holderName} 读取，因此不能再作为另一个单位的名称。请用新单位自己的正式名称登记。`,
  );

/**
 * Why `name`, a recorded 简称 or 曾用名 of unit `holderName` (code `code`), is no new unit's name (newcomer57-10 S1: a clerk told
 * to register 市大数据局 made a phantom unit beside the one the office calls so), in both languages.
 */
export const otherNameTaken = (name: string, code: string, holderName: string, kind: UnitOtherNameKind): Bilingual =>
  say(
    `The name ${name} is recorded as the ${kind === 'SHORT_NAME' ? 'short' : 'earlier'} name of ${holderName} (code ${code}): files that name it are read as ${holderName}, so it cannot be another unit's name. If it means that unit, nothing needs registering; register a new unit under its own official name.`,
    `“${name}”是单位名录中${holderName}（编码 ${code}）的${kind === 'SHORT_NAME' ? '简称' : '曾用名'}：文件中写“${name}”的，均按${holderName}读取，无须另行登记，也不能再作为另一个单位的名称。如确是另一个单位，请用其正式名称登记。`,
  );

/** A registered unit whose name is near a new one's (`RegisterUnit.nearUnits`). */
export interface NearUnit {
  readonly unitId: string;
  readonly code: string;
  readonly name: string;
}

/** A new official name for the unit (机构改革); the old one becomes an alias. */
export interface RenameUnit {
  readonly type: 'RenameUnit';
  readonly actor: Actor;
  /** The office's current day (China time). */
  readonly today: string;
  /** The office day the new name took effect: not in the future, not before the unit's registration or last rename. */
  readonly renamedOn: string;
  readonly name: string;
  readonly reason: string;
  /**
   * The unit's name as the form that sent `name` showed it (sent by the web app; absent: not checked, scripts). Another name now —
   * renamed meanwhile by another administrator — is CONFLICT naming who gave which name when (valueChangedMeanwhile), nothing changed.
   */
  readonly expectedName?: string;
  /** The code of another unit that has this name or alias, looked up by the handler. */
  readonly nameTakenBy: string | null;
  /** That unit's current name, and whether the new name is one of its former names; absent: said by code only. */
  readonly nameHolder?: NameHolder;
  /** The directory's current name of a unit (a refusal names the successor, never an id); absent: "another unit". */
  readonly nameOf?: (unitId: string) => string | undefined;
  /**
   * Other registered units whose name (or a former name) is near the new one, looked up by the handler as for a registration
   * (`RegisterUnit.nearUnits`; the unit's own names are never near). Any not in `distinctFrom` is refused (issue 10): renamed
   * 青川市教育局, 青川市教育体育局 would read as the other unit in every file that names either.
   */
  readonly nearUnits?: readonly NearUnit[];
  /** Ids of `nearUnits` the office confirmed are other units (这是另一个单位). */
  readonly distinctFrom?: readonly string[];
}

/** Merges the unit into its successor; the handler then hands its open parts over. */
export interface MergeUnit {
  readonly type: 'MergeUnit';
  readonly actor: Actor;
  /** The office's current day (China time). */
  readonly today: string;
  /** The office day of the merge: not in the future, not before either unit was registered. */
  readonly mergedOn: string;
  readonly successorUnitId: string;
  readonly reason: string;
  /**
   * The successor as the directory has it, looked up by the handler; undefined when unknown. `mergedOn`: the office day it was itself
   * merged into `mergedInto` (a merge dated on or before that day is taken: the successor existed then and passes the work on);
   * `carriedOnBy`: the last successor of its merges, the unit to merge into instead.
   */
  readonly successor:
    | { readonly mergedInto: string | null; readonly name: string; readonly registeredOn: string; readonly mergedOn?: string; readonly carriedOnBy?: string }
    | undefined;
  /** The directory's current name of a unit (a refusal names units, never ids); absent: "another unit". */
  readonly nameOf?: (unitId: string) => string | undefined;
  /**
   * The units merged into this one or handing their work over to it, each with the office day (`YYYY-MM-DD`) and `merged`
   * (true: a merge, false: a hand-over), looked up by the handler (`UnitsReadModel.predecessorsOf`); absent: none known.
   * A merge dated before a merge into it is refused (breaker8i P6): the unit would be gone on the day the other merged into it.
   */
  readonly predecessors?: readonly { readonly unitId: string; readonly on: string; readonly merged: boolean }[];
  /**
   * The reorganisations through which the successor's work, from the merge's day on, would come back to this unit (hand-overs
   * included), looked up by the handler (`UnitsReadModel.workPathTo(successorUnitId, unitId, mergedOn)`); absent or undefined:
   * none. Any is refused (breaker8j P1): the work would reach a unit merged away, which takes none.
   */
  readonly returnsBy?: readonly ReorganisationStep[] | undefined;
}

/**
 * Corrects the day the unit was registered to an earlier one, with a reason: a unit entered today
 * that existed before the past campaign now being entered (no work is dated before registration).
 */
export interface CorrectUnitRegistration {
  readonly type: 'CorrectUnitRegistration';
  readonly actor: Actor;
  /** The office's current day (China time). */
  readonly today: string;
  readonly registeredOn: string;
  readonly reason: string;
  /**
   * The registration day as the form showed it (`YYYY-MM-DD`; sent by the web app, absent: not checked). Another day now — corrected
   * meanwhile — is CONFLICT naming who set which day when (valueChangedMeanwhile), nothing changed.
   */
  readonly expectedRegisteredOn?: string;
  /**
   * The unit's earliest fact anywhere (a part assigned or handed over to it, a circular naming it, a
   * rename or merge), looked up by the handler (`UnitsReadModel.firstFactOf`): the registration is
   * not corrected to a day after it. Absent: the unit has none.
   */
  readonly firstFact?: DatedFact;
}

/** 机构改革 without a merge: the unit's duties pass to its successor on `handedOverOn` (see UnitWorkHandedOver). */
export interface HandOverUnitWork {
  readonly type: 'HandOverUnitWork';
  readonly actor: Actor;
  /** The office's current day (China time). */
  readonly today: string;
  readonly handedOverOn: string;
  readonly successorUnitId: string;
  readonly reason: string;
  /**
   * The successor as the directory has it, looked up by the handler; undefined when unknown. `mergedInto` / `mergedOn` /
   * `carriedOnBy` as for MergeUnit: a successor merged away before the hand-over's day is refused, naming the unit to pick.
   */
  readonly successor:
    | { readonly name: string; readonly registeredOn: string; readonly mergedInto?: string | null; readonly mergedOn?: string; readonly carriedOnBy?: string }
    | undefined;
  /** The directory's current name of a unit (a refusal names units, never ids). */
  readonly nameOf?: (unitId: string) => string | undefined;
}

/**
 * Corrects the day of the unit's merge, with a reason (breaker8p P6): the merge as it stands (`previousMergedOn`, the day the
 * form showed) is moved to `mergedOn`, judged as a merge of that day would be (`MergeUnit`'s rules). The handler passes the
 * parts again in the same batch.
 */
export interface CorrectUnitMergeDate {
  readonly type: 'CorrectUnitMergeDate';
  readonly actor: Actor;
  /** The office's current day (China time). */
  readonly today: string;
  readonly previousMergedOn: string;
  readonly mergedOn: string;
  readonly reason: string;
  /** As for MergeUnit, looked up by the handler for the successor the merge names. */
  readonly successor: MergeUnit['successor'];
  readonly nameOf?: (unitId: string) => string | undefined;
  readonly predecessors?: MergeUnit['predecessors'];
  readonly returnsBy?: MergeUnit['returnsBy'];
}

/**
 * How the directory holds a name asked for as a unit's other name (`RecordUnitOtherNames.holders`): the unit (code, current name)
 * and as what — its current name, a dated rename's former name, a 简称 or an undated 曾用名.
 */
export interface OtherNameHolder {
  readonly unitId: string;
  readonly code: string;
  readonly unitName: string;
  readonly as: 'NAME' | 'FORMER_NAME' | UnitOtherNameKind;
}

/**
 * Records the unit's 简称 and 曾用名 without a rename day (newcomer57-10 S1; `UnitOtherNamesRecorded`): by an administrator on the
 * 单位名录 page, or by the units import's 简称 / 曾用名 columns. Names the unit already answers to are left as they are (the same
 * file imported again records nothing).
 */
export interface RecordUnitOtherNames {
  readonly type: 'RecordUnitOtherNames';
  readonly actor: Actor;
  /** The office's current day (China time, `YYYY-MM-DD`): the recording's day. */
  readonly today: string;
  readonly names: readonly UnitOtherName[];
  /** Where the names come from: a 单位名录 file's name, or 单位名录页面. */
  readonly source: string;
  /** The directory's holder of each name asked for, by the name as given (looked up by the handler, `UnitsReadModel.otherNameHolderOf`); absent: none. */
  readonly holders?: ReadonlyMap<string, OtherNameHolder>;
}

/** Takes a wrongly recorded 简称 or 曾用名 off the unit (`UnitOtherNameRemoved`). */
export interface RemoveUnitOtherName {
  readonly type: 'RemoveUnitOtherName';
  readonly actor: Actor;
  /** The office's current day (China time, `YYYY-MM-DD`). */
  readonly today: string;
  readonly name: string;
}

/**
 * The unit's kind and parent unit from office day `changedOn` (breaker57-10 S1: a school moved under another district government,
 * a unit typed 其他 now a 部门): collective names (市直各部门, 各区县政府, 各科室) read as of a day on or after it count the unit by
 * its new place, before it by its old one.
 */
export interface ChangeUnitKindAndParent {
  readonly type: 'ChangeUnitKindAndParent';
  readonly actor: Actor;
  /** The office's current day (China time). */
  readonly today: string;
  /** `YYYY-MM-DD`, the office day the change took effect: not in the future, not before the unit's registration. */
  readonly changedOn: string;
  readonly kind: UnitKind;
  /** The new parent unit's id; null: under no unit. */
  readonly parentUnitId: string | null;
  readonly reason: string;
  /**
   * The new parent as the directory has it, looked up by the handler (undefined: no such unit, or `parentUnitId` null), with its own
   * parents, nearest first (`ancestors`, ids): the unit among them would be its own parent's parent.
   */
  readonly parent?: { readonly code: string; readonly name: string; readonly registeredOn: string; readonly mergedInto: string | null; readonly mergedOn?: string | null; readonly ancestors: readonly string[] };
  /** The kind and parent as the form showed them (the web app sends them; absent: not checked): others now are CONFLICT, nothing changed. */
  readonly expected?: { readonly kind: UnitKind; readonly parentUnitId: string | null };
  /** The directory's current name of a unit (refusals name units, never ids). */
  readonly nameOf?: (unitId: string) => string | undefined;
}

export type UnitCommand = RegisterUnit | RenameUnit | MergeUnit | CorrectUnitRegistration | HandOverUnitWork | CorrectUnitMergeDate | RecordUnitOtherNames | RemoveUnitOtherName | ChangeUnitKindAndParent;

/** A unit's kind and parent from office day `on` (`YYYY-MM-DD`): its registration's, then each UnitKindAndParentChanged by day. */
export interface UnitPlacement {
  readonly kind: UnitKind;
  readonly parentUnitId: string | null;
  readonly on: string;
}

/** The placement of `placements` (by day, earliest first) in force on office day `day`: the last taken by then, else the first. */
export function placementOn<Placement extends { readonly on: string }>(placements: readonly Placement[], day: string): Placement | undefined {
  return placements.filter((placed) => placed.on <= day).at(-1) ?? placements[0];
}

export type UnitState =
  | { readonly status: 'unregistered' }
  | {
      readonly status: 'registered';
      readonly unitId: string;
      readonly code: string;
      readonly name: string;
      /** Former names, oldest first. */
      readonly formerNames: readonly string[];
      readonly mergedInto: string | null;
      /** The office day of that merge; absent while it stands (or on a state folded before it was kept). */
      readonly mergedOn?: string;
      /** The office day it was registered. */
      readonly registeredOn: string;
      /** The office day of its earliest rename (nothing of the unit is registered after it); null while it has its first name. */
      readonly renamedOn: string | null;
      /**
       * Its names by the office day each took effect, the first its registration's (renames may be
       * typed out of date order: each takes its place by day, breaker8e P6); absent on a state
       * folded before it was kept — read as the first name alone.
       */
      readonly names?: readonly { readonly name: string; readonly on: string }[];
      /** Its hand-overs without a merge (UnitWorkHandedOver), as recorded; absent while none. */
      readonly handOvers?: readonly { readonly successorUnitId: string; readonly on: string }[];
      /** Its 简称 and undated 曾用名 (UnitOtherNamesRecorded, less those removed), in the order recorded; absent while none. */
      readonly otherNames?: readonly UnitOtherName[];
      /** Its kind and parent by the office day each took effect (registration's first, then UnitKindAndParentChanged); absent on a state folded before it was kept. */
      readonly placements?: readonly UnitPlacement[];
    };

/** A unit's id is derived from its code, so two units can never share a code. */
export const unitDecider: Decider<UnitCommand, UnitState, UnitEvent> = {
  initialState: () => ({ status: 'unregistered' }),

  evolve(state, event) {
    switch (event.type) {
      case 'UnitRegistered':
        return {
          status: 'registered',
          unitId: event.data.unitId,
          code: event.data.code,
          name: event.data.name,
          formerNames: [],
          mergedInto: null,
          registeredOn: event.data.registeredOn,
          renamedOn: null,
          placements: [{ kind: event.data.kind, parentUnitId: event.data.parentUnitId, on: event.data.registeredOn }],
        };
      case 'UnitRenamed': {
        if (state.status !== 'registered') return state;
        // By day, a rename of an earlier day typed later taking its place (stable: one day keeps the order recorded).
        const names = [...namesOf(state), { name: event.data.name, on: event.data.renamedOn }].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
        const name = names.at(-1)!.name;
        const formerNames = [...new Set(names.map((named) => named.name))].filter((former) => former !== name);
        const renamedOn = state.renamedOn === null || event.data.renamedOn < state.renamedOn ? event.data.renamedOn : state.renamedOn;
        return { ...state, name, formerNames, renamedOn, names };
      }
      case 'UnitMerged':
        if (state.status !== 'registered') return state;
        return { ...state, mergedInto: event.data.successorUnitId, mergedOn: event.data.mergedOn };
      case 'UnitRegistrationCorrected':
        if (state.status !== 'registered') return state;
        return { ...state, registeredOn: event.data.registeredOn };
      case 'UnitWorkHandedOver':
        if (state.status !== 'registered') return state;
        return { ...state, handOvers: [...(state.handOvers ?? []), { successorUnitId: event.data.successorUnitId, on: event.data.handedOverOn }] };
      case 'UnitMergeDateCorrected':
        if (state.status !== 'registered') return state;
        return { ...state, mergedOn: event.data.mergedOn };
      case 'UnitOtherNamesRecorded':
        if (state.status !== 'registered') return state;
        return { ...state, otherNames: [...(state.otherNames ?? []), ...event.data.names] };
      case 'UnitOtherNameRemoved': {
        if (state.status !== 'registered') return state;
        const removed = unitNameKey(event.data.name);
        return { ...state, otherNames: (state.otherNames ?? []).filter((other) => unitNameKey(other.name) !== removed) };
      }
      case 'UnitKindAndParentChanged': {
        if (state.status !== 'registered') return state;
        // By day (stable: one day keeps the order recorded), a change of an earlier day typed later in its place.
        const earlier = state.placements ?? [{ kind: event.data.previousKind, parentUnitId: event.data.previousParentUnitId, on: state.registeredOn }];
        const placements = [...earlier, { kind: event.data.kind, parentUnitId: event.data.parentUnitId, on: event.data.changedOn }].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
        return { ...state, placements };
      }
      default:
        return unreachable(event);
    }
  },

  decide(command, state) {
    switch (command.type) {
      case 'RegisterUnit':
        return registerUnit(command, state);
      case 'RenameUnit':
        return renameUnit(command, state);
      case 'MergeUnit':
        return mergeUnit(command, state);
      case 'CorrectUnitRegistration':
        return correctRegistration(command, state);
      case 'HandOverUnitWork':
        return handOverWork(command, state);
      case 'CorrectUnitMergeDate':
        return correctMergeDate(command, state);
      case 'RecordUnitOtherNames':
        return recordOtherNames(command, state);
      case 'RemoveUnitOtherName':
        return removeOtherName(command, state);
      case 'ChangeUnitKindAndParent':
        return changeKindAndParent(command, state);
      default:
        return unreachable(command);
    }
  },
};

function registerUnit(command: RegisterUnit, state: UnitState): UnitEvent[] {
  if (state.status === 'registered') {
    throw conflict(`A unit with code ${state.code} is already registered (${state.name}).`, `代码为 ${state.code} 的单位已经登记（${state.name}）。`, { field: 'code' });
  }
  // Plans and findings name their units: two units of one name would make those names ambiguous.
  if (command.nameTakenBy) throw nameTaken(storedUnitName(command.data.name), command.nameTakenBy, command.nameHolder);
  refuseNearUnitsUnconfirmed('register', command.data.name, command.data.unitId, command);
  if (command.data.parentUnitId && !command.parentExists) throw notFound('Parent unit', command.data.parentUnitId, 'parentUnitId');
  requireBusinessDay(command.data.registeredOn, command.today, named('registeredOn', 'The registration date', '单位登记日期'));
  return [{ type: 'UnitRegistered', data: { ...command.data, name: storedUnitName(command.data.name) } }];
}

/** What a name near other units' is given by (`refuseNearUnitsUnconfirmed`): a new unit's registration, or a unit's rename. */
type NamingAct = 'register' | 'rename';

/**
 * CONFLICT unless the office confirmed each: a name given to unit `unitId` (registered, or renamed to) is near other registered
 * units' (`nearUnits`, from `nearUnitNames`), so it may be one of them written another way — registered, one unit would be in the
 * directory twice; renamed to (issue 10), files naming either would be read as the wrong one. Those in `distinctFrom` (这是另一个
 * 单位) and the unit itself are not asked. Nothing is appended. `extensions`: `field: 'name'`, `unitId` and `nearName` of the
 * first, `nearUnitIds` of all — a form offers to confirm 这是另一个单位 and sends the ids in `distinctFrom`.
 */
function refuseNearUnitsUnconfirmed(act: NamingAct, name: string, unitId: string, command: { readonly nearUnits?: readonly NearUnit[]; readonly distinctFrom?: readonly string[] }): void {
  const confirmed = new Set(command.distinctFrom ?? []);
  const near = (command.nearUnits ?? []).filter((unit) => unit.unitId !== unitId && !confirmed.has(unit.unitId));
  if (near.length === 0) return;
  const first = near[0]!;
  const units = { en: near.map((unit) => `"${unit.name}" (${unit.code})`).join(', '), zh: near.map((unit) => `“${unit.name}”（编码 ${unit.code}）`).join('、') };
  const plural = near.length > 1 ? 's' : '';
  const [en, zh] =
    act === 'register'
      ? [
          `Unit "${name}" is near the registered unit${plural} ${units.en}: it may be the same unit written another way. If it is, use the registered unit; if it is another unit, confirm it (distinctFrom) and register it again.`,
          `单位“${name.trim()}”与已登记的单位${units.zh}相近，可能是同一单位的不同写法：如是同一单位，无需再登记，请使用已登记的单位；如确是另一个单位，请确认“这是另一个单位”后再登记。`,
        ]
      : [
          `The new name "${name}" is near the registered unit${plural} ${units.en}: files naming either would be read as the other. If the two are one unit, merge them rather than renaming; if it is another unit, confirm it (distinctFrom) and rename again.`,
          `新名称“${name.trim()}”与已登记的单位${units.zh}相近，更名后文件中的这两个名称可能被当作同一单位：如确是同一单位，请使用“合并单位”，不要更名；如确是另一个单位，请确认“这是另一个单位”后再更名。`,
        ];
  throw conflict(en, zh, { field: 'name', unitId: first.unitId, nearName: first.name, nearUnitIds: near.map((unit) => unit.unitId) });
}

const requireAdmin = (actor: Actor, en: string, zh: string) => {
  if (actor.role !== 'ADMIN' && actor.role !== 'SYSTEM') throw forbidden(`Only ADMIN users may ${en}.`, `只有系统管理员可以${zh}。`);
};

function requireRegistered(state: UnitState) {
  if (state.status !== 'registered') throw new DomainError('NOT_FOUND', say('The unit is not in the directory.', '单位名录中没有该单位。'));
  return state;
}

function requireReason(reason: string, zh: string): void {
  if (isBlank(reason)) throw badInput('A reason is required (e.g. the reorganisation it follows).', zh, { field: 'reason' });
}

/**
 * A renamed unit keeps its id, code, parts and history. Renaming to its current name is a retry
 * and changes nothing; a name another unit has or had is refused, so a name never means two units,
 * and so is one near another unit's unless the office confirms it (`nearUnits`, `distinctFrom`: issue 10,
 * the rule of a registration). Errors: FORBIDDEN, NOT_FOUND, CONFLICT (merged, name taken, near names),
 * BAD_USER_INPUT (blank name, no reason, a day in the future or before the registration).
 */
function renameUnit(command: RenameUnit, state: UnitState): UnitEvent[] {
  requireAdmin(command.actor, 'rename units', '更改单位名称');
  const unit = requireRegistered(state);
  const name = storedUnitName(command.name);
  const { renamedOn } = command;
  const names = namesOf(unit);
  // The name in force on the rename's day: renames may be typed out of date order (breaker8e P6).
  const inForce = names.filter((named) => named.on <= renamedOn).at(-1) ?? names[0]!;
  if (name === inForce.name) return [];
  // Renamed since the form read it: the second administrator is told, the first's name kept (issue 9).
  if (command.expectedName !== undefined && storedUnitName(command.expectedName) !== unit.name) {
    throw valueChangedMeanwhile(say(`The name of unit ${unit.code}`, `单位（代码 ${unit.code}）的名称`), unit.name, storedUnitName(command.expectedName), { types: ['UnitRenamed'], field: 'expectedName' });
  }
  // A rename of a day before its merge, typed after the merge (a file found later), is its name then (breaker8e P6).
  if (unit.mergedInto && (unit.mergedOn === undefined || command.renamedOn >= unit.mergedOn)) {
    const merged = mergedInto(unit, command.nameOf);
    throw conflict(`${unit.name} was merged into ${merged.en}; it is not renamed any more.`, `${unit.name}已${merged.zh}，不能再更名。`);
  }
  if (isBlank(name)) throw badInput('The new name is required.', '请填写新名称。', { field: 'name' });
  if (command.nameTakenBy && command.nameTakenBy !== unit.code) throw nameTaken(name, command.nameTakenBy, command.nameHolder);
  requireReason(command.reason, '更名须说明理由（如机构改革文件）。');
  requireBusinessDay(renamedOn, command.today, named('renamedOn', 'The day of the rename', '更名日期'));
  const renamed = { day: renamedOn, what: named('renamedOn', `the day ${inForce.name} was renamed`, `${inForce.name}的更名日期`) };
  requireNotBefore(renamed, registration(unit));
  // Asked last: what must be corrected is said first, so a confirmed rename is not refused for its day after.
  refuseNearUnitsUnconfirmed('rename', name, unit.unitId, command);
  return [{ type: 'UnitRenamed', data: { unitId: unit.unitId, previousName: inForce.name, name, reason: command.reason.trim(), renamedOn } }];
}

/**
 * The unit's rename of office day `day` (`YYYY-MM-DD`, one of its renames), as a dated fact named by the names of that day —
 * 「青川市甲局更名为青川市乙局」 — not by today's name, which a later rename may have given since (breaker8u P13:
 * a refusal named the 2016 rename by the name the unit took in 2020).
 */
function renameOn(unit: Extract<UnitState, { status: 'registered' }>, day: string): DatedFact {
  const names = namesOf(unit);
  const index = names.findIndex((named, at) => at > 0 && named.on === day);
  if (index < 0) return { day, what: say(`the rename of ${unit.name}`, `${unit.name}的更名`) };
  const [before, after] = [names[index - 1]!.name, names[index]!.name];
  return { day, what: say(`the rename of ${before} to ${after}`, `${before}更名为${after}`) };
}

/** The unit's names by the day each took effect, the first its registration's (see `UnitState.names`). */
function namesOf(unit: Extract<UnitState, { status: 'registered' }>): readonly { readonly name: string; readonly on: string }[] {
  return unit.names ?? [{ name: unit.formerNames[0] ?? unit.name, on: unit.registeredOn }, ...(unit.formerNames.length > 0 ? [{ name: unit.name, on: unit.renamedOn ?? unit.registeredOn }] : [])];
}

/**
 * A unit merges once, on one day, into a unit still standing on the merge's day (one merged away later passes the work on
 * then), and never into a unit whose own merges lead back to it (breaker8i P1: a circle leaves every open part of its units
 * with a unit that takes no work). Sent again with the same successor and day it is a retry; with another day it is refused
 * naming the recorded day (breaker8i P8: a merge's day is not corrected by sending it again). Errors: FORBIDDEN (not an
 * administrator), NOT_FOUND (either unit), CONFLICT (merged already, a circle — of merges, or through hand-overs dated after the
 * day (breaker8j P1) —, a successor merged away before the day, a unit merged into it after the day), BAD_USER_INPUT (itself, no
 * reason, a day in the future or before either registration).
 */
function mergeUnit(command: MergeUnit, state: UnitState): UnitEvent[] {
  requireAdmin(command.actor, 'merge units', '合并单位');
  const unit = requireRegistered(state);
  if (!command.successor) throw notFound('Unit', command.successorUnitId, 'successorUnitId');
  if (unit.mergedInto === command.successorUnitId) {
    if (unit.mergedOn === undefined || unit.mergedOn === command.mergedOn) return [];
    const merged = mergedInto(unit, command.nameOf);
    throw conflict(
      `${unit.name} was already merged into ${merged.en}; a merge's day is not corrected by merging again on ${command.mergedOn}: correct it with correctUnitMergeDate (更正合并日期).`,
      `${unit.name}已${merged.zh}；合并日期不能这样更正（再次合并并填写 ${command.mergedOn}），请使用“更正合并日期”（correctUnitMergeDate），填写原合并日期 ${unit.mergedOn}、正确日期 ${command.mergedOn} 和理由。`,
      { field: 'mergedOn' },
    );
  }
  if (unit.mergedInto) {
    const merged = mergedInto(unit, command.nameOf);
    throw conflict(`${unit.name} was already merged into ${merged.en}.`, `${unit.name}已${merged.zh}。`);
  }
  if (command.successorUnitId === unit.unitId) throw badInput('A unit cannot be merged into itself.', '单位不能并入自身。', { field: 'successorUnitId' });
  refuseCircle(command, unit);
  refuseCircleThroughHandOver(command, unit, command.successor.name);
  refuseMergedIntoLater(command, unit, command.successor.name);
  // A successor merged away on or after this merge's day existed then: its merge passes the parts on, on its own day (breaker8h P3's
  // kind). The rule the 并入其他单位 picker offers by (takes-over-on.ts).
  if (mergedAwayBefore(command.successor, command.mergedOn)) {
    const { successor } = command;
    const merged = mergedInto({ mergedInto: successor.mergedInto, ...(successor.mergedOn ? { mergedOn: successor.mergedOn } : {}) }, command.nameOf);
    const last = command.nameOf?.(successor.carriedOnBy ?? successor.mergedInto ?? '');
    throw conflict(
      `${successor.name} was itself merged into ${merged.en} (before ${command.mergedOn}): merge into ${last ?? 'the unit that carries on its work'}.`,
      `承继单位${successor.name}已${merged.zh}（早于 ${command.mergedOn}），请直接并入${last ?? '最终承继单位'}。`,
      { field: 'successorUnitId' },
    );
  }
  requireReason(command.reason, '合并须说明理由（如机构改革文件）。');
  const { mergedOn, successor } = command;
  requireBusinessDay(mergedOn, command.today, named('mergedOn', 'The day of the merge', '合并日期'));
  const merged = { day: mergedOn, what: named('mergedOn', `the day ${unit.name} was merged`, `${unit.name}的合并日期`) };
  requireNotBefore(merged, registration(unit));
  requireNotBefore(merged, registration(successor));
  return [{ type: 'UnitMerged', data: { unitId: unit.unitId, successorUnitId: command.successorUnitId, reason: command.reason.trim(), mergedOn } }];
}

/**
 * A merge into a unit whose own merges (on or after this merge's day, the only ones a merge into it may follow) lead back to
 * the unit merging: it would be its own successor (breaker8i P1: A→B and B→A, or a circle of three, in either order of typing).
 * `successor.carriedOnBy` is the last successor of its merges; the unit merging stands, so a chain through it ends at it.
 */
function refuseCircle(command: MergeUnit, unit: { readonly unitId: string; readonly name: string }): void {
  const { successor } = command;
  if (!successor?.mergedInto) return;
  if (successor.mergedInto !== unit.unitId && successor.carriedOnBy !== unit.unitId) return;
  const merged = mergedInto({ mergedInto: successor.mergedInto, ...(successor.mergedOn ? { mergedOn: successor.mergedOn } : {}) }, command.nameOf);
  const back = successor.mergedInto === unit.unitId;
  throw conflict(
    `${unit.name} cannot be merged into ${successor.name}: ${successor.name} was itself merged into ${merged.en}${back ? '' : `, whose work passes back to ${unit.name}`}; ${unit.name} would become its own successor.`,
    `${unit.name}不能并入${successor.name}：${successor.name}已${merged.zh}${back ? '' : `，其工作最终回到${unit.name}`}，合并后${unit.name}将成为自己的承继单位。请核对两次合并的方向。`,
    { field: 'successorUnitId' },
  );
}

/**
 * A merge into a unit whose work, by hand-overs dated after the merge (and any merges between), comes back to the unit merging
 * (breaker8j P1: B hands its work to A on 08-01, then A's merge into B dated 07-01 is typed): the parts would end with A, merged
 * away, and nobody could report them. In date order the hand-over into A, merged by then, is refused; so is this merge, naming the
 * way back. Merges alone are `refuseCircle`'s.
 */
function refuseCircleThroughHandOver(command: MergeUnit, unit: { readonly name: string }, successorName: string): void {
  const path = command.returnsBy;
  if (!path || path.length === 0) return;
  const name = (unitId: string) => command.nameOf?.(unitId);
  const en = path.map((step) => `${name(step.unitId) ?? 'a unit'} ${step.merged ? 'was merged into' : 'handed its work over to'} ${name(step.successorUnitId) ?? 'another unit'} on ${step.on}`).join(', then ');
  const zh = path.map((step) => `${name(step.unitId) ?? '有单位'}于 ${step.on} ${step.merged ? '并入' : '把任务移交'}${name(step.successorUnitId) ?? '其他单位'}`).join('，');
  const { mergedOn } = command;
  throw conflict(
    `${unit.name} cannot be merged into ${successorName} on ${mergedOn}: ${en}; its work would come back to ${unit.name} after its merge, and a unit merged away takes no work. Check the days of the merge and of those hand-overs.`,
    `${unit.name}不能于 ${mergedOn} 并入${successorName}：${zh}，晚于该合并日期，其任务将回到已合并的${unit.name}，而单位合并后不再承担任务。请核对合并日期和移交日期。`,
    { field: 'mergedOn' },
  );
}

/**
 * A merge dated before the day another unit was merged into this one: the directory would say that unit merged into one gone
 * by then (breaker8i P6, the reverse of breaker8h P3's rule: in date order that later merge into it is refused, naming its
 * successor). The latest such merge is named. A hand-over into the unit dated after the merge stays accepted: its parts pass
 * on to the successor on the day they were taken over (breaker8f P4 rest, business-time-units e2e).
 */
function refuseMergedIntoLater(command: MergeUnit, unit: { readonly name: string }, successorName: string): void {
  const later = (command.predecessors ?? [])
    .filter((taken) => taken.merged && taken.on > command.mergedOn)
    .sort((a, b) => (a.on < b.on ? 1 : a.on > b.on ? -1 : 0))[0];
  if (!later) return;
  const { mergedOn } = command;
  const other = { en: command.nameOf?.(later.unitId) ?? 'another unit', zh: command.nameOf?.(later.unitId) ?? '其他单位' };
  throw conflict(
    `${unit.name} cannot be merged into ${successorName} on ${mergedOn}: ${other.en} was merged into it on ${later.on}, after that day; a unit merged away takes no unit in.`,
    `${unit.name}不能于 ${mergedOn} 并入${successorName}：${other.zh}已于 ${later.on} 并入${unit.name}，晚于该合并日期；单位合并后不再有其他单位并入。`,
    { field: 'mergedOn' },
  );
}

/**
 * Recorded beside the parts it moves, so that a part that comes back later still passes. The same
 * hand-over sent again (same successor, same day) records nothing new. Errors: FORBIDDEN (not an administrator), NOT_FOUND (the
 * successor), BAD_USER_INPUT (to itself, no reason, a day in the future or before either registration), CONFLICT (a successor
 * merged away before the day; the unit itself merged away before the day, breaker8j P9).
 */
function handOverWork(command: HandOverUnitWork, state: UnitState): UnitEvent[] {
  requireAdmin(command.actor, 'hand a unit’s work over', '移交单位的任务');
  const unit = requireRegistered(state);
  if (!command.successor) throw notFound('Unit', command.successorUnitId);
  const { handedOverOn, successorUnitId, successor } = command;
  if ((unit.handOvers ?? []).some((earlier) => earlier.successorUnitId === successorUnitId && earlier.on === handedOverOn)) return [];
  if (successorUnitId === unit.unitId) throw badInput('A unit cannot hand its part over to itself.', '不能把任务移交给本单位。', { field: 'successorUnitId' });
  // A unit merged away before the day no longer existed then: its work is its successor's (breaker8j P9; as a rename is refused).
  // On its merge day it may still hand some duties over (a unit split on the day). Typed the other way round (the hand-over first,
  // then a merge dated before it) the merge is taken and the parts go as in date order (hand-overs-in-date-order e2e, breaker8e P1):
  // refusing it would leave the office no way to record the merge (a hand-over is not undone).
  if (unit.mergedInto && unit.mergedOn !== undefined && handedOverOn > unit.mergedOn) {
    const merged = mergedInto(unit, command.nameOf);
    throw conflict(
      `${unit.name} was merged into ${merged.en}, before ${handedOverOn}; a unit merged away hands nothing over: its work is its successor's.`,
      `${unit.name}已${merged.zh}（早于 ${handedOverOn}），合并后不能再移交任务，其任务已由承继单位承担。`,
      { field: 'handedOverOn' },
    );
  }
  // A successor merged away before the day no longer existed then (on or after it, its merge passes the work on: breaker8h P3).
  if (successor.mergedInto && successor.mergedOn !== undefined && handedOverOn > successor.mergedOn) {
    const merged = mergedInto({ mergedInto: successor.mergedInto, mergedOn: successor.mergedOn }, command.nameOf);
    const last = command.nameOf?.(successor.carriedOnBy ?? successor.mergedInto);
    throw conflict(
      `${successor.name} was merged into ${merged.en} (before ${handedOverOn}); it takes no new work: hand the work over to ${last ?? 'the unit that carries on its work'}.`,
      `承继单位${successor.name}已${merged.zh}（早于 ${handedOverOn}），不再承担新的工作；请移交给${last ?? '最终承继单位'}。`,
      { field: 'successorUnitId' },
    );
  }
  requireReason(command.reason, '移交任务须说明理由（如机构改革文件）。');
  requireBusinessDay(handedOverOn, command.today, say('The day of the handover', '移交日期'));
  // Worded as each part's hand-over refuses it (assignment.decider.ts handOverPart): one refusal, whichever is checked first.
  const handedOver = { day: handedOverOn, what: say(`the handover of the part of ${unit.name}`, `${unit.name}任务的移交日期`) };
  requireNotBefore(handedOver, registration(unit));
  requireNotBefore(handedOver, registration(successor));
  return [{ type: 'UnitWorkHandedOver', data: { unitId: unit.unitId, successorUnitId, reason: command.reason.trim(), handedOverOn } }];
}

/**
 * To any day not in the future and not after the unit's earliest fact (its first part, a circular
 * naming it, its own rename or merge): every fact of the unit stays on or after its registration.
 * Earlier, for a unit that existed before the past campaign being entered; later, for one entered
 * with too early a day (a campaign typed in with one registration day for every unit, breaker8b N6).
 */
function correctRegistration(command: CorrectUnitRegistration, state: UnitState): UnitEvent[] {
  requireAdmin(command.actor, 'correct a unit’s registration day', '更正单位登记日期');
  const unit = requireRegistered(state);
  requireReason(command.reason, '更正登记日期须说明理由。');
  const { registeredOn } = command;
  // Corrected since the form read it (issue 9): the second administrator is told, the first's day kept.
  if (command.expectedRegisteredOn !== undefined && command.expectedRegisteredOn !== unit.registeredOn) {
    throw valueChangedMeanwhile(say(`The registration day of ${unit.name}`, `${unit.name}的登记日期`), unit.registeredOn, command.expectedRegisteredOn, { types: ['UnitRegistrationCorrected'], field: 'expectedRegisteredOn' });
  }
  requireBusinessDay(registeredOn, command.today, named('registeredOn', 'The corrected registration date', '更正后的登记日期'));
  if (registeredOn === unit.registeredOn) throw badInput(`${unit.name} is already registered as of ${registeredOn}.`, `${unit.name}的登记日期已是 ${registeredOn}。`, { field: 'registeredOn' });
  const ownFacts: (DatedFact | undefined)[] = [command.firstFact, unit.renamedOn === null ? undefined : renameOn(unit, unit.renamedOn)];
  const earliest = ownFacts.filter((fact): fact is DatedFact => fact !== undefined).sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0))[0];
  if (earliest && registeredOn > earliest.day) {
    throw badInput(
      `The registration of ${unit.name} cannot be corrected to ${registeredOn}: its earliest fact, ${earliest.what.en}, is of ${earliest.day}; no fact of a unit is dated before its registration.`,
      `${unit.name}的登记日期不能更正为 ${registeredOn}：其最早的记录（${earliest.what.zh}）在 ${earliest.day}；单位的记录不能早于其登记日期。`,
      { field: 'registeredOn' },
    );
  }
  const data = { unitId: unit.unitId, previousRegisteredOn: unit.registeredOn, registeredOn, reason: command.reason.trim(), correctedOn: command.today };
  return [{ type: 'UnitRegistrationCorrected', data }];
}

/**
 * The merge moved to its right day (breaker8p P6), judged as a merge typed with that day: not in the future, not before either
 * registration, into a successor standing then, with no merge into the unit after it, no way for the work to come back, and no
 * hand-over of the unit's own dated after it. Errors: FORBIDDEN (not an administrator), CONFLICT (not merged; the merge reads
 * another day now — corrected meanwhile; those rules), BAD_USER_INPUT (no reason, the same day, the day's own rules).
 */
function correctMergeDate(command: CorrectUnitMergeDate, state: UnitState): UnitEvent[] {
  requireAdmin(command.actor, 'correct the day of a merge', '更正合并日期');
  const unit = requireRegistered(state);
  if (!unit.mergedInto || unit.mergedOn === undefined) {
    throw conflict(`${unit.name} has not been merged into another unit: there is no merge day to correct.`, `${unit.name}未并入其他单位，没有可更正的合并日期。`, { field: 'unitId' });
  }
  const { previousMergedOn, mergedOn } = command;
  if (unit.mergedOn !== previousMergedOn) {
    // Corrected since the form read it: worded by the one rule of such races (issue 9), naming who set which day when.
    const successor = command.nameOf?.(unit.mergedInto);
    const what = successor ? say(`The day ${unit.name} merged into ${successor}`, `${unit.name}并入${successor}的日期`) : say(`The day of the merge of ${unit.name}`, `${unit.name}的合并日期`);
    throw valueChangedMeanwhile(what, unit.mergedOn, previousMergedOn, { types: ['UnitMergeDateCorrected', 'UnitMerged'], field: 'previousMergedOn' });
  }
  if (mergedOn === unit.mergedOn) throw badInput(`${unit.name} is already merged as of ${mergedOn}.`, `${unit.name}的合并日期已是 ${mergedOn}。`, { field: 'mergedOn' });
  requireReason(command.reason, '更正合并日期须说明理由。');
  if (!command.successor) throw notFound('Unit', unit.mergedInto, 'unitId');
  // A hand-over of its own dated after the corrected day: a unit merged away hands nothing over (handOverWork's rule).
  const handedLater = (unit.handOvers ?? []).filter((handOver) => handOver.on > mergedOn).sort((a, b) => (a.on < b.on ? 1 : -1))[0];
  if (handedLater) {
    const other = command.nameOf?.(handedLater.successorUnitId) ?? '其他单位';
    throw conflict(
      `The merge of ${unit.name} cannot be dated ${mergedOn}: it handed work over to ${other} on ${handedLater.on}, after that day, and a unit merged away hands nothing over.`,
      `${unit.name}的合并日期不能更正为 ${mergedOn}：该单位于 ${handedLater.on} 把任务移交${other}，晚于该日期，而单位合并后不能再移交任务。`,
      { field: 'mergedOn' },
    );
  }
  // Judged as the merge typed with the corrected day (its successor and its rules).
  const asMerge: MergeUnit = {
    type: 'MergeUnit',
    actor: command.actor,
    today: command.today,
    mergedOn,
    successorUnitId: unit.mergedInto,
    reason: command.reason,
    successor: command.successor,
    ...(command.nameOf ? { nameOf: command.nameOf } : {}),
    ...(command.predecessors ? { predecessors: command.predecessors } : {}),
    ...(command.returnsBy ? { returnsBy: command.returnsBy } : {}),
  };
  mergeUnit(asMerge, { ...unit, mergedInto: null, mergedOn: undefined } as UnitState);
  return [{ type: 'UnitMergeDateCorrected', data: { unitId: unit.unitId, successorUnitId: unit.mergedInto, previousMergedOn, mergedOn, reason: command.reason.trim(), correctedOn: command.today } }];
}

/** "merged into X on D" as a refusal says it, X by its name (never an id): `zh` reads after 已 ("已于 D 并入X"). */
function mergedInto(unit: { readonly mergedInto: string | null; readonly mergedOn?: string }, nameOf: ((unitId: string) => string | undefined) | undefined): { en: string; zh: string } {
  const name = (unit.mergedInto && nameOf?.(unit.mergedInto)) || undefined;
  const on = unit.mergedOn;
  return {
    en: `${name ?? 'another unit'}${on ? ` on ${on}` : ''}`,
    zh: `${on ? `于 ${on} ` : ''}并入${name ?? '其他单位'}`,
  };
}

/** A unit's registration as the order rules name it: nothing happens to a unit before it. */
const registration = (unit: { readonly name: string; readonly registeredOn: string }): DatedFact => ({
  day: unit.registeredOn,
  what: say(`the registration of ${unit.name}`, `${unit.name}的登记日期`),
});

/** A kind of other name as a clerk reads it: 简称 or 曾用名. */
export const otherNameKindZh = (kind: UnitOtherNameKind | 'NAME' | 'FORMER_NAME'): string =>
  kind === 'SHORT_NAME' ? '简称' : kind === 'EARLIER_NAME' ? '曾用名' : kind === 'FORMER_NAME' ? '更名前的名称' : '正式名称';
const otherNameKindEn = (kind: UnitOtherNameKind | 'NAME' | 'FORMER_NAME'): string =>
  kind === 'SHORT_NAME' ? 'short name' : kind === 'EARLIER_NAME' ? 'earlier name' : kind === 'FORMER_NAME' ? 'former name (before a rename)' : 'official name';

/**
 * Records the names the unit does not answer to yet, in the order given (a name given twice, once): a name it already has —
 * current, a dated rename's former name, or an other name of either kind — is left as it is, so a retry or the same 单位名录 file
 * imported again records nothing. The near-name rules are not asked: the office names this unit by it, which is what a recorded
 * name says. Errors: FORBIDDEN (not an administrator), NOT_FOUND (the unit), BAD_USER_INPUT (no name, a blank one), CONFLICT (a
 * name another unit has or had — its current name, former name, 简称 or 曾用名 —, naming both units: one name never reads as two).
 */
function recordOtherNames(command: RecordUnitOtherNames, state: UnitState): UnitEvent[] {
  requireAdmin(command.actor, 'record a unit’s short or earlier names', '登记单位的简称或曾用名');
  const unit = requireRegistered(state);
  if (command.names.length === 0) throw badInput('Give at least one name.', '请填写简称或曾用名。', { field: 'names' });
  const own = new Set([unit.name, ...unit.formerNames, ...(unit.otherNames ?? []).map((other) => other.name)].map(unitNameKey));
  const names: UnitOtherName[] = [];
  for (const asked of command.names) {
    const name = storedUnitName(asked.name);
    if (isBlank(name)) throw badInput('A short or earlier name is blank.', `${otherNameKindZh(asked.kind)}不能为空。`, { field: 'names' });
    const holder = command.holders?.get(asked.name) ?? command.holders?.get(name);
    if (holder && holder.unitId !== unit.unitId) {
      throw conflict(
        `"${name}" cannot be recorded as the ${otherNameKindEn(asked.kind)} of ${unit.name} (code ${unit.code}): it is the ${otherNameKindEn(holder.as)} of ${holder.unitName} (code ${holder.code}), and files naming it are read as that unit. If it was recorded for that unit by mistake, remove it there first.`,
        `“${name}”不能登记为${unit.name}（编码 ${unit.code}）的${otherNameKindZh(asked.kind)}：它已是${holder.unitName}（编码 ${holder.code}）的${otherNameKindZh(holder.as)}，文件中写“${name}”的均按${holder.unitName}读取。如是误登记在该单位名下，请先在该单位删去后再登记。`,
        { field: 'names', unitId: holder.unitId },
      );
    }
    if (own.has(unitNameKey(name))) continue;
    own.add(unitNameKey(name));
    names.push({ name, kind: asked.kind });
  }
  if (names.length === 0) return [];
  return [{ type: 'UnitOtherNamesRecorded', data: { unitId: unit.unitId, names, source: command.source.trim(), recordedOn: command.today } }];
}

/**
 * Takes one of the unit's recorded 简称 / 曾用名 off it. A dated rename's former name is no recorded other name: it stays (the
 * unit's history). Errors: FORBIDDEN (not an administrator), NOT_FOUND (the unit), BAD_USER_INPUT (not one of its recorded other
 * names — removed already, or a former name of a rename).
 */
function removeOtherName(command: RemoveUnitOtherName, state: UnitState): UnitEvent[] {
  requireAdmin(command.actor, 'remove a unit’s short or earlier name', '删除单位的简称或曾用名');
  const unit = requireRegistered(state);
  const key = unitNameKey(command.name);
  const other = (unit.otherNames ?? []).find((each) => unitNameKey(each.name) === key);
  if (!other) {
    const former = unit.formerNames.some((each) => unitNameKey(each) === key);
    throw badInput(
      former
        ? `"${command.name.trim()}" is the name ${unit.name} had before a rename: it stays in its history and is not removed.`
        : `"${command.name.trim()}" is not a recorded short or earlier name of ${unit.name}.`,
      former
        ? `“${command.name.trim()}”是${unit.name}更名前的名称，保留在该单位的历史中，不能删除。`
        : `“${command.name.trim()}”不是${unit.name}已登记的简称或曾用名（可能已被删除）。`,
      { field: 'name' },
    );
  }
  return [{ type: 'UnitOtherNameRemoved', data: { unitId: unit.unitId, name: other.name, kind: other.kind, removedOn: command.today } }];
}

/** A kind as a refusal names it (部门, 区县, 办公厅, 其他: the words the 单位名录 page and files use). */
export const UNIT_KIND_WORDS: Readonly<Record<UnitKind, string>> = { GENERAL_OFFICE: '办公厅', DEPARTMENT: '部门', COUNTY_OR_DISTRICT: '区县', OTHER: '其他' };

/**
 * The unit's kind and parent from `changedOn` (UnitKindAndParentChanged, breaker57-10 S1). The same kind and parent as in force on
 * that day is a retry and records nothing. Errors: FORBIDDEN (not an administrator), NOT_FOUND (the unit; the parent, `field:
 * parentUnitId`), CONFLICT (the unit or the parent merged away; the kind and parent changed since the form read them), BAD_USER_INPUT
 * (its own parent, or a parent under it — the directory would go round in a circle —, no reason, a day in the future or before the
 * unit's or the parent's registration).
 */
function changeKindAndParent(command: ChangeUnitKindAndParent, state: UnitState): UnitEvent[] {
  requireAdmin(command.actor, 'change a unit’s kind or parent', '调整单位的类型或上级单位');
  const unit = requireRegistered(state);
  const { changedOn, kind, parentUnitId } = command;
  const name = (unitId: string | null) => (unitId === null ? '无' : (command.nameOf?.(unitId) ?? unitId));
  const placements = unit.placements ?? [];
  const current = placements.at(-1);
  if (command.expected && current && (command.expected.kind !== current.kind || command.expected.parentUnitId !== current.parentUnitId)) {
    const shown = (placed: { kind: UnitKind; parentUnitId: string | null }) => `${UNIT_KIND_WORDS[placed.kind]}，上级 ${name(placed.parentUnitId)}`;
    throw valueChangedMeanwhile(say(`The kind and parent unit of ${unit.name}`, `${unit.name}的类型和上级单位`), shown(current), shown(command.expected), { types: ['UnitKindAndParentChanged'], field: 'expected' });
  }
  const inForce = placementOn(placements, changedOn);
  if (inForce && inForce.kind === kind && inForce.parentUnitId === parentUnitId) return [];
  if (unit.mergedInto && (unit.mergedOn === undefined || changedOn >= unit.mergedOn)) {
    const merged = mergedInto(unit, command.nameOf);
    throw conflict(`${unit.name} was merged into ${merged.en}; its kind and parent are not changed any more.`, `${unit.name}已${merged.zh}，不能再调整类型或上级单位。`, { field: 'unitId' });
  }
  if (parentUnitId === unit.unitId) throw badInput(`Unit ${unit.name} cannot be its own parent.`, `单位不能是自己的上级单位（${unit.name}）。`, { field: 'parentUnitId' });
  if (parentUnitId !== null) {
    const { parent } = command;
    if (!parent) throw new DomainError('NOT_FOUND', say(`The parent unit ${parentUnitId} is not in the directory.`, '所选的上级单位不在单位名录中：请先登记该单位，或选择名录中的单位。'), { field: 'parentUnitId' });
    if (parent.ancestors.includes(unit.unitId)) {
      throw badInput(
        `${parent.name} is under ${unit.name}: made its parent, the directory would go round in a circle. Move ${parent.name} first, or pick another parent.`,
        `${parent.name}是${unit.name}的下级单位：将其作为${unit.name}的上级，单位隶属关系将循环。请先调整${parent.name}的上级，或选择其他上级单位。`,
        { field: 'parentUnitId' },
      );
    }
    if (parent.mergedInto && (!parent.mergedOn || changedOn >= parent.mergedOn)) {
      throw conflict(
        `${parent.name} was merged into ${name(parent.mergedInto)}${parent.mergedOn ? ` on ${parent.mergedOn}` : ''}: it is no unit's parent from ${changedOn}.`,
        `${parent.name}已${parent.mergedOn ? `于 ${parent.mergedOn} ` : ''}并入${name(parent.mergedInto)}，${changedOn} 起不能作为上级单位：请选择其承继单位或其他单位。`,
        { field: 'parentUnitId' },
      );
    }
  }
  requireReason(command.reason, '调整类型或上级单位须说明理由（如机构改革文件、名录更正）。');
  requireBusinessDay(changedOn, command.today, named('changedOn', 'The day the change took effect', '调整生效日期'));
  const changed = { day: changedOn, what: say(`the change of ${unit.name}'s kind and parent`, `${unit.name}类型和上级单位的调整日期`) };
  requireNotBefore(changed, registration(unit));
  if (parentUnitId !== null && command.parent) requireNotBefore(changed, registration({ name: command.parent.name, registeredOn: command.parent.registeredOn }));
  const previous = inForce ?? { kind, parentUnitId: null };
  return [{ type: 'UnitKindAndParentChanged', data: { unitId: unit.unitId, previousKind: previous.kind, previousParentUnitId: previous.parentUnitId, kind, parentUnitId, reason: command.reason.trim(), changedOn } }];
}
