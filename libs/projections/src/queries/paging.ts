import { type RawBuilder, sql } from 'kysely';
import { ReadModelError } from '../errors';

export type Page<T> = Readonly<{ items: readonly T[]; next: string | null }>;
export type PageRequest = Readonly<{ limit: number; cursor?: string }>;
export type SortKey = string | number;
type Cursor = Readonly<{ sort: string; key: SortKey; id: string }>;

/** Opaque to clients: the sort it belongs to, and the last row's sort key and id. */
export const encodeCursor = (cursor: Cursor): string =>
  Buffer.from(JSON.stringify([cursor.sort, cursor.key, cursor.id])).toString('base64url');

export const decodeCursor = (text: string, sort: string): Cursor => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const [cursorSort, key, id] = Array.isArray(parsed) ? parsed : [];
  const keyOk = typeof key === 'number' || typeof key === 'string';
  if (cursorSort !== sort || !keyOk || typeof id !== 'string') {
    throw new ReadModelError(
      'invalid',
      'cursor.invalid',
      'The cursor is not one this list returned for this sort order',
    );
  }
  return { sort, key, id };
};

/**
 * The sort key as an expression that is never null, so keyset comparisons behave the same on both
 * dialects (SQLite sorts nulls first, PostgreSQL last): missing numbers sort as -1, texts as ''.
 */
export const sortKey = (column: string, kind: 'number' | 'text'): RawBuilder<SortKey> =>
  kind === 'number'
    ? sql<SortKey>`coalesce(${sql.ref(column)}, -1)`
    : sql<SortKey>`coalesce(${sql.ref(column)}, '')`;

export type Direction = 'asc' | 'desc';

/** Rows strictly after the cursor in (sort key, id) order; the operator is chosen here, never by input. */
export const afterCursor = (
  key: RawBuilder<SortKey>,
  direction: Direction,
  cursor: Cursor,
): RawBuilder<boolean> => {
  const op = sql.raw(direction === 'asc' ? '>' : '<');
  return sql<boolean>`(${key} ${op} ${cursor.key} or (${key} = ${cursor.key} and ${sql.ref('id')} ${op} ${cursor.id}))`;
};

/** Fetches one row more than the page holds: its presence says whether there is a next page. */
export const toPage = <Row extends { id: string; sort_key: SortKey }, T>(
  rows: readonly Row[],
  request: PageRequest,
  sort: string,
  view: (row: Row) => T,
): Page<T> => {
  const shown = rows.slice(0, request.limit);
  const last = shown[shown.length - 1];
  const next =
    rows.length > request.limit && last ? encodeCursor({ sort, key: last.sort_key, id: last.id }) : null;
  return { items: shown.map(view), next };
};
