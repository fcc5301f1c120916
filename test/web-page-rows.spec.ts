import { MAX_PAGE, PHONE_SORTS, columnSortOf, columnSortOrder, continueRows, fetchRows, lightFilterOf, openPartOrderOf, type RowsPage } from '../web/src/page-rows.js';

/*
 * breaker12b P2: 用户管理 with 303 accounts, after 加载更多, reloaded with `users(first: 303)`: every
 * 刷新 and every action's reload was refused (每页条数 first 应为 0 到 200 的整数) and the table kept
 * what it showed before the action. 问题清单 and 通报 capped the reload at 200 and dropped the rows
 * past it. A reload now fetches every row shown again, never more than the API allows at once.
 */
describe('fetching again the rows a list shows', () => {
  /** A list of `size` rows served as the API does: `first` above MAX_PAGE is refused. */
  function list(size: number) {
    const asked: number[] = [];
    const fetchPage = async (first: number, after: string | null): Promise<RowsPage<number>> => {
      if (first > MAX_PAGE) throw new Error(`first ${first} refused`);
      asked.push(first);
      const start = after === null ? 0 : Number(after) + 1;
      const nodes = Array.from({ length: Math.max(0, Math.min(first, size - start)) }, (_, i) => start + i);
      return { nodes, totalCount: size, pageInfo: { hasNextPage: start + nodes.length < size, endCursor: nodes.length ? String(nodes.at(-1)) : null } };
    };
    return { asked, fetchPage };
  }

  it('fetches 303 shown rows in pages of at most 200, all of them', async () => {
    const { asked, fetchPage } = list(400);
    const { fetched, page } = await fetchRows(fetchPage, 303);
    expect(fetched).toEqual(Array.from({ length: 303 }, (_, i) => i));
    expect(asked).toEqual([200, 103]);
    expect(page.pageInfo.hasNextPage).toBe(true);
  });

  it('goes on from a first page another query brought (a timeline with its page) to the rows shown, at most 200 a request (breaker12h P6)', async () => {
    const { asked, fetchPage } = list(1549);
    const first = await fetchPage(50, null);
    asked.length = 0;
    // A reload after 更多 five times: the 300 lines shown are read again, the first 50 with the page's own query.
    const { fetched, page } = await continueRows(first, 300, fetchPage);
    expect(fetched).toEqual(Array.from({ length: 300 }, (_, i) => i));
    expect(asked).toEqual([200, 50]);
    expect(page.pageInfo.hasNextPage).toBe(true);
    // A first page that is all there is asks nothing more.
    const short = list(20);
    const whole = await continueRows(await short.fetchPage(50, null), 50, short.fetchPage);
    expect(whole.fetched).toHaveLength(20);
    expect(short.asked).toEqual([50]);
  });

  it('stops at the end of a list shorter than what was shown', async () => {
    const { fetchPage } = list(250);
    const { fetched, page } = await fetchRows(fetchPage, 303);
    expect(fetched).toHaveLength(250);
    expect(page.pageInfo.hasNextPage).toBe(false);
  });
});

/*
 * breaker11h P6: 总览's table sorted by 整改时限 (descending) showed a part due 2026-12-15 first while
 * 88 parts, some due up to 2027-01-10, were not loaded: the browser sorted the rows loaded. A header
 * sort now asks the server for the list in that order.
 */
describe('a header sort of 总览’s 红黄绿灯 table', () => {
  it('asks the server for the list by due day or by days overdue, either way', () => {
    expect(columnSortOrder('dueDate', 'ascending')).toBe('DUE_DATE_ASC');
    expect(columnSortOrder('dueDate', 'descending')).toBe('DUE_DATE_DESC');
    expect(columnSortOrder('daysOverdue', 'ascending')).toBe('DAYS_OVERDUE_ASC');
    expect(columnSortOrder('daysOverdue', 'descending')).toBe('DAYS_OVERDUE_DESC');
  });

  it('goes back to urgency when the sort is taken off or the column sorts nothing on the server', () => {
    expect(columnSortOrder('dueDate', null)).toBe('URGENCY');
    expect(columnSortOrder('unitName', 'ascending')).toBe('URGENCY');
    expect(columnSortOrder(undefined, undefined)).toBe('URGENCY');
  });
});

/*
 * breaker11j P2: the chosen sort and light were lost on Back from a finding (the URL carried neither);
 * P1: on a phone the headers are hidden, so nothing could sort at all. The order and light live in the
 * URL, the header shows the order read from it, and a phone offers the same orders in a select.
 */
describe('总览’s order and light kept in its URL, and offered on a phone', () => {
  it('reads back every order and light it writes; anything else is urgency / all lights', () => {
    for (const { value } of PHONE_SORTS) expect(openPartOrderOf(value)).toBe(value);
    expect(openPartOrderOf('DUE_DATE')).toBe('URGENCY');
    expect(openPartOrderOf(undefined)).toBe('URGENCY');
    expect(openPartOrderOf(['DUE_DATE_ASC'])).toBe('URGENCY');
    for (const light of ['RED', 'YELLOW', 'GREEN'] as const) expect(lightFilterOf(light)).toBe(light);
    expect(lightFilterOf('BLUE')).toBe('ALL');
    expect(lightFilterOf(null)).toBe('ALL');
  });

  it('marks the header whose sort asks for the order read back, none for urgency', () => {
    for (const order of ['DUE_DATE_ASC', 'DUE_DATE_DESC', 'DAYS_OVERDUE_ASC', 'DAYS_OVERDUE_DESC'] as const) {
      const sort = columnSortOf(order)!;
      expect(columnSortOrder(sort.prop, sort.order)).toBe(order);
    }
    expect(columnSortOf('URGENCY')).toBeUndefined();
  });

  it('offers on a phone every order the headers can ask for, once each', () => {
    expect(new Set(PHONE_SORTS.map((sort) => sort.value)).size).toBe(PHONE_SORTS.length);
    expect(PHONE_SORTS.map((sort) => sort.value).sort()).toEqual(['DAYS_OVERDUE_ASC', 'DAYS_OVERDUE_DESC', 'DUE_DATE_ASC', 'DUE_DATE_DESC', 'URGENCY']);
  });
});
