import { isDueBound, type PartView, type TrafficLight } from '../../assignments/read-model/part-view.js';
import type { Projection, RecordedEvent } from '../../event-sourcing/recorded-event.js';
import { insertInOrder, paginate, recordedOrder, type Connection, type PageRequest } from '../../shared/pagination/page.js';
import type { FindingView, EvaluationView, RectificationLedger } from '../ledger/rectification-ledger.js';
import { findingStatus, type FindingStatus } from '../ledger/finding-status.js';
import { documentTitleKey } from '../../shared/document-title.js';

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
  /** UNASSIGNED (no part yet), OPEN, CLOSED or WITHDRAWN: see `findingStatus`. */
  readonly status?: FindingStatus;
  /** A unit the finding concerns or has a part. */
  readonly unitId?: string;
  readonly light?: TrafficLight;
  /** First and last due day (`YYYY-MM-DD`, inclusive) of an unverified part. */
  readonly dueFrom?: string;
  readonly dueTo?: string;
  /** Words the title contains, each of them, separated by spaces (ignoring case and full-width forms). */
  readonly titleContains?: string;
}

/** The office day lights are counted on, and the last day that is still "due soon" (yellow). */
export interface LightDays {
  readonly today: string;
  readonly dueSoonUntil: string;
}

/** A list of findings is a list of their sequence numbers: scans read typed columns, not objects spread over the heap. */
const findingOrder = recordedOrder<number>('findings', (sequence) => sequence);
const STATUS_CODE: Readonly<Record<FindingStatus, number>> = { OPEN: 1, CLOSED: 2, UNASSIGNED: 3, WITHDRAWN: 4 };
/** No such day: a due date that is never early enough, or never late enough. */
const NO_DAY_AFTER = 2 ** 31 - 1;
const NO_DAY_BEFORE = -(2 ** 31);

/** The status list of a status code (STATUS_CODE), of every finding or of one evaluation's. */
const statusKey = (code: number, evaluationId?: string): string => (evaluationId === undefined ? String(code) : `${code}\u0000${evaluationId}`);

/** Days since 1970-01-01 of a `YYYY-MM-DD` day: due dates compare as numbers in the columns. */
const dayNumber = (day: string): number => Date.parse(`${day}T00:00:00Z`) / 86_400_000;
const evaluationOrder = recordedOrder<EvaluationRow>('evaluations', (row) => row.sequence);

/** Text as searched: `ＡＢＣ` finds `abc`. */
export const searchable = (text: string): string => text.normalize('NFKC').toLowerCase();

/**
 * The words a title search asks for, each of which the title must contain (breaker11b M7: “公开 不及时”
 * found nothing though titles held both): split at spaces, full-width ones included (NFKC makes U+3000 a space).
 */
export const searchWords = (text: string): string[] => searchable(text).split(/\s+/).filter((word) => word !== '');

/**
 * Lists of findings and evaluations for cursor pagination: findings in the order recorded, with
 * per-evaluation, per-category, per-unit and per-status (also per evaluation and status) lists kept
 * in that order as events arrive, so a page starts by binary search and a filter by one of them never
 * scans the other findings; a title search within one of them looks at that list's titles only. Status,
 * lights and due dates are read from the ledger's live view and a per-finding summary refreshed on
 * each of its events (O(its parts)).
 *
 * Registered after the ledger, it reads the ledger's views once the ledger has applied each
 * event. It keeps nothing the ledger does not know: when it finds the ledger holding findings it
 * has not seen (a ledger restored from a snapshot), it rebuilds itself from the ledger, O(findings).
 */
