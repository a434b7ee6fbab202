import { comparePositions, type RecordedEvent } from '@credence/event-store';
import type { CheckpointStore } from '../checkpoint/checkpoint-store';
import { ledgerMessage, statusMessage, type FeedMessage } from '../messages';
import type { FeedTopics } from '../topics';
import { backoffDelay, pause, type Backoff } from '@credence/runtime';
import type { HealthTracker } from './health';
import { permanentRejection, rootMessage } from './kafka-errors';
import type { FeedPublisher, TopicBatch } from './publisher';
import { RelayRejectedError, RelayStopping } from './relay-errors';
import type { CredentialStatusTracker } from './status-tracker';

export type FeedLogger = Pick<Console, 'info' | 'warn' | 'error'>;

export type PipelineParts = Readonly<{
  publisher: FeedPublisher;
  statuses: CredentialStatusTracker;
  checkpoints: CheckpointStore;
  checkpointName: string;
  topics: FeedTopics;
  health: HealthTracker;
  logger: FeedLogger;
  backoff: Backoff;
  stopping: AbortSignal;
}>;

/**
 * One batch from the log to Kafka and the checkpoint: send both topics' messages, retry transient
 * failures with backoff, and only then advance the checkpoint. A permanent refusal is narrowed
 * down to the one event Kafka will not take.
 */
export class BatchPipeline {
  constructor(private readonly p: PipelineParts) {}

  kafkaDown(message: string): void {
    if (this.p.health.health.state !== 'retrying')
      this.p.logger.warn(`feed relay: Kafka unavailable (${message}); retrying`);
    this.p.health.unreachable(message);
  }

  kafkaUp(): void {
    if (this.p.health.health.state === 'retrying') this.p.logger.info('feed relay: Kafka reachable again');
    this.p.health.connected();
  }

  /** Runs `attempt` until it succeeds, backing off on transient errors; permanent ones are thrown. */
  async untilDone(attempt: () => Promise<void>): Promise<void> {
    for (let failures = 0; ; failures++) {
      if (this.p.stopping.aborted) throw new RelayStopping();
      try {
        await attempt();
        return;
      } catch (error) {
        if (permanentRejection(error) || this.p.stopping.aborted) throw error;
        this.kafkaDown(rootMessage(error));
        await this.p.publisher.reset();
        await pause(backoffDelay(failures, this.p.backoff), this.p.stopping);
      }
    }
  }

  async publish(delivered: readonly RecordedEvent[]): Promise<void> {
    const events = this.unpublished(delivered);
    if (events.length === 0) return;
    const batches = await this.batchesFor(events);
    try {
      await this.untilDone(() => this.p.publisher.send(batches));
    } catch (error) {
      if (!permanentRejection(error)) throw error;
      return this.isolateRejected(events, error);
    }
    await this.acknowledged(events);
  }

  /** The port promises events strictly after `after`; a store that re-delivers must not duplicate the feed. */
  private unpublished(delivered: readonly RecordedEvent[]): readonly RecordedEvent[] {
    const acked = this.p.health.health.checkpoint;
    const fresh = delivered.filter((e) => comparePositions(e.globalPosition, acked) > 0);
    if (fresh.length < delivered.length) {
      this.p.logger.warn(
        `feed relay: the event store re-delivered ${delivered.length - fresh.length} event(s) at or before ${acked}; skipped`,
      );
    }
    return fresh;
  }

  private async batchesFor(events: readonly RecordedEvent[]): Promise<TopicBatch[]> {
    const status: FeedMessage[] = [];
    for (const event of events) {
      const record = await this.p.statuses.next(event);
      if (record) status.push(statusMessage(record));
    }
    return [
      { topic: this.p.topics.ledger, messages: events.map(ledgerMessage) },
      { topic: this.p.topics.credentialStatus, messages: status },
    ];
  }

  private async acknowledged(events: readonly RecordedEvent[]): Promise<void> {
    const last = events[events.length - 1].globalPosition;
    await this.p.checkpoints.save(this.p.checkpointName, last);
    this.kafkaUp();
    this.p.health.published(last, events.length);
  }

  /** After a permanent refusal of a batch: publish event by event up to the one Kafka refuses. */
  private async isolateRejected(events: readonly RecordedEvent[], cause: unknown): Promise<never> {
    for (const event of events) {
      const batches = await this.batchesFor([event]);
      try {
        await this.untilDone(() => this.p.publisher.send(batches));
      } catch (error) {
        const reason = permanentRejection(error);
        if (reason) throw new RelayRejectedError(event, reason, error);
        throw error;
      }
      await this.acknowledged([event]);
    }
    throw new RelayRejectedError(events[0], permanentRejection(cause) ?? rootMessage(cause), cause);
  }
}
