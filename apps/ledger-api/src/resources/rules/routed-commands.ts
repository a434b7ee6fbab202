import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { CredenceCommandType } from '@credence/domain';
import type { CommandRequest } from '@credence/ledger';
import type { CommandContext } from '../../http/command-context';
import { fieldErrors } from '../../http/field-errors';
import { RequestValidationError } from '../../http/problem';
import { annulAssessment, RecordAssessmentDto, recordAssessment } from '../assessments/assessments.dto';
import type { RouteIds, ToRequest } from '../command-request';
import { NoteDto } from '../common.dto';
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
} from '../specifications/specifications.dto';

type BodyToRequest<T extends CredenceCommandType> = (
  body: Record<string, unknown>,
  ctx: CommandContext,
  route: RouteIds,
) => Promise<CommandRequest<T>>;

/** Validates a raw body with the route's DTO exactly as the route does, then maps it the same way. */
const routed =
  <T extends CredenceCommandType, Body extends object>(
    dto: new () => Body,
    toRequest: ToRequest<T, Body>,
  ): BodyToRequest<T> =>
  async (body, ctx, route) => {
    const instance = plainToInstance(dto, body);
    const errors = await validate(instance, { whitelist: true, forbidNonWhitelisted: true });
    if (errors.length > 0) {
      throw new RequestValidationError(fieldErrors(errors, 'command.body'));
    }
    return toRequest(instance, ctx, route);
  };

/** Commands sent by the system, never through a route. */
type SystemCommandType = 'InvalidateStackedCredential' | 'CredentialAssessment' | 'ReleaseAssessment';
/** Access changes: admin routes with no rules worth a dry run, and a token that must be made first. */
type AccessCommandType = 'CreatePrincipal' | 'DisablePrincipal' | 'RotatePrincipalToken';
export type RoutedCommandType = Exclude<CredenceCommandType, SystemCommandType | AccessCommandType>;

/**
 * Each routed command's DTO and mapping, so a dry run (`POST /rules/evaluate`) builds exactly the
 * command its route would. The compiler asks for an entry when a command type is added.
 */
const ROUTED = {
  RegisterQaBody: routed(RegisterQaBodyDto, registerQaBody),
  RegisterIssuer: routed(RegisterIssuerDto, registerIssuer),
  AccreditIssuer: routed(AccreditIssuerDto, accreditIssuer),
  SuspendAccreditation: routed(NoteDto, suspendAccreditation),
  ReinstateAccreditation: routed(NoteDto, reinstateAccreditation),
  WithdrawAccreditation: routed(NoteDto, withdrawAccreditation),
  PublishSpecification: routed(PublishSpecificationDto, publishSpecification),
  RetireSpecification: routed(NoteDto, retireSpecification),
  RecordAssessment: routed(RecordAssessmentDto, recordAssessment),
  AnnulAssessment: routed(NoteDto, annulAssessment),
  IssueCredential: routed(IssueCredentialDto, issueCredential),
  SuspendCredential: routed(SuspendCredentialDto, suspendCredential),
  ReinstateCredential: routed(NoteDto, reinstateCredential),
  RevokeCredential: routed(RevokeCredentialDto, revokeCredential),
  PublishPathway: routed(PublishPathwayDto, publishPathway),
  AwardStackedCredential: routed(AwardStackedCredentialDto, awardStackedCredential),
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
