import type { Command } from 'commander';
import { type SeedIo, seedDemo } from '../demo/seed';
import { serveDemo } from '../demo/serve-demo';
import { summaryLines } from '../demo/summary';
import { SCALES, type Scale } from '../demo/world';

type SeedFlags = { api: string; token?: string; scale: string; seed: string };

const scaleOf = (value: string): Scale => {
  if (!(value in SCALES)) throw new Error(`--scale must be one of ${Object.keys(SCALES).join(', ')}`);
  return value as Scale;
};

const seedOf = (value: string): number => {
  if (!/^\d+$/.test(value)) throw new Error('--seed must be a non-negative integer');
  return Number(value);
};

export const registerDemoCommands = (
  program: Command,
  io: SeedIo = { out: console.log, progress: process.stderr },
): void => {
  const demo = program
    .command('demo')
    .description('A realistic demo ledger: QA bodies, issuers, specifications, cohorts, stacks, refusals');
  demo
    .command('seed')
    .description(
      'Build the demo world through the HTTP API of a running, empty ledger: the same --seed gives the same ' +
        'names, numbers and refusals. Shows progress per phase and ends with the counts and one token per role.',
    )
    .requiredOption('--api <url>', 'the ledger API, e.g. http://127.0.0.1:3000')
    .option('--token <token>', 'an admin bearer token (default: CREDENCE_TOKEN)')
    .option(
      '--scale <scale>',
      'small (about 2,000 learners), medium (about 50,000 credentials) or large',
      'small',
    )
    .option('--seed <n>', 'the generator seed', '42')
    .action(async (flags: SeedFlags) => {
      const token = flags.token ?? process.env.CREDENCE_TOKEN;
      if (!token) throw new Error('--token (or CREDENCE_TOKEN) is required');
      const summary = await seedDemo(
        { api: flags.api, token, scale: scaleOf(flags.scale), seed: seedOf(flags.seed) },
        io,
      );
      summaryLines(summary).forEach((line) => io.out(line));
    });
  demo
    .command('up')
    .description(
      'Start ledger-api on a temporary data dir, seed the small world, print the console URL and tokens',
    )
    .option('--port <port>', 'HTTP port', '3000')
    .option('--seed <n>', 'the generator seed', '42')
    .action(async (flags: { port: string; seed: string }) => {
      seedOf(flags.seed);
      await serveDemo(flags, io);
    });
};
