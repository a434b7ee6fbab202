import { eventually } from '@credence/feed/testing/kafka';
import { issueOne, startPublicLedger } from '../support/credential-ledger';
import { accreditedIssuer, type World } from '../support/fixtures';
import { ADMIN_TOKEN, startLedger, type TestLedger } from '../support/ledger-app';

type Check = { id: string; passed: boolean; message: string; evidence: Record<string, unknown> };
type Answer = { verified: boolean; checks: Check[] };

/**
 * Verification keeps what cannot change (stored exports, proof results by exact document and key
 * document, decoded status lists by exact string, issuance events) and reads the rest per request.
 * Each case first verifies, so every cache holds the credential, then changes the ledger, then
 * verifies again: a cache that served its earlier answer would fail here.
 */
describe('Verification after the ledger changed what it had verified', () => {
  let ledger: TestLedger;
  let world: World;
  let n = 0;
  const asIssuer = (method: string, path: string, body?: unknown) =>
    ledger.request(method, path, { token: world.issuerToken, body });
  const asIssuerWithKey = (method: string, path: string, idempotencyKey: string) =>
    ledger.request(method, path, {
      token: world.issuerToken,
      headers: { 'idempotency-key': idempotencyKey },
    });
  const exported = async (id: string) =>
    (await asIssuer('GET', `/v1/credentials/${id}/ob3`)).body as Record<string, unknown>;
  const byIdOn = async (app: TestLedger, credentialId: string) =>
    (await app.request('POST', '/v1/verifications', { body: { credentialId } })).body as Answer;
  const byId = (credentialId: string) => byIdOn(ledger, credentialId);
  const asJson = async (credential: unknown) =>
    (await ledger.request('POST', '/v1/verifications', { body: { credential } })).body as Answer;
  const check = (answer: Answer, id: string) => answer.checks.find((c) => c.id === id);
  const failedChecks = (answer: Answer) =>
    answer.checks.filter((c) => !c.passed && !('notApplicable' in c)).map((c) => c.id);

  /** A fresh credential, verified by id and as its exported JSON, so every cache holds it. */
  const verifiedOnce = async () => {
    const id = await issueOne(ledger, world, `lrn-caches-${++n}`);
    const json = await exported(id);
    for (const answer of [await byId(id), await asJson(json), await byId(id), await asJson(json)])
      expect({ verified: answer.verified, failed: failedChecks(answer) }).toEqual({
        verified: true,
        failed: [],
      });
    return { id, json };
  };

  beforeAll(async () => {
    ledger = await startPublicLedger();
    world = await accreditedIssuer(ledger);
  });
  afterAll(() => ledger.close());

  it('verify → revoke → verify says revoked, by id and as JSON; a credential on the same list still verifies', async () => {
    const neighbour = await verifiedOnce();
    const { id, json } = await verifiedOnce();

    await asIssuer('POST', `/v1/credentials/${id}/revocation`, { reason: 'issued-in-error' });

    await eventually('the revocation reaches the list', async () => !(await byId(id)).verified, 5000);
    for (const answer of [await byId(id), await asJson(json)]) {
      expect(failedChecks(answer)).toEqual(['status.revocation']);
      expect(check(answer, 'status.revocation')).toMatchObject({ evidence: { bit: 1 } });
      expect(check(answer, 'proof')?.passed).toBe(true);
    }
    for (const answer of [await byId(neighbour.id), await asJson(neighbour.json)])
      expect({ verified: answer.verified, failed: failedChecks(answer) }).toEqual({
        verified: true,
        failed: [],
      });
  });

  it('verify → suspend → verify says suspended → reinstate → verify passes again', async () => {
    const { id, json } = await verifiedOnce();

    await asIssuer('POST', `/v1/credentials/${id}/suspension`, { reason: 'under-investigation' });
    await eventually('the suspension reaches the list', async () => !(await byId(id)).verified, 5000);
    for (const answer of [await byId(id), await asJson(json)])
      expect(failedChecks(answer)).toEqual(['status.suspension']);

    await asIssuer('POST', `/v1/credentials/${id}/reinstatement`, {});
    await eventually('the reinstatement reaches the list', async () => (await byId(id)).verified, 5000);
    for (const answer of [await byId(id), await asJson(json)])
      expect({ verified: answer.verified, failed: failedChecks(answer) }).toEqual({
        verified: true,
        failed: [],
      });
  });

  it('verify → the signing key is reported compromised → the same JSON fails; by id signs anew with a fresh key', async () => {
    const { id, json } = await verifiedOnce();
    const keys = (await ledger.request('GET', `/v1/issuers/${world.issuerId}`, { token: ADMIN_TOKEN })).body
      .keys as Array<{ keyId: string; algorithm: string; activatedAt: string; retiredAt?: string }>;
    const signing = keys.find((key) => key.algorithm === 'Ed25519' && key.retiredAt === undefined)!;

    const reply = await asIssuer('POST', `/v1/issuers/${world.issuerId}/keys/${signing.keyId}/compromise`, {
      compromisedSince: signing.activatedAt,
    });
    expect(reply.status).toBe(200);

    const presented = await asJson(json);
    expect(presented.verified).toBe(false);
    expect(check(presented, 'issuer-key')).toMatchObject({ passed: false });
    expect(check(presented, 'issuer-key')?.message).toContain('compromised');
    const again = await byId(id);
    expect({ verified: again.verified, failed: failedChecks(again) }).toEqual({ verified: true, failed: [] });
    expect(check(again, 'proof')?.evidence.verificationMethod).not.toBe(
      check(await asJson(json), 'proof')?.evidence.verificationMethod,
    );
  });

  it('verify → the keys rotate → by id verifies the export signed with the new key, the old JSON still verifies', async () => {
    const { id, json } = await verifiedOnce();
    const before = check(await byId(id), 'proof')?.evidence.verificationMethod;

    const rotated = await ledger.request('POST', `/v1/issuers/${world.issuerId}/keys`, {
      token: world.issuerToken,
      headers: { 'idempotency-key': `rotate-caches-${n}` },
    });
    expect(rotated.status).toBe(200);

    const after = await byId(id);
    expect({ verified: after.verified, failed: failedChecks(after) }).toEqual({ verified: true, failed: [] });
    expect(check(after, 'proof')?.evidence.verificationMethod).not.toBe(before);
    const old = await asJson(json);
    expect({ verified: old.verified, failed: failedChecks(old) }).toEqual({ verified: true, failed: [] });
  });

  it('a tampered copy of a verified export fails its proof, though the original is answered from memory', async () => {
    const { json } = await verifiedOnce();

    const tampered = await asJson({ ...json, name: `${String(json.name)} (forged)` });

    expect(check(tampered, 'proof')).toMatchObject({ passed: false });
    expect((await asJson(json)).verified).toBe(true);
  });

  it('a second process on the same data dir, its caches full, sees a revocation, a suspension and a key rotation made by the other', async () => {
    const elsewhere = await startLedger({
      CREDENCE_DATA_DIR: ledger.dataDir,
      CREDENCE_PUBLIC_URL: ledger.baseUrl,
    });
    try {
      const [revoked, suspended, rotated] = [
        await verifiedOnce(),
        await verifiedOnce(),
        await verifiedOnce(),
      ];
      for (const { id } of [revoked, suspended, rotated])
        expect((await byIdOn(elsewhere, id)).verified).toBe(true);
      const signedWith = async (app: TestLedger, id: string) =>
        check(await byIdOn(app, id), 'proof')?.evidence.verificationMethod;
      const before = await signedWith(elsewhere, rotated.id);

      await asIssuer('POST', `/v1/credentials/${revoked.id}/revocation`, { reason: 'issued-in-error' });
      await eventually(
        'there, the revocation reaches the list',
        async () => !(await byIdOn(elsewhere, revoked.id)).verified,
        5000,
      );
      expect(failedChecks(await byIdOn(elsewhere, revoked.id))).toEqual(['status.revocation']);

      const suspension = { token: world.issuerToken, body: { reason: 'under-investigation' } };
      await elsewhere.request('POST', `/v1/credentials/${suspended.id}/suspension`, suspension);
      await eventually(
        'here, the suspension reaches the list',
        async () => !(await byId(suspended.id)).verified,
        5000,
      );
      expect(failedChecks(await byId(suspended.id))).toEqual(['status.suspension']);

      const rotation = await asIssuerWithKey(
        'POST',
        `/v1/issuers/${world.issuerId}/keys`,
        `rotate-elsewhere-${n}`,
      );
      expect(rotation.status).toBe(200);
      // The key history is in the log: the other process's very next verification signs and checks anew.
      const after = await byIdOn(elsewhere, rotated.id);
      expect({ verified: after.verified, failed: failedChecks(after) }).toEqual({
        verified: true,
        failed: [],
      });
      expect(check(after, 'proof')?.evidence.verificationMethod).not.toBe(before);
      expect(await signedWith(ledger, rotated.id)).toBe(check(after, 'proof')?.evidence.verificationMethod);
    } finally {
      await elsewhere.close();
    }
  });

  it("a compromise reported in a second process drops the key from this one's profile, which it had served and verified with", async () => {
    const { json } = await verifiedOnce();
    const method = check(await asJson(json), 'proof')?.evidence.verificationMethod as string;
    const multibase = method.slice(method.indexOf('#') + 1);
    const profileHere = async () =>
      JSON.stringify((await ledger.request('GET', `/issuers/${world.issuerId}`)).body);
    expect(await profileHere()).toContain(multibase);
    const elsewhere = await startLedger({
      CREDENCE_DATA_DIR: ledger.dataDir,
      CREDENCE_PUBLIC_URL: ledger.baseUrl,
    });
    try {
      const keys = (await elsewhere.request('GET', `/v1/issuers/${world.issuerId}`, { token: ADMIN_TOKEN }))
        .body.keys as Array<{ keyId: string; publicKeyMultibase: string; activatedAt: string }>;
      const signing = keys.find((key) => key.publicKeyMultibase === multibase)!;
      const reply = await elsewhere.request(
        'POST',
        `/v1/issuers/${world.issuerId}/keys/${signing.keyId}/compromise`,
        { token: world.issuerToken, body: { compromisedSince: signing.activatedAt } },
      );
      expect(reply.status).toBe(200);
    } finally {
      await elsewhere.close();
    }
    // The key history is in the log: this process's very next answers are of the new issuer state.
    expect(await profileHere()).not.toContain(multibase);
    const presented = await asJson(json);
    expect(presented.verified).toBe(false);
    expect(failedChecks(presented)).toEqual(expect.arrayContaining(['proof', 'issuer-key']));
  });
});
