/**
 * How a circular (通报) reads on a page as of a day (newcomer26 S9): withdrawn (撤回通报) or standing, with
 * what a correction (更正通报) changed. Pure: the Jest suite reads it (test/web-scorecard-proposals.spec.ts).
 */

/** A circular's withdrawal as the API gives it: the office day (`YYYY-MM-DD`), the instant recorded (ISO, UTC), why. */
export interface CircularWithdrawal {
  readonly withdrawnOn: string;
  readonly withdrawnAt: string;
  readonly reason: string;
}

/** What a page needs of a circular to say whether it stands and what was corrected. */
export interface MarkedCircular {
  readonly withdrawal?: CircularWithdrawal | null;
  readonly corrections?: readonly { readonly previousIssuedOn: string; readonly previousDocumentNumber: string | null }[] | null;
  readonly issuedOn: string;
  readonly documentNumber?: string | null;
}

/**
 * The withdrawal in force on office day `asOf` (null: today) as known at instant `knownAt` (null: now), or null when the
 * circular stands then: a circular counts (the ranking's 已通报批评, 相关通报) until the day it was withdrawn.
 */
export function withdrawalThen(circular: MarkedCircular, asOf: string | null, knownAt: string | null): CircularWithdrawal | null {
  const withdrawal = circular.withdrawal;
  if (!withdrawal) return null;
  if (asOf !== null && withdrawal.withdrawnOn > asOf) return null;
  if (knownAt !== null && Date.parse(withdrawal.withdrawnAt) > Date.parse(knownAt)) return null;
  return withdrawal;
}

/** The words beside a circular: 「已撤回（D：理由）」 when withdrawn by then, and 「原录 D / 原文号 X」 when corrected. */
export function circularMarks(circular: MarkedCircular, asOf: string | null = null, knownAt: string | null = null): string[] {
  const marks: string[] = [];
  const withdrawn = withdrawalThen(circular, asOf, knownAt);
  if (withdrawn) marks.push(`已撤回（${withdrawn.withdrawnOn}：${withdrawn.reason}）`);
  const first = circular.corrections?.[0];
  if (first && first.previousIssuedOn !== circular.issuedOn) marks.push(`发文日期原录 ${first.previousIssuedOn}`);
  if (first && first.previousDocumentNumber !== (circular.documentNumber ?? null)) marks.push(`文号原录 ${first.previousDocumentNumber ?? '（无）'}`);
  return marks;
}

/**
 * The registered unit a circular's title names when it is not the unit the circular is for (newcomer40 S3: a 通报批评 for
 * 市发改委 titled 「关于市交通运输局整改工作不力的通报」 — the title copied from the example or an earlier circular — went out
 * naming one unit and counting against another), or null: the title names the chosen unit, or no unit. Of several, the
 * longest name (青川市交通运输局, not 交通运输局 within it). `units`: every registered unit, by id and name.
 */
export function otherUnitInTitle(title: string, unitId: string, units: readonly { readonly id: string; readonly name: string }[]): string | null {
  const chosen = units.find((unit) => unit.id === unitId);
  if (!chosen || title.includes(chosen.name)) return null;
  const named = units.filter((unit) => unit.id !== unitId && unit.name && title.includes(unit.name)).sort((a, b) => b.name.length - a.name.length);
  return named[0]?.name ?? null;
}
