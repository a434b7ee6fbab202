import { Body, Controller, Get, HttpCode, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { specificationDecider, streamId } from '@credence/domain';
import { Ledger } from '@credence/ledger';
import { Roles } from '../../auth/roles';
import { type CommandContext, Context, etagOf } from '../../http/command-context';
import { IdParam } from '../../http/id.pipe';
import { created, decorate, existing } from '../../http/responses';
import { NoteDto } from '../common.dto';
import { PublishSpecificationDto } from './specifications.dto';
import { LedgerCommand } from '../ledger-command';

@ApiTags('specifications')
@ApiBearerAuth()
@Controller('specifications')
export class SpecificationsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly ledger: Ledger,
  ) {}

  @Post()
  @Roles('issuer')
  async publish(@Body() body: PublishSpecificationDto, @Context() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    const outcome = await this.commands.execute(new LedgerCommand('PublishSpecification', { body: { ...body }, ctx }));
    return created(reply, outcome, `/v1/specifications/${outcome.id}`);
  }

  @Post(':id/retirement')
  @HttpCode(200)
  @Roles('issuer')
  async retire(@IdParam() id: string, @Body() body: NoteDto, @Context() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    const outcome = await this.commands.execute(new LedgerCommand('RetireSpecification', { body: { ...body }, ctx, targetId: id }));
    decorate(reply, outcome);
    return { id, ...(outcome.result.state as object) };
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
