import type { Kysely } from 'kysely';
import type { StatusPurpose } from '@credence/domain';
import type { StatusEntryDoc } from '../projections/status-entries';
import type { ReadModelTables } from '../store/tables';

/**
 * The set bits of one status list, ascending: the revoked (or suspended) credentials of the issuer
 * that hold an index in list `list`. Reads only rows whose bit is set, which stay few.
 */
export const queryStatusListBits = async (
  db: Kysely<ReadModelTables>,
  issuerId: string,
  purpose: StatusPurpose,
  list: number,
): Promise<number[]> => {
  const flag = purpose === 'revocation' ? 'revoked' : 'suspended';
  const rows = await db
    .selectFrom('status_entries')
    .select('doc')
    .where('issuer_id', '=', issuerId)
    .where(flag, '=', 1)
    .execute();
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
