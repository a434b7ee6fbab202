import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsISO31661Alpha2,
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
import { CAPS, type NoteDto } from '../common.dto';
import { routeId, type ToRequest } from '../command-request';

/** Shape and types only: which Annex I elements are mandatory is the active ruleset's decision. */
export class AwardingBodyDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(300) legalName!: string;
  @ApiProperty() @IsISO31661Alpha2() country!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) id?: string;
}

export class NotionalWorkloadDto {
  @ApiPropertyOptional() @IsOptional() @IsNumber() @Min(0) @Max(CAPS.ects) ects?: number;
  @ApiPropertyOptional() @IsOptional() @IsNumber() @Min(0) @Max(CAPS.hours) hours?: number;
}

export class PublishSpecificationDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(300) title!: string;

  @ApiPropertyOptional({ type: [AwardingBodyDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(CAPS.awardingBodies)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => AwardingBodyDto)
  awardingBodies?: AwardingBodyDto[];

  @ApiPropertyOptional({ type: [String], example: ['NL'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(CAPS.countries)
  @IsISO31661Alpha2({ each: true })
  countries?: string[];

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(CAPS.entries)
  @IsString({ each: true })
  @MaxLength(1000, { each: true })
  learningOutcomes?: string[];

  @ApiPropertyOptional({ type: NotionalWorkloadDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => NotionalWorkloadDto)
  notionalWorkload?: NotionalWorkloadDto;

  @ApiPropertyOptional({ minimum: 1, maximum: 8 }) @IsOptional() @IsInt() @Min(1) @Max(8) eqfLevel?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) typeOfAssessment?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) formOfParticipation?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) typeOfQualityAssurance?: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(CAPS.entries)
  @IsString({ each: true })
  @MaxLength(1000, { each: true })
  prerequisites?: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  supervisionAndIdentityVerification?: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() stackable?: boolean;

  @ApiPropertyOptional({ description: 'ISO 8601 duration of the credentials it yields', example: 'P5Y' })
  @IsOptional()
  @Matches(/^P(?!$)(\d{1,4}Y)?(\d{1,4}M)?(\d{1,4}W)?(\d{1,5}D)?$/)
  credentialValidity?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) fieldOfStudy?: string;
}

export const publishSpecification: ToRequest<'PublishSpecification', PublishSpecificationDto> = (
  body,
  ctx,
) => ({
  type: 'PublishSpecification',
  data: { ...body, specificationId: ctx.newId },
  metadata: ctx.metadata,
});

/** The full body of the next version, as a publication takes it. */
export const reviseSpecification: ToRequest<'ReviseSpecification', PublishSpecificationDto> = (
  body,
  ctx,
  route,
) => ({
  type: 'ReviseSpecification',
  data: { ...body, specificationId: routeId(route) },
  metadata: ctx.metadata,
});

export const retireSpecification: ToRequest<'RetireSpecification', NoteDto> = (body, ctx, route) => ({
  type: 'RetireSpecification',
  data: { ...body, specificationId: routeId(route) },
  metadata: ctx.metadata,
});
