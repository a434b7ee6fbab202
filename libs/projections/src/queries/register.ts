import type { Kysely } from 'kysely';
import type { SpecificationDoc } from '../projections/specifications';
import type { IssuerDoc } from '../projections/issuers';
import type { ReadModelTables } from '../store/tables';
import {
  afterCursor,
  decodeCursor,
  type Direction,
  type Page,
  type PageRequest,
  sortKey,
  toPage,
} from './paging';

type Db = Kysely<ReadModelTables>;

export type RegisterFilter = Readonly<{
  eqfLevel?: number;
  minEcts?: number;
  maxEcts?: number;
  minHours?: number;
  maxHours?: number;
  issuerId?: string;
  typeOfAssessment?: string;
  formOfParticipation?: string;
  typeOfQualityAssurance?: string;
  supervisionAndIdentityVerification?: string;
  includeRetired?: boolean;
}>;

const SORTS = {
  title: { column: 'title', kind: 'text' },
  ects: { column: 'ects', kind: 'number' },
  hours: { column: 'hours', kind: 'number' },
  eqfLevel: { column: 'eqf_level', kind: 'number' },
  id: { column: 'id', kind: 'text' },
} as const;

export type RegisterSortKey = keyof typeof SORTS;
export const REGISTER_SORTS = Object.keys(SORTS) as RegisterSortKey[];
export type RegisterSort = Readonly<{ key: RegisterSortKey; direction: Direction }>;

/** `ects` or `-ects` (descending). */
export const parseRegisterSort = (text = 'title'): RegisterSort | null => {
  const direction = text.startsWith('-') ? 'desc' : 'asc';
  const key = text.replace(/^[-+]/, '');
  return key in SORTS ? { key: key as RegisterSortKey, direction } : null;
};

/** A QA body as the register and the compliance report name it: id (null before bindings) and name. */
export type QaBodyRef = Readonly<{ qaBodyId: string | null; name: string }>;

/**
 * A specification as the register shows it: Annex I elements first, in a fixed column order. Beside
 * the type of quality assurance, the QA bodies whose accreditation of the issuer is active now.
 */
export const registerEntry = (
  doc: SpecificationDoc,
  issuerName: string | null,
  qaBodies: readonly QaBodyRef[] = [],
) => ({
  specificationId: doc.specificationId,
  issuerId: doc.issuerId,
  issuerName,
  title: doc.title,
  eqfLevel: doc.eqfLevel ?? null,
  ects: doc.notionalWorkload?.ects ?? null,
  hours: doc.notionalWorkload?.hours ?? null,
  typeOfAssessment: doc.typeOfAssessment ?? null,
  formOfParticipation: doc.formOfParticipation ?? null,
  typeOfQualityAssurance: doc.typeOfQualityAssurance ?? null,
  qaBodies,
  supervisionAndIdentityVerification: doc.supervisionAndIdentityVerification ?? null,
  stackable: doc.stackable ?? null,
  credentialValidity: doc.credentialValidity ?? null,
  fieldOfStudy: doc.fieldOfStudy ?? null,
  countries: doc.countries ?? [],
  awardingBodies: doc.awardingBodies ?? [],
  learningOutcomes: doc.learningOutcomes ?? [],
  prerequisites: doc.prerequisites ?? [],
  publishedAt: doc.publishedAt,
  retired: doc.retired,
  version: doc.version ?? 1,
  versions: (doc.versions ?? [{ version: 1, publishedAt: doc.publishedAt }]).map(
    ({ version, publishedAt }) => ({ version, publishedAt }),
  ),
});

export type RegisterEntry = ReturnType<typeof registerEntry>;
export const REGISTER_COLUMNS = Object.keys(
  registerEntry(
    { specificationId: '', issuerId: '', title: '', publishedAt: '', retired: false, retiredAt: null },
    null,
  ),
) as (keyof RegisterEntry)[];

/** The QA bodies with an active accreditation of the issuer, each once. */
const accreditingQaBodies = (issuer: IssuerDoc): QaBodyRef[] => {
  const active = issuer.accreditations.filter((a) => a.status === 'active');
  const byKey = new Map(
    active.map((a) => [a.qaBodyId ?? a.qaBody, { qaBodyId: a.qaBodyId, name: a.qaBody }]),
  );
  return [...byKey.values()];
};

