import { comparePositions, type Position, type RecordedEvent } from '@credence/event-store';
import { projectedEvent, type ProjectedEvent } from '../events';
import type { AnyProjection } from '../projection';
import type { DocumentRow } from '../store/document-table';

export type LoadRequest = Readonly<{ projection: AnyProjection; ids: readonly string[] }>;

/** The stored documents among each request's ids (absent ids have none), in the requests' order. */
export type LoadDocuments = (requests: readonly LoadRequest[]) => Promise<ReadonlyMap<string, unknown>[]>;

/**
 * One projection's documents touched since its checkpoint `from`: each as stored when first touched
 * (loaded once), and as folded since by the projection's pure evolve. Nothing is written until the
 * unit commits, so a document touched by many events is read once and written once.
 */
export class PendingDocuments {
  private readonly stored = new Map<string, unknown>();
  private readonly current = new Map<string, unknown>();
  private readonly canHandle: ReadonlySet<string>;

  constructor(
    readonly projection: AnyProjection,
    readonly from: Position | null,
  ) {
    this.canHandle = new Set(projection.canHandle);
  }

  /** The events of `page` this projection has not applied yet and reads. */
  fresh(page: readonly RecordedEvent[]): ProjectedEvent[] {
    // Usually the whole page is past the checkpoint; only a projection ahead of the others skips some.
    const after =
      comparePositions(page[0].globalPosition, this.from) > 0
        ? page
        : page.filter((e) => comparePositions(e.globalPosition, this.from) > 0);
    return after.filter((e) => this.canHandle.has(e.type)).map(projectedEvent);
  }

  /** Ids the events touch that this unit has not seen yet: to load before folding. */
  unseen(events: readonly ProjectedEvent[]): string[] {
    const ids = new Set<string>();
    for (const event of events)
      for (const id of this.projection.documentIds(event)) if (!this.current.has(id)) ids.add(id);
    return [...ids];
  }

  /** Records what the table holds for `ids` (loaded: the stored documents found). */
  loaded(ids: readonly string[], found: ReadonlyMap<string, unknown>): void {
    for (const id of ids) {
      const doc = found.get(id);
      if (doc !== undefined) this.stored.set(id, doc);
      this.current.set(id, doc ?? null);
    }
  }

  fold(events: readonly ProjectedEvent[]): void {
    for (const event of events) {
      for (const id of this.projection.documentIds(event))
        this.current.set(id, this.projection.evolve(this.current.get(id) ?? null, event, id));
    }
  }

  /** The writes that bring the table to the folded state: changed documents, and deleted ones. */
  changes(): { rows: DocumentRow[]; removed: string[] } {
    const rows: DocumentRow[] = [];
    const removed: string[] = [];
    for (const [id, doc] of this.current) {
      if (doc === (this.stored.get(id) ?? null)) continue;
      if (doc === null) removed.push(id);
      else rows.push({ id, doc: JSON.stringify(doc), columns: this.projection.columns(doc) });
    }
    return { rows, removed };
  }
}

/**
 * The events read since the last commit, folded per projection. Only the projections whose
 * checkpoint the events pass take part; each skips what it had already applied.
 */
export class UnitOfWork {
  private readonly pending: PendingDocuments[];
  events = 0;
  last: Position | null = null;

  constructor(projections: readonly AnyProjection[], checkpoints: ReadonlyMap<string, Position | null>) {
    this.pending = projections.map((p) => new PendingDocuments(p, checkpoints.get(p.name) ?? null));
  }

  /** Folds a page (in log order, after the previous one) into the unit, loading what it first touches. */
  async add(page: readonly RecordedEvent[], load: LoadDocuments): Promise<void> {
    if (page.length === 0) return;
    const last = page[page.length - 1].globalPosition;
    const fresh = new Map<PendingDocuments, ProjectedEvent[]>();
    const unseen = new Map<PendingDocuments, string[]>();
    for (const docs of this.pending) {
      if (comparePositions(last, docs.from) <= 0) continue;
      const events = docs.fresh(page);
      fresh.set(docs, events);
      const ids = docs.unseen(events);
      if (ids.length > 0) unseen.set(docs, ids);
    }
    if (unseen.size > 0) {
      const requests = [...unseen].map(([docs, ids]) => ({ docs, projection: docs.projection, ids }));
      const found = await load(requests);
      requests.forEach(({ docs, ids }, i) => docs.loaded(ids, found[i]));
    }
    for (const [docs, events] of fresh) docs.fold(events);
    this.events += page.length;
    this.last = last;
  }

  /** The projections whose checkpoints move from `from` to `last` when the unit commits. */
  moving(): PendingDocuments[] {
    return this.pending.filter((docs) => this.last !== null && comparePositions(this.last, docs.from) > 0);
  }
}
