import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { UsersReadModel } from '../../access/users/users.read-model.js';
import { actorName } from '../../rectification/evaluations/history-entry.resolver.js';
import type { InspectionCorrectionNote } from '../domain/business-order.js';
import { ExtensionRequestType, InspectionCorrectionType, ReportType } from './assignment.types.js';
import type { ExtensionRequestView, ReportView } from '../read-model/part-view.js';

/** Who corrected an inspection, as a person reads it (the account's name, as a history entry's `actorName` gives it). */
@Resolver(() => InspectionCorrectionType)
export class InspectionCorrectionResolver {
  constructor(private readonly users: UsersReadModel) {}

  @ResolveField(() => String, { description: 'Who corrected it: the user’s name (系统 / 命令行（…） for system actors), as a history entry’s actorName' })
  correctedByName(@Parent() correction: Pick<InspectionCorrectionNote, 'correctedBy' | 'correctedByRole'>): string {
    return actorName(correction.correctedBy, correction.correctedByRole, (id) => this.users.user(id)?.name);
  }
}

/** Who entered a report on the unit's behalf (代录), as a person reads it. */
@Resolver(() => ReportType)
export class ReportEnteredByResolver {
  constructor(private readonly users: UsersReadModel) {}

  @ResolveField(() => String, {
    nullable: true,
    description: '代录: the name of the supervisor who entered the unit’s paper report on its behalf (as a history entry’s actorName); null for the unit’s own report',
  })
  enteredByName(@Parent() report: Pick<ReportView, 'enteredBy'>): string | null {
    return report.enteredBy === undefined || report.enteredBy === null ? null : actorName(report.enteredBy, 'SUPERVISOR', (id) => this.users.user(id)?.name);
  }
}

/** Who entered an extension request on the unit's behalf (代录 of its paper request, newcomer51-8 S2), as a person reads it. */
@Resolver(() => ExtensionRequestType)
export class ExtensionRequestEnteredByResolver {
  constructor(private readonly users: UsersReadModel) {}

  @ResolveField(() => String, {
    nullable: true,
    description: '代录: the name of the supervisor who entered the unit’s paper request on its behalf (as a history entry’s actorName); null when the unit asked itself',
  })
  enteredByName(@Parent() request: Pick<ExtensionRequestView, 'enteredBy'>): string | null {
    return request.enteredBy === undefined || request.enteredBy === null ? null : actorName(request.enteredBy, 'SUPERVISOR', (id) => this.users.user(id)?.name);
  }
}
