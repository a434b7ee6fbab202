import type { Kysely } from 'kysely';
import type { StatusPurpose } from '@credence/domain';
import type { StatusEntryDoc } from '../projections/status-entries';
import type { ReadModelDatabase, SqliteConnection } from '../store/database';
import type { ReadModelTables } from '../store/tables';

type FlaggedDocs = (issuerId: string, flag: 'revoked' | 'suspended') => Promise<Array<{ doc: string }>>;

const flaggedDocsQuery =
  (db: Kysely<ReadModelTables>): FlaggedDocs =>
  (issuerId, flag) =>
    db
      .selectFrom('status_entries')
      .select('doc')
      .where('issuer_id', '=', issuerId)
      .where(flag, '=', 1)
      .execute();

/**
 * The same query on the embedded file as a statement prepared once: every verification reads two
 * lists, and Kysely's SQLite driver compiles and prepares its query afresh each time. It runs on
 * Kysely's connection, in turn with its other users, so it never reads a projector's transaction
 * half done.
 */
const flaggedDocsPrepared =
  (db: Kysely<ReadModelTables>, sqlite: SqliteConnection): FlaggedDocs =>
  (issuerId, flag) =>
    db
      .connection()
      .execute(
        async () =>
          sqlite
            .prepared(`SELECT doc FROM status_entries WHERE issuer_id = ? AND ${flag} = 1`)
            .all(issuerId) as Array<{ doc: string }>,
      );

/**
 * The set bits of one status list, ascending: the revoked (or suspended) credentials of the issuer
 * that hold an index in list `list`. Reads only rows whose bit is set, which stay few.
 */
export const queryStatusListBits = async (
  rm: ReadModelDatabase,
  issuerId: string,
  purpose: StatusPurpose,
  list: number,
): Promise<number[]> => {
  const flaggedDocs = rm.sqlite ? flaggedDocsPrepared(rm.db, rm.sqlite) : flaggedDocsQuery(rm.db);
  const rows = await flaggedDocs(issuerId, purpose === 'revocation' ? 'revoked' : 'suspended');
  const set = rows.flatMap(({ doc }) =>
    (JSON.parse(doc) as StatusEntryDoc).positions
      .filter((p) => p.purpose === purpose && p.list === list)
      .map((p) => p.index),
  );
  return [...new Set(set)].sort((a, b) => a - b);
};

export type StatusListRef = Readonly<{ issuerId: string; purpose: StatusPurpose; list: number }>;

/**
 * The lists worth publishing: list 0 of both purposes for every issuer with entries, and every
 * list with a bit set. Reads the issuers and the rows with a bit set only.
 */
export const queryPublishedStatusLists = async (db: Kysely<ReadModelTables>): Promise<StatusListRef[]> => {
  const issuers = await db.selectFrom('status_entries').select('issuer_id').distinct().execute();
  const flagged = await db
    .selectFrom('status_entries')
    .select('doc')
    .where((eb) => eb.or([eb('revoked', '=', 1), eb('suspended', '=', 1)]))
    .execute();
  const refs = new Map<string, StatusListRef>();
  const add = (ref: StatusListRef) => refs.set(`${ref.issuerId}/${ref.purpose}/${ref.list}`, ref);
  for (const { issuer_id: issuerId } of issuers) {
    add({ issuerId, purpose: 'revocation', list: 0 });
    add({ issuerId, purpose: 'suspension', list: 0 });
  }
  for (const { doc } of flagged) {
    const { issuerId, positions } = JSON.parse(doc) as StatusEntryDoc;
    for (const { purpose, list } of positions) add({ issuerId, purpose, list });
  }
  return [...refs.values()];
};
