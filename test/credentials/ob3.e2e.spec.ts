import { createServer } from 'node:net';
import { importJWK } from 'jose';
import { startLedger, type TestLedger } from '../support/ledger-app';
import { accreditedIssuer, type World } from '../support/fixtures';

/** The public URL must be the one the API answers on, so pick the port before the app starts. */
const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });

describe('Open Badges 3.0 export and verification', () => {
  let ledger: TestLedger;
  let world: World;
  beforeAll(async () => {
    const port = await freePort();
    ledger = await startLedger({ PORT: String(port), CREDENCE_PUBLIC_URL: `http://127.0.0.1:${port}` });
    world = await accreditedIssuer(ledger);
  });
  afterAll(() => ledger.close());

  describe('the public issuer profile', () => {
    it('serves the Profile at the issuer id URL with its Ed25519 key as a Multikey assertion method', async () => {
      const reply = await ledger.request('GET', `/issuers/${world.issuerId}`);
      expect(reply.status).toBe(200);
      expect(reply.headers.get('content-type')).toContain('application/ld+json');
      const profile = reply.body;
      expect(profile.id).toBe(`${ledger.baseUrl}/issuers/${world.issuerId}`);
      expect(profile.type).toEqual(['Profile']);
      expect(profile.name).toBe('Hogeschool Utrecht');
      expect(profile.verificationMethod).toHaveLength(1);
      const [method] = profile.verificationMethod;
      expect(method).toMatchObject({ type: 'Multikey', controller: profile.id });
      expect(method.publicKeyMultibase).toMatch(/^z6Mk/);
      expect(method.id).toBe(`${profile.id}#${method.publicKeyMultibase}`);
      expect(profile.assertionMethod).toEqual([method.id]);
      // Generated once: a second read names the same key.
      expect((await ledger.request('GET', `/issuers/${world.issuerId}`)).body).toEqual(profile);
    });

    it('serves the P-256 key as a JWK that jose imports', async () => {
      const reply = await ledger.request('GET', `/issuers/${world.issuerId}/keys/p256-1.jwk`);
      expect(reply.status).toBe(200);
      expect(reply.body).toMatchObject({ kty: 'EC', crv: 'P-256', kid: 'p256-1' });
      expect(reply.body.d).toBeUndefined();
      await expect(importJWK(reply.body, 'ES256')).resolves.toBeDefined();
    });

    it('answers 404 for an unknown issuer or key, and keeps /v1/issuers/{id} behind auth', async () => {
      expect((await ledger.request('GET', '/issuers/no-such-issuer')).status).toBe(404);
      expect((await ledger.request('GET', `/issuers/${world.issuerId}/keys/nope.jwk`)).status).toBe(404);
      expect((await ledger.request('GET', `/v1/issuers/${world.issuerId}`)).status).toBe(401);
      expect((await ledger.request('GET', `/v1/issuers/${world.issuerId}`, { token: world.issuerToken })).status).toBe(200);
    });
  });
});
