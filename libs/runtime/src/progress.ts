export type Progress = Readonly<{
  processed: number;
  /** Events to go through in all; null where unknown (e.g. EventStoreDB positions are not a sequence). */
  total: number | null;
  eventsPerSecond: number;
  etaSeconds: number | null;
}>;

/** Counts events against a total and derives the rate and the time left (rebuilds, rules replay). */
export class ProgressMeter {
  private processed = 0;
  private readonly startedAt: number;

  constructor(
    readonly total: number | null,
    private readonly clock: () => number = () => performance.now(),
  ) {
    this.startedAt = clock();
  }

  add(events: number): Progress {
    return this.reach(this.processed + events);
  }

  /** For callers that count cumulatively. */
  reach(processed: number): Progress {
    this.processed = processed;
    return this.current();
  }

  current(): Progress {
    const seconds = (this.clock() - this.startedAt) / 1000;
    const eventsPerSecond = seconds > 0 ? this.processed / seconds : 0;
    const left = this.total === null ? null : Math.max(0, this.total - this.processed);
    const etaSeconds = left === null || eventsPerSecond === 0 ? null : left / eventsPerSecond;
    return { processed: this.processed, total: this.total, eventsPerSecond, etaSeconds };
  }
}

const duration = (seconds: number | null): string => {
  if (seconds === null || !Number.isFinite(seconds)) return '--:--';
  const s = Math.round(seconds);
  const hms = [Math.floor(s / 3600), Math.floor(s / 60) % 60, s % 60];
  return (hms[0] > 0 ? hms : hms.slice(1)).map((n) => String(n).padStart(2, '0')).join(':');
};

/** What is counted: `events` and `ev/s` for projections, `rows` and `rows/s` for a credential batch. */
export type ProgressUnit = Readonly<{ plural: string; perSecond: string }>;
const EVENTS: ProgressUnit = { plural: 'events', perSecond: 'ev/s' };

/** `[########------]  57%  5,700/10,000 events  1,234 ev/s  ETA 00:03` (no bar without a total). */
export const renderProgress = (p: Progress, width = 30, unit: ProgressUnit = EVENTS): string => {
  const count = p.processed.toLocaleString('en-US');
  const rate = `${Math.round(p.eventsPerSecond).toLocaleString('en-US')} ${unit.perSecond}`;
  if (p.total === null) return `${count} ${unit.plural}  ${rate}`;
  const ratio = p.total === 0 ? 1 : Math.min(1, p.processed / p.total);
  const filled = Math.round(ratio * width);
  const bar = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`;
  const percent = `${Math.floor(ratio * 100)}%`.padStart(4);
  return `${bar} ${percent}  ${count}/${p.total.toLocaleString('en-US')} ${unit.plural}  ${rate}  ETA ${duration(p.etaSeconds)}`;
};

/** Redraws one status line on a terminal, at most every 100 ms; elsewhere (CI logs, pipes) stays quiet. */
export const progressLine = (stream: NodeJS.WriteStream = process.stderr, label = '') => {
  let drawn = -Infinity;
  const draw = (progress: Progress) => stream.write(`\r${label}${renderProgress(progress)}\x1b[K`);
  return {
    update(progress: Progress): void {
      if (!stream.isTTY || performance.now() - drawn < 100) return;
      drawn = performance.now();
      draw(progress);
    },
    end(progress: Progress): void {
      if (!stream.isTTY) return;
      draw(progress);
      stream.write('\n');
    },
  };
};
