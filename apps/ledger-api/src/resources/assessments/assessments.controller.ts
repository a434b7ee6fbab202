import { Body, Controller, Get, HttpCode, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { assessmentDecider, type Principal, streamId } from '@credence/domain';
import { Ledger } from '@credence/ledger';
import { CurrentPrincipal, Roles } from '../../auth/roles';
import { type CommandContext, Context, etagOf } from '../../http/command-context';
import { IdParam } from '../../http/id.pipe';
import { assertMayRead } from '../../http/read-access';
import { created, decorate, existing } from '../../http/responses';
import { NoteDto } from '../common.dto';
import { annulAssessment, RecordAssessmentDto, recordAssessment } from './assessments.dto';

@ApiTags('assessments')
@ApiBearerAuth()
@Controller('assessments')
export class AssessmentsController {
  constructor(private readonly ledger: Ledger) {}

  @Post()
  @Roles('issuer')
  async record(
    @Body() body: RecordAssessmentDto,
    @Context() ctx: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const result = await this.ledger.handle(recordAssessment(body, ctx, {}), ctx);
    return created(reply, { id: ctx.newId, result }, `/v1/assessments/${ctx.newId}`);
  }

  @Post(':id/annulment')
  @HttpCode(200)
  @Roles('issuer')
  async annul(
    @IdParam() id: string,
    @Body() body: NoteDto,
    @Context() ctx: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const result = await this.ledger.handle(annulAssessment(body, ctx, { id }), ctx);
    decorate(reply, { id, result });
    return { id, ...result.state };
  }

  @Get(':id')
  @Roles('qa-body', 'issuer', 'auditor')
  async get(
    @IdParam() id: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { state, version } = await this.ledger.load(assessmentDecider, streamId('assessment', id));
    return existing(version, 'Assessment', id, () => {
      assertMayRead(principal, 'issuerId' in state ? state.issuerId : undefined, 'Assessment', id);
      void reply.header('etag', etagOf(version));
      return { id, ...state };
    });
  }
}
