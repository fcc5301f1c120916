import { ref } from 'vue';

/**
 * What a list says until its first answer arrives. Never its "nothing here" text (没有…, 暂无…), nor a
 * count of 0: before the answer nothing is known, and a person who reads "没有待督查的任务" while a
 * 1,200-item plan loads believes it and leaves.
 */
export const LOADING = '加载中…';

/**
 * Whether a page's list has had an answer (or a refusal, shown instead) since it was last cleared.
 * `emptyText(words)` is the list's empty text: `LOADING` until answered, `words` after.
 * `settle(promise)` marks the answer; `reset()` clears it when the page asks for another list (a
 * different day), whose old rows it no longer shows.
 */
export function useFirstAnswer() {
  const answered = ref(false);
  const emptyText = (words: string): string => (answered.value ? words : LOADING);
  async function settle<T>(work: Promise<T>): Promise<T> {
    try {
      return await work;
    } finally {
      answered.value = true;
    }
  }
  const reset = () => {
    answered.value = false;
  };
  return { answered, emptyText, settle, reset };
}
