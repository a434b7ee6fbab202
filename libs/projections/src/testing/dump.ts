import type { EventStore } from '@credence/event-store';
import { projectedEvent } from '../events';
import { handles } from '../projection';
import { PROJECTIONS } from '../projections';
import { evolveDocuments } from '../projector/evolve-documents';
import type { ReadModelDatabase } from '../store/database';

export type TableDump = Record<string, Record<string, unknown>[]>;

const normalise = (row: Record<string, unknown>) => {
  const { doc, ...columns } = row;
  return {
    ...Object.fromEntries(
      Object.entries(columns).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v]),
    ),
    doc: JSON.parse(String(doc)),
  };
};

/** Every projection table of a set, rows by id, documents parsed: comparable across runs. */
export const dumpTables = async (rm: ReadModelDatabase, prefix = ''): Promise<TableDump> => {
  const dump: TableDump = {};
  for (const { name } of PROJECTIONS) {
    const rows = await rm.any
      .selectFrom(prefix + name)
      .selectAll()
      .orderBy('id')
      .execute();
    dump[name] = rows.map(normalise);
  }
  return dump;
};

/** What the tables must hold: each projection folded in memory over the whole log. */
export const expectedTables = async (store: EventStore): Promise<TableDump> => {
  const events = (await store.readAll()).map(projectedEvent);
  const dump: TableDump = {};
  for (const projection of PROJECTIONS) {
    const docs = evolveDocuments(
      projection,
      new Map(),
      events.filter((e) => handles(projection, e)),
    );
    dump[projection.name] = [...docs]
      .filter(([, doc]) => doc !== null)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([id, doc]) => ({ id, ...projection.columns(doc), doc: JSON.parse(JSON.stringify(doc)) }));
  }
  return dump;
};
