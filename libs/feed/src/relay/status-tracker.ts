import type { EventStore, RecordedEvent } from '@credence/event-store';
import { LruMap } from '@credence/runtime';
import { evolveStatus, isCredentialEvent, type CredentialStatusRecord } from '../credential-status';

/**
 * The status record each credential event leads to. A suspension carries no validity dates, so the
 * record before it is needed: from a small cache, or folded from the credential's stream when the
 * relay (re)starts in the middle of it.
 */
export class CredentialStatusTracker {
  private readonly latest: LruMap<string, CredentialStatusRecord>;

  constructor(
    private readonly store: EventStore,
    maxCached = 50_000,
  ) {
    this.latest = new LruMap(maxCached);
  }

  async next(event: RecordedEvent): Promise<CredentialStatusRecord | null> {
    if (!isCredentialEvent(event)) return null;
    const record = evolveStatus(await this.before(event), event);
    if (record) this.latest.set(event.streamId, record);
    else this.latest.delete(event.streamId);
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
