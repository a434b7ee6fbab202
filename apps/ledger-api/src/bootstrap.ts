import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module';
import type { LedgerConfig } from './config';
import { requestValidationPipe } from './http/validation';

/** Builds the configured app without listening, so tests drive the same wiring as production. */
export const createLedgerApp = async (config: LedgerConfig): Promise<NestFastifyApplication> => {
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config),
    new FastifyAdapter({ bodyLimit: 1024 * 1024 }),
    { logger: process.env.LOG_LEVEL === 'debug' ? undefined : ['error', 'warn', 'log'], abortOnError: false },
  );
  app.setGlobalPrefix('v1', { exclude: ['health', 'docs', 'docs/{*path}', 'docs-json'] });
  app.useGlobalPipes(requestValidationPipe());
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Credence ledger API')
      .setDescription('Event-sourced microcredential ledger with declarative quality-benchmark rulesets')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  app.enableShutdownHooks();
  return app;
};

export const listen = async (app: NestFastifyApplication, config: LedgerConfig): Promise<void> => {
  await app.listen(config.port, config.host);
  new Logger('Credence').log(`ledger-api listening on http://${config.host}:${config.port} (docs at /docs)`);
};
