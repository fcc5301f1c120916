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
