import type { AdmittedStore } from './store-admission.js';

let admittedAtStart: Promise<AdmittedStore> | null = null;

/**
 * main.ts: the store this start admitted (`admitStore`, with the settings the app validates) before it loaded Nest, GraphQL
 * and the app's modules — a refused store is then refused at about a third of a full start's CPU (session 54: a refused
 * start cost 2.4 s, most of it loading the app) with the same words and exit status. The next app created in this process
 * takes it (EventStoreModule's ADMITTED_STORE) instead of admitting the store again; an app created without it (the tests'
 * in-process apps, the tools) admits its store itself.
 */
export function admittedBeforeTheApp(admitted: AdmittedStore): void {
  admittedAtStart = Promise.resolve(admitted);
}

/** The store main.ts admitted for the app being created, once; null when it admitted none. */
export function takeAdmittedAtStart(): Promise<AdmittedStore> | null {
  const admitted = admittedAtStart;
  admittedAtStart = null;
  return admitted;
}
