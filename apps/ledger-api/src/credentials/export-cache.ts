import type Database from 'better-sqlite3';
import { openDurableDatabase } from '@credence/sqlite';
import type { SignedCredential } from '@credence/credentials';

export type SignedExport = Readonly<{ json: SignedCredential; jwt: string }>;

/**
 * Signed exports, computed once per credential and signing keys: a hot credential is not
 * re-signed per request, and a new key (rotation) misses the cache and signs afresh.
 */
export class SignedExportCache {
  private readonly db: Database.Database;

  constructor(path: string) {
    this.db = openDurableDatabase({ path });
    this.db.exec(`CREATE TABLE IF NOT EXISTS signed_exports (
      credential_id TEXT NOT NULL, key_ids TEXT NOT NULL, json TEXT NOT NULL, jwt TEXT NOT NULL,
      PRIMARY KEY (credential_id, key_ids))`);
  }

  async getOrSign(
    credentialId: string,
    keyIds: string,
    sign: () => Promise<SignedExport>,
  ): Promise<SignedExport> {
    const row = this.db
      .prepare<[string, string], { json: string; jwt: string }>(
        'SELECT json, jwt FROM signed_exports WHERE credential_id = ? AND key_ids = ?',
      )
      .get(credentialId, keyIds);
    if (row) return { json: JSON.parse(row.json) as SignedCredential, jwt: row.jwt };
    const signed = await sign();
    // OR IGNORE: of two concurrent first requests, the first stored export is the one both keep serving.
    this.db
      .prepare('INSERT OR IGNORE INTO signed_exports (credential_id, key_ids, json, jwt) VALUES (?, ?, ?, ?)')
      .run(credentialId, keyIds, JSON.stringify(signed.json), signed.jwt);
    return this.getOrSign(credentialId, keyIds, sign);
  }

  /** Every stored export of a credential: verification by id, and "is this exactly what we exported". */
  exportsOf(credentialId: string): SignedExport[] {
    return this.db
      .prepare<[string], { json: string; jwt: string }>(
        'SELECT json, jwt FROM signed_exports WHERE credential_id = ?',
      )
      .all(credentialId)
      .map((row) => ({ json: JSON.parse(row.json) as SignedCredential, jwt: row.jwt }));
  }

  close(): void {
    this.db.close();
  }
}