export class FindingListIndex implements Projection {
  /** By sequence number. */
  private readonly findings: FindingRow[] = [];
  /** 0, 1, … : every finding, in the order recorded. */
  private readonly sequences: number[] = [];
  private readonly findingsById = new Map<string, FindingRow>();
  private readonly byEvaluation = new Map<string, number[]>();
  private readonly byCategory = new Map<string, number[]>();
  private readonly byUnit = new Map<string, number[]>();
  /** By status code, and by evaluation and status code (`evaluationStatusKey`), in recorded order: 问题清单's counts and an evaluation's, without a scan. */
  private readonly byStatus = new Map<string, number[]>();
  /** The most findings one evaluation has on record (withdrawn ones included): what `Evaluation.findings` scans at most. */
  private largestEvaluation = 0;
  /** Columns by sequence number: status code, the awaiting due day, the earliest and latest unverified due day. */
  private statusCodes = new Uint8Array(1024);
  private awaitingDays = new Int32Array(1024);
  private openFirstDays = new Int32Array(1024);
  private openLastDays = new Int32Array(1024);
  /** Every finding's search title, in the order recorded, each followed by U+0000: one indexOf finds a text in all. */
  private titleText = '';
  /** Where each finding's title starts in `titleText`, by sequence number. */
  private readonly titleStarts: number[] = [];
  private readonly evaluations: EvaluationRow[] = [];
  private readonly evaluationIds = new Set<string>();
  /** The first evaluation registered under each title key (`documentTitleKey`: numbers by value, spacing, punctuation, quotes, 年度 and version remarks aside). */
  private readonly evaluationsByTitleKey = new Map<string, EvaluationView>();

  constructor(private readonly ledger: RectificationLedger) {
    ledger.readsFoldedAgain('finding-list');
  }

  /**
   * The findings the ledger folded again after this event (`RectificationLedger.settle`: records set aside for good by an
   * undoing, breaker11q P5) read again from their views. Synchronous: the ledger settled before (tracked first).
   */
  settle(): undefined {
    for (const findingId of this.ledger.takeFoldedAgain('finding-list')) {
      const row = this.findingsById.get(findingId);
      if (row) this.refresh(row);
    }
    return undefined;
  }

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

  /** Findings on record (withdrawn ones included): the most a scan of the list visits. */
  get findingCount(): number {
    return this.sequences.length;
  }

  /** The most findings one evaluation has on record: the most a scan of an evaluation's list visits. */
  get largestEvaluationCount(): number {
    this.catchUp();
    return this.largestEvaluation;
  }

  /** One page of findings in the order recorded. */
  findingPage(filter: FindingFilter, days: LightDays, page: PageRequest): Connection<FindingView> {
    this.catchUp();
    const candidates = this.narrowest(filter);
    const matches = this.matcher(filter, days, candidates.narrowedBy);
    const result = paginate(candidates.rows, findingOrder, page, matches ? { matches } : {});
    const viewOf = (sequence: number) => this.findings[sequence]!.view;
    return { ...result, edges: result.edges.map((edge) => ({ cursor: edge.cursor, node: viewOf(edge.node) })), nodes: result.nodes.map(viewOf) };
  }

  /**
   * The evaluation registered with the same title's words as `title` (the same `documentTitleKey`:
   * ２０２５ / 二〇二五 / 2025 alike, 年 / 年度, spacing, punctuation, 《》“” and a version remark
   * such as （终稿） aside), or undefined. O(1).
   */
  evaluationTitled(title: string): EvaluationView | undefined {
    return this.evaluationsByTitleKey.get(documentTitleKey(title));
  }

  /** One page of evaluations in the order registered. */
  evaluationPage(page: PageRequest): Connection<EvaluationView> {
    this.catchUp();
    const result = paginate(this.evaluations, evaluationOrder, page);
    return { ...result, edges: result.edges.map((edge) => ({ cursor: edge.cursor, node: edge.node.view })), nodes: result.nodes.map((row) => row.view) };
  }

  /**
   * The smallest index list the filter names (each in recorded order), and which filters it already
   * applied: an evaluation, a category, a unit, a status, or an evaluation's findings in a status.
   */
  private narrowest(filter: FindingFilter): { rows: readonly number[]; narrowedBy: ReadonlySet<keyof FindingFilter> } {
    const lists: [(keyof FindingFilter)[], readonly number[]][] = [];
    if (filter.evaluationId !== undefined) lists.push([['evaluationId'], this.byEvaluation.get(filter.evaluationId) ?? []]);
    if (filter.category !== undefined) lists.push([['category'], this.byCategory.get(filter.category) ?? []]);
    if (filter.unitId !== undefined) lists.push([['unitId'], this.byUnit.get(filter.unitId) ?? []]);
    if (filter.status !== undefined) {
      const code = STATUS_CODE[filter.status];
      lists.push([['status'], this.byStatus.get(statusKey(code)) ?? []]);
      if (filter.evaluationId !== undefined) lists.push([['evaluationId', 'status'], this.byStatus.get(statusKey(code, filter.evaluationId)) ?? []]);
    }
    if (lists.length === 0) return { rows: this.sequences, narrowedBy: new Set() };
    // The smallest; of two as small, the one that applies more filters.
    const [by, rows] = lists.reduce((smallest, list) => (list[1].length < smallest[1].length || (list[1].length === smallest[1].length && list[0].length > smallest[0].length) ? list : smallest));
    return { rows, narrowedBy: new Set(by) };
  }

