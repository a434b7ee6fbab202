import type Database from 'better-sqlite3';
import { openDurableDatabase } from '@credence/sqlite';
import type { SignedCredential } from '@credence/credentials';
import { LruMap, UnderWay } from '@credence/runtime';
import { deepFreeze } from './frozen-documents';

export type SignedExport = Readonly<{ json: SignedCredential; jwt: string }>;

type Row = { json: string; jwt: string };

const keyOf = (credentialId: string, keyIds: string) => `${credentialId}\u0000${keyIds}`;

/**
 * Parsed exports kept in memory: a verification by id reads its export without parsing it again.
 * A parsed export takes tens of KB of heap, so a thousand (the API's memory budget is issue 20's).
 */
const PARSED_CAPACITY = 1_000;

/**
 * Signed exports, computed once per credential and signing keys: a hot credential is not
 * re-signed per request, and a new key (rotation) misses the cache and signs afresh.
 *
 * A stored row never changes (INSERT OR IGNORE, no UPDATE or DELETE), so its parsed form is kept
 * in memory under (credential, keys) and handed out frozen: shared by every reader, and an
 * attempt to change it throws instead of altering what the next request sees. A row kept in
 * memory is not read again; which rows exist is still read from the file for every other lookup
 * (only their keys for `exportsOf`), so an export another process signed is found.
 */
export class SignedExportCache {
  private readonly db: Database.Database;
  private readonly select: Database.Statement<[string, string], Row>;
  private readonly selectKeyIds: Database.Statement<[string], string>;
  private readonly insert: Database.Statement<[string, string, string, string]>;
  private readonly parsed: LruMap<string, SignedExport>;
  /** Every parsed stored export's JSON this cache handed out, for `isStored`. */
  private readonly storedJson = new WeakSet<object>();
  /** Signings in flight: of concurrent first requests for one export, one signs and all await it. */
  private readonly signing = new UnderWay<string, SignedExport>();

  constructor(path: string, parsedCapacity = PARSED_CAPACITY) {
    this.parsed = new LruMap(parsedCapacity);
    this.db = openDurableDatabase({ path });
    this.db.exec(`CREATE TABLE IF NOT EXISTS signed_exports (
      credential_id TEXT NOT NULL, key_ids TEXT NOT NULL, json TEXT NOT NULL, jwt TEXT NOT NULL,
      PRIMARY KEY (credential_id, key_ids))`);
    this.select = this.db.prepare(
      'SELECT json, jwt FROM signed_exports WHERE credential_id = ? AND key_ids = ?',
    );
    this.selectKeyIds = this.db
      .prepare<[string], string>('SELECT key_ids FROM signed_exports WHERE credential_id = ?')
      .pluck();
    this.insert = this.db.prepare(
      'INSERT OR IGNORE INTO signed_exports (credential_id, key_ids, json, jwt) VALUES (?, ?, ?, ?)',
    );
  }

  async getOrSign(
    credentialId: string,
    keyIds: string,
    sign: () => Promise<SignedExport>,
  ): Promise<SignedExport> {
    const key = keyOf(credentialId, keyIds);
    const known = this.parsed.get(key) ?? this.read(credentialId, keyIds);
    if (known) return known;
    return this.signing.run(key, () => this.signAndStore(credentialId, keyIds, sign));
  }

  private async signAndStore(credentialId: string, keyIds: string, sign: () => Promise<SignedExport>) {
    const signed = await sign();
    // OR IGNORE: of two processes signing at once, the first stored export is the one both keep serving.
    this.insert.run(credentialId, keyIds, JSON.stringify(signed.json), signed.jwt);
    return this.read(credentialId, keyIds)!;
  }

  /** Every stored export of a credential: verification by id, and "is this exactly what we exported". */
  exportsOf(credentialId: string): SignedExport[] {
    return this.selectKeyIds
      .all(credentialId)
      .map((keyIds) => this.parsed.get(keyOf(credentialId, keyIds)) ?? this.read(credentialId, keyIds)!);
  }

  /**
   * Whether `json` is the parsed form of a stored export (the very object this cache handed out).
   * A stored row is never changed or deleted, so such an object is one for good: by id, a
   * verification need not query the file to learn that what it checks is exactly what was exported.
   */
  isStored(json: object): boolean {
    return this.storedJson.has(json);
  }

  /** The stored row, parsed and kept; undefined when the file has none (yet). */
  private read(credentialId: string, keyIds: string): SignedExport | undefined {
    const row = this.select.get(credentialId, keyIds);
    if (!row) return undefined;
    const parsed = deepFreeze({ json: JSON.parse(row.json) as SignedCredential, jwt: row.jwt });
    this.storedJson.add(parsed.json);
    this.parsed.set(keyOf(credentialId, keyIds), parsed);
    return parsed;
  }

  close(): void {
    this.db.close();
  }
}
