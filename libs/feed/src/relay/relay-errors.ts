import type { RecordedEvent } from '@credence/event-store';

/** Kafka refused an event for good. The relay stops before it: nothing after it is published. */
export class RelayRejectedError extends Error {
  constructor(
    readonly event: Pick<RecordedEvent, 'eventId' | 'globalPosition' | 'type' | 'streamId'>,
    readonly reason: string,
    override readonly cause?: unknown,
  ) {
    super(
      `Kafka rejected event ${event.eventId} (${event.type} on ${event.streamId}, position ${event.globalPosition}): ` +
        `${reason}. The relay stopped before it; fix the cause and restart.`,
    );
    this.name = 'RelayRejectedError';
  }
}

/** Thrown out of a retry loop when the relay is asked to stop; ends the relay quietly. */
export class RelayStopping extends Error {}
