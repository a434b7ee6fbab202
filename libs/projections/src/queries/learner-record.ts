import type { Kysely } from 'kysely';
import type { CredentialDoc } from '../projections/credentials';
import type { PathwayDoc } from '../projections/pathways';
import type { SpecificationDoc } from '../projections/specifications';
import type { StackDoc } from '../projections/stacks';
import type { ReadModelTables } from '../store/tables';
import { currentStatus } from './credential-status';
import { afterCursor, decodeCursor, type Page, type PageRequest, sortKey, toPage } from './paging';

type Db = Kysely<ReadModelTables>;
type DocTable = 'credentials' | 'specifications' | 'stacks' | 'pathways';

export type LearnerCredential = Readonly<{
  credentialId: string;
  issuerId: string;
  specificationId: string;
  title: string | null;
  issuedAt: string;
  validFrom: string;
  validUntil: string | null;
  ects: number | null;
  status: string;
  reason: string | null;
  awardedDate: string | null;
  grade: string | null;
  /** The chain of corrections: the credential this one re-issues, and its own re-issue. */
  supersedes: string | null;
  supersededBy: string | null;
  stackIds: readonly string[];
}>;

export type LearnerStack = Readonly<{
  stackId: string;
  issuerId: string;
  pathwayId: string;
  pathwayTitle: string | null;
  awardedAt: string;
  /** The earliest validUntil of the components that back it now; null when none ends. */
  validUntil: string | null;
  totalEcts: number;
  status: StackDoc['status'];
  invalidation: StackDoc['invalidation'];
  /** Components it lost (revoked, pathway still complete) or followed to their re-issue. */
  formerComponents: StackDoc['formerComponents'];
  components: readonly Readonly<{ credentialId: string; status: string | null; reason: string | null }>[];
}>;

export type LearnerRecord = Page<LearnerCredential> &
  Readonly<{ learnerId: string; stacks: readonly LearnerStack[] }>;

export const LEARNER_CREDENTIAL_COLUMNS: readonly (keyof LearnerCredential)[] = [
  'credentialId',
  'issuerId',
  'specificationId',
  'title',
  'issuedAt',
  'validFrom',
  'validUntil',
  'ects',
  'status',
  'reason',
  'awardedDate',
  'grade',
  'supersedes',
  'supersededBy',
  'stackIds',
];

const docsById = async <D>(db: Db, table: DocTable, ids: readonly string[]): Promise<Map<string, D>> => {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom(table)
    .select(['id', 'doc'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((row) => [row.id, JSON.parse(row.doc) as D]));
};

const learnerStacks = async (
  db: Db,
  learnerId: string,
  issuerId: string | undefined,
): Promise<StackDoc[]> => {
  let query = db.selectFrom('stacks').select('doc').where('learner_id', '=', learnerId);
  if (issuerId !== undefined) query = query.where('issuer_id', '=', issuerId);
  return (await query.orderBy('id').execute()).map((row) => JSON.parse(row.doc) as StackDoc);
};

const credentialPage = (db: Db, learnerId: string, issuerId: string | undefined, page: PageRequest) => {
  const key = sortKey('issued_at_ms', 'number');
  let query = db
    .selectFrom('credentials')
    .select(['id', 'doc', key.as('sort_key')])
    .where('learner_id', '=', learnerId);
  if (issuerId !== undefined) query = query.where('issuer_id', '=', issuerId);
  if (page.cursor) query = query.where(afterCursor(key, 'asc', decodeCursor(page.cursor, 'issuedAt')));
  return query
    .orderBy(key)
    .orderBy('id')
    .limit(page.limit + 1)
    .execute();
};

/**
 * Every credential of a pseudonymous learner (paged, oldest issuance first), with the stacks built on
 * them and each one's status now. `issuerId` limits it to one issuer's own records.
 */
export const learnerRecord = async (
  db: Db,
  learnerId: string,
  options: PageRequest & { issuerId?: string; nowMs: number },
): Promise<LearnerRecord | null> => {
  const [rows, stacks] = await Promise.all([
    credentialPage(db, learnerId, options.issuerId, options),
    learnerStacks(db, learnerId, options.issuerId),
  ]);
  if (rows.length === 0 && stacks.length === 0 && !options.cursor) return null;
  const page = toPage(rows, options, 'issuedAt', (row) => JSON.parse(row.doc) as CredentialDoc);
  const [specs, pathways, components] = await Promise.all([
    docsById<SpecificationDoc>(
      db,
      'specifications',
      page.items.map((c) => c.specificationId),
    ),
    docsById<PathwayDoc>(
      db,
      'pathways',
      stacks.map((s) => s.pathwayId),
    ),
    docsById<CredentialDoc>(
      db,
      'credentials',
      stacks.flatMap((s) => s.componentCredentialIds),
    ),
  ]);
  const credentials = page.items.map((doc): LearnerCredential => {
    const now = currentStatus(doc, options.nowMs);
    return {
      credentialId: doc.credentialId,
      issuerId: doc.issuerId,
      specificationId: doc.specificationId,
      title: specs.get(doc.specificationId)?.title ?? null,
      issuedAt: doc.issuedAt,
      validFrom: doc.validFrom,
      validUntil: doc.validUntil,
      ects: doc.ects,
      status: now.status,
      reason: now.reason,
      // Docs projected before these fields existed lack them: read as not recorded.
      awardedDate: doc.awardedDate ?? null,
      grade: doc.grade ?? null,
      supersedes: doc.supersedes ?? null,
      supersededBy: doc.supersededBy ?? null,
      stackIds: stacks
        .filter((s) => s.componentCredentialIds.includes(doc.credentialId))
        .map((s) => s.stackId),
    };
  });
  const learnerStackViews = stacks.map((stack): LearnerStack => ({
    stackId: stack.stackId,
    issuerId: stack.issuerId,
    pathwayId: stack.pathwayId,
    pathwayTitle: pathways.get(stack.pathwayId)?.title ?? null,
    awardedAt: stack.awardedAt,
    validUntil: stack.validUntil ?? null,
    totalEcts: stack.totalEcts,
    status: stack.status,
    invalidation: stack.invalidation,
    // Documents stored before stacks followed their components have none.
    formerComponents: stack.formerComponents ?? [],
    components: stack.componentCredentialIds.map((credentialId) => {
      const component = components.get(credentialId);
      const status = component ? currentStatus(component, options.nowMs) : null;
      return { credentialId, status: status?.status ?? null, reason: status?.reason ?? null };
    }),
  }));
  return { learnerId, items: credentials, next: page.next, stacks: learnerStackViews };
};
