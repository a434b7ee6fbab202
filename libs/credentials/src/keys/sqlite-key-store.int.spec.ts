import { createPublicKey, randomBytes, verify } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { JWK } from 'jose';
import { open } from './key-encryption';
import { UnknownKeyError } from './key-store';
import { SqliteIssuerKeyStore } from './sqlite-key-store';

const data = new TextEncoder().encode('signing input');
const verifies = (jwk: JWK, signature: Uint8Array) =>
  jwk.crv === 'Ed25519'
    ? verify(null, data, createPublicKey({ key: jwk as never, format: 'jwk' }), signature)
    : verify(
        'sha256',
        data,
        { key: createPublicKey({ key: jwk as never, format: 'jwk' }), dsaEncoding: 'ieee-p1363' },
        signature,
      );

describe('SqliteIssuerKeyStore', () => {
  let dir: string;
  let path: string;
  const kek = randomBytes(32);
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'credence-keys-'));
    path = join(dir, 'keys.sqlite');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it.each(['Ed25519', 'P-256'] as const)(
    'creates a %s key whose signatures verify against its public JWK',
    async (algorithm) => {
      const store = new SqliteIssuerKeyStore(path, kek);
      const key = await store.createKey('iss-1', 'k1', algorithm);

      const signature = await (await store.signer('iss-1', 'k1')).sign(data);

      expect(verifies(key.publicJwk, signature)).toBe(true);
      expect(key.publicJwk.d).toBeUndefined();
      expect(key.publicKeyMultibase).toMatch(algorithm === 'Ed25519' ? /^z6Mk/ : /^zDn/);
      store.close();
    },
  );

  it('creating a key id again returns the stored key, not a new one (a retried rotation)', async () => {
    const store = new SqliteIssuerKeyStore(path, kek);
    const first = await store.createKey('iss-1', 'k1', 'Ed25519');

    expect(await store.createKey('iss-1', 'k1', 'Ed25519')).toEqual(first);
    await expect(store.createKey('iss-1', 'k1', 'P-256')).rejects.toThrow(/is Ed25519, not P-256/);
    store.close();
  });

  it('keeps keys across reopening with the same key-encryption key, and refuses to open them with another', async () => {
    const first = new SqliteIssuerKeyStore(path, kek);
    const key = await first.createKey('iss-1', 'k1', 'P-256');
    first.close();

    const reopened = new SqliteIssuerKeyStore(path, kek);
    expect(verifies(key.publicJwk, await (await reopened.signer('iss-1', 'k1')).sign(data))).toBe(true);
    expect(await reopened.publicKey('iss-1', 'k1')).toEqual(key);
    reopened.close();

    const wrongKek = new SqliteIssuerKeyStore(path, randomBytes(32));
    await expect(wrongKek.signer('iss-1', 'k1')).rejects.toThrow(/authenticate/);
    wrongKek.close();
  });

  it('a sealed key copied onto another issuer row does not open (the ciphertext is bound to its row)', async () => {
    const store = new SqliteIssuerKeyStore(path, kek);
    await store.createKey('iss-victim', 'k1', 'Ed25519');
    await store.createKey('iss-attacker', 'k1', 'Ed25519');
    store.close();
    const db = new Database(path);
    db.prepare(
      "UPDATE issuer_keys SET sealed_private_key = (SELECT sealed_private_key FROM issuer_keys WHERE issuer_id = 'iss-victim') WHERE issuer_id = 'iss-attacker'",
    ).run();
    db.close();

    const reopened = new SqliteIssuerKeyStore(path, kek);
    await expect(reopened.signer('iss-attacker', 'k1')).rejects.toThrow(/authenticate/);
    reopened.close();
  });

  it('an unknown key is a typed error', async () => {
    const store = new SqliteIssuerKeyStore(path, kek);

    await expect(store.signer('iss-1', 'nope')).rejects.toBeInstanceOf(UnknownKeyError);
    expect(await store.publicKey('iss-1', 'nope')).toBeUndefined();
    store.close();
  });

  it('never writes a private key in the clear: no file in the data dir holds one in any encoding', async () => {
    const store = new SqliteIssuerKeyStore(path, kek);
    for (const [keyId, algorithm] of [
      ['ed', 'Ed25519'],
      ['p', 'P-256'],
    ] as const)
      await store.createKey('iss-1', keyId, algorithm);
    // Read back through a second connection while the store is open, so the WAL still holds the writes.
    const rows = new Database(path, { readonly: true })
      .prepare<[], { issuer_id: string; key_id: string; algorithm: string; sealed_private_key: Buffer }>(
        'SELECT * FROM issuer_keys',
      )
      .all();
    const secrets = rows.map(
      (row) =>
        JSON.parse(
          open(kek, row.sealed_private_key, `${row.issuer_id}\n${row.key_id}\n${row.algorithm}`),
        ) as JWK,
    );

    const files = readdirSync(dir).map((name) => readFileSync(join(dir, name)));
    expect(files.length).toBeGreaterThanOrEqual(2); // keys.sqlite and its -wal
    for (const { d } of secrets) {
      const raw = Buffer.from(d!, 'base64url');
      for (const needle of [
        raw,
        Buffer.from(d!),
        Buffer.from(raw.toString('hex')),
        Buffer.from(raw.toString('base64')),
      ]) {
        for (const file of files) expect(file.includes(needle)).toBe(false);
      }
    }
    store.close();
  });
});
