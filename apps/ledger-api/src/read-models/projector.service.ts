import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleDestroy,
} from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { EventStore } from '@credence/event-store';
import { Projector, PROJECTIONS, projectionStatus, ReadModelDatabase } from '@credence/projections';
import { LedgerConfig } from '../config';

/**
 * Runs the projector inside ledger-api (CREDENCE_PROJECTOR=embedded, the default) and reports every
 * projection's checkpoint and lag either way; with `off`, apps/projector does the projecting.
 */
@Injectable()
export class ProjectorService implements OnApplicationBootstrap, OnModuleDestroy, OnApplicationShutdown {
  private readonly logger = new Logger('Projector');
  private projector?: Projector;

  constructor(
    private readonly config: LedgerConfig,
    private readonly rm: ReadModelDatabase,
    private readonly moduleRef: ModuleRef,
  ) {}

  /** The app's one event store, provided by the root module once it has opened. */
  private store(): EventStore {
    return this.moduleRef.get(EventStore, { strict: false });
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.projector !== 'embedded') return;
    this.projector = new Projector(this.store(), this.rm, PROJECTIONS, {
      onError: (error) =>
        this.logger.warn(
          `Projection batch failed, retrying: ${error instanceof Error ? error.message : String(error)}`,
        ),
    });
    await this.projector.start();
  }

  /** Before the root module closes the event store (in its shutdown hook). */
  async onModuleDestroy(): Promise<void> {
    await this.projector?.stop();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.rm.close();
  }

  async status() {
    const { head, projections } = await projectionStatus(this.rm, this.store());
    const projector = this.projector
      ? { mode: 'embedded' as const, state: this.projector.state, lastError: this.projector.lastError }
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
