import { ref, type Ref } from 'vue';
import { ApiError, gql, isNotYetRecorded } from './api';
import { MAX_PAGE, type RowsPage } from './page-rows';
import { timeArguments } from './state';
import { HISTORY_PAGE, historyPageSelection, partsSelection, timelineFrom, withOwnDetails, type HistoryEntry, type Part, type TimelinePage } from './workflow';

/**
 * Parts read per request: a finding or item of 各单位 holds every unit's part (300), each with its
 * reports, inspections and requests — the API prices them so, and refuses them all at once
 * (breaker12e P9, breaker12f P6).
 */
export const PARTS_PER_REQUEST = 40;

/** Which record a page shows, as the API names its query, list of parts and count of them. */
export interface RecordKind {
  /** The query: `finding(id)` or `workPlanItem(id)`. */
  query: 'finding' | 'workPlanItem';
  /** Its parts: a finding's `assignments`, an item's `parts`. */
  partsField: 'assignments' | 'parts';
  /** How many parts it has: `assignmentCount` / `partCount` (the parts are read PARTS_PER_REQUEST at a time). */
  countField: 'assignmentCount' | 'partCount';
}

/** What a record page holds besides its own fields: its first timeline page as the API answers it. */
interface WithTimeline {
  historyPage: RowsPage<HistoryEntry>;
  ownPart?: Partial<Part>[];
}

/**
 * A finding's or a work-plan item's page (FindingPage, ItemPage): the record as of the day viewed,
 * every part (the first PARTS_PER_REQUEST with the record, the rest a request at a time), and its
 * timeline read HISTORY_PAGE lines at a time with 更多 (breaker12h P6: a 1,550-line history was
 * asked whole on every load and push).
 *
 * `fields(parts, history)` gives the record's selection, given the parts and timeline selections to
 * put in it. `load()` (re)reads the page: a reload of the same record keeps the timeline lines shown;
 * another record starts from its first page; an answer to an older load or 更多 is dropped.
 * `failure` holds the Chinese message of a failed read; `notYet` the API's NOT_YET_RECORDED message
 * (the record did not exist yet on the day viewed), with `record` then null.
 */
export function useRecordPage<R extends WithTimeline>(kind: RecordKind, id: Ref<string>, fields: (parts: string, history: string) => string) {
  const record = ref<R | null>(null) as Ref<R | null>;
  const timeline = ref<TimelinePage | null>(null);
  const failure = ref('');
  const notYet = ref('');
  /** Which record `timeline` is of. */
  let timelineOf = '';
  /** Counts loads: a page of 更多 answered after a reload began is not added to the reloaded lines. */
  let loads = 0;

  const read = async <T>(selection: string): Promise<T> =>
    (await gql<Record<string, T>>(`query($id: ID!, $asOf: String, $knownAt: String) { ${kind.query}(id: $id, asOf: $asOf, knownAt: $knownAt) { ${selection} } }`, { id: id.value, ...timeArguments() }))[kind.query]!;

  /** `first` lines of the timeline after the line `after` names (else from its start), as of the day viewed. */
  const historyPageOf = async (first: number, after: string | null) => (await read<WithTimeline>(historyPageSelection(first, after))).historyPage;

  const said = (error: unknown) => (error instanceof ApiError ? error.messageZh : '无法连接服务器。');

  /** Parts asked per request: halved when the API refuses a page as too costly, and kept so for this page's later loads (live reloads ask once). */
  let perRequest = PARTS_PER_REQUEST;

  async function load() {
    const mine = ++loads;
    try {
      const wanted = timelineOf === id.value ? Math.max(HISTORY_PAGE, timeline.value?.lines.length ?? 0) : HISTORY_PAGE;
      const pageOfParts = (offset: number, limit: number) => partsSelection(kind.partsField, `offset: ${offset}, limit: ${limit}`);
      /*
       * Read with as many parts as the API's cost budget lets one request hold: a part's records are priced by what they may
       * hold, so a page of 40 parts of a 各单位 item was refused whole as too costly and the page showed nothing (breaker52-8 S2:
       * a finding or item of 25+ units could not be opened). Refused so, the page of parts is halved and asked again.
       */
      const withinBudget = async <T>(ask: (limit: number) => Promise<T>): Promise<T> => {
        for (;;) {
          try {
            return await ask(perRequest);
          } catch (error) {
            if (!(error instanceof ApiError && error.reason === 'QUERY_TOO_COSTLY') || perRequest === 1) throw error;
            perRequest = Math.ceil(perRequest / 2);
          }
        }
      };
      const first = withOwnDetails(await withinBudget((limit) => read<R>(fields(pageOfParts(0, limit), historyPageSelection(Math.min(wanted, MAX_PAGE))))), kind.partsField);
      const partsOf = (answer: object) => (answer as Record<string, Part[]>)[kind.partsField]!;
      const parts = [...partsOf(first)];
      const count = (first as unknown as Record<string, number>)[kind.countField]!;
      while (parts.length < count) {
        const page = partsOf(withOwnDetails(await withinBudget((limit) => read<{ ownPart?: Partial<Part>[] }>(pageOfParts(parts.length, limit))), kind.partsField));
        if (page.length === 0) break;
        parts.push(...page);
      }
      const lines = await timelineFrom(first.historyPage, wanted, historyPageOf);
      if (mine !== loads) return;
      record.value = { ...first, [kind.partsField]: parts };
      [timeline.value, timelineOf] = [lines, id.value];
      [failure.value, notYet.value] = ['', ''];
    } catch (error) {
      if (isNotYetRecorded(error)) [record.value, notYet.value, failure.value] = [null, error.messageZh, ''];
      else failure.value = said(error);
    }
  }

  /** 更多: the next page of the timeline, after the lines shown. */
  async function moreTimeline() {
    const shown = timeline.value;
    if (!shown?.hasMore) return;
    const mine = loads;
    try {
      const page = await historyPageOf(HISTORY_PAGE, shown.endCursor);
      if (mine !== loads || timeline.value !== shown) return;
      timeline.value = { lines: [...shown.lines, ...page.nodes], totalCount: page.totalCount, hasMore: page.pageInfo.hasNextPage, endCursor: page.pageInfo.endCursor ?? shown.endCursor };
    } catch (error) {
      failure.value = said(error);
    }
  }

  return { record, timeline, failure, notYet, load, moreTimeline };
}
