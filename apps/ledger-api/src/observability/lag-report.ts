import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { EventStore, sequenceDistance } from '@credence/event-store';
import { projectionLag } from '@credence/projections';
import { EmbeddedRelay } from '../infrastructure/embedded-relay';
import { ProjectorService } from '../read-models/projector.service';
import { type LagReport, Metrics } from './metrics';

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
      projections: await projectionLag(this.store, projections, now),
      ...(relay
        ? { relay: { events: sequenceDistance(relay.checkpoint, head), up: relay.state === 'up' } }
        : {}),
    };
  }
}
