import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import type { Server } from 'node:http';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { graphqlContext } from '../../access/authorization/graphql-context.js';
import { graphqlWsOptions, type WebSocketRules } from './websocket-options.js';

export const GRAPHQL_WEBSOCKET_OPTIONS = Symbol('GRAPHQL_WEBSOCKET_OPTIONS');

export interface GraphqlWebSocketOptions extends WebSocketRules {
  /** A larger message closes the connection (1009) before it is read whole. */
  readonly maxMessageBytes: number;
}

/**
 * Subscriptions over graphql-ws at `/graphql`, on the HTTP server's port. Set up here rather than
 * by Nest's `subscriptions` option, which builds a WebSocket server without a message size limit
 * and passes only some of graphql-ws's options.
 */
@Injectable()
export class GraphqlWebSocketServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private server: ReturnType<typeof useServer> | null = null;

  constructor(
    private readonly http: HttpAdapterHost,
    private readonly schema: GraphQLSchemaHost,
    @Inject(GRAPHQL_WEBSOCKET_OPTIONS) private readonly options: GraphqlWebSocketOptions,
  ) {}

  onApplicationBootstrap(): void {
    const httpServer = this.http.httpAdapter.getHttpServer() as Server;
    const sockets = new WebSocketServer({ server: httpServer, path: '/graphql', maxPayload: this.options.maxMessageBytes });
    this.server = useServer({ schema: this.schema.schema, context: (context) => graphqlContext(context), ...graphqlWsOptions(this.options) }, sockets);
  }

  /** Closes every connection and the socket server. */
  async onApplicationShutdown(): Promise<void> {
    await this.server?.dispose();
    this.server = null;
  }
}
