import type { Severity } from '../domain/finding.events.js';
import type { FindingView } from './rectification-ledger.js';

/**
 * Where a finding stands, in the order it goes through them: UNASSIGNED (待交办) until a unit is
 * given a part, OPEN (整改中) until every part is verified and it is closed out, CLOSED (已销号);
 * WITHDRAWN (已撤销) once a supervisor took it off the 台账, whatever it was.
 * The one word for each everywhere: the API's FindingStatus, the 整改台账 export, the web app.
 */
export const FindingStatuses = ['UNASSIGNED', 'OPEN', 'CLOSED', 'WITHDRAWN'] as const;
export type FindingStatus = (typeof FindingStatuses)[number];

/** The Chinese word of each status, as the export and the web app print it. */
export const FINDING_STATUS_ZH: Readonly<Record<FindingStatus, string>> = { UNASSIGNED: '待交办', OPEN: '整改中', CLOSED: '已销号', WITHDRAWN: '已撤销' };

/** The status of a finding as the ledger (or a fold at a day) sees it: UNASSIGNED while it has no part. */
export const findingStatus = (finding: Pick<FindingView, 'status' | 'parts'>): FindingStatus =>
  finding.status === 'CLOSED' || finding.status === 'WITHDRAWN' ? finding.status : finding.parts.size === 0 ? 'UNASSIGNED' : 'OPEN';

/**
 * A finding's severity in the words of the 台账 export, of the findings import (`severityOf` reads them back) and of the pages
 * (web/src/labels.ts SEVERITY_LABEL).
 */
export const SEVERITY_ZH: Readonly<Record<Severity, string>> = { LOW: '一般', MEDIUM: '较重', HIGH: '严重' };
