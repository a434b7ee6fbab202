import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { EventStore } from '@credence/event-store';
import { BatchStore, SqliteBatchStore } from './batches/batch-store';
import { AuthGuard } from './auth/auth.guard';
import { PrincipalAccess } from './auth/principal-access';
import { PrincipalStore } from './auth/principal-store';
import { SqlitePrincipalStore } from './auth/sqlite-principal-store';
import { LedgerConfig } from './config';
import { ConsoleController } from './console/console.controller';
import { HealthController } from './health.controller';
import { IssuerProfileController } from './credentials/issuer-profile.controller';
import { CredentialExportController } from './credentials/credential-export.controller';
import { CredentialExporter } from './credentials/credential-export';
import { LearnerClrExporter } from './credentials/learner-clr';
import { PlatformController } from './credentials/platform.controller';
import { PlatformIssuer } from './credentials/platform-issuer';
import { StackedCredentialExporter } from './credentials/stacked-export';
import { LearnersController } from './read-models/learners.controller';
import { CredentialVerifier } from './credentials/verification';
import { VerificationController } from './credentials/verification.controller';
import { IssuerDocuments } from './credentials/issuer-documents';
import { IssuerKeys, issuerKeyStoreProvider } from './credentials/issuer-keys';
import { StatusListController } from './credentials/status-list.controller';
import { StatusListPublisher } from './credentials/status-lists';
import { StatusListFeedService } from './credentials/status-list-feed.service';
import { IdempotencyInterceptor } from './http/idempotency.interceptor';
import { IdempotencyStore, SqliteIdempotencyStore } from './http/idempotency-store';
import { ProblemFilter } from './http/problem.filter';
import { ReadModelsModule } from './read-models/read-models.module';
import { EmbeddedRelay } from './infrastructure/embedded-relay';
import { openEventStore } from './infrastructure/open-event-store';
import { LedgerProviders } from './infrastructure/ledger.providers';
import { RESOURCE_CONTROLLERS } from './resources';
import { LagReporter } from './observability/lag-report';
import { createRootLogger, pinoHttpOptions, ROOT_LOGGER } from './observability/logging';
import { Metrics } from './observability/metrics';
import { MetricsController } from './observability/metrics.controller';
import { MetricsServer } from './observability/metrics-server';
import { ReadinessCheck } from './observability/readiness';
import { LogController } from './transparency/log.controller';
import { LogRuntime } from './transparency/log-runtime';
import { CheckpointFeedService } from './transparency/checkpoint-feed.service';

@Module({})
export class AppModule {
  static forRoot(config: LedgerConfig): DynamicModule {
    mkdirSync(config.dataDir, { recursive: true });
    const apiDb = join(config.dataDir, 'api.sqlite');
    const logger = createRootLogger(config.log);
    // One registry per app: tests run several apps in one process.
    const metrics = new Metrics({ relay: config.feed !== undefined });
    return {
      module: AppModule,
      imports: [LoggerModule.forRoot(pinoHttpOptions(logger)), ReadModelsModule.forRoot(config)],
      controllers: [
        HealthController,
        ConsoleController,
        MetricsController,
        ...RESOURCE_CONTROLLERS,
        LogController,
        IssuerProfileController,
        CredentialExportController,
        VerificationController,
        PlatformController,
        // Here, not in ReadModelsModule: its CLR form needs the credential exporters.
        LearnersController,
        StatusListController,
      ],
      providers: [
        { provide: LedgerConfig, useValue: config },
        { provide: ROOT_LOGGER, useValue: logger },
        { provide: Metrics, useValue: metrics },
        { provide: EventStore, useFactory: () => openEventStore(config, metrics) },
        { provide: PrincipalStore, useFactory: () => new SqlitePrincipalStore(apiDb) },
        PrincipalAccess,
        {
          provide: IdempotencyStore,
          useFactory: () => new SqliteIdempotencyStore(apiDb, config.security.idempotencyTtlMs),
        },
        {
          provide: BatchStore,
          useFactory: () => new SqliteBatchStore(join(config.dataDir, 'batches.sqlite')),
        },
        ...LedgerProviders,
        EmbeddedRelay,
        ReadinessCheck,
        LagReporter,
        MetricsServer,
        LogRuntime,
        issuerKeyStoreProvider,
        IssuerKeys,
        IssuerDocuments,
        CredentialExporter,
        StackedCredentialExporter,
        PlatformIssuer,
        LearnerClrExporter,
        CredentialVerifier,
        StatusListPublisher,
        StatusListFeedService,
        CheckpointFeedService,
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: ProblemFilter },
        // On POST routes only: interceptPostRoutes (bootstrap).
        IdempotencyInterceptor,
      ],
    };
  }
}
