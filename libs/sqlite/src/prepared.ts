import type Database from 'better-sqlite3';

const byConnection = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/**
 * The connection's statement for `sql`, prepared on its first use and kept for the connection's
 * life: for code handed a connection per call (reactions), where preparing a small statement costs
 * more than running it.
 */
export const prepared = <Params extends unknown[] = unknown[], Row = unknown>(
  db: Database.Database,
  sql: string,
): Database.Statement<Params, Row> => {
  let statements = byConnection.get(db);
  if (!statements) byConnection.set(db, (statements = new Map()));
  let statement = statements.get(sql);
  if (!statement) statements.set(sql, (statement = db.prepare(sql)));
  return statement as Database.Statement<Params, Row>;
};
