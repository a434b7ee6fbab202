import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { type EventRow, toRecordedEvent } from '@credence/event-store/sqlite';
import { type RecordedEvent, verifyChain } from '@credence/event-store';
import { merkleRoot } from './merkle-root';
import {
  EVENTS_FILE,
  type Manifest,
  manifestPath,
  sha256File,
  sqliteFiles,
  withDatabase,
} from './sqlite-files';

export type CheckResult = Readonly<{ check: string; ok: boolean; detail: string }>;

/** One verification of a data dir or a backup; verify-store runs them all and fails if any fails. */
export type StoreCheck = Readonly<{ name: string; run: (dir: string) => Promise<CheckResult[]> }>;

/** SQLite's own page-level check, on every embedded database. */
const integrity: StoreCheck = {
  name: 'integrity',
  run: async (dir) =>
    sqliteFiles(dir).map((name) => {
      const rows = withDatabase(
        join(dir, name),
        (db) => db.pragma('integrity_check') as { integrity_check: string }[],
      );
      const ok = rows.length === 1 && rows[0].integrity_check === 'ok';
      return {
        check: `integrity ${name}`,
        ok,
        detail: ok ? 'ok' : rows.map((r) => r.integrity_check).join('; '),
      };
    }),
};

type StoredHead = { stream_id: string; last_version: number; last_hash: string };

/**
 * The stream heads a file of the event store's first schema kept beside the events (a backup
 * taken before the store read heads from the events themselves); none in later files.
 */
const storedHeads = (db: Database.Database): Map<string, StoredHead> | undefined => {
  const kept = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'streams'").get();
  if (!kept) return undefined;
  const heads = db.prepare('SELECT stream_id, last_version, last_hash FROM streams').all() as StoredHead[];
  return new Map(heads.map((h) => [h.stream_id, h]));
};

/**
 * Every stream's hash chain from its first event, and the stream head a first-schema file keeps for
 * it. Streams are read one after another in stream order, so memory holds one stream at a time.
 */
const hashChains: StoreCheck = {
  name: 'hash chains',
  run: async (dir) =>
    withDatabase(join(dir, EVENTS_FILE), (db) => {
      const heads = storedHeads(db);
      const broken: string[] = [];
      let streams = 0;
      let events = 0;
      const verify = (streamId: string, stream: RecordedEvent[]) => {
        streams += 1;
        events += stream.length;
        const verdict = verifyChain(streamId, stream);
        const head = heads?.get(streamId);
        if (!verdict.ok) broken.push(`${streamId} at version ${verdict.brokenAt}: ${verdict.reason}`);
        else if (heads && (head?.last_version !== stream.length - 1 || head.last_hash !== verdict.lastHash))
          broken.push(`${streamId}: stream head does not match its last event`);
        heads?.delete(streamId);
      };
      let current: RecordedEvent[] = [];
      for (const row of db
        .prepare('SELECT * FROM events ORDER BY stream_id, stream_version')
        .iterate() as IterableIterator<EventRow>) {
        if (current.length > 0 && current[0].streamId !== row.stream_id) {
          verify(current[0].streamId, current);
          current = [];
        }
        current.push(toRecordedEvent(row));
      }
      if (current.length > 0) verify(current[0].streamId, current);
      for (const streamId of heads?.keys() ?? []) broken.push(`${streamId}: stream head without events`);
      return [
        {
          check: 'hash chains',
          ok: broken.length === 0,
          detail: broken.length === 0 ? `${streams} streams, ${events} events intact` : broken.join('\n'),
        },
      ];
    }),
};

/** In a backup: every file is the one the backup wrote (a copy damaged in storage or transit shows here). */
const manifestHashes: StoreCheck = {
  name: 'backup manifest',
  run: async (dir) => {
    if (!existsSync(manifestPath(dir))) return [];
    const manifest = JSON.parse(readFileSync(manifestPath(dir), 'utf8')) as Manifest;
    const listed = new Set(manifest.files.map((f) => f.name));
    const results: CheckResult[] = [];
    for (const file of manifest.files) {
      const path = join(dir, file.name);
      const ok = existsSync(path) && (await sha256File(path)) === file.sha256;
      results.push({
        check: `manifest ${file.name}`,
        ok,
        detail: ok ? 'sha256 matches' : 'missing, or its sha256 differs from backup.json',
      });
    }
    for (const name of sqliteFiles(dir).filter((n) => !listed.has(n)))
      results.push({ check: `manifest ${name}`, ok: false, detail: 'not in backup.json' });
    return results;
  },
};

/** The checks verify-store runs, in order. */
export const STORE_CHECKS: StoreCheck[] = [integrity, hashChains, merkleRoot, manifestHashes];

export const verifyStore = async (
  dir: string,
  checks: readonly StoreCheck[] = STORE_CHECKS,
): Promise<CheckResult[]> => {
  if (!existsSync(join(dir, EVENTS_FILE))) throw new Error(`${dir} has no ${EVENTS_FILE}`);
  const results: CheckResult[] = [];
  for (const check of checks) results.push(...(await check.run(dir)));
  return results;
};
