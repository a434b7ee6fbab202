import { withQuery } from '../read-models/support/http';
import {
  accreditedIssuer,
  assessmentBody,
  credentialBody,
  expectCreated,
  logHead,
  specificationBody,
  type World,
} from '../support/fixtures';
import { startLedger, type TestLedger } from '../support/ledger-app';

describe('Specification revisions over HTTP', () => {
  let ledger: TestLedger;
  let world: World;

  const asIssuer = (method: string, path: string, body?: unknown) =>
    ledger.request(method, path, { token: world.issuerToken, body });
  const asAuditor = (path: string, waitFor: string | null) =>
    ledger.request('GET', withQuery(path, { waitFor: waitFor ?? '0' }), { token: world.auditorToken });
  const credentialFor = async (specificationId: string) => {
    const assessmentId = expectCreated(
      await asIssuer('POST', '/v1/assessments', assessmentBody(specificationId)),
    );
    const id = expectCreated(
      await asIssuer('POST', '/v1/credentials', credentialBody(specificationId, [assessmentId])),
    );
    return (await asIssuer('GET', `/v1/credentials/${id}`)).body;
  };
  const revisedBody = { ...specificationBody, title: 'Applied Data Visualisation (2nd edition)' };

  beforeAll(async () => {
    ledger = await startLedger();
    world = await accreditedIssuer(ledger);
  });
  afterAll(() => ledger.close());

  it('answers 201 with version 2; credentials record the version; the register shows both', async () => {
    const id = expectCreated(await asIssuer('POST', '/v1/specifications', specificationBody));
    const before = await credentialFor(id);

    const revised = await asIssuer('POST', `/v1/specifications/${id}/revisions`, revisedBody);
    expect([revised.status, revised.body]).toEqual([201, { id, version: 2 }]);
    // A repeat of the same content is a no-op answering the same version.
    const head = await logHead(ledger);
    const repeat = await asIssuer('POST', `/v1/specifications/${id}/revisions`, revisedBody);
    expect([repeat.status, repeat.body]).toEqual([201, { id, version: 2 }]);
    expect(await logHead(ledger)).toBe(head);

    const after = await credentialFor(id);
    expect([before.specificationVersion, after.specificationVersion]).toEqual([1, 2]);
    // The OB 3.0 export describes the achievement as the credential was issued under it.
    const achievementOf = async (credentialId: string) =>
      (await asIssuer('GET', `/v1/credentials/${credentialId}/ob3`)).body.credentialSubject.achievement.name;
    expect([await achievementOf(before.id), await achievementOf(after.id)]).toEqual([
      specificationBody.title,
      revisedBody.title,
    ]);
    expect((await asIssuer('GET', `/v1/specifications/${id}`)).body).toMatchObject({
      version: 2,
      title: revisedBody.title,
    });

    const position = await logHead(ledger);
    const register = await asAuditor(`/v1/register/specifications?issuerId=${world.issuerId}`, position);
    const entry = register.body.items.find((e: { specificationId: string }) => e.specificationId === id);
    expect(entry).toMatchObject({ title: revisedBody.title, version: 2 });
    expect(entry.versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);

    const comparison = await asAuditor(`/v1/register/comparison?ids=${id}@1,${id}`, position);
    expect(comparison.status).toBe(200);
    expect(
      comparison.body.items.map((e: { title: string; version: number }) => [e.version, e.title]),
    ).toEqual([
      [1, specificationBody.title],
      [2, revisedBody.title],
    ]);
    expect(comparison.body.differences).toEqual(['title', 'version']);
    const unknownVersion = await asAuditor(`/v1/register/comparison?ids=${id}@3`, position);
    expect(unknownVersion.status).toBe(404);
    expect(unknownVersion.body).toMatchObject({ details: { missing: [`${id}@3`] } });
  });

  it('checks a revision with the ruleset like a publication, and refuses one of a retired specification', async () => {
    const id = expectCreated(await asIssuer('POST', '/v1/specifications', specificationBody));
    const head = await logHead(ledger);
    const blocked = await asIssuer('POST', `/v1/specifications/${id}/revisions`, {
      ...specificationBody,
      learningOutcomes: [],
    });
    expect(blocked.status).toBe(422);
    expect(await logHead(ledger)).not.toBe(head); // the refusal is recorded, the revision is not
    expect((await asIssuer('GET', `/v1/specifications/${id}`)).body.version).toBe(1);

    await asIssuer('POST', `/v1/specifications/${id}/retirement`, {});
    const retired = await asIssuer('POST', `/v1/specifications/${id}/revisions`, revisedBody);
    expect(retired.status).toBe(409);
    expect(retired.body).toMatchObject({ code: 'specification.retired' });
  });
});
