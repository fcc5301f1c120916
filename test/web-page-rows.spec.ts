import { MAX_PAGE, fetchRows, partialSortNote, type RowsPage } from '../web/src/page-rows.js';

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

  it('stops at the end of a list shorter than what was shown', async () => {
    const { fetchPage } = list(250);
    const { fetched, page } = await fetchRows(fetchPage, 303);
    expect(fetched).toHaveLength(250);
    expect(page.pageInfo.hasNextPage).toBe(false);
  });
});

/*
 * breaker11h P6: 总览's table sorted by 整改时限 (descending) showed a part due 2026-12-15 first while
 * 88 parts, some due up to 2027-01-10, were not loaded: a sort of part of a list looked complete.
 */
describe('a column sort of a table showing part of its rows', () => {
  it('says the sort covers the rows shown only, naming how many of how many', () => {
    expect(partialSortNote(true, 150, 238)).toBe('排序仅限已显示的 150 项（共 238 项）：未显示的项不参与排序，请先“再显示”全部再排序；不排序时按紧急程度排列（红灯在前，逾期最久的在前）。');
  });

  it('says nothing when no column is sorted, every row is shown, or the count is not known yet', () => {
    expect(partialSortNote(false, 150, 238)).toBeNull();
    expect(partialSortNote(true, 238, 238)).toBeNull();
    expect(partialSortNote(true, 0, null)).toBeNull();
  });
});
