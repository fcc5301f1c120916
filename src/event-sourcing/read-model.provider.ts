import type { FactoryProvider } from '@nestjs/common';
import { ProjectionEngine } from './projection-engine.js';
import type { Projection } from './recorded-event.js';

/**
 * Provides a read model fed by the projection engine. Read models are plain classes, so time
 * travel can also replay the log into a fresh instance.
 */
export const readModelProvider = <ReadModel extends Projection>(type: new () => ReadModel): FactoryProvider<ReadModel> => ({
  provide: type,
  inject: [ProjectionEngine],
  useFactory: (engine: ProjectionEngine) => engine.track(new type()),
});

/**
 * Provides a read model derived from other read models (`inject`, in constructor order). Nest
 * creates those first, so they register with the engine first and, for every event, have applied
 * it before this one does: it may read their state, already up to date, as it applies the event.
 */
export const derivedReadModelProvider = <ReadModel extends Projection, Sources extends unknown[]>(
  type: new (...sources: Sources) => ReadModel,
  inject: { [Index in keyof Sources]: abstract new (...args: never[]) => Sources[Index] },
): FactoryProvider<ReadModel> => ({
  provide: type,
  inject: [ProjectionEngine, ...inject],
  useFactory: (engine: ProjectionEngine, ...sources: Sources) => engine.track(new type(...sources)),
});
