import { decodeProtectedHeader, importJWK, jwtVerify, type JWK } from 'jose';
import { verifyIndependently } from '../../libs/credentials/src/testing/independent-verifier';
import { pathwayWithComponents, servedProfile, startPublicLedger } from '../support/credential-ledger';
import { accreditedIssuer, expectCreated, logHead, type World } from '../support/fixtures';
import { type TestLedger } from '../support/ledger-app';

const LEARNER = 'lrn-7f3a9c';

/** jose's own verification of a vc+jwt against the JWK its `kid` URL serves. */
const verifyWithJose = async (jwt: string) => {
  const { kid } = decodeProtectedHeader(jwt);
  const jwk = (await (await fetch(kid!)).json()) as JWK;
  return { kid, ...(await jwtVerify(jwt, await importJWK(jwk, 'ES256'), { typ: 'vc+jwt' })) };
};

describe('Stacked credentials as OB 3.0 and the learner record as CLR 2.0', () => {
  let ledger: TestLedger;
  let world: World;
  let stackId: string;
  let pathwayId: string;
  let components: string[];
  const asIssuer = (method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
    ledger.request(method, path, { token: world.issuerToken, body, headers });
  const asAuditor = (path: string, headers?: Record<string, string>) =>
    ledger.request('GET', path, { token: world.auditorToken, headers });

  beforeAll(async () => {
    ledger = await startPublicLedger();
    world = await accreditedIssuer(ledger);
    ({ pathwayId, components } = await pathwayWithComponents(ledger, world));
    stackId = expectCreated(
      await asIssuer('POST', '/v1/stacked-credentials', {
        pathwayId,
        learnerId: LEARNER,
        componentCredentialIds: components,
      }),
    );
  }, 120_000);
  afterAll(() => ledger.close());

  describe('GET /v1/stacked-credentials/{id}/ob3', () => {
    it("answers an AchievementCredential for the pathway that Digital Bazaar's verifier accepts", async () => {
      const reply = await asIssuer('GET', `/v1/stacked-credentials/${stackId}/ob3`);
      expect(reply.status).toBe(200);
      expect(reply.headers.get('content-type')).toContain('application/ld+json');
      const credential = reply.body;
      expect(credential).toMatchObject({
        id: `urn:uuid:${stackId}`,
        type: ['VerifiableCredential', 'OpenBadgeCredential'],
        issuer: { id: `${ledger.baseUrl}/issuers/${world.issuerId}` },
        name: 'Data Analytics Professional',
        credentialSubject: {
          achievement: {
            id: `${ledger.baseUrl}/v1/pathways/${pathwayId}`,
            name: 'Data Analytics Professional',
          },
        },
      });
      expect(credential.credentialSubject.achievement.criteria.narrative).toContain('all 2 components');
      const served = await servedProfile(ledger, world.issuerId);
      const result = await verifyIndependently(credential, served);
      expect(result.error).toBeUndefined();
      expect(result.verified).toBe(true);
      const tampered = { ...credential, evidence: credential.evidence.slice(1) };
      expect((await verifyIndependently(tampered, served)).verified).toBe(false);
    });

    it("links each component through evidence[] whose id resolves to that component's own export", async () => {
      const { evidence } = (await asIssuer('GET', `/v1/stacked-credentials/${stackId}/ob3`)).body;
      expect(evidence).toHaveLength(2);
      for (const [i, item] of (
        evidence as Array<{ id: string; name: string; description: string }>
      ).entries()) {
        expect(item.description).toBe(`Component credential urn:uuid:${components[i]}`);
        const resolved = await ledger.request('GET', new URL(item.id).pathname, { token: world.issuerToken });
        expect(resolved.status).toBe(200);
        expect(resolved.body.id).toBe(`urn:uuid:${components[i]}`);
        expect(resolved.body.name).toBe(item.name);
      }
    });

    it('answers a vc+jwt that jose verifies with the issuer key at its kid, and signs once', async () => {
      const jwt = (
        await asIssuer('GET', `/v1/stacked-credentials/${stackId}/ob3`, undefined, {
          accept: 'application/vc+jwt',
        })
      ).body as string;
      const { kid, payload } = await verifyWithJose(jwt);
      expect(kid).toBe(`${ledger.baseUrl}/issuers/${world.issuerId}/keys/p256-1.jwk`);
      expect(payload).toMatchObject({
        jti: `urn:uuid:${stackId}`,
        iss: `${ledger.baseUrl}/issuers/${world.issuerId}`,
      });
      const again = await asIssuer('GET', `/v1/stacked-credentials/${stackId}/ob3`, undefined, {
        accept: 'application/vc+jwt',
      });
      expect(again.body).toBe(jwt);
    });

    it('is verified by POST /v1/verifications, by id and as presented, with the stack status from the ledger', async () => {
      const byId = await ledger.request('POST', '/v1/verifications', { body: { credentialId: stackId } });
      expect(byId.status).toBe(200);
      const checks = new Map(byId.body.checks.map((c: { id: string }) => [c.id, c] as const)) as Map<
        string,
        { passed: boolean; notApplicable?: boolean }
      >;
      expect(byId.body.verified).toBe(true);
      expect(checks.get('proof')?.passed).toBe(true);
      expect(checks.get('issuer-key')?.passed).toBe(true);
      expect(checks.get('status.ledger')?.passed).toBe(true);
      expect(checks.get('quality-ruleset')?.passed).toBe(true);
      expect(checks.get('accreditation')?.notApplicable).toBe(true);
      const jwt = (
        await asIssuer('GET', `/v1/stacked-credentials/${stackId}/ob3`, undefined, {
          accept: 'application/vc+jwt',
        })
      ).body;
      const presented = await ledger.request('POST', '/v1/verifications', { body: { credential: jwt } });
      expect(presented.body.verified).toBe(true);
    });

    it('exports to the owning issuer and readers only', async () => {
      expect((await ledger.request('GET', `/v1/stacked-credentials/${stackId}/ob3`)).status).toBe(401);
      expect((await asAuditor(`/v1/stacked-credentials/${stackId}/ob3`)).status).toBe(200);
      const other = await accreditedIssuer(ledger, undefined, {
        legalName: 'Other',
        country: 'NL',
        registrationId: 'KVK-2',
      });
      const foreign = await ledger.request('GET', `/v1/stacked-credentials/${stackId}/ob3`, {
        token: other.issuerToken,
      });
      expect(foreign.status).toBe(404);
      expect((await asIssuer('GET', '/v1/stacked-credentials/no-such/ob3')).status).toBe(404);
    });
  });

  describe('GET /v1/learners/{id}/record as CLR 2.0', () => {
    let record: string;
    beforeAll(async () => {
      record = `/v1/learners/${LEARNER}/record?waitFor=${encodeURIComponent((await logHead(ledger))!)}`;
    });

    it('keeps the plain JSON answer for Accept: application/json', async () => {
      const reply = await asAuditor(record, { accept: 'application/json' });
      expect(reply.status).toBe(200);
      expect(reply.headers.get('content-type')).toContain('application/json');
      expect(reply.body.items.map((i: { credentialId: string }) => i.credentialId)).toEqual(components);
      expect(reply.body.stacks[0].stackId).toBe(stackId);
    });

    it('answers a ClrCredential embedding the signed OB 3.0 credentials and isParentOf associations', async () => {
      const reply = await asAuditor(record, { accept: 'application/ld+json' });
      expect(reply.status).toBe(200);
      expect(reply.headers.get('content-type')).toContain('application/ld+json');
      const clr = reply.body;
      expect(clr['@context']).toContain('https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json');
      expect(clr.type).toEqual(['VerifiableCredential', 'ClrCredential']);
      expect(clr.issuer).toMatchObject({ id: `${ledger.baseUrl}/platform`, type: ['Profile'] });
      expect(clr.partial).toBe(false);
      expect(clr.proof).toBeUndefined();
      expect(JSON.stringify(clr)).not.toContain(LEARNER);
      const subject = clr.credentialSubject;
      expect(subject.type).toEqual(['ClrSubject']);
      expect(subject.verifiableCredential.map((c: { id: string }) => c.id)).toEqual([
        ...components.map((id) => `urn:uuid:${id}`),
        `urn:uuid:${stackId}`,
      ]);
      for (const embedded of subject.verifiableCredential) {
        const served = await servedProfile(ledger, world.issuerId, embedded);
        expect((await verifyIndependently(embedded, served)).verified).toBe(true);
      }
      const [first, second] = subject.verifiableCredential.map(
        (c: { credentialSubject: { achievement: { id: string } } }) => c.credentialSubject.achievement.id,
      );
      expect(subject.association).toEqual([
        {
          type: 'Association',
          associationType: 'isParentOf',
          sourceId: `${ledger.baseUrl}/v1/pathways/${pathwayId}`,
          targetId: first,
        },
        {
          type: 'Association',
          associationType: 'isParentOf',
          sourceId: `${ledger.baseUrl}/v1/pathways/${pathwayId}`,
          targetId: second,
        },
      ]);
    });

    it("answers a vc+jwt that jose verifies against the deployment's JWK at its kid", async () => {
      const reply = await asAuditor(record, { accept: 'application/vc+jwt' });
      expect(reply.status).toBe(200);
      expect(reply.headers.get('content-type')).toContain('application/vc+jwt');
      const { kid, payload, protectedHeader } = await verifyWithJose(reply.body as string);
      expect(protectedHeader.alg).toBe('ES256');
      expect(kid).toBe(`${ledger.baseUrl}/platform/keys/p256-1.jwk`);
      expect(payload).toMatchObject({
        type: ['VerifiableCredential', 'ClrCredential'],
        iss: `${ledger.baseUrl}/platform`,
      });
      expect(payload.jti).toBe(payload.id);
      const tampered = `${(reply.body as string).slice(0, -4)}AAAA`;
      await expect(verifyWithJose(tampered)).rejects.toThrow();
    });

    it('is not public, and an issuer gets a partial CLR of only what it issued', async () => {
      const anonymous = await ledger.request('GET', record, { headers: { accept: 'application/ld+json' } });
      expect(anonymous.status).toBe(401);
      const own = await asIssuer('GET', record, undefined, { accept: 'application/ld+json' });
      expect(own.status).toBe(200);
      expect(own.body.partial).toBe(true);
      const other = await accreditedIssuer(ledger, undefined, {
        legalName: 'Third',
        country: 'NL',
        registrationId: 'KVK-3',
      });
      const foreign = await ledger.request('GET', record, {
        token: other.issuerToken,
        headers: { accept: 'application/ld+json' },
      });
      expect(foreign.status).toBe(404);
    });

    it('serves the platform profile and JWK publicly, and 404 for another key', async () => {
      const profile = await ledger.request('GET', '/platform');
      expect(profile.status).toBe(200);
      expect(profile.body.publicKeys).toEqual([`${ledger.baseUrl}/platform/keys/p256-1.jwk`]);
      const jwk = await ledger.request('GET', '/platform/keys/p256-1.jwk');
      expect(jwk.body).toMatchObject({ kty: 'EC', crv: 'P-256', kid: 'p256-1' });
      expect(jwk.body.d).toBeUndefined();
      expect((await ledger.request('GET', '/platform/keys/p256-2.jwk')).status).toBe(404);
    });
  });

  it('documents the new route and media types in OpenAPI', async () => {
    const { paths } = (await ledger.request('GET', '/docs-json')).body;
    const stacked = paths['/v1/stacked-credentials/{id}/ob3'].get.responses['200'].content;
    expect(Object.keys(stacked)).toEqual(
      expect.arrayContaining(['application/ld+json', 'application/vc+jwt']),
    );
    const learner = paths['/v1/learners/{learnerId}/record'].get.responses['200'].content;
    expect(Object.keys(learner)).toEqual(
      expect.arrayContaining(['application/json', 'text/csv', 'application/ld+json', 'application/vc+jwt']),
    );
    expect(paths['/platform/keys/{keyFile}']).toBeDefined();
  });

  // Last: it revokes a component, which invalidates the stack for the tests above.
  it("fails status.ledger for a stack invalidated by a component's revocation, and still exports it", async () => {
    await asIssuer('POST', `/v1/credentials/${components[0]}/revocation`, { reason: 'fraud' });
    let answer = {
      verified: true,
      checks: [] as Array<{ id: string; passed: boolean; notApplicable?: boolean }>,
    };
    for (let i = 0; i < 50 && answer.verified; i++) {
      await new Promise((r) => setTimeout(r, 100));
      answer = (await ledger.request('POST', '/v1/verifications', { body: { credentialId: stackId } })).body;
    }
    expect(answer.verified).toBe(false);
    const failed = answer.checks.filter((c) => !c.passed && !c.notApplicable).map((c) => c.id);
    expect(failed).toEqual(['status.ledger']);
    expect((await asIssuer('GET', `/v1/stacked-credentials/${stackId}/ob3`)).status).toBe(200);
  });
});
