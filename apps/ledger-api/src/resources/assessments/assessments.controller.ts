import { Body, Controller, Get, HttpCode, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
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
import { RecordAssessmentDto } from './assessments.dto';
import { LedgerCommand } from '../ledger-command';

@ApiTags('assessments')
@ApiBearerAuth()
@Controller('assessments')
export class AssessmentsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly ledger: Ledger,
  ) {}

  @Post()
  @Roles('issuer')
  async record(@Body() body: RecordAssessmentDto, @Context() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    const outcome = await this.commands.execute(new LedgerCommand('RecordAssessment', { body: { ...body }, ctx }));
    return created(reply, outcome, `/v1/assessments/${outcome.id}`);
  }

  @Post(':id/annulment')
  @HttpCode(200)
  @Roles('issuer')
  async annul(@IdParam() id: string, @Body() body: NoteDto, @Context() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    const outcome = await this.commands.execute(new LedgerCommand('AnnulAssessment', { body: { ...body }, ctx, targetId: id }));
    decorate(reply, outcome);
    return { id, ...(outcome.result.state as object) };
  }

  @Get(':id')
  @Roles('qa-body', 'issuer', 'auditor')
  async get(@IdParam() id: string, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) reply: FastifyReply) {
    const { state, version } = await this.ledger.load(assessmentDecider, streamId('assessment', id));
    return existing(version, 'Assessment', id, () => {
      assertMayRead(principal, 'issuerId' in state ? state.issuerId : undefined);
      void reply.header('etag', etagOf(version));
      return { id, ...state };
    });
  }
}
