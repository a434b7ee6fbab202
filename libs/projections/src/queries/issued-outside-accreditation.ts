import type { Kysely } from 'kysely';
import type { CredentialDoc } from '../projections/credentials';
import type { AccreditationRecord, IssuerDoc } from '../projections/issuers';
import type { ReadModelTables } from '../store/tables';
import { msOrNull } from '../events';
import { accreditationStatusAt } from './accreditation-status';

export type IssuedOutsideAccreditation = Readonly<{
  credentialId: string;
  issuedAt: string;
  accreditationId: string;
  /** The accreditation at issuance as known now: suspended or withdrawn, from when, recorded when. */
  status: string;
  effectiveAt: string | null;
  recordedAt: string | null;
}>;

/** The earliest instant a suspension or withdrawal of the accreditation took effect before it was recorded. */
const backdatedFromMs = (record: AccreditationRecord): number | null =>
  record.history
    .filter((c) => c.change !== 'granted' && c.change !== 'reinstated' && c.effectiveAt)
    .map((c) => msOrNull(c.effectiveAt))
    .reduce<number | null>((min, ms) => (ms === null || (min !== null && min <= ms) ? min : ms), null);

/**
 * Credentials issued while the accreditation they cite was in force as known then, but not as known
 * now: a suspension or withdrawal recorded later took effect before the issuance. Both answers come
 * from the domain's accreditationStatusFrom, at the issuance, as of its recording and as of now.
 */
export const issuedOutsideAccreditation = async (
  db: Kysely<ReadModelTables>,
  issuer: IssuerDoc,
  nowMs: number,
): Promise<IssuedOutsideAccreditation[]> => {
  const found: IssuedOutsideAccreditation[] = [];
  for (const record of issuer.accreditations) {
    const fromMs = backdatedFromMs(record);
    if (fromMs === null) continue;
    const rows = await db
      .selectFrom('credentials')
      .select('doc')
      .where('issuer_id', '=', issuer.issuerId)
      .where('accreditation_id', '=', record.accreditationId)
      .where('issued_at_ms', '>=', fromMs)
      .orderBy('issued_at_ms')
      .execute();
    for (const row of rows) {
      const doc = JSON.parse(row.doc) as CredentialDoc;
      const issuedMs = msOrNull(doc.history[0]?.recordedAt);
      if (issuedMs === null) continue;
      const then = accreditationStatusAt(record, { atMs: issuedMs, asOfMs: issuedMs });
      const now = accreditationStatusAt(record, { atMs: issuedMs, asOfMs: nowMs });
      if (!then.inForce || now.inForce) continue;
      const { status, effectiveAt, recordedAt } = now;
      found.push({
        credentialId: doc.credentialId,
        issuedAt: doc.issuedAt,
        accreditationId: record.accreditationId,
        status,
        effectiveAt,
        recordedAt,
      });
    }
  }
  return found;
};
