import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module.js';
import type { AppSettings } from './config/app-settings.js';
import { configureHttp } from './http/configure-http.js';

async function main() {
  const app = await NestFactory.create(AppModule.forRoot(), { abortOnError: false });
  app.enableShutdownHooks();
  const config = app.get(ConfigService<AppSettings, true>);
  configureHttp(app, { REQUEST_MAX_BYTES: config.get('REQUEST_MAX_BYTES', { infer: true }) });
  const port = config.get('PORT', { infer: true });
  await app.listen(port);
  new Logger('Rectify').log(`GraphQL at http://localhost:${port}/graphql — health at http://localhost:${port}/health`);
}

main().catch((error: unknown) => {
  new Logger('Rectify').error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
