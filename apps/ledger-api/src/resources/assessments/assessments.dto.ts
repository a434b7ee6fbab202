import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { routeId, type ToRequest } from '../command-request';
import { CAPS, ID_PATTERN, IsInstant, type NoteDto } from '../common.dto';

/** Open Badges 3.0 IdentityObject: a salted hash, never the identifier itself. */
export class LearnerIdentityDto {
  @ApiProperty({ example: 'emailAddress' }) @IsString() @IsNotEmpty() @MaxLength(100) identityType!: string;

  @ApiProperty({ example: 'sha256$3b5d…' })
  @Matches(/^sha256\$[0-9a-f]{64}$/, {
    message: 'identityHash must be sha256$ followed by 64 lowercase hex digits',
  })
  identityHash!: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) salt?: string;
}

export class LearnerDto {
  @ApiProperty({ example: 'lrn-7f3a9c', description: 'Pseudonymous learner id' })
  @Matches(ID_PATTERN, { message: 'learner.id must be a pseudonymous id (letters, digits, . _ : -)' })
  id!: string;

  @ApiPropertyOptional({ type: LearnerIdentityDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => LearnerIdentityDto)
  identity?: LearnerIdentityDto;
}

export class AssessmentResultDto {
  @ApiProperty({ enum: ['pass', 'fail'] }) @IsIn(['pass', 'fail']) outcome!: 'pass' | 'fail';
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(50) grade?: string;
  /** Any grading scale fits in ±1,000,000; beyond that a number is a mistake, not a score. */
  @ApiPropertyOptional() @IsOptional() @IsNumber() @Min(-1_000_000) @Max(1_000_000) score?: number;
}

export class RecordAssessmentDto {
  @ApiProperty() @Matches(ID_PATTERN) specificationId!: string;

  @ApiProperty({ type: LearnerDto })
  @IsObject()
  @ValidateNested()
  @Type(() => LearnerDto)
  learner!: LearnerDto;

  @ApiProperty({ type: AssessmentResultDto })
  @IsObject()
  @ValidateNested()
  @Type(() => AssessmentResultDto)
  result!: AssessmentResultDto;

  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(CAPS.shortText) assessor!: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(CAPS.shortText) method!: string;
  @ApiProperty({ format: 'date-time' }) @IsInstant() assessedAt!: string;

  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMaxSize(CAPS.entries)
  @IsString({ each: true })
  @MaxLength(CAPS.longText, { each: true })
  evidence!: string[];
}

export const recordAssessment: ToRequest<'RecordAssessment', RecordAssessmentDto> = (body, ctx) => ({
  type: 'RecordAssessment',
  data: { ...body, assessmentId: ctx.newId },
  metadata: ctx.metadata,
});

export const annulAssessment: ToRequest<'AnnulAssessment', NoteDto> = (body, ctx, route) => ({
  type: 'AnnulAssessment',
  data: { ...body, assessmentId: routeId(route) },
  metadata: ctx.metadata,
});
