/**
 * The page that shows the record a stream holds (a finding, a work-plan item…), for a link to a record
 * the server names by its stream — `extensions.handledStreamId` of a CONFLICT REQUEST_KEY_REUSED, the
 * record an earlier press of the form made (breaker11i P8). Null for a stream with no page of its own.
 */
export function recordPageOf(streamId: string | null | undefined): string | null {
  if (!streamId) return null;
  // The longer prefix first: work-plan-item- before work-plan-.
  for (const [prefix, page] of RECORD_PAGES) if (streamId.startsWith(prefix) && streamId.length > prefix.length) return page(encodeURIComponent(streamId.slice(prefix.length)));
  return null;
}

const RECORD_PAGES: readonly (readonly [string, (id: string) => string])[] = [
  ['work-plan-item-', (id) => `/items/${id}`],
  ['finding-', (id) => `/findings/${id}`],
  ['circular-', () => '/circulars'],
  ['work-plan-', () => '/work-plan'],
];
