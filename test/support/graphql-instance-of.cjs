'use strict';
/*
 * graphql-js's `instanceOf` as production runs it (the image and docker-compose set NODE_ENV=production): a plain
 * `instanceof`. Under Jest, `NODE_ENV` is `test`, and graphql-js then checks every failed type test (`isObjectType`,
 * `isListType`, … at every field of every answer and of the schema built at each app start) against the class names of
 * a second graphql copy — 5 % of the CPU of a query-heavy end-to-end file (papers-in-every-typing-order, `node
 * --cpu-prof`, session 56). jest.config.mjs maps graphql's own `jsutils/instanceOf` here; nothing else changes. The
 * server processes the tests start (NODE_ENV=test) and `test:other-node`'s app keep graphql-js's own check, which would
 * name a second copy of graphql in node_modules.
 */
Object.defineProperty(exports, '__esModule', { value: true });
exports.instanceOf = function instanceOf(value, constructor) {
  return value instanceof constructor;
};
