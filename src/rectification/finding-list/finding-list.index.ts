import { awaitsUnit, type PartView, type TrafficLight } from '../../assignments/read-model/part-view.js';
import type { Projection, RecordedEvent } from '../../event-sourcing/recorded-event.js';
import { insertInOrder, paginate, recordedOrder, type Connection, type PageRequest } from '../../shared/pagination/page.js';
import type { FindingView, EvaluationView, RectificationLedger } from '../ledger/rectification-ledger.js';

const FINDING_STREAM_PREFIX = 'finding-';

/** A finding as the list sees it: the ledger's live view, its place in the list and what lights it. */
interface FindingRow {
  /** Its place in the order findings were recorded (0, 1, …): the list's order and its cursors' key. */
  readonly sequence: number;
  readonly view: FindingView;
  /** The title as searched: NFKC, lower case (全角 letters and capitals match their plain forms). */
  readonly searchTitle: string;
  /** Every unit the finding concerns or has a part, as last indexed. */
  units: readonly string[];
  /** Due dates (`YYYY-MM-DD`) of the parts not verified yet. */
  openDueDates: string[];
  /** The earliest due date among parts awaiting their unit (assigned or returned); null when none awaits. */
  awaitingDue: string | null;
}

interface EvaluationRow {
  readonly sequence: number;
  readonly view: EvaluationView;
}

/**
 * Which findings a list shows. Every field narrows; all given must hold. Lights and due dates
 * concern the parts not verified yet: of `unitId`'s part when a unit is given, else any part
 * (a finding's light is its worst part's).
 */
export interface FindingFilter {
  readonly evaluationId?: string;
  readonly category?: string;
  readonly status?: FindingView['status'];
  /** A unit the finding concerns or has a part. */
  readonly unitId?: string;
  readonly light?: TrafficLight;
  /** First and last due day (`YYYY-MM-DD`, inclusive) of an unverified part. */
  readonly dueFrom?: string;
  readonly dueTo?: string;
  /** Text the title contains (ignoring case and full-width forms). */
  readonly titleContains?: string;
}

/** The office day lights are counted on, and the last day that is still "due soon" (yellow). */
export interface LightDays {
  readonly today: string;
  readonly dueSoonUntil: string;
}

const findingOrder = recordedOrder<FindingRow>('findings', (row) => row.sequence);
const evaluationOrder = recordedOrder<EvaluationRow>('evaluations', (row) => row.sequence);

/** Text as searched: `ＡＢＣ` finds `abc`. */
export const searchable = (text: string): string => text.normalize('NFKC').toLowerCase();

/**
 * Lists of findings and evaluations for cursor pagination: findings in the order recorded, with
 * per-evaluation, per-category and per-unit lists kept in that order as events arrive, so a page
 * starts by binary search and a filter by one of them never scans the other findings. Status,
 * lights and due dates are read from the ledger's live view and a per-finding summary refreshed on
 * each of its events (O(its parts)).
 *
 * Registered after the ledger, it reads the ledger's views once the ledger has applied each
 * event. It keeps nothing the ledger does not know: when it finds the ledger holding findings it
 * has not seen (a ledger restored from a snapshot), it rebuilds itself from the ledger, O(findings).
 */
export class FindingListIndex implements Projection {
  private readonly findings: FindingRow[] = [];
  private readonly findingsById = new Map<string, FindingRow>();
  private readonly byEvaluation = new Map<string, FindingRow[]>();
  private readonly byCategory = new Map<string, FindingRow[]>();
  private readonly byUnit = new Map<string, FindingRow[]>();
  private readonly evaluations: EvaluationRow[] = [];
  private readonly evaluationIds = new Set<string>();

  constructor(private readonly ledger: RectificationLedger) {}

  /** Nothing to save: everything here is rebuilt from the ledger (`catchUp`), which snapshots itself. */
  snapshot(): null {
    return null;
  }

  restore(): void {}

  apply(event: RecordedEvent): void {
    if (event.type === 'EvaluationRegistered') {
      this.addEvaluation((event.data as { evaluationId: string }).evaluationId);
    } else if (event.streamId.startsWith(FINDING_STREAM_PREFIX)) {
      const findingId = event.streamId.slice(FINDING_STREAM_PREFIX.length);
      const row = this.findingsById.get(findingId);
      if (row) this.refresh(row);
      else if (event.type === 'FindingRecorded') this.addFinding(findingId);
    }
    this.catchUp();
  }

