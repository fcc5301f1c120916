import { createClient, type Client } from 'graphql-ws';
import { coercionRefusal } from './coercion';
import { witnessLedgerHead } from './ledger-head';
import { liveReloadHeaders } from './live-reload';

const TOKEN_KEY = 'rectify.token';

/**
 * The session token lives in localStorage: one sign-in serves every tab of the browser (a finding
 * opened in a new tab, a link pasted from a colleague: breaker11 F7), and signing out in one tab
 * signs out all of them (see `whenSignedOutElsewhere`). The session itself still ends on the server
 * after its 12 hours or at sign-out; closing the browser does not end it — 退出登录 does.
 */
export const storedToken = (): string | null => localStorage.getItem(TOKEN_KEY);
export const storeToken = (token: string | null): void => {
  if (token) localStorage.setItem(TOKEN_KEY, token);
  else localStorage.removeItem(TOKEN_KEY);
  resetSubscriptions();
};

/**
 * Calls `handler` when another tab of this browser signs out (the token removed) or signs in as
 * someone (the token replaced): this tab's session is then not the one it showed.
 * `storage` events reach every other same-origin tab, never the tab that made the change.
 */
export function whenTokenChangesElsewhere(handler: (token: string | null) => void): void {
  window.addEventListener('storage', (event) => {
    if (event.key !== TOKEN_KEY && event.key !== null) return;
    resetSubscriptions();
    handler(storedToken());
  });
}

/** One input field's refusal, as the API reports it (`extensions.fieldErrors`). */
export interface FieldError {
  field: string;
  message: string;
  messageZh?: string;
}

interface GraphqlErrorShape {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; messageZh?: string; field?: string; reason?: string; fieldErrors?: FieldError[]; [key: string]: unknown };
}

/**
 * A refusal from the API. `messageZh` is what the UI shows (the API sends Chinese on every error;
 * the English message is the fallback). `fields` maps an input field (e.g. `summary`,
 * `evidence.0.link`) to its Chinese message, so forms can show it beside that field.
 */
/**
 * Whether a refusal says the value a form showed was changed meanwhile by someone else: CONFLICT naming the form's `expected…`
 * input (the server's valueChangedMeanwhile, issue 9) — the form should read the record again before another press.
 */
export const changedMeanwhile = (error: unknown): boolean =>
  error instanceof ApiError && error.code === 'CONFLICT' && typeof error.extensions.field === 'string' && /^expected[A-Z]/u.test(error.extensions.field);

export class ApiError extends Error {
  readonly code: string;
  readonly reason?: string;
  readonly messageZh: string;
  readonly fields: Record<string, string>;
  /** The errors as answered, for `fieldsNamedBy`. */
  private readonly errors: readonly GraphqlErrorShape[];
  /** The first error's extensions as sent (e.g. an import's `problems`, one per refused row). */
  readonly extensions: Record<string, unknown>;
  /**
   * Whether the answer settles the request: the server refused it (a GraphQL error with its code),
   * so nothing was recorded. False when the answer proves nothing — a proxy's 502/504 page, a body
   * cut off, an internal error (the append may have committed before it): the request may have been
   * recorded all the same. A refusal with any other code was decided before anything was written.
   */
  readonly settled: boolean;

  constructor(errors: GraphqlErrorShape[], status?: number, settled = true) {
    const first = errors[0] ?? { message: `HTTP ${status}` };
    super(first.message);

    this.code = first.extensions?.code ?? (status === 401 ? 'UNAUTHENTICATED' : 'INTERNAL_SERVER_ERROR');
    this.settled = settled && this.code !== 'INTERNAL_SERVER_ERROR';
    this.reason = first.extensions?.reason;
    this.messageZh = first.extensions?.messageZh ?? first.message;
    this.extensions = first.extensions ?? {};
    this.errors = errors;
    this.fields = this.fieldsNamedBy(() => null);
  }

