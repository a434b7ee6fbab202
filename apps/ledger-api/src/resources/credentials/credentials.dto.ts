import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import {
  type IssuedCredentialState,
  AB_INITIO,
  AB_INITIO_REASONS,
  REVOCATION_REASONS,
  type RevocationReason,
  SUSPENSION_REASONS,
  type SuspensionReason,
} from '@credence/domain';
import { type CommandRequest, reissueIdFor } from '@credence/ledger';
import type { CommandContext } from '../../http/command-context';
import { CAPS, EFFECTIVE_AT, EffectiveChangeDto, ID_PATTERN, IsInstant, NoteDto } from '../common.dto';
import { routeId, type ToRequest } from '../command-request';

export class IssueCredentialDto {
  @ApiProperty() @Matches(ID_PATTERN) specificationId!: string;
  @ApiProperty({ example: 'lrn-7f3a9c' }) @Matches(ID_PATTERN) learnerId!: string;

  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(CAPS.ids)
  @Matches(ID_PATTERN, { each: true })
  assessmentIds!: string[];

  @ApiProperty({ format: 'date-time' }) @IsInstant() validFrom!: string;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsInstant() validUntil?: string;
}

/** Reason codes are a controlled list, but checking membership is the ruleset's and domain's job. */
export class SuspendCredentialDto extends EffectiveChangeDto {
  @ApiProperty({ enum: SUSPENSION_REASONS }) @IsString() @IsNotEmpty() @MaxLength(100) reason!: string;
}

export class RevokeCredentialDto extends NoteDto {
  @ApiProperty({ enum: REVOCATION_REASONS }) @IsString() @IsNotEmpty() @MaxLength(100) reason!: string;

  @ApiPropertyOptional({
    description:
      `${EFFECTIVE_AT} Or "${AB_INITIO}" for reasons ${AB_INITIO_REASONS.join(', ')}: never valid, so revoked ` +
      'at every instant (recorded as effective from validFrom, with abInitio: true).',
    oneOf: [
      { type: 'string', format: 'date-time' },
      { type: 'string', enum: [AB_INITIO] },
    ],
  })
  @IsOptional()
  @ValidateIf((body: RevokeCredentialDto) => body.effectiveAt !== AB_INITIO)
  @IsInstant()
  effectiveAt?: string;
}

/** A correction: only the validity may change; the rest is the corrected credential's. */
export class ReissueCredentialDto {
  @ApiProperty({ example: 'corrected validity', maxLength: CAPS.longText })
  @IsString()
  @IsNotEmpty()
  @MaxLength(CAPS.longText)
  note!: string;

  @ApiPropertyOptional({ format: 'date-time', description: "Defaults to the corrected credential's" })
  @IsOptional()
  @IsInstant()
  validFrom?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    description:
      "Defaults to the corrected credential's when validFrom is kept, else to the specification's credentialValidity",
  })
  @IsOptional()
  @IsInstant()
  validUntil?: string;
}

/**
 * The re-issue of `corrected` as the issuance it is: same learner, specification and assessments
 * (the decider checks them against the corrected credential again), under an id derived from it.
 */
export const reissueCredential = (
  body: ReissueCredentialDto,
  ctx: CommandContext,
  corrected: IssuedCredentialState,
): CommandRequest<'IssueCredential'> => {
  const validFrom = body.validFrom ?? corrected.validFrom;
  const validUntil = body.validUntil ?? (body.validFrom === undefined ? corrected.validUntil : undefined);
  return {
    type: 'IssueCredential',
    data: {
      credentialId: reissueIdFor(corrected.credentialId),
      supersedes: corrected.credentialId,
      reissueNote: body.note,
      specificationId: corrected.specificationId,
      learnerId: corrected.learner.id,
      assessmentIds: corrected.assessmentIds,
      validFrom,
      ...(validUntil !== undefined ? { validUntil } : {}),
    },
    metadata: ctx.metadata,
  };
};

export const issueCredential: ToRequest<'IssueCredential', IssueCredentialDto> = (body, ctx) => ({
  type: 'IssueCredential',
  data: { ...body, credentialId: ctx.newId },
  metadata: ctx.metadata,
});

/*
 * Reason codes pass through as given: an unknown one is the rules' finding and the decider's
 * refusal (credential.reason-unknown), not a validation error, so the type is asserted here.
 */
export const suspendCredential: ToRequest<'SuspendCredential', SuspendCredentialDto> = (
  body,
  ctx,
  route,
) => ({
  type: 'SuspendCredential',
  data: { ...body, reason: body.reason as SuspensionReason, credentialId: routeId(route) },
  metadata: ctx.metadata,
});

export const reinstateCredential: ToRequest<'ReinstateCredential', EffectiveChangeDto> = (
  body,
  ctx,
  route,
) => ({
  type: 'ReinstateCredential',
  data: { ...body, credentialId: routeId(route) },
  metadata: ctx.metadata,
});

export const revokeCredential: ToRequest<'RevokeCredential', RevokeCredentialDto> = (body, ctx, route) => ({
  type: 'RevokeCredential',
  data: { ...body, reason: body.reason as RevocationReason, credentialId: routeId(route) },
  metadata: ctx.metadata,
});
