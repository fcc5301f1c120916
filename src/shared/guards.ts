import type { Actor } from './command-context.js';
import { isCalendarDate } from './calendar-date.js';
import { DomainError, ROLE_ZH, badInput, say, type Bilingual } from './domain-error.js';

/* Refusals every decider needs, worded the same way everywhere. */

/** Transitional: an English-only name gets a generic Chinese one until its caller is converted. */
const bilingual = (what: Bilingual | string, zh: string): Bilingual => (typeof what === 'string' ? say(what, zh) : what);

/** `action` completes "Only SUPERVISOR users may …" and "只有督办人员可以…". */
export function requireRole(actor: Actor, allowed: readonly Actor['role'][], given: Bilingual | string): void {
  const action = bilingual(given, '执行此操作');
  if (!allowed.includes(actor.role)) {
    throw new DomainError(
      'FORBIDDEN',
      say(`Only ${allowed.join(' or ')} users may ${action.en}.`, `只有${allowed.map((role) => ROLE_ZH[role] ?? role).join('或')}可以${action.zh}。`),
    );
  }
}

export const isBlank = (value: string | null | undefined): boolean =>
  value === null || value === undefined || value.trim() === '';

/** `what` names the text: "The reason for …" / "…的理由". */
export function requireText(value: string | undefined, given: Bilingual | string): asserts value is string {
  const what = bilingual(given, '必填内容');
  if (isBlank(value)) throw badInput(`${what.en} is required.`, `请填写${what.zh}。`);
}

export function requireCalendarDate(value: string, given: Bilingual | string): void {
  const what = bilingual(given, '日期');
  if (!isCalendarDate(value)) throw badInput(`${what.en} "${value}" is not a valid date (YYYY-MM-DD).`, `${what.zh}“${value}”不是有效日期（应为 YYYY-MM-DD）。`);
}
