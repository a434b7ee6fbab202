import { parseArgs } from 'node:util';
import { Counter } from 'prom-client';
import { readEnv } from '@credence/config';
import {
  openProjectionRuntime,
  Projector,
  PROJECTIONS,
  projectionLag,
  projectionStatus,
} from '@credence/projections';
import {
  createProcessLogger,
  logSettingsFromEnv,
  portOf,
  processRegistry,
  registerLagGauges,
  serveHealth,
} from '@credence/runtime';

/**
 * projector: keeps the auditors' read models (libs/projections) up to date, for deployments where
 * ledger-api runs with CREDENCE_PROJECTOR=off. Configured like the API (CREDENCE_DATA_DIR,
 * CREDENCE_EVENT_STORE, ESDB_CONNECTION_STRING, DATABASE_URL, LOG_LEVEL, LOG_FORMAT) plus
 * HEALTH_PORT, which serves /health and /metrics; `--batch-size` is the number of events per
 * transaction.
 */
const logger = createProcessLogger('projector', logSettingsFromEnv());

const main = async () => {
  const { values } = parseArgs({ options: { 'batch-size': { type: 'string', default: '500' } } });
  const batchSize = Number(values['batch-size']);
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new Error('--batch-size must be a positive integer');
  const runtime = await openProjectionRuntime();
  const metrics = processRegistry();
  const failures = new Counter({
    name: 'credence_projector_errors_total',
    help: 'Projection batches that failed and were retried',
    registers: [metrics],
  });
  const projector = new Projector(runtime.store, runtime.rm, PROJECTIONS, {
    batchSize,
    onError: (error) => {
      failures.inc();
      logger.error({ err: error }, 'projection batch failed, retrying');
    },
  });
  registerLagGauges(
    metrics,
    async () => {
      const { projections } = await projectionStatus(runtime.rm, runtime.store);
      return { projections: await projectionLag(runtime.store, projections, Date.now()) };
    },
    { projections: true, relay: false },
  );
  await projector.start();
  const server = await serveHealth(
    Number(readEnv('HEALTH_PORT')),
    async () => ({
      healthy: projector.state === 'running',
      body: {
        state: projector.state,
        lastError: projector.lastError,
        ...(await projectionStatus(runtime.rm, runtime.store)),
      },
    }),
    metrics,
  );
  logger.info(
    { projections: PROJECTIONS.length, healthPort: portOf(server) },
    `projecting ${PROJECTIONS.length} read models; /health and /metrics on :${portOf(server)}`,
  );

  let closing: Promise<void> | undefined;
  const shutdown = () =>
    (closing ??= (async () => {
      await projector.stop();
      server.close();
      await runtime.close();
      logger.info('stopped');
    })());
  process.once('SIGTERM', () => void shutdown());
  process.once('SIGINT', () => void shutdown());
  await projector.done;
  await shutdown();
};

main().catch((error: unknown) => {
  logger.fatal({ err: error }, error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
