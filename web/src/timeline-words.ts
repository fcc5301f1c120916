import { EVENT_FALLBACK, EVENT_LABEL, OUTCOME_LABEL, REDATED_WORD, ROLE_LABEL } from './labels.js';

/**
 * One timeline line in the words an office reads (breaker11b G6): the event's name in Chinese
 * (EVENT_FALLBACK for a type the app does not know, never its code), the unit it concerns (a
 * hand-over names both), what changed (原 → 新: a due date, a report or inspection day, an outcome,
 * a role) and the text that came with it (summary, reason, message, notes, title). Pure: the Jest
 * suite reads it too (test/timeline-words.spec.ts). `nameOf` turns a unit id into its name ('' when unknown).
 */
export function timelineLine(eventType: string, unitId: string | null, details: Record<string, unknown>, nameOf: (unitId: string | null | undefined) => string): string {
  const redated = eventType === 'FactDateCorrected' && typeof details.factType === 'string' ? REDATED_WORD[details.factType] : undefined;
  const parts = [redated ? `更正${redated}日期` : (EVENT_LABEL[eventType] ?? EVENT_FALLBACK)];
  const concerned = nameOf(unitId);
  const successor = typeof details.successorUnitId === 'string' ? nameOf(details.successorUnitId) : '';
  if (concerned && successor) parts.push(`（${concerned} → ${successor}）`);
  else if (concerned) parts.push(`（${concerned}）`);
  const changes = CHANGES.flatMap(([before, after, words]) => {
    const [from, to] = [details[before], details[after]];
    if (typeof from !== 'string' || typeof to !== 'string' || from === to) return [];
    return [`${words?.[from] ?? from} → ${words?.[to] ?? to}`];
  });
  if (changes.length) parts.push(`（${changes.join('；')}）`);
  const text = details.summary ?? details.reason ?? details.message ?? details.notes ?? details.title;
  if (typeof text === 'string' && text.trim() !== '') parts.push(`：${text}`);
  if (typeof details.outcome === 'string' && details.previousOutcome === undefined) parts.push(` — ${OUTCOME_LABEL[details.outcome] ?? details.outcome}`);
  return parts.join('');
}

/** The before/after pairs an event may carry, with the words for their values when they are codes. */
const CHANGES: [string, string, Record<string, string>?][] = [
  ['previousDueDate', 'dueDate'],
  ['previousReportedOn', 'reportedOn'],
  ['previousInspectedOn', 'inspectedOn'],
  ['previousOn', 'on'],
  ['previousOutcome', 'outcome', OUTCOME_LABEL],
  ['previousRole', 'role', ROLE_LABEL],
];
