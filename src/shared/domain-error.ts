/** Stable codes a client can branch on; they become GraphQL `extensions.code`. */
export type ErrorCode = 'BAD_USER_INPUT' | 'NOT_FOUND' | 'CONFLICT' | 'FORBIDDEN' | 'UNAUTHENTICATED';

/**
 * A refusal the user can understand and act on. Thrown by `decide` and by handlers. `details`
 * go to the client as further GraphQL extensions (e.g. an import's `problems`, one per bad row).
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string, id: string) => new DomainError('NOT_FOUND', `${what} ${id} does not exist.`);
export const badInput = (message: string) => new DomainError('BAD_USER_INPUT', message);
export const conflict = (message: string) => new DomainError('CONFLICT', message);