  /**
   * `fields`, with a refusal of a value the API could not read (coercion.ts) naming its field by `labelOf(field)` — the form's
   * own label (督查结果) — where the form knows one: 「“督查结果”的选择不在可选范围内（可选：通过、不通过），请重新选择。」.
   * Fields a page set on `fields` itself are kept.
   */
  fieldsNamedBy(labelOf: (field: string) => string | null): Record<string, string> {
    const fields: Record<string, string> = {};
    for (const error of this.errors) {
      for (const fieldError of error.extensions?.fieldErrors ?? []) {
        fields[fieldError.field] ??= fieldError.messageZh ?? fieldError.message;
      }
      const field = error.extensions?.field;
      if (field) fields[field] ??= error.extensions?.messageZh ?? error.message;
      const coerced = coercionRefusal(error.message, error.extensions?.messageZh, labelOf);
      if (coerced) fields[coerced.field] ??= coerced.messageZh;
    }
    // A page may place a refusal on its own field (Imports.vue puts an upload's refusal beside the file field): kept here too.
    for (const [field, message] of Object.entries(this.fields ?? {})) fields[field] ??= message;
    return fields;
  }
}

/** What the person is told when the answer proves nothing (see ApiError.settled): the retry is safe, it records once. */
const UNSETTLED_ZH = (status: number) =>
  `服务器没有给出明确答复（HTTP ${status}），这次提交可能已经记录，也可能没有。请直接再次提交：同一次提交重复发送只会记录一次。`;

/**
 * The thing asked for exists, but not in the past view asked for: it had not happened or had not been
 * entered yet on that day (NOT_FOUND, reason NOT_YET_RECORDED). Pages show its message as a notice —
 * 截至 …，该问题尚未录入 — never as a fault, and a list leaves the thing out (breaker11d P2).
 */
export const isNotYetRecorded = (error: unknown): error is ApiError => error instanceof ApiError && error.code === 'NOT_FOUND' && error.reason === 'NOT_YET_RECORDED';

/**
 * Called when the API says the session is over (expired, signed out elsewhere, a new password set
 * by an administrator, account deactivated), with the server's Chinese reason.
 */
let onSessionEnded: (reason: string) => void = () => undefined;
export const whenSessionEnds = (handler: (reason: string) => void) => {
  onSessionEnded = handler;
};

const authorization = (): Record<string, string> => {
  const token = storedToken();
  return token ? { authorization: `Bearer ${token}` } : {};
};

/** Sends one GraphQL operation over HTTP; throws ApiError on any error in the answer. */
export async function gql<Data = any>(query: string, variables: Record<string, unknown> = {}): Promise<Data> {
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...authorization(), ...liveReloadHeaders(query) },
    body: JSON.stringify({ query, variables }),
  });
  let body: { data?: Data; errors?: GraphqlErrorShape[] };
  // A proxy's 502/504 page (its read timeout while the server went on and recorded the command), a
  // body cut off, an answer that is neither data nor errors: not the server's word on the request
  // (breaker9d P2), so the form keeps its idempotency key and a retry records once.
  const unsettled = () => new ApiError([{ message: `HTTP ${response.status}`, extensions: { code: 'NO_ANSWER', messageZh: UNSETTLED_ZH(response.status) } }], response.status, false);
  try {
    body = await response.json();
  } catch {
    throw unsettled();
  }
  if (body === null || typeof body !== 'object' || (!('data' in body) && !Array.isArray(body.errors))) throw unsettled();
  // Every page asks only for what its role may read (a unit user its own part's details: see
  // partsSelection), so any error in an answer is a real failure, shown to the person.
  if (body.errors?.length) {
    const error = new ApiError(body.errors, response.status);
    if (error.code === 'UNAUTHENTICATED' && storedToken()) onSessionEnded(error.messageZh);
    throw error;
  }
  witnessAfterChange(query);
  return body.data as Data;
}

let witnessSoon: ReturnType<typeof setTimeout> | null = null;

/**
 * After a change this browser sent, the server's statement of the longer log is taken (once, a
 * second after the last of a burst): the change is then witnessed outside the server too.
 */
