import { ForbiddenException } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { CredenceCommandType, Role } from '@credence/domain';
import { ROLES_KEY } from '../../auth/roles';
import { AssessmentsController } from '../assessments/assessments.controller';
import { CredentialsController } from '../credentials/credentials.controller';
import { IssuerKeysController } from '../issuers/issuer-keys.controller';
import { IssuersController } from '../issuers/issuers.controller';
import { PathwaysController } from '../pathways/pathways.controller';
import { QaBodiesController } from '../qa-bodies/qa-bodies.controller';
import { SpecificationsController } from '../specifications/specifications.controller';
import type { CommandRequest } from '@credence/ledger';
import type { CommandContext } from '../../http/command-context';
import { fieldErrors } from '../../http/field-errors';
import { RequestValidationError } from '../../http/problem';
import { annulAssessment, RecordAssessmentDto, recordAssessment } from '../assessments/assessments.dto';
import type { RouteIds, ToRequest } from '../command-request';
import { EffectiveChangeDto, NoteDto } from '../common.dto';
import {
  IssueCredentialDto,
  issueCredential,
  reinstateCredential,
  RevokeCredentialDto,
  revokeCredential,
  SuspendCredentialDto,
  suspendCredential,
} from '../credentials/credentials.dto';
import {
  AccreditIssuerDto,
  accreditIssuer,
  RegisterIssuerDto,
  registerIssuer,
  reinstateAccreditation,
  suspendAccreditation,
  withdrawAccreditation,
} from '../issuers/issuers.dto';
import { ReportKeyCompromiseDto, reportKeyCompromise } from '../issuers/issuer-keys.dto';
import { RegisterQaBodyDto, registerQaBody } from '../qa-bodies/qa-bodies.dto';
import {
  AwardStackedCredentialDto,
  awardStackedCredential,
  PublishPathwayDto,
  publishPathway,
} from '../pathways/pathways.dto';
import {
  PublishSpecificationDto,
  publishSpecification,
  retireSpecification,
  reviseSpecification,
} from '../specifications/specifications.dto';

type BodyToRequest<T extends CredenceCommandType> = (
  body: Record<string, unknown>,
  ctx: CommandContext,
  route: RouteIds,
) => Promise<CommandRequest<T>>;

/** The method of the controller that takes the command live; its `@Roles` are the dry run's too. */
type RouteHandler = (...args: never[]) => unknown;

/**
 * Validates a raw body with the route's DTO exactly as the route does, then maps it the same way;
 * before that, refuses a caller whose role the route itself would refuse (403, as the guard does).
 */
const routed =
  <T extends CredenceCommandType, Body extends object>(
    route: RouteHandler,
    dto: new () => Body,
    toRequest: ToRequest<T, Body>,
  ): BodyToRequest<T> =>
  async (body, ctx, ids) => {
    const roles = Reflect.getMetadata(ROLES_KEY, route) as readonly Role[] | undefined;
    const { role } = ctx.metadata.principal;
    if (!roles?.includes(role))
      throw new ForbiddenException(`Role ${role} may not do this; allowed: ${(roles ?? []).join(', ')}`);
    const instance = plainToInstance(dto, body);
    const errors = await validate(instance, { whitelist: true, forbidNonWhitelisted: true });
    if (errors.length > 0) {
      throw new RequestValidationError(fieldErrors(errors, 'command.body'));
    }
    return toRequest(instance, ctx, ids);
  };

/**
 * Commands sent by the system, never through a route. ActivateIssuerKey carries a key the API
 * generated (first use, or `POST /issuers/{id}/keys`), never one from a request body.
 */
type SystemCommandType =
  | 'ReconcileStackedCredential'
  | 'ClaimStackComponents'
  | 'ReleaseStackComponents'
  | 'CredentialAssessment'
  | 'ReleaseAssessment'
  | 'ActivateIssuerKey'
  | 'ClaimStatusIndex'
  | 'ClaimStatusIndexes';
/** Access changes: admin routes with no rules worth a dry run, and a token that must be made first. */
type AccessCommandType = 'CreatePrincipal' | 'DisablePrincipal' | 'RotatePrincipalToken';
export type RoutedCommandType = Exclude<CredenceCommandType, SystemCommandType | AccessCommandType>;

const Assessments = AssessmentsController.prototype;
const Credentials = CredentialsController.prototype;
const Issuers = IssuersController.prototype;
const IssuerKeys = IssuerKeysController.prototype;
const Pathways = PathwaysController.prototype;
const QaBodies = QaBodiesController.prototype;
const Specifications = SpecificationsController.prototype;

/**
 * Each routed command's route, DTO and mapping, so a dry run (`POST /rules/evaluate`) builds exactly the
 * command its route would. The compiler asks for an entry when a command type is added.
 */
const ROUTED = {
  RegisterQaBody: routed(QaBodies.register, RegisterQaBodyDto, registerQaBody),
  RegisterIssuer: routed(Issuers.register, RegisterIssuerDto, registerIssuer),
  AccreditIssuer: routed(Issuers.accredit, AccreditIssuerDto, accreditIssuer),
  SuspendAccreditation: routed(Issuers.suspend, EffectiveChangeDto, suspendAccreditation),
  ReinstateAccreditation: routed(Issuers.reinstate, EffectiveChangeDto, reinstateAccreditation),
  WithdrawAccreditation: routed(Issuers.withdraw, EffectiveChangeDto, withdrawAccreditation),
  ReportIssuerKeyCompromise: routed(IssuerKeys.compromise, ReportKeyCompromiseDto, reportKeyCompromise),
  PublishSpecification: routed(Specifications.publish, PublishSpecificationDto, publishSpecification),
  ReviseSpecification: routed(Specifications.revise, PublishSpecificationDto, reviseSpecification),
  RetireSpecification: routed(Specifications.retire, NoteDto, retireSpecification),
  RecordAssessment: routed(Assessments.record, RecordAssessmentDto, recordAssessment),
  AnnulAssessment: routed(Assessments.annul, NoteDto, annulAssessment),
  IssueCredential: routed(Credentials.issue, IssueCredentialDto, issueCredential),
  SuspendCredential: routed(Credentials.suspend, SuspendCredentialDto, suspendCredential),
  ReinstateCredential: routed(Credentials.reinstate, EffectiveChangeDto, reinstateCredential),
  RevokeCredential: routed(Credentials.revoke, RevokeCredentialDto, revokeCredential),
  PublishPathway: routed(Pathways.publish, PublishPathwayDto, publishPathway),
  AwardStackedCredential: routed(Pathways.award, AwardStackedCredentialDto, awardStackedCredential),
} satisfies { readonly [T in RoutedCommandType]: BodyToRequest<T> };

export const ROUTED_COMMAND_TYPES = Object.keys(ROUTED);

export const isRoutedCommandType = (type: string): type is RoutedCommandType =>
  Object.prototype.hasOwnProperty.call(ROUTED, type);

/** The typed command a route would build from `body`; 400 when the body would not pass the route. */
export const requestFromBody = (
  type: RoutedCommandType,
  body: Record<string, unknown>,
  ctx: CommandContext,
  route: RouteIds,
): Promise<CommandRequest> => ROUTED[type](body, ctx, route);
