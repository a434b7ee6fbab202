import { Body, Controller, Get, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { pathwayDecider, type Principal, stackDecider, streamId } from '@credence/domain';
import { Ledger } from '@credence/ledger';
import { CurrentPrincipal, Roles } from '../../auth/roles';
import { type CommandContext, Context, etagOf } from '../../http/command-context';
import { IdParam } from '../../http/id.pipe';
import { assertMayRead } from '../../http/read-access';
import { created, existing } from '../../http/responses';
import {
  AwardStackedCredentialDto,
  awardStackedCredential,
  PublishPathwayDto,
  publishPathway,
} from './pathways.dto';

@ApiTags('pathways')
@ApiBearerAuth()
@Controller()
export class PathwaysController {
  constructor(private readonly ledger: Ledger) {}

  @Post('pathways')
  @Roles('issuer')
  async publish(
    @Body() body: PublishPathwayDto,
    @Context() ctx: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const result = await this.ledger.handle(publishPathway(body, ctx, {}), ctx);
    return created(reply, { id: ctx.newId, result }, `/v1/pathways/${ctx.newId}`);
  }

  @Get('pathways/:id')
  @Roles('admin', 'qa-body', 'issuer', 'auditor', 'regulator')
  async pathway(@IdParam() id: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const { state, version } = await this.ledger.load(pathwayDecider, streamId('pathway', id));
    return existing(version, 'Pathway', id, () => {
      void reply.header('etag', etagOf(version));
      // Which credential backs which stack is each stack's business, not every pathway reader's.
      if (state.status === 'absent') return { id, ...state };
      const { claims: _claims, ...pathway } = state;
      return { id, ...pathway };
    });
  }

  @Post('stacked-credentials')
  @Roles('issuer')
  @ApiCreatedResponse({
    description:
      "The stack id, its `totalEcts`, its `validUntil` (its components' earliest) and `zeroEctsComponentIds`: " +
      'the components counted as 0 ECTS towards `minimumEcts` because their specification states hours only.',
  })
  async award(
    @Body() body: AwardStackedCredentialDto,
    @Context() ctx: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const result = await this.ledger.handle(awardStackedCredential(body, ctx, {}), ctx);
    const { id } = created(reply, { id: ctx.newId, result }, `/v1/stacked-credentials/${ctx.newId}`);
    const { state } = result;
    if (state.status === 'absent') return { id };
    return {
      id,
      totalEcts: state.totalEcts,
      validUntil: state.validUntil ?? null,
      zeroEctsComponentIds: state.zeroEctsComponentIds ?? [],
    };
  }

  @Get('stacked-credentials/:id')
  @Roles('admin', 'qa-body', 'issuer', 'auditor', 'regulator')
  async stack(
    @IdParam() id: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { state, version } = await this.ledger.load(stackDecider, streamId('stack', id));
    return existing(version, 'Stacked credential', id, () => {
      assertMayRead(principal, 'issuerId' in state ? state.issuerId : undefined, 'Stacked credential', id);
      void reply.header('etag', etagOf(version));
      return { id, ...state };
    });
  }
}
