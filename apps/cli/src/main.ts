#!/usr/bin/env node
import { Command } from 'commander';
import { registerFeedCommands } from './commands/feed';
import { registerIssueCommands } from './commands/issue';
import { registerProjectionsCommands } from './commands/projections';
import { registerRulesCommands } from './commands/rules';

/**
 * `credence`: the operator's and regulator's command line. Each command group lives in its own
 * file under commands/ and registers itself here.
 */
const program = new Command('credence').description('Credence ledger command line').showHelpAfterError();

// Command groups register below, one line each.
registerRulesCommands(program);
registerFeedCommands(program);
registerProjectionsCommands(program);
registerIssueCommands(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
