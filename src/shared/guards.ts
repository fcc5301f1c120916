import type { Actor } from './command-context.js';
import { isCalendarDate } from './calendar-date.js';
import { DomainError, badInput } from './domain-error.js';

/* Refusals every decider needs, worded the same way everywhere. */

export function requireRole(actor: Actor, allowed: readonly Actor['role'][], action: string): void {
  if (!allowed.includes(actor.role)) {
    throw new DomainError('FORBIDDEN', `Only ${allowed.join(' or ')} users may ${action}.`);
  }
}

export const isBlank = (value: string | null | undefined): boolean =>
  value === null || value === undefined || value.trim() === '';

export function requireText(value: string | undefined, what: string): asserts value is string {
  if (isBlank(value)) throw badInput(`${what} is required.`);
}

export function requireCalendarDate(value: string, what: string): void {
  if (!isCalendarDate(value)) throw badInput(`${what} "${value}" is not a valid date (YYYY-MM-DD).`);
}
