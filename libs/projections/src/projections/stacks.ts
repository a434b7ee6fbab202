import type { StackedCredentialAwarded } from '@credence/domain';
import { defineProjection } from '../projection';

export type StackDoc = StackedCredentialAwarded['data'] &
  Readonly<{
    status: 'awarded' | 'invalidated';
    invalidation: Readonly<{ componentCredentialId: string; reason: string; at: string }> | null;
  }>;

/** Stacked credentials, for the learner record. */
export const stacksProjection = defineProjection({
  name: 'stacks',
  canHandle: ['StackedCredentialAwarded', 'StackedCredentialInvalidated'],
  documentIds: (event) => [event.data.stackId],
  evolve: (doc: StackDoc | null, event): StackDoc | null => {
    switch (event.type) {
      case 'StackedCredentialAwarded':
        return doc ?? { ...event.data, status: 'awarded', invalidation: null };
      case 'StackedCredentialInvalidated': {
        const { componentCredentialId, reason } = event.data;
        return (
          doc && {
            ...doc,
            status: 'invalidated',
            invalidation: { componentCredentialId, reason, at: event.metadata.now },
          }
        );
      }
    }
  },
  columns: (doc) => ({
    issuer_id: doc.issuerId,
    learner_id: doc.learnerId,
    pathway_id: doc.pathwayId,
    status: doc.status,
  }),
});
