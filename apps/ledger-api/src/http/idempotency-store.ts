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
  /**
   * The live record for the key, once it is committed: a twin never replays an answer that was not
   * recorded. Undefined when there is none, or when its commit failed.
   */
  abstract find(principalId: string, key: string, now: Date): Promise<StoredResponse | undefined>;
  /**
   * Visible to `find` at once, which waits for its commit; settles once the record is committed, so
   * an answer can wait for its record as it did when each save was its own transaction. A record
   * for a key that already has a live one is ignored: a concurrent twin's answer names the same
   * resource.
   */
  abstract save(principalId: string, key: string, response: StoredResponse, now: Date): Promise<void>;
}

type Row = { fingerprint: string; headers: string; body: string };
type Queued = Row & { principalId: string; key: string; createdAt: string; cutoff: string };

const PURGE_EVERY_MS = 3_600_000;

const stored = (row: Row): StoredResponse => ({
  fingerprint: row.fingerprint,
  headers: JSON.parse(row.headers),
  body: JSON.parse(row.body),
});

/**
 * NORMAL sync on purpose: losing the last saved answers on power loss is harmless, because the
 * command itself is deduplicated by its key-derived commandId in the stream, which answers a retry
 * with the same resource. A FULL fsync here cost a fifth of the issuance path. The same holds for
 * a retry after the retention period: the stream still deduplicates it.
 *
 * Group commit, as the event store does for appends: records saved during one turn of the event
 * loop share one transaction, written on the next turn (setImmediate). A transaction of its own per
 * request cost about 49 µs of the issuance path's 546 (issue #20); its answer now waits for a
 * commit that carries its whole group commit's records. This side file was chosen over writing the
 * record in the append's own transaction (the answer exists only after that commit, and the
 * EventStoreDB adapter has no such transaction) and over deriving replays from the stored events
 * (the first answer of a route that appends nothing, or appends to another stream, or a key reused
 * on another URL, cannot be found there without a lookup by commandId the store port does not offer).
 */
export class SqliteIdempotencyStore extends IdempotencyStore implements OnApplicationShutdown {
  private readonly db: Database.Database;
  private readonly select: Database.Statement<[string, string, string], Row>;
  private readonly upsert: Database.Statement<[string, string, string, string, string, string, string]>;
  private readonly purge: Database.Statement<[string]>;
  private readonly insertAll: (rows: readonly Queued[]) => void;
  private readonly timer: NodeJS.Timeout;
  /** Saved, not yet committed: by `${principalId}\u0000${key}`. */
  private readonly queued = new Map<string, Queued>();
  /** The commit the queued records wait for, and how to tell their savers. */
  private nextCommit:
    { promise: Promise<void>; resolve: () => void; reject: (error: unknown) => void } | undefined;

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
    // A concurrent twin may have saved first; its answer names the same resource, so keep it. An
    // expired record under the same key is replaced, or the stale answer would be kept.
    this.upsert = this.db.prepare(
      `INSERT INTO idempotent_responses VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (principal_id, key) DO UPDATE SET fingerprint = excluded.fingerprint,
         headers = excluded.headers, body = excluded.body, created_at = excluded.created_at
       WHERE idempotent_responses.created_at <= ?`,
    );
    this.purge = this.db.prepare('DELETE FROM idempotent_responses WHERE created_at <= ?');
    this.insertAll = this.db.transaction((rows: readonly Queued[]) => {
      for (const r of rows)
        this.upsert.run(r.principalId, r.key, r.fingerprint, r.headers, r.body, r.createdAt, r.cutoff);
    });
    this.purgeExpired(new Date());
    this.timer = setInterval(() => this.purgeExpired(new Date()), PURGE_EVERY_MS).unref();
  }

  private cutoff(now: Date): string {
    return new Date(now.getTime() - this.ttlMs).toISOString();
  }

  async find(principalId: string, key: string, now: Date): Promise<StoredResponse | undefined> {
    const cutoff = this.cutoff(now);
    const queued = this.queued.get(`${principalId}\u0000${key}`);
    if (queued && queued.createdAt > cutoff) {
      // A twin's replay waits for the record's commit, as the first answer does. Should the commit
      // fail, the twin runs the command itself, which the stream deduplicates by its commandId.
      const committed = await this.commitSoon().then(
        () => true,
        () => false,
      );
      return committed ? stored(queued) : undefined;
    }
    const row = this.select.get(principalId, key, cutoff);
    return row && stored(row);
  }

  save(principalId: string, key: string, response: StoredResponse, now: Date): Promise<void> {
    const id = `${principalId}\u0000${key}`;
    const cutoff = this.cutoff(now);
    const earlier = this.queued.get(id);
    if (!earlier || earlier.createdAt <= cutoff)
      this.queued.set(id, {
        principalId,
        key,
        fingerprint: response.fingerprint,
        // Serialised now, so a replay from the queue is the same JSON as one from the file.
        headers: JSON.stringify(response.headers),
        body: JSON.stringify(response.body ?? null),
        createdAt: now.toISOString(),
        cutoff,
      });
    return this.commitSoon();
  }

  /** One transaction for everything saved until the next turn of the event loop. */
  private commitSoon(): Promise<void> {
    if (this.nextCommit) return this.nextCommit.promise;
    let settle!: { resolve: () => void; reject: (error: unknown) => void };
    const promise = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
    this.nextCommit = { promise, ...settle };
    // A caller that does not wait is not told; one that waits gets the error.
    promise.catch(() => undefined);
    setImmediate(() => this.commitNow());
    return promise;
  }

  /**
   * Writes the queue in one transaction and settles the saves waiting for it. A failed commit drops
   * its records: an answer whose record was not written is not replayed.
   */
  private commitNow(): void {
    const waiting = this.nextCommit;
    this.nextCommit = undefined;
    const rows = [...this.queued.values()];
    this.queued.clear();
    try {
      if (rows.length > 0) this.insertAll(rows);
      waiting?.resolve();
    } catch (error) {
      waiting?.reject(error);
    }
  }

  /** Deletes records past the retention period, queued ones included; returns how many. */
  purgeExpired(now: Date): number {
    const cutoff = this.cutoff(now);
    let dropped = 0;
    for (const [id, row] of this.queued) {
      if (row.createdAt > cutoff) continue;
      this.queued.delete(id);
      dropped += 1;
    }
    return dropped + this.purge.run(cutoff).changes;
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
    this.commitNow();
    this.db.close();
  }
}
