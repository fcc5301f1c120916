import { DomainError, type Bilingual } from '../../shared/domain-error.js';

/**
 * A refused credential (UNAUTHENTICATED). `accountId` — whose token or login it was, when known —
 * goes to the server log only; `details` to the client (e.g. `reason`, `lockedUntil`).
 */
export class CredentialRefused extends DomainError {
  constructor(
    message: Bilingual,
    readonly accountId: string | null = null,
    details?: Readonly<Record<string, unknown>>,
  ) {
    super('UNAUTHENTICATED', message, details);
  }
}
