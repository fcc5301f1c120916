import type { Actor } from '../command-context.js';

/* The people who act in specs. Permissions go by role (and a clerk's unit), never by id. */

/** The openness office (政务公开办), which runs the rectification. */
export const supervisor: Actor = { id: 'user-openness-office', role: 'SUPERVISOR', unitId: null };
export const inspector: Actor = { id: 'user-inspector', role: 'INSPECTOR', unitId: null };
export const admin: Actor = { id: 'user-admin', role: 'ADMIN', unitId: null };
/** The command line and importers. */
export const system: Actor = { id: 'system', role: 'SYSTEM', unitId: null };
/** The account of a unit (单位), which reports on that unit's parts only. */
export const clerkOf = (unitId: string): Actor => ({ id: `user-${unitId}`, role: 'UNIT', unitId });
