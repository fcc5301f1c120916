import { badInput } from '../domain-error.js';

/*
 * Cursor pagination (GraphQL connections, https://relay.dev/graphql/connections.htm) over lists
 * the read models keep in memory, already in their display order. A cursor names a position in
 * that order by the item's sort key (keyset pagination), never by an offset: records added between
 * two pages never make the next page repeat or skip what the reader has not seen yet.
 *
 * Hand-written rather than taken from a library (nestjs-graphql-connection, graphql-relay): those
 * page by offset or through an ORM query; here the lists are in-memory indexes kept by projections.
 */

/** Items a page holds when the client does not say (`first` omitted). */
export const DEFAULT_PAGE_SIZE = 50;
/** Most items one page may hold: a larger `first` is refused, so no request walks a 60k list at once. */
export const MAX_PAGE_SIZE = 200;

/** What the client asked: up to `first` items after the item whose cursor is `after`. */
export interface PageRequest {
  readonly first?: number | null;
  readonly after?: string | null;
}

export interface Edge<Node> {
  readonly cursor: string;
  readonly node: Node;
}

export interface PageInfo {
  /** More items match after this page's last one. */
  readonly hasNextPage: boolean;
  /** Items match before this page's first one (only ever true with `after`). */
  readonly hasPreviousPage: boolean;
  readonly startCursor: string | null;
  /** Pass it as `after` for the next page; null on an empty page. */
  readonly endCursor: string | null;
}

/** One page of a list, as GraphQL connections give it. */
export interface Connection<Node> {
  readonly edges: Edge<Node>[];
  readonly nodes: Node[];
  readonly pageInfo: PageInfo;
  /** Every item that matches the filter, on every page. */
  readonly totalCount: number;
}

/**
 * A list's order: how an item's sort key is found, compared, and written into a cursor. Keys
 * must be unique within the list (add the record's sequence number to break ties).
 */
export interface ListOrder<Item, Key> {
  /** Names the list in its cursors, so a cursor of another list is refused. */
  readonly list: string;
  keyOf(item: Item): Key;
  /** Negative when `a` comes first in the list. */
  compare(a: Key, b: Key): number;
  encode(key: Key): string;
  /** The key a cursor's text names, or undefined when it names none (a forged or damaged cursor). */
  decode(text: string): Key | undefined;
}

/** Items in the order they were recorded, keyed by a sequence number that never changes. */
export function recordedOrder<Item>(list: string, sequenceOf: (item: Item) => number): ListOrder<Item, number> {
  return {
    list,
    keyOf: sequenceOf,
    compare: (a, b) => a - b,
    encode: String,
    decode: (text) => (/^(0|[1-9]\d{0,14})$/.test(text) ? Number(text) : undefined),
  };
}

/**
 * Items of a list sorted some other way than by a lasting key (a plan's own order, which a revision
 * may change; urgency, which changes from day to day), each named by a unique `keyOf` text: a cursor
 * names the item a page ended on, and the next page starts right after where that item stands in
 * `keys` (the list's keys in its present order). A cursor naming an item no longer in the list is
 * refused as one the list did not give out.
 */
export function positionOrder<Item>(list: string, keys: readonly string[], keyOf: (item: Item) => string): ListOrder<Item, string> {
  const position = new Map(keys.map((key, index) => [key, index]));
  return {
    list,
    keyOf,
    compare: (a, b) => position.get(a)! - position.get(b)!,
    encode: (key) => key,
    decode: (text) => (position.has(text) ? text : undefined),
  };
}

/** What a list offers besides its items: a narrowing filter, and its count when known without a scan. */
export interface PageOptions<Item> {
  /** Only items it accepts are on the page and counted; absent: every item. */
  readonly matches?: (item: Item) => boolean;
  /** The number of items `matches` accepts, when an index already knows it. */
  readonly totalCount?: number;
}

const CURSOR_PREFIX = 'c1:';

export function encodeCursor<Key>(order: ListOrder<unknown, Key>, key: Key): string {
  return Buffer.from(`${CURSOR_PREFIX}${order.list}:${order.encode(key)}`, 'utf8').toString('base64url');
}

/**
 * The key a cursor names.
 * @throws DomainError BAD_USER_INPUT when the cursor is not one this list gave out.
 */
export function decodeCursor<Key>(order: ListOrder<unknown, Key>, cursor: string): Key {
  const head = `${CURSOR_PREFIX}${order.list}:`;
  const text = /^[A-Za-z0-9_-]{1,400}$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  const key = text.startsWith(head) ? order.decode(text.slice(head.length)) : undefined;
  if (key === undefined) {
    throw badInput(
      `The cursor "${cursor.slice(0, 60)}" is not one this list (${order.list}) gave out: pass a pageInfo.endCursor or edges.cursor of the same list, or leave "after" out to start from the beginning.`,
      `翻页位置“${cursor.slice(0, 60)}”无效，不是本列表（${order.list}）给出的：请使用同一列表返回的 pageInfo.endCursor 或 edges.cursor，或去掉 after 从头查看。`,
      { field: 'after' },
    );
  }
  return key;
}

