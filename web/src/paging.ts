import { ref, type Ref } from 'vue';
import { ApiError, type Connection } from './api';
import { fetchRows } from './page-rows';

/** Rows a long list draws per page: a screen or two, quick to draw on an office PC. */
export const PAGE_SIZE = 50;

/**
 * A long list drawn a page at a time from a GraphQL connection (first / after / totalCount):
 * `reload()` fetches the first page again (or, after a live change, as many rows as are shown),
 * `more()` appends the next page. `totalCount` is null until the first answer (the list then says
 * 加载中, never its empty words); `failure` holds the Chinese refusal. Each load numbers itself, so
 * an older answer arriving late never overwrites a newer one.
 */
export function usePagedList<Node>(fetchPage: (first: number, after: string | null) => Promise<Connection<Node>>, pageSize = PAGE_SIZE) {
  const nodes = ref([]) as Ref<Node[]>;
  const totalCount = ref<number | null>(null);
  const hasMore = ref(false);
  const busy = ref(false);
  const failure = ref('');
  let endCursor: string | null = null;
  let latest = 0;

  async function load(work: () => Promise<{ fetched: Node[]; page: Connection<Node>; append: boolean }>) {
    const mine = ++latest;
    busy.value = true;
    try {
      const { fetched, page, append } = await work();
      if (mine !== latest) return;
      nodes.value = append ? [...nodes.value, ...fetched] : fetched;
      totalCount.value = page.totalCount;
      endCursor = append ? (page.pageInfo.endCursor ?? endCursor) : page.pageInfo.endCursor;
      hasMore.value = page.pageInfo.hasNextPage;
      failure.value = '';
    } catch (error) {
      if (mine === latest) failure.value = error instanceof ApiError ? error.messageZh : '无法连接服务器。';
    } finally {
      if (mine === latest) busy.value = false;
    }
  }

  /** From the start again: one page, or `wanted` rows (a refresh keeps what the person had opened). */
  const reload = (wanted = pageSize) => load(async () => ({ ...(await fetchRows(fetchPage, wanted)), append: false }));

  const more = () =>
    load(async () => {
      const page = await fetchPage(pageSize, endCursor);
      return { fetched: page.nodes, page, append: true };
    });

  /** Fetches again as many rows as are shown (at least a page): after a live change or another day. */
  const refresh = () => reload(Math.max(pageSize, nodes.value.length));

  return { nodes, totalCount, hasMore, busy, failure, reload, refresh, more };
}
