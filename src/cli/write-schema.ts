import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppModule } from '../app.module.js';
import { SCHEMA_FILE, printedSchema } from '../shared/graphql/schema-file.js';
import { failureText } from './cli-failure.js';

/**
 * `npm run schema`: builds the app's code-first GraphQL schema (on an empty throwaway store) and
 * writes it to schema.graphql in the project folder, for client developers and the drift check.
 */
async function main() {
  const folder = mkdtempSync(join(tmpdir(), 'rectify-schema-'));
  try {
    const app = await NestFactory.create(AppModule.forRoot({ SQLITE_PATH: join(folder, 'schema.db'), DEMO_DATA: 'false', EVENT_STORE: 'sqlite' }), { logger: ['error'] });
    await app.init();
    const path = join(process.cwd(), SCHEMA_FILE);
    writeFileSync(path, printedSchema(app.get(GraphQLSchemaHost).schema));
    await app.close();
    console.log(`Wrote ${path}`);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(failureText(error));
  process.exit(1);
});
