import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { decodeList } from '@digitalbazaar/vc-bitstring-status-list';
import { SqliteEventStore } from '@credence/event-store/sqlite';
import { eventually } from '@credence/feed/testing/kafka';
import { ReadModelDatabase, rebuildProjections } from '@credence/projections';
import { CredentialVerifier } from '../../apps/ledger-api/src/credentials/verification';
import { blockNetwork } from '../../libs/credentials/src/testing/block-network';
import { verifyIndependently } from '../../libs/credentials/src/testing/independent-verifier';
import { type TestLedger } from '../support/ledger-app';
import { issueOne, servedProfile, startPublicLedger } from '../support/credential-ledger';
import { accreditedIssuer, type World } from '../support/fixtures';

type Entry = { statusPurpose: string; statusListIndex: string; statusListCredential: string };

/** The bit with nothing but gunzip and the spec's rule: bit 0 is the most significant bit of byte 0. */
const plainBit = (list: { credentialSubject: { encodedList: string } }, index: number) => {
  const bytes = gunzipSync(Buffer.from(list.credentialSubject.encodedList.slice(1), 'base64url'));
  return (bytes[index >> 3]! >> (7 - (index % 8))) & 1;
};

describe('Bitstring Status Lists, published and read by verification', () => {
  let ledger: TestLedger;
  let world: World;
  let n = 0;
  const asIssuer = (method: string, path: string, body?: unknown) =>
    ledger.request(method, path, { token: world.issuerToken, body });
  const listPath = (url: string) => url.slice(ledger.baseUrl.length);

  /** A freshly issued credential, exported: its two status entries by purpose. */
  const issued = async () => {
    const id = await issueOne(ledger, world, `lrn-status-${++n}`);
    const credential = (await asIssuer('GET', `/v1/credentials/${id}/ob3`)).body;
    const entries = credential.credentialStatus as Entry[];
    const entry = (purpose: string) => entries.find((e) => e.statusPurpose === purpose)!;
    return { id, credential, revocation: entry('revocation'), suspension: entry('suspension') };
  };
  const bitOf = async (entry: Entry) =>
    plainBit(
      (await ledger.request('GET', listPath(entry.statusListCredential))).body,
      Number(entry.statusListIndex),
    );
  const bitBecomes = async (entry: Entry, bit: number) => {
    await eventually(
      `bit ${bit} at ${entry.statusListIndex}`,
      async () => (await bitOf(entry)) === bit,
      5000,
    );
    return bitOf(entry);
  };

  beforeAll(async () => {
    ledger = await startPublicLedger({ CREDENCE_STATUS_LIST_TTL_SECONDS: '120' });
    world = await accreditedIssuer(ledger);
  });
  afterAll(() => ledger.close());

  it('gives every credential a revocation and a suspension entry in its issuer list 0, at distinct random indexes', async () => {
    const [a, b] = [await issued(), await issued()];

    for (const { revocation, suspension } of [a, b]) {
      expect(revocation).toMatchObject({
        type: 'BitstringStatusListEntry',
        statusListCredential: `${ledger.baseUrl}/status-lists/${world.issuerId}/revocation/0`,
      });
      expect(suspension.statusListCredential).toBe(
        `${ledger.baseUrl}/status-lists/${world.issuerId}/suspension/0`,
      );
      expect(Number(revocation.statusListIndex)).toBeLessThan(131_072);
    }
    expect(a.revocation.statusListIndex).not.toBe(b.revocation.statusListIndex);
  });

  it('serves a signed BitstringStatusListCredential with ETag, max-age and ttl that an independent verifier accepts', async () => {
    const { revocation } = await issued();
    const reply = await ledger.request('GET', listPath(revocation.statusListCredential));

    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toContain('application/ld+json');
    expect(reply.headers.get('cache-control')).toBe('public, max-age=120');
    const etag = reply.headers.get('etag')!;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(reply.body).toMatchObject({
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      issuer: `${ledger.baseUrl}/issuers/${world.issuerId}`,
      credentialSubject: { type: 'BitstringStatusList', statusPurpose: 'revocation', ttl: 120_000 },
    });
    expect((await decodeList({ encodedList: reply.body.credentialSubject.encodedList })).length).toBe(
      131_072,
    );
    const profile = await servedProfile(ledger, world.issuerId);
    const restore = blockNetwork();
    try {
      const result = await verifyIndependently(reply.body, profile);
      expect(result.error).toBeUndefined();
      expect(result.verified).toBe(true);
    } finally {
      restore();
    }
    const again = await ledger.request('GET', listPath(revocation.statusListCredential), {
      headers: { 'if-none-match': etag },
    });
    expect(again.status).toBe(304);
  });
  it('signs a list version once for the requests that ask for it at once: every answer is that one credential', async () => {
    // Given an issuer whose lists nobody has asked for yet
    const fresh = await accreditedIssuer(ledger, undefined, {
      legalName: 'Fontys Hogescholen',
      country: 'NL',
      registrationId: 'KVK-41095123',
    });
    const path = `/status-lists/${fresh.issuerId}/revocation/0`;

    // When 32 verifiers fetch its revocation list at the same moment
    const replies = await Promise.all(Array.from({ length: 32 }, () => ledger.request('GET', path)));

    // Then all get the same signed list: one signing, not one per request (each would be stamped
    // with its own instant, and a burst after a status change would cost 32 signatures)
    expect(replies.map((reply) => reply.status)).toEqual(replies.map(() => 200));
    const proofs = new Set(replies.map((reply) => JSON.stringify(reply.body.proof)));
    expect(proofs.size).toBe(1);
  });

  it('revoke → the revocation bit is set for good; verification fails status.revocation, from the list', async () => {
    const { id, credential, revocation, suspension } = await issued();
    expect(await bitOf(revocation)).toBe(0);
    const before = (await ledger.request('GET', listPath(revocation.statusListCredential))).headers.get(
      'etag',
    );

    await asIssuer('POST', `/v1/credentials/${id}/revocation`, { reason: 'issued-in-error' });

    expect(await bitBecomes(revocation, 1)).toBe(1);
    expect(
      (await ledger.request('GET', listPath(revocation.statusListCredential))).headers.get('etag'),
    ).not.toBe(before);
    expect(await bitOf(suspension)).toBe(0);
    const reply = await ledger.request('POST', '/v1/verifications', { body: { credential } });
    expect(reply.body.verified).toBe(false);
    const check = (checkId: string) => reply.body.checks.find((c: { id: string }) => c.id === checkId);
    expect(check('status.revocation')).toMatchObject({ passed: false, evidence: { bit: 1 } });
    expect(check('status.suspension')).toMatchObject({ passed: true, evidence: { bit: 0 } });
    expect(check('status.ledger')).toBeUndefined(); // the list answers, not the database
    expect(check('proof')).toMatchObject({ passed: true });
  });

  it('suspend → the suspension bit is set; reinstate → it is cleared again', async () => {
    const { id, credential, revocation, suspension } = await issued();

    await asIssuer('POST', `/v1/credentials/${id}/suspension`, { reason: 'under-investigation' });
    expect(await bitBecomes(suspension, 1)).toBe(1);
    const suspended = await ledger.request('POST', '/v1/verifications', { body: { credentialId: id } });
    expect(suspended.body.checks.find((c: { id: string }) => c.id === 'status.suspension')).toMatchObject({
      passed: false,
    });

    await asIssuer('POST', `/v1/credentials/${id}/reinstatement`, {});
    expect(await bitBecomes(suspension, 0)).toBe(0);
    expect(await bitOf(revocation)).toBe(0);

    // Offline: the in-process verification and Digital Bazaar's checkStatus, with every connection blocked.
    const lists = await servedProfile(ledger, world.issuerId, credential);
    const verifier = ledger.app.get(CredentialVerifier);
    const restore = blockNetwork();
    try {
      const answer = await verifier.verify(credential);
      expect(answer.verified).toBe(true);
      const independent = await verifyIndependently(credential, lists);
      expect(independent.error).toBeUndefined();
      expect(independent.verified).toBe(true);
    } finally {
      restore();
    }
  });

  it('answers 400 for an unknown purpose or list number and 404 for an unknown issuer', async () => {
    expect((await ledger.request('GET', `/status-lists/${world.issuerId}/refresh/0`)).status).toBe(400);
    expect((await ledger.request('GET', `/status-lists/${world.issuerId}/revocation/x`)).status).toBe(400);
    expect((await ledger.request('GET', '/status-lists/no-such-issuer/revocation/0')).status).toBe(404);
  });

  it('rebuilding the read models from zero serves the same lists', async () => {
    const { revocation, suspension } = await issued();
    const urls = [revocation, suspension].map((e) => listPath(e.statusListCredential));
    const lists = async () =>
      Promise.all(
        urls.map(async (url) => (await ledger.request('GET', url)).body.credentialSubject.encodedList),
      );
    const live = await lists();
    // The revocation list holds the bit of the credential revoked above: a rebuild must set it again.
    expect(live[0]).not.toBe(live[1]);

    const store = SqliteEventStore.open({ path: join(ledger.dataDir, 'events.sqlite') });
    const rm = await ReadModelDatabase.open({ dataDir: ledger.dataDir });
    try {
      await rebuildProjections(store, rm, { swap: true, batchSize: 7 });
      expect(await lists()).toEqual(live);
    } finally {
      await rm.close();
      await store.close();
    }
  });
});
