import type { OnApplicationShutdown } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { openSideDatabase } from '@credence/sqlite';
import { SECRET_FIELDS } from './secrets';

export type StoredResponse = Readonly<{
  fingerprint: string;
  headers: Record<string, string>;
  body: unknown;
}>;

/**
 * First successful response per (principal, Idempotency-Key), replayed on a repeat within the
 * retention period. Never holds secrets: the interceptor strips them before saving.
 */
export abstract class IdempotencyStore {
  abstract find(principalId: string, key: string, now: Date): StoredResponse | undefined;
  abstract save(principalId: string, key: string, response: StoredResponse, now: Date): void;
}

type Row = { fingerprint: string; headers: string; body: string };

const PURGE_EVERY_MS = 3_600_000;

/**
 * NORMAL sync on purpose: losing the last saved answers on power loss is harmless, because the
 * command itself is deduplicated by its key-derived commandId in the stream, which answers a retry
 * with the same resource. A FULL fsync here cost a fifth of the issuance path. The same holds for
 * a retry after the retention period: the stream still deduplicates it.
 */
export class SqliteIdempotencyStore extends IdempotencyStore implements OnApplicationShutdown {
  private readonly db: Database.Database;
  private readonly select: Database.Statement<[string, string, string], Row>;
  private readonly insert: Database.Statement<[string, string, string, string, string, string]>;
  private readonly purge: Database.Statement<[string]>;
  private readonly expireKey: Database.Statement<[string, string, string]>;
  private readonly timer: NodeJS.Timeout;

  constructor(
    path: string,
    private readonly ttlMs: number,
  ) {
    super();
    this.db = openSideDatabase({
      path,
      synchronous: 'NORMAL',
      schema: `CREATE TABLE IF NOT EXISTS idempotent_responses (
        principal_id TEXT NOT NULL, key TEXT NOT NULL, fingerprint TEXT NOT NULL,
        headers TEXT NOT NULL, body TEXT NOT NULL, created_at TEXT NOT NULL,
        PRIMARY KEY (principal_id, key));
      CREATE INDEX IF NOT EXISTS idempotent_responses_created ON idempotent_responses (created_at)`,
    });
    // Versions before this one stored new principals' tokens here; they go on first open.
    for (const field of SECRET_FIELDS)
      this.db.prepare('DELETE FROM idempotent_responses WHERE body LIKE ?').run(`%"${field}":%`);
    this.select = this.db.prepare(
      'SELECT fingerprint, headers, body FROM idempotent_responses WHERE principal_id = ? AND key = ? AND created_at > ?',
    );
    // A concurrent twin may have saved first; its answer names the same resource, so keep it.
    this.insert = this.db.prepare('INSERT OR IGNORE INTO idempotent_responses VALUES (?, ?, ?, ?, ?, ?)');
    this.purge = this.db.prepare('DELETE FROM idempotent_responses WHERE created_at <= ?');
    this.expireKey = this.db.prepare(
      'DELETE FROM idempotent_responses WHERE principal_id = ? AND key = ? AND created_at <= ?',
    );
    this.purgeExpired(new Date());
    this.timer = setInterval(() => this.purgeExpired(new Date()), PURGE_EVERY_MS).unref();
  }

  private cutoff(now: Date): string {
    return new Date(now.getTime() - this.ttlMs).toISOString();
  }

  find(principalId: string, key: string, now: Date): StoredResponse | undefined {
    const row = this.select.get(principalId, key, this.cutoff(now));
    return (
      row && { fingerprint: row.fingerprint, headers: JSON.parse(row.headers), body: JSON.parse(row.body) }
    );
  }

  save(principalId: string, key: string, response: StoredResponse, now: Date): void {
    // An expired twin under the same key would make INSERT OR IGNORE keep the stale answer.
    this.expireKey.run(principalId, key, this.cutoff(now));
    this.insert.run(
      principalId,
      key,
      response.fingerprint,
      JSON.stringify(response.headers),
      JSON.stringify(response.body ?? null),
      now.toISOString(),
    );
  }

  /** Deletes records past the retention period; returns how many. */
  purgeExpired(now: Date): number {
    return this.purge.run(this.cutoff(now)).changes;
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
    this.db.close();
  }
}
