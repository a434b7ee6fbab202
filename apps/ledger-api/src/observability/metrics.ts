import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { AppendObserver } from '@credence/event-store';
import type { RuleEvaluationObserver, RuleOutcome } from '@credence/ledger';

/** Read at scrape time: each projection's lag, and the relay's when it runs here. */
export type LagReport = Readonly<{
  projections: readonly Readonly<{ name: string; events: number | null; seconds: number | null }>[];
  relay?: Readonly<{ events: number | null; up: boolean }>;
}>;

const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/**
 * Every Prometheus metric ledger-api exposes, in a registry of its own (several apps in one test
 * process must not share one). It implements the libraries' observer ports, so they stay free of
 * prom-client. docs/operations.md lists these metrics; keep it in step.
 */
export class Metrics implements AppendObserver, RuleEvaluationObserver {
  readonly registry = new Registry();
  private lagSource?: () => Promise<LagReport>;

  private readonly requestSeconds = new Histogram({
    name: 'credence_http_request_duration_seconds',
    help: 'HTTP request duration by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  private readonly appendSeconds = new Histogram({
    name: 'credence_event_store_append_duration_seconds',
    help: 'Time from an append call to its commit (group commit wait included)',
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  private readonly batchSize = new Histogram({
    name: 'credence_event_store_group_commit_batch_size',
    help: 'Appends carried by one group-commit transaction',
    buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1000],
    registers: [this.registry],
  });
  private readonly eventsAppended = new Counter({
    name: 'credence_events_appended_total',
    help: 'Events appended to the log, by event type (idempotent retries not counted)',
    labelNames: ['type'] as const,
    registers: [this.registry],
  });
  private readonly ruleEvaluations = new Counter({
    name: 'credence_rule_evaluations_total',
    help: 'Quality-rule evaluations by ruleset, rule id and outcome (pass, warn, block)',
    labelNames: ['ruleset', 'rule', 'outcome'] as const,
    registers: [this.registry],
  });
  private readonly kafkaErrors = new Counter({
    name: 'credence_feed_kafka_errors_total',
    help: 'Kafka errors the embedded feed relay met (each is retried with backoff)',
    registers: [this.registry],
  });

  /** `relay`: whether this process runs the feed relay; without one, no relay gauges pretend otherwise. */
  constructor(options: Readonly<{ relay: boolean }>) {
    collectDefaultMetrics({ register: this.registry });
    // Four gauges read the same report: one read per scrape, not four.
    let cached: { at: number; report: Promise<LagReport | undefined> } | undefined;
    const lag = () => {
      if (!cached || performance.now() - cached.at > 250)
        cached = {
          at: performance.now(),
          // A read model that cannot be read leaves the lag gauges empty rather than failing the whole scrape.
          report: (this.lagSource?.() ?? Promise.resolve(undefined)).catch(() => undefined),
        };
      return cached.report;
    };
    this.projectionGauge(
      'credence_projection_lag_events',
      'Events between a projection checkpoint and the head of the log',
      lag,
      (p) => p.events,
    );
    this.projectionGauge(
      'credence_projection_lag_seconds',
      'Age of the oldest event a projection has not applied yet (0 when caught up)',
      lag,
      (p) => p.seconds,
    );
    if (options.relay) this.relayGauges(lag);
  }

  private projectionGauge(
    name: string,
    help: string,
    lag: () => Promise<LagReport | undefined>,
    value: (p: LagReport['projections'][number]) => number | null,
  ): void {
    new Gauge({
      name,
      help,
      labelNames: ['projection'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const p of (await lag())?.projections ?? []) {
          const v = value(p);
          if (v !== null) this.set({ projection: p.name }, v);
        }
      },
    });
  }

  private relayGauges(lag: () => Promise<LagReport | undefined>): void {
    new Gauge({
      name: 'credence_feed_relay_lag_events',
      help: "Events between the embedded feed relay's checkpoint and the head of the log",
      registers: [this.registry],
      async collect() {
        this.reset();
        const relay = (await lag())?.relay;
        if (relay && relay.events !== null) this.set(relay.events);
      },
    });
    new Gauge({
      name: 'credence_feed_relay_up',
      help: '1 while the embedded feed relay publishes (or is idle and caught up), 0 otherwise',
      registers: [this.registry],
      async collect() {
        this.reset();
        const relay = (await lag())?.relay;
        if (relay) this.set(relay.up ? 1 : 0);
      },
    });
  }

  /** Where the lag gauges read from; set once the projector and relay exist. */
  readLagFrom(source: () => Promise<LagReport>): void {
    this.lagSource = source;
  }

  httpRequest(method: string, route: string, status: number, seconds: number): void {
    this.requestSeconds.observe({ method, route, status: String(status) }, seconds);
  }

  appended(seconds: number, newEventTypes: readonly string[]): void {
    this.appendSeconds.observe(seconds);
    for (const type of newEventTypes) this.eventsAppended.inc({ type });
  }

  committed(appends: number): void {
    this.batchSize.observe(appends);
  }

  evaluated(ruleset: string, rule: string, outcome: RuleOutcome): void {
    this.ruleEvaluations.inc({ ruleset, rule, outcome });
  }

  kafkaError(): void {
    this.kafkaErrors.inc();
  }

  scrape(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
