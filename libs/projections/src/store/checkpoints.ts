import type { Kysely, Transaction } from 'kysely';
import type { Position } from '@credence/event-store';
import { CheckpointMovedError } from '../errors';
import { type AnyTables, CHECKPOINTS_TABLE } from './tables';

export type Checkpoints = ReadonlyMap<string, Position | null>;

/** Creates missing checkpoint rows at the start of the log; existing ones are kept. */
export const ensureCheckpoints = async (
  db: Kysely<AnyTables>,
  prefix: string,
  names: readonly string[],
): Promise<void> => {
  await db
    .insertInto(prefix + CHECKPOINTS_TABLE)
    .values(names.map((name) => ({ name, position: null })))
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
};

export const readCheckpoints = async (
  db: Kysely<AnyTables>,
  prefix: string,
  names: readonly string[],
): Promise<Checkpoints> => {
  const rows = await db
    .selectFrom(prefix + CHECKPOINTS_TABLE)
    .select(['name', 'position'])
    .execute();
  const stored = new Map(
    rows.map((row) => [String(row.name), row.position === null ? null : String(row.position)]),
  );
  return new Map(names.map((name) => [name, stored.get(name) ?? null]));
};

/**
 * Compare-and-set: moves a checkpoint only from the position this writer last saw. Two projectors on
 * one database (or a projector and a rebuild) thus never apply the same batch twice: the second one
 * finds zero rows to update, rolls back, and resumes from what is stored.
 */
export const moveCheckpoint = async (
  trx: Transaction<AnyTables>,
  prefix: string,
  name: string,
  from: Position | null,
  to: Position,
): Promise<void> => {
  const result = await trx
    .updateTable(prefix + CHECKPOINTS_TABLE)
    .set({ position: to })
    .where('name', '=', name)
    .where('position', from === null ? 'is' : '=', from)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw new CheckpointMovedError(name, from);
};
