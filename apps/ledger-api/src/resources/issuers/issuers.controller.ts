import { Body, Controller, Get, HttpCode, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { issuerDecider, streamId } from '@credence/domain';
import { type CommandRequest, Ledger } from '@credence/ledger';
import { Roles } from '../../auth/roles';
import { type CommandContext, Context, etagOf } from '../../http/command-context';
import { created, decorate, existing } from '../../http/responses';
import { IdParam } from '../../http/id.pipe';
import { EffectiveChangeDto } from '../common.dto';
import {
  AccreditIssuerDto,
  accreditIssuer,
  RegisterIssuerDto,
  registerIssuer,
  reinstateAccreditation,
  suspendAccreditation,
  withdrawAccreditation,
} from './issuers.dto';

@ApiTags('issuers')
@ApiBearerAuth()
@Controller('issuers')
export class IssuersController {
  constructor(private readonly ledger: Ledger) {}

  @Post()
  @Roles('admin', 'qa-body')
  async register(
    @Body() body: RegisterIssuerDto,
    @Context() ctx: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const result = await this.ledger.handle(registerIssuer(body, ctx, {}), ctx);
    return created(reply, { id: ctx.newId, result }, `/v1/issuers/${ctx.newId}`);
  }

  @Post(':id/accreditations')
  @Roles('qa-body')
  async accredit(
    @IdParam() id: string,
    @Body() body: AccreditIssuerDto,
    @Context() ctx: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const result = await this.ledger.handle(accreditIssuer(body, ctx, { id }), ctx);
    return created(reply, { id: ctx.newId, result }, `/v1/issuers/${id}`);
  }

  @Post(':id/accreditations/:aid/suspension')
  @HttpCode(200)
  @Roles('qa-body')
  suspend(
    @IdParam() id: string,
    @IdParam('aid') aid: string,
    @Body() body: EffectiveChangeDto,
    @Context() ctx: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.change(aid, suspendAccreditation(body, ctx, { id, subId: aid }), ctx, reply);
  }

  /** Lifts a suspension; only the granting QA body may, and a withdrawn accreditation stays withdrawn (409). */
  @Post(':id/accreditations/:aid/reinstatement')
  @HttpCode(200)
  @Roles('qa-body')
  reinstate(
    @IdParam() id: string,
    @IdParam('aid') aid: string,
    @Body() body: EffectiveChangeDto,
    @Context() ctx: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.change(aid, reinstateAccreditation(body, ctx, { id, subId: aid }), ctx, reply);
  }

  @Post(':id/accreditations/:aid/withdrawal')
  @HttpCode(200)
  @Roles('qa-body')
  withdraw(
    @IdParam() id: string,
    @IdParam('aid') aid: string,
    @Body() body: EffectiveChangeDto,
    @Context() ctx: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.change(aid, withdrawAccreditation(body, ctx, { id, subId: aid }), ctx, reply);
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
    aid: string,
    request: CommandRequest<'SuspendAccreditation' | 'ReinstateAccreditation' | 'WithdrawAccreditation'>,
    ctx: CommandContext,
    reply: FastifyReply,
  ) {
    const result = await this.ledger.handle(request, ctx);
    decorate(reply, { id: aid, result });
    const { state } = result;
    return state.status === 'registered'
      ? state.accreditations.find((a) => a.accreditationId === aid)
      : undefined;
  }
}