  /** The test a finding (by sequence) must pass besides the list it came from; undefined when every one passes. */
  private matcher(filter: FindingFilter, days: LightDays, narrowedBy: ReadonlySet<keyof FindingFilter>): ((sequence: number) => boolean) | undefined {
    const tests: ((sequence: number) => boolean)[] = [];
    const row = (sequence: number) => this.findings[sequence]!;
    const { evaluationId, category, status, unitId, light, dueFrom, dueTo, titleContains } = filter;
    if (evaluationId !== undefined && !narrowedBy.has('evaluationId')) tests.push((s) => row(s).view.evaluationId === evaluationId);
    if (category !== undefined && !narrowedBy.has('category')) tests.push((s) => row(s).view.category === category);
    if (unitId !== undefined && !narrowedBy.has('unitId')) tests.push((s) => row(s).units.includes(unitId));
    if (status !== undefined && !narrowedBy.has('status')) {
      const statuses = this.statusCodes;
      const code = STATUS_CODE[status];
      tests.push((s) => statuses[s] === code);
    }
    for (const word of searchWords(titleContains ?? '')) {
      // Narrowed by an index (an evaluation's findings): each title of that list is looked at; else one pass over every title.
      if (narrowedBy.size > 0) tests.push((s) => row(s).searchTitle.includes(word));
      else {
        const marked = this.titlesContaining(word);
        tests.push((s) => marked[s] === 1);
      }
    }
    if (light !== undefined) {
      if (unitId !== undefined) tests.push((s) => partLight(row(s).view.parts.get(unitId), days) === light);
      else {
        const [today, dueSoonUntil] = [dayNumber(days.today), dayNumber(days.dueSoonUntil)];
        const [awaiting, openFirst] = [this.awaitingDays, this.openFirstDays];
        const lightOf = (s: number): TrafficLight | null => {
          const due = awaiting[s]!;
          if (due < today) return 'RED';
          if (due <= dueSoonUntil) return 'YELLOW';
          return openFirst[s] !== NO_DAY_AFTER ? 'GREEN' : null;
        };
        tests.push((s) => lightOf(s) === light);
      }
    }
    if (dueFrom !== undefined || dueTo !== undefined) {
      const within = (due: string) => (dueFrom === undefined || due >= dueFrom) && (dueTo === undefined || due <= dueTo);
      if (unitId !== undefined) {
        tests.push((s) => {
          const part = row(s).view.parts.get(unitId);
          return part !== undefined && part.status !== 'VERIFIED' && within(part.dueDate);
        });
      } else {
        const [from, to] = [dueFrom === undefined ? NO_DAY_BEFORE : dayNumber(dueFrom), dueTo === undefined ? NO_DAY_AFTER : dayNumber(dueTo)];
        const [openFirst, openLast] = [this.openFirstDays, this.openLastDays];
        // The columns settle most findings; one with unverified parts due both before and after the range is looked at.
        tests.push((s) => openFirst[s]! <= to && openLast[s]! >= from && ((openFirst[s]! >= from || openLast[s]! <= to) || row(s).openDueDates.some(within)));
      }
    }
    if (tests.length === 0) return undefined;
    if (tests.length === 1) return tests[0];
    return (s) => tests.every((test) => test(s));
  }

  /** Marks (1) the findings whose title contains `text`: one pass of indexOf over all titles, by sequence number. */
  private titlesContaining(text: string): Uint8Array {
    const marked = new Uint8Array(this.findings.length);
    if (text.includes('\u0000')) return marked;
    for (let at = this.titleText.indexOf(text); at !== -1; at = this.titleText.indexOf(text, at + 1)) {
      marked[positionOf(this.titleStarts, at + 1) - 1] = 1;
    }
    return marked;
  }

  private addEvaluation(evaluationId: string): void {
    const view = this.ledger.evaluation(evaluationId);
    if (!view || this.evaluationIds.has(evaluationId)) return;
    this.evaluationIds.add(evaluationId);
    this.evaluations.push({ sequence: this.evaluations.length, view });
    const key = documentTitleKey(view.title);
    if (!this.evaluationsByTitleKey.has(key)) this.evaluationsByTitleKey.set(key, view);
  }

