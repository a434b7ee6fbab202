import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { replayHistory } from '@credence/ledger';
import { loadRuleset } from '@credence/rules';
import { openLedgerStore } from '../ledger-env';
import { ProgressMeter, progressLine } from '@credence/runtime';

/**
 * `credence rules replay --ruleset <file>`: which past decisions would the given ruleset refuse?
 * Reads the whole log, writes a JSON report, prints a summary; never writes to the ledger.
 */
export const registerRulesReplay = (rules: Command): void => {
  rules
    .command('replay')
    .description(
      'Re-evaluate the recorded history under another ruleset version and report what it would refuse',
    )
    .requiredOption('--ruleset <file>', 'ruleset YAML file to replay under')
    .option('--out <file>', 'where to write the JSON report', 'rules-replay-report.json')
    .action(async (options: { ruleset: string; out: string }) => {
      const ruleset = loadRuleset(options.ruleset);
      const store = await openLedgerStore();
      const line = progressLine(process.stderr, `replay ${ruleset.id}@${ruleset.version} `);
      let meter: ProgressMeter | undefined;
      try {
        const report = await replayHistory(store, ruleset, ({ events, total }) =>
          line.update((meter ??= new ProgressMeter(total)).reach(events)),
        );
        if (meter) line.end(meter.current());
        writeFileSync(options.out, `${JSON.stringify(report, null, 2)}\n`);
        const { evaluated, refused, warned, invalid } = report.summary;
        process.stdout.write(
          `${ruleset.id}@${ruleset.version}: ${evaluated} past decisions, ${refused} would be refused, ${warned} warned, ${invalid} not evaluable; report in ${options.out}\n`,
        );
        if (invalid > 0) process.exitCode = 2;
      } finally {
        await store.close();
      }
    });
};
