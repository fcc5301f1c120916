import { onBeforeUnmount, ref, type Directive, type Ref } from 'vue';

/** Phone width, as theme.css's breakpoint: at most 600 CSS px. */
const PHONE = '(max-width: 600px)';

/**
 * True while the screen is phone-wide, following rotation and resizing for as long as the calling
 * component is mounted. A table then shows fewer columns, the rest stacked under a row's name, so
 * that what identifies a row and what can be done with it fit without sideways scrolling (breaker11 F8).
 */
export function useNarrowScreen(): Ref<boolean> {
  const query = window.matchMedia(PHONE);
  const narrow = ref(query.matches);
  const follow = (event: MediaQueryListEvent) => (narrow.value = event.matches);
  query.addEventListener('change', follow);
  onBeforeUnmount(() => query.removeEventListener('change', follow));
  return narrow;
}

/** The class Element Plus gives every header and body cell of one column of one table: el-table_3_column_12. */
const COLUMN_CLASS = /^el-table_\d+_column_\d+$/;

/** Gives every body cell of the table (nested tables too) its column's header as `data-label`. */
function labelCells(table: HTMLElement): void {
  const labels = new Map<string, string>();
  for (const header of table.querySelectorAll<HTMLElement>('.el-table__header-wrapper th')) {
    const column = [...header.classList].find((name) => COLUMN_CLASS.test(name));
    if (column) labels.set(column, header.textContent?.trim() ?? '');
  }
  for (const cell of table.querySelectorAll<HTMLElement>('.el-table__body-wrapper td')) {
    const column = [...cell.classList].find((name) => COLUMN_CLASS.test(name));
    const label = column ? (labels.get(column) ?? '') : '';
    if (cell.dataset.label !== label) cell.dataset.label = label;
  }
}

const watching = new WeakMap<HTMLElement, MutationObserver>();

/**
 * `v-phone-rows` on an el-table: on a phone (theme.css, at most 600 px) each row is drawn as a block
 * of `列名 值` lines under one another instead of columns side by side, so no table is wider than the
 * screen (breaker11c N5, breaker11 F8). Element Plus writes no header into body cells, so this copies
 * each column's header into its cells' `data-label` as rows are drawn (for theme.css to show).
 */
export const vPhoneRows: Directive<HTMLElement> = {
  mounted(table) {
    // An attribute, not a class: the table's own render rewrites its class list.
    table.dataset.phoneRows = '';
    labelCells(table);
    let queued = false;
    const observer = new MutationObserver(() => {
      if (queued) return;
      queued = true;
      queueMicrotask(() => {
        queued = false;
        labelCells(table);
      });
    });
    observer.observe(table, { childList: true, subtree: true });
    watching.set(table, observer);
  },
  unmounted(table) {
    watching.get(table)?.disconnect();
    watching.delete(table);
  },
};
