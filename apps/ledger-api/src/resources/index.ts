import { AssessmentsController } from './assessments/assessments.controller';
import { AnnulAssessmentHandler, RecordAssessmentHandler } from './assessments/assessments.handlers';
import { CredentialsController } from './credentials/credentials.controller';
import { ChangeCredentialHandler, IssueCredentialHandler } from './credentials/credentials.handlers';
import { EventsController } from './events/events.controller';
import { IssuersController } from './issuers/issuers.controller';
import { IssuerAccreditationHandler, RegisterIssuerHandler } from './issuers/issuers.handlers';
import { PathwaysController } from './pathways/pathways.controller';
import { AwardStackedCredentialHandler, PublishPathwayHandler } from './pathways/pathways.handlers';
import { PrincipalsController } from './principals/principals.controller';
import { SpecificationsController } from './specifications/specifications.controller';
import { PublishSpecificationHandler, RetireSpecificationHandler } from './specifications/specifications.handlers';

export const RESOURCE_CONTROLLERS = [
  PrincipalsController,
  IssuersController,
  SpecificationsController,
  AssessmentsController,
  CredentialsController,
  PathwaysController,
  EventsController,
];

export const RESOURCE_HANDLERS = [
  RegisterIssuerHandler,
  IssuerAccreditationHandler,
  PublishSpecificationHandler,
  RetireSpecificationHandler,
  RecordAssessmentHandler,
  AnnulAssessmentHandler,
  IssueCredentialHandler,
  ChangeCredentialHandler,
  PublishPathwayHandler,
  AwardStackedCredentialHandler,
];
