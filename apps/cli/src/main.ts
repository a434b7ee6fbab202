#!/usr/bin/env node
import { Command } from 'commander';
import { registerBackupCommand } from './commands/backup';
import { registerDemoCommands } from './commands/demo';
import { registerFeedCommands } from './commands/feed';
import { registerLogCommands } from './commands/log';
import { registerIssueCommands } from './commands/issue';
import { registerProjectionsCommands } from './commands/projections';
import { registerRestoreCommand } from './commands/restore';
import { registerRulesCommands } from './commands/rules';
import { registerVerifyStoreCommand } from './commands/verify-store';

/**
 * `credence`: the operator's and regulator's command line. Each command group lives in its own
 * file under commands/ and registers itself here.
 */
const program = new Command('credence').description('Credence ledger command line').showHelpAfterError();

// Command groups register below, one line each.
registerRulesCommands(program);
registerFeedCommands(program);
registerProjectionsCommands(program);
registerBackupCommand(program);
registerVerifyStoreCommand(program);
registerRestoreCommand(program);
registerLogCommands(program);
registerIssueCommands(program);
registerDemoCommands(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
