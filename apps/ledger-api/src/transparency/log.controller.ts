import { applyDecorators, Controller, Get, Header, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Public, Roles } from '../auth/roles';
import {
  ConsistencyProofDto,
  CheckpointQueryDto,
  ConsistencyQueryDto,
  InclusionProofDto,
  InclusionQueryDto,
  LeafDto,
} from './log.dto';
import { LogRuntime } from './log-runtime';
import { PUBLIC_LOG_RATE_LIMIT } from './rate-limit';

/** A route anyone may call without a token, limited per client address. */
const PublicLogRoute = () => applyDecorators(Public(), RouteConfig(PUBLIC_LOG_RATE_LIMIT));
const TextPlain = () =>
  applyDecorators(Header('content-type', 'text/plain; charset=utf-8'), ApiProduces('text/plain'));

/**
 * The transparency log, public because it discloses hashes only: anyone may pin the key, follow
 * checkpoints and check proofs. Every public route is rate-limited per client address.
 */
@ApiTags('transparency log')
@Controller('log')
export class LogController {
  constructor(private readonly runtime: LogRuntime) {}

  @Get('checkpoint')
  @PublicLogRoute()
  @TextPlain()
  checkpoint(@Query() query: CheckpointQueryDto): string {
    const log = this.runtime.log;
    return (query.treeSize === undefined ? log.latest() : log.checkpoint(query.treeSize)).note;
  }

  /** Signs a checkpoint now rather than at the next tick (e.g. before an audit). */
  @Post('checkpoint')
  @Roles('admin')
  @TextPlain()
  signNow(): string {
    this.runtime.signNow();
    return this.runtime.log.latest().note;
  }

  @Get('key')
  @PublicLogRoute()
  @TextPlain()
  key(): string {
    return `${this.runtime.log.vkey}\n`;
  }

  @Get('proofs/inclusion')
  @PublicLogRoute()
  @ApiOkResponse({ type: InclusionProofDto })
  inclusion(@Query() query: InclusionQueryDto): InclusionProofDto {
    return this.runtime.log.inclusion(query.leafIndex, query.treeSize);
  }

  @Get('proofs/consistency')
  @PublicLogRoute()
  @ApiOkResponse({ type: ConsistencyProofDto })
  consistency(@Query() query: ConsistencyQueryDto): ConsistencyProofDto {
    return this.runtime.log.consistency(query.from, query.to);
  }

  @Get('leaves/:leafIndex')
  @PublicLogRoute()
  @ApiOkResponse({ type: LeafDto })
  leaf(@Param('leafIndex', new ParseIntPipe({ errorHttpStatusCode: 400 })) leafIndex: number): LeafDto {
    return this.runtime.log.leaf(leafIndex);
  }
}
