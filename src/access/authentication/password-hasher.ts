import { Injectable } from '@nestjs/common';
import { hash, verify } from '@node-rs/argon2';

/**
 * argon2id with the first configuration of the OWASP Password Storage Cheat Sheet: 19 MiB of
 * memory, 2 passes, 1 lane (also @node-rs/argon2's defaults; written out so that an upgrade of the
 * library cannot weaken them). The hash is a PHC string that carries its algorithm, parameters and
 * 16-byte random salt, so stronger parameters later still verify old hashes.
 */
export const ARGON2ID = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

@Injectable()
export class PasswordHasher {
  /** Compared against when a login name is unknown, so that the answer takes as long as a wrong password. */
  private readonly decoy = hash('rectify: no such account', ARGON2ID);

  /** `$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>`; ~50 ms of CPU on these machines, off the event loop. */
  hash(password: string): Promise<string> {
    return hash(password, ARGON2ID);
  }

  /** Whether `password` is the one `passwordHash` was made from; false for a malformed hash. */
  async matches(passwordHash: string, password: string): Promise<boolean> {
    try {
      return await verify(passwordHash, password);
    } catch {
      return false;
    }
  }

  /** Spends the time of a verification and answers false: for a login name nobody has. */
  async matchesNothing(password: string): Promise<false> {
    await this.matches(await this.decoy, password);
    return false;
  }
}
