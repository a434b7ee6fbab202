import type { Kysely } from 'kysely';
import { rulesetInForceFrom, type StatusQuestion } from '@credence/domain';
import type { CredentialDoc } from '../projections/credentials';
import type { IssuerDoc } from '../projections/issuers';
import { RULESET_ACTIVATIONS_DOC, type RulesetActivationsDoc } from '../projections/ruleset-activations';
import type { ReadModelTables } from '../store/tables';
import { accreditationStatusAt } from './accreditation-status';
import { statusAt } from './credential-status';

const iso = (ms: number) => new Date(ms).toISOString();

/** The accreditation the credential was issued under, judged at (at, asOf) from the issuer's history. */
const accreditationAt = async (db: Kysely<ReadModelTables>, doc: CredentialDoc, question: StatusQuestion) => {
  const accreditationId = doc.accreditation?.accreditationId;
  if (!accreditationId) return null;
  const row = await db.selectFrom('issuers').select('doc').where('id', '=', doc.issuerId).executeTakeFirst();
  const issuer = row ? (JSON.parse(row.doc) as IssuerDoc) : null;
  const record = issuer?.accreditations.find((a) => a.accreditationId === accreditationId);
  return record ? accreditationStatusAt(record, question) : null;
};

/** The ruleset that decided commands at (at, asOf), judged by the domain from the recorded activations. */
const rulesetAt = async (db: Kysely<ReadModelTables>, question: StatusQuestion) => {
  const row = await db
    .selectFrom('ruleset_activations')
    .select('doc')
    .where('id', '=', RULESET_ACTIVATIONS_DOC)
    .executeTakeFirst();
  const doc = row ? (JSON.parse(row.doc) as RulesetActivationsDoc) : { activations: [] };
  return rulesetInForceFrom(doc.activations, question);
};

/**
 * A credential's status at `atMs` as the ledger knew it at `asOfMs`, with what auditors ask next:
 * whether the accreditation it was issued under was in force at `atMs` (as known at `asOfMs`), the
 * ruleset in force at `atMs` (as known at `asOfMs`), and that accreditation and the ruleset at
 * issuance. As known before its issuance was recorded, a credential is `absent` and nothing more
 * about it is told (nulls).
 */
export const queryCredentialStatusAt = async (
  db: Kysely<ReadModelTables>,
  credentialId: string,
  { atMs, asOfMs }: StatusQuestion,
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
    accreditationAt: known ? await accreditationAt(db, doc, { atMs, asOfMs }) : null,
    accreditationAtIssuance: known ? doc.accreditation : null,
    rulesetAt: known ? await rulesetAt(db, { atMs, asOfMs }) : null,
    rulesetAtIssuance: known ? doc.ruleset : null,
  };
};
