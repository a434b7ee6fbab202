import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { EventStore } from '@credence/event-store';
import { Public } from './auth/roles';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly store: EventStore) {}

  @Get()
  @Public()
  async health() {
    const head = await this.store.headPosition();
    return { status: 'ok', eventStore: { head } };
  }
}
