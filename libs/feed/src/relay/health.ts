import type { Position } from '@credence/event-store';

/**
 * `up`: publishing (or idle and caught up). `retrying`: Kafka unreachable or refusing for now, the
 * relay backs off and tries again. `failed`: a message was rejected for good; the relay stopped
 * before it and needs an operator. `stopped`: shut down on request.
 */
export type RelayState = 'starting' | 'up' | 'retrying' | 'failed' | 'stopped';

export type RelayHealth = Readonly<{
  state: RelayState;
  /** The last position Kafka acknowledged and the checkpoint store holds. */
  checkpoint: Position | null;
  /** Events acknowledged since this relay started (re-sends after a crash included). */
  publishedEvents: number;
  /** How often Kafka became unreachable since start: an outage stays visible after recovery. */
  outages: number;
  /** The latest transient error, kept after recovery for the same reason. */
  lastError?: Readonly<{ message: string; at: string }>;
  /** Set with state `failed`: the event Kafka refused; everything before it was published. */
  failure?: Readonly<{ message: string; eventId: string; globalPosition: Position }>;
  /** When `state` last changed. */
  since: string;
}>;

export const isHealthy = (health: RelayHealth): boolean =>
  health.state === 'up' || health.state === 'starting';

/** Holds the relay's health and tells listeners about every change. */
export class HealthTracker {
  private current: RelayHealth;

  constructor(private readonly listener?: (health: RelayHealth) => void) {
    this.current = { state: 'starting', checkpoint: null, publishedEvents: 0, outages: 0, since: now() };
  }

  get health(): RelayHealth {
    return this.current;
  }

  resumed(checkpoint: Position | null): void {
    this.update({ checkpoint }, this.current.state);
  }

  published(checkpoint: Position, events: number): void {
    this.update({ checkpoint, publishedEvents: this.current.publishedEvents + events }, 'up');
  }

  connected(): void {
    this.update({}, 'up');
  }

  unreachable(message: string): void {
    const outages = this.current.state === 'retrying' ? this.current.outages : this.current.outages + 1;
    this.update({ outages, lastError: { message, at: now() } }, 'retrying');
  }

  failed(failure: NonNullable<RelayHealth['failure']>): void {
    this.update({ failure }, 'failed');
  }

  stopped(): void {
    this.update({}, 'stopped');
  }

  private update(change: Partial<RelayHealth>, state: RelayState): void {
    // Terminal: a late probe or ack must not make a failed or stopped relay look healthy.
    if (this.current.state === 'failed' || (this.current.state === 'stopped' && state !== 'stopped')) return;
    const since = state === this.current.state ? this.current.since : now();
    this.current = { ...this.current, ...change, state, since };
    this.listener?.(this.current);
  }
}

const now = () => new Date().toISOString();
