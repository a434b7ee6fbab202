import type { Transaction } from 'kysely';
import type { ProjectedEvent } from '../events';
import type { AnyProjection } from '../projection';
import { evolveDocuments } from '../projector/evolve-documents';
import type { AnyTables } from './tables';

/** Bound parameters per statement stay far below SQLite's and PostgreSQL's limits. */
const CHUNK = 200;

const chunks = <T>(items: readonly T[]): T[][] =>
  Array.from({ length: Math.ceil(items.length / CHUNK) }, (_, i) => items.slice(i * CHUNK, (i + 1) * CHUNK));

const loadDocuments = async (trx: Transaction<AnyTables>, table: string, ids: readonly string[]) => {
  const docs = new Map<string, unknown>();
  for (const part of chunks(ids)) {
    const rows = await trx.selectFrom(table).select(['id', 'doc']).where('id', 'in', part).execute();
    for (const row of rows) docs.set(String(row.id), JSON.parse(String(row.doc)));
  }
  return docs;
};

/**
 * The storage adapter of one projection: loads the documents a batch touches, folds the batch over
 * them with the projection's pure evolve, and writes back what changed, in the caller's transaction.
 */
export const applyToTable = async (
  trx: Transaction<AnyTables>,
  table: string,
  projection: AnyProjection,
  events: readonly ProjectedEvent[],
): Promise<void> => {
  const ids = [...new Set(events.flatMap((event) => projection.documentIds(event)))];
  if (ids.length === 0) return;
  const before = await loadDocuments(trx, table, ids);
  const after = evolveDocuments(projection, before, events);
  const changed = [...after].filter(([id, doc]) => doc !== before.get(id));
  const removed = changed.filter(([, doc]) => doc === null).map(([id]) => id);
  const rows = changed
    .filter(([, doc]) => doc !== null)
    .map(([id, doc]) => ({ id, doc: JSON.stringify(doc), ...projection.columns(doc) }));
  for (const part of chunks(removed)) await trx.deleteFrom(table).where('id', 'in', part).execute();
  for (const part of chunks(rows)) {
    const columns = Object.keys(part[0]).filter((column) => column !== 'id');
    await trx
      .insertInto(table)
      .values(part)
      .onConflict((oc) => oc.column('id').doUpdateSet((eb) => Object.fromEntries(columns.map((c) => [c, eb.ref(`excluded.${c}`)]))))
      .execute();
  }
};
