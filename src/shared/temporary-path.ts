import { randomBytes } from 'node:crypto';

/**
 * A path for a temporary file to be renamed over `path`: `<path>.<pid>.<12 hex digits>.tmp`, in the
 * same folder (a rename within one file system is atomic). The random part is why: two servers on one
 * shared volume in two containers are both pid 1, and with the pid alone one's rename took the other's
 * file away (breaker9i P4).
 */
export const temporaryPathFor = (path: string): string => `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
