import { type CredenceEvent, EVENT_UPCASTERS } from '@credence/domain';
import { type RecordedEvent, toDomainEvent } from '@credence/event-store';

/** A stored envelope read as the domain's current event: older schema versions upcast. */
export const credenceEvent = (recorded: RecordedEvent) =>
  toDomainEvent<CredenceEvent>(recorded, EVENT_UPCASTERS);
