import 'reflect-metadata';
import cluster from 'node:cluster';
import type * as Bootstrap from './bootstrap';
import { runClusterPrimary } from './cluster/workers';
import { loadLedgerConfig } from './config';
import { sizeWorkerYoungGenerations } from './infrastructure/worker-heap';
import { shutDownGracefully } from './observability/graceful-shutdown';
import { ROOT_LOGGER } from './observability/logging';
import { prebuildEmbeddedTree } from './transparency/tree-prebuild';

const main = async () => {
  // Before any worker thread starts: theirs is not the main thread's young generation.
  sizeWorkerYoungGenerations();
  const config = loadLedgerConfig();
  if (config.workers > 1 && cluster.isPrimary) {
    // The primary only hands out connections and watches its workers (cluster/workers.ts).
    return runClusterPrimary(config.workers, (message) => console.log(`[cluster] ${message}`));
  }
  // A log without its Merkle tree (a first start) has it built on another core while this thread
  // loads the app's modules, which is why the app is required only now.
  const treeBuilt = prebuildEmbeddedTree(config);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createLedgerApp, listen } = require('./bootstrap') as typeof Bootstrap;
  await treeBuilt;
  const app = await createLedgerApp(config);
  shutDownGracefully(app, { drainMs: config.shutdownDrainMs, logger: app.get(ROOT_LOGGER) });
  await listen(app, config);
};

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
