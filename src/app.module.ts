import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { DynamicModule, Module, ValidationPipe } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { GraphQLModule } from '@nestjs/graphql';
import type { IncomingMessage } from 'node:http';
import { AppSettings, validateSettings } from './config/app-settings.js';
import { AssignmentsModule } from './assignments/assignments.module.js';
import { DemoModule } from './demo/demo.module.js';
import { EventSourcingModule } from './event-sourcing/event-sourcing.module.js';
import { EventStoreModule } from './event-store/event-store.module.js';
import { HealthModule } from './health/health.module.js';
import { OrganizationModule } from './organization/organization.module.js';
import { RectificationModule } from './rectification/rectification.module.js';
import { GraphqlErrorFilter } from './shared/graphql/graphql-error.filter.js';

@Module({})
export class AppModule {
  /** `settings` override environment variables (tests use it to pick their own database file). */
  static forRoot(settings: Record<string, string | undefined> = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot({
          isGlobal: true,
          ignoreEnvFile: true,
          validate: (env) => validateSettings({ ...env, ...settings }) as unknown as Record<string, unknown>,
        }),
        CqrsModule.forRoot(),
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          inject: [ConfigService],
          useFactory: (config: ConfigService<AppSettings, true>) => {
            const production = config.get('NODE_ENV', { infer: true }) === 'production';
            return {
              autoSchemaFile: true,
              sortSchema: true,
              playground: false,
              plugins: production ? [] : [ApolloServerPluginLandingPageLocalDefault({ embed: true })],
              introspection: !production,
              // Stack traces stay in the server log; clients get the message and a stable code.
              includeStacktraceInErrorResponses: false,
              context: ({ req, extra }: { req?: IncomingMessage; extra?: { request: IncomingMessage } }) => ({ req: req ?? extra?.request }),
              subscriptions: { 'graphql-ws': true },
            };
          },
        }),
        EventStoreModule,
        EventSourcingModule,
        OrganizationModule,
        AssignmentsModule,
        RectificationModule,
        HealthModule,
        DemoModule,
      ],
      providers: [
        {
          provide: APP_PIPE,
          useValue: new ValidationPipe({ transform: true, whitelist: true, forbidNonWhitelisted: true }),
        },
        { provide: APP_FILTER, useClass: GraphqlErrorFilter },
      ],
    };
  }
}
