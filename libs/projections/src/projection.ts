import type { CredenceEventType } from '@credence/domain';
import type { EventOf, ProjectedEvent } from './events';

/** Column values of a read-model row: derived from the document alone, so a rebuild writes the same row. */
export type Columns = Readonly<Record<string, string | number | null>>;

/**
 * A read model as pure functions (after Emmett's projections): which event types it reads, which
 * documents an event touches, and `evolve(doc | null, event) → doc | null` (null deletes). The
 * document id is passed too, for projections whose documents are keyed by something the event lists
 * several of. `columns` picks what gets indexed for filtering and sorting; the document itself is
 * stored whole. Never reads a clock: time comes from the event (`metadata.now`).
 */
export type Projection<Doc, T extends CredenceEventType, C extends Columns> = Readonly<{
  /** Also the name of its table. */
  name: string;
  canHandle: readonly T[];
  documentIds: (event: EventOf<T>) => readonly string[];
  evolve: (doc: Doc | null, event: EventOf<T>, documentId: string) => Doc | null;
  columns: (doc: Doc) => C;
}>;

/** A projection with its types erased, for the projector, which only calls it with events it can handle. */
export type AnyProjection = Readonly<{
  name: string;
  canHandle: readonly string[];
  documentIds: (event: ProjectedEvent) => readonly string[];
  evolve: (doc: unknown, event: ProjectedEvent, documentId: string) => unknown;
  columns: (doc: unknown) => Columns;
}>;

export const defineProjection = <Doc, T extends CredenceEventType, C extends Columns>(
  projection: Projection<Doc, T, C>,
): Projection<Doc, T, C> => projection;

export const erase = <Doc, T extends CredenceEventType, C extends Columns>(
  projection: Projection<Doc, T, C>,
): AnyProjection => projection as unknown as AnyProjection;

export const handles = (projection: AnyProjection, event: { type: string }): event is ProjectedEvent =>
  projection.canHandle.includes(event.type);

/** The table row type a projection writes: id, the whole document as JSON, and its columns. */
export type RowOf<P> = P extends { columns: (doc: never) => infer C }
  ? { id: string; doc: string } & C
  : never;
