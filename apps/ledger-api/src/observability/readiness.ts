import { Injectable } from '@nestjs/common';
import { EventStore } from '@credence/event-store';
import { LedgerConfig } from '../config';
import { EmbeddedRelay } from '../infrastructure/embedded-relay';
import { ProjectorService } from '../read-models/projector.service';

type Component = Readonly<{ status: 'up' | 'down' } & Record<string, unknown>>;

/** In the shape of @nestjs/terminus: `info` holds the components up, `error` those down, `details` all. */
export type Readiness = Readonly<{
  status: 'ok' | 'error';
  info: Record<string, Component>;
  error: Record<string, Component>;
  details: Record<string, Component>;
}>;

const failure = (error: unknown): Component => ({
  status: 'down',
  message: error instanceof Error ? error.message : String(error),
});

/**
 * The event store's part: it answers, and it can still append. A store that knows it never will
 * again (its writer thread stopped) is down for liveness too: only a restart brings it back.
 */
export const eventStoreComponent = async (store: EventStore): Promise<Component> => {
  const unavailable = store.unavailable();
  if (unavailable) return { ...failure(unavailable), appends: 'failing until restarted' };
  try {
    return { status: 'up', head: await store.headPosition() };
  } catch (error) {
    return failure(error);
  }
};

/** Liveness: ok unless the event store can no longer append, which only a restart mends. */
export const liveness = (store: EventStore): { status: 'ok' } | { status: 'error'; eventStore: string } => {
  const unavailable = store.unavailable();
  return unavailable ? { status: 'error', eventStore: unavailable.message } : { status: 'ok' };
};

/**
 * Ready = worth sending traffic to: the event store answers and can append, every projection is
 * within CREDENCE_READY_MAX_LAG events of the head (whoever projects), and the feed relay is
 * connected when this process runs one.
 */
@Injectable()
export class ReadinessCheck {
  constructor(
    private readonly config: LedgerConfig,
    private readonly store: EventStore,
    private readonly projector: ProjectorService,
    private readonly relay: EmbeddedRelay,
  ) {}

  async check(): Promise<Readiness> {
    const details: Record<string, Component> = {
      eventStore: await eventStoreComponent(this.store),
      projections: await this.projections(),
      ...(this.config.feed ? { feed: this.feed() } : {}),
    };
    const entries = Object.entries(details);
    const down = entries.filter(([, c]) => c.status === 'down');
    return {
      status: down.length === 0 ? 'ok' : 'error',
      info: Object.fromEntries(entries.filter(([, c]) => c.status === 'up')),
      error: Object.fromEntries(down),
      details,
    };
  }

  private async projections(): Promise<Component> {
    try {
      const { projections, projector } = await this.projector.status();
      const maxLag = this.config.readyMaxLag;
      // A lag of null (positions that are no sequence) cannot be measured, so it does not count against.
      const behind = projections
        .filter((p) => p.lag !== null && p.lag > maxLag)
        .map((p) => ({ name: p.name, lag: p.lag }));
      const ok = behind.length === 0 && projector.state !== 'failed';
      return {
        status: ok ? 'up' : 'down',
        maxLag,
        projector: projector.state,
        ...(behind.length > 0 ? { behind } : {}),
      };
    } catch (error) {
      return failure(error);
    }
  }

  private feed(): Component {
    const health = this.relay.health();
    if (!health) return { status: 'down', state: 'not-started' };
    return { status: health.state === 'up' ? 'up' : 'down', state: health.state };
  }
}
