import { withdrawalThen, type CircularWithdrawal } from './circular-words.js';

/**
 * What the 单位排名 page proposes beside each unit (拟表扬 / 拟通报批评), from the ranking the API
 * gives (best first) and the circulars already issued. Pure: the Jest suite reads it
 * (test/web-scorecard-proposals.spec.ts).
 */

/** A unit's figures as the ranking gives them (see the API's UnitScore). */
export interface RankedUnit {
  readonly unitId: string;
  /** Parts reported or past their due date. */
  readonly due: number;
  /** Of those, the parts reported by their due date (the rest came late, or are overdue). */
  readonly onTime: number;
  /** Parts past their due date the unit still has to act on. */
  readonly overdue: number;
  /** Reports sent back or inspections failed. */
  readonly returned: number;
}

export type Proposal = 'COMMENDATION' | 'CRITICISM';

/** A unit with what is proposed for it, and the office day the newest circular of that kind was issued to it (null: none yet). */
export type WithProposal<Unit> = Unit & { readonly proposal: Proposal | null; readonly issuedOn: string | null };

/** How many units at each end are proposed: the top three to commend, the bottom three to criticise. */
export const PROPOSED_AT_EACH_END = 3;

/**
 * `ranked` (best first) with proposals: the top three with work due, every due part reported on
 * time (按时率 100%: a report that came late is not one to commend, newcomer36 S12), nothing overdue
 * and nothing sent back or failed on site are proposed for commendation (a unit whose report just
 * failed inspection is not one to commend, newcomer23 S7); the bottom three with overdue parts for
 * criticism. `issued` maps `unitId:kind` to the day of the newest circular of that kind concerning
 * the unit, issued by the day viewed: a proposal already acted on says so rather than offering the
 * same circular again as if none had been issued (newcomer23 S7).
 */
export function withProposals<Unit extends RankedUnit>(ranked: readonly Unit[], issued: ReadonlyMap<string, string>): WithProposal<Unit>[] {
  const withWork = ranked.filter((unit) => unit.due > 0);
  const commend = new Set(withWork.filter((unit) => unit.onTime === unit.due && unit.overdue === 0 && unit.returned === 0).slice(0, PROPOSED_AT_EACH_END).map((unit) => unit.unitId));
  const criticise = new Set(withWork.filter((unit) => unit.overdue > 0).slice(-PROPOSED_AT_EACH_END).map((unit) => unit.unitId));
  return ranked.map((unit) => {
    const proposal: Proposal | null = commend.has(unit.unitId) ? 'COMMENDATION' : criticise.has(unit.unitId) ? 'CRITICISM' : null;
    return { ...unit, proposal, issuedOn: proposal ? (issued.get(issuedKey(unit.unitId, proposal)) ?? null) : null };
  });
}

/** The key of `withProposals`' `issued` map. */
export const issuedKey = (unitId: string, kind: string) => `${unitId}:${kind}`;

/** A circular as the page reads it to know what was issued (and whether it was withdrawn since: 撤回通报). */
export interface IssuedCircular {
  readonly withdrawal?: CircularWithdrawal | null;
  readonly issuedOn: string;
  /** When it was recorded (ISO instant). */
  readonly issuedAt: string;
  readonly kind: string;
  readonly unit: { readonly id: string };
}

/**
 * `withProposals`' `issued` map from the circulars issued by the day viewed (`asOf`, null: today) and not withdrawn by
 * then (newcomer26 S9: a circular sent about the wrong unit and withdrawn marks it no more); on a 按录入时间 reading
 * (`knownAt`, ISO instant), only those recorded by then, withdrawn as known then.
 */
export function newestIssued(circulars: readonly IssuedCircular[], knownAt: string | null, asOf: string | null = null): Map<string, string> {
  const newest = new Map<string, string>();
  for (const circular of circulars) {
    if (knownAt !== null && Date.parse(circular.issuedAt) > Date.parse(knownAt)) continue;
    if (withdrawalThen(circular, asOf, knownAt)) continue;
    const key = issuedKey(circular.unit.id, circular.kind);
    if ((newest.get(key) ?? '') < circular.issuedOn) newest.set(key, circular.issuedOn);
  }
  return newest;
}
