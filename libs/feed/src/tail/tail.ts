import { consumeTopic } from './consume';
import { TailHandler, type BrokenLink } from './tail-message';

export type TailOptions = Readonly<{
  brokers: readonly string[];
  topic: string;
  /** Resume from this consumer group's committed offsets. Default: a throwaway group, from the start. */
  groupId?: string;
  /** Stop once the end offsets seen at start are reached (an export); default: follow until aborted. */
  untilEnd?: boolean;
  /** After a broken chain, write a flagged line and go on. Default: stop before the broken message. */
  keepGoing?: boolean;
  write: (line: string) => Promise<void> | void;
  /** Aborting ends the tail cleanly (Ctrl-C). */
  signal?: AbortSignal;
}>;

export type TailSummary = { messages: number; written: number; duplicates: number; broken: BrokenLink[] };

/** Consumes a feed topic and writes verified NDJSON; see TailHandler for what each line is. */
export const tailFeed = async (options: TailOptions): Promise<TailSummary> => {
  const summary: TailSummary = { messages: 0, written: 0, duplicates: 0, broken: [] };
  const handler = new TailHandler();
  await consumeTopic({
    ...options,
    onMessage: async (message) => {
      summary.messages++;
      const outcome = handler.handle(message);
      if (outcome.kind === 'duplicate') {
        summary.duplicates++;
        return 'next';
      }
      if (outcome.kind === 'broken') {
        summary.broken.push(outcome.broken);
        // Not committed: a named group meets the same message again on its next run.
        if (!options.keepGoing) return 'stop';
      }
      await options.write(outcome.line);
      summary.written++;
      return 'next';
    },
  });
  return summary;
};
