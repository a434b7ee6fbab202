import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import type { CompletionRule } from '@credence/domain';
import type { ToRequest } from '../command-request';
import { CAPS, ID_PATTERN } from '../common.dto';

export class CompletionRuleDto {
  @ApiProperty({ enum: ['all-of', 'n-of'] }) @IsIn(['all-of', 'n-of']) kind!: 'all-of' | 'n-of';

  @ApiPropertyOptional({ description: 'Required for n-of' })
  @ValidateIf((rule: CompletionRuleDto) => rule.kind === 'n-of')
  @IsInt()
  @Min(1)
  @Max(CAPS.ids)
  n?: number;
}

export class PublishPathwayDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(300) title!: string;

  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(CAPS.ids)
  @Matches(ID_PATTERN, { each: true })
  components!: string[];

  @ApiProperty({ type: CompletionRuleDto })
  @IsObject()
  @ValidateNested()
  @Type(() => CompletionRuleDto)
  completion!: CompletionRuleDto;

  @ApiProperty({
    description:
      'The ECTS the components of a stack must total. A component whose specification states its workload in ' +
      'hours only counts 0 ECTS here (the award names it in `zeroEctsComponentIds`).',
  })
  @IsNumber()
  @Min(0)
  @Max(CAPS.ects)
  minimumEcts!: number;

  @ApiPropertyOptional({
    description:
      "ISO 8601 duration: a stack on this pathway is valid that long from its award. Absent, a stack ends with its components' earliest `validUntil`.",
    example: 'P5Y',
  })
  @IsOptional()
  @Matches(/^P(?!$)(\d{1,4}Y)?(\d{1,4}M)?(\d{1,4}W)?(\d{1,5}D)?$/)
  stackValidity?: string;
}

export class AwardStackedCredentialDto {
  @ApiProperty() @Matches(ID_PATTERN) pathwayId!: string;
  @ApiProperty() @Matches(ID_PATTERN) learnerId!: string;

  @ApiProperty({
    type: [String],
    description:
      "The learner's active credentials that complete the pathway. A credential backs at most one stack per " +
      'pathway (409 `stack.component-reused`).',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(CAPS.ids)
  @Matches(ID_PATTERN, { each: true })
  componentCredentialIds!: string[];
}

const completionRule = ({ kind, n }: CompletionRuleDto): CompletionRule =>
  kind === 'n-of' ? { kind, n: n ?? 0 } : { kind };

export const publishPathway: ToRequest<'PublishPathway', PublishPathwayDto> = (body, ctx) => ({
  type: 'PublishPathway',
  data: { ...body, completion: completionRule(body.completion), pathwayId: ctx.newId },
  metadata: ctx.metadata,
});

export const awardStackedCredential: ToRequest<'AwardStackedCredential', AwardStackedCredentialDto> = (
  body,
  ctx,
) => ({
  type: 'AwardStackedCredential',
  data: { ...body, stackId: ctx.newId },
  metadata: ctx.metadata,
});
