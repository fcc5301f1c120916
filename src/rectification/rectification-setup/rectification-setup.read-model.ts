import { Projection, RecordedEvent } from '../../event-sourcing/recorded-event.js';
import { RectificationPlanApproved, RectificationPlanEvent } from '../domain/rectification-plan.events.js';
import { RectificationTeamEvent, RectificationTeamFormed } from '../domain/rectification-team.events.js';

export type RectificationTeamView = RectificationTeamFormed['data'] & {
  readonly formedAt: string;
  readonly formedBy: string;
};

export type RectificationPlanView = RectificationPlanApproved['data'] & {
  readonly recordedAt: string;
  readonly recordedBy: string;
};

/** How each evaluation's rectification is set up: its team and its approved plan (one of each). */
export class RectificationSetupReadModel implements Projection {
  private readonly teams = new Map<string, RectificationTeamView>();
  private readonly plans = new Map<string, RectificationPlanView>();


  apply(event: RecordedEvent): void {
    const known = event as RecordedEvent<RectificationTeamEvent | RectificationPlanEvent>;
    switch (known.type) {
      case 'RectificationTeamFormed':
        this.teams.set(known.data.evaluationId, {
          ...known.data,
          formedAt: event.metadata.recordedAt,
          formedBy: event.metadata.actorId,
        });
        return;
      case 'RectificationPlanApproved':
        this.plans.set(known.data.evaluationId, {
          ...known.data,
          recordedAt: event.metadata.recordedAt,
          recordedBy: event.metadata.actorId,
        });
        return;
    }
  }

  teamOf(evaluationId: string): RectificationTeamView | undefined {
    return this.teams.get(evaluationId);
  }

  planOf(evaluationId: string): RectificationPlanView | undefined {
    return this.plans.get(evaluationId);
  }
}
