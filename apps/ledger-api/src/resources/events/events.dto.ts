import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

export class PageDto {
  @ApiPropertyOptional({ default: 100, maximum: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}

export class EventsQueryDto extends PageDto {
  @ApiPropertyOptional({
    description: 'Exclusive global position to read after; omit for the start of the log',
  })
  @IsOptional()
  @Matches(/^\d{1,20}(?::\d{1,20})?$/, { message: 'after must be a position this API returned' })
  after?: string;
}

export class StreamEventsQueryDto extends PageDto {
  @ApiPropertyOptional({ default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  fromVersion?: number;
}
