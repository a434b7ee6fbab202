import { parseArgs } from 'node:util';
import { readEnv } from '@credence/config';
import { openProjectionRuntime, Projector, PROJECTIONS, projectionStatus } from '@credence/projections';
import { portOf, serveHealth } from '@credence/runtime';

/**
 * projector: keeps the auditors' read models (libs/projections) up to date, for deployments where
 * ledger-api runs with CREDENCE_PROJECTOR=off. Configured like the API (CREDENCE_DATA_DIR,
 * CREDENCE_EVENT_STORE, ESDB_CONNECTION_STRING, DATABASE_URL) plus HEALTH_PORT; `--batch-size` is
 * the number of events per transaction.
 */
const main = async () => {
  const { values } = parseArgs({ options: { 'batch-size': { type: 'string', default: '500' } } });
  const batchSize = Number(values['batch-size']);
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new Error('--batch-size must be a positive integer');
  const runtime = await openProjectionRuntime();
  const projector = new Projector(runtime.store, runtime.rm, PROJECTIONS, {
    batchSize,
    onError: (error) =>
      console.error(
        `projector: batch failed, retrying: ${error instanceof Error ? error.message : String(error)}`,
      ),
  });
  await projector.start();
  const server = await serveHealth(Number(readEnv('HEALTH_PORT')), async () => ({
    healthy: projector.state === 'running',
    body: {
      state: projector.state,
      lastError: projector.lastError,
      ...(await projectionStatus(runtime.rm, runtime.store)),
    },
  }));
  console.info(`projector: projecting ${PROJECTIONS.length} read models; health on :${portOf(server)}`);

  let closing: Promise<void> | undefined;
  const shutdown = () =>
    (closing ??= (async () => {
      await projector.stop();
      server.close();
      await runtime.close();
    })());
  process.once('SIGTERM', () => void shutdown());
  process.once('SIGINT', () => void shutdown());
  await projector.done;
  await shutdown();
};

main().catch((error: unknown) => {
  console.error(`projector: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
