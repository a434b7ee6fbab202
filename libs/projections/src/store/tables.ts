import type {
  credentialsProjection,
  findingsProjection,
  issuersProjection,
  leadTimesProjection,
  pathwaysProjection,
  rulesetActivationsProjection,
  specificationsProjection,
  stacksProjection,
  statusEntriesProjection,
} from '../projections';
import type { RowOf } from '../projection';

export const CHECKPOINTS_TABLE = 'projection_checkpoints';

/** The read-model tables as queries see them (the live set; a staging set has the same shape). */
export interface ReadModelTables {
  credentials: RowOf<typeof credentialsProjection>;
  specifications: RowOf<typeof specificationsProjection>;
  issuers: RowOf<typeof issuersProjection>;
  compliance_findings: RowOf<typeof findingsProjection>;
  assessment_lead_times: RowOf<typeof leadTimesProjection>;
  stacks: RowOf<typeof stacksProjection>;
  pathways: RowOf<typeof pathwaysProjection>;
  status_entries: RowOf<typeof statusEntriesProjection>;
  ruleset_activations: RowOf<typeof rulesetActivationsProjection>;
  projection_checkpoints: { name: string; position: string | null };
}

/** Tables addressed by name at run time (a projection's own, or a staging copy): writes only. */
export type AnyTables = Record<string, Record<string, string | number | null>>;
