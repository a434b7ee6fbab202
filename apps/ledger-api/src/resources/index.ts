import { AssessmentsController } from './assessments/assessments.controller';
import { CredentialBatchesController } from './credential-batches/credential-batches.controller';
import { CredentialsController } from './credentials/credentials.controller';
import { EventsController } from './events/events.controller';
import { IssuerKeysController } from './issuers/issuer-keys.controller';
import { IssuersController } from './issuers/issuers.controller';
import { PathwaysController } from './pathways/pathways.controller';
import { PrincipalsController } from './principals/principals.controller';
import { QaBodiesController } from './qa-bodies/qa-bodies.controller';
import { RulesController } from './rules/rules.controller';
import { SpecificationsController } from './specifications/specifications.controller';

export const RESOURCE_CONTROLLERS = [
  PrincipalsController,
  QaBodiesController,
  IssuersController,
  IssuerKeysController,
  SpecificationsController,
  AssessmentsController,
  CredentialsController,
  CredentialBatchesController,
  PathwaysController,
  EventsController,
  RulesController,
];
