/* Pure: the root suite tests it (test/web-decision-day.spec.ts). */

/**
 * The day 审批延期 offers (newcomer52-8 M4): today, unless the date asked for (`requestedDueDate`) has passed by then — a paper
 * request answered on paper long ago, typed in now — when granting it today would be refused: then the request's own day
 * (`requestedOn`), the earliest the reply can be dated, for the clerk to change to the reply's date. So too for a request its part's
 * pass lapsed (`decidableUntil`, newcomer53-8 S1): its reply is dated no later than that pass. Office days `YYYY-MM-DD`.
 */
export const decisionDayDefault = (request: { requestedOn: string; requestedDueDate: string; decidableUntil?: string | null } | undefined, today: string): string =>
  request && (request.requestedDueDate < today || (request.decidableUntil != null && request.decidableUntil < today)) ? request.requestedOn : today;
