import type { SqliteConnection } from './database';
import type { DocumentTable } from './document-table';

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

const upsertText = (table: string, columns: readonly string[]) =>
  `insert into ${quote(table)} (${columns.map(quote).join(', ')}) values (${columns.map(() => '?').join(', ')}) ` +
  `on conflict (id) do update set ${columns
    .filter((c) => c !== 'id')
    .map((c) => `${quote(c)} = excluded.${quote(c)}`)
    .join(', ')}`;

/**
 * One prepared statement per row and kind, run synchronously: on SQLite this beats multi-row
 * statements, which must be parsed again for every batch (and every length), by ~25% per row.
 * Only for use inside a Kysely transaction or connection() on the same database, whose one
 * connection this is: Kysely then lets no other query in meanwhile.
 */
export const sqliteDocumentTable = (connection: SqliteConnection, table: string): DocumentTable => ({
  load: async (ids) => {
    const select = connection.prepared(`select doc from ${quote(table)} where id = ?`).pluck();
    const docs = new Map<string, unknown>();
    for (const id of ids) {
      const doc = select.get(id) as string | undefined;
      if (doc !== undefined) docs.set(id, JSON.parse(doc));
    }
    return docs;
  },
  save: async (rows, removed) => {
    const remove = connection.prepared(`delete from ${quote(table)} where id = ?`);
    for (const id of removed) remove.run(id);
    if (rows.length === 0) return;
    const columns = Object.keys(rows[0].columns);
    const upsert = connection.prepared(upsertText(table, ['id', 'doc', ...columns]));
    for (const row of rows) upsert.run(row.id, row.doc, ...columns.map((c) => row.columns[c]));
  },
});
