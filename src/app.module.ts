import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { DynamicModule, Module, ValidationPipe } from '@nestjs/common';
import { memoiseValidationMetadata } from './shared/graphql/validation-metadata-cache.js';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { GraphQLModule } from '@nestjs/graphql';
import { AppSettings, validateSettings } from './config/app-settings.js';
import { AccessModule } from './access/access.module.js';
import { graphqlContext } from './access/authorization/graphql-context.js';
import { AuthenticationService } from './access/authentication/authentication.service.js';
import type { IncomingMessage } from 'node:http';
import { AssignmentsModule } from './assignments/assignments.module.js';
import { DemoModule } from './demo/demo.module.js';
import { EventSourcingModule } from './event-sourcing/event-sourcing.module.js';
import { EventStoreModule } from './event-store/event-store.module.js';
import { ImportsModule } from './imports/imports.module.js';
import { ExportsModule } from './exports/exports.module.js';
import { HealthModule } from './health/health.module.js';
import { LedgerModule } from './ledger/ledger.module.js';
import { LedgerKeysModule } from './ledger/ledger-keys.js';
import { GracefulShutdown } from './lifecycle/graceful-shutdown.js';
import { ObservabilityModule } from './observability/observability.module.js';
import { OrganizationModule } from './organization/organization.module.js';
import { RectificationModule } from './rectification/rectification.module.js';
import { ReorganizationModule } from './reorganization/reorganization.module.js';
import { ScorecardModule } from './scorecard/scorecard.module.js';
import { UnitWorkloadModule } from './unit-workload/unit-workload.module.js';
import { InspectionsModule } from './inspections/inspections.module.js';
import { ExtensionRequestsModule } from './extension-requests/extension-requests.module.js';
import { WorkPlanModule } from './work-plan/work-plan.module.js';
import { GraphqlErrorFilter } from './shared/graphql/graphql-error.filter.js';
import { RateLimitGuard, withHttpRequest } from './http/rate-limit.guard.js';
import { clientAddress, trustedProxies } from './http/trusted-proxies.js';
import { formatGraphqlError } from './shared/graphql/format-error.js';
import { StoreHealth } from './event-store/store-health.js';
import { keepValidatedDocument } from './shared/graphql/inline-value-site.js';
import { inputRefusal } from './shared/graphql/chinese-errors.js';
import { queryDepthRule } from './shared/graphql/query-limits.rule.js';
import { queryCostPlugin, SUBSCRIPTION_COST_SHARE } from './shared/graphql/query-cost.js';
import { answerRootQueriesOnce } from './shared/graphql/once-a-request.js';
import { SubscriptionBudget } from './shared/graphql/subscription-budget.js';
import { ListSizes, ListSizesModule } from './shared/graphql/list-sizes.js';
import { GRAPHQL_WEBSOCKET_OPTIONS, GraphqlWebSocketServer, type GraphqlWebSocketOptions } from './shared/graphql/graphql-websocket.server.js';

/** Enough for a dashboard and the findings a supervisor keeps open; each costs work on every event. */
const MAX_SUBSCRIPTIONS_PER_CONNECTION = 20;
/** Live connections one account (or, signed in as nobody, one address) may hold at once: the web app opens one per tab. */
export const MAX_CONNECTIONS_PER_CALLER = 30;

/** What HTTP and WebSocket operations share: the limits, the introspection switch, error formatting. */
function graphqlRules(config: ConfigService<AppSettings, true>, sizes: ListSizes, storeHealth: StoreHealth) {
  const production = config.get('NODE_ENV', { infer: true }) === 'production';
  const introspection = config.get('GRAPHQL_INTROSPECTION', { infer: true });
  // No "Did you mean …?" hints that would reveal the schema piece by piece.
  const hideSchemaDetails = production || !introspection;
  return {
    introspection,
    hideSchemaDetails,
    // The depth limit, and the document kept so that a refused inline value's field can be named (inline-value-site.ts).
    limits: [queryDepthRule({ maxDepth: config.get('GRAPHQL_MAX_DEPTH', { infer: true }) }), keepValidatedDocument],
    // The cost needs the variables (a page's `first`), which validation rules never see: checked once the operation is resolved.
    // Lists that grow with the data are priced at their live size (ListSizes), read at each request.
    cost: { maxCost: config.get('GRAPHQL_MAX_COST', { infer: true }), sizeOf: (name: string, past: boolean, parentId?: string) => sizes.of(name, past, parentId) },
    // graphql-js stops lexing past this many tokens: validating a document costs time superlinear
    // in its fragments (1,500 chained fragments held the event loop ~2 s), before any limit rule runs.
    parseOptions: { maxTokens: config.get('GRAPHQL_MAX_TOKENS', { infer: true }) },
    // A nested field's store fault (breaker52-9 S3: a history read over a file copied in place) named as /health names it.
    formatError: formatGraphqlError({ hideSchemaDetails, storeHealth }),
  };
}

