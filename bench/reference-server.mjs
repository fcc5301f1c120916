// The reference for the HTTP rows: a bare Apollo Server behind Express 5 through
// @as-integrations/express5 — the integration Rectify's @nestjs/apollo driver mounts — with a
// constant query and a no-op mutation. Whatever Rectify takes beyond this is Rectify's own.
// Started by the benchmark as a child process on PORT; GET /health/ready answers 200 once listening.
import express from 'express';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';

const typeDefs = `#graphql
  input NoopInput { idempotencyKey: String!, title: String!, description: String!, category: String!, severity: String! }
  type Query { constant: Int! }
  type Mutation { noop(input: NoopInput!): Boolean! }
`;
const resolvers = { Query: { constant: () => 1 }, Mutation: { noop: () => true } };

const server = new ApolloServer({ typeDefs, resolvers });
await server.start();
const app = express();
app.get('/health/ready', (_request, response) => response.json({ status: 'ready' }));
app.use('/graphql', express.json({ limit: '100kb' }), expressMiddleware(server));
const listener = app.listen(Number(process.env.PORT));
process.on('SIGTERM', () => listener.close(() => server.stop().then(() => process.exit(0))));