  /** One page of findings in the order recorded. */
  findingPage(filter: FindingFilter, days: LightDays, page: PageRequest): Connection<FindingView> {
    this.catchUp();
    const candidates = this.narrowest(filter);
    const matches = this.matcher(filter, days, candidates.narrowedBy);
    const result = paginate(candidates.rows, findingOrder, page, matches ? { matches } : {});
    return { ...result, edges: result.edges.map((edge) => ({ cursor: edge.cursor, node: edge.node.view })), nodes: result.nodes.map((row) => row.view) };
  }

  /** One page of evaluations in the order registered. */
  evaluationPage(page: PageRequest): Connection<EvaluationView> {
    this.catchUp();
    const result = paginate(this.evaluations, evaluationOrder, page);
    return { ...result, edges: result.edges.map((edge) => ({ cursor: edge.cursor, node: edge.node.view })), nodes: result.nodes.map((row) => row.view) };
  }

  /** The smallest index list the filter names (each in recorded order), and which filters it already applied. */
  private narrowest(filter: FindingFilter): { rows: readonly FindingRow[]; narrowedBy: ReadonlySet<keyof FindingFilter> } {
    const lists: [keyof FindingFilter, readonly FindingRow[]][] = [];
    if (filter.evaluationId !== undefined) lists.push(['evaluationId', this.byEvaluation.get(filter.evaluationId) ?? []]);
    if (filter.category !== undefined) lists.push(['category', this.byCategory.get(filter.category) ?? []]);
    if (filter.unitId !== undefined) lists.push(['unitId', this.byUnit.get(filter.unitId) ?? []]);
    if (lists.length === 0) return { rows: this.findings, narrowedBy: new Set() };
    const [by, rows] = lists.reduce((smallest, list) => (list[1].length < smallest[1].length ? list : smallest));
    return { rows, narrowedBy: new Set([by]) };
  }

  /** The test a row must pass besides the list it came from; undefined when every row passes. */
  private matcher(filter: FindingFilter, days: LightDays, narrowedBy: ReadonlySet<keyof FindingFilter>): ((row: FindingRow) => boolean) | undefined {
    const tests: ((row: FindingRow) => boolean)[] = [];
    const { evaluationId, category, status, unitId, light, dueFrom, dueTo, titleContains } = filter;
    if (evaluationId !== undefined && !narrowedBy.has('evaluationId')) tests.push((row) => row.view.evaluationId === evaluationId);
    if (category !== undefined && !narrowedBy.has('category')) tests.push((row) => row.view.category === category);
    if (unitId !== undefined && !narrowedBy.has('unitId')) tests.push((row) => row.units.includes(unitId));
    if (status !== undefined) tests.push((row) => row.view.status === status);
    if (titleContains !== undefined && titleContains !== '') {
      const text = searchable(titleContains);
      tests.push((row) => row.searchTitle.includes(text));
    }
    if (light !== undefined) {
      tests.push(unitId === undefined ? (row) => rowLight(row, days) === light : (row) => partLight(row.view.parts.get(unitId), days) === light);
    }
    if (dueFrom !== undefined || dueTo !== undefined) {
      const within = (due: string) => (dueFrom === undefined || due >= dueFrom) && (dueTo === undefined || due <= dueTo);
      tests.push(
        unitId === undefined
          ? (row) => row.openDueDates.some(within)
          : (row) => {
              const part = row.view.parts.get(unitId);
              return part !== undefined && part.status !== 'VERIFIED' && within(part.dueDate);
            },
      );
    }
    if (tests.length === 0) return undefined;
    if (tests.length === 1) return tests[0];
    return (row) => tests.every((test) => test(row));
  }

  private addEvaluation(evaluationId: string): void {
    const view = this.ledger.evaluation(evaluationId);
    if (!view || this.evaluationIds.has(evaluationId)) return;
    this.evaluationIds.add(evaluationId);
    this.evaluations.push({ sequence: this.evaluations.length, view });
  }

