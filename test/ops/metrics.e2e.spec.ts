import { freePort } from '@credence/feed/testing/relay-process';
import { PROJECTION_NAMES } from '@credence/projections';
import {
  accreditedIssuer,
  assessmentBody,
  expectCreated,
  specificationBody,
  type World,
} from '../support/fixtures';
import { ADMIN_TOKEN, type Reply, startLedger, type TestLedger } from '../support/ledger-app';
import { histogramCounts, type MetricFamily, parseScrape, samples } from '../support/prometheus';

describe('Prometheus metrics', () => {
  let ledger: TestLedger;
  let metricsPort: number;
  let world: World;
  let families: ReadonlyMap<string, MetricFamily>;
  let text: string;
  let scrape: Reply;

  beforeAll(async () => {
    metricsPort = await freePort();
    ledger = await startLedger({ METRICS_PORT: String(metricsPort) });
    // Given a ledger that has served commands, rule checks and a refusal,
    world = await accreditedIssuer(ledger);
    const specificationId = expectCreated(
      await ledger.request('POST', '/v1/specifications', {
        token: world.issuerToken,
        body: specificationBody,
      }),
    );
    expectCreated(
      await ledger.request('POST', '/v1/assessments', {
        token: world.issuerToken,
        body: assessmentBody(specificationId),
      }),
    );
    const { learningOutcomes: _omitted, ...withoutOutcomes } = specificationBody;
    const refused = await ledger.request('POST', '/v1/specifications', {
      token: world.issuerToken,
      body: withoutOutcomes,
    });
    if (refused.status !== 422) throw new Error(`expected a rule refusal, got ${refused.status}`);
    // when an admin scrapes /metrics,
    scrape = await ledger.request('GET', '/metrics', { token: ADMIN_TOKEN });
    text = scrape.body as string;
    families = parseScrape(text);
  });
  afterAll(() => ledger.close());

  it('answers in the Prometheus text format', () => {
    expect(scrape.status).toBe(200);
    expect(scrape.headers.get('content-type')).toContain('text/plain; version=0.0.4');
    expect(families.size).toBeGreaterThan(20);
  });

  it('has request durations by route pattern and status', () => {
    const name = 'credence_http_request_duration_seconds';
    expect(families.get(name)?.type).toBe('HISTOGRAM');
    expect(
      histogramCounts(text, name, { method: 'POST', route: '/v1/issuers/:id/accreditations', status: '201' }),
    ).toEqual([1]);
    expect(
      histogramCounts(text, name, { method: 'POST', route: '/v1/specifications', status: '422' }),
    ).toEqual([1]);
    expect(histogramCounts(text, name, { method: 'POST', route: '/v1/principals', status: '201' })).toEqual([
      3,
    ]);
  });

  it('has append latency, group-commit batch sizes and events by type', () => {
    expect(
      Number(samples(families, 'credence_event_store_append_duration_seconds')[0]?.count),
    ).toBeGreaterThanOrEqual(5);
    const batches = samples(families, 'credence_event_store_group_commit_batch_size')[0];
    expect(Number(batches?.count)).toBeGreaterThanOrEqual(1);
    expect(Number(batches?.sum)).toBeGreaterThanOrEqual(Number(batches?.count));
    const published = samples(families, 'credence_events_appended_total', { type: 'SpecificationPublished' });
    expect(published.map((m) => Number(m.value))).toEqual([1]);
    expect(
      samples(families, 'credence_events_appended_total', { type: 'QualityCheckFailed' }).map((m) =>
        Number(m.value),
      ),
    ).toEqual([1]);
  });

  it('has rule evaluations by rule id and outcome', () => {
    const evaluations = samples(families, 'credence_rule_evaluations_total', {
      ruleset: 'eu-microcredentials@2022-r2',
    });
    expect(evaluations.some((m) => m.labels?.outcome === 'pass' && m.labels.rule)).toBe(true);
    expect(evaluations.some((m) => m.labels?.outcome === 'block')).toBe(true);
  });

  it('has projector lag in events and seconds for every projection, and process metrics', () => {
    for (const name of ['credence_projection_lag_events', 'credence_projection_lag_seconds']) {
      expect(
        samples(families, name)
          .map((m) => m.labels?.projection)
          .sort(),
      ).toEqual([...PROJECTION_NAMES].sort());
    }
    expect(families.has('process_cpu_user_seconds_total')).toBe(true);
    expect(families.has('nodejs_eventloop_lag_seconds')).toBe(true);
    // No relay runs here, so no relay gauges pretend one does.
    expect(samples(families, 'credence_feed_relay_up')).toEqual([]);
  });

  it('answers a metrics principal, refuses other roles and anonymous callers on the API port', async () => {
    const created = await ledger.request('POST', '/v1/principals', {
      token: ADMIN_TOKEN,
      body: { role: 'metrics', name: 'Prometheus' },
    });
    expect(created.status).toBe(201);
    expect((await ledger.request('GET', '/metrics', { token: created.body.token })).status).toBe(200);
    expect((await ledger.request('GET', '/metrics', { token: world.auditorToken })).status).toBe(403);
    expect((await ledger.request('GET', '/metrics')).status).toBe(401);
  });

  it('serves the same metrics without a token on METRICS_PORT, on 127.0.0.1', async () => {
    const response = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
    expect(response.status).toBe(200);
    expect(parseScrape(await response.text()).has('credence_events_appended_total')).toBe(true);
    expect((await fetch(`http://127.0.0.1:${metricsPort}/v1/principals`)).status).toBe(404);
  });
});
