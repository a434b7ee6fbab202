import type { Kysely } from 'kysely';
import type { DocumentTable } from './document-table';
import type { AnyTables } from './tables';

/** Bound parameters per statement stay far below SQLite's and PostgreSQL's limits. */
const CHUNK = 200;

const chunks = <T>(items: readonly T[]): T[][] =>
  Array.from({ length: Math.ceil(items.length / CHUNK) }, (_, i) => items.slice(i * CHUNK, (i + 1) * CHUNK));

/** Multi-row statements, one round trip per 200 ids or rows: what PostgreSQL needs. */
export const kyselyDocumentTable = (db: Kysely<AnyTables>, table: string): DocumentTable => ({
  load: async (ids) => {
    const docs = new Map<string, unknown>();
    for (const part of chunks(ids)) {
      const rows = await db.selectFrom(table).select(['id', 'doc']).where('id', 'in', part).execute();
      for (const row of rows) docs.set(String(row.id), JSON.parse(String(row.doc)));
    }
    return docs;
  },
  save: async (rows, removed) => {
    for (const part of chunks(removed)) await db.deleteFrom(table).where('id', 'in', part).execute();
    for (const part of chunks(rows)) {
      const values = part.map(({ id, doc, columns }) => ({ id, doc, ...columns }));
      const columns = Object.keys(values[0]).filter((column) => column !== 'id');
      await db
        .insertInto(table)
        .values(values)
        .onConflict((oc) =>
          oc
            .column('id')
            .doUpdateSet((eb) => Object.fromEntries(columns.map((c) => [c, eb.ref(`excluded.${c}`)]))),
        )
        .execute();
    }
  },
});
