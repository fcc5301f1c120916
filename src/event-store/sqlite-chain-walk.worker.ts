import { parentPort, workerData } from 'node:worker_threads';
import { walkOnThisThread } from './sqlite-chain-walk.js';

/* The thread of one walk of a SQLite store's ledger chain (see sqlite-chain-walk.ts): walks, answers once, ends. */

parentPort!.postMessage(walkOnThisThread(workerData as Parameters<typeof walkOnThisThread>[0]));
parentPort!.close();
