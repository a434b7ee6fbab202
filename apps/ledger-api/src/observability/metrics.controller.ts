import { Controller, Get, Header, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '../auth/roles';
import { Metrics } from './metrics';

@ApiTags('operations')
@ApiBearerAuth()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: Metrics) {}

  /** For Prometheus with a bearer token; METRICS_PORT serves the same text without one, on a private interface. */
  @Get()
  @Roles('admin', 'metrics')
  @Header('cache-control', 'no-store')
  @ApiOkResponse({
    description: 'Prometheus text exposition format (docs/operations.md lists the metrics)',
    content: { 'text/plain': {} },
  })
  async scrape(@Res() reply: FastifyReply): Promise<void> {
    const text = await this.metrics.scrape();
    await reply.header('content-type', this.metrics.contentType).send(text);
  }
}
