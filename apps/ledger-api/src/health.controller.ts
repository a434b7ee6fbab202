import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { EventStore } from '@credence/event-store';
import { isHealthy } from '@credence/feed';
import { Public } from './auth/roles';
import { ProjectorService } from './read-models/projector.service';
import { EmbeddedRelay } from './infrastructure/embedded-relay';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly store: EventStore,
    private readonly relay: EmbeddedRelay,
    private readonly projector: ProjectorService,
  ) {}

  @Get()
  @Public()
  async health() {
    const head = await this.store.headPosition();
    const feed = this.relay.health();
    // The API keeps serving while Kafka is down; the feed's outage shows here, not as a 5xx.
    const status = feed && !isHealthy(feed) ? 'degraded' : 'ok';
    return { status, eventStore: { head }, projections: await this.projector.health(), ...(feed ? { feed } : {}) };
  }
}