function witnessAfterChange(query: string): void {
  if (!/^\s*mutation\b/.test(query)) return;
  if (witnessSoon) clearTimeout(witnessSoon);
  witnessSoon = setTimeout(() => void witnessLedgerHead(gql), 1000);
}

/**
 * A fresh idempotency key per submission (a version-4 UUID, RFC 9562 §5.4): a retried request (same key)
 * changes nothing twice. From `crypto.getRandomValues`, which every page has: `crypto.randomUUID` exists
 * only on a secure origin (https, localhost), and an office's intranet address over http is none — the
 * app stopped while starting and the sign-in page stayed white (newcomer40 P3). Hand-written rather than
 * the `uuid` package: five lines, no dependency in the page bundle.
 */
export const newIdempotencyKey = (): string => {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

let wsClient: Client | null = null;

/** What the live connection reports: connected (again, after a drop: `reconnected`), or closed. */
export interface ConnectionWatcher {
  connected(reconnected: boolean): void;
  closed(): void;
}
const connectionWatchers = new Set<ConnectionWatcher>();

/** Hears the live connection open and close, across sign-ins (each makes its own client); returns the unwatch. */
export function watchConnection(watcher: ConnectionWatcher): () => void {
  connectionWatchers.add(watcher);
  return () => connectionWatchers.delete(watcher);
}

/**
 * Waits before the next attempt to reach a server that went away (restart, network): 1, 2, 4 s,
 * then every 8 s, plus up to 1 s at random so that the tabs of a whole office do not all call at
 * the same instant. graphql-ws's own default doubles without end (17 min after ten failures): an
 * upgrade that takes a minute must not leave the open pages waiting that long.
 */
const reconnectWait = (retries: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.min(2 ** retries, 8) * 1000 + Math.random() * 1000));

function subscriptions(): Client {
  if (!wsClient) {
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;
    wsClient = createClient({
      url,
      connectionParams: () => authorization(),
      lazy: true,
      retryAttempts: Infinity,
      retryWait: reconnectWait,
      // Any close is worth another try while subscriptions are held (graphql-ws still gives up on its fatal codes).
      shouldRetry: () => true,
      on: {
        connected: (_socket, _payload, wasRetry) => connectionWatchers.forEach((watcher) => watcher.connected(wasRetry)),
        closed: () => connectionWatchers.forEach((watcher) => watcher.closed()),
      },
    });
  }
  return wsClient;
}

function resetSubscriptions(): void {
  void wsClient?.dispose();
  wsClient = null;
}

/** How a subscription ended: the server completed it (`refusal` null: e.g. it is shutting down), or refused it. */
export type SubscriptionEnd = (refusal: ApiError | null) => void;

/**
 * Subscribes over graphql-ws (same origin, the session token in connectionParams); `onData` gets
 * every push; `onEnd` hears when the subscription is over from the server's side (completed, or
 * refused with GraphQL errors — a refusal for a session that has ended also ends the session
 * here). A dropped connection is not an end: graphql-ws reconnects and subscribes again itself.
 * Returns the function that ends the subscription (after which `onEnd` is not called).
 */
export function subscribe<Data = any>(query: string, variables: Record<string, unknown>, onData: (data: Data) => void, onEnd: SubscriptionEnd = () => undefined): () => void {
  let ended = false;
  const end = subscriptions().subscribe<Data>(
    { query, variables },
    {
      next: (value) => {
        if (value.errors?.length) {
          finish(new ApiError(value.errors as GraphqlErrorShape[]));
          return end();
        }
        if (value.data) onData(value.data as Data);
      },
      error: (error) => finish(Array.isArray(error) ? new ApiError(error as GraphqlErrorShape[]) : new ApiError([{ message: String(error), extensions: { code: 'CONNECTION_FAILED' } }])),
      complete: () => finish(null),
    },
  );
  function finish(refusal: ApiError | null) {
    if (ended) return;
    ended = true;
    if (refusal?.code === 'UNAUTHENTICATED' && storedToken()) onSessionEnded(refusal.messageZh);
    onEnd(refusal);
  }
  return () => {
    ended = true;
    end();
  };
}

