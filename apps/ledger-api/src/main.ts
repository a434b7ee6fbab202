import 'reflect-metadata';
import { createLedgerApp, listen } from './bootstrap';
import { loadLedgerConfig } from './config';

const main = async () => {
  const config = loadLedgerConfig();
  const app = await createLedgerApp(config);
  await listen(app, config);
};

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
