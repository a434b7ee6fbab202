import type { OnApplicationShutdown } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { openSideDatabase } from '@credence/sqlite';

export type StoredResponse = Readonly<{ fingerprint: string; headers: Record<string, string>; body: unknown }>;

/** First successful response per (principal, Idempotency-Key), replayed verbatim on a repeat. */
export abstract class IdempotencyStore {
  abstract find(principalId: string, key: string): StoredResponse | undefined;
  abstract save(principalId: string, key: string, response: StoredResponse, now: string): void;
}

type Row = { fingerprint: string; headers: string; body: string };

/**
 * NORMAL sync on purpose: losing the last saved answers on power loss is harmless, because the
 * command itself is deduplicated by its key-derived commandId in the stream, which answers a retry
 * with the same resource. A FULL fsync here cost a fifth of the issuance path.
 */
export class SqliteIdempotencyStore extends IdempotencyStore implements OnApplicationShutdown {
  private readonly db: Database.Database;
  private readonly select: Database.Statement<[string, string], Row>;
  private readonly insert: Database.Statement<[string, string, string, string, string, string]>;

  constructor(path: string) {
    super();
    this.db = openSideDatabase({
      path,
      synchronous: 'NORMAL',
      schema: `CREATE TABLE IF NOT EXISTS idempotent_responses (
        principal_id TEXT NOT NULL, key TEXT NOT NULL, fingerprint TEXT NOT NULL,
        headers TEXT NOT NULL, body TEXT NOT NULL, created_at TEXT NOT NULL,
        PRIMARY KEY (principal_id, key))`,
    });
    this.select = this.db.prepare('SELECT fingerprint, headers, body FROM idempotent_responses WHERE principal_id = ? AND key = ?');
    // A concurrent twin may have saved first; its answer names the same resource, so keep it.
    this.insert = this.db.prepare('INSERT OR IGNORE INTO idempotent_responses VALUES (?, ?, ?, ?, ?, ?)');
  }

  find(principalId: string, key: string): StoredResponse | undefined {
    const row = this.select.get(principalId, key);
    return row && { fingerprint: row.fingerprint, headers: JSON.parse(row.headers), body: JSON.parse(row.body) };
  }

  save(principalId: string, key: string, response: StoredResponse, now: string): void {
    this.insert.run(principalId, key, response.fingerprint, JSON.stringify(response.headers), JSON.stringify(response.body ?? null), now);
  }

  onApplicationShutdown(): void {
    this.db.close();
  }
}
