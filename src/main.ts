import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module.js';
import type { AppSettings } from './config/app-settings.js';

async function main() {
  const app = await NestFactory.create(AppModule.forRoot(), { abortOnError: false });
  app.enableShutdownHooks();
  const port = app.get(ConfigService<AppSettings, true>).get('PORT', { infer: true });
  await app.listen(port);
  new Logger('Rectify').log(`GraphQL at http://localhost:${port}/graphql — health at http://localhost:${port}/health`);
}

main().catch((error: unknown) => {
  new Logger('Rectify').error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
