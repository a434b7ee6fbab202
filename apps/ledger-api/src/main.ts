import 'reflect-metadata';
import { createLedgerApp, listen } from './bootstrap';
import { loadLedgerConfig } from './config';
import { shutDownGracefully } from './observability/graceful-shutdown';
import { ROOT_LOGGER } from './observability/logging';

const main = async () => {
  const config = loadLedgerConfig();
  const app = await createLedgerApp(config);
  shutDownGracefully(app, { drainMs: config.shutdownDrainMs, logger: app.get(ROOT_LOGGER) });
  await listen(app, config);
};

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
