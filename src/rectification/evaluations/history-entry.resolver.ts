import { ResolveField, Resolver } from '@nestjs/graphql';
import { UsersReadModel } from '../../access/users/users.read-model.js';
import { UnitsReadModel } from '../../organization/units/units.read-model.js';
import { HistoryEntryType, RecordRetractionType } from './evaluation.types.js';

/**
 * Who did it, as a person reads a timeline: the account's name (李娜（市发改委）), not its id. The
 * actors that are not accounts get what they are: the demo seeding (演示数据), a command-line run
 * (命令行（操作系统用户名）), any other system actor (系统). An id the users read model does not
 * know (an account of a store imported from elsewhere) is shown as the id itself.
 */
@Resolver(() => HistoryEntryType)
export class HistoryEntryResolver {
  constructor(
    private readonly users: UsersReadModel,
    private readonly units: UnitsReadModel,
  ) {}

  @ResolveField(() => String, { description: 'Who did it: the user’s name, or 演示数据 / 命令行（…） / 系统 for system actors' })
  actorName(entry: Pick<HistoryEntryType, 'actorId' | 'actorRole'>): string {
    return actorName(entry.actorId, entry.actorRole, (id) => this.users.user(id)?.name);
  }

  /*
   * A timeline of 2016 names the units as they were called in 2016 (机构改革: 卫生和计划生育委员会
   * before its rename, breaker8c P7), as the part cards and exports of that day do: each entry's
   * units by their names on the entry's office day.
   */

  @ResolveField(() => String, { nullable: true, description: 'The unit whose part the event concerns, named as it was on the entry’s office day (occurredOn); null when it concerns none or the directory does not know it' })
  unitName(entry: Pick<HistoryEntryType, 'unitId' | 'occurredOn'>): string | null {
    return entry.unitId ? (this.units.nameOn(entry.unitId, entry.occurredOn) ?? null) : null;
  }

  @ResolveField(() => String, { nullable: true, description: 'The unit the actor acted for, named as it was on the entry’s office day' })
  actorUnitName(entry: Pick<HistoryEntryType, 'actorUnitId' | 'occurredOn'>): string | null {
    return entry.actorUnitId ? (this.units.nameOn(entry.actorUnitId, entry.occurredOn) ?? null) : null;
  }

  @ResolveField(() => String, { nullable: true, description: 'For a hand-over (机构改革): the unit the part passed to, named as it was on the entry’s office day; null otherwise' })
  successorUnitName(entry: Pick<HistoryEntryType, 'details' | 'occurredOn'>): string | null {
    const successorUnitId = successorOf(entry.details);
    return successorUnitId ? (this.units.nameOn(successorUnitId, entry.occurredOn) ?? null) : null;
  }
}

/**
 * Who retracted a record (撤销误录), by name, wherever the record is listed — a history read as of a day before the retraction
 * lists the record marked but not the retraction's own line, and named the person 督办人员 there (newcomer52-8 M11).
 */
@Resolver(() => RecordRetractionType)
export class RecordRetractionResolver {
  constructor(private readonly users: UsersReadModel) {}

  @ResolveField(() => String, { description: 'Who retracted it: the supervisor’s name (李娜（政务公开办）), as actorName names an entry’s author' })
  retractedByName(retraction: Pick<RecordRetractionType, 'retractedBy'>): string {
    return actorName(retraction.retractedBy, 'SUPERVISOR', (id) => this.users.user(id)?.name);
  }
}

/** The successor unit a hand-over's details (the event's data as JSON) name; undefined for any other event. */
function successorOf(details: string): string | undefined {
  try {
    const data = JSON.parse(details) as { successorUnitId?: unknown };
    return typeof data.successorUnitId === 'string' ? data.successorUnitId : undefined;
  } catch {
    return undefined;
  }
}

/** The name of an actor id (see HistoryEntryResolver), `nameOf` looking accounts up. */
export function actorName(actorId: string, actorRole: string, nameOf: (userId: string) => string | undefined): string {
  const name = nameOf(actorId);
  if (name) return name;
  if (actorRole !== 'SYSTEM') return actorId;
  if (actorId === 'demo-data') return '演示数据';
  if (actorId.startsWith('cli:')) return `命令行（${actorId.slice('cli:'.length)}）`;
  return '系统';
}
