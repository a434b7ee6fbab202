import { decodeProtectedHeader, importJWK, jwtVerify, type JWK } from 'jose';
import { verifyIndependently } from '../../libs/credentials/src/testing/independent-verifier';
import { type TestLedger } from '../support/ledger-app';
import { servedProfile, startPublicLedger } from '../support/credential-ledger';
import {
  accreditedIssuer,
  assessmentBody,
  credentialBody,
  expectCreated,
  specificationBody,
  type World,
} from '../support/fixtures';

describe('Open Badges 3.0 export and verification', () => {
  let ledger: TestLedger;
  let world: World;
  let credentialId: string;
  const asIssuer = (method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
    ledger.request(method, path, { token: world.issuerToken, body, headers });
  /** What a verifier fetches from the API: the issuer profile at its id URL, and the credential's status lists. */
  const served = (credential?: { credentialStatus?: { statusListCredential: string }[] }) =>
    servedProfile(ledger, world.issuerId, credential);
  beforeAll(async () => {
    ledger = await startPublicLedger();
    world = await accreditedIssuer(ledger);
    const specificationId = expectCreated(await asIssuer('POST', '/v1/specifications', specificationBody));
    const assessmentId = expectCreated(
      await asIssuer('POST', '/v1/assessments', assessmentBody(specificationId)),
    );
    credentialId = expectCreated(
      await asIssuer('POST', '/v1/credentials', credentialBody(specificationId, [assessmentId])),
    );
  });
  afterAll(() => ledger.close());

  describe('the public issuer profile', () => {
    it('serves the Profile at the issuer id URL with its Ed25519 and P-256 keys as Multikey assertion methods', async () => {
      const reply = await ledger.request('GET', `/issuers/${world.issuerId}`);
      expect(reply.status).toBe(200);
      expect(reply.headers.get('content-type')).toContain('application/ld+json');
      const profile = reply.body;
      expect(profile.id).toBe(`${ledger.baseUrl}/issuers/${world.issuerId}`);
      expect(profile.type).toEqual(['Profile']);
      expect(profile.name).toBe('Hogeschool Utrecht');
      expect(profile.verificationMethod).toHaveLength(2);
      const [method, p256] = profile.verificationMethod;
      expect(method).toMatchObject({ type: 'Multikey', controller: profile.id });
      expect(method.publicKeyMultibase).toMatch(/^z6Mk/);
      expect(p256.publicKeyMultibase).toMatch(/^zDn/);
      expect(method.id).toBe(`${profile.id}#${method.publicKeyMultibase}`);
      expect(profile.assertionMethod).toEqual([method.id, p256.id]);
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
      // The url form has no DID document: the profile is the issuer's document.
      expect((await ledger.request('GET', `/issuers/${world.issuerId}/did.json`)).status).toBe(404);
      expect((await ledger.request('GET', `/v1/issuers/${world.issuerId}`)).status).toBe(401);
      expect(
        (await ledger.request('GET', `/v1/issuers/${world.issuerId}`, { token: world.issuerToken })).status,
      ).toBe(200);
    });
  });

  describe('the export', () => {
    it("answers JSON-LD with a Data Integrity proof that Digital Bazaar's verifier accepts", async () => {
      const reply = await asIssuer('GET', `/v1/credentials/${credentialId}/ob3`);
      expect(reply.status).toBe(200);
      expect(reply.headers.get('content-type')).toContain('application/ld+json');
      const credential = reply.body;
      expect(credential).toMatchObject({
        id: `urn:uuid:${credentialId}`,
        type: ['VerifiableCredential', 'OpenBadgeCredential'],
        issuer: { id: `${ledger.baseUrl}/issuers/${world.issuerId}`, name: 'Hogeschool Utrecht' },
        proof: [
          { type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', proofPurpose: 'assertionMethod' },
        ],
      });
      expect(credential.credentialStatus).toMatchObject([
        { type: 'BitstringStatusListEntry', statusPurpose: 'revocation' },
        { type: 'BitstringStatusListEntry', statusPurpose: 'suspension' },
      ]);
      // Annex I's grade and the first award, as the ledger recorded them at issuance.
      const { body: recorded } = await asIssuer('GET', `/v1/credentials/${credentialId}`);
      expect(credential.awardedDate).toBe(recorded.awardedDate);
      expect(credential.credentialSubject.result).toEqual(
        expect.arrayContaining([expect.objectContaining({ type: ['Result'], value: recorded.grade })]),
      );
      expect(JSON.stringify(credential)).not.toContain('lrn-7f3a9c');
      const result = await verifyIndependently(credential, await served(credential));
      expect(result.error).toBeUndefined();
      expect(result.verified).toBe(true);

      const tampered = { ...credential, name: `${credential.name}!` };
      expect((await verifyIndependently(tampered, await served(credential))).verified).toBe(false);
    });

    it('answers a vc+jwt for Accept: application/vc+jwt that jose verifies with the key at its kid', async () => {
      const reply = await asIssuer('GET', `/v1/credentials/${credentialId}/ob3`, undefined, {
        accept: 'application/vc+jwt',
      });
      expect(reply.status).toBe(200);
      expect(reply.headers.get('content-type')).toContain('application/vc+jwt');
      const jwt = reply.body as string;
      const header = decodeProtectedHeader(jwt);
      expect(header).toMatchObject({ alg: 'ES256', typ: 'vc+jwt' });
      expect(header.kid).toBe(`${ledger.baseUrl}/issuers/${world.issuerId}/keys/p256-1.jwk`);
      const jwk = (await (await fetch(header.kid!)).json()) as JWK;
      const { payload } = await jwtVerify(jwt, await importJWK(jwk, 'ES256'), { typ: 'vc+jwt' });
      expect(payload).toMatchObject({
        id: `urn:uuid:${credentialId}`,
        iss: `${ledger.baseUrl}/issuers/${world.issuerId}`,
        jti: `urn:uuid:${credentialId}`,
      });
    });

    it('signs once: a second export is byte-identical', async () => {
      const first = await asIssuer('GET', `/v1/credentials/${credentialId}/ob3`);
      const second = await asIssuer('GET', `/v1/credentials/${credentialId}/ob3`);
      expect(second.body).toEqual(first.body);
    });

    it('exports to the owning issuer and readers, never to another issuer or anonymously', async () => {
      expect((await ledger.request('GET', `/v1/credentials/${credentialId}/ob3`)).status).toBe(401);
      expect(
        (await ledger.request('GET', `/v1/credentials/${credentialId}/ob3`, { token: world.auditorToken }))
          .status,
      ).toBe(200);
      const other = await accreditedIssuer(ledger, undefined, {
        legalName: 'Other',
        country: 'NL',
        registrationId: 'KVK-1',
      });
      expect(
        (await ledger.request('GET', `/v1/credentials/${credentialId}/ob3`, { token: other.issuerToken }))
          .status,
      ).toBe(404);
      expect((await asIssuer('GET', '/v1/credentials/no-such/ob3')).status).toBe(404);
    });
  });

  describe('POST /v1/verifications', () => {
    const verify = (body: unknown) => ledger.request('POST', '/v1/verifications', { body });
    const check = (reply: { body: { checks: Array<{ id: string; passed: boolean }> } }, id: string) =>
      reply.body.checks.find((c) => c.id === id);

    it("verifies an exported credential by id, with the ledger's accreditation and ruleset, without a token", async () => {
      const reply = await verify({ credentialId });
      expect(reply.status).toBe(200);
      expect(reply.body.verified).toBe(true);
      for (const id of [
        'proof',
        'issuer-key',
        'schema',
        'validity',
        'accreditation',
        'quality-ruleset',
        'status.revocation',
        'status.suspension',
      ])
        expect(check(reply, id)).toMatchObject({ passed: true });
      expect(check(reply, 'accreditation')).toMatchObject({ evidence: { qaBody: 'NVAO' } });
      expect(check(reply, 'quality-ruleset')).toMatchObject({
        evidence: { id: 'eu-microcredentials', version: '2022-r2' },
      });
      expect(check(reply, 'status.ledger')).toBeUndefined(); // the published lists answer
    });

    it('verifies both presented forms, and fails proof for a tampered credential', async () => {
      const json = (await asIssuer('GET', `/v1/credentials/${credentialId}/ob3`)).body;
      const jwt = (
        await asIssuer('GET', `/v1/credentials/${credentialId}/ob3`, undefined, {
          accept: 'application/vc+jwt',
        })
      ).body;
      expect((await verify({ credential: json })).body.verified).toBe(true);
      expect((await verify({ credential: jwt })).body.verified).toBe(true);

      const tampered = await verify({ credential: { ...json, validFrom: '2020-01-01T00:00:00Z' } });
      expect(tampered.body.verified).toBe(false);
      expect(check(tampered, 'proof')).toMatchObject({ passed: false });
      const [header, payload, signature] = (jwt as string).split('.');
      const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
      const forged = [
        header,
        Buffer.from(JSON.stringify({ ...claims, name: 'Forged' })).toString('base64url'),
        signature,
      ].join('.');
      expect(check(await verify({ credential: forged }), 'proof')).toMatchObject({ passed: false });
    });

    it('reports a revoked credential as failing status.revocation, read from its status list', async () => {
      const specificationId = expectCreated(await asIssuer('POST', '/v1/specifications', specificationBody));
      const assessmentId = expectCreated(
        await asIssuer('POST', '/v1/assessments', assessmentBody(specificationId, 'lrn-other')),
      );
      const revokedId = expectCreated(
        await asIssuer(
          'POST',
          '/v1/credentials',
          credentialBody(specificationId, [assessmentId], 'lrn-other'),
        ),
      );
      const exported = (await asIssuer('GET', `/v1/credentials/${revokedId}/ob3`)).body;
      expect(
        (await asIssuer('POST', `/v1/credentials/${revokedId}/revocation`, { reason: 'issued-in-error' }))
          .status,
      ).toBe(200);
      // The list reflects the revocation within one projector cycle.
      let reply = await verify({ credential: exported });
      for (let i = 0; i < 100 && check(reply, 'status.revocation')?.passed !== false; i++) {
        await new Promise((r) => setTimeout(r, 50));
        reply = await verify({ credential: exported });
      }
      expect(reply.body.verified).toBe(false);
      expect(check(reply, 'proof')).toMatchObject({ passed: true });
      expect(check(reply, 'status.revocation')).toMatchObject({ passed: false, evidence: { bit: 1 } });
    });

    it('marks the ledger checks not applicable for a credential issued elsewhere', async () => {
      const json = (await asIssuer('GET', `/v1/credentials/${credentialId}/ob3`)).body;
      const elsewhere = { ...json, issuer: { ...json.issuer, id: 'https://elsewhere.example/issuer' } };
      const reply = await verify({ credential: elsewhere });
      expect(check(reply, 'accreditation')).toMatchObject({ notApplicable: true });
      expect(check(reply, 'quality-ruleset')).toMatchObject({ notApplicable: true });
      expect(reply.body.verified).toBe(false); // the proof no longer matches
    });

    it('answers 400 for a body with neither or both, and 404 for an unknown id', async () => {
      expect((await verify({})).status).toBe(400);
      expect((await verify({ credentialId, credential: 'x' })).status).toBe(400);
      expect((await verify({ credential: 42 })).status).toBe(400);
      expect((await verify({ credentialId: 'no-such' })).status).toBe(404);
    });
  });
});
