import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { Command } from 'commander';
import { readEnv } from '@credence/config';
import { LEDGER_TOPIC, parseBrokers, tailFeed, type BrokenLink } from '@credence/feed';

/** Exit code when a hash chain is broken (distinct from 1, which means the tail itself failed). */
export const BROKEN_CHAIN_EXIT_CODE = 2;

type TailFlags = {
  brokers?: string;
  topic: string;
  group?: string;
  untilEnd?: boolean;
  keepGoing?: boolean;
  out?: string;
};

const writer = (stream: Writable) => async (line: string) => {
  if (!stream.write(`${line}\n`)) await once(stream, 'drain');
};

const describeBreak = (b: BrokenLink): string =>
  `chain broken at ${b.topic}/${b.partition}@${b.offset}` +
  (b.streamId ? ` (stream ${b.streamId}, version ${b.streamVersion}, event ${b.eventId})` : '') +
  `: ${b.reason}`;

const tail = async (flags: TailFlags): Promise<void> => {
  const brokers = parseBrokers(flags.brokers ?? readEnv('KAFKA_BROKERS'));
  if (brokers.length === 0) throw new Error('No brokers: pass --brokers or set KAFKA_BROKERS');
  const out = flags.out ? createWriteStream(flags.out, { flags: 'a' }) : process.stdout;
  const stop = new AbortController();
  const abort = () => stop.abort();
  process.once('SIGINT', abort).once('SIGTERM', abort);
  try {
    const summary = await tailFeed({
      ...flags,
      brokers,
      groupId: flags.group,
      write: writer(out),
      signal: stop.signal,
    });
    for (const broken of summary.broken) console.error(describeBreak(broken));
    console.error(
      `feed tail: ${summary.written} written, ${summary.duplicates} duplicates skipped, ${summary.broken.length} broken`,
    );
    if (summary.broken.length > 0) process.exitCode = BROKEN_CHAIN_EXIT_CODE;
  } finally {
    process.off('SIGINT', abort).off('SIGTERM', abort);
    if (out !== process.stdout) await new Promise<void>((resolve) => out.end(() => resolve()));
  }
};

/** `credence feed …`: the regulator's side of the Kafka feed. */
export const registerFeedCommands = (program: Command): void => {
  const feed = program.command('feed').description('Read the regulator feed on Kafka');
  feed
    .command('tail')
    .description(
      "Consume a feed topic, drop duplicates by event id, verify every stream's hash chain, and write NDJSON. " +
        `Exits ${BROKEN_CHAIN_EXIT_CODE} on a broken chain: by default at the first one, after writing everything verified before it.`,
    )
    .option('--brokers <list>', 'comma-separated bootstrap servers (default: KAFKA_BROKERS)')
    .option(
      '--topic <name>',
      'topic to read (the status topic works too: records are deduped, not chained)',
      LEDGER_TOPIC,
    )
    .option('--group <id>', 'consumer group to resume from (default: a new group reading from the start)')
    .option('--until-end', 'exit once the end of the topic (as of start) is reached, instead of following')
    .option('--keep-going', 'on a broken chain write {"chainBroken": …, "value": …} and continue')
    .option('-o, --out <file>', 'append NDJSON to a file instead of stdout')
    .action(tail);
};
