import { Body, Controller, Get, HttpCode, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { issuerDecider, type IssuerState, streamId } from '@credence/domain';
import { Ledger } from '@credence/ledger';
import { Roles } from '../../auth/roles';
import { type CommandContext, Context, etagOf } from '../../http/command-context';
import { created, decorate, existing } from '../../http/responses';
import { IdParam } from '../../http/id.pipe';
import { NoteDto } from '../common.dto';
import { LedgerCommand } from '../ledger-command';
import { AccreditIssuerDto, RegisterIssuerDto } from './issuers.dto';

@ApiTags('issuers')
@ApiBearerAuth()
@Controller('issuers')
export class IssuersController {
  constructor(
    private readonly commands: CommandBus,
    private readonly ledger: Ledger,
  ) {}

  @Post()
  @Roles('admin', 'qa-body')
  async register(@Body() body: RegisterIssuerDto, @Context() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    const outcome = await this.commands.execute(new LedgerCommand('RegisterIssuer', { body: { ...body }, ctx }));
    return created(reply, outcome, `/v1/issuers/${outcome.id}`);
  }

  @Post(':id/accreditations')
  @Roles('qa-body')
  async accredit(
    @IdParam() id: string,
    @Body() body: AccreditIssuerDto,
    @Context() ctx: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const outcome = await this.commands.execute(new LedgerCommand('AccreditIssuer', { body: { ...body }, ctx, targetId: id }));
    return created(reply, outcome, `/v1/issuers/${id}`);
  }

  @Post(':id/accreditations/:aid/suspension')
  @HttpCode(200)
  @Roles('qa-body')
  suspend(@IdParam() id: string, @IdParam('aid') aid: string, @Body() body: NoteDto, @Context() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.change('SuspendAccreditation', id, aid, body, ctx, reply);
  }

  @Post(':id/accreditations/:aid/withdrawal')
  @HttpCode(200)
  @Roles('qa-body')
  withdraw(@IdParam() id: string, @IdParam('aid') aid: string, @Body() body: NoteDto, @Context() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.change('WithdrawAccreditation', id, aid, body, ctx, reply);
  }

  @Get(':id')
  @Roles('admin', 'qa-body', 'issuer', 'auditor', 'regulator')
  async get(@IdParam() id: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const { state, version } = await this.ledger.load(issuerDecider, streamId('issuer', id));
    return existing(version, 'Issuer', id, () => {
      void reply.header('etag', etagOf(version));
      return { id, ...state };
    });
  }

  private async change(
    type: 'SuspendAccreditation' | 'WithdrawAccreditation',
    id: string,
    aid: string,
    body: NoteDto,
    ctx: CommandContext,
    reply: FastifyReply,
  ) {
    const outcome = await this.commands.execute(new LedgerCommand(type, { body: { ...body }, ctx, targetId: id, subId: aid }));
    decorate(reply, outcome);
    const state = outcome.result.state as IssuerState;
    return state.status === 'registered' ? state.accreditations.find((a) => a.accreditationId === aid) : undefined;
  }
}
