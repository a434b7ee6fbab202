import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsISO31661Alpha2,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import type { CommandContext } from '../../http/command-context';
import { CAPS, type EffectiveChangeDto, IsInstant } from '../common.dto';
import { type RouteIds, routeId, type ToRequest } from '../command-request';

export class RegisterIssuerDto {
  @ApiProperty({ example: 'Hogeschool Utrecht' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  legalName!: string;

  @ApiProperty({ description: 'ISO 3166-1 alpha-2', example: 'NL' })
  @IsISO31661Alpha2()
  country!: string;

  @ApiProperty({ example: 'KVK-30220914' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  registrationId!: string;
}

export class AccreditationScopeDto {
  @ApiPropertyOptional({
    type: [Number],
    example: [5, 6, 7],
    description: 'Omitted: all levels, the only scope that covers a specification without EQF level',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(8)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(8, { each: true })
  eqfLevels?: number[];

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(CAPS.entries)
  @IsString({ each: true })
  @MaxLength(CAPS.shortText, { each: true })
  fieldsOfStudy?: string[];
}

export class AccreditIssuerDto {
  @ApiPropertyOptional({
    example: 'NVAO',
    description:
      "The granting QA body is the principal's binding (qaBodyId); if given, this must name that same body (id or name)",
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  qaBody?: string;

  @ApiProperty({ type: AccreditationScopeDto })
  @IsObject()
  @ValidateNested()
  @Type(() => AccreditationScopeDto)
  scope!: AccreditationScopeDto;

  @ApiProperty({ example: '2026-01-01T00:00:00Z', format: 'date-time' })
  @IsInstant()
  validFrom!: string;

  @ApiProperty({ example: '2030-12-31T23:59:59Z', format: 'date-time' })
  @IsInstant()
  validUntil!: string;
}

export const registerIssuer: ToRequest<'RegisterIssuer', RegisterIssuerDto> = (body, ctx) => ({
  type: 'RegisterIssuer',
  data: { ...body, issuerId: ctx.newId },
  metadata: ctx.metadata,
});

export const accreditIssuer: ToRequest<'AccreditIssuer', AccreditIssuerDto> = (body, ctx, route) => ({
  type: 'AccreditIssuer',
  data: { ...body, issuerId: routeId(route), accreditationId: ctx.newId },
  metadata: ctx.metadata,
});

/** Accreditation changes name the accreditation in the route, under its issuer. */
const accreditationOf = (body: EffectiveChangeDto, ctx: CommandContext, route: RouteIds) => ({
  ...body,
  issuerId: routeId(route),
  accreditationId: route.subId ?? ctx.newId,
});

export const suspendAccreditation: ToRequest<'SuspendAccreditation', EffectiveChangeDto> = (
  body,
  ctx,
  route,
) => ({
  type: 'SuspendAccreditation',
  data: accreditationOf(body, ctx, route),
  metadata: ctx.metadata,
});

export const reinstateAccreditation: ToRequest<'ReinstateAccreditation', EffectiveChangeDto> = (
  body,
  ctx,
  route,
) => ({
  type: 'ReinstateAccreditation',
  data: accreditationOf(body, ctx, route),
  metadata: ctx.metadata,
});

export const withdrawAccreditation: ToRequest<'WithdrawAccreditation', EffectiveChangeDto> = (
  body,
  ctx,
  route,
) => ({
  type: 'WithdrawAccreditation',
  data: accreditationOf(body, ctx, route),
  metadata: ctx.metadata,
});
