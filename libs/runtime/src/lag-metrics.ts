import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';

/** Read at scrape time: each projection's lag, and the feed relay's when this process runs one. */
export type LagReport = Readonly<{
  projections: readonly Readonly<{ name: string; events: number | null; seconds: number | null }>[];
  relay?: Readonly<{ events: number | null; up: boolean }>;
}>;

/**
 * The lag gauges every Credence process exposes for what it runs (ledger-api with its embedded
 * projector and relay, apps/projector, apps/feed-relay), under the same names so one alert rule
 * covers whichever process runs the projector or the relay. They all read one report per scrape.
 */
export const registerLagGauges = (
  registry: Registry,
  source: () => Promise<LagReport | undefined>,
  options: Readonly<{ projections: boolean; relay: boolean }>,
): void => {
  let cached: { at: number; report: Promise<LagReport | undefined> } | undefined;
  const lag = () => {
    if (!cached || performance.now() - cached.at > 250)
      cached = {
        at: performance.now(),
        // A store that cannot be read leaves the lag gauges empty rather than failing the whole scrape.
        report: source().catch(() => undefined),
      };
    return cached.report;
  };
  const projectionGauge = (
    name: string,
    help: string,
    value: (p: LagReport['projections'][number]) => number | null,
  ) =>
    new Gauge({
      name,
      help,
      labelNames: ['projection'] as const,
      registers: [registry],
      async collect() {
        this.reset();
        for (const p of (await lag())?.projections ?? []) {
          const v = value(p);
          if (v !== null) this.set({ projection: p.name }, v);
        }
      },
    });
  const relayGauge = (
    name: string,
    help: string,
    value: (r: NonNullable<LagReport['relay']>) => number | null,
  ) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      async collect() {
        this.reset();
        const relay = (await lag())?.relay;
        const v = relay ? value(relay) : null;
        if (v !== null) this.set(v);
      },
    });
  if (options.projections) {
    projectionGauge(
      'credence_projection_lag_events',
      'Events between a projection checkpoint and the head of the log',
      (p) => p.events,
    );
    projectionGauge(
      'credence_projection_lag_seconds',
      'Age of the oldest event a projection has not applied yet (0 when caught up)',
      (p) => p.seconds,
    );
  }
  if (options.relay) {
    relayGauge(
      'credence_feed_relay_lag_events',
      "Events between the feed relay's checkpoint and the head of the log",
      (r) => r.events,
    );
    relayGauge(
      'credence_feed_relay_up',
      '1 while the feed relay publishes (or is idle and caught up), 0 otherwise',
      (r) => (r.up ? 1 : 0),
    );
  }
};

/** Kafka errors the feed relay met, each retried with backoff. */
export const kafkaErrorsCounter = (registry: Registry): Counter =>
  new Counter({
    name: 'credence_feed_kafka_errors_total',
    help: 'Kafka errors the feed relay met (each is retried with backoff)',
    registers: [registry],
  });

/** A registry of the process's own (tests run several apps in one process) with Node's process metrics. */
export const processRegistry = (): Registry => {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return registry;
};
