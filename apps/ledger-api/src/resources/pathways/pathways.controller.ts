import { Body, Controller, Get, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { pathwayDecider, type Principal, stackDecider, streamId } from '@credence/domain';
import { Ledger } from '@credence/ledger';
import { CurrentPrincipal, Roles } from '../../auth/roles';
import { type CommandContext, Context, etagOf } from '../../http/command-context';
import { IdParam } from '../../http/id.pipe';
import { assertMayRead } from '../../http/read-access';
import { created, existing } from '../../http/responses';
import { AwardStackedCredentialDto, PublishPathwayDto } from './pathways.dto';
import { LedgerCommand } from '../ledger-command';

@ApiTags('pathways')
@ApiBearerAuth()
@Controller()
export class PathwaysController {
  constructor(
    private readonly commands: CommandBus,
    private readonly ledger: Ledger,
  ) {}

  @Post('pathways')
  @Roles('issuer')
  async publish(@Body() body: PublishPathwayDto, @Context() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    const outcome = await this.commands.execute(new LedgerCommand('PublishPathway', { body: { ...body }, ctx }));
    return created(reply, outcome, `/v1/pathways/${outcome.id}`);
  }

  @Get('pathways/:id')
  @Roles('admin', 'qa-body', 'issuer', 'auditor', 'regulator')
  async pathway(@IdParam() id: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const { state, version } = await this.ledger.load(pathwayDecider, streamId('pathway', id));
    return existing(version, 'Pathway', id, () => {
      void reply.header('etag', etagOf(version));
      return { id, ...state };
    });
  }

  @Post('stacked-credentials')
  @Roles('issuer')
  async award(@Body() body: AwardStackedCredentialDto, @Context() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    const outcome = await this.commands.execute(new LedgerCommand('AwardStackedCredential', { body: { ...body }, ctx }));
    return created(reply, outcome, `/v1/stacked-credentials/${outcome.id}`);
  }

  @Get('stacked-credentials/:id')
  @Roles('admin', 'qa-body', 'issuer', 'auditor', 'regulator')
  async stack(@IdParam() id: string, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) reply: FastifyReply) {
    const { state, version } = await this.ledger.load(stackDecider, streamId('stack', id));
    return existing(version, 'Stacked credential', id, () => {
      assertMayRead(principal, 'issuerId' in state ? state.issuerId : undefined);
      void reply.header('etag', etagOf(version));
      return { id, ...state };
    });
  }
}
