import type { Kysely } from 'kysely';
import { parseRulesetGroup } from '../events';
import type { FindingKind } from '../projections/findings';
import type { AccreditationRecord, IssuerDoc } from '../projections/issuers';
import type { ReadModelTables } from '../store/tables';
import { type IssuedOutsideAccreditation, issuedOutsideAccreditation } from './issued-outside-accreditation';

type Db = Kysely<ReadModelTables>;
type Counts = Record<string, number>;

export type RulesetCompliance = {
  ruleset: { id: string; version: string } | null;
  credentials: {
    issued: number;
    active: number;
    suspended: number;
    expired: number;
    notYetValid: number;
    revoked: number;
    revokedByReason: Counts;
  };
  refusedByRule: Counts;
  warningsByRule: Counts;
  /** Over passing assessments that led to a credential: assessedAt → the first credential's issuedAt. */
  medianAssessmentToIssuance: { ms: number; samples: number } | null;
};

export type IssuerCompliance = Readonly<{
  issuerId: string;
  issuer: Readonly<{
    legalName: string | null;
    country: string | null;
    registrationId: string | null;
  }> | null;
  /** The instant active and expired were judged at. */
  asOf: string;
  rulesets: readonly (RulesetCompliance & { key: string })[];
  /** Each accreditation with its granting QA body (id and name) and the credentials issued under it. */
  accreditations: readonly (AccreditationRecord & { credentialsIssued: number })[];
  /** Issued under an accreditation that, as known now, was suspended or withdrawn by then (recorded later). */
  issuedOutsideAccreditation: readonly IssuedOutsideAccreditation[];
}>;

const emptyRuleset = (key: string): RulesetCompliance & { key: string } => ({
  key,
  ruleset: parseRulesetGroup(key),
  credentials: {
    issued: 0,
    active: 0,
    suspended: 0,
    expired: 0,
    notYetValid: 0,
    revoked: 0,
    revokedByReason: {},
  },
  refusedByRule: {},
  warningsByRule: {},
  medianAssessmentToIssuance: null,
});

/** Credentials by stored status; expiry and not-yet-valid are judged at `nowMs`, in the query. */
const credentialCounts = (db: Db, issuerId: string, nowMs: number) =>
  db
    .selectFrom('credentials')
    .select((eb) => [
      'ruleset',
      'status',
      'reason',
      eb.fn.countAll<number | string>().as('n'),
      eb.fn
        .sum<number | string>(eb.case().when('valid_until_ms', '<=', nowMs).then(1).else(0).end())
        .as('expired'),
      eb.fn
        .sum<number | string>(eb.case().when('valid_from_ms', '>', nowMs).then(1).else(0).end())
        .as('not_yet_valid'),
    ])
    .where('issuer_id', '=', issuerId)
    .groupBy(['ruleset', 'status', 'reason'])
    .execute();

const findingCounts = (db: Db, issuerId: string) =>
  db
    .selectFrom('compliance_findings')
    .select(['ruleset', 'kind', 'rule_id', 'count'])
    .where('issuer_id', '=', issuerId)
    .execute();

/** Credentials by the accreditation they were issued under (null: issued under none). */
const issuedPerAccreditation = (db: Db, issuerId: string) =>
  db
    .selectFrom('credentials')
    .select((eb) => ['accreditation_id', eb.fn.countAll<number | string>().as('n')])
    .where('issuer_id', '=', issuerId)
    .groupBy('accreditation_id')
    .execute();

/** The median without loading every sample: count, then read the one or two middle rows. */
const medians = async (db: Db, issuerId: string) => {
  const groups = await db
    .selectFrom('assessment_lead_times')
    .select((eb) => ['ruleset', eb.fn.countAll<number | string>().as('n')])
    .where('issuer_id', '=', issuerId)
    .where('lead_ms', 'is not', null)
    .groupBy('ruleset')
    .execute();
  const result = new Map<string, { ms: number; samples: number }>();
  for (const group of groups) {
    const samples = Number(group.n);
    const middle = await db
      .selectFrom('assessment_lead_times')
      .select('lead_ms')
      .where('issuer_id', '=', issuerId)
      .where('ruleset', '=', group.ruleset ?? '')
      .where('lead_ms', 'is not', null)
      .orderBy('lead_ms')
      .limit(samples % 2 === 1 ? 1 : 2)
      .offset(Math.floor((samples - 1) / 2))
      .execute();
    const values = middle.map((row) => Number(row.lead_ms));
    result.set(group.ruleset ?? '', { ms: values.reduce((a, b) => a + b, 0) / values.length, samples });
  }
  return result;
};

const increment = (counts: Counts, key: string, by: number) => {
  counts[key] = (counts[key] ?? 0) + by;
};

/** Per issuer and ruleset version: what was issued and what became of it, refusals, warnings, lead time. */
export const issuerCompliance = async (
  db: Db,
  issuerId: string,
  nowMs: number,
): Promise<IssuerCompliance | null> => {
  const [issuerRow, credentialRows, findingRows, medianByRuleset, perAccreditation] = await Promise.all([
    db.selectFrom('issuers').select('doc').where('id', '=', issuerId).executeTakeFirst(),
    credentialCounts(db, issuerId, nowMs),
    findingCounts(db, issuerId),
    medians(db, issuerId),
    issuedPerAccreditation(db, issuerId),
  ]);
  const issuedUnder = new Map(perAccreditation.map((row) => [row.accreditation_id, Number(row.n)]));
  if (!issuerRow && credentialRows.length === 0 && findingRows.length === 0) return null;

  const rulesets = new Map<string, RulesetCompliance & { key: string }>();
  const entry = (key: string) => rulesets.get(key) ?? rulesets.set(key, emptyRuleset(key)).get(key)!;
  for (const row of credentialRows) {
    const counts = entry(row.ruleset).credentials;
    const n = Number(row.n);
    counts.issued += n;
    if (row.status === 'suspended') counts.suspended += n;
    else if (row.status === 'revoked') {
      counts.revoked += n;
      increment(counts.revokedByReason, row.reason ?? 'unknown', n);
    } else {
      const expired = Number(row.expired);
      const notYetValid = Number(row.not_yet_valid);
      counts.expired += expired;
      counts.notYetValid += notYetValid;
      counts.active += n - expired - notYetValid;
    }
  }
  for (const row of findingRows) {
    const target = entry(row.ruleset);
    increment(
      (row.kind as FindingKind) === 'refused' ? target.refusedByRule : target.warningsByRule,
      row.rule_id,
      Number(row.count),
    );
  }
  for (const [key, median] of medianByRuleset) entry(key).medianAssessmentToIssuance = median;

  const issuer = issuerRow ? (JSON.parse(issuerRow.doc) as IssuerDoc) : null;
  return {
    issuerId,
    issuer: issuer && {
      legalName: issuer.legalName,
      country: issuer.country,
      registrationId: issuer.registrationId,
    },
    asOf: new Date(nowMs).toISOString(),
    rulesets: [...rulesets.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)),
    accreditations: (issuer?.accreditations ?? []).map((a) => ({
      ...a,
      credentialsIssued: issuedUnder.get(a.accreditationId) ?? 0,
    })),
    issuedOutsideAccreditation: issuer ? await issuedOutsideAccreditation(db, issuer, nowMs) : [],
  };
};
