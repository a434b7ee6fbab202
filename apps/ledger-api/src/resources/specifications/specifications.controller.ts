import { Body, Controller, Get, HttpCode, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { specificationDecider, streamId } from '@credence/domain';
import { Ledger } from '@credence/ledger';
import { Roles } from '../../auth/roles';
import { type CommandContext, Context, etagOf } from '../../http/command-context';
import { IdParam } from '../../http/id.pipe';
import { created, decorate, existing } from '../../http/responses';
import { NoteDto } from '../common.dto';
import {
  PublishSpecificationDto,
  publishSpecification,
  retireSpecification,
  reviseSpecification,
} from './specifications.dto';

@ApiTags('specifications')
@ApiBearerAuth()
@Controller('specifications')
export class SpecificationsController {
  constructor(private readonly ledger: Ledger) {}

  @Post()
  @Roles('issuer')
  async publish(
    @Body() body: PublishSpecificationDto,
    @Context() ctx: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const result = await this.ledger.handle(publishSpecification(body, ctx, {}), ctx);
    return created(reply, { id: ctx.newId, result }, `/v1/specifications/${ctx.newId}`);
  }

  /** A new version with the full content (201 with its number); a repeat of the current content is a no-op. */
  @Post(':id/revisions')
  @Roles('issuer')
  async revise(
    @IdParam() id: string,
    @Body() body: PublishSpecificationDto,
    @Context() ctx: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const result = await this.ledger.handle(reviseSpecification(body, ctx, { id }), ctx);
    decorate(reply, { id, result }, `/v1/specifications/${id}`);
    return { id, version: result.state.status === 'absent' ? 0 : result.state.version };
  }

  @Post(':id/retirement')
  @HttpCode(200)
  @Roles('issuer')
  async retire(
    @IdParam() id: string,
    @Body() body: NoteDto,
    @Context() ctx: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const result = await this.ledger.handle(retireSpecification(body, ctx, { id }), ctx);
    decorate(reply, { id, result });
    return { id, ...result.state };
  }

  /** Specifications are public offerings: every role may read any of them. */
  @Get(':id')
  @Roles('admin', 'qa-body', 'issuer', 'auditor', 'regulator')
  async get(@IdParam() id: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const { state, version } = await this.ledger.load(specificationDecider, streamId('specification', id));
    return existing(version, 'Specification', id, () => {
      void reply.header('etag', etagOf(version));
      return { id, ...state };
    });
  }
}
