import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

const MAX_SIZE = Number.MAX_SAFE_INTEGER;

/** Non-negative integers only; the log service checks them against the latest checkpoint. */
const Count =
  (description: string, min = 0) =>
  (target: object, key: string) => {
    Type(() => Number)(target, key);
    IsInt()(target, key);
    Min(min)(target, key);
    Max(MAX_SIZE)(target, key);
    ApiProperty({ description, minimum: min })(target, key);
  };

export class CheckpointQueryDto {
  @ApiPropertyOptional({
    description: 'A tree size for which a checkpoint was signed; omit for the latest',
    minimum: 1,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_SIZE)
  treeSize?: number;
}

export class InclusionQueryDto {
  @Count("0-based index of the leaf (the event's place in the global log)")
  leafIndex!: number;

  @Count('Tree size of the checkpoint to prove against', 1)
  treeSize!: number;
}

export class ConsistencyQueryDto {
  @Count('The earlier tree size', 1)
  from!: number;

  @Count('The later tree size', 1)
  to!: number;
}

export class InclusionProofDto {
  @ApiProperty() leafIndex!: number;
  @ApiProperty() treeSize!: number;
  @ApiProperty({ type: [String], description: 'Base64 node hashes, leaf level first (RFC 9162 audit path)' })
  hashes!: string[];
}

export class ConsistencyProofDto {
  @ApiProperty() from!: number;
  @ApiProperty() to!: number;
  @ApiProperty({ type: [String], description: 'Base64 node hashes (RFC 9162 consistency proof)' })
  hashes!: string[];
}

export class LeafDto {
  @ApiProperty() leafIndex!: number;
  @ApiProperty({ description: 'Base64 SHA-256(0x00 ‖ event hash)' }) leafHash!: string;
  @ApiProperty({ description: "The event's hex SHA-256 hash, the leaf input" }) eventHash!: string;
}
