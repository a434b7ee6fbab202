import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { ID_PATTERN } from '../common.dto';
import { ROUTED_COMMAND_TYPES, type RoutedCommandType } from './routed-commands';

export class RulesetRefDto {
  @ApiProperty({ example: 'eu-microcredentials' }) @IsString() @IsNotEmpty() @MaxLength(200) id!: string;
  @ApiProperty({ example: '2026' }) @IsString() @IsNotEmpty() @MaxLength(50) version!: string;
}

export class EvaluatedCommandDto {
  @ApiProperty({ enum: ROUTED_COMMAND_TYPES }) @IsIn(ROUTED_COMMAND_TYPES) type!: RoutedCommandType;

  @ApiProperty({ description: 'The body the command route would receive' })
  @IsObject()
  body!: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'The id in the route for commands on an existing resource' })
  @IsOptional()
  @Matches(ID_PATTERN)
  targetId?: string;

  @ApiPropertyOptional({ description: 'The accreditation id, for accreditation suspension or withdrawal' })
  @IsOptional()
  @Matches(ID_PATTERN)
  accreditationId?: string;

  @ApiPropertyOptional({ description: 'For non-issuer principals: the issuer the command would act for' })
  @IsOptional()
  @Matches(ID_PATTERN)
  issuerId?: string;
}

export class EvaluateDto {
  @ApiPropertyOptional({ type: RulesetRefDto, description: 'Defaults to the active ruleset' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => RulesetRefDto)
  ruleset?: RulesetRefDto;

  @ApiProperty({ type: EvaluatedCommandDto })
  @IsObject()
  @ValidateNested()
  @Type(() => EvaluatedCommandDto)
  command!: EvaluatedCommandDto;
}
