import type { Transaction } from 'kysely';
import type { DocumentRow, DocumentTable } from './document-table';
import type { AnyTables } from './tables';

/** Bound parameters per statement stay far below SQLite's and PostgreSQL's limits. */
const CHUNK = 200;

const chunks = <T>(items: readonly T[]): T[][] =>
  Array.from({ length: Math.ceil(items.length / CHUNK) }, (_, i) => items.slice(i * CHUNK, (i + 1) * CHUNK));

/** Multi-row statements, one round trip per 200 ids or rows: what PostgreSQL needs. */
export const kyselyDocumentTable = (trx: Transaction<AnyTables>, table: string): DocumentTable => ({
  load: async (ids) => {
    const docs = new Map<string, unknown>();
    for (const part of chunks(ids)) {
      const rows = await trx.selectFrom(table).select(['id', 'doc']).where('id', 'in', part).execute();
      for (const row of rows) docs.set(String(row.id), JSON.parse(String(row.doc)));
    }
    return docs;
  },
  save: async (rows: readonly DocumentRow[], removed) => {
    for (const part of chunks(removed)) await trx.deleteFrom(table).where('id', 'in', part).execute();
    for (const part of chunks(rows)) {
      const columns = Object.keys(part[0]).filter((column) => column !== 'id');
      await trx
        .insertInto(table)
        .values(part)
        .onConflict((oc) => oc.column('id').doUpdateSet((eb) => Object.fromEntries(columns.map((c) => [c, eb.ref(`excluded.${c}`)]))))
        .execute();
    }
  },
});