/**
 * Downloads an export (XLSX/CSV, `/export/…`) with the session token and saves it under the server's
 * file name; resolves to '' or to the Chinese reason it failed.
 */
export async function tryDownload(path: string): Promise<string> {
  try {
    await download(path);
    return '';
  } catch (error) {
    return error instanceof ApiError ? error.messageZh : '导出失败，请稍后重试。';
  }
}

/**
 * What a failed export says when no Rectify answer came back (a proxy's 502/504 page, an empty body):
 * in the office's words, with the status (breaker11i P2).
 */
export function unansweredExport(status: number): string {
  return [502, 503, 504].includes(status)
    ? `导出未完成（HTTP ${status}：服务器或代理超时），请稍后重试；台账较大时生成需要一些时间。`
    : `导出未完成（HTTP ${status}），请稍后重试。`;
}

/** Downloads an export (XLSX/CSV) with the session token and saves it under the server's file name. */
export async function download(path: string): Promise<void> {
  const response = await fetch(path, { headers: authorization() });
  if (!response.ok) {
    const body = await response.json().catch(() => ({ errors: [] }));
    const errors = body.errors?.length ? body.errors : [{ message: `HTTP ${response.status}`, extensions: { messageZh: unansweredExport(response.status) } }];
    throw new ApiError(errors, response.status);
  }
  const disposition = response.headers.get('content-disposition') ?? '';
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  const fileName = encoded ? decodeURIComponent(encoded) : path.split('/').pop()!.split('?')[0];
  const url = URL.createObjectURL(await response.blob());
  const link = Object.assign(document.createElement('a'), { href: url, download: fileName });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Sends an import file's raw bytes to `POST /imports/files` — which takes as much as an import
 * does (5 MB), unlike a GraphQL request, whose body is kept small — and resolves to the `fileId`
 * an import mutation then names the file by (kept 30 minutes, for this user only).
 * @throws ApiError with the server's Chinese reason (empty, over 5 MB, not allowed, signed out).
 */
export async function uploadImportFile(file: File): Promise<string> {
  const response = await fetch(`/imports/files?name=${encodeURIComponent(file.name)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream', ...authorization() },
    body: file,
  });
  const body: { fileId?: string; errors?: GraphqlErrorShape[] } | null = await response.json().catch(() => null);
  if (response.ok && typeof body?.fileId === 'string') return body.fileId;
  const error = new ApiError(
    body?.errors?.length ? body.errors : [{ message: `HTTP ${response.status}`, extensions: { code: 'UPLOAD_FAILED', messageZh: `文件上传失败（HTTP ${response.status}），请稍后重试。` } }],
    response.status,
  );
  if (error.code === 'UNAUTHENTICATED' && storedToken()) onSessionEnded(error.messageZh);
  throw error;
}

/** One page of a list field (a GraphQL connection: first / after, totalCount). */
export interface Connection<Node> {
  nodes: Node[];
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** The page fields every list query selects beside its nodes. */
export const PAGE_FIELDS = 'totalCount pageInfo { hasNextPage endCursor }';

/**
 * Every item of a short list (evaluations for a select, say), page after page: `query` takes
 * `$after: String` and `pick` finds the connection in its answer. Long lists show a page and
 * load more on request instead.
 */
export async function allNodes<Node, Data = any>(query: string, pick: (data: Data) => Connection<Node>, variables: Record<string, unknown> = {}): Promise<Node[]> {
  const nodes: Node[] = [];
  for (let after: string | null = null; ; ) {
    const page: Connection<Node> = pick(await gql<Data>(query, { ...variables, after }));
    nodes.push(...page.nodes);
    if (!page.pageInfo.hasNextPage) return nodes;
    after = page.pageInfo.endCursor;
  }
}
