import type { Kysely } from 'kysely';
import { rulesetInForceFrom, type StatusQuestion } from '@credence/domain';
import type { CredentialDoc } from '../projections/credentials';
import type { IssuerDoc } from '../projections/issuers';
import { RULESET_ACTIVATIONS_DOC, type RulesetActivationsDoc } from '../projections/ruleset-activations';
import type { ReadModelTables } from '../store/tables';
import { accreditationStatusAt } from './accreditation-status';
import { statusAt } from './credential-status';

/**
 * An instant's text, remembering the last one: each answer writes its `at` and `asOf`, and a client
 * asks about the same `at` again and again while `asOf` (now) stays put within a millisecond.
 */
const lastIso = (): ((ms: number) => string) => {
  let lastMs = Number.NaN;
  let lastText = '';
  return (ms) => {
    if (ms !== lastMs) {
      // Written before it is remembered: an instant out of Date's range throws every time.
      lastText = new Date(ms).toISOString();
      lastMs = ms;
    }
    return lastText;
  };
};
const atIso = lastIso();
const asOfIso = lastIso();

/** The read models a status answer is judged from (its position is the lowest of their checkpoints). */
export const CREDENTIAL_STATUS_SOURCES = ['credentials', 'issuers', 'ruleset_activations'] as const;

/** What an answer needs besides the credential, fetched only once the credential is known at asOf. */
export type StatusContext = Readonly<{
  /** The credential's issuer, when it was issued under an accreditation. */
  issuer: () => IssuerDoc | null | Promise<IssuerDoc | null>;
  activations: () => RulesetActivationsDoc | null | Promise<RulesetActivationsDoc | null>;
}>;

/** The same, read at once (the embedded file's snapshot): the answer is then judged without awaiting. */
export type ReadStatusContext = Readonly<{
  issuer: () => IssuerDoc | null;
  activations: () => RulesetActivationsDoc | null;
}>;

/** The accreditation the credential was issued under, judged at (at, asOf) from the issuer's history. */
const accreditationAt = (doc: CredentialDoc, issuer: IssuerDoc | null, question: StatusQuestion) => {
  const accreditationId = doc.accreditation?.accreditationId;
  const record = issuer?.accreditations.find((a) => a.accreditationId === accreditationId);
  return record ? accreditationStatusAt(record, question) : null;
};

type Status = ReturnType<typeof statusAt>;

/** As known before its issuance was recorded, nothing more about a credential is told. */
const isKnown = (status: Status) => status.status !== 'absent';

/** The issuer is read only for a known credential issued under an accreditation. */
const needsIssuer = (doc: CredentialDoc, status: Status) =>
  isKnown(status) && !!doc.accreditation?.accreditationId;

/** No activation recorded yet: no ruleset in force at any instant. */
const NO_ACTIVATIONS: RulesetActivationsDoc = { activations: [] };

/** The answer from the judged status and what the context gave (null where it was not asked). */
const answerOf = (
  credentialId: string,
  doc: CredentialDoc,
  question: StatusQuestion,
  status: Status,
  issuer: IssuerDoc | null,
  activations: RulesetActivationsDoc | null,
) => {
  const known = isKnown(status);
  return {
    credentialId,
    issuerId: doc.issuerId,
    at: atIso(question.atMs),
    asOf: asOfIso(question.asOfMs),
    ...status,
    issuedAt: known ? doc.issuedAt : null,
    validFrom: known ? doc.validFrom : null,
    validUntil: known ? doc.validUntil : null,
    accreditationAt: known ? accreditationAt(doc, issuer, question) : null,
    accreditationAtIssuance: known ? doc.accreditation : null,
    rulesetAt: known ? rulesetInForceFrom((activations ?? NO_ACTIVATIONS).activations, question) : null,
    rulesetAtIssuance: known ? doc.ruleset : null,
  };
};

/**
 * A credential's status at `atMs` as the ledger knew it at `asOfMs`, with what auditors ask next:
 * whether the accreditation it was issued under was in force at `atMs` (as known at `asOfMs`), the
 * ruleset in force at `atMs` (as known at `asOfMs`), and that accreditation and the ruleset at
 * issuance. As known before its issuance was recorded, a credential is `absent` and nothing more
 * about it is told (nulls). Pure but for `context`, which each store reads its own way.
 */
export const credentialStatusAnswer = async (
  credentialId: string,
  doc: CredentialDoc,
  question: StatusQuestion,
  context: StatusContext,
) => {
  const status = statusAt(doc, question);
  const issuer = needsIssuer(doc, status) ? await context.issuer() : null;
  const activations = isKnown(status) ? await context.activations() : null;
  return answerOf(credentialId, doc, question, status, issuer, activations);
};

/** The same answer from a context read at once: no promise per document (the status route's hot path). */
export const credentialStatusAnswerOfRead = (
  credentialId: string,
  doc: CredentialDoc,
  question: StatusQuestion,
  context: ReadStatusContext,
): CredentialStatusAnswer => {
  const status = statusAt(doc, question);
  const issuer = needsIssuer(doc, status) ? context.issuer() : null;
  const activations = isKnown(status) ? context.activations() : null;
  return answerOf(credentialId, doc, question, status, issuer, activations);
};

export type CredentialStatusAnswer = ReturnType<typeof answerOf>;

const parsed = <T>(row: { doc: string } | undefined): T | null => (row ? (JSON.parse(row.doc) as T) : null);

/** The status answer through Kysely (either dialect): one query per document. */
export const queryCredentialStatusAt = async (
  db: Kysely<ReadModelTables>,
  credentialId: string,
  question: StatusQuestion,
): Promise<CredentialStatusAnswer | null> => {
  const doc = parsed<CredentialDoc>(
    await db.selectFrom('credentials').select('doc').where('id', '=', credentialId).executeTakeFirst(),
  );
  if (!doc) return null;
  return credentialStatusAnswer(credentialId, doc, question, {
    issuer: async () =>
      parsed<IssuerDoc>(
        await db.selectFrom('issuers').select('doc').where('id', '=', doc.issuerId).executeTakeFirst(),
      ),
    activations: async () =>
      parsed<RulesetActivationsDoc>(
        await db
          .selectFrom('ruleset_activations')
          .select('doc')
          .where('id', '=', RULESET_ACTIVATIONS_DOC)
          .executeTakeFirst(),
      ),
  });
};
