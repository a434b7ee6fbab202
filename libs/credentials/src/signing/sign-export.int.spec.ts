import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importJWK, jwtVerify } from 'jose';
import { controllerResolver } from '../jsonld/controller-resolver';
import { createDocumentLoader } from '../jsonld/document-loader';
import { SqliteIssuerKeyStore } from '../keys/sqlite-key-store';
import { buildAchievementCredential } from '../ob3/achievement-credential';
import { issuerProfileUrl } from '../ob3/issuer-identity';
import { buildIssuerProfileDocument, type ControllerDocument } from '../ob3/issuer-profile';
import { achievementInput } from '../testing/fixtures';
import { verifyIndependently } from '../testing/independent-verifier';
import { PUBLIC_URL } from '../testing/issuer-fixture';
import { signExport } from './sign-export';

describe('signExport with the SQLite key store', () => {
  let dir: string;
  let store: SqliteIssuerKeyStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'credence-export-'));
    store = new SqliteIssuerKeyStore(join(dir, 'keys.sqlite'), randomBytes(32));
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const issuerObId = issuerProfileUrl(PUBLIC_URL, 'iss-hu');
  const profile = { id: issuerObId, name: 'Hogeschool Utrecht', url: 'https://www.hu.nl' };
  const credentialFor = (credentialId: string) => {
    const input = achievementInput(profile);
    return buildAchievementCredential({
      ...input,
      credential: { ...input.credential, credentialId },
      status: [],
    }).credential;
  };
  const sign = (credential: Record<string, unknown>, round: string, controller: () => ControllerDocument) =>
    signExport(credential, {
      keyStore: store,
      issuerId: 'iss-hu',
      issuerObId,
      ed25519KeyId: `${round}-ed`,
      p256KeyId: `${round}-p256`,
      publicUrl: PUBLIC_URL,
      documentLoader: createDocumentLoader(controllerResolver(async () => controller())),
      created: '2026-11-21T09:31:00Z',
    });

  it('rotation: credentials signed before and after verify, independently, while the profile lists both keys', async () => {
    const keys = [
      await store.createKey('iss-hu', 'k1-ed', 'Ed25519'),
      await store.createKey('iss-hu', 'k1-p256', 'P-256'),
    ];
    let controller = buildIssuerProfileDocument(profile, keys);
    const before = await sign(credentialFor('11111111-1111-4111-8111-111111111111'), 'k1', () => controller);

    keys.push(
      await store.createKey('iss-hu', 'k2-ed', 'Ed25519'),
      await store.createKey('iss-hu', 'k2-p256', 'P-256'),
    );
    controller = buildIssuerProfileDocument(profile, keys);
    const after = await sign(credentialFor('22222222-2222-4222-8222-222222222222'), 'k2', () => controller);
    const served = new Map([[issuerObId, controller]]);

    expect((await verifyIndependently(before.json, served)).verified).toBe(true);
    expect((await verifyIndependently(after.json, served)).verified).toBe(true);
    expect((after.json.proof[0] as { verificationMethod: string }).verificationMethod).toBe(
      `${issuerObId}#${keys[2]!.publicKeyMultibase}`,
    );
    const { payload } = await jwtVerify(after.jwt, await importJWK(keys[3]!.publicJwk, 'ES256'), {
      typ: 'vc+jwt',
      currentDate: new Date('2027-01-01T00:00:00Z'),
    });
    expect(payload.jti).toBe('urn:uuid:22222222-2222-4222-8222-222222222222');
  });

  it('a compromised key left out of the public profile fails every credential it signed, for a third-party verifier', async () => {
    const keys = [
      await store.createKey('iss-hu', 'k1-ed', 'Ed25519'),
      await store.createKey('iss-hu', 'k1-p256', 'P-256'),
    ];
    const controller = buildIssuerProfileDocument(profile, keys);
    const signed = await sign(credentialFor('33333333-3333-4333-8333-333333333333'), 'k1', () => controller);
    const published = buildIssuerProfileDocument(profile, [{ ...keys[0]!, compromised: true }, keys[1]!]);

    expect((await verifyIndependently(signed.json, new Map([[issuerObId, published]]))).verified).toBe(false);
  });

  it('an unknown key id is refused before anything is signed', async () => {
    await expect(
      sign(credentialFor('44444444-4444-4444-8444-444444444444'), 'nope', () =>
        buildIssuerProfileDocument(profile, []),
      ),
    ).rejects.toThrow('Issuer iss-hu has no key nope-ed');
  });
});
