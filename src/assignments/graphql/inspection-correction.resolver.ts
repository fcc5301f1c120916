import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { UsersReadModel } from '../../access/users/users.read-model.js';
import { actorName } from '../../rectification/evaluations/history-entry.resolver.js';
import type { InspectionCorrectionNote } from '../domain/business-order.js';
import { InspectionCorrectionType } from './assignment.types.js';

/** Who corrected an inspection, as a person reads it (the account's name, as a history entry's `actorName` gives it). */
@Resolver(() => InspectionCorrectionType)
export class InspectionCorrectionResolver {
  constructor(private readonly users: UsersReadModel) {}

  @ResolveField(() => String, { description: 'Who corrected it: the user’s name (系统 / 命令行（…） for system actors), as a history entry’s actorName' })
  correctedByName(@Parent() correction: Pick<InspectionCorrectionNote, 'correctedBy' | 'correctedByRole'>): string {
    return actorName(correction.correctedBy, correction.correctedByRole, (id) => this.users.user(id)?.name);
  }
}
