import { Global, Module } from '@nestjs/common';
import { InFlightRequests } from './in-flight-requests.js';
import { LogGauges } from './log-gauges.js';
import { MetricsController } from './metrics.controller.js';
import { Metrics } from './metrics.js';
import { RequestObserver } from './request-observer.plugin.js';

/** Request logs, Prometheus metrics at `/metrics`, and the count of requests in flight. */
@Global()
@Module({
  providers: [Metrics, InFlightRequests, RequestObserver, LogGauges],
  controllers: [MetricsController],
  exports: [Metrics, InFlightRequests],
})
export class ObservabilityModule {}
