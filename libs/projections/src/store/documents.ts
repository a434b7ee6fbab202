import type { ProjectedEvent } from '../events';
import type { AnyProjection } from '../projection';
import { evolveDocuments } from '../projector/evolve-documents';
import type { DocumentTable } from './document-table';

/**
 * The storage adapter of one projection: loads the documents a batch touches (each once), folds the
 * batch over them with the projection's pure evolve, and writes back each changed document once, in
 * the caller's transaction.
 */
export const applyToTable = async (table: DocumentTable, projection: AnyProjection, events: readonly ProjectedEvent[]): Promise<void> => {
  const ids = [...new Set(events.flatMap((event) => projection.documentIds(event)))];
  if (ids.length === 0) return;
  const before = await table.load(ids);
  const after = evolveDocuments(projection, before, events);
  const changed = [...after].filter(([id, doc]) => doc !== before.get(id));
  const removed = changed.filter(([, doc]) => doc === null).map(([id]) => id);
  const rows = changed
    .filter(([, doc]) => doc !== null)
    .map(([id, doc]) => ({ id, doc: JSON.stringify(doc), ...projection.columns(doc) }));
  await table.save(rows, removed);
};
