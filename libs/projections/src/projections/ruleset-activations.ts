import type { RecordedActivation } from '@credence/domain';
import { defineProjection } from '../projection';

/** The one document: every ruleset activation in log order, for "the ruleset in force at an instant". */
export const RULESET_ACTIVATIONS_DOC = 'rulesets';

export type RulesetActivationsDoc = Readonly<{ activations: readonly RecordedActivation[] }>;

/** Ruleset activations (stream `rulesets`), each with the instant it was recorded, which is when it took effect. */
export const rulesetActivationsProjection = defineProjection({
  name: 'ruleset_activations',
  canHandle: ['RulesetActivated'],
  documentIds: () => [RULESET_ACTIVATIONS_DOC],
  evolve: (doc: RulesetActivationsDoc | null, event): RulesetActivationsDoc => ({
    activations: [...(doc?.activations ?? []), { ...event.data, recordedAt: event.metadata.now }],
  }),
  columns: (doc) => ({ activations: doc.activations.length }),
});
