import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import type { Server } from 'node:http';
import type { Context } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { Gauge } from 'prom-client';
import { WebSocketServer } from 'ws';
import { graphqlContext } from '../../access/authorization/graphql-context.js';
import { CATCH_UP_CEILING_MS } from '../../event-sourcing/catch-up.plugin.js';
import { ProjectionEngine } from '../../event-sourcing/projection-engine.js';
import { Metrics } from '../../observability/metrics.js';
import { graphqlWsOptions, type WebSocketRules } from './websocket-options.js';
import { keepConnectionsAlive } from './websocket-keep-alive.js';

export const GRAPHQL_WEBSOCKET_OPTIONS = Symbol('GRAPHQL_WEBSOCKET_OPTIONS');

export interface GraphqlWebSocketOptions extends WebSocketRules {
  /** A larger message closes the connection (1009) before it is read whole. */
  readonly maxMessageBytes: number;
  /** Every connection is pinged this often (ms) and ended when it has not answered by the next ping (keepConnectionsAlive). */
  readonly keepAliveMs: number;
}

/** The subscriptions a connection holds that have started (graphql-ws keeps a placeholder until then). */
const openSubscriptions = (connection: Context): AsyncIterator<unknown>[] =>
  Object.values(connection.subscriptions).filter(
    (value): value is AsyncGenerator<unknown> => typeof (value as AsyncGenerator<unknown> | null)?.return === 'function',
  );

/**
 * Subscriptions over graphql-ws at `/graphql`, on the HTTP server's port. Set up here rather than
 * by Nest's `subscriptions` option, which builds a WebSocket server without a message size limit
 * and passes only some of graphql-ws's options.
 */
@Injectable()
export class GraphqlWebSocketServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private server: ReturnType<typeof useServer> | null = null;
  private stopPinging: (() => void) | null = null;
  private readonly connections = new Set<Context>();
  private started = 0;

  constructor(
    private readonly http: HttpAdapterHost,
    private readonly schema: GraphQLSchemaHost,
    @Inject(GRAPHQL_WEBSOCKET_OPTIONS) private readonly options: GraphqlWebSocketOptions,
    private readonly projections: ProjectionEngine,
    metrics: Metrics,
  ) {
    const server = this;
    metrics.registry.registerMetric(
      new Gauge({
        name: 'rectify_subscriptions_open',
        help: 'GraphQL subscriptions currently open over WebSocket.',
        registers: [],
        collect() {
          this.set(server.openSubscriptionCount());
        },
      }),
    );
  }

  /**
   * How many subscriptions have started since the server did (only ever grows): once it has grown
   * past a count read before subscribing, that subscription's feed is listening, so an event
   * appended from then on reaches it. graphql-ws sends no acknowledgement of a subscription; tests
   * wait on this instead of guessing how long setting one up takes.
   */
  get subscriptionsStarted(): number {
    return this.started;
  }

  /** How many subscriptions are open now, over every connection. */
  openSubscriptionCount(): number {
    let open = 0;
    for (const connection of this.connections) open += openSubscriptions(connection).length;
    return open;
  }

  onApplicationBootstrap(): void {
    const httpServer = this.http.httpAdapter.getHttpServer() as Server;
    const sockets = new WebSocketServer({ server: httpServer, path: '/graphql', maxPayload: this.options.maxMessageBytes });
    const rules = graphqlWsOptions(this.options, this.schema.schema);
    this.server = useServer(
      {
        schema: this.schema.schema,
        context: (context) => graphqlContext(context),
        ...rules,
        // Both ask who the caller is: first the read models catch up with the store, so that a
        // session or token made on another server on the same file is known here, and one ended
        // there is refused here (breaker9g P1; HTTP does the same in CatchUpBeforeEachHttpRequest).
        // graphql-ws awaits both before it subscribes.
        onConnect: async (context) => {
          await this.projections.catchUpWithOtherProcesses(CATCH_UP_CEILING_MS);
          const admitted = rules.onConnect!(context);
          if (admitted !== false) this.connections.add(context);
          return admitted;
        },
        onSubscribe: async (context, id, payload) => {
          await this.projections.catchUpWithOtherProcesses(CATCH_UP_CEILING_MS);
          return rules.onSubscribe!(context, id, payload);
        },
        onClose: (context, code, reason) => {
          this.connections.delete(context);
          return rules.onClose!(context, code, reason);
        },
        // Called once the operation's source is subscribed (graphql-ws: "the client is now subscribed").
        onOperation: () => {
          this.started += 1;
        },
      },
      sockets,
      // graphql-ws's own pings (0: off) end healthy connections after the event loop was held: ours judge after reading.
      0,
    );
    this.stopPinging = keepConnectionsAlive(sockets, this.options.keepAliveMs);
  }

  /**
   * Ends every open subscription cleanly — each subscriber receives `complete` for it —, then
   * closes every connection (1001, going away) and the socket server. Returns how many
   * subscriptions were open. The HTTP server cannot finish closing while sockets are open, so a
   * shutdown calls this first.
   */
  async close(): Promise<number> {
    const open = [...this.connections].flatMap(openSubscriptions);
    // Ending the source ends graphql-ws's loop over it, which sends `complete` to the client.
    this.stopPinging?.();
    this.stopPinging = null;
    await Promise.all(open.map((subscription) => subscription.return?.()));
    // graphql-ws sends `complete` once its loop has seen the end: let those sends go out first.
    await new Promise((resolve) => setImmediate(resolve));
    await this.server?.dispose();
    this.server = null;
    return open.length;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }
}
