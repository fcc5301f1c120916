import { createHash } from 'node:crypto';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { KeptWitness } from './key-folder-witness.js';
import { realPlaceOf, servedPathOf } from './store-place.js';
import { readWitness } from './store-witness.js';

/*
 * breaker9m P2 (serious, breaker9l P3's kind one level up): with the installation's folder itself a
 * symbolic link (`/srv/rectify -> releases/v2`) — or its data folder — re-pointed at an older copy,
 * the data folder's witness, the key folder and its witness copies all went back together, and the
 * server started silently at the older data. What the server last saw by the path the operator uses
 * is also kept where re-pointing that link cannot take it: one signed witness copy per such path,
 * in the user's state folder (`$XDG_STATE_HOME/rectify/served-paths`, by default
 * `~/.local/state/rectify/served-paths`), written only when a link lies on the path (a store reached
 * without links has nothing to be re-pointed). A start by that path is judged by it like by the copy
 * beside the key (`keptCopyFor`'s `servedAs`): an older copy there is STORE_SHORTER until accepted.
 */

/** The folder of served-path witness copies: `$XDG_STATE_HOME/rectify/served-paths`, or `~/.local/state/rectify/served-paths`. */
export function servedPathWitnessFolder(env: NodeJS.ProcessEnv = process.env): string {
  const stateHome = env.XDG_STATE_HOME && env.XDG_STATE_HOME.startsWith('/') ? env.XDG_STATE_HOME : join(homedir(), '.local', 'state');
  return join(stateHome, 'rectify', 'served-paths');
}

/**
 * Where the copy for the SQLite store reached as `sqlitePath` is kept —
 * `<folder>/<16 hex digits of SHA-256 of the served path>.witness.json` — or null when no link lies
 * on the path (the served path is the real one) or the store is in memory.
 */
export function servedPathWitnessPath(sqlitePath: string, env: NodeJS.ProcessEnv = process.env): string | null {
  if (sqlitePath === ':memory:') return null;
  const served = servedPathOf(sqlitePath, env);
  if (served === realPlaceOf(sqlitePath)) return null;
  return join(servedPathWitnessFolder(env), `${createHash('sha256').update(served, 'utf8').digest('hex').slice(0, 16)}.witness.json`);
}

/**
 * The served-path copy for `sqlitePath`, as a kept witness (judged by `keptCopyFor` through its
 * `servedAs`); none when there is none, no link lies on the path, or it is not signed (only signed
 * copies are written).
 * @throws StoreRefusedError STORE_WITNESS_DAMAGED when it cannot be read (see `readWitness`).
 */
export function readServedPathWitness(sqlitePath: string, env: NodeJS.ProcessEnv = process.env): KeptWitness[] {
  const path = servedPathWitnessPath(sqlitePath, env);
  if (path === null) return [];
  const witness = readWitness(path);
  return witness?.signature && witness.servedAs === servedPathOf(sqlitePath, env) ? [{ path, witness }] : [];
}
