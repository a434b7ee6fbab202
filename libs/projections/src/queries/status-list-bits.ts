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
