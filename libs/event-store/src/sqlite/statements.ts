import type Database from 'better-sqlite3';
import type { EventMetadata } from '@credence/domain';
import type { RecordedEvent } from '../envelope';
import { sequencePosition } from '../position';

export type EventRow = {
  global_position: number;
  event_id: string;
  stream_id: string;
  stream_version: number;
  type: string;
  schema_version: number;
  data: string;
  metadata: string;
  prev_hash: string | null;
  hash: string;
};

export type StreamHead = { last_version: number; last_hash: string };

export const toRecordedEvent = (row: EventRow): RecordedEvent => ({
  eventId: row.event_id,
  streamId: row.stream_id,
  streamVersion: row.stream_version,
  globalPosition: sequencePosition(row.global_position),
  type: row.type,
  schemaVersion: row.schema_version,
  data: JSON.parse(row.data) as unknown,
  metadata: JSON.parse(row.metadata) as EventMetadata,
  prevHash: row.prev_hash,
  hash: row.hash,
});

/** Prepared once per connection; a limit of -1 means "no limit" to SQLite. */
export const prepareStatements = (db: Database.Database) => ({
  /** The stream's last event, where its chain continues (schema.ts says why no table keeps it). */
  streamHead: db.prepare<[string], StreamHead>(
    'SELECT stream_version AS last_version, hash AS last_hash FROM events WHERE stream_id = ? ORDER BY stream_version DESC LIMIT 1',
  ),
  findEvent: db.prepare<[string], Pick<EventRow, 'stream_id' | 'stream_version'>>(
    'SELECT stream_id, stream_version FROM events WHERE event_id = ?',
  ),
  insertEvent: db.prepare<[string, string, number, string, number, string, string, string | null, string]>(
    `INSERT INTO events (event_id, stream_id, stream_version, type, schema_version, data, metadata, prev_hash, hash)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ),
  // Two statements, because SQLite (3.46 on) re-prepares a statement each time its LIMIT parameter
  // is bound: the query planner reads that value, so binding it expires the plan. That was ~10 µs
  // on every read of a whole stream (a command's target read), twice the query itself.
  readStream: db.prepare<[string, number], EventRow>(
    'SELECT * FROM events WHERE stream_id = ? AND stream_version >= ? ORDER BY stream_version',
  ),
  readStreamPage: db.prepare<[string, number, number], EventRow>(
    'SELECT * FROM events WHERE stream_id = ? AND stream_version >= ? ORDER BY stream_version LIMIT ?',
  ),
  readAll: db.prepare<[number, number], EventRow>(
    'SELECT * FROM events WHERE global_position > ? ORDER BY global_position LIMIT ?',
  ),
  head: db.prepare<[], { head: number | null }>('SELECT max(global_position) AS head FROM events'),
  /** Each stream written between two heads, at the last version written there. */
  streamsWritten: db.prepare<[number, number], { stream_id: string; version: number }>(
    `SELECT stream_id, max(stream_version) AS version FROM events
     WHERE global_position > ? AND global_position <= ? GROUP BY stream_id`,
  ),
  savepoint: db.prepare('SAVEPOINT append'),
  release: db.prepare('RELEASE append'),
  rollbackTo: db.prepare('ROLLBACK TO append'),
  begin: db.prepare('BEGIN IMMEDIATE'),
  commit: db.prepare('COMMIT'),
  rollback: db.prepare('ROLLBACK'),
});

export type Statements = ReturnType<typeof prepareStatements>;
