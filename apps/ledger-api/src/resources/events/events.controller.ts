import { Controller, Get, NotFoundException, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { EventStore, type RecordedEvent, verifyChain } from '@credence/event-store';
import { Roles } from '../../auth/roles';
import { IdParam } from '../../http/id.pipe';
import { LogRuntime } from '../../transparency/log-runtime';
import { EventsQueryDto, StreamEventsQueryDto } from './events.dto';

/** The audit trail: envelopes exactly as stored, with their hashes and ruleset metadata. */
@ApiTags('events')
@ApiBearerAuth()
@Controller()
export class EventsController {
  constructor(
    private readonly store: EventStore,
    private readonly runtime: LogRuntime,
  ) {}

  /** Every event as the API shows it carries its place in the transparency log's tree. */
  private withLeafIndex(events: readonly RecordedEvent[]) {
    const indexes = this.runtime.log.leafIndexes(events.map((e) => e.globalPosition));
    return events.map((event, i) => ({ ...event, leafIndex: indexes[i] }));
  }

  @Get('events')
  @Roles('auditor', 'regulator')
  async all(@Query() query: EventsQueryDto) {
    const limit = query.limit ?? 100;
    const events = await this.store.readAll({ after: query.after ?? null, maxCount: limit });
    const next = events.length > 0 ? events[events.length - 1].globalPosition : (query.after ?? null);
    return { events: this.withLeafIndex(events), next, more: events.length === limit };
  }

  @Get('streams/:streamId/events')
  @Roles('auditor', 'qa-body')
  async stream(@IdParam('streamId') streamId: string, @Query() query: StreamEventsQueryDto) {
    const limit = query.limit ?? 100;
    const events = await this.store.readStream(streamId, {
      fromVersion: query.fromVersion ?? 0,
      maxCount: limit,
    });
    if (events.length === 0 && (query.fromVersion ?? 0) === 0)
      throw new NotFoundException(`Stream ${streamId} does not exist`);
    return { streamId, events: this.withLeafIndex(events), more: events.length === limit };
  }

  /** Re-checks the whole chain from the first event, whatever page a reader looked at. */
  @Get('streams/:streamId/verification')
  @Roles('auditor', 'qa-body')
  async verify(@IdParam('streamId') streamId: string) {
    const events = await this.store.readStream(streamId);
    if (events.length === 0) throw new NotFoundException(`Stream ${streamId} does not exist`);
    return verifyChain(streamId, events);
  }
}
