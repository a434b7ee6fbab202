import type { StatusQuestion } from '@credence/domain';
import { LruMap } from '@credence/runtime';
import { ChangeCounter } from '@credence/sqlite';
import type { CredentialDoc } from '../projections/credentials';
import type { IssuerDoc } from '../projections/issuers';
import { RULESET_ACTIVATIONS_DOC, type RulesetActivationsDoc } from '../projections/ruleset-activations';
import { type Checkpoints, readCheckpoints } from '../store/checkpoints';
import type { ReadModelDatabase } from '../store/database';
import { CHECKPOINTS_TABLE } from '../store/tables';
import {
  CREDENTIAL_STATUS_SOURCES,
  type CredentialStatusAnswer,
  credentialStatusAnswerOfRead,
  queryCredentialStatusAt,
} from './credential-status-query';

/** A status answer (null: no such credential) with the checkpoints of the read models it was read from. */
export type CredentialStatusRead = Readonly<{
  answer: CredentialStatusAnswer | null;
  checkpoints: Checkpoints;
}>;

export type CredentialStatusReader = (
  credentialId: string,
  question: StatusQuestion,
) => Promise<CredentialStatusRead>;

/**
 * Everything an answer may need, and the checkpoints, in one statement: one snapshot, so the
 * position reported is exactly the one the documents reflect. The issuer's document is parsed
 * only when the answer needs it.
 */
const SNAPSHOT = `select
  (select doc from credentials where id = @id) as credential,
  (select i.doc from credentials c join issuers i on i.id = c.issuer_id where c.id = @id) as issuer,
  (select doc from ruleset_activations where id = @activations) as activations,
  (select json_group_object(name, position) from ${CHECKPOINTS_TABLE}) as checkpoints`;

type SnapshotRow = Readonly<{
  credential: string | null;
  issuer: string | null;
  activations: string | null;
  checkpoints: string;
}>;

const parsed = <T>(text: string | null): T | null => (text === null ? null : (JSON.parse(text) as T));

/** As readCheckpoints gives them: a position is text (the column's affinity), a missing row null. */
const sourceCheckpoints = (stored: Readonly<Record<string, unknown>>): Checkpoints =>
  new Map(
    CREDENTIAL_STATUS_SOURCES.map((name) => [name, stored[name] == null ? null : String(stored[name])]),
  );

/** What one run of SNAPSHOT read for a credential, parsed once (the issuer and activations on demand). */
type Snapshot = Readonly<{
  checkpoints: Checkpoints;
  doc: CredentialDoc | null;
  issuer: () => IssuerDoc | null;
  activations: () => RulesetActivationsDoc | null;
}>;

/** Snapshots kept at most; the status of 1,000 credentials read again and again fits. */
export const SNAPSHOT_CAPACITY = 1_000;

const once = <T>(read: () => T): (() => T) => {
  let value: { read: T } | undefined;
  return () => (value ??= { read: read() }).read;
};

const snapshotOf = (row: SnapshotRow): Snapshot => ({
  checkpoints: sourceCheckpoints(JSON.parse(row.checkpoints) as Record<string, unknown>),
  doc: parsed<CredentialDoc>(row.credential),
  issuer: once(() => parsed<IssuerDoc>(row.issuer)),
  activations: once(() => parsed<RulesetActivationsDoc>(row.activations)),
});

/**
 * The status route's reads. On the embedded SQLite file: the statement above, prepared once on the
 * read-only connection (Kysely's driver prepared each of its statements again on every request).
 * Its parsed result is kept per credential for as long as the file is unchanged (PRAGMA
 * data_version on that connection moves with every commit by any other one): the same documents
 * and checkpoints a new read would give, without the statement and the JSON parsing. The count is
 * taken before the statement runs, so a commit in between only makes the entry look older than it
 * is. On PostgreSQL: the checkpoints, then the Kysely query, as before.
 */
export const credentialStatusReader = (rm: ReadModelDatabase): CredentialStatusReader => {
  const reader = rm.sqliteReader();
  if (!reader) {
    return async (credentialId, question) => {
      const checkpoints = await readCheckpoints(rm.any, '', CREDENTIAL_STATUS_SOURCES);
      return { checkpoints, answer: await queryCredentialStatusAt(rm.db, credentialId, question) };
    };
  }
  const statement = reader.prepare<{ id: string; activations: string }, SnapshotRow>(SNAPSHOT);
  const changes = new ChangeCounter(reader);
  const snapshots = new LruMap<string, Snapshot>(SNAPSHOT_CAPACITY);
  let snapshotsAt = -1;
  const snapshot = (credentialId: string): Snapshot => {
    const count = changes.current();
    if (count !== snapshotsAt) {
      snapshots.clear();
      snapshotsAt = count;
    }
    const known = snapshots.get(credentialId);
    if (known) return known;
    const read = snapshotOf(statement.get({ id: credentialId, activations: RULESET_ACTIVATIONS_DOC })!);
    // Unknown ids are kept too (null doc): a full map drops its least recently used entry.
    snapshots.set(credentialId, read);
    return read;
  };
  return async (credentialId, question) => {
    const { checkpoints, doc, issuer, activations } = snapshot(credentialId);
    if (!doc) return { checkpoints, answer: null };
    return {
      checkpoints,
      answer: credentialStatusAnswerOfRead(credentialId, doc, question, { issuer, activations }),
    };
  };
};
