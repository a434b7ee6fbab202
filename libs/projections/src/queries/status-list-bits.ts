import type { Kysely } from 'kysely';
import { LruMap } from '@credence/runtime';
import { ChangeCounter, type ChangeCounterOptions } from '@credence/sqlite';
import type { StatusPurpose } from '@credence/domain';
import type { StatusEntryDoc } from '../projections/status-entries';
import type { ReadModelDatabase, SqliteConnection } from '../store/database';
import type { ReadModelTables } from '../store/tables';

type FlaggedDocs = (issuerId: string, flag: Flag) => Promise<Array<{ doc: string }>>;

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
  return setBits(await flaggedDocs(issuerId, flagOf(purpose)), purpose, list);
};

type Flag = 'revoked' | 'suspended';
const flagOf = (purpose: StatusPurpose): Flag => (purpose === 'revocation' ? 'revoked' : 'suspended');

const setBits = (rows: ReadonlyArray<{ doc: string }>, purpose: StatusPurpose, list: number): number[] => {
  const set = rows.flatMap(({ doc }) =>
    (JSON.parse(doc) as StatusEntryDoc).positions
      .filter((p) => p.purpose === purpose && p.list === list)
      .map((p) => p.index),
  );
  return [...new Set(set)].sort((a, b) => a - b);
};

export type StatusListBitsReader = (
  issuerId: string,
  purpose: StatusPurpose,
  list: number,
) => Promise<readonly number[]>;

/**
 * `queryStatusListBits` for a reader that asks about the same lists again and again (every
 * verification reads two). On the embedded file, each list's bits are kept (the same frozen
 * array) for as long as the file is unchanged: the read-only connection's change count
 * (PRAGMA data_version) moves on any commit by another connection, the projector's in this
 * process or any other process's, so the next read after a revocation lands reads the file again.
 * On PostgreSQL every call queries.
 *
 * `oncePerTurn` shares one change check between the reads of one event-loop turn (a
 * verification reads both its lists in one): only for a reader whose process never writes the
 * lists in the turn that reads them, as ledger-api, where the projector writes from its own
 * thread (see ChangeCounter).
 */
export const statusListBitsReader = (
  rm: ReadModelDatabase,
  { capacity = 1_000, ...changes }: Readonly<{ capacity?: number }> & ChangeCounterOptions = {},
): StatusListBitsReader => {
  if (!rm.sqlite) return (issuerId, purpose, list) => queryStatusListBits(rm, issuerId, purpose, list);
  const kept = new LruMap<string, Readonly<{ mark: number; bits: readonly number[] }>>(capacity);
  // Opened on first use: the read-only connection needs the file and its tables to exist.
  const open = () => {
    const reader = rm.sqliteReader()!;
    const flagged = (flag: Flag) =>
      reader.prepare<[string], { doc: string }>(
        `SELECT doc FROM status_entries WHERE issuer_id = ? AND ${flag} = 1`,
      );
    return {
      changes: new ChangeCounter(reader, changes),
      flagged: { revoked: flagged('revoked'), suspended: flagged('suspended') },
    };
  };
  let opened: ReturnType<typeof open> | undefined;
  return async (issuerId, purpose, list) => {
    opened ??= open();
    // Taken before the read: a commit after it moves the count, and this entry is not used again.
    const mark = opened.changes.current();
    const key = `${issuerId}\u0000${purpose}\u0000${list}`;
    const known = kept.get(key);
    if (known?.mark === mark) return known.bits;
    const bits = Object.freeze(setBits(opened.flagged[flagOf(purpose)].all(issuerId), purpose, list));
    kept.set(key, { mark, bits });
    return bits;
  };
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
