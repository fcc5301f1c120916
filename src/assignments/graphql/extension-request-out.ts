import { decisionWindow } from '../domain/assignment.decider.js';
import type { ExtensionRequestView, PartView } from '../read-model/part-view.js';

/**
 * An extension request as the GraphQL `ExtensionRequest` type returns it: the read model's request, with whether
 * `decideExtension` takes a decision of it now (`decidable`) and the last office day (`YYYY-MM-DD`) that decision may be
 * dated when the request LAPSED (`decidableUntil`; null otherwise).
 */
export type ExtensionRequestOut = ExtensionRequestView & { readonly decidable: boolean; readonly decidableUntil: string | null };

/**
 * The one builder of every `ExtensionRequest` the API returns — a part's `extensionRequests` and a 待审批延期 row's `request`
 * alike (newcomer54-8 S3: the row's request, built by hand, had no `decidable`, and asking for it failed the whole list).
 * `part` is the part the request belongs to, as viewed (now or at a time cut): its inspections decide the window.
 */
export function extensionRequestOut(request: ExtensionRequestView, part: Pick<PartView, 'inspections'>): ExtensionRequestOut {
  const window = decisionWindow(request, part.inspections);
  return { ...request, decidable: window !== undefined, decidableUntil: window?.until ?? null };
}
