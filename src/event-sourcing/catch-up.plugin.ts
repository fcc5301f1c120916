import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import { Plugin } from '@nestjs/apollo';
import { Injectable } from '@nestjs/common';
import { ProjectionEngine } from './projection-engine.js';

/**
 * How long an operation waits for the read models to reach the head it read, in ms, before it is
 * answered from what they hold. Only stopped read models (health says degraded) come near it: an
 * append is projected within milliseconds, another process's at once (SQLite: reading the head
 * wakes the subscription).
 */
export const CATCH_UP_CEILING_MS = 2_000;

/**
 * Read-your-writes across servers on one store (breaker9f P9, P3): before a GraphQL operation over
 * HTTP runs (once it parsed and validated), the read models are brought up to the last event
 * another process appended as the store holds it now (`ProjectionEngine.catchUpWithOtherProcesses`;
 * this server's own appends are answered only once projected, so none still being projected need
 * be waited for: breaker12h P2). So a request that starts after a write was
 * answered — by this server, another server on the same SQLite file, or a command-line tool — sees
 * it: a session or token made on one server is valid on the other at once (not "此访问令牌无效",
 * which signs the web app out), and a record just written there is not NOT_FOUND here.
 *
 * Costs one head read per operation (SQLite: the largest rowid and `PRAGMA data_version`, a few
 * microseconds; EventStoreDB: one read of `$all` backwards) and, only when another process appended,
 * the wait for the read models to apply it. Within one server every answered write is in the read
 * models already (commands wait for their position). The other HTTP endpoints catch up through
 * `CatchUpBeforeEachHttpRequest`, subscriptions in `GraphqlWebSocketServer` before they
 * authenticate (breaker9g P1).
 */
@Plugin()
@Injectable()
export class CatchUpBeforeEachOperation implements ApolloServerPlugin {
  constructor(private readonly projections: ProjectionEngine) {}

  async requestDidStart(): Promise<GraphQLRequestListener<object>> {
    return {
      didResolveOperation: async () => {
        await this.projections.catchUpWithOtherProcesses(CATCH_UP_CEILING_MS);
      },
    };
  }
}
