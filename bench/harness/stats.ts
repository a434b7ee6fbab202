/** Nearest-rank percentile of unsorted samples; NaN when there are none. */
export const percentile = (samples: readonly number[], p: number): number => {
  if (samples.length === 0) return Number.NaN;
  const sorted = Float64Array.from(samples).sort();
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
};

export const nowMs = (): number => Number(process.hrtime.bigint()) / 1e6;

/** Latencies (ms) and a count of what was done, recorded only after the warm-up ended. */
export class Recorder {
  readonly latencies: number[] = [];
  count = 0;
  private startedAt = 0;
  private endedAt = 0;

  constructor(private readonly warmupEndsAt: number) {}

  record(startedMs: number, endedMs: number, count: number): void {
    if (startedMs < this.warmupEndsAt) return;
    if (this.startedAt === 0) this.startedAt = startedMs;
    this.endedAt = endedMs;
    this.latencies.push(endedMs - startedMs);
    this.count += count;
  }

  /** Counted items per second over the measured window. */
  rate(): number {
    const seconds = (this.endedAt - this.startedAt) / 1000;
    return seconds > 0 ? this.count / seconds : 0;
  }

  summary() {
    return {
      perSecond: this.rate(),
      p50Ms: percentile(this.latencies, 50),
      p99Ms: percentile(this.latencies, 99),
      samples: this.latencies.length,
    };
  }
}

export const round = (value: number, digits = 2): number => {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
};