const issuerDocs = async (db: Db, ids: readonly string[]): Promise<Map<string, IssuerDoc>> => {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('issuers')
    .select(['id', 'doc'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((row) => [row.id, JSON.parse(row.doc) as IssuerDoc]));
};

const withIssuerNames = async (db: Db, docs: readonly SpecificationDoc[]) => {
  const issuers = await issuerDocs(
    db,
    docs.map((d) => d.issuerId),
  );
  return docs.map((doc) => {
    const issuer = issuers.get(doc.issuerId);
    return registerEntry(doc, issuer?.legalName ?? null, issuer ? accreditingQaBodies(issuer) : []);
  });
};

/** Filtered, sorted, keyset-paged: stable under concurrent inserts, identical on both dialects. */
export const listSpecifications = async (
  db: Db,
  filter: RegisterFilter,
  sort: RegisterSort,
  page: PageRequest,
): Promise<Page<RegisterEntry>> => {
  const spec = SORTS[sort.key];
  const key = sortKey(spec.column, spec.kind);
  const sortName = `${sort.direction === 'desc' ? '-' : ''}${sort.key}`;
  let query = db.selectFrom('specifications').select(['id', 'doc', key.as('sort_key')]);
  if (filter.eqfLevel !== undefined) query = query.where('eqf_level', '=', filter.eqfLevel);
  if (filter.minEcts !== undefined) query = query.where('ects', '>=', filter.minEcts);
  if (filter.maxEcts !== undefined) query = query.where('ects', '<=', filter.maxEcts);
  if (filter.minHours !== undefined) query = query.where('hours', '>=', filter.minHours);
  if (filter.maxHours !== undefined) query = query.where('hours', '<=', filter.maxHours);
  if (filter.issuerId !== undefined) query = query.where('issuer_id', '=', filter.issuerId);
  if (filter.typeOfAssessment !== undefined)
    query = query.where('type_of_assessment', '=', filter.typeOfAssessment);
  if (filter.formOfParticipation !== undefined)
    query = query.where('form_of_participation', '=', filter.formOfParticipation);
  if (filter.typeOfQualityAssurance !== undefined)
    query = query.where('type_of_quality_assurance', '=', filter.typeOfQualityAssurance);
  if (filter.supervisionAndIdentityVerification !== undefined)
    query = query.where(
      'supervision_and_identity_verification',
      '=',
      filter.supervisionAndIdentityVerification,
    );
  if (!filter.includeRetired) query = query.where('retired', '=', 0);
  if (page.cursor) query = query.where(afterCursor(key, sort.direction, decodeCursor(page.cursor, sortName)));
  const rows = await query
    .orderBy(key, sort.direction)
    .orderBy('id', sort.direction)
    .limit(page.limit + 1)
    .execute();
  const result = toPage(rows, page, sortName, (row) => JSON.parse(row.doc) as SpecificationDoc);
  return { items: await withIssuerNames(db, result.items), next: result.next };
};

/** `spec-a` (the current version) or `spec-a@1` (that version), as the comparison names them. */
export const parseVersionedId = (ref: string): { id: string; version?: number } => {
  const match = /^(.*)@(\d{1,9})$/.exec(ref);
  return match ? { id: match[1], version: Number(match[2]) } : { id: ref };
};

/** The document as it stood at `version`: that version's content, the rest as now; undefined if unknown. */
const atVersion = (doc: SpecificationDoc, version: number | undefined): SpecificationDoc | undefined => {
  if (version === undefined || version === (doc.version ?? 1)) return doc;
  const pinned = doc.versions?.find((v) => v.version === version);
  if (!pinned) return undefined;
  const { specificationId, issuerId, publishedAt, retired, retiredAt, versions } = doc;
  return { ...pinned, specificationId, issuerId, publishedAt, retired, retiredAt, versions };
};

/** Columns that say which entry it is, not how the specifications differ. */
const IDENTITY_COLUMNS: readonly string[] = ['specificationId', 'versions'];

/**
 * The named specifications in the order asked, each at its pinned version (`id@2`) or the current
 * one, and the references the register does not know (an unknown id or version).
 */
export const compareSpecifications = async (db: Db, refs: readonly string[]) => {
  const pinned = refs.map(parseVersionedId);
  const rows = await db
    .selectFrom('specifications')
    .select(['id', 'doc'])
    .where('id', 'in', [...new Set(pinned.map((p) => p.id))])
    .execute();
  const byId = new Map(rows.map((row) => [row.id, JSON.parse(row.doc) as SpecificationDoc]));
  const docs = pinned.map(({ id, version }) => {
    const doc = byId.get(id);
    return doc && atVersion(doc, version);
  });
  const found = docs.filter((doc): doc is SpecificationDoc => doc !== undefined);
  const entries = await withIssuerNames(db, found);
  const differences = REGISTER_COLUMNS.filter(
    (column) =>
      !IDENTITY_COLUMNS.includes(column) && new Set(entries.map((e) => JSON.stringify(e[column]))).size > 1,
  );
  return { items: entries, differences, missing: refs.filter((_, i) => docs[i] === undefined) };
};
