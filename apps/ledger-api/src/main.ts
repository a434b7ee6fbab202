import 'reflect-metadata';
import cluster from 'node:cluster';
import { createLedgerApp, listen } from './bootstrap';
import { runClusterPrimary } from './cluster/workers';
import { loadLedgerConfig } from './config';
import { shutDownGracefully } from './observability/graceful-shutdown';
import { ROOT_LOGGER } from './observability/logging';

const main = async () => {
  const config = loadLedgerConfig();
  if (config.workers > 1 && cluster.isPrimary) {
    // The primary only hands out connections and watches its workers (cluster/workers.ts).
    return runClusterPrimary(config.workers, (message) => console.log(`[cluster] ${message}`));
  }
  const app = await createLedgerApp(config);
  shutDownGracefully(app, { drainMs: config.shutdownDrainMs, logger: app.get(ROOT_LOGGER) });
  await listen(app, config);
};

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
