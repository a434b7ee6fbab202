import type { EventStore, RecordedEvent } from '@credence/event-store';
import { evolveStatus, isCredentialEvent, type CredentialStatusRecord } from '../credential-status';

/**
 * The status record each credential event leads to. A suspension carries no validity dates, so the
 * record before it is needed: from a small cache, or folded from the credential's stream when the
 * relay (re)starts in the middle of it.
 */
export class CredentialStatusTracker {
  private readonly latest = new Map<string, CredentialStatusRecord>();

  constructor(
    private readonly store: EventStore,
    private readonly maxCached = 50_000,
  ) {}

  async next(event: RecordedEvent): Promise<CredentialStatusRecord | null> {
    if (!isCredentialEvent(event)) return null;
    const record = evolveStatus(await this.before(event), event);
    this.latest.delete(event.streamId);
    if (record) this.latest.set(event.streamId, record);
    if (this.latest.size > this.maxCached) this.latest.delete(this.latest.keys().next().value!);
    return record;
  }

  private async before(event: RecordedEvent): Promise<CredentialStatusRecord | null> {
    if (event.streamVersion === 0) return null;
    const cached = this.latest.get(event.streamId);
    if (cached?.streamVersion === event.streamVersion - 1) return cached;
    const earlier = await this.store.readStream(event.streamId, { maxCount: event.streamVersion });
    return earlier.reduce<CredentialStatusRecord | null>(
      (record, e) => evolveStatus(record, e) ?? record,
      null,
    );
  }
}
