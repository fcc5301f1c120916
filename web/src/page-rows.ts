
/** One page of a list as the API answers it (api.ts's Connection has this shape). */
export interface RowsPage<Node> {
  nodes: Node[];
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** The API's largest page (`first` ≤ 200): a larger `first` is refused (每页条数 first 应为 0 到 200 的整数). */
export const MAX_PAGE = 200;

/**
 * The first `wanted` rows of a list again, from its start, a page of at most MAX_PAGE at a time: a
 * refresh after 加载更多 keeps every row the person had opened however many there are (breaker12b P2:
 * 用户管理 with 303 accounts asked `first: 303` and every reload was refused). Returns the rows and the
 * last page fetched (its totalCount and pageInfo go on from there).
 */
export async function fetchRows<Node>(fetchPage: (first: number, after: string | null) => Promise<RowsPage<Node>>, wanted: number): Promise<{ fetched: Node[]; page: RowsPage<Node> }> {
  const fetched: Node[] = [];
  let after: string | null = null;
  let page: RowsPage<Node>;
  do {
    page = await fetchPage(Math.min(MAX_PAGE, Math.max(0, wanted - fetched.length)), after);
    fetched.push(...page.nodes);
    after = page.pageInfo.endCursor;
  } while (page.pageInfo.hasNextPage && fetched.length < wanted);
  return { fetched, page };
}

/**
 * What a column sort of a paged table says when it sorts only the rows loaded (breaker11h P6: 总览's
 * 红黄绿灯 sorted by 整改时限 showed a part due 12-15 first while parts due later were not loaded): the
 * table's header sorts the rows in the browser, so while fewer are shown than there are the sort is
 * said to cover those only; null when no column is sorted or every row is shown.
 */
export function partialSortNote(sorted: boolean, shown: number, total: number | null): string | null {
  if (!sorted || total === null || shown >= total) return null;
  return `排序仅限已显示的 ${shown} 项（共 ${total} 项）：未显示的项不参与排序，请先“再显示”全部再排序；不排序时按紧急程度排列（红灯在前，逾期最久的在前）。`;
}
