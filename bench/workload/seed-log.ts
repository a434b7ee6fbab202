import { mkdirSync } from 'node:fs';
import { sqliteEventsPath } from '@credence/event-store';
import { SqliteEventStore } from '@credence/event-store/sqlite';
import { nowMs } from '../harness/stats';
import { credentialWorkload } from './credential-events';

export type SeededLog = Readonly<{
  /** A ledger data dir: the log is `<dataDir>/events.sqlite`, where every app looks for it. */
  dataDir: string;
  events: number;
  streams: number;
  seconds: number;
}>;

/** Appends in flight at once: enough to fill the store's 1000-append group commits. */
const IN_FLIGHT = 2_000;

/**
 * Writes at least `events` credential events through the store itself (hash chain and all), so
 * every reader sees a log the ledger could have written. Streams are spread gently (Zipf 0.5):
 * most credentials have one or two events, a few have hundreds.
 */
export const seedLog = async (
  dataDir: string,
  events: number,
  log: (message: string) => void,
): Promise<SeededLog> => {
  mkdirSync(dataDir, { recursive: true });
  const streams = Math.max(100, Math.floor(events / 2));
  const next = credentialWorkload({ streams, zipfExponent: 0.5, seed: 11 });
  const store = SqliteEventStore.open({ path: sqliteEventsPath(dataDir) });
  const started = nowMs();
  let written = 0;
  let reported = 0;
  try {
    while (written < events) {
      // Two events per append on average: stop close to the size asked for.
      const batch = Array.from(
        { length: Math.max(1, Math.min(IN_FLIGHT, Math.ceil((events - written) / 2))) },
        next,
      );
      await Promise.all(batch.map(({ streamId, events: e }) => store.append(streamId, e)));
      written += batch.reduce((n, a) => n + a.events.length, 0);
      if (written - reported >= events / 5) {
        reported = written;
        log(`seeded ${written.toLocaleString('en-US')} events`);
      }
    }
  } finally {
    await store.close();
  }
  return { dataDir, events: written, streams, seconds: (nowMs() - started) / 1000 };
};
