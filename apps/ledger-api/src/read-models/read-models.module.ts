import { type DynamicModule, Module } from '@nestjs/common';
import { migrateTableSet, ReadModelDatabase } from '@credence/projections';
import { LedgerConfig } from '../config';
import { ComplianceController } from './compliance.controller';
import { CredentialStatusController } from './credential-status.controller';
import { ProjectionsController } from './projections.controller';
import { ProjectorService } from './projector.service';
import { ReadModels } from './read-models.service';
import { RegisterController } from './register.controller';
import { StackStatusController } from './stack-status.controller';

/**
 * The auditors' read side: the read-model database (SQLite in the data dir, or PostgreSQL at
 * DATABASE_URL), the embedded projector, and the query routes.
 */
@Module({})
export class ReadModelsModule {
  static forRoot(config: LedgerConfig): DynamicModule {
    return {
      module: ReadModelsModule,
      controllers: [
        ComplianceController,
        RegisterController,
        CredentialStatusController,
        StackStatusController,
        ProjectionsController,
      ],
      providers: [
        { provide: LedgerConfig, useValue: config },
        {
          provide: ReadModelDatabase,
          useFactory: async () => {
            const rm = await ReadModelDatabase.open({
              databaseUrl: config.databaseUrl,
              dataDir: config.dataDir,
            });
            await migrateTableSet(rm);
            return rm;
          },
        },
        ReadModels,
        ProjectorService,
      ],
      // ReadModels too: the learners route lives in the app module, beside the credential exporters it needs.
      exports: [ProjectorService, ReadModels, ReadModelDatabase],
    };
  }
}
