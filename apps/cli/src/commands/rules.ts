import { Command } from 'commander';
import { checkRulesetFile, RulesetError } from '@credence/rules';
import { registerRulesReplay } from './rules-replay';

/** Where the command writes; the defaults are the process's streams, tests pass their own. */
export type Output = Readonly<{ out: (line: string) => void; err: (line: string) => void }>;

const processOutput: Output = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/** `credence rules check <file>`: validate a ruleset file before it is proposed or activated. */
export const registerRulesCommands = (program: Command, output: Output = processOutput): Command => {
  const rules = program.command('rules').description('Validate and inspect quality-benchmark rulesets');
  rules
    .command('check <file>')
    .description('Validate a ruleset file: YAML, schema, CEL types, rule ids and command types')
    .action((file: string) => {
      try {
        const { id, version, hash, rules: count } = checkRulesetFile(file);
        output.out(`OK ${file}: ${id}@${version}, ${count} rules, sha256 ${hash}`);
      } catch (error) {
        if (!(error instanceof RulesetError)) throw error;
        output.err(`INVALID ${error.message}`);
        process.exitCode = 1;
      }
    });
  registerRulesReplay(rules);
  return rules;
};