  private addFinding(findingId: string): void {
    const view = this.ledger.finding(findingId);
    if (!view) return;
    const row: FindingRow = { sequence: this.findings.length, view, searchTitle: searchable(view.title), units: [], openDueDates: [], awaitingDue: null };
    this.findings.push(row);
    this.sequences.push(row.sequence);
    this.titleStarts.push(this.titleText.length);
    this.titleText += `${row.searchTitle}\u0000`;
    this.findingsById.set(findingId, row);
    appendTo(this.byEvaluation, view.evaluationId, row.sequence);
    appendTo(this.byCategory, view.category, row.sequence);
    this.largestEvaluation = Math.max(this.largestEvaluation, this.byEvaluation.get(view.evaluationId)!.length);
    this.growColumns(this.findings.length);
    this.refresh(row);
  }

  /** After an event of the finding: its units, due dates and awaiting due date, O(its parts). */
  private refresh(row: FindingRow): void {
    const openDueDates: string[] = [];
    let awaitingDue: string | null = null;
    // `YYYY-MM-DD` days order as text: only the earliest and latest are turned into numbers.
    let first: string | null = null;
    let last: string | null = null;
    for (const part of row.view.parts.values()) {
      if (part.status === 'VERIFIED') continue;
      openDueDates.push(part.dueDate);
      if (first === null || part.dueDate < first) first = part.dueDate;
      if (last === null || part.dueDate > last) last = part.dueDate;
      if (isDueBound(part) && (awaitingDue === null || part.dueDate < awaitingDue)) awaitingDue = part.dueDate;
    }
    row.openDueDates = openDueDates;
    row.awaitingDue = awaitingDue;
    const at = row.sequence;
    const code = STATUS_CODE[findingStatus(row.view)];
    const was = this.statusCodes[at]!;
    if (code !== was) {
      // 0: a finding just added, in no status list yet.
      if (was !== 0) {
        removeFrom(this.byStatus, statusKey(was), at);
        removeFrom(this.byStatus, statusKey(was, row.view.evaluationId), at);
      }
      insertInto(this.byStatus, statusKey(code), at);
      insertInto(this.byStatus, statusKey(code, row.view.evaluationId), at);
    }
    this.statusCodes[at] = code;
    this.awaitingDays[at] = awaitingDue === null ? NO_DAY_AFTER : dayNumber(awaitingDue);
    this.openFirstDays[at] = first === null ? NO_DAY_AFTER : dayNumber(first);
    this.openLastDays[at] = last === null ? NO_DAY_BEFORE : dayNumber(last);
    const units = [...new Set([...row.view.concernedUnitIds, ...row.view.parts.keys()])];
    for (const unitId of row.units) if (!units.includes(unitId)) removeFrom(this.byUnit, unitId, at);
    for (const unitId of units) if (!row.units.includes(unitId)) insertInto(this.byUnit, unitId, at);
    row.units = units;
  }

  /** Room in the columns for `size` findings, doubling as they grow. */
  private growColumns(size: number): void {
    if (size <= this.statusCodes.length) return;
    const grown = <Column extends Uint8Array | Int32Array>(column: Column, make: (length: number) => Column): Column => {
      const larger = make(Math.max(size, column.length * 2));
      larger.set(column);
      return larger;
    };
    this.statusCodes = grown(this.statusCodes, (length) => new Uint8Array(length));
    this.awaitingDays = grown(this.awaitingDays, (length) => new Int32Array(length));
    this.openFirstDays = grown(this.openFirstDays, (length) => new Int32Array(length));
    this.openLastDays = grown(this.openLastDays, (length) => new Int32Array(length));
  }

  /**
   * When the ledger holds more than this index saw (it was restored from a snapshot, this index
   * was not), the lists are rebuilt from the ledger's views, in the order recorded. O(1) otherwise.
   */
  private catchUp(): void {
    const { evaluations, findings } = this.ledger.counts();
    if (evaluations === this.evaluations.length && findings === this.findings.length) return;
    this.findings.length = 0;
    this.sequences.length = 0;
    this.titleStarts.length = 0;
    this.titleText = '';
    this.evaluations.length = 0;
    this.evaluationIds.clear();
    this.evaluationsByTitleKey.clear();
    for (const map of [this.findingsById, this.byEvaluation, this.byCategory, this.byUnit, this.byStatus]) map.clear();
    this.statusCodes.fill(0);
    this.largestEvaluation = 0;
    for (const evaluation of this.ledger.listEvaluations()) this.addEvaluation(evaluation.evaluationId);
    for (const finding of this.ledger.listFindings()) this.addFinding(finding.findingId);
  }
}

