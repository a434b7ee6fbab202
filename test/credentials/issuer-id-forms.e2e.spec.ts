import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { decodeProtectedHeader, importJWK, jwtVerify, type JWK } from 'jose';
import didV1 from '../../libs/credentials/src/jsonld/vendored/did-v1.json';
import { verifyIndependently } from '../../libs/credentials/src/testing/independent-verifier';
import {
  issueOne,
  pathwayWithComponents,
  startPublicLedger,
  statusListsOf,
} from '../support/credential-ledger';
import { accreditedIssuer, expectCreated, type World } from '../support/fixtures';
import type { TestLedger } from '../support/ledger-app';

const DID_V1 = 'https://www.w3.org/ns/did/v1';

/** One form's ledger, issuer and credential, with its exports in both proof forms. */
const formWorld = (form: 'did-web' | 'did-key') => {
  const it = {} as { ledger: TestLedger; world: World; credentialId: string };
  beforeAll(async () => {
    it.ledger = await startPublicLedger({ CREDENCE_ISSUER_ID_FORM: form });
    it.world = await accreditedIssuer(it.ledger);
    it.credentialId = await issueOne(it.ledger, it.world);
  });
  afterAll(() => it.ledger.close());
  return it;
};

const exportsOf = async ({ ledger, world, credentialId }: ReturnType<typeof formWorld>) => {
  const get = (accept?: string) =>
    ledger.request('GET', `/v1/credentials/${credentialId}/ob3`, {
      token: world.issuerToken,
      ...(accept ? { headers: { accept } } : {}),
    });
  return { json: (await get()).body, jwt: (await get('application/vc+jwt')).body as string };
};

const verifiedHere = async (ledger: TestLedger, credential: unknown) =>
  (await ledger.request('POST', '/v1/verifications', { body: { credential } })).body.verified;

/** jose against the key the JWT's kid serves, which must also be the credential's issuer's. */
const verifyJwt = async (jwt: string, issuer: string) => {
  const { kid } = decodeProtectedHeader(jwt);
  const jwk = (await (await fetch(kid!)).json()) as JWK;
  const { payload } = await jwtVerify(jwt, await importJWK(jwk, 'ES256'), { typ: 'vc+jwt', issuer });
  return payload;
};

