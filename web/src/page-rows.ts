
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
 * The rows of a list whose first page came inside a larger query (a finding's or an item's timeline
 * with the rest of its page), and the pages after it fetched until `wanted` rows are there, at most
 * MAX_PAGE a request: a reload after 更多 keeps every row shown. Returns them with the last page.
 */
export async function continueRows<Node>(first: RowsPage<Node>, wanted: number, fetchPage: (first: number, after: string | null) => Promise<RowsPage<Node>>): Promise<{ fetched: Node[]; page: RowsPage<Node> }> {
  const fetched = [...first.nodes];
  let page = first;
  while (page.pageInfo.hasNextPage && fetched.length < wanted) {
    page = await fetchPage(Math.min(MAX_PAGE, wanted - fetched.length), page.pageInfo.endCursor);
    if (page.nodes.length === 0) break;
    fetched.push(...page.nodes);
  }
  return { fetched, page };
}

/** The orders the server lists open parts in (GraphQL `OpenPartOrder`). */
export type OpenPartOrder = 'URGENCY' | 'DUE_DATE_ASC' | 'DUE_DATE_DESC' | 'DAYS_OVERDUE_ASC' | 'DAYS_OVERDUE_DESC';

const COLUMN_ORDERS: Record<string, Record<'ascending' | 'descending', OpenPartOrder>> = {
  dueDate: { ascending: 'DUE_DATE_ASC', descending: 'DUE_DATE_DESC' },
  daysOverdue: { ascending: 'DAYS_OVERDUE_ASC', descending: 'DAYS_OVERDUE_DESC' },
};

/**
 * The server's order for a header sort of 总览's 红黄绿灯 table (Element Plus `sort-change`: the
 * column's prop and `ascending` / `descending`, or null when the sort is taken off): 整改时限 by due
 * day, 逾期天数 by days overdue, each over every open part, a page at a time (breaker11h P6: the
 * browser sorted the rows loaded, so a list of 150 shown of 238 looked sorted while it was not);
 * no sort, or another column: the dashboard's urgency order (red first, the most overdue first).
 */
export function columnSortOrder(prop: string | null | undefined, direction: string | null | undefined): OpenPartOrder {
  if (direction !== 'ascending' && direction !== 'descending') return 'URGENCY';
  return COLUMN_ORDERS[prop ?? '']?.[direction] ?? 'URGENCY';
}

const ORDERS: readonly OpenPartOrder[] = ['URGENCY', 'DUE_DATE_ASC', 'DUE_DATE_DESC', 'DAYS_OVERDUE_ASC', 'DAYS_OVERDUE_DESC'];

/** An order read from 总览's URL (`?order=`): one the server lists by, else urgency (a hand-typed or stale value). */
export const openPartOrderOf = (value: unknown): OpenPartOrder => (ORDERS.includes(value as OpenPartOrder) ? (value as OpenPartOrder) : 'URGENCY');

/** 总览's light filter, in its URL as `?light=`: all lights unless one is named. */
export type LightFilter = 'ALL' | 'RED' | 'YELLOW' | 'GREEN';
export const lightFilterOf = (value: unknown): LightFilter => (value === 'RED' || value === 'YELLOW' || value === 'GREEN' ? value : 'ALL');

/**
 * The header mark for an order (Element Plus `default-sort`): the column and direction whose sort
 * asks for it (`columnSortOrder`'s inverse), so a page opened again from its URL (Back from a finding,
 * breaker11j P2) shows the sort it lists by; undefined for urgency.
 */
export function columnSortOf(order: OpenPartOrder): { prop: string; order: 'ascending' | 'descending' } | undefined {
  for (const [prop, directions] of Object.entries(COLUMN_ORDERS)) {
    for (const direction of ['ascending', 'descending'] as const) if (directions[direction] === order) return { prop, order: direction };
  }
  return undefined;
}

/**
 * The orders a phone offers in its 排序 select, where the table's headers are hidden (breaker11j P1):
 * the same orders the headers ask for, in words.
 */
export const PHONE_SORTS: readonly { value: OpenPartOrder; label: string }[] = [
  { value: 'URGENCY', label: '紧急程度（红灯在前）' },
  { value: 'DUE_DATE_ASC', label: '整改时限 早→晚' },
  { value: 'DUE_DATE_DESC', label: '整改时限 晚→早' },
  { value: 'DAYS_OVERDUE_DESC', label: '逾期天数 多→少' },
  { value: 'DAYS_OVERDUE_ASC', label: '逾期天数 少→多' },
];
