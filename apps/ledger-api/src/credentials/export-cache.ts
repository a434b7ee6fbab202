import type Database from 'better-sqlite3';
import { openDurableDatabase } from '@credence/sqlite';
import type { SignedCredential } from '@credence/credentials';
import { LruMap } from '@credence/runtime';

export type SignedExport = Readonly<{ json: SignedCredential; jwt: string }>;

type Row = { key_ids: string; json: string; jwt: string };

/**
 * Parsed exports kept in memory: a verification by id reads its export without parsing it again.
 * A parsed export takes tens of KB of heap, so a thousand (the API's memory budget is issue 20's).
 */
const PARSED_CAPACITY = 1_000;

const deepFreeze = <T>(value: T): T => {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
};

/**
 * Signed exports, computed once per credential and signing keys: a hot credential is not
 * re-signed per request, and a new key (rotation) misses the cache and signs afresh.
 *
 * A stored row never changes (INSERT OR IGNORE, no UPDATE or DELETE), so its parsed form is kept
 * in memory under (credential, keys) and handed out frozen: shared by every reader, and an
 * attempt to change it throws instead of altering what the next request sees. Which rows exist is
 * still read from the file each time, so an export another process signed is found.
 */
export class SignedExportCache {
  private readonly db: Database.Database;
  private readonly select: Database.Statement<[string, string], Row>;
  private readonly selectAll: Database.Statement<[string], Row>;
  private readonly insert: Database.Statement<[string, string, string, string]>;
  private readonly parsed: LruMap<string, SignedExport>;
  /** Signings in flight: of concurrent first requests for one export, one signs and all await it. */
  private readonly signing = new Map<string, Promise<SignedExport>>();

  constructor(path: string, parsedCapacity = PARSED_CAPACITY) {
    this.parsed = new LruMap(parsedCapacity);
    this.db = openDurableDatabase({ path });
    this.db.exec(`CREATE TABLE IF NOT EXISTS signed_exports (
      credential_id TEXT NOT NULL, key_ids TEXT NOT NULL, json TEXT NOT NULL, jwt TEXT NOT NULL,
      PRIMARY KEY (credential_id, key_ids))`);
    this.select = this.db.prepare(
      'SELECT key_ids, json, jwt FROM signed_exports WHERE credential_id = ? AND key_ids = ?',
    );
    this.selectAll = this.db.prepare('SELECT key_ids, json, jwt FROM signed_exports WHERE credential_id = ?');
    this.insert = this.db.prepare(
      'INSERT OR IGNORE INTO signed_exports (credential_id, key_ids, json, jwt) VALUES (?, ?, ?, ?)',
    );
  }

  async getOrSign(
    credentialId: string,
    keyIds: string,
    sign: () => Promise<SignedExport>,
  ): Promise<SignedExport> {
    const row = this.select.get(credentialId, keyIds);
    if (row) return this.parse(credentialId, row);
    const key = `${credentialId}\u0000${keyIds}`;
    let pending = this.signing.get(key);
    if (!pending) {
      pending = this.signAndStore(credentialId, keyIds, sign).finally(() => this.signing.delete(key));
      this.signing.set(key, pending);
    }
    return pending;
  }

  private async signAndStore(credentialId: string, keyIds: string, sign: () => Promise<SignedExport>) {
    const signed = await sign();
    // OR IGNORE: of two processes signing at once, the first stored export is the one both keep serving.
    this.insert.run(credentialId, keyIds, JSON.stringify(signed.json), signed.jwt);
    return this.parse(credentialId, this.select.get(credentialId, keyIds)!);
  }

  /** Every stored export of a credential: verification by id, and "is this exactly what we exported". */
  exportsOf(credentialId: string): SignedExport[] {
    return this.selectAll.all(credentialId).map((row) => this.parse(credentialId, row));
  }

  private parse(credentialId: string, row: Row): SignedExport {
    const key = `${credentialId}\u0000${row.key_ids}`;
    const known = this.parsed.get(key);
    if (known) return known;
    const parsed = deepFreeze({ json: JSON.parse(row.json) as SignedCredential, jwt: row.jwt });
    this.parsed.set(key, parsed);
    return parsed;
  }

  close(): void {
    this.db.close();
  }
}
