import { Get, Headers, NotFoundException, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '@credence/domain';
import { LEARNER_CREDENTIAL_COLUMNS, learnerRecord, toCsv } from '@credence/projections';
import { CurrentPrincipal } from '../auth/roles';
import { IdParam } from '../http/id.pipe';
import { linkNext, sendCsv, wantsCsv } from './export-reply';
import { PageQueryDto } from './read-models.dto';
import { ReadModelController, ReadModelRoute } from './decorators';
import { ReadModels } from './read-models.service';

const SOURCES = ['credentials', 'stacks', 'specifications', 'pathways'];

@ReadModelController('learners')
export class LearnersController {
  constructor(private readonly readModels: ReadModels) {}

  @Get(':learnerId/record')
  @ReadModelRoute(
    'Every credential of a pseudonymous learner, oldest issuance first and paged, with its status now and the stacks ' +
      "it is part of; `stacks` lists the stacks with each component's status. An issuer sees only what it issued. " +
      'CSV: one row per credential.',
    { csv: true },
  )
  async record(
    @IdParam('learnerId') learnerId: string,
    @Query() query: PageQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Headers('accept') accept: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    await this.readModels.fresh(SOURCES, query, reply);
    const issuerId = principal.role === 'issuer' ? principal.issuerId : undefined;
    const record = await learnerRecord(this.readModels.db, learnerId, {
      limit: query.limit ?? 50,
      cursor: query.cursor,
      issuerId,
      nowMs: Date.now(),
    });
    if (!record) throw new NotFoundException(`No credentials of learner ${learnerId}`);
    linkNext(reply, request, record.next);
    return wantsCsv(accept)
      ? sendCsv(reply, toCsv(LEARNER_CREDENTIAL_COLUMNS, record.items), `learner-${learnerId}`)
      : record;
  }
}