/**
 * One page of findings as they stood on a past day (`findings`: folded at that day's cut, in the
 * order recorded), filtered as `findingPage` filters the live list, with lights and due days on
 * `days.today` (the day shown). O(findings): a scan of a fold that is itself O(findings).
 */
export function findingPageAt(findings: readonly FindingView[], filter: FindingFilter, days: LightDays, page: PageRequest): Connection<FindingView> {
  const words = searchWords(filter.titleContains ?? '');
  const within = (due: string) => (filter.dueFrom === undefined || due >= filter.dueFrom) && (filter.dueTo === undefined || due <= filter.dueTo);
  const matches = (finding: FindingView): boolean => {
    const { evaluationId, category, status, unitId, light, dueFrom, dueTo } = filter;
    if (evaluationId !== undefined && finding.evaluationId !== evaluationId) return false;
    if (category !== undefined && finding.category !== category) return false;
    if (unitId !== undefined && !finding.concernedUnitIds.includes(unitId) && !finding.parts.has(unitId)) return false;
    if (status !== undefined && findingStatus(finding) !== status) return false;
    if (words.length > 0 && !words.every((word) => searchable(finding.title).includes(word))) return false;
    const parts = unitId === undefined ? [...finding.parts.values()] : [finding.parts.get(unitId)].filter((part) => part !== undefined);
    if (light !== undefined && worstLight(parts.map((part) => partLight(part, days))) !== light) return false;
    if ((dueFrom !== undefined || dueTo !== undefined) && !parts.some((part) => part.status !== 'VERIFIED' && within(part.dueDate))) return false;
    return true;
  };
  const rows = findings.map((view, sequence) => ({ sequence, view }));
  const result = paginate(rows, findingAtOrder, page, { matches: (row) => matches(row.view) });
  return { ...result, edges: result.edges.map((edge) => ({ cursor: edge.cursor, node: edge.node.view })), nodes: result.nodes.map((row) => row.view) };
}

const findingAtOrder = recordedOrder<{ sequence: number; view: FindingView }>('findings', (row) => row.sequence);
const LIGHT_RANK: Readonly<Record<TrafficLight, number>> = { RED: 0, YELLOW: 1, GREEN: 2 };
/** A finding's light is its worst unverified part's; none when every part is verified (or there is none). */
const worstLight = (lights: readonly (TrafficLight | null)[]): TrafficLight | null =>
  lights.reduce<TrafficLight | null>((worst, light) => (light !== null && (worst === null || LIGHT_RANK[light] < LIGHT_RANK[worst]) ? light : worst), null);

/** The light of a part on `days.today`: red late, yellow due soon, green on track or reported; none once verified. */
function partLight(part: PartView | undefined, days: LightDays): TrafficLight | null {
  if (!part || part.status === 'VERIFIED') return null;
  if (!isDueBound(part)) return 'GREEN';
  return lightOfDue(part.dueDate, days);
}

/** Calendar days compare as strings: two comparisons light a due date (same rule as `trafficLight`). */
const lightOfDue = (due: string, days: LightDays): TrafficLight => (due < days.today ? 'RED' : due <= days.dueSoonUntil ? 'YELLOW' : 'GREEN');

function appendTo(lists: Map<string, number[]>, key: string, sequence: number): void {
  const list = lists.get(key);
  if (list) list.push(sequence);
  else lists.set(key, [sequence]);
}

/** Inserts in recorded order: at the end for a new finding, by binary search for an older one. */
function insertInto(lists: Map<string, number[]>, key: string, sequence: number): void {
  const list = lists.get(key);
  if (list) insertInOrder(list, sequence, findingOrder);
  else lists.set(key, [sequence]);
}

function removeFrom(lists: Map<string, number[]>, key: string, sequence: number): void {
  const list = lists.get(key);
  if (!list) return;
  const index = positionOf(list, sequence);
  if (list[index] === sequence) list.splice(index, 1);
}

/** The index of the first sequence at or after `sequence`. */
function positionOf(list: readonly number[], sequence: number): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (list[middle]! < sequence) low = middle + 1;
    else high = middle;
  }
  return low;
}
