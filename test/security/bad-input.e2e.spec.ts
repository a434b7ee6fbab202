import { startLedger, type TestLedger } from '../support/ledger-app';
import {
  accreditedIssuer,
  assessmentBody,
  expectCreated,
  logHead,
  specificationBody,
  type World,
} from '../support/fixtures';

/** A JSON text nested `depth` levels deep under `field`, built as text: JSON.stringify would overflow first. */
const nested = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

describe('Bad input is a 400 naming the field, never a 500, and appends nothing', () => {
  let ledger: TestLedger;
  let world: World;
  let specificationId: string;

  beforeAll(async () => {
    ledger = await startLedger();
    world = await accreditedIssuer(ledger);
    specificationId = expectCreated(
      await ledger.request('POST', '/v1/specifications', {
        token: world.issuerToken,
        body: specificationBody,
      }),
    );
  });
  afterAll(() => ledger.close());

  const rawPost = async (path: string, text: string, token = world.issuerToken) => {
    const response = await fetch(ledger.baseUrl + path, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: text,
    });
    return {
      status: response.status,
      type: response.headers.get('content-type') ?? '',
      body: await response.json(),
    };
  };

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const expectFieldRefused = async (reply: { status: number; type?: string; body: any }, field: string) => {
    expect({ status: reply.status, body: reply.body }).toMatchObject({
      status: 400,
      body: { code: 'request.invalid' },
    });
    expect(reply.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  };

  it('refuses 10,000-deep nesting before validation runs', async () => {
    const head = await logHead(ledger);
    const text = `{"title":"x","notionalWorkload":${nested(10_000)}}`;
    const reply = await rawPost('/v1/specifications', text);
    expect(reply.type).toContain('application/problem+json');
    await expectFieldRefused(
      reply,
      'notionalWorkload.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a',
    );
    expect(await logHead(ledger)).toBe(head);
  });

  it('refuses a lone surrogate in any string', async () => {
    const reply = await ledger.request('POST', '/v1/specifications', {
      token: world.issuerToken,
      body: { ...specificationBody, title: 'Data \ud800 Viz' },
    });
    await expectFieldRefused(reply, 'title');
    const deep = await ledger.request('POST', '/v1/specifications', {
      token: world.issuerToken,
      body: { ...specificationBody, learningOutcomes: ['ok', '\udc00'] },
    });
    await expectFieldRefused(deep, 'learningOutcomes.1');
  });

  it('refuses missing nested objects', async () => {
    const pathway = await ledger.request('POST', '/v1/pathways', {
      token: world.issuerToken,
      body: { title: 'P', components: [specificationId], minimumEcts: 3 },
    });
    await expectFieldRefused(pathway, 'completion');
    const { scope: _scope, ...noScope } = {
      qaBody: 'NVAO',
      scope: {},
      validFrom: '2026-01-01T00:00:00Z',
      validUntil: '2030-12-31T23:59:59Z',
    };
    await expectFieldRefused(
      await ledger.request('POST', `/v1/issuers/${world.issuerId}/accreditations`, {
        token: world.qaToken,
        body: noScope,
      }),
      'scope',
    );
    const { learner: _learner, ...noLearner } = assessmentBody(specificationId);
    await expectFieldRefused(
      await ledger.request('POST', '/v1/assessments', { token: world.issuerToken, body: noLearner }),
      'learner',
    );
    await expectFieldRefused(
      await ledger.request('POST', '/v1/rules/evaluate', { token: world.issuerToken, body: {} }),
      'command',
    );
    const nullBody = await rawPost('/v1/rules/evaluate', 'null');
    expect(nullBody.status).toBe(400);
    expect(nullBody.type).toContain('application/problem+json');
    await expectFieldRefused(
      await ledger.request('POST', '/v1/rules/evaluate', {
        token: world.issuerToken,
        body: {
          command: {
            type: 'PublishPathway',
            body: { title: 'P', components: [specificationId], minimumEcts: 1 },
          },
        },
      }),
      'command.body.completion',
    );
  });

  it.each([['2026-W47'], ['2026-11-21T10:00:00'], ['2026-13-45T00:00:00Z'], ['2026-11-21']])(
    'refuses the date %s',
    async (assessedAt) => {
      const head = await logHead(ledger);
      await expectFieldRefused(
        await ledger.request('POST', '/v1/assessments', {
          token: world.issuerToken,
          body: assessmentBody(specificationId, 'lrn-1', assessedAt),
        }),
        'assessedAt',
      );
      expect(await logHead(ledger)).toBe(head);
    },
  );

  it.each([
    ['notionalWorkload.ects', { notionalWorkload: { ects: -1e308 } }],
    ['notionalWorkload.hours', { notionalWorkload: { hours: 1e308 } }],
    ['eqfLevel', { eqfLevel: 2 ** 53 }],
    ['eqfLevel', { eqfLevel: -(2 ** 53) }],
  ])('refuses the odd number in %s', async (field, patch) => {
    await expectFieldRefused(
      await ledger.request('POST', '/v1/specifications', {
        token: world.issuerToken,
        body: { ...specificationBody, ...patch },
      }),
      field,
    );
  });

  it('refuses odd numbers in assessments and pathways', async () => {
    const assessment = assessmentBody(specificationId);
    await expectFieldRefused(
      await ledger.request('POST', '/v1/assessments', {
        token: world.issuerToken,
        body: { ...assessment, result: { outcome: 'pass', score: -1e308 } },
      }),
      'result.score',
    );
    await expectFieldRefused(
      await ledger.request('POST', '/v1/pathways', {
        token: world.issuerToken,
        body: {
          title: 'P',
          components: [specificationId],
          completion: { kind: 'n-of', n: 2 ** 53 },
          minimumEcts: 2 ** 53,
        },
      }),
      'minimumEcts',
    );
  });

  it('refuses a pathway of 100,000 components at once, while /health keeps answering', async () => {
    const head = await logHead(ledger);
    const components = Array.from({ length: 100_000 }, (_, i) => `s${i}`);
    const started = Date.now();
    const [reply, health] = await Promise.all([
      ledger.request('POST', '/v1/pathways', {
        token: world.issuerToken,
        body: { title: 'P', components, completion: { kind: 'all-of' }, minimumEcts: 1 },
      }),
      ledger.request('GET', '/health'),
    ]);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(health.status).toBe(200);
    await expectFieldRefused(reply, 'components');
    expect(await logHead(ledger)).toBe(head);
    const outcomes = Array.from({ length: 101 }, (_, i) => `outcome ${i}`);
    await expectFieldRefused(
      await ledger.request('POST', '/v1/specifications', {
        token: world.issuerToken,
        body: { ...specificationBody, learningOutcomes: outcomes },
      }),
      'learningOutcomes',
    );
  });

  it('refuses at once a waitFor past the head of the log, instead of waiting waitMs for it', async () => {
    const started = Date.now();
    const reply = await ledger.request('GET', '/v1/register/specifications?waitFor=9007199254740993', {
      token: world.auditorToken,
    });
    expect(reply.status).toBe(400);
    expect(reply.body.code).toBe('position.ahead');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it.each(['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__'])(
    'refuses the reserved key %s like any unknown key',
    async (key) => {
      const text = JSON.stringify(specificationBody).replace(/^\{/, `{"${key}":{"x":1},`);
      const reply = await rawPost('/v1/specifications', text);
      await expectFieldRefused(reply, key);
      const nestedKey = JSON.stringify({ ...specificationBody }).replace(
        '"notionalWorkload":{',
        `"notionalWorkload":{"${key}":1,`,
      );
      await expectFieldRefused(await rawPost('/v1/specifications', nestedKey), `notionalWorkload.${key}`);
    },
  );
});
