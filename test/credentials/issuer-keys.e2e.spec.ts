import { verifyIndependently } from '../../libs/credentials/src/testing/independent-verifier';
import { issueOne, servedProfile, startPublicLedger } from '../support/credential-ledger';
import { accreditedIssuer, type World } from '../support/fixtures';
import { ADMIN_TOKEN, type TestLedger } from '../support/ledger-app';

type Check = { id: string; passed: boolean; message: string; evidence: Record<string, unknown> };
type Key = {
  keyId: string;
  algorithm: string;
  publicKeyMultibase: string;
  activatedAt: string;
  retiredAt?: string;
  compromisedSince?: string;
};

describe('Issuer keys in the log: first use, rotation, compromise', () => {
  let ledger: TestLedger;
  let world: World;
  let credentialId: string;
  /** The first export, signed with ed25519-1 before any rotation. */
  let firstJson: Record<string, unknown>;
  const asIssuer = (method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
    ledger.request(method, path, { token: world.issuerToken, body, headers });
  const keysInLog = async (issuerId = world.issuerId): Promise<Key[]> =>
    (await ledger.request('GET', `/v1/issuers/${issuerId}`, { token: ADMIN_TOKEN })).body.keys;
  const exportJson = async (id = credentialId) => (await asIssuer('GET', `/v1/credentials/${id}/ob3`)).body;
  const exportJwt = async (id = credentialId) =>
    (await asIssuer('GET', `/v1/credentials/${id}/ob3`, undefined, { accept: 'application/vc+jwt' })).body;
  const verify = async (credential: unknown) =>
    (await ledger.request('POST', '/v1/verifications', { body: { credential } })).body as {
      verified: boolean;
      checks: Check[];
    };
  const check = (answer: { checks: Check[] }, id: string) => answer.checks.find((c) => c.id === id);
  const served = (credential?: Parameters<typeof servedProfile>[2]) =>
    servedProfile(ledger, world.issuerId, credential);

  beforeAll(async () => {
    ledger = await startPublicLedger();
    world = await accreditedIssuer(ledger);
    credentialId = await issueOne(ledger, world);
  });
  afterAll(() => ledger.close());

  it('activates the first keys through the ledger on first use, once, however many uses race', async () => {
    expect(await keysInLog()).toEqual([]);
    const profiles = await Promise.all(
      Array.from({ length: 6 }, () => ledger.request('GET', `/issuers/${world.issuerId}`)),
    );
    expect(new Set(profiles.map((reply) => JSON.stringify(reply.body))).size).toBe(1);
    const keys = await keysInLog();
    expect(keys.map((key) => [key.keyId, key.algorithm])).toEqual([
      ['ed25519-1', 'Ed25519'],
      ['p256-1', 'P-256'],
    ]);
    expect(keys[0]).toMatchObject({ publicKeyMultibase: expect.stringMatching(/^z6Mk/) });
  });

  describe('rotation', () => {
    let oldJson: Record<string, unknown>;
    let oldJwt: string;
    let rotated: Key[];

    beforeAll(async () => {
      oldJson = await exportJson();
      firstJson = oldJson;
      oldJwt = await exportJwt();
      const reply = await asIssuer('POST', `/v1/issuers/${world.issuerId}/keys`, undefined, {
        'idempotency-key': 'rotate-1',
      });
      if (reply.status !== 200) throw new Error(`rotation: ${reply.status} ${JSON.stringify(reply.body)}`);
      rotated = reply.body.keys;
    });

    it('activates new Ed25519 and P-256 keys and retires the old ones, in the log', async () => {
      expect(rotated.map((key) => [key.keyId, key.retiredAt !== undefined])).toEqual([
        ['ed25519-1', true],
        ['p256-1', true],
        ['ed25519-2', false],
        ['p256-2', false],
      ]);
      expect(await keysInLog()).toEqual(rotated);
    });

    it('is idempotent under the same Idempotency-Key', async () => {
      const again = await asIssuer('POST', `/v1/issuers/${world.issuerId}/keys`, undefined, {
        'idempotency-key': 'rotate-1',
      });
      expect(again.status).toBe(200);
      expect(await keysInLog()).toHaveLength(4);
    });

    it('signs new exports with the new keys; the old exports stay verifiable, here and independently', async () => {
      const json = await exportJson();
      const jwt = (await exportJwt()) as string;
      expect(JSON.stringify(json.proof)).toContain(rotated[2]!.publicKeyMultibase);
      expect(JSON.parse(Buffer.from(jwt.split('.')[0]!, 'base64url').toString()).kid).toMatch(/p256-2\.jwk$/);
      for (const presented of [json, jwt, oldJson, oldJwt]) {
        const answer = await verify(presented);
        expect({
          verified: answer.verified,
          failed: answer.checks.filter((c) => !c.passed && !('notApplicable' in c)),
        }).toEqual({ verified: true, failed: [] });
      }
      expect(check(await verify(oldJson), 'issuer-key')?.evidence).toMatchObject({
        keyId: 'ed25519-1',
        issuedAtSource: 'signed-export',
      });
      expect((await verifyIndependently(oldJson, await served(oldJson))).verified).toBe(true);
      expect((await verifyIndependently(json, await served(json))).verified).toBe(true);
    });

    it('lets only the issuer itself or an admin rotate; 404 for an unknown issuer and to another issuer', async () => {
      const other = await accreditedIssuer(ledger, undefined, {
        legalName: 'Other',
        country: 'NL',
        registrationId: 'KVK-2',
      });
      const rotate = (token: string, issuerId = world.issuerId) =>
        ledger.request('POST', `/v1/issuers/${issuerId}/keys`, { token });
      // To an issuer, another issuer is indistinguishable from an unknown one.
      const refused = await rotate(other.issuerToken);
      expect(refused.status).toBe(404);
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
      expect((await rotate(world.auditorToken)).status).toBe(403);
      expect((await rotate(world.qaToken)).status).toBe(403);
      expect((await ledger.request('POST', `/v1/issuers/${world.issuerId}/keys`)).status).toBe(401);
      expect((await rotate(ADMIN_TOKEN, 'no-such-issuer')).status).toBe(404);
      expect(await keysInLog()).toHaveLength(4);
      expect((await rotate(ADMIN_TOKEN)).status).toBe(200);
      expect(await keysInLog()).toHaveLength(6);
    });
  });

  describe('compromise', () => {
    const report = (keyId: string, body: unknown, token = world.issuerToken) =>
      ledger.request('POST', `/v1/issuers/${world.issuerId}/keys/${keyId}/compromise`, { token, body });

    it('refuses bad input with problem+json and changes nothing', async () => {
      const before = await keysInLog();
      const future = new Date(Date.now() + 86_400_000).toISOString();
      for (const [keyId, body, status] of [
        ['ed25519-3', { compromisedSince: 'yesterday' }, 400],
        ['ed25519-3', {}, 400],
        ['ed25519-3', { compromisedSince: future }, 400],
        ['ed25519-9', { compromisedSince: '2026-01-01T00:00:00Z' }, 404],
      ] as const) {
        const reply = await report(keyId, body);
        expect([keyId, reply.status]).toEqual([keyId, status]);
        expect(reply.headers.get('content-type')).toContain('application/problem+json');
      }
      expect(
        (await report('ed25519-3', { compromisedSince: '2026-01-01T00:00:00Z' }, world.auditorToken)).status,
      ).toBe(403);
      expect(await keysInLog()).toEqual(before);
    });

    it('fails what the key signed from compromisedSince on, withdraws the key and signs anew with a fresh one', async () => {
      const signedBefore = await exportJson();
      const jwtBefore = await exportJwt();
      const current = (await keysInLog()).find((key) => key.keyId === 'ed25519-3')!;
      const since = current.activatedAt;
      const reply = await report('ed25519-3', { compromisedSince: since });
      expect(reply.status).toBe(200);
      expect((await report('ed25519-3', { compromisedSince: since })).status).toBe(200); // a repeat is a no-op
      const keys = await keysInLog();
      expect(keys.filter((key) => key.compromisedSince !== undefined).map((key) => key.keyId)).toEqual([
        'ed25519-3',
      ]);
      expect(keys.at(-1)).toMatchObject({ keyId: 'ed25519-4', algorithm: 'Ed25519' });

      const answer = await verify(signedBefore);
      expect(answer.verified).toBe(false);
      expect(check(answer, 'issuer-key')).toMatchObject({ passed: false });
      expect(check(answer, 'issuer-key')?.message).toContain('compromised');
      const profile = (await ledger.request('GET', `/issuers/${world.issuerId}`)).body;
      expect(JSON.stringify(profile)).not.toContain(current.publicKeyMultibase);
      // The P-256 key is not compromised: the JWT signed with it still verifies.
      expect((await verify(jwtBefore)).verified).toBe(true);

      const fresh = await exportJson();
      expect(JSON.stringify(fresh.proof)).toContain(keys.at(-1)!.publicKeyMultibase);
      expect((await verify(fresh)).verified).toBe(true);
      expect((await verifyIndependently(fresh, await served(fresh))).verified).toBe(true);
      expect(
        (await ledger.request('POST', '/v1/verifications', { body: { credentialId } })).body.verified,
      ).toBe(true);
    });

    it('judges a key compromised after the signing as good at signing, though verifiers no longer find it', async () => {
      // Proof times count in whole seconds: report from the next second, so the signing is strictly before.
      await new Promise((resolve) => setTimeout(resolve, 1_050 - (Date.now() % 1_000)));
      const reply = await report('ed25519-1', { compromisedSince: new Date().toISOString() });
      expect(reply.status).toBe(200);
      const answer = await verify(firstJson);
      expect(check(answer, 'issuer-key')).toMatchObject({ passed: true, evidence: { keyId: 'ed25519-1' } });
      // The key left the profile, so the proof no longer resolves: the holder re-exports (signed anew).
      expect(check(answer, 'proof')).toMatchObject({ passed: false });
      expect(answer.verified).toBe(false);
    });
  });
});
