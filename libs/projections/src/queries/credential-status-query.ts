import type { Kysely } from 'kysely';
import type { CredentialDoc } from '../projections/credentials';
import type { ReadModelTables } from '../store/tables';
import { statusAt } from './credential-status';

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * A credential's status at `atMs` as the ledger knew it at `asOfMs`, with what auditors ask next:
 * the accreditation the issuer held and the ruleset the issuance was checked under. As known before
 * its issuance was recorded, a credential is `absent` and nothing more about it is told (nulls).
 */
export const queryCredentialStatusAt = async (
  db: Kysely<ReadModelTables>,
  credentialId: string,
  { atMs, asOfMs }: Readonly<{ atMs: number; asOfMs: number }>,
) => {
  const row = await db
    .selectFrom('credentials')
    .select('doc')
    .where('id', '=', credentialId)
    .executeTakeFirst();
  if (!row) return null;
  const doc = JSON.parse(row.doc) as CredentialDoc;
  const status = statusAt(doc, { atMs, asOfMs });
  const known = status.status !== 'absent';
  return {
    credentialId,
    issuerId: doc.issuerId,
    at: iso(atMs),
    asOf: iso(asOfMs),
    ...status,
    issuedAt: known ? doc.issuedAt : null,
    validFrom: known ? doc.validFrom : null,
    validUntil: known ? doc.validUntil : null,
    accreditationAtIssuance: known ? doc.accreditation : null,
    rulesetAtIssuance: known ? doc.ruleset : null,
  };
};
