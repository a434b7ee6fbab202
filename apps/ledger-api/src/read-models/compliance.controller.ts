import { Get, Headers, NotFoundException, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { Principal } from '@credence/domain';
import { complianceCsv, issuerCompliance } from '@credence/projections';
import { CurrentPrincipal } from '../auth/roles';
import { IdParam } from '../http/id.pipe';
import { assertMayRead } from '../http/read-access';
import { sendCsv, wantsCsv } from './export-reply';
import { FreshnessQueryDto } from './read-models.dto';
import { ReadModelController, ReadModelRoute } from './decorators';
import { ReadModels } from './read-models.service';

const SOURCES = ['issuers', 'credentials', 'assessment_lead_times', 'compliance_findings'];

@ReadModelController('issuers')
export class ComplianceController {
  constructor(private readonly readModels: ReadModels) {}

  @Get(':id/compliance')
  @ReadModelRoute(
    'Per ruleset version: credentials issued, active, suspended, expired, not yet valid and revoked (by reason), refused ' +
      'commands and warnings by rule id, the median time from assessment to issuance; plus the accreditation history. ' +
      'Active and expired are judged now. CSV: one long table `ruleset,metric,key,value`. An issuer sees only its own.',
    { csv: true },
  )
  async compliance(
    @IdParam() id: string,
    @Query() query: FreshnessQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    assertMayRead(principal, id, 'Issuer', id);
    await this.readModels.fresh(SOURCES, query, reply);
    const report = await issuerCompliance(this.readModels.db, id, Date.now());
    if (!report) throw new NotFoundException(`Issuer ${id} has no records`);
    return wantsCsv(accept) ? sendCsv(reply, complianceCsv(report), `compliance-${id}`) : report;
  }
}
