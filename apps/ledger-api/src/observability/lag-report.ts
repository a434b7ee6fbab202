import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { EventStore, type Position, sequenceDistance } from '@credence/event-store';
import { EmbeddedRelay } from '../infrastructure/embedded-relay';
import { ProjectorService } from '../read-models/projector.service';
import { type LagReport, Metrics } from './metrics';

/** Seconds since the oldest event after `checkpoint` was accepted; 0 when there is none. */
const ageOfNextEvent = async (
  store: EventStore,
  checkpoint: Position | null,
  nowMs: number,
): Promise<number | null> => {
  const [next] = await store.readAll({ after: checkpoint, maxCount: 1 });
  if (!next) return 0;
  const accepted = Date.parse(next.metadata.now);
  return Number.isNaN(accepted) ? null : Math.max(0, (nowMs - accepted) / 1000);
};

/** Feeds the lag gauges from the projector's checkpoints and the relay's, at scrape time. */
@Injectable()
export class LagReporter implements OnApplicationBootstrap {
  constructor(
    private readonly metrics: Metrics,
    private readonly projector: ProjectorService,
    private readonly relay: EmbeddedRelay,
    private readonly store: EventStore,
  ) {}

  onApplicationBootstrap(): void {
    this.metrics.readLagFrom(() => this.report());
  }

  async report(): Promise<LagReport> {
    const { head, projections } = await this.projector.status();
    const now = Date.now();
    const relay = this.relay.health();
    return {
      projections: await Promise.all(
        projections.map(async (p) => ({
          name: p.name,
          events: p.lag,
          seconds: p.lag === 0 ? 0 : await ageOfNextEvent(this.store, p.checkpoint, now),
        })),
      ),
      ...(relay
        ? { relay: { events: sequenceDistance(relay.checkpoint, head), up: relay.state === 'up' } }
        : {}),
    };
  }
}