describe('Issuer id forms (CREDENCE_ISSUER_ID_FORM)', () => {
  describe('did-web', () => {
    const the = formWorld('did-web');

    it('names the issuer did:web under the public host, resolved at /issuers/{id}/did.json', async () => {
      const { json, jwt } = await exportsOf(the);
      const host = new URL(the.ledger.baseUrl).host.replace(':', '%3A');
      const did = `did:web:${host}:issuers:${the.world.issuerId}`;
      expect(json.issuer.id).toBe(did);

      // did:web resolution by hand, pointed at the running API over http (did:web itself is https).
      const reply = await the.ledger.request('GET', `/issuers/${the.world.issuerId}/did.json`);
      expect(reply.status).toBe(200);
      const document = reply.body;
      expect(document.id).toBe(did);
      expect(document.verificationMethod.map((m: { type: string }) => m.type)).toEqual([
        'Multikey',
        'Multikey',
      ]);
      expect(document.assertionMethod).toEqual(document.verificationMethod.map((m: { id: string }) => m.id));

      const served = new Map<string, object>([
        [did, document],
        [DID_V1, didV1],
        ...(await statusListsOf(the.ledger, json)),
      ]);
      const result = await verifyIndependently(json, served);
      expect(result.error).toBeUndefined();
      expect(result.verified).toBe(true);
      expect(await verifyJwt(jwt, did)).toMatchObject({ iss: did });
      expect(await verifiedHere(the.ledger, json)).toBe(true);
      expect(await verifiedHere(the.ledger, jwt)).toBe(true);
    });

    it('lists rotated keys in the DID document, so old and new exports verify', async () => {
      const before = await exportsOf(the);
      const rotated = await the.ledger.request('POST', `/v1/issuers/${the.world.issuerId}/keys`, {
        token: the.world.issuerToken,
      });
      expect(rotated.status).toBe(200);
      const after = await exportsOf(the);
      const document = (await the.ledger.request('GET', `/issuers/${the.world.issuerId}/did.json`)).body;
      expect(document.verificationMethod).toHaveLength(4);
      for (const json of [before.json, after.json]) {
        const served = new Map<string, object>([
          [document.id, document],
          [DID_V1, didV1],
          ...(await statusListsOf(the.ledger, json)),
        ]);
        expect((await verifyIndependently(json, served)).verified).toBe(true);
      }
      expect(after.json.proof).not.toEqual(before.json.proof);
      expect(await verifiedHere(the.ledger, before.json)).toBe(true);
      expect(await verifiedHere(the.ledger, after.jwt)).toBe(true);
    });
  });

  describe('did-key', () => {
    const the = formWorld('did-key');
    /** A did:key document, derived from the DID with Digital Bazaar's Multikey library. */
    const didKeyDocument = async (did: string) => {
      const publicKeyMultibase = did.slice('did:key:'.length);
      const key = await Ed25519Multikey.from({
        publicKeyMultibase,
        controller: did,
        id: `${did}#${publicKeyMultibase}`,
      });
      const method = await key.export({ publicKey: true, includeContext: false });
      return {
        '@context': [DID_V1, 'https://w3id.org/security/multikey/v1'],
        id: did,
        verificationMethod: [method],
        assertionMethod: [method.id],
      };
    };

    it('names the issuer by the did:key of its current Ed25519 key; rotation changes the id, and old exports need fetching again', async () => {
      const before = await exportsOf(the);
      expect(before.json.issuer.id).toMatch(/^did:key:z6Mk/);
      const served = async (json: { issuer: { id: string } }) =>
        new Map<string, object>([
          [json.issuer.id, await didKeyDocument(json.issuer.id)],
          [DID_V1, didV1],
          ...(await statusListsOf(the.ledger, json)),
        ]);
      const result = await verifyIndependently(before.json, await served(before.json));
      expect(result.error).toBeUndefined();
      expect(result.verified).toBe(true);
      expect(await verifyJwt(before.jwt, before.json.issuer.id)).toBeDefined();
      expect(await verifiedHere(the.ledger, before.json)).toBe(true);
      expect(await verifiedHere(the.ledger, before.jwt)).toBe(true);

      await the.ledger.request('POST', `/v1/issuers/${the.world.issuerId}/keys`, {
        token: the.world.issuerToken,
      });
      const after = await exportsOf(the);
      expect(after.json.issuer.id).toMatch(/^did:key:z6Mk/);
      expect(after.json.issuer.id).not.toBe(before.json.issuer.id);
      expect((await verifyIndependently(after.json, await served(after.json))).verified).toBe(true);
      for (const presented of [after.json, after.jwt])
        expect(await verifiedHere(the.ledger, presented)).toBe(true);
      // The cost of this form: the issuer id changes with the key, and the status lists are signed
      // by the current key, so an export made under the old did:key no longer matches its lists'
      // issuer. Its holder fetches the export again (signed anew, above), as docs/verifiable-credentials.md says.
      for (const presented of [before.json, before.jwt])
        expect(await verifiedHere(the.ledger, presented)).toBe(false);
      expect((await the.ledger.request('GET', `/issuers/${the.world.issuerId}/did.json`)).status).toBe(404);
    });

    it("finds a stacked credential's issuer from its urn:uuid, so its ledger checks apply", async () => {
      const { pathwayId, components } = await pathwayWithComponents(the.ledger, the.world);
      const stackId = expectCreated(
        await the.ledger.request('POST', '/v1/stacked-credentials', {
          token: the.world.issuerToken,
          body: { pathwayId, learnerId: 'lrn-7f3a9c', componentCredentialIds: components },
        }),
      );
      const get = (accept: string) =>
        the.ledger.request('GET', `/v1/stacked-credentials/${stackId}/ob3`, {
          token: the.world.issuerToken,
          headers: { accept },
        });
      const json = (await get('application/ld+json')).body;
      expect(json.issuer.id).toMatch(/^did:key:z6Mk/);
      for (const credential of [json, (await get('application/vc+jwt')).body]) {
        const { verified, checks } = (
          await the.ledger.request('POST', '/v1/verifications', { body: { credential } })
        ).body;
        expect(verified).toBe(true);
        const passedChecks = checks
          .filter((c: { passed: boolean }) => c.passed)
          .map((c: { id: string }) => c.id);
        expect(passedChecks).toEqual(expect.arrayContaining(['proof', 'issuer-key', 'status.ledger']));
      }
    });
  });
});
