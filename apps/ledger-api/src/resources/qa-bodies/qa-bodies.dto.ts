import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO31661Alpha2, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import type { ToRequest } from '../command-request';
import { ID_PATTERN } from '../common.dto';

export class RegisterQaBodyDto {
  @ApiProperty({ example: 'NVAO' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  name!: string;

  @ApiProperty({ description: 'ISO 3166-1 alpha-2', example: 'NL' })
  @IsISO31661Alpha2()
  country!: string;

  @ApiPropertyOptional({ description: "The agency's id in the EQAR register", example: 'A12' })
  @IsOptional()
  @Matches(ID_PATTERN)
  eqarId?: string;
}

export const registerQaBody: ToRequest<'RegisterQaBody', RegisterQaBodyDto> = (body, ctx) => ({
  type: 'RegisterQaBody',
  data: { ...body, qaBodyId: ctx.newId },
  metadata: ctx.metadata,
});
