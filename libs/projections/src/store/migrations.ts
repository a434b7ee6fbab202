import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';
import { CHECKPOINTS_TABLE } from './tables';

type ColumnType = 'text' | 'integer' | 'double precision';
type TableSpec = Readonly<{
  columns: Readonly<Record<string, ColumnType>>;
  indexes: readonly (readonly string[])[];
}>;

/** The schema of migration 0001. Frozen: later changes go into new migrations. */
const TABLES_0001: Readonly<Record<string, TableSpec>> = {
  issuers: { columns: { legal_name: 'text', country: 'text' }, indexes: [] },
  specifications: {
    columns: {
      issuer_id: 'text',
      title: 'text',
      eqf_level: 'integer',
      ects: 'double precision',
      hours: 'double precision',
      type_of_assessment: 'text',
      form_of_participation: 'text',
      type_of_quality_assurance: 'text',
      retired: 'integer',
    },
    indexes: [['issuer_id'], ['eqf_level', 'ects'], ['title']],
  },
  credentials: {
    columns: {
      issuer_id: 'text',
      learner_id: 'text',
      specification_id: 'text',
      ruleset: 'text',
      status: 'text',
      reason: 'text',
      issued_at_ms: 'double precision',
      valid_from_ms: 'double precision',
      valid_until_ms: 'double precision',
    },
    indexes: [
      ['issuer_id', 'ruleset', 'status'],
      ['learner_id', 'issued_at_ms'],
    ],
  },
  assessment_lead_times: {
    columns: { issuer_id: 'text', ruleset: 'text', lead_ms: 'double precision' },
    indexes: [['issuer_id', 'ruleset', 'lead_ms']],
  },
  compliance_findings: {
    columns: { issuer_id: 'text', ruleset: 'text', kind: 'text', rule_id: 'text', count: 'integer' },
    indexes: [['issuer_id']],
  },
  pathways: { columns: { issuer_id: 'text' }, indexes: [] },
  stacks: {
    columns: { issuer_id: 'text', learner_id: 'text', pathway_id: 'text', status: 'text' },
    indexes: [['learner_id']],
  },
};

const createDocumentTable = async (db: Kysely<unknown>, table: string, spec: TableSpec, tag: string) => {
  let create = db.schema
    .createTable(table)
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('doc', 'text', (c) => c.notNull());
  for (const [name, type] of Object.entries(spec.columns)) create = create.addColumn(name, type);
  await create.execute();
  for (const columns of spec.indexes) {
    // Index names are global to the schema; the tag keeps a staging set's apart from the live set's.
    await db.schema
      .createIndex(`${table}_${columns.join('_')}_${tag}`)
      .ifNotExists()
      .on(table)
      .columns([...columns])
      .execute();
  }
};

/** Migration 0004: the status list entries (`status_entries`), one row per credential. */
const TABLES_0004: Readonly<Record<string, TableSpec>> = {
  status_entries: {
    columns: { issuer_id: 'text', revoked: 'integer', suspended: 'integer' },
    indexes: [
      ['issuer_id', 'revoked'],
      ['issuer_id', 'suspended'],
    ],
  },
};

/** Migration 0005: ruleset activations, for the ruleset in force at an instant. */
const TABLES_0005: Readonly<Record<string, TableSpec>> = {
  ruleset_activations: { columns: { activations: 'integer' }, indexes: [] },
};

/** The accreditation each credential was issued under, read from the stored document (0002's backfill). */
const ACCREDITATION_OF_DOC = {
  sqlite: sql`json_extract(doc, '$.accreditation.accreditationId')`,
  postgres: sql`(doc::jsonb -> 'accreditation' ->> 'accreditationId')`,
} as const;

/** A specification's supervision and identity verification, from its stored document (0003's backfill). */
const SUPERVISION_OF_DOC = {
  sqlite: sql`json_extract(doc, '$.supervisionAndIdentityVerification')`,
  postgres: sql`(doc::jsonb ->> 'supervisionAndIdentityVerification')`,
} as const;

/**
 * The migrations of one table set. `prefix` names the set ('' live, a staging prefix during a
 * rebuild); `tag` makes its index names unique, since a renamed table keeps its indexes' names.
 */
export const readModelMigrations = (
  prefix: string,
  tag: string,
  dialect: 'sqlite' | 'postgres' = 'sqlite',
): Record<string, Migration> => ({
  '0001-read-models': {
    up: async (db) => {
      for (const [table, spec] of Object.entries(TABLES_0001))
        await createDocumentTable(db, prefix + table, spec, tag);
      await db.schema
        .createTable(prefix + CHECKPOINTS_TABLE)
        .ifNotExists()
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('position', 'text')
        .execute();
    },
  },
  // Issuances per accreditation in the issuer's compliance report.
  '0002-credential-accreditation': {
    up: async (db) => {
      const table = prefix + 'credentials';
      await db.schema.alterTable(table).addColumn('accreditation_id', 'text').execute();
      await sql`UPDATE ${sql.table(table)} SET accreditation_id = ${ACCREDITATION_OF_DOC[dialect]}`.execute(
        db,
      );
      await db.schema
        .createIndex(`${table}_issuer_id_accreditation_id_${tag}`)
        .on(table)
        .columns(['issuer_id', 'accreditation_id'])
        .execute();
    },
  },
  // The register filters on every Annex I vocabulary, supervision and identity verification too.
  '0003-specification-supervision': {
    up: async (db) => {
      const table = prefix + 'specifications';
      await db.schema.alterTable(table).addColumn('supervision_and_identity_verification', 'text').execute();
      await sql`UPDATE ${sql.table(table)} SET supervision_and_identity_verification = ${SUPERVISION_OF_DOC[dialect]}`.execute(
        db,
      );
    },
  },
  '0004-status-entries': {
    up: async (db) => {
      for (const [table, spec] of Object.entries(TABLES_0004))
        await createDocumentTable(db, prefix + table, spec, tag);
    },
  },
  // Read from the start: a rebuild (or the projector catching up) fills it from the log.
  '0005-ruleset-activations': {
    up: async (db) => {
      for (const [table, spec] of Object.entries(TABLES_0005))
        await createDocumentTable(db, prefix + table, spec, tag);
    },
  },
});

/** The tables the projections write their documents to. */
export const PROJECTION_TABLES = [
  ...Object.keys(TABLES_0001),
  ...Object.keys(TABLES_0004),
  ...Object.keys(TABLES_0005),
];

/** Every table a set owns, including Kysely's migration bookkeeping, so a swap moves them all. */
export const TABLE_SET = [
  ...PROJECTION_TABLES,
  CHECKPOINTS_TABLE,
  'kysely_migration',
  'kysely_migration_lock',
];