@Module({})
export class AppModule {
  /** `settings` override environment variables (tests use it to pick their own database file). */
  static forRoot(settings: Record<string, string | undefined> = {}): DynamicModule {
    memoiseValidationMetadata();
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot({
          isGlobal: true,
          ignoreEnvFile: true,
          validate: (env) => validateSettings({ ...env, ...settings }) as unknown as Record<string, unknown>,
        }),
        ObservabilityModule,
        ListSizesModule,
        CqrsModule.forRoot(),
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          imports: [ListSizesModule],
          inject: [ConfigService, ListSizes, StoreHealth],
          useFactory: (config: ConfigService<AppSettings, true>, sizes: ListSizes, storeHealth: StoreHealth) => {
            const { introspection, hideSchemaDetails, limits, cost, formatError, parseOptions } = graphqlRules(config, sizes, storeHealth);
            return {
              parseOptions,
              autoSchemaFile: true,
              sortSchema: true,
              // Aliases of one root query field with the same arguments are answered once (breaker12f P13).
              transformSchema: answerRootQueriesOnce,
              playground: false,
              // Apollo's landing page loads Sandbox from a CDN, which an intranet cannot reach: it is off,
              // and the bundled GraphiQL at /graphiql (src/web-app) is the explorer.
              // Cache hints are not used (every answer is per reader and is sent `no-store` by
              // RequestObserver); Apollo's default cache-control plugin would otherwise wrap every
              // field's resolver to compute them, the largest cost of a list-heavy query (bench/results/profiles.md).
              plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginCacheControlDisabled(), queryCostPlugin(cost)],
              introspection,
              hideSchemaDetailsFromClientErrors: hideSchemaDetails,
              validationRules: limits,
              // Stack traces stay in the server log; clients get the message and a stable code.
              includeStacktraceInErrorResponses: false,
              formatError,
              context: withHttpRequest(graphqlContext),
              // Subscriptions: GraphqlWebSocketServer.
            };
          },
        }),
        EventStoreModule,
        LedgerKeysModule,
        EventSourcingModule,
        OrganizationModule,
        AccessModule,
        AssignmentsModule,
        RectificationModule,
        WorkPlanModule,
        ScorecardModule,
        UnitWorkloadModule,
        InspectionsModule,
        ExtensionRequestsModule,
        ReorganizationModule,
        HealthModule,
        LedgerModule,
        ImportsModule,
        ExportsModule,
        DemoModule,
      ],
      providers: [
        {
          provide: APP_PIPE,
          // `target`: the input object each error was found in, whose class names the field in Chinese (inputRefusal); never sent.
          useValue: new ValidationPipe({ transform: true, whitelist: true, forbidNonWhitelisted: true, validationError: { target: true }, exceptionFactory: inputRefusal }),
        },
        { provide: APP_FILTER, useClass: GraphqlErrorFilter },
        { provide: APP_GUARD, useClass: RateLimitGuard },
        {
          provide: GRAPHQL_WEBSOCKET_OPTIONS,
          inject: [ConfigService, ListSizes, AuthenticationService, StoreHealth],
          useFactory: (config: ConfigService<AppSettings, true>, sizes: ListSizes, authentication: AuthenticationService, storeHealth: StoreHealth): GraphqlWebSocketOptions => {
            const { introspection, limits, cost, formatError, parseOptions } = graphqlRules(config, sizes, storeHealth);
            // An anonymous connection's caller is its client's address as Express would give it (TRUST_PROXY).
            const trustProxy = trustedProxies(config.get('TRUST_PROXY', { infer: true }));
            return {
              // A caller's subscriptions together may cost what one may (a tenth of a query's budget), over all its connections (breaker12c P5).
              budget: new SubscriptionBudget({ maxCostPerCaller: Math.floor(cost.maxCost / SUBSCRIPTION_COST_SHARE), maxConnectionsPerCaller: MAX_CONNECTIONS_PER_CALLER }),
              callerOf: (connection) => {
                const extra = connection.extra as { request?: IncomingMessage } | undefined;
                const { authorization } = graphqlContext({ connectionParams: connection.connectionParams, extra });
                return authentication.callerOf(authorization, extra?.request && clientAddress(extra.request, trustProxy));
              },
              rules: limits,
              cost,
              parseOptions,
              introspection,
              formatError,
              maxSubscriptionsPerConnection: MAX_SUBSCRIPTIONS_PER_CONNECTION,
              maxMessageBytes: config.get('REQUEST_MAX_BYTES', { infer: true }),
              keepAliveMs: config.get('WEBSOCKET_KEEP_ALIVE_MS', { infer: true }),
            };
          },
        },
        GraphqlWebSocketServer,
        GracefulShutdown,
      ],
    };
  }
}
