import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMinSize, IsArray, IsISO8601, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { REVOCATION_REASONS, SUSPENSION_REASONS } from '@credence/domain';
import { ID_PATTERN, NoteDto } from '../common.dto';

export class IssueCredentialDto {
  @ApiProperty() @Matches(ID_PATTERN) specificationId!: string;
  @ApiProperty({ example: 'lrn-7f3a9c' }) @Matches(ID_PATTERN) learnerId!: string;

  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMinSize(1)
  @Matches(ID_PATTERN, { each: true })
  assessmentIds!: string[];

  @ApiProperty() @IsISO8601({ strict: true }) validFrom!: string;
  @ApiPropertyOptional() @IsOptional() @IsISO8601({ strict: true }) validUntil?: string;
}

/** Reason codes are a controlled list, but checking membership is the ruleset's and domain's job. */
export class SuspendCredentialDto extends NoteDto {
  @ApiProperty({ enum: SUSPENSION_REASONS }) @IsString() @IsNotEmpty() @MaxLength(100) reason!: string;
}

export class RevokeCredentialDto extends NoteDto {
  @ApiProperty({ enum: REVOCATION_REASONS }) @IsString() @IsNotEmpty() @MaxLength(100) reason!: string;
}
