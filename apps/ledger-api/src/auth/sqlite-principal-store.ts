import type { OnApplicationShutdown } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { ChangeCounter, openSideDatabase } from '@credence/sqlite';
import { LruMap } from '@credence/runtime';
import type { Role } from '@credence/domain';
import { PrincipalStore, sameHash, type StoredPrincipal } from './principal-store';

type Row = {
  id: string;
  role: Role;
  issuer_id: string | null;
  qa_body_id: string | null;
  name: string;
  created_at: string;
  token_hash: string;
  expires_at: string | null;
  disabled_at: string | null;
  token_rotations: number;
};

const toPrincipal = (row: Row): StoredPrincipal => ({
  id: row.id,
  role: row.role,
  ...(row.issuer_id ? { issuerId: row.issuer_id } : {}),
  ...(row.qa_body_id ? { qaBodyId: row.qa_body_id } : {}),
  name: row.name,
  createdAt: row.created_at,
  ...(row.expires_at ? { expiresAt: row.expires_at } : {}),
  ...(row.disabled_at ? { disabledAt: row.disabled_at } : {}),
  tokenRotations: row.token_rotations,
});

export const BOOTSTRAP_ADMIN_NAME = 'bootstrap admin';

const LOOKUP_PREFIX = 16;

/** Principals found by token kept in memory at most; unknown tokens are never kept. */
const FOUND_CAPACITY = 1_000;

export class SqlitePrincipalStore extends PrincipalStore implements OnApplicationShutdown {
  private readonly db: Database.Database;
  private readonly byTokenHash: Database.Statement<[string], Row>;
  private readonly changes: ChangeCounter;
  /** Principals found by token hash, valid while the file's change count is `foundAt`. */
  private readonly found = new LruMap<string, StoredPrincipal>(FOUND_CAPACITY);
  private foundAt = -1;

  constructor(path: string) {
    super();
    // FULL: a lost principal would be a token that was shown once and no longer works.
    this.db = openSideDatabase({
      path,
      synchronous: 'FULL',
      schema: `CREATE TABLE IF NOT EXISTS principals (
        id TEXT PRIMARY KEY, role TEXT NOT NULL, issuer_id TEXT, name TEXT NOT NULL,
        created_at TEXT NOT NULL, token_hash TEXT NOT NULL UNIQUE)`,
    });
    // The index finds candidates by the first 16 hex digits; the whole hash is then compared in
    // constant time, so how long a lookup takes says nothing about how much of a guess matched.
    this.db.exec(
      `CREATE INDEX IF NOT EXISTS principals_token_lookup ON principals (substr(token_hash, 1, ${LOOKUP_PREFIX}))`,
    );
    // The qa-body binding came later: a store created before it gains the column.
    const columns = this.db.prepare<[], { name: string }>('PRAGMA table_info(principals)').all();
    // So did expiry and disabling.
    for (const column of ['qa_body_id', 'expires_at', 'disabled_at']) {
      if (!columns.some((c) => c.name === column))
        this.db.exec(`ALTER TABLE principals ADD COLUMN ${column} TEXT`);
    }
    // And the rotation count that start-up reconciliation compares with the log.
    if (!columns.some((c) => c.name === 'token_rotations'))
      this.db.exec('ALTER TABLE principals ADD COLUMN token_rotations INTEGER NOT NULL DEFAULT 0');
    // Every request authenticates through this one statement, so it is prepared once.
    this.byTokenHash = this.db.prepare(
      `SELECT * FROM principals WHERE substr(token_hash, 1, ${LOOKUP_PREFIX}) = ?`,
    );
    this.changes = new ChangeCounter(this.db);
  }

  /**
   * Every request authenticates here. A principal found before is answered from memory while the
   * file is unchanged since (no write by this store, PRAGMA data_version unmoved), so a disabling,
   * a rotation or an expiry set by any process is seen by the next request, as with a query.
   */
  findByTokenHash(tokenHash: string): StoredPrincipal | undefined {
    const count = this.changes.current();
    if (count !== this.foundAt) {
      this.found.clear();
      this.foundAt = count;
    }
    const known = this.found.get(tokenHash);
    if (known) return known;
    const row = this.byTokenHash
      .all(tokenHash.slice(0, LOOKUP_PREFIX))
      .find((candidate) => sameHash(candidate.token_hash, tokenHash));
    if (!row) return undefined;
    const principal = toPrincipal(row);
    this.found.set(tokenHash, principal);
    return principal;
  }

  insert(principal: StoredPrincipal, tokenHash: string): void {
    this.db
      .prepare(
        'INSERT INTO principals (id, role, issuer_id, qa_body_id, name, created_at, token_hash, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        principal.id,
        principal.role,
        principal.issuerId ?? null,
        principal.qaBodyId ?? null,
        principal.name,
        principal.createdAt,
        tokenHash,
        principal.expiresAt ?? null,
      );
    this.changes.ownCommit();
  }

  findBootstrapAdmin() {
    const row = this.db
      .prepare<[string], Row>(
        "SELECT * FROM principals WHERE role = 'admin' AND name = ? ORDER BY created_at LIMIT 1",
      )
      .get(BOOTSTRAP_ADMIN_NAME);
    return row ? { principal: toPrincipal(row), tokenHash: row.token_hash } : undefined;
  }

  replaceTokenHash(principalId: string, tokenHash: string): void {
    this.db
      .prepare('UPDATE principals SET token_hash = ?, token_rotations = token_rotations + 1 WHERE id = ?')
      .run(tokenHash, principalId);
    this.changes.ownCommit();
  }

  findById(principalId: string): StoredPrincipal | undefined {
    const row = this.db.prepare<[string], Row>('SELECT * FROM principals WHERE id = ?').get(principalId);
    return row ? toPrincipal(row) : undefined;
  }

  list(): StoredPrincipal[] {
    return this.db
      .prepare<[], Row>('SELECT * FROM principals ORDER BY created_at, id')
      .all()
      .map(toPrincipal);
  }

  disable(principalId: string, now: string): void {
    this.db
      .prepare('UPDATE principals SET disabled_at = ? WHERE id = ? AND disabled_at IS NULL')
      .run(now, principalId);
    this.changes.ownCommit();
  }

  onApplicationShutdown(): void {
    this.db.close();
  }
}
