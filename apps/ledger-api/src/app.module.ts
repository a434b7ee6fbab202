import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { EventStore } from '@credence/event-store';
import { AuthGuard } from './auth/auth.guard';
import { PrincipalStore } from './auth/principal-store';
import { SqlitePrincipalStore } from './auth/sqlite-principal-store';
import { LedgerConfig } from './config';
import { ConsoleController } from './console/console.controller';
import { HealthController } from './health.controller';
import { IdempotencyInterceptor } from './http/idempotency.interceptor';
import { IdempotencyStore, SqliteIdempotencyStore } from './http/idempotency-store';
import { ProblemFilter } from './http/problem.filter';
import { ReadModelsModule } from './read-models/read-models.module';
import { EmbeddedRelay } from './infrastructure/embedded-relay';
import { openEventStore } from './infrastructure/open-event-store';
import { LedgerProviders } from './infrastructure/ledger.providers';
import { RESOURCE_CONTROLLERS } from './resources';

@Module({})
export class AppModule {
  static forRoot(config: LedgerConfig): DynamicModule {
    mkdirSync(config.dataDir, { recursive: true });
    const apiDb = join(config.dataDir, 'api.sqlite');
    return {
      module: AppModule,
      imports: [ReadModelsModule.forRoot(config)],
      controllers: [HealthController, ConsoleController, ...RESOURCE_CONTROLLERS],
      providers: [
        { provide: LedgerConfig, useValue: config },
        { provide: EventStore, useFactory: () => openEventStore(config) },
        { provide: PrincipalStore, useFactory: () => new SqlitePrincipalStore(apiDb) },
        { provide: IdempotencyStore, useFactory: () => new SqliteIdempotencyStore(apiDb) },
        ...LedgerProviders,
        EmbeddedRelay,
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: ProblemFilter },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
      ],
    };
  }
}
