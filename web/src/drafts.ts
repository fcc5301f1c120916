import { ref } from 'vue';

/**
 * Forms' unsent text kept across a session that ends mid-form (12 h expiry, signed out elsewhere, a
 * password reset: breaker11 F9). When the API says the session is over, every open form saves what
 * was typed into this tab's sessionStorage, under the page, the form and the user; after signing in
 * again the app returns to the page and the same form, opened again by the same user, starts with
 * that text. Passwords are never kept. Nothing is saved while the session lasts: a form closed on
 * purpose starts empty next time.
 */
const PREFIX = 'rectify.draft:';

interface Draft {
  /** The form's name as the person knows it (its submit button: 催办, 报告整改完成). */
  label: string;
  values: Record<string, unknown>;
}

/** One open form: where its draft goes and how to read its values now. */
interface OpenForm {
  key: () => string;
  label: string;
  /** The values the person changed (none: nothing is kept). */
  values: () => Record<string, unknown>;
}

const openForms = new Set<OpenForm>();

/** Drafts waiting on this tab's pages, by page path (for the page's notice); kept in step with sessionStorage. */
export const waitingDrafts = ref<WaitingDraft[]>(readWaiting());

/** A draft kept for a user on a page, under the form's name. */
export interface WaitingDraft {
  userId: string;
  path: string;
  label: string;
}

function readWaiting(): WaitingDraft[] {
  const waiting: WaitingDraft[] = [];
  for (let index = 0; index < sessionStorage.length; index += 1) {
    const key = sessionStorage.key(index)!;
    if (!key.startsWith(PREFIX)) continue;
    try {
      const draft = JSON.parse(sessionStorage.getItem(key)!) as Draft;
      const [userId, path] = key.slice(PREFIX.length).split('\u0000') as [string, string];
      waiting.push({ userId, path, label: draft.label });
    } catch {
      sessionStorage.removeItem(key);
    }
  }
  return waiting;
}

/** The storage key of a form: user, page path and the form's own name on that page, apart by NUL. */
export const draftKey = (userId: string, path: string, form: string): string => `${PREFIX}${userId}\u0000${path}\u0000${form}`;

/** A mounted form registers itself; the returned function unregisters it (on unmount). */
export function keepDraftIfSessionEnds(form: OpenForm): () => void {
  openForms.add(form);
  return () => openForms.delete(form);
}

/** Called once the API has said the session is over, before the user is forgotten. */
export function saveOpenDrafts(): void {
  for (const form of openForms) {
    const values = form.values();
    if (Object.keys(values).length === 0) continue;
    try {
      sessionStorage.setItem(form.key(), JSON.stringify({ label: form.label, values } satisfies Draft));
    } catch {
      // A full sessionStorage keeps nothing more; the form's refusal to save is no reason to fail sign-out.
    }
  }
  waitingDrafts.value = readWaiting();
}

/** The draft saved for this form, removed from storage (it is back in the form); null when none. */
export function takeDraft(key: string): Record<string, unknown> | null {
  const saved = sessionStorage.getItem(key);
  if (saved === null) return null;
  sessionStorage.removeItem(key);
  waitingDrafts.value = readWaiting();
  try {
    return (JSON.parse(saved) as Draft).values;
  } catch {
    return null;
  }
}
