import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { EventStore } from '@credence/event-store';
import { isHealthy } from '@credence/feed';
import { Public } from './auth/roles';
import { ProjectorService } from './read-models/projector.service';
import { EmbeddedRelay } from './infrastructure/embedded-relay';
import { liveness, ReadinessCheck } from './observability/readiness';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly store: EventStore,
    private readonly relay: EmbeddedRelay,
    private readonly projector: ProjectorService,
    private readonly readiness: ReadinessCheck,
  ) {}

  /**
   * Liveness: the process answers and can still work. Restart it when this fails, never because a
   * dependency is down; the one failure of its own it cannot recover from is an event store that
   * can no longer append (its writer thread stopped).
   */
  @Get('live')
  @Public()
  @ApiOkResponse({ description: 'The process answers: `{"status":"ok"}`' })
  @ApiServiceUnavailableResponse({
    description: 'The event store can no longer append until the process restarts: `status: error` and why',
  })
  live(@Res({ passthrough: true }) reply: FastifyReply) {
    const answer = liveness(this.store);
    if (answer.status !== 'ok') void reply.status(HttpStatus.SERVICE_UNAVAILABLE);
    return answer;
  }

  /** Readiness: 503 while the store is unreachable, a projection lags too far, or the relay is not connected. */
  @Get('ready')
  @Public()
  @ApiOkResponse({ description: 'Ready: `status: ok`, every component in `info` and `details`' })
  @ApiServiceUnavailableResponse({
    description: 'Not ready: `status: error`, the failing components in `error` (see docs/operations.md)',
  })
  async ready(@Res({ passthrough: true }) reply: FastifyReply) {
    const readiness = await this.readiness.check();
    if (readiness.status !== 'ok') void reply.status(HttpStatus.SERVICE_UNAVAILABLE);
    return readiness;
  }

  @Get()
  @Public()
  async health() {
    const head = await this.store.headPosition();
    const feed = this.relay.health();
    // The API keeps serving while Kafka is down; the feed's outage shows here, not as a 5xx.
    const status = feed && !isHealthy(feed) ? 'degraded' : 'ok';
    return {
      status,
      eventStore: { head },
      projections: await this.projector.health(),
      ...(feed ? { feed } : {}),
    };
  }
}
