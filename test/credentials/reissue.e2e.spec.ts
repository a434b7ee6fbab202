import { resolve } from 'node:path';
import { SqliteEventStore } from '@credence/event-store/sqlite';
import { PastDecisions } from '@credence/ledger';
import { loadRuleset, type PastDecision, replayDecisions } from '@credence/rules';
import {
  accreditedIssuer,
  assessmentBody,
  credentialBody,
  daysAgo,
  expectCreated,
  logHead,
  specificationBody,
  type World,
} from '../support/fixtures';
import { startLedger, type TestLedger } from '../support/ledger-app';

describe('Re-issue over HTTP: a correction that links both ways', () => {
  let ledger: TestLedger;
  let world: World;
  let other: World;
  let specificationId: string;

  const asIssuer = (method: string, path: string, body?: unknown) =>
    ledger.request(method, path, { token: world.issuerToken, body });
  const asAuditor = (path: string) => ledger.request('GET', path, { token: world.auditorToken });
  const issuedCredential = async () => {
    const assessmentId = expectCreated(
      await asIssuer('POST', '/v1/assessments', assessmentBody(specificationId)),
    );
    return {
      assessmentId,
      credentialId: expectCreated(
        await asIssuer('POST', '/v1/credentials', credentialBody(specificationId, [assessmentId])),
      ),
    };
  };
  const correction = { note: 'corrected validity', validUntil: daysAgo(-2 * 365) };

  beforeAll(async () => {
    ledger = await startLedger();
    world = await accreditedIssuer(ledger);
    other = await accreditedIssuer(ledger, undefined, {
      legalName: 'Fontys',
      country: 'NL',
      registrationId: 'KVK-41095900',
    });
    specificationId = expectCreated(await asIssuer('POST', '/v1/specifications', specificationBody));
  });
  afterAll(() => ledger.close());

  it('answers 201 with a new credential that supersedes the old one, which is revoked superseded by it', async () => {
    const { credentialId: oldId } = await issuedCredential();
    const before = (await asIssuer('GET', `/v1/credentials/${oldId}`)).body;

    const reply = await asIssuer('POST', `/v1/credentials/${oldId}/reissue`, correction);
    const newId = expectCreated(reply);
    expect(newId).not.toBe(oldId);
    expect(reply.headers.get('location')).toBe(`/v1/credentials/${newId}`);

    const old = (await asIssuer('GET', `/v1/credentials/${oldId}`)).body;
    expect(old).toMatchObject({ status: 'revoked', reason: 'superseded', supersededBy: newId });
    const corrected = (await asIssuer('GET', `/v1/credentials/${newId}`)).body;
    expect(corrected).toMatchObject({
      status: 'active',
      supersedes: oldId,
      reissueNote: 'corrected validity',
      learner: before.learner,
      specificationId,
      assessmentIds: before.assessmentIds,
      awardedDate: before.awardedDate,
      grade: '8.5',
      specificationVersion: 1,
      validFrom: before.validFrom,
      validUntil: correction.validUntil,
    });
    expect(corrected.issuedAt).not.toBe(before.issuedAt);

    // The learner record and the audit trail show the chain.
    const position = reply.headers.get('credence-position');
    const record = await asAuditor(`/v1/learners/lrn-7f3a9c/record?limit=100&waitFor=${position}`);
    const links = (record.body.items as { credentialId: string }[]).filter((c) =>
      [oldId, newId].includes(c.credentialId),
    );
    expect(links).toEqual([
      expect.objectContaining({
        credentialId: oldId,
        status: 'revoked',
        supersededBy: newId,
        supersedes: null,
      }),
      expect.objectContaining({
        credentialId: newId,
        status: 'active',
        supersedes: oldId,
        supersededBy: null,
      }),
    ]);
    const trail = await asAuditor(`/v1/streams/credential-${oldId}/events`);
    expect(trail.body.events.map((e: { type: string; data: object }) => [e.type, e.data])).toEqual([
      ['CredentialIssued', expect.anything()],
      [
        'CredentialRevoked',
        expect.objectContaining({ reason: 'superseded', supersededBy: newId, note: 'corrected validity' }),
      ],
    ]);
  });

  it('gives the correction its own status list entries, so its revocation reaches the lists', async () => {
    const { credentialId: oldId } = await issuedCredential();
    const newId = expectCreated(await asIssuer('POST', `/v1/credentials/${oldId}/reissue`, correction));
    const exported = (await asIssuer('GET', `/v1/credentials/${newId}/ob3`)).body;
    expect(exported.credentialStatus).toMatchObject([
      { type: 'BitstringStatusListEntry', statusPurpose: 'revocation' },
      { type: 'BitstringStatusListEntry', statusPurpose: 'suspension' },
    ]);
    expect((await asIssuer('GET', `/v1/credentials/${oldId}/ob3`)).body.credentialStatus).not.toEqual(
      exported.credentialStatus,
    );
  });

  it('gives exactly one new credential for 50 concurrent re-issues, and a later repeat changes nothing', async () => {
    const { credentialId: oldId, assessmentId } = await issuedCredential();
    const replies = await Promise.all(
      Array.from({ length: 50 }, () => asIssuer('POST', `/v1/credentials/${oldId}/reissue`, correction)),
    );
    const ids = new Set(replies.map(expectCreated));
    expect(ids.size).toBe(1);
    const [newId] = ids;

    const head = await logHead(ledger);
    expect(expectCreated(await asIssuer('POST', `/v1/credentials/${oldId}/reissue`, correction))).toBe(newId);
    expect(await logHead(ledger)).toBe(head);

    const events = (await asAuditor('/v1/events?limit=1000')).body.events as {
      type: string;
      data: { supersedes?: string; credentialId: string };
    }[];
    const reissues = events.filter((e) => e.type === 'CredentialIssued' && e.data.supersedes === oldId);
    expect(reissues.map((e) => e.data.credentialId)).toEqual([newId]);
    // The assessment now backs the correction, and still nothing else.
    const again = await asIssuer('POST', '/v1/credentials', credentialBody(specificationId, [assessmentId]));
    expect(again.body).toMatchObject({
      code: 'assessment.already-credentialed',
      details: { credentialId: newId },
    });
  });

  it("refuses without appending: another issuer's or an unknown credential (404), a revoked one (409), no note (400)", async () => {
    const { credentialId } = await issuedCredential();
    const head = await logHead(ledger);
    const theirs = await ledger.request('POST', `/v1/credentials/${credentialId}/reissue`, {
      token: other.issuerToken,
      body: correction,
    });
    expect(theirs.status).toBe(404);
    expect((await asIssuer('POST', '/v1/credentials/no-such-credential/reissue', correction)).status).toBe(
      404,
    );
    const noNote = await asIssuer('POST', `/v1/credentials/${credentialId}/reissue`, {
      validUntil: daysAgo(-9),
    });
    expect(noNote.status).toBe(400);
    expect(await logHead(ledger)).toBe(head);

    await asIssuer('POST', `/v1/credentials/${credentialId}/revocation`, { reason: 'fraud' });
    const revoked = await asIssuer('POST', `/v1/credentials/${credentialId}/reissue`, correction);
    expect(revoked.status).toBe(409);
    expect(revoked.body).toMatchObject({ code: 'credential.revoked' });
  });
  it('replays its history, re-issues included, as decided: the same ruleset refuses none of it', async () => {
    const store = SqliteEventStore.open({ path: `${ledger.dataDir}/events.sqlite` });
    try {
      const walker = new PastDecisions();
      const decisions: PastDecision[] = [];
      for (const event of await store.readAll({ after: null, maxCount: 10_000 })) {
        const decision = await walker.next(event);
        if (decision) decisions.push(decision);
      }
      // Each re-issue is rebuilt as the issuance it was, naming what it supersedes.
      const reissues = decisions.filter(
        (d) => d.commandType === 'IssueCredential' && d.facts.credential?.supersedes,
      );
      expect(reissues.length).toBeGreaterThanOrEqual(2);
      const report = replayDecisions(
        decisions,
        loadRuleset(resolve(__dirname, '../../rules/eu-microcredentials/2022-r2.yaml')),
      );
      expect(report.summary).toMatchObject({ refused: 0, invalid: 0 });
    } finally {
      await store.close();
    }
  });
});
