import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { HttpAdapterHost } from '@nestjs/core';
import type { Server } from 'node:http';
import type { AppSettings } from '../config/app-settings.js';
import { ServingState } from '../health/serving-state.js';
import { InFlightRequests } from '../observability/in-flight-requests.js';
import { GraphqlWebSocketServer } from '../shared/graphql/graphql-websocket.server.js';

/**
 * The first step of every shutdown (SIGTERM, SIGINT, `app.close()`). It must run before Apollo
 * stops (GraphQLModule's `onModuleDestroy`), which AppModule's own providers do: Nest destroys the
 * root module first. Then Nest closes the HTTP server and the modules (the projection engine, then
 * the store). Steps:
 * 1. readiness turns to `draining`, and the server stops accepting connections (with
 *    `return503OnClosing`, requests on kept-alive connections get 503);
 * 2. every open subscription is completed and its connection closed (1001, going away);
 * 3. requests in flight — a mutation whose events are being appended and projected — are
 *    answered, for at most `SHUTDOWN_GRACE_MS`.
 */
@Injectable()
export class GracefulShutdown implements OnModuleDestroy {
  private readonly logger = new Logger('Lifecycle');

  constructor(
    private readonly serving: ServingState,
    private readonly http: HttpAdapterHost,
    private readonly subscriptions: GraphqlWebSocketServer,
    private readonly inFlight: InFlightRequests,
    private readonly config: ConfigService<AppSettings, true>,
  ) {}

  async onModuleDestroy(): Promise<void> {
    this.serving.drain('shutdown');
    const server = this.http.httpAdapter?.getHttpServer() as Server | undefined;
    // Stop accepting; Nest closes the server again later and waits for its connections there.
    if (server?.listening) server.close();
    const completed = await this.subscriptions.close();
    const graceMs = this.config.get('SHUTDOWN_GRACE_MS', { infer: true });
    const pending = this.inFlight.size;
    const settled = await this.inFlight.settled(graceMs);
    server?.closeIdleConnections();
    if (settled) {
      this.logger.log('Shutting down: subscriptions completed, requests in flight answered', { subscriptionsCompleted: completed, requestsAwaited: pending });
    } else {
      this.logger.warn(`Shutting down with ${this.inFlight.size} requests still unanswered after ${graceMs} ms`, { subscriptionsCompleted: completed });
    }
  }
}
