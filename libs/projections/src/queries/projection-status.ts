import { comparePositions, type EventStore, type Position, sequenceDistance } from '@credence/event-store';
import { setTimeout as sleep } from 'node:timers/promises';
import { ReadModelError } from '../errors';
import { PROJECTION_NAMES } from '../projections';
import { type Checkpoints, readCheckpoints } from '../store/checkpoints';
import type { ReadModelDatabase } from '../store/database';

export type ProjectionStatus = Readonly<{ name: string; checkpoint: Position | null; lag: number | null }>;

/** Events between a checkpoint and the head: 0 when caught up, null where positions are no sequence. */
export const lagBehind = (checkpoint: Position | null, head: Position | null): number | null =>
  comparePositions(checkpoint, head) >= 0 ? 0 : sequenceDistance(checkpoint, head);

/** Each projection's stored checkpoint and its lag behind the log's head. */
export const projectionStatus = async (rm: ReadModelDatabase, store: EventStore) => {
  const [head, checkpoints] = await Promise.all([
    store.headPosition(),
    readCheckpoints(rm.any, '', PROJECTION_NAMES),
  ]);
  const projections: ProjectionStatus[] = [...checkpoints].map(([name, checkpoint]) => ({
    name,
    checkpoint,
    lag: lagBehind(checkpoint, head),
  }));
  return { head, projections };
};

/** Seconds since the oldest event after `checkpoint` was accepted; 0 when there is none. */
export const ageOfNextEvent = async (
  store: EventStore,
  checkpoint: Position | null,
  nowMs: number,
): Promise<number | null> => {
  const [next] = await store.readAll({ after: checkpoint, maxCount: 1 });
  if (!next) return 0;
  const accepted = Date.parse(next.metadata.now);
  return Number.isNaN(accepted) ? null : Math.max(0, (nowMs - accepted) / 1000);
};

/** Each projection's lag in events and in seconds, as the lag gauges report it. */
export const projectionLag = async (
  store: EventStore,
  projections: readonly ProjectionStatus[],
  nowMs: number,
): Promise<{ name: string; events: number | null; seconds: number | null }[]> =>
  Promise.all(
    projections.map(async (p) => ({
      name: p.name,
      events: p.lag,
      seconds: p.lag === 0 ? 0 : await ageOfNextEvent(store, p.checkpoint, nowMs),
    })),
  );

/**
 * Read-your-writes: waits until every named projection has reached `position` (a Credence-Position a
 * command returned), polling the stored checkpoints so it works with the embedded projector and a
 * separate one alike. Past `timeoutMs` it fails with `projection.behind`.
 */
export const waitForProjections = async (
  rm: ReadModelDatabase,
  names: readonly string[],
  position: Position,
  options: Readonly<{ timeoutMs: number; pollMs?: number }>,
): Promise<Checkpoints> => {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const checkpoints = await readCheckpoints(rm.any, '', names);
    const behind = [...checkpoints].filter(([, checkpoint]) => comparePositions(checkpoint, position) < 0);
    if (behind.length === 0) return checkpoints;
    const left = deadline - Date.now();
    if (left <= 0) {
      throw new ReadModelError(
        'behind',
        'projection.behind',
        `The read model has not reached position ${position} yet; retry later`,
        {
          waitFor: position,
          checkpoints: Object.fromEntries(behind),
        },
      );
    }
    await sleep(Math.min(options.pollMs ?? 20, left));
  }
};
