import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleDestroy,
} from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { EventStore } from '@credence/event-store';
import { projectionStatus, ReadModelDatabase } from '@credence/projections';
import { LedgerConfig } from '../config';
import { ProjectorThread } from './projector-thread';

/**
 * Runs the projector inside ledger-api (CREDENCE_PROJECTOR=embedded, the default) in a worker
 * thread, and reports every projection's checkpoint and lag either way; with `off`,
 * apps/projector does the projecting. The thread keeps the projector's reads of the log, folds and
 * read-model commits off the event loop that serves requests (docs/operations.md).
 */
@Injectable()
export class ProjectorService implements OnApplicationBootstrap, OnModuleDestroy, OnApplicationShutdown {
  private readonly logger = new Logger('Projector');
  private thread?: ProjectorThread;
  private unlisten?: () => void;

  constructor(
    private readonly config: LedgerConfig,
    private readonly rm: ReadModelDatabase,
    private readonly moduleRef: ModuleRef,
  ) {}

  /** The app's one event store, provided by the root module once it has opened. */
  private store(): EventStore {
    return this.moduleRef.get(EventStore, { strict: false });
  }

  onApplicationBootstrap(): void {
    if (this.config.projector !== 'embedded') return;
    const { eventStore, dataDir, esdbConnectionString, databaseUrl } = this.config;
    this.thread = new ProjectorThread({
      settings: {
        eventStore: { kind: eventStore, dataDir, esdbConnectionString },
        readModels: { databaseUrl, dataDir },
      },
      onBatchFailed: (message) => this.logger.warn(`Projection batch failed, retrying: ${message}`),
      onCrash: (error, restartInMs) =>
        this.logger.error(
          `The projector thread stopped (${error instanceof Error ? error.message : String(error)}); ` +
            `starting another in ${restartInMs} ms`,
        ),
    });
    // Its own appends wake the thread at once; other processes' are found by the thread's poll.
    this.unlisten = this.store().onCommit((head) => this.thread?.committed(head));
    // Not awaited: loading the projections in the thread took the API's start-up past its 3 s
    // target (bench scenario 7), and the API answers while projections catch up anyway. /health
    // and /v1/projections show the thread `starting`, then its state; a thread that cannot start
    // is reported and retried, as a crashed one is.
    this.thread.startInBackground();
  }

  /** Before the root module closes the event store (in its shutdown hook). */
  async onModuleDestroy(): Promise<void> {
    this.unlisten?.();
    await this.thread?.stop();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.rm.close();
  }

  async status() {
    const { head, projections } = await projectionStatus(this.rm, this.store());
    const projector = this.thread
      ? { mode: 'embedded' as const, state: this.thread.state, lastError: this.thread.lastError }
      : { mode: 'off' as const, state: 'external' as const, lastError: null };
    return { head, projections, projector };
  }

  /** For /health: the projector's state and the largest lag, never failing the health answer itself. */
  async health() {
    try {
      const { projections, projector } = await this.status();
      const lags = projections.map((p) => p.lag);
      return { ...projector, lag: lags.includes(null) ? null : Math.max(0, ...(lags as number[])) };
    } catch (error) {
      return {
        mode: this.config.projector,
        state: 'unavailable',
        lastError: error instanceof Error ? error.message : String(error),
      };
    }
  }
}
