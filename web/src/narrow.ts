import { onBeforeUnmount, ref, type Ref } from 'vue';

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
