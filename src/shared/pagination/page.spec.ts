import { DomainError } from '../domain-error.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, encodeCursor, insertInOrder, paginate, recordedOrder, type Connection, type PageRequest } from './page.js';

interface Row {
  readonly sequence: number;
  readonly even: boolean;
}

const order = recordedOrder<Row>('rows', (row) => row.sequence);
const rows = (count: number): Row[] => Array.from({ length: count }, (_, sequence) => ({ sequence, even: sequence % 2 === 0 }));
const sequences = (page: { nodes: readonly Row[] }) => page.nodes.map((row) => row.sequence);

function refusal(request: PageRequest, items = rows(5)): DomainError {
  try {
    paginate(items, order, request);
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('the page was not refused');
}

describe('a page of a list', () => {
  it('holds the first items, says there are more and counts all of them', () => {
    const page = paginate(rows(5), order, { first: 2 });
    expect(sequences(page)).toEqual([0, 1]);
    expect(page.totalCount).toBe(5);
    expect(page.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false, startCursor: page.edges[0]!.cursor, endCursor: page.edges[1]!.cursor });
    expect(page.edges.map((edge) => edge.node)).toEqual(page.nodes);
  });

  it('continues after the end cursor until the last page, which says there is no more', () => {
    const items = rows(5);
    const seen: number[] = [];
    let after: string | null = null;
    let pages = 0;
    for (let hasNextPage = true; hasNextPage; pages++) {
      const page: Connection<Row> = paginate(items, order, { first: 2, after });
      seen.push(...sequences(page));
      hasNextPage = page.pageInfo.hasNextPage;
      after = page.pageInfo.endCursor;
      if (pages > 0) expect(page.pageInfo.hasPreviousPage).toBe(true);
    }
    expect(seen).toEqual([0, 1, 2, 3, 4]);
    expect(pages).toBe(3);
  });

  it('holds DEFAULT_PAGE_SIZE items when first is omitted, and MAX_PAGE_SIZE when asked', () => {
    expect(paginate(rows(MAX_PAGE_SIZE + 10), order, {}).nodes).toHaveLength(DEFAULT_PAGE_SIZE);
    expect(paginate(rows(MAX_PAGE_SIZE + 10), order, { first: MAX_PAGE_SIZE }).nodes).toHaveLength(MAX_PAGE_SIZE);
  });

  it('with first = 0 holds nothing but still counts and says whether anything follows', () => {
    const page = paginate(rows(3), order, { first: 0 });
    expect(page.nodes).toEqual([]);
    expect(page.totalCount).toBe(3);
    expect(page.pageInfo).toEqual({ hasNextPage: true, hasPreviousPage: false, startCursor: null, endCursor: null });
    expect(paginate([], order, { first: 0 }).pageInfo.hasNextPage).toBe(false);
  });

  it('past the end is empty, not an error', () => {
    const items = rows(3);
    const last = paginate(items, order, { first: 3 });
    const beyond = paginate(items, order, { first: 3, after: last.pageInfo.endCursor });
    expect(beyond.nodes).toEqual([]);
    expect(beyond.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: true, startCursor: null, endCursor: null });
    expect(beyond.totalCount).toBe(3);
  });

  it('shows and counts only what the filter matches, on every page', () => {
    const items = rows(9);
    const matches = (row: Row) => row.even;
    const first = paginate(items, order, { first: 2 }, { matches });
    expect(sequences(first)).toEqual([0, 2]);
    expect(first.totalCount).toBe(5);
    const second = paginate(items, order, { first: 2, after: first.pageInfo.endCursor }, { matches });
    expect(sequences(second)).toEqual([4, 6]);
    const third = paginate(items, order, { first: 2, after: second.pageInfo.endCursor }, { matches });
    expect(sequences(third)).toEqual([8]);
    expect(third.pageInfo.hasNextPage).toBe(false);
  });

  it('takes the count an index already knows instead of counting', () => {
    expect(paginate(rows(4), order, { first: 1 }, { matches: () => true, totalCount: 4 }).totalCount).toBe(4);
  });

  it('keeps its place when items are added between pages: nothing repeats, nothing unseen is skipped', () => {
    const items = rows(4);
    const first = paginate(items, order, { first: 2 });
    items.push({ sequence: 4, even: true }, { sequence: 5, even: false });
    const rest = paginate(items, order, { first: 10, after: first.pageInfo.endCursor });
    expect(sequences(rest)).toEqual([2, 3, 4, 5]);
    expect(rest.totalCount).toBe(6);
  });

  it('continues after a cursor whose item is no longer in the filtered list', () => {
    const items = rows(6);
    const cursorOf3 = encodeCursor(order, 3);
    expect(sequences(paginate(items, order, { first: 2, after: cursorOf3 }, { matches: (row) => row.even }))).toEqual([4]);
  });

  it.each([[-1], [MAX_PAGE_SIZE + 1], [1.5]])('refuses first = %s with BAD_USER_INPUT, in English and Chinese', (first) => {
    const error = refusal({ first });
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.message).toContain(`0 to ${MAX_PAGE_SIZE}`);
    expect(error.messageZh).toContain(`最多取 ${MAX_PAGE_SIZE} 条`);
    expect(error.details).toMatchObject({ field: 'first' });
  });

  it.each([
    ['not base64', '!!!'],
    ['base64 of nonsense', Buffer.from('hello').toString('base64url')],
    ['a cursor of another list', encodeCursor(recordedOrder('users', () => 0), 1)],
    ['a forged key', Buffer.from('c1:rows:-1').toString('base64url')],
    ['a forged key that is not a number', Buffer.from('c1:rows:1e3').toString('base64url')],
    ['an empty cursor', ''],
  ])('refuses %s as the cursor with BAD_USER_INPUT, in English and Chinese', (_, after) => {
    const error = refusal({ after: after === '' ? ' ' : after });
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.message).toMatch(/not one this list \(rows\) gave out/);
    expect(error.messageZh).toMatch(/翻页位置.*无效/);
    expect(error.details).toMatchObject({ field: 'after' });
  });

  it('keeps a list in order as items are inserted, at the end or in the middle', () => {
    const items = rows(3).filter((row) => row.sequence !== 1);
    insertInOrder(items, { sequence: 5, even: false }, order);
    insertInOrder(items, { sequence: 1, even: false }, order);
    insertInOrder(items, { sequence: 0.5, even: false }, order);
    expect(items.map((row) => row.sequence)).toEqual([0, 0.5, 1, 2, 5]);
  });
});
