import type { ProjectedEvent } from '../events';
import type { AnyProjection } from '../projection';

/**
 * Folds events into the documents they touch, in log order. `docs` holds the documents as they were
 * before (absent = none); the result holds every touched id, null where the document was deleted.
 * The projector runs this on documents loaded from a table; projection specs run it in memory.
 */
export const evolveDocuments = (
  projection: AnyProjection,
  docs: ReadonlyMap<string, unknown>,
  events: readonly ProjectedEvent[],
): Map<string, unknown> => {
  const current = new Map(docs);
  const touched = new Map<string, unknown>();
  for (const event of events) {
    for (const id of projection.documentIds(event)) {
      const next = projection.evolve(current.get(id) ?? null, event, id);
      current.set(id, next);
      touched.set(id, next);
    }
  }
  return touched;
};
