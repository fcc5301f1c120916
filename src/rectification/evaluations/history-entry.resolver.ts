import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { UsersReadModel } from '../../access/users/users.read-model.js';
import { HistoryEntryType } from './evaluation.types.js';

/**
 * Who did it, as a person reads a timeline: the account's name (李娜（市发改委）), not its id. The
 * actors that are not accounts get what they are: the demo seeding (演示数据), a command-line run
 * (命令行（操作系统用户名）), any other system actor (系统). An id the users read model does not
 * know (an account of a store imported from elsewhere) is shown as the id itself.
 */
@Resolver(() => HistoryEntryType)
export class HistoryEntryResolver {
  constructor(private readonly users: UsersReadModel) {}

  @ResolveField(() => String, { description: 'Who did it: the user’s name, or 演示数据 / 命令行（…） / 系统 for system actors' })
  actorName(@Parent() entry: Pick<HistoryEntryType, 'actorId' | 'actorRole'>): string {
    return actorName(entry.actorId, entry.actorRole, (id) => this.users.user(id)?.name);
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
