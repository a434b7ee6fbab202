import { Counter, Histogram, type Registry } from 'prom-client';
import { kafkaErrorsCounter, type LagReport, processRegistry, registerLagGauges } from '@credence/runtime';
import type { AppendObserver } from '@credence/event-store';
import type { RuleEvaluationObserver, RuleOutcome } from '@credence/ledger';

const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/**
 * Every Prometheus metric ledger-api exposes, in a registry of its own (several apps in one test
 * process must not share one). It implements the libraries' observer ports, so they stay free of
 * prom-client. docs/operations.md lists these metrics; keep it in step.
 */
export type { LagReport };

type Tally = { labels: Record<string, string>; count: number };

/**
 * A labelled counter counted in a tree of Maps and handed to prom-client when it is scraped.
 * prom-client hashes the label object on every `inc` (sorting and joining its keys): a few µs,
 * several times per command (one per rule evaluated, one per event appended); a scrape comes
 * every few seconds.
 */
class DeferredCounter<Label extends string> {
  private readonly tallies = new Map<string, unknown>();
  private readonly all: Tally[] = [];

  constructor(
    private readonly configuration: Readonly<{ name: string; help: string; labelNames: readonly Label[] }>,
    registry: Registry,
  ) {
    const tallies = this.all;
    new Counter<Label>({
      ...configuration,
      registers: [registry],
      collect() {
        for (const tally of tallies) {
          if (tally.count === 0) continue;
          this.inc(tally.labels as Partial<Record<Label, string>>, tally.count);
          tally.count = 0;
        }
      },
    });
  }

  /** One more for these label values, in the order of `labelNames`. */
  inc(...values: string[]): void {
    let level = this.tallies;
    for (let i = 0; i < values.length - 1; i++) {
      let next = level.get(values[i]) as Map<string, unknown> | undefined;
      if (!next) level.set(values[i], (next = new Map()));
      level = next;
    }
    const last = values[values.length - 1];
    let tally = level.get(last) as Tally | undefined;
    if (!tally) {
      tally = {
        labels: Object.fromEntries(this.configuration.labelNames.map((name, i) => [name, values[i]])),
        count: 0,
      };
      level.set(last, tally);
      this.all.push(tally);
    }
    tally.count += 1;
  }
}

export class Metrics implements AppendObserver, RuleEvaluationObserver {
  readonly registry = processRegistry();
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
  private readonly eventsAppended = new DeferredCounter(
    {
      name: 'credence_events_appended_total',
      help: 'Events appended to the log, by event type (idempotent retries not counted)',
      labelNames: ['type'] as const,
    },
    this.registry,
  );
  private readonly ruleEvaluations = new DeferredCounter(
    {
      name: 'credence_rule_evaluations_total',
      help: 'Quality-rule evaluations by ruleset, rule id and outcome (pass, warn, block)',
      labelNames: ['ruleset', 'rule', 'outcome'] as const,
    },
    this.registry,
  );
  private readonly kafkaErrors = kafkaErrorsCounter(this.registry);

  /** `relay`: whether this process runs the feed relay; without one, no relay gauges pretend otherwise. */
  constructor(options: Readonly<{ relay: boolean }>) {
    registerLagGauges(this.registry, () => this.lagSource?.() ?? Promise.resolve(undefined), {
      projections: true,
      relay: options.relay,
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
    for (const type of newEventTypes) this.eventsAppended.inc(type);
  }

  committed(appends: number): void {
    this.batchSize.observe(appends);
  }

  evaluated(ruleset: string, rule: string, outcome: RuleOutcome): void {
    this.ruleEvaluations.inc(ruleset, rule, outcome);
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
