import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

export class BatchViewQueryDto {
  @ApiPropertyOptional({
    enum: ['true', 'false'],
    default: 'true',
    description:
      'false: the status and counts alone, for a progress poll (the results of a 10,000-row batch are ~1.6 MB)',
  })
  @IsOptional()
  @IsIn(['true', 'false'])
  results?: 'true' | 'false';
}
