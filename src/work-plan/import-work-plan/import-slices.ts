import { Injectable } from '@nestjs/common';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { BatchSlices } from '../../event-sourcing/command-batch.js';
import { ProjectionEngine } from '../../event-sourcing/projection-engine.js';
import type { Position } from '../../event-store/event-store.port.js';

/**
 * At most this many events per transaction of a work plan's import (`BatchSlices`): a few hundred, about a hundred items of a
 * plan whose items have four units each. A 4,999-item plan is then some 50 transactions, each in the writer well under a
 * second, where one of 25,000 events held every other write 25 s in the writer and 24 s more behind its projection
 * (breaker56-10 S3, measured with bench/import-beside-writes.mjs).
 */
export const IMPORT_SLICE_EVENTS = 500;

/**
 * How the server appends a work plan's import (`ImportWorkPlanHandler`): in slices of IMPORT_SLICE_EVENTS events, the plan's
 * outline in the last; after each slice, its events projected and a turn of the event loop given (`between`), so another
 * request's append goes in between two slices and its answer waits for one slice's projection, not for the whole plan's.
 * A provider of its own so that a spec can hold an import between two slices (and see what readers see then).
 */
@Injectable()
export class ImportSlices implements BatchSlices {
  readonly eventsPerSlice: number = IMPORT_SLICE_EVENTS;

  constructor(private readonly projections: ProjectionEngine) {}

  /** After a slice: resolves once its events (up to `position`) are in the read models and the event loop had a turn. */
  async between(position: Position): Promise<void> {
    await this.projections.waitFor(position);
    await nextTurn();
  }

  /** The slices as `executeBatch` takes them (a plain object: `between` bound to this provider). */
  forBatch(): BatchSlices {
    return { eventsPerSlice: this.eventsPerSlice, between: (position) => this.between(position) };
  }
}

/** How long `plan:import` pauses between two slices (ms): a server writing the same file takes the write lock meanwhile. */
export const TOOL_SLICE_PAUSE_MS = 20;

/**
 * How `plan:import` appends (no read models to wait for): IMPORT_SLICE_EVENTS events a transaction, TOOL_SLICE_PAUSE_MS between
 * two — a server running on the same store file writes, and answers /health, between them (breaker56-10 S3: a tool's import of
 * one transaction froze the server's /health 10.6 s).
 */
export const toolSlices = (): BatchSlices => ({
  eventsPerSlice: IMPORT_SLICE_EVENTS,
  between: () => new Promise((resolve) => setTimeout(resolve, TOOL_SLICE_PAUSE_MS)),
});
