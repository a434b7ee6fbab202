import { erase } from '../projection';
import { credentialsProjection } from './credentials';
import { findingsProjection } from './findings';
import { issuersProjection } from './issuers';
import { leadTimesProjection } from './lead-times';
import { pathwaysProjection } from './pathways';
import { rulesetActivationsProjection } from './ruleset-activations';
import { specificationsProjection } from './specifications';
import { stacksProjection } from './stacks';
import { statusEntriesProjection } from './status-entries';

export * from './credentials';
export * from './findings';
export * from './issuers';
export * from './lead-times';
export * from './pathways';
export * from './ruleset-activations';
export * from './specifications';
export * from './stacks';
export * from './status-entries';

/** Every read model the projector maintains, in the order it applies a batch. */
export const PROJECTIONS = [
  erase(issuersProjection),
  erase(specificationsProjection),
  erase(credentialsProjection),
  erase(leadTimesProjection),
  erase(findingsProjection),
  erase(pathwaysProjection),
  erase(stacksProjection),
  erase(statusEntriesProjection),
  erase(rulesetActivationsProjection),
] as const;

export const PROJECTION_NAMES = PROJECTIONS.map((p) => p.name);