  private addFinding(findingId: string): void {
    const view = this.ledger.finding(findingId);
    if (!view) return;
    const row: FindingRow = { sequence: this.findings.length, view, searchTitle: searchable(view.title), units: [], openDueDates: [], awaitingDue: null };
    this.findings.push(row);
    this.findingsById.set(findingId, row);
    appendTo(this.byEvaluation, view.evaluationId, row);
    appendTo(this.byCategory, view.category, row);
    this.refresh(row);
  }

  /** After an event of the finding: its units, due dates and awaiting due date, O(its parts). */
  private refresh(row: FindingRow): void {
    const openDueDates: string[] = [];
    let awaitingDue: string | null = null;
    for (const part of row.view.parts.values()) {
      if (part.status === 'VERIFIED') continue;
      openDueDates.push(part.dueDate);
      if (awaitsUnit(part) && (awaitingDue === null || part.dueDate < awaitingDue)) awaitingDue = part.dueDate;
    }
    row.openDueDates = openDueDates;
    row.awaitingDue = awaitingDue;
    const units = [...new Set([...row.view.concernedUnitIds, ...row.view.parts.keys()])];
    for (const unitId of row.units) if (!units.includes(unitId)) removeFrom(this.byUnit, unitId, row);
    for (const unitId of units) if (!row.units.includes(unitId)) insertInto(this.byUnit, unitId, row);
    row.units = units;
  }

  /**
   * When the ledger holds more than this index saw (it was restored from a snapshot, this index
   * was not), the lists are rebuilt from the ledger's views, in the order recorded. O(1) otherwise.
   */
  private catchUp(): void {
    const { evaluations, findings } = this.ledger.counts();
    if (evaluations === this.evaluations.length && findings === this.findings.length) return;
    this.findings.length = 0;
    this.evaluations.length = 0;
    this.evaluationIds.clear();
    for (const map of [this.findingsById, this.byEvaluation, this.byCategory, this.byUnit]) map.clear();
    for (const evaluation of this.ledger.listEvaluations()) this.addEvaluation(evaluation.evaluationId);
    for (const finding of this.ledger.listFindings()) this.addFinding(finding.findingId);
  }
}

/** The light of a part on `days.today`: red late, yellow due soon, green on track or reported; none once verified. */
function partLight(part: Pick<PartView, 'status' | 'dueDate'> | undefined, days: LightDays): TrafficLight | null {
  if (!part || part.status === 'VERIFIED') return null;
  if (!awaitsUnit(part)) return 'GREEN';
  return lightOfDue(part.dueDate, days);
}

/** A finding's light: its worst unverified part's (the part awaiting its unit soonest decides). */
function rowLight(row: FindingRow, days: LightDays): TrafficLight | null {
  if (row.awaitingDue !== null) return lightOfDue(row.awaitingDue, days);
  return row.openDueDates.length > 0 ? 'GREEN' : null;
}

/** Calendar days compare as strings: two comparisons light a due date (same rule as `trafficLight`). */
const lightOfDue = (due: string, days: LightDays): TrafficLight => (due < days.today ? 'RED' : due <= days.dueSoonUntil ? 'YELLOW' : 'GREEN');

function appendTo(lists: Map<string, FindingRow[]>, key: string, row: FindingRow): void {
  const list = lists.get(key);
  if (list) list.push(row);
  else lists.set(key, [row]);
}

/** Inserts in recorded order: at the end for a new finding, by binary search for an older one. */
function insertInto(lists: Map<string, FindingRow[]>, key: string, row: FindingRow): void {
  const list = lists.get(key);
  if (list) insertInOrder(list, row, findingOrder);
  else lists.set(key, [row]);
}

function removeFrom(lists: Map<string, FindingRow[]>, key: string, row: FindingRow): void {
  const list = lists.get(key);
  if (!list) return;
  const index = positionOf(list, row.sequence);
  if (list[index] === row) list.splice(index, 1);
}

/** The index of the first row at or after `sequence`. */
function positionOf(list: readonly FindingRow[], sequence: number): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (list[middle]!.sequence < sequence) low = middle + 1;
    else high = middle;
  }
  return low;
}
