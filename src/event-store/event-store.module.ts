import { Global, Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { AppSettings } from '../config/app-settings.js';
import { meteredEventStore } from '../observability/metered-event-store.js';
import { Metrics } from '../observability/metrics.js';
import { EVENT_STORE, type EventStore } from './event-store.port.js';
import { openEventStore } from './open-event-store.js';

@Global()
@Module({
  providers: [
    {
      provide: EVENT_STORE,
      inject: [ConfigService, Metrics],
      useFactory: (config: ConfigService<AppSettings, true>, metrics: Metrics): EventStore => {
        const store = openEventStore({
          EVENT_STORE: config.get('EVENT_STORE', { infer: true }),
          SQLITE_PATH: config.get('SQLITE_PATH', { infer: true }),
          EVENTSTORE_CONNECTION_STRING: config.get('EVENTSTORE_CONNECTION_STRING', { infer: true }),
        });
        new Logger('EventStore').log(`Using the ${store.kind} event store`);
        return meteredEventStore(store, metrics);
      },
    },
  ],
  exports: [EVENT_STORE],
})
export class EventStoreModule implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async onApplicationShutdown() {
    await this.store.close();
  }
}
