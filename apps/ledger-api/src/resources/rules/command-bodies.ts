import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { RequestValidationError } from '../../http/problem';
import { RecordAssessmentDto as AssessmentsBody } from '../assessments/assessments.dto';
import { NoteDto } from '../common.dto';
import { IssueCredentialDto, RevokeCredentialDto, SuspendCredentialDto } from '../credentials/credentials.dto';
import { AccreditIssuerDto, RegisterIssuerDto } from '../issuers/issuers.dto';
import { AwardStackedCredentialDto, PublishPathwayDto } from '../pathways/pathways.dto';
import { PublishSpecificationDto } from '../specifications/specifications.dto';

/** The DTO each command route validates its body with, so a dry run validates exactly the same. */
const BODIES: Readonly<Record<string, new () => object>> = {
  RegisterIssuer: RegisterIssuerDto,
  AccreditIssuer: AccreditIssuerDto,
  SuspendAccreditation: NoteDto,
  WithdrawAccreditation: NoteDto,
  PublishSpecification: PublishSpecificationDto,
  RetireSpecification: NoteDto,
  RecordAssessment: AssessmentsBody,
  AnnulAssessment: NoteDto,
  IssueCredential: IssueCredentialDto,
  SuspendCredential: SuspendCredentialDto,
  ReinstateCredential: NoteDto,
  RevokeCredential: RevokeCredentialDto,
  PublishPathway: PublishPathwayDto,
  AwardStackedCredential: AwardStackedCredentialDto,
};

export const validateCommandBody = async (type: string, body: Record<string, unknown>): Promise<Record<string, unknown>> => {
  const dto = plainToInstance(BODIES[type], body);
  const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length > 0) {
    throw new RequestValidationError(
      errors.map((e) => ({ field: `command.body.${e.property}`, messages: Object.values(e.constraints ?? { nested: 'is not valid' }) })),
    );
  }
  return { ...dto };
};
