import { SqliteEventStore } from '@credence/event-store/sqlite';
import { openDurableDatabase } from '@credence/sqlite';
import { nowMs, Recorder } from '../../harness/stats';
import type { Append } from '../../workload/credential-events';
import type { Timing } from './driver';

/** A stand-in of a hash's size: the ceiling stores the same bytes without computing them. */
const HASH = 'f'.repeat(64);

/**
 * The raw better-sqlite3 ceiling: the same rows in the store's own schema (its events table, whose
 * (stream_id, stream_version) index is also where the store finds a stream's head),
 * inserted `appendsPerTransaction` appends per FULL-sync transaction, with none of the store's logic
 * (no retry lookup, no expected-version read, no hash chain, no savepoints, no promises).
 * Latency is each transaction's begin-to-commit time.
 */
export const rawCeiling = async (
  path: string,
  next: () => Append,
  appendsPerTransaction: number,
  { seconds, warmupSeconds }: Timing,
) => {
  // The store creates the schema, so the ceiling writes into exactly the same tables and indexes.
  await SqliteEventStore.open({ path }).close();
  const db = openDurableDatabase({ path });
  const insert = db.prepare(
    `INSERT INTO events (event_id, stream_id, stream_version, type, schema_version, data, metadata, prev_hash, hash)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const versions = new Map<string, number>();
  const write = db.transaction((appends: readonly Append[]) => {
    for (const { streamId, events } of appends) {
      let version = versions.get(streamId) ?? -1;
      for (const e of events) {
        version += 1;
        insert.run(
          e.eventId,
          streamId,
          version,
          e.type,
          e.schemaVersion,
          JSON.stringify(e.data),
          JSON.stringify(e.metadata),
          version === 0 ? null : HASH,
          HASH,
        );
      }
      versions.set(streamId, version);
    }
  });
  const start = nowMs();
  const stopAt = start + (warmupSeconds + seconds) * 1000;
  const recorder = new Recorder(start + warmupSeconds * 1000);
  try {
    while (nowMs() < stopAt) {
      const batch = Array.from({ length: appendsPerTransaction }, next);
      const began = nowMs();
      write.immediate(batch);
      recorder.record(
        began,
        nowMs(),
        batch.reduce((n, a) => n + a.events.length, 0),
      );
    }
    return { recorder, synchronous: Number(db.pragma('synchronous', { simple: true })) };
  } finally {
    db.close();
  }
};
