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
  /** Why it was kept: the session ended, or Back closed the form's dialog (breaker11b M10). */
  why?: DraftReason;
}

/** Why a form's text was kept: the session ended under it, or Back closed its dialog. */
export type DraftReason = 'sessionEnded' | 'back';

/** The notice's words for a draft kept for `why`: 登录过期前未提交的… / 关闭前未提交的…. */
export const KEPT_BECAUSE: Record<DraftReason, string> = { sessionEnded: '登录过期前未提交的', back: '关闭前未提交的' };

/** One open form: where its draft goes and how to read its values now. */
interface OpenForm {
  key: () => string;
  label: string;
  /** The values the person changed (none: nothing is kept). */
  values: () => Record<string, unknown>;
  /** Whether the form sits in a dialog now open (Back closes it: its text is kept). */
  inOpenDialog?: () => boolean;
}

const openForms = new Set<OpenForm>();

/** Drafts waiting on this tab's pages, by page path (for the page's notice); kept in step with sessionStorage. */
export const waitingDrafts = ref<WaitingDraft[]>(readWaiting());

/** A draft kept for a user on a page, under the form's name. */
export interface WaitingDraft {
  userId: string;
  path: string;
  label: string;
  why: DraftReason;
}

function readWaiting(): WaitingDraft[] {
  const waiting: WaitingDraft[] = [];
  for (let index = 0; index < sessionStorage.length; index += 1) {
    const key = sessionStorage.key(index)!;
    if (!key.startsWith(PREFIX)) continue;
    try {
      const draft = JSON.parse(sessionStorage.getItem(key)!) as Draft;
      const [userId, path] = key.slice(PREFIX.length).split('\u0000') as [string, string];
      waiting.push({ userId, path, label: draft.label, why: draft.why ?? 'sessionEnded' });
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

/**
 * Called once the API has said the session is over, before the user is forgotten (every open form);
 * or, with 'back', when Back closes a dialog (the forms in open dialogs only).
 */
export function saveOpenDrafts(why: DraftReason = 'sessionEnded'): void {
  for (const form of openForms) {
    if (why === 'back' && !form.inOpenDialog?.()) continue;
    const values = form.values();
    if (Object.keys(values).length === 0) continue;
    try {
      sessionStorage.setItem(form.key(), JSON.stringify({ label: form.label, values, why } satisfies Draft));
    } catch {
      // A full sessionStorage keeps nothing more; the form's refusal to save is no reason to fail sign-out.
    }
  }
  waitingDrafts.value = readWaiting();
}

/**
 * Keeps what a form's dialog held when it closed unsent (×, Esc: breaker11g P9), under the form's
 * key, said as 关闭前未提交的…; nothing when nothing was typed, and never over a draft already kept
 * for it (the session ending, or Back, saved it first).
 */
export function keepDraft(key: string, label: string, values: Record<string, unknown>): void {
  if (Object.keys(values).length === 0 || sessionStorage.getItem(key) !== null) return;
  try {
    sessionStorage.setItem(key, JSON.stringify({ label, values, why: 'back' } satisfies Draft));
  } catch {
    // A full sessionStorage keeps nothing more.
  }
  waitingDrafts.value = readWaiting();
}

/** The draft saved for this form, removed from storage (it is back in the form), and why it was kept; null when none. */
export function takeDraft(key: string): { values: Record<string, unknown>; why: DraftReason } | null {
  const saved = sessionStorage.getItem(key);
  if (saved === null) return null;
  sessionStorage.removeItem(key);
  waitingDrafts.value = readWaiting();
  try {
    const draft = JSON.parse(saved) as Draft;
    return { values: draft.values, why: draft.why ?? 'sessionEnded' };
  } catch {
    return null;
  }
}

/** The navigation under way came from Back or Forward (popstate), not from a link or the app. */
let popped = false;
/** The router putting the address back after a cancelled Back: not the person's Back. */
let restoringAddress = false;
// Whichever of this and the router's listener runs first, the router's guards run after both.
window.addEventListener('popstate', () => {
  if (restoringAddress) restoringAddress = false;
  else popped = true;
});

/**
 * For the router's guard: a Back (or Forward) while a dialog is open closes the dialog instead of
 * leaving the page, keeping what was typed in it (breaker11b M10: Android's back gesture, the usual
 * way to close a sheet, threw a half-typed report away). True when it closed one: the navigation is
 * then cancelled (the router puts the address back).
 */
export function closeDialogOnBack(): boolean {
  const back = popped;
  popped = false;
  if (!back) return false;
  const dialogs = [...document.querySelectorAll<HTMLElement>('.el-overlay-dialog .el-dialog')].filter((dialog) => dialog.offsetParent !== null);
  const innermost = dialogs.at(-1);
  if (!innermost) return false;
  saveOpenDrafts('back');
  innermost.querySelector<HTMLButtonElement>('.el-dialog__headerbtn')?.click();
  restoringAddress = true;
  return true;
}