/**
 * The number of items a page may hold, as asked.
 * @throws DomainError BAD_USER_INPUT when `first` is negative, not whole, or above MAX_PAGE_SIZE.
 */
export function pageSize(first: number | null | undefined): number {
  if (first === undefined || first === null) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw badInput(
      `"first" must be a whole number from 0 to ${MAX_PAGE_SIZE} (got ${first}): ask for at most ${MAX_PAGE_SIZE} items and follow pageInfo.endCursor for the next page.`,
      `每页条数 first 应为 0 到 ${MAX_PAGE_SIZE} 的整数（收到 ${first}）：每次最多取 ${MAX_PAGE_SIZE} 条，再用 pageInfo.endCursor 翻到下一页。`,
      { field: 'first', max: MAX_PAGE_SIZE },
    );
  }
  return first;
}

/** Index of the first item whose key comes after `key` in `items` (sorted by `order`): O(log n). */
function firstAfter<Item, Key>(items: readonly Item[], order: ListOrder<Item, Key>, key: Key): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (order.compare(order.keyOf(items[middle]!), key) <= 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Inserts `item` where `order` puts it (after any equal key), keeping `items` sorted: O(1) when
 * it sorts last, as a newly recorded item usually does; otherwise a binary search and a splice.
 */
export function insertInOrder<Item, Key>(items: Item[], item: Item, order: ListOrder<Item, Key>): void {
  const key = order.keyOf(item);
  const last = items.at(-1);
  if (last === undefined || order.compare(order.keyOf(last), key) <= 0) items.push(item);
  else items.splice(firstAfter(items, order, key), 0, item);
}

/**
 * One page of `items`, which must already be sorted by `order`: up to `first` items (default
 * DEFAULT_PAGE_SIZE) that `matches` accepts, after the item named by `after`. Finding the start
 * costs O(log n); the page then scans forward only until it is full (plus one more match, for
 * `hasNextPage`). `totalCount` counts every match unless the caller's index knows it.
 * @throws DomainError BAD_USER_INPUT for a bad `first` or a cursor of another list.
 */
export function paginate<Item, Key>(
  items: readonly Item[],
  order: ListOrder<Item, Key>,
  request: PageRequest,
  options: PageOptions<Item> = {},
): Connection<Item> {
  const size = pageSize(request.first);
  const after = request.after ? decodeCursor(order, request.after) : undefined;
  const start = after === undefined ? 0 : firstAfter(items, order, after);
  const matches = options.matches ?? (() => true);
  const edges: Edge<Item>[] = [];
  let index = start;
  for (; index < items.length && edges.length < size; index++) {
    const item = items[index]!;
    if (matches(item)) edges.push({ cursor: encodeCursor(order, order.keyOf(item)), node: item });
  }
  let hasNextPage = false;
  for (; index < items.length && !hasNextPage; index++) hasNextPage = matches(items[index]!);
  let hasPreviousPage = false;
  for (let before = start - 1; before >= 0 && !hasPreviousPage; before--) hasPreviousPage = matches(items[before]!);
  return {
    edges,
    nodes: edges.map((edge) => edge.node),
    pageInfo: {
      hasNextPage,
      hasPreviousPage,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount: options.totalCount ?? (options.matches ? count(items, options.matches) : items.length),
  };
}

function count<Item>(items: readonly Item[], matches: (item: Item) => boolean): number {
  let total = 0;
  for (const item of items) if (matches(item)) total++;
  return total;
}

/** Maps a page's nodes (e.g. a read model's row to the view GraphQL resolves), keeping cursors and counts. */
export function mapConnection<From, To>(page: Connection<From>, map: (node: From) => To): Connection<To> {
  const edges = page.edges.map((edge) => ({ cursor: edge.cursor, node: map(edge.node) }));
  return { ...page, edges, nodes: edges.map((edge) => edge.node) };
}

/**
 * A connection whose `totalCount` is known now and whose page is worked out only when `edges`,
 * `nodes` or `pageInfo` is first read (then kept): a query that selects only `totalCount` — the
 * counts on 总览, in as many aliases as the cost limit lets through — pays nothing for a page.
 * Check the request (`pageSize`, `decodeCursor`) before, so a bad one is refused whatever is selected.
 */
export function lazyConnection<Node>(totalCount: number, page: () => Omit<Connection<Node>, 'totalCount'>): Connection<Node> {
  let read: Omit<Connection<Node>, 'totalCount'> | undefined;
  const once = () => (read ??= page());
  return {
    totalCount,
    get edges() {
      return once().edges;
    },
    get nodes() {
      return once().nodes;
    },
    get pageInfo() {
      return once().pageInfo;
    },
  };
}
