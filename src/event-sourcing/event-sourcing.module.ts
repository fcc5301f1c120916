import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { Clock, SystemClock } from '../shared/clock.js';
import { CommandContextFactory } from '../shared/command-context.factory.js';
import { EventSchemaRegistry } from '../shared/event-schemas.js';
import { allEventSchemas } from './all-event-schemas.js';
import { CatchUpBeforeEachHttpRequest } from './catch-up.interceptor.js';
import { CatchUpBeforeEachOperation } from './catch-up.plugin.js';
import { CommandExecutor } from './command-executor.js';
import { ProjectionEngine } from './projection-engine.js';
import { ProjectedStreams, projectedStreamsProvider } from './projected-streams.js';
import { ReadModelSnapshots } from './read-model-snapshots.js';
import { RequestHandledResolver } from './request-handled.resolver.js';
import { WriteGate } from './write-gate.js';

@Global()
@Module({
  providers: [
    { provide: EventSchemaRegistry, useFactory: allEventSchemas },
    { provide: Clock, useClass: SystemClock },
    ReadModelSnapshots,
    ProjectionEngine,
    projectedStreamsProvider,
    CommandExecutor,
    WriteGate,
    CommandContextFactory,
    CatchUpBeforeEachOperation,
    { provide: APP_INTERCEPTOR, useClass: CatchUpBeforeEachHttpRequest },
    RequestHandledResolver,
  ],
  exports: [EventSchemaRegistry, Clock, ProjectionEngine, ProjectedStreams, CommandExecutor, WriteGate, CommandContextFactory, ReadModelSnapshots],
})
export class EventSourcingModule {}
