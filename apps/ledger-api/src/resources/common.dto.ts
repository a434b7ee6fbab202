import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

/** Pseudonymous ids and resource ids: no spaces, no '@', so e-mail addresses cannot slip in as ids. */
export const ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

export class NoteDto {
  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}
