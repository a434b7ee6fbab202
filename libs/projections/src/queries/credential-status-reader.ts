import type { StatusQuestion } from '@credence/domain';
import type { CredentialDoc } from '../projections/credentials';
import type { IssuerDoc } from '../projections/issuers';
import { RULESET_ACTIVATIONS_DOC, type RulesetActivationsDoc } from '../projections/ruleset-activations';
import { type Checkpoints, readCheckpoints } from '../store/checkpoints';
import type { ReadModelDatabase } from '../store/database';
import { CHECKPOINTS_TABLE } from '../store/tables';
import {
  CREDENTIAL_STATUS_SOURCES,
  credentialStatusAnswer,
  type CredentialStatusAnswer,
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

/**
 * The status route's reads. On the embedded SQLite file: the statement above, prepared once on the
 * read-only connection and run per request (Kysely's driver prepared each of its statements again
 * on every request). On PostgreSQL: the checkpoints, then the Kysely query, as before.
 */
export const credentialStatusReader = (rm: ReadModelDatabase): CredentialStatusReader => {
  const reader = rm.sqliteReader();
  if (!reader) {
    return async (credentialId, question) => {
      const checkpoints = await readCheckpoints(rm.any, '', CREDENTIAL_STATUS_SOURCES);
      return { checkpoints, answer: await queryCredentialStatusAt(rm.db, credentialId, question) };
    };
  }
  const snapshot = reader.prepare<{ id: string; activations: string }, SnapshotRow>(SNAPSHOT);
  return async (credentialId, question) => {
    const row = snapshot.get({ id: credentialId, activations: RULESET_ACTIVATIONS_DOC })!;
    const checkpoints = sourceCheckpoints(JSON.parse(row.checkpoints) as Record<string, unknown>);
    const doc = parsed<CredentialDoc>(row.credential);
    if (!doc) return { checkpoints, answer: null };
    const answer = await credentialStatusAnswer(credentialId, doc, question, {
      issuer: () => parsed<IssuerDoc>(row.issuer),
      activations: () => parsed<RulesetActivationsDoc>(row.activations),
    });
    return { checkpoints, answer };
  };
};
