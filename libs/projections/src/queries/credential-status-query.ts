import type { Kysely } from 'kysely';
import type { CredentialDoc } from '../projections/credentials';
import type { ReadModelTables } from '../store/tables';
import { statusAt } from './credential-status';

/** A credential's status at an instant, with what auditors ask next: the accreditation and ruleset at issuance. */
export const queryCredentialStatusAt = async (
  db: Kysely<ReadModelTables>,
  credentialId: string,
  atMs: number,
) => {
  const row = await db
    .selectFrom('credentials')
    .select('doc')
    .where('id', '=', credentialId)
    .executeTakeFirst();
  if (!row) return null;
  const doc = JSON.parse(row.doc) as CredentialDoc;
  return {
    credentialId,
    issuerId: doc.issuerId,
    at: new Date(atMs).toISOString(),
    ...statusAt(doc, atMs),
    issuedAt: doc.issuedAt,
    validFrom: doc.validFrom,
    validUntil: doc.validUntil,
    accreditationAtIssuance: doc.accreditation,
    rulesetAtIssuance: doc.ruleset,
  };
};
