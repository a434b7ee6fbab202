import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';
import type { Role } from '@credence/domain';
import { ID_PATTERN, IsInstant } from '../common.dto';

export const ROLES: readonly Role[] = ['admin', 'qa-body', 'issuer', 'auditor', 'regulator', 'metrics'];

export class CreatePrincipalDto {
  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role!: Role;

  @ApiPropertyOptional({ description: 'Required for role issuer: the one issuer this principal acts for' })
  @ValidateIf((dto: CreatePrincipalDto) => dto.role === 'issuer' || dto.issuerId !== undefined)
  @IsString()
  @Matches(ID_PATTERN)
  issuerId?: string;

  @ApiPropertyOptional({ description: 'Required for role qa-body: the one QA body this principal acts for' })
  @ValidateIf((dto: CreatePrincipalDto) => dto.role === 'qa-body' || dto.qaBodyId !== undefined)
  @IsString()
  @Matches(ID_PATTERN)
  qaBodyId?: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'After this instant the token is refused with 401 token.expired',
  })
  @IsOptional()
  @IsString()
  @IsInstant()
  expiresAt?: string;
}
