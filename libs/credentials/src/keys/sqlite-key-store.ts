import type Database from 'better-sqlite3';
import { openDurableDatabase } from '@credence/sqlite';
import type { JWK } from 'jose';
import { open, seal } from './key-encryption';
import { generateKey, signerFor } from './key-material';
import {
  IssuerKeyStore,
  UnknownKeyError,
  type IssuerPublicKey,
  type KeyAlgorithm,
  type RawSigner,
} from './key-store';

type Row = {
  issuer_id: string;
  key_id: string;
  algorithm: KeyAlgorithm;
  public_key_multibase: string;
  public_jwk: string;
  sealed_private_key: Buffer;
};

const toPublicKey = (row: Row): IssuerPublicKey => ({
  issuerId: row.issuer_id,
  keyId: row.key_id,
  algorithm: row.algorithm,
  publicKeyMultibase: row.public_key_multibase,
  publicJwk: JSON.parse(row.public_jwk) as JWK,
});

/** What the ciphertext is bound to: a sealed key moved to another row does not open. */
const sealContext = (issuerId: string, keyId: string, algorithm: KeyAlgorithm) =>
  `${issuerId}\n${keyId}\n${algorithm}`;

/** Issuer keys in a SQLite file, each private key sealed with AES-256-GCM under the key-encryption key. */
export class SqliteIssuerKeyStore extends IssuerKeyStore {
  private readonly db: Database.Database;

  constructor(
    path: string,
    private readonly kek: Buffer,
  ) {
    super();
    // The shared durable opener: a generated key that is lost to a power cut would orphan its public key in the log.
    this.db = openDurableDatabase({ path });
    this.db.exec(`CREATE TABLE IF NOT EXISTS issuer_keys (
      issuer_id TEXT NOT NULL, key_id TEXT NOT NULL, algorithm TEXT NOT NULL,
      public_key_multibase TEXT NOT NULL, public_jwk TEXT NOT NULL, sealed_private_key BLOB NOT NULL,
      PRIMARY KEY (issuer_id, key_id))`);
  }

  async createKey(issuerId: string, keyId: string, algorithm: KeyAlgorithm): Promise<IssuerPublicKey> {
    const generated = await generateKey(algorithm);
    // INSERT OR IGNORE, then read back: of two concurrent creations of one key id, one key wins for both.
    this.db
      .prepare(
        `INSERT OR IGNORE INTO issuer_keys
         (issuer_id, key_id, algorithm, public_key_multibase, public_jwk, sealed_private_key) VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(
        issuerId,
        keyId,
        algorithm,
        generated.publicKeyMultibase,
        JSON.stringify(generated.publicJwk),
        seal(this.kek, generated.privateKey, sealContext(issuerId, keyId, algorithm)),
      );
    const stored = this.row(issuerId, keyId)!;
    if (stored.algorithm !== algorithm)
      throw new Error(`Key ${keyId} of issuer ${issuerId} is ${stored.algorithm}, not ${algorithm}`);
    return toPublicKey(stored);
  }

  async publicKey(issuerId: string, keyId: string): Promise<IssuerPublicKey | undefined> {
    const row = this.row(issuerId, keyId);
    return row && toPublicKey(row);
  }

  async signer(issuerId: string, keyId: string): Promise<RawSigner> {
    const row = this.row(issuerId, keyId);
    if (!row) throw new UnknownKeyError(issuerId, keyId);
    const privateKey = open(this.kek, row.sealed_private_key, sealContext(issuerId, keyId, row.algorithm));
    return signerFor(row.algorithm, privateKey);
  }

  close(): void {
    this.db.close();
  }

  private row(issuerId: string, keyId: string): Row | undefined {
    return this.db
      .prepare<[string, string], Row>('SELECT * FROM issuer_keys WHERE issuer_id = ? AND key_id = ?')
      .get(issuerId, keyId);
  }
}
