import { randomUUID } from 'node:crypto';
import fastifyStatic from '@fastify/static';
import { Logger } from '@nestjs/common';
import { Logger as PinoNestLogger, PinoLogger } from 'nestjs-pino';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module';
import type { LedgerConfig } from './config';
import { interceptPostRoutes } from './http/idempotency.interceptor';
import { markSecretsUncacheable } from './http/secrets';
import { requestValidationPipe } from './http/validation';
import { bindLogsToRequest, ROOT_LOGGER } from './observability/logging';
import { Metrics } from './observability/metrics';
import { installRequestLog } from './observability/request-log';
import { documentValidationLimits } from './security/openapi-limits';
import { fastifyOptions, registerSecurity } from './security/register-security';
import { ensureRateLimit } from './transparency/rate-limit';
import { CONSOLE_DIR } from './console/console.controller';

/** Builds the configured app without listening, so tests drive the same wiring as production. */
/**
 * Exclusion matches declared route paths, and /v1/issuers/:id is declared too: the escaped colons
 * make these match IssuerProfileController's parameter names literally, and nothing else.
 */
const PUBLIC_ISSUER_ROUTES = [
  'issuers/\\:issuerId',
  'issuers/\\:issuerId/did.json',
  'issuers/\\:issuerId/keys/\\:keyFile',
  'platform',
  'platform/keys/\\:keyFile',
];

export const createLedgerApp = async (config: LedgerConfig): Promise<NestFastifyApplication> => {
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config),
    // return503OnClosing off: should anything close Fastify while connections are open, their requests are served, not refused.
    // UUID request ids: they stand in for the correlation id of requests that carry none.
    new FastifyAdapter({
      ...fastifyOptions(config.security),
      return503OnClosing: false,
      genReqId: () => randomUUID(),
    }),
    // bodyParser off: registerSecurity installs the one JSON parser, with its limits.
    { bufferLogs: true, abortOnError: false, bodyParser: false },
  );
  await registerSecurity(app, config.security);
  // A no-op once registerSecurity has registered @fastify/rate-limit; the log routes carry their own limits.
  await ensureRateLimit(app);
  app.useLogger(app.get(PinoNestLogger));
  bindLogsToRequest(app.getHttpAdapter().getInstance(), await app.resolve(PinoLogger));
  installRequestLog(app.getHttpAdapter().getInstance(), app.get(ROOT_LOGGER), app.get(Metrics));
  app.setGlobalPrefix('v1', {
    exclude: [
      'health',
      'health/live',
      'health/ready',
      'metrics',
      'docs',
      'docs/{*path}',
      'docs-json',
      'console',
      'console/{*path}',
      'verify',
      ...PUBLIC_ISSUER_ROUTES,
      'status-lists/{*path}',
    ],
  });
  // reply.sendFile for ConsoleController only: `serve: false` adds no routes of its own outside the guard.
  await app.register(fastifyStatic, { root: CONSOLE_DIR, serve: false });
  app.useGlobalPipes(requestValidationPipe());
  interceptPostRoutes(app);
  markSecretsUncacheable(app.getHttpAdapter().getInstance());
  const document = documentValidationLimits(
    SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('Credence ledger API')
        .setDescription('Event-sourced microcredential ledger with declarative quality-benchmark rulesets')
        .setVersion('1')
        .addBearerAuth()
        .build(),
    ),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return app;
};

export const listen = async (app: NestFastifyApplication, config: LedgerConfig): Promise<void> => {
  await app.listen(config.port, config.host);
  new Logger('Credence').log(`ledger-api listening on http://${config.host}:${config.port} (docs at /docs)`);
};
