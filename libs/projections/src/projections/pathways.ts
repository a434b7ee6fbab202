import type { PathwayPublished } from '@credence/domain';
import { defineProjection } from '../projection';

export type PathwayDoc = PathwayPublished['data'] & Readonly<{ publishedAt: string }>;

/** Pathways, so a learner record can name the pathway a stack completes. */
export const pathwaysProjection = defineProjection({
  name: 'pathways',
  canHandle: ['PathwayPublished'],
  documentIds: (event) => [event.data.pathwayId],
  evolve: (doc: PathwayDoc | null, event): PathwayDoc | null =>
    doc ?? { ...event.data, publishedAt: event.metadata.now },
  columns: (doc) => ({ issuer_id: doc.issuerId }),
});
