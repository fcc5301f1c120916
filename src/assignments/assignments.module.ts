import { Module } from '@nestjs/common';
import { AssignmentResolver } from './graphql/assignment.resolver.js';
import { ExtensionRequestEnteredByResolver, InspectionCorrectionResolver, ReportEnteredByResolver } from './graphql/inspection-correction.resolver.js';

/** GraphQL for the one assignment lifecycle, shared by findings and work-plan items. */
@Module({ providers: [AssignmentResolver, InspectionCorrectionResolver, ReportEnteredByResolver, ExtensionRequestEnteredByResolver] })
export class AssignmentsModule {}
