import { join } from 'node:path';
import { SqliteEventStore } from '@credence/event-store/sqlite';
import { ReadModelDatabase, rebuildProjections } from '@credence/projections';
import { dumpTables, expectedTables } from '@credence/projections/testing/dump';
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

const LEARNER = 'lrn-7f3a9c';

describe('Stacks follow their components, over HTTP', () => {
  let ledger: TestLedger;
  let world: World;
  const specs: string[] = [];
  let firstPathway: string;
  const credentials: string[] = [];

  const asIssuer = (method: string, path: string, body?: unknown) =>
    ledger.request(method, path, { token: world.issuerToken, body });
  const statusOf = (stackId: string, query = '') =>
    ledger.request('GET', `/v1/stacked-credentials/${stackId}/status${query}`, { token: world.auditorToken });
  const statusAt = (stackId: string, at: string, asOf?: string) =>
    statusOf(stackId, `?at=${encodeURIComponent(at)}${asOf ? `&asOf=${encodeURIComponent(asOf)}` : ''}`);
  const justBefore = (instant: string) => new Date(Date.parse(instant) - 1).toISOString();
  const statusBecomes = (stackId: string, status: string) =>
    eventually(
      () => statusOf(stackId),
      (r) => r.body.status === status,
    );
  const publish = (workload: object) =>
    asIssuer('POST', '/v1/specifications', {
      ...specificationBody,
      title: `Component ${specs.length + 1}`,
      notionalWorkload: workload,
    });
  /** A published specification and the learner's credential for it. */
  const component = async (workload: object = { ects: 3 }) => {
    const specificationId = expectCreated(await publish(workload));
    const assessmentId = expectCreated(
      await asIssuer('POST', '/v1/assessments', assessmentBody(specificationId)),
    );
    specs.push(specificationId);
    credentials.push(
      expectCreated(
        await asIssuer('POST', '/v1/credentials', credentialBody(specificationId, [assessmentId])),
      ),
    );
  };
  const pathway = async (components: string[], completion: object, minimumEcts: number) =>
    expectCreated(
      await asIssuer('POST', '/v1/pathways', {
        title: 'Data Analytics',
        components,
        completion,
        minimumEcts,
      }),
    );
  const award = (pathwayId: string, componentCredentialIds: string[]) =>
    asIssuer('POST', '/v1/stacked-credentials', { pathwayId, learnerId: LEARNER, componentCredentialIds });

  beforeAll(async () => {
    ledger = await startLedger();
    world = await accreditedIssuer(ledger);
    for (let i = 0; i < 4; i++) await component();
  });
  afterAll(() => ledger.close());

  it('keeps a 2-of stack that loses a spare component, then suspends and reinstates it with a needed one', async () => {
    const pathwayId = await pathway(specs.slice(0, 3), { kind: 'n-of', n: 2 }, 6);
    firstPathway = pathwayId;
    const [c1, c2, c3] = credentials;
    const awarded = await award(pathwayId, [c1, c2, c3]);
    const stackId = expectCreated(awarded);
    expect(awarded.body).toMatchObject({
      totalEcts: 9,
      validUntil: expect.any(String),
      zeroEctsComponentIds: [],
    });

    await asIssuer('POST', `/v1/credentials/${c3}/revocation`, { reason: 'issuer-request' });
    const survived = await eventually(
      () => statusOf(stackId),
      (r) => r.body.formerComponents?.length === 1,
    );
    expect(survived.body).toMatchObject({
      status: 'active',
      componentCredentialIds: [c1, c2],
      totalEcts: 6,
      formerComponents: [{ componentCredentialId: c3, outcome: 'lost', reason: 'issuer-request' }],
    });
    const trail = await ledger.request('GET', `/v1/streams/stack-${stackId}/events`, {
      token: world.auditorToken,
    });
    expect(trail.body.events.map((e: { type: string }) => e.type)).toEqual([
      'StackedCredentialAwarded',
      'StackComponentLost',
    ]);
    // The learner record shows the same: the validity end of what backs it now, and what it lost.
    const record = await ledger.request('GET', `/v1/learners/${LEARNER}/record`, {
      token: world.auditorToken,
    });
    expect(record.body.stacks).toEqual([
      expect.objectContaining({
        stackId,
        validUntil: survived.body.validUntil,
        formerComponents: [expect.objectContaining({ componentCredentialId: c3, outcome: 'lost' })],
      }),
    ]);
    expect(survived.body.validUntil).toEqual(expect.any(String));

    await asIssuer('POST', `/v1/credentials/${c2}/suspension`, { reason: 'under-investigation' });
    const suspended = await statusBecomes(stackId, 'suspended');
    expect(suspended.body).toMatchObject({ status: 'suspended', causedBy: [c2] });
    const live = await asIssuer('GET', `/v1/stacked-credentials/${stackId}`);
    expect(live.body).toMatchObject({ status: 'suspended', suspendedComponentIds: [c2] });

    await asIssuer('POST', `/v1/credentials/${c2}/reinstatement`, {});
    expect((await statusBecomes(stackId, 'active')).body.causedBy).toEqual([]);
    // While it was suspended, it read as suspended; before its award, as not yet valid.
    const history = (
      await ledger.request('GET', `/v1/stacked-credentials/${stackId}/status?at=${suspended.body.since}`, {
        token: world.auditorToken,
      })
    ).body;
    expect(history.status).toBe('suspended');

    // As the ledger knew it: just before the suspension was recorded, the stack read active at any later
    // instant; just before the award was recorded, it was absent.
    const since = suspended.body.since as string;
    const laterAsKnownBefore = await statusAt(stackId, new Date().toISOString(), justBefore(since));
    expect(laterAsKnownBefore.body).toMatchObject({ status: 'active', asOf: justBefore(since) });
    const { awardedAt } = suspended.body as { awardedAt: string };
    expect((await statusAt(stackId, since, justBefore(awardedAt))).body).toMatchObject({
      status: 'absent',
      causedBy: [],
      awardedAt: null,
      componentCredentialIds: [],
    });
    const future = await statusAt(stackId, since, '2999-01-01T00:00:00Z');
    expect(future.status).toBe(400);
    expect(future.body).toMatchObject({ code: 'status.as-of-in-future', details: { field: 'asOf' } });
  });

  it('refuses a second stack on a pathway from a component that backs one already (409)', async () => {
    const [, c2] = credentials;
    // A fresh credential for the spec whose first credential was revoked, so only c2 is reused.
    const assessmentId = expectCreated(await asIssuer('POST', '/v1/assessments', assessmentBody(specs[2])));
    const fresh = expectCreated(
      await asIssuer('POST', '/v1/credentials', credentialBody(specs[2], [assessmentId])),
    );
    const head = await logHead(ledger);
    const refused = await award(firstPathway, [fresh, c2]);
    expect(refused.status).toBe(409);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body).toMatchObject({ code: 'stack.component-reused' });
    expect(JSON.stringify(refused.body)).toContain(c2);
    expect(await logHead(ledger)).toBe(head);
  });

  it('counts an hours-only component as 0 ECTS towards minimumEcts, and says so', async () => {
    await component({ hours: 84 });
    const [c1, , , , hoursOnly] = credentials;
    // c1 backs a stack on another pathway: a credential may back one stack per pathway.
    const pathwayId = await pathway([specs[0], specs[4]], { kind: 'all-of' }, 3);
    const awarded = await award(pathwayId, [c1, hoursOnly]);
    expect(awarded.status).toBe(201);
    expect(awarded.body).toMatchObject({ totalEcts: 3, zeroEctsComponentIds: [hoursOnly] });

    const short = await pathway([specs[0], specs[4]], { kind: 'all-of' }, 6);
    const refused = await award(short, [c1, hoursOnly]);
    // The active ruleset refuses it first (its facts count the hours-only component as 0 ECTS too);
    // without a rule, the domain's 409 stack.ects-below-minimum names it (stack decider spec).
    expect(refused.status).toBe(422);
    expect(refused.body.violations).toEqual([
      expect.objectContaining({ ruleId: 'annex2.pathways.minimum-ects' }),
    ]);
  });

  it('gives the same stack read models when rebuilt from position 0', async () => {
    const head = await logHead(ledger);
    const stacks = (
      await ledger.request('GET', `/v1/learners/${LEARNER}/record?waitFor=${head}`, {
        token: world.auditorToken,
      })
    ).body.stacks as { stackId: string }[];
    expect(stacks.length).toBeGreaterThanOrEqual(2);
    // Now, and at (at, asOf) pairs around each recorded change: as known now and as known before it.
    const recorded = async ({ stackId }: { stackId: string }) => {
      const { awardedAt, formerComponents } = (await statusOf(stackId)).body as {
        awardedAt: string;
        formerComponents: { at: string }[];
      };
      return [awardedAt, ...formerComponents.map((f) => f.at)];
    };
    const instants = [...new Set((await Promise.all(stacks.map(recorded))).flat())];
    const questions = instants.flatMap((t) => [
      `?at=${encodeURIComponent(t)}`,
      `?at=${encodeURIComponent(t)}&asOf=${encodeURIComponent(justBefore(t))}`,
      `?at=2099-01-01T00:00:00Z&asOf=${encodeURIComponent(t)}`,
    ]);
    const answers = async () => {
      const all: Record<string, unknown>[] = [];
      for (const { stackId } of stacks) {
        for (const q of ['', ...questions])
          all.push((await statusOf(stackId, q)).body as Record<string, unknown>);
      }
      return all;
    };
    const live = (await answers()).map(({ at: _at, asOf: _asOf, ...rest }) => rest);
    expect(live.map((a) => a.status)).toEqual(expect.arrayContaining(['absent', 'active']));

    const store = SqliteEventStore.open({ path: join(ledger.dataDir, 'events.sqlite') });
    const rm = await ReadModelDatabase.open({ dataDir: ledger.dataDir });
    try {
      await rebuildProjections(store, rm, { batchSize: 7 });
      expect((await answers()).map(({ at: _at, asOf: _asOf, ...rest }) => rest)).toEqual(live);
      expect(await dumpTables(rm)).toEqual(await expectedTables(store));
    } finally {
      await rm.close();
      await store.close();
    }
  });
});
