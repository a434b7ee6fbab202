import type { Kysely } from 'kysely';
import type { AccreditationRecord, IssuerDoc } from '../projections/issuers';
import type { ReadModelTables } from '../store/tables';

type Db = Kysely<ReadModelTables>;
type Counts = Record<string, number>;

/** One row of the issuer directory: who, the accreditation in force, and totals over every ruleset. */
export type IssuerDirectoryEntry = {
  issuerId: string;
  legalName: string | null;
  country: string | null;
  /** The accreditation that is active and covers now, else the latest one; null when never accredited. */
  accreditation: Pick<
    AccreditationRecord,
    'accreditationId' | 'qaBody' | 'scope' | 'validFrom' | 'validUntil' | 'status'
  > | null;
  issued: number;
  active: number;
  suspended: number;
  revoked: number;
  refused: number;
  warnings: number;
  refusedByRule: Counts;
  warningsByRule: Counts;
};

export const ISSUER_DIRECTORY_COLUMNS = [
  'issuerId',
  'legalName',
  'country',
  'accreditation',
  'issued',
  'active',
  'suspended',
  'revoked',
  'refused',
  'warnings',
  'refusedByRule',
  'warningsByRule',
] as const satisfies readonly (keyof IssuerDirectoryEntry)[];

const inForce = (
  accreditations: readonly AccreditationRecord[],
  nowMs: number,
): AccreditationRecord | undefined =>
  accreditations.find(
    (a) => a.status === 'active' && Date.parse(a.validFrom) <= nowMs && nowMs < Date.parse(a.validUntil),
  ) ?? accreditations[accreditations.length - 1];

const blank = (issuerId: string): IssuerDirectoryEntry => ({
  issuerId,
  legalName: null,
  country: null,
  accreditation: null,
  issued: 0,
  active: 0,
  suspended: 0,
  revoked: 0,
  refused: 0,
  warnings: 0,
  refusedByRule: {},
  warningsByRule: {},
});

/**
 * Every issuer (or only `issuerId`) with its counts, ordered by legal name then id. Three grouped
 * queries, whatever the number of issuers. "Active" is stored status active and valid at `nowMs`.
 */
export const issuerDirectory = async (
  db: Db,
  options: Readonly<{ issuerId?: string; nowMs: number }>,
): Promise<IssuerDirectoryEntry[]> => {
  const { issuerId, nowMs } = options;
  let issuers = db.selectFrom('issuers').select(['id', 'doc']);
  let credentials = db
    .selectFrom('credentials')
    .select((eb) => [
      'issuer_id',
      'status',
      eb.fn.countAll<number | string>().as('n'),
      eb.fn
        .sum<number | string>(
          eb
            .case()
            .when(eb.or([eb('valid_until_ms', '<=', nowMs), eb('valid_from_ms', '>', nowMs)]))
            .then(1)
            .else(0)
            .end(),
        )
        .as('not_valid_now'),
    ])
    .groupBy(['issuer_id', 'status']);
  let findings = db.selectFrom('compliance_findings').select(['issuer_id', 'kind', 'rule_id', 'count']);
  if (issuerId !== undefined) {
    issuers = issuers.where('id', '=', issuerId);
    credentials = credentials.where('issuer_id', '=', issuerId);
    findings = findings.where('issuer_id', '=', issuerId);
  }
  const [issuerRows, credentialRows, findingRows] = await Promise.all([
    issuers.execute(),
    credentials.execute(),
    findings.execute(),
  ]);

  const entries = new Map<string, IssuerDirectoryEntry>();
  const entry = (id: string) => entries.get(id) ?? entries.set(id, blank(id)).get(id)!;
  for (const row of issuerRows) {
    const doc = JSON.parse(row.doc) as IssuerDoc;
    const accreditation = inForce(doc.accreditations, nowMs);
    Object.assign(entry(row.id), {
      legalName: doc.legalName,
      country: doc.country,
      accreditation: accreditation ? (({ history: _history, ...rest }) => rest)(accreditation) : null,
    });
  }
  for (const row of credentialRows) {
    const target = entry(row.issuer_id);
    const n = Number(row.n);
    target.issued += n;
    if (row.status === 'suspended') target.suspended += n;
    else if (row.status === 'revoked') target.revoked += n;
    else target.active += n - Number(row.not_valid_now);
  }
  for (const row of findingRows) {
    const target = entry(row.issuer_id);
    const byRule = row.kind === 'refused' ? target.refusedByRule : target.warningsByRule;
    byRule[row.rule_id] = (byRule[row.rule_id] ?? 0) + Number(row.count);
    if (row.kind === 'refused') target.refused += Number(row.count);
    else target.warnings += Number(row.count);
  }
  const name = (e: IssuerDirectoryEntry) => e.legalName ?? '\uffff';
  return [...entries.values()].sort(
    (a, b) => name(a).localeCompare(name(b)) || (a.issuerId < b.issuerId ? -1 : 1),
  );
};

const WEEK_MS = 7 * 86_400_000;
/** 1970-01-01 was a Thursday; weeks start on Monday (ISO 8601), three days earlier. */
const MONDAY_OFFSET_MS = -3 * 86_400_000;

/** Credentials issued per ISO week (keyed by the week's Monday, YYYY-MM-DD), oldest first, empty weeks included. */
export const issuancePerWeek = async (
  db: Db,
  issuerId: string,
): Promise<{ week: string; issued: number }[]> => {
  const rows = await db
    .selectFrom('credentials')
    .select('issued_at_ms')
    .where('issuer_id', '=', issuerId)
    .where('issued_at_ms', 'is not', null)
    .execute();
  const counts = new Map<number, number>();
  for (const row of rows) {
    const week = Math.floor((Number(row.issued_at_ms) - MONDAY_OFFSET_MS) / WEEK_MS);
    counts.set(week, (counts.get(week) ?? 0) + 1);
  }
  if (counts.size === 0) return [];
  const weeks = [...counts.keys()];
  const series: { week: string; issued: number }[] = [];
  for (let week = Math.min(...weeks); week <= Math.max(...weeks); week++) {
    series.push({
      week: new Date(week * WEEK_MS + MONDAY_OFFSET_MS).toISOString().slice(0, 10),
      issued: counts.get(week) ?? 0,
    });
  }
  return series;
};
