import { Get, Headers, NotFoundException, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { VC_JWT_MEDIA_TYPE } from '@credence/credentials';
import type { Principal } from '@credence/domain';
import { LEARNER_CREDENTIAL_COLUMNS, learnerRecord, toCsv } from '@credence/projections';
import { CurrentPrincipal } from '../auth/roles';
import { LearnerClrExporter } from '../credentials/learner-clr';
import { PlatformIssuer } from '../credentials/platform-issuer';
import { IdParam } from '../http/id.pipe';
import { linkNext, sendCsv, wantsCsv } from './export-reply';
import { PageQueryDto } from './read-models.dto';
import { ReadModelController, ReadModelRoute } from './decorators';
import { ReadModels } from './read-models.service';

const SOURCES = ['credentials', 'stacks', 'specifications', 'pathways'];

/** The CLR forms of the record, by Accept; `application/json` (and anything else) keeps the plain answer. */
const wantsClr = (accept: string | undefined) =>
  accept?.includes(VC_JWT_MEDIA_TYPE)
    ? VC_JWT_MEDIA_TYPE
    : /\bapplication\/ld\+json\b/i.test(accept ?? '')
      ? 'application/ld+json'
      : undefined;

@ReadModelController('learners')
export class LearnersController {
  constructor(
    private readonly readModels: ReadModels,
    private readonly clr: LearnerClrExporter,
    private readonly platform: PlatformIssuer,
  ) {}

  @Get(':learnerId/record')
  @ReadModelRoute(
    'Every credential of a pseudonymous learner, oldest issuance first and paged, with its status now and the stacks ' +
      "it is part of; `stacks` lists the stacks with each component's status, the stack's `validUntil` (its " +
      "components' earliest end) and its `formerComponents` (lost, or replaced by a re-issue). An issuer sees only " +
      'what it issued. ' +
      'CSV: one row per credential. `Accept: application/ld+json`: the whole record as a CLR 2.0 ClrCredential ' +
      'issued by the deployment (unsigned: see docs/verifiable-credentials.md); `Accept: application/vc+jwt`: the ' +
      "same CLR as a compact JWS (ES256), its `kid` the deployment's JWK at /platform/keys/{keyId}.jwk.",
    { csv: true, credential: true },
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
    const clrForm = wantsClr(accept);
    if (clrForm) {
      const clr = await this.clr.clr(learnerId, issuerId);
      void reply.header('vary', 'accept');
      void reply.header('content-type', clrForm);
      return clrForm === VC_JWT_MEDIA_TYPE ? this.platform.signJwt(clr) : clr;
    }
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
