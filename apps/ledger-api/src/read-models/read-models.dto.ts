import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { REGISTER_SORTS } from '@credence/projections';
import { ID_PATTERN, IsInstant } from '../resources/common.dto';

const POSITION = /^\d{1,20}(?::\d{1,20})?$/;

/** Read-your-writes on every read-model route. */
export class FreshnessQueryDto {
  @ApiPropertyOptional({
    description:
      'A `Credence-Position` a command returned. The answer waits until the read models it uses have projected that ' +
      'position, for at most `waitMs`; past that bound it is 503 `projection.behind` (with Retry-After). A position past ' +
      'the head of the log is 400 `position.ahead`, at once. The answer ' +
      'always carries `Credence-Projection-Position`: the position it reflects.',
    example: '42',
  })
  @IsOptional()
  @Matches(POSITION, { message: 'waitFor must be a position this API returned' })
  waitFor?: string;

  @ApiPropertyOptional({
    description: 'Bound of the wait, in milliseconds',
    default: 5000,
    minimum: 0,
    maximum: 30000,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(30000)
  waitMs?: number;
}

export class PageQueryDto extends FreshnessQueryDto {
  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional({
    description: 'The `next` cursor of the previous page (also in its `Link: rel="next"` header)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  cursor?: string;
}

const optionalNumber = () => Type(() => Number);

export class RegisterQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 6 })
  @IsOptional()
  @optionalNumber()
  @IsInt()
  @Min(1)
  @Max(8)
  eqfLevel?: number;
  @ApiPropertyOptional({ example: 3 }) @IsOptional() @optionalNumber() @IsNumber() @Min(0) minEcts?: number;
  @ApiPropertyOptional() @IsOptional() @optionalNumber() @IsNumber() @Min(0) maxEcts?: number;
  @ApiPropertyOptional() @IsOptional() @optionalNumber() @IsNumber() @Min(0) minHours?: number;
  @ApiPropertyOptional() @IsOptional() @optionalNumber() @IsNumber() @Min(0) maxHours?: number;
  @ApiPropertyOptional() @IsOptional() @Matches(ID_PATTERN) issuerId?: string;
  @ApiPropertyOptional({ example: 'project' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  typeOfAssessment?: string;
  @ApiPropertyOptional({ example: 'online' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  formOfParticipation?: string;
  @ApiPropertyOptional({ example: 'external accreditation' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  typeOfQualityAssurance?: string;
  @ApiPropertyOptional({ example: 'supervised-online-with-identity-verification' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  supervisionAndIdentityVerification?: string;

  @ApiPropertyOptional({ default: false, description: 'Also list retired specifications' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  includeRetired?: boolean;

  @ApiPropertyOptional({
    enum: [...REGISTER_SORTS, ...REGISTER_SORTS.map((s) => `-${s}`)],
    default: 'title',
    description: 'Sort key; a leading `-` sorts descending. Ties are broken by id.',
  })
  @IsOptional()
  @IsIn([...REGISTER_SORTS, ...REGISTER_SORTS.map((s) => `-${s}`)])
  sort?: string;
}

/** A specification id, optionally pinned to a version: `spec-a@2`. */
const VERSIONED_ID_PATTERN = new RegExp(`${ID_PATTERN.source.slice(0, -1)}(?:@\\d{1,9})?$`);

export class ComparisonQueryDto extends FreshnessQueryDto {
  @ApiPropertyOptional({
    description:
      'Comma-separated specification ids, 1 to 20, compared in this order; `id@2` pins a version, a bare id is the current one',
    example: 'spec-a@1,spec-a,spec-b',
    type: String,
  })
  @Transform(({ value }) => (typeof value === 'string' ? value.split(',').map((id) => id.trim()) : value))
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @Matches(VERSIONED_ID_PATTERN, {
    each: true,
    message: 'ids must be specification ids, optionally @version',
  })
  ids!: string[];
}

export class StatusAtQueryDto extends FreshnessQueryDto {
  @ApiPropertyOptional({
    description: 'RFC 3339 instant the status is asked for (valid time); default now',
    example: '2027-03-01T12:00:00Z',
  })
  @IsOptional()
  @IsInstant()
  at?: string;

  @ApiPropertyOptional({
    description:
      'RFC 3339 instant: answer as the ledger knew it then, counting only events recorded by then; default now. ' +
      'In the future it is 400 `status.as-of-in-future`; before the issuance (or award) was recorded the answer is `absent`.',
    example: '2027-05-31T00:00:00Z',
  })
  @IsOptional()
  @IsInstant()
  asOf?: string;
}
