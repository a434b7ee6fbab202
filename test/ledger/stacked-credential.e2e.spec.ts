import { eventually } from '../support/eventually';
import { startLedger, type TestLedger } from '../support/ledger-app';
import {
  accreditedIssuer,
  assessmentBody,
  credentialBody,
  expectCreated,
  logHead,
  specificationBody,
  type World,
} from '../support/fixtures';

describe('A stacked credential over HTTP', () => {
  let ledger: TestLedger;
  let world: World;
  let pathwayId: string;
  const components: string[] = [];

  const asIssuer = (method: string, path: string, body?: unknown) =>
    ledger.request(method, path, { token: world.issuerToken, body });

  beforeAll(async () => {
    ledger = await startLedger();
    world = await accreditedIssuer(ledger);
    const specs: string[] = [];
    for (const title of ['Data Visualisation', 'Statistics for Analysts']) {
      const specificationId = expectCreated(
        await asIssuer('POST', '/v1/specifications', { ...specificationBody, title }),
      );
      const assessmentId = expectCreated(
        await asIssuer('POST', '/v1/assessments', assessmentBody(specificationId)),
      );
      components.push(
        expectCreated(
          await asIssuer('POST', '/v1/credentials', credentialBody(specificationId, [assessmentId])),
        ),
      );
      specs.push(specificationId);
    }
    pathwayId = expectCreated(
      await asIssuer('POST', '/v1/pathways', {
        title: 'Data Analytics Professional',
        components: specs,
        completion: { kind: 'all-of' },
        minimumEcts: 6,
      }),
    );
  });
  afterAll(() => ledger.close());

  it('refuses a stack whose component is suspended, appending nothing to a stack', async () => {
    await asIssuer('POST', `/v1/credentials/${components[1]}/suspension`, { reason: 'under-investigation' });
    const head = await logHead(ledger);
    const refused = await asIssuer('POST', '/v1/stacked-credentials', {
      pathwayId,
      learnerId: 'lrn-7f3a9c',
      componentCredentialIds: components,
    });
    expect([409, 422]).toContain(refused.status);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    // A rule refusal records QualityCheckFailed on the compliance stream; nothing else is appended.
    const after = await ledger.request('GET', `/v1/events?after=${head}`, { token: world.auditorToken });
    expect(after.body.events.every((e: { type: string }) => e.type === 'QualityCheckFailed')).toBe(true);
    await asIssuer('POST', `/v1/credentials/${components[1]}/reinstatement`, {});
  });

  it('refuses a stack for a learner who does not hold the components', async () => {
    const refused = await asIssuer('POST', '/v1/stacked-credentials', {
      pathwayId,
      learnerId: 'lrn-other',
      componentCredentialIds: components,
    });
    expect([409, 422]).toContain(refused.status);
  });

  it('awards the stack, and invalidates it through an event when a component is revoked', async () => {
    const awarded = await asIssuer('POST', '/v1/stacked-credentials', {
      pathwayId,
      learnerId: 'lrn-7f3a9c',
      componentCredentialIds: components,
    });
    const stackId = expectCreated(awarded);
    expect(awarded.headers.get('location')).toBe(`/v1/stacked-credentials/${stackId}`);
    expect((await asIssuer('GET', `/v1/stacked-credentials/${stackId}`)).body).toMatchObject({
      status: 'awarded',
      totalEcts: 6,
    });

    const revoked = await asIssuer('POST', `/v1/credentials/${components[0]}/revocation`, {
      reason: 'fraud',
      note: 'plagiarism',
    });
    expect(revoked.status).toBe(200);
    const stack = await eventually(
      () => asIssuer('GET', `/v1/stacked-credentials/${stackId}`),
      (r) => r.body.status === 'invalidated',
    );
    expect(stack.body.status).toBe('invalidated');

    const trail = await ledger.request('GET', `/v1/streams/stack-${stackId}/events`, {
      token: world.auditorToken,
    });
    const invalidated = trail.body.events[1];
    expect(invalidated).toMatchObject({
      type: 'StackedCredentialInvalidated',
      data: { reason: 'component-revoked', componentCredentialId: components[0] },
    });
    const revocation = (
      await ledger.request('GET', `/v1/streams/credential-${components[0]}/events`, {
        token: world.auditorToken,
      })
    ).body.events.at(-1);
    expect(invalidated.metadata.causationId).toBe(revocation.eventId);

    // Revoking again is a no-op: no second invalidation.
    await asIssuer('POST', `/v1/credentials/${components[0]}/revocation`, { reason: 'fraud' });
    await new Promise((r) => setTimeout(r, 500));
    const again = await ledger.request('GET', `/v1/streams/stack-${stackId}/events`, {
      token: world.auditorToken,
    });
    expect(again.body.events).toHaveLength(2);
  });
});
